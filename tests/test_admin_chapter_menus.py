"""The menus of the admin's chapter page: the sides offered to the papers follow the
chapter's study, also on the add page, before the chapter has one. And the points'
slugs, which a script fills from their questions."""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions import roles
from positions.models import Chapter, Membership, Point, Role, Side, Study
from tests.helpers import chapter_form, member, signed_in

ADD_CHAPTER = "/admin/positions/chapter/add/"


@pytest.fixture
def chief_of_two(study: Study, other_study: Study) -> User:
    user = member(study, "yuki", Role.CHIEF_EDITOR)
    Membership.objects.create(study=other_study, user=user, role=Role.CHIEF_EDITOR)
    roles.sync_staff_access(user)
    return user


class Menus(HTMLParser):
    """The options of each <select> of a page, by the select's name."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.menus: dict[str, list[dict[str, Any]]] = {}
        self._menu: list[dict[str, Any]] | None = None
        self._option: dict[str, Any] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "select":
            self._menu = self.menus.setdefault(dict(attrs)["name"], [])
        elif tag == "option" and self._menu is not None:
            self._option = {**dict(attrs), "label": ""}
            self._menu.append(self._option)

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["label"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._option = None
        elif tag == "select":
            self._menu = None


def menu(response: Any, name: str) -> list[dict[str, Any]]:
    return Menus(response.content.decode()).menus[name]


def offered(response: Any, name: str = "papers-0-side") -> list[str]:
    """The labels of the options a person can pick (not hidden, not disabled)."""
    return [
        option["label"]
        for option in menu(response, name)
        if option["value"] and "hidden" not in option and "disabled" not in option
    ]


def chosen(response: Any, name: str) -> list[str]:
    return [o["value"] for o in menu(response, name) if o["value"] and "selected" in o]


def labels(study: Study) -> list[str]:
    return [f"{study} — {side}" for side in study.sides.order_by("position")]


# The add page


def test_one_who_may_add_chapters_in_one_study_is_given_it_and_its_sides(
    study: Study, other_study: Study, chief: User
) -> None:
    response = signed_in(chief).get(ADD_CHAPTER)

    assert response.status_code == 200
    assert chosen(response, "study") == [str(study.pk)]
    assert offered(response, "papers-0-side") == labels(study)
    assert offered(response, "papers-1-side") == labels(study)
    assert "Side 1 (IES)" not in response.content.decode()
    # The points' stances are named after the sides already.
    assert "Japan (NIDS) stance" in response.content.decode()


def test_a_study_given_in_the_address_is_chosen_and_only_its_sides_offered(
    study: Study, other_study: Study, chief_of_two: User
) -> None:
    response = signed_in(chief_of_two).get(f"{ADD_CHAPTER}?study={other_study.pk}")

    assert chosen(response, "study") == [str(other_study.pk)]
    assert offered(response) == labels(other_study)
    # Still in the menu, hidden, for the script to show if the study is changed.
    hidden = [option for option in menu(response, "papers-0-side") if "hidden" in option]
    assert [option["label"] for option in hidden] == labels(study)
    assert all("disabled" in option for option in hidden)


def test_a_study_not_theirs_in_the_address_offers_no_side_of_it(
    study: Study, other_study: Study, chief: User
) -> None:
    response = signed_in(chief).get(f"{ADD_CHAPTER}?study={other_study.pk}")

    assert response.status_code == 200
    assert chosen(response, "study") == []
    assert "Side 1 (IES)" not in response.content.decode()
    assert offered(response) == labels(study)


def test_with_no_study_chosen_each_side_names_its_study_for_the_script(
    study: Study, other_study: Study, chief_of_two: User
) -> None:
    response = signed_in(chief_of_two).get(ADD_CHAPTER)

    assert chosen(response, "study") == []
    # Without JavaScript every side of their studies is offered, named with its study;
    # chapter-sides.js shows none until a study is chosen, then only its sides.
    assert sorted(offered(response)) == sorted(labels(study) + labels(other_study))
    sides = {side.pk: side.study_id for side in Side.objects.all()}
    # Also in the template that "Add another" copies.
    for name in ["papers-0-side", "papers-__prefix__-side"]:
        options = [option for option in menu(response, name) if option["value"]]
        assert {int(o["value"]): int(o["data-study"]) for o in options} == sides
    assert "/static/positions/admin/chapter-sides.js" in response.content.decode()


def test_a_superuser_with_several_studies_chooses_one(
    admin_client: Client, study: Study, other_study: Study
) -> None:
    response = admin_client.get(ADD_CHAPTER)

    assert chosen(response, "study") == []
    assert len(offered(response)) == 4


def test_the_form_shown_again_offers_the_sides_of_the_posted_study(
    study: Study, other_study: Study, chief_of_two: User
) -> None:
    side = other_study.sides.get(position=1)
    data = chapter_form(
        # No title: the page is shown again with the error.
        {"study": other_study.pk, "number": "3"},
        papers=[{"side": side.pk, "title": "Pipelines", "body": "Gas."}],
    )

    response = signed_in(chief_of_two).post(ADD_CHAPTER, data)

    assert response.status_code == 200
    assert not Chapter.objects.exists()
    assert chosen(response, "study") == [str(other_study.pk)]
    assert offered(response) == labels(other_study)
    assert chosen(response, "papers-0-side") == [str(side.pk)]


def test_a_side_of_another_study_than_the_posted_one_is_still_refused(
    study: Study, other_study: Study, chief_of_two: User
) -> None:
    data = chapter_form(
        {"study": other_study.pk, "number": "3", "title": "Energy"},
        papers=[{"side": study.sides.get(position=1).pk, "title": "Pipelines", "body": "Gas."}],
    )

    response = signed_in(chief_of_two).post(ADD_CHAPTER, data)

    assert response.status_code == 200
    assert "This side belongs to another study" in response.content.decode()
    assert not Chapter.objects.exists()


# The change page


def test_a_chapters_page_offers_its_studys_sides_only(
    chapter: Chapter, other_study: Study, chief_of_two: User
) -> None:
    response = signed_in(chief_of_two).get(f"/admin/positions/chapter/{chapter.pk}/change/")

    assert offered(response) == ["Japan (NIDS)", "Russia (CMSS GS)"]
    study_ids = {option.get("data-study") for option in menu(response, "papers-0-side")}
    assert study_ids == {None, str(chapter.study_id)}


# The points' slugs


def test_a_new_points_slug_is_filled_by_the_pages_script_and_a_saved_ones_is_not(
    admin_client: Client, chapter: Chapter, agreement: Point
) -> None:
    add = admin_client.get(ADD_CHAPTER).content.decode()
    change = admin_client.get(f"/admin/positions/chapter/{chapter.pk}/change/").content.decode()
    point = admin_client.get(f"/admin/positions/point/{agreement.pk}/change/").content.decode()
    new_point = admin_client.get("/admin/positions/point/add/").content.decode()

    for html in [add, change, point, new_point]:
        assert "/static/positions/admin/point-slug.js" in html
        # Django's own filling (prepopulate.js) is not asked for.
        assert 'data-prepopulated-fields="[]"' in html
    assert 'name="points-0-slug"' in add
    assert add.count('data-slug-from="question"') == 4  # 3 new points and the template
    assert change.count('data-slug-from="question"') == 2  # 1 new point and the template
    assert 'value="new-threats"' in change
    assert 'data-slug-from="question"' not in point
    assert 'data-slug-from="question"' in new_point
