"""A reader switches the interface language and searches, in the browser."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def test_the_switcher_keeps_the_page_and_the_language_stays(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + CHAPTER + "?agreement=disagree")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="日本語").click()
    expect(page).to_have_url(
        re.compile(r"/ja/studies/asia-pacific/chapters/2/\?agreement=disagree$")
    )
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator(".eyebrow")).to_have_text("第2章")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
    # Back at the root, the reader gets the language they read last.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/ja/")
    context.close()


def test_a_search_from_the_header_lists_results_with_the_words_marked(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/ru/")
    box = page.get_by_role("search", name="Поиск по сайту").get_by_role("searchbox")
    box.fill("alliances")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/ru/search/\?q=alliances"))
    expect(page.locator(".search-result").first).to_be_visible()
    expect(page.locator(".search-result mark").first).to_be_visible()
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
    context.close()
