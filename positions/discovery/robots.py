"""/robots.txt: what crawlers may read, and where the sitemap is."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

# The team's pages directly under a language prefix (/en/my-work/). Their paths hold no
# slug, so they are written out for each language. Search is not among them: crawlers
# may read its pages, which say noindex (its results are endless combinations of
# queries and filters over the pages listed in the sitemap), so that no search engine
# lists one even when another site links to it.
TEAM_PAGES = ["my-work", "preview", "presence", "discussion"]


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(reverse("positions:home"))
    context = {
        "top_level": [f"{prefix}{page}/" for prefix in prefixes for page in TEAM_PAGES],
        "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
