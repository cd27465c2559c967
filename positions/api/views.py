"""The API's endpoints: published content only, whoever asks.

The API never looks at who is signed in: drafts, unpublished chapters and their
points are in it for nobody, so that what it answers can be cached and shared. Each
endpoint runs a fixed number of queries however much it answers (a comment under its
docstring says how many; the docstring itself is shown in the API's documentation);
a list answers in pages of at most MAX_PAGE_SIZE.
"""

from collections import defaultdict
from math import ceil
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import ValidationError
from taggit.models import Tag

from positions.api import schemas
from positions.api.translations import translations_of, with_translations
from positions.models import (
    Agreement,
    Author,
    Chapter,
    Paper,
    PaperTranslation,
    Point,
    Side,
    Study,
    tags_by_object,
)
from positions.reading.public import public_authors, public_chapters, public_papers, public_tags
from positions.reading.views import authorships_with_authors, sides_with_institutes
from positions.web.context_processors import without_language

router = Router()

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
ERRORS = {404: schemas.Message, 422: schemas.Problems}
# What a slug or a language code may hold: ASCII letters, digits, "-" and "_", and any
# character beyond ASCII (tags' slugs keep the letters of every script). A request with
# anything else (a NUL byte, which PostgreSQL refuses in text) is answered 422 before it
# reaches the database. Spelled without \w, which means ASCII only to the schema's
# readers (JSON Schema's regular expressions are ECMAScript's) and every script here.
SLUG_CHARACTER = r"[^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"
SLUG = rf"^{SLUG_CHARACTER}+$"
# A filter may be given empty, as a form leaves it: no filter.
SLUG_OR_EMPTY = rf"^{SLUG_CHARACTER}*$"
# A side's slug is unique only in its study (two studies may both have "nids"), so a
# side filter without its study would mix the sides of several studies.
SIDE_NEEDS_STUDY = "Filtering by side needs the study too: add study=<the study's slug>."


class Page(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Which page, from 1.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="How many on a page.")


class PaperFilters(Page):
    study: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="Only this study's papers (its slug)."
    )
    chapter: int | None = Field(None, ge=1, le=32767, description="Only this chapter's (number).")
    side: str | None = Field(
        None,
        pattern=SLUG_OR_EMPTY,
        description=(
            "Only this side's papers (its slug). Needs study: a side's slug is unique "
            "only in its study; without study the answer is 422."
        ),
    )
    language: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="Only papers written in this language."
    )
    tag: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="Only papers with this tag (its slug)."
    )


class PointFilters(Page):
    study: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="Only this study's points (its slug)."
    )
    chapter: int | None = Field(None, ge=1, le=32767, description="Only this chapter's (number).")
    side: str | None = Field(
        None,
        pattern=SLUG_OR_EMPTY,
        description=(
            "Only points on which this side (its slug) states a stance. Needs study: a "
            "side's slug is unique only in its study; without study the answer is 422."
        ),
    )
    agreement: schemas.Agreement | None = Field(None, description="Only points of this agreement.")
    tag: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="Only points with this tag (its slug)."
    )


def refuse_side_without_study(filters: PaperFilters | PointFilters) -> None:
    """Answer 422, in the shape of the API's other parameter problems, to a side filter
    given without its study."""
    if filters.side and not filters.study:
        raise ValidationError(
            [{"type": "missing", "loc": ["query", "study"], "msg": SIDE_NEEDS_STUDY}]
        )


# Addresses


def page_url(request: HttpRequest, obj: Any) -> str:
    """The absolute address of an object's page on the site, without a language: it
    sends the visitor to the page in theirs."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(without_language(obj.get_absolute_url()))


def tag_page_url(request: HttpRequest, slug: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("positions:tag", args=[slug])
    return request.build_absolute_uri(without_language(path))


def api_url(request: HttpRequest, name: str, *args: Any) -> str:
    return request.build_absolute_uri(reverse(f"api:{name}", args=args))


def paginate(request: HttpRequest, items: QuerySet, page: Page) -> tuple[dict, list]:
    """The facts of one page of `items`, and its rows: two queries."""
    count = items.count()
    pages = max(1, ceil(count / page.page_size))
    if page.page > pages:
        raise Http404("There is no such page.")
    start = (page.page - 1) * page.page_size
    rows = list(items[start : start + page.page_size])

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    facts = {
        "count": count,
        "page": page.page,
        "pages": pages,
        "next": link(page.page + 1) if page.page < pages else None,
        "previous": link(page.page - 1) if page.page > 1 else None,
    }
    return facts, rows


# What each kind of object answers


def institute_data(request: HttpRequest, institute: Any) -> dict | None:
    if institute is None:
        return None
    return {
        "name": institute.name,
        "abbreviation": institute.abbreviation,
        "country": institute.country,
        "language": institute.language,
        "translations": translations_of(
            request, "institute", institute.pk, institute.name, institute.abbreviation
        ),
    }


def side_data(request: HttpRequest, side: Side) -> dict:
    return {
        "position": side.position,
        "slug": side.slug,
        "label": side.label,
        "language": side.language,
        "institute": institute_data(request, side.institute),
        "translations": translations_of(request, "side", side.pk, side.label),
    }


def tag_data(request: HttpRequest, tag: Tag) -> dict:
    # A chapter's hundreds of points share a few tags: each is worked out once.
    known = request.__dict__.setdefault("_api_tags", {})
    if tag.pk not in known:
        known[tag.pk] = {
            "slug": tag.slug,
            "name": tag.name,
            "translations": translations_of(request, "tag", tag.pk, tag.name),
            "url": tag_page_url(request, tag.slug),
            "api_url": api_url(request, "tag", tag.slug),
        }
    return known[tag.pk]


def chapter_page_url(request: HttpRequest, chapter: Chapter) -> str:
    """As page_url, worked out once per chapter: its points' addresses start with it."""
    known = request.__dict__.setdefault("_api_chapters", {})
    if chapter.pk not in known:
        known[chapter.pk] = page_url(request, chapter)
    return known[chapter.pk]


def author_data(request: HttpRequest, author: Author, *, full: bool = False) -> dict:
    data: dict[str, object] = {
        "slug": author.slug,
        "name": author.name,
        "name_original": author.name_original,
        "name_language": author.name_language,
        "family_name": author.family_name,
        "family_name_original": author.family_name_original,
        "url": page_url(request, author),
        "api_url": api_url(request, "author", author.slug),
    }
    if full:
        data["institute"] = institute_data(request, author.institute)
        data["biography"] = author.biography
    return data


def notice_data(study: Study) -> dict:
    """Whether the text is a demonstration, and the study's notice, on every answer
    that holds a study's text (schemas.Notice)."""
    return {"demonstration": study.demonstration, "notice": study.notice_shown}


def study_data(request: HttpRequest, study: Study, chapter_count: int) -> dict:
    return {
        "slug": study.slug,
        "title": study.title,
        "period": study.period,
        "published_on": study.published_on,
        "dates_precision": study.dates_precision,
        "language": study.language,
        **notice_data(study),
        "sides": [side_data(request, side) for side in study.sides.all()],
        "translations": translations_of(
            request, "study", study.pk, study.title, study.introduction
        ),
        "chapter_count": chapter_count,
        "url": page_url(request, study),
        "api_url": api_url(request, "study", study.slug),
    }


def chapter_data(request: HttpRequest, chapter: Chapter, counts: dict[str, int]) -> dict:
    return {
        "study": chapter.study.slug,
        "number": chapter.number,
        "title": chapter.title,
        "summary": chapter.summary,
        "published_on": chapter.published_on,
        **notice_data(chapter.study),
        "agreement": {kind: counts.get(kind, 0) for kind in Agreement.values},
        "url": chapter_page_url(request, chapter),
        "api_url": api_url(request, "chapter", chapter.study.slug, chapter.number),
    }


def paper_data(request: HttpRequest, paper: Paper, tags: list[Tag]) -> dict:
    return {
        "study": paper.study.slug,
        "chapter": paper.chapter.number,
        "side": paper.side.slug,
        "title": paper.title,
        "language": paper.text_language,
        "abstract": paper.abstract,
        "authors": [author_data(request, author) for author in paper.author_list()],
        "published_on": paper.published_on,
        **notice_data(paper.study),
        "tags": [tag_data(request, tag) for tag in tags],
        "translated_into": translations_of(request, "paper", paper.pk),
        "url": page_url(request, paper),
        "api_url": api_url(
            request, "paper", paper.study.slug, paper.chapter.number, paper.side.slug
        ),
    }


def paper_translation_data(request: HttpRequest, text: PaperTranslation) -> dict:
    return {
        "language": text.language,
        "title": text.title,
        "abstract": text.abstract,
        "body": text.body,
        "body_html": text.body_html,
        "current": text.is_current,
        "translated_from": text.source_date,
        "url": f"{page_url(request, text.paper)}?text={text.language}",
    }


def point_data(
    request: HttpRequest, point: Point, sides: dict[tuple[int, int], Side], tags: list[Tag]
) -> dict:
    study = point.chapter.study

    def stance(position: int, text: str, passage: str) -> dict:
        side = sides[(study.pk, position)]
        return {"side": side.slug, "label": side.label, "stance": text, "passage": passage}

    return {
        "study": study.slug,
        "chapter": point.chapter.number,
        "slug": point.slug,
        "question": point.question,
        "agreement": point.agreement,
        **notice_data(study),
        "first": stance(1, point.first_stance, point.first_passage),
        "second": stance(2, point.second_stance, point.second_passage),
        "tags": [tag_data(request, tag) for tag in tags],
        "translations": translations_of(request, "point", point.pk),
        "url": f"{chapter_page_url(request, point.chapter)}#{point.anchor}",
    }


# Querysets, each with what its objects answer


def papers_for_list() -> QuerySet[Paper]:
    """Public papers with what they answer (the languages of their translations come
    with the names', `with_translations`)."""
    return (
        public_papers()
        .select_related("study", "chapter", "side")
        .prefetch_related(authorships_with_authors())
        .order_by(
            "study__title", "study__pk", "chapter__order", "chapter__number", "side__position"
        )
    )


def points_for_list() -> QuerySet[Point]:
    return (
        Point.objects.filter(chapter__in=public_chapters())
        .select_related("chapter__study")
        .order_by(
            "chapter__study__title",
            "chapter__study__pk",
            "chapter__order",
            "chapter__number",
            "order",
            "pk",
        )
    )


# The tags of the papers and points answered, from tags_by_object: one query for all.
type TagsByObject = dict[tuple[str, int], list[Tag]]


def paper_list(request: HttpRequest, papers: list[Paper], tags: TagsByObject) -> list[dict]:
    """Runs no query of its own."""
    return [paper_data(request, paper, tags.get(("paper", paper.pk), [])) for paper in papers]


def point_list(request: HttpRequest, points: list[Point], tags: TagsByObject) -> list[dict]:
    """Runs one query, for the sides of their studies (none for no points)."""
    if not points:
        return []
    studies = {point.chapter.study_id for point in points}
    sides = {
        (side.study_id, side.position): side for side in Side.objects.filter(study__in=studies)
    }
    return [
        point_data(request, point, sides, tags.get(("point", point.pk), [])) for point in points
    ]


# Endpoints


@router.get(
    "/studies/", response={200: schemas.StudyPage, **ERRORS}, url_name="studies", tags=["studies"]
)
def studies(request: HttpRequest, page: Query[Page]):
    """The studies, by title."""
    # Runs four queries: the count, the studies, their sides and the translations.
    published = Count("chapters", filter=Q(chapters__in=public_chapters()))
    items = Study.objects.annotate(published_chapters=published).prefetch_related(
        sides_with_institutes()
    )
    facts, rows = paginate(request, items.order_by("title", "pk"), page)
    results = [study_data(request, study, study.published_chapters) for study in rows]
    return with_translations(request, {**facts, "results": results})


@router.get(
    "/studies/{slug}/", response={200: schemas.Study, **ERRORS}, url_name="study", tags=["studies"]
)
def study(request: HttpRequest, slug: str = Path(..., pattern=SLUG, examples=["asia-pacific"])):
    """A study with its sides and its published chapters."""
    # Runs four queries: the study, its sides, its chapters and the translations.
    study_obj = get_object_or_404(
        Study.objects.prefetch_related(sides_with_institutes()), slug=slug
    )
    chapters = list(public_chapters().filter(study=study_obj).with_agreement_counts())
    data = study_data(request, study_obj, len(chapters))
    data["introduction"] = study_obj.introduction
    data["introduction_html"] = study_obj.introduction_html
    data["chapters"] = []
    for chapter in chapters:
        chapter.study = study_obj
        counts = {kind: getattr(chapter, f"{kind}_count") for kind in Agreement.values}
        data["chapters"].append(chapter_data(request, chapter, counts))
    return with_translations(request, data)


@router.get(
    "/studies/{slug}/chapters/{number}/",
    response={200: schemas.Chapter, **ERRORS},
    url_name="chapter",
    tags=["studies"],
)
def chapter(
    request: HttpRequest,
    slug: str = Path(..., pattern=SLUG, examples=["asia-pacific"]),
    number: int = Path(..., ge=1, le=32767, examples=[1]),
):
    """A published chapter with both papers and all its points."""
    # Runs seven queries: the chapter, its papers, their authors, its points, their
    # sides, the tags and the translations (none for what the chapter lacks).
    chapter_obj = get_object_or_404(
        public_chapters().select_related("study"), study__slug=slug, number=number
    )
    papers = list(papers_for_list().filter(chapter=chapter_obj))
    points = list(points_for_list().filter(chapter=chapter_obj))
    tags = tags_by_object(chapters=[chapter_obj], papers=papers, points=points)
    counts: defaultdict[str, int] = defaultdict(int)
    for point in points:
        counts[point.agreement] += 1
    data = chapter_data(request, chapter_obj, counts)
    data["tags"] = [tag_data(request, tag) for tag in tags.get(("chapter", chapter_obj.pk), [])]
    data["translations"] = translations_of(
        request, "chapter", chapter_obj.pk, chapter_obj.title, chapter_obj.summary
    )
    data["papers"] = paper_list(request, papers, tags)
    data["points"] = point_list(request, points, tags)
    return with_translations(request, data)


@router.get(
    "/studies/{slug}/chapters/{number}/papers/{side}/",
    response={200: schemas.Paper, **ERRORS},
    url_name="paper",
    tags=["papers"],
)
def paper(
    request: HttpRequest,
    slug: str = Path(..., pattern=SLUG, examples=["asia-pacific"]),
    number: int = Path(..., ge=1, le=32767, examples=[1]),
    side: str = Path(..., pattern=SLUG, examples=["nids"]),
):
    """A published paper, its text in Markdown and in HTML, and its translations."""
    # Runs five queries: the paper, its authors, its translations, its tags and the
    # other translations.
    translations = PaperTranslation.objects.order_by("language")
    papers = papers_for_list().prefetch_related(Prefetch("translations", queryset=translations))
    paper_obj = get_object_or_404(papers, study__slug=slug, chapter__number=number, side__slug=side)
    tags = tags_by_object(papers=[paper_obj])
    data = paper_data(request, paper_obj, tags.get(("paper", paper_obj.pk), []))
    data["body"] = paper_obj.body
    data["body_html"] = paper_obj.body_html
    data["translations"] = [
        paper_translation_data(request, text) for text in paper_obj.translations.all()
    ]
    return with_translations(request, data)


@router.get(
    "/papers/", response={200: schemas.PaperPage, **ERRORS}, url_name="papers", tags=["papers"]
)
def papers(request: HttpRequest, filters: Query[PaperFilters]):
    """Published papers, by study, chapter and side."""
    # Runs five queries: the count, the papers, their authors, their tags and the
    # translations.
    refuse_side_without_study(filters)
    items = papers_for_list()
    if filters.study:
        items = items.filter(study__slug=filters.study)
    if filters.chapter:
        items = items.filter(chapter__number=filters.chapter)
    if filters.side:
        items = items.filter(side__slug=filters.side)
    if filters.language:
        items = items.filter(
            Q(language=filters.language) | Q(language="", side__language=filters.language)
        )
    if filters.tag:
        items = items.filter(tags__slug=filters.tag)
    facts, rows = paginate(request, items, filters)
    results = paper_list(request, rows, tags_by_object(papers=rows))
    return with_translations(request, {**facts, "results": results})


@router.get(
    "/points/", response={200: schemas.PointPage, **ERRORS}, url_name="points", tags=["points"]
)
def points(request: HttpRequest, filters: Query[PointFilters]):
    """The points of published chapters, in reading order."""
    # Runs five queries: the count, the points, their sides, their tags and the
    # translations.
    refuse_side_without_study(filters)
    items = points_for_list()
    if filters.study:
        items = items.filter(chapter__study__slug=filters.study)
    if filters.chapter:
        items = items.filter(chapter__number=filters.chapter)
    if filters.agreement:
        items = items.filter(agreement=filters.agreement)
    if filters.tag:
        items = items.filter(tags__slug=filters.tag)
    if filters.side:
        states = [
            Exists(
                Side.objects.filter(
                    study=OuterRef("chapter__study"), slug=filters.side, position=position
                )
            )
            & ~Q(**{f"{name}_stance": ""})
            for position, name in [(1, "first"), (2, "second")]
        ]
        items = items.filter(states[0] | states[1])
    facts, rows = paginate(request, items, filters)
    results = point_list(request, rows, tags_by_object(points=rows))
    return with_translations(request, {**facts, "results": results})


@router.get(
    "/authors/", response={200: schemas.AuthorPage, **ERRORS}, url_name="authors", tags=["authors"]
)
def authors(request: HttpRequest, page: Query[Page]):
    """The authors of published papers, by name."""
    # Runs three queries: the count, the authors and the translations.
    items = public_authors().select_related("institute").order_by("name", "pk")
    facts, rows = paginate(request, items, page)
    return with_translations(
        request, {**facts, "results": [author_data(request, author, full=True) for author in rows]}
    )


@router.get(
    "/authors/{slug}/",
    response={200: schemas.AuthorWithPapers, **ERRORS},
    url_name="author",
    tags=["authors"],
)
def author(request: HttpRequest, slug: str = Path(..., pattern=SLUG, examples=["hanako-sato"])):
    """An author of published papers, and those papers."""
    # Runs five queries: the author, the papers, their authors, their tags and the
    # translations.
    author_obj = get_object_or_404(public_authors().select_related("institute"), slug=slug)
    data = author_data(request, author_obj, full=True)
    papers = list(papers_for_list().filter(authors=author_obj))
    data["papers"] = paper_list(request, papers, tags_by_object(papers=papers))
    return with_translations(request, data)


@router.get("/tags/", response={200: schemas.TagPage, **ERRORS}, url_name="tags", tags=["tags"])
def tags(request: HttpRequest, page: Query[Page]):
    """The tags of published chapters, papers and points, by name."""
    # Runs three queries: the count, the tags and the translations.
    facts, rows = paginate(request, public_tags().order_by("name", "pk"), page)
    return with_translations(
        request, {**facts, "results": [tag_data(request, tag) for tag in rows]}
    )


@router.get(
    "/tags/{slug}/", response={200: schemas.TagWithContent, **ERRORS}, url_name="tag", tags=["tags"]
)
def tag(request: HttpRequest, slug: str = Path(..., pattern=SLUG, examples=["north-korea"])):
    """A tag with the published papers and the points that carry it, across studies."""
    # Runs seven queries: the tag, the papers, their authors, the points, their sides,
    # the tags and the translations (none for what the tag lacks).
    tag_obj = get_object_or_404(public_tags(), slug=slug)
    data = tag_data(request, tag_obj)
    papers = list(papers_for_list().filter(tags=tag_obj))
    points = list(points_for_list().filter(tags=tag_obj))
    tags = tags_by_object(papers=papers, points=points)
    data["papers"] = paper_list(request, papers, tags)
    data["points"] = point_list(request, points, tags)
    return with_translations(request, data)
