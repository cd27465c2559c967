"""The names page: the chief editor translates a study's title and introduction, its
sides' labels, their institutes' names and its tags into one language.

Every save names the translator and the version of the original, goes into the
history, and a save over someone else's is refused with what was typed kept.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from positions.models import (
    Chapter,
    Institute,
    InstituteTranslation,
    Side,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
)
from tests.helpers import messages_of, signed_in

NAMES_JA = "/en/studies/asia-pacific/names/ja/"
NAMES_EN = "/en/studies/asia-pacific/names/en/"


@pytest.fixture
def tagged(chapter: Chapter) -> Chapter:
    chapter.tags.add("alliance")
    return chapter


def saved_study_translation(study: Study, **fields: str) -> StudyTranslation:
    translation = StudyTranslation(study=study, language="ja", title="アジア太平洋の安全保障")
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.follow_original()
    translation.save()
    return translation


def snapshot() -> list:
    return [
        *StudyTranslation.objects.order_by("pk").values_list("pk", "title", "version"),
        *SideTranslation.objects.order_by("pk").values_list("pk", "label", "version"),
        *InstituteTranslation.objects.order_by("pk").values_list("pk", "name", "version"),
        *TagTranslation.objects.order_by("pk").values_list("pk", "name", "version"),
    ]


def test_the_chief_editor_sees_every_name_beside_its_original(chief: User, tagged: Chapter):
    response = signed_in(chief).get(NAMES_JA)
    html = response.content.decode()
    assert response.status_code == 200
    for original in [
        "Security in the Asia-Pacific",
        "Japan",
        "Russia",
        "National Institute for Defense Studies",
        "CMSS GS",
        "alliance",
    ]:
        assert original in html
    # Each translation is typed in the page's language.
    assert 'name="study-title" maxlength="300" lang="ja"' in html


def test_the_chief_editor_translates_the_names_and_is_recorded(
    chief: User, study: Study, first_side: Side, tagged: Chapter
):
    tag = tagged.tags.get()
    nids = first_side.institute
    response = signed_in(chief).post(
        NAMES_JA,
        {
            "study-title": "アジア太平洋の安全保障",
            "study-introduction": "二つの研究所の共同研究。",
            f"side-{first_side.pk}-label": "日本",
            f"institute-{nids.pk}-name": "防衛研究所",
            f"institute-{nids.pk}-abbreviation": "防研",
            f"tag-{tag.pk}-name": "同盟",
            "message": "First names",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == NAMES_JA
    assert messages_of(response) == ["The translations were saved."]
    study_translation = StudyTranslation.objects.get(study=study, language="ja")
    side = SideTranslation.objects.get(side=first_side, language="ja")
    institute = InstituteTranslation.objects.get(institute=nids, language="ja")
    tag_translation = TagTranslation.objects.get(tag=tag, language="ja")
    for translation in [study_translation, side, institute, tag_translation]:
        assert translation.translator == chief
        assert translation.is_current and translation.source_history_id is not None
        revision = translation.history.get()
        assert (revision.history_user, revision.history_change_reason) == (chief, "First names")
    assert (institute.name, institute.abbreviation) == ("防衛研究所", "防研")
    # Left empty: not translated.
    assert not SideTranslation.objects.filter(label="").exists()
    assert SideTranslation.objects.count() == 1


def test_a_translation_is_marked_out_of_date_once_the_original_changes(chief: User, study: Study):
    saved_study_translation(study)
    assert "The original has changed since." not in signed_in(chief).get(NAMES_JA).content.decode()
    study.title = "Security in the Asia-Pacific, 2006"
    study.save()
    assert "The original has changed since." in signed_in(chief).get(NAMES_JA).content.decode()


def test_saving_an_out_of_date_translation_follows_the_original_again(chief: User, study: Study):
    translation = saved_study_translation(study)
    study.title = "Security in the Asia-Pacific, 2006"
    study.save()
    response = signed_in(chief).post(
        NAMES_JA,
        {
            "study-title": "アジア太平洋の安全保障（2006年）",
            "study-introduction": "",
            "study-opened_version": "1",
            "study-follows_original": "on",
        },
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.is_current and translation.version == 2
    assert translation.history.count() == 2


@pytest.mark.parametrize("persona", ["first_editor", "second_editor", "reviewer", "staff"])
def test_people_who_may_not_edit_the_study_are_refused(
    request, persona: str, study: Study, tagged: Chapter
):
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(NAMES_JA).status_code == 403
    response = client.post(NAMES_JA, {"study-title": "アジア太平洋"})
    assert response.status_code == 403
    assert not StudyTranslation.objects.exists()


def test_anonymous_readers_are_asked_to_sign_in(client: Client, study: Study):
    response = client.get(NAMES_JA)
    assert response.status_code == 302 and response["Location"].startswith("/en/sign-in/?next=")


def test_a_save_from_an_older_version_is_refused_and_the_typed_text_kept(chief: User, study: Study):
    translation = saved_study_translation(study)
    # Someone saves after the chief editor opened the page at version 1.
    translation.title = "アジア太平洋地域の安全保障"
    translation.version = 2
    translation.save()
    before = snapshot()

    response = signed_in(chief).post(
        NAMES_JA,
        {
            "study-title": "アジア・太平洋の安全保障",
            "study-introduction": "",
            "study-opened_version": "1",
            "study-follows_original": "on",
        },
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "アジア・太平洋の安全保障" in html  # what was typed, still in the form
    assert "アジア太平洋地域の安全保障" in html  # what was saved meanwhile, in the differences
    assert snapshot() == before
    # The form now carries the version saved meanwhile: saving again goes through.
    assert 'name="study-opened_version" value="2"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("study-title", "", "This field is required."),
        ("study-title", "長" * 301, "Ensure this value has at most 300 characters"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_changed(
    chief: User, study: Study, field: str, value: str, message: str
):
    saved_study_translation(study)
    before = snapshot()
    data = {"study-title": "ok", "study-introduction": "", "study-opened_version": "1"}
    response = signed_in(chief).post(NAMES_JA, data | {field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_new_translation_begun_needs_every_name(chief: User, first_side: Side):
    nids = first_side.institute
    response = signed_in(chief).post(
        NAMES_JA,
        {
            f"side-{first_side.pk}-label": "日" * 61,
            f"institute-{nids.pk}-name": "防衛研究所",
            f"institute-{nids.pk}-abbreviation": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 60 characters" in html
    assert "This field is required." in html
    assert snapshot() == []


def test_names_already_in_the_pages_language_are_not_offered(
    chief: User, study: Study, first_side: Side
):
    # The study, its labels and the tags are English; one institute's name is Japanese.
    Institute.objects.filter(pk=first_side.institute_id).update(
        name="防衛研究所", abbreviation="防研", language="ja"
    )
    client = signed_in(chief)
    html = client.get(NAMES_EN).content.decode()
    assert 'name="study-title"' not in html
    assert f'name="side-{first_side.pk}-label"' not in html
    assert f'name="institute-{first_side.institute_id}-name"' in html
    response = client.post(
        NAMES_EN,
        {
            "study-title": "Same language",
            f"side-{first_side.pk}-label": "Japan",
            f"institute-{first_side.institute_id}-name": "National Institute for Defense Studies",
            f"institute-{first_side.institute_id}-abbreviation": "NIDS",
        },
    )
    assert response.status_code == 302
    assert not StudyTranslation.objects.exists() and not SideTranslation.objects.exists()
    assert InstituteTranslation.objects.get().language == "en"


def test_a_page_with_nothing_to_translate_is_not_found(chief: User, study: Study):
    # The study, its labels, both institutes' names and the tags are all English.
    assert signed_in(chief).get(NAMES_EN).status_code == 404


def test_a_bad_language_code_is_not_found(chief: User, study: Study):
    assert signed_in(chief).get("/en/studies/asia-pacific/names/JA/").status_code == 404


def test_the_page_runs_the_same_queries_for_one_tag_and_ten(
    chief: User, tagged: Chapter, django_assert_num_queries
):
    client = signed_in(chief)
    client.get(NAMES_JA)
    with django_assert_num_queries(10) as one_tag:
        client.get(NAMES_JA)
    tagged.tags.add(*[f"tag {n}" for n in range(9)])
    with django_assert_num_queries(len(one_tag.captured_queries)):
        assert client.get(NAMES_JA).content.decode().count('-name"') >= 10


def test_my_work_links_here_for_the_chief_editor(chief: User, reviewer: User, study: Study):
    assert f'href="{NAMES_JA}"' in signed_in(chief).get("/en/my-work/").content.decode()
    assert NAMES_JA not in signed_in(reviewer).get("/en/my-work/").content.decode()


def test_the_translations_appear_in_the_recent_changes(
    chief: User, study: Study, first_side: Side, tagged: Chapter
):
    tag = tagged.tags.get()
    signed_in(chief).post(
        NAMES_JA,
        {
            "study-title": "アジア太平洋の安全保障",
            f"side-{first_side.pk}-label": "日本",
            f"tag-{tag.pk}-name": "同盟",
        },
    )
    html = signed_in(chief).get("/en/studies/asia-pacific/changes/").content.decode()
    assert (
        'The study&#x27;s title: <span lang="ja">アジア太平洋の安全保障</span> (Japanese)' in html
    )
    assert 'A side&#x27;s label: <span lang="ja">日本</span> (Japanese)' in html
    assert 'A tag: <span lang="ja">同盟</span> (Japanese)' in html
