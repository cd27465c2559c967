"""The side-by-side comparison of a chapter: one column per side, one row per point."""

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext
from taggit.models import Tag

from positions.models import Agreement, Author, Paper, PaperTranslation, Point, Side, Study
from positions.reading.texts import ChapterTexts, Shown, shown
from positions.text.languages import language_in_words
from positions.text.markdown import PARAGRAPH, passage_id

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class Column:
    side: Side
    paper: Paper | None
    authors: list[Author] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    # Whether the person reading may change this side's paper, or add it.
    editable: bool = False
    can_add: bool = False
    # The paper's translation shown in its place, when the reader asked for a language
    # it has one in; else `missing` names the language asked for, if it has none.
    translation: PaperTranslation | None = None
    missing: str = ""

    @classmethod
    def build(
        cls,
        side: Side,
        papers: list[Paper],
        tags: dict[tuple[str, int], list[Tag]],
        texts: ChapterTexts | None = None,
        language: str = "",
    ) -> "Column":
        paper = next((paper for paper in papers if paper.side_id == side.pk), None)
        if paper is None:
            return cls(side=side, paper=None)
        column = cls(
            side=side,
            paper=paper,
            authors=paper.author_list(),
            tags=tags.get(("paper", paper.pk), []),
        )
        if language and language != paper.text_language:
            column.translation = texts.papers.get(paper.pk) if texts else None
            if column.translation is None:
                column.missing = language
        return column

    @property
    def text(self) -> Paper | PaperTranslation | None:
        """What the column shows: the paper, or its translation."""
        return self.translation or self.paper

    @property
    def text_language(self) -> str:
        if self.translation:
            return self.translation.language
        assert self.paper is not None, "a column without a paper shows no text"
        return self.paper.text_language

    @functools.cached_property
    def headings(self) -> dict[str, str]:
        """The text of each heading of what the column shows, by passage (its slug)."""
        text = self.text
        if text is None:
            return {}
        prefix = re.escape(f"{self.side.slug}-")
        found = re.findall(rf'<h[1-6] id="{prefix}([^"]+)"[^>]*>(.*?)</h[1-6]>', text.body_html)
        return {slug: strip_tags(html.unescape(inner)).strip() for slug, inner in found}

    def section_of(self, passage: str) -> tuple[str, str]:
        """The name of the section that holds `passage`, as printed pages cite it: the
        heading it is or that comes before it, else its paragraph's number ("", "3")."""
        passages = self.paper.passages if self.paper else []
        if passage not in passages:
            return "", ""
        for earlier in reversed(passages[: passages.index(passage) + 1]):
            if not PARAGRAPH.match(earlier) and earlier in self.headings:
                return self.headings[earlier], ""
        return "", passage.removeprefix("p")

    @property
    def missing_name(self) -> str:
        return language_in_words(self.missing) if self.missing else ""

    @property
    def original_name(self) -> str:
        assert self.paper is not None, "a column without a paper has no original"
        return language_in_words(self.paper.text_language)

    @property
    def anchor(self) -> str:
        return f"paper-{self.side.slug}"


@dataclass
class Stance:
    side: Side
    text: Shown
    # Link to the passage on this page, when the paper is shown and the passage cited.
    passage_anchor: str = ""
    # What a printed page says instead of the link: the section's name, or failing one
    # the paragraph's number.
    passage_section: str = ""
    passage_paragraph: str = ""
    # The language the section's name is written in: that of the paper as shown.
    passage_language: str = ""


@dataclass
class PointRow:
    point: Point
    question: Shown
    stances: list[Stance]
    tags: list[Tag]
    # What changed in the point since its translations, when one shown is out of date.
    changes_url: str = ""


@dataclass
class Filter:
    value: str
    label: "StrOrPromise"
    count: int
    selected: bool


def point_rows(
    points: list[Point],
    columns: list[Column],
    tags: dict[tuple[str, int], list[Tag]],
    *,
    written_in: str,
    texts: ChapterTexts | None = None,
    language: str = "",
    quiet: bool = False,
) -> list[PointRow]:
    """The points, each with its question and each side's stance, in `language` as far
    as they are translated into it (`texts`), else as written (in `written_in`); see
    `texts.shown` for `quiet`."""
    translations = texts.points if texts else {}
    rows = []
    for point in points:
        stances = []
        for column, part, (text, passage) in zip(
            columns, ["first", "second"], point.stances(), strict=False
        ):
            anchor, section, paragraph = "", "", ""
            if passage and column.paper is not None and passage in column.paper.passages:
                anchor = passage_id(column.side.slug, passage)
                section, paragraph = column.section_of(passage)
            translation = translations.get((point.pk, part))
            stances.append(
                Stance(
                    side=column.side,
                    text=shown(text, written_in, language, translation, quiet=quiet),
                    passage_anchor=anchor,
                    passage_section=section,
                    passage_paragraph=paragraph,
                    passage_language=column.text_language if section else "",
                )
            )
        question = shown(
            point.question,
            written_in,
            language,
            translations.get((point.pk, "question")),
            quiet=quiet,
        )
        changes_url = ""
        if question.out_of_date or any(stance.text.out_of_date for stance in stances):
            chapter = point.chapter
            changes_url = reverse(
                "positions:point_translation_changes",
                args=[chapter.study.slug, chapter.number, point.slug, language],
            )
        rows.append(
            PointRow(
                point=point,
                question=question,
                stances=stances,
                tags=tags.get(("point", point.pk), []),
                changes_url=changes_url,
            )
        )
    return rows


def agreement_filters(points: list[Point], selected: str) -> list[Filter]:
    counts = Counter(point.agreement for point in points)
    filters = [Filter("", gettext("All points"), len(points), selected == "")]
    for agreement in Agreement:
        filters.append(
            Filter(agreement.value, agreement.label, counts[agreement.value], selected == agreement)
        )
    return filters


@dataclass
class SideStance:
    side: Side | None
    # In the reader's language where it has a translation (positions.reading.names); its text
    # is empty when the side does not address the point.
    shown: Shown


@dataclass
class ComparedPoint:
    point: Point
    stances: list[SideStance]


@dataclass
class StudyComparison:
    """Points of one study, each with both sides' stances, as on a tag's page."""

    study: Study
    sides: list[Side]
    points: list[ComparedPoint]


def compare_by_study(points: list[Point], sides: list[Side]) -> list[StudyComparison]:
    """Group `points` (with `chapter__study` selected, in the order to show, their texts
    in the reader's language: positions.reading.names) by study, pairing each stance with its
    side among `sides` (those of the studies involved)."""
    sides_of: dict[int, dict[int, Side]] = {}
    for side in sides:
        sides_of.setdefault(side.study_id, {})[side.position] = side
    groups: dict[int, StudyComparison] = {}
    for point in points:
        study = point.chapter.study
        positions = sides_of.get(study.pk, {})
        if study.pk not in groups:
            groups[study.pk] = StudyComparison(
                study=study, sides=[positions[key] for key in sorted(positions)], points=[]
            )
        stances = [
            SideStance(side=positions.get(1), shown=point.first_shown),
            SideStance(side=positions.get(2), shown=point.second_shown),
        ]
        groups[study.pk].points.append(ComparedPoint(point=point, stances=stances))
    return list(groups.values())
