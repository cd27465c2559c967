"""What pages say about themselves: a canonical address, Open Graph tags, and on a
paper's page a schema.org ScholarlyArticle in JSON-LD that no text can break out of."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import Author, Paper, PaperTranslation, Point

HOST = "http://testserver"
PAPER = "/en/studies/asia-pacific/chapters/2/nids/"


class Head(HTMLParser):
    """The <link>, <meta> and JSON-LD blocks of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.meta: list[dict[str, str]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "link":
            self.links.append(attributes)
        elif tag == "meta":
            self.meta.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data

    def canonical(self) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def og(self, name: str) -> list[str]:
        return [m["content"] for m in self.meta if m.get("property") == name]

    def description(self) -> str:
        return next(m["content"] for m in self.meta if m.get("name") == "description")

    def article(self) -> dict:
        assert len(self.json_ld) == 1
        return json.loads(self.json_ld[0])


def head(client: Client, url: str) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def content(disagreement: Point, first_paper: Paper, sato: Author) -> None:
    first_paper.tags.add("alliances")


@pytest.fixture
def japanese(first_paper: Paper, first_editor: User) -> PaperTranslation:
    first_editor.first_name, first_editor.last_name = "Kenji", "Ito"
    first_editor.save()
    translation = PaperTranslation(
        paper=first_paper,
        language="ja",
        title="礎としての同盟",
        abstract="同盟が重要である理由。",
        body="同盟は維持される。",
        translator=first_editor,
    )
    translation.follow_original()
    translation.save()
    return translation


PAGES = [
    "/{lang}/",
    "/{lang}/studies/asia-pacific/",
    "/{lang}/studies/asia-pacific/chapters/2/",
    "/{lang}/studies/asia-pacific/chapters/2/nids/",
    "/{lang}/authors/hanako-sato/",
    "/{lang}/tags/alliances/",
    "/{lang}/search/",
]


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_names_its_own_address_as_canonical(
    client, content: None, page: str, lang: str
):
    path = page.format(lang=lang)
    found = head(client, f"{path}?utm_source=newsletter&agreement=disagree&fbclid=x")
    assert found.canonical() == [f"{HOST}{path}"]
    assert found.og("og:url") == [f"{HOST}{path}"]


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_has_open_graph_tags(client, content: None, page: str):
    found = head(client, page.format(lang="ja"))
    assert found.og("og:site_name") == ["Positions"]
    assert found.og("og:locale") == ["ja_JP"]
    assert found.og("og:locale:alternate") == ["en_GB", "ru_RU"]
    (title,) = found.og("og:title")
    assert title and "·" not in title
    assert found.og("og:description") == [found.description()]
    expected = "article" if page.endswith("/nids/") else "website"
    assert found.og("og:type") == [expected]


def test_a_paper_page_is_an_article_with_its_title_abstract_and_authors(client, content: None):
    found = head(client, PAPER)
    assert found.og("og:title") == ["The alliance as the cornerstone"]
    assert found.og("og:description") == ["Why the alliance matters."]
    assert found.og("article:published_time") == ["2007-03-01"]
    assert found.og("article:author") == [f"{HOST}/en/authors/hanako-sato/"]
    assert found.og("article:section") == ["Security in the Asia-Pacific"]
    assert found.og("article:tag") == ["alliances"]


def test_a_papers_translation_keeps_its_text_in_the_canonical_address(
    client, content: None, japanese: PaperTranslation
):
    found = head(client, f"{PAPER}?text=ja&utm_source=x")
    assert found.canonical() == [f"{HOST}{PAPER}?text=ja"]
    assert found.og("og:title") == ["礎としての同盟"]
    assert found.description() == "同盟が重要である理由。"
    # A language the paper has no translation into shows the original: its address.
    assert head(client, f"{PAPER}?text=de").canonical() == [f"{HOST}{PAPER}"]


def test_a_page_that_is_not_there_has_no_canonical_address(client, db):
    response = client.get("/en/studies/nowhere/")
    assert response.status_code == 404
    assert Head(response.content.decode()).canonical() == []


def test_a_paper_page_describes_the_paper_as_a_scholarly_article(client, content: None):
    article = head(client, PAPER).article()
    institute = {
        "@type": "ResearchOrganization",
        "name": "National Institute for Defense Studies",
        "alternateName": "NIDS",
    }
    assert article == {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": f"{HOST}{PAPER}",
        "url": f"{HOST}{PAPER}",
        "headline": "The alliance as the cornerstone",
        "name": "The alliance as the cornerstone",
        "inLanguage": "en",
        "abstract": "Why the alliance matters.",
        "author": [
            {
                "@type": "Person",
                "name": "Hanako Sato",
                "familyName": "Sato",
                "givenName": "Hanako",
                "alternateName": "佐藤花子",
                "url": f"{HOST}/en/authors/hanako-sato/",
                "affiliation": institute,
            }
        ],
        "datePublished": "2007-03-01",
        "about": {"@type": "Thing", "name": "Factors regulating regional security"},
        "keywords": ["alliances"],
        "isPartOf": {
            "@type": "Collection",
            "@id": f"{HOST}/en/studies/asia-pacific/",
            "name": "Security in the Asia-Pacific",
            "inLanguage": "en",
            "url": f"{HOST}/en/studies/asia-pacific/",
        },
        "sourceOrganization": institute,
        "publisher": institute,
    }


def test_an_author_without_a_family_name_gives_the_name_whole(client, content: None, sato):
    sato.family_name = ""
    sato.save()
    [author] = head(client, PAPER).article()["author"]
    assert "familyName" not in author and "givenName" not in author
    assert author["name"] == "Hanako Sato"


def test_an_original_names_its_translations_and_a_translation_its_original(
    client, content: None, japanese: PaperTranslation
):
    original = head(client, "/ru/studies/asia-pacific/chapters/2/nids/").article()
    assert original["workTranslation"] == [
        {
            "@type": "ScholarlyArticle",
            "@id": f"{HOST}/ru/studies/asia-pacific/chapters/2/nids/?text=ja",
            "url": f"{HOST}/ru/studies/asia-pacific/chapters/2/nids/?text=ja",
            "inLanguage": "ja",
        }
    ]
    translated = head(client, f"{PAPER}?text=ja").article()
    assert translated["@id"] == f"{HOST}{PAPER}?text=ja"
    assert translated["headline"] == "礎としての同盟"
    assert translated["inLanguage"] == "ja"
    assert translated["abstract"] == "同盟が重要である理由。"
    assert translated["translator"] == {"@type": "Person", "name": "Kenji Ito"}
    assert translated["translationOfWork"]["@id"] == f"{HOST}{PAPER}"
    assert translated["translationOfWork"]["inLanguage"] == "en"
    assert "workTranslation" not in translated


def test_no_text_can_end_the_json_ld_block(client, content: None, first_paper: Paper):
    attack = "</script><script>alert(1)</script><!-- & “quotes”"
    Paper.objects.filter(pk=first_paper.pk).update(title=attack, abstract=attack)
    html = client.get(PAPER).content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003C/script\\u003E" in block
    assert "<script>alert(1)" not in html
    found = Head(html)
    assert found.article()["headline"] == attack
    assert found.article()["abstract"] == attack
    assert found.og("og:title") == [attack]


def test_metadata_adds_no_query_to_a_paper_page(
    client, django_assert_num_queries, content: None, japanese: PaperTranslation
):
    # As many as tests/test_paper_page.py counts without it.
    with django_assert_num_queries(6):
        client.get(PAPER)
    with django_assert_num_queries(6):
        client.get(f"{PAPER}?text=ja")
