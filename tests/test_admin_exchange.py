"""Export and import in the admin: the studies' list action, and the "Import a study" page."""

import io
import os
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from positions.exchange import archive
from positions.exchange.export import export_study
from positions.models import Chapter, Membership, Role, Side, Study
from tests.exchange_archives import (
    MB,
    demo_archive,  # noqa: F401 (a fixture)
    pack,
    snapshot,
    unpack,
    with_items,
    with_manifest,
    with_paper,
)
from tests.helpers import signed_in

STUDIES = "/admin/positions/study/"
IMPORT = "/admin/positions/study/import/"


def export(client: Client, *studies: Study):
    return client.post(
        STUDIES, {"action": "export", "_selected_action": [study.pk for study in studies]}
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("admin", password="a-long-test-password")


@pytest.fixture
def other_study(db) -> Study:
    other = Study.objects.create(title="Another joint study", slug="another")
    first = Side.objects.first()
    Side.objects.create(
        study=other, position=1, institute=first.institute, label="A", language="en", slug="a"
    )
    return other


def upload(client: Client, content: bytes, *, replace: bool = False, follow: bool = False):
    archive = SimpleUploadedFile("asia-pacific.zip", content, content_type="application/zip")
    data = {"archive": archive, **({"replace": "on"} if replace else {})}
    return client.post(IMPORT, data, follow=follow)


# Export


def test_the_chief_editor_downloads_their_study_from_the_list(
    study: Study, chief: User, chapter: Chapter
) -> None:
    response = export(signed_in(chief), study)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="asia-pacific.zip"'
    assert response.content == export_study(study)
    assert "chapters" in unpack(response.content)["study.yaml"].decode()


@pytest.mark.parametrize("persona", ["first_editor", "reviewer", "staff"])
def test_other_roles_get_no_export_action(
    request: pytest.FixtureRequest, study: Study, persona: str
) -> None:
    client = signed_in(request.getfixturevalue(persona))
    html = client.get(STUDIES).content.decode()
    assert 'value="export"' not in html
    response = export(client, study)
    assert response.get("Content-Type") != "application/zip"


def test_a_chief_editor_exports_no_study_where_they_are_not_chief(
    study: Study, chief: User, other_study: Study
) -> None:
    client = signed_in(chief)
    # Not on their list at all.
    response = export(client, other_study)
    assert response.get("Content-Type") != "application/zip"
    # On their list, as its reviewer.
    Membership.objects.create(study=other_study, user=chief, role=Role.REVIEWER)
    response = client.post(
        STUDIES, {"action": "export", "_selected_action": [other_study.pk]}, follow=True
    )
    assert messages_of(response)[-1] == (
        "Only the chief editor of “Another joint study” may export it."
    )


def test_exporting_two_studies_at_once_asks_for_one(
    admin_user: User, study: Study, other_study: Study
) -> None:
    response = signed_in(admin_user).post(
        STUDIES,
        {"action": "export", "_selected_action": [study.pk, other_study.pk]},
        follow=True,
    )
    assert messages_of(response) == ["Choose one study to export."]


# Import


def test_only_superusers_see_and_open_the_import_page(
    study: Study, chief: User, admin_user: User
) -> None:
    chief_client = signed_in(chief)
    assert "Import a study" not in chief_client.get(STUDIES).content.decode()
    assert chief_client.get(IMPORT).status_code == 403
    assert Client().get(IMPORT).status_code == 302  # to the sign-in page

    admin_client = signed_in(admin_user)
    assert f'href="{IMPORT}"' in admin_client.get(STUDIES).content.decode()
    page = admin_client.get(IMPORT)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="archive"' in html and 'name="replace"' in html


def test_a_chief_editor_cannot_post_an_import(
    study: Study,
    chief: User,
    demo_archive: bytes,  # noqa: F811
) -> None:
    client = signed_in(chief)
    before = snapshot()
    assert upload(client, demo_archive).status_code == 403
    assert snapshot() == before


def test_a_superuser_imports_an_archive_and_lands_on_the_study(
    admin_user: User,
    demo_archive: bytes,  # noqa: F811
) -> None:
    response = upload(signed_in(admin_user), demo_archive, follow=True)
    study = Study.objects.get(slug="asia-pacific")
    assert response.redirect_chain[-1][0] == f"/admin/positions/study/{study.pk}/change/"
    assert messages_of(response)[-1].startswith("Imported “Japan–Russia Joint Research")
    record = study.history.get()
    assert record.history_user == admin_user
    assert record.history_change_reason == "Imported from asia-pacific.zip"
    assert export_study(study) == demo_archive


def test_a_bad_archive_lists_every_problem_and_changes_nothing(
    admin_user: User,
    demo_archive: bytes,  # noqa: F811
) -> None:
    files = unpack(demo_archive)
    del files["chapters/03/nids.md"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as packed:
        for name, content in files.items():
            packed.writestr(name, content)
        packed.writestr("../../etc/cron.d/evil", b"* * * * * root true")
    client = signed_in(admin_user)
    before = snapshot()

    response = upload(client, buffer.getvalue())

    assert response.status_code == 200
    html = response.content.decode()
    assert "The archive was not imported and nothing was changed." in html
    assert "<code>chapters/03/nids.md</code>: this file is missing from the archive" in html
    assert "<code>../../etc/cron.d/evil</code>" in html
    assert snapshot() == before


def test_a_study_already_here_is_replaced_only_when_asked(
    admin_user: User,
    demo_archive: bytes,  # noqa: F811
) -> None:
    client = signed_in(admin_user)
    upload(client, demo_archive)
    chapter = Chapter.objects.get(number=2)
    chapter.title = "Edited on the site"
    chapter.save()

    refused = upload(client, demo_archive)
    assert "is already on this site" in refused.content.decode()
    chapter.refresh_from_db()
    assert chapter.title == "Edited on the site"

    response = upload(client, demo_archive, replace=True, follow=True)
    assert messages_of(response)[-1].startswith("Replaced “Japan–Russia Joint Research")
    chapter.refresh_from_db()
    assert chapter.title != "Edited on the site"
    assert chapter.history.first().history_user == admin_user


def test_the_import_page_states_the_limits(admin_user: User) -> None:
    html = signed_in(admin_user).get(IMPORT).content.decode()
    assert (
        "An archive may be at most 64 MB and hold at most 2,000 files, 128 MB once unpacked; "
        "study.yaml may be at most 16 MB, and each paper or translation 1 MB."
    ) in html


def test_an_upload_larger_than_an_archive_may_be_is_refused_unopened(
    admin_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", MB)
    opened = []
    monkeypatch.setattr(
        "positions.admin.studies.import_study", lambda *args, **kwargs: opened.append(1)
    )
    client = signed_in(admin_user)
    before = snapshot()

    response = upload(client, os.urandom(2 * MB))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "archive": ["The archive is 2 MB; at most 1 MB are accepted."]
    }
    assert "The archive is 2 MB; at most 1 MB are accepted." in response.content.decode()
    assert opened == []
    assert snapshot() == before


def _over_long_introduction(files: dict[str, bytes]) -> dict[str, bytes]:
    return with_manifest(files, lambda d: d["study"].update(introduction="x" * 50_001))


def _over_long_body(files: dict[str, bytes]) -> dict[str, bytes]:
    return with_paper(files, "chapters/03/nids.md", lambda front, body: "x" * 200_001)


def _large_paper(files: dict[str, bytes]) -> dict[str, bytes]:
    return {**files, "chapters/02/nids.md": files["chapters/02/nids.md"].ljust(2 * MB, b"\n")}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda files: with_items(files, 2_000_000),
            "<code>study.yaml</code>: the YAML holds more than 300,000 items",
        ),
        (
            _large_paper,
            "<code>chapters/02/nids.md</code>: this file is 2.0 MB; a paper&#x27;s or a "
            "translation&#x27;s file may be at most 1 MB",
        ),
        (
            _over_long_introduction,
            "<code>study.yaml, study, introduction</code>: Ensure this value has at most 50000 "
            "characters (it has 50001).",
        ),
        (
            _over_long_body,
            "<code>chapters/03/nids.md, body</code>: Ensure this value has at most 200000 "
            "characters (it has 200001).",
        ),
        (
            lambda files: with_items(files, 1000),
            "The check stopped after 200 problems; there may be more.",
        ),
    ],
)
def test_an_archive_over_a_limit_is_refused_on_the_page_and_changes_nothing(
    admin_user: User,
    demo_archive: bytes,  # noqa: F811
    change,
    problem: str,
) -> None:
    client = signed_in(admin_user)
    before = snapshot()

    response = upload(client, pack(change(unpack(demo_archive))))

    assert response.status_code == 200
    html = response.content.decode()
    assert "The archive was not imported and nothing was changed." in html
    assert problem in html
    assert snapshot() == before
