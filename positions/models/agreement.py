"""How far the two sides agree on a point; a module of its own, which the study's
chapters count by (`ChapterQuerySet.with_agreement_counts`) and the points hold."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Agreement(models.TextChoices):
    AGREE = "agree", _("Agree")
    PARTLY = "partly", _("Partly agree")
    DISAGREE = "disagree", _("Disagree")
    ONE_SIDE = "one_side", _("One side only")

    @property
    def symbol(self) -> str:
        """A sign for the agreement, so that its marker reads without colour."""
        return {"agree": "=", "partly": "≈", "disagree": "≠", "one_side": "·"}[self.value]
