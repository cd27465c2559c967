"""Citations (positions.reading.citations): Chicago and APA text, BibTeX and RIS.

The expected strings were written by hand from the Chicago Manual of Style (18th ed.,
author-date: a chapter in a book, no place of publication needed) and the APA
Publication Manual (7th ed., a chapter in an edited book; several publishers joined
with semicolons), not copied from the code's output.
"""

import datetime

import pytest

from positions.models import Author, Chapter, Paper, Side, Study
from positions.reading import citation_formats, citations
from positions.reading.citations import Person, Work

ACCESSED = datetime.date(2026, 11, 25)
SITE = "https://positions.example/en/studies/asia-pacific/chapters/2/"
STUDY = "<i>Security in the Asia-Pacific</i>"
PUBLISHERS = "National Institute for Defense Studies; Center for Military-Strategic Studies"


@pytest.fixture
def sokolov(second_side: Side) -> Author:
    return Author.objects.create(
        name="Dmitri Sokolov",
        family_name="Sokolov",
        name_original="Дмитрий Соколов",
        family_name_original="Соколов",
        name_language="ru",
        slug="dmitri-sokolov",
    )


@pytest.fixture
def japanese_paper(first_paper: Paper, sato: Author) -> Paper:
    """A paper in Japanese by a Japanese author."""
    first_paper.title = "日米同盟という礎"
    first_paper.language = "ja"
    first_paper.save()
    return first_paper


@pytest.fixture
def russian_papers(second_paper: Paper, ivanova: Author, sokolov: Author) -> Paper:
    """A paper in English by two Russian authors."""
    second_paper.authorships.create(author=sokolov, order=2)
    return second_paper


def paper_work(paper: Paper) -> Work:
    paper = citations.with_institutes(
        Paper.objects.select_related("study", "chapter", "side__institute")
    ).get(pk=paper.pk)
    return citations.paper_work(
        paper, paper.author_list(), url=f"{SITE}{paper.side.slug}/", accessed=ACCESSED
    )


def chapter_work(chapter: Chapter, user=None) -> Work:
    chapter = Chapter.objects.select_related("study").get(pk=chapter.pk)
    sides = Side.objects.filter(study=chapter.study_id).select_related("institute")
    papers = Paper.objects.filter(chapter=chapter).prefetch_related("authorships__author")
    return citations.chapter_work(chapter, sides, papers, url=SITE, accessed=ACCESSED)


# Chicago and APA


def test_a_japanese_authors_name_keeps_its_order_and_script_in_chicago(
    db, japanese_paper: Paper
) -> None:
    work = paper_work(japanese_paper)
    assert citation_formats.chicago(work) == (
        f"Sato Hanako 佐藤花子. 2007. “日米同盟という礎.” In {STUDY}. {PUBLISHERS}. {SITE}nids/."
    )


def test_a_japanese_author_in_apa_is_family_name_and_initial(db, japanese_paper: Paper) -> None:
    work = paper_work(japanese_paper)
    assert citation_formats.apa(work) == (
        f"Sato, H. (2007). 日米同盟という礎. In {STUDY}. {PUBLISHERS}. {SITE}nids/"
    )


def test_a_russian_author_is_inverted_with_the_cyrillic_in_brackets_in_chicago(
    db, second_paper: Paper, ivanova: Author
) -> None:
    work = paper_work(second_paper)
    assert citation_formats.chicago(work) == (
        "Ivanova, Olga [Иванова, Ольга]. 2007. “Towards Collective Security.” "
        f"In {STUDY}. {PUBLISHERS}. {SITE}cmss-gs/."
    )
    assert citation_formats.apa(work) == (
        f"Ivanova, O. (2007). Towards collective security. In {STUDY}. {PUBLISHERS}. {SITE}cmss-gs/"
    )


def test_of_two_authors_chicago_inverts_only_the_first(db, russian_papers: Paper) -> None:
    work = paper_work(russian_papers)
    assert citation_formats.chicago(work) == (
        "Ivanova, Olga [Иванова, Ольга], and Dmitri Sokolov [Дмитрий Соколов]. 2007. "
        f"“Towards Collective Security.” In {STUDY}. {PUBLISHERS}. {SITE}cmss-gs/."
    )
    assert citation_formats.apa(work) == (
        "Ivanova, O., &amp; Sokolov, D. (2007). Towards collective security. "
        f"In {STUDY}. {PUBLISHERS}. {SITE}cmss-gs/"
    )


def test_a_chapter_is_cited_by_both_sides_authors_the_first_sides_first(
    db, first_paper: Paper, russian_papers: Paper, sato: Author
) -> None:
    work = chapter_work(first_paper.chapter)
    assert citation_formats.chicago(work) == (
        "Sato Hanako 佐藤花子, Olga Ivanova [Ольга Иванова], and Dmitri Sokolov "
        "[Дмитрий Соколов]. 2007. “Factors Regulating Regional Security.” "
        f"In {STUDY}. {PUBLISHERS}. {SITE}."
    )
    assert citation_formats.apa(work) == (
        "Sato, H., Ivanova, O., &amp; Sokolov, D. (2007). Factors regulating regional "
        f"security. In {STUDY}. {PUBLISHERS}. {SITE}"
    )


def test_an_author_on_two_papers_of_a_chapter_is_named_once(
    db, first_paper: Paper, second_paper: Paper, sato: Author
) -> None:
    second_paper.authorships.create(author=sato, order=2)
    work = chapter_work(first_paper.chapter)
    assert [person.name for person in work.authors] == ["Hanako Sato", "Olga Ivanova"]


def test_an_undated_work_says_no_date_and_when_it_was_read(db, japanese_paper: Paper) -> None:
    # A draft, as the study's team reads it.
    Paper.objects.filter(pk=japanese_paper.pk).update(status="draft", published_on=None)
    work = paper_work(japanese_paper)
    assert citation_formats.chicago(work) == (
        "Sato Hanako 佐藤花子. n.d. “日米同盟という礎.” "
        f"In {STUDY}. {PUBLISHERS}. Accessed November 25, 2026. {SITE}nids/."
    )
    assert citation_formats.apa(work) == (
        f"Sato, H. (n.d.). 日米同盟という礎. In {STUDY}. {PUBLISHERS}. "
        f"Retrieved November 25, 2026, from {SITE}nids/"
    )


def test_a_paper_without_named_authors_is_its_institutes(db, first_paper: Paper) -> None:
    first_paper.authorships.all().delete()
    work = paper_work(first_paper)
    assert citation_formats.chicago(work).startswith(
        "National Institute for Defense Studies. 2007. “The Alliance as the Cornerstone.”"
    )
    assert citation_formats.apa(work).startswith(
        "National Institute for Defense Studies. (2007). The alliance as the cornerstone."
    )


def test_a_name_without_a_family_name_is_cited_as_written(db, first_paper: Paper) -> None:
    """As after migration 0017 for a one-word name, or before an editor fills it in."""
    Author.objects.filter(slug="hanako-sato").update(family_name="", family_name_original="")
    work = paper_work(first_paper)
    assert citation_formats.chicago(work).startswith("Hanako Sato 佐藤花子. 2007.")
    assert citation_formats.apa(work).startswith("Hanako Sato. (2007).")


def test_a_titles_own_question_mark_takes_no_period_and_quotes_take_the_period(
    db, first_paper: Paper, sato: Author
) -> None:
    first_paper.title = "Whose alliance? Japan's view"
    first_paper.save()
    work = paper_work(first_paper)
    assert "“Whose Alliance? Japan’s View.” In" in citation_formats.chicago(work)
    first_paper.title = "Whose alliance?"
    first_paper.save()
    work = paper_work(first_paper)
    assert "“Whose Alliance?” In" in citation_formats.chicago(work)
    assert "(2007). Whose alliance? In" in citation_formats.apa(work)


def test_apa_capitalises_the_first_word_after_a_colon(db, first_paper: Paper, sato: Author) -> None:
    first_paper.title = "Learning from Europe: a collective foundation for Asian security"
    first_paper.save()
    apa = citation_formats.apa(paper_work(first_paper))
    assert "(2007). Learning from Europe: A collective foundation for Asian security. In" in apa
    # The book's title, in title case, and the address are left as they are.
    assert f"In {STUDY}." in apa


def test_the_texts_are_escaped_for_html(db, first_paper: Paper, sato: Author) -> None:
    first_paper.title = "Deterrence <script>alert(1)</script> & allies"
    first_paper.save()
    Study.objects.update(title="Security & <b>Asia</b>")
    work = paper_work(first_paper)
    for text in (citation_formats.chicago(work), citation_formats.apa(work)):
        assert "<script>" not in text and "<b>" not in text
        assert "&lt;script&gt;" in text and "&amp; " in text
        assert "<i>Security &amp; &lt;b&gt;Asia&lt;/b&gt;</i>" in text


# Names


@pytest.mark.parametrize(
    ("person", "inverted", "chicago"),
    [
        (
            Person("Hanako Sato", "Sato", "Hanako", "佐藤花子", "佐藤", "花子", "ja"),
            True,
            "Sato Hanako 佐藤花子",
        ),
        (
            Person("Hanako Sato", "Sato", "Hanako", "佐藤花子", "佐藤", "花子", "ja"),
            False,
            "Sato Hanako 佐藤花子",
        ),
        (
            Person("Hanako Sato", "Sato", "Hanako", "佐藤 花子", "佐藤", "花子", "ja"),
            False,
            "Sato Hanako 佐藤 花子",
        ),
        (
            Person("Olga Ivanova", "Ivanova", "Olga", "Ольга Иванова", "Иванова", "Ольга", "ru"),
            True,
            "Ivanova, Olga [Иванова, Ольга]",
        ),
        (
            Person("Olga Ivanova", "Ivanova", "Olga", "Ольга Иванова", "Иванова", "Ольга", "ru"),
            False,
            "Olga Ivanova [Ольга Иванова]",
        ),
        # The original's family name not known: the original as written.
        (
            Person("Olga Ivanova", "Ivanova", "Olga", "Ольга Иванова", "", "", "ru"),
            True,
            "Ivanova, Olga [Ольга Иванова]",
        ),
        (
            Person("Olga Petrovna Ivanova", "Ivanova", "Olga Petrovna", language="ru"),
            True,
            "Ivanova, Olga Petrovna",
        ),
        (
            Person("Wang Anshi", "Wang", "Anshi", "王安石", "王", "安石", "zh-Hant"),
            True,
            "Wang Anshi 王安石",
        ),
        # No language given: the script of the original tells.
        (
            Person("Hanako Sato", "Sato", "Hanako", "佐藤花子", "佐藤", "花子"),
            True,
            "Sato Hanako 佐藤花子",
        ),
        (Person("Maria de la Cruz", "de la Cruz", "Maria"), True, "de la Cruz, Maria"),
        (
            Person("Jean Dupont", "Dupont", "Jean", "Jean Dupont", "Dupont", "Jean", "fr"),
            True,
            "Dupont, Jean",
        ),
        (Person("Madonna"), True, "Madonna"),
    ],
)
def test_chicago_names(person: Person, inverted: bool, chicago: str) -> None:
    assert person.chicago(inverted=inverted) == chicago


def test_names_for_files_are_family_comma_given_in_latin_letters() -> None:
    sato = Person("Hanako Sato", "Sato", "Hanako", "佐藤花子", "佐藤", "花子", "ja")
    assert sato.family_given() == "Sato, Hanako"
    assert Person("Madonna").family_given() == "Madonna"


# BibTeX and RIS


def test_bibtex_of_a_paper(db, russian_papers: Paper) -> None:
    assert citation_formats.bibtex(paper_work(russian_papers)) == (
        "@incollection{asia-pacific-2-cmss-gs,\n"
        "  author = {Ivanova, Olga and Sokolov, Dmitri},\n"
        "  title = {{Towards} collective security},\n"
        "  booktitle = {{Security} in the {Asia-Pacific}},\n"
        "  publisher = {{National Institute for Defense Studies} and "
        "{Center for Military-Strategic Studies}},\n"
        "  year = {2007},\n"
        "  date = {2007-03-01},\n"
        f"  url = {{{SITE}cmss-gs/}},\n"
        "  urldate = {2026-11-25},\n"
        "  language = {en},\n"
        "  langid = {english}\n"
        "}\n"
    )


def test_bibtex_escapes_specials_braces_capitals_and_keeps_utf8(db, japanese_paper: Paper) -> None:
    japanese_paper.title = "日米同盟 {50% & R_D} in $ #1 ~ ^ \\ Россия"
    japanese_paper.save()
    entry = citation_formats.bibtex(paper_work(japanese_paper))
    assert (
        "  title = {日米同盟 \\textbraceleft{}50\\% \\& {R\\_D\\textbraceright{}} in \\$ \\#1 "
        "\\textasciitilde{} \\textasciicircum{} \\textbackslash{} {Россия}},\n"
    ) in entry
    assert "  author = {Sato, Hanako},\n" in entry
    assert "  language = {ja},\n  langid = {japanese}\n" in entry
    # Every field's braces balance, as BibTeX needs to find its end.
    assert entry.count("{") == entry.count("}")


def test_bibtex_braces_a_name_without_a_family_name_whole(db, first_paper: Paper) -> None:
    Author.objects.filter(slug="hanako-sato").update(family_name="", family_name_original="")
    entry = citation_formats.bibtex(paper_work(first_paper))
    assert "  author = {{Hanako Sato}},\n" in entry


def test_ris_of_a_chapter(db, first_paper: Paper, russian_papers: Paper, sato: Author) -> None:
    assert citation_formats.ris(chapter_work(first_paper.chapter)) == (
        "TY  - CHAP\r\n"
        "AU  - Sato, Hanako\r\n"
        "AU  - Ivanova, Olga\r\n"
        "AU  - Sokolov, Dmitri\r\n"
        "TI  - Factors regulating regional security\r\n"
        "T2  - Security in the Asia-Pacific\r\n"
        "PY  - 2007\r\n"
        "DA  - 2007/03/01/\r\n"
        f"PB  - {PUBLISHERS}\r\n"
        "LA  - en\r\n"
        f"UR  - {SITE}\r\n"
        "Y2  - 2026/11/25/\r\n"
        "ER  - \r\n"
    )


def test_ris_keeps_each_value_on_its_line(db, japanese_paper: Paper) -> None:
    japanese_paper.title = "日米同盟\nという礎"
    japanese_paper.save()
    record = citation_formats.ris(paper_work(japanese_paper))
    assert "TI  - 日米同盟 という礎\r\n" in record
    assert all(line[:2].isupper() and line[2:6] == "  - " for line in record.splitlines())
