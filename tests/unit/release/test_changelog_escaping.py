"""The changelog (pipeline/release/): row keys escaped, values quoted as code and capped, a
manifest date unable to add a heading."""

from __future__ import annotations


def test_changelog_lines_escape_keys_and_quote_values():
    from pipeline.release.versioning import PackageDiff, TableDiff, describe

    table = TableDiff(
        "diplomatic_relations",
        added=["MLI/162", "MLI/9\n# Owned|<b>"],
        changed=[
            ("MLI/16", [("established_raw", "Unknown", "1960 <script>x</script> `a`"), ("partner_iso3", "", "MAR")]),
            ("MLI/17", [("partner", "Côte d'Ivoire", "Côte  d'Ivoire\u200b")]),
        ],
    )
    assert describe(PackageDiff([table])) == [
        "- `diplomatic_relations` (minor):",
        "  - 2 rows added: MLI/162, MLI/9 \\# Owned\\|\\<b\\>",
        "  - 2 rows changed:",
        "    - MLI/16: established_raw `Unknown` -> `` 1960 <script>x</script> `a` ``; partner_iso3 (empty) -> `MAR`",
        "    - MLI/17: partner `Côte d'Ivoire` -> `Côte d'Ivoire` (they differ in spacing or invisible characters)",
    ]


def test_a_ten_million_character_change_gives_a_short_changelog():
    from pipeline.release.versioning import PackageDiff, TableDiff, describe

    table = TableDiff("events", changed=[("MLI/1", [("text", "short", "x" * 10_000_000)])])
    lines = describe(PackageDiff([table]))
    assert lines[-1] == "    - MLI/1: text `short` -> `" + "x" * 200 + "`… (10,000,000 characters)"
    assert len("\n".join(lines)) < 400


def test_a_manifest_date_cannot_add_a_changelog_heading():
    from pipeline.release.stage import HEADER, _with_entry

    changelog = _with_entry(HEADER, "1.0.1", "2025\n# Owned", ["- No changes."])
    assert changelog.endswith("\n## 1.0.1 (2025 \\# Owned)\n\n- No changes.\n")
    assert _with_entry(HEADER, "1.0.1", "2025-04-01", ["- x"]).endswith("\n## 1.0.1 (2025-04-01)\n\n- x\n")
