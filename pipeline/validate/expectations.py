"""Great Expectations suites, one per table: derived from the schema declaration
(required, unique, value sets, patterns, minimums) plus hand-written expectations.

Great Expectations takes seconds to import, so it is imported only when the suites run, and
only when an expectation could fail or Data Docs are asked for: `--help`, extract and clean
never pay for it. Without Data Docs the suites run in two steps, `screen` (pandas) and
`run_screened` (Great Expectations), which `expectations_beside` runs in two processes.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.clean.dates import UNKNOWN_DATE_CELL
from pipeline.schema import BY_NAME, Table
from pipeline.validate.expectation_screen import could_fail
from pipeline.validate.findings import CHECKS, Finding, finding

Spec = tuple[str, str, dict[str, Any]]  # (check, expectation class name, arguments)
_MARKUP = re.compile("[&<>\"']")  # the characters html.escape replaces
# (table, the columns its expectations and findings read, the expectations the screen cannot clear)
Screened = tuple[str, pd.DataFrame, list[Spec]]


def expectation_specs(table: Table) -> list[Spec]:
    """(check, expectation class name, arguments) for a table, from its schema and by hand."""
    specs: list[Spec] = []
    for field in table.fields:
        column = {"column": field.name}
        if field.required:
            specs.append(("schema", "ExpectColumnValuesToNotBeNull", column))
        if field.unique:
            specs.append(("schema", "ExpectColumnValuesToBeUnique", column))
        if field.enum:
            specs.append(("schema", "ExpectColumnValuesToBeInSet", {**column, "value_set": field.enum}))
        if field.pattern:
            specs.append(("schema", "ExpectColumnValuesToMatchRegex", {**column, "regex": field.pattern}))
        if field.minimum is not None:
            specs.append(("schema", "ExpectColumnValuesToBeBetween", {**column, "min_value": field.minimum}))
    if len(table.primary_key) > 1:
        specs.append(("schema", "ExpectCompoundColumnsToBeUnique", {"column_list": table.primary_key}))
    specs += HAND_WRITTEN.get(table.name, [])
    return specs


_UNKNOWN_DATE: Spec = (
    "unknown_date",
    "ExpectColumnValuesToNotMatchRegex",
    {"column": "established_raw", "regex": UNKNOWN_DATE_CELL},  # the date checks' test (clean/dates.py)
)
HAND_WRITTEN: dict[str, list[Spec]] = {
    "diplomatic_relations": [_UNKNOWN_DATE],
    "bilateral_relations": [_UNKNOWN_DATE],
}


def run_suites(tables: dict[str, pd.DataFrame], data_docs: Path | None = None) -> list[Finding]:
    """Run every table's suite; failed expectations become findings, one per unexpected row.

    With `data_docs` every expectation runs and the HTML report is written there; without,
    Great Expectations is given only the expectations the pandas screen cannot clear
    (`screen`, then `run_screened`), and is not even imported when there are none: the same findings.
    """
    if data_docs is None:
        return run_screened(screen(tables))
    context, source = _context(data_docs)
    findings: list[Finding] = []
    for name, frame in _with_suites(tables):
        specs = expectation_specs(BY_NAME[name])
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("all")
        data = {"dataframe": _plain(frame)}
        # Pass or fail for every expectation first (half the cost of full results), then the
        # failed ones again with every unexpected row: findings need the rows.
        run = _validate(context, batch, name, specs, data, "BOOLEAN_ONLY")
        failed = [specs[result.expectation_config.meta["spec"]] for result in run.results if not result.success]
        if failed:
            run = _validate(context, batch, f"{name}_failed", failed, data, "COMPLETE")
            findings += _findings(name, frame, run.results)
    context.build_data_docs(site_names=["quality"])  # rendered once from the stored results, not once per table
    return findings


def screen(tables: dict[str, pd.DataFrame]) -> list[Screened]:
    """The pandas screen (`expectation_screen`): for each table with expectations it cannot clear,
    those expectations and only the columns Great Expectations and the findings read (the ones
    the expectations read, the primary key, `partner`): all `run_screened` needs, small enough
    to send to another process whatever the tables' size."""
    screened = []
    for name, frame in _with_suites(tables):
        specs = expectation_specs(BY_NAME[name])
        # only the columns the expectations read (each reads its own: the same results, by
        # the frame's index), made plain: most of a large table's cells are text none reads
        plain = _plain(frame[_read_columns(specs, frame)])
        specs = [spec for spec in specs if could_fail(plain, spec[1], spec[2])]
        if specs:
            named = set(_read_columns(specs, frame)) | set(BY_NAME[name].primary_key) | {"partner"}
            screened.append((name, frame[[column for column in frame.columns if column in named]], specs))
    return screened


def run_screened(screened: list[Screened]) -> list[Finding]:
    """Great Expectations on what `screen` kept (every expectation given is decided by it): the
    findings `run_suites` without Data Docs finds on the tables screened."""
    if not screened:
        return []
    _, source = _context(None)
    findings: list[Finding] = []
    for name, frame, specs in screened:  # screened expectations are nearly all failures: full results at once
        data = {"dataframe": _plain(frame[_read_columns(specs, frame)])}
        definition = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("all")
        batch = definition.get_batch(batch_parameters=data)
        # the batch validated as it is: no suite, validation definition or result stored in the
        # context (a tenth of the time), as nothing renders Data Docs from them here
        run = _checked(batch.validate(_suite(f"{name}_failed", specs), result_format="COMPLETE"), f"{name}_failed")
        findings += _findings(name, frame, run.results)
    return findings


def import_great_expectations() -> None:
    """Great Expectations imported (seconds), as running the suites would import it."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations  # noqa: F401


def _with_suites(tables: dict[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    """(name, frame) of each table with a suite (the findings' own table has none)."""
    return [(name, frame) for name, frame in tables.items() if name in BY_NAME and name != "quality_findings"]


def _read_columns(specs: list[Spec], frame: pd.DataFrame) -> list[str]:
    """The columns of `frame` the expectations of `specs` read, in the frame's order."""
    read = {column for _, _, arguments in specs for column in arguments.get("column_list") or [arguments["column"]]}
    return [column for column in frame.columns if column in read]


def _context(data_docs: Path | None) -> tuple[Any, Any]:
    """An in-memory Great Expectations context (with a Data Docs site at `data_docs`, if given)
    and its pandas data source."""
    import_great_expectations()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if data_docs is not None:
        data_docs.mkdir(parents=True, exist_ok=True)
        context.add_data_docs_site(
            site_name="quality",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(data_docs.resolve()),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    return context, context.data_sources.add_pandas("package")


def _validate(context: Any, batch: Any, name: str, specs: list[Spec], data: dict[str, Any], result_format: str) -> Any:
    """Run the expectations of `specs` on a batch as one suite, stored in `context` with its
    result (for Data Docs); the validation result."""
    import great_expectations as gx

    suite = context.suites.add(_suite(name, specs))
    definition = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
    return _checked(definition.run(batch_parameters=data, result_format=result_format), name)


def _suite(name: str, specs: list[Spec]) -> Any:
    """The expectations of `specs` as one suite, each with its check and its number in `specs`."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    expectations = [
        getattr(gxe, kind)(**arguments, meta={"check": check, "spec": number})
        for number, (check, kind, arguments) in enumerate(specs)
    ]  # given to the suite at once: each add_expectation would store the whole suite again
    return gx.ExpectationSuite(name=f"{name}_suite", expectations=expectations)


def _checked(result: Any, name: str) -> Any:
    """The validation result of the suite `name`; RuntimeError when an expectation could not run."""
    for item in result.results:
        message = _raised(item.exception_info or {})
        if message is not None:
            config = item.expectation_config
            raise RuntimeError(f"expectation {config.type} {config.kwargs} on {name} could not run: {message}")
    return result


def _raised(info: dict[str, Any]) -> str | None:
    """The message of an error Great Expectations caught running an expectation, or None. It
    reports an error of the expectation itself at the top of `exception_info`, and an error
    computing one of its metrics (a pattern that does not compile) under that metric's id."""
    for part in (info, *(value for value in info.values() if isinstance(value, dict))):
        if part.get("raised_exception"):
            return str(part.get("exception_message"))
    return None


def _findings(name: str, frame: pd.DataFrame, results: list[Any]) -> list[Finding]:
    """One finding per unexpected row of each failed expectation."""
    table = BY_NAME[name]
    out = []
    for result in results:
        if result.success:
            continue
        config = result.expectation_config
        check = config.meta["check"]
        columns = config.kwargs.get("column_list") or [config.kwargs["column"]]
        indexes = result.result.get("unexpected_index_list") or []
        for index in indexes:
            position = index if isinstance(index, int) else index.get("index", index)
            key = table.row_key({column: frame.at[position, column] for column in table.primary_key})
            value = "/".join(str(frame.at[position, column]) for column in columns)
            label = frame.at[position, "partner"] if "partner" in frame.columns else key
            words = CHECKS[check][1] if check != "schema" else f"breaks {config.type} on {', '.join(columns)}"
            out.append(finding(check, name, key, ", ".join(columns), value, f"{label}: {words}"))
    return out


def _text_of(column: pd.Series) -> str:
    """The column's text values joined (a column of text: by numpy, without a loop over its cells)."""
    if isinstance(column.dtype, pd.StringDtype):
        return "".join(column.to_numpy(dtype=object, na_value=""))
    return "".join(value for value in column.to_numpy(dtype=object) if isinstance(value, str))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns with None for nulls, and text HTML-escaped: what GX is given.

    Data Docs put unexpected values into their HTML raw, so a seed cell holding markup
    would run in the maintainer's browser. html.escape is one-to-one, leaves the value sets
    and the patterns' characters alone, so every expectation decides as on the original
    text; findings read the original frame, not this one.
    """
    plain = frame.astype(object).where(frame.notna(), None)
    for column in plain.columns:  # column by column: DataFrame.map would infer new dtypes
        if not _MARKUP.search(_text_of(frame[column])):
            continue  # nothing html.escape would change (most columns): one search, not one call a value
        values = [html.escape(value) if isinstance(value, str) else value for value in plain[column]]
        plain[column] = pd.Series(values, index=plain.index, dtype=object)
    return plain
