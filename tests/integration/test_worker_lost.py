"""A worker process of `--jobs` killed from outside (the out-of-memory killer, a signal): one
line, exit 71, the last output left as it was; before, the run waited for its answer for ever."""

from __future__ import annotations

import os
import signal

from pipeline.clean import stage
from tests.helpers import ARTICLE, ForkedRun, snapshot
from tests.helpers.seeds import assert_one_line, seeds_with

_CLEANED = stage._extract_and_clean


def _killed_at_the_article(source):
    """`_extract_and_clean`, but the worker reading the seed article dies (module level: the
    pool sends it to its workers by name)."""
    if source.path.name == ARTICLE.name:
        os.kill(os.getpid(), signal.SIGKILL)
    return _CLEANED(source)


def test_clean_with_a_worker_killed_is_one_line_exit_71_and_keeps_the_last_output(tmp_path, monkeypatch):
    seeds = seeds_with(tmp_path)  # two documents: the fact sheet and the article
    out = tmp_path / "out"
    assert ForkedRun("clean", "--seeds", seeds, "--out", out, "--jobs", "1").result(timeout=300).returncode == 0
    before = snapshot(out)
    monkeypatch.setattr(
        stage, "_extract_and_clean", _killed_at_the_article
    )  # the forked run and its workers inherit it
    result = ForkedRun("clean", "--seeds", seeds, "--out", out, "--jobs", "2", pool=True).result(timeout=120)
    assert result.returncode == 71
    assert_one_line(
        result.stderr,
        r"error: .*\.txt: a worker process \(--jobs 2\) died while this document or one after it was read,"
        r" killed from outside \(out of memory, a signal\); run again, with fewer --jobs or more memory",
    )
    assert snapshot(out) == before
