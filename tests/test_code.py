"""The code keeps the house's rules, as the test command checks them: ruff's lint and
format, the layers between packages (import-linter, contracts in pyproject.toml) and
the types (mypy with Django's stubs). A failure prints what the tool said."""

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
TOOLS = Path(sys.executable).parent


def run(tool: str, *arguments: str) -> None:
    result = subprocess.run(
        [str(TOOLS / tool), *arguments], cwd=BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{tool} {' '.join(arguments)}:\n{result.stdout}{result.stderr}"


def test_ruff_finds_nothing_to_mend():
    run("ruff", "check", ".")


def test_the_code_is_formatted():
    run("ruff", "format", "--check", ".")


def test_no_import_breaks_the_layers():
    run("lint-imports")


def test_the_types_check():
    run("mypy")
