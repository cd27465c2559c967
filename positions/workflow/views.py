"""The workflow's buttons: a paper sent for review, approved or returned to draft; a
chapter published or unpublished; its dates of record set. See `positions.workflow.publication`
for the rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from positions import roles
from positions.reading import views
from positions.workflow import publication as workflow
from positions.workflow.forms import PublicationDatesForm

# Longer than any note on a step needs; a message is not a paper.
MESSAGE_LENGTH = 2000


def _message(request: HttpRequest) -> tuple[str, str]:
    """Return the posted message and what is wrong with it, if anything."""
    message = request.POST.get("message", "").strip()
    if "\x00" in message:
        # PostgreSQL refuses NUL in text; a browser never sends it.
        return message.replace("\x00", ""), _("The message has a character that cannot be saved.")
    if len(message) > MESSAGE_LENGTH:
        return message, _("The message is too long: keep it under %(count)d characters.") % {
            "count": MESSAGE_LENGTH
        }
    return message, ""


@login_required
@require_POST
def paper_status(request: HttpRequest, study: str, number: int, side: str) -> HttpResponse:
    assert request.user.is_authenticated  # the view is login_required
    paper = views.visible_paper(request, study, number, side)
    if not roles.can_read_drafts(request.user, paper.study_id):
        raise Http404
    message, problem = _message(request)
    if not problem:
        try:
            step = workflow.move_paper(paper, request.POST.get("move", ""), request.user, message)
        except workflow.Refused as refused:
            problem = refused.message
        else:
            messages.success(
                request,
                _("“%(title)s”: %(step)s.")
                % {"title": paper.title, "step": step.get_action_display()},
            )
            return redirect(paper.get_absolute_url() + "#workflow")
    # Nothing changed; the page again, with the reason and the message as typed.
    context = views.paper_context(request, paper)
    context.update(workflow_error=problem, typed_message=message)
    return render(request, "positions/reading/paper.html", context, status=409)


@login_required
@require_POST
def chapter_status(request: HttpRequest, study: str, number: int) -> HttpResponse:
    assert request.user.is_authenticated  # the view is login_required
    chapter = views.visible_chapter(request, study, number)
    if not roles.can_read_drafts(request.user, chapter.study_id):
        raise Http404
    steps = {"publish": workflow.publish_chapter, "unpublish": workflow.unpublish_chapter}
    step = steps.get(request.POST.get("step", ""))
    message, problem = _message(request)
    if step is None:
        problem = _("There is no such step.")
    if step is not None and not problem:
        try:
            step(chapter, request.user, message)
        except workflow.Refused as refused:
            problem = refused.message
        else:
            if chapter.is_published:
                done = _("The chapter is published: readers see it with its papers and points.")
            else:
                done = _(
                    "The chapter is unpublished: readers no longer see it. Its papers wait "
                    "as approved; publish it again to bring it back."
                )
            messages.success(request, done)
            return redirect(chapter.get_absolute_url())
    context = views.chapter_context(request, *views.chapter_and_siblings(request, study, number))
    context.update(workflow_error=problem, typed_message=message)
    return render(request, "positions/reading/chapter.html", context, status=409)


@login_required
@require_POST
def chapter_dates(request: HttpRequest, study: str, number: int) -> HttpResponse:
    """The chief editor sets when the chapter and its papers were published."""
    assert request.user.is_authenticated  # the view is login_required
    chapter = views.visible_chapter(request, study, number)
    if not roles.can_read_drafts(request.user, chapter.study_id):
        raise Http404
    papers = chapter.papers.select_related("side").order_by("side__position")
    form = PublicationDatesForm(chapter, papers, request.POST)
    status = 400
    if form.is_valid():
        try:
            changed = workflow.set_dates(
                chapter,
                request.user,
                chapter_date=form.chapter_date(),
                paper_dates=form.paper_dates(),
            )
        except workflow.Refused as refused:
            form.add_error(None, refused.message)
            status = 403 if not roles.is_chief_editor(request.user, chapter.study_id) else 409
        else:
            if changed:
                messages.success(
                    request,
                    _("Publication dates saved. %(changes)s.") % {"changes": "; ".join(changed)},
                )
            else:
                messages.info(request, _("The publication dates were already as given."))
            return redirect(chapter.get_absolute_url() + "#dates")
    # Nothing changed; the page again, with the dates as typed and what is wrong.
    context = views.chapter_context(request, *views.chapter_and_siblings(request, study, number))
    context["dates_form"] = form
    return render(request, "positions/reading/chapter.html", context, status=status)
