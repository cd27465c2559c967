"""Citations of a paper or a chapter: what is cited, by whom, in what.

A paper is cited as a chapter of a book: its authors, its title, the study as the
book it is part of, the study's two institutes as its publishers, the day its chapter
was published, its permalink. A chapter is cited the same way, with its theme as the
title and the authors of both sides' papers, the first side's first. `paper_work` and
`chapter_work` make that record (a `Work`); positions.reading.citation_formats writes it
as Chicago and APA text and as BibTeX and RIS files.

Names (`Person`). CSL knows a family and a given name in one script. For APA that is
enough: names are cited in Latin letters only, family name first, given names as
initials, which citeproc-py makes ("Sato, H.", "Ivanova, O."). For Chicago each name is
written here whole, because: a name whose language puts the family name first
(Japanese, Chinese, Korean) keeps that order, without a comma, in every position: "Sato
Hanako" (CMOS 18, as for "Kurosawa Akira"); the name in original script follows, right
after a CJK name as Chicago prints them ("Sato Hanako 佐藤花子"), in square brackets after
any other ("Ivanova, Olga [Иванова, Ольга]"), in the same order as the Latin one; and
citeproc-py would cut Chicago's given names to initials, as it does not implement CSL's
`initialize="false"`. The first name is inverted ("Ivanova, Olga"), the others not
("Dmitri Sokolov"), as the style's `name-as-sort-order="first"` asks.

An author without a family name is cited whole, as written. A paper without named
authors is cited with its institute as its author, a chapter with both (group
authors), since citeproc-py would otherwise print the title twice. The Cite box names
the study and its institutes as the page does, in the reader's language where they are
translated (`names_shown`); the files name them as written, the same for every reader,
as a reference manager keeps one record per work.
"""

import datetime
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from positions.models import Author, Chapter, Institute, Paper, Side

# Languages whose names put the family name first, also when written in Latin letters
# in a citation; their scripts need no brackets around a name in original script.
FAMILY_FIRST_LANGUAGES = {"ja", "zh", "ko"}


def primary_language(language: str) -> str:
    return language.split("-")[0].lower()


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
            return primary_language(self.language) in FAMILY_FIRST_LANGUAGES
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
