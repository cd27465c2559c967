"""What an editor types survives a save that fails with the database down: the browser
keeps it (static/positions/drafts.js) and the edit page offers it back."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection, connections
from playwright.sync_api import Page, expect

from positions.models import Paper, Role, Study
from tests.helpers import member, open_signed_in, signed_in

EDIT = "/en/studies/asia-pacific/chapters/2/nids/edit/"
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-results"
DRAFTS = "Object.keys(localStorage).filter(key => key.startsWith('positions:draft:')).length"


@contextmanager
def database_down() -> Iterator[None]:
    """Refuse every connection to the test database, and end those open, until the
    block ends, however it ends."""
    settings = connection.settings_dict
    name = settings["NAME"]
    admin = psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    try:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        yield
    finally:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        admin.close()
        # This thread's connection was ended: the next query opens another. The live
        # server's threads check theirs before using it (CONN_HEALTH_CHECKS).
        connections.close_all()


def typed_into(page: Page, text: str) -> None:
    """Type `text` as the paper's text, and wait until the browser has kept it."""
    page.get_by_role("textbox", name="Text").fill(text)
    # Not page.wait_for_function, which evaluates strings: the site's CSP forbids it.
    for _ in range(50):
        if page.evaluate(DRAFTS):
            return
        page.wait_for_timeout(100)
    raise AssertionError("The typed text was not kept in the browser.")


@pytest.fixture
def kenji(demo):
    study = Study.objects.get(slug="asia-pacific")
    return member(study, "kenji", Role.SIDE_EDITOR, study.sides.get(slug="nids"))


def test_text_typed_before_a_save_the_database_refused_is_offered_back(browser, live_server, kenji):
    if connection.vendor != "postgresql":
        pytest.skip("Stopping the database takes PostgreSQL (run with DATABASE_URL=postgres://…)")
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    context, page = open_signed_in(browser, live_server, kenji)
    page.goto(live_server.url + EDIT)
    mine = "Kenji writes while the database is about to stop.\n\n" + paper.body
    typed_into(page, mine)

    with database_down():
        with page.expect_response(lambda answer: answer.request.method == "POST") as saving:
            page.get_by_role("button", name="Save").click()
        assert saving.value.status == 503
        expect(page.get_by_role("heading", level=1)).to_have_text("The site is briefly unavailable")
        expect(page.get_by_text("If you were saving a text, nothing was saved.")).to_be_visible()
        # Going back to the form asks the server again, which cannot answer either.
        assert page.goto(live_server.url + EDIT).status >= 500

    answer = page.goto(live_server.url + EDIT)
    assert answer.status == 200
    notice = page.get_by_role("region", name="Text kept in this browser")
    expect(notice).to_contain_text(
        re.compile(
            r"What you typed on this page at \d\d:\d\d was not saved\. This browser kept it\."
        )
    )
    text = page.get_by_role("textbox", name="Text")
    assert text.input_value() == paper.body
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "draft-offered-1280.png")
    results = Axe().run(page)
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], results.generate_report()
    notice.get_by_role("button", name="Restore it").click()
    expect(notice).to_contain_text("Your text is back in the form. Nothing is saved until")
    assert text.input_value() == mine
    expect(page.locator("[data-preview-output]")).to_contain_text("Kenji writes while")

    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/chapters/2/nids/")
    paper.refresh_from_db()
    assert (paper.body, paper.version) == (mine.strip(), 2)

    # Saved: opening the page again offers nothing, and the browser keeps nothing.
    page.goto(live_server.url + EDIT)
    expect(notice).to_be_hidden()
    assert page.evaluate(DRAFTS) == 0
    context.close()


def test_text_left_unsaved_is_offered_until_it_is_discarded(browser, live_server, kenji):
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    context, page = open_signed_in(browser, live_server, kenji)
    page.goto(live_server.url + EDIT)
    notice = page.get_by_role("region", name="Text kept in this browser")
    expect(notice).to_be_hidden()
    typed_into(page, "Typed, then the editor left.\n\n" + paper.body)
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url("**/chapters/2/nids/")

    page.goto(live_server.url + EDIT)
    expect(notice).to_contain_text("was not saved")
    notice.get_by_role("button", name="Discard it").click()
    expect(notice).to_be_hidden()
    expect(page.get_by_role("textbox", name="Title")).to_be_focused()
    assert page.evaluate(DRAFTS) == 0

    page.reload()
    expect(notice).to_be_hidden()
    context.close()


def test_a_draft_of_an_older_version_is_restored_with_it_so_saving_shows_the_differences(
    browser, live_server, kenji
):
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    context, page = open_signed_in(browser, live_server, kenji)
    page.goto(live_server.url + EDIT)
    typed_into(page, "Kenji's words, never saved.\n\n" + paper.body)
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url("**/chapters/2/nids/")
    # Others save twice meanwhile.
    for opening in ["One.", "Two."]:
        paper.body = f"{opening}\n\n{paper.body}"
        paper.version += 1
        paper.save()

    page.goto(live_server.url + EDIT)
    notice = page.get_by_role("region", name="Text kept in this browser")
    expect(notice).to_contain_text("It may not have been saved")
    notice.get_by_role("button", name="Restore it").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Not saved: someone else saved first")).to_be_visible()
    assert page.get_by_role("textbox", name="Text").input_value().startswith("Kenji's words")
    paper.refresh_from_db()
    assert paper.body.startswith("Two.")
    context.close()


def test_the_page_tells_the_script_when_its_form_was_posted_and_not_saved(kenji):
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    client = signed_in(kenji)
    opened = client.get(EDIT).content.decode()
    assert "data-drafts" in opened and "data-posted" not in opened
    assert "/static/positions/drafts.js" in opened
    data = {"opened_version": paper.version, "title": "", "language": paper.language}
    refused = client.post(EDIT, data | {"body": "Kept.", "message": ""})
    assert refused.status_code == 400
    assert "data-posted" in refused.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/studies/asia-pacific/chapters/2/points/general-security-environment/edit/",
        # The paper is written in Japanese: its English translation.
        "/en/studies/asia-pacific/chapters/2/nids/translations/en/edit/",
    ],
)
def test_points_and_translations_keep_what_was_typed_too(browser, live_server, kenji, path):
    context, page = open_signed_in(browser, live_server, kenji)
    page.goto(live_server.url + path)
    field = page.locator("#edit-form textarea").first
    mine = "Typed here and never saved."
    field.fill(mine)
    page.wait_for_timeout(800)
    page.goto(live_server.url + path)
    notice = page.get_by_role("region", name="Text kept in this browser")
    expect(notice).to_contain_text("was not saved")
    assert field.input_value() != mine
    notice.get_by_role("button", name="Restore it").click()
    assert field.input_value() == mine
    assert page.console_errors == []
    context.close()
