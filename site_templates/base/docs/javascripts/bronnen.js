/* Bronpagina's: markeer elke passage die de eis uit het adres aanhaalt (#eis-NML-KPI-07 ->
 * alle elementen met "NML-KPI-07" in data-eisen) en scroll naar de eerste. Bij het laden van de
 * pagina, bij een ander #-adres en na elke pagina-overgang van Material (document$). */
(function () {
  "use strict";
  var MARK = "bron-gemarkeerd";
  var ID = /^[A-Za-z0-9._-]+$/;

  function requirementInHash() {
    var hash = window.location.hash || "";
    try {
      hash = decodeURIComponent(hash);
    } catch (e) {
      return null;
    }
    if (hash.indexOf("#eis-") !== 0) {
      return null;
    }
    var id = hash.slice(5);
    return ID.test(id) ? id : null;
  }

  function highlight() {
    var marked = document.querySelectorAll("." + MARK);
    for (var i = 0; i < marked.length; i++) {
      marked[i].classList.remove(MARK);
    }
    var id = requirementInHash();
    if (!id) {
      return;
    }
    var found = document.querySelectorAll('[data-eisen~="' + id + '"]');
    for (var j = 0; j < found.length; j++) {
      found[j].classList.add(MARK);
    }
    if (found.length) {
      found[0].scrollIntoView({ block: "center" });
    }
  }

  window.addEventListener("hashchange", highlight);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(highlight);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
