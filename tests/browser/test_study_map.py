"""A reader finds a point on the agreement map, on a phone, by keyboard."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

MAP = "/en/studies/asia-pacific/map/"


def test_a_reader_reaches_a_point_from_the_map_by_keyboard_on_a_phone(page_at, demo):
    page = page_at(MAP, width=390, height=844)
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row = page.locator("#chapter-2")
    expect(row.get_by_role("heading", level=2)).to_contain_text("Chapter 2")
    # The link's name is its question and its agreement in words (the symbol is hidden).
    cell = row.get_by_role(
        "link", name=re.compile(r"^The role of bilateral alliances\s*:\s*One side only \(Japan\)$")
    )
    expect(cell).to_be_visible()
    expect(cell).to_contain_text("·")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
    cell.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        re.compile(r"/en/studies/asia-pacific/chapters/2/#point-bilateral-alliances$")
    )
    expect(page.locator("#point-bilateral-alliances")).to_be_in_viewport()
    assert page.console_errors == []


def test_the_map_reads_without_colour_on_a_wide_screen(page_at, demo):
    page = page_at(MAP)
    links = page.locator(".map-cell")
    assert links.count() == 13
    # Every cell says its agreement in words, whatever its colour.
    words = {"Agree", "Partly agree", "Disagree", "One side only"}
    for text in links.locator(".map-cell__agreement").all_inner_texts():
        assert any(word in text for word in words), text
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
