"""Exporting a study: `manage.py export_study`, the archive's layout, and the round trip."""

import datetime
import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from positions.exchange import archive
from positions.exchange.export import export_study
from positions.models import (
    Agreement,
    Author,
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
)
from tests.exchange_archives import import_bytes, manifest, unpack, wipe
from tests.helpers import grow_chapter

DEMO_FILES = ["study.yaml"] + [
    f"chapters/{number:02}/{name}"
    for number in (1, 2, 3, 4)
    for name in (
        "nids.md",
        "nids.en.md",
        "nids.ru.md",
        "cmss-gs.md",
        "cmss-gs.en.md",
        "cmss-gs.ja.md",
    )
]


def test_the_archive_holds_study_yaml_then_each_paper_and_its_translations(demo: Study) -> None:
    with zipfile.ZipFile(io.BytesIO(export_study(demo))) as packed:
        assert packed.namelist() == DEMO_FILES


def test_every_file_is_dated_1980_with_mode_0644_and_nothing_else(demo: Study) -> None:
    with zipfile.ZipFile(io.BytesIO(export_study(demo))) as packed:
        assert packed.comment == b""
        for info in packed.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644
            assert info.create_system == 3
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.extra == b""
            assert info.comment == b""


def test_exporting_again_gives_the_same_bytes_after_saves_that_change_no_text(
    demo: Study,
) -> None:
    first = export_study(demo)
    # Saving moves `updated` and adds revisions; none of it is in the archive.
    for paper in Paper.objects.all():
        paper.save()
    for point in Point.objects.all():
        point.save()
    assert export_study(Study.objects.get(pk=demo.pk)) == first


def test_study_yaml_holds_the_study_its_sides_institutes_authors_and_chapters(
    demo: Study,
) -> None:
    data = manifest(unpack(export_study(demo)))
    assert list(data) == ["format", "study", "institutes", "sides", "authors", "chapters", "tags"]
    assert data["format"] == 1
    assert data["study"]["slug"] == "asia-pacific"
    assert data["study"]["introduction"] == demo.introduction
    assert [side["slug"] for side in data["sides"]] == ["nids", "cmss-gs"]
    assert data["sides"][0]["institute"] == "National Institute for Defense Studies"
    assert [institute["abbreviation"] for institute in data["institutes"]] == ["CMSS GS", "NIDS"]
    assert [author["slug"] for author in data["authors"]] == [
        "dmitri-sokolov",
        "hanako-sato",
        "kenji-watanabe",
        "olga-ivanova",
    ]
    first = data["chapters"][0]
    assert first["number"] == 1
    assert first["status"] == "published"
    assert first["published_on"] == datetime.date(2007, 3, 1)
    assert first["papers"][0] == {
        "side": "nids",
        "file": "chapters/01/nids.md",
        "translations": ["chapters/01/nids.en.md", "chapters/01/nids.ru.md"],
    }
    assert {translation["language"] for translation in first["translations"]} == {"ja", "ru"}
    sco = next(p for c in data["chapters"] for p in c["points"] if p["slug"] == "sco")
    assert sco["agreement"] == "one_side"
    assert "SCO" in sco["tags"]
    assert sco["first_passage"] == Point.objects.get(slug="sco").first_passage


def test_authors_are_written_with_their_family_names_in_both_scripts(demo: Study) -> None:
    authors = {author["slug"]: author for author in manifest(unpack(export_study(demo)))["authors"]}
    assert authors["hanako-sato"] == {
        "slug": "hanako-sato",
        "name": "Hanako Sato",
        "family_name": "Sato",
        "name_original": "佐藤花子",
        "family_name_original": "佐藤",
        "name_language": "ja",
        "institute": "National Institute for Defense Studies",
        "biography": Author.objects.get(slug="hanako-sato").biography,
    }
    assert authors["olga-ivanova"]["family_name_original"] == "Иванова"


def test_no_database_ids_versions_or_timestamps_of_the_site_are_written(demo: Study) -> None:
    files = unpack(export_study(demo))
    keys: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, dict):
            keys.update(value)
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(manifest(files))
    for name, content in files.items():
        if name.endswith(".md"):
            front, _body = archive.read_markdown(content.decode())
            collect(front)
    assert not keys & {"id", "pk", "created", "updated", "version", "status_changed"}
    assert not keys & {"source_history_id", "source_digest", "body_html", "passages"}


def test_a_paper_file_has_front_matter_then_its_markdown(demo: Study) -> None:
    paper = Paper.objects.get(chapter__number=3, side__slug="nids")
    text = unpack(export_study(demo))["chapters/03/nids.md"].decode()
    front, body = archive.read_markdown(text)
    assert text.startswith("---\ntitle: ")
    assert body == paper.body
    assert front == {
        "title": paper.title,
        "language": paper.language,
        "status": "published",
        "published_on": datetime.date(2007, 3, 1),
        "authors": ["hanako-sato", "kenji-watanabe"],
        "tags": ["China", "missile defense", "SCO", "terrorism"],
        "abstract": paper.abstract,
    }


def test_a_translation_keeps_its_translator_source_date_and_whether_it_follows(
    demo: Study,
) -> None:
    translator = User.objects.create_user("yuki")
    translation = PaperTranslation.objects.get(
        paper__chapter__number=1, paper__side__slug="nids", language="en"
    )
    translation.translator = translator
    translation.save()
    # The original changes after the translation was made: it no longer follows.
    paper = translation.paper
    paper.abstract += " Revised."
    paper.save()

    text = unpack(export_study(demo))[f"chapters/01/{paper.side.slug}.en.md"].decode()
    front, body = archive.read_markdown(text)
    assert front["language"] == "en"
    assert front["translator"] == "yuki"
    assert front["source_date"] == translation.source_date
    assert front["source_date"].tzinfo is not None
    assert front["follows_original"] is False
    assert body == translation.body


def test_the_command_writes_the_archive_and_says_what_it_holds(demo: Study, tmp_path) -> None:
    out = StringIO()
    target = tmp_path / "asia-pacific.zip"
    call_command("export_study", "asia-pacific", str(target), stdout=out)
    assert target.read_bytes() == export_study(demo)
    assert "4 chapters, 8 papers, 13 points" in out.getvalue()
    assert not [path for path in tmp_path.iterdir() if path != target]  # no temporary left


def test_the_command_refuses_an_unknown_study(demo: Study, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No study has the slug “nowhere”"):
        call_command("export_study", "nowhere", str(tmp_path / "x.zip"))
    assert not (tmp_path / "x.zip").exists()


def test_export_runs_the_same_number_of_queries_for_a_larger_study(demo: Study) -> None:
    with CaptureQueriesContext(connection) as small:
        export_study(demo)
    grow_chapter(Chapter.objects.get(study=demo, number=2), points=40, tags=8)
    with CaptureQueriesContext(connection) as large:
        export_study(demo)
    assert len(large.captured_queries) == len(small.captured_queries) <= 13


# The round trip: export, import into an empty database, export again.


def test_the_demo_study_comes_back_byte_for_byte(demo: Study) -> None:
    exported = export_study(demo)
    wipe()
    assert not Study.objects.exists() and not Author.objects.exists()

    imported = import_bytes(exported)

    assert imported.created
    assert export_study(imported.study) == exported
    sato = Author.objects.get(slug="hanako-sato")
    assert (sato.family_name, sato.family_name_original) == ("Sato", "佐藤")
    # What the site makes from the texts is made again.
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    assert paper.body_html and paper.passages
    assert all(t.is_current for t in PaperTranslation.objects.all())
    assert all(t.is_current for t in PointTranslation.objects.all())


def names() -> list[tuple]:
    """Every translation of a name, with what an archive keeps of it."""
    found = []
    for model in [StudyTranslation, SideTranslation, InstituteTranslation, TagTranslation]:
        for translation in model.objects.select_related("translator"):
            found.append(
                (
                    model.__name__,
                    translation.original_texts()[0],
                    translation.language,
                    *(getattr(translation, name) for name in translation.original_fields()),
                    translation.translator.username if translation.translator else None,
                    translation.source_date,
                    translation.is_current,
                )
            )
    return sorted(found, key=repr)


def test_the_names_translations_and_an_institutes_language_come_back(demo: Study) -> None:
    yuki = User.objects.create_user("yuki")
    Institute.objects.filter(abbreviation="CMSS GS").update(language="en-GB")
    # Out of date: the label changed after it was translated.
    Side.objects.filter(slug="nids").update(label="Japan side")
    tag = TagTranslation.objects.get(tag__name="SCO", language="ja")
    tag.translator = yuki
    tag.save()
    before = names()
    assert len(before) == 2 + 4 + 4 + 22
    assert [current for *_rest, current in before].count(False) == 2
    exported = export_study(demo)
    data = manifest(unpack(exported))
    assert [i["language"] for i in data["institutes"]] == ["en-GB", "en"]
    assert [t["language"] for t in data["study"]["translations"]] == ["ja", "ru"]
    assert data["sides"][0]["translations"][0] == {
        "language": "ja",
        "label": "日本",
        "translator": None,
        "source_date": datetime.datetime(2007, 3, 1, 12, 0, tzinfo=datetime.UTC),
        "follows_original": False,
    }
    assert len(data["tags"]) == 11
    wipe()
    assert not Tag.objects.exists() and not TagTranslation.objects.exists()

    imported = import_bytes(exported)

    assert export_study(imported.study) == exported
    assert names() == before
    assert Institute.objects.get(abbreviation="CMSS GS").language == "en-GB"


def test_the_dates_of_record_of_a_study_published_years_ago_come_back(demo: Study) -> None:
    Study.objects.filter(pk=demo.pk).update(published_on=datetime.date(2012, 5, 1))
    Chapter.objects.filter(study=demo, number=2).update(published_on=datetime.date(2012, 3, 1))
    demo.refresh_from_db()
    exported = export_study(demo)
    assert manifest(unpack(exported))["study"]["published_on"] == datetime.date(2012, 5, 1)
    wipe()

    imported = import_bytes(exported)

    assert imported.study.published_on == datetime.date(2012, 5, 1)
    chapter = imported.study.chapters.get(number=2)
    assert chapter.published_on == datetime.date(2012, 3, 1)
    assert export_study(imported.study) == exported


def test_drafts_one_sided_points_and_out_of_date_translations_come_back_too(
    demo: Study,
) -> None:
    """A study in the middle of its work, with every kind of value the archive holds."""
    User.objects.create_user("yuki")
    chapter = Chapter.objects.get(study=demo, number=4)
    chapter.status = Chapter.Status.DRAFT
    chapter.tags.set([])
    chapter.save()
    statuses = {"nids": Paper.Status.APPROVED, "cmss-gs": Paper.Status.DRAFT}
    for paper in chapter.papers.select_related("side"):
        paper.status = statuses[paper.side.slug]
        paper.language = ""
        paper.body += "\nA line with trailing spaces   \n\n\tand a tab; ---\n---\n"
        paper.save()
    Paper.objects.filter(chapter=chapter, side__slug="cmss-gs").update(published_on=None)
    Author.objects.filter(slug="olga-ivanova").update(
        institute=None, name_original="", family_name_original=""
    )
    ChapterTranslation.objects.create(
        chapter=chapter, language="fr", title="Vers la sécurité collective", summary=""
    )
    out_of_date = ChapterTranslation.objects.get(chapter__number=1, language="ja")
    out_of_date.translator = User.objects.get(username="yuki")
    out_of_date.save()
    Chapter.objects.filter(pk=out_of_date.chapter_id).update(summary="Changed since.")
    one_side = Point.objects.create(
        chapter=chapter,
        question="A question only Russia raises: “quoted”, with a colon",
        slug="only-russia",
        first_stance="",
        second_stance="Multi-line\nstance: with — dashes\n",
        second_passage="p2",
        agreement=Agreement.ONE_SIDE,
        order=0,
    )
    one_side.tags.set(["yes", "2007-03-30", "null"])
    exported = export_study(demo)

    wipe()
    imported = import_bytes(exported)

    assert export_study(imported.study) == exported
    chapter = Chapter.objects.get(number=4)
    assert chapter.status == Chapter.Status.DRAFT
    papers = {p.side.slug: p for p in chapter.papers.select_related("side")}
    assert papers["nids"].status == Paper.Status.APPROVED
    assert papers["cmss-gs"].status == Paper.Status.DRAFT
    assert papers["cmss-gs"].published_on is None
    translation = ChapterTranslation.objects.get(chapter__number=1, language="ja")
    assert not translation.is_current
    assert translation.translator.username == "yuki"
    assert set(Point.objects.get(slug="only-russia").tags.names()) == {"yes", "2007-03-30", "null"}
    assert yaml.safe_load(unpack(exported)["study.yaml"])["format"] == 1
