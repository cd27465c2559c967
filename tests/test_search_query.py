"""What a query becomes before it is searched (positions.search.query.clean)."""

from positions.search.query import MAX_QUERY, clean


def test_a_short_query_is_kept_with_its_spaces_tidied() -> None:
    assert clean("  missile\tdefence \x00 ") == ("missile defence", False)


def test_a_long_query_is_cut_between_words() -> None:
    text, cut = clean("alliance " * 1000)
    assert cut is True
    assert len(text) <= MAX_QUERY
    assert set(text.split()) == {"alliance"}


def test_a_cut_at_a_word_end_keeps_the_word() -> None:
    word = "a" * (MAX_QUERY - 1)
    assert clean(f"{word}b c") == (f"{word}b", True)


def test_unspaced_text_is_cut_at_the_limit() -> None:
    text, cut = clean("日米同盟" * 1000)
    assert (len(text), cut) == (MAX_QUERY, True)
