"""Readers' pages come from the cache, and every change shows on the next request
(positions.web.page_cache)."""

import logging

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from positions.exchange.export import export_study
from positions.models import (
    Chapter,
    ContentVersion,
    Membership,
    Paper,
    PaperTranslation,
    Point,
    Role,
    Side,
    Study,
)
from positions.web.page_cache import VERSION_KEY, NearCache
from tests.exchange_archives import import_bytes, pack, unpack
from tests.helpers import member, signed_in

pytestmark = pytest.mark.usefixtures("page_cache")

CHAPTER = "/en/studies/asia-pacific/chapters/2/"
PAPER = "/en/studies/asia-pacific/chapters/2/nids/"


def queries(client: Client, url: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return len(captured), response


def test_a_readers_second_request_is_served_from_the_cache(client: Client, demo: Study):
    first, response = queries(client, CHAPTER)
    assert response.status_code == 200 and first > 1
    again, cached = queries(client, CHAPTER)
    # One query: the content's version.
    assert again == 1
    assert cached.content == response.content


def test_the_api_is_served_from_the_cache_too(client: Client, demo: Study):
    url = "/api/studies/asia-pacific/chapters/2/"
    queries(client, url)
    count, response = queries(client, url, origin="https://example.org")
    assert count == 1 and response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def edit_paper(demo: Study) -> str:
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    paper.title = "同盟：改訂版"
    paper.save()
    return "同盟：改訂版"


def publish_change(demo: Study) -> str:
    chapter = Chapter.objects.get(study=demo, number=2)
    chapter.status = Chapter.Status.DRAFT
    chapter.save()
    return ""


def translate(demo: Study) -> str:
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    translation = paper.translations.get(language="en")
    translation.title = "The alliance, revised in English"
    translation.save()
    return "The alliance, revised in English"


def edit_point(demo: Study) -> str:
    point = Point.objects.get(slug="bilateral-alliances")
    point.question = "The role of alliances, asked again"
    point.save()
    return "The role of alliances, asked again"


def import_archive(demo: Study) -> str:
    files = unpack(export_study(demo))
    files["study.yaml"] = files["study.yaml"].replace(
        "Japan–Russia Joint Research: Security Issues in the Asia-Pacific Region".encode(),
        "Japan–Russia Joint Research, imported again".encode(),
        1,
    )
    import_bytes(pack(files), replace=True)
    return "Japan–Russia Joint Research, imported again"


@pytest.mark.parametrize(
    ("change", "url"),
    [
        (edit_paper, PAPER),
        (edit_paper, CHAPTER),
        (translate, PAPER + "?text=en"),
        (edit_point, CHAPTER),
        (import_archive, CHAPTER),
    ],
)
def test_a_change_shows_on_the_very_next_request(client: Client, demo: Study, change, url):
    client.get(url)
    assert queries(client, url)[0] == 1
    expected = change(demo)
    response = client.get(url)
    assert expected in response.content.decode()


def test_an_unpublished_chapter_is_gone_on_the_next_request(client: Client, demo: Study):
    assert client.get(CHAPTER).status_code == 200
    assert client.get(CHAPTER).status_code == 200
    publish_change(demo)
    assert client.get(CHAPTER).status_code == 404


def test_a_change_of_roles_moves_the_version(demo: Study):
    before = ContentVersion.current()[0]
    user = User.objects.create_user("newcomer")
    Membership.objects.create(
        user=user, study=demo, role=Role.SIDE_EDITOR, side=Side.objects.get(slug="nids")
    )
    assert ContentVersion.current()[0] > before


def test_a_sign_in_alone_does_not_move_the_version(client: Client, demo: Study):
    User.objects.create_user("reader", password="a long password")
    before = ContentVersion.current()[0]
    user = User.objects.get(username="reader")
    user.last_login = user.date_joined
    user.save(update_fields=["last_login"])
    assert ContentVersion.current()[0] == before


def test_any_write_through_the_site_moves_the_version(demo: Study):
    """Even one made with QuerySet.update(), which sends no signal."""
    team = signed_in(member(demo, "boss", Role.CHIEF_EDITOR))
    before = ContentVersion.current()[0]
    response = team.post(f"{CHAPTER}status/", {"step": "unpublish"})
    assert response.status_code == 302
    assert ContentVersion.current()[0] > before
    assert Client().get(CHAPTER).status_code == 404


def test_the_team_never_gets_a_cached_page(demo: Study):
    chief = member(demo, "boss", Role.CHIEF_EDITOR)
    reader = Client()
    reader.get(CHAPTER)
    team = signed_in(chief)
    first, page = queries(team, CHAPTER)
    again, _ = queries(team, CHAPTER)
    assert again == first > 1
    assert "public" not in page.get("Cache-Control", "")
    # Nor does a team member's page reach readers.
    assert queries(Client(), CHAPTER)[0] == 1


def test_a_remembered_text_mode_redirects_to_the_address_that_carries_it(
    client: Client, demo: Study
):
    client.cookies["columns"] = "original"
    response = client.get("/ja/studies/asia-pacific/chapters/2/?agreement=agree")
    assert response.status_code == 302
    assert (
        response["Location"] == "/ja/studies/asia-pacific/chapters/2/?agreement=agree&text=original"
    )
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]
    # The default remembered: the page itself.
    client.cookies["columns"] = "default"
    assert client.get("/ja/studies/asia-pacific/chapters/2/").status_code == 200


def test_a_chosen_mode_is_still_remembered(client: Client, demo: Study):
    """A mode named in the address, not yet remembered, is rendered and remembered even
    when the page is in the cache."""
    url = "/ja/studies/asia-pacific/chapters/2/?text=original"
    Client().get(url)
    Client().get(url)
    response = client.get(url)
    assert response.cookies["columns"].value == "original"


def test_a_cacheable_answer_sets_no_cookie_and_says_a_cdn_may_keep_it(client: Client, demo: Study):
    first = client.get(CHAPTER)
    # The first reader's language is remembered for them: their answer is theirs.
    assert "django_language" in first.cookies
    assert first["Cache-Control"] == "private, no-cache"
    answer = Client().get(CHAPTER)
    assert not answer.cookies
    assert answer["Cache-Control"] == "public, no-cache"
    assert answer["ETag"].startswith('W/"') and answer["Last-Modified"]
    assert "Cookie" not in answer.get("Vary", "")


def test_a_cdn_may_keep_pages_for_a_while_when_told(client: Client, demo: Study, settings):
    settings.PAGE_CACHE_CDN_SECONDS = 30
    client.get(CHAPTER)
    answer = Client().get(CHAPTER)
    assert answer["Cache-Control"] == "public, max-age=0, s-maxage=30, stale-while-revalidate=30"


def test_a_matching_etag_gets_304(client: Client, demo: Study):
    client.get(CHAPTER)
    etag = Client().get(CHAPTER)["ETag"]
    count, response = queries(Client(), CHAPTER, if_none_match=etag)
    assert response.status_code == 304 and count == 1
    assert response["ETag"] == etag
    edit_point(demo)
    assert Client().get(CHAPTER, headers={"if-none-match": etag}).status_code == 200


def test_without_a_cache_server_pages_are_served_and_the_log_says_so(
    client: Client, demo: Study, caplog
):
    from positions.web import page_cache

    page_cache._complained_at[0] = 0.0
    nowhere = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens there.
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=nowhere):
        with caplog.at_level(logging.WARNING, logger="positions.web.page_cache"):
            assert client.get(CHAPTER).status_code == 200
            assert client.get(CHAPTER).status_code == 200
    warnings = [r for r in caplog.records if r.name == "positions.web.page_cache"]
    assert len(warnings) == 1
    assert "served without it" in warnings[0].getMessage()


def test_the_version_last_read_is_kept_in_the_cache(client: Client, demo: Study):
    from django.core.cache import cache

    client.get(CHAPTER)
    assert cache.get(VERSION_KEY)[0] == ContentVersion.current()[0]


def test_a_translation_saved_moves_the_version(demo: Study):
    before = ContentVersion.current()[0]
    PaperTranslation.objects.first().save()
    assert ContentVersion.current()[0] > before


def real_redis() -> str:
    """The Redis that CI runs (and this machine has), in a database of its own; the test
    that needs it fails under CI when it does not answer, and is skipped elsewhere."""
    import os

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"No Redis answers at {url}")
        pytest.skip(f"No Redis answers at {url}")
    return url


def test_each_process_keeps_the_pages_it_served_in_front_of_redis(demo: Study, settings):
    """With Redis, a page served once is served again from the process's own memory,
    without asking Redis; an edit still shows on the next request."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": real_redis(),
            "KEY_PREFIX": "positions-tests",
        }
    }
    settings.PAGE_CACHE_NEAR_MB = 8
    from django.core.cache import cache

    cache.clear()
    try:
        page = Client().get(CHAPTER).content
        # Redis forgets it: the process still has it.
        cache.clear()
        count, response = queries(Client(), CHAPTER)
        assert count == 1 and response.content == page
        expected = edit_point(demo)
        assert expected in Client().get(CHAPTER).content.decode()
    finally:
        cache.clear()


def test_a_process_keeps_only_as_many_pages_as_its_megabytes_allow(settings):
    settings.PAGE_CACHE_NEAR_MB = 1
    pages = NearCache()
    third = 2**20 // 3
    for key in ("first", "second", "third"):
        pages.set(key, b"x" * third)
    assert pages.get("first") is not None  # read last: kept before "second"
    pages.set("fourth", b"x" * third)
    assert pages.get("second") is None
    assert all(pages.get(key) for key in ("first", "third", "fourth"))
    # Larger than all the room there is: not kept.
    pages.set("huge", b"x" * (2**20 + 1))
    assert pages.get("huge") is None and pages.get("fourth") is not None
    pages.clear()
    assert pages.get("first") is None and pages.size == 0


@pytest.mark.django_db(transaction=True)
def test_a_cached_page_asks_the_database_once_health_check_included(demo: Study, monkeypatch):
    """The version's query doubles as the kept connection's health check
    (CONN_HEALTH_CHECKS): no `SELECT 1` before it."""
    Client().get(CHAPTER)
    checks = []
    is_usable = connection.is_usable
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or is_usable())
    connection.health_check_done = False  # as at the start of each request
    count, response = queries(Client(), CHAPTER)
    assert response.status_code == 200 and count == 1
    assert checks == []
    assert connection.health_check_done


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ends a PostgreSQL connection")
@pytest.mark.django_db(transaction=True)
def test_a_lost_connection_is_made_again_before_a_cached_page(demo: Study):
    """A kept connection that the database ended (a restart) fails the version's query:
    the query is asked again on a new connection, and the page served."""
    Client().get(CHAPTER)
    lost = connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # the connection exists, and is checked
    other = connection.copy()
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [lost])
    other.close()
    connection.health_check_done = False  # as at the start of each request
    count, response = queries(Client(), CHAPTER)
    # The version's query that failed, and the same again: the page is the cache's.
    assert response.status_code == 200 and count == 2
    assert connection.connection.info.backend_pid != lost


def test_pages_are_shared_through_redis(demo: Study, settings):
    """With Redis as the cache, a page is served from it, and an edit shows on the next
    request (every worker and machine reads the same Redis and the same version)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": real_redis(),
            "KEY_PREFIX": "positions-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()
    try:
        Client().get(CHAPTER)
        assert queries(Client(), CHAPTER)[0] == 1
        expected = edit_point(demo)
        assert expected in Client().get(CHAPTER).content.decode()
        assert queries(Client(), CHAPTER)[0] == 1
    finally:
        cache.clear()


def test_the_version_stands_still_between_changes(db):
    """Last-Modified says when content last changed, not when it was read: the same
    between two reads, whether the row is there (migration 0029) or not yet (a test
    database another test emptied)."""
    assert ContentVersion.current() == ContentVersion.current()
    ContentVersion.objects.all().delete()
    assert ContentVersion.current() == ContentVersion.current()
