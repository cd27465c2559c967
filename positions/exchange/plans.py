"""What a study archive says, read and checked, before anything is written: unsaved
objects with what ties them together (`positions.exchange.reading` makes them,
`positions.exchange.importer` writes them)."""

import datetime
from dataclasses import dataclass, field

from positions.models import (
    Author,
    Chapter,
    Institute,
    Paper,
    Point,
    Side,
    Study,
    Translation,
)


@dataclass
class TranslationPlan:
    # Unsaved, holding the translated fields.
    translation: Translation
    translator: str | None
    source_date: datetime.datetime | None
    follows_original: bool
    where: str


@dataclass
class PaperPlan:
    paper: Paper
    side_position: int
    authors: list[str]
    tags: list[str]
    translations: list[TranslationPlan]


@dataclass
class PointPlan:
    point: Point
    tags: list[str]
    translations: list[TranslationPlan]


@dataclass
class ChapterPlan:
    chapter: Chapter
    tags: list[str]
    translations: list[TranslationPlan]
    papers: list[PaperPlan]
    points: list[PointPlan]


@dataclass
class StudyPlan:
    study: Study
    institutes: list[Institute]
    # With their institute's name, in `institute_name`.
    sides: list[Side]
    authors: list[tuple[Author, str | None]]
    chapters: list[ChapterPlan]
    # The names' translations: the study's; the sides' by position; the institutes'
    # by name; the tags' by name.
    translations: list[TranslationPlan] = field(default_factory=list)
    side_translations: dict[int, list[TranslationPlan]] = field(default_factory=dict)
    institute_translations: dict[str, list[TranslationPlan]] = field(default_factory=dict)
    tag_translations: dict[str, list[TranslationPlan]] = field(default_factory=dict)
