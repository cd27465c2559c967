"""A Japanese or Russian reader reads the whole demo study in their language: by
default, no public page under /ja/ or /ru/ shows a text of the study's own in English,
the language its joint texts are written in, when it has a translation.

The names (study, sides, institutes, tags) have their own test (test_names_on_pages);
this one is about the texts: the chapters' themes and summaries, the points' questions
and stances, the papers' titles and abstracts."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from taggit.models import Tag

from positions.models import Chapter, Paper, Study

LANGUAGES = ["ja", "ru"]


class PageText(HTMLParser):
    """Everything a page shows in <main> and its <title>, whatever its `lang`, except
    the citations, which name a work as it is written."""

    SKIPPED = {"cite", "print-header"}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []
        self._in_main = self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._in_main = True
        if tag == "title":
            self._in_title = True
        if tag in {"meta", "link", "input", "br", "img", "hr", "wbr"}:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = any(c.split("__")[0] in self.SKIPPED for c in classes)
        self._open.append((tag, skipped or bool(self._open and self._open[-1][1])))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        if tag == "title":
            self._in_title = False
        if any(open_tag == tag for open_tag, _skipped in self._open):
            while self._open.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        skipped = bool(self._open and self._open[-1][1])
        if self._in_title or (self._in_main and not skipped):
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def english_texts(study: Study) -> list[str]:
    """The study's texts in English that have a translation into Japanese and Russian."""
    texts = []
    for chapter in Chapter.objects.filter(study=study).prefetch_related("points"):
        texts += [chapter.title, chapter.summary]
        for point in chapter.points.all():
            texts += [point.question, point.first_stance, point.second_stance]
    for paper in Paper.objects.filter(chapter__study=study).prefetch_related("translations"):
        english = next(t for t in paper.translations.all() if t.language == "en")
        texts += [english.title, english.abstract]
    return [" ".join(text.split()) for text in texts if text]


def default_pages(language: str) -> list[str]:
    """Every public page of the demo in `language`, as a reader first opens it."""
    study = f"/{language}/studies/asia-pacific/"
    # A search in the reader's words finds the texts in them (one in English finds
    # the English texts, as it should).
    words = {"ja": "中国", "ru": "Китай"}[language]
    pages = [f"/{language}/", study, f"{study}map/", f"/{language}/search/?q={words}"]
    for chapter in Chapter.objects.filter(study__slug="asia-pacific").prefetch_related(
        "papers__side"
    ):
        url = f"{study}chapters/{chapter.number}/"
        pages.append(url)
        pages += [f"{url}{paper.side.slug}/" for paper in chapter.papers.all()]
    pages += [f"/{language}/tags/{tag.slug}/" for tag in Tag.objects.all()]
    return pages


def found_in(page: str, texts: list[str]) -> list[str]:
    return [text for text in texts if re.search(re.escape(text), page)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_an_english_text_that_has_a_translation(
    client: Client, demo: Study, language: str
) -> None:
    texts = english_texts(demo)
    assert len(texts) > 40
    # The check can fail: the English pages show these very texts.
    english = PageText(client.get("/en/studies/asia-pacific/chapters/2/").content.decode())
    assert len(found_in(english.text(), texts)) >= 6
    found = {}
    for url in default_pages(language):
        response = client.get(url)
        assert response.status_code == 200, url
        if shown := found_in(PageText(response.content.decode()).text(), texts):
            found[url] = shown
    assert found == {}, "\n".join(f"{url}: {shown}" for url, shown in found.items())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_reads_in_the_readers_language_by_default(
    client: Client, demo: Study, language: str
) -> None:
    for chapter in demo.chapters.prefetch_related("translations", "points__translations"):
        html = client.get(f"/{language}/studies/asia-pacific/chapters/{chapter.number}/")
        page = PageText(html.content.decode()).text()
        theme = next(t for t in chapter.translations.all() if t.language == language)
        assert theme.title in page and " ".join(theme.summary.split()) in page
        for point in chapter.points.all():
            for translation in point.translations.all():
                if translation.language == language:
                    assert " ".join(translation.text.split()) in page, (point.slug, translation)
