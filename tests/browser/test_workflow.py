"""The sign-off in the browser: each side approves its own paper, then the chief
editor publishes the chapter, and readers see it."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from positions.models import Chapter, Role, Study
from positions.workflow import publication as workflow
from tests.helpers import member, open_signed_in

CHAPTER = "/en/studies/asia-pacific/chapters/2/"


def test_both_sides_sign_off_and_the_chief_editor_publishes(browser, live_server, demo):
    study = Study.objects.get(slug="asia-pacific")
    kenji = member(study, "kenji", Role.SIDE_EDITOR, study.sides.get(slug="nids"))
    olga = member(study, "olga", Role.SIDE_EDITOR, study.sides.get(slug="cmss-gs"))
    chief = member(study, "chief", Role.CHIEF_EDITOR)
    chapter = Chapter.objects.get(study=study, number=2)
    workflow.unpublish_chapter(chapter, chief)
    for paper in chapter.papers.all():
        workflow.move_paper(paper, "return", chief)

    # Kenji sends the Japanese paper for review and approves it, with a message.
    context, page = open_signed_in(browser, live_server, kenji)
    page.goto(live_server.url + CHAPTER + "nids/")
    expect(page.locator("#workflow")).to_contain_text("Draft")
    page.get_by_label("Message (optional)").fill("Ready for the other side to read.")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".messages")).to_contain_text("sent for review")
    expect(page.locator(".steps")).to_contain_text("Ready for the other side to read.")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
    page.get_by_role("button", name="Approve for publication").click()
    expect(page.locator(".status")).to_have_text("Approved by its side")
    # He cannot approve the Russian paper: no buttons there.
    page.goto(live_server.url + CHAPTER + "cmss-gs/")
    expect(page.locator("#workflow")).to_be_visible()
    expect(page.locator('button[name="move"]')).to_have_count(0)
    context.close()

    # The chief editor sees what is missing, and no publish button yet.
    context, page = open_signed_in(browser, live_server, chief)
    page.goto(live_server.url + CHAPTER)
    expect(page.locator(".waiting")).to_contain_text("Russia-side paper: draft since")
    expect(page.get_by_role("button", name="Publish the chapter")).to_have_count(0)
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]

    # Olga signs off the Russian paper.
    context_olga, page_olga = open_signed_in(browser, live_server, olga)
    page_olga.goto(live_server.url + CHAPTER + "cmss-gs/")
    page_olga.get_by_role("button", name="Send for review").click()
    page_olga.get_by_role("button", name="Approve for publication").click()
    expect(page_olga.locator(".status")).to_have_text("Approved by its side")
    context_olga.close()

    page.reload()
    page.get_by_role("button", name="Publish the chapter").click()
    expect(page.locator(".messages")).to_contain_text("The chapter is published")
    context.close()

    # Readers see it.
    reader = browser.new_context()
    reader_page = reader.new_page()
    response = reader_page.goto(live_server.url + CHAPTER)
    assert response.status == 200
    expect(reader_page.locator(".papers")).to_contain_text(chapter.papers.first().title)
    reader.close()
