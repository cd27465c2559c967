"""Two editors in two browsers edit the same paper: neither loses what they typed."""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from positions.models import Paper, Role, Study
from tests.helpers import member, open_signed_in

EDIT = "/en/studies/asia-pacific/chapters/2/nids/edit/"
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-results"


def named(user: User, first: str, last: str) -> User:
    user.first_name, user.last_name = first, last
    user.save()
    return user


def test_the_editor_who_saves_second_keeps_their_text_and_sees_the_difference(
    browser, live_server, demo
):
    study = Study.objects.get(slug="asia-pacific")
    kenji = named(
        member(study, "kenji", Role.SIDE_EDITOR, study.sides.get(slug="nids")), "Kenji", "Mori"
    )
    # Two editors of the same side: once published, its words are that side's alone.
    olga = named(
        member(study, "olga", Role.SIDE_EDITOR, study.sides.get(slug="nids")), "Olga", "Ivanova"
    )
    paper = Paper.objects.get(chapter__number=2, side__slug="nids")
    context_a, page_a = open_signed_in(browser, live_server, kenji)
    context_b, page_b = open_signed_in(browser, live_server, olga)

    page_a.goto(live_server.url + EDIT)
    page_b.goto(live_server.url + EDIT)
    expect(page_b.locator(".presence")).to_contain_text(
        re.compile(r"Kenji Mori is editing this paper since \d\d:\d\d")
    )

    # Kenji types; the preview beside the text follows, sanitized.
    mine = "Kenji writes a new opening.<script>alert(1)</script>\n\n" + paper.body
    page_a.get_by_role("textbox", name="Text").fill(mine)
    expect(page_a.locator("[data-preview-output]")).to_contain_text("Kenji writes a new opening.")
    expect(page_a.locator("[data-preview-problems]")).to_contain_text("Removed 1 <script>")
    assert page_a.locator("[data-preview-output] script").count() == 0

    # Olga saves first.
    theirs = "Olga writes a new opening.\n\n" + paper.body
    page_b.get_by_role("textbox", name="Text").fill(theirs)
    page_b.get_by_role("button", name="Save").click()
    page_b.wait_for_url("**/chapters/2/nids/")

    # Kenji's save is refused; nothing he typed is lost.
    page_a.get_by_role("button", name="Save").click()
    expect(page_a.get_by_role("alert").first).to_contain_text(
        re.compile(r"Olga Ivanova saved this paper at \d\d:\d\d while you were editing")
    )
    assert page_a.get_by_role("textbox", name="Text").input_value() == mine
    expect(page_a.locator(".diff__side--old del").first).to_contain_text("Olga")
    expect(page_a.locator(".diff__side--new ins").first).to_contain_text("Kenji")
    SCREENSHOTS.mkdir(exist_ok=True)
    page_a.screenshot(path=SCREENSHOTS / "edit-conflict-1280.png", full_page=True)
    results = Axe().run(page_a)
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], results.generate_report()

    # Having merged, he saves again.
    merged = "Olga and Kenji write a new opening.\n\n" + paper.body
    page_a.get_by_role("textbox", name="Text").fill(merged)
    page_a.get_by_role("button", name="Save").click()
    page_a.wait_for_url("**/chapters/2/nids/")
    paper.refresh_from_db()
    assert (paper.body, paper.version) == (merged.strip(), 3)
    # The refused save is answered 409, which Chromium reports; no script failed.
    refused = "Failed to load resource: the server responded with a status of 409 (Conflict)"
    assert page_a.console_errors == [refused] and page_b.console_errors == []
    context_a.close()
    context_b.close()


def test_without_javascript_the_preview_button_shows_the_preview(browser, live_server, demo):
    study = Study.objects.get(slug="asia-pacific")
    kenji = member(study, "kenji", Role.SIDE_EDITOR, study.sides.get(slug="nids"))
    client = Client()
    client.force_login(kenji)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + EDIT)
    page.get_by_role("textbox", name="Text").fill("A *preview* without scripts.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("[data-preview-output] em")).to_have_text("preview")
    assert page.get_by_role("textbox", name="Text").input_value() == "A *preview* without scripts."
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "edit-preview-390.png", full_page=True)
    context.close()
