from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from positions.models import limits
from positions.models.agreement import Agreement
from positions.models.limits import BoundedTextField
from positions.models.study import Chapter

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from positions.models.paper import Paper
    from positions.models.shown import Shown


class Point(models.Model):  # type: ignore[django-manager-missing]  # taggit has no types
    """A question of the chapter with each side's stance on it and how far they agree.

    The first and second stance belong to the study's first and second side.
    """

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="points", verbose_name=_("chapter")
    )
    question = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("For example “The role of the Shanghai Cooperation Organization”."),
    )
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("The point's permalink on the chapter page.")
    )
    first_stance = BoundedTextField(
        _("first side's stance"),
        blank=True,
        max_length=limits.STANCE,
        help_text=_("A sentence or two."),
    )
    second_stance = BoundedTextField(
        _("second side's stance"),
        blank=True,
        max_length=limits.STANCE,
        help_text=_("A sentence or two."),
    )
    agreement = models.CharField(_("agreement"), max_length=20, choices=Agreement, db_index=True)
    first_passage = models.CharField(
        _("first side's passage"),
        max_length=100,
        blank=True,
        help_text=_(
            "Where the first side's paper says it: p3 for its third paragraph, or a heading's id."
        ),
    )
    second_passage = models.CharField(
        _("second side's passage"),
        max_length=100,
        blank=True,
        help_text=_(
            "Where the second side's paper says it: p3 for its third paragraph, or a heading's id."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    tags = TaggableManager(through="positions.PointTag", blank=True, verbose_name=_("tags"))
    # See Paper.version.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    # Set before a save, for its historical record (django-simple-history).
    _change_reason: str
    # Set by pages at run time (positions.reading.names), not columns: the texts shown.
    question_shown: "Shown"
    first_shown: "Shown"
    second_shown: "Shown"

    class Meta:
        ordering = ["chapter", "order", "pk"]
        verbose_name = _("point")
        verbose_name_plural = _("points")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "slug"], name="point_slug_unique"),
            models.CheckConstraint(
                condition=Q(agreement__in=Agreement.values), name="point_agreement_known"
            ),
            # Only "one side only" may leave a side silent, and then exactly one.
            models.CheckConstraint(
                condition=(
                    Q(agreement=Agreement.ONE_SIDE) & (Q(first_stance="") ^ Q(second_stance=""))
                )
                | (~Q(agreement=Agreement.ONE_SIDE) & ~Q(first_stance="") & ~Q(second_stance="")),
                name="point_stances_match_agreement",
            ),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def agreement_symbol(self) -> str:
        return Agreement(self.agreement).symbol

    @property
    def anchor(self) -> str:
        return f"point-{self.slug}"

    def get_absolute_url(self) -> str:
        return f"{self.chapter.get_absolute_url()}#{self.anchor}"

    def stances(self) -> list[tuple[str, str]]:
        """Return (stance, passage) for the first and the second side."""
        return [(self.first_stance, self.first_passage), (self.second_stance, self.second_passage)]

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        silent = [not self.first_stance.strip(), not self.second_stance.strip()]
        if self.agreement == Agreement.ONE_SIDE and silent.count(True) != 1:
            errors["agreement"] = _(
                "“One side only” means exactly one side states a stance: "
                "leave the other side's stance empty."
            )
        elif self.agreement and self.agreement != Agreement.ONE_SIDE and any(silent):
            errors["agreement"] = _(
                "Both sides need a stance unless the point is addressed by one side only."
            )
        if self.chapter_id:
            errors.update(self._passage_errors())
        if errors:
            raise ValidationError(errors)

    def _passage_errors(self) -> dict[str, "StrOrPromise"]:
        papers = {
            paper.side.position: paper for paper in self.chapter.papers.select_related("side")
        }
        errors = {}
        for position, field in [(1, "first_passage"), (2, "second_passage")]:
            passage = getattr(self, field).strip().lstrip("#")
            setattr(self, field, passage)
            if passage:
                message = passage_error(passage, papers.get(position))
                if message:
                    errors[field] = message
        return errors


def passage_error(passage: str, paper: "Paper | None") -> "StrOrPromise | None":
    """Return why `passage` cannot be cited from `paper`, or None when it can."""
    if paper is None:
        return _("This side has no paper in the chapter yet.")
    if passage in paper.passages:
        return None
    known = ", ".join(paper.passages[:12]) or _("none yet")
    return _("“%(passage)s” is not a passage of “%(paper)s”. Its passages: %(known)s.") % {
        "passage": passage,
        "paper": paper.title,
        "known": known,
    }
