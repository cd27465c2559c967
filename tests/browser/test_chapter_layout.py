"""The chapter page as readers see it in a real browser."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

CHAPTER = "/en/studies/asia-pacific/chapters/2/"
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-results"


def test_at_1280_wide_the_two_papers_sit_side_by_side(demo, page_at):
    page = page_at(CHAPTER, width=1280)
    first = page.locator("#paper-nids").bounding_box()
    second = page.locator("#paper-cmss-gs").bounding_box()
    assert first and second
    assert abs(first["y"] - second["y"]) < 2
    assert first["x"] + first["width"] <= second["x"]
    assert page.locator(".side-switch").is_hidden()
    assert page.console_errors == []


def test_at_390_wide_the_papers_stack_and_the_switch_shows_one_side(demo, page_at):
    page = page_at(CHAPTER, width=390)
    switch = page.locator(".side-switch")
    assert switch.is_visible()
    first, second = page.locator("#paper-nids"), page.locator("#paper-cmss-gs")
    # The script shows the first side; the other waits behind the switch.
    assert first.is_visible() and second.is_hidden()
    switch.get_by_role("link", name="Russia").click()
    assert second.is_visible() and first.is_hidden()
    assert switch.get_by_role("link", name="Russia").get_attribute("aria-current") == "true"
    switch.get_by_role("link", name="Japan").click()
    assert first.is_visible() and second.is_hidden()


def test_at_390_wide_without_javascript_the_papers_stack(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + CHAPTER)
    first = page.locator("#paper-nids").bounding_box()
    second = page.locator("#paper-cmss-gs").bounding_box()
    assert first and second
    assert first["y"] + first["height"] <= second["y"]
    assert abs(first["x"] - second["x"]) < 2
    # Following the switch shows only the chosen paper, with CSS alone.
    page.locator(".side-switch").get_by_role("link", name="Russia").click()
    assert page.locator("#paper-nids").is_hidden()
    assert page.locator("#paper-cmss-gs").is_visible()
    context.close()


def test_the_disagreement_filter_hides_the_agreed_points(demo, page_at):
    # Chapter 4 has a point of each: agreed, disagreed and one side's.
    page = page_at("/en/studies/asia-pacific/chapters/4/")
    rows = page.locator(".points-table tbody tr")
    agreed = page.locator(".points-table tr.point--agree")
    assert agreed.count() > 0
    total = rows.count()
    page.locator(".filters").get_by_role("link", name="Disagree").click()
    page.wait_for_url("**agreement=disagree#points")
    assert page.locator(".points-table tr.point--agree").count() == 0
    assert 0 < rows.count() < total
    assert rows.count() == page.locator(".points-table tr.point--disagree").count()


def test_a_point_links_to_the_passage_it_cites(demo, page_at):
    page = page_at(CHAPTER)
    link = page.locator(".passage-link").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(target).is_visible()


def test_japanese_and_cyrillic_names_render_as_real_glyphs(demo, page_at):
    page = page_at(CHAPTER)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "chapter-1280.png", full_page=True)
    for selector in ['.original-name[lang="ja"]', '.original-name[lang="ru"]']:
        name = page.locator(selector).first
        text = name.inner_text()
        # Each character has real width: a missing glyph would be drawn as a
        # zero-width or identical box; compare with the width of the
        # same number of "tofu" replacement characters.
        width = name.bounding_box()["width"]
        tofu = page.evaluate(
            """([text, font]) => {
                const canvas = document.createElement("canvas");
                const context = canvas.getContext("2d");
                context.font = font;
                const tofu = "\\u{10FFFF}".repeat([...text].length);
                return [context.measureText(text).width, context.measureText(tofu).width];
            }""",
            [text, page.eval_on_selector(selector, "e => getComputedStyle(e).font")],
        )
        assert width > 10
        assert abs(tofu[0] - tofu[1]) > 1, f"{text!r} seems to render as missing glyphs"
        name.screenshot(path=SCREENSHOTS / f"name-{selector[-4:-2]}.png")


def test_home_chapter_and_paper_pages_have_no_serious_accessibility_violations(demo, page_at):
    axe = Axe()
    for path in ["/en/", "/en/studies/asia-pacific/", CHAPTER, CHAPTER + "nids/"]:
        page = page_at(path)
        results = axe.run(page)
        serious = [
            violation["id"]
            for violation in results.response["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]
        assert serious == [], f"{path}: {results.generate_report()}"
