"""The agreement map of a study: every point of every chapter, one row per chapter,
each point a cell that says how far the sides agree on it."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from positions.models import Agreement, Chapter, Point, Side, Study


@dataclass
class Cell:
    point: Point
    url: str
    # For a point only one side raises, that side.
    side: Side | None = None


@dataclass
class Counts:
    """How many points of each agreement, named as partials/agreement_counts.html reads
    them from an annotated chapter."""

    agree_count: int = 0
    partly_count: int = 0
    disagree_count: int = 0
    one_side_count: int = 0

    @classmethod
    def of(cls, points: list[Point]) -> "Counts":
        counted = Counter(point.agreement for point in points)
        return cls(**{f"{kind}_count": counted[kind] for kind in Agreement.values})

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            *(getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__)
        )

    @property
    def total(self) -> int:
        return self.agree_count + self.partly_count + self.disagree_count + self.one_side_count


@dataclass
class Row:
    chapter: Chapter
    cells: list[Cell]
    counts: Counts

    @property
    def anchor(self) -> str:
        return f"chapter-{self.chapter.number}"


# What each marker of the map means, for its legend.
MEANINGS = {
    Agreement.AGREE: _("Both sides take the same view."),
    Agreement.PARTLY: _("The sides share part of their view."),
    Agreement.DISAGREE: _("The sides take different views."),
    Agreement.ONE_SIDE: _("Only one side addresses the question."),
}


@dataclass
class LegendEntry:
    agreement: Agreement
    count: int

    @property
    def meaning(self) -> Promise:
        return MEANINGS[self.agreement]


@dataclass
class AgreementMap:
    study: Study
    rows: list[Row]
    counts: Counts = field(default_factory=Counts)

    @property
    def legend(self) -> list[LegendEntry]:
        return [
            LegendEntry(agreement, getattr(self.counts, f"{agreement.value}_count"))
            for agreement in Agreement
        ]


def agreement_map(study: Study, user: User | AnonymousUser) -> AgreementMap:
    """Map the points of the chapters of `study` that `user` may read.

    Runs two queries (the chapters, their points) and expects `study.sides` to be
    prefetched with their institutes.
    """
    sides = {side.position: side for side in study.sides.all()}
    chapters = (
        Chapter.objects.visible_to(user)
        .filter(study=study)
        .prefetch_related(Prefetch("points", queryset=Point.objects.order_by("order", "pk")))
    )
    rows = []
    for chapter in chapters:
        # Point.get_absolute_url goes through the chapter to the study: no query per point.
        chapter.study = study
        points = list(chapter.points.all())
        cells = []
        for point in points:
            side = None
            if point.agreement == Agreement.ONE_SIDE:
                side = sides.get(
                    Side.Position.FIRST if point.first_stance else Side.Position.SECOND
                )
            cells.append(Cell(point=point, url=point.get_absolute_url(), side=side))
        rows.append(Row(chapter=chapter, cells=cells, counts=Counts.of(points)))
    total = sum((row.counts for row in rows), Counts())
    return AgreementMap(study=study, rows=rows, counts=total)
