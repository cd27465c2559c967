"""The recent changes across a study: every revision of its papers, points,
chapters, tags and authors, newest first, filtered and paginated."""

import functools
import heapq
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from positions.history.revisions import (
    ACTION_CODES,
    ACTIONS,
    LINK_ACTIONS,
    Record,
    who,
    with_ids,
)
from positions.history.wording import (
    html,
    side_label,
    side_label_html,
    tag_name_html,
    with_language_name,
    written_later,
)
from positions.models import (
    Authorship,
    Chapter,
    ChapterTag,
    ChapterTranslation,
    InstituteTranslation,
    Paper,
    PaperTag,
    PaperTranslation,
    Point,
    PointTag,
    PointTranslation,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
)
from positions.templatetags.names import written_in

CHANGES_PER_PAGE = 50

# The recent changes across a study.


KINDS = [
    ("study", _("Study")),
    ("chapter", _("Chapters")),
    ("paper", _("Papers and their authors")),
    ("point", _("Points")),
    ("tags", _("Tags")),
    ("translations", _("Translations")),
]
SYSTEM = "(system)"


@dataclass
class Change:
    """One row of the recent changes."""

    record: Record
    # What kind of object: "Paper", "Point", "Tag", ...
    subject: str
    # HTML: the words of the data marked with their language where it is not the page's.
    what: SafeString
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
    # The sides and tags `what` names: the view gives them their names in the reader's
    # language (positions.reading.names) before `what`, lazy, is written.
    named: list[Any] = field(default_factory=list)

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
    return history_model._default_manager.filter(
        id=OuterRef("id"), history_id__lt=OuterRef("history_id")
    ).order_by("-history_id")


def _later(history_model: type[models.Model]) -> Exists:
    return Exists(
        history_model._default_manager.filter(
            id=OuterRef("id"), history_id__gt=OuterRef("history_id")
        )
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
            written_in(record.title, record.language),
            study.get_absolute_url(),
            str(ACTIONS[record.history_type]),
        )

    def describe_chapter(record: Record) -> Change:
        what = html(
            gettext("Chapter %(number)s: %(title)s"),
            number=str(record.number),
            title=written_in(record.title, study.language),
        )
        return Change(
            record,
            gettext("Chapter"),
            what,
            chapter_url(record.now_number),
            str(ACTIONS[record.history_type]),
        )

    def describe_paper(record: Record) -> Change:
        title = what = written_in(record.title, record.language)
        side = record.side
        if side is not None:
            what = written_later(
                lambda: html(
                    # Translators: a paper's title and its side's label.
                    gettext("%(what)s (%(side)s)"),
                    what=title,
                    side=side_label_html(side, study),
                )
            )
        change = Change(
            record,
            gettext("Paper"),
            what,
            paper_url(record.now_number, record.now_side),
            str(ACTIONS[record.history_type]),
            side_id=record.side_id,
            named=[side] if side is not None else [],
        )
        if record.now_number is not None:
            url = reverse(
                "positions:paper_compare", args=[study.slug, record.now_number, record.now_side]
            )
            change.diff_url = with_ids(url, record.previous_id, record.history_id)
        elif record.history_type == "-" and not record.later:
            change.recoverable = "paper"
        return change

    def describe_point(record: Record) -> Change:
        change = Change(
            record,
            gettext("Point"),
            written_in(record.question, study.language),
            point_url(record.now_number, record.now_slug),
            str(ACTIONS[record.history_type]),
        )
        if record.now_number is not None:
            url = reverse(
                "positions:point_compare", args=[study.slug, record.now_number, record.now_slug]
            )
            change.diff_url = with_ids(url, record.previous_id, record.history_id)
        elif record.history_type == "-" and not record.later:
            change.recoverable = "point"
        return change

    def describe_authorship(record: Record) -> Change:
        paper = record.paper
        author = str(record.author) if record.author else gettext("a removed author")
        if paper is None:
            what = html(gettext("%(author)s, author of a deleted paper"), author=author)
            url = ""
        else:
            what = html(
                gettext("%(author)s, author of “%(paper)s”"),
                author=author,
                paper=written_in(paper.title, paper.language),
            )
            url = paper_url(paper.chapter.number, paper.side.slug)
        return Change(record, gettext("Authors"), what, url, str(LINK_ACTIONS[record.history_type]))

    def describe_tag(record: Record) -> Change:
        target = record.content_object
        tag = record.tag

        def describe() -> SafeString:
            name = tag_name_html(tag) if tag else gettext("a deleted tag")
            if target is None:
                return html(gettext("Tag “%(tag)s” on something deleted since"), tag=name)
            if isinstance(target, Paper):
                tagged = written_in(target.title, target.language)
            else:
                tagged = written_in(str(target), study.language)
            return html(gettext("Tag “%(tag)s” on “%(object)s”"), tag=name, object=tagged)

        what = written_later(describe)
        url = ""
        if target is not None:
            if isinstance(target, Paper):
                url = paper_url(target.chapter.number, target.side.slug)
            elif isinstance(target, Point):
                url = point_url(target.chapter.number, target.slug)
            else:
                url = chapter_url(target.number)
        return Change(
            record,
            gettext("Tag"),
            what,
            url,
            str(LINK_ACTIONS[record.history_type]),
            named=[tag] if tag else [],
        )

    def in_language(url: str, language: str) -> str:
        return f"{url}?text={language}" if url else ""

    def describe_translation(record: Record) -> Change:
        """A translation of a paper, a chapter's theme or a point's part."""
        if isinstance(record, PaperTranslation.history.model):
            paper = record.paper
            what = with_language_name(written_in(record.title, record.language), record.language)
            url = paper_url(paper.chapter.number, paper.side.slug) if paper else ""
        elif isinstance(record, ChapterTranslation.history.model):
            what = with_language_name(written_in(record.title, record.language), record.language)
            url = chapter_url(record.chapter.number) if record.chapter else ""
        else:
            point = record.point
            part = PointTranslation.Part(record.part).label
            subject = (
                written_in(point.question, study.language) if point else gettext("a deleted point")
            )
            what = with_language_name(
                html(
                    # Translators: a point's question and which of its texts.
                    gettext("%(subject)s: %(part)s"),
                    subject=subject,
                    part=str(part),
                ),
                record.language,
            )
            url = ""
            if point:
                url = chapter_url(point.chapter.number)
        change = Change(
            record,
            gettext("Translation"),
            what,
            in_language(url, record.language),
            str(ACTIONS[record.history_type]),
        )
        if isinstance(record, PointTranslation.history.model) and url:
            change.url += f"#point-{record.point.slug}"
        return change

    def describe_name(record: Record) -> Change:
        """A translation of the study's title, a side's label, an institute's or a tag's name."""
        if isinstance(record, StudyTranslation.history.model):
            message, name = gettext("The study's title: %(name)s"), record.title
        elif isinstance(record, SideTranslation.history.model):
            message, name = gettext("A side's label: %(name)s"), record.label
        elif isinstance(record, InstituteTranslation.history.model):
            message, name = gettext("An institute's name: %(name)s"), record.name
        else:
            message, name = gettext("A tag: %(name)s"), record.name
        what = html(message, name=written_in(name, record.language))
        return Change(
            record,
            gettext("Translation"),
            with_language_name(what, record.language),
            study.get_absolute_url(),
            str(ACTIONS[record.history_type]),
        )

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
    sources.append(
        Source(
            "translations",
            PaperTranslation.history.filter(paper_id__in=paper_ids)
            .select_related("paper__chapter", "paper__side")
            .defer("body", *[f"paper__{name}" for name in paper_texts]),
            describe_translation,
        )
    )
    point_translations = PointTranslation.history.filter(point_id__in=point_ids)
    if side is not None:
        point_translations = point_translations.filter(
            part="first" if side.position == 1 else "second"
        )
    sources.append(
        Source(
            "translations",
            point_translations.select_related("point__chapter").defer(
                "point__first_stance", "point__second_stance", "point__chapter__summary"
            ),
            describe_translation,
        )
    )
    side_translations = SideTranslation.history.filter(
        side_id__in=Side.objects.filter(study_id=study.pk).values("id")
    )
    if side is not None:
        side_translations = side_translations.filter(side_id=side.pk)
    sources.append(Source("translations", side_translations, describe_name))
    if side is None:
        # The names the study shows: its own, its sides' institutes' and its tags'
        # (institutes and tags are shared: their translations count in each study).
        tag_ids = (
            Q(tag_id__in=ChapterTag.objects.filter(content_object__study_id=study.pk).values("tag"))
            | Q(tag_id__in=PaperTag.objects.filter(content_object_id__in=paper_ids).values("tag"))
            | Q(tag_id__in=PointTag.objects.filter(content_object_id__in=point_ids).values("tag"))
        )
        institute_ids = Side.objects.filter(study_id=study.pk).values("institute_id")
        sources += [
            Source(
                "translations",
                StudyTranslation.history.filter(study_id=study.pk).defer("introduction"),
                describe_name,
            ),
            Source(
                "translations",
                InstituteTranslation.history.filter(institute_id__in=institute_ids),
                describe_name,
            ),
            Source("translations", TagTranslation.history.filter(tag_ids), describe_name),
        ]
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
                "translations",
                ChapterTranslation.history.filter(chapter_id__in=chapter_ids).select_related(
                    "chapter"
                ),
                describe_translation,
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

    def __init__(self, data: Any, *, sides: list[Side], people: list[User]) -> None:
        super().__init__(data)
        self.sides = {side.slug: side for side in sides}
        everything = ("", gettext("All"))
        # In the reader's language where the page named them (positions.reading.names).
        self._choice_field("side").choices = [everything] + [
            (s.slug, written_later(functools.partial(side_label, s))) for s in sides
        ]
        self._choice_field("person").choices = (
            [everything]
            + [(person.get_username(), person.get_username()) for person in people]
            + [(SYSTEM, gettext("system (no person)"))]
        )
        self._choice_field("kind").choices = [everything] + [(k, str(label)) for k, label in KINDS]

    def _choice_field(self, name: str) -> forms.ChoiceField:
        form_field = self.fields[name]
        assert isinstance(form_field, forms.ChoiceField)  # each field of this form is one
        return form_field

    def filters(self) -> Filters:
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            side=self.sides.get(data.get("side", "")),
            person=data.get("person", ""),
            kind=data.get("kind", ""),
        )
