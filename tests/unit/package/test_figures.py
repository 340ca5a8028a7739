"""The package's pictures: numbers from the tables, alt text that states them, escaped seed
text, the same bytes from the same rows, and listed in the descriptor as the package's own."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from pipeline.package.figures import Change, package_figures, relation_changes

SVG = "{http://www.w3.org/2000/svg}"


def relations(*rows: tuple[str, str, str | None, str]) -> pd.DataFrame:
    """A diplomatic_relations table with the columns the pictures read: (partner, status, established, subject)."""
    return pd.DataFrame(
        [
            {"subject": subject, "subject_iso3": subject[:3].upper(), "partner": partner, "partner_iso3": None}
            | {"status": status, "established": established}
            for partner, status, established, subject in rows
        ]
    )


def bilateral(*rows: tuple[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"subject": "Mali", "subject_iso3": "MAL", "partner": p, "partner_iso3": None, "severed": s} for p, s in rows],
        columns=["subject", "subject_iso3", "partner", "partner_iso3", "severed"],
    )


def tables(relation_rows: pd.DataFrame, bilateral_rows: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    return {
        "diplomatic_relations": relation_rows,
        "bilateral_relations": bilateral() if bilateral_rows is None else bilateral_rows,
    }


def test_relations_per_decade_counts_each_decade_between_the_first_and_last():
    rows = relations(
        ("France", "active", "1960-06-20", "Mali"),
        ("Ghana", "active", "1961", "Mali"),
        ("Chad", "active", "1969-12", "Mali"),
        ("Peru", "active", "1985", "Mali"),
        ("Fiji", "active", None, "Mali"),
    )
    decades = package_figures(tables(rows))[0]
    assert decades.path == "figures/relations_per_decade.svg"
    assert decades.alt == (
        "Bar chart: relations established per decade. Mali: 1960s: 3, 1970s: 0, 1980s: 1; 1 with no readable date."
    )
    bars = [rect.findtext(f"{SVG}title") for rect in ET.fromstring(decades.svg).iter(f"{SVG}rect")]
    assert [bar for bar in bars if bar] == ["1960s: 3", "1970s: 0", "1980s: 1"]


def test_a_severance_is_dated_by_the_bilateral_table_and_a_suspension_without_date_stays_undated():
    rows = relations(
        ("Ukraine", "severed", "1992-11-05", "Mali"),
        ("Israel", "suspended", "1960-11-27", "Mali"),
        ("Peru", "active", "1985", "Mali"),
    )
    both = tables(rows, bilateral(("Ukraine", "2024-08-04"), ("Narnia", "1999"), ("Peru", None)))
    assert relation_changes(both) == [
        Change("Mali", "Narnia", "severed", "1999"),  # the bilateral table alone says so
        Change("Mali", "Ukraine", "severed", "2024-08-04"),
        Change("Mali", "Israel", "suspended", None),
    ]
    timeline = package_figures(both)[1]
    # years drawn: 1960 (first establishment) to 2024 (last change), in whole decades
    assert timeline.alt == (
        "Timeline, 1960–2029: relations established each year; suspensions, severances, restorations. "
        "Mali: 3 established between 1960 and 1992, most in 1960 (1); suspended: Israel (date not given); "
        "severed: Narnia (1999), Ukraine (2024-08-04)."
    )
    texts = [t.text for t in ET.fromstring(timeline.svg).iter(f"{SVG}text")]
    assert "Ukraine (2024-08-04)" in texts and "suspended, date not given: Israel" in texts


def test_one_panel_per_subject_up_to_six_then_one_summary():
    six = relations(
        *[("France", "active", "1960", name) for name in ("Mali", "Chad", "Niger", "Togo", "Benin", "Ghana")]
    )
    alt = package_figures(tables(six))[0].alt
    assert (
        alt.split(". ", 1)[1]
        == "Benin: 1960s: 1. Chad: 1960s: 1. Ghana: 1960s: 1. Mali: 1960s: 1. Niger: 1960s: 1. Togo: 1960s: 1."
    )
    seven = relations(
        *[("France", "active", "1960", s) for s in ("Mali", "Chad", "Niger", "Togo", "Benin", "Ghana", "Egypt")]
    )
    assert package_figures(tables(seven))[0].alt.endswith("All 7 subjects: 1960s: 7.")


def test_seed_text_in_a_picture_is_escaped_and_stays_well_formed():
    hostile = '<script>alert("x")</script> & \x01\u202e'
    rows = relations((hostile, "severed", "1970", "Mali"))
    timeline = package_figures(tables(rows, bilateral((hostile, "1980-02"))))[1].svg
    assert "<script" not in timeline
    root = ET.fromstring(timeline)  # a control character or a bare & would make this raise
    assert not list(root.iter(f"{SVG}script"))
    assert '<script>alert("x")</script> & (1980-02)' in [t.text for t in root.iter(f"{SVG}text")]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; (1980-02)" in timeline


def test_the_same_rows_in_any_order_give_the_same_bytes():
    rows = relations(
        ("France", "active", "1960-06-20", "Mali"),
        ("Ukraine", "severed", "1992", "Mali"),
        ("Israel", "suspended", "1960", "Mali"),
        ("Chad", "active", "1960", "Niger"),
    )
    first = [f.svg for f in package_figures(tables(rows))]
    again = [f.svg for f in package_figures(tables(rows.iloc[::-1].reset_index(drop=True)))]
    assert first == again


def test_the_built_package_lists_shows_and_owns_its_pictures(built: Path):
    from pipeline.outputs import package_owned

    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    paths = [figure["path"] for figure in descriptor["figures"]]
    assert paths == ["figures/relations_per_decade.svg", "figures/relation_timeline.svg"]
    assert all((built / path).read_text(encoding="utf-8").startswith("<svg ") for path in paths)
    readme = (built / "README.md").read_text(encoding="utf-8")
    # the seed's list: 161 rows, 2 with "Unknown" dates; 67 dated 1960-1969, ..., 5 dated 2020 or later
    assert (
        "![Bar chart: relations established per decade. Mali: 1960s: 67, 1970s: 20, 1980s: 17, 1990s: 22, "
        "2000s: 17, 2010s: 11, 2020s: 5; 2 with no readable date.](figures/relations_per_decade.svg)"
    ) in readme
    assert (
        "suspended: Israel (date not given); severed: Ukraine (2024-08-04).](figures/relation_timeline.svg)" in readme
    )
    assert package_owned(built) is None


def test_a_file_of_yours_among_the_pictures_makes_the_package_not_ours(built: Path, tmp_path: Path):
    import shutil

    from pipeline.outputs import package_owned

    copy = tmp_path / "package"
    shutil.copytree(built, copy)
    (copy / "figures" / "mine.svg").write_text("<svg/>", encoding="utf-8")
    assert package_owned(copy) == "figures/mine.svg"


def test_the_timeline_has_a_count_axis_and_its_legend_lists_only_what_is_plotted():
    rows = relations(
        *[(f"P{n}", "active", "1960", "Mali") for n in range(14)],
        ("Peru", "active", "1985", "Mali"),
        ("Israel", "suspended", "1961", "Mali"),
        ("Ukraine", "severed", "1992", "Mali"),
    )
    root = ET.fromstring(package_figures(tables(rows, bilateral(("Ukraine", "2024-08-04"))))[1].svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    # legend: established and severed (Ukraine, dated); the suspension has no date, so it is only written out
    legend = texts[1:3]
    assert legend == ["established", "severed"] and "suspended" not in texts[:4]
    assert "suspended, date not given: Israel" in texts
    # the y-axis: 0, half and the tallest year's count (1960: 14 relations)
    assert [t for t in texts if t in {"0", "7", "14"}] == ["0", "7", "14"]
    heights = {r.findtext(f"{SVG}title"): float(r.get("height")) for r in root.iter(f"{SVG}rect")}
    assert heights["1960: 14"] == 84.0
    assert heights["1985: 1"] == 6.0  # one relation: 84 / 14 px, not 36 / 14 = 2.6
