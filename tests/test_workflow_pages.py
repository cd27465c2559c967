"""The sign-off on the site: a paper's status panel and buttons, a chapter's
"what is missing" notice and its publish and unpublish buttons (views_workflow)."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import Chapter, Paper, Point, Step
from positions.workflow import publication as workflow
from tests.helpers import signed_in

CHAPTER = "/en/studies/asia-pacific/chapters/2/"
PAPER = "/en/studies/asia-pacific/chapters/2/nids/"
OTHER_PAPER = "/en/studies/asia-pacific/chapters/2/cmss-gs/"


@pytest.fixture
def unpublished(chapter: Chapter, first_paper: Paper, second_paper: Paper) -> Chapter:
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT, published_on=None)
    Paper.objects.filter(chapter=chapter).update(status=Paper.Status.DRAFT, published_on=None)
    chapter.refresh_from_db()
    return chapter


def status_of(paper: Paper) -> str:
    return Paper.objects.values_list("status", flat=True).get(pk=paper.pk)


def test_readers_do_not_see_an_unpublished_chapter_or_its_papers(
    client: Client, unpublished: Chapter, disagreement: Point
):
    assert client.get(CHAPTER).status_code == 404
    assert client.get(PAPER).status_code == 404
    assert "Factors regulating regional security" not in client.get("/en/").content.decode()
    study = client.get("/en/studies/asia-pacific/").content.decode()
    assert "Factors regulating regional security" not in study


def test_the_team_sees_what_keeps_the_chapter_from_publication(
    unpublished: Chapter, first_paper: Paper, first_editor: User, reviewer: User
):
    workflow.move_paper(first_paper, "submit", first_editor)
    html = signed_in(reviewer).get(CHAPTER).content.decode()
    assert "Not published: readers do not see this chapter" in html
    assert "Japan-side paper: in review since" in html
    assert "Russia-side paper: draft since" in html
    # Only the chief editor publishes, and only once every side approved.
    assert "Publish the chapter" not in html


def test_the_chief_editor_publishes_a_chapter_both_sides_approved(
    client: Client,
    unpublished: Chapter,
    first_paper: Paper,
    second_paper: Paper,
    disagreement: Point,
    first_editor: User,
    second_editor: User,
    chief: User,
):
    for paper, editor in [(first_paper, first_editor), (second_paper, second_editor)]:
        workflow.move_paper(paper, "submit", editor)
        workflow.move_paper(paper, "approve", editor)
    chief_client = signed_in(chief)
    html = chief_client.get(CHAPTER).content.decode()
    assert "Each side has approved its paper" in html and "Publish the chapter" in html

    response = chief_client.post(
        f"{CHAPTER}status/", {"step": "publish", "message": "Out now."}, follow=True
    )
    assert response.redirect_chain[-1][0] == CHAPTER
    assert "The chapter is published" in response.content.decode()
    step = Step.objects.get(action=Step.Action.PUBLISHED)
    assert step.user == chief and step.message == "Out now."
    # Readers see it now, with its papers and its points.
    html = client.get(CHAPTER).content.decode()
    assert "Missile defense" in html and "The alliance as the cornerstone" in html
    assert client.get(PAPER).status_code == 200


def test_publishing_too_early_changes_nothing_and_keeps_the_message(
    unpublished: Chapter, first_paper: Paper, first_editor: User, chief: User
):
    workflow.move_paper(first_paper, "submit", first_editor)
    response = signed_in(chief).post(
        f"{CHAPTER}status/", {"step": "publish", "message": "Typed with care."}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing was changed:" in html and "Russia-side paper: draft since" in html
    # No publish form to put it back in: the message is shown with the reason.
    assert "Typed with care.</pre>" in html
    unpublished.refresh_from_db()
    assert not unpublished.is_published
    assert not Step.objects.filter(action=Step.Action.PUBLISHED).exists()


def test_a_side_editor_cannot_publish_or_unpublish(
    chapter: Chapter, first_paper: Paper, second_paper: Paper, first_editor: User
):
    response = signed_in(first_editor).post(f"{CHAPTER}status/", {"step": "unpublish"})
    assert response.status_code == 409
    assert "Only the chief editor" in response.content.decode()
    chapter.refresh_from_db()
    assert chapter.is_published


def test_unpublishing_hides_the_chapter_and_keeps_everything(
    client: Client,
    chapter: Chapter,
    first_paper: Paper,
    second_paper: Paper,
    disagreement: Point,
    chief: User,
):
    chief_client = signed_in(chief)
    assert "Unpublish this chapter" in chief_client.get(CHAPTER).content.decode()
    response = chief_client.post(f"{CHAPTER}status/", {"step": "unpublish"}, follow=True)
    assert "The chapter is unpublished" in response.content.decode()
    assert client.get(CHAPTER).status_code == 404
    # Its team still reads it all.
    html = chief_client.get(CHAPTER).content.decode()
    assert "Missile defense" in html and "The alliance as the cornerstone" in html
    assert status_of(first_paper) == Paper.Status.APPROVED
    chief_client.post(f"{CHAPTER}status/", {"step": "publish"})
    assert client.get(CHAPTER).status_code == 200


def test_readers_and_strangers_cannot_post_steps(
    client: Client, staff: User, unpublished: Chapter, first_paper: Paper
):
    response = client.post(f"{PAPER}status/", {"move": "submit"})
    assert response.status_code == 302 and "/en/sign-in/" in response["Location"]
    # Staff without a role in the study: the draft does not exist for them.
    assert signed_in(staff).post(f"{PAPER}status/", {"move": "submit"}).status_code == 404
    assert signed_in(staff).post(f"{CHAPTER}status/", {"step": "publish"}).status_code == 404
    assert status_of(first_paper) == Paper.Status.DRAFT


def test_the_papers_page_offers_the_moves_the_person_may_make(
    unpublished: Chapter,
    first_paper: Paper,
    first_editor: User,
    second_editor: User,
    chief: User,
    reviewer: User,
):
    html = signed_in(first_editor).get(PAPER).content.decode()
    assert 'value="submit"' in html and "Send for review" in html
    assert 'value="approve"' not in html
    workflow.move_paper(first_paper, "submit", first_editor)
    html = signed_in(first_editor).get(PAPER).content.decode()
    assert 'value="approve"' in html and 'value="return"' in html
    assert "Waiting for an editor of the Japan side to approve it." in html
    chief_html = signed_in(chief).get(PAPER).content.decode()
    assert 'value="return"' in chief_html and 'value="approve"' not in chief_html
    for person in (second_editor, reviewer):
        html = signed_in(person).get(PAPER).content.decode()
        assert "In review" in html and 'name="move"' not in html


def test_a_side_editor_sends_and_approves_their_paper_on_the_site(
    unpublished: Chapter, first_paper: Paper, first_editor: User
):
    editor = signed_in(first_editor)
    response = editor.post(
        f"{PAPER}status/", {"move": "submit", "message": "Ready for a read."}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"{PAPER}#workflow"
    html = response.content.decode()
    assert "sent for review" in html and "Ready for a read." in html
    editor.post(f"{PAPER}status/", {"move": "approve"})
    assert status_of(first_paper) == Paper.Status.APPROVED
    html = editor.get(PAPER).content.decode()
    assert "Approved by its side: it goes public when the chief editor publishes" in html
    assert html.count('class="steps"') == 1 and "Approved" in html
    # A valid HTML date: seconds without their fraction.
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}">', html)


def test_approving_the_other_sides_paper_is_refused_and_changes_nothing(
    unpublished: Chapter, second_paper: Paper, second_editor: User, first_editor: User
):
    workflow.move_paper(second_paper, "submit", second_editor)
    response = signed_in(first_editor).post(
        f"{OTHER_PAPER}status/", {"move": "approve", "message": "Looks fine to us."}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Only an editor of the Russia side can approve its paper." in html
    # What they typed is still there, though they have no step to take.
    assert "Your message, not recorded:" in html and "Looks fine to us.</pre>" in html
    assert status_of(second_paper) == Paper.Status.IN_REVIEW


def test_a_too_long_message_is_refused_and_kept(
    unpublished: Chapter, first_paper: Paper, first_editor: User
):
    message = "x" * 2001
    response = signed_in(first_editor).post(
        f"{PAPER}status/", {"move": "submit", "message": message}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "The message is too long" in html and f"{message}</textarea>" in html
    assert status_of(first_paper) == Paper.Status.DRAFT


def test_the_steps_are_only_for_post(client: Client, first_editor: User, first_paper: Paper):
    client.force_login(first_editor)
    assert client.get(f"{PAPER}status/").status_code == 405
    assert client.get(f"{CHAPTER}status/").status_code == 405


def test_an_unpublished_chapter_runs_a_fixed_number_of_queries_for_its_team(
    django_assert_num_queries, unpublished: Chapter, first_paper: Paper, chief: User
):
    chief_client = signed_in(chief)
    # Session, user, roles, then the page's own six.
    with django_assert_num_queries(9):
        assert chief_client.get(CHAPTER).status_code == 200
    for n in range(5):
        workflow.move_paper(first_paper, "submit", chief)
        workflow.move_paper(first_paper, "return", chief, f"Round {n}")
    with django_assert_num_queries(9):
        chief_client.get(CHAPTER)


def test_the_papers_page_runs_a_fixed_number_of_queries_for_its_team(
    django_assert_num_queries, unpublished: Chapter, first_paper: Paper, first_editor: User
):
    editor = signed_in(first_editor)
    # Session, user, roles, the page's own six, and the steps.
    with django_assert_num_queries(10):
        assert editor.get(PAPER).status_code == 200
    for n in range(5):
        workflow.move_paper(first_paper, "submit", first_editor)
        workflow.move_paper(first_paper, "return", first_editor, f"Round {n}")
    with django_assert_num_queries(10):
        editor.get(PAPER)
