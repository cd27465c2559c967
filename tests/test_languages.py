"""The interface in English, Japanese and Russian: the language is in the address,
every page says which it is, links to itself in the others, and shows dates the
reader's way; the catalogs are complete and compiled."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from positions.models import ChapterTranslation, Paper, Point, Side
from positions.text.languages import language_in_words, language_name

PAGES = [
    "/{lang}/",
    "/{lang}/studies/asia-pacific/",
    "/{lang}/studies/asia-pacific/chapters/2/",
    "/{lang}/studies/asia-pacific/chapters/2/nids/",
    "/{lang}/authors/hanako-sato/",
    "/{lang}/tags/alliances/",
]
LANGUAGES = ["en", "ja", "ru"]


@pytest.fixture
def content(disagreement: Point, first_paper: Paper) -> None:
    first_paper.tags.add("alliances")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_is_in_each_language_and_links_to_the_others(
    client: Client, content: None, page: str, lang: str
):
    path = page.format(lang=lang)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    for other in LANGUAGES:
        same_page = page.format(lang=other)
        # The switcher keeps the reader on this page; search engines get the others.
        assert f'<a href="{same_page}" hreflang="{other}" lang="{other}"' in html
        assert (
            f'<link rel="alternate" hreflang="{other}" href="http://testserver{same_page}">' in html
        )
    # The address without a language, which sends a visitor to theirs, as in the sitemap.
    without_language = page.format(lang="").replace("//", "/", 1)
    assert (
        f'<link rel="alternate" hreflang="x-default" href="http://testserver{without_language}">'
        in html
    )
    assert f'<a href="{path}" hreflang="{lang}" lang="{lang}" aria-current="true">' in html


def test_hreflang_links_are_canonical_addresses_without_tracking_parameters(
    client: Client, content: None
):
    html = client.get("/ja/studies/asia-pacific/?utm_source=newsletter").content.decode()
    assert "utm_source" not in html.split("</head>")[0]
    assert (
        '<link rel="alternate" hreflang="ru" href="http://testserver/ru/studies/asia-pacific/">'
        in html
    )


def test_the_switcher_keeps_the_query(client: Client, content: None):
    html = client.get("/en/studies/asia-pacific/chapters/2/?agreement=disagree").content.decode()
    assert 'href="/ja/studies/asia-pacific/chapters/2/?agreement=disagree"' in html


def test_the_words_are_the_languages(client: Client, content: None):
    assert "Chapter 2" in client.get("/en/studies/asia-pacific/").content.decode()
    assert "第2章" in client.get("/ja/studies/asia-pacific/").content.decode()
    assert "Глава 2" in client.get("/ru/studies/asia-pacific/").content.decode()


def test_dates_are_in_each_languages_form(client: Client, content: None):
    url = "/{}/studies/asia-pacific/chapters/2/nids/"
    assert ">1 March 2007</time>" in client.get(url.format("en")).content.decode()
    assert ">2007年3月1日</time>" in client.get(url.format("ja")).content.decode()
    assert ">1 марта 2007 г.</time>" in client.get(url.format("ru")).content.decode()


@pytest.mark.parametrize(
    ("accept", "expected"), [("ja,en;q=0.8", "/ja/"), ("ru-RU,ru;q=0.9", "/ru/"), ("de", "/en/")]
)
def test_the_root_sends_a_new_visitor_to_the_language_their_browser_asks_for(
    client: Client, db, accept: str, expected: str
):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_an_address_without_a_language_keeps_the_rest(client: Client, content: None):
    response = client.get("/studies/asia-pacific/", headers={"accept-language": "ru"})
    assert response["Location"] == "/ru/studies/asia-pacific/"


def test_the_language_read_last_is_remembered(client: Client, content: None):
    client.get("/ru/studies/asia-pacific/")
    assert client.cookies["django_language"].value == "ru"
    # Back at the root with a browser that asks for Japanese: Russian, as read last.
    response = client.get("/", headers={"accept-language": "ja"})
    assert response["Location"] == "/ru/"


def test_the_admin_follows_the_language_read(admin_client: Client):
    admin_client.get("/ja/")
    html = admin_client.get("/admin/").content.decode()
    assert '<html lang="ja"' in html and "ログアウト" in html


def test_health_has_no_language(client: Client, db):
    assert client.get("/health/").status_code == 200


@pytest.mark.parametrize(
    ("reader", "name"),
    [("en", "Swedish"), ("ru", "шведский"), ("ja", "スウェーデン語")],
)
def test_a_language_is_named_in_the_readers_language_as_mid_sentence(reader: str, name: str):
    with translation.override(reader):
        assert language_in_words("sv") == name


def test_english_in_japanese_is_english_not_american_english():
    # Django's own Japanese name for "en" is 英語(米国).
    with translation.override("ja"):
        assert language_in_words("en") == "英語"


def test_a_language_nobody_knows_is_named_by_its_code():
    with translation.override("ru"):
        assert language_in_words("qaa") == "qaa"
    assert language_name("qaa") == "qaa"


@pytest.mark.parametrize(
    ("code", "name"), [("ja", "日本語"), ("ru", "Русский"), ("sv", "Svenska"), ("fo", "Føroyskt")]
)
def test_a_menu_names_a_language_in_itself_capitalised(code: str, name: str):
    assert language_name(code) == name


def test_a_sentence_on_a_russian_page_names_the_language_in_lower_case(
    client: Client, content: None, first_side: Side, first_paper: Paper
):
    first_side.language = "sv"
    first_side.save()
    first_paper.language = "sv"
    first_paper.save()
    # With something in the chapter in Russian, each text that is not says so.
    chapter = first_paper.chapter
    theme = ChapterTranslation(chapter=chapter, language="ru", title="Факторы безопасности")
    theme.follow_original()
    theme.save()
    html = client.get("/ru/studies/asia-pacific/chapters/2/?text=ru").content.decode()
    # Not yet translated into Russian: the original, in Swedish.
    assert "Перевода (язык: русский) пока нет: показан оригинал (язык: шведский)." in html


def test_every_catalog_is_complete_current_and_compiled():
    # Fails naming each message missing, untranslated, fuzzy or no longer used, and
    # each catalog whose compiled .mo does not match its .po.
    call_command("catalogs", "--check")
