"""The pages of refused requests, in the site's design and the reader's language: 400,
403 (a role that does not allow it, a form whose security token was refused) and 405.

Each says what was refused and offers a way on: the list of studies, and the page the
reader came from when the browser said which (the Referer, kept only if it is a page
of this site).
"""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


def previous_page(request: HttpRequest) -> str:
    """The path of the page the reader came from, or "" when the browser did not say,
    it is another site's, or it is the very page refused (a reload)."""
    referer = request.headers.get("referer", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        # A request for a host the site does not serve (400): no page to trust.
        return ""
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(referer)
    path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    # A form sent back to its own address is worth going back to; a page reloaded is not.
    if request.method in {"GET", "HEAD"} and path == request.get_full_path():
        return ""
    return path


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a request the site cannot read (a bad Host, a damaged form).

    Most come from scanners with a Host the site does not serve: if the page cannot be
    drawn (a server started without its static files), the answer is still a plain 400,
    never a 500."""
    try:
        return render(request, "400.html", {"back_url": previous_page(request)}, status=400)
    except Exception:  # the page is a courtesy; the status is what matters
        return HttpResponseBadRequest("Bad Request", content_type="text/plain")


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: a page that the reader's roles do not open."""
    return render(request, "403.html", {"back_url": previous_page(request)}, status=403)


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid security token; nothing was
    saved. The reason, written for developers, is not shown."""
    return render(request, "403_csrf.html", {"back_url": previous_page(request)}, status=403)


def method_not_allowed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Put the 405 page into Django's empty HttpResponseNotAllowed, keeping its status
    and Allow header (positions.web.middleware.designed_method_errors)."""
    methods = [method.strip() for method in response.get("Allow", "").split(",")]
    can_get = "GET" in methods
    back_url = previous_page(request)
    if can_get and back_url == request.path:
        back_url = ""  # the page itself is offered already
    response.content = render_to_string(
        "405.html",
        {"allowed": ", ".join(filter(None, methods)), "can_get": can_get, "back_url": back_url},
        request=request,
    )
    response["Content-Type"] = "text/html; charset=utf-8"
    return response
