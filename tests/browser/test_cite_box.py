"""A reader opens the Cite box, copies a citation and downloads the files, on a phone."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

PAPER = "/en/studies/asia-pacific/chapters/1/cmss-gs/"
CHAPTER = "/en/studies/asia-pacific/chapters/3/"


def test_a_reader_opens_the_papers_cite_box_by_keyboard_on_a_phone(page_at, demo):
    page = page_at(PAPER, width=390, height=844)
    box = page.locator("details.cite")
    chicago = box.locator(".cite__text").first
    expect(chicago).to_be_hidden()
    box.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(chicago).to_be_visible()
    expect(chicago).to_contain_text("Sokolov, Dmitri [Соколов, Дмитрий]. 2007.")
    expect(box.locator(".cite__text").nth(1)).to_contain_text("Sokolov, D. (2007).")
    # Nothing is wider than the phone, long addresses included.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The citation is text a reader can select whole and copy.
    page.evaluate(
        """() => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('.cite__text'));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    selected = page.evaluate("getSelection().toString()")
    assert selected.startswith("Sokolov, Dmitri")
    # The demonstration's notice ends it: nobody copies the citation without it.
    assert "/chapters/1/cmss-gs/. [Demonstration: These texts" in selected
    assert selected.endswith("must not be cited as one.]")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
    with page.expect_download() as download:
        box.get_by_role("link", name="RIS (.ris)").click()
    assert download.value.suggested_filename == "asia-pacific-1-cmss-gs.ris"
    assert page.console_errors == []


def test_the_chapters_cite_box_passes_axe_open_and_is_left_out_of_print(page_at, demo):
    page = page_at(CHAPTER)
    box = page.locator("details.cite")
    box.locator("summary").click()
    expect(box.locator(".cite__text").first).to_contain_text(
        "Sato Hanako 佐藤花子, Watanabe Kenji 渡辺健二, and Dmitri Sokolov [Дмитрий Соколов]."
    )
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
    with page.expect_download() as download:
        box.get_by_role("link", name="BibTeX (.bib)").click()
    assert download.value.suggested_filename == "asia-pacific-3.bib"
    page.emulate_media(media="print")
    expect(box).to_be_hidden()
