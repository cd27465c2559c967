"""What waits for each member of a team: the "My work" page."""

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch, Q

from positions import roles
from positions.models import Chapter, Comment, Paper, Role, Side
from positions.workflow import publication as workflow


def waiting_for(user: User) -> dict[str, Any]:
    """Return what waits for `user` in the studies where they hold a role.

    - to_approve: papers of their side in review, which only their side approves;
    - in_review: papers in review that they read and comment on (a reviewer's or a
      chief editor's, every side's);
    - drafts: drafts and approved papers of the sides they write for;
    - ready: chapters a chief editor can publish, every side having approved its paper;
    - mentions: open threads where someone mentioned them;
    - missing: chapters of their studies without a paper from a side they write for.

    Runs six queries (the roles, the papers, the mentions, then sides, chapters and
    their papers) however much is listed.
    """
    memberships = roles.memberships(user)
    writable = Q(pk__in=[])
    readable = Q(pk__in=[])
    for study_id, membership in memberships.items():
        if membership.role == Role.SIDE_EDITOR:
            writable |= Q(study_id=study_id, pk=membership.side_id)
            readable |= Q(study_id=study_id, side_id=membership.side_id)
        else:
            readable |= Q(study_id=study_id)
            if membership.role == Role.CHIEF_EDITOR:
                writable |= Q(study_id=study_id)

    papers = (
        Paper.objects.exclude(status=Paper.Status.PUBLISHED)
        .filter(readable)
        .select_related("study", "chapter", "side")
        .order_by("study__title", "chapter__order", "chapter__number", "side__position")
    )
    to_approve: list[Paper] = []
    in_review: list[Paper] = []
    drafts: list[Paper] = []
    for paper in papers:
        own_side = roles.is_side_editor(user, paper.study_id, paper.side_id)
        if paper.status == Paper.Status.IN_REVIEW:
            (to_approve if own_side else in_review).append(paper)
        elif own_side or roles.is_chief_editor(user, paper.study_id):
            drafts.append(paper)
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
    study_sides: dict[int, list[Side]] = {}
    for side in sides:
        study_sides.setdefault(side.study_id, []).append(side)
    statuses = Paper.objects.only("chapter", "side", "status", "status_changed")
    chapters = (
        Chapter.objects.filter(study__in=study_sides)
        .select_related("study")
        .prefetch_related(Prefetch("papers", queryset=statuses))
        .order_by("study__title", "order", "number")
    )
    missing, ready = [], []
    for chapter in chapters:
        present = {paper.side_id for paper in chapter.papers.all()}
        missing += [
            (chapter, side) for side in study_sides[chapter.study_id] if side.pk not in present
        ]
        if (
            not chapter.is_published
            and roles.is_chief_editor(user, chapter.study_id)
            and not workflow.waiting(study_sides[chapter.study_id], chapter.papers.all())
        ):
            ready.append(chapter)
    return {
        "memberships": list(memberships.values()),
        "to_approve": to_approve,
        "in_review": in_review,
        "drafts": drafts,
        "ready": ready,
        "mentions": list(mentions),
        "missing": missing,
    }
