"""What a page says about itself in its <head>: its canonical address, Open Graph
tags and, on a paper's page, JSON-LD (`positions.discovery.structured_data`)."""

from typing import Any
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.template.base import Parser, Token
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import to_locale

from positions.discovery import structured_data
from positions.web.context_processors import without_language

register = template.Library()

# Open Graph names a locale with its territory. The interface's English is British
# ("colour", 30 March 2007).
OG_LOCALES = {"en": "en_GB", "ja": "ja_JP", "ru": "ru_RU"}


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        # Rendered, hence escaped already: safe, and still safe once stripped.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser: Parser, token: Token) -> CaptureNode:
    """Render the enclosed template into a variable and show nothing:
    `{% capture as page_title %}{% block title %}…{% endblock %}{% endcapture %}`.

    A block may appear once in a template; captured, a page's title and description
    serve `<title>`, the meta description and Open Graph alike. Blocks inside stay
    blocks that pages override.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context, **query: Any) -> str:
    """This page's absolute address in its language, without a query string but for
    the `query` arguments that are not empty (those that choose what the page shows):
    `{% canonical_url text=translation.language %}`. Empty without a request."""
    request = context.get("request")
    if request is None:
        return ""
    kept = {name: value for name, value in query.items() if value}
    path = request.path + (f"?{urlencode(kept)}" if kept else "")
    return request.build_absolute_uri(path)


@register.simple_tag
def hreflang_links(canonical: str) -> list[tuple[str, str]]:
    """(hreflang, address) of this page in each language of the interface, made from
    its canonical address (so a tracking parameter in the address read is not in
    them), and x-default: the address without a language, which sends a visitor to
    theirs, as the sitemap gives it. None for a page without a canonical address."""
    if not canonical:
        return []
    links = [(code, translate_url(canonical, code)) for code, _name in settings.LANGUAGES]
    links.append(("x-default", without_language(dict(links)[settings.LANGUAGE_CODE])))
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


@register.filter
def og_locale(language: str) -> str:
    """An interface language as Open Graph names it: "ja" → "ja_JP"."""
    return OG_LOCALES.get(language) or to_locale(language)


@register.simple_tag(takes_context=True)
def paper_json_ld(context: template.Context, url: str) -> SafeString:
    """The paper of a paper's page (`positions.reading.views.paper_context`) as JSON-LD."""
    request = context["request"]
    data = structured_data.scholarly_article(
        paper=context["paper"],
        authors=context.get("authors") or [],
        url=url,
        absolute=request.build_absolute_uri,
        translation=context.get("translation"),
        translations=context.get("texts") or [],
        keywords=[tag.name for tag in context.get("tags") or []],
    )
    return structured_data.json_ld_script(data)
