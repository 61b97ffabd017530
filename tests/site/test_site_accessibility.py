"""WCAG 2.1 AA on the published site (Besluit digitale toegankelijkheid overheid), in a real browser.

Every page of the REAL site (built once with the example reports, see conftest.py) is opened at 1280
and 320 px and audited with axe-core (tests/accessibility.py): no serious or critical WCAG 2.1 A/AA
violation may remain, and no element a keyboard reaches may sit inside ``aria-hidden`` (a screen
reader would not say where the focus is). Keyboard tests tab through a category page, a wide table
on a phone and the search the way a person without a mouse does.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.accessibility import WIDTHS, describe, install, result, start
from tests.site.site_helpers import NML, REPO

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts"

# Focusable elements (tabIndex >= 0, really focusable: focus() lands on them) inside aria-hidden="true".
HIDDEN_FOCUSABLE = """() => {
  const found = [];
  const before = document.activeElement;
  for (const el of document.querySelectorAll('[aria-hidden="true"] *, [aria-hidden="true"]')) {
    if (el.tabIndex < 0 || el.disabled || !el.closest('[aria-hidden="true"]')) continue;
    el.focus({preventScroll: true});
    if (document.activeElement === el) {
      found.push(el.outerHTML.slice(0, 160));
      el.blur();
    }
  }
  if (before && before.focus) before.focus({preventScroll: true});
  return found;
}"""


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as its address relative to the site's root."""
    addresses = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        addresses.append(relative.removesuffix("index.html"))
    return addresses


def test_every_page_is_listed(real_site):
    """The audit below covers the whole site: every kind of page is among the addresses it opens."""
    pages = site_pages(real_site)
    assert len(pages) >= 100, len(pages)
    for wanted in ("", "404.html", f"{NML}/vog/", "vergelijking/vog/", "woordenlijst/", "toegankelijkheid/"):
        assert wanted in pages, wanted
    assert any(p.startswith("bronnen/") for p in pages)
    for report in ("gap-rapport", "gereedheid", "kpi-rapport", "kwartaalrapportage", "contractdossier"):
        assert f"voorbeeldaanbieder/{report}/" in pages, report  # every report page `make site` publishes


def _auditing_tab(browser, width: int):
    """A tab at *width* whose pages load axe-core, without the search index.

    The search index (1 MB, indexed anew by Material on every page) is not loaded: the audit is about
    the page, the search has its own keyboard test below, and indexing it 100 times doubles the run time.
    """
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    install(context)
    context.route("**/search/search_index.json", lambda route: route.abort())
    return context.new_page()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_wcag_violation_on_any_page(browser, server, real_site, width):
    """axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) on every page: nothing serious or critical.

    Two tabs in two browser contexts audit two pages at a time (axe-core's colour checks take seconds
    on a long page; two renderer processes use both cores).
    """
    tabs = [_auditing_tab(browser, width) for _ in range(2)]
    problems: list[str] = []
    pages = site_pages(real_site)
    begin = time.perf_counter()
    try:
        for first in range(0, len(pages), len(tabs)):
            batch = list(zip(tabs, pages[first : first + len(tabs)], strict=False))
            for tab, address in batch:
                tab.goto(server + address, wait_until="load")
                start(tab)
            for tab, address in batch:
                violations = result(tab)
                if violations:
                    problems.append(describe(violations, f"/{address} ({width} px)"))
                hidden = tab.evaluate(HIDDEN_FOCUSABLE)
                if hidden:
                    problems.append(
                        f"/{address} ({width} px): {len(hidden)} focusbare element(en) in aria-hidden: "
                        + "; ".join(hidden)
                    )
    finally:
        for tab in tabs:
            tab.context.close()
    seconds = time.perf_counter() - begin
    print(f"axe-core: {len(pages)} pagina's op {width} px in {seconds:.0f} s")
    assert not problems, f"{len(problems)} pagina's met problemen op {width} px:\n" + "\n".join(problems)


# What a keyboard user sees of the element that has the focus, once its transitions (the skip link
# fades in) have finished.
FOCUSED = """async () => {
  const el = document.activeElement;
  await Promise.all(el.getAnimations().map(animation => animation.finished.catch(() => null)));
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    cls: String(el.className),
    name: (el.getAttribute('aria-label') || el.innerText || el.value || '').replace(/\\s+/g, ' ').trim(),
    role: el.getAttribute('role'),
    hidden: !!el.closest('[aria-hidden="true"]'),
    content: !!el.closest('.md-content'),
    visible: box.width > 0 && box.height > 0 && el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? style.outlineWidth : '',
  };
}"""


def _tab(tab, key: str = "Tab") -> dict:
    tab.keyboard.press(key)
    return tab.evaluate(FOCUSED)


def _screenshot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_keyboard_walks_a_category_page_without_invisible_stops(browser, server):
    """Tab from the top of a category page: skip link, logo, search, then the navigation and the content.

    Every stop is visible, has a name and a focus outline, and none is hidden from a screen reader
    (before: the third stop was an invisible colour-scheme radio button inside aria-hidden, the fifth
    the empty search-results box).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(f"{server}{NML}/kpi/")
        stops = [_tab(tab) for _ in range(45)]
        assert "md-skip" in stops[0]["cls"] and stops[0]["name"] == "Ga naar inhoud", stops[0]
        assert stops[2]["tag"] == "input" and "md-search__input" in stops[2]["cls"], stops[:3]
        assert "md-nav__link" in stops[3]["cls"], stops[3]
        for number, stop in enumerate(stops, 1):
            assert not stop["hidden"], f"tabstop {number} is verborgen voor een schermlezer: {stop}"
            assert stop["visible"], f"tabstop {number} is onzichtbaar: {stop}"
            assert stop["name"], f"tabstop {number} heeft geen naam: {stop}"
            # the search box shows its focus by opening the search (white field, results panel)
            assert stop["outline"] or stop["tag"] == "input", f"tabstop {number} heeft geen focusrand: {stop}"
        toggles = [s for s in stops if s["role"] == "button" and s["name"].startswith("Onderdelen van ")]
        assert toggles, "the arrow that folds a navigation section has a name"
        # the skip link skips the navigation: the next stop is in the page's own content
        tab.goto(f"{server}{NML}/kpi/")
        _tab(tab)
        tab.keyboard.press("Enter")
        stop = _tab(tab)
        assert stop["content"] and stop["visible"] and stop["outline"], stop
        _screenshot(tab, "toetsenbord-na-overslaan.png")
    finally:
        context.close()


def test_keyboard_reaches_and_scrolls_a_wide_table_on_a_phone(browser, server):
    """At 320 px a requirement's norm table scrolls sideways: Tab reaches it, named after its heading."""
    context = browser.new_context(viewport={"width": 320, "height": 740}, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(f"{server}{NML}/kpi/")
        for _ in range(120):
            stop = _tab(tab)
            if stop["role"] == "region":
                break
        else:
            pytest.fail("geen brede tabel bereikt met Tab")
        assert re.fullmatch(r"Tabel: NML-KPI-\d\d · .+", stop["name"]), stop
        assert stop["outline"] and stop["visible"], stop
        before = tab.evaluate("() => document.activeElement.scrollLeft")
        for _ in range(5):
            tab.keyboard.press("ArrowRight")
        tab.wait_for_function("x => document.activeElement.scrollLeft > x", arg=before, timeout=5_000)
        _screenshot(tab, "tabel-met-toetsenbord-320.png")
        # a table that fits is no tab stop: at 1280 px the same page has no scrolling region
        tab.set_viewport_size({"width": 1280, "height": 800})
        tab.wait_for_function(
            "() => !document.querySelector('.md-typeset__scrollwrap[tabindex]') ||"
            " [...document.querySelectorAll('.md-typeset__scrollwrap[tabindex]')]"
            ".every(w => w.scrollWidth > w.clientWidth)",
            timeout=5_000,
        )
    finally:
        context.close()


def test_search_by_keyboard_announces_the_count_and_outlines_the_result(browser, server):
    """Tab to the search, type, hear the number of results (live region), arrow down, Enter."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(server)
        stops = [_tab(tab) for _ in range(3)]
        assert "md-search__input" in stops[2]["cls"], stops
        meta = tab.locator(".md-search-result__meta")
        assert meta.get_attribute("role") == "status" and meta.get_attribute("aria-live") == "polite"
        tab.keyboard.type("VOG", delay=30)
        tab.wait_for_function(
            "() => /^\\d+ overeenkomende? document/"
            ".test(document.querySelector('.md-search-result__meta').textContent.trim())",
            timeout=15_000,
        )
        result = _tab(tab, "ArrowDown")
        assert "md-search-result__link" in result["cls"], result
        assert result["visible"] and float(result["outline"].removesuffix("px") or 0) >= 2, result
        _screenshot(tab, "zoeken-met-toetsenbord.png")
        tab.keyboard.press("Enter")
        tab.wait_for_url(re.compile(r".*/vog/.*"), timeout=10_000)
    finally:
        context.close()


def test_every_page_has_one_main_heading(real_site):
    """One <h1> per page: a screen reader's list of headings starts with the page's own title."""
    pages = sorted(real_site.rglob("*.html"))
    counts = {p.relative_to(real_site).as_posix(): p.read_text(encoding="utf-8").count("<h1") for p in pages}
    assert len(counts) >= 100 and {page: n for page, n in counts.items() if n != 1} == {}
