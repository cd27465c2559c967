from django.contrib.auth.models import User

from positions.discussion.threads import post_comment
from positions.models import Chapter, Paper
from positions.workflow import publication as workflow


def test_it_lists_drafts_mentions_and_missing_papers_of_the_editors_side(
    client, first_editor: User, second_editor: User, first_paper: Paper, second_paper: Paper
):
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    Paper.objects.filter(pk=second_paper.pk).update(status=Paper.Status.DRAFT)
    Chapter.objects.create(study=first_paper.study, number=3, title="Factors to come")
    post_comment(author=second_editor, body="@kenji what do you think?", paper=second_paper)
    client.force_login(first_editor)
    html = client.get("/en/my-work/").content.decode()
    # Their side's draft, not the other side's.
    assert "The alliance as the cornerstone" in html
    assert "Towards collective security" not in html.split("Open threads")[0]
    # The thread that mentions them.
    assert "/en/studies/asia-pacific/chapters/2/cmss-gs/discussion/#comment-" in html
    # Chapter 3 has no Japan paper.
    assert "Chapter 3: Factors to come" in html and "no Japan paper yet" in html


def test_it_lists_papers_waiting_for_the_editors_approval(
    client, first_editor: User, reviewer: User, first_paper: Paper, second_paper: Paper
):
    Chapter.objects.filter(pk=first_paper.chapter_id).update(status=Chapter.Status.DRAFT)
    Paper.objects.filter(chapter=first_paper.chapter_id).update(status=Paper.Status.DRAFT)
    workflow.move_paper(first_paper, "submit", first_editor)
    client.force_login(first_editor)
    html = client.get("/en/my-work/").content.decode()
    approve = html[html.index("Waiting for your side's approval") : html.index("In review:")]
    assert "The alliance as the cornerstone" in approve
    # A reviewer reads it; it is not theirs to approve.
    client.force_login(reviewer)
    html = client.get("/en/my-work/").content.decode()
    assert "Waiting for your side's approval" not in html
    review = html[html.index("In review: read and comment") : html.index("Your drafts")]
    assert "The alliance as the cornerstone" in review
    assert "Towards collective security" not in review


def test_a_chief_editor_sees_the_chapters_ready_to_publish(
    client,
    chief: User,
    first_editor: User,
    second_editor: User,
    first_paper: Paper,
    second_paper: Paper,
):
    chapter = first_paper.chapter
    Chapter.objects.filter(pk=chapter.pk).update(status=Chapter.Status.DRAFT)
    Paper.objects.filter(chapter=chapter).update(status=Paper.Status.APPROVED)
    client.force_login(chief)
    html = client.get("/en/my-work/").content.decode()
    assert "Ready for you to publish" in html
    assert 'href="/en/studies/asia-pacific/chapters/2/#workflow"' in html
    workflow.move_paper(second_paper, "return", second_editor)
    assert "Ready for you to publish" not in client.get("/en/my-work/").content.decode()


def test_a_chief_editor_sees_every_sides_gaps(client, chief: User, study):
    Chapter.objects.create(study=study, number=3, title="Factors to come")
    client.force_login(chief)
    html = client.get("/en/my-work/").content.decode()
    assert "no Japan paper yet" in html and "no Russia paper yet" in html


def test_it_asks_to_sign_in(client, db):
    response = client.get("/en/my-work/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/sign-in/")


def test_it_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, chief: User, study, first_paper: Paper
):
    client.force_login(chief)
    with django_assert_num_queries(8):
        client.get("/en/my-work/")
    for number in range(3, 13):
        Chapter.objects.create(study=study, number=number, title=f"Theme {number}")
    with django_assert_num_queries(8):
        client.get("/en/my-work/")
