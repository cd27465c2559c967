"""What every part of reading an archive shares: its files, the problems noted, and the
checks each object goes through (`positions.exchange.reading`)."""

from collections import Counter
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from positions.exchange import archive
from positions.exchange.archive import Problem
from positions.exchange.fields import Fields
from positions.exchange.plans import PaperPlan, TranslationPlan
from positions.models import (
    Chapter,
    ChapterTranslation,
    Paper,
    Side,
    Translation,
)
from positions.models.tags import tag_name_problem


class ReaderBase:
    """An archive's files and the problems found in them so far."""

    def __init__(self, files: archive.Files, problems: list[Problem]) -> None:
        self.files = files
        self.problems = problems
        self.listed: set[str] = set()

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def text_of(self, name: str, where: str) -> str | None:
        """Return a file's text, noting it as listed; None when missing or not UTF-8."""
        if name in self.listed:
            self.problem(where, _("“%(file)s” is listed twice") % {"file": name})
            return None
        self.listed.add(name)
        if name not in self.files:
            self.problem(name, _("this file is missing from the archive"))
            return None
        content = self.files[name]
        if content is None:
            return None  # not read: too large or damaged, as reading the zip noted
        try:
            return content.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            self.problem(name, _("this file is not UTF-8 text"))
            return None

    def validate(
        self,
        obj: models.Model,
        where: str,
        exclude: list[str],
        names: dict[str, str] | None = None,
    ) -> None:
        """Run the model's own validation, without what needs the database."""
        names = names or {}
        try:
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                place = where if name == NON_FIELD_ERRORS else f"{where}, {names.get(name, name)}"
                for message in messages:
                    self.problem(place, message)

    def unique(self, keys: list[Any], where: str, message: str) -> None:
        """Note each key given more than once; `message` names %(key)s and %(count)d."""
        for key, count in Counter(keys).items():
            if count > 1:
                self.problem(where, message % {"key": key, "count": count})

    def tags(self, fields: Fields) -> list[str]:
        names = fields.texts("tags")
        for name in names:
            # The forms' rule: up to 100 characters, with a letter or digit for the address.
            if problem := tag_name_problem(name):
                self.problem(fields.where, problem)
        # Tags are told apart without regard to case (TAGGIT_CASE_INSENSITIVE).
        self.unique(
            [name.casefold() for name in names],
            fields.where,
            _("the tag “%(key)s” is given %(count)d times"),
        )
        return names

    def check_status(self, obj: Chapter | Paper, known: list[str], where: str) -> None:
        if obj.status not in known:
            message = _("unknown status “%(status)s”: it is one of %(known)s")
            self.problem(where, message % {"status": obj.status, "known": ", ".join(known)})
        elif obj.status == "published" and obj.published_on is None:
            self.problem(where, _("published, so it needs published_on"))

    def check_publication(
        self,
        chapter: Chapter,
        papers: list[PaperPlan],
        sides: list[Side],
        where: str,
        unread: set[int],
    ) -> None:
        """A published chapter shows a published paper of each side; a chapter that is
        not published shows none (see `positions.workflow.publication`)."""
        by_position = {plan.side_position: plan.paper for plan in papers}
        for side in sides:
            if side.position in unread:
                continue
            paper = by_position.get(side.position)
            if chapter.status == Chapter.Status.PUBLISHED and (
                paper is None or paper.status != Paper.Status.PUBLISHED
            ):
                message = _("the chapter is published, so the %(side)s paper must be published")
                self.problem(where, message % {"side": side.slug})
            if (
                chapter.status != Chapter.Status.PUBLISHED
                and paper is not None
                and paper.status == Paper.Status.PUBLISHED
            ):
                message = _(
                    "the %(side)s paper is published but its chapter is not (the papers of "
                    "a chapter that is not published wait as approved)"
                )
                self.problem(where, message % {"side": side.slug})

    def read_chapter_translation(self, value: Any, chapter: Chapter, where: str) -> TranslationPlan:
        fields = Fields(value, f"{where}, {_('translation')}", self.problems)
        translation = ChapterTranslation(
            chapter=chapter,
            language=fields.text("language"),
            title=fields.text("theme"),
            summary=fields.text("summary", ""),
        )
        fields.where = f"{where}, {_('translation')} “{translation.language}”"
        plan = self.provenance(translation, fields)
        fields.finish()
        self.validate(
            translation, fields.where, exclude=["chapter", "translator"], names={"title": "theme"}
        )
        if translation.language == chapter.study.language:
            self.problem(fields.where, _("this is the language the study is written in"))
        return plan

    def provenance(self, translation: Translation, fields: Fields) -> TranslationPlan:
        return TranslationPlan(
            translation=translation,
            translator=fields.optional_text("translator"),
            source_date=fields.moment("source_date"),
            follows_original=fields.flag("follows_original", True),
            where=fields.where,
        )
