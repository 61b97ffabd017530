"""Headless Chromium for the browser tests: Debian's package, driven by Playwright (never downloaded).

One browser for the whole run (the ``browser`` fixture in tests/conftest.py): Playwright's sync API
refuses a second instance while one is open, whatever order the test modules run in.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_playwright():
    """Playwright's ``sync_playwright``, or a skip (locally) / a failure (in CI, where it must be there)."""
    missing = [] if CHROMIUM.exists() else ["/usr/bin/chromium (apt-get install -y chromium)"]
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


def launch():
    """Start Playwright and Chromium; yields the browser and closes both afterwards."""
    with require_playwright()() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
