"""The pages a refused request gets are the site's own: 400, 403 (a refused role and a
refused form), 405. Each says what was refused and why, in the reader's language, and
offers a way on (the list of studies, and the page the reader came from when it is one
of this site's); none is Django's bare page."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory

from positions.models import Paper
from positions.web.errors import permission_denied

EDIT = "/{language}/studies/asia-pacific/chapters/2/nids/edit/"
BACK = "Back to the page you came from"


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


def test_the_403_page_leads_back_to_the_page_the_reader_came_from(
    client: Client, first_paper: Paper, second_editor: User
):
    client.force_login(second_editor)
    paper = "/en/studies/asia-pacific/chapters/2/nids/"
    response = client.get(
        EDIT.format(language="en"), headers={"referer": f"http://testserver{paper}"}
    )
    html = designed(response, 403)
    assert f'<a href="{paper}">{BACK}</a>' in html


@pytest.mark.parametrize(
    "referer", ["https://evil.example/en/", "http://testserver" + EDIT.format(language="en")]
)
def test_the_403_page_leads_back_neither_to_another_site_nor_to_itself(
    client: Client, first_paper: Paper, second_editor: User, referer: str
):
    client.force_login(second_editor)
    html = designed(client.get(EDIT.format(language="en"), headers={"referer": referer}), 403)
    assert BACK not in html
    assert "evil.example" not in html


def test_a_refusal_of_a_reader_not_signed_in_offers_to_sign_in(db):
    # The team's pages send such a reader to sign in before any refusal; one raised
    # anyway (by a view without login_required) still offers it.
    request = RequestFactory().get("/en/my-work/")
    request.user = AnonymousUser()
    html = permission_denied(request, PermissionDenied()).content.decode()
    assert "This page is for the study's team. Nothing was changed." in html
    assert 'href="/en/sign-in/?next=/en/my-work/"' in html


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


def test_the_refused_form_leads_back_to_itself_in_the_readers_language(
    first_paper: Paper, first_editor: User
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(first_editor)
    edit = EDIT.format(language="ja")
    response = client.post(
        edit, {"title": "Lost?"}, headers={"referer": f"http://testserver{edit}"}
    )
    html = designed(response, 403, "ja")
    assert heading(html) == "フォームを受け付けられませんでした"
    assert f'<a href="{edit}">' in html


def test_a_sign_in_whose_token_expired_gets_the_403_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/sign-in/", {"username": "chief", "password": "x"})
    html = designed(response, 403)
    assert heading(html) == "The form was not accepted"


def test_a_request_the_site_cannot_read_gets_the_400_page(client: Client, db):
    # A Host the site does not serve is refused before any view runs.
    response = client.get("/en/", headers={"host": "bad host"})
    html = designed(response, 400)
    assert heading(html) == "The site could not read this request"
    assert "Nothing was changed." in html


def test_the_400_page_speaks_the_readers_language_and_trusts_no_page_of_a_bad_host(
    client: Client, db
):
    response = client.get(
        "/ja/", headers={"host": "bad host", "referer": "http://bad host/ja/search/"}
    )
    html = designed(response, 400, "ja")
    assert heading(html) == "このリクエストを読み取れませんでした"
    assert "元のページに戻る" not in html and "http://bad host" not in html


def test_a_form_the_site_will_not_read_gets_the_400_page(client: Client, db):
    # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: Django refuses to read the form.
    fields = {f"field{number}": "x" for number in range(1001)}
    response = client.post("/ru/sign-in/", {"username": "chief", **fields})
    html = designed(response, 400, "ru")
    assert heading(html) == "Сайт не смог прочитать этот запрос"


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


def test_the_405_page_leads_back_to_the_page_the_form_was_on(client: Client, first_paper: Paper):
    chapter = "/en/studies/asia-pacific/chapters/2/"
    response = client.post(
        "/en/studies/asia-pacific/", headers={"referer": f"http://testserver{chapter}"}
    )
    html = designed(response, 405)
    assert f'<a href="{chapter}">{BACK}</a>' in html


def test_outside_a_language_the_405_page_is_in_the_language_read_last(client: Client, db):
    client.cookies["django_language"] = "ru"
    response = client.post("/health/")
    html = designed(response, 405, "ru")
    assert response["Allow"] == "GET, HEAD"
    assert heading(html) == "Этот адрес не принимает такой запрос"


def test_the_apis_405_is_json(client: Client, db):
    # For programs: not the page, and JSON like every other answer of the API.
    response = client.post("/api/studies/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "Method not allowed"}
