"""Modules and functions of the pipeline stay small: the house rule of README (modules of about
300 lines, functions of about 40), as hard limits."""

from __future__ import annotations

from tests.helpers import ROOT

MODULE_LINES, FUNCTION_LINES = 300, 40  # the "about 300" and "about 40", as hard limits


def test_every_module_and_function_of_the_pipeline_stays_small():
    """Modules under 300 lines, functions (docstring included) under 40."""
    import ast

    too_long = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        if source.count("\n") > MODULE_LINES:
            too_long.append(f"{name}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    assert too_long == []
