"""A paper's or a chapter's citation as a file for reference managers: BibTeX (.bib)
or RIS (.ris). Readers get what they may read, as on the pages: the team of a study
also gets its drafts, everyone else a 404."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from positions.models import Paper, Side
from positions.reading import citation_formats, citations
from positions.reading.views import authorships_with_authors, visible_chapter, visible_paper

FileFormat = Literal["bib", "ris"]

CONTENT_TYPES = {
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
}


@require_safe
def paper_citation(
    request: HttpRequest, study: str, number: int, side: str, file_format: FileFormat
) -> HttpResponse:
    """Runs two queries: the paper with its study's institutes, and its authors."""
    paper = visible_paper(request, study, number, side)
    work = citations.paper_work(
        paper,
        paper.author_list(),
        url=request.build_absolute_uri(paper.get_absolute_url()),
        accessed=timezone.localdate(),
    )
    return _download(work, file_format)


@require_safe
def chapter_citation(
    request: HttpRequest, study: str, number: int, file_format: FileFormat
) -> HttpResponse:
    """Runs four queries: the chapter, its sides, the papers the reader may see and
    their authors."""
    chapter = visible_chapter(request, study, number)
    sides = Side.objects.filter(study=chapter.study_id).select_related("institute")
    papers = (
        Paper.objects.visible_to(request.user)
        .filter(chapter=chapter)
        .prefetch_related(authorships_with_authors())
    )
    work = citations.chapter_work(
        chapter,
        list(sides),
        list(papers),
        url=request.build_absolute_uri(chapter.get_absolute_url()),
        accessed=timezone.localdate(),
    )
    return _download(work, file_format)


def _download(work: citations.Work, file_format: FileFormat) -> HttpResponse:
    text = citation_formats.bibtex(work) if file_format == "bib" else citation_formats.ris(work)
    response = HttpResponse(text.encode(), content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{work.key}.{file_format}"'
    return response
