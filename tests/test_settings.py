"""Settings fail loudly on a bad value, pass Django's deploy check in production,
and the Docker image is built the way the deploy notes say.

Each settings case starts a fresh Python (about half a second), because
config/settings.py reads the environment once, at import.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

SETTINGS_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "HTTPS",
    "HSTS_SECONDS",
    "HSTS_INCLUDE_SUBDOMAINS",
    "HSTS_PRELOAD",
    "BEHIND_PROXY",
    "LOG_LEVEL",
    "AXES_FAILURE_LIMIT",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "DEFAULT_FROM_EMAIL",
    "AXES_COOLOFF_MINUTES",
]

# Production-like values: the base every failing case changes one variable of.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
    "DATABASE_URL": "postgres://positions:secret@127.0.0.1:5432/positions",
    "ALLOWED_HOSTS": "positions.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://positions.example.org",
    "HTTPS": "true",
    "HSTS_PRELOAD": "true",
    "BEHIND_PROXY": "true",
    "EMAIL_HOST": "smtp.example.org",
}


def run_python(*arguments: str, **variables: str | None) -> subprocess.CompletedProcess[str]:
    """Run Python with `arguments` and only the given settings variables set.

    A variable given as None is left unset.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE, set for the browser tests, fails the deploy check.
        if name not in SETTINGS_VARIABLES and not name.startswith("DJANGO_")
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update({name: value for name, value in variables.items() if value is not None})
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def start_django(**variables: str | None) -> subprocess.CompletedProcess[str]:
    return run_python("-c", "import django; django.setup()", **variables)


def test_it_starts_with_production_values():
    result = start_django(**PRODUCTION)

    assert result.returncode == 0, result.stderr


def test_it_starts_without_a_secret_key_when_debug_is_on():
    result = start_django(DEBUG="true")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("SECRET_KEY", None),
        ("SECRET_KEY", ""),
        ("DATABASE_URL", "nonsense://x"),
        ("DATABASE_URL", "mysql://positions:secret@127.0.0.1:3306/positions"),
        ("HSTS_SECONDS", "-1"),
        ("HSTS_SECONDS", "abc"),
        ("CSRF_TRUSTED_ORIGINS", "example.org"),
        ("LOG_LEVEL", "LOUD"),
        ("AXES_FAILURE_LIMIT", "five"),
        ("EMAIL_PORT", "smtp"),
        ("HTTPS", "sometimes"),
        ("BEHIND_PROXY", "2"),
    ],
)
def test_it_refuses_to_start_and_names_the_variable(variable: str, value: str | None):
    result = start_django(**{**PRODUCTION, variable: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]


def test_it_needs_a_secret_key_when_debug_is_not_set():
    result = start_django(SECRET_KEY=None, DEBUG=None)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_uses_a_sqlite_file_beside_manage_py_without_a_database_url():
    result = run_python(
        "-c",
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))",
        DEBUG="true",
    )

    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == BASE_DIR / "db.sqlite3"
    assert (BASE_DIR / "manage.py").is_file()


def test_the_deploy_check_passes_in_production():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output


def test_the_deploy_check_warns_when_https_is_off():
    result = run_python("manage.py", "check", "--deploy", **{**PRODUCTION, "HTTPS": "false"})

    output = result.stdout + result.stderr
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in output


# The Docker image. No Docker engine runs here or in CI, so the Dockerfile is
# read, not built; tests/test_health.py runs its HEALTHCHECK against bin/start.


def dockerfile_instructions() -> list[tuple[str, str]]:
    """Return (INSTRUCTION, arguments) for each instruction of the Dockerfile."""
    text = (BASE_DIR / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def arguments_of(keyword: str) -> list[str]:
    return [arguments for found, arguments in dockerfile_instructions() if found == keyword]


def test_the_image_is_python_313_slim():
    assert arguments_of("FROM") == ["python:3.13-slim"]


def test_the_image_runs_as_a_user_other_than_root():
    users = arguments_of("USER")
    assert users
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    # Nothing after USER runs as root again.
    keywords = [keyword for keyword, _ in dockerfile_instructions()]
    assert "RUN" not in keywords[keywords.index("USER") :]


def test_the_image_installs_only_the_runtime_requirements():
    runs = " ".join(arguments_of("RUN"))
    assert "pip install -r requirements.txt" in runs
    assert "requirements-dev.txt" not in runs


def test_the_image_collects_static_files_with_a_throwaway_key_and_debug_off():
    [collectstatic] = [run for run in arguments_of("RUN") if "collectstatic" in run]
    assert "DEBUG=false" in collectstatic
    assert "SECRET_KEY=" in collectstatic
    assert not any("SECRET_KEY" in env for env in arguments_of("ENV"))


def test_the_image_checks_health_and_starts_with_bin_start():
    [healthcheck] = arguments_of("HEALTHCHECK")
    assert "/health/" in healthcheck
    assert arguments_of("EXPOSE") == ["8000"]
    assert json.loads(arguments_of("CMD")[-1]) == ["bin/start"]
    assert os.access(BASE_DIR / "bin" / "start", os.X_OK)
    environment = " ".join(arguments_of("ENV"))
    assert "PYTHONDONTWRITEBYTECODE=1" in environment
    assert "PYTHONUNBUFFERED=1" in environment


def test_the_image_leaves_out_local_files_and_tests():
    ignored = (BASE_DIR / ".dockerignore").read_text().split()
    for pattern in [".git", ".venv", "*.sqlite3", "staticfiles", "tests", "**/__pycache__"]:
        assert pattern in ignored
