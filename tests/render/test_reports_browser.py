"""The standalone HTML reports (gap, KPI, quarterly) in headless Chromium, on a desktop and on a phone.

At 1280 and at 375 pixels wide no page is wider than the window: only a table scrolls sideways, in
its own box; the charts shrink with the page and their quarter labels do not collide. The reports
ask for nothing from elsewhere and show no dialog. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.example_outputs import REPO, file_name, make_outputs

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts"
REPORTS = ("gap-html", "kpi-html", "kwartaalrapportage-html")
SIZES = {"1280": {"width": 1280, "height": 800}, "375": {"width": 375, "height": 740}}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    make_outputs(folder)
    return {case: folder / file_name(case) for case in REPORTS}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("case", REPORTS)
def test_a_report_fits_the_window(browser, reports, case, size):
    phone = size == "375"
    context = browser.new_context(viewport=SIZES[size], locale="nl-NL", is_mobile=phone, has_touch=phone)
    tab = context.new_page()
    requests, dialogs = [], []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        url = reports[case].as_uri()
        tab.goto(url)
        width = tab.evaluate("() => document.documentElement.scrollWidth")
        assert width <= SIZES[size]["width"], f"{case} is {width} px breed bij {size} px"
        for box in tab.locator("svg").all()[:3]:
            bounds = box.bounding_box()
            assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= SIZES[size]["width"], (case, bounds)
        assert [r for r in requests if r != url] == [] and dialogs == []
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{case}-{size}.png"), full_page=False)
    finally:
        context.close()


def test_quarter_labels_of_a_chart_do_not_overlap(browser, reports):
    context = browser.new_context(viewport=SIZES["375"], is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(reports["kwartaalrapportage-html"].as_uri())
        boxes = tab.evaluate(
            """() => [...document.querySelector('figure svg').querySelectorAll('text')]
                .filter(t => /^\\d{4}-Q\\d$/.test(t.textContent))
                .map(t => { const b = t.getBoundingClientRect(); return [b.left, b.right]; })"""
        )
        assert len(boxes) >= 4
        assert all(right <= next_left for (_, right), (next_left, _) in zip(boxes, boxes[1:], strict=False)), boxes
    finally:
        context.close()
