"""The preview endpoint of the edit pages: Markdown rendered as readers would get it."""

from django.contrib.auth.models import User
from django.test import Client

from positions.models import limits

URL = "/en/preview/"
UNSAFE = "Safe text.<script>alert('x')</script>\n\n<p onclick=\"steal()\">Click</p>"


def test_it_answers_the_sanitized_html_and_what_was_removed(client: Client, first_editor: User):
    client.force_login(first_editor)
    response = client.post(URL, {"text": UNSAFE, "prefix": "nids"})
    assert response.status_code == 200
    data = response.json()
    assert data["html"].startswith('<p id="nids-p1">Safe text.</p>')
    assert "<script" not in data["html"] and "alert" not in data["html"]
    assert "onclick" not in data["html"]
    assert "Removed 1 <script> element(s) with their content." in data["problems"]
    assert "Removed 1 “onclick” attribute(s) from <p>." in data["problems"]


def test_an_odd_prefix_is_replaced(client: Client, first_editor: User):
    client.force_login(first_editor)
    data = client.post(URL, {"text": "Text.", "prefix": '"><b>'}).json()
    assert data["html"] == '<p id="preview-p1">Text.</p>\n'


def test_anonymous_visitors_and_readers_are_refused(client: Client, db):
    assert client.post(URL, {"text": "Text."}).status_code == 403
    reader = User.objects.create_user("reader", password="a-long-test-password")
    client.force_login(reader)
    assert client.post(URL, {"text": "Text."}).status_code == 403


def test_it_only_answers_posts(client: Client, first_editor: User):
    client.force_login(first_editor)
    assert client.get(URL, {"text": "Text."}).status_code == 405


def test_it_requires_the_csrf_token(first_editor: User):
    client = Client(enforce_csrf_checks=True)
    client.force_login(first_editor)
    assert client.post(URL, {"text": "Text."}).status_code == 403


def test_staff_with_no_role_and_reviewers_are_refused(
    client: Client, staff: User, reviewer: User
) -> None:
    # Staff may open the admin, and reviewers read drafts; neither writes.
    for person in (staff, reviewer):
        client.force_login(person)
        response = client.post(URL, {"text": "Text."})
        assert response.status_code == 403
        assert response.json() == {"error": "Sign in as an editor to preview."}


def test_chief_editors_and_superusers_preview(client: Client, chief: User) -> None:
    root = User.objects.create_superuser("root", password="a-long-test-password")
    for person in (chief, root):
        client.force_login(person)
        assert client.post(URL, {"text": "Text."}).status_code == 200


def test_a_text_longer_than_a_paper_may_be_is_not_rendered(
    client: Client, first_editor: User
) -> None:
    client.force_login(first_editor)

    response = client.post(URL, {"text": "x" * (limits.PAPER_BODY + 1)})

    assert response.status_code == 400
    assert response.json() == {
        "error": "The text is too long to preview: a paper has at most 200,000 characters."
    }
    assert client.post(URL, {"text": "x" * limits.PAPER_BODY}).status_code == 200
