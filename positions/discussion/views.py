"""The team's discussion pages and each editor's "My work" page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from positions import roles
from positions.discussion import threads as discussion
from positions.models import Comment, Paper, Point
from positions.reading.names import translate_page
from positions.workflow import my_work as work


def _paper_or_404(request: HttpRequest, study: str, number: int, side: str) -> Paper:
    paper = get_object_or_404(
        Paper.objects.select_related("study", "chapter", "side__institute"),
        study__slug=study,
        chapter__number=number,
        side__slug=side,
    )
    # Readers and other studies' staff must not learn the discussion exists.
    if not roles.can_read_drafts(request.user, paper.study_id):
        raise Http404
    return paper


def _point_or_404(request: HttpRequest, study: str, number: int, slug: str) -> Point:
    point = get_object_or_404(
        Point.objects.select_related("chapter__study"),
        chapter__study__slug=study,
        chapter__number=number,
        slug=slug,
    )
    if not roles.can_read_drafts(request.user, point.chapter.study_id):
        raise Http404
    return point


def _discussion(
    request: HttpRequest, *, paper: Paper | None = None, point: Point | None = None
) -> HttpResponse:
    target = paper or point
    assert target is not None, "each view gives a paper or a point"
    errors: dict[str, list[str]] = {}
    typed = {"body": "", "passage": request.GET.get("passage", ""), "parent": ""}
    if request.method == "POST":
        assert request.user.is_authenticated  # the views are login_required
        typed = {name: request.POST.get(name, "") for name in typed}
        parent = None
        if typed["parent"].isascii() and typed["parent"].isdigit():
            parent = Comment.objects.filter(pk=typed["parent"]).first()
        try:
            if typed["parent"] and parent is None:
                raise ValidationError({"parent": _("Reply to a thread of this discussion.")})
            comment = discussion.post_comment(
                author=request.user,
                body=typed["body"],
                paper=paper,
                point=point,
                passage=typed["passage"],
                parent=parent,
            )
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, _("Your comment was posted."))
            return redirect(f"{request.path}#comment-{comment.pk}")
    study_obj = target.study if isinstance(target, Paper) else target.chapter.study
    if paper:
        paper.side.study = study_obj
    translate_page(studies=[study_obj], sides=[paper.side] if paper else [])
    context = {
        "paper": paper,
        "point": point,
        "study": study_obj,
        "chapter": target.chapter,
        "threads": discussion.threads_on(paper=paper, point=point),
        "errors": errors,
        "typed": typed,
    }
    status = 400 if errors else 200
    return render(request, "positions/discussion/discussion.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def paper_discussion(request: HttpRequest, study: str, number: int, side: str) -> HttpResponse:
    return _discussion(request, paper=_paper_or_404(request, study, number, side))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def point_discussion(request: HttpRequest, study: str, number: int, slug: str) -> HttpResponse:
    return _discussion(request, point=_point_or_404(request, study, number, slug))


@login_required
@require_POST
def resolve_thread(request: HttpRequest, comment_id: int) -> HttpResponse:
    thread = get_object_or_404(
        Comment.objects.threads().select_related("paper", "point__chapter"), pk=comment_id
    )
    if not roles.can_read_drafts(request.user, thread.study_id):
        raise Http404
    if request.POST.get("action") == "reopen":
        discussion.reopen(thread)
        messages.success(request, _("The thread is open again."))
    else:
        assert request.user.is_authenticated  # the view is login_required
        discussion.resolve(thread, request.user)
        messages.success(request, _("The thread is marked resolved."))
    target = thread.paper or thread.point
    return redirect(f"{discussion.discussion_url(target)}#comment-{thread.pk}")


@login_required
@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    assert request.user.is_authenticated  # the view is login_required
    context = work.waiting_for(request.user)
    papers = context["to_approve"] + context["in_review"] + context["drafts"]
    translate_page(
        studies=[membership.study for membership in context["memberships"]]
        + [paper.study for paper in papers]
        + [chapter.study for chapter in context["ready"]]
        + [chapter.study for chapter, _side in context["missing"]],
        sides=[membership.side for membership in context["memberships"] if membership.side]
        + [paper.side for paper in papers]
        + [side for _chapter, side in context["missing"]],
    )
    return render(request, "positions/workflow/my_work.html", context)
