"""The search entries of each chapter, paper, point and author, kept current.

Saving a chapter, paper, point or author rewrites its entries in the same
transaction (signals connected in `PositionsConfig.ready`), so a search never finds
a text as it was before. `rebuild()` makes them all again (`manage.py
rebuild_search`), for an existing database or after a change to what is indexed.
"""

from html.parser import HTMLParser

from django.contrib.postgres.search import CombinedSearchVector, SearchVector
from django.db import connection, transaction
from django.db.models import QuerySet, Value

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
from positions.search.language import config_for, needs_segmenting, segmented, word_spans

Kind = SearchEntry.Kind


class _Passages(HTMLParser):
    """Collect the plain text of each element whose id is one of a paper's passages."""

    def __init__(self, ids: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.ids = ids  # HTML id → passage id
        self.texts: dict[str, list[str]] = {}
        self.current: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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


def _entry(kind: str, language: str, title: str, text: str = "", **fields) -> SearchEntry:
    """An entry, unsaved, with where the words of its text are when it is written
    without spaces (`words`): _replace() saves both."""
    config = config_for(language)
    # Segmented once: for the vector, and for marking a query's words in the results.
    spans = word_spans(text) if needs_segmenting(text) else None
    words_of_text = text if spans is None else " ".join(word for _, _, word in spans)
    entry = SearchEntry(
        kind=kind,
        language=language,
        config=config,
        title=title[:300],
        text=text,
        vector=_vector(config, segmented(title), words_of_text),
        **fields,
    )
    if spans:
        entry.words = SearchEntryWords(spans=spans)
    return entry


def _vector(config: str, title: str, text: str) -> CombinedSearchVector | None:
    """The vector of an entry's title and text (given segmented when written without
    spaces), in its language's configuration, the title weighing more than the text.

    PostgreSQL computes it as the entry is inserted: written once, not inserted and then
    updated, which left a dead copy of every row behind and the table twice the size
    for searches to read. PostgreSQL only.
    """
    if connection.vendor != "postgresql":
        return None
    return SearchVector(Value(title), config=config, weight="A") + SearchVector(
        Value(text), config=config, weight="B"
    )


def chapter_entries(chapter: Chapter) -> list[SearchEntry]:
    """The chapter's theme and summary, as written and in each translation."""
    study = chapter.study
    common = {"study": study, "chapter": chapter, "published": chapter.is_published}
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


def point_entries(point: Point) -> list[SearchEntry]:
    """The point's question and stances, as written and in each language they are
    (partly) translated into; an untranslated question still names the entry."""
    chapter = point.chapter
    common = {
        "study_id": chapter.study_id,
        "chapter": chapter,
        "point": point,
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


def paper_entries(paper: Paper) -> list[SearchEntry]:
    return _text_entries(paper, paper, paper.text_language)


def translation_entries(translation: PaperTranslation) -> list[SearchEntry]:
    return _text_entries(
        translation.paper, translation, translation.language, translation=translation
    )


def _text_entries(
    paper: Paper, text: Paper | PaperTranslation, language: str, **fields
) -> list[SearchEntry]:
    """The entries of a paper's text, original or translated: its title and abstract,
    then each passage. Found by readers once the paper is published."""
    common = {
        "study_id": paper.study_id,
        "chapter_id": paper.chapter_id,
        "side_id": paper.side_id,
        "paper": paper,
        "published": paper.is_published,
        **fields,
    }
    entries = [_entry(Kind.PAPER, language, text.title, text.abstract, **common)]
    for passage, words in passage_texts(text).items():
        if words:
            entries.append(
                _entry(Kind.PASSAGE, language, text.title, words, passage=passage, **common)
            )
    return entries


def author_entries(author: Author) -> list[SearchEntry]:
    # Both spellings of the name: found by either.
    names = " ".join(name for name in (author.name, author.name_original) if name)
    return [
        _entry(
            Kind.AUTHOR,
            author.name_language or "und",
            author.name,
            names,
            author=author,
            published=True,
        )
    ]


def _replace(old: QuerySet, entries: list[SearchEntry]) -> None:
    """Put `entries` in place of `old` in one transaction."""
    with transaction.atomic():
        old.delete()
        _create(entries)


def _create(entries: list[SearchEntry], batch_size: int | None = None) -> None:
    """Save entries made by _entry(), and where their words are."""
    SearchEntry.objects.bulk_create(entries, batch_size=batch_size)
    SearchEntryWords.objects.bulk_create(
        [entry.words for entry in entries if hasattr(entry, "words")], batch_size=batch_size
    )


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
    entries: list[SearchEntry] = []
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
    entries.sort(key=lambda entry: entry.config)
    with transaction.atomic():
        SearchEntry.objects.all().delete()
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
