"""`.env.example`, copied as it is, gives a site that answers over plain http: a new
deployer's local container is not redirected to an https it does not have, and
/health/ is never redirected, even with HTTPS on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

EXAMPLE = Path(settings.BASE_DIR) / ".env.example"
# Runs in a fresh interpreter, so that the settings are read from these variables.
PROBE = """
from django.test import Client
client = Client()
for path in ("/health/", "/robots.txt"):
    response = client.get(path)
    print(path, response.status_code, response.get("Location", ""))
"""


def example_values() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def probe(tmp_path: Path, **changes: str) -> dict[str, tuple[int, str]]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(example_values())
    env.update(
        SECRET_KEY="example-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="config.settings",
        **changes,
    )
    script = "import django; django.setup()\n" + PROBE
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answers = {}
    for line in result.stdout.splitlines():
        path, status, *location = line.split(" ")
        answers[path] = (int(status), "".join(location))
    return answers


def test_the_example_leaves_https_off_with_a_line_that_says_when_to_turn_it_on():
    assert example_values()["HTTPS"] == "false"
    assert "BEHIND_PROXY" not in example_values()
    assert "set it to true (and\n# BEHIND_PROXY below) as soon as TLS" in EXAMPLE.read_text()


@pytest.mark.parametrize("path", ["/health/", "/robots.txt"])
def test_copied_as_it_is_nothing_is_redirected_to_https(tmp_path, path):
    status, location = probe(tmp_path)[path]
    assert status != 301 and not location.startswith("https://"), (status, location)


def test_with_https_on_pages_redirect_but_health_does_not(tmp_path):
    answers = probe(tmp_path, HTTPS="true")
    assert answers["/robots.txt"] == (301, "https://testserver/robots.txt")
    assert answers["/health/"][0] != 301
