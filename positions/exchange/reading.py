"""Read a study archive into a plan of unsaved objects, noting every problem.

Nothing here writes to the database: the archive's files are parsed, every value is
checked for its type, every reference (sides, institutes, authors, files, the
passages points cite) is resolved, duplicates are looked for, the workflow's rules
are applied, and each object gets its model's own validation (`full_clean`), so that
`positions.exchange.importer` writes only an archive that is right as a whole.
"""

from collections.abc import Callable
from typing import Any

import yaml
from django.utils.translation import gettext as _

from positions.exchange import archive
from positions.exchange.fields import Fields
from positions.exchange.plans import ChapterPlan, StudyPlan, TranslationPlan
from positions.exchange.reading_papers import PaperReading
from positions.exchange.reading_points import PointReading
from positions.models import (
    Author,
    Chapter,
    DatePrecision,
    Institute,
    InstituteTranslation,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
    Translation,
)

# Reading and checking the whole archive.


class Reader(PaperReading, PointReading):
    """Reads an archive's files into a `StudyPlan`, noting every problem on the way."""

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
