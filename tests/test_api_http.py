"""What every answer of the API shares: ETag and 304, CORS for GET, no cookies, the
OpenAPI schema and its documentation page."""

import pytest

STUDIES = "/api/studies/"


@pytest.fixture
def content(study, chapter, first_paper, second_paper, disagreement) -> None:
    pass


def test_an_answer_has_an_etag_and_a_matching_request_gets_304(client, content):
    response = client.get(STUDIES)
    etag = response.headers["ETag"]
    assert etag.startswith('"')
    repeated = client.get(STUDIES, headers={"If-None-Match": etag})
    assert repeated.status_code == 304
    assert repeated.content == b""
    assert client.get(STUDIES, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_a_change_gives_a_new_etag(client, content, disagreement):
    before = client.get("/api/points/").headers["ETag"]
    disagreement.question = "Missile defence"
    disagreement.save()
    after = client.get("/api/points/", headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after.headers["ETag"] != before


def test_any_site_may_read_the_api(client, content):
    response = client.get(STUDIES, headers={"Origin": "https://elsewhere.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_a_preflight_allows_reading_only(client, content):
    response = client.options(
        STUDIES,
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_pages_of_the_site_get_no_cors_headers(client, content):
    response = client.get("/en/", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_the_api_sets_no_cookie_and_does_not_vary_by_one(client, content, chief):
    client.force_login(chief)
    response = client.get(STUDIES)
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_only_reads(client, content, method):
    assert getattr(client, method)(STUDIES).status_code == 405


def test_the_schema_is_openapi_3_and_names_every_endpoint(client):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Positions API"
    assert set(schema["paths"]) == {
        "/api/",
        "/api/studies/",
        "/api/studies/{slug}/",
        "/api/studies/{slug}/chapters/{number}/",
        "/api/studies/{slug}/chapters/{number}/papers/{side}/",
        "/api/papers/",
        "/api/points/",
        "/api/authors/",
        "/api/authors/{slug}/",
        "/api/tags/",
        "/api/tags/{slug}/",
    }
    for name, path in schema["paths"].items():
        assert set(path) == {"get"}
        if name != "/api/":  # the index has nothing to look up, so nothing to miss
            assert {"200", "404", "422"} <= set(path["get"]["responses"])


def test_the_documentation_page_shows_every_endpoint_and_answer_from_the_schema(client):
    response = client.get("/api/docs/", headers={"Accept-Language": "ja"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html  # the API's words are English
    for path in client.get("/api/schema/").json()["paths"]:
        assert f"<code>GET {path}</code>" in html
    assert 'href="/api/studies/asia-pacific/chapters/1/papers/nids/"' in html  # an example
    assert 'id="schema-PaperTranslation"' in html
    assert 'href="#schema-PaperTranslation"' in html
    assert "integer, 1–100, default <code>20</code>" in html
    assert "<code>&quot;agree&quot;</code> | <code>&quot;partly&quot;</code>" in html
    assert "queries" not in html  # the code's notes stay in the code


@pytest.mark.parametrize(
    "url",
    ["/api/papers/?tag=a%00b", "/api/points/?side=%00", "/api/studies/a%00b/", "/api/tags/%00/"],
)
def test_a_nul_byte_is_refused_before_it_reaches_the_database(client, content, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_pattern_mismatch"
