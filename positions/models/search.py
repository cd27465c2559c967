from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from positions.models.paper import Author, Paper
from positions.models.point import Point
from positions.models.study import Chapter, Side, Study


class SearchEntry(models.Model):
    """One thing a reader can find: a chapter, a paper, a passage of a paper, a point,
    an author. Made and kept current by `positions.search.index`; found by
    `positions.search.query`.

    On PostgreSQL `vector` holds the words of the title and text, folded (NFKC and case
    folding) and stemmed in the text's language (Japanese segmented into words first) as
    the entry is written; a GIN index per language configuration serves it. On SQLite it
    stays empty, and search matches `folded`, the title and text folded, as typed.

    A search reads the row of every match to rank it: a row holds only what a result
    shows or a search filters on, since the more rows fit in a page of the table, the
    fewer pages a search reads.
    """

    class Kind(models.TextChoices):
        CHAPTER = "chapter", _("Chapters")
        PAPER = "paper", _("Papers")
        PASSAGE = "passage", _("Passages of papers")
        POINT = "point", _("Points")
        AUTHOR = "author", _("Authors")

    kind = models.CharField(max_length=20, choices=Kind)
    study = models.ForeignKey(Study, on_delete=models.CASCADE, null=True, related_name="+")
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, null=True, related_name="+")
    side = models.ForeignKey(Side, on_delete=models.CASCADE, null=True, related_name="+")
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, null=True, related_name="+")
    point = models.ForeignKey(Point, on_delete=models.CASCADE, null=True, related_name="+")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, null=True, related_name="+")
    # Set when the entry is a translation of its paper (or a passage of one).
    translation = models.ForeignKey(
        "positions.PaperTranslation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    # The passage's id within its paper (p3, a heading's slug), for the link.
    passage = models.CharField(max_length=100, blank=True)
    # The language of the text, and the PostgreSQL text search configuration for it.
    language = models.CharField(max_length=20)
    config = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    vector = SearchVectorField(null=True)
    # SQLite's search: the title, a line break and the text, NFKC-normalised and
    # case-folded with their spaces made single (LIKE folds only ASCII letters, and
    # ＳＣＯ is not SCO to it). Empty on PostgreSQL, which matches `vector`: a copy
    # there would make every row that ranking reads a third larger.
    folded = models.TextField(blank=True, default="")
    # Readers find only what is published; the study's team finds the rest too.
    published = models.BooleanField(default=False)
    agreement = models.CharField(max_length=20, blank=True)

    class Meta:
        # The GIN indexes on `vector`, one per configuration (`config = '…' AND vector
        # @@ query`, each part of a search), are made on PostgreSQL by migration 0016.
        indexes = [
            models.Index(fields=["kind", "published"], name="search_kind_published"),
            # The configurations in use, read in a few probes (query.configs_in_use).
            models.Index(fields=["config"], name="search_config"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["chapter", "paper", "passage", "point", "author"]),
                name="search_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    @property
    def kind_label(self) -> "StrOrPromise":
        # get_kind_display() translates every kind's label to find this one's, for each
        # result of a search.
        return self.Kind(self.kind).label


class SearchEntryWords(models.Model):
    """Where the words of an entry's text are, when it is written without spaces
    (Japanese): [start, stop, normalized form] of each, as SudachiPy segmented the text
    for the index, so that the results mark a query's words in it without segmenting
    it again. Apart from the entry, whose row a search reads for every match."""

    entry = models.OneToOneField(
        SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="words"
    )
    spans = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{len(self.spans)} words of {self.entry_id}"
