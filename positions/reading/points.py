"""The points beyond the chapter page: a study's agreement map, and the points of a
study or a chapter as open data (CSV and JSON). Each runs a fixed number of queries."""

from collections.abc import Iterable
from typing import Literal

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from positions.models import Chapter, Point, Side, Study
from positions.reading import open_data
from positions.reading.agreement_map import agreement_map
from positions.reading.names import translate_page

FileFormat = Literal["csv", "json"]

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _study(slug: str) -> Study:
    sides = Side.objects.select_related("institute")
    return get_object_or_404(
        Study.objects.prefetch_related(Prefetch("sides", queryset=sides)), slug=slug
    )


@require_safe
def study_map(request: HttpRequest, study: str) -> HttpResponse:
    """Runs four queries: the study, its sides, its chapters and their points; and one
    for their names in the reader's language when they are not in it."""
    study_obj = _study(study)
    the_map = agreement_map(study_obj, request.user)
    translate_page(
        studies=[study_obj],
        sides=study_obj.sides.all(),
        chapters=[row.chapter for row in the_map.rows],
        points=[cell.point for row in the_map.rows for cell in row.cells],
    )
    return render(request, "positions/reading/study_map.html", {"study": study_obj, "map": the_map})


@require_safe
def study_points(request: HttpRequest, study: str, file_format: FileFormat) -> HttpResponse:
    """Runs four queries: the study, its sides, the points, their tags."""
    study_obj = _study(study)
    points = open_data.study_points(study_obj, request.user)
    return _download(
        request, points, study_obj.sides.all(), f"{study_obj.slug}-points", file_format
    )


@require_safe
def chapter_points(
    request: HttpRequest, study: str, number: int, file_format: FileFormat
) -> HttpResponse:
    """Runs four queries: the chapter with its study, the sides, the points, their tags."""
    chapter = get_object_or_404(
        Chapter.objects.visible_to(request.user).select_related("study"),
        study__slug=study,
        number=number,
    )
    sides = Side.objects.filter(study=chapter.study_id)
    points = open_data.chapter_points(chapter)
    name = f"{chapter.study.slug}-chapter-{chapter.number}-points"
    return _download(request, points, sides, name, file_format)


def _download(
    request: HttpRequest,
    points: Iterable[Point],
    sides: Iterable[Side],
    name: str,
    file_format: FileFormat,
) -> HttpResponse:
    rows = open_data.records(points, sides, request.build_absolute_uri)
    text = open_data.as_csv(rows) if file_format == "csv" else open_data.as_json(rows)
    response = HttpResponse(text, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
