"""What every page's layout needs."""

from typing import Any

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
