"""On a phone the chapter page shows one paper at a time: a point's link to a passage
of the other paper shows that paper, at the passage, with or without JavaScript."""

from playwright.sync_api import expect

CHAPTER = "/en/studies/asia-pacific/chapters/2/"
JAPAN, RUSSIA = "#paper-nids", "#paper-cmss-gs"
# A point's link to a passage of the Russia paper: "In the Russia paper ↓".
TO_RUSSIA = '.passage-link[href^="#cmss-gs-"]'


def test_at_390_wide_a_link_to_the_hidden_paper_shows_it_at_the_passage(demo, page_at):
    page = page_at(CHAPTER, width=390)
    # The script shows the Japan paper first.
    expect(page.locator(RUSSIA)).to_be_hidden()
    link = page.locator(TO_RUSSIA).first
    passage = page.locator(link.get_attribute("href"))
    link.click()
    expect(page.locator(RUSSIA)).to_be_visible()
    expect(page.locator(JAPAN)).to_be_hidden()
    expect(page.locator(".side-switch").get_by_role("link", name="Russia")).to_have_attribute(
        "aria-current", "true"
    )
    expect(passage).to_be_in_viewport()
    expect(passage).to_be_focused()
    assert page.console_errors == []


def test_at_390_wide_the_switch_still_works_after_an_address_with_a_paper(demo, page_at):
    # The address names the Japan paper, as a shared link or the page without the
    # script does; the switch must still show the Russia paper.
    page = page_at(CHAPTER + JAPAN, width=390)
    page.locator(".side-switch").get_by_role("link", name="Russia").click()
    expect(page.locator(RUSSIA)).to_be_visible()
    expect(page.locator(JAPAN)).to_be_hidden()


def test_at_390_wide_without_javascript_a_passage_link_shows_its_paper(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + CHAPTER)
    # The reader chose the Japan paper with the switch: the Russia paper is hidden.
    page.locator(".side-switch").get_by_role("link", name="Japan").click()
    expect(page.locator(RUSSIA)).to_be_hidden()
    link = page.locator(TO_RUSSIA).first
    passage = page.locator(link.get_attribute("href"))
    link.click()
    expect(page.locator(RUSSIA)).to_be_visible()
    expect(page.locator(JAPAN)).to_be_hidden()
    expect(passage).to_be_in_viewport()
    context.close()


def test_japanese_stands_upright_and_its_headings_break_between_phrases(demo, page_at):
    page = page_at("/ja/studies/asia-pacific/chapters/1/?text=ja", width=390)
    # "No stance stated." is an <em>, and the demo's papers open with an emphasised note.
    slanted = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter((element) => element.closest("[lang]").lang === "ja")
            .filter((element) => getComputedStyle(element).fontStyle !== "normal")
            .map((element) => element.outerHTML.slice(0, 80))"""
    )
    assert slanted == []
    assert page.locator("em.silent").count() > 0
    expect(page.locator(".prose em").first).to_have_css("font-weight", "700")
    expect(page.locator("h1")).to_have_css("word-break", "auto-phrase")
    # English on the same page keeps its italic.
    page.goto(page.url.replace("?text=ja", "?text=en"))
    expect(page.locator(".prose em").first).to_have_css("font-style", "italic")
