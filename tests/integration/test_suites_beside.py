"""`pipeline build --jobs 2` runs the Great Expectations suites in a process beside the other
checks (pipeline/validate/expectations_beside.py): that process killed from outside is one line
and exit 71, the last package and report left as they were."""

from __future__ import annotations

import os
import signal

from pipeline.validate import expectations
from tests.helpers import ForkedRun, snapshot
from tests.helpers.articles import article
from tests.helpers.seeds import assert_one_line


def _killed(screened):
    """`run_screened`, but the process running it dies (as the out-of-memory killer would kill it)."""
    os.kill(os.getpid(), signal.SIGKILL)


def test_build_with_the_suites_process_killed_is_one_line_exit_71_and_keeps_the_last_output(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"  # an "Unknown" date: the screen sends diplomatic_relations to the suites
    seeds.mkdir()
    rows = [("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "Unknown")]
    (seeds / "article.wikitext").write_text(article(rows), encoding="utf-8")
    out, reports = tmp_path / "datapackage", tmp_path / "reports"
    args = ("build", "--seeds", seeds, "--out", out, "--reports", reports)
    assert ForkedRun(*args, "--jobs", "1").result(timeout=300).returncode == 0
    before = snapshot(out), snapshot(reports)
    monkeypatch.setattr(expectations, "run_screened", _killed)  # the forked run and its processes inherit it
    result = ForkedRun(*args, "--jobs", "2", pool=True).result(timeout=300)
    assert result.returncode == 71, result.stderr
    assert_one_line(
        result.stderr,
        r"error: Great Expectations: the process running its suites \(--jobs 2\) died before it answered,"
        r" killed from outside \(out of memory, a signal\); run again, with fewer --jobs or more memory",
    )
    assert (snapshot(out), snapshot(reports)) == before
