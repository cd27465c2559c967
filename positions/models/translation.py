import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from positions.models.paper import Paper, RenderedBody
from positions.models.study import language_code


def text_digest(*texts: str) -> str:
    """A fingerprint of texts, to tell later whether they changed."""
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()


class PaperTranslation(RenderedBody, models.Model):
    """A paper in another language than its own, with where it was translated from.

    `source_digest` fingerprints the original's title, abstract and text as the
    translator had them, and `source_history_id` names that revision of the original:
    when the original changes afterwards the translation is out of date, and readers
    are shown what changed since.
    """

    paper = models.ForeignKey(
        Paper, on_delete=models.CASCADE, related_name="translations", verbose_name=_("paper")
    )
    language = models.CharField(_("language"), max_length=20, validators=[language_code])
    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(_("abstract"), blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown, as the original."))
    body_html = models.TextField(editable=False, default="")
    passages = models.JSONField(editable=False, default=list)
    render_problems = models.JSONField(editable=False, default=list)
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
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

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
    def is_current(self) -> bool:
        """Whether the original is still as it was translated from."""
        return self.source_digest == original_digest(self.paper)

    def follow_original(self) -> None:
        """Record that this translation follows the original as it is saved now."""
        latest = (
            self.paper.history.order_by("-history_id").values("history_id", "history_date").first()
        )
        self.source_digest = original_digest(self.paper)
        if latest:
            self.source_history_id = latest["history_id"]
            self.source_date = latest["history_date"]

    @property
    def passage_prefix(self) -> str:
        # The original's: the points' passage links lead into the translation when it
        # is shown in the original's place.
        return self.paper.side.slug

    def save(self, *args, **kwargs) -> None:
        self.render()
        super().save(*args, **kwargs)


def original_digest(paper: Paper) -> str:
    return text_digest(paper.title, paper.abstract, paper.body)
