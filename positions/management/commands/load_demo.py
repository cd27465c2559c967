"""Load the demonstration study (positions/demo/study.py) into the database.

Safe to run again: objects are found by their natural keys and brought back to the
demo text, and an object that already matches is not saved at all. The history it
writes carries the demo's date (`demo.HISTORY_DATE`), not the moment it ran, and so do
the translations' "from the version of" dates, which are the originals' revisions'.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.db.models import Max
from simple_history.signals import pre_create_historical_record
from taggit.models import Tag

from positions import roles
from positions.demo import study as demo
from positions.demo import translations as demo_translations
from positions.models import (
    Author,
    Authorship,
    Chapter,
    ChapterTranslation,
    Institute,
    InstituteTranslation,
    Membership,
    Paper,
    PaperTranslation,
    Point,
    PointTranslation,
    Role,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
    Translation,
)

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"
# One account per role of the demo study, for trying each: username, role, side slug.
# Each password is the username. Local use only, like the admin.
TEAM = [
    ("chief", Role.CHIEF_EDITOR, None),
    ("nids-editor", Role.SIDE_EDITOR, "nids"),
    ("cmss-editor", Role.SIDE_EDITOR, "cmss-gs"),
    ("reviewer", Role.REVIEWER, None),
]


def sync[M: models.Model](model: type[M], *, lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Return the object found by `lookup`, created or updated to hold `values`.

    Unlike `update_or_create`, an object that already holds the values is not saved,
    so a second run leaves even the `updated` timestamps alone. Every object that is
    saved is validated first (`full_clean`), so the models' rules apply to demo data.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif all(getattr(obj, name) == value for name, value in values.items()):
        return obj
    else:
        for name, value in values.items():
            setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def sync_translation[T: Translation](
    model: type[T], *, lookup: dict[str, Any], values: dict[str, Any]
) -> T:
    """Like `sync`, for a translation: one that is new, changed or out of date is
    recorded as following the original as it is now."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    elif obj.is_current and all(getattr(obj, name) == value for name, value in values.items()):
        return obj
    else:
        for name, value in values.items():
            setattr(obj, name, value)
    obj.follow_original()
    obj.full_clean()
    obj.save()
    return obj


@contextmanager
def history_dated(moment: datetime.datetime) -> Iterator[None]:
    """Date every historical record written inside the block to `moment`, or to the
    object's latest revision where that is later, so that its history stays in order.

    A receiver rather than `_history_date` on each object: taggit writes the tags and
    tagged items itself. Runs one query per historical record written.
    """

    def date(sender: type[models.Model], history_instance: Any, **kwargs: Any) -> None:
        pk = kwargs["instance"]._meta.pk.attname
        latest = sender._default_manager.filter(**{pk: getattr(history_instance, pk)}).aggregate(
            latest=Max("history_date")
        )["latest"]
        history_instance.history_date = max(moment, latest) if latest else moment

    pre_create_historical_record.connect(date, weak=False, dispatch_uid="load_demo")
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(dispatch_uid="load_demo")


def paper_texts(chapter_number: int, side: Side, english: dict[str, str]) -> dict[str, dict]:
    """A demo paper's texts by language, its original first: in its side's language
    where the demo has it (every chapter now), else in English."""
    translated = demo_translations.CHAPTERS.get(chapter_number, {}).get("papers", {})
    # The side the preface speaks of, not for, has its note in every language.
    reading = english["body"].startswith(demo.READING_NOTE)
    texts = {
        language: {
            **paper,
            "body": demo_translations.paper_body(language, paper["body"], reading=reading),
        }
        for language, paper in translated.get(side.slug, {}).items()
    }
    english = {key: english[key] for key in ("title", "abstract", "body")}
    if side.language in texts:
        return {side.language: texts.pop(side.language), "en": english, **texts}
    return {"en": english, **texts}


def load_translations(chapter: Chapter, points: list[Point]) -> None:
    """The demo's translations of the chapter's theme and its points, if it has any."""
    texts = demo_translations.CHAPTERS.get(chapter.number)
    if texts is None:
        return
    for language, values in texts["chapter"].items():
        sync_translation(
            ChapterTranslation, lookup={"chapter": chapter, "language": language}, values=values
        )
    for point in points:
        for language, parts in texts["points"][point.slug].items():
            for part in PointTranslation.Part:
                if parts[part]:
                    sync_translation(
                        PointTranslation,
                        lookup={"point": point, "language": language, "part": part},
                        values={"text": parts[part]},
                    )


def load_study() -> Study:
    """Create or restore the demo study, its sides, authors, chapters, papers and points.

    Runs a few queries per object: meant for a command, not a request.
    """
    study = sync(
        Study,
        lookup={"slug": demo.STUDY["slug"]},
        values={key: value for key, value in demo.STUDY.items() if key != "slug"},
    )
    sides: dict[str, Side] = {}
    for side in demo.SIDES:
        institute = sync(
            Institute,
            lookup={"name": side["institute"]["name"]},
            values={
                "abbreviation": side["institute"]["abbreviation"],
                "country": side["institute"]["country"],
                "language": side["institute"]["language"],
            },
        )
        sides[side["slug"]] = sync(
            Side,
            lookup={"study": study, "position": side["position"]},
            values={
                "institute": institute,
                "label": side["label"],
                "language": side["language"],
                "slug": side["slug"],
            },
        )
    authors = {
        slug: sync(
            Author,
            lookup={"slug": slug},
            values={
                "name": author["name"],
                "family_name": author["family_name"],
                "name_original": author["name_original"],
                "family_name_original": author["family_name_original"],
                "name_language": author["name_language"],
                "institute": sides[author["side"]].institute,
                "biography": demo.FICTIONAL_BIOGRAPHY,
            },
        )
        for slug, author in demo.AUTHORS.items()
    }
    for data in demo.CHAPTERS:
        chapter = sync(
            Chapter,
            lookup={"study": study, "number": data["number"]},
            values={
                "title": data["title"],
                "summary": data["summary"],
                "order": data["number"],
                # The report as it was published: no sign-off steps here, its dates.
                "status": Chapter.Status.PUBLISHED,
                "published_on": demo.PUBLISHED_ON,
            },
        )
        chapter.tags.set(data["tags"])
        # Papers first: a point's passages are checked against its chapter's papers.
        for side_slug, paper_data in data["papers"].items():
            # Summaries written for the demo, not the sides' texts: in English and in
            # the sides' languages, each side's as its original.
            texts = paper_texts(data["number"], sides[side_slug], paper_data)
            language, original = next(iter(texts.items()))
            paper = sync(
                Paper,
                lookup={"chapter": chapter, "side": sides[side_slug]},
                values={
                    **original,
                    "language": language,
                    "status": Paper.Status.PUBLISHED,
                    "status_changed": demo.HISTORY_DATE,
                    "published_on": demo.PUBLISHED_ON,
                },
            )
            paper.tags.set(paper_data["tags"])
            set_authors(paper, [authors[slug] for slug in paper_data["authors"]])
            for other, translation in list(texts.items())[1:]:
                sync_translation(
                    PaperTranslation,
                    lookup={"paper": paper, "language": other},
                    values=translation,
                )
        points = []
        for order, point_data in enumerate(data["points"], start=1):
            point = sync(
                Point,
                lookup={"chapter": chapter, "slug": point_data["slug"]},
                values={
                    "question": point_data["question"],
                    "agreement": point_data["agreement"],
                    "first_stance": point_data["first"],
                    "first_passage": point_data["first_passage"],
                    "second_stance": point_data["second"],
                    "second_passage": point_data["second_passage"],
                    "order": order,
                },
            )
            point.tags.set(point_data["tags"])
            points.append(point)
        load_translations(chapter, points)
    load_names(study, sides)
    return study


def load_names(study: Study, sides: dict[str, Side]) -> None:
    """The demo's translations of the study's title and introduction, the sides' labels,
    the institutes' names and every tag the demo uses."""
    for language, values in demo_translations.STUDY.items():
        sync_translation(
            StudyTranslation, lookup={"study": study, "language": language}, values=values
        )
    for slug, side in sides.items():
        for language, label in demo_translations.SIDES[slug].items():
            sync_translation(
                SideTranslation,
                lookup={"side": side, "language": language},
                values={"label": label},
            )
        for language, values in demo_translations.INSTITUTES[slug].items():
            sync_translation(
                InstituteTranslation,
                lookup={"institute": side.institute, "language": language},
                values=values,
            )
    for tag in Tag.objects.filter(name__in=demo_tags()).order_by("name"):
        # A tag the demo uses without a translation fails here, loudly.
        for language, name in demo_translations.TAGS[tag.name].items():
            sync_translation(
                TagTranslation, lookup={"tag": tag, "language": language}, values={"name": name}
            )


def demo_tags() -> set[str]:
    """The names of the tags on the demo's chapters, papers and points."""
    return {
        name
        for chapter in demo.CHAPTERS
        for tagged in [chapter, *chapter["papers"].values(), *chapter["points"]]
        for name in tagged["tags"]
    }


def set_authors(paper: Paper, authors: list[Author]) -> None:
    """Make `authors`, in this order, the paper's only authors."""
    paper.authorships.exclude(author__in=authors).delete()
    for order, author in enumerate(authors, start=1):
        sync(Authorship, lookup={"paper": paper, "author": author}, values={"order": order})


class Command(BaseCommand):
    help = (
        "Load the demonstration study (the NIDS–CMSS GS joint research on security in "
        "the Asia-Pacific) or bring it back to the demo text. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--create-team",
            action="store_true",
            help=(
                "Also create one account per role of the demo study ("
                + ", ".join(name for name, _role, _side in TEAM)
                + "), each with its username as password. Only for local use: refused "
                "unless DEBUG is on."
            ),
        )
        parser.add_argument(
            "--create-admin",
            action="store_true",
            help=(
                f"Also create a superuser “{ADMIN_USERNAME}” with password "
                f"“{ADMIN_PASSWORD}” if missing. Only for local use: refused unless DEBUG "
                "is on."
            ),
        )

    def handle(self, *args: Any, create_admin: bool, create_team: bool, **options: Any) -> None:
        if (create_admin or create_team) and not settings.DEBUG:
            raise CommandError(
                "--create-admin and --create-team are only for local use: they make "
                "accounts with well-known passwords. Run with DEBUG=true, or use "
                "createsuperuser and assign roles in the admin."
            )
        with transaction.atomic():
            with history_dated(demo.HISTORY_DATE):
                study = load_study()
            if create_admin:
                self.create_admin()
            if create_team:
                self.create_team(study)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded study “{study.title}” ({study.slug}): "
                f"{study.chapters.count()} chapters, {study.papers.count()} papers, "
                f"{Point.objects.filter(chapter__study=study).count()} points."
            )
        )

    def create_team(self, study: Study) -> None:
        User = get_user_model()
        created = []
        for username, role, side_slug in TEAM:
            user = User._default_manager.filter(username=username).first()
            if user is None:
                user = User._default_manager.create_user(username=username, password=username)
                created.append(username)
            side = study.sides.get(slug=side_slug) if side_slug else None
            Membership.objects.update_or_create(
                study=study, user=user, defaults={"role": role, "side": side}
            )
            roles.sync_staff_access(user)
        if created:
            self.stdout.write(
                "Created accounts for local use, each with its username as password: "
                + ", ".join(created)
                + "."
            )

    def create_admin(self) -> None:
        User = get_user_model()
        if User._default_manager.filter(username=ADMIN_USERNAME).exists():
            self.stdout.write(
                f"User “{ADMIN_USERNAME}” already exists; its password was left as it is."
            )
            return
        User._default_manager.create_superuser(
            username=ADMIN_USERNAME, email="", password=ADMIN_PASSWORD
        )
        self.stdout.write(
            f"Created superuser for local use. Sign in at /admin/ as "
            f"“{ADMIN_USERNAME}” with password “{ADMIN_PASSWORD}”."
        )
