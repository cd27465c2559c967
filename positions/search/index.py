"""The search entries of each chapter, paper, point and author, kept current.

Saving a chapter, paper, point or author rewrites its entries in the same
transaction (signals connected in `PositionsConfig.ready`), so a search never finds
a text as it was before. `rebuild()` makes them all again (`manage.py
rebuild_search`), for an existing database or after a change to what is indexed.
"""

from collections.abc import Iterable
from html.parser import HTMLParser

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, QuerySet

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
from positions.search.language import config_for, segmented

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
    return SearchEntry(
        kind=kind,
        language=language,
        config=config_for(language),
        title=title[:300],
        text=text,
        index_title=segmented(title),
        index_text=segmented(text),
        **fields,
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


def _replace(old: QuerySet, entries: Iterable[SearchEntry]) -> None:
    """Put `entries` in place of `old`, with their vectors, in one transaction."""
    with transaction.atomic():
        old.delete()
        created = SearchEntry.objects.bulk_create(entries)
        _vectorize(SearchEntry.objects.filter(pk__in=[entry.pk for entry in created]))


def _vectorize(entries: QuerySet) -> None:
    """Compute the vectors of `entries` in the database, each in its language's
    configuration, the title weighing more than the text. PostgreSQL only."""
    if connection.vendor != "postgresql":
        return
    entries.update(
        vector=SearchVector("index_title", config=F("config"), weight="A")
        + SearchVector("index_text", config=F("config"), weight="B")
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
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchEntry.objects.bulk_create(entries, batch_size=1000)
        _vectorize(SearchEntry.objects.all())
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
