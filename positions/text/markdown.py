"""Render editors' Markdown into the HTML that readers get, and say what was removed.

Papers are rendered once, when they are saved (see `Paper.render`), never on a page
view. Every paragraph and heading gets an id so that points can link to the passage
that states a side's stance; the ids and footnotes carry a prefix so that two papers
shown on one page never share an id.

Cost: markdown-it's parsing, mostly. It is linear in the text, up to about 12 µs a
character for the worst structure (`[` repeated, tables, one-letter paragraphs), but
quadratic in the straight quotes of one paragraph (its typographer's smartquotes): over
10 s for 200,000 of them. `bench/texts.py` measures it. The markup that sanitizing
removed is counted only when nh3 changed something, and then mostly by its form.
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
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

    The last few renderings are kept: a save renders the text it has just checked or
    previewed (the edit page's preview, then `Paper.save`; the admin's formset, then
    `Paper.save`), and a long text's rendering takes a good part of a second.
    """
    html, passages, problems = _render(
        text, prefix, None if heading_ids is None else tuple(heading_ids), get_language()
    )
    return Rendering(html=html, passages=list(passages), problems=list(problems))


# Placeholder for each piece of raw HTML while markdown-it renders: markdown-it turns
# every NUL of the text into U+FFFD, so none is left in what it makes.
RAW_HTML = "\x00"


@functools.lru_cache(maxsize=4)
def _render(
    text: str, prefix: str, heading_ids: tuple[str, ...] | None, language: str | None
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Render as `render_markdown` says; `language`, the active one, which the problems
    are written in, is only part of the key of the cache."""
    passages: list[str] = []
    raw_pieces: list[str] = []
    md = _markdown(prefix, passages, list(heading_ids or ()), raw_pieces)
    env = {"docId": prefix}
    made = md.render(text, env).split(RAW_HTML)
    raw_html = "".join(_interleave(made, raw_pieces))
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
    # Where nh3 kept all the markup, its HTML is markdown-it's but for <br> (not <br />)
    # and &nbsp;: no markup to count. (The texts where it differs otherwise are few.)
    if _as_nh3_writes(raw_html) != clean_html:
        problems += _removed_markup(_raw_markup(made, raw_pieces, raw_html), clean_html)
    return clean_html, tuple(passages), tuple(problems)


def _as_nh3_writes(html: str) -> str:
    # markdown-it escapes > in text: " />" closes a tag (or is in the raw HTML).
    return html.replace(" />", ">").replace("\xa0", "&nbsp;")


def _interleave(made: list[str], raw_pieces: list[str]) -> list[str]:
    """What markdown-it made, with each piece of raw HTML back in its place."""
    joined = [made[0]]
    for piece, after in zip(raw_pieces, made[1:], strict=True):
        joined += (piece, after)
    return joined


def _markdown(
    prefix: str, passages: list[str], heading_ids: list[str], raw_pieces: list[str]
) -> MarkdownIt:
    """A renderer that appends the passages' names to `passages` and puts RAW_HTML in
    place of each piece of the editor's raw HTML, appended to `raw_pieces`."""
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

    def set_aside(renderer: object, tokens: list, index: int, *args: object) -> str:
        raw_pieces.append(tokens[index].content)
        return RAW_HTML

    md.add_render_rule("html_block", set_aside)
    md.add_render_rule("html_inline", set_aside)

    def number_passages(state: StateCore) -> None:
        paragraphs = headings = 0
        used: set[str] = set()
        # The suffix to try next for each name: trying -2, -3, ... from the start each
        # time took minutes for a text of thousands of headings with the same words.
        next_suffix: dict[str, int] = {}
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
                base, suffix = name, next_suffix.get(name, 2)
                while name in used:
                    name, suffix = f"{base}-{suffix}", suffix + 1
                next_suffix[base] = suffix
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

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # Python 3.13.0 raises AssertionError on "<![if !supportLists]>" (in HTML pasted
        # from Word), which failed the save; browsers, nh3 and later Pythons read any
        # "<![" other than CDATA as a comment up to the next ">".
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    @property
    def between_tags(self) -> bool:
        """Whether what it was fed ended outside any tag, comment or script: what comes
        next is read as it would be on its own."""
        # Left-over text only waits for the end of a character reference.
        return "<" not in self.rawdata and self.cdata_elem is None


def _count_markup(html: str) -> _MarkupCounter:
    counter = _MarkupCounter()
    counter.feed(html)
    counter.close()
    return counter


# A start tag as markdown-it writes it (attributes in double quotes, with <, >, & and "
# escaped in them and in the text) and as nh3 does (the same, but for < and > in
# attribute values): there, each < outside an attribute starts a tag or an end tag.
START_TAG = re.compile(r'<([a-zA-Z][^\s/>]*)((?:\s+[^\s/>="]+(?:="[^"]*")?)*)\s*/?>')
ATTRIBUTE_NAME = re.compile(r'\s([^\s/>="]+)(?:="[^"]*")?')


def _count_written_markup(html: str, counter: _MarkupCounter) -> None:
    """Count in `counter` the start tags and attributes of HTML written as markdown-it
    and nh3 write it, as `_MarkupCounter` would, in a small part of its time."""
    for (tag, attributes), count in Counter(START_TAG.findall(html)).items():
        tag = tag.lower()
        counter.tags[tag] += count
        for name in ATTRIBUTE_NAME.findall(attributes):
            counter.attributes[(tag, name.lower())] += count


def _raw_markup(made: list[str], raw_pieces: list[str], raw_html: str) -> _MarkupCounter:
    """Count the markup of the HTML markdown-it made, `raw_html`: what it wrote itself
    (`made`, between the pieces of raw HTML) by its form, the editor's raw HTML with
    the parser. When a piece ends inside a tag, a comment or a script, what follows is
    not read as on its own: then the whole HTML is read with the parser."""
    counter = _MarkupCounter()
    for piece in raw_pieces:
        counter.feed(piece)
        if not counter.between_tags:
            return _count_markup(raw_html)
    counter.close()
    _count_written_markup("".join(made), counter)
    return counter


def _clean_markup(clean_html: str) -> _MarkupCounter:
    counter = _MarkupCounter()
    _count_written_markup(clean_html, counter)
    return counter


def _removed_markup(raw: _MarkupCounter, clean_html: str) -> list[str]:
    """Say what sanitizing removed from the HTML whose markup `raw` counted."""
    clean = _clean_markup(clean_html)
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
