"""The preview endpoint of the edit pages: Markdown rendered as readers would get it."""

from django.contrib.auth.models import User
from django.test import Client

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
