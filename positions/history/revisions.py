"""See and undo every change: the revisions of a paper or a point, any two of them
compared, an old one restored, a deleted paper or point recovered, and the recent
changes across a study.

The records are django-simple-history's: every save or deletion of a Study, Chapter,
Paper, Point, Authorship or tag assignment leaves a historical record saying what the
object held, who made the change (`history_user`, set from the request by
HistoryRequestMiddleware), when, what kind ("+" created, "~" changed, "-" deleted) and
why (`history_change_reason`). This room reads those records; it writes only through
`positions.editing.versions.save_if_current` (restore) and a plain insert (recover).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from positions.editing.versions import save_if_current
from positions.models import (
    Author,
    Authorship,
    Chapter,
    Paper,
    PaperTag,
    Point,
    PointTag,
    Side,
)
from positions.text.diffs import WordDiff, word_diff

REVISIONS_PER_PAGE = 50
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
    return date_format(timezone.localtime(record.history_date), "SHORT_DATETIME_FORMAT")


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
    # Facts that only the workflow changes: shown, never restored.
    kept: tuple[str, ...] = ()

    @property
    def restored(self) -> tuple[str, ...]:
        """The fields a restore copies back: never the pk, version, chapter or side,
        nor a paper's status (a restore does not publish or sign anything off)."""
        return self.texts + tuple(name for name in self.facts if name not in self.kept)

    def url_args(self, obj: Paper | Point) -> list[Any]:
        if isinstance(obj, Paper):
            return [obj.study.slug, obj.chapter.number, obj.side.slug]
        return [obj.chapter.study.slug, obj.chapter.number, obj.slug]


PAPER = Tracked(
    name="paper",
    texts=("title", "abstract", "body"),
    facts=("status", "published_on"),
    tag_model=PaperTag,
    kept=("status", "published_on"),
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


def with_ids(url: str, old_id: int | None, new_id: int | None) -> str:
    if new_id is None:
        return url
    return f"{url}?old={old_id}&new={new_id}" if old_id else f"{url}?new={new_id}"


def compare_url(obj: Paper | Point, old_id: int | None = None, new_id: int | None = None) -> str:
    """Address the compare page, of two revisions, or of one with the one before."""
    spec = tracked(obj)
    url = reverse(f"positions:{spec.name}_compare", args=spec.url_args(obj))
    return with_ids(url, old_id, new_id)


def restore_url(obj: Paper | Point, history_id: int) -> str:
    spec = tracked(obj)
    return reverse(f"positions:{spec.name}_restore", args=[*spec.url_args(obj), history_id])


def field_labels(obj: Paper | Point, sides: Sequence[Side] = ()) -> dict[str, str]:
    """Name each field as editors know it; a point's stances by their side."""
    labels = {f.name: str(f.verbose_name) for f in type(obj)._meta.fields}
    labels["body"] = gettext("Text")
    for side in sides:
        prefix = "first" if side.position == 1 else "second"
        # In the reader's language where the page named it (positions.reading.names).
        name = side.label_shown.text if hasattr(side, "label_shown") else side.label
        labels[f"{prefix}_stance"] = gettext("%(side)s stance") % {"side": name}
        labels[f"{prefix}_passage"] = gettext("%(side)s passage") % {"side": name}
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
        return date_format(value, "DATE_FORMAT")
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
    if (
        old is not None
        and old_id is not None
        and position[old_id] > 0
        and old.record.history_type != "-"
    ):
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

# What is deleted with a paper or a point, and recovered with it.
LinkModel = type[Authorship | PaperTag | PointTag]


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
    if model is Paper:
        # Back as a draft: its side signs it off again.
        obj.status = Paper.Status.DRAFT
        obj.status_changed = timezone.now()
    obj._change_reason = gettext("Recovered after its deletion on %(date)s") % {
        "date": when(record)
    }
    links: list[tuple[LinkModel, str]] = [(PointTag, "content_object_id")]
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


def _recover_links(link_model: LinkModel, key: str, record: Record) -> None:
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
