"""Signing in to the admin: failed attempts are throttled (django-axes)."""

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client


def attempt(client: Client, password: str):
    return client.post("/admin/login/?next=/admin/", {"username": "chief", "password": password})


def test_five_failed_sign_ins_lock_the_name_out(chief: User, client: Client):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    response = attempt(client, "wrong")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    # Even the right password is refused while locked out.
    assert attempt(client, "a-long-test-password").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_signs_in_and_resets_the_count(chief: User, client: Client):
    for _ in range(3):
        attempt(client, "wrong")
    response = attempt(client, "a-long-test-password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(chief.pk)


def test_another_address_is_not_locked_out(chief: User, client: Client):
    for _ in range(5):
        attempt(client, "wrong")
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert attempt(other, "a-long-test-password").status_code == 302


def test_passwords_are_validated(db):
    with pytest.raises(ValidationError):
        validate_password("password")
    validate_password("a-long-and-unusual-passphrase")


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_an_unsafe_next_lands_on_my_work_page(chief: User, client: Client, unsafe: str):
    response = client.post(
        f"/admin/login/?next={unsafe}", {"username": "chief", "password": "a-long-test-password"}
    )

    assert response.status_code == 302
    assert response.url == "/en/my-work/"
    assert client.get(response.url).status_code == 200
