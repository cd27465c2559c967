"""A paper stays in the chapter and side where its side signed it off.

Found by a security test: a side editor moved its published paper, in the admin, into a
chapter that was not published; the paper stayed published and readers got it there,
and its old chapter lost it. Past the draft, no form moves a paper, and no form changes
a paper's status or publication date: only the workflow's steps do
(`positions.workflow.publication`).
"""

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from positions.exchange.export import export_study
from positions.models import Chapter, Paper, Side, Study
from tests.exchange_archives import chapter as archive_chapter
from tests.exchange_archives import pack, refusal, unpack, with_manifest
from tests.helpers import chapter_form, paper_data, signed_in

CHAPTER_5 = "/en/studies/asia-pacific/chapters/5/"


@pytest.fixture
def chapter_5(study: Study) -> Chapter:
    """A chapter being written: not published, no papers yet."""
    return Chapter.objects.create(study=study, number=5, title="Energy")


def place(paper: Paper) -> tuple:
    paper.refresh_from_db()
    return (paper.chapter_id, paper.side_id, paper.status, paper.published_on)


def test_a_side_editor_cannot_move_a_published_paper_into_another_chapter(
    second_editor: User, chapter: Chapter, second_paper: Paper, chapter_5: Chapter
) -> None:
    before = place(second_paper)
    client = signed_in(second_editor)

    client.post(
        f"/admin/positions/paper/{second_paper.pk}/change/",
        paper_data(
            second_paper, opened_version=second_paper.version, chapter=chapter_5.pk, title="Moved"
        ),
    )

    # The chapter field is read only: the rest of the form is saved, the move is not.
    assert place(second_paper) == before
    assert second_paper.title == "Moved"
    assert Client().get("/en/studies/asia-pacific/chapters/5/cmss-gs/").status_code == 404
    chapter_2 = Client().get("/en/studies/asia-pacific/chapters/2/")
    assert "Moved" in chapter_2.content.decode()


def test_the_admin_shows_the_chapter_and_side_of_a_paper_past_the_draft_as_text(
    second_editor: User, second_paper: Paper
) -> None:
    response = signed_in(second_editor).get(f"/admin/positions/paper/{second_paper.pk}/change/")

    html = response.content.decode()
    assert 'name="chapter"' not in html
    assert 'name="side"' not in html


@pytest.mark.parametrize("status", [Paper.Status.IN_REVIEW, Paper.Status.APPROVED])
def test_no_paper_past_the_draft_moves_in_the_admin(
    chief: User, study: Study, chapter: Chapter, first_paper: Paper, chapter_5: Chapter, status: str
) -> None:
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    Paper.objects.filter(pk=first_paper.pk).update(status=status)
    first_paper.refresh_from_db()
    superuser = User.objects.create_superuser("root", password="a-long-test-password")

    signed_in(superuser).post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, opened_version=first_paper.version, chapter=chapter_5.pk),
    )

    assert place(first_paper)[:3] == (chapter.pk, first_paper.side_id, status)


def test_a_draft_may_move_to_another_chapter_and_stays_a_draft(
    first_editor: User, chapter: Chapter, first_paper: Paper, chapter_5: Chapter
) -> None:
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    first_paper.refresh_from_db()

    response = signed_in(first_editor).post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, opened_version=first_paper.version, chapter=chapter_5.pk),
    )

    assert response.status_code == 302
    assert place(first_paper)[:3] == (chapter_5.pk, first_paper.side_id, Paper.Status.DRAFT)


def test_the_model_refuses_to_move_a_paper_past_the_draft(
    second_paper: Paper, chapter_5: Chapter
) -> None:
    paper = Paper.objects.get(pk=second_paper.pk)
    paper.chapter = chapter_5

    with pytest.raises(ValidationError, match="stays in its chapter and side"):
        paper.full_clean()
    with pytest.raises(ValueError, match="cannot change chapter or side"):
        paper.save()
    assert place(second_paper)[0] != chapter_5.pk


def test_the_model_asks_the_row_so_a_step_taken_meanwhile_counts(
    chapter: Chapter, first_paper: Paper, chapter_5: Chapter
) -> None:
    # Read as a draft; sent for review by someone else before this save.
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    paper = Paper.objects.get(pk=first_paper.pk)
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.IN_REVIEW)
    paper.chapter = chapter_5

    with pytest.raises(ValueError):
        paper.save()


def test_the_chapters_page_offers_no_side_change_for_a_paper_past_the_draft(
    chief: User, study: Study, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.IN_REVIEW)
    Paper.objects.filter(pk=second_paper.pk).delete()
    first_paper.refresh_from_db()
    second_side = study.sides.get(position=2)
    papers = [
        {
            "id": first_paper.pk,
            "side": second_side.pk,
            "title": first_paper.title,
            "language": "en",
            "opened_version": first_paper.version,
            "body": first_paper.body,
            "status": "published",
            # The date is the chief editor's to set (tests/test_publication_dates.py).
        }
    ]
    data = chapter_form(
        {"study": study.pk, "number": "2", "title": chapter.title}, papers, initial_papers=1
    )

    response = signed_in(chief).post(f"/admin/positions/chapter/{chapter.pk}/change/", data)

    assert response.status_code == 302, response.context["errors"]
    assert place(first_paper) == (
        chapter.pk,
        first_paper.side_id,
        Paper.Status.IN_REVIEW,
        datetime.date(2007, 3, 1),
    )


def test_no_form_on_the_site_changes_a_papers_place_or_status(
    first_editor: User, chapter: Chapter, first_paper: Paper, chapter_5: Chapter, study: Study
) -> None:
    before = place(first_paper)
    data = {
        "opened_version": first_paper.version,
        "title": "Edited",
        "abstract": first_paper.abstract,
        "body": first_paper.body,
        "tags": "",
        "message": "",
        # None of these are fields of the form: they are ignored.
        "chapter": chapter_5.pk,
        "side": study.sides.get(position=2).pk,
        "status": "draft",
        "published_on": "2030-01-01",
    }

    response = signed_in(first_editor).post("/en/studies/asia-pacific/chapters/2/nids/edit/", data)

    assert response.status_code == 302
    assert place(first_paper) == before
    assert first_paper.title == "Edited"


def test_no_admin_form_changes_a_papers_status_or_publication_date(
    first_editor: User, first_paper: Paper
) -> None:
    before = place(first_paper)

    signed_in(first_editor).post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(
            first_paper,
            opened_version=first_paper.version,
            status="draft",
            published_on="2030-01-01",
            title="New",
        ),
    )

    assert place(first_paper) == before
    assert first_paper.title == "New"


def test_a_chief_editor_cannot_publish_a_chapter_by_its_form(
    chief: User, study: Study, chapter_5: Chapter
) -> None:
    data = chapter_form(
        {"study": study.pk, "number": "5", "title": "Energy", "status": "published"}
    )

    signed_in(chief).post(f"/admin/positions/chapter/{chapter_5.pk}/change/", data)

    chapter_5.refresh_from_db()
    assert chapter_5.status == Chapter.Status.DRAFT
    assert Client().get(CHAPTER_5).status_code == 404


def test_readers_never_get_a_published_paper_in_a_chapter_that_is_not(
    client: Client, chapter: Chapter, first_paper: Paper, second_paper: Paper
) -> None:
    # However it came about, a paper is public only with its chapter.
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)

    assert not Paper.objects.published().exists()
    assert client.get("/en/studies/asia-pacific/chapters/2/nids/").status_code == 404
    assert "alliance" not in client.get("/sitemap.xml").content.decode()
    assert client.get("/api/papers/").json()["count"] == 0


def test_an_import_that_moves_a_published_paper_into_an_unpublished_chapter_is_refused(
    chapter: Chapter, first_paper: Paper, second_paper: Paper, study: Study, chapter_5: Chapter
) -> None:
    before = place(second_paper)
    files = unpack(export_study(study))

    def move_second_paper(data: dict[str, Any]) -> None:
        # The archive's chapter 2 gives its Russian paper to chapter 5.
        papers = archive_chapter(data, 2)["papers"]
        moved = next(entry for entry in papers if entry["side"] == "cmss-gs")
        papers.remove(moved)
        archive_chapter(data, 5)["papers"].append(moved)

    problems = refusal(pack(with_manifest(files, move_second_paper)), replace=True)

    assert any("published but its chapter is not" in problem for problem in problems)
    assert place(second_paper) == before
    assert not Paper.objects.filter(chapter=chapter_5).exists()


def test_side_is_fixed_once_in_review_for_chief_editors_too(
    chief: User, chapter: Chapter, first_paper: Paper, second_side: Side
) -> None:
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.IN_REVIEW)
    Paper.objects.filter(side=second_side).delete()
    first_paper.refresh_from_db()

    signed_in(chief).post(
        f"/admin/positions/paper/{first_paper.pk}/change/",
        paper_data(first_paper, opened_version=first_paper.version, side=second_side.pk),
    )

    assert place(first_paper)[1] == first_paper.side_id != second_side.pk
