import importlib
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape
from taggit.models import Tag

from positions.models import Chapter, Paper, Point, tags_by_object
from tests.helpers import management


def test_it_fetches_the_tags_of_chapters_papers_and_points_in_one_query(
    django_assert_num_queries, chapter: Chapter, first_paper: Paper, disagreement: Point
):
    chapter.tags.add("Europe")
    first_paper.tags.add("alliances", "Missile defense")
    disagreement.tags.add("Missile defense")
    with django_assert_num_queries(1):
        tags = tags_by_object(chapters=[chapter], papers=[first_paper], points=[disagreement])
    assert [tag.name for tag in tags[("chapter", chapter.pk)]] == ["Europe"]
    assert [tag.slug for tag in tags[("paper", first_paper.pk)]] == ["alliances", "missile-defense"]
    assert [tag.name for tag in tags[("point", disagreement.pk)]] == ["Missile defense"]


def test_it_runs_no_query_for_nothing(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert tags_by_object() == {}


# Names that make no address. Found by a security test: a side editor typed
# "alliances, !!", and every page listing the tag "!!" failed.

PAPER_EDIT = "/en/studies/asia-pacific/chapters/2/nids/edit/"


def paper_edit(paper: Paper, tags: str) -> dict[str, Any]:
    return {
        "opened_version": paper.version,
        "title": paper.title,
        "abstract": paper.abstract,
        "body": paper.body,
        "tags": tags,
        "message": "",
    }


@pytest.mark.parametrize(
    "typed", ["alliances, !!", "alliances, >", "—, alliances", "alliances, ..."]
)
def test_the_site_refuses_a_tag_without_a_letter_or_digit(
    client: Client, first_editor: User, first_paper: Paper, typed: str
) -> None:
    client.force_login(first_editor)

    response = client.post(PAPER_EDIT, paper_edit(first_paper, typed))

    assert response.status_code == 400
    assert "a tag needs at least one letter or digit" in response.content.decode()
    assert list(first_paper.tags.names()) == []
    assert not Tag.objects.exists()
    # What was typed is still in the form.
    assert escape(typed) in response.content.decode()


def test_the_site_refuses_a_tag_longer_than_the_table_holds(
    client: Client, first_editor: User, first_paper: Paper
) -> None:
    client.force_login(first_editor)

    response = client.post(PAPER_EDIT, paper_edit(first_paper, "alliances, " + "x" * 101))

    assert response.status_code == 400
    assert "is too long for a tag: a tag has at most 100 characters" in response.content.decode()
    assert not Tag.objects.exists()


def test_a_tag_of_100_characters_is_saved(
    client: Client, first_editor: User, first_paper: Paper
) -> None:
    client.force_login(first_editor)

    response = client.post(PAPER_EDIT, paper_edit(first_paper, "x" * 100))

    assert response.status_code == 302
    assert list(first_paper.tags.names()) == ["x" * 100]


def test_the_admin_refuses_a_tag_without_a_letter_or_digit(
    admin_client: Client, disagreement: Point
) -> None:
    data = {
        "opened_version": disagreement.version,
        "chapter": disagreement.chapter_id,
        "question": disagreement.question,
        "slug": disagreement.slug,
        "agreement": disagreement.agreement,
        "first_stance": disagreement.first_stance,
        "first_passage": disagreement.first_passage,
        "second_stance": disagreement.second_stance,
        "second_passage": disagreement.second_passage,
        "order": disagreement.order,
        "tags": "missile defense, !!",
        **management("translations", 0),
    }

    response = admin_client.post(f"/admin/positions/point/{disagreement.pk}/change/", data)

    assert response.status_code == 200
    assert "“!!” cannot be a tag" in response.content.decode()
    assert not Tag.objects.exists()


def test_a_tag_in_another_script_has_a_page(
    client: Client, chapter: Chapter, first_paper: Paper
) -> None:
    first_paper.tags.add("同盟", "безопасность")

    chapter_page = client.get("/en/studies/asia-pacific/chapters/2/").content.decode()

    assert f'href="/en/tags/{quote("同盟")}/"' in chapter_page
    assert "同盟" in client.get(f"/en/tags/{quote('同盟')}/").content.decode()
    assert client.get(f"/en/tags/{quote('безопасность')}/feed/").status_code == 200


def test_tags_saved_without_an_address_get_one(
    client: Client, chapter: Chapter, first_paper: Paper
) -> None:
    # As the tags the forms made before they refused such names.
    Tag.objects.create(name="!!", slug="")
    first_paper.tags.add("!!")
    migration = importlib.import_module("positions.migrations.0020_tags_with_an_address")

    migration.give_each_tag_a_slug(apps, None)

    tag = Tag.objects.get(name="!!")
    assert tag.slug == f"tag-{tag.pk}"
    # Every page that failed with it: those that list the tag or its papers.
    for url in [
        "/en/studies/asia-pacific/chapters/2/",
        "/en/studies/asia-pacific/chapters/2/nids/",
        f"/en/tags/tag-{tag.pk}/",
        f"/en/tags/tag-{tag.pk}/feed/",
        "/en/feed/",
        "/sitemap.xml",
        "/api/tags/",
    ]:
        assert client.get(url).status_code == 200, url
