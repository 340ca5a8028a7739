"""The GitHub Actions workflow: valid by GitHub's workflow schema (check-jsonschema's vendored
copy, offline), and running what the README says tests the project, through .ci/run."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from tests.helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against its vendored GitHub workflow schema (no network), its command
    line run in this process (a fresh interpreter would spend most of the time importing)."""
    from check_jsonschema.cli.main_command import main
    from click.testing import CliRunner

    arguments = ["--builtin-schema", "vendor.github-workflows", str(path)]
    result = CliRunner().invoke(main, arguments)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(arguments, result.exit_code, result.stdout, result.stderr)


def steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["test"]["steps"]


def test_the_workflow_passes_githubs_workflow_schema():
    result = schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_a_workflow_without_runs_on_fails_the_schema(tmp_path: Path):
    broken = tmp_path / "ci.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:"), encoding="utf-8")
    result = schema_check(broken)
    assert result.returncode == 1
    assert "'runs-on' is a required property" in result.stdout


def test_the_workflow_runs_the_readmes_test_command_through_ci_run():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make datapackage", "make test"]  # the README's first lines: build, test
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in ci_run if line.startswith("make ")] == ["make test", "make check"]
    assert [step["run"] for step in steps() if "ci/run" in step.get("run", "")] == ["bash .ci/run"]


def test_the_workflow_runs_on_push_and_pull_request():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"push", "pull_request"}


def test_the_workflow_caches_the_venv_by_pyproject_the_lock_and_python_version():
    cache = next(step for step in steps() if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".venv"
    key = cache["with"]["key"]
    assert "hashFiles('pyproject.toml', 'requirements/lock.txt')" in key and "steps.python.outputs.python-version" in key
    assert next(step for step in steps() if step.get("id") == "python")["uses"].startswith("actions/setup-python@")


def test_the_quality_report_goes_to_the_job_summary_and_an_artifact_even_when_checks_fail():
    summary = next(step for step in steps() if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert "reports/quality.md" in summary["run"] and "always()" in summary["if"]
    upload = next(step for step in steps() if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "reports/" and "always()" in upload["if"]


def test_the_summary_step_appends_the_report_without_its_picture(tmp_path: Path):
    summary = next(step for step in steps() if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    (tmp_path / "reports").mkdir()
    report = "Data quality: 0 errors.\n\n![Bar chart: findings](quality.svg)\n\n## unknown_date (warning, 2)\n"
    (tmp_path / "reports" / "quality.md").write_text(report, encoding="utf-8")
    (tmp_path / "summary.md").write_text("earlier step\n", encoding="utf-8")
    environment = {"GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "PATH": "/usr/bin:/bin"}
    subprocess.run(["bash", "-e", "-c", summary["run"]], cwd=tmp_path, env=environment, check=True, timeout=10)
    shown = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert shown == "earlier step\nData quality: 0 errors.\n\n\n## unknown_date (warning, 2)\n"
