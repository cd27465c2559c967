"""The books kept in an S3-compatible bucket (S3_BUCKET, django-storages), against moto's
S3 in memory: built into the bucket, served from it, built again when it lost them."""

import os
import subprocess
import sys

import boto3
import pytest
from django.conf import settings as django_settings
from django.test import Client
from moto import mock_aws

from positions.book.build import Printing, build
from positions.models import Book, Chapter, Paper, Study

pytestmark = pytest.mark.django_db

BUCKET = "positions-books"


@pytest.fixture
def bucket(settings):
    with mock_aws():
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        s3 = boto3.client(
            "s3",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "access_key": "testing",
                    "secret_key": "testing",
                    "default_acl": "private",
                    "file_overwrite": False,
                },
            },
        }
        yield s3


def keys(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_a_book_is_built_into_the_bucket_and_served_from_it(
    bucket, client: Client, study: Study, chapter: Chapter, first_paper: Paper
) -> None:
    book = build(study, None, Printing())

    assert keys(bucket) == [book.file.name]
    response = client.get("/en/studies/asia-pacific/book.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_new_build_replaces_the_last_in_the_bucket(
    bucket, study: Study, chapter: Chapter, first_paper: Paper
) -> None:
    first = build(study, None, Printing())
    chapter.title = "A new theme"
    chapter.save()

    again = build(study, None, Printing())

    assert keys(bucket) == [again.file.name]
    assert again.file.name != first.file.name  # never written over while served


def test_a_book_the_bucket_lost_is_built_again(
    bucket, client: Client, study: Study, chapter: Chapter, first_paper: Paper
) -> None:
    book = build(study, None, Printing())
    bucket.delete_object(Bucket=BUCKET, Key=book.file.name)

    response = client.get("/en/studies/asia-pacific/book.pdf")

    assert response.status_code == 200
    assert keys(bucket) == [Book.objects.get().file.name]


def test_s3_bucket_chooses_the_storage() -> None:
    """S3_BUCKET and its companions, read by the settings in a fresh interpreter."""
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND']); "
        "print(settings.STORAGES['default']['OPTIONS']['endpoint_url'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "S3_BUCKET": "books",
        "S3_ENDPOINT_URL": "https://minio.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "https://minio.example.org",
    ]
