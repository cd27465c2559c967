"""Translations of names in the admin: a study's title and introduction on the study's
page, a side's label on the side's, an institute's name on the institute's, a tag's
name on the tag's; each changed by whoever may change the original."""

from django.contrib.auth.models import User
from django.test import Client
from taggit.models import Tag

from positions.models import (
    Institute,
    InstituteTranslation,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
)
from tests.helpers import errors, management, signed_in, study_form


def rows(fk: str, parent_pk: int, translations: list[dict], initial: int = 0) -> dict:
    """The inline's POST data: `translations` as its rows (a saved one with its "id")."""
    data = management("translations", len(translations), initial)
    for index, row in enumerate(translations):
        data[f"translations-{index}-{fk}"] = parent_pk
        data |= {f"translations-{index}-{name}": value for name, value in row.items()}
    return data


def study_data(study: Study, translations: list[dict], initial: int = 0) -> dict:
    return study_form(study) | rows("study", study.pk, translations, initial)


def test_the_chief_editor_translates_the_study_and_is_recorded_as_translator(
    chief: User, study: Study
):
    response = signed_in(chief).post(
        f"/admin/positions/study/{study.pk}/change/",
        study_data(study, [{"language": "ja", "title": "アジア太平洋の安全保障"}]),
    )
    assert response.status_code == 302, errors(response)
    translation = StudyTranslation.objects.get(study=study)
    assert (translation.language, translation.translator) == ("ja", chief)
    assert translation.is_current
    assert translation.source_history_id == study.history.latest("history_id").history_id
    assert translation.history.count() == 1


def test_a_translation_is_out_of_date_once_the_original_changes(chief: User, study: Study):
    translation = StudyTranslation(study=study, language="ja", title="アジア太平洋の安全保障")
    translation.follow_original()
    translation.save()
    url = f"/admin/positions/study/{study.pk}/change/"
    assert "up to date" in signed_in(chief).get(url).content.decode()

    study.title = "Security in the Asia-Pacific, revised"
    study.save()

    translation.refresh_from_db()
    assert not translation.is_current
    assert "the original has changed since" in signed_in(chief).get(url).content.decode()


def test_the_studys_own_language_is_refused(chief: User, study: Study):
    response = signed_in(chief).post(
        f"/admin/positions/study/{study.pk}/change/",
        study_data(study, [{"language": "en", "title": "Same language"}]),
    )
    assert response.status_code == 200
    assert "This is the language the study is written in" in response.content.decode()
    assert not StudyTranslation.objects.exists()


def test_a_save_from_an_older_version_is_refused_with_the_typed_text(
    chief: User, admin_client: Client, study: Study
):
    translation = StudyTranslation(study=study, language="ru", title="Безопасность")
    translation.follow_original()
    translation.save()
    url = f"/admin/positions/study/{study.pk}/change/"
    row = {"id": translation.pk, "language": "ru", "opened_version": 1, "follows_original": "on"}
    # Someone saves first.
    admin_client.post(url, study_data(study, [row | {"title": "Безопасность в АТР"}], initial=1))
    translation.refresh_from_db()
    assert translation.version == 2

    response = signed_in(chief).post(
        url, study_data(study, [row | {"title": "Региональная безопасность"}], initial=1)
    )

    assert response.status_code == 409
    assert "Региональная безопасность" in response.content.decode()
    translation.refresh_from_db()
    assert translation.title == "Безопасность в АТР"


def test_people_who_may_not_change_the_study_cannot_translate_it(reviewer: User, study: Study):
    response = signed_in(reviewer).post(
        f"/admin/positions/study/{study.pk}/change/",
        study_data(study, [{"language": "ja", "title": "アジア太平洋"}]),
    )
    assert response.status_code == 403
    assert not StudyTranslation.objects.exists()


def test_a_sides_label_is_translated_on_the_sides_page(admin_client: Client, first_side: Side):
    data = {
        "institute": first_side.institute_id,
        "label": first_side.label,
        "language": first_side.language,
        "slug": first_side.slug,
    } | rows("side", first_side.pk, [{"language": "ja", "label": "日本"}])
    response = admin_client.post(f"/admin/positions/side/{first_side.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    translation = SideTranslation.objects.get(side=first_side)
    assert translation.label == "日本" and translation.translator.username == "admin"
    assert translation.is_current and translation.source_history_id is not None


def test_the_study_page_links_to_each_sides_page(chief: User, study: Study, first_side: Side):
    page = signed_in(chief).get(f"/admin/positions/study/{study.pk}/change/").content.decode()
    assert f"/admin/positions/side/{first_side.pk}/change/" in page


def test_the_chief_editor_reads_a_sides_translations_but_changes_them_where_the_side_changes(
    chief: User, first_side: Side
):
    SideTranslation.objects.create(side=first_side, language="ja", label="日本")
    page = signed_in(chief).get(f"/admin/positions/side/{first_side.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200 and "日本" in html
    # As the side itself (changed by superusers only), its translations are read only.
    assert 'name="translations-0-label"' not in html


def test_an_institutes_name_is_translated_on_the_institutes_page(
    admin_client: Client, first_side: Side
):
    institute = first_side.institute
    data = {
        "name": institute.name,
        "abbreviation": institute.abbreviation,
        "country": institute.country,
        "language": institute.language,
    }
    row = {"language": "ja", "name": "防衛研究所", "abbreviation": "防研"}
    data |= rows("institute", institute.pk, [row])
    response = admin_client.post(f"/admin/positions/institute/{institute.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    translation = InstituteTranslation.objects.get(institute=institute)
    assert (translation.name, translation.abbreviation) == ("防衛研究所", "防研")
    assert translation.is_current and translation.history.count() == 1

    Institute.objects.filter(pk=institute.pk).update(abbreviation="NIDS Japan")
    translation.refresh_from_db()
    assert not translation.is_current


def test_a_tags_name_is_translated_on_the_tags_page(admin_client: Client, db):
    tag = Tag.objects.create(name="alliance", slug="alliance")
    data = {"name": "alliance", "slug": "alliance"} | rows(
        "tag", tag.pk, [{"language": "ja", "name": "同盟"}]
    )
    response = admin_client.post(f"/admin/taggit/tag/{tag.pk}/change/", data)
    assert response.status_code == 302, errors(response)
    translation = TagTranslation.objects.get(tag=tag)
    assert translation.name == "同盟" and translation.is_current
    assert translation.source_history_id is not None


def test_a_tag_translated_into_the_tags_own_language_is_refused(admin_client: Client, db):
    tag = Tag.objects.create(name="alliance", slug="alliance")
    data = {"name": "alliance", "slug": "alliance"} | rows(
        "tag", tag.pk, [{"language": "en", "name": "Alliance"}]
    )
    response = admin_client.post(f"/admin/taggit/tag/{tag.pk}/change/", data)
    assert response.status_code == 200
    assert "This is the language tags are named in" in response.content.decode()
    assert not TagTranslation.objects.exists()


def test_a_side_is_not_deleted_on_its_own_but_with_its_study(
    admin_client: Client, study: Study, first_side: Side
):
    assert admin_client.get(f"/admin/positions/side/{first_side.pk}/delete/").status_code == 403
    page = admin_client.get(f"/admin/positions/side/{first_side.pk}/change/").content.decode()
    assert f"/admin/positions/side/{first_side.pk}/delete/" not in page
    response = admin_client.post(f"/admin/positions/study/{study.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Side.objects.exists()
