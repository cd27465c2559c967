"""/api/ lists the API's endpoints, its schema and its docs; HEAD is answered wherever
GET is, on the API and on the site's other addresses."""

import pytest
from django.test import Client

from positions.models import Study


def test_the_api_root_lists_every_endpoint_the_schema_and_the_docs(client: Client, db):
    response = client.get("/api/")
    assert response.status_code == 200
    index = response.json()
    assert index["schema_url"] == "http://testserver/api/schema/"
    assert index["docs_url"] == "http://testserver/api/docs/"
    schema = client.get("/api/schema/").json()
    listed = {endpoint["path"] for endpoint in index["endpoints"]}
    assert listed == set(schema["paths"]) - {"/api/"}
    assert {"/api/studies/", "/api/studies/{slug}/", "/api/points/"} <= listed
    for endpoint in index["endpoints"]:
        assert endpoint["summary"]
        if endpoint["url"]:
            assert client.get(endpoint["url"]).status_code == 200, endpoint
        else:
            assert "{" in endpoint["path"]


def test_the_api_root_is_in_the_docs(client: Client, db):
    assert "/api/" in client.get("/api/schema/").json()["paths"]


API = [
    "/api/",
    "/api/studies/",
    "/api/studies/asia-pacific/",
    "/api/studies/asia-pacific/chapters/2/",
    "/api/studies/asia-pacific/chapters/2/papers/nids/",
    "/api/papers/",
    "/api/points/",
    "/api/authors/",
    "/api/authors/hanako-sato/",
    "/api/tags/",
    "/api/tags/china/",
    "/api/schema/",
    "/api/docs/",
]
SITE = [
    "/health/",
    "/robots.txt",
    "/sitemap.xml",
    "/en/",
    "/en/feed/",
    "/en/studies/asia-pacific/",
    "/en/studies/asia-pacific/chapters/2/",
    "/en/studies/asia-pacific/feed/",
    "/en/studies/asia-pacific/points.csv",
    "/en/search/?q=alliance",
]


@pytest.mark.parametrize("url", API + SITE)
def test_head_is_answered_wherever_get_is(client: Client, demo: Study, url: str):
    got = client.get(url)
    assert got.status_code == 200, url
    head = client.head(url)
    assert head.status_code == 200, url
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]


def test_head_keeps_the_etag_and_answers_304(client: Client, demo: Study):
    etag = client.get("/api/studies/")["ETag"]
    assert client.head("/api/studies/")["ETag"] == etag
    assert client.head("/api/studies/", headers={"If-None-Match": etag}).status_code == 304


def test_other_methods_are_still_refused_on_the_api(client: Client, db):
    assert client.post("/api/studies/").status_code == 405


def test_the_schema_is_made_once_not_on_every_request(client, db) -> None:
    from positions.api import api

    first = client.get("/api/schema/")
    made = api.get_openapi_schema(path_prefix="/api/")
    assert api.get_openapi_schema(path_prefix="/api/") is made
    assert client.get("/api/schema/").content == first.content
