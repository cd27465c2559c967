"""A paper's and a chapter's citation as BibTeX and RIS files."""

import pytest
from django.contrib.auth.models import User

from positions.models import Author, Chapter, Paper, Side
from tests.helpers import member

PAPER = "/en/studies/asia-pacific/chapters/2/nids/"
CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def test_a_papers_bibtex_file(client, first_paper: Paper, sato: Author) -> None:
    response = client.get(PAPER + "citation.bib")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="asia-pacific-2-nids.bib"'
    text = response.content.decode("utf-8")
    assert text.startswith("@incollection{asia-pacific-2-nids,\n  author = {Sato, Hanako},\n")
    assert f"  url = {{http://testserver{PAPER}}},\n" in text


def test_a_papers_ris_file_is_utf8(client, first_paper: Paper, sato: Author) -> None:
    first_paper.title = "日米同盟という礎"
    first_paper.save()
    response = client.get(PAPER + "citation.ris")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="asia-pacific-2-nids.ris"'
    assert "TI  - 日米同盟という礎\r\n".encode() in response.content
    assert response.content.startswith(b"TY  - CHAP\r\nAU  - Sato, Hanako\r\n")


def test_a_chapters_files_name_both_sides_authors(
    client, first_paper: Paper, second_paper: Paper, sato: Author
) -> None:
    bib = client.get(CHAPTER + "citation.bib")
    assert bib["Content-Disposition"] == 'attachment; filename="asia-pacific-2.bib"'
    assert "  author = {Sato, Hanako and Ivanova, Olga},\n" in bib.content.decode()
    ris = client.get(CHAPTER + "citation.ris")
    assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert "AU  - Sato, Hanako\r\nAU  - Ivanova, Olga\r\nTI  - Factors" in ris.content.decode()


@pytest.mark.parametrize("name", ["citation.bib", "citation.ris"])
def test_readers_get_no_file_for_a_draft(client, first_paper: Paper, name: str) -> None:
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    assert client.get(PAPER + name).status_code == 404


@pytest.mark.parametrize("name", ["citation.bib", "citation.ris"])
def test_readers_get_no_file_for_an_unpublished_chapter(
    client, first_paper: Paper, name: str
) -> None:
    # As unpublishing leaves it: the papers approved (positions.workflow.publication).
    Chapter.objects.update(status=Chapter.Status.DRAFT)
    Paper.objects.update(status=Paper.Status.APPROVED)
    assert client.get(CHAPTER + name).status_code == 404
    assert client.get(PAPER + name).status_code == 404


def test_staff_of_another_study_get_no_file_for_a_draft(staff_client, first_paper: Paper) -> None:
    first_paper.status = Paper.Status.DRAFT
    first_paper.save()
    assert staff_client.get(PAPER + "citation.bib").status_code == 404


def test_the_studys_team_gets_a_drafts_file_undated(
    client, reviewer: User, first_paper: Paper
) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status="draft", published_on=None)
    client.force_login(reviewer)
    response = client.get(PAPER + "citation.bib")
    assert response.status_code == 200
    assert "year =" not in response.content.decode()


def test_a_chapters_file_leaves_out_the_authors_of_papers_the_reader_may_not_see(
    client, first_paper: Paper, second_paper: Paper, sato: Author
) -> None:
    """Only the team reads an unpublished chapter; a reviewer of another study does not
    get its drafts' authors through the chapter."""
    Chapter.objects.update(status=Chapter.Status.DRAFT)
    Paper.objects.filter(pk=second_paper.pk).update(status="draft", published_on=None)
    client.force_login(member(first_paper.study, "rita", "reviewer"))
    assert "Ivanova" in client.get(CHAPTER + "citation.ris").content.decode()
    client.logout()
    assert client.get(CHAPTER + "citation.ris").status_code == 404


def test_a_paper_file_runs_two_queries(
    client, django_assert_num_queries, first_paper: Paper, second_side: Side
) -> None:
    with django_assert_num_queries(2):
        client.get(PAPER + "citation.bib")
    for n in range(12):
        author = Author.objects.create(name=f"Author {n}", family_name=f"{n}", slug=f"a-{n}")
        first_paper.authorships.create(author=author, order=n + 2)
    with django_assert_num_queries(2):
        response = client.get(PAPER + "citation.ris")
    assert response.content.decode().count("AU  - ") == 13


def test_a_chapter_file_runs_four_queries(
    client, django_assert_num_queries, first_paper: Paper, second_paper: Paper
) -> None:
    with django_assert_num_queries(4):
        client.get(CHAPTER + "citation.ris")
    for paper in (first_paper, second_paper):
        for n in range(10):
            author = Author.objects.create(
                name=f"Author {paper.pk} {n}", family_name=f"{n}", slug=f"a-{paper.pk}-{n}"
            )
            paper.authorships.create(author=author, order=n + 2)
    with django_assert_num_queries(4):
        response = client.get(CHAPTER + "citation.bib")
    assert response.content.decode().count(" and ") == 21 + 1  # 22 names, 2 publishers


@pytest.mark.parametrize(
    ("language", "langid"),
    [("sv", "swedish"), ("en-GB", "british"), ("nb", "norsk"), ("ja", "japanese")],
)
def test_a_papers_bibtex_names_its_language_for_biblatex(
    client, first_paper: Paper, language: str, langid: str
) -> None:
    first_paper.language = language
    first_paper.save()
    text = client.get(PAPER + "citation.bib").content.decode()
    assert f"  language = {{{language}}},\n  langid = {{{langid}}}\n" in text


def test_a_language_babel_does_not_know_gets_no_langid(client, first_paper: Paper) -> None:
    # "qaa" is reserved for local use: no language of CLDR's.
    first_paper.language = "qaa"
    first_paper.save()
    text = client.get(PAPER + "citation.bib").content.decode()
    assert "  language = {qaa}\n" in text
    assert "langid" not in text
