import pytest

from positions.text import markdown
from positions.text.markdown import render_markdown


def render(text: str):
    return render_markdown(text, prefix="nids")


def test_it_removes_script_tags_with_their_content_and_says_so():
    result = render("Hello <script>alert('x')</script> world")
    assert "<script" not in result.html
    assert "alert" not in result.html
    assert any("<script>" in problem for problem in result.problems)


def test_it_removes_javascript_links_from_raw_html():
    result = render('<a href="javascript:alert(1)">click</a>')
    assert "javascript:" not in result.html
    assert ">click</a>" in result.html
    assert any("link address" in problem for problem in result.problems)


def test_it_refuses_javascript_links_in_markdown():
    result = render("[click](javascript:alert(1))")
    assert "<a" not in result.html
    assert any("javascript:" in problem for problem in result.problems)


def test_it_removes_event_handler_attributes():
    result = render('<b onclick="steal()" onmouseover="x()">bold</b>')
    assert "onclick" not in result.html and "onmouseover" not in result.html
    assert "<b>bold</b>" in result.html
    assert "Removed 1 “onclick” attribute(s) from <b>." in result.problems


def test_it_unwraps_disallowed_raw_html_but_keeps_its_text():
    result = render('<form action="/x"><iframe src="https://evil.example"></iframe>kept</form>')
    assert "<form" not in result.html and "<iframe" not in result.html
    assert "kept" in result.html
    assert any("<iframe>" in problem for problem in result.problems)


def test_it_keeps_allowed_markup_and_reports_nothing():
    result = render("Some *emphasis*, **strong**, <sup>2</sup> and [a link](https://example.org).")
    assert '<a href="https://example.org">a link</a>' in result.html
    assert "<sup>2</sup>" in result.html
    assert result.problems == []


def test_it_numbers_paragraphs_and_names_headings_with_the_prefix():
    result = render("# The alliance\n\nFirst.\n\nSecond.\n\n## The alliance")
    assert '<h3 id="nids-the-alliance">' in result.html
    assert '<p id="nids-p2">Second.</p>' in result.html
    assert result.passages == ["the-alliance", "p1", "p2", "the-alliance-2"]


def test_it_names_footnotes_with_the_prefix():
    result = render("Claim.[^1]\n\n[^1]: Source.")
    assert 'href="#fn-nids-1"' in result.html
    assert 'id="fn-nids-1"' in result.html
    assert result.problems == []


def test_it_reports_a_footnote_that_is_never_defined():
    result = render("Claim.[^source]")
    assert result.problems == [
        "Footnote [^source] is referred to but never defined: add a line “[^source]: …” at the end."
    ]


def test_it_drops_ids_that_could_hijack_passage_links():
    result = render('<sup id="cmss-gs-p1">x</sup> <sup id="nids-own">y</sup>')
    assert 'id="cmss-gs-p1"' not in result.html
    assert 'id="nids-own"' in result.html


def test_the_highest_heading_becomes_h3_whatever_the_editor_wrote():
    assert render("## Top\n\n### Below").html.startswith('<h3 id="nids-top">Top</h3>\n<h4')


def test_a_translations_headings_take_the_originals_ids_in_turn():
    original = render_markdown("Intro.\n\n## China\n\nText.\n\n## Energy\n\nMore.", prefix="nids")
    headings = [p for p in original.passages if not p.startswith("p")]
    assert headings == ["china", "energy"]
    translated = render_markdown(
        "序。\n\n## 中国\n\n本文。\n\n## エネルギー\n\n続き。", prefix="nids", heading_ids=headings
    )
    assert translated.passages == original.passages
    assert '<h3 id="nids-china">中国</h3>' in translated.html
    assert translated.problems == []


def test_a_translation_with_other_headings_than_its_original_is_reported():
    translated = render_markdown(
        "## 中国\n\n本文。", prefix="nids", heading_ids=["china", "energy"]
    )
    assert translated.passages == ["china", "p1"]
    assert translated.problems == [
        "Headings: 1 in the translation, 2 in the original. Links to its sections may not "
        "land where they should."
    ]


def test_headings_with_the_same_words_are_numbered_past_ids_already_taken():
    result = render("# Same\n\n# Same 3\n\n# Same\n\n# Same\n\n# Same")
    assert result.passages == ["same", "same-3", "same-2", "same-4", "same-5"]


def test_thousands_of_headings_with_the_same_words_each_get_an_id():
    # Numbering tried -2, -3, ... from the start for each: minutes for this text.
    result = render("# a\n" * 20_000)
    assert result.passages[:3] == ["a", "a-2", "a-3"]
    assert result.passages[-1] == "a-20000"
    assert len(set(result.passages)) == 20_000


def test_it_reports_markup_removed_from_what_markdown_makes():
    result = render(
        "![A map](https://example.org/map.png)\n\n```python\ncode\n```\n\n|a|\n|-:|\n|1|"
    )
    assert "<img" not in result.html and "style=" not in result.html
    assert result.problems == [
        "Removed 1 <img> tag(s): not allowed in a paper; the text inside was kept.",
        "Removed 1 “class” attribute(s) from <code>.",
        "Removed 1 “style” attribute(s) from <td>.",
        "Removed 1 “style” attribute(s) from <th>.",
    ]


def test_an_unclosed_script_takes_the_rest_of_the_text_and_is_reported_once():
    result = render("Before.\n\n<script>\nalert(1)\n\n*After*, and a [link](https://example.org).")
    assert "alert" not in result.html and "After" not in result.html
    assert result.problems == ["Removed 1 <script> element(s) with their content."]


def test_html_pasted_from_word_with_conditional_comments_is_cleaned_not_refused():
    text = "<div>\n<![if !supportLists]>1.<![endif]> Item <span>x</span>\n</div>"
    result = render(text)
    assert "<![if" not in result.html and "Item" in result.html
    assert result.problems == [
        "Removed 1 <span> tag(s): not allowed in a paper; the text inside was kept."
    ]


@pytest.mark.parametrize(
    "text",
    [
        'Some *emphasis*, a [link](https://example.org "A title") and `code`.',
        "# Heading\n\n> A quote\n>\n> - a list\n\n1. one\n2. two\n\n---\n\nLine  \nbreak",
        "![An image](https://example.org/a.png \"Its title\")\n\n```js\nlet a = '<b>';\n```",
        "|a|b|\n|:-|-:|\n|1|2|\n\nText[^1] and[^2].\n\n[^1]: One.\n[^2]: Two.",
        'Raw <b title="x>y" onclick="z()">bold</b>, <abbr title="a &quot;b&quot;">AB</abbr>.',
        "<div class=x>\n<p id=nids-p9>block</p>\n</div>\n\nText&nbsp;with\u00a0spaces & < > \" '",
    ],
)
def test_markup_is_counted_as_the_html_parser_counts_it(text: str):
    """Counting markup by the form markdown-it and nh3 write it is what makes a long
    text's check cheap; it must count what the parser would."""
    passages: list[str] = []
    raw_pieces: list[str] = []
    md = markdown._markdown("nids", passages, [], raw_pieces)
    made = md.render(text, {"docId": "nids"}).split(markdown.RAW_HTML)
    raw_html = "".join(markdown._interleave(made, raw_pieces))
    clean_html = render(text).html
    for html, counted in [
        (raw_html, markdown._raw_markup(made, raw_pieces, raw_html)),
        (clean_html, markdown._clean_markup(clean_html)),
    ]:
        by_parser = markdown._count_markup(html)
        assert counted.tags == by_parser.tags
        assert counted.attributes == by_parser.attributes


def test_a_rendering_kept_for_the_next_save_is_not_changed_by_its_callers():
    first = render("Claim.[^missing]")
    first.problems.append("changed by a caller")
    first.passages.clear()
    again = render("Claim.[^missing]")
    assert again.passages == ["p1"]
    assert len(again.problems) == 1
