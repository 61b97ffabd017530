"""Every standalone HTML report meets WCAG 2.1 AA in Chromium, on a desktop (1280 px) and a phone (320 px).

Municipalities that publish the reports are bound by WCAG 2.1 AA. The gap report, the readiness matrix,
the KPI report, the quarterly report, the contract dossier and the catalog diff are made from the
example provider's data (tests/render/standalone_reports.py) and audited with axe-core: no serious or
critical WCAG 2.1 A/AA violation at either width. Beyond what axe checks: the page never scrolls
sideways at 320 px (reflow, 1.4.10), a box that scrolls is reached with the keyboard and named, no
focusable element is hidden from assistive technology, a page has one ``<h1>``, a ``<main>``, a Dutch
``lang`` and a title, every column header has a name, and every chart has a name and points to its table.
The labels of a chart never overlap, also with many periods, long labels and many providers.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.dossier.analysis import Dossier, KpiInfo, Point, Series
from generator.dossier.reports import Cell as DossierCell
from generator.kpi.engine import Cell
from generator.render import dossier_report
from generator.render.svg_chart import chart_svg
from tests.accessibility import WIDTHS, audit, describe
from tests.hardening.example_outputs import REPO
from tests.render.standalone_reports import REPORTS, make_reports

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts"

# What axe does not check: reflow, the scrolling boxes, focus hidden from assistive technology, the frame.
FACTS = """() => {
  const focusable = 'a[href],button,input,select,textarea,[tabindex]:not([tabindex="-1"]),details>summary';
  const scrolls = [...document.querySelectorAll('body *')].filter(el => {
    const style = getComputedStyle(el);
    return ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
  });
  return {
    width: document.documentElement.scrollWidth,
    lang: document.documentElement.lang,
    title: document.title.trim(),
    mains: document.querySelectorAll('main').length,
    h1: document.querySelectorAll('h1').length,
    emptyHeaders: [...document.querySelectorAll('th')].filter(th => !th.textContent.trim()).length,
    hiddenFocus: [...document.querySelectorAll('[aria-hidden="true"]')]
      .flatMap(el => [el, ...el.querySelectorAll(focusable)]).filter(el => el.matches(focusable)).length,
    scrolling: scrolls.length,
    unreachable: scrolls.filter(el => !el.matches(focusable) || !el.getAttribute('aria-label')
      || el.getAttribute('role') !== 'region').map(el => el.outerHTML.slice(0, 80)),
    charts: [...document.querySelectorAll('svg')].map(svg => ({
      named: svg.getAttribute('role') === 'img' && !!svg.getAttribute('aria-label'),
      link: (svg.closest('figure')?.querySelector('figcaption a')?.getAttribute('href')) || '',
    })),
  };
}"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    return make_reports(tmp_path_factory.mktemp("html"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", REPORTS)
def test_a_report_meets_wcag_at_both_widths(browser, reports, name, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(reports[name].as_uri())
        violations = audit(tab)
        assert not violations, describe(violations, f"{name} bij {width} px")
        facts = tab.evaluate(FACTS)
        assert facts["width"] <= width, f"{name} is {facts['width']} px breed bij {width} px"
        assert (facts["lang"], facts["mains"], facts["h1"], facts["emptyHeaders"]) == ("nl", 1, 1, 0), facts
        assert facts["title"] and facts["hiddenFocus"] == 0, facts
        assert facts["unreachable"] == [], facts["unreachable"]
        for chart in facts["charts"]:
            assert chart["named"], f"{name}: een grafiek zonder naam"
            if chart["link"]:  # the caption's link goes to a table on the page
                assert tab.locator(f"{chart['link']} table").count() == 1, chart
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"a11y-{name}-{width}.png"), full_page=False)
    finally:
        context.close()


def test_the_audit_is_not_blind(browser, reports):
    """At 320 px the wide tables do scroll (so the boxes are tested), and a table box without a tabindex
    or with its name taken away is what axe and the checks above catch."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    tab = context.new_page()
    try:
        tab.goto(reports["kpi"].as_uri())
        assert tab.evaluate(FACTS)["scrolling"] > 0
        tab.evaluate("() => document.querySelectorAll('.tabel').forEach(box => box.removeAttribute('tabindex'))")
        assert "scrollable-region-focusable" in [v["id"] for v in audit(tab)]
        assert tab.evaluate(FACTS)["unreachable"]
        hidden = '<h1 aria-hidden="true" tabindex="0">x</h1>'
        tab.evaluate(f"() => document.body.insertAdjacentHTML('beforeend', '{hidden}')")
        facts = tab.evaluate(FACTS)
        assert facts["h1"] == 2 and facts["hiddenFocus"] == 1
    finally:
        context.close()


def test_the_change_marks_are_more_than_colour(browser, reports):
    """Added and removed words in the diff show a + or − and are underlined or struck through."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    tab = context.new_page()
    try:
        tab.goto(reports["diff"].as_uri())
        marks = tab.evaluate(
            """() => ['ins', 'del'].map(tag => { const el = document.querySelector(tag);
                 return [getComputedStyle(el, '::before').content, getComputedStyle(el).textDecorationLine]; })"""
        )
        assert marks[0][0].startswith('"+"') and marks[0][1] == "underline", marks
        assert marks[1][0].startswith('"−"') and marks[1][1] == "line-through", marks
        assert tab.get_by_text("met + ervoor en onderstreept is toegevoegd").count() == 1
    finally:
        context.close()


# --- charts: labels never overlap ---------------------------------------------------------------------

OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('svg text')].map(t => [t.textContent, t.getBoundingClientRect()]);
  const hits = [];
  boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) hits.push(a + ' / ' + b);
  }));
  const svg = document.querySelector('svg').getBoundingClientRect();
  const outside = boxes.filter(([, r]) => r.left < svg.left - 0.5 || r.right > svg.right + 0.5
    || r.top < svg.top - 0.5 || r.bottom > svg.bottom + 0.5).map(([t]) => t);
  return {hits, outside, shown: boxes.length};
}"""


def _labels_apart(browser, svg: str, width: int) -> dict:
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    try:
        tab.set_content(f'<!DOCTYPE html><html lang="nl"><body style="margin:0">{svg}</body></html>')
        return tab.evaluate(OVERLAPS)
    finally:
        context.close()


def _quarters(count: int) -> list[str]:
    return [f"{2010 + i // 4}-Q{i % 4 + 1}" for i in range(count)]


@pytest.mark.parametrize("count", [4, 8, 16, 40])
def test_quarterly_chart_labels_never_overlap(browser, count):
    quarters = _quarters(count)
    cells = [Cell(i % 7, 10, 0, 10.0 * (i % 11), "voldoet" if i % 2 else "voldoet_niet", 10) for i in range(count)]
    svg = chart_svg("Duurzame uitstroom per kwartaal tegen de norm (minimaal 80%)", quarters, cells, 80.0, True)
    for width in WIDTHS:
        found = _labels_apart(browser, svg, width)
        assert found["hits"] == [] and found["outside"] == [], (count, width, found)
        assert f">{quarters[-1]}<" in svg  # the newest quarter is always labelled


def _dossier(periods: list[str], providers: list[str]) -> tuple[Dossier, KpiInfo]:
    kpi = KpiInfo(
        key="NML-KPI-04|duurzame_uitstroom",
        requirement="NML-KPI-04",
        title="Duurzame uitstroom",
        label="Duurzame uitstroom",
        norm={},
        norm_text="minimaal 80%",
        operator=">=",
        target=80.0,
        percent=True,
    )
    series = tuple(
        Series(
            kpi,
            provider,
            tuple(
                Point(period, DossierCell(40.0 + (i * 7 + n * 13) % 60, 1, 2, 0, None, None, "voldoet", False), True)
                for i, period in enumerate(periods)
            ),
        )
        for n, provider in enumerate(providers)
    )
    dossier = Dossier(
        tender="noord-midden-limburg-mo",
        providers=tuple(providers),
        periods=tuple(periods),
        kpis=(kpi,),
        series=series,
        runs=(),
        agenda=(),
        reports=(),
        peildatum=dt.date(2025, 12, 31),
        min_cel=5,
    )
    return dossier, kpi


PROVIDERS = [
    "Stichting Voorbeeldopvang",
    "Stichting Anker",
    "Leger des Heils Welzijns- en Gezondheidszorg regio Noord- en Midden-Limburg",
    "Stichting Baken",
    "Zorggroep De Lange Naam voor Maatschappelijke Opvang en Beschermd Wonen",
    "Stichting Zesde",
    "Stichting Zevende Aanbieder",
]


@pytest.mark.parametrize(
    ("periods", "providers"),
    [
        (_quarters(4), PROVIDERS[:1]),
        (_quarters(24), PROVIDERS),
        ([f"periode {n} (januari t/m december 20{10 + n})" for n in range(10)], PROVIDERS[:3]),
    ],
    ids=["vier-kwartalen", "zes-jaar-zeven-aanbieders", "lange-namen"],
)
def test_dossier_chart_labels_never_overlap(browser, periods, providers):
    dossier, kpi = _dossier(periods, providers)
    svg = dossier_report.chart_svg(dossier, kpi)
    for width in WIDTHS:
        found = _labels_apart(browser, svg, width)
        assert found["hits"] == [] and found["outside"] == [], (width, found)
    shown = {name[:20] for name in providers}
    assert all(f">{name}" in svg for name in shown)  # every provider is in the legend
    assert f">{periods[-1]}<" in svg
