"""A cited work (positions.reading.citations.Work) as text and as files: Chicago and
APA for the Cite box, BibTeX and RIS for reference managers.

The text is made by citeproc-py from the CSL styles in `citation_styles/` (Chicago
author-date, 18th edition, and APA, 7th edition; see the README there). Where
citeproc-py 0.11 falls short, this module does the work, and tests/test_citations.py
checks each case:

- **Names.** Chicago's names are handed to citeproc-py whole (a CSL "literal" name),
  as `Person.chicago` writes them; APA's as family and given name, which citeproc-py
  cuts to initials as the style asks.
- **Subtitles.** APA capitalises the first word after a colon in a sentence-case
  title ("Learning from Europe: A collective foundation"); citeproc-py does not.
- **Punctuation.** citeproc-py leaves a period or comma after a closing quotation
  mark; American usage, which both styles follow, puts it inside (“Title.”), and a
  title's own ? or ! takes no period after it.
- **Escaping.** citeproc-py's HTML formatter escapes the styles' words but not the
  cited values: values are escaped here before they are handed over.

Citations are in English whatever the interface language: they follow English-language
styles.
"""

import datetime
import functools
import html
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from django.utils.safestring import SafeString, mark_safe

from positions import dates
from positions.reading.citations import Person, Work, primary_language

STYLES = Path(__file__).parent / "citation_styles"
CHICAGO = "chicago-author-date"
APA = "apa"

# biblatex's `langid` (which sets the hyphenation, and the bibliography's words in the
# languages biblatex knows) is a language's name in LaTeX's babel. babel names a
# language after its English name in CLDR, in lower case without spaces, diacritics or
# other signs ("swedish", "lowersorbian"), which Babel, the Python package, gives. These
# are the names that babel and biblatex spell otherwise, by full code or primary
# language; any code not here is named by that rule.
LATEX_LANGUAGES = {
    "en-us": "american",
    "en-gb": "british",
    "en-au": "australian",
    "en-ca": "canadian",
    "fr-ca": "canadien",
    "pt-br": "brazilian",
    "de-at": "austrian",
    "de-ch": "swissgerman",
    "no": "norsk",
    "nb": "norsk",
    "nn": "nynorsk",
    "sl": "slovene",
    "hu": "magyar",
    "gd": "scottish",
}


@functools.lru_cache(maxsize=256)
def latex_language(language: str) -> str | None:
    """A language code's name for biblatex's `langid` ("sv": "swedish", "en-GB":
    "british"), or None when Babel does not know the language."""
    code = language.lower()
    if name := LATEX_LANGUAGES.get(code) or LATEX_LANGUAGES.get(primary_language(code)):
        return name
    english = Locale("en").languages.get(primary_language(code))
    if english is None:
        return None
    letters = unicodedata.normalize("NFKD", english).lower()
    return "".join(char for char in letters if "a" <= char <= "z") or None


# Text: Chicago and APA through citeproc-py.


class _Html:
    """citeproc-py's formatter interface, writing the few tags the page allows: its
    own HTML formatter writes `<l>` and inline styles, which the site's CSP forbids."""

    @staticmethod
    def preformat(text: str) -> str:
        return html.escape(str(text), quote=False)

    @staticmethod
    def Italic(text: str) -> str:  # noqa: N802 (citeproc-py's names)
        return f"<i>{text}</i>"

    Oblique = Italic

    @staticmethod
    def Bold(text: str) -> str:  # noqa: N802
        return f"<b>{text}</b>"

    @staticmethod
    def Superscript(text: str) -> str:  # noqa: N802
        return f"<sup>{text}</sup>"

    @staticmethod
    def Subscript(text: str) -> str:  # noqa: N802
        return f"<sub>{text}</sub>"

    @staticmethod
    def Light(text: str) -> str:  # noqa: N802
        return text

    Underline = SmallCaps = Light


@functools.cache
def _style(name: str) -> CitationStylesStyle:
    # The styles are CSL 1.0.2; citeproc-py's schema is older: no validation.
    return CitationStylesStyle(str(STYLES / f"{name}.csl"), validate=False)


# citeproc-py keeps the formatter on the style while it renders: one at a time.
_rendering = threading.Lock()


def _date(day: datetime.date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def _typographic(text: str) -> str:
    """Escaped for HTML, with the typographic apostrophe the styles print."""
    return html.escape(text.replace("'", "\u2019"), quote=False)


def _container(work: Work) -> str:
    """The container's title for citeproc-py, which writes it in title case when the
    work is in English: one in another language (a Russian study's title) keeps its
    own case, protected as CSL protects it."""
    title = _typographic(work.container)
    language = work.container_language or work.language or "en"
    if (work.language or "en").startswith("en") and not language.startswith("en"):
        return f'<span class="nocase">{title}</span>'
    return title


def _csl_item(work: Work, style: str) -> dict[str, Any]:
    if style == CHICAGO:
        names = [
            {"literal": html.escape(person.chicago(inverted=index == 0), quote=False)}
            for index, person in enumerate(work.authors)
        ]
    else:
        names = [
            {part: html.escape(value, quote=False) for part, value in person.csl().items()}
            for person in work.authors
        ]
    item: dict[str, Any] = {
        "id": work.key,
        "type": "chapter",
        "title": _typographic(work.title),
        "container-title": _container(work),
        "publisher": html.escape("; ".join(work.publishers), quote=False),
        "URL": html.escape(work.url, quote=False),
        "language": work.language or "en",
        "accessed": _date(work.accessed),
    }
    if names:
        item["author"] = names
    if work.published:
        item["issued"] = {"date-parts": [dates.parts(work.published, work.precision)]}
    return item


# “Title”. → “Title.”, and “Why?”. → “Why?”: see the module's docstring. Only double
# quotation marks: a closing single one is also an apostrophe (“The Sides’, Their…”).
_OUTSIDE_QUOTE = re.compile(r"(\u201d)([.,])")
_DOUBLE_STOP = re.compile(r"([?!])(\u201d?)[.,](?=\u201d?(?:\s|$))")


def _punctuate(text: str) -> str:
    text = _OUTSIDE_QUOTE.sub(r"\2\1", text)
    return _DOUBLE_STOP.sub(r"\1\2", text)


# APA writes titles in sentence case, and capitalises the first word after a colon, a
# question or exclamation mark, or an em dash: citeproc-py capitalises only the first
# word of the title. Latin letters only (a Russian title keeps its own convention).
_APA_SUBTITLE = re.compile(r"([:?!] |\u2014)([a-z])")


def _capitalise_subtitles(text: str) -> str:
    return _APA_SUBTITLE.sub(lambda match: match[1] + match[2].upper(), text)


@functools.lru_cache(maxsize=1024)
def _render(work: Work, style: str) -> str:
    source = CiteProcJSON([_csl_item(work, style)])
    with _rendering:
        bibliography = CitationStylesBibliography(_style(style), source, _Html)
        bibliography.register(Citation([CitationItem(work.key)]))
        text = str(bibliography.bibliography()[0])
    text = _punctuate(text)
    return _capitalise_subtitles(text) if style == APA else text


def _with_notice(text: str, work: Work) -> SafeString:
    """The entry, then the study's notice in square brackets, as an annotation."""
    if not work.notice:
        return mark_safe(text)  # escaped in _csl_item and by _Html
    notice = html.escape(work.notice, quote=False)
    if not work.notice_language.startswith("en"):
        # The entry is English (the styles are), the notice in the reader's language.
        notice = f'<span lang="{html.escape(work.notice_language)}">{notice}</span>'
    return mark_safe(f"{text} [{notice}]")


def chicago(work: Work) -> SafeString:
    """The reference-list entry in Chicago author-date, as HTML (the title in italics),
    with the study's notice after it."""
    return _with_notice(_render(work, CHICAGO), work)


def apa(work: Work) -> SafeString:
    """The reference-list entry in APA, as HTML (the title in italics), with the
    study's notice after it."""
    return _with_notice(_render(work, APA), work)


# Files: BibTeX and RIS.

# Each special character of BibTeX and LaTeX as LaTeX writes it. Braces become commands
# rather than \{ and \}: BibTeX counts every brace, escaped or not, to find a field's end.
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")


def bibtex_escape(text: str) -> str:
    """`text` on one line with LaTeX's special characters escaped; other characters,
    Japanese and Cyrillic included, stay as they are (UTF-8)."""
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_SPECIALS[match[0]], " ".join(text.split()))


def bibtex_title(text: str) -> str:
    """An escaped title whose every word with a capital is braced, so that styles that
    change titles to lower case keep "{Japan}", "{NIDS}" and "{Россия}" as written."""
    return " ".join(
        f"{{{word}}}" if any(char.isupper() for char in word) else word
        for word in bibtex_escape(text).split(" ")
    )


def _bibtex_name(person: Person) -> str:
    if person.family and person.given:
        return bibtex_escape(person.family_given())
    # Braced whole: BibTeX would otherwise take its last word for the family name.
    return f"{{{bibtex_escape(person.latin(inverted=True))}}}"


def bibtex(work: Work) -> str:
    """The work as a BibTeX `@incollection` entry, for BibTeX and biblatex."""
    fields = []
    if work.authors:
        fields.append(("author", " and ".join(_bibtex_name(p) for p in work.authors)))
    fields += [
        ("title", bibtex_title(work.title)),
        ("booktitle", bibtex_title(work.container)),
    ]
    if work.publishers:
        # biblatex reads "and" as a list of publishers; braces keep each one whole.
        fields.append(
            ("publisher", " and ".join(f"{{{bibtex_escape(name)}}}" for name in work.publishers))
        )
    if work.published:
        fields += [
            ("year", str(work.published.year)),
            ("date", dates.iso(work.published, work.precision)),
        ]
    # An address has no character BibTeX needs escaped (Django writes %-escapes).
    fields += [("url", work.url), ("urldate", work.accessed.isoformat())]
    if work.language:
        fields.append(("language", bibtex_escape(work.language)))
        if langid := latex_language(work.language):
            fields.append(("langid", langid))
    if work.notice:
        fields.append(("note", bibtex_escape(work.notice)))
    lines = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@incollection{{{work.key},\n{lines}\n}}\n"


def _ris_date(day: datetime.date, precision: str = "day") -> str:
    """RIS's YYYY/MM/DD/ with what is not known left empty: "2007/03//"."""
    known = dates.parts(day, precision)
    month = f"{known[1]:02d}" if len(known) > 1 else ""
    date = f"{known[2]:02d}" if len(known) > 2 else ""
    return f"{day.year:04d}/{month}/{date}/"


def ris(work: Work) -> str:
    """The work as an RIS record (a book section), one tag per line, CRLF endings."""
    lines = [("TY", "CHAP")]
    lines += [("AU", person.family_given()) for person in work.authors]
    lines += [("TI", work.title), ("T2", work.container)]
    if work.published:
        lines += [
            ("PY", str(work.published.year)),
            ("DA", _ris_date(work.published, work.precision)),
        ]
    if work.publishers:
        lines.append(("PB", "; ".join(work.publishers)))
    if work.language:
        lines.append(("LA", work.language))
    if work.notice:
        lines.append(("N1", work.notice))
    lines += [("UR", work.url), ("Y2", _ris_date(work.accessed)), ("ER", "")]
    # A value never runs onto a second line: a line break would start a broken tag.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


@dataclass(frozen=True)
class CiteBox:
    """What a page's Cite box shows."""

    chicago: SafeString
    apa: SafeString
    bibtex_url: str
    ris_url: str


def cite_box(work: Work, *, bibtex_url: str, ris_url: str) -> CiteBox:
    return CiteBox(chicago(work), apa(work), bibtex_url, ris_url)
