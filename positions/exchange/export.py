"""Write a study into an archive (see `positions.exchange.archive` for the format).

What is written is the study's text and what it needs to stand on another site: its
sides and their institutes, the authors of its papers, its chapters with their
papers, points, tags, statuses and publication dates, and every translation with
its provenance (language, translator's username, the date of the original it was
made from, and whether it still follows the original), the names' too: the study's
title and introduction, the sides' labels, the institutes' names and the tags'. The
team, the discussion, who is editing what, the history and the workflow's steps stay
on the site: see README, *Export, import, backup and restore*.
"""

from typing import Any

from django.db.models import Prefetch

from positions.exchange import archive
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
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
    Translation,
    tags_by_object,
)


def tag_names(tags: list[Any]) -> list[str]:
    return sorted((tag.name for tag in tags), key=lambda name: (name.casefold(), name))


def provenance(translation: Translation) -> dict[str, Any]:
    """Who made a translation, from which version of the original, and whether the
    original is still as it was then."""
    translator = translation.translator
    return {
        "translator": translator.get_username() if translator is not None else None,
        "source_date": (
            archive.as_utc(translation.source_date) if translation.source_date else None
        ),
        "follows_original": translation.is_current,
    }


def grouped[T: Translation](
    model: type[T], original: str, originals: dict[int, Any]
) -> dict[int, list[T]]:
    """The translations of `originals` (by id) by the id of their original, each list
    by language. Runs one query: each is given its original, which `provenance` reads."""
    found: dict[int, list[T]] = {}
    translations = model._default_manager.filter(**{f"{original}__in": list(originals)})
    for translation in translations.select_related("translator").order_by("language"):
        pk = getattr(translation, f"{original}_id")
        setattr(translation, original, originals[pk])
        found.setdefault(pk, []).append(translation)
    return found


def study_chapters(study: Study) -> list[Chapter]:
    """Return the study's chapters by number, with everything an archive holds.

    Runs nine queries, whatever the size of the study.
    """
    authorships = Authorship.objects.select_related("author__institute").order_by("order", "pk")
    paper_translations = PaperTranslation.objects.select_related("translator").order_by("language")
    papers = (
        Paper.objects.select_related("side")
        .order_by("side__position")
        .prefetch_related(
            Prefetch("authorships", queryset=authorships),
            Prefetch("translations", queryset=paper_translations),
        )
    )
    point_translations = PointTranslation.objects.select_related("translator").order_by(
        "language", "part"
    )
    points = Point.objects.order_by("order", "pk").prefetch_related(
        Prefetch("translations", queryset=point_translations)
    )
    chapter_translations = ChapterTranslation.objects.select_related("translator").order_by(
        "language"
    )
    return list(
        study.chapters.order_by("number").prefetch_related(
            Prefetch("papers", queryset=papers),
            Prefetch("points", queryset=points),
            Prefetch("translations", queryset=chapter_translations),
        )
    )


def export_study(study: Study) -> bytes:
    """Return the study as a zip archive: the same bytes for the same study.

    Runs thirteen queries, whatever the size of the study.
    """
    sides = list(study.sides.select_related("institute").order_by("position"))
    side_translations = grouped(SideTranslation, "side", {side.pk: side for side in sides})
    chapters = study_chapters(study)
    papers = [paper for chapter in chapters for paper in chapter.papers.all()]
    points = [point for chapter in chapters for point in chapter.points.all()]
    tags = tags_by_object(chapters=chapters, papers=papers, points=points)

    authors: dict[str, Author] = {}
    for paper in papers:
        for authorship in paper.authorships.all():
            authors[authorship.author.slug] = authorship.author
    institutes: dict[str, Institute] = {side.institute.name: side.institute for side in sides}
    for author in authors.values():
        if author.institute is not None:
            institutes[author.institute.name] = author.institute
    institute_translations = grouped(
        InstituteTranslation, "institute", {i.pk: i for i in institutes.values()}
    )
    # The tags the study uses, by id.
    used = {tag.pk: tag for found in tags.values() for tag in found}
    tag_translations = grouped(TagTranslation, "tag", used)

    files: list[tuple[str, bytes]] = []
    chapter_entries = []
    for chapter in chapters:
        paper_entries = []
        for paper in chapter.papers.all():
            path = archive.paper_path(chapter.number, paper.side.slug)
            files.append((path, paper_file(paper, tags[("paper", paper.pk)])))
            translation_paths = []
            for translation in paper.translations.all():
                translation_path = archive.paper_path(
                    chapter.number, paper.side.slug, translation.language
                )
                files.append((translation_path, paper_translation_file(translation)))
                translation_paths.append(translation_path)
            paper_entries.append(
                {"side": paper.side.slug, "file": path, "translations": translation_paths}
            )
        chapter_entries.append(
            {
                "number": chapter.number,
                "theme": chapter.title,
                "summary": chapter.summary,
                "order": chapter.order,
                "status": chapter.status,
                "published_on": chapter.published_on,
                "tags": tag_names(tags[("chapter", chapter.pk)]),
                "translations": [
                    {
                        "language": translation.language,
                        "theme": translation.title,
                        "summary": translation.summary,
                        **provenance(translation),
                    }
                    for translation in chapter.translations.all()
                ],
                "papers": paper_entries,
                "points": [point_entry(point, tags) for point in chapter.points.all()],
            }
        )

    manifest = {
        "format": archive.FORMAT,
        "study": {
            "slug": study.slug,
            "title": study.title,
            "period": study.period,
            "published_on": study.published_on,
            "dates_precision": str(study.dates_precision),
            "language": study.language,
            "introduction": study.introduction,
            "demonstration": study.demonstration,
            "notice": study.notice,
            "translations": [
                {
                    "language": translation.language,
                    "title": translation.title,
                    "introduction": translation.introduction,
                    **provenance(translation),
                }
                for translation in grouped(StudyTranslation, "study", {study.pk: study}).get(
                    study.pk, []
                )
            ],
        },
        "institutes": [
            {
                "name": institute.name,
                "abbreviation": institute.abbreviation,
                "country": institute.country,
                "language": institute.language,
                "translations": [
                    {
                        "language": translation.language,
                        "name": translation.name,
                        "abbreviation": translation.abbreviation,
                        **provenance(translation),
                    }
                    for translation in institute_translations.get(institute.pk, [])
                ],
            }
            for _name, institute in sorted(institutes.items())
        ],
        "sides": [
            {
                "position": side.position,
                "slug": side.slug,
                "label": side.label,
                "language": side.language,
                "institute": side.institute.name,
                "translations": [
                    {
                        "language": translation.language,
                        "label": translation.label,
                        **provenance(translation),
                    }
                    for translation in side_translations.get(side.pk, [])
                ],
            }
            for side in sides
        ],
        "authors": [
            {
                "slug": author.slug,
                "name": author.name,
                "family_name": author.family_name,
                "name_original": author.name_original,
                "family_name_original": author.family_name_original,
                "name_language": author.name_language,
                "institute": author.institute.name if author.institute else None,
                "biography": author.biography,
            }
            for _slug, author in sorted(authors.items())
        ],
        "chapters": chapter_entries,
        # Tags are shared by every study: the names in other languages of those this
        # study uses, where it has any.
        "tags": [
            {
                "name": tag.name,
                "translations": [
                    {
                        "language": translation.language,
                        "name": translation.name,
                        **provenance(translation),
                    }
                    for translation in tag_translations[pk]
                ],
            }
            for pk, tag in sorted(
                used.items(), key=lambda item: (item[1].name.casefold(), item[1].name)
            )
            if pk in tag_translations
        ],
    }
    study_file = (archive.STUDY_FILE, archive.dump_yaml(manifest).encode())
    return archive.write_zip([study_file, *files])


def point_entry(point: Point, tags: dict) -> dict[str, Any]:
    return {
        "slug": point.slug,
        "question": point.question,
        "agreement": point.agreement,
        "first_stance": point.first_stance,
        "first_passage": point.first_passage,
        "second_stance": point.second_stance,
        "second_passage": point.second_passage,
        "order": point.order,
        "tags": tag_names(tags[("point", point.pk)]),
        "translations": [
            {
                "language": translation.language,
                "part": translation.part,
                "text": translation.text,
                **provenance(translation),
            }
            for translation in point.translations.all()
        ],
    }


def paper_file(paper: Paper, tags: list[Any]) -> bytes:
    front = {
        "title": paper.title,
        "language": paper.language,
        "status": paper.status,
        "published_on": paper.published_on,
        "authors": [authorship.author.slug for authorship in paper.authorships.all()],
        "tags": tag_names(tags),
        "abstract": paper.abstract,
    }
    return archive.write_markdown(front, paper.body).encode()


def paper_translation_file(translation: PaperTranslation) -> bytes:
    front = {
        "language": translation.language,
        "title": translation.title,
        **provenance(translation),
        "abstract": translation.abstract,
    }
    return archive.write_markdown(front, translation.body).encode()
