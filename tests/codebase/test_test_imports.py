"""Tests share helpers through tests/helpers/ and tests/conftest.py, never through each other: a
test module that imports another runs that module's tests' setup on import and ties the two
files together (a move or a split of one breaks the other)."""

from __future__ import annotations

import ast

from tests.helpers import ROOT


def imported_test_modules(source: str) -> list[str]:
    """The `test_*` modules `source` imports, anywhere in it (absolute or relative, a module or
    a name from one), sorted."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found |= {base, *(base.rstrip(".") + "." + alias.name for alias in node.names)}
    return sorted(name for name in found if any(part.startswith("test_") for part in name.split(".")))


def test_no_test_module_imports_another():
    imports = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if "fixtures" in path.relative_to(ROOT / "tests").parts:
            continue
        found = imported_test_modules(path.read_text(encoding="utf-8"))
        if found:
            imports[path.relative_to(ROOT).as_posix()] = found
    assert imports == {}


def test_every_way_of_importing_a_test_module_is_seen():
    source = (
        "import tests.unit.clean.test_dates\n"
        "from tests.unit.validate.test_checks import article\n"
        "from . import test_dump\n"
        "from .test_dump import page\n"
        "def f():\n    from tests.integration import test_family\n"
        "from tests.helpers.articles import article\n"  # a helper: allowed
        "from pipeline.clean import dates\n"
    )
    assert imported_test_modules(source) == [
        ".test_dump",
        ".test_dump.page",
        "tests.integration.test_family",
        "tests.unit.clean.test_dates",
        "tests.unit.validate.test_checks",
        "tests.unit.validate.test_checks.article",
    ]
