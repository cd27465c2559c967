"""The book's downloads and the team's build button (positions.book.views), and the
pages that offer them."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.book.build import Printing, build
from positions.models import Book, Chapter, Paper, Study
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

BOOK = "/en/studies/asia-pacific/book.pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(study: Study, chapter: Chapter, first_paper: Paper, second_paper: Paper) -> Study:
    return study


def test_a_reader_downloads_the_book(client: Client, published: Study) -> None:
    response = client.get(BOOK)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "asia-pacific-default-en-facing-a4.pdf" in response["Content-Disposition"]


def test_the_second_download_is_the_same_build(client: Client, published: Study) -> None:
    client.get(BOOK)
    built = Book.objects.get().built

    client.get(BOOK)

    assert Book.objects.get().built == built


def test_a_change_to_a_chapter_makes_the_next_download_a_new_build(
    client: Client, published: Study, chapter: Chapter
) -> None:
    client.get(BOOK)
    digest = Book.objects.get().digest

    chapter.title = "A new theme"
    chapter.save()
    client.get(BOOK)

    assert Book.objects.get().digest != digest


def test_the_layout_and_the_paper_are_chosen_in_the_address(
    client: Client, published: Study
) -> None:
    response = client.get(f"{BOOK}?layout=sequential&paper=letter")

    assert response.status_code == 200
    book = Book.objects.get()
    assert (book.layout, book.paper_size) == ("sequential", "letter")
    assert client.get(f"{BOOK}?layout=sideways").status_code == 404


def test_a_chapters_book(client: Client, published: Study, chapter: Chapter) -> None:
    response = client.get(f"/en/studies/asia-pacific/chapters/{chapter.number}/book.pdf")

    assert response.status_code == 200
    assert Book.objects.get().chapter == chapter


def test_an_unpublished_chapters_book_is_refused_to_readers(
    client: Client, published: Study
) -> None:
    draft = Chapter.objects.create(study=published, number=7, title="Not yet")

    assert (
        client.get(f"/en/studies/asia-pacific/chapters/{draft.number}/book.pdf").status_code == 404
    )


def test_a_draft_book_is_refused_to_readers(client: Client, published: Study) -> None:
    assert client.get(f"{BOOK}?draft=1").status_code == 404
    assert not Book.objects.exists()


def test_the_team_gets_a_draft_book_never_kept_by_a_cache(published: Study, reviewer: User) -> None:
    response = signed_in(reviewer).get(f"{BOOK}?draft=1")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert Book.objects.get().draft


def test_the_chief_editor_builds_the_book_again(published: Study, chief: User) -> None:
    client = signed_in(chief)

    response = client.post("/en/studies/asia-pacific/book/build/", {"draft": ""})

    assert response.status_code == 302
    assert response["Location"] == BOOK
    assert Book.objects.filter(draft=False).exists()


def test_a_reviewer_builds_a_draft_but_not_the_book(published: Study, reviewer: User) -> None:
    client = signed_in(reviewer)

    assert client.post("/en/studies/asia-pacific/book/build/", {"draft": "1"}).status_code == 302
    assert client.post("/en/studies/asia-pacific/book/build/", {"draft": ""}).status_code == 404
    assert list(Book.objects.values_list("draft", flat=True)) == [True]


def test_a_reader_cannot_build(client: Client, published: Study) -> None:
    response = client.post("/en/studies/asia-pacific/book/build/", {"draft": "1"})

    assert response.status_code in (302, 403)
    assert not Book.objects.exists()


def test_the_study_and_chapter_pages_offer_the_book_with_its_length(
    client: Client, published: Study, chapter: Chapter
) -> None:
    book = build(published, None, Printing())
    chapter_book = build(published, chapter, Printing())

    study_page = client.get("/en/studies/asia-pacific/").content.decode()
    chapter_page = client.get(
        f"/en/studies/asia-pacific/chapters/{chapter.number}/"
    ).content.decode()

    assert f"Download the book (PDF, {book.pages} pages)" in study_page
    assert f"Download the book (PDF, {book.pages} pages)" in chapter_page
    assert f"this chapter (PDF, {chapter_book.pages} pages)" in chapter_page


def test_before_its_first_build_the_book_is_offered_without_a_length(
    client: Client, published: Study
) -> None:
    assert "Download the book (PDF)" in client.get("/en/studies/asia-pacific/").content.decode()
