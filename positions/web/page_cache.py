"""Readers' pages from a cache, and never stale.

A reader who is not signed in gets each public page and API answer from Django's cache
(Redis when `REDIS_URL` is set, else each process's memory). Pages are cached under the
content's version (`ContentVersion`), which every change to what readers see moves in
the change's own transaction: a model saved or deleted (`on_change`), and any request
that may write (POST and the like, `page_cache` below), which also covers changes made
with `QuerySet.update()`. So the first request after a change, through any worker on any
machine, looks under a new key and renders the page again: no time-out decides.

A cached page is the same for everyone who may get it: the middleware serves and stores
only what the address alone determines. It passes by the cache, and renders as usual,
for the team (a session cookie), for a chapter whose remembered text mode the address
does not carry (the chapter redirects to the address that does), and for a page in a
language other than the one the reader's language cookie remembers (the page sets it).

Answers it may cache carry an ETag and a Last-Modified from the version, and a
Cache-Control that lets a shared cache (a CDN) keep them: `public, no-cache` (keep it,
but ask each time: a 304 costs one query) or, with `PAGE_CACHE_CDN_SECONDS`, up to that
many seconds without asking. A conditional request with the current ETag is answered
304 before anything else is done.

With Redis, each process also keeps the pages it served last in its own memory, a few
megabytes of them (`PAGE_CACHE_NEAR_MB`), under the same keys: a page asked for again
in the same process is served without asking Redis, and is never stale either, since
its key carries the version.

When the cache does not answer (Redis down), pages are rendered as if there were none,
and the log says so once a minute. When the database does not answer, the version last
read is taken from the cache, and the pages cached under it are still served; the rest
answer 503 as usual (positions.reading.views.server_error).
"""

import hashlib
import logging
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from http.cookies import SimpleCookie

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags
from django.utils.translation import get_language_from_path

from positions.models import Book, ContentVersion, EditingPresence, SearchEntry
from positions.models.search import SearchEntryWords
from positions.reading import texts

logger = logging.getLogger("positions.web.page_cache")

# What the cache keeps: the content's version as last read (for when the database does
# not answer), and each page under the version it was rendered at.
VERSION_KEY = "positions:content-version"
PAGE_KEY = "positions:page:{version}:{address}"
# Addresses never cached: the admin and the health check, which must ask the database.
UNCACHED_PREFIXES = ("/admin/", "/health/")
# Apps and models whose rows readers never see.
UNSEEN_APPS = {"admin", "axes", "contenttypes", "sessions"}
# A book's build is made from what readers see, and changes none of it.
UNSEEN_MODELS = (Book, ContentVersion, EditingPresence, SearchEntry, SearchEntryWords)
# How often the log may say that the cache does not answer.
QUIET_SECONDS = 60


# -- The version, moved by every change readers can see --------------------------------


def readers_see(model: type[Model]) -> bool:
    """Whether changes to `model`'s rows can change what readers see."""
    if model._meta.apps is not apps:
        # A migration's model: the database may not have the version's table yet.
        return False
    if model._meta.app_label in UNSEEN_APPS or issubclass(model, UNSEEN_MODELS):
        return False
    # simple_history's historical records come with a change to their object.
    return getattr(model, "instance_type", None) is None


def on_change(sender: type[Model], **kwargs) -> None:
    """post_save, post_delete and m2m_changed: move the version, unless readers never
    see the change (a sign-in that only stamps `last_login`)."""
    if not readers_see(sender):
        return
    if kwargs.get("raw") or kwargs.get("update_fields") == frozenset({"last_login"}):
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    ContentVersion.move()


# -- The middleware ----------------------------------------------------------------------


def page_cache(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            response = get_response(request)
            if 300 <= response.status_code < 400:
                # A write done (the site and the admin redirect after one): whatever it
                # changed, by any means, shows on the next page. A form sent back with
                # its errors changed nothing.
                ContentVersion.move()
            return response
        if not settings.PAGE_CACHE or request.method != "GET" or not cacheable_request(request):
            response = get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # A team member's page: never kept by a shared cache.
                patch_cache_control(response, private=True)
            return response
        version = current_version()
        if version is None:
            return get_response(request)
        number, changed = version
        etag = f'W/"{number}"'
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return not_modified(etag, changed)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = PAGE_KEY.format(version=number, address=digest)
        cached = near.get(key)
        if cached is None:
            cached = cache_get(key)
            if cached is not None:
                near.set(key, cached)
        if cached is not None:
            return answer_conditionally(request, pickle.loads(cached))
        response = get_response(request)
        if cacheable_response(response):
            # Every reader who may get it reads the page without a session: it does not
            # vary with cookies (the session's middleware says it does when it looked).
            remove_vary_header(response, "Cookie")
            if not response.has_header("ETag"):
                response["ETag"] = etag
            response["Last-Modified"] = http_date(changed.timestamp())
            response["Cache-Control"] = shared_cache_control()
            page = stored(response)
            cache_set(key, page)
            near.set(key, page)
            if response.cookies:
                # This reader's language cookie: theirs alone.
                response["Cache-Control"] = "private, no-cache"
        return response

    return middleware


def cacheable_request(request: HttpRequest) -> bool:
    """Whether the address alone determines the answer to `request`."""
    path = request.path_info
    if path.startswith(UNCACHED_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    language = get_language_from_path(path)
    remembered = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if language and remembered and remembered != language:
        return False
    # A chapter shows the text mode the reader chose last when the address names none
    # (it redirects to the address that does), and remembers one the address names.
    mode = cookies.get(texts.COOKIE)
    if (mode or "text" in request.GET) and request.GET.get("text") != mode:
        try:
            match = resolve(path)
        except Resolver404:
            return True
        return match.view_name != "positions:chapter"
    return True


def cacheable_response(response: HttpResponse) -> bool:
    """Whether `response` is the same for every reader of its address."""
    if response.status_code != 200 or response.streaming:
        return False
    # A page with a form sets the CSRF cookie, as a page that keeps a text mode sets
    # its own: only the cookie that remembers the page's language may be set.
    if set(response.cookies) - {settings.LANGUAGE_COOKIE_NAME}:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def stored(response: HttpResponse) -> bytes:
    """`response` as the cache keeps it: without the cookie it sets for this reader."""
    if not response.cookies:
        return pickle.dumps(response)
    cookies, response.cookies = response.cookies, SimpleCookie()
    try:
        return pickle.dumps(response)
    finally:
        response.cookies = cookies


def remove_vary_header(response: HttpResponse, header: str) -> None:
    kept = [
        name.strip()
        for name in response.get("Vary", "").split(",")
        if name.strip() and name.strip().lower() != header.lower()
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif response.has_header("Vary"):
        del response["Vary"]


def shared_cache_control() -> str:
    seconds = settings.PAGE_CACHE_CDN_SECONDS
    if not seconds:
        return "public, no-cache"
    return f"public, max-age=0, s-maxage={seconds}, stale-while-revalidate={seconds}"


def not_modified(etag: str, changed) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(changed.timestamp())
    response["Cache-Control"] = shared_cache_control()
    return response


def answer_conditionally(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A cached answer, or 304 when the reader holds it already (the API's own ETags)."""
    if response.has_header("ETag") and response["ETag"] in parse_etags(
        request.headers.get("If-None-Match", "")
    ):
        answer = HttpResponseNotModified()
        for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
            if response.has_header(header):
                answer[header] = response[header]
        return answer
    return response


class NearCache:
    """Pages this process served last, in its memory, up to `settings.PAGE_CACHE_NEAR_MB`
    megabytes: the oldest read goes first. Locked, for the threads of a development
    server."""

    def __init__(self) -> None:
        self.pages: OrderedDict[str, bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def set(self, key: str, page: bytes) -> None:
        limit = settings.PAGE_CACHE_NEAR_MB * 2**20
        if len(page) > limit:
            return
        with self.lock:
            self.size += len(page) - len(self.pages.pop(key, b""))
            self.pages[key] = page
            while self.size > limit:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.size = 0


near = NearCache()


# -- The version and the cache, each of which may not answer -------------------------


def current_version():
    """The content's version and when it moved; from the cache when the database does
    not answer; None when neither does."""
    try:
        version = read_version()
    except DatabaseError:
        return cache_get(VERSION_KEY)
    if _last_read.get("version") != version:
        _last_read["version"] = version
        cache_set(VERSION_KEY, version)
        # Pages kept under an earlier version are never asked for again.
        near.clear()
    return version


def read_version():
    """ContentVersion.current(), its query standing in for the connection's health check.

    With CONN_HEALTH_CHECKS, Django's first query in a request is preceded by a
    `SELECT 1` that proves a kept connection still works: a second round trip to the
    database that cost a page served from the cache a fifth of its time. The version's
    own query proves it as well; when it fails on a connection that was lost (the
    database restarted), the connection is closed and the query asked once more, on a
    new one, as the health check would have done."""
    if (
        not connection.health_check_enabled
        or connection.health_check_done
        or connection.connection is None
        or connection.in_atomic_block
    ):
        return ContentVersion.current()
    connection.health_check_done = True
    try:
        return ContentVersion.current()
    except (InterfaceError, OperationalError):
        connection.close()
    return ContentVersion.current()


_last_read: dict[str, object] = {}
_complained_at = [0.0]


def cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 — any failure of the cache server
        _complain()
        return None


def cache_set(key: str, value) -> None:
    try:
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    except Exception:  # noqa: BLE001 — any failure of the cache server
        _complain()


def _complain() -> None:
    now = time.monotonic()
    if now - _complained_at[0] >= QUIET_SECONDS:
        _complained_at[0] = now
        logger.warning("The cache does not answer: pages are served without it.", exc_info=True)
