"""The vocabulary of the site: studies, their two sides, chapters, papers and points."""

from positions.models.book import Book
from positions.models.content import ContentVersion
from positions.models.discussion import Comment
from positions.models.names import (
    InstituteTranslation,
    SideTranslation,
    StudyTranslation,
    TagTranslation,
    tag_language,
)
from positions.models.paper import Author, Authorship, Paper, PaperQuerySet
from positions.models.point import Agreement, Point
from positions.models.presence import EditingPresence
from positions.models.search import SearchEntry
from positions.models.study import (
    Chapter,
    ChapterQuerySet,
    DatePrecision,
    Institute,
    Side,
    Study,
)
from positions.models.tags import ChapterTag, PaperTag, PointTag, tags_by_object
from positions.models.team import Membership, Role
from positions.models.translation import (
    ChapterTranslation,
    PaperTranslation,
    PointTranslation,
    Translation,
)
from positions.models.workflow import Step

__all__ = [
    "Book",
    "ContentVersion",
    "TagTranslation",
    "StudyTranslation",
    "SideTranslation",
    "InstituteTranslation",
    "Agreement",
    "Author",
    "Authorship",
    "Chapter",
    "DatePrecision",
    "ChapterQuerySet",
    "ChapterTag",
    "ChapterTranslation",
    "Comment",
    "EditingPresence",
    "Institute",
    "Membership",
    "Paper",
    "PaperQuerySet",
    "PaperTag",
    "PaperTranslation",
    "Point",
    "PointTag",
    "PointTranslation",
    "Role",
    "SearchEntry",
    "Side",
    "Step",
    "Study",
    "Translation",
    "tag_language",
    "tags_by_object",
]
