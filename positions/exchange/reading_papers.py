"""Reading an archive's papers, each in its own file, and their translations."""

from typing import Any

from django.utils.translation import gettext as _

from positions.exchange import archive
from positions.exchange.fields import Fields
from positions.exchange.plans import PaperPlan, TranslationPlan
from positions.exchange.reader_base import ReaderBase
from positions.models import (
    Chapter,
    Paper,
    PaperTranslation,
    Side,
    limits,
)


class PaperReading(ReaderBase):
    """The papers of a `positions.exchange.reading.Reader`."""

    def read_paper(
        self,
        value: Any,
        chapter: Chapter,
        where: str,
        sides: list[Side],
        authors: set[str],
        unread: set[int],
    ) -> PaperPlan | None:
        """Read a paper listed in study.yaml, and its file; None when it cannot be read.

        The positions of the sides whose paper file is missing or unreadable, or whose
        text is over its limit, are added to `unread`: what depends on the paper is not
        checked, as the file is the problem.
        """
        fields = Fields(value, f"{where}, {_('paper')}", self.problems)
        side_slug = fields.text("side")
        path = fields.text("file")
        translation_paths = fields.texts("translations")
        fields.finish()
        side = next((side for side in sides if side.slug == side_slug), None)
        if side is None:
            known = ", ".join(side.slug for side in sides)
            message = _("unknown side “%(side)s”: the study's sides are %(known)s")
            self.problem(fields.where, message % {"side": side_slug, "known": known})
            # Its files are listed all the same: they are not extra.
            self.listed.update([path, *translation_paths])
            return None
        expected = archive.paper_path(chapter.number, side.slug)
        if path != expected:
            message = _("the %(side)s paper of this chapter should be the file “%(file)s”")
            self.problem(fields.where, message % {"side": side.slug, "file": expected})
        text = self.text_of(path, fields.where)
        front = self.front_matter(text, path) if text is not None else None
        if front is None:
            unread.add(side.position)
            self.listed.update(translation_paths)
            return None
        body, fields = front
        paper = Paper(
            chapter=chapter,
            side=side,
            title=fields.text("title"),
            language=fields.text("language", ""),
            abstract=fields.text("abstract", ""),
            body=body,
            status=fields.text("status", Paper.Status.DRAFT),
            published_on=fields.day("published_on"),
        )
        paper_authors = fields.texts("authors")
        tags = self.tags(fields)
        fields.finish()
        for slug in paper_authors:
            if slug not in authors:
                message = _("the author “%(slug)s” is not listed under authors in study.yaml")
                self.problem(path, message % {"slug": slug})
        self.unique(paper_authors, path, _("the author “%(key)s” is listed %(count)d times"))
        self.validate(paper, path, exclude=["study", "chapter", "side"])
        self.check_status(paper, Paper.Status.values, path)
        if len(paper.body) > limits.PAPER_BODY or not limits.markdown_fits(paper.body):
            # Its size is its problem (`validate`); rendering it to check the passages
            # would cost more than it tells.
            unread.add(side.position)
        else:
            # Rendered now, to check the passages its chapter's points cite.
            paper.render()
        translations = [
            self.read_paper_translation(name, paper, chapter, side) for name in translation_paths
        ]
        self.unique(
            [plan.translation.language for plan in translations if plan],
            path,
            _("the translation into “%(key)s” is listed %(count)d times"),
        )
        return PaperPlan(
            paper, side.position, paper_authors, tags, [plan for plan in translations if plan]
        )

    def front_matter(self, text: str, path: str) -> tuple[str, Fields] | None:
        try:
            front, body = archive.read_markdown(text)
        except archive.FrontMatterError as error:
            self.problem(path, str(error))
            return None
        return body, Fields(front, path, self.problems)

    def read_paper_translation(
        self, path: str, paper: Paper, chapter: Chapter, side: Side
    ) -> TranslationPlan | None:
        text = self.text_of(path, path)
        if text is None:
            return None
        front = self.front_matter(text, path)
        if front is None:
            return None
        body, fields = front
        translation = PaperTranslation(
            paper=paper,
            language=fields.text("language"),
            title=fields.text("title"),
            abstract=fields.text("abstract", ""),
            body=body,
        )
        plan = self.provenance(translation, fields)
        fields.finish()
        expected = archive.paper_path(chapter.number, side.slug, translation.language)
        if path != expected:
            message = _("a translation into “%(language)s” should be the file “%(file)s”")
            self.problem(path, message % {"language": translation.language, "file": expected})
        self.validate(translation, path, exclude=["paper", "translator"])
        if translation.language == paper.text_language:
            self.problem(path, _("this is the language the paper is written in"))
        return plan
