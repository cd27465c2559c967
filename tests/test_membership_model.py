import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from positions import roles
from positions.models import Institute, Membership, Role, Side, Study


@pytest.fixture
def person(db) -> User:
    return User.objects.create_user("person", password="a-long-test-password")


def test_a_side_editor_needs_a_side_and_others_none(study: Study, first_side: Side, person):
    with pytest.raises(ValidationError) as error:
        Membership(study=study, user=person, role=Role.SIDE_EDITOR).full_clean()
    assert "choose it" in str(error.value.message_dict["side"])
    with pytest.raises(ValidationError):
        Membership(study=study, user=person, role=Role.REVIEWER, side=first_side).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(study=study, user=person, role=Role.SIDE_EDITOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(study=study, user=person, role=Role.CHIEF_EDITOR, side=first_side)


def test_one_role_per_person_per_study(study: Study, person):
    Membership.objects.create(study=study, user=person, role=Role.REVIEWER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(study=study, user=person, role=Role.CHIEF_EDITOR)


def test_a_person_holds_different_roles_in_different_studies(study: Study, first_side, person):
    other = Study.objects.create(title="Another study", slug="another")
    Membership.objects.create(study=study, user=person, role=Role.SIDE_EDITOR, side=first_side)
    Membership.objects.create(study=other, user=person, role=Role.REVIEWER)
    assert roles.can_edit_side(person, study.pk, first_side.pk)
    assert not roles.is_chief_editor(person, other.pk)
    assert roles.can_read_drafts(person, other.pk)


def test_the_side_must_belong_to_the_study(study: Study, person, db):
    other = Study.objects.create(title="Another study", slug="another")
    institute = Institute.objects.create(name="Elsewhere", abbreviation="E", country="X")
    stray = Side.objects.create(
        study=other, position=1, institute=institute, label="E", language="en", slug="e"
    )
    membership = Membership(study=study, user=person, role=Role.SIDE_EDITOR, side=stray)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "another study" in str(error.value.message_dict["side"])
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            membership.save()
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_migrations_made_the_groups_of_the_roles(db):
    chief = Group.objects.get(name="Chief editors")
    side = Group.objects.get(name="Side editors")
    reviewers = Group.objects.get(name="Reviewers")
    assert chief.permissions.filter(codename="delete_paper").exists()
    assert side.permissions.filter(codename="change_paper").exists()
    assert not side.permissions.filter(codename="delete_paper").exists()
    assert not side.permissions.filter(codename="change_chapter").exists()
    # A side's editors translate their side's papers (migration 0012).
    assert side.permissions.filter(codename="change_papertranslation").exists()
    # ... and their side's stances on points, but not the chapters' themes (0015).
    assert side.permissions.filter(codename="change_pointtranslation").exists()
    assert not side.permissions.filter(codename="change_chaptertranslation").exists()
    assert chief.permissions.filter(codename="change_chaptertranslation").exists()
    # The study's title and introduction are the chief editor's to translate; sides',
    # institutes' and tags' names, as the names themselves, superusers' (0026).
    assert chief.permissions.filter(codename="change_studytranslation").exists()
    assert not chief.permissions.filter(codename="change_sidetranslation").exists()
    assert set(reviewers.permissions.values_list("codename", flat=True)) == {
        f"view_{model}"
        for model in (
            "study side institute chapter chaptertranslation paper papertranslation "
            "authorship point pointtranslation author tag studytranslation "
            "sidetranslation institutetranslation tagtranslation"
        ).split()
    }


def test_setup_roles_repairs_the_groups(db, capsys):
    side = Group.objects.get(name="Side editors")
    side.permissions.clear()
    Group.objects.filter(name="Reviewers").delete()
    call_command("setup_roles")
    assert side.permissions.filter(codename="change_paper").exists()
    assert Group.objects.filter(name="Reviewers").exists()
    assert "Groups up to date" in capsys.readouterr().out


def test_admin_access_follows_the_roles_held(study: Study, first_side: Side, person):
    membership = Membership.objects.create(
        study=study, user=person, role=Role.SIDE_EDITOR, side=first_side
    )
    roles.sync_staff_access(person)
    assert person.is_staff
    assert list(person.groups.values_list("name", flat=True)) == ["Side editors"]
    membership.delete()
    roles.sync_staff_access(person)
    person.refresh_from_db()
    assert not person.is_staff
    assert not person.groups.exists()
