"""Every check at two corpus sizes: does any grow faster than the corpus?

    python benchmarks/checks_bench.py [--sizes 100 400] [--repeat 3] [--no-expectations]

Generates each corpus (benchmarks/corpus.py), runs extract + clean once, then times each check
that `validate` runs (the functions `table_findings` and `document_findings` call, found in their
source, and the Great Expectations suites) on it, each after a full garbage collection, `--repeat`
times (the least time of the runs is kept, as `timeit` advises: the machine only ever adds time).
Prints a Markdown table: seconds per size, wall and CPU (the process's own: on a shared machine the
wall time counts the other processes' turns too), and the ratio of the largest size to the smallest,
of both (linear: the ratio of the sizes); then the rows of each table at each size (a check is
linear when it grows as the rows it reads: the dyads table, pairs of articles that name each
other, grows faster than the corpus).
"""

from __future__ import annotations

import argparse
import ast
import gc
import inspect
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import generate  # noqa: E402

from pipeline.clean.internal_tables import internal_tables  # noqa: E402
from pipeline.clean.stage import clean  # noqa: E402
from pipeline.extract.stage import extract  # noqa: E402
from pipeline.sources import load_sources  # noqa: E402
from pipeline.validate import document_checks, table_checks  # noqa: E402


def called(module: Any, function: str) -> list[tuple[str, Callable[..., Any]]]:
    """The functions `module.function` calls, in order (each check of that module)."""
    tree = ast.parse(inspect.getsource(getattr(module, function)))
    names = [n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    return [(name, getattr(module, name)) for name in names if callable(getattr(module, name, None))]


def checks(expectations: bool) -> list[tuple[str, Callable[[Any, Any], Any]]]:
    """(name, run(tables, internal)) of every check (`internal`: the internal tables the checks read)."""
    out: list[tuple[str, Callable[[Any, Any], Any]]] = []
    for module, function in ((table_checks, "table_findings"), (document_checks, "document_findings")):
        for name, check in called(module, function):
            takes_internal = len(inspect.signature(check).parameters) == 2
            out.append((name, (lambda t, i, c=check: c(t, i)) if takes_internal else (lambda t, _, c=check: c(t))))
    if expectations:
        from pipeline.validate.expectations import run_suites

        out.append(("Great Expectations suites", lambda tables, _: run_suites(tables, None)))
    return out


def timed(run: Callable[[Any, Any], Any], tables: Any, internal: Any, repeat: int) -> tuple[float, float]:
    """The least wall and the least CPU seconds of `repeat` runs, each after a full collection (a
    collection the previous run left due is not charged to this one)."""
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        run(tables, internal)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def timings(
    size: int, measured: list[tuple[str, Callable[[Any, Any], Any]]], repeat: int = 1
) -> tuple[dict[str, tuple[float, float]], dict[str, int]]:
    """The times of each check, and the rows of each table, on a corpus of `size` articles."""
    with tempfile.TemporaryDirectory() as folder:
        generate(size, Path(folder))
        extracted = extract(load_sources(Path(folder)))
    tables = clean(extracted)
    internal = internal_tables(extracted, tables)
    return {name: timed(run, tables, internal, repeat) for name, run in measured}, {
        name: len(frame) for name, frame in tables.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each check; the least time is kept")
    parser.add_argument("--no-expectations", action="store_true", help="leave out the Great Expectations suites")
    args = parser.parse_args()
    # the collector's thresholds of the command line (pipeline/cli.py): with Python's defaults a full
    # collection walks every cell of the tables again and again as a check allocates, which grows
    # with the corpus's square and is not what a build spends
    gc.set_threshold(50_000, 20, 100)
    measured = checks(not args.no_expectations)
    runs, rows = {}, {}
    for size in args.sizes:
        runs[size], rows[size] = timings(size, measured, args.repeat)
    small, large = min(args.sizes), max(args.sizes)
    print(f"## Every check at {', '.join(map(str, args.sizes))} articles (linear: {large / small:.0f} x)\n")
    sizes = " | ".join(f"{s} articles wall / CPU" for s in args.sizes)
    print(f"| check | {sizes} | {large} / {small} wall / CPU |")
    print("|---|" + "---|" * len(args.sizes) + "---|")
    for name, _ in measured:
        small_run, large_run = runs[small][name], runs[large][name]
        ratios = " / ".join(f"{b / a:.1f} x" if a > 0 else "nan" for a, b in zip(small_run, large_run, strict=True))
        cells = " | ".join(f"{runs[s][name][0]:.3f} / {runs[s][name][1]:.3f} s" for s in args.sizes)
        print(f"| `{name}` | {cells} | {ratios} |", flush=True)
    totals = [tuple(sum(runs[s][name][i] for name, _ in measured) for i in (0, 1)) for s in args.sizes]
    print("| all | " + " | ".join(f"{wall:.3f} / {cpu:.3f} s" for wall, cpu in totals) + " | |", flush=True)
    # A check is linear when it grows as the rows it reads: a table of the corpus may grow faster
    # than the articles (dyads: pairs of articles that name each other)
    print(f"\n| table | {' | '.join(f'{s} articles' for s in args.sizes)} | {large} / {small} |")
    print("|---|" + "---|" * len(args.sizes) + "---|")
    for name in rows[small]:
        ratio = f"{rows[large][name] / rows[small][name]:.2f} x" if rows[small][name] else "-"
        print(f"| `{name}` | {' | '.join(str(rows[s][name]) for s in args.sizes)} | {ratio} |")


if __name__ == "__main__":
    main()
