"""The search: what a person may find for a query, ranked, filtered, highlighted."""

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Lower
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from positions import roles
from positions.models import (
    ChapterTag,
    PaperTag,
    PointTag,
    SearchEntry,
)
from positions.models.search import SearchEntryWords
from positions.search.syntax import Query
from positions.text.markdown import passage_id
from positions.text.words import CONFIGS, SIMPLE, Folded, needs_segmenting, word_spans

Kind = SearchEntry.Kind
# The configuration whose texts are searched in either spelling (see `spelling`).
ENGLISH = CONFIGS["en"]
_ENTRY = SearchEntry._meta.db_table
# Longer queries are cut, and the reader told so.
MAX_QUERY = 200
# Markers of a match in PostgreSQL's headlines, replaced by <mark> once escaped.
START, STOP = "\u2e22", "\u2e23"
# ts_headline's options, written once: Django's SearchHeadline writes them anew for
# each language at each search, opening a database cursor for each option.
HEADLINE_OPTIONS = (
    f'StartSel="{START}", StopSel="{STOP}", MaxWords=35, MinWords=15, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def full_text() -> bool:
    """Whether search understands grammar here (PostgreSQL) or matches letters (SQLite)."""
    return connection.vendor == "postgresql"


def clean(query: str) -> tuple[str, bool]:
    """Return the query without control characters and spare spaces, cut to
    MAX_QUERY characters, and whether it was cut.

    A cut falls between words where the words are spaced: "alliance alliance …" cut
    inside a word would search for "allia"."""
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in query)
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY:
        return text, False
    cut = text[:MAX_QUERY]
    if text[MAX_QUERY] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut, True


def has_control_characters(query: str) -> bool:
    """Whether the query has control characters other than spacing (a NUL, an escape):
    `clean` drops them, and the page says so."""
    return any(unicodedata.category(char) == "Cc" and not char.isspace() for char in query)


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
    """Return the configurations the entries are written in: the search asks only those.

    One query, one probe of the index on `config` per configuration however many
    entries there are: PostgreSQL has no skip scan, so each probe asks for the next
    configuration after the last one found.
    """
    with connection.cursor() as cursor:
        cursor.execute(_CONFIGS_IN_USE)
        return {config for (config,) in cursor.fetchall()} - {SIMPLE}


_CONFIGS_IN_USE = f"""
    WITH RECURSIVE configs (config) AS (
        SELECT min(config) FROM "{_ENTRY}"
        UNION ALL
        SELECT (SELECT min(config) FROM "{_ENTRY}" WHERE config > configs.config)
        FROM configs WHERE configs.config IS NOT NULL
    )
    SELECT config FROM configs WHERE config IS NOT NULL
"""


# Beyond this many matches the count says "more than"; pages stop there too.
COUNT_LIMIT = 1000


# The fields a page of results reads: another would cost a query per result (the
# tests count the queries).
SHOWN = (
    "kind",
    "language",
    "title",
    "text",
    "passage",
    "published",
    "translation",
    "study__slug",
    "study__title",
    "study__language",
    "chapter__number",
    "side__slug",
    "side__label",
    "point__slug",
    "author__slug",
)


class Matches:
    """The entries matching a query, best first, as a Paginator pages them.

    A page runs two queries however many entries match. Ranking must read every match,
    so the first query keeps the ids of the best COUNT_LIMIT + 1 rather than a page's
    20: their number is the count, and every page's ids are among them (a separate
    count read the matches a second time). The second reads the page's rows, with what
    they link to and their highlighted passage.
    """

    def __init__(self, ranked: QuerySet, headline: Any) -> None:
        self.ranked = ranked
        self.headline = headline

    @functools.cached_property
    def ids(self) -> list[int]:
        return list(self.ranked.values_list("pk", flat=True)[: COUNT_LIMIT + 1])

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        ids = self.ids[window]
        rows = (
            SearchEntry.objects.filter(pk__in=ids)
            .select_related("study", "chapter", "side", "point", "author")
            # What a result shows and links to (results(), the template): reading every
            # field of six models took longer to compile and load than the query ran.
            .only(*SHOWN)
            .annotate(
                headline=self.headline,
                # A subquery rather than a sixth join, which doubled the time
                # PostgreSQL took to plan the query.
                spans=Subquery(
                    SearchEntryWords.objects.filter(entry=OuterRef("pk")).values("spans")
                ),
            )
        )
        by_id = {row.pk: row for row in rows}
        return [by_id[pk] for pk in ids if pk in by_id]


def search(query: Query, user: Any, filters: Filters) -> Matches:
    """Return the entries matching `query` (see `syntax.parse`) that `user` may see,
    best first.

    On PostgreSQL each entry is matched in its own language's configuration: the
    query is stemmed as English for English texts, as Russian for Russian ones, and
    segmented into words for Japanese; they are ranked by PostgreSQL's ts_rank, and
    each carries `headline`, its passage with the matches marked (for the languages
    PostgreSQL stems). One query finds the languages in use; see Matches for the rest.

    English texts are searched in either spelling, British or American (see
    `spelling`), and a Japanese compound's words are found anywhere in a text but
    rank first where they stand together and in order (Query.preferred).

    A passage must have one of the wanted words in its own text. Its paper's title is
    among its words, so that the query's other words are found with it, but counts for
    nothing in its rank; alone, it would only repeat the paper's own entry.
    """
    entries = filters.apply(visible_to(user))
    if not query.wanted:
        # Only words left out: nothing asked for (the page says so).
        return Matches(entries.none(), Value(""))
    if not full_text():
        return Matches(_plain(entries, query).order_by("kind", "title", "pk"), Value(""))

    # The query as each configuration in use reads it: Japanese, and the languages
    # PostgreSQL does not stem ("simple"), read it segmented into words; English in
    # either spelling, British or American (see `spelling`).
    readings = {
        config: (
            query.websearch(segment=False, spelled=config == ENGLISH),
            query.any_wanted_word(segment=False, spelled=config == ENGLISH),
        )
        for config in configs_in_use()
    }
    readings[SIMPLE] = (query.websearch(segment=True), query.any_wanted_word(segment=True))
    ranked = entries.filter(_matching(readings)).annotate(
        rank=_rank(readings, preferred=query.preferred)
    )
    stemmed = {config: text for config, (text, _) in readings.items() if config != SIMPLE}
    return Matches(ranked.order_by("-rank", "kind", "pk"), _headline(stemmed))


def _plain(entries: QuerySet, query: Query) -> QuerySet:
    """The entries whose folded title and text have the query's words, as written (the
    search without PostgreSQL)."""
    if connection.vendor == "postgresql":
        # Only tests run the plain search on PostgreSQL (CI's database), and there the
        # entries keep no folded copy (see SearchEntry.folded): folded in the query,
        # near enough for them.
        written = Concat("title", Value("\n"), "text", output_field=TextField())
        copy: Func | F = Lower(Func(written, template="normalize(%(expressions)s, NFKC)"))
    else:
        copy = F("folded")
    condition = Q(pk__in=[])
    for terms in query.alternatives:
        all_of = Q()
        for term in terms:
            # In either spelling, British or American, in texts of any language: the
            # plain search does not know the text's grammar.
            found = Q()
            for variant in term.spelled():
                found |= Q(copy__contains=" ".join(variant.words))
            all_of &= ~found if term.excluded else found
        condition |= all_of
    return entries.alias(copy=copy).filter(condition)


# The SQL of a search on PostgreSQL, one part for each configuration in use. Written as
# SQL rather than assembled from Django's SearchQuery, SearchRank and Case: the same
# statements, which Django took longer to assemble than PostgreSQL took to plan them.
_QUERY = "websearch_to_tsquery(%s::regconfig, %s)"
# Each part is answered by its configuration's GIN index alone (migration 0016); a
# passage's own words are checked in the rows it finds.
_MATCHES = (
    f'("{_ENTRY}".config = %s AND "{_ENTRY}".vector @@ {_QUERY} AND '
    f"(\"{_ENTRY}\".kind <> '{Kind.PASSAGE.value}' "
    f'OR "{_ENTRY}".vector @@ to_tsquery(%s::regconfig, %s)))'
)
# ts_rank's weights of D, C, B and A (see index): its own defaults, but none for a
# passage's paper's title, so that a passage with only some of the query's words in its
# own text ranks below every entry with all of them in its own.
_RANK = (
    f'WHEN "{_ENTRY}".config = %s '
    f"THEN ts_rank('{{0, 0.2, 0.4, 1.0}}', \"{_ENTRY}\".vector, {_QUERY})"
)
# ts_rank gives at most 1 (its greatest weight): an entry that also matches the
# preferred reading ranks above every one that does not.
_RANK_PREFERRED = _RANK + f' + CASE WHEN "{_ENTRY}".vector @@ {_QUERY} THEN 10 ELSE 0 END'
_HEADLINE = (
    f'WHEN "{_ENTRY}".config = %s THEN ts_headline(%s::regconfig, "{_ENTRY}".text, {_QUERY}, %s)'
)


def _matching(readings: dict[str, tuple[str, str]]) -> RawSQL:
    """Hold each entry to its own configuration's reading of the query."""
    sql = " OR ".join([_MATCHES] * len(readings))
    params = [
        param
        for config, (text, own_words) in readings.items()
        for param in (config, config, text, config, own_words)
    ]
    return RawSQL(f"({sql})", params, output_field=BooleanField())


def _rank(readings: dict[str, tuple[str, str]], *, preferred: str = "") -> RawSQL:
    """Rank each entry in its configuration's reading; `preferred`: a reading of the
    query, segmented, that ranks the entries it matches first (see Query.preferred)."""
    parts, params = [], []
    for config, (text, _own_words) in readings.items():
        if config == SIMPLE and preferred:
            parts.append(_RANK_PREFERRED)
            params += [config, config, text, config, preferred]
        else:
            parts.append(_RANK)
            params += [config, config, text]
    return RawSQL(f"CASE {' '.join(parts)} ELSE 0 END", params, output_field=FloatField())


def _headline(readings: dict[str, str]) -> RawSQL | Value:
    """The entry's text with the query's words marked, for the configurations given."""
    if not readings:
        return Value("")
    sql = " ".join([_HEADLINE] * len(readings))
    params = [
        param
        for config, text in readings.items()
        for param in (config, config, config, text, HEADLINE_OPTIONS)
    ]
    return RawSQL(f"CASE {sql} ELSE '' END", params, output_field=TextField())


@dataclass
class Result:
    entry: SearchEntry
    url: str
    excerpt: SafeString


def results(entries: list[SearchEntry], query: Query) -> list[Result]:
    """Describe a page of entries: where each leads and its passage with the matches marked."""
    marker = _Marker(query)
    return [Result(entry, _url(entry), marker.excerpt(entry)) for entry in entries]


def _url(entry: SearchEntry) -> str:
    if entry.kind == Kind.AUTHOR:
        assert entry.author is not None  # an author's entry is about the author
        return entry.author.get_absolute_url()
    study, chapter = entry.study, entry.chapter
    assert study is not None and chapter is not None  # every other entry is in a chapter
    chapter_url = reverse("positions:chapter", args=[study.slug, chapter.number])
    if entry.language != study.language:
        # A translation of the theme or point: the chapter page in that language.
        chapter_url += f"?text={entry.language}"
    if entry.kind == Kind.CHAPTER:
        return chapter_url
    if entry.kind == Kind.POINT:
        assert entry.point is not None
        return f"{chapter_url}#{entry.point.anchor}"
    side = entry.side
    assert side is not None  # the rest are a paper's
    paper_url = reverse("positions:paper", args=[study.slug, chapter.number, side.slug])
    if entry.translation_id:
        # The translation, in the original's place on the paper's page.
        paper_url += f"?text={entry.language}"
    if entry.kind == Kind.PASSAGE:
        return f"{paper_url}#{passage_id(side.slug, entry.passage)}"
    return paper_url


EXCERPT = 240


class _Marker:
    """Marks a query's wanted words (not those it leaves out) in the texts of a page of
    entries.

    PostgreSQL marks the languages it stems (each entry's `headline`); the others are
    marked here: Japanese, segmented as it was for the index, and everything on SQLite,
    and what PostgreSQL did not mark because it was written in another form (ＳＣＯ for
    SCO). Texts are compared folded, and marked as written.
    """

    def __init__(self, query: Query) -> None:
        self.terms = query.wanted
        self.segmenting = any(needs_segmenting(" ".join(term.words)) for term in self.terms)

    @functools.cached_property
    def japanese_terms(self) -> list[tuple[tuple[str, ...], str, bool]]:
        """Each term's words as the index has them (日米同盟: 日米, 同盟), the term as
        typed, and whether its words must be found together (a compound, a phrase).
        Segmented once for the page, and only when a text or the query needs it."""
        return [(tuple(term.segments()), " ".join(term.words), term.phrase) for term in self.terms]

    @functools.cached_property
    def patterns(self) -> list[re.Pattern]:
        # From the start of a word: "alliance" marks "alliances", not "dalliance"; a
        # phrase's words however far apart the spaces keep them; in either spelling
        # (defence, defense).
        return [
            re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in variant.words))
            for term in self.terms
            for variant in term.spelled()
        ]

    def excerpt(self, entry: SearchEntry) -> SafeString:
        headline = getattr(entry, "headline", "")
        if headline and START in headline:
            marked = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
            return mark_safe(marked)
        if entry.text:
            return self.marked(entry.text, getattr(entry, "spans", None))
        return self.marked(entry.title)

    def marked(self, text: str, words: list | None = None) -> SafeString:
        """Mark the query's words in `text` and keep the part around the first.

        `words` are where the words of a Japanese text are, as the index segmented it
        (SearchEntryWords); without them the text is segmented again.
        """
        if not text:
            return mark_safe("")
        spans: list[tuple[int, int]] = []
        if self.segmenting or needs_segmenting(text):
            spans = self._japanese_spans(text, words or word_spans(text))
        else:
            folded = Folded(text)
            for pattern in self.patterns:
                spans += [folded.original(*match.span()) for match in pattern.finditer(folded.text)]
            # Where two marks start together ("alliance", "alliances"), the longer.
            spans.sort(key=lambda span: (span[0], -span[1]))
        return _excerpt_around(text, spans)

    def _japanese_spans(self, text: str, words: list) -> list[tuple[int, int]]:
        """Where the query's terms are in a text segmented into `words` (start, stop,
        normalized form), each found run of words one span where nothing lies between
        them.

        A compound's words are marked where they stand together and in order (日米同盟,
        not the 日米 of 日米両国); only in a text without them together, found for
        having them apart, is each marked where it is.
        """
        # The index keeps the words folded, as the query's are.
        forms = [(normalized, text[start:stop]) for start, stop, normalized in words]
        spans: list[tuple[int, int]] = []
        for sequence, typed, phrase in self.japanese_terms:
            length = len(sequence)
            if not length:
                continue
            runs = [
                index
                for index in range(len(forms) - length + 1)
                if all(sequence[offset] in forms[index + offset] for offset in range(length))
            ]
            # A word of the text that is the term as typed, however it was segmented here.
            spans += [
                (start, stop)
                for (start, stop, _), forms_of in zip(words, forms, strict=True)
                if typed in forms_of
            ]
            for index in runs:
                (start, stop, _), *rest = words[index : index + length]
                for next_start, next_stop, _ in rest:
                    if next_start != stop:
                        spans.append((start, stop))
                        start = next_start
                    stop = next_stop
                spans.append((start, stop))
            if not runs and length > 1 and not phrase:
                parts = set(sequence)
                spans += [
                    (start, stop)
                    for start, stop, normalized in words
                    if normalized in parts or text[start:stop] in parts
                ]
        spans.sort(key=lambda span: (span[0], -span[1]))
        return spans


def _excerpt_around(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """Keep EXCERPT characters of `text` around the first span, the spans marked."""
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
