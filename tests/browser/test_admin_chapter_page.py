"""The admin's chapter page in the browser: the papers' side menus follow the study
chosen, and the points' slugs are filled from their questions without getting in the
way of the slug the editor types."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page

from positions.models import Institute, Side, Study
from tests.helpers import open_signed_in

ADD_CHAPTER = "/admin/positions/chapter/add/"
ADD_POINT = "/admin/positions/point/add/"

QUESTION = "Is NATO enlargement Russia's main external threat?"
LONG_QUESTION = (
    "Does the deployment of missile defences in the Asia-Pacific region upset the "
    "strategic balance between the great powers?"
)


@pytest.fixture
def other_study(transactional_db) -> Study:
    study = Study.objects.create(title="Energy in Central Asia", slug="central-asia")
    institute = Institute.objects.create(
        name="Institute of Energy Studies", abbreviation="IES", country="Kazakhstan"
    )
    for position in (1, 2):
        Side.objects.create(
            study=study,
            position=position,
            institute=institute,
            label=f"Side {position}",
            language="ru",
            slug=f"ies-{position}",
        )
    return study


@pytest.fixture
def editor(superuser: User, django_db_serialized_rollback) -> User:
    # A superuser rather than a chief editor: a chief's admin rights come from the
    # roles' groups, which migrations made and which the serialized rollback does not
    # always put back once Playwright runs (tests/browser/conftest.py). The rollback is
    # asked for anyway, for the tests that run after these.
    return superuser


def offered(page: Page, selector: str) -> list[str]:
    """The labels of the options of a menu that can be picked."""
    return page.locator(selector).evaluate(
        "menu => [...menu.options].filter(o => o.value && !o.hidden && !o.disabled)"
        ".map(o => o.text)"
    )


def labels(study: Study) -> list[str]:
    return [f"{study} — {side}" for side in study.sides.order_by("position")]


def selection(page: Page, selector: str) -> list[int]:
    return page.locator(selector).evaluate("input => [input.selectionStart, input.selectionEnd]")


def type_a_slug(page: Page, prefix: str, question: str, slug: str) -> str:
    """Type the question, then click into the slug filled from it and type `slug`.

    Return the slug filled from the question.
    """
    page.locator(f"#id_{prefix}question").fill(question)
    filled = page.locator(f"#id_{prefix}slug").input_value()
    # Into the text, where the caret would go: as the editor who reported it did.
    page.locator(f"#id_{prefix}slug").click(position={"x": 30, "y": 8})
    # Selected, so that what is typed replaces it.
    assert selection(page, f"#id_{prefix}slug") == [0, len(filled)]
    page.keyboard.type(slug)
    return filled


def test_the_side_menus_offer_the_sides_of_the_study_chosen(
    browser, live_server, study: Study, other_study: Study, editor: User
) -> None:
    context, page = open_signed_in(browser, live_server, editor)
    page.goto(live_server.url + ADD_CHAPTER)

    # No study yet: no side.
    assert offered(page, "#id_papers-0-side") == []
    page.select_option("#id_study", str(study.pk))
    assert offered(page, "#id_papers-0-side") == labels(study)
    assert offered(page, "#id_papers-1-side") == labels(study)
    page.select_option("#id_papers-0-side", label=labels(study)[1])

    # Another study: its sides, and the side chosen of the first is taken back.
    page.select_option("#id_study", str(other_study.pk))
    assert offered(page, "#id_papers-0-side") == labels(other_study)
    assert page.locator("#id_papers-0-side").input_value() == ""
    # The template of papers added with "Add another" follows too.
    assert offered(page, "#id_papers-__prefix__-side") == labels(other_study)

    # A study given in the address is chosen, and only its sides are offered.
    page.goto(f"{live_server.url}{ADD_CHAPTER}?study={other_study.pk}")
    assert offered(page, "#id_papers-0-side") == labels(other_study)
    page.select_option("#id_study", str(study.pk))
    assert offered(page, "#id_papers-0-side") == labels(study)
    assert page.console_errors == []
    context.close()


def test_a_slug_typed_replaces_the_one_filled_from_the_question(
    browser, live_server, study: Study, editor: User
) -> None:
    context, page = open_signed_in(browser, live_server, editor)
    page.goto(live_server.url + ADD_CHAPTER)

    filled = type_a_slug(page, "points-0-", QUESTION, "nato-as-main-threat")

    assert filled == "is-nato-enlargement-russias-main-external-threat"
    assert page.locator("#id_points-0-slug").input_value() == "nato-as-main-threat"
    # The question no longer changes a slug the editor typed.
    page.locator("#id_points-0-question").fill(QUESTION + " Or not?")
    assert page.locator("#id_points-0-slug").input_value() == "nato-as-main-threat"

    # A long question's slug ends at a hyphen, whole words only.
    page.locator("#id_points-1-question").fill(LONG_QUESTION)
    slug = page.locator("#id_points-1-slug").input_value()
    whole = "does-the-deployment-of-missile-defences-in-the-asia-pacific-region-upset"
    assert slug == "does-the-deployment-of-missile-defences-in-the"
    assert len(slug) <= 50 and whole.startswith(slug + "-")
    # Left alone, the filled slug follows the question.
    page.locator("#id_points-1-question").fill("Missile defence")
    assert page.locator("#id_points-1-slug").input_value() == "missile-defence"

    # Russian is transliterated as Django's URLify does; Japanese it drops.
    page.locator("#id_points-2-question").fill("Расширение НАТО — главная угроза?")
    assert page.locator("#id_points-2-slug").input_value() == "rasshirenie-nato-glavnaya-ugroza"
    page.locator("#id_points-2-question").fill("NATOの拡大は脅威か")
    assert page.locator("#id_points-2-slug").input_value() == "nato"

    # A point added with "Add another" works the same.
    page.locator("#points-group .add-row a").click()
    filled = type_a_slug(page, "points-3-", QUESTION, "enlargement")
    assert filled == "is-nato-enlargement-russias-main-external-threat"
    assert page.locator("#id_points-3-slug").input_value() == "enlargement"

    assert page.console_errors == []
    context.close()


def test_the_points_own_page_fills_its_slug_the_same_way(
    browser, live_server, study: Study, editor: User
) -> None:
    context, page = open_signed_in(browser, live_server, editor)
    page.goto(live_server.url + ADD_POINT)

    filled = type_a_slug(page, "", LONG_QUESTION, "balance")

    assert filled == "does-the-deployment-of-missile-defences-in-the"
    assert page.locator("#id_slug").input_value() == "balance"
    assert page.console_errors == []
    context.close()
