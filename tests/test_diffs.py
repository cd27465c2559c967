"""Word diffs: changed words marked on each side, paragraph by paragraph, and texts too
large or too changed to compare word by word marked a paragraph at a time."""

import random

import pytest

from positions.text import diffs
from positions.text.diffs import Segment, WordDiff, word_diff


def changed(side: list[Segment]) -> list[str]:
    return [segment.text for segment in side if segment.changed]


def assert_complete(diff: WordDiff, old: str, new: str) -> None:
    """Each side is its text, and what is unchanged is the same on both sides."""
    assert "".join(segment.text for segment in diff.old) == old
    assert "".join(segment.text for segment in diff.new) == new
    unchanged_old = "".join(segment.text for segment in diff.old if not segment.changed)
    unchanged_new = "".join(segment.text for segment in diff.new if not segment.changed)
    assert unchanged_old == unchanged_new


def test_it_marks_the_changed_words_on_each_side():
    diff = word_diff("The alliance holds firm.", "The alliance holds.")
    assert diff.old == [
        Segment("The alliance holds", False),
        Segment(" firm", True),
        Segment(".", False),
    ]
    assert diff.new == [Segment("The alliance holds.", False)]
    assert diff.has_changes
    assert not diff.too_large


def test_it_compares_japanese_character_by_character():
    diff = word_diff("上海協力機構の役割", "上海協力機構の将来")
    assert diff.old[-1] == Segment("役割", True)
    assert diff.new[-1] == Segment("将来", True)
    assert diff.old[0] == Segment("上海協力機構の", False)


def test_identical_texts_have_no_changes():
    diff = word_diff("Same text.", "Same text.")
    assert not diff.has_changes
    assert diff.old == diff.new == [Segment("Same text.", False)]


def test_identical_long_texts_are_one_unchanged_segment():
    text = "*a " * 50_000
    diff = word_diff(text, text)
    assert diff.old == diff.new == [Segment(text, False)]
    assert not diff.has_changes and not diff.too_large


def test_empty_texts_have_no_segments():
    assert word_diff("", "") == WordDiff(old=[], new=[])
    assert word_diff("", "New.").new == [Segment("New.", True)]


def test_only_the_changed_paragraph_is_compared_and_the_others_stay_equal():
    old = "The alliance holds.\n\nMissile defense is defensive.\n\nDialogue goes on."
    new = "The alliance holds.\n\nMissile defense is purely defensive.\n\nDialogue goes on."
    diff = word_diff(old, new)
    assert diff.old == [Segment(old, False)]
    assert diff.new == [
        Segment("The alliance holds.\n\nMissile defense is ", False),
        Segment("purely ", True),
        Segment("defensive.\n\nDialogue goes on.", False),
    ]


def test_changes_in_several_paragraphs_are_each_marked_word_by_word():
    paragraphs = [f"Paragraph {number} says something about the alliance." for number in range(40)]
    edited = list(paragraphs)
    edited[3] = edited[3].replace("something", "much")
    edited[30] = edited[30].replace("alliance", "treaty")
    old, new = "\n\n".join(paragraphs), "\n\n".join(edited)
    diff = word_diff(old, new)
    assert changed(diff.old) == ["something", "alliance"]
    assert changed(diff.new) == ["much", "treaty"]
    assert not diff.too_large
    assert_complete(diff, old, new)


def test_added_and_removed_paragraphs_are_marked_whole():
    old = "First.\n\nSecond, removed.\n\nThird."
    new = "First.\n\nThird.\n\nFourth, added."
    diff = word_diff(old, new)
    assert changed(diff.old) == ["Second, removed.\n\n"]
    assert changed(diff.new) == ["\n\nFourth, added."]
    assert_complete(diff, old, new)


def test_paragraphs_deleted_beside_an_edited_one_leave_its_edit_word_by_word():
    paragraphs = [
        "The alliance remains the cornerstone of regional stability.",
        "Deterrence depends on credible forces and shared planning.",
        "Maritime disputes call for confidence-building measures.",
        "Proliferation on the peninsula threatens every neighbour.",
        "Energy cooperation offers a path to trust between rivals.",
    ]
    edited = [paragraphs[0], paragraphs[4].replace("path", "road")]
    old, new = "\n\n".join(paragraphs), "\n\n".join(edited)
    diff = word_diff(old, new)
    assert changed(diff.new) == ["road"]
    assert changed(diff.old)[-1] == "path"
    assert "Maritime disputes call for confidence-building measures." in changed(diff.old)[0]
    assert not diff.too_large
    assert_complete(diff, old, new)


def test_japanese_in_a_long_text_is_still_compared_character_by_character():
    paragraphs = ["上海協力機構の役割について両国の意見は分かれる。"] * 3
    paragraphs.insert(1, "日米同盟が地域の安定の基礎である。")
    edited = list(paragraphs)
    edited[1] = "日米同盟が地域の平和の基礎である。"
    diff = word_diff("\n\n".join(paragraphs), "\n\n".join(edited))
    assert changed(diff.old) == ["安定"]
    assert changed(diff.new) == ["平和"]


def test_a_changed_row_of_a_table_is_compared_cell_by_cell():
    rows = ["| a | b |", "|---|---|"] + [f"| {n} | x |" for n in range(2000)]
    edited = list(rows)
    edited[1000] = "| 998 | y |"
    diff = word_diff("\n".join(rows), "\n".join(edited))
    assert changed(diff.old) == ["x"]
    assert changed(diff.new) == ["y"]


def test_any_edit_keeps_both_texts_whole():
    rng = random.Random(2007)
    pieces = ["alliance", " ", "\n", "\n\n", ".", "上", "の", "|", "*a ", "# "]
    for _ in range(300):
        old = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        new = list(old)
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(new))
            if rng.random() < 0.5:
                new[at:at] = rng.choice(pieces)
            else:
                del new[at : at + rng.randint(1, 5)]
        diff = word_diff(old, "".join(new))
        assert_complete(diff, old, "".join(new))
        assert diff.has_changes == (old != "".join(new))


def test_two_long_unrelated_texts_are_too_large_and_marked_whole():
    old, new = "*a " * 50_000, "*b " * 50_000
    diff = word_diff(old, new)
    assert diff.too_large
    assert diff.has_changes
    assert_complete(diff, old, new)
    # Marked whole: a few segments, not one for each of the 50,000 changed words.
    assert len(diff.old) + len(diff.new) < 10


def test_when_the_budget_runs_out_the_changed_paragraphs_are_marked_whole(monkeypatch):
    monkeypatch.setattr(diffs, "STRETCH_STEPS", 10)
    old = "Kept.\n\nThe alliance holds firm against every threat.\n\nAlso kept."
    new = "Kept.\n\nA treaty binds loosely whatever comes.\n\nAlso kept."
    diff = word_diff(old, new)
    assert diff.too_large
    # From its first changed word to its last.
    assert changed(diff.old) == ["The alliance holds firm against every threat"]
    assert changed(diff.new) == ["A treaty binds loosely whatever comes"]
    assert diff.old[0] == Segment("Kept.\n\n", False)
    assert diff.old[-1] == Segment(".\n\nAlso kept.", False)


def test_beyond_so_many_changes_the_rest_is_marked_a_paragraph_at_a_time(monkeypatch):
    monkeypatch.setattr(diffs, "MAX_CHANGES", 4)
    paragraphs = [f"Paragraph {number} of the text." for number in range(10)]
    edited = [paragraph.replace("of", "in") for paragraph in paragraphs]
    diff = word_diff("\n\n".join(paragraphs), "\n\n".join(edited))
    assert diff.too_large
    assert changed(diff.old)[:2] == ["of", "of"]
    assert "Paragraph 9 of the text." in changed(diff.old)[-1]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a b " * 2_000, "a a b " * 2_000),
        ("上海" * 20_000, "海上" * 20_000),
        ("| x " * 50_000, "| y " * 50_000),
    ],
)
def test_repetitive_texts_that_once_took_minutes_give_a_complete_diff(old: str, new: str):
    # difflib took minutes on these; the comparison now stops at its budget.
    diff = word_diff(old, new)
    assert_complete(diff, old, new)
    assert diff.has_changes
