"""/sitemap.xml: every public page in each language of the interface.

Each page is listed once per language (/en/…, /ja/…, /ru/…) with the others as
`hreflang` alternates, and `x-default` the address without a language, which sends a
visitor to theirs. A paper's translations are pages of their own (`?text=ja`, which
is also their canonical address). `lastmod` is given where the database knows it.
Each section runs one query; the papers' section two (the papers, their translations).
"""

import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from positions.models import Author, Chapter, Paper, PaperTranslation, Study
from positions.reading.public import public_authors, public_chapters, public_papers, public_tags

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


# What the sections' queries annotate.
class LastPublished(TypedDict):
    last_published: datetime.date | None


class PapersUpdated(TypedDict):
    papers_updated: datetime.datetime | None


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _latest(*days: datetime.date | None) -> datetime.date | None:
    known = [day for day in days if day]
    return max(known) if known else None


class PublicSitemap(Sitemap):
    """A section of the sitemap, in every language of the interface."""

    i18n = True
    alternates = True
    x_default = True


class HomeSitemap(PublicSitemap):
    def items(self) -> list[str]:
        return ["positions:home"]

    def location(self, item: str) -> str:
        return reverse(item)


class StudySitemap(PublicSitemap):
    def items(self) -> list["WithAnnotations[Study, LastPublished]"]:
        published = Q(chapters__status=Chapter.Status.PUBLISHED)
        return list(
            Study.objects.annotate(
                last_published=Max("chapters__published_on", filter=published)
            ).order_by("slug")
        )

    def lastmod(self, study: "WithAnnotations[Study, LastPublished]") -> datetime.date | None:
        # Its page changes with its introduction and with each chapter published.
        return _latest(_day(study.updated), study.last_published)


class StudyMapSitemap(PublicSitemap):
    """The agreement map of each study with a public chapter."""

    def items(self) -> list[Study]:
        return list(
            Study.objects.filter(chapters__in=public_chapters()).distinct().order_by("slug")
        )

    def location(self, study: Study) -> str:
        return reverse("positions:study_map", args=[study.slug])


class ChapterSitemap(PublicSitemap):
    def items(self) -> list["WithAnnotations[Chapter, PapersUpdated]"]:
        return list(
            public_chapters()
            .select_related("study")
            .annotate(
                papers_updated=Max(
                    "papers__updated", filter=Q(papers__status=Paper.Status.PUBLISHED)
                )
            )
            .order_by("study__slug", "number")
        )

    def lastmod(self, chapter: "WithAnnotations[Chapter, PapersUpdated]") -> datetime.date | None:
        # Changes to its points are not dated; its papers' are.
        return _latest(chapter.published_on, _day(chapter.papers_updated))


class PaperSitemap(PublicSitemap):
    """Each public paper, and each of its translations (`?text=`)."""

    def items(self) -> list[tuple[Paper, PaperTranslation | None]]:
        papers = (
            public_papers()
            .select_related("study", "chapter", "side")
            .prefetch_related(
                Prefetch(
                    "translations",
                    queryset=PaperTranslation.objects.only("paper_id", "language", "updated"),
                )
            )
            .order_by("study__slug", "chapter__number", "side__position")
        )
        return [
            (paper, translation)
            for paper in papers
            for translation in [None, *paper.translations.all()]
        ]

    def location(self, item: tuple[Paper, PaperTranslation | None]) -> str:
        paper, translation = item
        url = paper.get_absolute_url()
        return f"{url}?text={translation.language}" if translation else url

    def lastmod(self, item: tuple[Paper, PaperTranslation | None]) -> datetime.date | None:
        paper, translation = item
        return _day((translation or paper).updated)


class AuthorSitemap(PublicSitemap):
    def items(self) -> list["WithAnnotations[Author, LastPublished]"]:
        return list(
            public_authors()
            .annotate(
                last_published=Max("papers__published_on", filter=Q(papers__in=public_papers()))
            )
            .order_by("slug")
        )

    def lastmod(self, author: "WithAnnotations[Author, LastPublished]") -> datetime.date | None:
        return author.last_published


class TagSitemap(PublicSitemap):
    def items(self) -> list[Tag]:
        return list(public_tags().order_by("slug"))

    def location(self, tag: Tag) -> str:
        return reverse("positions:tag", args=[tag.slug])


SITEMAPS: dict[str, Any] = {
    "home": HomeSitemap,
    "studies": StudySitemap,
    "maps": StudyMapSitemap,
    "chapters": ChapterSitemap,
    "papers": PaperSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
