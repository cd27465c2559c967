"""Public pages. Each runs a fixed number of queries however much it shows."""

import sys
from operator import attrgetter
from typing import Any

from django.db import InterfaceError, OperationalError, connection
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from taggit.models import Tag

from positions import roles
from positions.models import (
    Agreement,
    Author,
    Authorship,
    Chapter,
    Paper,
    Point,
    Side,
    Study,
    tags_by_object,
)
from positions.models.book import offered
from positions.models.shown import Shown
from positions.reading import citation_formats, citations, texts
from positions.reading.comparison import Column, agreement_filters, compare_by_study, point_rows
from positions.reading.names import translate_page
from positions.text.languages import language_in_words, language_name
from positions.workflow import publication as workflow
from positions.workflow.forms import PublicationDatesForm


def sides_with_institutes() -> Prefetch:
    return Prefetch("sides", queryset=Side.objects.select_related("institute"))


def authorships_with_authors() -> Prefetch:
    return Prefetch("authorships", queryset=Authorship.objects.select_related("author"))


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    chapters = Chapter.objects.with_agreement_counts().visible_to(request.user)
    studies = list(
        Study.objects.prefetch_related(
            sides_with_institutes(), Prefetch("chapters", queryset=chapters)
        )
    )
    translate_page(
        studies=studies,
        sides=[side for s in studies for side in s.sides.all()],
        chapters=[chapter for s in studies for chapter in s.chapters.all()],
    )
    return render(request, "positions/reading/home.html", {"studies": studies})


@require_safe
def study(request: HttpRequest, study: str) -> HttpResponse:
    study_obj = get_object_or_404(
        Study.objects.prefetch_related(sides_with_institutes()).annotate(
            **book_facts(OuterRef("pk"), None)
        ),
        slug=study,
    )
    papers = (
        Paper.objects.visible_to(request.user)
        .select_related("side")
        .prefetch_related(authorships_with_authors())
        .order_by("side__position")
    )
    chapters = list(
        Chapter.objects.with_agreement_counts()
        .visible_to(request.user)
        .filter(study=study_obj)
        .prefetch_related(Prefetch("papers", queryset=papers))
    )
    sides = list(study_obj.sides.all())
    translate_page(studies=[study_obj], sides=sides, chapters=chapters)
    introduction = introduction_shown(study_obj, get_language())
    # Each paper's side as the study's sides show it, with its name in the reader's language.
    by_id = {side.pk: side for side in sides}
    for chapter_obj in chapters:
        for paper_obj in chapter_obj.papers.all():
            paper_obj.side = by_id[paper_obj.side_id]
    return render(
        request,
        "positions/reading/study.html",
        {
            "study": study_obj,
            "introduction": introduction,
            "sides": sides,
            "chapters": chapters,
            "can_read_history": roles.can_read_drafts(request.user, study_obj.pk),
            "can_publish": roles.is_chief_editor(request.user, study_obj.pk),
        },
    )


def book_facts(study: Any, chapter: Any) -> dict[str, Subquery]:
    """The pages and the date of the book a page offers (the study's, or a chapter's),
    read in the page's own query; None before its first build."""
    prefix = "book" if chapter is None else "chapter_book"
    books = offered(study, chapter, get_language())
    return {
        f"{prefix}_pages": Subquery(books.values("pages")[:1]),
        f"{prefix}_built": Subquery(books.values("built")[:1]),
    }


def introduction_shown(study: Study, language: str) -> Shown:
    """The study's introduction (as HTML) in `language` when a translation of its
    current version exists, else as written; one query in another language."""
    if language != study.language and study.introduction:
        translation = study.translations.filter(language=language).first()
        if translation is not None and translation.is_current and translation.introduction:
            return Shown(translation.introduction_html, language, translation)
    return Shown(study.introduction_html, study.language)


def visible_chapter(request: HttpRequest, study: str, number: int) -> Chapter:
    return get_object_or_404(
        Chapter.objects.visible_to(request.user).select_related("study"),
        study__slug=study,
        number=number,
    )


def chapter_and_siblings(
    request: HttpRequest, study: str, number: int
) -> tuple[Chapter, list[Chapter]]:
    """The chapter the reader asked for, with its study, and the study's chapters the
    reader may see (for the list at the foot of its page): one query."""
    siblings = sorted(
        Chapter.objects.visible_to(request.user)
        .filter(study__slug=study)
        .select_related("study")
        # Each row carries the study: not the longest of its texts, which no chapter
        # page shows.
        .defer("study__introduction_html")
        # The books the page offers: the study's and the chapter's.
        .annotate(
            **book_facts(OuterRef("study"), None), **book_facts(OuterRef("study"), OuterRef("pk"))
        )
        .order_by(),
        key=attrgetter("order", "number"),
    )
    chapter_obj = next((sibling for sibling in siblings if sibling.number == number), None)
    if chapter_obj is None:
        raise Http404("No such chapter.")
    for sibling in siblings:
        sibling.study = chapter_obj.study
    return chapter_obj, siblings


@require_safe
def chapter(request: HttpRequest, study: str, number: int) -> HttpResponse:
    context = chapter_context(request, *chapter_and_siblings(request, study, number))
    if context["remembered_address"]:
        response: HttpResponse = redirect(context["remembered_address"])
        # For this reader alone: another gets the page itself at this address.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response
    response = render(request, "positions/reading/chapter.html", context)
    if context["remember_mode"]:
        texts.remember_mode(response, context["mode"])
    return response


def chapter_context(
    request: HttpRequest, chapter_obj: Chapter, siblings: list[Chapter]
) -> dict[str, Any]:
    """What the chapter's page shows, given the chapter and its siblings
    (`chapter_and_siblings`): runs five queries more, eight for its team, and one more
    for the chapter's theme in another language than it is written in, and one more for
    the names of the study, its sides and tags in the reader's language when they are
    not in it."""
    study_obj = chapter_obj.study
    study_id = chapter_obj.study_id
    sides = sorted(
        Side.objects.filter(study=study_id).select_related("institute").order_by(),
        key=attrgetter("position"),
    )
    for side in sides:
        side.study = study_obj
    modes = texts.modes(study_obj, sides, get_language())
    mode, remember_mode = texts.chosen_mode(request, modes)
    language, joint, quiet = mode.language, mode.joint_language, mode.quiet
    papers = sorted(
        texts.papers_with_translations(
            Paper.objects.visible_to(request.user).filter(chapter=chapter_obj), language
        )
        .select_related("side")
        .prefetch_related(authorships_with_authors())
        # The page shows each translation's HTML, not the Markdown it was made from. (The
        # original's Markdown tells whether a translation of it is still current.)
        .defer(*texts.joined_markdown(language))
        .order_by(),
        key=attrgetter("side.position"),
    )
    points = sorted(
        texts.points_with_translations(
            chapter_obj.points.order_by(), joint if joint != study_obj.language else ""
        ),
        key=attrgetter("order", "pk"),
    )
    tags = tags_by_object(chapters=[chapter_obj], papers=papers, points=points)
    # The study's chapters, for the list at the foot, with their themes in the reader's
    # language.
    translate_page(studies=[study_obj], sides=sides, tags=tags, chapters=siblings)
    translations = texts.ChapterTexts.load(chapter_obj, papers, points, language, joint)

    columns = [Column.build(side, papers, tags, translations, language) for side in sides]
    for column in columns:
        column.editable = column.paper is not None and roles.can_edit_paper(
            request.user, column.paper
        )
        column.can_add = column.paper is None and roles.can_edit_side(
            request.user, study_id, column.side.pk
        )
    selected = request.GET.get("agreement", "")
    if selected not in Agreement.values:
        selected = ""
    rows = point_rows(
        points,
        columns,
        tags,
        written_in=study_obj.language,
        texts=translations,
        language=joint,
        quiet=quiet,
    )
    is_chief = roles.is_chief_editor(request.user, study_id)
    context = {
        "study": study_obj,
        "chapter": chapter_obj,
        "modes": modes,
        "mode": mode,
        "remember_mode": remember_mode,
        # The address of the mode the reader chose last, when this one names none.
        "remembered_address": texts.remembered_address(request, modes),
        # Untranslated texts are labelled one by one, unless none is translated: then
        # the choice of language says so once.
        "untranslated": bool(joint) and not quiet and not translations.any,
        "theme": texts.shown(
            chapter_obj.title, study_obj.language, joint, translations.chapter, "title", quiet=quiet
        ),
        "summary": texts.shown(
            chapter_obj.summary,
            study_obj.language,
            joint,
            translations.chapter,
            "summary",
            quiet=quiet,
        ),
        "chapter_tags": tags.get(("chapter", chapter_obj.pk), []),
        "can_edit_chapter": is_chief,
        "can_publish": is_chief,
        # What keeps an unpublished chapter from publication, for its team.
        "waiting": [] if chapter_obj.is_published else workflow.waiting(sides, papers),
        "can_translate_points": bool(roles.translatable_parts(request.user, study_id)),
        # The stances the reader may change on every point: {1, 2} for chief editors.
        "stance_positions": roles.editable_stance_positions(request.user, study_id),
        "can_read_history": roles.can_read_drafts(request.user, study_id),
        "columns": columns,
        "rows": [row for row in rows if not selected or row.point.agreement == selected],
        "filters": agreement_filters(points, selected),
        "selected": selected,
        "siblings": siblings,
        "cite": chapter_cite_box(request, chapter_obj, sides, papers),
        # The dates of record, which only the chief editor sets.
        "dates_form": PublicationDatesForm(chapter_obj, papers) if is_chief else None,
    }
    return context


def chapter_cite_box(
    request: HttpRequest, chapter_obj: Chapter, sides: list[Side], papers: list[Paper]
) -> citation_formats.CiteBox:
    """The chapter's Cite box, by the authors of the papers the reader may see; runs no
    query with the sides' institutes and the papers' authorships loaded."""
    args = [chapter_obj.study.slug, chapter_obj.number]
    work = citations.chapter_work(
        chapter_obj,
        sides,
        papers,
        url=request.build_absolute_uri(chapter_obj.get_absolute_url()),
        accessed=timezone.localdate(),
        names_shown=True,
    )
    return citation_formats.cite_box(
        work,
        bibtex_url=reverse("positions:chapter_bibtex", args=args),
        ris_url=reverse("positions:chapter_ris", args=args),
    )


def visible_paper(request: HttpRequest, study: str, number: int, side: str) -> Paper:
    """The paper with its study, chapter, side, institute and authors, and the names
    of its study's institutes for its citation; runs two queries."""
    papers = citations.with_institutes(
        Paper.objects.visible_to(request.user)
        .select_related("study", "chapter", "side__institute")
        .prefetch_related(authorships_with_authors())
    )
    return get_object_or_404(papers, study__slug=study, chapter__number=number, side__slug=side)


@require_safe
def paper(request: HttpRequest, study: str, number: int, side: str) -> HttpResponse:
    paper_obj = visible_paper(request, study, number, side)
    return render(request, "positions/reading/paper.html", paper_context(request, paper_obj))


def paper_context(request: HttpRequest, paper_obj: Paper) -> dict[str, Any]:
    """What the paper's page shows; runs six queries, seven for its team, and one
    more for its names in the reader's language when they are not in it."""
    other_papers = list(
        Paper.objects.visible_to(request.user)
        .filter(chapter=paper_obj.chapter_id)
        .exclude(pk=paper_obj.pk)
        .select_related("side")
    )
    points = list(paper_obj.chapter.points.all())
    tags = tags_by_object(papers=[paper_obj])
    for other in other_papers:
        other.side.study = paper_obj.study
    paper_obj.side.study = paper_obj.study
    translate_page(
        studies=[paper_obj.study],
        sides=[paper_obj.side, *(other.side for other in other_papers)],
        tags=tags,
        institutes=citations.study_institutes_of(paper_obj),
        chapters=[paper_obj.chapter],
        points=points,
    )
    # The side's stance on each point of the chapter, in the reader's language where it
    # has a translation, with the passage it cites.
    stances = []
    first = paper_obj.side.position == Side.Position.FIRST
    for point in points:
        stance, passage = point.stances()[paper_obj.side.position - 1]
        if stance:
            stance_shown = point.first_shown if first else point.second_shown
            stances.append((point, stance_shown, passage if passage in paper_obj.passages else ""))
    team = roles.can_read_drafts(request.user, paper_obj.study_id)
    # The paper in another language when the reader asks for one (?text=en).
    translations = list(paper_obj.translations.select_related("translator"))
    shown = next((t for t in translations if t.language == request.GET.get("text")), None)
    base_url = paper_obj.get_absolute_url()
    languages = [
        {
            "language": paper_obj.text_language,
            "name": language_name(paper_obj.text_language),
            "original": True,
            "url": base_url,
            "current": shown is None,
        }
    ] + [
        {
            "language": t.language,
            "name": language_name(t.language),
            "original": False,
            "url": f"{base_url}?text={t.language}",
            "current": t is shown,
            "up_to_date": t.is_current,
        }
        for t in translations
    ]
    authors = paper_obj.author_list()
    context = {
        "study": paper_obj.study,
        "chapter": paper_obj.chapter,
        "paper": paper_obj,
        "translation": shown,
        "texts": languages if translations else [],
        "original_language_name": language_in_words(paper_obj.text_language),
        # Whoever reads drafts (team) is signed in.
        "moves": (
            workflow.paper_moves(request.user, paper_obj)
            if team and request.user.is_authenticated
            else []
        ),
        # The paper's steps, newest first, for its team.
        "steps": list(paper_obj.steps.select_related("user")[:20]) if team else [],
        "authors": authors,
        "cite": paper_cite_box(request, paper_obj, authors),
        "tags": tags.get(("paper", paper_obj.pk), []),
        "other_papers": other_papers,
        "stances": stances,
        "can_edit": roles.can_edit_paper(request.user, paper_obj),
        "can_read_history": team,
    }
    return context


def paper_cite_box(
    request: HttpRequest, paper_obj: Paper, authors: list[Author]
) -> citation_formats.CiteBox:
    """The paper's Cite box; runs no query (see `visible_paper`)."""
    args = [paper_obj.study.slug, paper_obj.chapter.number, paper_obj.side.slug]
    work = citations.paper_work(
        paper_obj,
        authors,
        url=request.build_absolute_uri(paper_obj.get_absolute_url()),
        accessed=timezone.localdate(),
        names_shown=True,
    )
    return citation_formats.cite_box(
        work,
        bibtex_url=reverse("positions:paper_bibtex", args=args),
        ris_url=reverse("positions:paper_ris", args=args),
    )


@require_safe
def author(request: HttpRequest, slug: str) -> HttpResponse:
    author_obj = get_object_or_404(Author.objects.select_related("institute"), slug=slug)
    papers = list(
        Paper.objects.visible_to(request.user)
        .filter(authors=author_obj)
        .select_related("study", "chapter", "side")
        .order_by("study__title", "chapter__order", "chapter__number")
    )
    for paper_obj in papers:
        paper_obj.side.study = paper_obj.study
    translate_page(
        studies=[paper_obj.study for paper_obj in papers],
        sides=[paper_obj.side for paper_obj in papers],
        institutes=[author_obj.institute] if author_obj.institute else [],
    )
    return render(
        request, "positions/reading/author.html", {"author": author_obj, "papers": papers}
    )


@require_safe
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    """Every chapter, paper and point with the tag, the points with both sides' stances;
    runs five queries, and one more for the names in the reader's language."""
    tag_obj = get_object_or_404(Tag, slug=slug)
    visible_chapters = Chapter.objects.visible_to(request.user)
    chapters = visible_chapters.filter(tagged__tag=tag_obj).select_related("study")
    papers = (
        Paper.objects.visible_to(request.user)
        .filter(tagged__tag=tag_obj)
        .select_related("study", "chapter", "side")
    )
    points = (
        Point.objects.filter(tagged__tag=tag_obj, chapter__in=visible_chapters)
        .select_related("chapter__study")
        .order_by(
            "chapter__study__title",
            "chapter__study",
            "chapter__order",
            "chapter__number",
            "order",
            "pk",
        )
    )
    # The sides of the studies the points belong to: one query, also when there are none.
    sides = Side.objects.filter(study__in=points.values("chapter__study")).select_related(
        "institute"
    )
    point_list = list(points)
    chapter_list, paper_list, side_list = list(chapters), list(papers), list(sides)
    for paper_obj in paper_list:
        paper_obj.side.study = paper_obj.study
    translate_page(
        studies=[
            *(chapter_obj.study for chapter_obj in chapter_list),
            *(paper_obj.study for paper_obj in paper_list),
            *(point.chapter.study for point in point_list),
        ],
        sides=[*side_list, *(paper_obj.side for paper_obj in paper_list)],
        tags=[tag_obj],
        chapters=[*chapter_list, *(point.chapter for point in point_list)],
        points=point_list,
    )
    context = {
        "tag": tag_obj,
        "chapters": chapter_list,
        "papers": paper_list,
        "points": point_list,
        "comparisons": compare_by_study(point_list, side_list),
    }
    if not (context["chapters"] or context["papers"] or context["points"]):
        raise Http404("No published content carries this tag.")
    return render(request, "positions/reading/tag.html", context)


# How long a reader is asked to wait when the database does not answer (Retry-After).
RETRY_AFTER = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's 500 handler: a database that does not answer is an outage, not a bug,
    and gets 503 with Retry-After and a page that says to try again; anything else
    gets the 500 page. Both render without the database (no context processors)."""
    failure = sys.exc_info()[1]
    if isinstance(failure, OperationalError | InterfaceError):
        if request.path_info.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": "The site cannot reach its data just now. Try again shortly."},
                status=503,
            )
        else:
            context = {
                "retry_after": RETRY_AFTER,
                "saving": request.method not in {"GET", "HEAD"},
                "path": request.path,
            }
            response = HttpResponse(render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(render_to_string("500.html"))


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure makes the instance unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
