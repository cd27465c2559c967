"""A study's book: the whole study, or one chapter, as a PDF built from the site
(positions.book). One row for each way of printing it, holding its last build."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from positions.models.study import Chapter, Study


class Book(models.Model):
    class Layout(models.TextChoices):
        FACING = "facing", _("Facing pages")
        SEQUENTIAL = "sequential", _("One paper after the other")

    class PaperSize(models.TextChoices):
        A4 = "a4", "A4"
        LETTER = "letter", _("US Letter")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="books")
    # The chapter printed alone; none for the whole study.
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, null=True, blank=True, related_name="books"
    )
    # The text mode, as the chapter page's address gives it ("" for the default).
    text = models.CharField(max_length=20, blank=True)
    # The language of its headings: the interface language it was asked in.
    language = models.CharField(max_length=20)
    layout = models.CharField(max_length=20, choices=Layout, default=Layout.FACING)
    paper_size = models.CharField(max_length=10, choices=PaperSize, default=PaperSize.A4)
    # A draft book holds the unpublished chapters too, for the team alone.
    draft = models.BooleanField(default=False)

    # The last build: its file, what it was built from and when.
    file = models.FileField(upload_to="books/")
    pages = models.PositiveIntegerField()
    # Its version: 1 for the first build, one more for each build with other texts.
    edition = models.PositiveIntegerField(default=1)
    # A digest of the book's HTML, its edition and the date of its build aside: the
    # same digest, the same book.
    digest = models.CharField(max_length=64)
    # The content version (ContentVersion) at which the build was last found current.
    content_version = models.BigIntegerField()
    built = models.DateTimeField(default=timezone.now)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seconds = models.FloatField(help_text="How long the build took.")

    class Meta:
        verbose_name = _("book")
        verbose_name_plural = _("books")
        constraints = [
            models.UniqueConstraint(
                fields=["study", "text", "language", "layout", "paper_size", "draft"],
                condition=models.Q(chapter__isnull=True),
                name="book_one_per_printing_of_a_study",
            ),
            models.UniqueConstraint(
                fields=["chapter", "text", "language", "layout", "paper_size", "draft"],
                condition=models.Q(chapter__isnull=False),
                name="book_one_per_printing_of_a_chapter",
            ),
        ]

    def __str__(self) -> str:
        return str(self.file.name)


def offered(study: Any, chapter: Any, language: str) -> "models.QuerySet[Book]":
    """The build that pages offer: the study's (chapter None) or a chapter's, in the
    default text mode and layout on A4, its headings in `language`. `study` and
    `chapter` may be OuterRef()s, for a page's own query to read its pages (Subquery)."""
    return Book.objects.filter(
        study=study,
        chapter__isnull=chapter is None,
        text="",
        language=language,
        layout=Book.Layout.FACING,
        paper_size=Book.PaperSize.A4,
        draft=False,
        **({"chapter": chapter} if chapter is not None else {}),
    )
