import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from positions.models import limits
from positions.models.limits import BoundedTextField
from positions.models.paper import Paper, RenderedBody
from positions.models.point import Point
from positions.models.study import Chapter
from positions.text.languages import language_code
from positions.text.markdown import heading_ids


def text_digest(*texts: str) -> str:
    """A fingerprint of texts, to tell later whether they changed."""
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()


class Translation(models.Model):
    """A text in another language than the one it was written in, with who translated
    it and from which revision of the original.

    `source_digest` fingerprints the original's texts as the translator had them, and
    `source_history_id` names that revision in the original's history: when the
    original changes afterwards the translation is out of date, and readers are shown
    what changed since. Subclasses say which object is the original and which of its
    fields are translated (`original_texts`).
    """

    language = models.CharField(_("language"), max_length=20, validators=[language_code])
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("translated by"),
    )
    source_history_id = models.PositiveIntegerField(null=True, editable=False)
    source_date = models.DateTimeField(
        _("translated from the version of"), null=True, editable=False
    )
    source_digest = models.CharField(max_length=64, editable=False, default="")
    # See Paper.version.
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def original(self) -> Any:
        """The object translated: a study, side, institute, tag, chapter, paper or point,
        with its history (django-simple-history's, which has no types)."""
        raise NotImplementedError

    def original_fields(self) -> list[str]:
        """The names of the original's fields that this translation renders."""
        raise NotImplementedError

    def original_texts(self) -> list[str]:
        return [getattr(self.original, name) for name in self.original_fields()]

    def source_revision(self) -> models.Model | None:
        """The revision of the original this translation was made from, if known."""
        if self.source_history_id is None:
            return None
        return self.original.history.filter(history_id=self.source_history_id).first()

    @property
    def is_current(self) -> bool:
        """Whether the original is still as it was translated from."""
        return self.source_digest == text_digest(*self.original_texts())

    def follow_original(self) -> None:
        """Record that this translation follows the original as it is saved now."""
        latest = (
            self.original.history.order_by("-history_id")
            .values("history_id", "history_date")
            .first()
        )
        self.source_digest = text_digest(*self.original_texts())
        if latest:
            self.source_history_id = latest["history_id"]
            self.source_date = latest["history_date"]


class PaperTranslation(RenderedBody, Translation):
    """A paper in another language than its own.

    Its headings take the ids of the original's headings in turn, so that a point's
    link to a passage lands on the same section in either language.
    """

    paper = models.ForeignKey(
        Paper, on_delete=models.CASCADE, related_name="translations", verbose_name=_("paper")
    )
    title = models.CharField(_("title"), max_length=300)
    abstract = BoundedTextField(_("abstract"), blank=True, max_length=limits.ABSTRACT)
    body = BoundedTextField(
        _("text"),
        blank=True,
        max_length=limits.PAPER_BODY,
        validators=[limits.markdown_within_limits],
        help_text=_("Markdown, as the original."),
    )
    body_html = models.TextField(editable=False, default="")
    passages = models.JSONField(editable=False, default=list)
    render_problems = models.JSONField(editable=False, default=list)

    history = HistoricalRecords(
        excluded_fields=["body_html", "passages", "render_problems", "updated"]
    )

    class Meta:
        ordering = ["paper", "language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "language"], name="translation_one_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def clean(self) -> None:
        if self.paper_id and self.language == self.paper.text_language:
            raise ValidationError(
                {"language": _("This is the language the paper is written in: choose another.")}
            )

    @property
    def original(self) -> Paper:
        return self.paper

    def original_fields(self) -> list[str]:
        return ["title", "abstract", "body"]

    @property
    def passage_prefix(self) -> str:
        # The original's: the points' passage links lead into the translation when it
        # is shown in the original's place.
        return self.paper.side.slug

    @property
    def heading_ids(self) -> list[str]:
        return heading_ids(self.paper.passages)

    def save(self, *args, **kwargs) -> None:
        self.render()
        super().save(*args, **kwargs)


class ChapterTranslation(Translation):
    """A chapter's theme and summary in another language than the study's."""

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="translations", verbose_name=_("chapter")
    )
    title = models.CharField(_("theme"), max_length=300)
    summary = BoundedTextField(_("summary"), blank=True, max_length=limits.SUMMARY)

    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["chapter", "language"]
        verbose_name = _("translation of the chapter")
        verbose_name_plural = _("translations of the chapter")
        constraints = [
            models.UniqueConstraint(
                fields=["chapter", "language"], name="chapter_translation_one_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def clean(self) -> None:
        if self.chapter_id and self.language == self.chapter.study.language:
            raise ValidationError(
                {"language": _("This is the language the chapter is written in: choose another.")}
            )

    @property
    def original(self) -> Chapter:
        return self.chapter

    def original_fields(self) -> list[str]:
        return ["title", "summary"]


class PointTranslation(Translation):
    """One part of a point in another language: its question, or one side's stance.

    The parts are translated apart because they belong to different people: the
    question to the chief editor, each stance to its side's editors.
    """

    class Part(models.TextChoices):
        QUESTION = "question", _("question")
        FIRST = "first", _("first side's stance")
        SECOND = "second", _("second side's stance")

    # The field of the point each part translates.
    FIELDS: dict[str, str] = {
        Part.QUESTION: "question",
        Part.FIRST: "first_stance",
        Part.SECOND: "second_stance",
    }
    # The side whose stance a part is, by position; the question is joint.
    POSITIONS = {Part.FIRST: 1, Part.SECOND: 2}

    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, related_name="translations", verbose_name=_("point")
    )
    part = models.CharField(_("part"), max_length=20, choices=Part)
    text = BoundedTextField(_("translation"), max_length=limits.STANCE)

    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["point", "language", "part"]
        verbose_name = _("translation of a point")
        verbose_name_plural = _("translations of points")
        constraints = [
            models.UniqueConstraint(
                fields=["point", "language", "part"], name="point_translation_one_per_part"
            ),
            models.CheckConstraint(
                condition=models.Q(part__in=["question", "first", "second"]),
                name="point_translation_part_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text[:60]} ({self.language})"

    def clean(self) -> None:
        errors = {}
        if self.point_id and self.language == self.point.chapter.study.language:
            errors["language"] = _("This is the language the point is written in: choose another.")
        if self.point_id and self.part in self.FIELDS and not self.original_texts()[0]:
            errors["text"] = _(
                "This side states no stance on the point: there is nothing to translate."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def original(self) -> Point:
        return self.point

    def original_fields(self) -> list[str]:
        return [self.FIELDS[self.Part(self.part)]]
