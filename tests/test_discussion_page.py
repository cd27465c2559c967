from django.contrib.auth.models import User
from django.core import mail

from positions.models import Comment, Paper, Point

PAPER = "/en/studies/asia-pacific/chapters/2/nids/discussion/"
POINT = "/en/studies/asia-pacific/chapters/2/points/missile-defense/discussion/"


def test_the_team_starts_a_thread_on_a_passage(client, reviewer: User, first_paper: Paper):
    client.force_login(reviewer)
    response = client.post(PAPER, {"body": "Is this claim sourced?", "passage": "p2"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{PAPER}#comment-{comment.pk}"
    assert (comment.paper, comment.passage, comment.author) == (first_paper, "p2", reviewer)
    html = client.get(PAPER).content.decode()
    assert "Is this claim sourced?" in html
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/#nids-p2"' in html


def test_replies_thread_under_the_first_comment(
    client, reviewer: User, first_editor: User, first_paper: Paper
):
    client.force_login(reviewer)
    client.post(PAPER, {"body": "Source?"})
    thread = Comment.objects.get()
    client.force_login(first_editor)
    client.post(PAPER, {"body": "Added a footnote.", "parent": thread.pk})
    reply = Comment.objects.exclude(pk=thread.pk).get()
    assert reply.parent == thread
    html = client.get(PAPER).content.decode()
    assert html.index("Source?") < html.index("Added a footnote.")


def test_a_thread_is_resolved_and_reopened(client, chief: User, disagreement: Point):
    client.force_login(chief)
    client.post(POINT, {"body": "Wording?"})
    thread = Comment.objects.get()
    response = client.post(f"/en/discussion/{thread.pk}/resolve/", {"action": "resolve"})
    assert response["Location"] == f"{POINT}#comment-{thread.pk}"
    thread.refresh_from_db()
    assert thread.is_resolved and thread.resolved_by == chief
    assert "Resolved by chief" in client.get(POINT).content.decode()
    client.post(f"/en/discussion/{thread.pk}/resolve/", {"action": "reopen"})
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_mentioning_a_colleague_emails_them(
    client,
    django_capture_on_commit_callbacks,
    chief: User,
    second_editor: User,
    staff: User,
    first_paper: Paper,
):
    second_editor.email = "olga@example.org"
    second_editor.save()
    staff.email = "outsider@example.org"
    staff.save()
    client.force_login(chief)
    with_mention = {"body": "@olga please check this; @outsider too; @nobody."}
    # The email goes once the comment is committed.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PAPER, with_mention)
    comment = Comment.objects.get()
    # Only members of the study are mentioned: staff of no role never see comments.
    assert list(comment.mentions.all()) == [second_editor]
    assert [message.to for message in mail.outbox] == [["olga@example.org"]]
    assert "chief mentioned you" in mail.outbox[0].subject
    assert PAPER in mail.outbox[0].body


def test_an_empty_comment_is_refused_with_a_message(client, reviewer: User, first_paper: Paper):
    client.force_login(reviewer)
    response = client.post(PAPER, {"body": "   "})
    assert response.status_code == 400
    assert "Write something first." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_passage_the_paper_lacks_is_refused_and_the_text_kept(
    client, reviewer: User, first_paper: Paper
):
    client.force_login(reviewer)
    response = client.post(PAPER, {"body": "Keep me.", "passage": "p99"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This passage is not in the paper." in html
    assert "Keep me.</textarea>" in html
    assert not Comment.objects.exists()


def test_readers_and_staff_of_no_role_never_see_comments(
    client, staff: User, reviewer: User, first_paper: Paper
):
    Comment.objects.create(study=first_paper.study, paper=first_paper, author=reviewer, body="x")
    assert client.get(PAPER).status_code == 302  # to the sign-in page
    client.force_login(staff)
    assert client.get(PAPER).status_code == 404
    assert client.post(PAPER, {"body": "sneaky"}).status_code == 404
    assert Comment.objects.count() == 1
    thread = Comment.objects.get()
    assert client.post(f"/en/discussion/{thread.pk}/resolve/").status_code == 404
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_the_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, reviewer: User, first_paper: Paper
):
    client.force_login(reviewer)
    client.post(PAPER, {"body": "One."})
    with django_assert_num_queries(5):
        client.get(PAPER)
    thread = Comment.objects.get()
    for n in range(10):
        Comment.objects.create(
            study=first_paper.study, paper=first_paper, author=reviewer, body=f"R{n}", parent=thread
        )
    with django_assert_num_queries(5):
        client.get(PAPER)


def test_the_team_finds_the_discussion_from_the_pages(client, reviewer: User, disagreement: Point):
    assert "discussion/" not in client.get("/en/studies/asia-pacific/chapters/2/").content.decode()
    client.force_login(reviewer)
    chapter = client.get("/en/studies/asia-pacific/chapters/2/").content.decode()
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/discussion/"' in chapter
    assert f'href="{POINT}"' in chapter
    paper = client.get("/en/studies/asia-pacific/chapters/2/nids/").content.decode()
    assert 'href="/en/studies/asia-pacific/chapters/2/nids/discussion/"' in paper
    assert 'href="/en/my-work/"' in paper
