"""Atom feeds of newly published papers: the whole site's, a study's and a tag's.

Feeds live under the language prefix (/en/feed/, /ja/studies/asia-pacific/feed/): their
own title is interface text, and their entries link to the paper pages in the same
language, as every other page of the site does. Each entry is one paper as written (its
title and abstract in its own language, marked with xml:lang), with every author, its
publication date and its tags. The names of the studies, institutes and tags are in
the feed's language where they are translated (positions.reading.names), as on the pages.
Only what anonymous readers see is listed, newest first, at most `FEED_LENGTH` papers.
"""

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext
from taggit.models import Tag

from positions.models import (
    ChapterTag,
    Paper,
    PaperQuerySet,
    PaperTag,
    Study,
    tags_by_object,
)
from positions.reading.names import translate_page
from positions.reading.public import public_papers, public_tags
from positions.reading.views import authorships_with_authors

FEED_LENGTH = 50


class PapersAtom1Feed(Atom1Feed):
    """Atom with each entry's language (`xml:lang`) and all its authors.

    Django's Atom writes one author per entry; an entry here carries `authors`, a list
    of (name, address of the author's page) with addresses relative to the site.
    """

    def item_attributes(self, item: dict[str, Any]) -> dict[str, str]:
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes

    def add_item_elements(self, handler, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for name, url in item.get("authors", []):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", urljoin(self.feed["link"], url))
            handler.endElement("author")


@dataclass
class Subject:
    """What a feed is of, `of`: a study, a tag, or the whole site (None); and its
    papers, the names of both in the feed's language. Made once per request, before
    the feed's title is: the names of both come in one query."""

    of: Any
    papers: list[Paper]


class NewPapersFeed(Feed):
    """The site's newest papers. Runs three queries: the papers, their authors, and
    their tags; a study's or a tag's feed runs one more for the study or the tag; and
    one more for the names in the feed's language when they are not in it."""

    feed_type = PapersAtom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Subject:
        return self.subject(None)

    def title(self, subject: Subject) -> str:
        return gettext("Positions: new papers")

    def subtitle(self, subject: Subject) -> str:
        return gettext("Each institute's papers as their chapters are published, newest first.")

    def link(self, subject: Subject) -> str:
        return reverse("positions:home")

    def papers(self, obj: Any) -> PaperQuerySet:
        return public_papers()

    def subject(self, obj: Any) -> Subject:
        """`obj` and its papers, with their names in the feed's language."""
        papers = self.load(obj)
        tags = tags_by_object(papers=papers)
        for paper in papers:
            paper.side.study = paper.study
        translate_page(
            studies=[
                *(paper.study for paper in papers),
                *([obj] if isinstance(obj, Study) else []),
            ],
            sides=[paper.side for paper in papers],
            tags=[
                *(tag for found in tags.values() for tag in found),
                *([obj] if isinstance(obj, Tag) else []),
            ],
        )
        for paper in papers:
            paper.feed_tags = sorted(
                (tag.name_shown.text for tag in tags.get(("paper", paper.pk), [])), key=str.lower
            )
        return Subject(obj, papers)

    def items(self, subject: Subject) -> list[Paper]:
        return subject.papers

    def load(self, obj: Any) -> list[Paper]:
        return list(
            self.papers(obj)
            .select_related("study", "chapter", "side__institute")
            .prefetch_related(authorships_with_authors())
            # Newest first; papers published the same day in reading order.
            .order_by(
                "-published_on",
                "study__title",
                "chapter__order",
                "chapter__number",
                "side__position",
            )[:FEED_LENGTH]
        )

    def item_title(self, paper: Paper) -> str:
        # An Atom title is plain text: the XML writer escapes it, nothing else must. A
        # demonstration's entry says what it is where every feed reader shows it.
        if paper.study.demonstration:
            return f"[{paper.study.notice_label}] {paper.title}"
        return paper.title

    # Django writes no summary for None (feedgenerator's to_str keeps it); the stubs say
    # the description is always a str.
    def item_description(self, paper: Paper) -> str | None:  # type: ignore[override]
        # Written as Atom's type="html": the study's notice, then the abstract, plain
        # text, escaped into paragraphs.
        parts = [paper.study.notice_shown, paper.abstract]
        text = "\n\n".join(part for part in parts if part)
        return linebreaks(text, autoescape=True) if text else None

    def item_link(self, paper: Paper) -> str:
        return paper.get_absolute_url()

    def item_pubdate(self, paper: Paper) -> datetime.datetime:
        return datetime.datetime.combine(paper.published_on, datetime.time(), tzinfo=datetime.UTC)

    # Atom requires an entry's <updated>: the day it was published, so that a correction
    # of a published paper does not bring it back to the top of readers' lists.
    item_updateddate = item_pubdate

    def item_categories(self, paper: Paper) -> list[str]:
        return paper.feed_tags

    def item_extra_kwargs(self, paper: Paper) -> dict[str, Any]:
        authors = [(str(author), author.get_absolute_url()) for author in paper.author_list()]
        if not authors:
            # Atom wants an author for every entry: the side's institute then.
            authors = [(paper.side.institute.name_shown.text, "")]
        return {"language": paper.text_language, "authors": authors}


class StudyFeed(NewPapersFeed):
    def get_object(self, request: HttpRequest, study: str) -> Subject:
        return self.subject(get_object_or_404(Study, slug=study))

    def title(self, subject: Subject) -> str:
        return gettext("New papers in “%(study)s”") % {"study": subject.of.title_shown.text}

    def link(self, subject: Subject) -> str:
        return subject.of.get_absolute_url()

    def papers(self, study: Study) -> PaperQuerySet:
        return public_papers().filter(study=study)


class TagFeed(NewPapersFeed):
    """Papers with the tag, or in a chapter with it: a chapter's tags describe its
    papers too. A tag that no public text carries has no feed, as it has no page."""

    def get_object(self, request: HttpRequest, slug: str) -> Subject:
        tag = public_tags().filter(slug=slug).first()
        if tag is None:
            raise Http404("No published content carries this tag.")
        return self.subject(tag)

    def title(self, subject: Subject) -> str:
        return gettext("New papers tagged “%(tag)s”") % {"tag": subject.of.name_shown.text}

    def link(self, subject: Subject) -> str:
        return reverse("positions:tag", args=[subject.of.slug])

    def papers(self, tag: Tag) -> PaperQuerySet:
        tagged_chapters = ChapterTag.objects.filter(tag=tag).values("content_object")
        tagged_papers = PaperTag.objects.filter(tag=tag).values("content_object")
        return public_papers().filter(Q(pk__in=tagged_papers) | Q(chapter__in=tagged_chapters))
