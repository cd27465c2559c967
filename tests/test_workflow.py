"""The sign-off workflow (positions.workflow.publication): who may move a paper on, when a chapter
can be published, and that nothing is lost on the way."""

import datetime
import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection

from positions.editing.versions import save_if_current
from positions.models import Chapter, Paper, Point, Step
from positions.workflow import publication as workflow

DRAFT, IN_REVIEW, APPROVED, PUBLISHED = (
    Paper.Status.DRAFT,
    Paper.Status.IN_REVIEW,
    Paper.Status.APPROVED,
    Paper.Status.PUBLISHED,
)


@pytest.fixture
def unpublished(chapter: Chapter, first_paper: Paper, second_paper: Paper) -> Chapter:
    """The chapter before publication, both papers drafts."""
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT, published_on=None)
    Paper.objects.filter(chapter=chapter).update(status=DRAFT, published_on=None)
    chapter.refresh_from_db()
    first_paper.refresh_from_db()
    second_paper.refresh_from_db()
    return chapter


def approve(paper: Paper, editor: User) -> None:
    workflow.move_paper(paper, "submit", editor)
    workflow.move_paper(paper, "approve", editor, "Ready.")


def snapshot() -> list:
    return [
        list(Paper.objects.order_by("pk").values_list("status", "published_on", "title")),
        list(Chapter.objects.order_by("pk").values_list("status", "published_on")),
        Step.objects.count(),
    ]


def test_a_paper_goes_from_draft_to_review_to_approved_with_who_when_and_why(
    unpublished: Chapter, first_paper: Paper, first_editor: User
):
    step = workflow.move_paper(first_paper, "submit", first_editor, "Please read section 2.")
    first_paper.refresh_from_db()
    assert first_paper.status == IN_REVIEW
    assert step.user == first_editor and step.message == "Please read section 2."
    assert step.paper == first_paper and step.side_id == first_paper.side_id
    assert step.action == Step.Action.SUBMITTED
    assert first_paper.status_changed == step.created

    workflow.move_paper(first_paper, "approve", first_editor)
    first_paper.refresh_from_db()
    assert first_paper.status == APPROVED
    # Each step is also a revision in the paper's history, with its message.
    reasons = list(first_paper.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Approved", "Sent for review: Please read section 2."]


def test_only_an_editor_of_the_papers_own_side_approves_it(
    unpublished: Chapter,
    second_paper: Paper,
    first_editor: User,
    second_editor: User,
    chief: User,
    reviewer: User,
):
    superuser = User.objects.create_superuser("root", password="a-long-test-password")
    workflow.move_paper(second_paper, "submit", chief)
    before = snapshot()
    for person in (first_editor, chief, reviewer, superuser):
        with pytest.raises(workflow.Refused, match="Only an editor of the Russia side"):
            workflow.move_paper(second_paper, "approve", person)
    assert snapshot() == before
    workflow.move_paper(second_paper, "approve", second_editor)
    second_paper.refresh_from_db()
    assert second_paper.status == APPROVED


def test_reviewers_and_the_other_side_cannot_send_or_return_a_paper(
    unpublished: Chapter, first_paper: Paper, second_editor: User, reviewer: User
):
    before = snapshot()
    for person in (second_editor, reviewer):
        with pytest.raises(workflow.Refused):
            workflow.move_paper(first_paper, "submit", person)
    assert snapshot() == before


def test_a_move_from_the_wrong_status_is_refused_and_changes_nothing(
    unpublished: Chapter, first_paper: Paper, first_editor: User
):
    before = snapshot()
    with pytest.raises(workflow.Refused, match="is draft: this step is not one it can take"):
        workflow.move_paper(first_paper, "approve", first_editor)
    # Someone sent it for review since this copy was read: it cannot be sent again.
    stale = Paper.objects.get(pk=first_paper.pk)
    workflow.move_paper(first_paper, "submit", first_editor)
    before = snapshot()
    with pytest.raises(workflow.Refused, match="in review now: someone moved it on meanwhile"):
        workflow.move_paper(stale, "submit", first_editor)
    with pytest.raises(workflow.Refused, match="no such step"):
        workflow.move_paper(first_paper, "publish", first_editor)
    assert snapshot() == before


def test_returning_to_draft_works_from_review_and_from_approved(
    unpublished: Chapter, first_paper: Paper, first_editor: User, chief: User
):
    workflow.move_paper(first_paper, "submit", first_editor)
    workflow.move_paper(first_paper, "return", chief, "Section 3 needs sources.")
    assert Paper.objects.get(pk=first_paper.pk).status == DRAFT
    approve(first_paper, first_editor)
    workflow.move_paper(first_paper, "return", first_editor)
    assert Paper.objects.get(pk=first_paper.pk).status == DRAFT


def test_the_moves_offered_depend_on_the_status_and_the_person(
    unpublished: Chapter, first_paper: Paper, first_editor: User, chief: User, reviewer: User
):
    def names(user: User) -> list[str]:
        return [move.name for move in workflow.paper_moves(user, first_paper)]

    assert names(first_editor) == ["submit"] and names(chief) == ["submit"]
    assert names(reviewer) == []
    workflow.move_paper(first_paper, "submit", first_editor)
    assert names(first_editor) == ["approve", "return"]
    assert names(chief) == ["return"]


def test_a_chapter_is_published_only_once_every_side_approved_its_paper(
    unpublished: Chapter,
    first_paper: Paper,
    second_paper: Paper,
    first_editor: User,
    second_editor: User,
    chief: User,
):
    approve(first_paper, first_editor)
    workflow.move_paper(second_paper, "submit", second_editor)
    before = snapshot()
    with pytest.raises(workflow.Refused) as refused:
        workflow.publish_chapter(unpublished, chief)
    assert "Russia-side paper: in review since" in refused.value.message
    assert "Japan" not in refused.value.message
    assert snapshot() == before

    workflow.move_paper(second_paper, "approve", second_editor)
    step = workflow.publish_chapter(unpublished, chief, "Chapter 2 is out.")
    unpublished.refresh_from_db()
    assert unpublished.is_published and unpublished.published_on is not None
    assert step.action == Step.Action.PUBLISHED and step.paper is None
    assert step.user == chief and step.message == "Chapter 2 is out."
    assert set(unpublished.papers.values_list("status", flat=True)) == {PUBLISHED}
    assert all(unpublished.papers.values_list("published_on", flat=True))


def test_a_side_editor_cannot_publish_a_chapter(
    unpublished: Chapter,
    first_paper: Paper,
    second_paper: Paper,
    first_editor: User,
    second_editor: User,
):
    approve(first_paper, first_editor)
    approve(second_paper, second_editor)
    before = snapshot()
    with pytest.raises(workflow.Refused, match="Only the chief editor"):
        workflow.publish_chapter(unpublished, first_editor)
    assert snapshot() == before


def test_a_chapter_missing_a_sides_paper_cannot_be_published(
    unpublished: Chapter, first_paper: Paper, second_paper: Paper, first_editor: User, chief: User
):
    second_paper.delete()
    approve(first_paper, first_editor)
    with pytest.raises(workflow.Refused, match="Russia-side paper: not written yet"):
        workflow.publish_chapter(unpublished, chief)


def test_unpublishing_keeps_everything_and_republishing_restores_it(
    chapter: Chapter, first_paper: Paper, second_paper: Paper, disagreement: Point, chief: User
):
    texts = list(Paper.objects.order_by("pk").values_list("title", "body", "published_on"))
    workflow.unpublish_chapter(chapter, chief, "A correction is coming.")
    chapter.refresh_from_db()
    assert not chapter.is_published
    assert chapter.published_on == datetime.date(2007, 3, 1)
    assert set(chapter.papers.values_list("status", flat=True)) == {APPROVED}
    assert Point.objects.filter(pk=disagreement.pk).exists()

    workflow.publish_chapter(chapter, chief)
    chapter.refresh_from_db()
    assert chapter.is_published and chapter.published_on == datetime.date(2007, 3, 1)
    assert set(chapter.papers.values_list("status", flat=True)) == {PUBLISHED}
    # The same words and the dates they were first published on.
    assert list(Paper.objects.order_by("pk").values_list("title", "body", "published_on")) == texts
    actions = list(Step.objects.filter(chapter=chapter).values_list("action", flat=True))
    assert actions == [Step.Action.PUBLISHED, Step.Action.UNPUBLISHED]


def test_publishing_twice_or_unpublishing_a_draft_chapter_is_refused(
    chapter: Chapter, first_paper: Paper, second_paper: Paper, chief: User
):
    with pytest.raises(workflow.Refused, match="already published"):
        workflow.publish_chapter(chapter, chief)
    workflow.unpublish_chapter(chapter, chief)
    with pytest.raises(workflow.Refused, match="not published"):
        workflow.unpublish_chapter(chapter, chief)


def test_an_edit_saved_after_a_move_keeps_the_moves_status(
    unpublished: Chapter, first_paper: Paper, first_editor: User
):
    # The editor's copy was read before the paper was sent for review.
    stale = Paper.objects.get(pk=first_paper.pk)
    workflow.move_paper(first_paper, "submit", first_editor)
    stale.title = "A better title"
    save_if_current(stale, expected_version=stale.version)
    saved = Paper.objects.get(pk=first_paper.pk)
    assert saved.title == "A better title" and saved.status == IN_REVIEW


def test_waiting_names_each_side_and_why(
    unpublished: Chapter, first_paper: Paper, second_paper: Paper, first_editor: User
):
    workflow.move_paper(first_paper, "submit", first_editor)
    first_paper.refresh_from_db()
    sides = list(unpublished.study.sides.all())
    items = [str(item) for item in workflow.waiting(sides, [first_paper, second_paper])]
    assert items[0].startswith("Japan-side paper: in review since ")
    assert items[1].startswith("Russia-side paper: draft since ")
    assert workflow.waiting(sides, []) and len(workflow.waiting(sides, [])) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_two_approvals_at_once_exactly_one_is_made(
    unpublished: Chapter, first_paper: Paper, first_editor: User
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; CI runs this on PostgreSQL.")
    workflow.move_paper(first_paper, "submit", first_editor)
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def press() -> None:
        try:
            paper = Paper.objects.get(pk=first_paper.pk)
            editor = User.objects.get(pk=first_editor.pk)
            barrier.wait()
            workflow.move_paper(paper, "approve", editor)
            outcomes.append("approved")
        except workflow.Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert Step.objects.filter(action=Step.Action.APPROVED).count() == 1
