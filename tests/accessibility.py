"""axe-core in a real Chromium: the WCAG 2.1 A/AA audit shared by the site and report tests.

axe-playwright-python bundles axe-core (no download). ``audit`` runs the WCAG 2.0/2.1 A and AA rules on
the page as it is shown and returns the violations of impact "serious" or "critical", each with the
elements it found, so a failing test says which rule, where and why. A test that audits many pages
calls ``install`` on its browser context once: axe-core then loads with every page; ``start`` and
``result`` let it audit pages in two browser contexts at once (two renderer processes, two cores).
"""

from __future__ import annotations

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
WIDTHS = (1280, 320)


OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def install(context) -> None:
    """Load axe-core into every page a Playwright browser context opens (saves injecting it per audit)."""
    from axe_playwright_python.sync_playwright import Axe

    context.add_init_script(Axe().axe_script)


def start(page) -> None:
    """Start the audit of ``page`` without waiting for it (axe-core installed), to audit pages side by side."""
    page.evaluate("options => { window.__axeAudit = axe.run(document, options); }", OPTIONS)


def result(page) -> list[dict]:
    """The serious and critical violations of the audit :func:`start` began on ``page``."""
    return _blocking(page.evaluate("() => window.__axeAudit"))


def audit(page) -> list[dict]:
    """The serious and critical WCAG 2.1 A/AA violations axe finds on ``page`` (a Playwright page)."""
    if page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        response = page.evaluate("options => axe.run(document, options)", OPTIONS)
    else:
        from axe_playwright_python.sync_playwright import Axe

        response = Axe().run(page, options=OPTIONS).response
    return _blocking(response)


def _blocking(response: dict) -> list[dict]:
    return [v for v in response["violations"] if v.get("impact") in BLOCKING]


def describe(violations: list[dict], where: str, limit: int = 5) -> str:
    """A readable account of ``violations`` on ``where``: rule, impact, help and the first elements."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(f"{where}: {violation['id']} ({violation['impact']}, {len(nodes)}x): {violation['help']}")
        for node in nodes[:limit]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary[:300]}")
    return "\n".join(lines)
