"""The search entries of each chapter, paper, point and author, kept current.

Saving a chapter, paper, point or author rewrites its entries in the same
transaction (signals connected in `PositionsConfig.ready`), so a search never finds
a text as it was before. `rebuild()` makes them all again (`manage.py
rebuild_search`), for an existing database or after a change to what is indexed.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from positions.models import (
    Author,
    Chapter,
    ChapterTranslation,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    SearchEntry,
    Study,
)
from positions.models.search import SearchEntryWords
from positions.text.words import config_for, fold, needs_segmenting, segmented, word_spans

Kind = SearchEntry.Kind
# The weights of an entry's words in its vector, by where they stand. A passage's title
# is its paper's: the search counts it for nothing in ranking (an entry with the query's
# words in its own title and text ranks first), and finds a passage only when one of the
# words is in its own text (see query.search).
OWN_TITLE, TEXT, PARENT_TITLE = "A", "B", "D"
# Elements without an end tag (HTML's void elements).
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _Passages(HTMLParser):
    """Collect the plain text of each element whose id is one of a paper's passages."""

    def __init__(self, ids: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.ids = ids  # HTML id → passage id
        self.texts: dict[str, list[str]] = {}
        self.current: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            # No end tag follows: counted, a paragraph's line break (<br>) made every
            # passage after it part of that paragraph's entry.
            return
        if self.current is not None:
            self.depth += 1
            return
        html_id = dict(attrs).get("id")
        if html_id in self.ids:
            self.current = self.ids[html_id]
            self.texts[self.current] = []
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        self.depth -= 1
        if self.depth == 0:
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.texts[self.current].append(data)


def passage_texts(paper: Paper | PaperTranslation) -> dict[str, str]:
    """Return the plain text of each passage of a paper or translation, by passage id."""
    side = paper.side if isinstance(paper, Paper) else paper.paper.side
    ids = {f"{side.slug}-{passage}": passage for passage in paper.passages}
    parser = _Passages(ids)
    parser.feed(paper.body_html)
    return {passage: " ".join("".join(parts).split()) for passage, parts in parser.texts.items()}


@dataclass
class Entry:
    """A search entry to write (see `_create`)."""

    # SearchEntry's fields by attname (study_id, not study); the others take their default.
    columns: dict[str, Any]
    # What its vector is made of: the title's and the text's words, segmented when they
    # are written without spaces.
    title_words: str
    text_words: str
    # Where the words of its text are, when it is written without spaces.
    spans: list[tuple[int, int, str]] | None = None
    title_weight: str = OWN_TITLE


def _entry(
    kind: str,
    language: str,
    title: str,
    text: str = "",
    *,
    title_words: str | None = None,
    title_weight: str = OWN_TITLE,
    **columns: Any,
) -> Entry:
    """An entry to write. `title_words` is the title as `segmented()` gives it, when the
    caller has it already (every passage of a paper has the paper's title: segmenting
    it once per passage was a tenth of a save)."""
    # Segmented once: for the vector, and for marking a query's words in the results.
    spans = word_spans(text) if needs_segmenting(text) else None
    columns = {
        "kind": Kind(kind).value,
        "language": language,
        "config": config_for(language),
        "title": title[:300],
        "text": text,
        **columns,
    }
    if connection.vendor != "postgresql":
        columns["folded"] = folded_copy(columns["title"], text)
    return Entry(
        columns=columns,
        title_words=segmented(title) if title_words is None else title_words,
        text_words=fold(text) if spans is None else " ".join(word for _, _, word in spans),
        spans=spans or None,
        title_weight=title_weight,
    )


def folded_copy(title: str, text: str) -> str:
    """The title and text as SQLite's search matches them (SearchEntry.folded): folded,
    with single spaces so that a phrase is found however the text was wrapped, and a
    line break between them so that a phrase does not run from one into the other."""
    return " ".join(fold(title).split()) + "\n" + " ".join(fold(text).split())


def chapter_entries(chapter: Chapter) -> list[Entry]:
    """The chapter's theme and summary, as written and in each translation."""
    study = chapter.study
    common: dict[str, Any] = {
        "study_id": study.pk,
        "chapter_id": chapter.pk,
        "published": chapter.is_published,
    }
    entries = [_entry(Kind.CHAPTER, study.language, chapter.title, chapter.summary, **common)]
    for translation in chapter.translations.all():
        entries.append(
            _entry(
                Kind.CHAPTER,
                translation.language,
                translation.title,
                translation.summary,
                **common,
            )
        )
    return entries


def point_entries(point: Point) -> list[Entry]:
    """The point's question and stances, as written and in each language they are
    (partly) translated into; an untranslated question still names the entry."""
    chapter = point.chapter
    common: dict[str, Any] = {
        "study_id": chapter.study_id,
        "chapter_id": chapter.pk,
        "point_id": point.pk,
        "agreement": point.agreement,
        "published": chapter.is_published,
    }
    text = "\n".join(stance for stance in (point.first_stance, point.second_stance) if stance)
    entries = [_entry(Kind.POINT, chapter.study.language, point.question, text, **common)]
    parts: dict[str, dict[str, str]] = {}
    for translation in point.translations.all():
        parts.setdefault(translation.language, {})[translation.part] = translation.text
    for language, translated in parts.items():
        stances = [translated.get(part, "") for part in ("first", "second")]
        entries.append(
            _entry(
                Kind.POINT,
                language,
                translated.get("question", point.question),
                "\n".join(stance for stance in stances if stance),
                **common,
            )
        )
    return entries


def paper_entries(paper: Paper) -> list[Entry]:
    return _text_entries(paper, paper, paper.text_language)


def translation_entries(translation: PaperTranslation) -> list[Entry]:
    return _text_entries(
        translation.paper, translation, translation.language, translation_id=translation.pk
    )


def _text_entries(
    paper: Paper, text: Paper | PaperTranslation, language: str, **columns: Any
) -> list[Entry]:
    """The entries of a paper's text, original or translated: its title and abstract,
    then each passage. Found by readers once the paper is published."""
    common = {
        "study_id": paper.study_id,
        "chapter_id": paper.chapter_id,
        "side_id": paper.side_id,
        "paper_id": paper.pk,
        "published": paper.is_published,
        **columns,
    }
    title_words = segmented(text.title)
    entries = [
        _entry(Kind.PAPER, language, text.title, text.abstract, title_words=title_words, **common)
    ]
    for passage, words in passage_texts(text).items():
        if words:
            entries.append(
                _entry(
                    Kind.PASSAGE,
                    language,
                    text.title,
                    words,
                    title_words=title_words,
                    title_weight=PARENT_TITLE,
                    passage=passage,
                    **common,
                )
            )
    return entries


def author_entries(author: Author) -> list[Entry]:
    # Both spellings of the name: found by either.
    names = " ".join(name for name in (author.name, author.name_original) if name)
    return [
        _entry(
            Kind.AUTHOR,
            author.name_language or "und",
            author.name,
            names,
            author_id=author.pk,
            published=True,
        )
    ]


def _replace(old: QuerySet, entries: list[Entry]) -> None:
    """Put `entries` in place of `old` in one transaction."""
    with transaction.atomic():
        _delete(old)
        _create(entries)


def _delete(entries: QuerySet) -> None:
    """Delete the entries and where their words are, in two queries.

    QuerySet.delete() reads every entry first, to find the rows that cascade from it
    (their words): seconds for a paper of thousands of passages. Deleting those rows
    first leaves nothing to cascade, and the entries go in one DELETE.
    """
    SearchEntryWords.objects.filter(entry__in=entries).delete()
    entries._raw_delete(entries.db)


def _create(entries: list[Entry], batch_size: int | None = None) -> None:
    """Write the entries, and where their words are, `batch_size` at a time."""
    step = batch_size or len(entries) or 1
    words = []
    for start in range(0, len(entries), step):
        batch = entries[start : start + step]
        if connection.vendor == "postgresql":
            ids = _insert(batch)
        else:
            saved = SearchEntry.objects.bulk_create(SearchEntry(**entry.columns) for entry in batch)
            ids = [entry.pk for entry in saved]
        words += [
            SearchEntryWords(entry_id=pk, spans=entry.spans)
            for entry, pk in zip(batch, ids, strict=True)
            if entry.spans
        ]
    SearchEntryWords.objects.bulk_create(words, batch_size=batch_size)


# The fields _insert() writes as the entries give them, or their defaults; it computes
# `vector` from the entries' words.
_COLUMNS = [
    field
    for field in SearchEntry._meta.concrete_fields
    if not field.primary_key and field.name != "vector"
]
# Each one's column and type in the database (a concrete field has both).
_COLUMN_NAMES = {field.attname: str(field.column) for field in _COLUMNS}


def _insert(entries: list[Entry]) -> list[int]:
    """Insert the entries on PostgreSQL, computing their vectors; return their ids.

    One INSERT from arrays: bulk_create() sent a parameter per column of each entry and
    compiled each entry's vector expression, and the model instances cost as much
    again, about half a millisecond an entry in all: seconds for a long paper, whose
    every passage is an entry. A value all the entries share (the paper, its study, its
    title's words) is sent once rather than in an array: psycopg quotes each element
    of an array in Python. As with bulk_create() (which inserts from arrays too, where
    it can), the ids come back in the arrays' order.
    """
    quote = connection.ops.quote_name
    columns: dict[str, tuple[str, list[Any]]] = {}
    for field in _COLUMNS:
        default = field.get_default()
        # As Django's own insert from arrays: varchar[], not varchar(300)[].
        db_type = str(field.db_type(connection)).split("(")[0]
        values = [entry.columns.get(field.attname, default) for entry in entries]
        columns[quote(_COLUMN_NAMES[field.attname])] = (db_type, values)
    columns["title_words"] = ("text", [entry.title_words for entry in entries])
    columns["title_weight"] = ('"char"', [entry.title_weight for entry in entries])
    # Never shared: the arrays give the number of rows.
    columns["text_words"] = ("text", [entry.text_words for entry in entries])
    shared = {
        name
        for name, (_, values) in columns.items()
        if name != "text_words" and values.count(values[0]) == len(values)
    }
    params: list[Any] = []

    def value(name: str) -> str:
        if name not in shared:
            return f"entry.{name}"
        db_type, values = columns[name]
        params.append(values[0])
        return f"%s::{db_type}"

    # Written in the order of the SQL: the parameters are appended as they come.
    select = [value(quote(_COLUMN_NAMES[field.attname])) for field in _COLUMNS]
    config = quote("config")
    select.append(
        f"setweight(to_tsvector({value(config)}::regconfig, {value('title_words')}), "
        f"{value('title_weight')}) || "
        f"setweight(to_tsvector({value(config)}::regconfig, {value('text_words')}), '{TEXT}')"
    )
    arrays = [name for name in columns if name not in shared]
    params += [columns[name][1] for name in arrays]
    unnest = ", ".join(f"%s::{columns[name][0]}[]" for name in arrays)
    names = ", ".join(quote(_COLUMN_NAMES[field.attname]) for field in _COLUMNS)
    sql = (
        f"INSERT INTO {quote(SearchEntry._meta.db_table)} ({names}, vector) "
        f"SELECT {', '.join(select)} FROM unnest({unnest}) AS entry({', '.join(arrays)}) "
        "RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def index_chapter(chapter: Chapter) -> None:
    _replace(
        SearchEntry.objects.filter(kind=Kind.CHAPTER, chapter=chapter), chapter_entries(chapter)
    )
    # A chapter's points are public with it.
    SearchEntry.objects.filter(kind=Kind.POINT, chapter=chapter).update(
        published=chapter.is_published
    )


def index_paper(paper: Paper) -> None:
    _replace(
        SearchEntry.objects.filter(
            kind__in=[Kind.PAPER, Kind.PASSAGE], paper=paper, translation__isnull=True
        ),
        paper_entries(paper),
    )
    # Its translations are public with it.
    SearchEntry.objects.filter(paper=paper, translation__isnull=False).update(
        published=paper.is_published
    )


def index_translation(translation: PaperTranslation) -> None:
    _replace(SearchEntry.objects.filter(translation=translation), translation_entries(translation))


def index_point(point: Point) -> None:
    _replace(SearchEntry.objects.filter(kind=Kind.POINT, point=point), point_entries(point))


def index_author(author: Author) -> None:
    _replace(SearchEntry.objects.filter(kind=Kind.AUTHOR, author=author), author_entries(author))


def rebuild() -> int:
    """Make every entry again; return how many there are."""
    entries: list[Entry] = []
    for chapter in Chapter.objects.select_related("study").prefetch_related("translations"):
        entries += chapter_entries(chapter)
    for point in Point.objects.select_related("chapter__study").prefetch_related("translations"):
        entries += point_entries(point)
    for paper in Paper.objects.select_related("side"):
        entries += paper_entries(paper)
    for translation in PaperTranslation.objects.select_related("paper__side"):
        entries += translation_entries(translation)
    for author in Author.objects.all():
        entries += author_entries(author)
    # Grouped by configuration: a search reads the row of every match, and a query's
    # matches are mostly in its language's configuration, so rows of one configuration
    # side by side are fewer pages to read. Entries made later, as texts are saved, go
    # wherever there is room; rebuilding groups them again.
    entries.sort(key=lambda entry: entry.columns["config"])
    with transaction.atomic():
        _delete(SearchEntry.objects.all())
        _create(entries, batch_size=1000)
    return len(entries)


# Signal receivers, connected in PositionsConfig.ready().


def on_save(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures: rebuild afterwards
        return
    if isinstance(instance, Study):
        # The language of its joint texts may have changed.
        for chapter in instance.chapters.all():
            index_chapter(chapter)
        for point in Point.objects.filter(chapter__study=instance).select_related("chapter__study"):
            index_point(point)
    elif isinstance(instance, Chapter):
        index_chapter(instance)
    elif isinstance(instance, Paper):
        index_paper(instance)
        # Rendered again with the paper (new heading ids): their passages changed too.
        if instance.__dict__.pop("translations_rendered", False):
            for translation in instance.translations.all():
                translation.paper = instance
                index_translation(translation)
    elif isinstance(instance, PaperTranslation):
        index_translation(instance)
    elif isinstance(instance, Point):
        index_point(instance)
    elif isinstance(instance, Author):
        index_author(instance)
    elif isinstance(instance, ChapterTranslation):
        index_chapter(instance.chapter)
    elif isinstance(instance, PointTranslation):
        index_point(instance.point)


def on_delete(sender, instance, **kwargs) -> None:
    """A translation of a chapter or point deleted: the entries in its language go.

    Only deleted, not remade, when nothing else is left in that language: when its
    point or chapter is being deleted too, entries made now would outlive them.
    (A paper's translation's entries are deleted by their foreign key.)
    """
    if isinstance(instance, ChapterTranslation):
        SearchEntry.objects.filter(
            kind=Kind.CHAPTER, chapter_id=instance.chapter_id, language=instance.language
        ).delete()
    elif isinstance(instance, PointTranslation):
        SearchEntry.objects.filter(
            kind=Kind.POINT, point_id=instance.point_id, language=instance.language
        ).delete()
        rest = PointTranslation.objects.filter(
            point_id=instance.point_id, language=instance.language
        )
        if rest.exists():
            index_point(instance.point)
