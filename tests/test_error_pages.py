import pytest
from django.test import Client


def test_404_page_is_in_the_sites_design(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "positions/site.css" in html


@pytest.mark.urls("tests.broken_urls")
def test_500_page_is_in_the_sites_design(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "positions/site.css" in html


@pytest.mark.urls("tests.broken_urls")
def test_500_page_tells_an_editor_that_nothing_was_saved_in_their_language(db):
    client = Client(raise_request_exception=False)
    response = client.post("/broken/", HTTP_ACCEPT_LANGUAGE="ja")
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert "何も保存されていません" in html
