from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from positions.models.study import Side, Study


class Role(models.TextChoices):
    CHIEF_EDITOR = "chief_editor", _("Chief editor")
    SIDE_EDITOR = "side_editor", _("Side editor")
    REVIEWER = "reviewer", _("Reviewer")


class Membership(models.Model):
    """A person's role in one study; a side editor is bound to one side of it.

    What each role may do is decided in `positions.roles`.
    """

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("study")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    side = models.ForeignKey(
        Side,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="editors",
        verbose_name=_("side"),
        help_text=_("Only for side editors: the side whose texts they write."),
    )

    class Meta:
        ordering = ["study", "role", "user__username"]
        verbose_name = _("member of the team")
        verbose_name_plural = _("team")
        constraints = [
            models.UniqueConstraint(fields=["study", "user"], name="membership_one_role"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_known"),
            models.CheckConstraint(
                condition=(Q(role=Role.SIDE_EDITOR) & Q(side__isnull=False))
                | (~Q(role=Role.SIDE_EDITOR) & Q(side__isnull=True)),
                name="membership_side_for_side_editors",
            ),
        ]
        # The side belongs to the study: a composite foreign key on PostgreSQL
        # (migration 0004), and `clean()` for the editor's message.

    def __str__(self) -> str:
        if self.side is not None:
            return f"{self.user} — {self.get_role_display()}, {self.side.label}"
        return f"{self.user} — {self.get_role_display()}"

    def clean(self) -> None:
        if self.role == Role.SIDE_EDITOR and not self.side_id:
            raise ValidationError({"side": _("A side editor writes for one side: choose it.")})
        if self.role != Role.SIDE_EDITOR and self.side_id:
            raise ValidationError(
                {"side": _("Only side editors are bound to a side: leave it empty.")}
            )
        if self.side is not None and self.study_id and self.side.study_id != self.study_id:
            raise ValidationError({"side": _("This side belongs to another study.")})
