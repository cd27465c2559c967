"""How a chapter goes public: each side signs off its own paper, then the chief
editor publishes the chapter.

A paper moves draft → in review → approved → published:

- an editor of its side (or the chief editor) sends a draft for review;
- an editor of its own side approves it: nobody else can, so neither side can
  publish the other's words;
- an editor of its side or the chief editor returns it to draft, from review or
  once approved;
- the chief editor publishes the chapter once every side has an approved paper
  in it: its papers and its points go public together. Unpublishing puts the papers
  back to approved and keeps everything; publishing again restores it.

An approved paper's words belong to its side: only its side's editors change them
(`roles.can_edit_paper`); the chief editor returns it to draft first.

Each move is a `Step` (who, when, an optional message) and a revision in the
paper's or chapter's history. Moves lock the rows they change, so two people
pressing buttons at once cannot skip a step, and an edit saved meanwhile keeps
the status the move gave (`editing.save_if_current`).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from positions import roles
from positions.history.revisions import REASON_LENGTH
from positions.models import Chapter, Paper, Side, Step
from positions.models.study import KEEPS_ITS_DATE

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Status = Paper.Status


class Refused(Exception):
    """A move that this person may not make, or not now; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Move:
    """One way a paper can go on: from which statuses, to which, named how."""

    name: str
    sources: tuple[str, ...]
    target: str
    action: str
    # The button.
    label: "StrOrPromise"
    # What the history says happened.
    done: "StrOrPromise"


MOVES = {
    move.name: move
    for move in [
        Move(
            "submit",
            (Status.DRAFT,),
            Status.IN_REVIEW,
            Step.Action.SUBMITTED,
            _("Send for review"),
            _("Sent for review"),
        ),
        Move(
            "approve",
            (Status.IN_REVIEW,),
            Status.APPROVED,
            Step.Action.APPROVED,
            _("Approve for publication"),
            _("Approved"),
        ),
        Move(
            "return",
            (Status.IN_REVIEW, Status.APPROVED),
            Status.DRAFT,
            Step.Action.RETURNED,
            _("Return to draft"),
            _("Returned to draft"),
        ),
    ]
}


def may_move(user: User, paper: Paper, move: Move) -> bool:
    """Whether `user` may make `move` on `paper`, whatever its status."""
    if move.name == "approve":
        return roles.is_side_editor(user, paper.study_id, paper.side_id)
    return roles.is_side_editor(user, paper.study_id, paper.side_id) or roles.is_chief_editor(
        user, paper.study_id
    )


def paper_moves(user: User, paper: Paper) -> list[Move]:
    """Return the moves `user` may make on `paper` now, in the order of the buttons."""
    return [
        move
        for move in MOVES.values()
        if paper.status in move.sources and may_move(user, paper, move)
    ]


def move_paper(paper: Paper, name: str, user: User, message: str = "") -> Step:
    """Make the move called `name` on `paper`, or raise Refused and change nothing."""
    move = MOVES.get(name)
    if move is None:
        raise Refused(gettext("There is no such step."))
    if not may_move(user, paper, move):
        if move.name == "approve":
            raise Refused(
                gettext("Only an editor of the %(side)s side can approve its paper.")
                % {"side": paper.side.label}
            )
        raise Refused(gettext("You may not change the status of this paper."))
    with transaction.atomic():
        locked = (
            Paper.objects.select_for_update().select_related("side", "chapter").get(pk=paper.pk)
        )
        if locked.status not in move.sources:
            status = locked.get_status_display().lower()
            if locked.status != paper.status:
                text = gettext("The paper is %(status)s now: someone moved it on meanwhile.")
            else:
                text = gettext("The paper is %(status)s: this step is not one it can take now.")
            raise Refused(text % {"status": status})
        now = timezone.now()
        locked.status = move.target
        locked.status_changed = now
        locked._change_reason = _reason(move.done, message)
        locked.save()
        step = Step.objects.create(
            chapter_id=locked.chapter_id,
            paper=locked,
            side_id=locked.side_id,
            action=move.action,
            user=user,
            message=message,
            created=now,
        )
    paper.status, paper.status_changed = locked.status, locked.status_changed
    return step


# Chapters.


@dataclass(frozen=True)
class Waiting:
    """A side whose paper keeps the chapter from publication, and why."""

    side: Side
    paper: Paper | None

    def __str__(self) -> str:
        # In the reader's language where the page named it (positions.reading.names).
        shown = getattr(self.side, "label_shown", None)
        side = shown.text if shown else self.side.label
        if self.paper is None:
            return gettext("%(side)s-side paper: not written yet") % {"side": side}
        since = date_format(timezone.localtime(self.paper.status_changed), "MONTH_DAY_FORMAT")
        if self.paper.status == Status.IN_REVIEW:
            text = gettext("%(side)s-side paper: in review since %(date)s")
        else:
            text = gettext("%(side)s-side paper: draft since %(date)s")
        return text % {"side": side, "date": since}


def waiting(sides: Iterable[Side], papers: Iterable[Paper]) -> list[Waiting]:
    """Return what keeps a chapter from publication: each side without an approved
    (or published) paper. Runs no query."""
    by_side = {paper.side_id: paper for paper in papers}
    found = []
    for side in sides:
        paper = by_side.get(side.pk)
        if paper is None or paper.status not in (Status.APPROVED, Status.PUBLISHED):
            found.append(Waiting(side, paper))
    return found


def publish_chapter(chapter: Chapter, user: User, message: str = "") -> Step:
    """Publish `chapter` with its papers and points, or raise Refused and change nothing.

    The chapter keeps a date it already has: the day it was first published, or one
    the chief editor set (`set_dates`). Papers keep theirs likewise. A paper without
    one takes the chapter's date the first time the chapter is published (so a chapter
    dated 2012 publishes its papers as of 2012), and today's when the chapter is
    published again, as a paper new to it is.
    """
    if not roles.is_chief_editor(user, chapter.study_id):
        raise Refused(gettext("Only the chief editor of the study publishes its chapters."))
    with transaction.atomic():
        locked = Chapter.objects.select_for_update().get(pk=chapter.pk)
        if locked.is_published:
            raise Refused(gettext("This chapter is already published."))
        papers = list(
            Paper.objects.select_for_update().filter(chapter=locked).select_related("side")
        )
        missing = waiting(Side.objects.filter(study=locked.study_id), papers)
        if missing:
            raise Refused(
                gettext("The chapter cannot be published yet. %(missing)s.")
                % {"missing": "; ".join(str(item) for item in missing)}
            )
        now = timezone.now()
        today = timezone.localdate()
        first_time = not locked.history.filter(status=Chapter.Status.PUBLISHED).exists()
        papers_date = (first_time and locked.published_on) or today
        reason = _reason(_("Published with its chapter"), message)
        for paper in papers:
            paper.published_on = paper.published_on or papers_date
            _set_status(paper, Status.PUBLISHED, now, reason)
        locked.status = Chapter.Status.PUBLISHED
        locked.published_on = locked.published_on or today
        locked._change_reason = _reason(_("Published"), message)
        locked.save()
        step = _chapter_step(locked, Step.Action.PUBLISHED, user, message, now)
    chapter.status, chapter.published_on = locked.status, locked.published_on
    return step


def unpublish_chapter(chapter: Chapter, user: User, message: str = "") -> Step:
    """Take `chapter` off the public site; its papers wait as approved, nothing is lost."""
    if not roles.is_chief_editor(user, chapter.study_id):
        raise Refused(gettext("Only the chief editor of the study unpublishes its chapters."))
    with transaction.atomic():
        locked = Chapter.objects.select_for_update().get(pk=chapter.pk)
        if not locked.is_published:
            raise Refused(gettext("This chapter is not published."))
        now = timezone.now()
        reason = _reason(_("Unpublished with its chapter"), message)
        for paper in Paper.objects.select_for_update().filter(
            chapter=locked, status=Status.PUBLISHED
        ):
            _set_status(paper, Status.APPROVED, now, reason)
        locked.status = Chapter.Status.DRAFT
        locked._change_reason = _reason(_("Unpublished"), message)
        locked.save()
        step = _chapter_step(locked, Step.Action.UNPUBLISHED, user, message, now)
    chapter.status = locked.status
    return step


def _set_status(paper: Paper, status: str, now: datetime.datetime, reason: str) -> None:
    paper.status = status
    paper.status_changed = now
    if status == Status.PUBLISHED and paper.published_on is None:
        paper.published_on = timezone.localdate()
    paper._change_reason = reason
    paper.save()


def _chapter_step(
    chapter: Chapter, action: str, user: User, message: str, now: datetime.datetime
) -> Step:
    return Step.objects.create(
        chapter=chapter,
        action=action,
        user=user,
        message=message,
        created=now,
    )


def _reason(done: "StrOrPromise", message: str) -> str:
    """The history's change message: what was done, and the person's message."""
    text = f"{done}: {message}" if message else str(done)
    return text[:REASON_LENGTH]


def set_dates(
    chapter: Chapter,
    user: User,
    *,
    chapter_date: datetime.date | None,
    paper_dates: dict[int, datetime.date | None],
) -> list[str]:
    """Set the publication dates of `chapter` and of its papers (by paper id): the days
    of record that citations, feeds and the API give. Return what changed, in words,
    or raise Refused and change nothing.

    Only the chief editor sets them. A date may be set before publication (a chapter
    published years before it was entered here); one that is published keeps a date.
    Each change is a revision in the history, saying from what to what.
    """
    if not roles.is_chief_editor(user, chapter.study_id):
        raise Refused(gettext("Only the chief editor of the study sets its publication dates."))
    changed = []
    with transaction.atomic():
        locked = Chapter.objects.select_for_update().get(pk=chapter.pk)
        papers = Paper.objects.select_for_update().filter(chapter=locked, pk__in=paper_dates)
        dated: list[tuple[Chapter | Paper, datetime.date | None]] = [
            (locked, chapter_date),
            *((p, paper_dates[p.pk]) for p in papers),
        ]
        for obj, day in dated:
            if obj.published_on == day:
                continue
            if day is None and obj.is_published:
                raise Refused(f"{obj}: {KEEPS_ITS_DATE}")
            if day is not None and day > timezone.localdate():
                raise Refused(gettext("A publication date cannot be in the future."))
            obj._change_reason = _date_change(obj.published_on, day)
            obj.published_on = day
            obj.save()
            changed.append(f"{obj}: {obj._change_reason}")
    chapter.published_on = locked.published_on
    return changed


def _date_change(before: datetime.date | None, after: datetime.date | None) -> str:
    if after is None:
        return gettext("Publication date cleared (was %(before)s)") % {"before": before}
    if before is None:
        return gettext("Publication date set to %(after)s") % {"after": after}
    return gettext("Publication date changed from %(before)s to %(after)s") % {
        "before": before,
        "after": after,
    }
