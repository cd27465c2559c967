"""History pages: a paper's or point's revisions, two compared, an old one restored;
the recent changes of a study, and recovering what was deleted.

Only the study's team (`roles.can_read_drafts`) sees its history: to anyone else
these pages do not exist (404), so that they reveal no drafts. Restoring and
recovering need the right to change the object, else 403. The work is done in
`positions.history`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from positions import history, roles
from positions.editing.versions import EditConflict
from positions.models import Chapter, Paper, Point, Side, Study
from positions.reading.names import translate_page

User = roles.User


def _require_reader(user: User, study_id: int) -> None:
    if not roles.can_read_drafts(user, study_id):
        raise Http404("No such page.")


def _paper(request: HttpRequest, study: str, number: int, side: str) -> Paper:
    """Return the paper if the reader may see its history, else raise Http404."""
    paper = get_object_or_404(
        Paper.objects.select_related("study", "chapter", "side"),
        study__slug=study,
        chapter__number=number,
        side__slug=side,
    )
    _require_reader(request.user, paper.study_id)
    return paper


def _point(request: HttpRequest, study: str, number: int, slug: str) -> Point:
    """Return the point if the reader may see its history, else raise Http404."""
    point = get_object_or_404(
        Point.objects.select_related("chapter__study"),
        chapter__study__slug=study,
        chapter__number=number,
        slug=slug,
    )
    _require_reader(request.user, point.chapter.study_id)
    return point


def _labels(obj: Paper | Point) -> dict[str, str]:
    """Name the fields; a point's stances by their side (one query for the sides)."""
    if isinstance(obj, Paper):
        return history.field_labels(obj)
    sides = list(Side.objects.filter(study=obj.chapter.study_id).order_by("position"))
    # The study's name too, for the page: one query for both (see `_context`).
    translate_page(studies=[obj.chapter.study], sides=sides)
    return history.field_labels(obj, sides)


def _can_restore(user: User, obj: Paper | Point) -> bool:
    """A paper: its side's editors and chief editors. A point: chief editors only,
    as restoring it brings back both sides' stances."""
    if isinstance(obj, Paper):
        return roles.can_edit_paper(user, obj)
    return roles.is_chief_editor(user, obj.chapter.study_id)


def _context(obj: Paper | Point) -> dict:
    """What a history page shows of `obj`; runs one query for the names of its study and
    side in the reader's language when they are not in it."""
    chapter = obj.chapter
    study_obj = obj.study if isinstance(obj, Paper) else chapter.study
    if isinstance(obj, Paper):
        obj.side.study = study_obj
    if not hasattr(study_obj, "title_shown"):
        translate_page(studies=[study_obj], sides=[obj.side] if isinstance(obj, Paper) else [])
    return {
        "obj": obj,
        "paper": obj if isinstance(obj, Paper) else None,
        "point": obj if isinstance(obj, Point) else None,
        "study": study_obj,
        "chapter": chapter,
        "name": obj.title if isinstance(obj, Paper) else obj.question,
        "history_url": history.history_url(obj),
        "compare_url": history.compare_url(obj),
    }


def _history_page(request: HttpRequest, obj: Paper | Point) -> HttpResponse:
    page = history.revisions(obj, page_number=request.GET.get("page"), labels=_labels(obj))
    revisions = list(page)
    context = _context(obj) | {
        "page": page,
        "can_restore": _can_restore(request.user, obj),
        # Which two revisions the compare form starts with: the newest and the one before.
        "initial_new": revisions[0].record.history_id if revisions else None,
        "initial_old": revisions[1].record.history_id if len(revisions) > 1 else None,
    }
    return render(request, "positions/history/history.html", context)


def _compare_page(request: HttpRequest, obj: Paper | Point) -> HttpResponse:
    try:
        old_id = int(request.GET["old"]) if request.GET.get("old") else None
        new_id = int(request.GET["new"]) if request.GET.get("new") else None
    except ValueError:
        raise Http404("No such revision.") from None
    comparison = history.compare(obj, old_id=old_id, new_id=new_id, labels=_labels(obj))
    if comparison is None:
        raise Http404("No such revision.")
    context = _context(obj) | {
        "comparison": comparison,
        "can_restore": _can_restore(request.user, obj),
    }
    return render(request, "positions/history/history_compare.html", context)


def _restore(request: HttpRequest, obj: Paper | Point, history_id: int) -> HttpResponse:
    if not _can_restore(request.user, obj):
        raise PermissionDenied
    record = get_object_or_404(obj.history.all(), history_id=history_id)
    back = history.history_url(obj)
    try:
        expected_version = int(request.POST.get("version", ""))
    except ValueError:
        expected_version = -1
    try:
        history.restore(obj, record, expected_version=expected_version)
    except EditConflict:
        messages.error(
            request,
            gettext(
                "Nothing was restored: someone changed it after you opened this page. "
                "Here is its history as it is now."
            ),
        )
        return redirect(back)
    messages.success(
        request,
        gettext("Restored the revision of %(date)s by %(person)s, as a new revision.")
        % {"date": history.when(record), "person": history.who(record)},
    )
    return redirect(back)


@login_required
@require_safe
def paper_history(request: HttpRequest, study: str, number: int, side: str) -> HttpResponse:
    return _history_page(request, _paper(request, study, number, side))


@login_required
@require_safe
def paper_compare(request: HttpRequest, study: str, number: int, side: str) -> HttpResponse:
    return _compare_page(request, _paper(request, study, number, side))


@login_required
@require_POST
def paper_restore(
    request: HttpRequest, study: str, number: int, side: str, history_id: int
) -> HttpResponse:
    return _restore(request, _paper(request, study, number, side), history_id)


@login_required
@require_safe
def point_history(request: HttpRequest, study: str, number: int, slug: str) -> HttpResponse:
    return _history_page(request, _point(request, study, number, slug))


@login_required
@require_safe
def point_compare(request: HttpRequest, study: str, number: int, slug: str) -> HttpResponse:
    return _compare_page(request, _point(request, study, number, slug))


@login_required
@require_POST
def point_restore(
    request: HttpRequest, study: str, number: int, slug: str, history_id: int
) -> HttpResponse:
    return _restore(request, _point(request, study, number, slug), history_id)


@login_required
@require_safe
def changes(request: HttpRequest, study: str) -> HttpResponse:
    study_obj = get_object_or_404(Study, slug=study)
    _require_reader(request.user, study_obj.pk)
    sides = list(Side.objects.filter(study=study_obj).order_by("position"))
    form = history.ChangeFilterForm(
        request.GET, sides=sides, people=list(history.people_who_changed(study_obj))
    )
    feed = history.ChangeFeed(study_obj, form.filters())
    # Django's Paginator takes any sliceable object with a count() method; its stubs ask
    # for a sequence.
    paginator: Paginator[history.Change] = Paginator(feed, history.CHANGES_PER_PAGE)  # type: ignore[arg-type]
    page = paginator.get_page(request.GET.get("page"))
    # The names the filters and the changes show, in one query: the changes describe
    # them once written, below.
    named = [obj for change in page for obj in change.named]
    translate_page(
        studies=[study_obj],
        sides=[*sides, *(obj for obj in named if isinstance(obj, Side))],
        tags=[obj for obj in named if not isinstance(obj, Side)],
    )
    for change in page:
        if change.recoverable == "paper":
            assert change.side_id is not None  # a paper's changes name its side
            change.can_recover = roles.can_edit_side(request.user, study_obj.pk, change.side_id)
        elif change.recoverable == "point":
            change.can_recover = roles.is_chief_editor(request.user, study_obj.pk)
    context = {"study": study_obj, "form": form, "page": page}
    return render(request, "positions/history/changes.html", context)


def _recover(request: HttpRequest, study: Study, record: history.Record) -> HttpResponse:
    try:
        obj = history.recover(record)
    except history.CannotRecover as problem:
        messages.error(request, gettext("It cannot be recovered: %(why)s") % {"why": problem})
        return redirect("positions:changes", study.slug)
    messages.success(request, gettext("Recovered “%(name)s”.") % {"name": str(obj)})
    return redirect(history.history_url(obj))


@login_required
@require_POST
def paper_recover(request: HttpRequest, study: str, history_id: int) -> HttpResponse:
    study_obj = get_object_or_404(Study, slug=study)
    _require_reader(request.user, study_obj.pk)
    record = get_object_or_404(Paper.history.model, history_id=history_id, study_id=study_obj.pk)
    if not roles.can_edit_side(request.user, study_obj.pk, record.side_id):
        raise PermissionDenied
    return _recover(request, study_obj, record)


@login_required
@require_POST
def point_recover(request: HttpRequest, study: str, history_id: int) -> HttpResponse:
    study_obj = get_object_or_404(Study, slug=study)
    _require_reader(request.user, study_obj.pk)
    chapter_ids = Chapter.history.filter(study_id=study_obj.pk).values("id")
    record = get_object_or_404(
        Point.history.model, history_id=history_id, chapter_id__in=chapter_ids
    )
    if not roles.is_chief_editor(request.user, study_obj.pk):
        raise PermissionDenied
    return _recover(request, study_obj, record)
