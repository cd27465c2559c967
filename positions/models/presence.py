from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from positions.models.paper import Paper
from positions.models.point import Point


class EditingPresence(models.Model):
    """Someone has a paper or a point open for editing, on the site or in the admin.

    Made when the edit page opens, refreshed by the page's heartbeat and removed when
    they leave or save. `positions.editing.presence` decides when an entry is too old to count.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editing_presences",
        verbose_name=_("person"),
    )
    paper = models.ForeignKey(
        Paper, on_delete=models.CASCADE, null=True, blank=True, related_name="presences"
    )
    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, null=True, blank=True, related_name="presences"
    )
    started = models.DateTimeField(_("editing since"))
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("person editing")
        verbose_name_plural = _("people editing")
        constraints = [
            models.CheckConstraint(
                condition=Q(paper__isnull=False) ^ Q(point__isnull=False),
                name="presence_paper_or_point",
            ),
            # Also the indexes of "who else has this paper (point) open", which
            # filters on the paper (point) first.
            models.UniqueConstraint(
                fields=["paper", "user"],
                condition=Q(paper__isnull=False),
                name="presence_one_per_paper",
            ),
            models.UniqueConstraint(
                fields=["point", "user"],
                condition=Q(point__isnull=False),
                name="presence_one_per_point",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} editing {self.paper or self.point}"
