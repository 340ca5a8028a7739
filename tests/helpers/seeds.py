"""Seed folders made from the real seeds (the manifest, the fact sheet, the article, one part
changed), a stage run on them through the command line, and its one line of error."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import ARTICLE, FACT_SHEET, SEEDS, pipeline_cli

MANIFEST = (SEEDS / "sources.toml").read_text(encoding="utf-8")


def run(seeds: Path, tmp_path: Path, command: str = "clean") -> tuple[int, str]:
    """Run a stage on `seeds`; (exit status, stderr). `clean` needs no Great Expectations."""
    result = pipeline_cli(command, "--seeds", seeds, "--out", tmp_path / "out")
    return result.returncode, result.stderr


def seeds_with(tmp_path: Path, article: bytes | None = None, manifest: str = MANIFEST) -> Path:
    """A seed folder: the manifest, the fact sheet and the article (or `article` in its place)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "sources.toml").write_text(manifest, encoding="utf-8")
    (seeds / FACT_SHEET.name).write_bytes(FACT_SHEET.read_bytes())
    (seeds / ARTICLE.name).write_bytes(ARTICLE.read_bytes() if article is None else article)
    return seeds


def assert_one_line(stderr: str, pattern: str) -> None:
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    assert re.fullmatch(pattern, stderr.strip()), stderr


def article_with(old: bytes, new: bytes) -> bytes:
    data = ARTICLE.read_bytes()
    assert data.count(old) >= 1
    return data.replace(old, new, 1)
