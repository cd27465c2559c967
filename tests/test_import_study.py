"""Importing a study: `manage.py import_study`, every refusal, and replacing a study.

Each refusal test checks that the problem is named and that the database is exactly
as it was (`snapshot`): nothing is written unless the whole archive is right.
"""

import copy
import io
import os
import struct
import tracemalloc
import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from taggit.models import Tag

from positions.exchange import archive, importer
from positions.exchange.export import export_study
from positions.models import (
    Author,
    Chapter,
    ChapterTranslation,
    InstituteTranslation,
    Paper,
    PaperTag,
    PaperTranslation,
    Point,
    PointTranslation,
    Role,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
)
from tests.exchange_archives import (
    MB,
    chapter,
    demo_archive,  # noqa: F401 (a fixture)
    import_bytes,
    load_demo,
    manifest,
    pack,
    point,
    refusal,
    snapshot,
    unpack,
    with_items,
    with_manifest,
    with_paper,
    with_text,
)
from tests.helpers import member

# The demo's point on which both sides state their stances and disagree.
CSM = "collective-security-mechanism"


@pytest.fixture
def files(demo_archive: bytes) -> dict[str, bytes]:  # noqa: F811
    return unpack(demo_archive)


def refused_on_an_empty_site(content: bytes, **options: Any) -> list[str]:
    """Import into an empty database, expecting a refusal that writes nothing."""
    before = snapshot()
    problems = refusal(content, **options)
    assert snapshot() == before
    return problems


def has(problems: list[str], *parts: str) -> bool:
    return any(all(part in problem for part in parts) for problem in problems)


# Importing


def test_it_imports_the_study_into_an_empty_site(db, demo_archive: bytes) -> None:  # noqa: F811
    imported = import_bytes(demo_archive, reason="Imported from asia-pacific.zip")

    study = imported.study
    assert imported.created
    assert study.slug == "asia-pacific"
    assert study.chapters.count() == 4
    assert Paper.objects.filter(study=study).count() == 8
    assert Point.objects.filter(chapter__study=study).count() == 13
    # Every chapter in Japanese and Russian: each paper in two more languages, the
    # theme, and each point's question and stances.
    assert PaperTranslation.objects.count() == 16
    assert ChapterTranslation.objects.count() == 8
    assert PointTranslation.objects.count() == 64
    paper = Paper.objects.get(chapter__number=3, side__slug="nids")
    assert list(paper.authors.values_list("slug", flat=True)) == ["hanako-sato", "kenji-watanabe"]
    assert set(paper.tags.names()) == {"China", "SCO", "terrorism", "missile defense"}
    assert paper.status == Paper.Status.PUBLISHED and paper.render_problems == []
    # Each object has its first revision, saying where it came from.
    record = paper.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason == "Imported from asia-pacific.zip"
    assert imported.summary().startswith("authors created: 4;")


def test_an_archive_without_family_names_imports_with_none(db, files) -> None:
    """Archives exported before authors had family names still import."""

    def forget(data: dict) -> None:
        for author in data["authors"]:
            del author["family_name"], author["family_name_original"]

    import_bytes(pack(with_manifest(files, forget)))
    assert set(Author.objects.values_list("family_name", "family_name_original")) == {("", "")}


def test_an_import_is_recorded_as_the_person_who_made_it(
    db,
    demo_archive: bytes,  # noqa: F811
) -> None:
    admin = User.objects.create_superuser("admin", password="a-long-test-password")
    imported = import_bytes(demo_archive, user=admin)
    assert imported.study.history.get().history_user == admin


def test_a_translator_without_an_account_here_is_noted_and_left_out(db, files) -> None:
    def name_translator(data: dict) -> None:
        chapter(data, 1)["translations"][0]["translator"] = "yuki"

    imported = import_bytes(pack(with_manifest(files, name_translator)))

    assert ChapterTranslation.objects.get(chapter__number=1, language="ja").translator is None
    assert has(imported.notes, "“yuki” has no account on this site")


def test_a_translator_with_an_account_here_is_kept(db, files) -> None:
    yuki = User.objects.create_user("yuki")
    content = with_text(
        files,
        "chapters/01/nids.en.md",
        lambda text: text.replace("translator: null", "translator: yuki"),
    )
    imported = import_bytes(pack(content))
    translation = PaperTranslation.objects.get(
        paper__chapter__number=1, paper__side__slug="nids", language="en"
    )
    assert translation.translator == yuki
    assert imported.notes == []


def test_the_command_imports_and_says_what_it_did(db, demo_archive: bytes, tmp_path) -> None:  # noqa: F811
    path = tmp_path / "asia-pacific.zip"
    path.write_bytes(demo_archive)
    out = StringIO()
    call_command("import_study", str(path), stdout=out)
    assert "Imported “Japan–Russia Joint Research" in out.getvalue()
    assert "papers created: 8" in out.getvalue()
    assert (
        Study.objects.get().history.get().history_change_reason == "Imported from asia-pacific.zip"
    )


def test_the_command_lists_every_problem_and_fails(db, files, tmp_path: Path) -> None:
    broken = dict(files)
    del broken["chapters/02/nids.md"]
    broken["notes.txt"] = b"remember"
    path = tmp_path / "broken.zip"
    path.write_bytes(pack(broken))
    with pytest.raises(CommandError) as error:
        call_command("import_study", str(path))
    message = str(error.value)
    # Only the two problems: not what follows from the missing paper as well.
    assert f"{path} was not imported, nothing was changed. 2 problems:" in message
    assert "- chapters/02/nids.md: this file is missing from the archive" in message
    assert "- notes.txt: this file is not listed in study.yaml" in message
    assert not Study.objects.exists()


# Refused: the zip itself


def test_a_file_that_is_not_a_zip_is_refused(db) -> None:
    problems = refused_on_an_empty_site(b"study: not a zip")
    assert problems == ["This is not a zip archive, or it is damaged."]


def test_an_archive_without_study_yaml_is_refused(db, files) -> None:
    del files["study.yaml"]
    problems = refused_on_an_empty_site(pack(files))
    assert problems == ["study.yaml: this file is missing from the archive"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../outside.md", "the name holds “..”"),
        ("chapters/../../outside.md", "the name holds “..”"),
        ("/etc/passwd", "the name is an absolute path"),
        ("C:/Windows/win.ini", "the name is an absolute path"),
        ("chapters\\01\\nids.md", "backslash"),
        ("chapters//01.md", "empty folder name"),
    ],
)
def test_a_file_name_that_leaves_the_archive_is_refused(db, files, name: str, problem: str) -> None:
    files[name] = b"---\ntitle: x\n---\n"
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, name, problem)


def test_two_files_of_the_same_name_are_refused(db, files) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as packed, pytest.warns(UserWarning, match="Duplicate"):
        for name, content in files.items():
            packed.writestr(name, content)
        packed.writestr("chapters/02/nids.md", b"---\ntitle: Another\n---\n")
    problems = refused_on_an_empty_site(buffer.getvalue())
    assert has(problems, "chapters/02/nids.md", "two files of this name")


def test_a_link_is_refused(db, files) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as packed:
        for name, content in files.items():
            packed.writestr(name, content)
        link = zipfile.ZipInfo("chapters/02/notes.md")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        packed.writestr(link, b"/etc/passwd")
    problems = refused_on_an_empty_site(buffer.getvalue())
    assert has(problems, "chapters/02/notes.md", "a link or a special file")


def test_an_archive_declaring_more_than_the_limit_is_refused_unread(db, files, monkeypatch) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1024 * 1024)
    files["chapters/02/padding.md"] = b"\0" * (2 * 1024 * 1024)  # packs to 2 KB
    content = pack(files)
    assert len(content) < 100_000
    read = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kwargs: read.append(args))
    problems = refused_on_an_empty_site(content)
    assert problems == ["The archive would unpack to 3 MB; at most 1 MB are accepted."]
    assert read == []


def test_a_zip_bomb_that_lies_about_its_sizes_is_stopped_at_what_it_declares(db) -> None:
    """A 50 MB file of zeros packs to 50 KB; its headers here claim 100 bytes."""
    content = pack({"study.yaml": b"\0" * (50 * 1024 * 1024)})
    forged = bytearray(content)
    local = forged.index(b"PK\x03\x04")
    struct.pack_into("<I", forged, local + 22, 100)
    central = forged.index(b"PK\x01\x02")
    struct.pack_into("<I", forged, central + 24, 100)

    tracemalloc.start()
    try:
        problems = refused_on_an_empty_site(bytes(forged))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert problems == ["study.yaml: this file is damaged and cannot be read"]
    assert peak < 5 * 1024 * 1024  # the 50 MB were never unpacked


def test_reading_stops_once_the_bytes_read_pass_the_limit(db, files, monkeypatch) -> None:
    """Whatever the zip declares, no more than the limit is ever read."""
    files["chapters/02/padding.md"] = b"\0" * (256 * 1024)
    content = pack(files)
    declared = sum(len(data) for data in files.values())
    # The zip declares less than the limit; the limit shrinks before the reads.
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", declared)
    real_read_member = archive._read_member
    monkeypatch.setattr(
        archive,
        "_read_member",
        lambda packed, info, budget: real_read_member(packed, info, budget - declared // 2),
    )
    problems = refused_on_an_empty_site(content)
    assert has(problems, "unpacks to more than")


def test_an_archive_larger_than_the_limit_is_refused(db, files, monkeypatch) -> None:
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", 1024 * 1024)
    files["chapters/02/noise.md"] = os.urandom(1024 * 1024)  # does not pack smaller
    problems = refused_on_an_empty_site(pack(files))
    assert problems == ["The archive is 2 MB; at most 1 MB are accepted."]


def test_an_archive_of_too_many_files_is_refused(db, files, monkeypatch) -> None:
    monkeypatch.setattr(archive, "MAX_FILES", 5)
    problems = refused_on_an_empty_site(pack(files))
    assert problems == ["The archive holds 25 files; at most 5 are accepted."]


def test_a_file_larger_than_its_kind_may_be_is_refused_unread(db, files, monkeypatch) -> None:
    """study.yaml may be 16 MB, a paper or translation 1 MB: judged by the declared sizes."""
    # The finding: a 20 MB introduction made a 20 MB study page.
    files["study.yaml"] = (b"format: 1\nstudy:\n  introduction: " + b"x" * (20 * MB))[: 20 * MB]
    files["chapters/02/nids.md"] = files["chapters/02/nids.md"].ljust(2 * MB, b"\n")
    read = []
    real_read_member = archive._read_member
    monkeypatch.setattr(
        archive,
        "_read_member",
        lambda packed, info, budget: (
            read.append(info.filename) or real_read_member(packed, info, budget)
        ),
    )
    content = pack(files)
    assert len(content) < 200_000

    problems = refused_on_an_empty_site(content)

    assert problems == [
        "study.yaml: this file is 20.0 MB; study.yaml may be at most 16 MB",
        "chapters/02/nids.md: this file is 2.0 MB; a paper's or a translation's file may be "
        "at most 1 MB",
    ]
    assert "study.yaml" not in read and "chapters/02/nids.md" not in read
    assert "chapters/02/cmss-gs.md" in read


def test_a_paper_a_byte_over_the_limit_is_not_said_to_be_at_it(db, files) -> None:
    files["chapters/02/nids.md"] = files["chapters/02/nids.md"].ljust(MB + 1, b"\n")
    problems = refused_on_an_empty_site(pack(files))
    assert problems == [
        "chapters/02/nids.md: this file is 1.1 MB; a paper's or a translation's file may be "
        "at most 1 MB"
    ]


def test_a_paper_that_unpacks_to_more_than_it_declares_is_damaged_not_missing(db, files) -> None:
    """5 MB of zeros whose headers declare 100 bytes: no more than 100 are unpacked."""
    name = b"chapters/02/nids.md"
    files[name.decode()] = b"\0" * (5 * MB)
    forged = bytearray(pack(files))
    local = forged.index(name) - 30
    central = forged.index(name, local + 31) - 46
    assert forged[local : local + 4] == b"PK\x03\x04"
    assert forged[central : central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", forged, local + 22, 100)
    struct.pack_into("<I", forged, central + 24, 100)

    problems = refused_on_an_empty_site(bytes(forged))

    # Nothing else: not "missing", and the passages its points cite are not checked.
    assert problems == ["chapters/02/nids.md: this file is damaged and cannot be read"]


def test_an_archive_declaring_too_many_files_is_refused_before_its_list_is_read(
    db, monkeypatch
) -> None:
    content = pack({f"chapters/{index}.md": b"" for index in range(archive.MAX_FILES + 1)})
    listed = []
    monkeypatch.setattr(
        zipfile.ZipFile, "_RealGetContents", lambda self: listed.append(self) or 1 / 0
    )
    problems = refused_on_an_empty_site(content)
    assert problems == ["The archive holds 2001 files; at most 2000 are accepted."]
    assert listed == []


def test_an_archive_whose_list_of_files_is_too_long_is_refused_before_it_is_read(
    db, monkeypatch
) -> None:
    """1,500 files, fewer than the limit, but with names of 1,400 characters."""
    content = pack({f"{index:04d}{'x' * 1396}.md": b"" for index in range(1500)})
    listed = []
    monkeypatch.setattr(
        zipfile.ZipFile, "_RealGetContents", lambda self: listed.append(self) or 1 / 0
    )
    problems = refused_on_an_empty_site(content)
    assert problems == [
        "The archive's list of files is 2.1 MB long; an archive may hold at most 2,000 files, "
        "whose list is far shorter."
    ]
    assert listed == []


def test_millions_of_yaml_items_in_a_small_archive_are_refused_before_they_are_built(
    db, files, monkeypatch
) -> None:
    """The finding: 2,000,000 items, 8 MB, took a minute and 1.3 GB to be refused."""
    content = pack(with_items(files, 2_000_000))
    assert len(content) < 100_000
    built = []
    monkeypatch.setattr(yaml, "load", lambda *args, **kwargs: built.append(args))

    tracemalloc.start()
    try:
        problems = refused_on_an_empty_site(content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert problems == [
        "study.yaml: the YAML holds more than 300,000 items (keys, values, lists and "
        "mappings), the most it may hold"
    ]
    assert built == []
    # The 8 MB of text, read and decoded; not a Python object for each item.
    assert peak < 48 * MB


def test_study_yaml_at_its_limit_of_items_is_read(db, files) -> None:
    """The limit is the most items accepted: at it, the chapters are read and checked."""
    problems = refused_on_an_empty_site(pack(with_items(files, archive.MAX_STUDY_ITEMS - 5)))
    assert has(problems, "chapter 1", "should be a mapping")
    assert not has(problems, "items")


def test_front_matter_of_too_many_items_is_refused(db, files) -> None:
    def name_many_authors(front: dict, body: str) -> None:
        front["authors"] = [f"author-{index}" for index in range(1000)]

    problems = refused_on_an_empty_site(
        pack(with_paper(files, "chapters/02/nids.md", name_many_authors))
    )
    assert has(
        problems,
        "chapters/02/nids.md: the YAML holds more than 1,000 items (keys, values, lists and "
        "mappings), the most it may hold",
    )
    # Refused before any author was looked up.
    assert not has(problems, "author-")


def test_the_check_stops_after_200_problems(db, files) -> None:
    problems = refused_on_an_empty_site(pack(with_items(files, 1000)))
    assert len(problems) == 201
    assert problems[-1] == "The check stopped after 200 problems; there may be more."
    assert has(problems[:-1], "study.yaml, chapter 1", "should be a mapping")


def test_yaml_is_read_with_libyaml_where_pyyaml_has_it() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    assert issubclass(archive._Loader, yaml.CSafeLoader)


@pytest.mark.parametrize(
    ("change", "where", "limit"),
    [
        (
            lambda f: with_manifest(f, lambda d: d["study"].update(introduction="x" * 50_001)),
            "study.yaml, study, introduction",
            50_000,
        ),
        (
            lambda f: with_manifest(f, lambda d: chapter(d, 2).update(summary="x" * 20_001)),
            "study.yaml, chapter 2, summary",
            20_000,
        ),
        (
            lambda f: with_manifest(
                f, lambda d: chapter(d, 1)["translations"][0].update(summary="x" * 20_001)
            ),
            "study.yaml, chapter 1, translation “ja”, summary",
            20_000,
        ),
        (
            lambda f: with_manifest(f, lambda d: point(d, CSM).update(first_stance="x" * 10_001)),
            f"study.yaml, chapter 4, point “{CSM}”, first_stance",
            10_000,
        ),
        (
            lambda f: with_manifest(f, lambda d: point(d, CSM).update(second_stance="x" * 10_001)),
            f"study.yaml, chapter 4, point “{CSM}”, second_stance",
            10_000,
        ),
        (
            lambda f: with_manifest(
                f, lambda d: point(d, "new-threats")["translations"][0].update(text="x" * 10_001)
            ),
            "study.yaml, chapter 1, point “new-threats”, translation “ja/first”, text",
            10_000,
        ),
        (
            lambda f: with_paper(f, "chapters/03/nids.md", lambda front, body: "x" * 200_001),
            "chapters/03/nids.md, body",
            200_000,
        ),
        (
            lambda f: with_paper(
                f, "chapters/03/nids.md", lambda front, body: front.update(abstract="x" * 10_001)
            ),
            "chapters/03/nids.md, abstract",
            10_000,
        ),
        (
            lambda f: with_paper(f, "chapters/01/nids.en.md", lambda front, body: "x" * 200_001),
            "chapters/01/nids.en.md, body",
            200_000,
        ),
        (
            lambda f: with_paper(
                f,
                "chapters/01/nids.en.md",
                lambda front, body: front.update(abstract="x" * 10_001),
            ),
            "chapters/01/nids.en.md, abstract",
            10_000,
        ),
    ],
)
def test_a_text_over_its_limit_is_refused_naming_its_file_and_field(
    db, files, change: Any, where: str, limit: int
) -> None:
    problems = refused_on_an_empty_site(pack(change(files)))
    # Only that: an over-long paper is not rendered, so its passages are not judged.
    assert problems == [
        f"{where}: Ensure this value has at most {limit} characters (it has {limit + 1})."
    ]


def test_the_command_refuses_an_archive_too_large_unopened(
    db, files, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", MB)
    monkeypatch.setattr(zipfile, "ZipFile", lambda *args, **kwargs: 1 / 0)
    path = tmp_path / "large.zip"
    path.write_bytes(os.urandom(2 * MB))
    with pytest.raises(CommandError) as error:
        call_command("import_study", str(path))
    assert f"{path} was not imported, nothing was changed. 1 problem:" in str(error.value)
    assert "- The archive is 2 MB; at most 1 MB are accepted." in str(error.value)
    assert not Study.objects.exists()


def test_the_command_refuses_millions_of_yaml_items(db, files, tmp_path: Path) -> None:
    path = tmp_path / "items.zip"
    path.write_bytes(pack(with_items(files, 2_000_000)))
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("import_study", str(path))
    assert "- study.yaml: the YAML holds more than 300,000 items" in str(error.value)
    assert snapshot() == before


# Refused: the files and what they say


def test_a_missing_paper_file_is_refused(db, files) -> None:
    del files["chapters/02/nids.md"]
    problems = refused_on_an_empty_site(pack(files))
    assert problems == ["chapters/02/nids.md: this file is missing from the archive"]


def test_a_file_study_yaml_does_not_list_is_refused(db, files) -> None:
    files["chapters/02/nids.fr.md"] = files["chapters/01/nids.en.md"]
    problems = refused_on_an_empty_site(pack(files))
    assert problems == ["chapters/02/nids.fr.md: this file is not listed in study.yaml"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("chapters: [\n", "not valid YAML: "),
        ("format: 1\nformat: 1\n", "the key “format” appears twice"),
        ("format: &a 1\nstudy: *a\n", "aliases (*name) are not allowed"),
        ("- a list\n", "should be a mapping of keys to values"),
        ("format: 2\n", "this archive is in format 2; this site reads format 1"),
        ("format: 1\nstudy: 0000-01-01\n", "year 0 is out of range"),
        # libyaml stops at 1,000 levels, PyYAML's own loader at Python's recursion limit.
        ("format: " + "[" * 5000, "nest"),
        ("format: " + "[" * 21 + "]" * 21, "nested too deeply: more than 20 levels"),
        ("format: !!python/object:os.system x\n", "could not determine a constructor"),
    ],
)
def test_malformed_study_yaml_is_refused(db, files, text: str, problem: str) -> None:
    files["study.yaml"] = text.encode()
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, "study.yaml", problem)


def test_study_yaml_that_is_not_utf8_is_refused(db, files) -> None:
    files["study.yaml"] = "format: 1\ntitle: Безопасность\n".encode("cp1251")
    assert refused_on_an_empty_site(pack(files)) == ["study.yaml: this file is not UTF-8 text"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda text: text.removeprefix("---\n"), "must start with front matter"),
        (lambda text: text.replace("\n---\n", "\n", 1), "no closing"),
        (lambda text: text.replace("title: ", "title: [", 1), "not valid YAML"),
        (
            lambda text: text.replace("status: published", "status: [published]"),
            "“status” should be text",
        ),
        (
            lambda text: text.replace("language: ja\n", "language: ja\nsubtitle: x\n"),
            "unknown keys: subtitle",
        ),
        (lambda text: text.replace("title: ", "heading: ", 1), "“title” is missing"),
    ],
)
def test_malformed_front_matter_is_refused(db, files, change: Any, problem: str) -> None:
    files = with_text(files, "chapters/01/nids.md", change)
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, "chapters/01/nids.md", problem), problems


def test_an_unknown_side_is_refused(db, files) -> None:
    def misname(data: dict) -> None:
        chapter(data, 2)["papers"][0]["side"] = "nid"

    problems = refused_on_an_empty_site(pack(with_manifest(files, misname)))
    assert has(
        problems, "chapter 2, paper", "unknown side “nid”: the study's sides are nids, cmss-gs"
    )
    # Its files are not reported as extra as well.
    assert not has(problems, "not listed")


def test_a_duplicate_chapter_number_is_refused(db, files) -> None:
    def renumber(data: dict) -> None:
        chapter(data, 3)["number"] = 2

    problems = refused_on_an_empty_site(pack(with_manifest(files, renumber)))
    assert has(problems, "study.yaml: the chapter number 2 is given 2 times")


def test_duplicates_within_a_chapter_and_a_paper_are_refused(db, files) -> None:
    def duplicate(data: dict) -> None:
        points = chapter(data, 3)["points"]
        points.append(copy.deepcopy(points[0]))
        point(data, "sco")["tags"] = ["SCO", "sco"]

    files = with_text(
        with_manifest(files, duplicate),
        "chapters/03/nids.md",
        lambda text: text.replace("authors:\n", "authors:\n- kenji-watanabe\n"),
    )
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, "chapter 3", "the point “china-russia-partnership” is listed 2 times")
    assert has(problems, "point “sco”", "the tag “sco” is given 2 times")
    assert has(problems, "chapters/03/nids.md", "the author “kenji-watanabe” is listed 2 times")


def test_a_tag_without_a_letter_or_digit_is_refused(db, files) -> None:
    # The forms' rule: such a tag's page would have no address, and every page listing
    # it failed.
    def punctuation(data: dict) -> None:
        point(data, "sco")["tags"] = ["SCO", "!!"]
        chapter(data, 3)["tags"] = [">"]

    problems = refused_on_an_empty_site(pack(with_manifest(files, punctuation)))
    assert has(problems, "point “sco”", "“!!” cannot be a tag")
    assert has(problems, "chapter 3", "“>” cannot be a tag")
    assert not Tag.objects.filter(name__in=["!!", ">"]).exists()


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (lambda d: d["study"].update(slug="not a slug"), "study, slug", "valid “slug”"),
        (lambda d: d["study"].update(language="English"), "study, language", "language code"),
        (lambda d: d["sides"][0].update(position=3), "side 1, position", "not a valid choice"),
        (lambda d: chapter(d, 2).update(theme="x" * 301), "chapter 2, theme", "at most 300"),
        (lambda d: chapter(d, 2).update(theme=""), "chapter 2, theme", "cannot be blank"),
        (
            lambda d: chapter(d, 2).update(order=-1),
            "chapter 2, order",
            "greater than or equal to 0",
        ),
        (
            lambda d: point(d, "sco").update(agreement="maybe"),
            "point “sco”, agreement",
            "not a valid choice",
        ),
        (
            lambda d: point(d, CSM).update(agreement="one_side"),
            f"point “{CSM}”",
            "exactly one side",
        ),
        (
            lambda d: point(d, CSM).update(second_stance=""),
            f"point “{CSM}”",
            "Both sides need a stance",
        ),
        (
            lambda d: d["authors"][0].update(name_language="Russian"),
            "author 1, name_language",
            "language code",
        ),
        (
            lambda d: d["authors"][0].update(family_name="Petrov"),
            "author 1, family_name",
            "at the start or the end of the name",
        ),
        (
            lambda d: d["authors"][0].update(family_name_original="Петр"),
            "author 1, family_name_original",
            "at the start or the end of the name",
        ),
    ],
)
def test_what_the_models_do_not_accept_is_refused(
    db, files, change: Any, where: str, problem: str
) -> None:
    problems = refused_on_an_empty_site(pack(with_manifest(files, change)))
    assert has(problems, where, problem), problems


def test_a_passage_the_paper_does_not_have_is_refused(db, files) -> None:
    problems = refused_on_an_empty_site(
        pack(with_manifest(files, lambda d: point(d, "sco").update(first_passage="p99")))
    )
    assert has(problems, "point “sco”, first_passage", "“p99” is not a passage of")


def test_a_passage_of_a_paper_whose_text_no_longer_has_it_is_refused(db, files) -> None:
    """The paper's Markdown is rendered to check the passages, not taken on trust."""
    sco = point(manifest(files), "sco")
    files = with_text(
        files,
        "chapters/03/nids.md",
        lambda text: text.split("\n---\n", 1)[0] + "\n---\nOne paragraph only.\n",
    )
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, "point “sco”, first_passage", f"“{sco['first_passage']}” is not a passage")


def test_unknown_authors_institutes_and_keys_are_refused(db, files) -> None:
    def confuse(data: dict) -> None:
        data["sides"][1]["institute"] = "Nowhere Institute"
        data["authors"][0]["institute"] = "Elsewhere"
        data["authors"].append({"slug": "ghost", "name": "Nobody"})
        chapter(data, 2)["colour"] = "blue"
        chapter(data, 2)["order"] = "second"

    files = with_text(
        with_manifest(files, confuse),
        "chapters/02/nids.md",
        lambda text: text.replace("authors:\n", "authors:\n- someone-else\n"),
    )
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, "side 2", "the institute “Nowhere Institute” is not listed")
    assert has(problems, "author 1", "the institute “Elsewhere” is not listed")
    assert has(problems, "author “ghost”", "no paper names this author")
    assert has(problems, "chapter 2", "unknown keys: colour")
    assert has(problems, "chapter 2", "“order” should be a whole number")
    assert has(problems, "chapters/02/nids.md", "the author “someone-else” is not listed")


def test_a_published_chapter_needs_both_papers_published(db, files) -> None:
    files = with_text(
        files,
        "chapters/02/cmss-gs.md",
        lambda text: text.replace("status: published", "status: approved"),
    )
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, "chapter 2", "the cmss-gs paper must be published")


def test_a_published_paper_needs_a_date_and_a_published_chapter(db, files) -> None:
    def unpublish(data: dict) -> None:
        chapter(data, 2).update(status="draft")
        chapter(data, 3).update(published_on=None)

    problems = refused_on_an_empty_site(pack(with_manifest(files, unpublish)))
    assert has(problems, "chapter 2", "the nids paper is published but its chapter is not")
    assert has(problems, "chapter 3", "published, so it needs published_on")


def test_a_translation_into_the_original_language_is_refused(db, files) -> None:
    def translate_into_english(data: dict) -> None:
        chapter(data, 1)["translations"][0]["language"] = "en"
        point(data, "sco")["translations"] = [
            {"language": "ja", "part": "third", "text": "三"},
        ]

    files = with_text(
        with_manifest(files, translate_into_english),
        "chapters/01/nids.en.md",
        lambda text: text.replace("language: en", "language: ja"),
    )
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, "chapter 1, translation “en”", "the language the study is written in")
    assert has(problems, "chapters/01/nids.en.md", "the language the paper is written in")
    assert has(problems, "chapters/01/nids.en.md", "should be the file “chapters/01/nids.ja.md”")
    assert has(problems, "point “sco”, translation “ja/third”, part", "not a valid choice")


def test_names_translated_into_their_own_language_or_of_unused_tags_are_refused(db, files) -> None:
    def confuse(data: dict) -> None:
        data["study"]["translations"][0]["language"] = "en"
        data["sides"][1]["translations"][1]["language"] = "ja"
        data["institutes"][0]["translations"][0]["language"] = "en"
        data["tags"][0]["translations"][0]["language"] = "en"
        data["tags"].append({"name": "Arctic", "translations": []})

    problems = refused_on_an_empty_site(pack(with_manifest(files, confuse)))
    assert has(problems, "study, translation “en”", "the language the study is written in")
    assert has(problems, "side 2", "the translation into “ja” is given 2 times")
    assert has(problems, "institute 1, translation “en”", "the language the name is written in")
    assert has(problems, "tag “alliances”, translation “en”", "the language tags are named in")
    assert has(problems, "tag “Arctic”", "no chapter, paper or point of the study has this tag")


def test_an_archive_without_names_translations_imports(db, files) -> None:
    def forget(data: dict) -> None:
        del data["tags"]
        data["study"].pop("translations")
        for entry in [*data["sides"], *data["institutes"]]:
            entry.pop("translations")
        for institute in data["institutes"]:
            institute.pop("language")

    study = import_bytes(pack(with_manifest(files, forget))).study
    assert not study.translations.exists()
    assert {side.institute.language for side in study.sides.select_related("institute")} == {"en"}


def test_replacing_keeps_the_translations_of_shared_names_the_archive_lacks(demo: Study) -> None:
    def forget(data: dict) -> None:
        del data["tags"]
        for entry in [data["study"], *data["sides"], *data["institutes"]]:
            entry["translations"] = []

    files = unpack(export_study(demo))
    import_bytes(pack(with_manifest(files, forget)), replace=True)
    # The study's and its sides' are the study's own: gone with the archive's.
    assert not StudyTranslation.objects.exists() and not SideTranslation.objects.exists()
    # Institutes and tags are every study's: kept.
    assert InstituteTranslation.objects.count() == 4
    assert TagTranslation.objects.count() == 22


def test_every_problem_is_listed_not_only_the_first(db, files) -> None:
    del files["chapters/04/nids.md"]
    files["../escape.md"] = b"x"
    files = with_manifest(files, lambda d: point(d, "sco").update(first_passage="p99"))
    files = with_manifest(files, lambda d: chapter(d, 2).update(number=1))
    files = with_text(
        files, "chapters/01/nids.md", lambda text: text.replace("title:", "title: [", 1)
    )
    problems = refused_on_an_empty_site(pack(files))
    assert has(problems, "chapters/04/nids.md: this file is missing")
    assert has(problems, "../escape.md", "“..”")
    assert has(problems, "“p99” is not a passage")
    assert has(problems, "the chapter number 1 is given 2 times")
    assert has(problems, "chapters/01/nids.md", "not valid YAML")
    assert len(problems) >= 5


def test_a_study_already_on_the_site_is_refused_without_replace(db, demo_archive: bytes) -> None:  # noqa: F811
    load_demo()
    before = snapshot()
    problems = refusal(demo_archive)
    assert problems == [
        "study.yaml: a study with the slug “asia-pacific” is already on this site: "
        "choose to replace it, or change the slug"
    ]
    assert snapshot() == before


def test_an_error_while_writing_rolls_everything_back(db, demo_archive, monkeypatch) -> None:  # noqa: F811
    calls = []

    def fail_on_the_third_chapter(self, *args: Any) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise DatabaseError("the disk is full")
        return real_write_chapter(self, *args)

    real_write_chapter = importer.Writer.write_chapter
    monkeypatch.setattr(importer.Writer, "write_chapter", fail_on_the_third_chapter)
    problems = refused_on_an_empty_site(demo_archive)
    assert problems == ["the archive could not be written: the disk is full"]


# Replacing


def test_replacing_with_the_same_archive_changes_nothing(demo: Study) -> None:
    exported = export_study(demo)
    before = snapshot()
    imported = import_bytes(exported, replace=True)
    assert not imported.created
    assert imported.summary() == "nothing changed"
    assert snapshot() == before


def test_replacing_saves_what_changed_as_new_revisions(demo: Study) -> None:
    files = unpack(export_study(demo))
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    sco = Point.objects.get(slug="sco")
    paper_pk, point_pk, version = paper.pk, sco.pk, sco.version

    def edit(data: dict) -> None:
        point(data, "sco")["question"] = "The SCO in Central Asia"
        point(data, "sco")["tags"] = ["SCO", "Central Asia"]
        chapter(data, 2)["summary"] = "A new summary."

    files = with_text(
        with_manifest(files, edit),
        "chapters/02/nids.md",
        lambda text: text.replace("title: ", "title: Revised ", 1),
    )
    imported = import_bytes(pack(files), replace=True, reason="Restored from backup")

    # The same rows, saved: not deleted and made again.
    paper = Paper.objects.get(pk=paper_pk)
    assert paper.title.startswith("Revised ")
    assert paper.history.first().history_change_reason == "Restored from backup"
    assert paper.history.first().history_type == "~"
    sco = Point.objects.get(pk=point_pk)
    assert sco.question == "The SCO in Central Asia"
    assert sco.version == version + 1  # an editor who had it open cannot save over it
    assert set(sco.tags.names()) == {"SCO", "Central Asia"}
    assert Chapter.objects.get(number=2).history.first().history_type == "~"
    assert imported.changes == {
        ("changed", "papers"): 1,
        ("changed", "points"): 1,
        ("changed", "chapters"): 1,
        ("changed", "tag lists"): 1,
        # The archive says their translations follow them: they follow the new texts.
        ("changed", "translations"): 2,
        ("changed", "translations of points"): 2,
        ("changed", "translations of the chapter"): 2,
    }


def test_replacing_deletes_what_the_archive_no_longer_has_and_records_it(demo: Study) -> None:
    files = unpack(export_study(demo))

    def drop(data: dict) -> None:
        data["chapters"] = [entry for entry in data["chapters"] if entry["number"] != 4]
        chapter(data, 3)["points"] = [
            entry for entry in chapter(data, 3)["points"] if entry["slug"] != "sco"
        ]
        chapter(data, 1)["papers"][0]["translations"] = ["chapters/01/nids.en.md"]
        chapter(data, 1)["translations"] = []
        # Only chapter 4 had this tag.
        data["tags"] = [tag for tag in data["tags"] if tag["name"] != "collective security"]

    files = with_manifest(files, drop)
    dropped = [name for name in files if name.startswith("chapters/04/")]
    for name in [*dropped, "chapters/01/nids.ru.md"]:
        del files[name]
    sco = Point.objects.get(slug="sco")
    tagged = PaperTag.objects.filter(content_object__chapter__number=4).count()

    imported = import_bytes(pack(files), replace=True)

    assert not Chapter.objects.filter(number=4).exists()
    assert not Point.objects.filter(slug="sco").exists()
    assert sco.history.first().history_type == "-"
    assert not PaperTranslation.objects.filter(
        paper__chapter__number=1, paper__side__slug="nids", language="ru"
    ).exists()
    assert not ChapterTranslation.objects.filter(chapter__number__in=[1, 4]).exists()
    assert PaperTag.history.filter(history_type="-").count() >= tagged
    assert imported.changes[("deleted", "chapters")] == 1
    assert imported.changes[("deleted", "points")] == 1
    assert export_study(imported.study) == pack(files)


def test_a_refused_replacement_leaves_the_study_as_it_was(demo: Study) -> None:
    """Valid changes are not written either when one part of the archive is wrong."""
    files = unpack(export_study(demo))

    def edit(data: dict) -> None:
        chapter(data, 2)["theme"] = "A theme that must not be saved"
        point(data, "sco")["first_passage"] = "p99"

    before = snapshot()
    problems = refusal(pack(with_manifest(files, edit)), replace=True)
    assert has(problems, "“p99” is not a passage")
    assert snapshot() == before


def test_replacing_keeps_the_team_and_brings_back_an_edited_text(demo: Study) -> None:
    exported = export_study(demo)
    chief = member(demo, "chief", Role.CHIEF_EDITOR)
    paper = Paper.objects.get(chapter__number=1, side__slug="cmss-gs")
    paper.body = "Vandalised."
    paper.save()

    import_bytes(exported, replace=True)

    assert demo.memberships.get().user == chief
    paper.refresh_from_db()
    assert paper.body != "Vandalised." and paper.passages
    assert export_study(demo) == exported


def test_replacing_a_study_that_swaps_its_side_slugs(demo: Study) -> None:
    files = unpack(export_study(demo))
    renamed = {}
    for name, content in files.items():
        new = (
            name.replace("/nids.", "/tmp.")
            .replace("/cmss-gs.", "/nids.")
            .replace("/tmp.", "/cmss-gs.")
        )
        renamed[new] = content

    def swap(data: dict) -> None:
        data["sides"][0]["slug"], data["sides"][1]["slug"] = "cmss-gs", "nids"
        for entry in data["chapters"]:
            for paper in entry["papers"]:
                slug = {"nids": "cmss-gs", "cmss-gs": "nids"}[paper["side"]]
                paper["side"] = slug
                paper["file"] = archive.paper_path(entry["number"], slug)
                paper["translations"] = [
                    archive.paper_path(entry["number"], slug, path.split(".")[-2])
                    for path in paper["translations"]
                ]

    import_bytes(pack(with_manifest(renamed, swap)), replace=True)
    assert list(demo.sides.order_by("position").values_list("slug", flat=True)) == [
        "cmss-gs",
        "nids",
    ]
