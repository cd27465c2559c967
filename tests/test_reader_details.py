"""Details a reader meets in every interface language: no stray space in a Japanese
sentence, link words tagged with the page's language and not with that of the text
they lead to, and the agreement counts shown alike for all four kinds."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from positions.models import Point

CHAPTER = "/{language}/studies/asia-pacific/chapters/1/"
PAPERS = [
    "/{language}/studies/asia-pacific/chapters/1/nids/",
    "/{language}/studies/asia-pacific/chapters/1/cmss-gs/",
]
# Each language mode of a chapter (?text=) and of a paper; the demo's chapter 1 has
# papers in Japanese and Russian with translations into the other languages.
CHAPTER_MODES = ["", "?text=original", "?text=default", "?text=en", "?text=ja", "?text=ru"]
PAPER_MODES = ["", "?text=en", "?text=ja", "?text=ru"]

# Elements that break a line: text either side of them does not meet.
BLOCKS = set(
    "address article aside blockquote br caption dd details div dl dt footer form h1 h2 h3 "
    "h4 header li main nav ol p section summary table td th tr ul".split()
)
# Inline elements that site.css displays as blocks, such as a text's label.
BLOCK_CLASSES = {"text-label", "passage-link", "cell-label"}
VOID = set("area base br col embed hr img input link meta source wbr".split())
# What a language's words are written in, to tell them apart by sight.
SCRIPTS = {
    "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "en": re.compile(r"[A-Za-z]"),
}


class Page(HTMLParser):
    """The lines of text of a page's <main>, and each link's words with the language
    they are tagged with (the link's own lang or its nearest ancestor's)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[str, str]] = []
        self._link: list[str] | None = None
        self._in_main = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._in_main = True
        block = tag in BLOCKS or bool(BLOCK_CLASSES & set((dict(attrs).get("class") or "").split()))
        if block:
            self.lines.append("")
        if tag in VOID:
            return
        language = dict(attrs).get("lang") or (self._open[-1][1] if self._open else "")
        self._open.append((tag, language, block))
        if tag == "a":
            self._link = [language, ""]

    def handle_endtag(self, tag: str) -> None:
        # Close up to the element this tag ends; a stray end tag closes nothing.
        block = tag in BLOCKS
        if tag in (open_tag for open_tag, _language, _block in self._open):
            while True:
                open_tag, _language, block = self._open.pop()
                if open_tag == tag:
                    break
        if block:
            self.lines.append("")
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None
        if tag == "main":
            self._in_main = False

    def handle_data(self, data: str) -> None:
        if self._in_main:
            self.lines[-1] += data
        if self._link is not None:
            self._link[1] += data

    @property
    def text(self) -> list[str]:
        return [" ".join(line.split()) for line in self.lines if line.strip()]


def get(client: Client, url: str) -> str:
    # The page as a reader gets it first: no text mode remembered from the last.
    client.cookies.pop("columns", None)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def reader_pages(language: str) -> list[str]:
    chapter = CHAPTER.format(language=language)
    papers = [paper.format(language=language) for paper in PAPERS]
    return (
        [f"/{language}/", f"/{language}/studies/asia-pacific/"]
        + [chapter + mode for mode in CHAPTER_MODES]
        + [chapter + "?text=default&agreement=disagree"]
        + [paper + mode for paper in papers for mode in PAPER_MODES]
    )


# A space where a Japanese sentence has none: before its punctuation, after its colon,
# between a full stop and the next sentence, between a date and its particle.
JAPANESE_STRAY_SPACES = re.compile(
    r" [。、：）」]|[：（「] |。 (?=[\d\u3040-\u30ff\u4e00-\u9fff])|\d日 (?=[\u3040-\u30ff])"
)


def test_japanese_pages_have_no_space_between_translated_pieces(client: Client, demo) -> None:
    found = [
        f"{url}: {line}"
        for url in reader_pages("ja")
        for line in Page(get(client, url)).text
        if JAPANESE_STRAY_SPACES.search(line)
    ]
    assert found == []


def test_english_keeps_its_spaces_between_the_same_pieces(client: Client, demo) -> None:
    chapter = Page(get(client, "/en/studies/asia-pacific/chapters/1/?text=en")).text
    assert any(line.startswith("Abstract. Japan's security") for line in chapter)
    assert any(line.startswith("For reference managers: BibTeX") for line in chapter)
    label = re.compile(
        r"Translation; the original is in Japanese\. Translated from the version of .+\. "
        r"Read the original$"
    )
    assert any(label.match(line) for line in chapter)
    empty = Page(get(client, "/en/studies/asia-pacific/chapters/1/?agreement=disagree")).text
    assert "No point of this kind in this chapter. Show all points" in empty


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_a_links_words_carry_the_pages_language_not_the_texts(
    client: Client, demo, language: str
) -> None:
    # A link tagged with another language than the page's must be written in it: a
    # title, a language's own name. Words of the interface ("Read the original") in
    # the reader's language, tagged as the original's, would be read out by a screen
    # reader in the wrong voice and set in the wrong font.
    wrong = []
    for url in reader_pages(language):
        for tagged, words in Page(get(client, url)).links:
            tagged = tagged.split("-")[0]
            # A footnote's "[1]" and "↩︎" have no words.
            if tagged == language or tagged not in SCRIPTS or not re.search(r"[^\W\d_]", words):
                continue
            # Latin letters may stand in any language's text (NATO, WMD); kana, kanji
            # and Cyrillic only in their own.
            others = [script for code, script in SCRIPTS.items() if code not in (tagged, "en")]
            if not SCRIPTS[tagged].search(words) or any(s.search(words) for s in others):
                wrong.append(f"{url}: lang={tagged} {words}")
    assert wrong == []


def test_read_the_original_is_tagged_as_the_page_and_says_where_it_leads(
    client: Client, demo
) -> None:
    html = get(client, "/ja/studies/asia-pacific/chapters/1/?text=en")
    links = re.findall(r"<a [^>]*>原文を読む</a>", html)
    assert len(links) == 2
    assert all("lang=" not in link.replace("hreflang=", "") for link in links)
    assert {re.search(r'hreflang="(\w+)"', link)[1] for link in links} == {"ja", "ru"}


COUNT = re.compile(r'<li class="agreement agreement--(\w+)"><span [^>]*>.</span>(.*?)</li>', re.S)


def counts(html: str) -> list[list[tuple[str, str]]]:
    """Each list of agreement counts on a page, as (kind, words) pairs."""
    lists = re.findall(r'<ul class="counts"[^>]*>(.*?)</ul>', html, re.S)
    return [
        [(kind, " ".join(words.split())) for kind, words in COUNT.findall(found)] for found in lists
    ]


@pytest.mark.parametrize("url", ["/en/", "/en/studies/asia-pacific/"])
def test_the_counts_show_all_four_kinds_zeros_included(
    client: Client, url: str, disagreement: Point, agreement: Point
) -> None:
    # The chapter has no point that is partly agreed nor one that one side raises.
    assert counts(get(client, url)) == [
        [
            ("agree", "1 agreed"),
            ("partly", "0 partly agreed"),
            ("disagree", "1 disagreed"),
            ("one_side", "0 raised by one side"),
        ]
    ]


def test_the_chapters_filters_list_the_same_four_kinds_zeros_included(
    client: Client, disagreement: Point, agreement: Point
) -> None:
    html = get(client, "/en/studies/asia-pacific/chapters/2/")
    filters = re.findall(
        r'class="filter agreement--(\w+)">.*?<span class="filter__count">(\d+)</span>', html
    )
    assert filters == [("agree", "1"), ("partly", "0"), ("disagree", "1"), ("one_side", "0")]
