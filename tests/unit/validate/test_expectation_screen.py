"""The pandas screen in front of Great Expectations (pipeline/validate/expectation_screen.py):
a build without Data Docs gives Great Expectations only the expectations that could fail, and
finds exactly what running every expectation finds; Data Docs are written when asked (`validate`,
`make check`, `build --data-docs`), not by a plain `build`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.schema import BY_NAME
from pipeline.validate.expectation_screen import could_fail
from pipeline.validate.expectations import _plain, expectation_specs, run_screened, run_suites
from tests.helpers import SEEDS, pipeline_cli
from tests.helpers.articles import article


@pytest.fixture(scope="module")
def cleaned() -> dict[str, pd.DataFrame]:
    """The seeds' tables as the build checks them (typed, before the package is written)."""
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources

    return clean(extract(load_sources(SEEDS)))


def _frame(values: list[object]) -> pd.DataFrame:
    return _plain(pd.DataFrame({"c": pd.Series(values, dtype=object)}))


@pytest.mark.parametrize(
    ("kind", "arguments", "values", "expected"),
    [
        ("ExpectColumnValuesToNotBeNull", {"column": "c"}, ["a", "b"], False),
        ("ExpectColumnValuesToNotBeNull", {"column": "c"}, ["a", None], True),
        ("ExpectColumnValuesToNotBeNull", {"column": "c"}, ["a", float("nan")], True),
        ("ExpectColumnValuesToBeUnique", {"column": "c"}, ["a", None, None], False),  # nulls are not values
        ("ExpectColumnValuesToBeUnique", {"column": "c"}, ["a", "b", "a"], True),
        ("ExpectColumnValuesToBeInSet", {"column": "c", "value_set": ["a", "b"]}, ["a", None, "b"], False),
        ("ExpectColumnValuesToBeInSet", {"column": "c", "value_set": ["a", "b"]}, ["a", "A"], True),
        ("ExpectColumnValuesToMatchRegex", {"column": "c", "regex": "^[A-Z]{3}$"}, ["MLI", None], False),
        ("ExpectColumnValuesToMatchRegex", {"column": "c", "regex": "^[A-Z]{3}$"}, ["MLI", "MLIX"], True),
        ("ExpectColumnValuesToMatchRegex", {"column": "c", "regex": "[0-9]"}, ["year 1960"], False),  # a search
        ("ExpectColumnValuesToMatchRegex", {"column": "c", "regex": "^1"}, [12], False),  # read as its text
        ("ExpectColumnValuesToNotMatchRegex", {"column": "c", "regex": "(?i)unknown"}, ["1960", None], False),
        ("ExpectColumnValuesToNotMatchRegex", {"column": "c", "regex": "(?i)unknown"}, ["1960", "UNKNOWN"], True),
        ("ExpectColumnValuesToBeBetween", {"column": "c", "min_value": 1}, [1, 2.5, None], False),
        ("ExpectColumnValuesToBeBetween", {"column": "c", "min_value": 1}, [1, 0], True),
        ("ExpectColumnValuesToBeBetween", {"column": "c", "min_value": 1}, [1, "2"], True),  # GX raises on text
        ("ExpectColumnValuesToBeBetween", {"column": "c", "min_value": 1}, [True], True),  # not screened
        ("ExpectColumnValuesToBeBetween", {"column": "c", "min_value": 1, "strict_min": True}, [2], True),
        ("ExpectColumnValuesToNotBeNull", {"column": "c", "mostly": 0.5}, ["a"], True),  # not screened
        ("ExpectColumnValuesToNotBeNull", {"column": "other"}, ["a"], True),  # no such column: GX reports it
        ("ExpectColumnValuesToBeNull", {"column": "c"}, [None], True),  # a kind it does not know
        ("ExpectColumnValuesToMatchRegex", {"column": "c", "regex": "("}, ["a"], True),  # an error: GX reports it
    ],
)
def test_the_screen_clears_only_what_cannot_fail(kind, arguments, values, expected):
    assert could_fail(_frame(values), kind, arguments) is expected


def _outside_bounds_one_by_one(values: list[object], low: object, high: object) -> bool:
    """The bounds screen as a loop over the non-null values (the plain way the column-wise one replaces)."""
    for value in (v for v in values if not pd.isna(v)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return True
        if (low is not None and not value >= low) or (high is not None and not value <= high):
            return True
    return False


_CELLS = st.one_of(
    st.none(),
    st.integers(min_value=-12, max_value=12),  # on and about the bounds
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=3),
    st.integers(min_value=-5, max_value=5).map(np.int64),
)
_BOUNDS = st.one_of(st.none(), st.integers(min_value=-10, max_value=10), st.floats(-10, 10))


@given(values=st.lists(_CELLS, max_size=8), low=_BOUNDS, high=_BOUNDS)
@settings(max_examples=300, deadline=None)
def test_the_bounds_screen_decides_as_a_test_of_each_value(values, low, high):
    arguments = {"column": "c", "min_value": low, "max_value": high}
    frame = pd.DataFrame({"c": pd.Series(values, dtype=object)})
    assert could_fail(frame, "ExpectColumnValuesToBeBetween", arguments) is _outside_bounds_one_by_one(values, low, high)


def test_compound_keys_repeated_could_fail():
    frame = _plain(pd.DataFrame({"a": ["x", "x", "y"], "b": ["1", "2", "1"]}))
    assert not could_fail(frame, "ExpectCompoundColumnsToBeUnique", {"column_list": ["a", "b"]})
    assert could_fail(frame, "ExpectCompoundColumnsToBeUnique", {"column_list": ["a"]})


def test_on_the_seeds_great_expectations_is_given_only_the_unknown_date(cleaned):
    """The seeds' one failing expectation: the "Unknown" date cell of diplomatic_relations (its
    finding is in the committed package). Every other expectation is cleared by pandas."""
    plain = {name: _plain(frame) for name, frame in cleaned.items() if name in BY_NAME and name != "quality_findings"}
    sent = [
        (name, kind, arguments.get("column"))
        for name, frame in plain.items()
        for _, kind, arguments in expectation_specs(BY_NAME[name])
        if could_fail(frame, kind, arguments)
    ]
    assert sent == [("diplomatic_relations", "ExpectColumnValuesToNotMatchRegex", "established_raw")]


def _broken(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with a value breaking each of its table's expectations, each on its own row where
    the table has enough (null, repeated, outside the set or the pattern, below the minimum)."""
    broken = frame.copy().astype(object)
    for number, (_, kind, arguments) in enumerate(expectation_specs(BY_NAME[name])):
        row = broken.index[number % len(broken)]
        other = broken.index[(number + 1) % len(broken)]
        column = arguments.get("column")
        if kind == "ExpectColumnValuesToNotBeNull":
            broken.at[row, column] = None
        elif kind == "ExpectColumnValuesToBeUnique":
            broken.at[other, column] = broken.at[row, column]
        elif kind == "ExpectCompoundColumnsToBeUnique":
            for key in arguments["column_list"]:
                broken.at[other, key] = broken.at[row, key]
        elif kind == "ExpectColumnValuesToBeBetween":
            broken.at[row, column] = arguments["min_value"] - 1
        elif kind in ("ExpectColumnValuesToBeInSet", "ExpectColumnValuesToMatchRegex"):
            broken.at[row, column] = "<not & one>"
        elif kind == "ExpectColumnValuesToNotMatchRegex":
            broken.at[row, column] = "Unknown"
    return broken


@pytest.fixture(scope="module")
def broken(cleaned: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The seeds' tables (of more than one row) with a value breaking each of their expectations."""
    return {name: _broken(name, frame) for name, frame in cleaned.items() if name in BY_NAME and len(frame) > 1}


def _kinds(findings: list) -> set[str]:
    """The kinds of expectation the schema findings say are broken ("... breaks KIND on ...")."""
    return {f.message.split(" breaks ", 1)[1].split(" on ")[0] for f in findings if f.check == "schema"}


@pytest.fixture(scope="module")
def screened(broken: dict[str, pd.DataFrame]) -> tuple[list, list]:
    """What a build without Data Docs finds on the broken tables (`run_suites`, Great Expectations
    given what the screen sends), and what it was given: (findings, [(table, columns, expectations)])."""
    from pipeline.validate import expectations

    given: list = []
    real = expectations.run_screened
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(expectations, "run_screened", lambda screened: given.extend(screened) or real(screened))
        return run_suites(broken), given


@pytest.mark.slow
@pytest.mark.expectations
def test_screened_suites_find_what_every_expectation_finds(broken, screened):
    """Tables breaking every expectation some way: Great Expectations given only what the screen
    sends finds the same as Great Expectations running every expectation. Every expectation runs
    once: those the screen sends (the build's run, `screened`), and every one it did not send,
    given to Great Expectations here: none of those fails, so running every expectation finds
    just the screened run's findings (each expectation is decided on its own columns; a finding
    reads those, the key and `partner`, which the screen sends). (The suites `run_suites` runs
    with Data Docs; the Data Docs themselves: the next test.)"""
    from pipeline.validate import expectations

    found, given = screened
    sent = {name: specs for name, _, specs in given}
    cleared = [
        (name, frame, [spec for spec in expectation_specs(BY_NAME[name]) if spec not in sent.get(name, [])])
        for name, frame in broken.items()
    ]
    assert [spec for _, _, specs in cleared for spec in specs]  # the screen clears some (a null broken and mended)
    assert expectations.run_screened([item for item in cleared if item[2]]) == []  # none of those fails
    assert _kinds(found) == {
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_be_unique",
        "expect_compound_columns_to_be_unique",
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_match_regex",
        "expect_column_values_to_be_between",
    }
    assert any(finding.check == "unknown_date" for finding in found)


@pytest.mark.slow
@pytest.mark.expectations
def test_with_data_docs_every_expectation_runs_and_finds_what_the_screened_suites_find(broken, screened, tmp_path):
    """With Data Docs, Great Expectations runs every expectation (pass or fail first, then the
    failed ones with their rows) and writes the HTML: the same findings as the screened suites
    (`screened`: the build's run on every broken table; `run_suites` checks each table on its
    own), on two of the broken tables that break every kind of expectation between them (the
    compound key is event_partners'; the unknown date, diplomatic_relations'). The previous
    test shows the screened suites find what every expectation finds, on every table."""
    tables = {name: broken[name] for name in ("diplomatic_relations", "event_partners")}
    everything = run_suites(tables, data_docs=tmp_path / "data_docs")
    assert everything == [finding for finding in screened[0] if finding.resource in tables]
    assert len(_kinds(everything)) == 6 and any(finding.check == "unknown_date" for finding in everything)
    assert (tmp_path / "data_docs" / "index.html").is_file()


def _recording(calls: list):
    """A stand-in for the suites that records where it was asked to write Data Docs."""

    def run_suites(tables, data_docs=None):
        calls.append(data_docs)
        if data_docs is not None:
            (data_docs / "index.html").write_text("docs", encoding="utf-8")
        return []

    return run_suites


def test_build_writes_data_docs_only_when_asked_and_validate_by_default(tmp_path, monkeypatch):
    """The options, not the seeds, decide: a one-relation article builds in half the time of the seeds."""
    from pipeline.validate import expectations

    calls: list = []
    monkeypatch.setattr(expectations, "run_suites", _recording(calls))
    seeds, reports = tmp_path / "seeds", tmp_path / "reports"
    seeds.mkdir()
    (seeds / "article.wikitext").write_text(article([("1", "France", "{{dts|20 August 1960}}")]), encoding="utf-8")
    # --jobs 1: the suites run in this process, where `calls` sees them (tests/unit/validate/test_expectations_beside.py
    # shows they are given no Data Docs folder in the process beside either)
    build, validate = (
        ("build", "--seeds", seeds, "--out", tmp_path / "pkg", "--jobs", "1"),
        ("validate", "--seeds", seeds),
    )
    assert pipeline_cli(*build, "--reports", reports).returncode == 0
    assert calls == [None] and not (reports / "data_docs").exists()
    assert pipeline_cli(*build, "--reports", reports, "--data-docs").returncode == 0
    assert (reports / "data_docs" / "index.html").read_text(encoding="utf-8") == "docs"
    (reports / "data_docs" / "index.html").unlink()
    assert pipeline_cli(*validate, "--out", tmp_path / "trial", "--reports", reports).returncode == 0
    assert (reports / "data_docs" / "index.html").read_text(encoding="utf-8") == "docs"
    assert pipeline_cli(*validate, "--out", tmp_path / "trial", "--reports", reports, "--no-data-docs").returncode == 0
    assert calls[-1] is None and len(calls) == 4


@pytest.mark.expectations
def test_an_expectation_great_expectations_cannot_compute_is_an_error_not_a_pass(tmp_path):
    """Great Expectations catches an error computing an expectation's metric (here a pattern
    that does not compile) and reports it under the metric's id, not at the top of the result:
    both ways of running the suites raise it rather than finding nothing."""
    frame = pd.DataFrame({"partner_raw": ["Niger", "Chad"]})
    specs = [("schema", "ExpectColumnValuesToMatchRegex", {"column": "partner_raw", "regex": "("})]
    expected = r"^expectation expect_column_values_to_match_regex .* could not run: missing \), unterminated subpattern"
    with pytest.raises(RuntimeError, match=expected):
        run_screened([("diplomatic_relations", frame, specs)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("pipeline.validate.expectations.expectation_specs", lambda table: specs)
        with pytest.raises(RuntimeError, match=expected):
            run_suites({"diplomatic_relations": frame}, data_docs=tmp_path / "data_docs")
