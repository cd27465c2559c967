"""A reader chooses what the chapter's columns show, in the browser: each side in its
own language, or everything in one; the choice stays when they come back and when
they switch the interface language."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from positions.models import ChapterTranslation, PaperTranslation, PointTranslation

CHAPTER = "/en/studies/asia-pacific/chapters/1/"


def test_the_reader_switches_the_columns_between_originals_and_one_language(
    browser, live_server, demo
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + CHAPTER)
    modes = page.get_by_role("navigation", name="Show the texts:")
    # By default each side in its own language: the Japanese paper in Japanese, the
    # Russian in Russian, the joint texts in English.
    japan = page.locator("#paper-nids-title")
    russia = page.locator("#paper-cmss-gs-title")
    expect(japan).to_have_text("日本にとってロシアとの安全保障対話が持つ意義")
    expect(russia).to_have_text(
        "Значение Японии для безопасности России в прочтении японской стороны"
    )
    expect(page.locator("h1")).to_have_text("What the joint research means to each side")

    modes.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/studies/asia-pacific/chapters/1/\?text=en$"))
    expect(japan).to_have_text("Why security dialogue with Russia matters to Japan")
    expect(russia).to_have_text(
        "Why Japan matters to Russia's security, in the Japanese side's reading"
    )
    expect(page.locator(".text-label").first).to_contain_text("Translation; the original is in")

    modes.get_by_role("link", name="Русский").click()
    expect(page.locator("h1")).to_have_text(
        "Значение совместного исследования для каждой из сторон"
    )
    expect(japan.get_by_role("link")).to_have_attribute("lang", "ru")
    expect(page.locator("#point-rise-of-china th span[lang]")).to_have_text(
        "Подъём Китая как причина для сотрудничества"
    )
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]

    # Remembered: the chapter without a choice in its address, and in another
    # interface language, still shows Russian columns, at the address that says so.
    page.goto(live_server.url + CHAPTER)
    expect(page).to_have_url(re.compile(r"/en/studies/asia-pacific/chapters/1/\?text=ru$"))
    expect(page.locator("h1")).to_have_text(
        "Значение совместного исследования для каждой из сторон"
    )
    page.get_by_role("navigation", name="Language").get_by_role("link", name="日本語").click()
    expect(page).to_have_url(re.compile(r"/ja/studies/asia-pacific/chapters/1/\?text=ru$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("h1")).to_have_text(
        "Значение совместного исследования для каждой из сторон"
    )
    context.close()


def test_an_untranslated_chapter_falls_back_to_its_originals_and_says_so(
    browser, live_server, demo
):
    # The demo's chapter 2, without its translations into Japanese (its Japanese side's
    # paper is written in Japanese: not a translation).
    for model, chapter in [
        (ChapterTranslation, "chapter__number"),
        (PaperTranslation, "paper__chapter__number"),
        (PointTranslation, "point__chapter__number"),
    ]:
        model.objects.filter(language="ja", **{chapter: 2}).delete()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/en/studies/asia-pacific/chapters/2/?text=ja")
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    # Nothing in it is in Japanese: said once, not on every text.
    expect(page.locator(".text-modes__note")).to_have_text(
        "Nothing in this chapter is translated into Japanese yet: every text is shown in "
        "its original language."
    )
    expect(page.locator(".text-label--original")).to_have_count(0)
    # Never a blank column: both papers are there, in their original.
    expect(page.locator("#paper-nids .prose p").first).to_be_visible()
    expect(page.locator("#paper-cmss-gs .prose p").first).not_to_be_empty()
    violations = Axe().run(page).response["violations"]
    assert violations == [], [violation["id"] for violation in violations]
    context.close()
