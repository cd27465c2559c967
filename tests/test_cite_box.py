"""The Cite box on a paper's page and a chapter's page."""

import re

from django.contrib.auth.models import User

from positions.models import Author, Paper

PAPER = "/en/studies/asia-pacific/chapters/2/nids/"
CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def cite_box(html: str) -> str:
    match = re.search(r'<details class="cite">.*?</details>', html, re.S)
    assert match, "no Cite box"
    return match[0]


def test_a_paper_page_has_a_closed_cite_box_with_both_styles_and_both_files(
    client, first_paper: Paper, sato: Author
) -> None:
    box = cite_box(client.get(PAPER).content.decode())
    assert "<summary>Cite this paper</summary>" in box
    assert "<dt>Chicago (author-date)</dt>" in box and "<dt>APA (7th edition)</dt>" in box
    assert (
        '<dd class="cite__text" lang="en">Sato Hanako 佐藤花子. 2007. '
        "“The Alliance as the Cornerstone.” In <i>Security in the Asia-Pacific</i>."
    ) in box
    apa = "Sato, H. (2007). The alliance as the cornerstone."
    assert f'<dd class="cite__text" lang="en">{apa}' in box
    assert f"http://testserver{PAPER}</dd>" in box
    assert f'<a href="{PAPER}citation.bib" download type="application/x-bibtex">' in box
    ris = 'download type="application/x-research-info-systems"'
    assert f'<a href="{PAPER}citation.ris" {ris}>' in box


def test_a_chapter_page_has_a_cite_box_by_both_sides(
    client, first_paper: Paper, second_paper: Paper, sato: Author
) -> None:
    box = cite_box(client.get(CHAPTER).content.decode())
    assert "<summary>Cite this chapter</summary>" in box
    assert "Sato Hanako 佐藤花子, and Olga Ivanova [Ольга Иванова]. 2007." in box
    assert "Sato, H., &amp; Ivanova, O. (2007). Factors regulating regional security." in box
    assert f'href="{CHAPTER}citation.bib"' in box and f'href="{CHAPTER}citation.ris"' in box


def test_the_box_is_in_the_readers_language_and_the_citation_in_english(
    client, first_paper: Paper, sato: Author
) -> None:
    box = cite_box(client.get("/ja/studies/asia-pacific/chapters/2/nids/").content.decode())
    assert "<summary>この論文を引用する</summary>" in box
    assert "Sato, H. (2007)." in box
    assert 'href="/ja/studies/asia-pacific/chapters/2/nids/citation.ris"' in box


def test_the_team_can_cite_a_draft_undated(client, reviewer: User, first_paper: Paper) -> None:
    Paper.objects.filter(pk=first_paper.pk).update(status="draft", published_on=None)
    client.force_login(reviewer)
    box = cite_box(client.get(PAPER).content.decode())
    assert "(n.d.)" in box
