"""An author's family names, in Latin letters and in original script, for citations."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from positions.models import Author
from positions.models.paper import given_name_of


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Hanako Sato", "Sato", "Hanako"),
        ("Sato Hanako", "Sato", "Hanako"),
        ("Olga Petrovna Ivanova", "Ivanova", "Olga Petrovna"),
        ("Maria de la Cruz", "de la Cruz", "Maria"),
        ("佐藤花子", "佐藤", "花子"),
        ("佐藤 花子", "佐藤", "花子"),
        ("Ольга Иванова", "Иванова", "Ольга"),
        ("Madonna", "Madonna", ""),
        # Not the start or the end, or not whole words where the name has spaces.
        ("Hanako Sato", "Tanaka", None),
        ("Hanako Sato", "ato", None),
        ("Olga Petrovna Ivanova", "Petrovna", None),
        ("Ольга Иванова", "ванова", None),
        ("佐藤花子", "藤", None),
    ],
)
def test_the_given_name_is_the_name_less_its_family_name(
    name: str, family: str, given: str | None
) -> None:
    assert given_name_of(name, family) == given


def test_an_author_gives_both_given_names(db) -> None:
    author = Author(
        name="Hanako Sato",
        family_name="Sato",
        name_original="佐藤花子",
        family_name_original="佐藤",
    )
    assert (author.given_name, author.given_name_original) == ("Hanako", "花子")
    assert Author(name="Hanako Sato").given_name == ""


def test_a_family_name_that_is_not_part_of_the_name_is_refused_with_a_message(db) -> None:
    author = Author(
        name="Hanako Sato",
        family_name="Tanaka",
        name_original="佐藤花子",
        family_name_original="田中",
        slug="hanako-sato",
    )
    with pytest.raises(ValidationError) as error:
        author.full_clean()
    assert error.value.message_dict["family_name"] == [
        "Write the family name as it stands at the start or the end of the name “Hanako Sato”."
    ]
    assert "“佐藤花子”" in error.value.message_dict["family_name_original"][0]


def test_a_family_name_in_original_script_needs_the_name_in_it(db) -> None:
    author = Author(name="Olga Ivanova", family_name_original="Иванова", slug="olga")
    with pytest.raises(ValidationError) as error:
        author.full_clean()
    assert list(error.value.message_dict) == ["family_name_original"]


@pytest.mark.parametrize(
    "fields",
    [
        {"family_name": "Tanaka"},
        {"name_original": "佐藤花子", "family_name_original": "田中"},
    ],
)
def test_the_database_refuses_a_family_name_that_is_not_in_the_name(db, fields: dict) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Author.objects.create(name="Hanako Sato", slug="hanako-sato", **fields)


def test_the_admin_saves_an_authors_family_names(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/positions/author/add/",
        {
            "name": "Olga Ivanova",
            "family_name": "Ivanova",
            "name_original": "Ольга Иванова",
            "family_name_original": "Иванова",
            "name_language": "ru",
            "slug": "olga-ivanova",
            "biography": "",
        },
    )
    assert response.status_code == 302
    author = Author.objects.get(slug="olga-ivanova")
    assert (author.family_name, author.given_name_original) == ("Ivanova", "Ольга")


def test_the_admin_says_which_family_name_is_wrong(admin_client: Client) -> None:
    page = admin_client.get("/admin/positions/author/add/").content.decode()
    assert 'name="family_name"' in page and 'name="family_name_original"' in page
    response = admin_client.post(
        "/admin/positions/author/add/",
        {"name": "Olga Ivanova", "family_name": "Petrova", "slug": "olga-ivanova"},
    )
    assert response.status_code == 200
    assert "the start or the end of the name “Olga Ivanova”" in response.content.decode()
    assert not Author.objects.exists()


def test_migration_0017_fills_the_last_word_of_latin_names_only(db) -> None:
    Author.objects.create(name="Hanako Sato", name_original="佐藤花子", slug="a")
    Author.objects.create(name="Olga Petrovna Ivanova", slug="b")
    Author.objects.create(name="Madonna", slug="c")
    Author.objects.create(name="Kenji Watanabe", family_name="Kenji Watanabe", slug="d")
    migration = importlib.import_module("positions.migrations.0017_author_family_names")

    migration.fill_family_names(apps, None)

    names = dict(Author.objects.values_list("slug", "family_name"))
    assert names == {"a": "Sato", "b": "Ivanova", "c": "", "d": "Kenji Watanabe"}
    assert set(Author.objects.values_list("family_name_original", flat=True)) == {""}
