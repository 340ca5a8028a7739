"""`pipeline build --jobs N`: the documents extracted and cleaned in N processes, the package
and its report the same, byte for byte, for every N."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.helpers import ROOT, pipeline_cli


def generate(count: int, out: Path) -> None:
    """benchmarks/corpus.py's generator (benchmarks/ is not a package)."""
    path = ROOT / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("corpus", path)
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.generate(count, out)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_one_process_or_two_build_the_same_package(tmp_path):
    """Five generated articles of the family (table forms mixed, some flattened edit pages): a
    draft, since the generator writes errors on purpose."""
    seeds = tmp_path / "seeds"
    generate(5, seeds)
    built = {}
    for jobs in (1, 2):
        out, reports = tmp_path / f"out{jobs}", tmp_path / f"reports{jobs}"
        result = pipeline_cli(
            "build", "--draft", "--no-data-docs", "--jobs", jobs, "--seeds", seeds, "--out", out, "--reports", reports
        )
        assert result.returncode == 0, result.stderr
        built[jobs] = files_of(out), files_of(reports)

    (package, report), (package_2, report_2) = built[1], built[2]
    assert len(package) > 20 and package["data/diplomatic_relations.csv"].count(b"\n") > 100
    assert package_2.keys() == package.keys()
    assert [name for name in package if package[name] != package_2[name]] == []
    assert report_2 == report
