"""Answers are compressed (gzip) for a browser that asks; static files are WhiteNoise's,
which compresses them itself when they are collected."""

import gzip

from django.test import Client

from positions.models import Paper, Point

CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def test_a_page_is_compressed_for_a_browser_that_asks(
    client: Client, first_paper: Paper, second_paper: Paper, disagreement: Point
):
    response = client.get(CHAPTER, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert html.startswith("<!doctype html>") and html.endswith("</html>\n")
    assert "Factors regulating regional security" in html
    assert "The alliance as the cornerstone" in html
    assert len(response.content) < len(html.encode()) / 2


def test_a_page_is_not_compressed_for_a_browser_that_does_not_ask(
    client: Client, first_paper: Paper, disagreement: Point
):
    response = client.get(CHAPTER)
    assert not response.has_header("Content-Encoding")
    # Caches keep the two forms apart.
    assert "Accept-Encoding" in response["Vary"]
    assert response.content.decode().startswith("<!doctype html>")


def test_a_compressed_api_answer_still_answers_304_to_its_etag(client: Client, first_paper: Paper):
    asks = {"Accept-Encoding": "gzip"}
    response = client.get("/api/papers/", headers=asks)
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).decode().startswith('{"count": 1')
    # Compression makes the ETag weak (the bytes differ); it still matches.
    assert response["ETag"].startswith('W/"')
    again = client.get("/api/papers/", headers={**asks, "If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_static_files_are_served_as_whitenoise_serves_them(settings):
    # Tests run without collectstatic: WhiteNoise finds the files where they are, and
    # has no compressed copies of them. Django's compression, after WhiteNoise, never
    # sees its answers, which in production are the copies compressed in advance.
    settings.WHITENOISE_USE_FINDERS = True
    response = Client().get("/static/positions/site.css", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"".join(response.streaming_content).decode().strip()
