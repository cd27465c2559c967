"""Citations of a paper or a chapter: Chicago and APA text for the Cite box, and BibTeX
and RIS files for reference managers.

A paper is cited as a chapter of a book: its authors, its title, the study as the
book it is part of, the study's two institutes as its publishers, the day its chapter
was published, its permalink. A chapter is cited the same way, with its theme as the
title and the authors of both sides' papers, the first side's first.

The text is made by citeproc-py from the CSL styles in `citation_styles/` (Chicago
author-date, 18th edition, and APA, 7th edition; see the README there). Where
citeproc-py 0.11 falls short, this module does the work, and tests/test_citations.py
checks each case:

- **Names.** CSL knows a family and a given name in one script. For APA that is
  enough: names are cited in Latin letters only, family name first, given names as
  initials, which citeproc-py makes ("Sato, H.", "Ivanova, O."). For Chicago each name
  is written here and handed to citeproc-py whole (a CSL "literal" name), because:
  a name whose language puts the family name first (Japanese, Chinese, Korean) keeps
  that order, without a comma, in every position: "Sato Hanako" (CMOS 18, as for
  "Kurosawa Akira"); the name in original script follows, right after a CJK name as
  Chicago prints them ("Sato Hanako 佐藤花子"), in square brackets after any other
  ("Ivanova, Olga [Иванова, Ольга]"), in the same order as the Latin one; and
  citeproc-py would cut Chicago's given names to initials, as it does not implement
  CSL's `initialize="false"`. The first name is inverted ("Ivanova, Olga"), the others
  not ("Dmitri Sokolov"), as the style's `name-as-sort-order="first"` asks.
- **Subtitles.** APA capitalises the first word after a colon in a sentence-case
  title ("Learning from Europe: A collective foundation"); citeproc-py does not.
- **Punctuation.** citeproc-py leaves a period or comma after a closing quotation
  mark; American usage, which both styles follow, puts it inside (“Title.”), and a
  title's own ? or ! takes no period after it.
- **Escaping.** citeproc-py's HTML formatter escapes the styles' words but not the
  cited values: values are escaped here before they are handed over.

An author without a family name is cited whole, as written. A paper without named
authors is cited with its institute as its author, a chapter with both (group
authors), since citeproc-py would otherwise print the title twice. Citations are in
English whatever the interface language: they follow English-language styles. The Cite
box names the study and its institutes as the page does, in the reader's language
where they are translated (`names_shown`); the files name them as written, the same
for every reader, as a reference manager keeps one record per work.
"""

import datetime
import functools
import html
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.safestring import SafeString, mark_safe

from positions import dates
from positions.models import Author, Chapter, Institute, Paper, Side

STYLES = Path(__file__).parent / "citation_styles"
CHICAGO = "chicago-author-date"
APA = "apa"

# Languages whose names put the family name first, also when written in Latin letters
# in a citation; their scripts need no brackets around a name in original script.
FAMILY_FIRST_LANGUAGES = {"ja", "zh", "ko"}

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


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


@functools.lru_cache(maxsize=256)
def latex_language(language: str) -> str | None:
    """A language code's name for biblatex's `langid` ("sv": "swedish", "en-GB":
    "british"), or None when Babel does not know the language."""
    code = language.lower()
    if name := LATEX_LANGUAGES.get(code) or LATEX_LANGUAGES.get(_primary(code)):
        return name
    english = Locale("en").languages.get(_primary(code))
    if english is None:
        return None
    letters = unicodedata.normalize("NFKD", english).lower()
    return "".join(char for char in letters if "a" <= char <= "z") or None


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK ", "HIRAGANA", "KATAKANA", "HANGUL"))


@dataclass(frozen=True)
class Person:
    """An author's name as citations need it: in Latin letters and in original script,
    each split into family and given name when the family name is known."""

    name: str
    family: str = ""
    given: str = ""
    original: str = ""
    family_original: str = ""
    given_original: str = ""
    language: str = ""

    @classmethod
    def of(cls, author: Author) -> "Person":
        return cls(
            name=author.name,
            family=author.family_name and " ".join(author.family_name.split()),
            given=author.given_name,
            original=author.name_original,
            family_original=author.family_name_original
            and " ".join(author.family_name_original.split()),
            given_original=author.given_name_original,
            language=author.name_language,
        )

    @property
    def family_first(self) -> bool:
        """Whether the name's language puts the family name first; without a language,
        whether its original is written in Chinese characters, kana or hangul."""
        if self.language:
            return _primary(self.language) in FAMILY_FIRST_LANGUAGES
        return any(_is_cjk(char) for char in self.original)

    def latin(self, *, inverted: bool) -> str:
        """The name in Latin letters: "Ivanova, Olga" inverted, "Olga Ivanova" not;
        "Sato Hanako" either way for a family-first language."""
        return self._ordered(self.name, self.family, self.given, inverted, " ")

    def in_original_script(self, *, inverted: bool) -> str:
        """The name in original script, ordered as `latin` orders it; empty when it
        has none or it is the same as the Latin one."""
        if not self.original or self.original == self.name:
            return ""
        # 佐藤花子 is written without a space between the names; "佐藤 花子" keeps it.
        joiner = " " if " " in self.original.strip() else ""
        return self._ordered(
            self.original, self.family_original, self.given_original, inverted, joiner
        )

    def _ordered(self, whole: str, family: str, given: str, inverted: bool, joiner: str) -> str:
        if not family or not given:
            return " ".join(whole.split())
        if self.family_first:
            return f"{family}{joiner}{given}"
        if inverted:
            return f"{family}, {given}"
        return f"{given} {family}"

    def chicago(self, *, inverted: bool) -> str:
        latin = self.latin(inverted=inverted)
        original = self.in_original_script(inverted=inverted)
        if not original:
            return latin
        if self.family_first:
            return f"{latin} {original}"
        return f"{latin} [{original}]"

    def csl(self) -> dict[str, str]:
        """The name for citeproc-py in Latin letters, for styles that cite no original
        script (APA); whole when its parts are not known."""
        if self.family and self.given:
            return {"family": self.family, "given": self.given}
        return {"literal": self.latin(inverted=True)}

    def family_given(self) -> str:
        """The name as RIS and BibTeX want it, "Family, Given"; whole without a family name."""
        if self.family and self.given:
            return f"{self.family}, {self.given}"
        return self.latin(inverted=True)


@dataclass(frozen=True)
class Work:
    """A paper or a chapter as it is cited. `key` names it in BibTeX and its files."""

    key: str
    authors: tuple[Person, ...]
    title: str
    language: str
    container: str
    publishers: tuple[str, ...]
    published: datetime.date | None
    url: str
    accessed: datetime.date
    # The language of `container` when it is not that of the work (a study's title
    # shown in the reader's language): the styles leave its letter case as written.
    container_language: str = ""
    # How precisely `published` is known (Study.dates_precision): "day", "month", "year".
    precision: str = "day"
    # The study's notice (a demonstration's): every format carries it, so that nobody
    # copies a citation of a demonstration without the word.
    notice: str = ""
    notice_language: str = "en"


# What `with_institutes` reads of each institute: enough to name it in any language
# (positions.reading.names).
INSTITUTE_FIELDS = ("id", "name", "abbreviation", "language")
SIDE_PREFIXES = ((Side.Position.FIRST, "first"), (Side.Position.SECOND, "second"))


def with_institutes(papers: QuerySet[Paper]) -> QuerySet[Paper]:
    """Annotate each paper with its study's institutes, the first side's and the
    second's, for `study_institutes_of`. Subqueries of the papers' own query: no query
    more."""
    annotations = {}
    for position, prefix in SIDE_PREFIXES:
        side = Side.objects.filter(study=OuterRef("study"), position=position)
        for field in INSTITUTE_FIELDS:
            annotations[f"{prefix}_institute_{field}"] = Subquery(
                side.values(f"institute__{field}")[:1]
            )
    return papers.annotate(**annotations)


def study_institutes_of(paper: Paper) -> list[Institute]:
    """The institutes of the paper's study, in side order, the same objects at each
    call (positions.reading.names gives them their names shown). Runs a query unless the paper
    comes from `with_institutes`."""
    if not hasattr(paper, "_study_institutes"):
        if hasattr(paper, "first_institute_id"):
            paper._study_institutes = [
                Institute(
                    **{
                        field: getattr(paper, f"{prefix}_institute_{field}")
                        for field in INSTITUTE_FIELDS
                    }
                )
                for _position, prefix in SIDE_PREFIXES
                if getattr(paper, f"{prefix}_institute_id") is not None
            ]
        else:
            sides = Side.objects.filter(study=paper.study_id).select_related("institute")
            paper._study_institutes = [side.institute for side in sides.order_by("position")]
    return paper._study_institutes


def _name(institute: Institute, names_shown: bool) -> str:
    return institute.name_shown.text if names_shown else institute.name


def study_institutes(paper: Paper, *, names_shown: bool = False) -> tuple[str, ...]:
    """The names of the institutes of the paper's study, in side order, as written or,
    with `names_shown`, as positions.reading.names gave them. Runs a query unless the paper
    comes from `with_institutes`."""
    names = [_name(institute, names_shown) for institute in study_institutes_of(paper)]
    return tuple(name for name in names if name)


def paper_work(
    paper: Paper,
    authors: Sequence[Author],
    *,
    url: str,
    accessed: datetime.date,
    names_shown: bool = False,
) -> Work:
    """The paper in its original language, its study and institutes named as written
    or, with `names_shown`, as positions.reading.names gave them to the page. Runs no query when
    its study, chapter, side and side's institute are loaded and it comes from
    `with_institutes`."""
    study = paper.study
    return Work(
        key=f"{study.slug}-{paper.chapter.number}-{paper.side.slug}",
        # A paper without named authors is its institute's (a group author).
        authors=tuple(Person.of(author) for author in authors)
        or (Person(_name(paper.side.institute, names_shown)),),
        title=paper.title,
        language=paper.text_language,
        container=study.title_shown.text if names_shown else study.title,
        container_language=study.title_shown.language if names_shown else study.language,
        publishers=study_institutes(paper, names_shown=names_shown),
        published=paper.published_on,
        url=url,
        accessed=accessed,
        precision=study.dates_precision,
        notice=study.notice_shown,
        notice_language=study.notice_language,
    )


def chapter_work(
    chapter: Chapter,
    sides: Iterable[Side],
    papers: Iterable[Paper],
    *,
    url: str,
    accessed: datetime.date,
    names_shown: bool = False,
) -> Work:
    """The chapter, by the authors of `papers` (those the reader may see), the first
    side's first; its study and institutes named as `paper_work` names them. Runs no
    query when the sides come with their institutes and the papers with their side and
    their authorships' authors (prefetched)."""
    sides = list(sides)
    order = {side.pk: side.position for side in sides}
    authors: dict[int, Author] = {}
    for paper in sorted(papers, key=lambda paper: order.get(paper.side_id, 0)):
        for author in paper.author_list():
            authors.setdefault(author.pk, author)
    institutes = tuple(
        _name(side.institute, names_shown) for side in sorted(sides, key=lambda side: side.position)
    )
    return Work(
        key=f"{chapter.study.slug}-{chapter.number}",
        # Without named authors, the institutes are the chapter's (group authors).
        authors=tuple(Person.of(author) for author in authors.values())
        or tuple(Person(name) for name in institutes),
        title=chapter.title,
        language=chapter.study.language,
        container=chapter.study.title_shown.text if names_shown else chapter.study.title,
        container_language=(
            chapter.study.title_shown.language if names_shown else chapter.study.language
        ),
        publishers=institutes,
        published=chapter.published_on,
        url=url,
        accessed=accessed,
        precision=chapter.study.dates_precision,
        notice=chapter.study.notice_shown,
        notice_language=chapter.study.notice_language,
    )


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
