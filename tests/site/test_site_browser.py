"""The published site in a real browser: headless Chromium (Debian's package) driven by Playwright.

Builds the REAL catalog once, with the example provider's Markdown reports as `make site` does, serves
it on 127.0.0.1 and uses it the way a person does: search (click the search box, type, click a result,
land on the requirement), read the navigation and the footer, look at a tender's status, and scroll a
comparison table on a phone (375 px). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
except ImportError:  # reported by require_playwright
    PlaywrightTimeoutError = TimeoutError

from generator.catalog.load import load_catalog
from generator.lint import lint_catalog, vague_requirement_ids
from generator.site.paths import CATEGORY_SLUGS
from tests.site.site_helpers import FIXTURE_CATALOG, NML, PHONE, REAL_CATALOG, REPO, build_site, make_project

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    tab = context.new_page()
    tab.external_requests = []
    tab.dialogs = []

    def _route(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:  # the site must not request anything from elsewhere
            tab.external_requests.append(route.request.url)
            route.abort()

    tab.route("**/*", _route)
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def _screenshot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / name), full_page=False)


def _search(tab, query: str):
    """Open the search the way a person does and type *query*; return the result links."""
    box = tab.locator("input.md-search__input")
    if box.count() and box.first.is_visible():
        box.first.click()
    else:  # Zensical: the search is a dialog behind a button
        tab.locator("button.md-search__button, [aria-label*='Zoek'], [aria-label*='Search']").first.click()
        box = tab.locator("input[type='search'], input[type='text']").filter(visible=True)
    tab.keyboard.type(query, delay=30)
    results = tab.locator(".md-search-result a[href*='#'], [class*='search'] a[href*='#']")
    results.first.wait_for(state="attached", timeout=15_000)
    _wait_until_settled(tab)
    return results


def _wait_until_settled(tab) -> None:
    """Wait until the result list stops changing: results arrive in batches, slower on a busy machine."""
    tab.wait_for_function(
        """() => { const list = document.querySelector('.md-search-result') || document.body;
                   const now = list.innerHTML;
                   const same = window.__opvangLast === now;
                   window.__opvangLast = now;
                   return same; }""",
        polling=400,
        timeout=20_000,
    )


def _anchors(results) -> list[str]:
    return [href.rsplit("#", 1)[1] for href in results.evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def _open_result(tab, results, wanted: re.Pattern) -> str:
    """Click the first result whose anchor matches *wanted* (unfolding "meer op deze pagina"); return it."""
    tab.wait_for_load_state("networkidle")
    anchors = [a for a in _anchors(results) if wanted.fullmatch(a)]
    assert anchors, f"geen zoekresultaat dat past bij {wanted.pattern}: {_anchors(results)}"
    anchor = anchors[0]
    link = tab.locator(f".md-search-result a[href$='#{anchor}'], [class*='search'] a[href$='#{anchor}']").first
    for attempt in range(3):  # the list may still re-render under load: retry on a fresh element
        try:
            if not link.is_visible():  # further matches on one page are folded away: unfold them as a person does
                tab.locator(f"details:has(a[href$='#{anchor}']) > summary").first.click(timeout=5_000)
            link.wait_for(state="visible", timeout=5_000)
            link.click(timeout=5_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            _wait_until_settled(tab)
    tab.wait_for_url(re.compile(rf".*#{re.escape(anchor)}$"), timeout=10_000)
    return anchor


def _assert_landed(tab, anchor: str) -> None:
    assert tab.url.endswith(f"#{anchor}"), tab.url
    target = tab.locator(f"[id='{anchor}']")
    target.wait_for(state="visible", timeout=5_000)
    tab.wait_for_function(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        arg=anchor,
        timeout=5_000,
    )
    assert anchor in target.inner_text()


def test_search_vog_finds_requirements_of_two_tenders_and_lands_on_one(page, server):
    page.goto(server)
    results = _search(page, "VOG")
    vog = re.compile(r"[A-Z]{2,5}-VOG-\d{2,3}")
    # results arrive in batches; wait until requirements of at least two tenders are listed
    page.wait_for_function(
        """() => { const codes = new Set();
                   for (const a of document.querySelectorAll('.md-search-result a[href*="#"]')) {
                     const m = (a.getAttribute('href') || '').match(/#([A-Z]{2,5})-VOG-\\d+$/);
                     if (m) codes.add(m[1]); }
                   return codes.size >= 2; }""",
        timeout=15_000,
    )
    anchors = [a for a in _anchors(results) if vog.fullmatch(a)]
    assert len({a.split("-")[0] for a in anchors}) >= 2, anchors
    _screenshot(page, "zoeken-vog.png")
    anchor = _open_result(page, results, vog)
    _assert_landed(page, anchor)
    _screenshot(page, f"eis-{anchor}.png")
    assert page.external_requests == []


def test_search_requirement_id_lands_on_it(page, server):
    wanted = "NML-KPI-07"
    page.goto(server)
    results = _search(page, wanted)
    page.wait_for_function(
        "id => [...document.querySelectorAll('.md-search-result a')].some(a => a.href.endsWith('#' + id))",
        arg=wanted,
        timeout=15_000,
    )
    _screenshot(page, "zoeken-id.png")
    anchor = _open_result(page, results, re.compile(re.escape(wanted)))
    _assert_landed(page, anchor)
    _screenshot(page, f"eis-{anchor}.png")
    assert page.external_requests == []


def test_script_in_requirement_text_is_shown_as_text(browser, tmp_path_factory):
    """The fixture catalog's VBO-REP-02 contains <script>alert('x')</script>: visible text, no alert."""
    root = tmp_path_factory.mktemp("script-site")
    config = make_project(root / "project")
    build_site(FIXTURE_CATALOG, root / "site", config)
    target = root / "site" / "voorbeeld-opvang" / "rapportage" / "index.html"
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        tab.goto(target.as_uri() + "#VBO-REP-02")
        paragraph = tab.locator("p", has_text="De monitor")
        assert paragraph.inner_text() == "De monitor <script>alert('x')</script> wordt **jaarlijks** besproken."
        assert tab.locator("article script").count() == 0
        _screenshot(tab, "script-als-tekst.png")
        assert dialogs == []
    finally:
        context.close()


def test_vague_badge_is_visible_and_leads_to_the_finding(page, server):
    """A vaguely worded requirement shows the badge; clicking it lands on its finding on the quality page."""
    catalog = load_catalog(REAL_CATALOG)
    wanted = sorted(vague_requirement_ids(lint_catalog(catalog)))[0]
    req = catalog.requirement(wanted)
    page.goto(f"{server}{req.tender}/{CATEGORY_SLUGS[req.category]}/#{wanted}")
    badge = page.locator(f"h2[id='{wanted}'] + p a.badge-vaag")
    badge.wait_for(state="visible", timeout=5_000)
    assert badge.inner_text() == "vaag geformuleerd"
    _screenshot(page, "badge-vaag.png")
    badge.click()
    anchor = f"kwaliteit-{wanted}"
    page.wait_for_url(re.compile(rf".*/kwaliteit-van-de-eisen/#{re.escape(anchor)}$"), timeout=10_000)
    heading = page.locator(f"h3[id='{anchor}']")
    heading.wait_for(state="visible", timeout=5_000)
    page.wait_for_function(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        arg=anchor,
        timeout=5_000,
    )
    assert heading.inner_text().startswith(f"{wanted} · ")
    findings = page.locator(f"xpath=//h3[@id='{anchor}']/following::table[1]").inner_text()
    assert "Vage formulering (VAGUE)" in findings
    _screenshot(page, "kwaliteit-melding.png")
    assert page.external_requests == []


def _nav_labels(tab) -> list[str]:
    return [
        " ".join(text.split())
        for text in tab.locator(".md-nav--primary > .md-nav__list > .md-nav__item").evaluate_all(
            "els => els.map(e => (e.querySelector(':scope > .md-nav__link, :scope > a') || {}).innerText || '')"
        )
    ]


def test_navigation_puts_the_requirements_first_with_clean_addresses(page, server):
    page.goto(server)
    assert _nav_labels(page) == [
        "Start",
        "Aanbestedingen",
        "Vergelijken",
        "Bronnen",
        "Woordenlijst",
        "Downloads",
        "Voorbeeldaanbieder",
        "Tags",
        "Over deze site",
    ]
    hrefs = page.locator("nav.md-nav--primary a[href]").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and not [h for h in hrefs if "/generated/" in h]
    # a pruned section is a link to its first page, where it unfolds
    page.locator("nav.md-nav--primary .md-nav__link", has_text="Over deze site").first.click()
    page.wait_for_url(f"{server}wijzigingen/", timeout=10_000)
    about = page.locator("nav.md-nav--primary a.md-nav__link:visible")
    about.filter(has_text="Benchmarks").wait_for(state="visible", timeout=5_000)
    assert about.filter(has_text="Alle commando's").count() == 1
    _screenshot(page, "navigatie-over-deze-site.png")
    page.locator("nav.md-nav--primary .md-nav__link", has_text="Aanbestedingen").first.click()
    page.wait_for_url(f"{server}aanbestedingen/", timeout=10_000)
    assert page.title().startswith("Aanbestedingen")
    assert page.external_requests == []


def test_footer_is_dutch(page, server):
    page.goto(f"{server}{NML}/vog/")
    footer = page.locator("footer.md-footer").inner_text()
    assert "De eisen komen uit openbare aanbestedingsdocumenten van gemeenten." in footer
    assert "Made with" not in footer and "Material for MkDocs" not in footer
    assert "Vorige" in footer and "Volgende" in footer


def test_tender_page_shows_its_status(page, server):
    page.goto(f"{server}{NML}/")
    status = page.locator("article .admonition").first
    status.wait_for(state="visible", timeout=5_000)
    assert status.locator(".admonition-title").inner_text() == "Status: Afgelopen"
    text = status.inner_text()
    assert "Het contract liep van 1 januari 2022 tot en met 31 december 2025." in text
    assert "Stand op 30 november 2026." in text
    _screenshot(page, "status-afgelopen.png")


def _all_results(tab, query: str) -> list[str]:
    """Every result link of *query* (page and section links), in the order shown; loads the whole list."""
    _search(tab, query)
    tab.wait_for_load_state("networkidle")
    count = -1
    for _ in range(60):  # four more results each time the list is scrolled to its end, as a person does
        tab.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap'); w.scrollTop = 0; }")
        tab.wait_for_timeout(100)
        tab.evaluate(
            "() => { const w = document.querySelector('.md-search__scrollwrap'); w.scrollTop = w.scrollHeight; }"
        )
        tab.wait_for_timeout(250)
        now = tab.locator(".md-search-result a").count()
        if now == count:
            break
        count = now
    return tab.locator(".md-search-result a").evaluate_all(
        "els => els.map(e => new URL(e.href).pathname + new URL(e.href).hash)"
    )


def test_search_woning_finds_a_requirement_that_only_says_woningen(page, server):
    catalog = load_catalog(REAL_CATALOG)
    only_plural = {
        req.id
        for req in catalog.requirements
        if re.search(r"\bwoningen\b", f"{req.title} {req.text}", re.IGNORECASE)
        and not re.search(r"\bwoning\b", f"{req.title} {req.text} {req.note or ''}", re.IGNORECASE)
    }
    assert only_plural, "the real catalog has requirements that say 'woningen' and never 'woning'"
    page.goto(server)
    found = {link.rsplit("#", 1)[1] for link in _all_results(page, "woning") if "#" in link}
    assert only_plural & found, (sorted(only_plural), sorted(found))
    _screenshot(page, "zoeken-woning.png")
    # whole words still find themselves: a stemmer in the index would turn "opvangduur" into "opvangdur"
    page.goto(server)
    assert f"/{NML}/kpi/#NML-KPI-10" in _all_results(page, "opvangduur")


def _kind(path: str) -> str:
    parts = [p for p in path.split("#", 1)[0].split("/") if p]
    if parts[:1] == ["voorbeeldaanbieder"]:
        return "rapport"
    if len(parts) == 2 and parts[1] in CATEGORY_SLUGS.values():
        return "eis"
    return "ander"


@pytest.mark.parametrize("query", ["opvangduur", "VOG", "uitstroom", "plan binnen 48 uur"])
def test_search_ranks_requirements_above_the_example_reports(page, server, query):
    page.goto(server)
    pages = [link for link in _all_results(page, query) if "#" not in link]  # one link per page, best first
    kinds = [_kind(link) for link in pages]
    assert kinds[0] == "eis", pages
    assert "rapport" in kinds, f"the example reports mention '{query}' too: {pages}"
    assert max(i for i, k in enumerate(kinds) if k == "eis") < kinds.index("rapport"), pages


def _on_top(cell) -> bool:
    """Whether *cell* is what a person sees at its place (nothing drawn over it)."""
    return cell.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                   return el === hit || el.contains(hit); }"""
    )


def test_comparison_table_on_a_phone_keeps_the_first_column_and_reaches_every_tender(browser, server):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        tab.goto(f"{server}vergelijking/vog/")
        table = tab.locator("article table").first
        table.scroll_into_view_if_needed()
        headers = table.locator("thead th").all_inner_texts()
        column = next(i for i, text in enumerate(headers) if "Noord- en Midden-Limburg" in text)
        row = table.locator("tbody tr").first
        filled = row.locator("td").nth(column)
        topic = row.locator("td").first
        assert "NML-VOG-" in filled.inner_text()
        assert filled.bounding_box()["x"] >= PHONE["width"], "at 375 px the tender's column starts off-screen"
        _screenshot(tab, "vergelijking-375.png")
        filled.scroll_into_view_if_needed()  # as a person swipes the table sideways
        tab.wait_for_timeout(200)
        box, first = filled.bounding_box(), topic.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        assert 0 <= first["x"] <= 1 and first["x"] + first["width"] <= box["x"] + 1, (first, box)
        assert _on_top(topic), "the first column stays in view, above the cells that slide under it"
        _screenshot(tab, "vergelijking-375-opzij.png")
        width = tab.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], "only the table scrolls sideways, not the page"
    finally:
        context.close()


def test_requirement_norm_table_on_a_phone_keeps_the_norm_in_view(browser, server):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        tab.goto(f"{server}{NML}/kpi/#NML-KPI-10")
        table = tab.locator("h2[id='NML-KPI-10'] ~ .md-typeset__scrollwrap table").first
        table.scroll_into_view_if_needed()
        last = table.locator("tbody tr").first.locator("td").last
        first = table.locator("tbody tr").first.locator("td").first
        last.scroll_into_view_if_needed()
        tab.wait_for_timeout(200)
        assert 0 <= first.bounding_box()["x"] <= 1 and _on_top(first)
        assert last.bounding_box()["x"] + last.bounding_box()["width"] <= PHONE["width"] + 1
        _screenshot(tab, "norm-375.png")
    finally:
        context.close()


def test_bron_of_a_requirement_lands_on_its_highlighted_passage(page, server):
    """A reader follows "Bron" of NML-KPI-10 and lands on the passage it quotes, highlighted, in view."""
    page.goto(server + f"{NML}/kpi/#NML-KPI-10")
    bron = page.locator("xpath=//h2[@id='NML-KPI-10']/following::a[contains(@href, 'bronnen/')][1]")
    assert bron.count() == 1
    href = bron.get_attribute("href")
    assert href.endswith("#eis-NML-KPI-10"), href
    assert "Bijlage L" in bron.inner_text()  # the document's title, not its file name
    bron.click()
    page.wait_for_url(re.compile(r".*/bronnen/.*#eis-NML-KPI-10$"))
    marked = page.locator(".bron-gemarkeerd")
    marked.first.wait_for(state="visible", timeout=10_000)
    text = " ".join(marked.all_inner_texts())
    assert "acute dakloosheid" in text and "80%" in text, text
    assert page.evaluate(
        "() => { const r = document.querySelector('.bron-gemarkeerd').getBoundingClientRect();"
        " return r.bottom > 0 && r.top < window.innerHeight; }"
    ), "the quoted passage is in view"
    background = page.evaluate("() => getComputedStyle(document.querySelector('.bron-gemarkeerd')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    _screenshot(page, "bron-passage.png")
    assert not page.external_requests


def test_sources_have_their_own_section_with_titles_not_file_names(page, server):
    page.goto(server)
    section = page.locator("nav.md-nav--primary a", has_text="Bronnen").first
    section.click()  # the navigation is pruned: a section shows its pages once opened
    page.wait_for_url(re.compile(r".*/bronnen/.+"))
    pages = page.evaluate(
        """() => [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link')]
                 .filter(a => /\\/bronnen\\/[^/#]+\\/$/.test(a.href)).map(a => a.textContent.trim())"""
    )
    titles = list(dict.fromkeys(pages))
    assert len(titles) == 5 and not any(".txt" in t or t[:3].isdigit() for t in titles), titles
