"""Signing in on the site's own page, in each language (/en/sign-in/), which the admin
uses too: a safe way back, failed attempts throttled (django-axes) with the lock-out
page in the reader's language."""

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

PASSWORD = "a-long-test-password"


def attempt(client: Client, password: str, *, language: str = "en", next: str = "/admin/"):
    return client.post(
        f"/{language}/sign-in/?next={next}", {"username": "chief", "password": password}
    )


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Sign in"), ("ja", "ログイン"), ("ru", "Вход")]
)
def test_the_page_is_in_each_language(client: Client, db, language: str, heading: str):
    response = client.get(f"/{language}/sign-in/?next=/{language}/studies/asia-pacific/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'autocomplete="username"' in html and 'autocomplete="current-password"' in html
    assert f'<input type="hidden" name="next" value="/{language}/studies/asia-pacific/">' in html
    # The way back to the page the reader came from.
    assert f'<a href="/{language}/studies/asia-pacific/">' in html


def test_signing_in_goes_on_to_the_page_asked_for(chief: User, client: Client):
    response = attempt(client, PASSWORD, next="/en/studies/asia-pacific/")
    assert response.status_code == 302
    assert response["Location"] == "/en/studies/asia-pacific/"
    assert client.session["_auth_user_id"] == str(chief.pk)


def test_a_wrong_password_says_so_in_the_readers_language(chief: User, client: Client):
    response = attempt(client, "wrong", language="ru")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert re.search(r"Пожалуйста, введите правильные имя пользователя и пароль", html)
    assert 'value="chief"' in html  # what was typed stays, but not the password


def test_five_failed_sign_ins_lock_the_name_out(chief: User, client: Client):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    response = attempt(client, "wrong")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    # Even the right password is refused while locked out.
    assert attempt(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_out_page_is_in_the_readers_language(chief: User, client: Client):
    for _ in range(5):
        response = attempt(client, "wrong", language="ja")
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert "ログインの失敗回数が上限を超えました" in html


def test_a_right_password_signs_in_and_resets_the_count(chief: User, client: Client):
    for _ in range(3):
        attempt(client, "wrong")
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(chief.pk)


def test_another_address_is_not_locked_out(chief: User, client: Client):
    for _ in range(5):
        attempt(client, "wrong")
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert attempt(other, PASSWORD).status_code == 302


def test_passwords_are_validated(db):
    with pytest.raises(ValidationError):
        validate_password("password")
    validate_password("a-long-and-unusual-passphrase")


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_an_unsafe_next_lands_on_my_work_page(chief: User, client: Client, unsafe: str):
    page = client.get(f"/en/sign-in/?next={unsafe}").content.decode()
    assert "evil.example" not in page.split('name="next"')[0].rsplit("<form", 1)[-1]
    response = attempt(client, PASSWORD, next=unsafe)
    assert response.status_code == 302
    assert response.url == "/en/my-work/"
    assert client.get(response.url).status_code == 200


def test_the_admin_signs_in_on_the_sites_page(chief: User, client: Client):
    response = client.get("/admin/positions/paper/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/en/sign-in/?next=%2Fadmin%2Fpositions%2Fpaper%2F"
    response = client.post(response["Location"], {"username": "chief", "password": PASSWORD})
    assert response["Location"] == "/admin/positions/paper/"
    assert client.get("/admin/positions/paper/").status_code == 200


def test_the_admins_sign_in_keeps_no_unsafe_next(client: Client, db):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/en/sign-in/?next=%2Fadmin%2F"


def test_a_team_page_sends_a_reader_to_sign_in_in_their_language(client: Client, db):
    response = client.get("/ja/my-work/")
    assert response.status_code == 302
    assert response["Location"] == "/ja/sign-in/?next=/ja/my-work/"


def test_signed_in_the_page_says_so_and_offers_the_way_on(chief: User, client: Client):
    client.force_login(chief)
    html = client.get("/en/sign-in/?next=/en/").content.decode()
    assert "You are signed in as chief." in html
    assert '<a href="/en/">Go on to the page you came from</a>' in html
    assert '<form method="post" class="sign-in"' not in html


def test_the_admins_sign_in_is_in_the_language_read_last(client: Client, db):
    client.cookies["django_language"] = "ja"
    response = client.get("/admin/login/?next=/admin/positions/study/")
    assert response["Location"] == "/ja/sign-in/?next=%2Fadmin%2Fpositions%2Fstudy%2F"
    assert "<h1>ログイン</h1>" in client.get(response["Location"]).content.decode()


def test_without_a_next_the_reader_lands_on_their_work_in_their_language(
    chief: User, client: Client
):
    response = client.post("/ja/sign-in/", {"username": "chief", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/ja/my-work/"


def test_every_page_offers_sign_in_and_comes_back_to_it(client: Client, db):
    html = client.get("/ru/").content.decode()
    assert '<a href="/ru/sign-in/?next=/ru/">' in html


def test_signing_out_from_the_header_ends_the_session(chief: User, client: Client):
    attempt(client, PASSWORD)
    html = client.get("/en/").content.decode()
    assert '<form method="post" action="/admin/logout/">' in html
    assert '<input type="hidden" name="next" value="/en/">' in html
    # Back to the page the reader was reading, not the admin's "Logged out".
    response = client.post("/admin/logout/", {"next": "/en/studies/asia-pacific/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/studies/asia-pacific/"
    assert "_auth_user_id" not in client.session
    assert "Signed in as" not in client.get("/en/").content.decode()


def test_the_page_runs_no_query_for_a_reader_not_signed_in(
    client: Client, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert client.get("/en/sign-in/").status_code == 200
