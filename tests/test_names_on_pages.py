"""The data's own names on every reader's page in the reader's language: the study's
title, the sides' labels, the institutes' names and abbreviations, the tags
(positions.reading.names). A name without a translation is shown as written, marked with its
language; the pages run as many queries however many names they show."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from positions.models import (
    Chapter,
    Institute,
    InstituteTranslation,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
)
from tests.helpers import grow_chapter

LANGUAGES = ["ja", "ru"]
STUDY = "/{language}/studies/asia-pacific/"
CHAPTER_MODES = ["", "?text=original", "?text=default", "?text=en", "?text=ja", "?text=ru"]
PAPER_MODES = ["", "?text=en", "?text=ja", "?text=ru"]
# Words the pages' own translations may hold that are also names: none is asked for.
SEARCH = "?q=security"


def translate(model, language: str, **fields) -> None:
    made = model(language=language, **fields)
    made.follow_original()
    made.save()


def name_every_thing(study: Study) -> None:
    """Give the study, its sides, their institutes and every tag a current Japanese and
    Russian name, where the demo has none, unlike any original (“訳3”, “перевод3”)."""
    made_up = {"ja": "訳{}", "ru": "перевод{}"}
    for language, pattern in made_up.items():
        if not study.translations.filter(language=language).exists():
            translate(StudyTranslation, language, study=study, title=pattern.format("研究"))
        for side in study.sides.select_related("institute"):
            if not side.translations.filter(language=language).exists():
                translate(SideTranslation, language, side=side, label=pattern.format(side.pk))
            institute = side.institute
            if not institute.translations.filter(language=language).exists():
                translate(
                    InstituteTranslation,
                    language,
                    institute=institute,
                    name=pattern.format(f"i{institute.pk}"),
                    abbreviation=pattern.format(f"a{institute.pk}"),
                )
        for tag in Tag.objects.all():
            if not TagTranslation.objects.filter(tag=tag, language=language).exists():
                translate(TagTranslation, language, tag=tag, name=pattern.format(f"t{tag.pk}"))


def english_names(study: Study, language: str) -> list[str]:
    """The names as written that the pages in `language` must not show: every one whose
    translation differs from it (“SCO” may be “SCO” in Japanese too)."""
    pairs = [(study.title, study.translations.get(language=language).title)]
    for side in study.sides.select_related("institute"):
        pairs.append((side.label, side.translations.get(language=language).label))
        translated = side.institute.translations.get(language=language)
        pairs += [
            (side.institute.name, translated.name),
            (side.institute.abbreviation, translated.abbreviation),
        ]
    for tag in Tag.objects.all():
        pairs.append((tag.name, tag.translations.get(language=language).name))
    return [original for original, translated in pairs if original not in translated]


# The search page's help, whose examples of what to type ("alliances -China", “SCO
# finds ＳＣＯ”) are in its msgstrs: interface text, not names.
SEARCH_HELP = {"lede", "search-syntax"}


class Shown(HTMLParser):
    """The text a page shows in its own language: <main>'s, without what is marked
    with another language (the papers' texts, the points, the citations, a name
    shown as written), plus what <head> says of the page to others: its title, unless
    that is a text's own (`titled_by_text`, a chapter's theme or a paper's title)."""

    def __init__(
        self,
        html: str,
        language: str,
        *,
        titled_by_text: bool = False,
        skipped: frozenset[str] | set[str] = frozenset(),
        kept: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.language = language
        self.titled_by_text = titled_by_text
        # Classes of elements whose text is not the page's names.
        self.skipped = skipped
        # When given, the only elements (by tag or class) whose text is read.
        self.kept = kept
        self.text: list[str] = []
        self.head: list[str] = []
        # Each open element: its tag, whether it is in another language (or skipped),
        # whether its text is read (`kept`).
        self._open: list[tuple[str, bool, bool]] = []
        self._in_main = False
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "main":
            self._in_main = True
        if tag == "title" and not self.titled_by_text:
            self._in_title = True
        described = {"article:section", "article:tag"} | (
            set() if self.titled_by_text else {"og:title"}
        )
        if tag == "meta" and attributes.get("property", "") in described:
            self.head.append(attributes.get("content") or "")
        if tag in {"meta", "link", "input", "br", "img", "hr", "wbr"}:
            return
        language = attributes.get("lang")
        foreign = bool(language) and language != self.language
        classes = set((attributes.get("class") or "").split())
        foreign = foreign or bool(self.skipped & classes)
        parent_foreign, parent_kept = self._open[-1][1:] if self._open else (False, False)
        # With `kept`, text is read only inside a kept element.
        kept = parent_kept or not self.kept or bool(self.kept & (classes | {tag}))
        self._open.append((tag, foreign or parent_foreign, kept))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        if tag == "title":
            self._in_title = False
        if any(open_tag == tag for open_tag, _foreign, _kept in self._open):
            while self._open.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.head.append(data)
        foreign, kept = self._open[-1][1:] if self._open else (False, not self.kept)
        if self._in_main and kept and not foreign:
            self.text.append(data)

    def words(self) -> str:
        return " ".join(" ".join(self.text + self.head).split())


def found_in(text: str, names: list[str]) -> list[str]:
    return [name for name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


def reader_pages(language: str) -> list[str]:
    study = STUDY.format(language=language)
    chapters = Chapter.objects.filter(study__slug="asia-pacific").order_by("number")
    pages = [f"/{language}/", study, f"{study}map/", f"/{language}/search/{SEARCH}"]
    for chapter in chapters:
        url = f"{study}chapters/{chapter.number}/"
        pages += [url + mode for mode in CHAPTER_MODES]
        for side in Side.objects.filter(papers__chapter=chapter):
            pages += [f"{url}{side.slug}/{mode}" for mode in PAPER_MODES]
    pages += [f"/{language}/tags/{tag.slug}/" for tag in Tag.objects.all()]
    pages += [
        f"/{language}/authors/{slug}/"
        for slug in Study.objects.get(slug="asia-pacific")
        .chapters.values_list("papers__authors__slug", flat=True)
        .distinct()
        if slug
    ]
    return pages


@pytest.fixture
def named_demo(demo: Study) -> Study:
    name_every_thing(demo)
    return demo


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_a_translated_name_as_written(
    client: Client, named_demo: Study, language: str
) -> None:
    names = english_names(named_demo, language)
    # The check can fail: the names are there to be found, in English, on an English page.
    english = Shown(client.get("/en/studies/asia-pacific/chapters/1/").content.decode(), "en")
    assert {"Japan", "Russia", "NIDS", "CMSS GS"} <= set(found_in(english.words(), names))
    found = {}
    for url in reader_pages(language):
        # Each page as a reader gets it first: no text mode remembered from the last.
        client.cookies.pop("columns", None)
        response = client.get(url)
        assert response.status_code == 200, url
        page = Shown(
            response.content.decode(),
            language,
            titled_by_text="/chapters/" in url,
            skipped=SEARCH_HELP if "/search/" in url else set(),
        )
        if shown := found_in(page.words(), names):
            found[url] = shown
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_show_the_translated_names(client: Client, named_demo: Study, language: str) -> None:
    title = named_demo.translations.get(language=language).title
    first, second = named_demo.sides.select_related("institute").order_by("position")
    labels = [side.translations.get(language=language).label for side in (first, second)]
    institute = first.institute.translations.get(language=language)
    study_page = client.get(STUDY.format(language=language)).content.decode()
    assert f"<h1>{title}</h1>" in study_page
    assert f"<dd>{institute.name} ({institute.abbreviation})</dd>" in study_page
    chapter = client.get(STUDY.format(language=language) + "chapters/1/").content.decode()
    for label in labels:
        assert f">{label}</a></li>" in chapter  # the phone's tabs
        assert f'<span class="cell-label">{label}</span>' in chapter
    # The Cite box names the study as the page does.
    cite = re.search(r'<dd class="cite__text" lang="en">(.*?)</dd>', chapter, re.S)[1]
    assert title in cite
    china = Tag.objects.get(name="China")
    tag_page = client.get(f"/{language}/tags/{china.slug}/").content.decode()
    assert f"<h1>{china.translations.get(language=language).name}</h1>" in tag_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_name_their_study_and_tags_in_their_language(
    client: Client, named_demo: Study, language: str
) -> None:
    names = english_names(named_demo, language)
    china = Tag.objects.get(name="China")
    for url in [
        f"/{language}/feed/",
        f"/{language}/studies/asia-pacific/feed/",
        f"/{language}/tags/{china.slug}/feed/",
    ]:
        atom = client.get(url).content.decode()
        # The entries are the papers as written; the feed's title and the entries'
        # categories are in the feed's language.
        title = re.search(r"<title>(.*?)</title>", atom)[1]
        categories = re.findall(r'<category term="([^"]*)"', atom)
        assert categories, url
        assert found_in(" | ".join([title, *categories]), names) == [], url
    study_feed = client.get(f"/{language}/studies/asia-pacific/feed/").content.decode()
    assert named_demo.translations.get(language=language).title in study_feed


def test_a_name_without_a_translation_is_shown_as_written_and_marked(
    client: Client, named_demo: Study
) -> None:
    chapter = named_demo.chapters.get(number=1)
    chapter.tags.add("Mongolia")
    SideTranslation.objects.filter(side__slug="cmss-gs", language="ja").delete()
    html = client.get("/ja/studies/asia-pacific/chapters/1/").content.decode()
    assert '<a href="/ja/tags/mongolia/"><span lang="en">Mongolia</span></a>' in html
    assert '<span class="cell-label"><span lang="en">Russia</span></span>' in html
    # In a sentence, too: the passage link names its side.
    assert '<span lang="en">Russia</span>側の論文' in html


def test_a_name_translated_from_an_earlier_original_is_shown_as_it_now_is(
    client: Client, named_demo: Study
) -> None:
    Institute.objects.filter(abbreviation="NIDS").update(abbreviation="NIDS Japan")
    institute = Institute.objects.get(abbreviation="NIDS Japan")
    institute.save()
    html = client.get("/ru/studies/asia-pacific/").content.decode()
    assert '<span lang="en">NIDS Japan</span>' in html


@pytest.mark.parametrize(
    "url",
    [
        "/ja/",
        "/ja/studies/asia-pacific/",
        "/ja/studies/asia-pacific/map/",
        "/ja/studies/asia-pacific/chapters/1/",
        "/ja/studies/asia-pacific/chapters/1/nids/",
        "/ja/tags/china/",
        "/ja/search/?q=security",
        "/ja/feed/",
    ],
)
def test_more_names_add_no_query(client: Client, named_demo: Study, url: str) -> None:
    client.get(url)  # what a first request caches
    before = queries_of(client, url)
    # One of them is the names' in Japanese.
    assert any("positions_tagtranslation" in query["sql"] for query in before) or (
        "positions_sidetranslation" in " ".join(query["sql"] for query in before)
    )
    chapter = named_demo.chapters.get(number=1)
    grow_chapter(chapter, points=10, tags=5)
    for tag in Tag.objects.filter(name__startswith="theme "):
        translate(TagTranslation, "ja", tag=tag, name=f"主題{tag.pk}")
    for point in chapter.points.all():
        point.tags.add("China")
    other = Study.objects.create(title="Japan and Sweden", slug="japan-sweden")
    for position, label in [(1, "Japan"), (2, "Sweden")]:
        institute = Institute.objects.create(name=f"{label} institute", abbreviation=label)
        side = Side.objects.create(
            study=other, position=position, institute=institute, label=label, slug=label.lower()
        )
        translate(SideTranslation, "ja", side=side, label=f"{label}側")
    assert len(queries_of(client, url)) == len(before)


def queries_of(client: Client, url: str) -> list[dict]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return captured.captured_queries


# What the team's pages show of names: their headings and lists of changes hold
# texts as written (titles, questions), unmarked; the names are in these.
TEAM_NAMES = {"breadcrumbs", "eyebrow", "meta", "lede", "option", "label", "legend"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_teams_pages_name_the_study_and_sides_in_the_readers_language(
    client: Client, named_demo: Study, superuser, language: str
) -> None:
    client.force_login(superuser)
    names = english_names(named_demo, language)
    chapter = f"/{language}/studies/asia-pacific/chapters/1/"
    point = named_demo.chapters.get(number=1).points.first()
    found = {}
    for url in [
        f"{chapter}nids/history/",
        f"{chapter}points/{point.slug}/history/",
        f"{chapter}nids/discussion/",
        f"{chapter}points/{point.slug}/discussion/",
        f"/{language}/studies/asia-pacific/changes/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        # A history's own title is the paper's or the point's.
        page = Shown(html, language, titled_by_text=True, kept=TEAM_NAMES)
        # Where a change names a side or a tag: “… (Japan)”, “tag «China» on …”.
        whole = Shown(html, language, titled_by_text=True).words()
        quoted = [name for name in names if re.search(rf"[(「“«]{re.escape(name)}[)」”»]", whole)]
        if shown := found_in(page.words(), names) + quoted:
            found[url] = shown
    assert found == {}
    # The test reads something: the Japanese side's label is among what it read.
    changes = client.get(f"/{language}/studies/asia-pacific/changes/").content.decode()
    label = named_demo.sides.get(slug="nids").translations.get(language=language).label
    assert (f"（{label}）" if language == "ja" else f"({label})") in changes
    assert label in Shown(changes, language, kept=TEAM_NAMES).words()


def test_the_study_page_gives_the_introduction_in_the_readers_language(client, demo) -> None:
    html = client.get("/ja/studies/asia-pacific/").content.decode()
    japanese = demo.translations.get(language="ja")
    assert f'lang="ja">{japanese.introduction_html}' in html
    assert demo.introduction_html not in html


def test_an_introduction_changed_since_its_translation_is_shown_as_written(client, demo) -> None:
    demo.introduction += "\n\nOne more sentence."
    demo.save()
    html = client.get("/ja/studies/asia-pacific/").content.decode()
    assert f'lang="en">{demo.introduction_html}' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_work_names_the_study_and_sides_in_the_readers_language(
    named_demo: Study, language: str
) -> None:
    from positions.models import Paper, Role
    from tests.helpers import member, signed_in

    side = named_demo.sides.get(slug="nids")
    editor = member(named_demo, "nids-editor", Role.SIDE_EDITOR, side)
    paper = Paper.objects.filter(side=side).first()
    Paper.objects.filter(pk=paper.pk).update(status=Paper.Status.IN_REVIEW)
    html = signed_in(editor).get(f"/{language}/my-work/").content.decode()
    label = side.translations.get(language=language).label
    title = named_demo.translations.get(language=language).title
    assert f"({label})" in html  # the role
    assert f"{label} ·" in html  # the paper waiting for approval
    assert title in html
    assert f"({side.label})" not in html
    assert named_demo.title not in html
