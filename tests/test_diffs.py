from positions.diffs import Segment, word_diff


def test_it_marks_the_changed_words_on_each_side():
    diff = word_diff("The alliance holds firm.", "The alliance holds.")
    assert diff.old == [
        Segment("The alliance holds", False),
        Segment(" firm", True),
        Segment(".", False),
    ]
    assert diff.new == [Segment("The alliance holds", False), Segment(".", False)]
    assert diff.has_changes


def test_it_compares_japanese_character_by_character():
    diff = word_diff("上海協力機構の役割", "上海協力機構の将来")
    assert diff.old[-1] == Segment("役割", True)
    assert diff.new[-1] == Segment("将来", True)
    assert diff.old[0] == Segment("上海協力機構の", False)


def test_identical_texts_have_no_changes():
    diff = word_diff("Same text.", "Same text.")
    assert not diff.has_changes
    assert diff.old == diff.new == [Segment("Same text.", False)]
