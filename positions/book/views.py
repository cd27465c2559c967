"""The book's downloads, and the team's button that builds it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from positions import roles
from positions.book.build import Printing, build, current_book, file_name
from positions.models import Book, Chapter, Study


def printing_asked(request: HttpRequest, study: Study) -> Printing:
    """The printing the address asks for; a reader asking for a draft is answered 404,
    as for any page they may not see."""
    data = request.GET if request.method == "GET" else request.POST
    layout = data.get("layout", Book.Layout.FACING)
    paper_size = data.get("paper", Book.PaperSize.A4)
    if layout not in Book.Layout.values or paper_size not in Book.PaperSize.values:
        raise Http404("No such printing.")
    draft = data.get("draft") == "1"
    if draft and not roles.can_read_drafts(request.user, study.pk):
        raise Http404("No such book.")
    return Printing(
        text=data.get("text", ""),
        language=get_language(),
        layout=layout,
        paper_size=paper_size,
        draft=draft,
    )


def _study_and_chapter(request: HttpRequest, study: str, number: int | None):
    study_obj = get_object_or_404(Study, slug=study)
    chapter = None
    if number is not None:
        chapter = get_object_or_404(
            Chapter.objects.visible_to(request.user), study=study_obj, number=number
        )
    return study_obj, chapter


@require_safe
def download(request: HttpRequest, study: str, number: int | None = None) -> HttpResponseBase:
    """The book (or a chapter's), as built last; built now when its texts changed."""
    study_obj, chapter = _study_and_chapter(request, study, number)
    printing = printing_asked(request, study_obj)
    if chapter is not None and not chapter.is_published and not printing.draft:
        raise Http404("An unpublished chapter is printed in a draft only.")
    user = request.user if request.user.is_authenticated else None
    book = current_book(study_obj, chapter, printing, user=user)
    response = FileResponse(book.file.open("rb"), content_type="application/pdf")
    name = file_name(study_obj, chapter, printing)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    if printing.draft:
        patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def build_now(request: HttpRequest, study: str, number: int | None = None) -> HttpResponse:
    """Build the book again now, for the team: a draft with the unpublished chapters
    (its readers), or the published book (its chief editor)."""
    study_obj, chapter = _study_and_chapter(request, study, number)
    printing = printing_asked(request, study_obj)
    may = (
        roles.can_read_drafts(request.user, study_obj.pk)
        if printing.draft
        else roles.is_chief_editor(request.user, study_obj.pk)
    )
    if not may:
        raise Http404("No such book.")
    book = build(study_obj, chapter, printing, user=roles.signed_in(request))
    messages.success(
        request,
        _("The book was built: %(pages)d pages.") % {"pages": book.pages},
    )
    return redirect(book_url(study_obj, chapter, printing))


def book_url(study: Study, chapter: Chapter | None, printing: Printing) -> str:
    if chapter is None:
        address = reverse("positions:study_book", args=[study.slug])
    else:
        address = reverse("positions:chapter_book", args=[study.slug, chapter.number])
    query = {
        "text": printing.text,
        "layout": "" if printing.layout == Book.Layout.FACING else printing.layout,
        "paper": "" if printing.paper_size == Book.PaperSize.A4 else printing.paper_size,
        "draft": "1" if printing.draft else "",
    }
    query = {name: value for name, value in query.items() if value}
    return f"{address}?{urlencode(query)}" if query else address
