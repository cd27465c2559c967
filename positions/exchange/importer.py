"""Read a study archive, check all of it, then write it in one transaction.

Nothing is written until the whole archive has been read and checked: the zip and its
file names, the YAML and the front matter, every reference (sides, institutes,
authors, the passages points cite), every duplicate, the workflow's rules and each
model's own validation (`full_clean`). An archive with problems is refused with the
list of every one of them (`archive.Refused`), and the database is left as it was.

Reading and checking is `positions.exchange.reading`; this module writes. A study
whose slug is taken is refused unless it is to be replaced. Replacing saves
the objects that match by their natural keys (a side by its position, a chapter by
its number, a paper by its side, a point by its slug, a translation by its language
and part) and deletes those the archive no longer has: each save and deletion is a
revision in the history, like an edit, and objects that already hold the archive's
text are not saved at all. Institutes, authors and tags are shared by every study:
they are found by name and slug, created when missing and brought up to the archive's
details when found; the translations of an institute's or a tag's name are created or
brought up to the archive's, and those the archive does not have are kept (another
study's archive may hold them).
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from positions.exchange import archive
from positions.exchange.archive import Problem, Refused
from positions.exchange.plans import ChapterPlan, PaperPlan, PointPlan, StudyPlan, TranslationPlan
from positions.exchange.reading import Reader
from positions.history.revisions import REASON_LENGTH
from positions.models import (
    Author,
    Authorship,
    Chapter,
    ChapterTranslation,
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
)
from positions.models.translation import text_digest

__all__ = ["Imported", "Problem", "Refused", "import_limits", "import_study", "validate_upload"]

ACTIONS = {
    "created": gettext_lazy("created"),
    "changed": gettext_lazy("changed"),
    "deleted": gettext_lazy("deleted"),
}
TAG_LISTS = gettext_lazy("tag lists")


@dataclass
class Imported:
    """What an import did."""

    study: Study
    created: bool
    # ("created", "papers") → 8, ("deleted", "chapters") → 1: the names of the things
    # in the language of the interface.
    changes: Counter = field(default_factory=Counter)
    # What the site could not keep, such as a translator with no account here.
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Say what changed: "papers created: 8; points changed: 2"."""
        if not self.changes:
            return _("nothing changed")
        return "; ".join(
            _("%(things)s %(action)s: %(count)d")
            % {"things": things, "action": ACTIONS[action], "count": count}
            for (action, things), count in sorted(
                self.changes.items(), key=lambda item: (item[0][0], str(item[0][1]))
            )
        )


# Writing


class Writer:
    """Writes a checked `StudyPlan`: creates what is new, saves what changed, deletes
    what the archive no longer has. Every save and deletion is in the history."""

    def __init__(self, plan: StudyPlan, *, user: User | None, reason: str) -> None:
        self.plan = plan
        self.user = user
        self.reason = reason[:REASON_LENGTH]
        self.changes: Counter = Counter()
        self.notes: list[str] = []
        self.translators: dict[str, Any] = {}

    def mark(self, obj: Any) -> None:
        """Name the import as the reason of `obj`'s change, and the person who made it,
        in its history (django-simple-history's attributes, which have no types)."""
        obj._change_reason = self.reason
        if self.user is not None:
            obj._history_user = self.user

    def put[M: models.Model](
        self, model: type[M], existing: M | None, values: dict[str, Any], **lookup: Any
    ) -> M:
        """Create `existing` from `lookup` and `values`, or save it with `values` when
        they differ from what it holds. An object that holds them is not saved."""
        if existing is None:
            obj = model(**lookup, **values)
            action = "created"
        else:
            obj = existing
            changed = [name for name, value in values.items() if getattr(obj, name) != value]
            if not changed:
                return obj
            for name in changed:
                setattr(obj, name, values[name])
            if hasattr(obj, "version"):
                # Editors who opened it before the import cannot save over it.
                obj.version += 1
            action = "changed"
        self.mark(obj)
        obj.save()
        self.changes[(action, str(model._meta.verbose_name_plural))] += 1
        return obj

    def delete(self, obj: models.Model) -> None:
        self.mark(obj)
        obj.delete()
        self.changes[("deleted", str(type(obj)._meta.verbose_name_plural))] += 1

    def write(self, study: Study | None) -> Study:
        plan = self.plan
        Person = get_user_model()
        usernames = {
            translation.translator
            for translation in self.all_translations()
            if translation.translator
        }
        self.translators = {
            user.get_username(): user
            for user in Person._default_manager.filter(
                **{f"{Person.USERNAME_FIELD}__in": usernames}
            )
        }
        institutes = {
            institute.name: self.put(
                Institute,
                Institute.objects.filter(name=institute.name).first(),
                {
                    "abbreviation": institute.abbreviation,
                    "country": institute.country,
                    "language": institute.language,
                },
                name=institute.name,
            )
            for institute in plan.institutes
        }
        for name, institute in institutes.items():
            self.write_translations(
                institute.translations.all(),
                plan.institute_translations.get(name, []),
                InstituteTranslation,
                lambda t: t.language,
                lambda t: {"name": t.name, "abbreviation": t.abbreviation},
                keep_others=True,
                institute=institute,
            )
        study = self.put(
            Study,
            study,
            {
                name: getattr(plan.study, name)
                for name in (
                    "title",
                    "period",
                    "published_on",
                    "dates_precision",
                    "language",
                    "introduction",
                    "demonstration",
                    "notice",
                )
            },
            slug=plan.study.slug,
        )
        self.write_translations(
            study.translations.all(),
            plan.translations,
            StudyTranslation,
            lambda t: t.language,
            lambda t: {"title": t.title, "introduction": t.introduction},
            study=study,
        )
        sides = self.write_sides(study, institutes)
        for position, side in sides.items():
            self.write_translations(
                side.translations.all(),
                plan.side_translations.get(position, []),
                SideTranslation,
                lambda t: t.language,
                lambda t: {"label": t.label},
                side=side,
            )
        existing_authors = {
            author.slug: author
            for author in Author.objects.filter(slug__in=[a.slug for a, _i in plan.authors])
        }
        authors = {
            author.slug: self.put(
                Author,
                existing_authors.get(author.slug),
                {
                    "name": author.name,
                    "family_name": author.family_name,
                    "name_original": author.name_original,
                    "family_name_original": author.family_name_original,
                    "name_language": author.name_language,
                    "biography": author.biography,
                    "institute_id": institutes[institute].pk if institute else None,
                },
                slug=author.slug,
            )
            for author, institute in plan.authors
        }
        chapters = {chapter.number: chapter for chapter in study.chapters.all()}
        numbers = {chapter_plan.chapter.number for chapter_plan in plan.chapters}
        for number, chapter in sorted(chapters.items()):
            if number not in numbers:
                self.delete(chapter)
        for chapter_plan in plan.chapters:
            self.write_chapter(
                study, chapters.get(chapter_plan.chapter.number), chapter_plan, sides, authors
            )
        # After the chapters: their tags are made with them.
        for name, translations in plan.tag_translations.items():
            tag = Tag.objects.get(name__iexact=name)
            self.write_translations(
                tag.translations.all(),
                translations,
                TagTranslation,
                lambda t: t.language,
                lambda t: {"name": t.name},
                keep_others=True,
                tag=tag,
            )
        return study

    def all_translations(self) -> list[TranslationPlan]:
        plan = self.plan
        found = list(plan.translations)
        for plans in [
            *plan.side_translations.values(),
            *plan.institute_translations.values(),
            *plan.tag_translations.values(),
        ]:
            found += plans
        for chapter in self.plan.chapters:
            found += chapter.translations
            for paper in chapter.papers:
                found += paper.translations
            for point in chapter.points:
                found += point.translations
        return found

    def write_sides(self, study: Study, institutes: dict[str, Institute]) -> dict[int, Side]:
        existing = {side.position: side for side in study.sides.all()}
        wanted = {side.position: side.slug for side in self.plan.sides}
        for position, side in existing.items():
            if side.slug != wanted[position] and side.slug in wanted.values():
                # The sides swap slugs: free them first, as (study, slug) is unique.
                Side.objects.filter(pk=side.pk).update(slug=f"{side.slug}-{position}-")
                side.slug = f"{side.slug}-{position}-"
        return {
            side.position: self.put(
                Side,
                existing.get(side.position),
                {
                    "slug": side.slug,
                    "label": side.label,
                    "language": side.language,
                    "institute_id": institutes[side.institute_name].pk,
                },
                study=study,
                position=side.position,
            )
            for side in self.plan.sides
        }

    def write_chapter(
        self,
        study: Study,
        chapter: Chapter | None,
        plan: ChapterPlan,
        sides: dict[int, Side],
        authors: dict[str, Author],
    ) -> None:
        source = plan.chapter
        new = chapter is None
        chapter = self.put(
            Chapter,
            chapter,
            {
                "title": source.title,
                "summary": source.summary,
                "order": source.order,
                "status": source.status,
                "published_on": source.published_on,
            },
            study=study,
            number=source.number,
        )
        self.set_tags(chapter, plan.tags, new=new)
        self.write_translations(
            chapter.translations.all(),
            plan.translations,
            ChapterTranslation,
            lambda t: t.language,
            lambda t: {"title": t.title, "summary": t.summary},
            chapter=chapter,
        )
        # Papers first: the points cite their passages.
        papers = {paper.side.position: paper for paper in chapter.papers.select_related("side")}
        wanted = {paper_plan.side_position for paper_plan in plan.papers}
        for position, paper in sorted(papers.items()):
            if position not in wanted:
                self.delete(paper)
        for paper_plan in plan.papers:
            self.write_paper(
                chapter, papers.get(paper_plan.side_position), paper_plan, sides, authors
            )
        points = {point.slug: point for point in chapter.points.all()}
        slugs = {point_plan.point.slug for point_plan in plan.points}
        for slug, point in sorted(points.items()):
            if slug not in slugs:
                self.delete(point)
        for point_plan in plan.points:
            self.write_point(chapter, points.get(point_plan.point.slug), point_plan)

    def write_paper(
        self,
        chapter: Chapter,
        paper: Paper | None,
        plan: PaperPlan,
        sides: dict[int, Side],
        authors: dict[str, Author],
    ) -> None:
        source = plan.paper
        values = {
            "title": source.title,
            "language": source.language,
            "abstract": source.abstract,
            "body": source.body,
            "status": source.status,
            "published_on": source.published_on,
        }
        if paper is not None and paper.status != source.status:
            values["status_changed"] = timezone.now()
        new = paper is None
        paper = self.put(Paper, paper, values, chapter=chapter, side=sides[plan.side_position])
        self.set_tags(paper, plan.tags, new=new)
        # The authors, in order.
        authorships = {authorship.author_id: authorship for authorship in paper.authorships.all()}
        wanted = [authors[slug] for slug in plan.authors]
        for author_id, authorship in authorships.items():
            if author_id not in {author.pk for author in wanted}:
                self.delete(authorship)
        for order, author in enumerate(wanted, start=1):
            self.put(
                Authorship,
                authorships.get(author.pk),
                {"order": order},
                paper=paper,
                author=author,
            )
        self.write_translations(
            paper.translations.all(),
            plan.translations,
            PaperTranslation,
            lambda t: t.language,
            lambda t: {"title": t.title, "abstract": t.abstract, "body": t.body},
            paper=paper,
        )

    def write_point(self, chapter: Chapter, point: Point | None, plan: PointPlan) -> None:
        source = plan.point
        new = point is None
        point = self.put(
            Point,
            point,
            {
                name: getattr(source, name)
                for name in (
                    "question",
                    "agreement",
                    "first_stance",
                    "first_passage",
                    "second_stance",
                    "second_passage",
                    "order",
                )
            },
            chapter=chapter,
            slug=source.slug,
        )
        self.set_tags(point, plan.tags, new=new)
        self.write_translations(
            point.translations.all(),
            plan.translations,
            PointTranslation,
            lambda t: (t.language, t.part),
            lambda t: {"text": t.text},
            point=point,
        )

    def write_translations(
        self,
        current: Any,
        plans: list[TranslationPlan],
        model: type[Translation],
        # Each given a translation of `model`.
        key: Callable[[Any], Any],
        texts: Callable[[Any], dict[str, str]],
        *,
        keep_others: bool = False,
        **original: models.Model,
    ) -> None:
        """Bring the translations of an original to `plans`: those it lacks are deleted,
        unless `keep_others` (for the names that every study shares)."""
        existing = {key(translation): translation for translation in current}
        wanted = {key(plan.translation) for plan in plans}
        for translation_key, translation in sorted(existing.items()):
            if translation_key not in wanted and not keep_others:
                self.delete(translation)
        for plan in plans:
            source = plan.translation
            lookup = {"language": source.language, **original}
            if isinstance(source, PointTranslation):
                lookup["part"] = source.part
            translation = existing.get(key(source))
            self.put(
                model,
                translation,
                {**texts(source), **self.provenance(translation, plan, lookup)},
                **lookup,
            )

    def provenance(
        self, translation: Translation | None, plan: TranslationPlan, lookup: dict[str, Any]
    ) -> dict[str, Any]:
        """The translator, the original's date, and whether it follows the original.

        A translation that follows the original records the original's latest revision
        (its texts are the ones just imported); one that does not keeps the revision
        it was made from when it had one here, and otherwise names none.
        """
        translator = self.translators.get(plan.translator) if plan.translator else None
        if plan.translator and translator is None:
            message = _(
                "the translator “%(username)s” has no account on this site: the "
                "translation keeps no translator"
            )
            self.notes.append(f"{plan.where}: {message % {'username': plan.translator}}")
        values: dict[str, Any] = {
            "translator_id": translator.pk if translator else None,
            "source_date": plan.source_date,
        }
        # The imported texts, on the original as it is saved now.
        probe = type(plan.translation)(**lookup)
        original = probe.original
        digest = text_digest(*probe.original_texts())
        if plan.follows_original:
            if translation is None or translation.source_digest != digest:
                latest = original.history.order_by("-history_id").values_list(
                    "history_id", flat=True
                )
                values["source_digest"] = digest
                values["source_history_id"] = latest.first()
        elif translation is None or translation.source_digest == digest:
            values["source_digest"] = ""
            values["source_history_id"] = None
        return values

    def set_tags(self, obj: Chapter | Paper | Point, names: list[str], *, new: bool) -> None:
        """Give `obj` exactly the tags `names`, told apart without regard to case."""
        if new:
            if names:
                obj.tags.set(names)
            return
        current = {name.casefold() for name in obj.tags.names()}
        if current == {name.casefold() for name in names}:
            return
        obj.tags.set(names)
        self.changes[("changed", str(TAG_LISTS))] += 1


def validate_upload(upload: File) -> None:
    """Refuse an upload larger than an archive may be, before anything opens it (a form
    field's validator)."""
    problem = archive.archive_size_problem(upload.size)
    if problem is not None:
        raise ValidationError(problem, code="too_large")


def import_limits() -> dict[str, str]:
    """The limits an archive is held to, as numbers to show: megabytes and counts."""
    return {
        "archive": number_format(archive.MAX_ARCHIVE_BYTES // archive.MB),
        "unpacked": number_format(archive.MAX_UNPACKED_BYTES // archive.MB),
        "files": number_format(archive.MAX_FILES, force_grouping=True),
        "study_file": number_format(archive.MAX_STUDY_FILE_BYTES // archive.MB),
        "paper_file": number_format(archive.MAX_PAPER_FILE_BYTES // archive.MB),
    }


def read(file: IO[bytes], problems: archive.Problems) -> StudyPlan | None:
    """Read and check the archive `file` into a plan, adding every problem found to
    `problems`; None when it cannot be read far enough to make one.

    Raises TooManyProblems when `problems` is full: the check stops there.
    """
    files, found = archive.read_zip(file)
    # Added one by one, to stop at MAX_PROBLEMS like the rest.
    for problem in found:
        problems.append(problem)
    if problems and not files:
        return None
    return Reader(files, problems).read()


def import_study(
    file: IO[bytes],
    *,
    replace: bool = False,
    user: User | None = None,
    reason: str = "Imported",
) -> Imported:
    """Import the study archive `file`, or raise Refused with every problem found.

    With `replace`, a study of the same slug is replaced (see the module's docstring);
    without it, its existence is a problem. `user` and `reason` are recorded in the
    history of everything saved or deleted. All is one transaction: nothing is written
    unless all is.
    """
    found = archive.Problems()
    try:
        plan = read(file, found)
    except archive.TooManyProblems:
        raise Refused(found.stopped()) from None
    # Past the check, a list that stops at nothing.
    problems = list(found)
    if plan is None:
        raise Refused(problems)
    existing = Study.objects.filter(slug=plan.study.slug).first()
    if existing is not None and not replace:
        problems.append(
            Problem(
                archive.STUDY_FILE,
                _(
                    "a study with the slug “%(slug)s” is already on this site: choose to "
                    "replace it, or change the slug"
                )
                % {"slug": plan.study.slug},
                code="exists",
            )
        )
    if problems:
        raise Refused(problems)
    writer = Writer(plan, user=user, reason=reason)
    try:
        with transaction.atomic():
            if existing is not None:
                # Waits for, then holds off, any other import of the same study.
                existing = Study.objects.select_for_update().get(pk=existing.pk)
            study = writer.write(existing)
    except (DatabaseError, ValidationError) as error:
        raise Refused(
            [Problem("", _("the archive could not be written: %(error)s") % {"error": error})]
        ) from error
    return Imported(
        study=study, created=existing is None, changes=writer.changes, notes=writer.notes
    )
