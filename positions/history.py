"""See and undo every change: the revisions of a paper or a point, any two of them
compared, an old one restored, a deleted paper or point recovered, and the recent
changes across a study.

The records are django-simple-history's: every save or deletion of a Study, Chapter,
Paper, Point, Authorship or tag assignment leaves a historical record saying what the
object held, who made the change (`history_user`, set from the request by
HistoryRequestMiddleware), when, what kind ("+" created, "~" changed, "-" deleted) and
why (`history_change_reason`). This room reads those records; it writes only through
`positions.editing.save_if_current` (restore) and a plain insert (recover).
"""

import datetime
import heapq
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from positions.diffs import WordDiff, word_diff
from positions.editing import save_if_current
from positions.models import (
    Author,
    Authorship,
    Chapter,
    ChapterTag,
    Paper,
    PaperTag,
    Point,
    PointTag,
    Side,
    Study,
)

REVISIONS_PER_PAGE = 50
CHANGES_PER_PAGE = 50
# A deleted paper takes its authorships and tag assignments with it, deleted in the
# same transaction just before the paper itself. Recovering the paper brings back those
# deleted this long before it, not ones removed by hand earlier.
CASCADE_WINDOW = datetime.timedelta(seconds=5)
# history_change_reason is a CharField(max_length=100).
REASON_LENGTH = 100

# A historical record (a row of HistoricalPaper, HistoricalPoint, ...).
Record = Any

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# For CSS classes, whatever the language.
ACTION_CODES = {"+": "created", "~": "changed", "-": "deleted"}
# Authorships and tag assignments are added to and removed from their object.
LINK_ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("removed")}


def who(record: Record) -> str:
    """Name the person who made a change, or "system" for scripts and migrations."""
    user = record.history_user
    return user.get_username() if user is not None else gettext("system")


def when(record: Record) -> str:
    return date_format(timezone.localtime(record.history_date), "Y-m-d H:i")


# The revisions of one paper or point.


@dataclass(frozen=True)
class Tracked:
    """What the history pages of one model show, compare and restore."""

    name: str
    # Compared word by word.
    texts: tuple[str, ...]
    # Short values shown before and after.
    facts: tuple[str, ...]
    tag_model: type[PaperTag] | type[PointTag]

    @property
    def restored(self) -> tuple[str, ...]:
        """The fields a restore copies back: never the pk, version, chapter or side."""
        return self.texts + self.facts

    def url_args(self, obj: Paper | Point) -> list[Any]:
        if isinstance(obj, Paper):
            return [obj.study.slug, obj.chapter.number, obj.side.slug]
        return [obj.chapter.study.slug, obj.chapter.number, obj.slug]


PAPER = Tracked(
    name="paper",
    texts=("title", "abstract", "body"),
    facts=("status", "published_on"),
    tag_model=PaperTag,
)
POINT = Tracked(
    name="point",
    texts=("question", "first_stance", "second_stance"),
    facts=("agreement", "first_passage", "second_passage"),
    tag_model=PointTag,
)


def tracked(obj: Paper | Point) -> Tracked:
    return PAPER if isinstance(obj, Paper) else POINT


def history_url(obj: Paper | Point) -> str:
    spec = tracked(obj)
    return reverse(f"positions:{spec.name}_history", args=spec.url_args(obj))


def compare_url(obj: Paper | Point, old_id: int | None = None, new_id: int | None = None) -> str:
    """Address the compare page, of two revisions, or of one with the one before."""
    spec = tracked(obj)
    url = reverse(f"positions:{spec.name}_compare", args=spec.url_args(obj))
    return _with_ids(url, old_id, new_id)


def restore_url(obj: Paper | Point, history_id: int) -> str:
    spec = tracked(obj)
    return reverse(f"positions:{spec.name}_restore", args=[*spec.url_args(obj), history_id])


def field_labels(obj: Paper | Point, sides: Sequence[Side] = ()) -> dict[str, str]:
    """Name each field as editors know it; a point's stances by their side."""
    labels = {f.name: str(f.verbose_name) for f in type(obj)._meta.fields}
    labels["body"] = gettext("Text")
    for side in sides:
        prefix = "first" if side.position == 1 else "second"
        labels[f"{prefix}_stance"] = gettext("%(side)s stance") % {"side": side.label}
        labels[f"{prefix}_passage"] = gettext("%(side)s passage") % {"side": side.label}
    labels["tags"] = gettext("Tags")
    return {name: label[:1].upper() + label[1:] for name, label in labels.items()}


@dataclass
class Revision:
    record: Record
    # Counted from the first revision, which is 1.
    number: int
    # Labels of the fields this revision changed, against the one before.
    changed: list[str] = field(default_factory=list)
    compare_url: str = ""
    restore_url: str = ""

    @property
    def who(self) -> str:
        return who(self.record)

    @property
    def action(self) -> str:
        return str(ACTIONS[self.record.history_type])

    @property
    def action_code(self) -> str:
        return ACTION_CODES[self.record.history_type]


def _history(obj: Paper | Point) -> QuerySet:
    return obj.history.order_by("-history_date", "-history_id")


def revisions(obj: Paper | Point, *, page_number: Any, labels: dict[str, str]) -> Page:
    """Return a page of the object's revisions, newest first, as `Revision`s.

    Each revision lists the fields it changed (simple-history's `diff_against`, in
    Python). Runs two queries: the count, and the page with one revision more (the one
    its last revision is compared with).
    """
    history = _history(obj).select_related("history_user")
    paginator = Paginator(history, REVISIONS_PER_PAGE)
    page = paginator.get_page(page_number)
    offset = (page.number - 1) * REVISIONS_PER_PAGE
    records = list(history[offset : offset + REVISIONS_PER_PAGE + 1])
    shown = []
    for index, record in enumerate(records[:REVISIONS_PER_PAGE]):
        before = records[index + 1] if index + 1 < len(records) else None
        revision = Revision(record=record, number=paginator.count - offset - index)
        if before is not None and record.history_type == "~":
            delta = record.diff_against(before)
            revision.changed = [labels.get(name, name) for name in delta.changed_fields]
        revision.compare_url = compare_url(obj, before and before.history_id, record.history_id)
        if record.history_type != "-" and not (page.number == 1 and index == 0):
            revision.restore_url = restore_url(obj, record.history_id)
        shown.append(revision)
    # A page of revisions rather than of records: the template needs no more queries.
    page.object_list = shown
    return page


@dataclass
class TextChange:
    name: str
    label: str
    diff: WordDiff


@dataclass
class FactChange:
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass
class Comparison:
    """Two revisions of one object, the older first; `old` is None before the first."""

    old: Revision | None
    new: Revision
    texts: list[TextChange]
    facts: list[FactChange]
    restore_url: str = ""


def _display(record: Record | None, name: str) -> str:
    if record is None:
        return "—"
    value = getattr(record, name)
    model_field = record._meta.get_field(name)
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


def _tags_until(rows: list[tuple], cutoff: datetime.datetime | None) -> str:
    """Name the tags attached just before `cutoff` (now when None), from tag history."""
    state: dict[int, tuple[str, str]] = {}
    for assignment_id, name, history_type, history_date in rows:
        if cutoff is not None and history_date >= cutoff:
            break
        state[assignment_id] = (history_type, name)
    names = sorted(
        (name for history_type, name in state.values() if history_type != "-" and name),
        key=str.lower,
    )
    return ", ".join(names) or "—"


def compare(
    obj: Paper | Point, *, old_id: int | None, new_id: int | None, labels: dict[str, str]
) -> Comparison | None:
    """Compare two revisions of the object; None when either is not one of its revisions.

    Without `new_id`, the newest revision; without `old_id`, the one before `new_id`
    (nothing, for the first). The two are put in the order they were made. The tags
    of a revision are those its tag history shows just before the next revision (the
    admin saves a paper, then its tags), or now for the newest.

    Runs three queries: the revision timeline, the two records, the tag history.
    """
    spec = tracked(obj)
    timeline = list(_history(obj).values_list("history_id", "history_date"))
    position = {history_id: index for index, (history_id, _date) in enumerate(timeline)}
    if not timeline or (new_id is not None and new_id not in position):
        return None
    if new_id is None:
        new_id = timeline[0][0]
    if old_id is None:
        following = position[new_id] + 1
        old_id = timeline[following][0] if following < len(timeline) else None
    elif old_id not in position:
        return None
    if old_id is not None and position[old_id] < position[new_id]:
        old_id, new_id = new_id, old_id
    records = {
        record.history_id: record
        for record in obj.history.filter(history_id__in=[old_id, new_id]).select_related(
            "history_user"
        )
    }
    tag_rows = list(
        spec.tag_model.history.filter(content_object_id=obj.pk)
        .order_by("history_date", "history_id")
        .values_list("id", "tag__name", "history_type", "history_date")
    )

    def revision(history_id: int) -> Revision:
        return Revision(records[history_id], number=len(timeline) - position[history_id])

    def cutoff(history_id: int) -> datetime.datetime | None:
        index = position[history_id]
        return timeline[index - 1][1] if index > 0 else None

    old = revision(old_id) if old_id is not None else None
    new = revision(new_id)
    old_record = old.record if old else None
    texts = [
        TextChange(
            name,
            labels.get(name, name),
            word_diff(getattr(old_record, name, "") or "", getattr(new.record, name) or ""),
        )
        for name in spec.texts
    ]
    facts = [
        FactChange(labels.get(name, name), _display(old_record, name), _display(new.record, name))
        for name in spec.facts
    ]
    facts.append(
        FactChange(
            labels.get("tags", "tags"),
            _tags_until(tag_rows, cutoff(old_id)) if old_id is not None else "—",
            _tags_until(tag_rows, cutoff(new_id)),
        )
    )
    comparison = Comparison(old=old, new=new, texts=texts, facts=facts)
    if old is not None and position[old_id] > 0 and old.record.history_type != "-":
        comparison.restore_url = restore_url(obj, old_id)
    return comparison


def restore_reason(record: Record) -> str:
    reason = gettext("Restored the revision of %(date)s by %(person)s") % {
        "date": when(record),
        "person": who(record),
    }
    return reason[:REASON_LENGTH]


def restore(obj: Paper | Point, record: Record, *, expected_version: int) -> None:
    """Copy an old revision's texts and facts onto the object and save it as new.

    A point's revision brings back both sides' stances. Raises EditConflict, saving
    nothing, when the object is no longer at `expected_version` (someone saved it since
    the page was shown).
    """
    for name in tracked(obj).restored:
        setattr(obj, name, getattr(record, name))
    save_if_current(obj, expected_version=expected_version, reason=restore_reason(record))


# Recovering a deleted paper or point.


class CannotRecover(Exception):
    """The deleted object cannot be brought back; the message says why."""


def _recover_problem(record: Record) -> str | None:
    model = record.instance_type
    if record.history_type != "-":
        return gettext("Only a deletion can be undone.")
    later = model.history.filter(id=record.id, history_id__gt=record.history_id)
    if later.exists() or model.objects.filter(pk=record.id).exists():
        return gettext("It has been recovered already.")
    if not Chapter.objects.filter(pk=record.chapter_id).exists():
        return gettext("Its chapter has been deleted: recover the chapter first.")
    if model is Paper:
        if Paper.objects.filter(chapter_id=record.chapter_id, side_id=record.side_id).exists():
            return gettext("The chapter has another paper by this side now.")
    elif Point.objects.filter(chapter_id=record.chapter_id, slug=record.slug).exists():
        return gettext("Another point of the chapter has this slug now.")
    return None


def recover(record: Record) -> Paper | Point:
    """Bring back a deleted paper or point from its last record, with its old pk.

    A paper comes back with the authorships and tags deleted with it, a point with its
    tags (those whose deletion is recorded within CASCADE_WINDOW before its own). The
    recovery is a new revision. Raises CannotRecover when its place is taken.
    """
    problem = _recover_problem(record)
    if problem:
        raise CannotRecover(problem)
    model = record.instance_type
    obj = record.instance
    obj.version = record.version + 1
    obj._change_reason = gettext("Recovered after its deletion on %(date)s") % {
        "date": when(record)
    }
    links: list[tuple[type[models.Model], str]] = [(PointTag, "content_object_id")]
    if model is Paper:
        links = [(Authorship, "paper_id"), (PaperTag, "content_object_id")]
    with transaction.atomic():
        # A plain insert: save_if_current only changes objects that exist.
        obj.save(force_insert=True)
        if model is Paper:
            # `created` is set anew on insert; keep the first one.
            Paper.objects.filter(pk=obj.pk).update(created=record.created)
        for link_model, key in links:
            _recover_links(link_model, key, record)
    return obj


def _recover_links(link_model: type[models.Model], key: str, record: Record) -> None:
    deleted = list(
        link_model.history.filter(
            **{key: record.id},
            history_type="-",
            history_date__gte=record.history_date - CASCADE_WINDOW,
            history_date__lte=record.history_date,
        )
    )
    if not deleted:
        return
    target, target_model = ("author_id", Author) if link_model is Authorship else ("tag_id", Tag)
    wanted = {getattr(link, target) for link in deleted}
    alive = set(target_model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    present = set(link_model.objects.filter(**{key: record.id}).values_list(target, flat=True))
    for link in deleted:
        if getattr(link, target) in alive - present:
            restored = link.instance
            restored._change_reason = gettext("Recovered with what it belongs to")
            restored.save(force_insert=True)
            present.add(getattr(link, target))


# The recent changes across a study.


KINDS = [
    ("study", _("Study")),
    ("chapter", _("Chapters")),
    ("paper", _("Papers and their authors")),
    ("point", _("Points")),
    ("tags", _("Tags")),
]
SYSTEM = "(system)"


@dataclass
class Change:
    """One row of the recent changes."""

    record: Record
    # What kind of object: "Paper", "Point", "Tag", ...
    subject: str
    what: str
    # The object's public page, when it still exists.
    url: str
    action: str
    # The compare page with this revision and the one before it (papers and points).
    diff_url: str = ""
    # "paper" or "point" when this is the last deletion of one that can come back.
    recoverable: str = ""
    # The side of a deleted paper, for deciding who may recover it.
    side_id: int | None = None
    # Set by the view, from the reader's role.
    can_recover: bool = False

    @property
    def who(self) -> str:
        return who(self.record)

    @property
    def action_code(self) -> str:
        return ACTION_CODES[self.record.history_type]


@dataclass(frozen=True)
class Filters:
    side: Side | None = None
    person: str = ""
    kind: str = ""


@dataclass
class Source:
    """One history table's changes in a study, and how to describe each."""

    kind: str
    rows: QuerySet
    describe: Callable[[Record], Change]


def _previous(history_model: type[models.Model]) -> QuerySet:
    return history_model.objects.filter(
        id=OuterRef("id"), history_id__lt=OuterRef("history_id")
    ).order_by("-history_id")


def _later(history_model: type[models.Model]) -> Exists:
    return Exists(
        history_model.objects.filter(id=OuterRef("id"), history_id__gt=OuterRef("history_id"))
    )


def _sources(study: Study, filters: Filters) -> list[Source]:
    """Build one filtered, ordered queryset per history table; none is run here."""
    HStudy, HChapter, HPaper, HPoint = (
        Study.history.model,
        Chapter.history.model,
        Paper.history.model,
        Point.history.model,
    )
    # Subqueries, not lists: each source stays one query. Deleted chapters and papers
    # count: their changes are part of the study's history.
    side = filters.side
    paper_history = HPaper.objects.filter(study_id=study.pk)
    if side is not None:
        paper_history = paper_history.filter(side_id=side.pk)
    chapter_ids = HChapter.objects.filter(study_id=study.pk).values("id")
    paper_ids = paper_history.values("id")
    point_history = HPoint.objects.filter(chapter_id__in=chapter_ids)
    point_ids = point_history.values("id")

    def paper_url(number: int | None, side_slug: str | None) -> str:
        if number is None:
            return ""
        return reverse("positions:paper", args=[study.slug, number, side_slug])

    def point_url(number: int | None, slug: str | None) -> str:
        if number is None:
            return ""
        return reverse("positions:chapter", args=[study.slug, number]) + f"#point-{slug}"

    def chapter_url(number: int | None) -> str:
        return reverse("positions:chapter", args=[study.slug, number]) if number else ""

    def describe_study(record: Record) -> Change:
        return Change(
            record,
            gettext("Study"),
            record.title,
            study.get_absolute_url(),
            str(ACTIONS[record.history_type]),
        )

    def describe_chapter(record: Record) -> Change:
        what = gettext("Chapter %(number)s: %(title)s") % {
            "number": record.number,
            "title": record.title,
        }
        return Change(
            record,
            gettext("Chapter"),
            what,
            chapter_url(record.now_number),
            str(ACTIONS[record.history_type]),
        )

    def describe_paper(record: Record) -> Change:
        what = record.title
        if record.side is not None:
            what = f"{record.title} ({record.side.label})"
        change = Change(
            record,
            gettext("Paper"),
            what,
            paper_url(record.now_number, record.now_side),
            str(ACTIONS[record.history_type]),
            side_id=record.side_id,
        )
        if record.now_number is not None:
            url = reverse(
                "positions:paper_compare", args=[study.slug, record.now_number, record.now_side]
            )
            change.diff_url = _with_ids(url, record.previous_id, record.history_id)
        elif record.history_type == "-" and not record.later:
            change.recoverable = "paper"
        return change

    def describe_point(record: Record) -> Change:
        change = Change(
            record,
            gettext("Point"),
            record.question,
            point_url(record.now_number, record.now_slug),
            str(ACTIONS[record.history_type]),
        )
        if record.now_number is not None:
            url = reverse(
                "positions:point_compare", args=[study.slug, record.now_number, record.now_slug]
            )
            change.diff_url = _with_ids(url, record.previous_id, record.history_id)
        elif record.history_type == "-" and not record.later:
            change.recoverable = "point"
        return change

    def describe_authorship(record: Record) -> Change:
        paper = record.paper
        author = str(record.author) if record.author else gettext("a removed author")
        if paper is None:
            what = gettext("%(author)s, author of a deleted paper") % {"author": author}
            url = ""
        else:
            what = gettext("%(author)s, author of “%(paper)s”") % {
                "author": author,
                "paper": paper.title,
            }
            url = paper_url(paper.chapter.number, paper.side.slug)
        return Change(record, gettext("Authors"), what, url, str(LINK_ACTIONS[record.history_type]))

    def describe_tag(record: Record) -> Change:
        target = record.content_object
        tag = record.tag.name if record.tag else gettext("a deleted tag")
        url = ""
        if target is None:
            what = gettext("Tag “%(tag)s” on something deleted since") % {"tag": tag}
        else:
            what = gettext("Tag “%(tag)s” on “%(object)s”") % {"tag": tag, "object": target}
            if isinstance(target, Paper):
                url = paper_url(target.chapter.number, target.side.slug)
            elif isinstance(target, Point):
                url = point_url(target.chapter.number, target.slug)
            else:
                url = chapter_url(target.number)
        return Change(record, gettext("Tag"), what, url, str(LINK_ACTIONS[record.history_type]))

    # Where each object is now, if it still exists (order_by(): the models' default
    # ordering would join the study and chapter for nothing).
    current_paper = Paper.objects.filter(pk=OuterRef("id")).order_by()
    current_point = Point.objects.filter(pk=OuterRef("id")).order_by()
    # Long texts of the objects that tag and author rows name: never shown there.
    paper_texts = ["abstract", "body", "body_html", "passages", "render_problems"]
    sources = [
        Source(
            "paper",
            paper_history.defer("abstract", "body")
            .select_related("side")
            .annotate(
                now_number=Subquery(current_paper.values("chapter__number")[:1]),
                now_side=Subquery(current_paper.values("side__slug")[:1]),
                previous_id=Subquery(_previous(HPaper).values("history_id")[:1]),
                later=_later(HPaper),
            ),
            describe_paper,
        ),
        Source(
            "paper",
            Authorship.history.filter(paper_id__in=paper_ids)
            .select_related("author", "paper__chapter", "paper__side")
            .defer("author__biography", *[f"paper__{name}" for name in paper_texts]),
            describe_authorship,
        ),
        Source(
            "tags",
            PaperTag.history.filter(content_object_id__in=paper_ids)
            .select_related("tag", "content_object__chapter", "content_object__side")
            .defer(*[f"content_object__{name}" for name in paper_texts]),
            describe_tag,
        ),
    ]
    points = point_history.defer("first_stance", "second_stance").annotate(
        now_number=Subquery(current_point.values("chapter__number")[:1]),
        now_slug=Subquery(current_point.values("slug")[:1]),
        previous_id=Subquery(_previous(HPoint).values("history_id")[:1]),
        later=_later(HPoint),
    )
    if side is not None:
        # The side's own changes to points: its stance or passage differs from the
        # revision before (or is set when the point is created).
        prefix = "first" if side.position == 1 else "second"
        stance, passage = f"{prefix}_stance", f"{prefix}_passage"
        previous = _previous(HPoint)
        points = points.annotate(
            previous_stance=Subquery(previous.values(stance)[:1]),
            previous_passage=Subquery(previous.values(passage)[:1]),
        ).filter(
            Q(previous_stance__isnull=True, **{f"{stance}__gt": ""})
            | (
                Q(previous_stance__isnull=False)
                & (~Q(previous_stance=F(stance)) | ~Q(previous_passage=F(passage)))
            )
        )
    sources.append(Source("point", points, describe_point))
    if side is None:
        sources += [
            Source(
                "study", HStudy.objects.filter(id=study.pk).defer("introduction"), describe_study
            ),
            Source(
                "chapter",
                HChapter.objects.filter(study_id=study.pk)
                .defer("summary")
                .annotate(
                    now_number=Subquery(
                        Chapter.objects.filter(pk=OuterRef("id")).order_by().values("number")[:1]
                    )
                ),
                describe_chapter,
            ),
            Source(
                "tags",
                ChapterTag.history.filter(content_object_id__in=chapter_ids)
                .select_related("tag", "content_object")
                .defer("content_object__summary"),
                describe_tag,
            ),
            Source(
                "tags",
                PointTag.history.filter(content_object_id__in=point_ids)
                .select_related("tag", "content_object__chapter")
                .defer(
                    "content_object__first_stance",
                    "content_object__second_stance",
                    "content_object__chapter__summary",
                ),
                describe_tag,
            ),
        ]
    chosen = []
    for source in sources:
        if filters.kind and source.kind != filters.kind:
            continue
        rows = source.rows
        if filters.person == SYSTEM:
            rows = rows.filter(history_user__isnull=True)
        elif filters.person:
            rows = rows.filter(history_user__username=filters.person)
        rows = rows.select_related("history_user").order_by("-history_date", "-history_id")
        chosen.append(Source(source.kind, rows, source.describe))
    return chosen


def _with_ids(url: str, old_id: int | None, new_id: int | None) -> str:
    if new_id is None:
        return url
    return f"{url}?old={old_id}&new={new_id}" if old_id else f"{url}?new={new_id}"


class ChangeFeed:
    """The changes of a study, newest first, as a sequence a Paginator can page.

    Each model keeps its history in a table of its own, with its own columns, so no
    one query can order them all. Instead the n-th page of s changes takes, from each
    history table, its n·s newest records matching the filters (one query per table,
    filtered, ordered and limited in SQL), merges those already-sorted lists by date in
    Python and keeps the page's s. The newest n·s changes overall are surely among
    them. The count is one more query (a UNION ALL of the tables' ids, counted).

    So a page runs one query per history table plus the count, however many changes
    there are; its cost grows with the page's number (page n reads up to n·s rows per
    table), which is fine for recent changes, read mostly from the first pages.
    """

    def __init__(self, study: Study, filters: Filters) -> None:
        self.sources = _sources(study, filters)

    def count(self) -> int:
        if not self.sources:
            return 0
        ids = [source.rows.order_by().values_list("history_id") for source in self.sources]
        return ids[0].union(*ids[1:], all=True).count() if len(ids) > 1 else ids[0].count()

    def __getitem__(self, window: slice) -> list[Change]:
        if not isinstance(window, slice) or window.stop is None:
            raise TypeError("ChangeFeed supports slicing with an end only.")
        newest = [
            [(record, source.describe) for record in source.rows[: window.stop]]
            for source in self.sources
        ]
        merged: Iterator = heapq.merge(*newest, key=lambda pair: pair[0].history_date, reverse=True)
        return [
            describe(record)
            for record, describe in itertools.islice(merged, window.start or 0, window.stop)
        ]


def people_who_changed(study: Study) -> QuerySet:
    """Return the people who changed anything in the study, by username.

    Runs one query (a subquery per history table).
    """
    condition = Q(pk__in=[])
    for source in _sources(study, Filters()):
        condition |= Q(pk__in=source.rows.order_by().values("history_user_id"))
    return get_user_model().objects.filter(condition).order_by("username")


class ChangeFilterForm(forms.Form):
    """Filters of the recent changes. A value it does not know filters nothing."""

    side = forms.ChoiceField(label=_("Side"), required=False)
    person = forms.ChoiceField(label=_("Person"), required=False)
    kind = forms.ChoiceField(label=_("Kind of object"), required=False)

    def __init__(self, data: Any, *, sides: list[Side], people: list[AbstractBaseUser]) -> None:
        super().__init__(data)
        self.sides = {side.slug: side for side in sides}
        everything = ("", gettext("All"))
        self.fields["side"].choices = [everything] + [(s.slug, s.label) for s in sides]
        self.fields["person"].choices = (
            [everything]
            + [(person.get_username(), person.get_username()) for person in people]
            + [(SYSTEM, gettext("system (no person)"))]
        )
        self.fields["kind"].choices = [everything] + [(k, str(label)) for k, label in KINDS]

    def filters(self) -> Filters:
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            side=self.sides.get(data.get("side", "")),
            person=data.get("person", ""),
            kind=data.get("kind", ""),
        )
