"""A chapter printed to PDF on A4: the points table and both papers, in their own
languages, with their footnotes and where their links lead; no navigation."""

import io
import re
import unicodedata

from pypdf import PdfReader

CHAPTER = "/en/studies/asia-pacific/chapters/1/"
# A4 in PostScript points, as Chromium writes it (210 × 297 mm).
A4 = (595.92, 842.88)


def printed(page) -> tuple[str, PdfReader]:
    """The text of the PDF Chromium prints `page` to, and the PDF."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "\n".join(pdf_page.extract_text() for pdf_page in reader.pages)
    # The fonts map some characters to compatibility forms: ideographs to Kangxi
    # radicals (⽇ for 日), "fi" to a ligature. NFKC gives back the characters typed.
    return unicodedata.normalize("NFKC", text), reader


def spaced(text: str) -> str:
    """Lines joined: a sentence wrapped across lines reads as typed."""
    return " ".join(text.split())


def unspaced(text: str) -> str:
    """Japanese, written without spaces, wraps anywhere: compare it without them."""
    return re.sub(r"\s+", "", text)


def test_a_printed_chapter_has_the_points_and_both_papers_and_no_navigation(demo, page_at):
    text, reader = printed(page_at(CHAPTER))
    assert all(
        (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) == A4
        for p in reader.pages
    )
    assert len(reader.pages) <= 4
    words = spaced(text)
    # The chapter and its points table, in English, the study's language.
    assert "Japan–Russia Joint Research: Security Issues in the Asia-Pacific Region" in words
    assert "What the joint research means to each side" in words
    assert "Where the sides agree and disagree" in words
    assert "QUESTION JAPAN (NIDS) RUSSIA (CMSS GS) AGREEMENT" in words
    assert "The new threats: terrorism and the spread of WMD" in words
    # The Russian paper in Russian, with its footnote; the Japanese paper in Japanese.
    assert "Значение Японии для безопасности России" in words
    assert "Предисловие называет три причины, по которым Россия ценит Японию." in words
    assert "В предисловии добавлено" in words
    assert "日本にとってロシアとの安全保障対話が持つ意義" in unspaced(text)
    assert "平成17年度以降に係る防衛計画の大綱" in unspaced(text)
    # No header, search box, language switcher, breadcrumbs back to the list, choice
    # of languages, chapter list or footer.
    for navigation in [
        "Skip to content",
        "All studies",
        "Search",
        "日本語",
        "Each side in its own language",
        "The military and political foundations",
        "Sign in for editors",
        "each institute signs only its own papers",
    ]:
        assert navigation not in words


def test_both_papers_print_side_by_side_from_a_phone_too(demo, page_at):
    # On a phone the switch shows one paper at a time; a printout has both.
    page = page_at(CHAPTER, width=390)
    assert page.locator("#paper-cmss-gs").is_hidden()
    text, _reader = printed(page)
    assert "Предисловие называет три причины, по которым Россия ценит Японию." in spaced(text)
    assert "日本にとってロシアとの安全保障対話が持つ意義" in unspaced(text)
    # The print layout: the A4 page's width, less its margins, is about 680px.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 960})
    first = page.locator("#paper-nids").bounding_box()
    second = page.locator("#paper-cmss-gs").bounding_box()
    assert first and second
    assert abs(first["y"] - second["y"]) < 2
    assert first["x"] + first["width"] <= second["x"]
    # The points stay a table, with its head, rather than the narrow screen's cards.
    assert page.locator(".points-table thead").is_visible()
    assert page.locator(".points-table").evaluate("table => getComputedStyle(table).display") == (
        "table"
    )
    assert page.locator(".site-header").is_hidden()


def test_where_links_lead_is_written_out_except_within_the_page(demo, page_at):
    page = page_at(CHAPTER)
    # A paper's link out of the site, one to another page of it, and one within the page.
    page.locator("#paper-cmss-gs .prose p").nth(1).evaluate(
        """paragraph => paragraph.insertAdjacentHTML("beforeend",
            ' <a href="https://www.nids.mod.go.jp/english/">NIDS site</a>'
            + ' <a href="/en/authors/olga-ivanova/">her page</a>'
            + ' <a href="#nids-p2">the passage</a>.')"""
    )
    words = spaced(printed(page)[0])
    assert "NIDS site <https://www.nids.mod.go.jp/english/>" in words
    assert "her page </en/authors/olga-ivanova/>" in words
    assert "the passage." in words
    assert "#nids-p2" not in words
    # Footnote marks and their way back are within the page too.
    assert "#fn" not in words and "↩" not in words


def test_a_printed_chapter_says_where_it_is_from_and_how_to_cite_it(demo, page_at, live_server):
    words = spaced(printed(page_at(CHAPTER))[0])
    # The study, the chapter's date as precisely as the study knows it, its address.
    assert "Japan–Russia Joint Research: Security Issues in the Asia-Pacific Region" in words
    assert f"Published March 2007 · {live_server.url}{CHAPTER}" in words
    # One Chicago entry, with the demonstration's notice that no citation may lack.
    assert "Cite as: Sato Hanako" in words
    assert "2007. “What the Joint Research Means to Each Side.”" in words
    assert "[Demonstration: These texts were written to show this site." in words


def test_printed_passage_links_name_the_section_they_lead_to(demo, page_at):
    text = printed(page_at(CHAPTER))[0]
    words = spaced(text)
    # The Japan paper's passages have headings, named as the paper (in Japanese) has
    # them; the Russia paper's are paragraphs.
    assert "Japanpaper,“テロリズムと拡散”" in unspaced(text)
    assert "Japanpaper,“エネルギー”" in unspaced(text)
    assert "Russia paper, paragraph 3" in words
    assert "In the Japan paper" not in words and "↓" not in words


def test_the_print_header_is_for_print_only(demo, page_at):
    page = page_at(CHAPTER)
    assert page.locator(".print-header").is_hidden()
    assert page.get_by_role("link", name="In the Japan paper").first.is_visible()
    page.emulate_media(media="print")
    assert page.locator(".print-header").is_visible()
    # The abstract box is never split across two pages.
    assert (
        page.locator(".abstract").first.evaluate("box => getComputedStyle(box).breakInside")
        == "avoid"
    )
