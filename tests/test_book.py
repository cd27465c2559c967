"""The joint report as a book (positions.book.build): what the built PDF holds, read
back with pypdf."""

import io
import re

import pytest
from pypdf import PdfReader

from positions.book.build import Printing, build
from positions.models import Book, Chapter, Paper, Point, Study

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pages_of(book: Book) -> list[str]:
    with book.file.open("rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    # One space for each run of spaces and line breaks: lines are cut where they fit.
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def first_page_with(pages: list[str], text: str, after: int = 0) -> int:
    """The number (from 1) of the first page after page `after` that holds `text`."""
    return next(number for number, page in enumerate(pages, 1) if number > after and text in page)


@pytest.fixture
def book(
    study: Study, chapter: Chapter, first_paper: Paper, second_paper: Paper, disagreement: Point
) -> Book:
    return build(study, None, Printing())


def test_the_book_holds_the_themes_the_papers_the_points_and_the_colophon(
    book: Book, study: Study, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    text = " ".join(pages_of(book))

    assert chapter.title in text
    assert first_paper.title in text
    assert second_paper.title in text
    assert "Missile defense" in text
    assert "Disagree" in text  # the agreement in words, not only in colour
    assert "http://127.0.0.1:8000/en/studies/asia-pacific/" in text
    cited = (
        "Cite as: National Institute for Defense Studies; Center for Military-Strategic Studies."
    )
    assert cited in text
    assert book.pages == len(pages_of(book))


def test_the_contents_give_the_page_each_part_starts_on(book: Book, chapter: Chapter) -> None:
    pages = pages_of(book)
    contents = first_page_with(pages, "Contents")
    found = re.search(rf"{re.escape(chapter.title)} \.+ ?(\d+)", pages[contents - 1])
    assert found, pages[contents - 1]

    start = int(found.group(1))
    assert pages[start - 1].startswith(f"CHAPTER {chapter.number}") or (
        f"Chapter {chapter.number}" in pages[start - 1] and chapter.title in pages[start - 1]
    )
    assert first_page_with(pages, chapter.title, after=contents) == start


def test_a_footnote_is_on_the_page_of_its_call(book: Book) -> None:
    pages = pages_of(book)
    # The first paper: "The alliance holds.[^1]" and "[^1]: A note."
    call = first_page_with(pages, "The alliance holds.")
    assert "A note." in pages[call - 1]


def test_facing_pages_set_each_section_beside_its_counterpart(
    book: Book, first_paper: Paper, second_paper: Paper
) -> None:
    pages = pages_of(book)
    contents = first_page_with(pages, "Contents")
    first = first_page_with(pages, first_paper.title, after=contents + 1)
    second = first_page_with(pages, second_paper.title, after=contents + 1)

    assert first % 2 == 0  # a left-hand page
    assert second == first + 1  # the right-hand page facing it
    # The papers' second paragraphs, section by section, face each other too.
    assert first_page_with(pages, "Missile defense is defensive.") % 2 == 0
    assert (
        first_page_with(pages, "Missile defense upsets the balance.")
        == first_page_with(pages, "Missile defense is defensive.") + 1
    ) or first_page_with(pages, "Missile defense upsets the balance.") == second


def test_a_point_links_to_its_passages_by_page(book: Book, first_paper: Paper) -> None:
    pages = pages_of(book)
    passage = first_page_with(pages, "Missile defense is defensive.")

    assert f"see p. {passage}" in " ".join(pages)


def test_one_paper_after_the_other_for_a_narrow_reader(
    study: Study, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    book = build(study, None, Printing(layout=Book.Layout.SEQUENTIAL))
    pages = pages_of(book)

    assert first_page_with(pages, first_paper.title, after=2) < first_page_with(
        pages, second_paper.title, after=2
    )


def test_an_index_gives_the_pages_of_each_tag(
    study: Study, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    first_paper.tags.add("missile defense")
    book = build(study, None, Printing())
    pages = pages_of(book)
    index = first_page_with(pages, "Index of tags", after=3)

    found = re.search(r"missile defense (\d+)", pages[index - 1])
    assert found, pages[index - 1]
    assert first_paper.title in pages[int(found.group(1)) - 1]


def test_the_headings_follow_the_language_asked(
    study: Study, chapter: Chapter, first_paper: Paper
) -> None:
    book = build(study, None, Printing(language="ru"))

    assert "Содержание" in pages_of(book)[1]


def test_the_same_texts_are_not_built_twice(book: Book, study: Study) -> None:
    again = build(study, None, Printing())

    assert again.pk == book.pk
    assert again.file.name == book.file.name
    assert again.built == book.built
    assert again.edition == 1


def test_a_change_to_a_chapter_makes_a_new_build(
    book: Book, study: Study, chapter: Chapter
) -> None:
    chapter.title = "Factors regulating security, revised"
    chapter.save()

    again = build(study, None, Printing())

    assert again.pk == book.pk
    assert again.digest != book.digest
    pages = pages_of(again)
    assert "Factors regulating security, revised" in " ".join(pages)
    assert (book.edition, again.edition) == (1, 2)
    assert "Edition 2, built from the site on" in pages[0]  # the cover


def test_a_draft_holds_the_unpublished_chapters_and_says_so_on_every_page(
    study: Study, chapter: Chapter, first_paper: Paper, chief
) -> None:
    unpublished = Chapter.objects.create(study=study, number=5, title="A theme still in draft")

    published = build(study, None, Printing())
    draft = build(study, None, Printing(draft=True), user=chief)

    assert unpublished.title not in " ".join(pages_of(published))
    pages = pages_of(draft)
    assert unpublished.title in " ".join(pages)
    assert all(page.startswith("Draft") or "Draft" in page for page in pages)
    assert draft.pk != published.pk


def test_of_two_builds_at_once_one_is_kept(
    book: Book, study: Study, chapter: Chapter, monkeypatch
) -> None:
    """Two workers build the same book: the one that saves second keeps the first's."""
    from django.db.models import QuerySet

    chapter.title = "A theme changed"
    chapter.save()
    real_first = QuerySet.first
    asked = []

    def first_as_if_not_built_yet(self):
        if self.model is Book and not asked:
            asked.append(True)
            return None
        return real_first(self)

    monkeypatch.setattr(QuerySet, "first", first_as_if_not_built_yet)
    again = build(study, None, Printing())

    assert asked
    assert again.pk == book.pk
    assert Book.objects.count() == 1
    assert again.file.storage.exists(again.file.name)


def test_build_books_builds_each_book_once(
    study: Study, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    from io import StringIO

    from django.core.management import call_command

    Chapter.objects.create(study=study, number=9, title="Not yet published")
    out = StringIO()
    call_command("build_books", stdout=out)

    # The study's and its one published chapter's, in each of the three languages.
    books = Book.objects.order_by("pk")
    assert books.count() == 6
    assert {(book.chapter_id, book.language) for book in books} == {
        (chapter_id, language)
        for chapter_id in (None, chapter.pk)
        for language in ("en", "ja", "ru")
    }
    built = [book.built for book in books]

    call_command("build_books", stdout=StringIO())

    assert [book.built for book in Book.objects.order_by("pk")] == built
    assert "asia-pacific (en): " in out.getvalue()
