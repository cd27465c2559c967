"""The code keeps the house's rules, as the test command checks them: ruff's lint and
format, the types (mypy with Django's stubs), the layers between packages
(import-linter; its contracts are in pyproject.toml) and no import cycle between
modules. A failure says what broke."""

import subprocess
import sys
from pathlib import Path

import grimp

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


def test_the_types_check():
    # Settings from the test command's environment (bin/test sets SECRET_KEY).
    run("mypy")


def test_no_import_breaks_the_layers():
    run("lint-imports", "--no-cache")


def import_cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """The groups of `modules` that import each other, directly or not (Tarjan)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_module_imports_itself_through_others():
    # Imports made only for the type checker (`if TYPE_CHECKING:`) never run: a model
    # may name, in an annotation, a type defined above it.
    graph = grimp.build_graph("positions", exclude_type_checking_imports=True)
    modules = {module for module in graph.modules if ".migrations" not in module}
    assert import_cycles(graph, modules) == []


def test_a_cycle_is_found():
    graph = grimp.ImportGraph()
    for importer, imported in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]:
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph, {"a", "b", "c", "d"}) == [["a", "b", "c"]]
