"""Versions: an edited seed gives the right bump, changelog entry and diff; nothing
changed gives nothing written; releases can be diffed across git history."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.release.versioning import bump, diff_packages, load_package
from tests.helpers import ARTICLE, FACT_SHEET, ROOT, SEEDS, ForkedRun, pipeline_cli, snapshot
from tests.helpers.suites import suites_reused

LAST_ROW = "|- |156 |{{Flag|Uruguay}} |Unknown |}"
# The added row's date is within the manifest's revision_not_before month (a later one would be in the future).
ADDED_ROW = "|- |156 |{{Flag|Uruguay}} |Unknown |- |157 |{{Flag|Tuvalu}} |{{dts|2 April 2025}} |}"
# Morocco is in the list table only: changing its date makes no disagreement with the bilateral table.
MOROCCO, MOROCCO_EDITED = "|{{Flag|Morocco}} |{{dts|10 January 1961}}", "|{{Flag|Morocco}} |{{dts|11 January 1961}}"


def edited_seeds(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of seeds/ whose article has `old` replaced by `new` (once)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "sources.toml", seeds)
    shutil.copy(FACT_SHEET, seeds)
    text = ARTICLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    (seeds / ARTICLE.name).write_text(text.replace(old, new), encoding="utf-8")
    return seeds


def release(seeds: Path, out: Path, version: str | None = None) -> tuple[str, bool]:
    from pipeline.build import release as run

    _, number, written = run(seeds, out, out.parent / "reports", data_docs=False, version=version)
    return number, written


def last_entry(package: Path) -> list[str]:
    """The newest changelog entry's lines."""
    text = (package / "CHANGELOG.md").read_text()
    return text.split("\n## ")[1].strip().split("\n")


@pytest.fixture
def last_release(built: Path, tmp_path: Path) -> Path:
    """A copy of the release built from the seeds (version 1.0.0)."""
    out = tmp_path / "datapackage"
    shutil.copytree(built, out)
    return out


@pytest.fixture(scope="module")
def added_release(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release after the seeds' with one relation added (Tuvalu), for tests that only read it."""
    folder = tmp_path_factory.mktemp("added")
    out = folder / "datapackage"
    shutil.copytree(built, out)
    with suites_reused():
        assert release(edited_seeds(folder, LAST_ROW, ADDED_ROW), out) == ("1.1.0", True)
    return out


def test_first_release_has_its_changelog_entry(built, tables):
    counts = ", ".join(f"{len(tables[name])} rows in `{name}`" for name in tables)
    assert last_entry(built) == ["1.0.0 (2025-04-01)", "", f"- First release: {counts}."]
    assert counts.startswith(
        "2 rows in `sources`, 161 rows in `diplomatic_relations`, 34 rows in `bilateral_relations`"
    )


def test_nothing_changed_writes_nothing(last_release):
    before = {p: p.stat().st_mtime_ns for p in last_release.rglob("*")}
    assert release(SEEDS, last_release) == ("1.0.0", False)
    assert {p: p.stat().st_mtime_ns for p in last_release.rglob("*")} == before


def test_added_row_is_a_minor_release(added_release):
    entry = last_entry(added_release)
    assert entry[0] == "1.1.0 (2025-04-01)"
    assert "- `diplomatic_relations` (minor):" in entry
    assert "  - 1 rows added: MLI/relation/TUV" in entry  # Tuvalu
    assert "- `sources` (patch):" in entry
    assert json.loads((added_release / "datapackage.json").read_text())["version"] == "1.1.0"
    assert (added_release / "CHANGELOG.md").read_text().count("\n## ") == 2  # the 1.0.0 entry is kept


def test_renamed_field_is_a_major_change(built, tmp_path):
    renamed = tmp_path / "renamed"
    shutil.copytree(built, renamed)
    descriptor = json.loads((renamed / "datapackage.json").read_text())
    relations = next(r for r in descriptor["resources"] if r["name"] == "diplomatic_relations")
    partner = next(f for f in relations["schema"]["fields"] if f["name"] == "partner")
    partner["name"] = "partner_name"
    (renamed / "datapackage.json").write_text(json.dumps(descriptor))
    csv_path = renamed / "data" / "diplomatic_relations.csv"
    header, rest = csv_path.read_text().split("\n", 1)
    csv_path.write_text(header.replace(",partner,", ",partner_name,") + "\n" + rest)
    diff = diff_packages(load_package(built), load_package(renamed))
    assert diff.level == "major"
    assert bump("1.0.0", diff.level) == "2.0.0"
    assert [words for _, words in diff.tables[0].schema_changes] == ["field `partner` renamed to `partner_name`"]
    assert diff.tables[0].changed == []  # the values are compared under the new name


def test_renamed_resource_is_a_major_change_named_as_a_rename(built, tmp_path):
    renamed = tmp_path / "renamed"
    shutil.copytree(built, renamed)
    descriptor = json.loads((renamed / "datapackage.json").read_text())
    resource = next(r for r in descriptor["resources"] if r["name"] == "memberships")
    resource["name"], resource["path"] = "organisation_memberships", "data/organisation_memberships.csv"
    (renamed / "data" / "memberships.csv").rename(renamed / "data" / "organisation_memberships.csv")
    (renamed / "datapackage.json").write_text(json.dumps(descriptor))
    diff = diff_packages(load_package(built), load_package(renamed))
    assert [(t.name, t.schema_changes, t.added, t.removed, t.changed) for t in diff.tables] == [
        ("organisation_memberships", [("major", "resource renamed from `memberships`")], [], [], [])
    ]
    assert diff.level == "major"


@pytest.mark.slow
def test_forced_version_never_goes_backwards(last_release, tmp_path):
    from pipeline.errors import InputError

    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(InputError, match=r"does not come after the last release 1\.0\.0"):
        release(tmp_path / "seeds not read", last_release, version="0.9.0")  # refused before the seeds are read
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written, no reports
    seeds = edited_seeds(tmp_path, MOROCCO, MOROCCO_EDITED)
    with pytest.raises(InputError, match=r"does not come after the last release 1\.0\.0"):
        release(seeds, last_release, version="1.0.0")  # the data changed: a version equal to the last is refused too
    assert release(seeds, last_release, version="1.5.0") == ("1.5.0", True)


def cli_diff(*args: str) -> subprocess.CompletedProcess:
    return pipeline_cli("diff", *args, cwd=ROOT)


def test_diff_command_exit_codes_and_json(built, last_release, added_release, tmp_path):
    same = cli_diff(str(built), str(last_release / "datapackage.json"))
    assert (same.returncode, same.stdout.splitlines()[-1]) == (0, "- No changes.")
    different = cli_diff(str(built), str(added_release), "--json")
    assert different.returncode == 1
    report = json.loads(different.stdout)
    assert report["level"] == "minor"
    assert next(t for t in report["tables"] if t["name"] == "diplomatic_relations")["added"] == [
        "MLI/relation/TUV"
    ]  # the row added: Tuvalu
    broken = cli_diff(str(built), str(tmp_path / "nowhere"))
    assert broken.returncode == 2 and broken.stderr.startswith("error: ") and "Traceback" not in broken.stderr


def test_diff_against_the_package_of_an_earlier_commit(tmp_path, built):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "HEAD", "datapackage/"], capture_output=True, text=True, cwd=ROOT
    )
    if listed.returncode != 0 or not listed.stdout.strip():
        pytest.skip("no committed datapackage/ in HEAD")
    for name in listed.stdout.split():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(
            subprocess.run(["git", "show", f"HEAD:{name}"], capture_output=True, cwd=ROOT, check=True).stdout
        )
    # The committed package is what the code builds (another test says so): its data and schemas
    # are those of a fresh build; only the version and changelog differ, which diff does not count.
    result = cli_diff(str(tmp_path / "datapackage"), str(built))
    assert (result.returncode, result.stdout) == (
        0,
        f"{tmp_path / 'datapackage'} -> {built}: none change\n- No changes.\n",
    )


def _in_another_time_zone_and_locale() -> None:
    """Run in the forked build first: the checkout as working folder (`make datapackage`'s), a
    time zone far from UTC and the C.UTF-8 locale, as a fresh interpreter would take them from
    its environment (and in every locale category, not only LC_CTYPE)."""
    import locale
    import time

    os.chdir(ROOT)
    os.environ.update({"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    time.tzset()
    locale.setlocale(locale.LC_ALL, "")


@pytest.mark.slow
@pytest.mark.expectations  # the suites run afresh in the forked build: every check for real
def test_committed_package_is_what_the_code_builds_in_any_time_zone_locale_and_hash_seed(built, tmp_path):
    """The one end-to-end build: `pipeline build` as `make datapackage` runs it (default seeds,
    --jobs, no Data Docs: tests/test_expectation_screen.py), every check run for real, over a
    copy of the committed package; in a time zone and locale unlike those of the build that made
    the committed package (and of `built`), and with another hash seed (a forked test process:
    its hash seed is its own, never that of the `make` that built the committed package; a
    fresh interpreter would cost seconds of imports). Same bytes, so nothing is written."""
    out, reports = tmp_path / "datapackage", tmp_path / "reports"
    shutil.copytree(ROOT / "datapackage", out)
    command = ("build", "--out", out, "--reports", reports)
    result = ForkedRun(*command, pool=True, before=_in_another_time_zone_and_locale).result()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"unchanged: {out} version "), (
        "datapackage/ is not what the code builds: if `make datapackage` and a commit do not mend it, "
        "the build depends on the time zone, locale or hash seed"
    )
    assert snapshot(out) == snapshot(ROOT / "datapackage")
    assert snapshot(out / "data") == snapshot(built / "data")
    assert sorted(path.name for path in reports.iterdir()) == [
        ".pipeline-output",  # the marker that makes the folder the pipeline's
        "quality.html",
        "quality.json",
        "quality.md",
        "quality.svg",
    ]


@pytest.mark.slow
def test_a_revision_that_clears_findings_is_not_a_major_release(last_release, tmp_path):
    """One relation added and two corrected (Philippines numbered 125, Uruguay given a date):
    the duplicate-number, gap and unknown-date findings disappear (their acknowledgements
    become stale warnings). Findings are a report about the data: a minor release, not major."""
    revised = "|- |156 |{{Flag|Uruguay}} |{{dts|2 May 1961}} |- |157 |{{Flag|Tuvalu}} |{{dts|2 April 2025}} |}"
    seeds = edited_seeds(tmp_path, LAST_ROW, revised)
    article = seeds / ARTICLE.name
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("|124 |{{Flag|Philippines}}", "|125 |{{Flag|Philippines}}"), encoding="utf-8")
    assert release(seeds, last_release) == ("1.1.0", True)
    entry = last_entry(last_release)
    assert "- `diplomatic_relations` (minor):" in entry
    findings = entry[entry.index("- `quality_findings` (patch):") + 1 :]
    assert findings[0].startswith(
        "  - 5 rows added: date_order/diplomatic_relations/MLI/relation/URY/established/1961-05-02, "
    )
    assert findings[0].count("stale_acknowledgement/checks/acknowledged.toml/") == 4
    assert findings[1] == (
        "  - 4 rows removed: duplicate_row_number/diplomatic_relations/MLI/relation/AGO/row_number/124, "
        "duplicate_row_number/diplomatic_relations/MLI/relation/PHL/row_number/124, "
        "row_number_gap/diplomatic_relations/MLI/row_number/125, "
        "unknown_date/diplomatic_relations/MLI/relation/URY/established_raw/Unknown"
    )


def test_a_first_release_refuses_a_version_that_is_not_semantic(tmp_path):
    from pipeline.errors import InputError

    with pytest.raises(InputError, match=r"'banana' is not a semantic version MAJOR\.MINOR\.PATCH"):
        release(SEEDS, tmp_path / "datapackage", version="banana")
    assert not (tmp_path / "datapackage").exists()


EPOCH_2026_01_02 = "1767312000"  # 2026-01-02T00:00:00Z


@pytest.mark.slow
def test_a_changed_date_is_a_patch_release_dated_by_source_date_epoch_and_a_newer_epoch_alone_makes_none(
    last_release, tmp_path, monkeypatch
):
    """One release for two tests that made the same one (the changed date's, and the epoch's)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026_01_02)
    before = snapshot(last_release)
    assert release(SEEDS, last_release) == ("1.0.0", False)  # same data, newer commit: nothing to release
    assert snapshot(last_release) == before
    seeds = edited_seeds(tmp_path, MOROCCO, MOROCCO_EDITED)
    assert release(seeds, last_release) == ("1.0.1", True)  # a changed date is a patch
    entry = last_entry(last_release)
    assert entry[0] == "1.0.1 (2026-01-02)"
    assert "- `diplomatic_relations` (patch):" in entry
    index = entry.index("- `diplomatic_relations` (patch):")
    assert entry[index + 1 : index + 3] == [
        "  - 1 rows changed:",
        "    - MLI/relation/MAR: established `1961-01-10` -> `1961-01-11`; established_earliest `1961-01-10` -> `1961-01-11`; "
        "established_latest `1961-01-10` -> `1961-01-11`; "
        'established_raw `{{dts|10 January 1961}}<ref name="lemonde.fr" />` '
        '-> `{{dts|11 January 1961}}<ref name="lemonde.fr" />`',
    ]
    assert json.loads((last_release / "datapackage.json").read_text())["created"] == "2026-01-02T00:00:00Z"
    changelog = (last_release / "CHANGELOG.md").read_text()
    assert "\n## 1.0.0 (2025-04-01)\n" in changelog  # the earlier entry keeps its own date


def test_row_ids_survive_a_row_inserted_before_them(built, tmp_path):
    """A relation inserted near the top of the list moves every later row (their positions and
    byte offsets change): each row of the last release keeps its id, so citations and findings
    of it still join (issue 15: one stable key per row)."""
    import pandas as pd

    inserted = "|{{Flag|Tuvalu}} |{{dts|2 April 2025}} |- |16 " + MOROCCO  # Tuvalu takes Morocco's place
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources

    edited = clean(extract(load_sources(edited_seeds(tmp_path, MOROCCO, inserted))))  # 16 twice: no release
    for table, column in [
        ("diplomatic_relations", "relation_id"),
        ("bilateral_relations", "bilateral_id"),
        ("memberships", "membership_id"),
        ("missions", "mission_id"),
        ("mission_statements", "statement_id"),
        ("events", "event_id"),
        ("article_references", "reference_id"),
        ("citations", "citation_id"),
    ]:
        before = pd.read_csv(built / "data" / f"{table}.csv", dtype=str, keep_default_na=False)
        after = edited[table].astype(str)
        assert set(before[column]) <= set(after[column]), table
        if table == "diplomatic_relations":
            assert sorted(set(after[column]) - set(before[column])) == ["MLI/relation/TUV"]
            moved = after.set_index(column).loc["MLI/relation/URY", "position"]
            assert (before.set_index(column).loc["MLI/relation/URY", "position"], moved) == ("161", "162")
