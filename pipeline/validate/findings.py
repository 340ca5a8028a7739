"""Findings: what a check found, where, how serious, and whether it is known and explained.

Every check the project runs is listed in CHECKS with its severity and what it catches;
the report, the `quality_findings` table and the README take their words from here.
Known source problems are acknowledged in `checks/acknowledged.toml`, each with a reason.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipeline.clean.ids import with_finding_ids
from pipeline.schema import BY_NAME

# What a maintainer edits: the acknowledged source problems, in the checkout's checks/ folder beside
# seeds/ (absent where the package is installed without one: then nothing is acknowledged). The
# reference tables the checks read ship inside the package (pipeline/clean/successor_states.csv,
# pipeline/validate/independence.csv).
ACKNOWLEDGED = Path(__file__).resolve().parents[2] / "checks" / "acknowledged.toml"
SEVERITIES = tuple(BY_NAME["quality_findings"].field("severity").enum)  # the schema's value set

# name -> (severity, what it catches)
CHECKS: dict[str, tuple[str, str]] = {
    "schema": ("error", "a value breaks the table's declared schema (required, unique, value set, pattern, minimum)"),
    "duplicate_row_number": ("error", 'a "#" row number printed on more than one row'),
    "row_number_gap": ("warning", "a row number missing from the numbering 1..N"),
    "unknown_date": ("warning", 'the source gives "Unknown" for a date'),
    "unparseable_date": ("error", "a date the parser cannot read"),
    "date_out_of_range": (
        "error",
        "a date of any date column after the newest date known for its source (retrieved, "
        "revision_not_before, SOURCE_DATE_EPOCH): a date in the future; or a relation's date (established, "
        "severed, a relation change) before the subject's independence",
    ),
    "date_order": ("warning", "a numbered row dated earlier than the numbered row before it"),
    "partner_without_iso_code": (
        "error",
        "a partner with no ISO 3166-1 code that the alias table does not list as such",
    ),
    "partner_without_iso_code_listed": ("info", "a partner the alias table lists as having no ISO 3166-1 code"),
    "duplicate_partner": ("error", "the same partner on two rows of one table"),
    "tables_disagree": ("error", "the bilateral table and the list table give a partner different dates or statuses"),
    "history_conflict": (
        "warning",
        "two relation rows of one article date the same change of a relation (severed, suspended, restored, "
        "resumed, frozen) on days that cannot be the same: relation_history keeps both (an establishment dated "
        "differently is `tables_disagree`)",
    ),
    "fact_sheet_disagrees": ("error", "the fact sheet and the article give different dates for the same relations"),
    "dyad_disagreement": (
        "warning",
        "two articles of the seeds give their relations with each other different dates or statuses (table dyads)",
    ),
    "mission_open_and_closed": (
        "warning",
        "a mission one sentence states as standing and another as closed or seized (both kept; which holds now "
        "the article does not say)",
    ),
    "maintenance_tag": (
        "warning",
        "a {{failed verification}}, {{citation needed}} or similar tag on a fact or the article",
    ),
    "cites_tagged_reference": ("warning", "a row cites a reference that a maintenance tag elsewhere disputes"),
    "malformed_url": ("error", "a reference URL that is not a well-formed http(s) URL"),
    "unparseable_access_date": ("error", "a reference access date the parser cannot read"),
    "unparseable_reference_date": (
        "warning",
        "a reference publication date the parser cannot read (kept as written in `date_raw`)",
    ),
    "dead_url_archived": ("info", "a reference URL marked dead or usurped, with an archived copy"),
    "dead_url": ("warning", "a reference URL marked dead or usurped, with no archived copy"),
    "undefined_reference": ("error", "a named reference used but never defined"),
    "successor_state": (
        "info",
        "a partner whose current state was formed after the stated date (relations began with a predecessor)",
    ),
    "formula_like_cell": (
        "warning",
        "a cell a spreadsheet would run as a formula (starts with =, +, -, @); kept as written",
    ),
    "invisible_characters": (
        "warning",
        "zero-width or bidi control characters in a cell: the published value leaves them out, "
        "the `*_raw` column keeps them",
    ),
    "source_undocumented": (
        "warning",
        "a seed document with no entry, or missing facts, in the manifest of seed documents",
    ),
    "unchecked_upper_bound": (
        "info",
        "no retrieval date is known (dates are checked against revision_not_before or SOURCE_DATE_EPOCH "
        "instead), or no date at all for a source (its dates are not checked for being in the future)",
    ),
    "unchecked_independence": (
        "info",
        "a subject with no known independence date: its dates are not checked against one",
    ),
    "unread_table": (
        "error",
        "a table under a relations heading with no partner or date column, or a row whose cells do not fill its "
        "columns: its rows are kept as written in unread_rows, not read",
    ),
    "unknown_status_word": (
        "warning",
        "a bracketed or <small> aside beside a date (or a bracketed participle beside a partner) with no word of "
        "the status vocabulary: a change the status may have skipped",
    ),
    "stale_acknowledgement": ("warning", "an acknowledged known problem that matches no finding any more"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found: which check, where (table, row key, field), the value, in words."""

    check: str
    resource: str
    row_key: str | None
    field: str | None
    value: str | None
    message: str
    acknowledged: bool = False
    acknowledgement: str | None = None

    @property
    def severity(self) -> str:
        return CHECKS[self.check][0]

    @property
    def blocks_publication(self) -> bool:
        return self.severity == "error" and not self.acknowledged

    def sort_key(self) -> tuple[str, ...]:
        return (self.check, self.resource, self.row_key or "", self.field or "", self.value or "", self.message)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickled as the call that makes it (the findings go to the report process): half the
        time of a frozen dataclass's default, which sets each slot by a call of its own."""
        fields = (self.check, self.resource, self.row_key, self.field, self.value, self.message)
        return Finding, (*fields, self.acknowledged, self.acknowledgement)


def finding(check: str, resource: str, row_key: str | None, field: str | None, value: object, message: str) -> Finding:
    """A Finding, the value turned to text (None stays None)."""
    if check not in CHECKS:
        raise KeyError(f"unknown check {check!r}: declare it in pipeline/validate/findings.py CHECKS")
    text = None if value is None or pd.isna(value) else str(value)
    return Finding(check, resource, row_key, field, text, message)


def row_key(frame: pd.DataFrame, index: object, table: str) -> str:
    """The id (`MLI/relation/FRA`) of row `index` of `table`: its primary key, one column
    (read cell by cell: `frame.loc[index]` would build the whole row, for every finding)."""
    schema = BY_NAME[table]
    return schema.row_key({column: frame.at[index, column] for column in schema.primary_key})


def positions(mask: pd.Series) -> Any:
    """The positions of the rows `mask` holds true (a missing value is false), in order."""
    return np.flatnonzero(mask.fillna(False).to_numpy(dtype=bool))


class Cells:
    """The cells of a frame by row position, each column read once, when first asked for:
    `frame.at` builds a pandas column for every cell it reads (tens of microseconds a cell),
    which a check pays per finding. A missing value is as iterating the column gives it (pd.NA)."""

    def __init__(self, frame: pd.DataFrame, table: str) -> None:
        self.frame, self.table = frame, table
        self.columns: dict[str, Any] = {}

    def column(self, column: str) -> Any:
        """The column's values, an array of Python objects."""
        if column not in self.columns:
            self.columns[column] = self.frame[column].to_numpy(dtype=object)
        return self.columns[column]

    def __call__(self, position: int, column: str) -> Any:
        return self.column(column)[position]

    def key(self, position: int) -> str:
        """The row's id, as `row_key` gives it."""
        schema = BY_NAME[self.table]
        return schema.row_key({column: self(position, column) for column in schema.primary_key})


def load_acknowledgements(path: Path = ACKNOWLEDGED) -> list[dict[str, str]]:
    """The [[acknowledged]] entries: check, resource, row_id (optional), field (optional), reason."""
    if not path.exists():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("acknowledged", [])
    for number, entry in enumerate(entries, start=1):
        if not entry.get("check") or not entry.get("reason"):
            from pipeline.errors import InputError

            raise InputError(str(path), f"[[acknowledged]] #{number}", "lacks `check` or `reason`", "add both")
    return entries


def acknowledge(
    findings: list[Finding], entries: list[dict[str, str]], subjects: set[str] | None = None
) -> list[Finding]:
    """Mark findings the entries explain; report entries that explain nothing; sort. An entry
    about one subject applies only where `subjects` (None: all) holds it: an acknowledgement of
    one article's problem is neither used nor stale in a build of other articles."""
    entries = [entry for entry in entries if subjects is None or entry_subject(entry) in (None, *subjects)]
    used: set[int] = set()
    marked = []
    for item in findings:
        match = next((i for i, entry in enumerate(entries) if _matches(entry, item)), None)
        if match is not None:
            used.add(match)
            item = replace(item, acknowledged=True, acknowledgement=entries[match]["reason"])
        marked.append(item)
    for number, entry in enumerate(entries):
        if number not in used:
            key = "/".join(str(entry.get(k, "*")) for k in ("check", "resource", "row_id", "field"))
            marked.append(
                finding(
                    "stale_acknowledgement",
                    "checks/acknowledged.toml",
                    key,
                    None,
                    entry.get("reason"),
                    f"acknowledgement {key} matches no finding: remove it or correct it",
                )
            )
    return sorted(marked, key=Finding.sort_key)


def entry_subject(entry: dict[str, str]) -> str | None:
    """The subject (ISO alpha-3) an entry is about: its `subject`, else its row_id's first part
    when that is a code ("MLI/relation/AGO" -> MLI); None for an entry about no one subject."""
    first = str(entry.get("row_id", "")).split("/")[0]
    return entry.get("subject") or (first if len(first) == 3 and first.isascii() and first.isupper() else None)


def _matches(entry: dict[str, str], item: Finding) -> bool:
    """An entry matches on every key it gives (check always; resource, row_id, field optional;
    `subject`: rows whose id starts with that code)."""
    keys = {"check": item.check, "resource": item.resource, "row_id": item.row_key, "field": item.field}
    subject = entry.get("subject")
    if subject and (item.row_key or "").split("/")[0] != subject:
        return False
    return all(entry.get(k) in (None, value) for k, value in keys.items())


def counts(findings: list[Finding]) -> dict[str, int]:
    """Findings by severity, acknowledged ones counted apart."""
    out = {severity: 0 for severity in SEVERITIES} | {"acknowledged": 0}
    for item in findings:
        out["acknowledged" if item.acknowledged else item.severity] += 1
    return out


def rows(findings: list[Finding]) -> list[dict[str, object]]:
    """The `quality_findings` table's rows, numbered in report order, each with its stable id."""
    return list(each_row(findings))


def each_row(findings: list[Finding]) -> Iterator[dict[str, object]]:
    """`rows`, a row at a time (a large corpus's report writes them without holding them all)."""
    return with_finding_ids(
        (
            {
                "finding": number,
                "check_name": f.check,
                "severity": f.severity,
                "resource": f.resource,
                "row_id": f.row_key,
                "field": f.field,
                "value": f.value,
                "message": f.message,
                "acknowledged": f.acknowledged,
                "acknowledgement": f.acknowledgement,
            }
            for number, f in enumerate(findings, start=1)
        )
    )
