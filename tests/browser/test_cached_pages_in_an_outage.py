"""With the database down, readers still get the pages the cache holds; the others
answer 503 as designed (positions.web.page_cache). PostgreSQL only: the test refuses
connections to the test database while it reads."""

import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.browser.test_drafts_survive_outage import database_down

CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stops PostgreSQL connections")
def test_cached_pages_are_served_while_the_database_is_down(live_server, demo, page_cache):
    assert status(live_server.url + CHAPTER) == 200
    with database_down():
        assert status(live_server.url + CHAPTER) == 200
        # Never read, so never cached: the designed outage page.
        assert status(live_server.url + "/en/studies/asia-pacific/chapters/3/") == 503
    assert status(live_server.url + "/en/studies/asia-pacific/chapters/3/") == 200
