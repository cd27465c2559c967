"""What anonymous readers see, for the feeds and the sitemap: published chapters, their
published papers, the authors of those papers, and the tags on any of them.

Each function returns a lazy queryset and runs no query itself.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet
from taggit.models import Tag

from positions.models import (
    Author,
    Authorship,
    Chapter,
    ChapterQuerySet,
    ChapterTag,
    Paper,
    PaperQuerySet,
    PaperTag,
    PointTag,
)

READER = AnonymousUser()


def public_chapters() -> ChapterQuerySet:
    return Chapter.objects.visible_to(READER)


def public_papers() -> PaperQuerySet:
    """Published papers of published chapters (`PaperQuerySet.published`)."""
    return Paper.objects.published()


def public_authors() -> QuerySet[Author]:
    """Authors with at least one public paper."""
    return Author.objects.filter(
        Exists(Authorship.objects.filter(author=OuterRef("pk"), paper__in=public_papers()))
    )


def public_tags() -> QuerySet[Tag]:
    """Tags on a public chapter, paper or point: those whose tag page readers can open."""
    chapters = public_chapters()
    return Tag.objects.filter(
        Exists(ChapterTag.objects.filter(tag=OuterRef("pk"), content_object__in=chapters))
        | Exists(PaperTag.objects.filter(tag=OuterRef("pk"), content_object__in=public_papers()))
        | Exists(PointTag.objects.filter(tag=OuterRef("pk"), content_object__chapter__in=chapters))
    )
