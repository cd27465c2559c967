from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from positions.models.paper import Paper
from positions.models.study import Chapter, Side


class Step(models.Model):
    """One step of the workflow: who moved a paper or a chapter on, when, and why.

    Steps of a paper name its side too, so that they still read right after the
    paper is deleted. The steps are made by `positions.workflow.publication` only.
    """

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("sent for review")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned to draft")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="steps")
    # Empty for the steps of the chapter itself (published, unpublished).
    paper = models.ForeignKey(
        Paper, on_delete=models.SET_NULL, null=True, blank=True, related_name="steps"
    )
    side = models.ForeignKey(
        Side, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    action = models.CharField(_("step"), max_length=20, choices=Action)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workflow_steps",
        verbose_name=_("by"),
    )
    message = models.TextField(_("message"), blank=True)
    created = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    action__in=["submitted", "approved", "returned", "published", "unpublished"]
                ),
                name="step_action_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created:%Y-%m-%d %H:%M}"
