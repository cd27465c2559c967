"""The joint report as a book: the study (or one chapter) as a PDF, made with WeasyPrint
from the chapter pages' own content and the book's template and print CSS
(templates/positions/book/book.html, static/positions/book.css).

A book is built once for each state of its texts: its HTML, the date of the build
aside, is digested, and a build whose digest is the same is kept. `current_book` is
what the download asks: the last build, checked against the content's version first.
"""

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.formats import date_format

from positions.book import prose
from positions.models import Book, Chapter, ContentVersion, Side, Study
from positions.reading import texts, views
from positions.reading.comparison import Column
from positions.reading.names import translate_page

CSS = Path(settings.BASE_DIR) / "static" / "positions" / "book.css"
# The date printed in the colophon, replaced after the digest is taken.
BUILT_ON = "\ue000built-on\ue000"
# Its edition (Book.edition), likewise.
EDITION = "\ue000edition\ue000"


@dataclass(frozen=True)
class Printing:
    """One way of printing a study: the text mode, the headings' language, the layout,
    the paper, and whether unpublished chapters are in it (a draft)."""

    text: str = ""
    language: str = "en"
    layout: str = Book.Layout.FACING
    paper_size: str = Book.PaperSize.A4
    draft: bool = False

    def lookup(self, study: Study, chapter: Chapter | None) -> dict[str, Any]:
        return {
            "study": study,
            "chapter": chapter,
            "text": self.text,
            "language": self.language,
            "layout": self.layout,
            "paper_size": self.paper_size,
            "draft": self.draft,
        }


@dataclass
class PrintedChapter:
    chapter: Chapter
    # What the chapter's page shows (positions.reading.views.chapter_context).
    context: dict[str, Any]
    anchor: str
    # Each side's column with its paper's HTML as the book prints it.
    papers: list[tuple[Column, str]] = field(default_factory=list)
    # The two papers in sections, paired for facing pages.
    spreads: list[tuple[str, str]] = field(default_factory=list)


def book_html(
    study: Study, chapter: Chapter | None, printing: Printing, *, reader: User | AnonymousUser
) -> str:
    """The book's HTML, with BUILT_ON where the date of its build goes and EDITION
    where its edition does."""
    with translation.override(printing.language):
        request = _request(study, printing, reader)
        chapters = _chapters(request, study, chapter)
        sides = sorted(
            Side.objects.filter(study=study).select_related("institute"),
            key=lambda side: side.position,
        )
        translate_page(studies=[study], sides=sides)
        introduction = (
            views.introduction_shown(study, printing.language) if chapter is None else None
        )
        address = settings.SITE_URL + (chapter or study).get_absolute_url()
        return render_to_string(
            "positions/book/book.html",
            {
                "study": study,
                "sides": sides,
                "chapters": chapters,
                "whole": chapter is None,
                "introduction": introduction,
                "index": _index(chapters) if chapter is None else [],
                "printing": printing,
                "address": address,
                "built_on": BUILT_ON,
                "edition": EDITION,
                "css": CSS.read_text(),
            },
        )


def _request(study: Study, printing: Printing, reader: User | AnonymousUser) -> HttpRequest:
    """A reader's request for the study's pages, at the site's address (SITE_URL), in
    the book's text mode: the chapter pages' content is made for one."""
    site = urlsplit(settings.SITE_URL)
    request = RequestFactory().get(
        study.get_absolute_url(),
        {"text": printing.text} if printing.text else {},
        secure=site.scheme == "https",
    )
    # The site's own host, whatever the hosts it answers to.
    request.get_host = lambda: site.netloc  # type: ignore[method-assign]
    request.user = reader
    return request


def _chapters(request: HttpRequest, study: Study, only: Chapter | None) -> list[PrintedChapter]:
    visible = Chapter.objects.visible_to(request.user).filter(study=study)
    if only is not None:
        visible = visible.filter(pk=only.pk)
    printed = []
    for number in visible.order_by("order", "number").values_list("number", flat=True):
        chapter, siblings = views.chapter_and_siblings(request, study.slug, number)
        context = views.chapter_context(request, chapter, siblings)
        anchor = f"chapter-{chapter.number}"
        papers = [
            (column, prose.for_book(_body(column), f"c{chapter.number}-"))
            for column in context["columns"]
        ]
        first, second = (prose.sections(html) for _column, html in papers)
        spreads = [
            (first[i] if i < len(first) else "", second[i] if i < len(second) else "")
            for i in range(max(len(first), len(second)))
        ]
        printed.append(PrintedChapter(chapter, context, anchor, papers, spreads))
    return printed


def _body(column: Column) -> str:
    text = column.text
    return text.body_html if text is not None else ""


def _index(chapters: list[PrintedChapter]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The tags, by name, each with where it is: [(name, [(anchor, label), ...])]."""
    found: dict[str, list[tuple[str, str]]] = {}
    for printed in chapters:
        context = printed.context
        places = [(printed.anchor, tag) for tag in context["chapter_tags"]]
        places += [
            (f"c{printed.chapter.number}-{row.point.anchor}", tag)
            for row in context["rows"]
            for tag in row.tags
        ]
        for column in context["columns"]:
            places += [(f"c{printed.chapter.number}-{column.anchor}", tag) for tag in column.tags]
        for anchor, tag in places:
            name = tag.name_shown.text if hasattr(tag, "name_shown") else tag.name
            if (anchor, name) not in [(a, name) for a, _ in found.get(name, [])]:
                found.setdefault(name, []).append((anchor, name))
    return sorted(found.items(), key=lambda item: item[0].casefold())


def digest_of(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF of `html` and its number of pages."""
    from weasyprint import HTML  # imported when a book is built: it loads Pango

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return document.write_pdf(), len(document.pages)


def build(
    study: Study, chapter: Chapter | None, printing: Printing, *, user: User | None = None
) -> Book:
    """Build the book now, unless its last build has the same texts; return it."""
    version, _changed = ContentVersion.current()
    reader = user if printing.draft and user is not None else AnonymousUser()
    html = book_html(study, chapter, printing, reader=reader)
    digest = digest_of(html)
    book = Book.objects.filter(**printing.lookup(study, chapter)).first()
    if book is not None and book.digest == digest and _has_file(book):
        Book.objects.filter(pk=book.pk).update(content_version=version)
        book.content_version = version
        return book
    started = time.perf_counter()
    built = timezone.now()
    with translation.override(printing.language):
        date = date_format(timezone.localdate(built), "DATE_FORMAT")
    edition = book.edition + 1 if book is not None else 1
    pdf, pages = render_pdf(html.replace(BUILT_ON, date).replace(EDITION, str(edition)))
    name = file_name(study, chapter, printing)
    if book is None:
        book = Book(**printing.lookup(study, chapter))
    old = book.file.name if book.file else ""
    book.file.save(name, ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            book.pages = pages
            book.edition = edition
            book.digest = digest
            book.content_version = version
            book.built = built
            book.built_by = user
            book.seconds = time.perf_counter() - started
            book.save()
            # The pages that offer the book say how long it is: they are rendered anew.
            ContentVersion.move()
            book.content_version, _changed = ContentVersion.current()
            Book.objects.filter(pk=book.pk).update(content_version=book.content_version)
    except IntegrityError:
        # Another worker built the same book a moment ago: theirs is kept.
        book.file.storage.delete(str(book.file.name))
        return Book.objects.get(**printing.lookup(study, chapter))
    if old and old != book.file.name:
        book.file.storage.delete(old)
    return book


def current_book(
    study: Study, chapter: Chapter | None, printing: Printing, *, user: User | None = None
) -> Book:
    """The book as it is now: its last build when nothing changed since, else built
    again (once: the build is kept for the next reader)."""
    book = Book.objects.filter(**printing.lookup(study, chapter)).first()
    version, _changed = ContentVersion.current()
    if book is not None and book.content_version == version and _has_file(book):
        return book
    return build(study, chapter, printing, user=user)


def _has_file(book: Book) -> bool:
    """Whether the build's file is where it was kept (another machine's disk is not)."""
    return bool(book.file.name) and book.file.storage.exists(str(book.file.name))


def file_name(study: Study, chapter: Chapter | None, printing: Printing) -> str:
    parts = [study.slug]
    if chapter is not None:
        parts.append(f"chapter-{chapter.number}")
    parts += [
        printing.text or texts.DEFAULT,
        printing.language,
        printing.layout,
        printing.paper_size,
    ]
    if printing.draft:
        parts.append("draft")
    return "-".join(parts) + ".pdf"
