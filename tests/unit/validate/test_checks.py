"""Quality checks: the seed's known problems are found on the right rows, and small
broken inputs give exactly the findings they should."""

from __future__ import annotations

import pytest

from tests.helpers import pipeline_cli, snapshot
from tests.helpers.articles import article, findings_for


def test_duplicated_row_number(tmp_path):
    text = article(
        [
            ("1", "France", "{{dts|20 August 1960}}"),
            ("2", "Ghana", "{{dts|14 October 1960}}"),
            ("2", "Liberia", "{{dts|14 October 1960}}"),
        ]
    )
    assert findings_for(tmp_path, text) == [  # Ghana and Liberia both print 2
        ("duplicate_row_number", "error", "diplomatic_relations", "MLI/relation/GHA", "row_number", "2"),
        ("duplicate_row_number", "error", "diplomatic_relations", "MLI/relation/LBR", "row_number", "2"),
    ]


def test_gap_in_numbering(tmp_path):
    text = article([("1", "France", "{{dts|20 August 1960}}"), ("3", "Ghana", "{{dts|14 October 1960}}")])
    assert findings_for(tmp_path, text) == [
        ("row_number_gap", "warning", "diplomatic_relations", "MLI", "row_number", "2")
    ]


def test_each_article_is_checked_on_its_own_numbering_and_missions(tmp_path):
    """Two articles in one seed folder: numbers restart at 1 in each, and both may state the
    same mission; only each article's own duplicate and gap are findings."""
    note = "France is accredited to Mali from its embassy in Dakar."
    mali = article(
        [
            ("1", "France", "{{dts|20 August 1960}}"),
            ("2", "Ghana", "{{dts|14 October 1960}}"),
            ("2", "Liberia", "{{dts|14 October 1960}}"),
            ("4", "Togo", "{{dts|14 October 1960}}"),
        ],
        [("France", "20 August 1960", note)],
    )
    niger = mali.replace("Foreign relations of Mali", "Foreign relations of Niger")
    assert findings_for(tmp_path, mali, {"niger.wikitext": niger}) == [
        ("duplicate_row_number", "error", "diplomatic_relations", "MLI/relation/GHA", "row_number", "2"),
        ("duplicate_row_number", "error", "diplomatic_relations", "MLI/relation/LBR", "row_number", "2"),
        ("duplicate_row_number", "error", "diplomatic_relations", "NER/relation/GHA", "row_number", "2"),
        ("duplicate_row_number", "error", "diplomatic_relations", "NER/relation/LBR", "row_number", "2"),
        ("row_number_gap", "warning", "diplomatic_relations", "MLI", "row_number", "3"),
        ("row_number_gap", "warning", "diplomatic_relations", "NER", "row_number", "3"),
    ]


def test_each_subject_is_checked_against_its_own_independence(tmp_path):
    """The shipped table (pipeline/validate/independence.csv) gives Niger 1960-08-03 and Mali
    1960-06-20: a relation dated 1 August 1960 is before Niger's independence, not Mali's. China's
    row names only dates B.C. (the Factbook's "221 B.C."): a note, and its dates are not checked."""
    mali = article([("1", "France", "{{dts|1 August 1960}}")])
    others = {
        "niger.wikitext": mali.replace("Foreign relations of Mali", "Foreign relations of Niger"),
        "china.wikitext": mali.replace("Foreign relations of Mali", "Foreign relations of China"),
    }
    assert findings_for(tmp_path, mali, others) == [
        ("date_out_of_range", "error", "diplomatic_relations", "NER/relation/FRA", "established", "1960-08-01"),
        ("unchecked_independence", "info", "diplomatic_relations", "CHN", "established", None),
    ]


@pytest.mark.slow
@pytest.mark.expectations
def test_unknown_date(tmp_path):
    text = article([("1", "France", "{{dts|20 August 1960}}"), ("2", "Uruguay", "Unknown")])
    assert findings_for(tmp_path, text, expectations=True) == [
        ("unknown_date", "warning", "diplomatic_relations", "MLI/relation/URY", "established_raw", "Unknown"),
    ]


def test_unreadable_and_impossible_dates(tmp_path):
    text = article(
        [("1", "France", "31 February 1961"), ("2", "Ghana", "Spring 1962"), ("3", "Togo", "{{dts|1 May 1959}}")]
    )
    assert findings_for(tmp_path, text) == [
        ("date_out_of_range", "error", "diplomatic_relations", "MLI/relation/TGO", "established", "1959-05-01"),
        (
            "unparseable_date",
            "error",
            "diplomatic_relations",
            "MLI/relation/FRA",
            "established_raw",
            "31 February 1961",
        ),
        ("unparseable_date", "error", "diplomatic_relations", "MLI/relation/GHA", "established_raw", "Spring 1962"),
    ]


def test_number_order_against_date_order(tmp_path):
    text = article([("1", "France", "{{dts|20 August 1962}}"), ("2", "Ghana", "{{dts|14 October 1960}}")])
    assert findings_for(tmp_path, text) == [
        ("date_order", "warning", "diplomatic_relations", "MLI/relation/GHA", "established", "1960-10-14")
    ]


def test_bilateral_table_disagreeing_with_the_list(tmp_path):
    text = article(
        [("1", "France", "{{dts|20 August 1960}}"), ("2", "Ukraine (severed)", "{{dts|5 November 1992}}")],
        [("France", "21 August 1960", "Both."), ("Ukraine", "5 November 1992", "Both.")],
    )
    assert findings_for(tmp_path, text) == [
        ("tables_disagree", "error", "bilateral_relations", "MLI/bilateral/FRA", "established", "1960-08-21"),
        ("tables_disagree", "error", "bilateral_relations", "MLI/bilateral/UKR", "severed", None),
    ]


def test_named_reference_used_but_never_defined(tmp_path):
    text = article([("1", "France", '{{dts|20 August 1960}}<ref name="lost" />')])
    assert findings_for(tmp_path, text) == [
        ("undefined_reference", "error", "article_references", "article/reference/lost", "name", "lost")
    ]


def test_reference_problems(tmp_path):
    refs = (
        "<ref>{{cite web |url=htp//broken |title=A |date=someday |access-date=sometime}}</ref>"
        "<ref>{{cite web |url=https://gone.example.org/x |title=B |url-status=dead}}</ref>"
    )
    text = article([("1", "France", "{{dts|20 August 1960}}")], prose=refs)
    found = findings_for(tmp_path, text)
    assert [(check, field, value) for check, _, _, _, field, value in found] == [
        ("dead_url", "url_status", "dead"),
        ("malformed_url", "url", "htp//broken"),
        ("unparseable_access_date", "access_date_raw", "sometime"),
        ("unparseable_reference_date", "date_raw", "someday"),
    ]


def test_formula_like_cell_is_flagged_and_kept(tmp_path):
    text = article([("1", "France", "{{dts|20 August 1960}}")], [("France", "20 August 1960", "=HYPERLINK(x)")])
    found = findings_for(tmp_path, text)
    assert (
        "formula_like_cell",
        "warning",
        "bilateral_relations",
        "MLI/bilateral/FRA",
        "notes",
        "=HYPERLINK(x)",
    ) in found
    assert (
        "formula_like_cell",
        "warning",
        "bilateral_relations",
        "MLI/bilateral/FRA",
        "notes_raw",
        "=HYPERLINK(x)",
    ) in found


def test_partner_twice_and_partner_without_code(tmp_path):
    text = article(
        [
            ("1", "France", "{{dts|20 August 1960}}"),
            ("2", "France", "{{dts|20 August 1960}}"),
            ("3", "Atlantis", "{{dts|1 May 1961}}"),
        ]
    )
    assert findings_for(tmp_path, text) == [
        ("duplicate_partner", "error", "diplomatic_relations", "MLI/relation/FRA", "partner", "France"),
        ("duplicate_partner", "error", "diplomatic_relations", "MLI/relation/FRA-2", "partner", "France"),
        (
            "partner_without_iso_code",
            "error",
            "diplomatic_relations",
            "MLI/relation/atlantis",
            "partner_iso3",
            "Atlantis",
        ),
    ]


def test_fact_sheet_disagreeing_with_the_article(tmp_path):
    sheet = "The United States established diplomatic relations with Mali in 1961, following its independence.\n"
    text = article([("1", "United States", "{{dts|24 September 1960}}")])
    assert findings_for(tmp_path, text, {"sheet.txt": sheet}) == [
        ("fact_sheet_disagrees", "error", "diplomatic_relations", "MLI/relation/USA", "established", "1960-09-24"),
    ]


def test_fact_sheet_agreeing_at_a_coarser_precision_is_fine(tmp_path):
    sheet = "The United States established diplomatic relations with Mali in 1960, following its independence.\n"
    text = article([("1", "United States", "{{dts|24 September 1960}}")])
    assert findings_for(tmp_path, text, {"sheet.txt": sheet}) == []


def test_acknowledging_and_stale_acknowledgements():
    from pipeline.validate.findings import acknowledge, finding

    found = [
        finding("unknown_date", "diplomatic_relations", "MLI/relation/URY", "established_raw", "Unknown", "unknown")
    ]
    entries = [
        {"check": "unknown_date", "row_id": "MLI/relation/URY", "reason": "The source says so."},
        {"check": "duplicate_row_number", "row_id": "MLI/relation/PHL", "reason": "Fixed upstream since."},
    ]
    marked = acknowledge(found, entries)
    assert [(f.check, f.acknowledged, f.acknowledgement) for f in marked] == [
        ("stale_acknowledgement", False, None),
        ("unknown_date", True, "The source says so."),
    ]
    assert marked[0].row_key == "duplicate_row_number/*/MLI/relation/PHL/*"


def test_acknowledgements_apply_per_subject():
    """An entry about Mali (by its row_id, or its `subject`) is neither used nor stale in a build
    without Mali; in a build with Mali, a `subject` entry matches only Mali's rows."""
    from pipeline.validate.findings import acknowledge, finding

    found = [finding("duplicate_row_number", "diplomatic_relations", "NER/relation/GHA", "row_number", "2", "twice")]
    entries = [
        {"check": "duplicate_row_number", "row_id": "MLI/relation/PHL", "reason": "Mali's slip."},
        {"check": "duplicate_row_number", "subject": "MLI", "reason": "Mali's numbering."},
        {"check": "unknown_date", "reason": "Any article's Unknown."},
    ]
    marked = acknowledge(found, entries, {"NER"})
    assert [(f.check, f.row_key, f.acknowledged) for f in marked] == [
        ("duplicate_row_number", "NER/relation/GHA", False),
        ("stale_acknowledgement", "unknown_date/*/*/*", False),
    ]
    marked = acknowledge(found, entries, {"MLI", "NER"})
    assert [(f.check, f.row_key, f.acknowledged) for f in marked] == [
        ("duplicate_row_number", "NER/relation/GHA", False),
        ("stale_acknowledgement", "duplicate_row_number/*/*/*", False),
        ("stale_acknowledgement", "duplicate_row_number/*/MLI/relation/PHL/*", False),
        ("stale_acknowledgement", "unknown_date/*/*/*", False),
    ]


# The real seeds: each problem the issue names, on the right rows (read from the built package).


def seed_findings(tables) -> set[tuple[str, str, str, str]]:
    frame = tables["quality_findings"].fillna("")
    return set(zip(frame["check_name"], frame["resource"], frame["row_id"], frame["acknowledged"], strict=True))


def test_seed_numbering_and_unknown_dates_are_found_and_acknowledged(tables):
    found = seed_findings(tables)
    assert {
        ("duplicate_row_number", "diplomatic_relations", "MLI/relation/AGO", "true"),  # Angola, 124
        ("duplicate_row_number", "diplomatic_relations", "MLI/relation/PHL", "true"),  # Philippines, 124
        ("row_number_gap", "diplomatic_relations", "MLI", "true"),  # 125
        ("unknown_date", "diplomatic_relations", "MLI/relation/IRL", "true"),  # Ireland
        ("unknown_date", "diplomatic_relations", "MLI/relation/URY", "true"),  # Uruguay
    } <= found
    gap = tables["quality_findings"][tables["quality_findings"]["check_name"] == "row_number_gap"]
    assert list(gap["value"]) == ["125"]


def test_seed_maintenance_tags(tables):
    found = seed_findings(tables)
    assert ("maintenance_tag", "bilateral_relations", "MLI/bilateral/GBR", "true") in found
    assert ("cites_tagged_reference", "diplomatic_relations", "MLI/relation/GBR", "true") in found  # UK in the list
    assert ("maintenance_tag", "sources", "foreign-relations-of-mali", "false") in found  # {{more citations needed}}


def test_seed_successor_states(tables):
    frame = tables["quality_findings"]
    successors = frame[(frame["check_name"] == "successor_state") & (frame["resource"] == "diplomatic_relations")]
    relations = tables["diplomatic_relations"].set_index("relation_id")
    partners = [relations.loc[key, "partner"] for key in successors["row_id"]]
    assert sorted(partners) == ["Czech Republic", "Russia", "Serbia", "Vietnam", "Yemen"]


def test_seed_has_no_unacknowledged_errors_and_lists_dead_links(tables):
    frame = tables["quality_findings"]
    assert frame[(frame["severity"] == "error") & (frame["acknowledged"] == "false")].empty
    assert (frame["check_name"] == "dead_url_archived").sum() == 16
    assert (frame["check_name"] == "dead_url").sum() == 0
    assert (frame["check_name"] == "undefined_reference").sum() == 0


def test_report_opens_with_one_actionable_line(built):
    report = (built.parent / "reports" / "quality.md").read_text()
    assert report.split("\n")[0] == (
        "Data quality: 0 errors, 5 warnings, 24 notes, 7 acknowledged source problems; nothing blocks publication."
    )


@pytest.mark.slow
def test_unacknowledged_error_fails_the_build_and_keeps_the_last_package(tmp_path, built):
    import shutil

    out = tmp_path / "datapackage"
    shutil.copytree(built, out)
    before = snapshot(out)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "article.wikitext").write_text(
        article([("1", "France", "{{dts|20 August 1960}}"), ("1", "Ghana", "{{dts|14 October 1960}}")])
    )
    result = pipeline_cli("build", "--seeds", seeds, "--out", out, "--reports", tmp_path / "r", "--jobs", "1")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "Data quality: 2 errors" in result.stderr and "duplicate_row_number" in result.stderr
    assert "checks/acknowledged.toml" in result.stderr
    assert snapshot(out) == before
    assert (tmp_path / "r" / "quality.md").read_text().startswith("Data quality: 2 errors")


def test_a_url_urllib_refuses_is_a_malformed_url_finding_not_a_crash(tmp_path):
    # urllib raises ValueError("Invalid IPv6 URL") on an unclosed "[" in the host: the check
    # ran it unguarded, and the whole build stopped with a traceback
    refs = "<ref>{{cite web |url=http://[2001:db8::1/page |title=A}}</ref>"
    text = article([("1", "France", "{{dts|20 August 1960}}")], prose=refs)
    found = findings_for(tmp_path, text)
    assert [(check, field, value) for check, _, _, _, field, value in found] == [
        ("malformed_url", "url", "http://[2001:db8::1/page"),
    ]
