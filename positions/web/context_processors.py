"""What every page's layout needs."""

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_from_path


def languages(request: HttpRequest) -> dict[str, Any]:
    """The same page in each language of the interface, for the switcher (the
    hreflang links are made from the canonical address: page_metadata.hreflang_links).

    Pages outside the language prefixes (the admin) get none.
    """
    if not get_language_from_path(request.path_info):
        return {"language_links": []}
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        links.append({"code": code, "name": name, "url": url})
    return {"language_links": links}


def without_language(url: str) -> str:
    """`url`, a path or an absolute address in the default language (/en/…), without
    its language: the address that sends a visitor to the page in theirs (x-default)."""
    parts = urlsplit(url)
    path = "/" + parts.path.removeprefix(f"/{settings.LANGUAGE_CODE}/")
    return urlunsplit(parts._replace(path=path))
