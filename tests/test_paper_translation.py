"""A paper's translations: provenance, out of date when the original changes, shown to
readers with an honest label, what changed since, and edited in the admin by the
paper's side."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from positions.models import Paper, PaperTranslation

PAPER = "/en/studies/asia-pacific/chapters/2/nids/"


@pytest.fixture
def japanese(first_paper: Paper, first_editor: User) -> PaperTranslation:
    translation = PaperTranslation(
        paper=first_paper,
        language="ja",
        title="礎としての同盟",
        abstract="同盟が重要である理由。",
        body="同盟は維持される。\n\nミサイル防衛は防御的である。",
        translator=first_editor,
    )
    translation.follow_original()
    translation.save()
    return translation


def test_a_translation_records_what_it_was_translated_from(
    japanese: PaperTranslation, first_paper: Paper
):
    latest = first_paper.history.order_by("-history_id").first()
    assert japanese.source_history_id == latest.history_id
    assert japanese.source_date == latest.history_date
    assert japanese.is_current
    # Rendered with the original's prefix: the points' passage links lead into it.
    assert 'id="nids-p2"' in japanese.body_html


def test_it_goes_out_of_date_when_the_original_changes(
    japanese: PaperTranslation, first_paper: Paper
):
    first_paper.body = "The alliance holds firm.\n\nMissile defense is defensive."
    first_paper.save()
    japanese.refresh_from_db()
    assert not japanese.is_current
    # A change that is not to the words (its status) leaves it current.
    first_paper.status = Paper.Status.APPROVED
    first_paper.save()
    japanese.follow_original()
    japanese.save()
    assert japanese.is_current


def test_the_papers_own_language_is_not_a_translation(first_paper: Paper):
    translation = PaperTranslation(paper=first_paper, language="en", title="Same")
    with pytest.raises(ValidationError):
        translation.full_clean()


def test_readers_choose_the_language_and_see_where_it_comes_from(
    client: Client, japanese: PaperTranslation
):
    html = client.get(PAPER).content.decode()
    assert f'href="{PAPER}?text=ja" lang="ja"' in html and "日本語" in html
    html = client.get(PAPER + "?text=ja").content.decode()
    assert '<h1 id="paper-title" lang="ja">礎としての同盟</h1>' in html
    assert "Translated from the English original" in html
    assert "Translated by kenji." in html
    assert "The original has changed since." not in html


def test_an_out_of_date_translation_says_so_and_shows_what_changed(
    client: Client, japanese: PaperTranslation, first_paper: Paper
):
    first_paper.body = "The alliance holds firm.\n\nMissile defense is defensive."
    first_paper.save()
    html = client.get(PAPER + "?text=ja").content.decode()
    assert "The original has changed since." in html
    assert "translation, out of date" in html
    changes_url = PAPER + "translations/ja/changes/"
    assert f'href="{changes_url}"' in html
    changes = client.get(changes_url).content.decode()
    assert "<ins>firm.</ins>" in changes or "<ins>firm.\n</ins>" in changes or "firm" in changes
    assert "What changed in the original since its translation" in changes


def test_an_unknown_language_shows_the_original(client: Client, japanese: PaperTranslation):
    html = client.get(PAPER + "?text=xx").content.decode()
    assert '<h1 id="paper-title" lang="en">The alliance as the cornerstone</h1>' in html


def test_drafts_translations_are_not_shown_to_readers(
    client: Client, japanese: PaperTranslation, first_paper: Paper
):
    Paper.objects.filter(pk=first_paper.pk).update(status=Paper.Status.DRAFT)
    assert client.get(PAPER + "?text=ja").status_code == 404
    assert client.get(PAPER + "translations/ja/changes/").status_code == 404


def test_the_papers_page_runs_a_fixed_number_of_queries_with_translations(
    client: Client, django_assert_num_queries, japanese: PaperTranslation, first_paper: Paper
):
    with django_assert_num_queries(6):
        client.get(PAPER + "?text=ja")
    PaperTranslation.objects.create(paper=first_paper, language="ru", title="Союз")
    with django_assert_num_queries(6):
        client.get(PAPER + "?text=ja")


def admin_data(paper: Paper, translations: list[dict], initial: int = 0) -> dict:
    data = {
        "chapter": paper.chapter_id,
        "side": paper.side_id,
        "title": paper.title,
        "language": paper.language,
        "abstract": paper.abstract,
        "body": paper.body,
        "tags": "",
        "opened_version": paper.version,
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "translations-TOTAL_FORMS": str(len(translations)),
        "translations-INITIAL_FORMS": str(initial),
    }
    for index, values in enumerate(translations):
        for name, value in values.items():
            data[f"translations-{index}-{name}"] = value
    return data


def test_the_papers_side_adds_a_translation_in_the_admin(first_editor: User, first_paper: Paper):
    client = Client()
    client.force_login(first_editor)
    data = admin_data(
        first_paper,
        [
            {
                "language": "ru",
                "title": "Союз как краеугольный камень",
                "body": "Союз держится.",
                "follows_original": "on",
            }
        ],
    )
    response = client.post(f"/admin/positions/paper/{first_paper.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    translation = PaperTranslation.objects.get(paper=first_paper, language="ru")
    assert translation.translator == first_editor and translation.is_current
    assert translation.history.count() == 1


def test_the_other_side_cannot_add_a_translation(second_editor: User, first_paper: Paper):
    client = Client()
    client.force_login(second_editor)
    data = admin_data(first_paper, [{"language": "ru", "title": "Чужой перевод", "body": "Нет."}])
    response = client.post(f"/admin/positions/paper/{first_paper.pk}/change/", data)
    assert response.status_code == 403
    assert not PaperTranslation.objects.exists()


def test_a_translations_headings_follow_the_originals_when_they_change(
    first_paper: Paper, first_editor: User
):
    first_paper.body = "# The alliance\n\nIt holds.\n\n# Missile defense\n\nDefensive."
    first_paper.save()
    translation = PaperTranslation(
        paper=first_paper,
        language="ja",
        title="同盟",
        body="# 同盟\n\n続く。\n\n# ミサイル防衛\n\n防御的。",
    )
    translation.follow_original()
    translation.save()
    assert 'id="nids-the-alliance"' in translation.body_html
    versions = translation.history.count()

    first_paper.body = first_paper.body.replace("# The alliance", "# The Japan–US alliance")
    first_paper.save()
    translation.refresh_from_db()
    assert 'id="nids-the-japanus-alliance"' in translation.body_html
    assert 'id="nids-missile-defense"' in translation.body_html
    # Derived HTML, not an edit: no new version, no revision, and still out of date
    # only because the original's text changed.
    assert translation.version == 1
    assert translation.history.count() == versions


def test_a_translations_passage_ids_follow_its_sides_slug(japanese: PaperTranslation, first_side):
    first_side.slug = "nids-japan"
    first_side.save()
    japanese.refresh_from_db()
    assert 'id="nids-japan-p2"' in japanese.body_html
