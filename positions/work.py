"""What waits for each member of a team: the "My work" page."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q

from positions import roles
from positions.models import Chapter, Comment, Paper, Role, Side


def waiting_for(user: AbstractBaseUser) -> dict[str, Any]:
    """Return the drafts, mentions and missing papers that concern `user`.

    - drafts: unpublished papers they may work on (their side's, or every side's
      for a chief editor; every draft of the study for a reviewer, to review);
    - mentions: open threads where someone mentioned them;
    - missing: chapters of their studies without a paper from a side they write for.

    Runs six queries (the roles, the drafts, the mentions, then sides, chapters and
    their papers) however much is listed.
    """
    memberships = roles.memberships(user)
    writable = Q(pk__in=[])
    readable_drafts = Q(pk__in=[])
    for study_id, membership in memberships.items():
        if membership.role == Role.SIDE_EDITOR:
            writable |= Q(study_id=study_id, pk=membership.side_id)
            readable_drafts |= Q(study_id=study_id, side_id=membership.side_id)
        else:
            readable_drafts |= Q(study_id=study_id)
            if membership.role == Role.CHIEF_EDITOR:
                writable |= Q(study_id=study_id)

    drafts = (
        Paper.objects.exclude(status=Paper.Status.PUBLISHED)
        .filter(readable_drafts)
        .select_related("study", "chapter", "side")
        .order_by("study__title", "chapter__order", "chapter__number", "side__position")
    )
    mentions = (
        Comment.objects.threads()
        .open()
        .filter(
            Q(mentions=user) | Q(replies__mentions=user),
            study__in=list(memberships),
        )
        .distinct()
        .select_related("study", "paper__chapter", "paper__side", "point__chapter", "author")
        .order_by("-created")
    )
    # Each chapter with each side it lacks a paper from, among the sides the user writes for.
    sides = list(Side.objects.filter(writable).select_related("institute"))
    chapters = (
        Chapter.objects.filter(study__in={side.study_id for side in sides})
        .select_related("study")
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.only("chapter", "side")))
        .order_by("study__title", "order", "number")
    )
    missing = []
    for chapter in chapters:
        present = {paper.side_id for paper in chapter.papers.all()}
        missing += [
            (chapter, side)
            for side in sides
            if side.study_id == chapter.study_id and side.pk not in present
        ]
    return {
        "memberships": list(memberships.values()),
        "drafts": list(drafts),
        "mentions": list(mentions),
        "missing": missing,
    }
