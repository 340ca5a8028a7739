"""The cleaned tables written as CSV files as their rows come (`pipeline clean`): one document's
rows in memory at a time."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

from pipeline.clean.frames import CLEANED, Rows
from pipeline.csv_text import csv_record
from pipeline.files import file_writer
from pipeline.schema import BY_NAME


def save(tables: Iterable[tuple[str, Rows]], out: Path) -> list[Path]:
    """Write each table as CSV (the package's conventions) from (table, rows) as `stage.table_rows`
    gives them, a document's rows at a time, so that memory does not grow with the number of
    documents. Same bytes as the package's CSVs."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.csv" for name in CLEANED}
    with ExitStack() as stack:
        writers = {}
        for name in CLEANED:
            writers[name] = csv.writer(stack.enter_context(file_writer(paths[name])), lineterminator="\n")
            writers[name].writerow(BY_NAME[name].field_names)
        for name, rows in tables:
            fields = BY_NAME[name].fields
            checked = BY_NAME[name].checked_rows(rows)
            writers[name].writerows(csv_record([row.get(field.name) for field in fields], fields) for row in checked)
    return list(paths.values())
