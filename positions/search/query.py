"""The search: what a person may find for a query, ranked, filtered, highlighted."""

import functools
import operator
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from positions import roles
from positions.markdown import passage_id
from positions.models import (
    ChapterTag,
    ChapterTranslation,
    Paper,
    PaperTag,
    PaperTranslation,
    PointTag,
    PointTranslation,
    SearchEntry,
    Side,
    Study,
)
from positions.search.language import SIMPLE, config_for, needs_segmenting, segmented, words

Kind = SearchEntry.Kind
# Longer queries are cut, and the reader told so.
MAX_QUERY = 200
# Markers of a match in PostgreSQL's headlines, replaced by <mark> once escaped.
START, STOP = "\u2e22", "\u2e23"
HEADLINE_OPTIONS = {
    "start_sel": START,
    "stop_sel": STOP,
    "max_words": 35,
    "min_words": 15,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}


def full_text() -> bool:
    """Whether search understands grammar here (PostgreSQL) or matches letters (SQLite)."""
    return connection.vendor == "postgresql"


def clean(query: str) -> tuple[str, bool]:
    """Return the query without control characters and spare spaces, cut to
    MAX_QUERY characters, and whether it was cut."""
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in query)
    text = " ".join(text.split())
    return text[:MAX_QUERY], len(text) > MAX_QUERY


@dataclass
class Filters:
    study: str = ""
    side: str = ""
    chapter: int | None = None
    language: str = ""
    tag: str = ""
    agreement: str = ""
    kind: str = ""

    def apply(self, entries: QuerySet) -> QuerySet:
        if self.study:
            entries = entries.filter(study__slug=self.study)
        if self.side:
            entries = entries.filter(side__slug=self.side)
        if self.chapter is not None:
            entries = entries.filter(chapter__number=self.chapter)
        if self.language:
            entries = entries.filter(language=self.language)
        if self.agreement:
            entries = entries.filter(agreement=self.agreement)
        if self.kind:
            entries = entries.filter(kind=self.kind)
        if self.tag:
            entries = entries.filter(
                Exists(
                    ChapterTag.objects.filter(
                        content_object=OuterRef("chapter"), tag__slug=self.tag
                    )
                )
                & Q(kind=Kind.CHAPTER)
                | Exists(
                    PaperTag.objects.filter(content_object=OuterRef("paper"), tag__slug=self.tag)
                )
                & Q(kind__in=[Kind.PAPER, Kind.PASSAGE])
                | Exists(
                    PointTag.objects.filter(content_object=OuterRef("point"), tag__slug=self.tag)
                )
                & Q(kind=Kind.POINT)
            )
        return entries


def visible_to(user: Any) -> QuerySet:
    entries = SearchEntry.objects.all()
    if roles.is_superuser(user):
        return entries
    if user.is_authenticated and user.is_active:
        return entries.filter(Q(published=True) | roles.draft_readers_filter(user))
    return entries.filter(published=True)


def configs_in_use() -> set[str]:
    """Return the configurations of the languages texts are written in (one query over
    the studies, sides, papers and translations): the search asks only those."""
    languages = (
        Study.objects.order_by()
        .values_list("language")
        .union(
            Side.objects.order_by().values_list("language"),
            Paper.objects.exclude(language="").order_by().values_list("language"),
            PaperTranslation.objects.order_by().values_list("language"),
            ChapterTranslation.objects.order_by().values_list("language"),
            PointTranslation.objects.order_by().values_list("language"),
        )
        .order_by("language")
    )
    return {config_for(language) for (language,) in languages} - {SIMPLE}


# Beyond this many matches the count says "more than"; pages stop there too. Counting
# every match of a common word would cost more than the page itself.
COUNT_LIMIT = 1000


class Matches:
    """The entries matching a query, best first, as a Paginator pages them.

    Ranking needs only the entries' own table; the page's 20 rows are read afterwards
    with what they link to and their highlighted passage. So a page runs three
    queries however many entries match: the count (stopping at COUNT_LIMIT), the ids of
    the page in order, and its rows.
    """

    def __init__(self, ranked: QuerySet, headline: Any) -> None:
        self.ranked = ranked
        self.headline = headline

    def count(self) -> int:
        # Unordered: counting needs no ranking, and stops at the limit.
        return self.ranked.order_by().values("pk")[: COUNT_LIMIT + 1].count()

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        ids = list(self.ranked.values_list("pk", flat=True)[window])
        rows = (
            SearchEntry.objects.filter(pk__in=ids)
            .select_related("study", "chapter", "side", "point", "author")
            .defer(
                "index_title",
                "index_text",
                "vector",
                "study__introduction",
                "study__introduction_html",
            )
            .annotate(headline=self.headline)
        )
        by_id = {row.pk: row for row in rows}
        return [by_id[pk] for pk in ids if pk in by_id]


def search(query: str, user: Any, filters: Filters) -> Matches:
    """Return the entries matching `query` that `user` may see, best first.

    On PostgreSQL each entry is matched in its own language's configuration: the
    query is stemmed as English for English texts, as Russian for Russian ones, and
    segmented into words for Japanese; they are ranked by PostgreSQL's ts_rank, and
    each carries `headline`, its passage with the matches marked (for the languages
    PostgreSQL stems). One query finds the languages in use; see Matches for the rest.
    """
    entries = filters.apply(visible_to(user))
    if not full_text():
        condition = Q()
        for word in query.split():
            condition &= Q(title__icontains=word) | Q(text__icontains=word)
        return Matches(entries.filter(condition).order_by("kind", "title", "pk"), Value(""))

    simple_query = segmented(query) if needs_segmenting(query) else query
    queries = {
        config: SearchQuery(query, config=config, search_type="websearch")
        for config in configs_in_use()
    }
    queries[SIMPLE] = SearchQuery(simple_query, config=SIMPLE, search_type="websearch")
    condition = Q(pk__in=[])
    rank_cases, headline_cases = [], []
    for config, search_query in queries.items():
        condition |= Q(config=config, vector=search_query)
        rank_cases.append(When(config=config, then=SearchRank(F("vector"), search_query)))
        if config != SIMPLE:
            headline_cases.append(
                When(
                    config=config,
                    then=SearchHeadline("text", search_query, config=config, **HEADLINE_OPTIONS),
                )
            )
    # One index condition for all the languages' queries together (the GIN index
    # serves it), then each entry held to its own language's query.
    combined = functools.reduce(operator.or_, queries.values())
    ranked = (
        entries.filter(vector=combined)
        .filter(condition)
        .annotate(rank=Case(*rank_cases, default=Value(0.0), output_field=FloatField()))
        .order_by("-rank", "kind", "pk")
    )
    return Matches(ranked, Case(*headline_cases, default=Value(""), output_field=TextField()))


@dataclass
class Result:
    entry: SearchEntry
    url: str
    excerpt: SafeString


def results(entries: list[SearchEntry], query: str) -> list[Result]:
    """Describe a page of entries: where each leads and its passage with the matches marked."""
    return [Result(entry, _url(entry), _excerpt(entry, query)) for entry in entries]


def _url(entry: SearchEntry) -> str:
    if entry.kind == Kind.AUTHOR:
        return entry.author.get_absolute_url()
    chapter_url = reverse("positions:chapter", args=[entry.study.slug, entry.chapter.number])
    if entry.language != entry.study.language:
        # A translation of the theme or point: the chapter page in that language.
        chapter_url += f"?text={entry.language}"
    if entry.kind == Kind.CHAPTER:
        return chapter_url
    if entry.kind == Kind.POINT:
        return f"{chapter_url}#{entry.point.anchor}"
    paper_url = reverse(
        "positions:paper", args=[entry.study.slug, entry.chapter.number, entry.side.slug]
    )
    if entry.translation_id:
        # The translation, in the original's place on the paper's page.
        paper_url += f"?text={entry.language}"
    if entry.kind == Kind.PASSAGE:
        return f"{paper_url}#{passage_id(entry.side.slug, entry.passage)}"
    return paper_url


def _excerpt(entry: SearchEntry, query: str) -> SafeString:
    headline = getattr(entry, "headline", "")
    if headline and START in headline:
        marked = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
        return mark_safe(marked)
    return _marked_in_python(entry.text or entry.title, query)


EXCERPT = 240


def _marked_in_python(text: str, query: str) -> SafeString:
    """Mark the query's words in `text` and keep the part around the first: for
    Japanese (segmented here as it was for the index) and for SQLite."""
    if not text:
        return mark_safe("")
    spans: list[tuple[int, int]] = []
    if needs_segmenting(query) or needs_segmenting(text):
        wanted = {normalized for _surface, normalized in words(query)} | set(query.lower().split())
        position = 0
        for surface, normalized in words(text):
            start = text.find(surface, position)
            if start < 0:
                continue
            position = start + len(surface)
            if normalized in wanted or surface.lower() in wanted:
                spans.append((start, position))
    else:
        for word in query.split():
            # From the start of a word: "alliance" marks "alliances", not "dalliance".
            pattern = rf"(?<!\w){re.escape(word)}"
            spans += [match.span() for match in re.finditer(pattern, text, re.IGNORECASE)]
        spans.sort()
    first = spans[0][0] if spans else 0
    start = max(0, first - EXCERPT // 3)
    stop = min(len(text), start + EXCERPT)
    pieces, cursor = [], start
    for span_start, span_stop in spans:
        if span_start < cursor or span_stop > stop:
            continue
        pieces += [
            escape(text[cursor:span_start]),
            "<mark>",
            escape(text[span_start:span_stop]),
            "</mark>",
        ]
        cursor = span_stop
    pieces.append(escape(text[cursor:stop]))
    excerpt = "".join(str(piece) for piece in pieces)
    return mark_safe(("… " if start else "") + excerpt + (" …" if stop < len(text) else ""))
