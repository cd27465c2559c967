"""The names a study is known by, in other languages than they were written in.

A study's title and introduction, a side's label, an institute's name and abbreviation
and a tag's name are translated as papers and chapters are (see `Translation`): with
who translated them, from which revision of the original, and out of date once the
original changes. Readers see them through `positions.reading.names`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.models import Tag

from positions.models import limits
from positions.models.limits import BoundedTextField
from positions.models.study import Institute, Side, Study
from positions.models.tags import TAG_NAME_LENGTH
from positions.models.translation import Translation
from positions.text.markdown import render_markdown


def tag_language() -> str:
    """The language tags are named in: one vocabulary for every study, written in the
    site's default language (settings.LANGUAGE_CODE); other languages translate it."""
    return settings.LANGUAGE_CODE


class StudyTranslation(Translation):
    """A study's title and introduction in another language than its joint texts'."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="translations", verbose_name=_("study")
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = BoundedTextField(
        _("introduction"),
        blank=True,
        max_length=limits.INTRODUCTION,
        validators=[limits.markdown_within_limits],
        help_text=_("Markdown, as the original."),
    )
    introduction_html = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["introduction_html", "updated"])

    class Meta:
        ordering = ["study", "language"]
        verbose_name = _("translation of the study")
        verbose_name_plural = _("translations of the study")
        constraints = [
            models.UniqueConstraint(
                fields=["study", "language"], name="study_translation_one_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def clean(self) -> None:
        if self.study_id and self.language == self.study.language:
            raise ValidationError(
                {"language": _("This is the language the study is written in: choose another.")}
            )

    @property
    def original(self) -> Study:
        return self.study

    def original_fields(self) -> list[str]:
        return ["title", "introduction"]

    def save(self, *args, **kwargs) -> None:
        self.introduction_html = render_markdown(self.introduction, prefix="intro").html
        super().save(*args, **kwargs)


class SideTranslation(Translation):
    """A side's label (“Japan”) in another language than the study's joint texts'."""

    side = models.ForeignKey(
        Side, on_delete=models.CASCADE, related_name="translations", verbose_name=_("side")
    )
    label = models.CharField(_("label"), max_length=60)

    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["side", "language"]
        verbose_name = _("translation of a side's label")
        verbose_name_plural = _("translations of sides' labels")
        constraints = [
            models.UniqueConstraint(
                fields=["side", "language"], name="side_translation_one_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.language})"

    def clean(self) -> None:
        if self.side_id and self.language == self.side.study.language:
            raise ValidationError(
                {"language": _("This is the language the label is written in: choose another.")}
            )

    @property
    def original(self) -> Side:
        return self.side

    def original_fields(self) -> list[str]:
        return ["label"]


class InstituteTranslation(Translation):
    """An institute's own name and abbreviation in another language (防衛研究所)."""

    institute = models.ForeignKey(
        Institute,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("institute"),
    )
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=30)

    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["institute", "language"]
        verbose_name = _("translation of an institute's name")
        verbose_name_plural = _("translations of institutes' names")
        constraints = [
            models.UniqueConstraint(
                fields=["institute", "language"], name="institute_translation_one_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"

    def clean(self) -> None:
        if self.institute_id and self.language == self.institute.language:
            raise ValidationError(
                {"language": _("This is the language the name is written in: choose another.")}
            )

    @property
    def original(self) -> Institute:
        return self.institute

    def original_fields(self) -> list[str]:
        return ["name", "abbreviation"]


class TagTranslation(Translation):
    """A tag's name in another language: one tag, one slug, a name per language."""

    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="translations", verbose_name=_("tag")
    )
    name = models.CharField(_("name"), max_length=TAG_NAME_LENGTH)

    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["tag", "language"]
        verbose_name = _("translation of a tag")
        verbose_name_plural = _("translations of tags")
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "language"], name="tag_translation_one_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"

    def clean(self) -> None:
        if self.language == tag_language():
            raise ValidationError(
                {"language": _("This is the language tags are named in: choose another.")}
            )

    @property
    def original(self) -> Tag:
        return self.tag

    def original_fields(self) -> list[str]:
        return ["name"]
