"""Dates against the newest date known for their source (retrieved, revision_not_before,
SOURCE_DATE_EPOCH): a date after it is an error, a source with no date known says it is unchecked."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.helpers import pipeline_cli
from tests.helpers.articles import article, date_findings_for

# Dates against the newest date known for their source.

EPOCH_2025_06_15 = "1749945600"  # 2025-01-01 is 1735689600; + (31+28+31+30+31+14) days of 86400 s


NO_RETRIEVAL = (
    "unchecked_upper_bound",
    "info",
    "sources",
    None,
    "retrieved",
    None,
    "no seed gives a retrieval date: dates are not checked against one",
)


def test_a_date_far_in_the_future_is_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = date_findings_for(
        tmp_path, [("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "{{dts|2999}}")], revision="2025-04"
    )
    assert found == [
        NO_RETRIEVAL,
        (
            "date_out_of_range",
            "error",
            "diplomatic_relations",
            "MLI/relation/GHA",
            "established",
            "2999",
            "Ghana: 2999 is after 2025-04-30 (revision_not_before 2025-04), the newest date known for the source: "
            "a date in the future; correct it, or give the seed's `retrieved` date in seeds/sources.toml",
        ),
    ]


def test_dates_within_the_bound_month_or_year_are_not_in_the_future(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    listing = [
        ("1", "France", "{{dts|20 August 1960}}"),
        ("2", "Ghana", "{{dts|30 April 2025}}"),
        ("3", "Togo", "April 2025"),
        ("4", "Chad", "2025"),
        ("5", "Niger", "{{dts|1 May 2025}}"),
    ]
    found = date_findings_for(tmp_path, listing, revision="2025-04")
    assert [(f[0], f[3], f[5]) for f in found] == [
        ("unchecked_upper_bound", None, None),
        ("date_out_of_range", "MLI/relation/NER", "2025-05-01"),
    ]


def test_the_newest_known_date_is_the_bound(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    listing = [("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "{{dts|2 June 2025}}")]
    assert date_findings_for(tmp_path / "a", listing, retrieved="2025-06-02", revision="2025-04") == []
    found = date_findings_for(tmp_path / "b", listing, retrieved="2025-06-01", revision="2025-04")
    assert found[0][6].startswith("Ghana: 2025-06-02 is after 2025-06-01 (retrieved 2025-06-01),")


def test_source_date_epoch_raises_the_bound_and_never_lowers_it(tmp_path, monkeypatch):
    listing = [
        ("1", "France", "{{dts|20 August 1960}}"),
        ("2", "Ghana", "{{dts|1 May 2025}}"),
        ("3", "Togo", "2025-07"),
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_06_15)
    found = date_findings_for(tmp_path / "a", listing, revision="2025-04")
    assert [(f[0], f[3], f[5]) for f in found] == [
        ("unchecked_upper_bound", None, None),
        ("date_out_of_range", "MLI/relation/TGO", "2025-07"),
    ]
    assert found[1][6].startswith("Togo: 2025-07 is after 2025-06-15 (SOURCE_DATE_EPOCH 2025-06-15),")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    found = date_findings_for(tmp_path / "b", listing, revision="2025-04")
    assert [(f[0], f[3], f[5]) for f in found] == [
        ("unchecked_upper_bound", None, None),
        ("date_out_of_range", "MLI/relation/GHA", "2025-05-01"),
        ("date_out_of_range", "MLI/relation/TGO", "2025-07"),
    ]


def test_a_future_severance_is_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = date_findings_for(
        tmp_path,
        [("1", "Ukraine (severed)", "{{dts|5 November 1992}}")],
        [("Ukraine", "5 November 1992 Diplomatic Severed in 4 August 2999", "Both.")],
        retrieved="2025-05-02",
    )
    assert [(f[0], f[2], f[3], f[4], f[5]) for f in found] == [
        ("date_out_of_range", "bilateral_relations", "MLI/bilateral/UKR", "severed", "2999-08-04"),
    ]


def test_with_no_date_known_the_source_is_not_checked_and_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = date_findings_for(tmp_path, [("1", "France", "{{dts|2999}}")])
    assert found == [
        NO_RETRIEVAL,
        (
            "unchecked_upper_bound",
            "info",
            "sources",
            "article",
            "retrieved",
            None,
            "article: no `retrieved` or `revision_not_before` in seeds/sources.toml and no SOURCE_DATE_EPOCH: "
            "its dates are not checked for being in the future",
        ),
    ]


MANIFEST = """[[source]]
source_id = "article"
path = "article.wikitext"
title = "Foreign relations of Mali"
format = "wikitext"
revision_not_before = "2025-04"
"""


def test_the_cli_refuses_to_publish_a_date_in_the_future(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    text = article([("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "{{dts|2999}}")])
    (seeds / "article.wikitext").write_text(text, encoding="utf-8")
    # conftest leaves SOURCE_DATE_EPOCH unset: the bound is the manifest's revision_not_before
    result = pipeline_cli("validate", "--seeds", seeds, "--out", tmp_path / "out", "--reports", tmp_path / "reports")
    assert result.returncode == 1, result.stderr
    report = json.loads((tmp_path / "reports" / "quality.json").read_text(encoding="utf-8"))
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert [(f["check_name"], f["row_id"], f["field"], f["value"]) for f in errors] == [
        ("date_out_of_range", "MLI/relation/GHA", "established", "2999")
    ]


@pytest.mark.parametrize("epoch", ["²", "1.5", "-1", "99999999999999", "2025-06-15"])
def test_a_malformed_source_date_epoch_stops_the_build(monkeypatch, epoch):
    from pipeline.build_time import source_date_epoch
    from pipeline.errors import InputError
    from pipeline.package.stage import created

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(InputError, match=r"^SOURCE_DATE_EPOCH: '.*' is not a whole number of seconds since 1970-01-01"):
        source_date_epoch()
    with pytest.raises(InputError):
        created(pd.DataFrame({"retrieved": ["2025-04"], "revision_not_before": [None]}))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert source_date_epoch() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_06_15)
    assert str(source_date_epoch()) == "2025-06-15 00:00:00+00:00"
