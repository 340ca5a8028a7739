"""Draft builds: `pipeline build --draft` makes a package despite unacknowledged errors, marked
as a draft in its version, README and changelog, and never replaces a released package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, pipeline_cli, snapshot
from tests.helpers.suites import suites_reused

FIXTURE = FIXTURES / "dyads"


@pytest.fixture(scope="module")
def broken_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two dyad articles, Chad's date of relations with Niger made unreadable (an error)."""
    seeds = tmp_path_factory.mktemp("broken") / "seeds"
    shutil.copytree(FIXTURE, seeds)
    chad = seeds / "foreign_relations_of_chad.wikitext"
    chad.write_text(chad.read_text(encoding="utf-8").replace("{{dts|2 March 1963}}", "spring of the year"), "utf-8")
    return seeds


@pytest.fixture(scope="module")
def draft(broken_seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    work = tmp_path_factory.mktemp("draft")
    with suites_reused():  # as for the tests' own builds (tests/conftest.py): a module fixture comes before that
        result = pipeline_cli(
            "build", "--seeds", broken_seeds, "--out", work / "draft", "--reports", work / "reports", "--draft", "--jobs", "1"
        )
    return work / "draft", result


@pytest.mark.slow
def test_without_draft_the_error_stops_the_build(broken_seeds: Path, tmp_path: Path):
    result = pipeline_cli("build", "--seeds", broken_seeds, "--out", tmp_path / "out", "--reports", tmp_path / "r", "--jobs", "1")
    assert result.returncode == 1
    assert "unparseable_date" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_draft_is_built_despite_the_error(draft):
    folder, result = draft
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"draft (not a release): {folder} version 1.0.0-draft; Data quality: 1 errors")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == "1.0.0-draft"
    findings = (folder / "data" / "quality_findings.csv").read_text(encoding="utf-8")
    assert (
        "unparseable_date,error,diplomatic_relations,TCD/relation/NER,established_raw,spring of the year," in findings
    )


def test_a_drafts_readme_and_changelog_say_it_is_a_draft(draft):
    folder, _ = draft
    readme = (folder / "README.md").read_text(encoding="utf-8").split("\n")
    assert readme[0] == "# Foreign relations of 2 countries: Chad and Niger (version 1.0.0-draft)"
    assert readme[2].startswith("> **Draft, not a release.** Built with `pipeline build --draft`")
    changelog = (folder / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 1.0.0-draft (2025-04-01)\n\n- Draft built despite quality errors" in changelog


def test_a_draft_never_replaces_a_released_package(broken_seeds: Path, tmp_path: Path):
    released = tmp_path / "datapackage"
    shutil.copytree(ROOT / "datapackage", released)
    before = snapshot(released)
    result = pipeline_cli("build", "--seeds", broken_seeds, "--out", released, "--reports", tmp_path / "r", "--draft")
    assert result.returncode == 73
    assert result.stderr == (
        f"error: {released}: --out: holds a released package (version "
        f"{json.loads((released / 'datapackage.json').read_text())['version']}): a draft never replaces a release; "
        "nothing was changed; build the draft into another folder (the default is build/draft)\n"
    )
    assert snapshot(released) == before
    assert not (tmp_path / "r").exists()


def test_a_release_over_a_draft_is_a_first_release_not_a_bump_from_the_draft(draft, tmp_path: Path):
    folder, _ = draft
    copy = tmp_path / "pkg"
    shutil.copytree(folder, copy)
    result = pipeline_cli("build", "--seeds", FIXTURE, "--out", copy, "--reports", tmp_path / "r", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))["version"] == "1.0.0"
    changelog = (copy / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "draft" not in changelog.lower() and "## 1.0.0 (2025-04-01)\n\n- First release:" in changelog
    assert "Draft, not a release" not in (copy / "README.md").read_text(encoding="utf-8")
