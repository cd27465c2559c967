"""Remember the language of the pages a visitor reads; answer HEAD wherever GET is;
give a 405 the site's own page."""

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path

from positions.web import errors as views_errors


def remember_language(get_response: Callable[[HttpRequest], HttpResponse]):
    """Keep the language of the page read in the language cookie.

    The address carries the language (/ja/…); the cookie makes "/" send the visitor
    back to it, and gives the admin, whose addresses carry none, the same language.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        language = get_language_from_path(request.path_info)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    return middleware


def head_as_get(get_response: Callable[[HttpRequest], HttpResponse]):
    """Answer HEAD on the API as GET without the body: django-ninja routes a GET-only
    operation for GET alone and would answer HEAD with 405. The site's own views allow
    HEAD already (require_safe)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD" or not request.path_info.startswith("/api/"):
            return get_response(request)
        request.method = "GET"
        try:
            response = get_response(request)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    return middleware


def designed_method_errors(get_response: Callable[[HttpRequest], HttpResponse]):
    """Give a 405 the site's own page: Django's views answer it with an empty body.

    The status and the Allow header stay; an answer that has a body already or says it
    is JSON (the API's) is left as it is.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 405 or response.streaming:
            return response
        if request.path_info.startswith("/api/"):
            # The API answers in JSON, refusals included (ninja writes plain text).
            response.content = json.dumps({"detail": "Method not allowed"})
            response["Content-Type"] = "application/json"
            return response
        if response.content or "json" in response.get("Content-Type", ""):
            return response
        return views_errors.method_not_allowed(request, response)

    return middleware
