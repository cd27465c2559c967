import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from positions.models import limits
from positions.models.limits import BoundedTextField
from positions.models.paper import Paper
from positions.models.point import Point
from positions.models.study import Study

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")


class CommentQuerySet(models.QuerySet):
    def threads(self) -> "CommentQuerySet":
        return self.filter(parent__isnull=True)

    def open(self) -> "CommentQuerySet":
        return self.filter(resolved_at__isnull=True)


class Comment(models.Model):
    """A remark of the team on a paper, a passage of it, or a point; or a reply.

    A comment without a parent starts a thread; replies point to it. Only the
    thread's first comment is resolved or reopened. Readers never see comments.
    """

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="comments")
    paper = models.ForeignKey(
        Paper, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    passage = models.CharField(
        _("passage"),
        max_length=100,
        blank=True,
        help_text=_("The paragraph or heading of the paper the comment is about."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = BoundedTextField(_("comment"), max_length=limits.COMMENT)
    created = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            # About exactly one thing: a paper (perhaps a passage of it) or a point.
            models.CheckConstraint(
                condition=(Q(paper__isnull=False) & Q(point__isnull=True))
                | (Q(paper__isnull=True) & Q(point__isnull=False) & Q(passage="")),
                name="comment_on_a_paper_or_a_point",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | Q(resolved_at__isnull=True),
                name="comment_only_threads_are_resolved",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), limits.COMMENT),
                name="comment_body_length",
            ),
        ]
        indexes = [
            # The discussion of a paper or a point: its threads, oldest first.
            models.Index(fields=["paper", "created"], name="comment_paper_idx"),
            models.Index(fields=["point", "created"], name="comment_point_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:60]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def mentioned_usernames(self) -> list[str]:
        return list(dict.fromkeys(MENTION.findall(self.body)))
