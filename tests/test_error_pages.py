"""The pages a refused request gets are the site's own: 400, 403 (a refused role and a
refused form), 405. Each says what was refused and why, in the reader's language, and
offers a way on; none is Django's bare page."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import Paper

EDIT = "/{language}/studies/asia-pacific/chapters/2/nids/edit/"


def heading(html: str) -> str:
    [found] = re.findall(r"<h1>(.*?)</h1>", html, re.S)
    return found


def designed(response, status: int, language: str = "en") -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert html.startswith("<!doctype html>")
    assert f'<html lang="{language}">' in html
    assert 'class="site-header"' in html and 'id="main"' in html
    assert f'<p class="eyebrow">{status}</p>' in html
    assert 'href="/' + language + '/"' in html  # a way on: the list of studies
    return html


def test_a_role_that_does_not_allow_it_gets_the_403_page(
    client: Client, first_paper: Paper, second_editor: User
):
    client.force_login(second_editor)
    html = designed(client.get(EDIT.format(language="en")), 403)
    assert heading(html) == "You may not open this page"
    assert "none of your roles in this study allows" in html
    assert "Nothing was changed." in html
    assert 'href="/en/my-work/"' in html


def test_the_403_page_speaks_the_readers_language(
    client: Client, first_paper: Paper, second_editor: User
):
    client.force_login(second_editor)
    html = designed(client.get(EDIT.format(language="ja")), 403, "ja")
    assert heading(html) == "このページを開く権限がありません"


def test_a_form_without_its_token_gets_the_403_page_that_says_nothing_was_saved(
    first_paper: Paper, first_editor: User
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(first_editor)
    response = client.post(EDIT.format(language="en"), {"title": "Lost?"})
    html = designed(response, 403)
    assert heading(html) == "The form was not accepted"
    assert "Nothing was saved." in html
    first_paper.refresh_from_db()
    assert first_paper.title != "Lost?"


def test_a_request_the_site_cannot_read_gets_the_400_page(client: Client, db):
    # A NUL byte in a form field is refused before any view reads it.
    response = client.get("/en/", headers={"host": "bad host"})
    html = designed(response, 400)
    assert heading(html) == "The site could not read this request"


@pytest.mark.parametrize(
    ("url", "language"),
    [("/en/studies/asia-pacific/", "en"), ("/ru/studies/asia-pacific/chapters/2/", "ru")],
)
def test_a_method_a_page_does_not_take_gets_the_405_page(
    client: Client, first_paper: Paper, url: str, language: str
):
    response = client.post(url)
    html = designed(response, 405, language)
    assert response["Allow"] == "GET, HEAD"
    assert f'<a href="{url}">' in html  # the page itself, opened the usual way
    if language == "en":
        assert "It was asked to POST, and it only answers GET, HEAD" in html


def test_the_apis_405_stays_json(client: Client, db):
    response = client.post("/api/studies/")
    assert response.status_code == 405
    assert not response.content.startswith(b"<!doctype")
