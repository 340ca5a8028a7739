"""One row contract and one data path: rows are checked against the schema wherever they go,
and `clean` (streaming, in one or two processes) writes the same bytes as the package."""

from __future__ import annotations

import pytest

from pipeline.clean.stage import CLEANED, as_frame, save
from pipeline.schema import SchemaError
from tests.helpers import ROOT, pipeline_cli

MEMBERSHIP = {
    "membership_id": "MLI/membership/african-union",
    "subject": "Mali",
    "subject_iso3": "MLI",
    "organization": "African Union",
    "abbreviation": "AU",
    "status": "member",
    "rule": "member_list",
    "statement": "Mali is active in regional organizations such as the African Union (AU).",
    "source_id": "foreign-relations-of-mali",
    "source_start": 1,
    "source_end": 2,
}


def test_a_misspelled_field_raises_instead_of_becoming_an_empty_column():
    row = {**MEMBERSHIP, "abbrevation": MEMBERSHIP["abbreviation"]}
    del row["abbreviation"]
    with pytest.raises(
        SchemaError, match=r"^a `memberships` row has unknown field\(s\) abbrevation \(pipeline/schema/\)$"
    ):
        as_frame("memberships", [row])


def test_a_row_without_a_required_field_raises():
    row = {key: value for key, value in MEMBERSHIP.items() if key != "source_id"}
    with pytest.raises(SchemaError, match=r"^a `memberships` row has no source_id \(pipeline/schema/\)$"):
        as_frame("memberships", [row])


def test_the_streaming_path_checks_rows_too(tmp_path):
    document = {name: [] for name in CLEANED} | {"memberships": [{**MEMBERSHIP, "typo": 1}]}
    with pytest.raises(SchemaError, match="unknown field"):
        save([document], tmp_path / "clean")


def test_clean_in_one_or_two_processes_writes_the_packages_bytes(built, tmp_path):
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        result = pipeline_cli("clean", "--out", out, "--jobs", jobs, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in out.iterdir()) == sorted([".pipeline-output", *(f"{n}.csv" for n in CLEANED)])
        for name in CLEANED:
            assert (out / f"{name}.csv").read_bytes() == (built / "data" / f"{name}.csv").read_bytes(), (jobs, name)


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
