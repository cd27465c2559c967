"""When the database does not answer, readers get the site's 503 page (or JSON on the
API) with Retry-After, in their language, rendered without touching the database; a
form sent then says that nothing was saved. Other errors keep the 500 page."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import path

from positions.models import Paper


@contextmanager
def database_away() -> Iterator[None]:
    """Every new cursor fails as it does when PostgreSQL is stopped; the test's own
    connection comes back afterwards."""
    original = connection.ensure_connection

    def refuse() -> None:
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    connection.ensure_connection = refuse
    try:
        yield
    finally:
        connection.ensure_connection = original


@pytest.fixture
def reader() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/en/", "en", "The site is briefly unavailable"),
        ("/en/studies/asia-pacific/chapters/2/", "en", "The site is briefly unavailable"),
        ("/ja/studies/asia-pacific/", "ja", "サイトは一時的にご利用いただけません"),
        ("/ru/search/?q=alliance", "ru", "Сайт временно недоступен"),
    ],
)
def test_readers_get_the_503_page_in_their_language(
    reader: Client, first_paper: Paper, url: str, language: str, heading: str
):
    with database_away():
        response = reader.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert f'<a href="{url.split("?")[0]}">' in html  # try this page again
    assert "nothing was saved" not in html


def test_a_form_sent_during_the_outage_says_nothing_was_saved(
    reader: Client, first_paper: Paper, first_editor
):
    reader.force_login(first_editor)
    url = "/en/studies/asia-pacific/chapters/2/nids/edit/"
    with database_away():
        response = reader.post(url, {"title": "Typed during the outage"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "If you were saving a text, nothing was saved." in html
    assert "offers your text back" in html


def test_the_api_answers_json_503(reader: Client, first_paper: Paper):
    with database_away():
        response = reader.get("/api/studies/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "The site cannot reach its data just now. Try again shortly."
    }


def test_health_keeps_its_own_answer(reader: Client, db):
    with database_away():
        response = reader.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_other_errors_keep_the_500_page(reader: Client, settings):
    settings.ROOT_URLCONF = __name__
    response = reader.get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "Retry-After" not in response


def broken(request):
    raise RuntimeError("a bug, not an outage")


# For the last test: the site's own error handler, and a view with a bug.
handler500 = "positions.reading.views.server_error"
urlpatterns = [path("broken/", broken)]
