"""The published site in a real browser: headless Chromium (Debian's package) driven by Playwright.

Builds the REAL catalog once, serves it on 127.0.0.1 and searches the way a person does: click the
search box, type, click a result, land on the requirement. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
except ImportError:  # reported by _require_browser
    PlaywrightTimeoutError = TimeoutError

from generator.catalog.load import load_catalog
from generator.lint import lint_catalog, vague_requirement_ids
from generator.site.paths import CATEGORY_SLUGS
from tests.site.site_helpers import FIXTURE_CATALOG, REAL_CATALOG, REPO, build_site, make_project

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _require_browser():
    """Chromium and Playwright, or a skip (locally) / a failure (in CI, where they must be there)."""
    missing = []
    if not CHROMIUM.exists():
        missing.append("/usr/bin/chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing.append("playwright (pip install playwright)")
        sync_playwright = None
    if missing:
        message = "browsertest kan niet draaien, ontbreekt: " + ", ".join(missing)
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("real-site")
    config = make_project(root / "project")
    build_site(REAL_CATALOG, root / "site", config)
    return root / "site"


@pytest.fixture(scope="session")
def server(real_site: Path):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=real_site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("de testserver start niet")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser():
    sync_playwright = _require_browser()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


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
