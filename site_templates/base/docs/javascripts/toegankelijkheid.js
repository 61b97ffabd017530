/* Toegankelijkheid (WCAG 2.1 AA) waar Material zelf tekortschiet; zie ook stylesheets/extra.css.
 *
 * - Een brede tabel schuift opzij in .md-typeset__scrollwrap. Zolang die echt schuift, kan het
 *   toetsenbord hem bereiken (tabindex=0; dan schuiven de pijltjestoetsen) en noemt een schermlezer
 *   hem "Tabel: <de kop erboven>" (role=region). Past de tabel, dan is er geen extra tabstop.
 * - Zoeken: het lege resultatenvak is geen tabstop meer (de resultaten zelf zijn links), en het
 *   aantal resultaten staat in een live region, zodat een schermlezer het voorleest.
 * - Navigatie: het pijltje dat een onderdeel open- en dichtklapt, heeft geen tekst; het heet nu
 *   "Onderdelen van <onderdeel>", is een knop en zegt of het open is.
 */
(function () {
  "use strict";
  var HEADINGS = "h1, h2, h3, h4, h5, h6";

  function headingText(heading) {
    var text = "";
    for (var i = 0; i < heading.childNodes.length; i++) {
      var node = heading.childNodes[i];
      if (!(node.classList && node.classList.contains("headerlink"))) {
        text += node.textContent;
      }
    }
    return text.replace(/\s+/g, " ").trim();
  }

  function headingBefore(element, headings) {
    var found = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) {
        found = headings[i];
      } else {
        break;
      }
    }
    return found;
  }

  function tableWrappers() {
    var wrappers = document.querySelectorAll(".md-content .md-typeset__scrollwrap");
    var headings = document.querySelectorAll(".md-content " + HEADINGS.split(", ").join(", .md-content "));
    for (var i = 0; i < wrappers.length; i++) {
      var wrapper = wrappers[i];
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        var heading = headingBefore(wrapper, headings);
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", "Tabel" + (heading ? ": " + headingText(heading) : ""));
      } else { // een label op een gewone div mag niet (axe: aria-prohibited-attr)
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    }
  }

  function search() {
    var wrap = document.querySelector(".md-search__scrollwrap");
    if (wrap) {
      wrap.removeAttribute("tabindex");
    }
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {
      meta.setAttribute("role", "status");
      meta.setAttribute("aria-live", "polite");
    }
  }

  function navigationToggles() {
    var labels = document.querySelectorAll(".md-nav__container > label.md-nav__link[for]");
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i];
      var link = label.parentNode.querySelector("a.md-nav__link");
      var box = document.getElementById(label.htmlFor);
      if (!link || !box || label.textContent.trim()) {
        continue;
      }
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", "Onderdelen van " + link.textContent.replace(/\s+/g, " ").trim());
      var sync = (function (target, toggle) {
        return function () {
          target.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
        };
      })(label, box);
      sync();
      box.addEventListener("change", sync);
    }
  }

  var pending = null;
  function later() {
    if (pending === null) {
      pending = window.setTimeout(function () {
        pending = null;
        tableWrappers();
      }, 150);
    }
  }

  function setup() {
    tableWrappers();
    search();
    navigationToggles();
  }

  window.addEventListener("resize", later);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
