"""Read a study archive into a plan of unsaved objects, noting every problem.

Nothing here writes to the database: the archive's files are parsed, every value is
checked for its type, every reference (sides, institutes, authors, files, the
passages points cite) is resolved, duplicates are looked for, the workflow's rules
are applied, and each object gets its model's own validation (`full_clean`), so that
`positions.exchange.importer` writes only an archive that is right as a whole.
"""

from collections import Counter
from collections.abc import Callable
from typing import Any

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from positions.exchange import archive
from positions.exchange.archive import Problem
from positions.exchange.fields import Fields
from positions.exchange.plans import ChapterPlan, PaperPlan, PointPlan, StudyPlan, TranslationPlan
from positions.models import (
    Author,
    Chapter,
    ChapterTranslation,
    DatePrecision,
    Institute,
    InstituteTranslation,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
    Translation,
    limits,
)
from positions.models.point import passage_error
from positions.models.tags import tag_name_problem

# Reading and checking the whole archive.


class Reader:
    """Reads an archive's files into a `StudyPlan`, noting every problem on the way."""

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

    # study.yaml

    def read(self) -> StudyPlan | None:
        text = self.text_of(archive.STUDY_FILE, archive.STUDY_FILE)
        if text is None:
            return None
        try:
            data = archive.load_yaml(text)
        except yaml.YAMLError as error:
            self.problem(archive.STUDY_FILE, archive.yaml_error(error))
            return None
        root = Fields(data, archive.STUDY_FILE, self.problems)
        version = root.number("format")
        if version and version != archive.FORMAT:
            message = _("this archive is in format %(version)s; this site reads format %(ours)s")
            self.problem(archive.STUDY_FILE, message % {"version": version, "ours": archive.FORMAT})
            return None
        study, study_translations = self.read_study(root.mapping("study"))
        institutes, institute_translations = self.read_institutes(root.items("institutes"))
        by_name = {institute.name: institute for institute in institutes}
        sides, side_translations = self.read_sides(root.items("sides"), by_name, study)
        authors = self.read_authors(root.items("authors"), by_name)
        used_institutes = {side.institute_name for side in sides}
        used_institutes |= {name for _author, name in authors if name}
        for institute in institutes:
            if institute.name not in used_institutes:
                self.problem(
                    f"{archive.STUDY_FILE}, {_('institute')} “{institute.name}”",
                    _("no side or author belongs to this institute"),
                )
        chapters = [
            self.read_chapter(item, index, study, sides, {a.slug for a, _i in authors})
            for index, item in enumerate(root.items("chapters"), start=1)
        ]
        tag_translations = self.read_tags(root.items("tags"), chapters)
        root.finish()
        self.unique(
            [plan.chapter.number for plan in chapters],
            archive.STUDY_FILE,
            _("the chapter number %(key)s is given %(count)d times"),
        )
        cited = {slug for plan in chapters for paper in plan.papers for slug in paper.authors}
        for author, _institute in authors:
            if author.slug not in cited:
                self.problem(
                    f"{archive.STUDY_FILE}, {_('author')} “{author.slug}”",
                    _("no paper names this author"),
                )
        for name in sorted(set(self.files) - self.listed):
            self.problem(name, _("this file is not listed in study.yaml"))
        return StudyPlan(
            study,
            institutes,
            sides,
            authors,
            chapters,
            translations=study_translations,
            side_translations=side_translations,
            institute_translations=institute_translations,
            tag_translations=tag_translations,
        )

    def read_name_translations(
        self,
        items: list[Any],
        where: str,
        make: Callable[[Fields], Translation],
        original: str,
        same_language: tuple[str, str] | None,
    ) -> list[TranslationPlan]:
        """Read the translations of a name (a study's title, a side's label, an
        institute's name, a tag's): `make` builds one from its fields; `original` is
        the field of the original the translations hang on, left out of validation;
        `same_language` the original's language and the problem of a translation into
        it (a tag's translation checks that itself)."""
        plans = []
        for item in items:
            fields = Fields(item, f"{where}, {_('translation')}", self.problems)
            translation = make(fields)
            fields.where = f"{where}, {_('translation')} “{translation.language}”"
            plans.append(self.provenance(translation, fields))
            fields.finish()
            self.validate(translation, fields.where, exclude=[original, "translator"])
            if same_language and translation.language == same_language[0]:
                self.problem(fields.where, same_language[1])
        self.unique(
            [plan.translation.language for plan in plans],
            where,
            _("the translation into “%(key)s” is given %(count)d times"),
        )
        return plans

    def read_tags(
        self, items: list[Any], chapters: list[ChapterPlan]
    ) -> dict[str, list[TranslationPlan]]:
        """The translations of the names of tags the study uses, by tag name."""
        used = {name.casefold() for plan in chapters for name in plan.tags}
        for plan in chapters:
            used |= {name.casefold() for paper in plan.papers for name in paper.tags}
            used |= {name.casefold() for point in plan.points for name in point.tags}
        found: dict[str, list[TranslationPlan]] = {}
        for index, item in enumerate(items, start=1):
            fields = Fields(item, f"{archive.STUDY_FILE}, {_('tag')} {index}", self.problems)
            name = fields.text("name")
            fields.where = f"{archive.STUDY_FILE}, {_('tag')} “{name}”"
            if name.casefold() not in used:
                self.problem(
                    fields.where, _("no chapter, paper or point of the study has this tag")
                )
            found[name] = self.read_name_translations(
                fields.items("translations"),
                fields.where,
                lambda f: TagTranslation(language=f.text("language"), name=f.text("name")),
                "tag",
                None,
            )
            fields.finish()
        self.unique(
            [name.casefold() for name in found],
            archive.STUDY_FILE,
            _("the tag “%(key)s” is listed %(count)d times"),
        )
        return found

    def read_study(self, value: Any) -> tuple[Study, list[TranslationPlan]]:
        where = f"{archive.STUDY_FILE}, {_('study')}"
        fields = Fields(value, where, self.problems)
        study = Study(
            slug=fields.text("slug"),
            title=fields.text("title"),
            period=fields.text("period", ""),
            published_on=fields.day("published_on"),
            dates_precision=fields.text("dates_precision", DatePrecision.DAY),
            language=fields.text("language"),
            introduction=fields.text("introduction", ""),
            demonstration=fields.flag("demonstration", False),
            notice=fields.text("notice", ""),
        )
        translations = self.read_name_translations(
            fields.items("translations"),
            where,
            lambda f: StudyTranslation(
                study=study,
                language=f.text("language"),
                title=f.text("title"),
                introduction=f.text("introduction", ""),
            ),
            "study",
            (study.language, _("this is the language the study is written in")),
        )
        fields.finish()
        self.validate(study, where, exclude=[])
        return study, translations

    def read_institutes(
        self, items: list[Any]
    ) -> tuple[list[Institute], dict[str, list[TranslationPlan]]]:
        institutes = []
        translations = {}
        for index, item in enumerate(items, start=1):
            where = f"{archive.STUDY_FILE}, {_('institute')} {index}"
            fields = Fields(item, where, self.problems)
            institute = Institute(
                name=fields.text("name"),
                abbreviation=fields.text("abbreviation"),
                country=fields.text("country"),
                # Archives made before institutes said their name's language: English.
                language=fields.text("language", "en"),
            )
            translations[institute.name] = self.read_name_translations(
                fields.items("translations"),
                where,
                lambda f: InstituteTranslation(
                    language=f.text("language"),
                    name=f.text("name"),
                    abbreviation=f.text("abbreviation"),
                ),
                "institute",
                (institute.language, _("this is the language the name is written in")),
            )
            fields.finish()
            self.validate(institute, where, exclude=[])
            institutes.append(institute)
        self.unique(
            [institute.name for institute in institutes],
            archive.STUDY_FILE,
            _("the institute “%(key)s” is listed %(count)d times"),
        )
        return institutes, translations

    def read_sides(
        self, items: list[Any], institutes: dict[str, Institute], study: Study
    ) -> tuple[list[Side], dict[int, list[TranslationPlan]]]:
        sides = []
        translations = {}
        for index, item in enumerate(items, start=1):
            where = f"{archive.STUDY_FILE}, {_('side')} {index}"
            fields = Fields(item, where, self.problems)
            side = Side(
                position=fields.number("position"),
                slug=fields.text("slug"),
                label=fields.text("label"),
                language=fields.text("language"),
            )
            side.institute_name = fields.text("institute")
            translations[side.position] = self.read_name_translations(
                fields.items("translations"),
                where,
                lambda f: SideTranslation(language=f.text("language"), label=f.text("label")),
                "side",
                (study.language, _("this is the language the study is written in")),
            )
            fields.finish()
            if side.institute_name not in institutes:
                message = _("the institute “%(name)s” is not listed under institutes")
                self.problem(where, message % {"name": side.institute_name})
            self.validate(side, where, exclude=["study", "institute"])
            sides.append(side)
        if sorted(side.position for side in sides) != [1, 2]:
            self.problem(
                archive.STUDY_FILE,
                _("a study has exactly two sides, at positions 1 and 2"),
            )
        self.unique(
            [side.slug for side in sides],
            archive.STUDY_FILE,
            _("the side “%(key)s” is listed %(count)d times"),
        )
        return sides, translations

    def read_authors(
        self, items: list[Any], institutes: dict[str, Institute]
    ) -> list[tuple[Author, str | None]]:
        authors = []
        for index, item in enumerate(items, start=1):
            where = f"{archive.STUDY_FILE}, {_('author')} {index}"
            fields = Fields(item, where, self.problems)
            author = Author(
                slug=fields.text("slug"),
                name=fields.text("name"),
                # Archives made before authors had family names have none: empty.
                family_name=fields.text("family_name", ""),
                name_original=fields.text("name_original", ""),
                family_name_original=fields.text("family_name_original", ""),
                name_language=fields.text("name_language", ""),
                biography=fields.text("biography", ""),
            )
            institute = fields.optional_text("institute")
            fields.finish()
            if institute is not None and institute not in institutes:
                message = _("the institute “%(name)s” is not listed under institutes")
                self.problem(where, message % {"name": institute})
            self.validate(author, where, exclude=["institute"])
            authors.append((author, institute))
        self.unique(
            [author.slug for author, _i in authors],
            archive.STUDY_FILE,
            _("the author “%(key)s” is listed %(count)d times"),
        )
        return authors

    def read_chapter(
        self, item: Any, index: int, study: Study, sides: list[Side], authors: set[str]
    ) -> ChapterPlan:
        fields = Fields(item, f"{archive.STUDY_FILE}, {_('chapter')} {index}", self.problems)
        number = fields.number("number")
        where = f"{archive.STUDY_FILE}, {_('chapter')} {number or index}"
        fields.where = where
        chapter = Chapter(
            study=study,
            number=number,
            title=fields.text("theme"),
            summary=fields.text("summary", ""),
            order=fields.number("order", 0),
            status=fields.text("status", Chapter.Status.DRAFT),
            published_on=fields.day("published_on"),
        )
        tags = self.tags(fields)
        # The sides whose paper's file could not be read.
        unread: set[int] = set()
        translations = [
            self.read_chapter_translation(value, chapter, where)
            for value in fields.items("translations")
        ]
        papers = [
            paper
            for value in fields.items("papers")
            if (paper := self.read_paper(value, chapter, where, sides, authors, unread)) is not None
        ]
        points = [
            self.read_point(value, chapter, where, papers, unread)
            for value in fields.items("points")
        ]
        fields.finish()
        self.validate(chapter, where, exclude=["study"], names={"title": "theme"})
        self.check_status(chapter, Chapter.Status.values, where)
        self.unique(
            [plan.translation.language for plan in translations],
            where,
            _("the translation into “%(key)s” is given %(count)d times"),
        )
        self.unique(
            [plan.paper.side.slug for plan in papers],
            where,
            _("the %(key)s paper is listed %(count)d times"),
        )
        self.unique(
            [plan.point.slug for plan in points],
            where,
            _("the point “%(key)s” is listed %(count)d times"),
        )
        self.check_publication(chapter, papers, sides, where, unread)
        return ChapterPlan(chapter, tags, translations, papers, points)

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

    # The papers, each in its own file

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

    # Points

    def read_point(
        self,
        value: Any,
        chapter: Chapter,
        where: str,
        papers: list[PaperPlan],
        unread: set[int],
    ) -> PointPlan:
        fields = Fields(value, f"{where}, {_('point')}", self.problems)
        point = Point(
            chapter=chapter,
            slug=fields.text("slug"),
            question=fields.text("question"),
            agreement=fields.text("agreement"),
            first_stance=fields.text("first_stance", ""),
            first_passage=fields.text("first_passage", ""),
            second_stance=fields.text("second_stance", ""),
            second_passage=fields.text("second_passage", ""),
            order=fields.number("order", 0),
        )
        fields.where = f"{where}, {_('point')} “{point.slug}”"
        tags = self.tags(fields)
        translations = []
        for item in fields.items("translations"):
            translation_fields = Fields(item, f"{fields.where}, {_('translation')}", self.problems)
            translation = PointTranslation(
                point=point,
                language=translation_fields.text("language"),
                part=translation_fields.text("part"),
                text=translation_fields.text("text"),
            )
            translation_fields.where += f" “{translation.language}/{translation.part}”"
            translations.append(self.provenance(translation, translation_fields))
            translation_fields.finish()
            self.check_point_translation(translation, point, chapter, translation_fields.where)
        fields.finish()
        self.validate(point, fields.where, exclude=["chapter"])
        self.check_passages(point, papers, fields.where, unread)
        self.unique(
            [f"{plan.translation.language}/{plan.translation.part}" for plan in translations],
            fields.where,
            _("the translation “%(key)s” is given %(count)d times"),
        )
        return PointPlan(point, tags, translations)

    def check_point_translation(
        self, translation: PointTranslation, point: Point, chapter: Chapter, where: str
    ) -> None:
        self.validate(translation, where, exclude=["point", "translator"])
        if translation.language == chapter.study.language:
            self.problem(where, _("this is the language the study is written in"))
        stance = PointTranslation.FIELDS.get(translation.part)
        if stance and translation.part != PointTranslation.Part.QUESTION:
            if not getattr(point, stance).strip():
                self.problem(
                    where,
                    _("this side states no stance on the point: there is nothing to translate"),
                )

    def check_passages(
        self, point: Point, papers: list[PaperPlan], where: str, unread: set[int]
    ) -> None:
        """Each passage a point cites is one its side's paper has, as the admin checks."""
        by_position = {plan.side_position: plan.paper for plan in papers}
        for position, name in [(1, "first_passage"), (2, "second_passage")]:
            passage = getattr(point, name).strip().lstrip("#")
            setattr(point, name, passage)
            if passage and position not in unread:
                message = passage_error(passage, by_position.get(position))
                if message:
                    self.problem(f"{where}, {name}", message)
