"""A developer reads the API's documentation on a phone and opens an example."""

import json

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect


def test_the_documentation_reads_on_a_phone_and_its_example_answers(page_at, demo):
    page = page_at("/api/docs/", width=390, height=844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.get_by_role("heading", level=1)).to_have_text("Positions API")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
    # An endpoint's example opens in the browser as JSON.
    section = page.locator("#get-api-studies-slug-chapters-number")
    section.get_by_role("link", name="/api/studies/asia-pacific/chapters/1/").click()
    answer = json.loads(page.locator("body").inner_text())
    assert answer["number"] == 1
    assert [paper["side"] for paper in answer["papers"]] == ["nids", "cmss-gs"]
    assert page.console_errors == []
