"""An outage leaves a log one can read: the first failure of a kind in full, then one
line for each repetition (positions/web/logs.py)."""

import logging

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from positions.web import logs


def database_down(request):
    raise OperationalError(
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
        "Connection refused\\n\\tIs the server running on that host?"
    )


urlpatterns = [path("down/", database_down)]


@pytest.fixture
def outage(settings, monkeypatch) -> Client:
    settings.ROOT_URLCONF = __name__
    # Each test starts with a filter that has logged nothing.
    for existing in logging.getLogger("django.request").filters:
        if isinstance(existing, logs.RepeatedFailures):
            existing.logged_at.clear()
    return Client(raise_request_exception=False)


def test_only_the_first_failure_of_an_outage_is_logged_with_its_traceback(outage: Client, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        for _ in range(50):
            assert outage.get("/down/").status_code == 500

    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 50
    assert records[0].exc_info is not None
    assert all(record.exc_info is None for record in records[1:])
    line = records[1].getMessage()
    assert line.startswith("Internal Server Error: /down/ (OperationalError: connection failed")
    assert "as logged in full at" in line and "\n" not in line
    full = caplog.text.count("Traceback (most recent call last)")
    assert full == 1


def test_a_failure_is_logged_in_full_again_after_the_window(monkeypatch):
    failures = logs.RepeatedFailures()

    def record(created: float) -> logging.LogRecord:
        try:
            raise OperationalError("the database is down")
        except OperationalError as error:
            entry = logging.LogRecord(
                "django.request",
                logging.ERROR,
                __file__,
                1,
                "Failed: %s",
                ("/",),
                (type(error), error, error.__traceback__),
            )
        entry.created = created
        return entry

    first, repeated, later = record(1000.0), record(1010.0), record(1000.0 + logs.WINDOW + 1)
    assert failures.filter(first) and first.exc_info is not None
    assert failures.filter(repeated) and repeated.exc_info is None
    assert failures.filter(later) and later.exc_info is not None


def test_other_errors_are_logged_in_full(outage: Client):
    failures = logs.RepeatedFailures()
    entries = []
    for message in ["one thing", "another thing"]:
        try:
            raise ValueError(message)
        except ValueError as error:
            entries.append(
                logging.LogRecord(
                    "django.request",
                    logging.ERROR,
                    __file__,
                    1,
                    "Failed",
                    None,
                    (type(error), error, error.__traceback__),
                )
            )
    assert all(failures.filter(entry) for entry in entries)
    assert all(entry.exc_info is not None for entry in entries)
