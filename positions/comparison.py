"""The side-by-side comparison of a chapter: one column per side, one row per point."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext
from taggit.models import Tag

from positions.markdown import passage_id
from positions.models import Agreement, Author, Paper, Point, Side


@dataclass
class Column:
    side: Side
    paper: Paper | None
    authors: list[Author] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    # Whether the person reading may change this side's paper, or add it.
    editable: bool = False
    can_add: bool = False

    @classmethod
    def build(
        cls, side: Side, papers: list[Paper], tags: dict[tuple[str, int], list[Tag]]
    ) -> "Column":
        paper = next((paper for paper in papers if paper.side_id == side.pk), None)
        if paper is None:
            return cls(side=side, paper=None)
        return cls(
            side=side,
            paper=paper,
            authors=paper.author_list(),
            tags=tags.get(("paper", paper.pk), []),
        )

    @property
    def anchor(self) -> str:
        return f"paper-{self.side.slug}"


@dataclass
class Stance:
    side: Side
    text: str
    # Link to the passage on this page, when the paper is shown and the passage cited.
    passage_anchor: str = ""


@dataclass
class PointRow:
    point: Point
    stances: list[Stance]
    tags: list[Tag]


@dataclass
class Filter:
    value: str
    label: str
    count: int
    selected: bool


def point_rows(
    points: list[Point], columns: list[Column], tags: dict[tuple[str, int], list[Tag]]
) -> list[PointRow]:
    rows = []
    for point in points:
        stances = []
        for column, (text, passage) in zip(columns, point.stances(), strict=False):
            anchor = ""
            if passage and column.paper is not None and passage in column.paper.passages:
                anchor = passage_id(column.side.slug, passage)
            stances.append(Stance(side=column.side, text=text, passage_anchor=anchor))
        rows.append(PointRow(point=point, stances=stances, tags=tags.get(("point", point.pk), [])))
    return rows


def agreement_filters(points: list[Point], selected: str) -> list[Filter]:
    counts = Counter(point.agreement for point in points)
    filters = [Filter("", gettext("All points"), len(points), selected == "")]
    for agreement in Agreement:
        filters.append(
            Filter(agreement.value, agreement.label, counts[agreement.value], selected == agreement)
        )
    return filters
