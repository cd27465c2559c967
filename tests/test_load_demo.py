"""The `load_demo` command: the demonstration study, loaded and reloaded."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from taggit.models import Tag

from positions.demo import study as demo
from positions.demo import translations as demo_translations
from positions.models import (
    Agreement,
    Author,
    Authorship,
    Chapter,
    ChapterTag,
    ChapterTranslation,
    InstituteTranslation,
    Paper,
    PaperTag,
    PaperTranslation,
    Point,
    PointTag,
    PointTranslation,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
    Translation,
)

PREFACE = Path(django_settings.BASE_DIR).parent / "shared" / "seed" / "preface.md"


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        Study,
        Chapter,
        Paper,
        Point,
        Author,
        Authorship,
        ChapterTag,
        PaperTag,
        PointTag,
        ChapterTranslation,
        PaperTranslation,
        PointTranslation,
        StudyTranslation,
        SideTranslation,
        InstituteTranslation,
        TagTranslation,
    ]
    return {model.__name__: model.objects.count() for model in models}


def demo_texts() -> list[str]:
    """Return every text the demo put in the database."""
    study = Study.objects.get(slug="asia-pacific")
    texts = [study.title, study.introduction]
    for chapter in study.chapters.all():
        texts += [chapter.title, chapter.summary]
    for paper in study.papers.all():
        texts += [paper.title, paper.abstract, paper.body]
    for point in Point.objects.filter(chapter__study=study):
        texts += [point.question, point.first_stance, point.second_stance]
    for author in Author.objects.filter(authorships__paper__study=study).distinct():
        texts += [author.name, author.biography]
    return texts


def normalized(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def preface_sentences(markdown: str) -> list[str]:
    """Split the preface into sentences, keeping headings and footnotes apart.

    The preface's page breaks cut paragraphs in two and drop its footnotes in between,
    so the running text is joined up before it is split into sentences.
    """
    running, separate = [], []
    for line in markdown.splitlines():
        line = line.strip()
        if not line or line == "---":
            continue
        if line.startswith("#") or line.startswith("<sup>"):
            separate.append(re.sub(r"^<sup>\d+</sup>", "", line))
        else:
            running.append(line)
    sentences = []
    for block in [" ".join(running), *separate]:
        block = re.sub(r"<sup>\d+</sup>", " ", block)
        sentences += re.split(r"(?<=[.!?])\s+", block)
    return [normalized(sentence) for sentence in sentences]


@pytest.fixture
def loaded(db) -> Study:
    load_demo()
    return Study.objects.get(slug="asia-pacific")


def test_it_loads_both_sides_in_order(loaded: Study) -> None:
    sides = list(loaded.sides.select_related("institute"))
    assert [(s.position, s.slug, s.label, s.language) for s in sides] == [
        (1, "nids", "Japan", "ja"),
        (2, "cmss-gs", "Russia", "ru"),
    ]
    assert [s.institute.abbreviation for s in sides] == ["NIDS", "CMSS GS"]
    assert [s.institute.country for s in sides] == ["Japan", "Russia"]


def test_it_loads_four_chapters_with_a_published_paper_per_side(loaded: Study) -> None:
    assert list(loaded.chapters.values_list("number", "order")) == [(n, n) for n in range(1, 5)]
    papers = Paper.objects.filter(study=loaded)
    assert papers.count() == 8
    assert papers.published().count() == 8
    assert set(papers.values_list("published_on", flat=True)) == {demo.PUBLISHED_ON}
    for chapter in loaded.chapters.all():
        assert sorted(chapter.papers.values_list("side__position", flat=True)) == [1, 2]


def test_every_paper_has_authors_and_starts_with_the_summary_note(loaded: Study) -> None:
    notes = {"en": demo.SUMMARY_NOTE, **demo_translations.SUMMARY_NOTES}
    # The Russian side's say that the preface, written from the Japanese side, is
    # Japan's reading of Russia's views.
    readings = {"en": demo.READING_NOTE, **demo_translations.READING_NOTES}
    for paper in Paper.objects.filter(study=loaded).select_related("side"):
        note = (readings if paper.side.slug == "cmss-gs" else notes)[paper.language]
        assert paper.body.startswith(note), paper
        for translation in paper.translations.all():
            language = translation.language
            note = (readings if paper.side.slug == "cmss-gs" else notes)[language]
            assert translation.body.startswith(note), translation
        assert paper.authorships.exists(), paper
        assert {a.institute_id for a in paper.authors.all()} == {paper.side.institute_id}


def test_authors_are_marked_as_fictional(loaded: Study) -> None:
    authors = Author.objects.filter(authorships__paper__study=loaded).distinct()
    assert authors.count() == 4
    for author in authors:
        assert "fictional" in author.biography
        assert author.name_original and author.name_language in {"ja", "ru"}


def test_some_papers_have_footnotes_and_headings(loaded: Study) -> None:
    papers = list(Paper.objects.filter(study=loaded))
    assert sum('class="footnote-ref"' in paper.body_html for paper in papers) >= 3
    headings = [p for paper in papers for p in paper.passages if not re.fullmatch(r"p\d+", p)]
    assert headings


def test_no_paper_has_render_problems(loaded: Study) -> None:
    for paper in Paper.objects.filter(study=loaded):
        assert paper.render_problems == [], paper


def test_each_chapter_has_two_to_five_points(loaded: Study) -> None:
    for chapter in loaded.chapters.all():
        assert 2 <= chapter.points.count() <= 5, chapter


def test_the_agreements_the_preface_gives_appear(loaded: Study) -> None:
    """The preface names points of agreement and of disagreement, and many that it gives
    one side's view of; it names none on which the sides partly agree."""
    points = Point.objects.filter(chapter__study=loaded)
    assert set(points.values_list("agreement", flat=True)) == set(Agreement.values) - {
        Agreement.PARTLY
    }
    for point in points.filter(agreement=Agreement.ONE_SIDE):
        assert [point.first_stance, point.second_stance].count("") == 1, point


def test_every_cited_passage_exists_in_its_paper(loaded: Study) -> None:
    cited = 0
    for point in Point.objects.filter(chapter__study=loaded).select_related("chapter"):
        papers = {p.side.position: p for p in point.chapter.papers.select_related("side")}
        for position, passage in [(1, point.first_passage), (2, point.second_passage)]:
            if passage:
                cited += 1
                assert passage in papers[position].passages, (point.slug, passage)
    assert cited >= 15


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_every_chapter_is_complete_in_english_japanese_and_russian(
    loaded: Study, number: int
) -> None:
    chapter = loaded.chapters.get(number=number)
    # Each side's paper in its own language, translated into the other two.
    for paper in chapter.papers.select_related("side"):
        assert paper.language == paper.side.language
        translations = list(paper.translations.all())
        assert {t.language for t in translations} | {paper.language} == {"en", "ja", "ru"}
        for translation in translations:
            assert translation.is_current and translation.source_history_id
            # The same passages: the points' links land in every language.
            assert translation.passages == paper.passages, translation
            assert translation.render_problems == []
    assert set(chapter.translations.values_list("language", flat=True)) == {"ja", "ru"}
    for point in chapter.points.all():
        for language in ("ja", "ru"):
            parts = set(point.translations.filter(language=language).values_list("part", flat=True))
            expected = {"question"} | {
                part
                for part, stance in [("first", point.first_stance), ("second", point.second_stance)]
                if stance
            }
            assert parts == expected, (point.slug, language)


def test_chapters_papers_and_points_are_tagged(loaded: Study) -> None:
    assert ChapterTag.objects.filter(content_object__study=loaded).count() >= 4
    assert PaperTag.objects.filter(content_object__study=loaded).count() >= 8
    assert PointTag.objects.filter(content_object__chapter__study=loaded).exists()
    sco = Point.objects.get(chapter__study=loaded, slug="sco")
    assert "SCO" in sco.tags.names()


def test_it_prints_a_summary(db) -> None:
    output = load_demo()
    assert "4 chapters, 8 papers," in output
    assert f"{Point.objects.count()} points." in output


def test_running_it_twice_changes_nothing(loaded: Study) -> None:
    before = counts()
    updated = dict(Paper.objects.values_list("pk", "updated"))
    load_demo()
    assert counts() == before
    assert dict(Paper.objects.values_list("pk", "updated")) == updated


def test_it_restores_edited_demo_objects(loaded: Study) -> None:
    original_counts = counts()
    paper = Paper.objects.get(study=loaded, chapter__number=3, side__slug="nids")
    original_title, original_html = paper.title, paper.body_html
    paper.title = "Edited by someone"
    paper.body = "Nothing left."
    paper.save()
    paper.tags.set(["edited"])
    paper.authorships.all().delete()
    point = Point.objects.get(chapter__study=loaded, slug="collective-security-mechanism")
    point.agreement = Agreement.AGREE
    point.save()

    load_demo()

    paper.refresh_from_db()
    assert paper.title == original_title
    assert paper.body_html == original_html
    assert set(paper.tags.names()) == {"China", "SCO", "terrorism", "missile defense"}
    assert list(paper.authors.values_list("slug", flat=True)) == [
        "hanako-sato",
        "kenji-watanabe",
    ]
    point.refresh_from_db()
    assert point.agreement == Agreement.DISAGREE
    assert counts() == original_counts


def test_create_admin_is_refused_without_debug(db, settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only for local use"):
        load_demo("--create-admin")
    assert not User.objects.filter(username="admin").exists()
    assert not Study.objects.exists()


def test_create_admin_creates_a_local_superuser_once(db, settings) -> None:
    settings.DEBUG = True
    output = load_demo("--create-admin")
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("admin")
    assert "admin" in output and "/admin/" in output

    load_demo("--create-admin")
    assert User.objects.filter(username="admin").count() == 1
    assert Study.objects.count() == 1


@pytest.mark.skipif(not PREFACE.exists(), reason=f"the seed preface is not at {PREFACE}")
def test_no_sentence_of_the_preface_is_copied(loaded: Study) -> None:
    sentences = [s for s in preface_sentences(PREFACE.read_text()) if len(s.split()) >= 8]
    assert len(sentences) > 40  # the split found the preface's sentences
    texts = [normalized(text) for text in demo_texts()]
    copied = [s for s in sentences if any(s in text for text in texts)]
    assert copied == []


def test_create_team_makes_one_account_per_role_once(db, settings) -> None:
    settings.DEBUG = True
    load_demo("--create-team")
    load_demo("--create-team")
    study = Study.objects.get()
    team = {
        m.user.username: (m.role, m.side.slug if m.side else None)
        for m in study.memberships.select_related("user", "side")
    }
    assert team == {
        "chief": ("chief_editor", None),
        "nids-editor": ("side_editor", "nids"),
        "cmss-editor": ("side_editor", "cmss-gs"),
        "reviewer": ("reviewer", None),
    }
    editor = User.objects.get(username="nids-editor")
    assert editor.check_password("nids-editor")
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Side editors"]


def test_create_team_is_refused_without_debug(db, settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only for local use"):
        load_demo("--create-team")
    assert not User.objects.exists()


def test_every_name_and_tag_is_in_japanese_and_russian(loaded: Study) -> None:
    sides = list(loaded.sides.select_related("institute"))
    tags = Tag.objects.filter(
        pk__in=[
            *ChapterTag.objects.filter(content_object__study=loaded).values_list("tag", flat=True),
            *PaperTag.objects.filter(content_object__study=loaded).values_list("tag", flat=True),
            *PointTag.objects.filter(content_object__chapter__study=loaded).values_list(
                "tag", flat=True
            ),
        ]
    )
    assert tags.count() == 11
    named = [loaded, *sides, *(side.institute for side in sides), *tags]
    for obj in named:
        translations = list(obj.translations.all())
        assert sorted(t.language for t in translations) == ["ja", "ru"], obj
        for translation in translations:
            assert translation.is_current and translation.source_history_id, translation
    assert [s.institute.language for s in sides] == ["en", "en"]
    assert dict(loaded.sides.get(slug="nids").translations.values_list("language", "label")) == {
        "ja": "日本",
        "ru": "Япония",
    }
    nids = sides[0].institute.translations.get(language="ja")
    assert (nids.name, nids.abbreviation) == ("防衛省防衛研究所", "防衛研究所")


def test_the_introduction_says_in_every_language_that_the_authors_are_fictional(
    loaded: Study,
) -> None:
    assert "fictional" in loaded.introduction
    introductions = dict(loaded.translations.values_list("language", "introduction"))
    assert "要約" in introductions["ja"] and "架空" in introductions["ja"]
    assert "краткие изложения" in introductions["ru"] and "вымышлены" in introductions["ru"]
    for translation in loaded.translations.all():
        # As many paragraphs as the English, the note in bold like it.
        assert translation.introduction.count("\n\n") == loaded.introduction.count("\n\n")
        assert translation.introduction_html.count("<strong>") == 1, translation


def historical_models() -> list[type]:
    return [model for model in apps.get_models() if model.__name__.startswith("Historical")]


def test_the_demo_history_carries_the_publication_date(loaded: Study) -> None:
    dates = set()
    for model in historical_models():
        dates |= set(model.objects.values_list("history_date", flat=True))
    assert dates == {demo.HISTORY_DATE}
    assert timezone.localdate(demo.HISTORY_DATE) == demo.PUBLISHED_ON
    for model in Translation.__subclasses__():
        for source_date in model.objects.values_list("source_date", flat=True):
            assert source_date == demo.HISTORY_DATE, model
    assert set(Paper.objects.values_list("status_changed", flat=True)) == {demo.HISTORY_DATE}


def test_a_restored_object_keeps_its_history_in_order(loaded: Study) -> None:
    paper = Paper.objects.get(study=loaded, chapter__number=3, side__slug="nids")
    paper.title = "Edited by someone"
    paper.save()
    edited = paper.history.latest("history_id")
    assert edited.history_date > demo.HISTORY_DATE

    load_demo()

    restored = paper.history.latest("history_id")
    assert restored.title != "Edited by someone"
    assert restored.history_date == edited.history_date


def test_the_sign_off_panel_gives_the_publication_date(loaded: Study, client) -> None:
    client.force_login(User.objects.create_superuser("boss", password="x"))
    html = client.get("/en/studies/asia-pacific/chapters/1/nids/").content.decode()
    status = re.search(r'<p class="workflow__status">(.*?)</p>', html, re.S)
    assert status, "no sign-off panel"
    assert "since March 2007" in status.group(1)
