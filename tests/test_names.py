"""The names of a study, its sides, their institutes and tags in the reader's language
(positions.reading.names): one query for all, the original with its language where there is
no current translation."""

import pytest
from django.template import Context, Template
from django.utils import translation
from taggit.models import Tag

from positions.models import (
    InstituteTranslation,
    SideTranslation,
    Study,
    StudyTranslation,
    TagTranslation,
)
from positions.reading.names import translate_names


def translated(model, language: str, **fields):
    made = model(language=language, **fields)
    made.follow_original()
    made.save()
    return made


@pytest.fixture
def china(db) -> Tag:
    return Tag.objects.create(name="China", slug="china")


@pytest.fixture
def names_in_japanese(study: Study, china: Tag) -> None:
    first, _second = study.sides.all()
    translated(StudyTranslation, "ja", study=study, title="共同研究")
    translated(SideTranslation, "ja", side=first, label="日本")
    translated(
        InstituteTranslation,
        "ja",
        institute=first.institute,
        name="防衛研究所",
        abbreviation="防研",
    )
    translated(TagTranslation, "ja", tag=china, name="中国")


def test_names_with_a_translation_are_shown_in_it(
    study: Study, china: Tag, names_in_japanese, django_assert_num_queries
) -> None:
    sides = list(study.sides.select_related("institute"))
    with django_assert_num_queries(1):
        translate_names("ja", studies=[study], sides=sides, tags=[china])
    assert (study.title_shown.text, study.title_shown.language) == ("共同研究", "ja")
    assert sides[0].label_shown.text == "日本"
    assert sides[0].institute.name_shown.text == "防衛研究所"
    assert sides[0].institute.abbreviation_shown.text == "防研"
    assert china.name_shown.text == "中国"


def test_names_without_one_keep_their_own_language(
    study: Study, china: Tag, names_in_japanese
) -> None:
    sides = list(study.sides.select_related("institute"))
    translate_names("ru", studies=[study], sides=sides, tags=[china])
    assert (study.title_shown.text, study.title_shown.language) == (study.title, "en")
    assert (sides[1].label_shown.text, sides[1].label_shown.language) == (sides[1].label, "en")
    assert china.name_shown.language == "en"


def test_a_name_changed_since_its_translation_is_shown_as_it_now_is(
    study: Study, names_in_japanese
) -> None:
    first = study.sides.select_related("institute").first()
    first.label = "Nippon"
    first.save()
    translate_names("ja", sides=[first])
    assert (first.label_shown.text, first.label_shown.language) == ("Nippon", "en")
    assert first.translations.get().is_current is False


def test_names_in_their_own_language_need_no_query(
    study: Study, china: Tag, django_assert_num_queries
) -> None:
    sides = list(study.sides.select_related("institute"))
    with django_assert_num_queries(0):
        translate_names("en", studies=[study], sides=sides, tags=[china])
    assert study.title_shown.text == study.title


def test_a_name_not_in_the_pages_language_is_marked_with_its_own(
    study: Study, names_in_japanese
) -> None:
    sides = list(study.sides.select_related("institute"))
    translate_names("ja", sides=sides)
    template = Template("{% load names %}{% name first %}|{% name second %}")
    with translation.override("ja"):
        html = template.render(
            Context({"first": sides[0].label_shown, "second": sides[1].label_shown})
        )
    assert html == f'日本|<span lang="en">{sides[1].label}</span>'
