"""Render editors' Markdown into the HTML that readers get, and say what was removed.

Papers are rendered once, when they are saved (see `Paper.render`), never on a page
view. Every paragraph and heading gets an id so that points can link to the passage
that states a side's stance; the ids and footnotes carry a prefix so that two papers
shown on one page never share an id.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
from django.utils.text import slugify
from django.utils.translation import gettext
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.footnote import footnote_plugin

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h3", "h4", "h5",
    "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id"},
    "a": {"href", "class"},
    "abbr": {"title"},
    "hr": {"class"},
    "li": {"class"},
    "ol": {"class"},
    "div": {"class"},
    "sup": {"class"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Script and style elements go with their content; other disallowed tags are
# unwrapped and their text is kept.
REMOVED_WITH_CONTENT = {"script", "style"}

# A paper's highest heading becomes <h3>, whether the editor wrote # or ##:
# on every page the paper's own title is the <h2> or <h1> above it.
TOP_HEADING_LEVEL = 3

UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
# markdown-it refuses these link addresses and leaves the Markdown as plain text.
REFUSED_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data|file):", re.IGNORECASE)


@dataclass
class Rendering:
    html: str
    # The ids of the passages (paragraphs and headings) without the prefix, in order.
    passages: list[str] = field(default_factory=list)
    # What an editor should know: markup that was removed, footnotes that do not exist.
    problems: list[str] = field(default_factory=list)


# A paragraph's passage name ("p3"); the others are headings' ids.
PARAGRAPH = re.compile(r"^p\d+$")


def heading_ids(passages: list[str]) -> list[str]:
    """The headings' ids among a text's passages, in order."""
    return [passage for passage in passages if not PARAGRAPH.match(passage)]


def passage_id(prefix: str, passage: str) -> str:
    """Return the HTML id of a passage of the paper rendered with `prefix`."""
    return f"{prefix}-{passage}"


def render_markdown(text: str, *, prefix: str, heading_ids: list[str] | None = None) -> Rendering:
    """Render Markdown to sanitized HTML whose ids all start with `prefix`.

    A translation passes its original's `heading_ids`: its headings take them in turn
    instead of a slug of their own words, so that links to a section land in either.
    """
    passages: list[str] = []
    md = _markdown(prefix, passages, heading_ids or [])
    env = {"docId": prefix}
    raw_html = md.render(text, env)
    problems = _missing_footnotes(md, text, env)
    if heading_ids is not None:
        headings = env.get("headings", 0)
        if headings != len(heading_ids):
            problems.append(
                gettext(
                    "Headings: %(translated)d in the translation, %(original)d in the "
                    "original. Links to its sections may not land where they should."
                )
                % {"translated": headings, "original": len(heading_ids)}
            )
    for scheme in dict.fromkeys(m.lower() for m in REFUSED_LINK.findall(text)):
        problems.append(
            gettext("A link to a “%(scheme)s:” address is not allowed and is shown as plain text.")
            % {"scheme": scheme}
        )

    def keep_own_ids(element: str, attribute: str, value: str) -> str | None:
        # An id typed in raw HTML could hijack a passage or footnote link.
        own = (f"{prefix}-", f"fn-{prefix}-", f"fnref-{prefix}-")
        if attribute == "id" and not value.startswith(own):
            return None
        return value

    clean_html = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=keep_own_ids,
        link_rel=None,
        strip_comments=True,
    )
    problems += _removed_markup(raw_html, clean_html)
    return Rendering(html=clean_html, passages=passages, problems=problems)


def _markdown(prefix: str, passages: list[str], heading_ids: list[str]) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.use(footnote_plugin)
    # A <section> without a heading is a sectioning error; the notes need none.
    md.add_render_rule(
        "footnote_block_open",
        lambda *args: (
            '<hr class="footnotes-sep">\n<div class="footnotes">\n<ol class="footnotes-list">\n'
        ),
    )
    md.add_render_rule("footnote_block_close", lambda *args: "</ol>\n</div>\n")

    def number_passages(state: StateCore) -> None:
        paragraphs = headings = 0
        used: set[str] = set()
        tokens = state.tokens
        levels = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
        shift = TOP_HEADING_LEVEL - min(levels, default=1)
        for index, token in enumerate(tokens):
            if token.type == "paragraph_open" and token.level == 0:
                paragraphs += 1
                name = f"p{paragraphs}"
            elif token.type == "heading_open":
                level = min(int(token.tag[1]) + shift, 6)
                token.tag = tokens[index + 2].tag = f"h{level}"
                if headings < len(heading_ids):
                    name = heading_ids[headings]
                else:
                    name = slugify(tokens[index + 1].content, allow_unicode=True) or "section"
                headings += 1
                base, suffix = name, 2
                while name in used:
                    name, suffix = f"{base}-{suffix}", suffix + 1
            else:
                continue
            used.add(name)
            passages.append(name)
            token.attrSet("id", passage_id(prefix, name))
        state.env["headings"] = headings

    md.core.ruler.push("number_passages", number_passages)
    return md


def _missing_footnotes(md: MarkdownIt, text: str, env: dict) -> list[str]:
    defined = {label.lstrip(":") for label in env.get("footnotes", {}).get("refs", {})}
    problems = []
    for label in dict.fromkeys(UNDEFINED_FOOTNOTE.findall(text)):
        if label not in defined:
            problems.append(
                gettext(
                    "Footnote [^%(label)s] is referred to but never defined: "
                    "add a line “[^%(label)s]: …” at the end."
                )
                % {"label": label}
            )
    return problems


class _MarkupCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: Counter[tuple[str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, _ in attrs:
            self.attributes[(tag, name)] += 1


def _count_markup(html: str) -> _MarkupCounter:
    counter = _MarkupCounter()
    counter.feed(html)
    counter.close()
    return counter


def _removed_markup(raw_html: str, clean_html: str) -> list[str]:
    raw, clean = _count_markup(raw_html), _count_markup(clean_html)
    problems = []
    for tag, count in sorted((raw.tags - clean.tags).items()):
        if tag in REMOVED_WITH_CONTENT:
            problems.append(
                gettext("Removed %(count)d <%(tag)s> element(s) with their content.")
                % {"count": count, "tag": tag}
            )
        else:
            problems.append(
                gettext(
                    "Removed %(count)d <%(tag)s> tag(s): not allowed in a paper; "
                    "the text inside was kept."
                )
                % {"count": count, "tag": tag}
            )
    removed_attributes = raw.attributes - clean.attributes
    for (tag, name), count in sorted(removed_attributes.items()):
        if raw.tags[tag] > clean.tags[tag] and clean.tags[tag] == 0:
            continue  # the whole element went; already reported
        if name == "href":
            problems.append(
                gettext(
                    "Removed %(count)d link address(es) from <%(tag)s>: only http, "
                    "https, mailto and links within the site are allowed."
                )
                % {"count": count, "tag": tag}
            )
        else:
            problems.append(
                gettext("Removed %(count)d “%(name)s” attribute(s) from <%(tag)s>.")
                % {"count": count, "name": name, "tag": tag}
            )
    return problems
