"""The pages around the edges hold the public pages' bar in a real browser: the
sign-in page in each language, the lock-out page, and the pages of refused requests
have no axe violations, and signing in works with the keyboard alone."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import expect


def violations(page) -> list[str]:
    return [violation["id"] for violation in Axe().run(page).response["violations"]]


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_the_sign_in_page_has_no_axe_violations(page_at, demo, language):
    page = page_at(f"/{language}/sign-in/?next=/{language}/")
    assert violations(page) == []


def test_signing_in_with_the_keyboard_goes_back_to_the_page(page_at, demo, chief_account):
    page = page_at("/en/studies/asia-pacific/")
    page.get_by_role("link", name="Sign in for editors").click()
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("a-long-test-password")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/studies/asia-pacific/$"))
    expect(page.get_by_text("Signed in as boss")).to_be_visible()


def test_a_wrong_password_and_the_lock_out_have_no_axe_violations(page_at, chief_account):
    page = page_at("/ru/sign-in/")
    for _ in range(5):
        page.get_by_label("Имя пользователя").fill("boss")
        page.get_by_label("Пароль").fill("wrong")
        page.get_by_role("button", name="Вход").click()
        if page.get_by_role("alert").count():
            assert violations(page) == []
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Слишком много неудачных попыток входа"
    )
    assert violations(page) == []


@pytest.fixture
def chief_account(demo) -> User:
    return User.objects.create_user("boss", password="a-long-test-password")


def test_the_403_and_405_pages_have_no_axe_violations(page_at, demo, chief_account):
    page = page_at("/en/sign-in/?next=/en/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    # A signed-in account with no role in the study.
    answer = page.goto(page.url.split("/en/")[0] + "/en/studies/asia-pacific/chapters/2/nids/edit/")
    assert answer.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You may not open this page")
    assert violations(page) == []
    answer = page.goto(page.url.split("/en/")[0] + "/en/discussion/1/resolve/")
    assert answer.status == 405
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This address does not take that kind of request"
    )
    assert violations(page) == []


def test_the_refused_form_and_the_400_pages_have_no_axe_violations(page_at, demo):
    page = page_at("/ja/sign-in/")
    # A browser that lost the site's cookies sends the form without its token.
    page.context.clear_cookies()
    page.get_by_label("ユーザー名").fill("boss")
    page.get_by_label("パスワード").fill("wrong")
    page.get_by_role("button", name="ログイン").click()
    expect(page.locator(".eyebrow")).to_have_text("403")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("link", name="元のページに戻る")).to_have_attribute(
        "href", "/ja/sign-in/"
    )
    assert violations(page) == []
    # More fields than the site reads in one request.
    answer = page.goto(page.url.split("/ja/")[0] + "/en/sign-in/?" + "&f=1" * 1001)
    assert answer.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The site could not read this request"
    )
    assert violations(page) == []
