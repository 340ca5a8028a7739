"""One row contract and one data path: rows are checked against the schema wherever they go,
and `clean` (streaming, in one or two processes) writes the same bytes as the package."""

from __future__ import annotations

import pytest

from pipeline.clean.csv_files import save
from pipeline.clean.frames import CLEANED, as_frame, as_frames, part
from pipeline.clean.stage import table_parts, table_rows
from pipeline.clean.tables_joined import document_tables
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


def test_of_several_rows_that_do_not_fit_the_first_is_named():
    good = dict(MEMBERSHIP)
    misspelled = {**MEMBERSHIP, "abbrevation": "AU"}
    missing = {key: value for key, value in MEMBERSHIP.items() if key != "source_id"}
    with pytest.raises(SchemaError, match=r"^a `memberships` row has no source_id \(pipeline/schema/\)$"):
        as_frame("memberships", [good, missing, misspelled, good])


def test_the_streaming_path_checks_rows_too(tmp_path):
    document = {name: [] for name in CLEANED} | {"memberships": [{**MEMBERSHIP, "typo": 1}]}
    with pytest.raises(SchemaError, match="unknown field"):
        save(table_rows([document]), tmp_path / "clean")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({**MEMBERSHIP, "typo": 1}, r"unknown field\(s\) typo"),
        ({key: value for key, value in MEMBERSHIP.items() if key != "source_id"}, "no source_id"),
        (  # as many keys as the schema's fields, one misspelled
            {("abbrevation" if key == "abbreviation" else key): value for key, value in MEMBERSHIP.items()},
            r"unknown field\(s\) abbrevation",
        ),
    ],
)
def test_the_builds_path_of_columns_checks_rows_too(row, problem):
    """`build`'s rows travel as columns (`frames.part`), checked when the frame takes them."""
    document = {name: [] for name in CLEANED} | {"memberships": [dict(MEMBERSHIP), row]}
    with pytest.raises(SchemaError, match=rf"^a `memberships` row has {problem} \(pipeline/schema/\)$"):
        as_frames(table_parts([document_tables(document, part)]))


def test_clean_in_one_or_two_processes_writes_the_packages_bytes(built, tmp_path):
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        result = pipeline_cli("clean", "--out", out, "--jobs", jobs, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in out.iterdir()) == sorted([".pipeline-output", *(f"{n}.csv" for n in CLEANED)])
        for name in CLEANED:
            assert (out / f"{name}.csv").read_bytes() == (built / "data" / f"{name}.csv").read_bytes(), (jobs, name)


