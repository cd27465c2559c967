"""Shared by the export and import tests: the demo study's archive, taken apart and
packed again, and a snapshot of the whole database to prove a refusal wrote nothing."""

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction
from taggit.models import Tag

from positions.exchange import archive
from positions.exchange.export import export_study
from positions.exchange.importer import Imported, Refused, import_study
from positions.models import Author, Institute, Paper, Study

Files = dict[str, bytes]
MB = archive.MB


@pytest.fixture(scope="module")
def demo_archive(django_db_setup: None, django_db_blocker: Any) -> bytes:
    """The demo study's archive, made once per module in a transaction rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        content = export_study(Study.objects.get(slug="asia-pacific"))
        transaction.set_rollback(True)
    return content


def load_demo() -> Study:
    call_command("load_demo", verbosity=0)
    return Study.objects.get(slug="asia-pacific")


def wipe() -> None:
    """Delete every study with its authors, institutes and tags, as on an empty site."""
    # Papers first: a side is protected while a paper names it.
    Paper.objects.all().delete()
    Study.objects.all().delete()
    Author.objects.all().delete()
    Institute.objects.all().delete()
    Tag.objects.all().delete()


def unpack(content: bytes) -> Files:
    with zipfile.ZipFile(io.BytesIO(content)) as packed:
        return {info.filename: packed.read(info) for info in packed.infolist()}


def pack(files: Files) -> bytes:
    return archive.write_zip(files.items())


def manifest(files: Files) -> dict[str, Any]:
    return yaml.safe_load(files[archive.STUDY_FILE])


def with_manifest(files: Files, change: Callable[[dict[str, Any]], None]) -> Files:
    """Return `files` with study.yaml changed by `change`."""
    data = manifest(files)
    change(data)
    return {**files, archive.STUDY_FILE: archive.dump_yaml(data).encode()}


def with_text(files: Files, name: str, change: Callable[[str], str]) -> Files:
    return {**files, name: change(files[name].decode()).encode()}


def with_paper(
    files: Files, name: str, change: Callable[[dict[str, Any], str], str | None]
) -> Files:
    """Return `files` with the paper (or translation) `name` changed by `change`, which
    may change its front matter in place and returns a new body, or None to keep it."""
    front, body = archive.read_markdown(files[name].decode())
    body = change(front, body) or body
    return {**files, name: archive.write_markdown(front, body).encode()}


def with_items(files: Files, count: int) -> Files:
    """Return `files` with a study.yaml of `count` tiny items: 4 bytes each, and two
    million of them pack into a few kilobytes."""
    return {**files, archive.STUDY_FILE: b"format: 1\nchapters:\n" + b"- 0\n" * count}


def chapter(data: dict[str, Any], number: int) -> dict[str, Any]:
    return next(entry for entry in data["chapters"] if entry["number"] == number)


def point(data: dict[str, Any], slug: str) -> dict[str, Any]:
    return next(
        entry for each in data["chapters"] for entry in each["points"] if entry["slug"] == slug
    )


def import_bytes(content: bytes, **options: Any) -> Imported:
    return import_study(io.BytesIO(content), **options)


def refusal(content: bytes, **options: Any) -> list[str]:
    """Import `content`, expecting a refusal; return the problems as text."""
    with pytest.raises(Refused) as refused:
        import_bytes(content, **options)
    return [str(problem) for problem in refused.value.problems]


def snapshot() -> dict[str, list[str]]:
    """Every row of every table of the app, its history, tags, users and groups."""
    models = [*apps.get_app_config("positions").get_models(), Tag, User, Group]
    return {
        model._meta.label: sorted(repr(row) for row in model._default_manager.values_list())
        for model in models
    }
