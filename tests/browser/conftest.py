"""Playwright driving Debian's Chromium against the live test server.

Downloading a browser is impossible here, so the tests use /usr/bin/chromium
(apt package `chromium`). On a laptop without it they are skipped; in CI
(CI=true) a missing Chromium fails the run instead.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by fixtures are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs the chromium package.")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback) -> None:
    # The live server needs committed data, so these tests empty the tables after
    # each test; the serialized rollback puts back what migrations made (the
    # groups of the roles) for the tests that run afterwards.
    call_command("load_demo", verbosity=0)


@pytest.fixture
def page_at(browser, live_server) -> Iterator:
    """Open a page of the live server at a given width: page_at(path, width)."""
    contexts = []

    def open_page(path: str, width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.console_errors = errors
        page.goto(live_server.url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
