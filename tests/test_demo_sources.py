"""The demo study says only what its source says: every paragraph of its papers and
every point's agreement and stances name the part of the preface they rest on, with a
few of its words, and those words are in that part of the seed preface."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from positions.demo import study as demo
from positions.text.markdown import PARAGRAPH, render_markdown

PREFACE = Path(settings.BASE_DIR).parent / "shared" / "seed" / "preface.md"


def preface_parts(markdown: str) -> dict[str, str]:
    """The preface's text by part: each heading's section (its page breaks joined up),
    and each note as "Note N", whitespace collapsed."""
    parts: dict[str, list[str]] = {}
    current = None
    for line in markdown.splitlines():
        line = line.strip()
        if not line or line == "---":
            continue
        if line.startswith("#"):
            current = line.lstrip("#").strip().strip("*").strip()
            parts.setdefault(current, [])
        elif note := re.match(r"<sup>(\d+)</sup>\s*(.*)", line):
            parts[f"Note {note[1]}"] = [note[2]]
        elif current:
            parts[current].append(re.sub(r"<sup>\d+</sup>", "", line))
    return {name: " ".join(" ".join(lines).split()) for name, lines in parts.items()}


def part_text(parts: dict[str, str], name: str) -> str:
    """The part whose heading begins with `name` ("Introduction" for the preface's
    "Introduction: Significance and Issues of …")."""
    [text] = [text for heading, text in parts.items() if heading.startswith(name)]
    return text


def cited_sources() -> list[tuple[str, str, demo.Source]]:
    """Every source the demo names: (what rests on it, which, source)."""
    found = []
    for chapter in demo.CHAPTERS:
        for side, paper in chapter["papers"].items():
            for passage, source in paper["sources"].items():
                found.append((f"chapter {chapter['number']} {side}", passage, source))
        for point in chapter["points"]:
            for part, source in point["sources"].items():
                found.append((point["slug"], part, source))
    return found


@pytest.fixture(scope="module")
def parts() -> dict[str, str]:
    if not PREFACE.exists():
        # CI always has the seed beside the project; a laptop may not.
        if os.environ.get("CI"):
            pytest.fail(f"the seed preface is not at {PREFACE}")
        pytest.skip(f"the seed preface is not at {PREFACE}")
    return preface_parts(PREFACE.read_text())


def test_the_preface_is_read_into_its_parts(parts):
    assert [name for name in parts if not name.startswith("Note")] == [
        "PREFACE",
        "Introduction: Significance and Issues of Japan-Russia Joint Research",
        "1. Significance for Japan",
        "2. Significance for Russia",
        "3. Joint Research Issues and Methods",
    ]
    assert "linchpin" in part_text(parts, demo.FOR_JAPAN)
    assert "Brezhnev" in part_text(parts, demo.NOTE_2)


@pytest.mark.parametrize(
    ("what", "which", "source"),
    cited_sources(),
    ids=[f"{what}-{which}" for what, which, _ in cited_sources()],
)
def test_each_source_is_in_the_part_of_the_preface_it_names(parts, what, which, source):
    part, words = source
    assert words in part_text(parts, part), f"{what} {which}: “{words}” is not in {part}"
    # A few words to find the passage by, not a sentence of the preface copied.
    assert len(words.split()) <= 8


def test_every_paragraph_of_every_paper_has_its_source():
    for chapter in demo.CHAPTERS:
        for side, paper in chapter["papers"].items():
            passages = render_markdown(paper["body"], prefix="x").passages
            paragraphs = [passage for passage in passages if PARAGRAPH.match(passage)]
            # p1 is the summary note, which says what the text is.
            assert set(paper["sources"]) == set(paragraphs) - {"p1"}, (chapter["number"], side)


def test_every_point_has_a_source_for_its_agreement_and_each_stance():
    for chapter in demo.CHAPTERS:
        for point in chapter["points"]:
            stated = {part for part in ("first", "second") if point[part]}
            assert set(point["sources"]) == {"agreement", *stated}, point["slug"]


def test_a_point_on_which_the_preface_gives_one_view_is_one_side_only():
    for chapter in demo.CHAPTERS:
        for point in chapter["points"]:
            if not (point["first"] and point["second"]):
                assert point["agreement"] == "one_side", point["slug"]


def test_the_russian_sides_papers_say_they_are_the_japanese_sides_reading():
    """The preface speaks for the Japanese side and of the Russian one."""
    for chapter in demo.CHAPTERS:
        paper = chapter["papers"]["cmss-gs"]
        assert paper["body"].startswith(demo.READING_NOTE)
        assert "Japanese side's reading" in paper["title"]
        assert chapter["papers"]["nids"]["body"].startswith(demo.SUMMARY_NOTE)


def test_the_demo_is_a_demonstration_dated_to_the_month():
    assert demo.STUDY["demonstration"] is True
    assert demo.STUDY["dates_precision"] == "month"
    assert (demo.PUBLISHED_ON.year, demo.PUBLISHED_ON.month) == (2007, 3)
