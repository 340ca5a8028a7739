"""`snapshot --dump`: a scan of the whole dump against a read through its multistream index.

    python benchmarks/dump_bench.py [--pages 20000] [--family 20] [--rounds 3]

Generates a multistream dump (100 pages a bz2 stream, pages of about 5 KB of words, the seed's
`--family` articles of benchmarks/corpus.py spread through it) with its index, then reads the
family from it both ways, alternately (`read_dump`, in one process, so imports are not timed),
and once each through the command line. Prints a Markdown report with the ratio.
"""

from __future__ import annotations

import argparse
import bz2
import contextlib
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import generate as corpus_generate  # noqa: E402

from pipeline.snapshot.dump import read_dump  # noqa: E402
from pipeline.snapshot.records import Article  # noqa: E402
from tests.helpers.dumps import HEAD, page  # noqa: E402  (the dumps the tests make: one way to write a page)

NAME = "benchwiki-20250601-pages-articles-multistream"


def generate(folder: Path, pages: int, family: int, seed: int = 7) -> tuple[Path, Path]:
    """The dump and its index, in `folder`."""
    rng = random.Random(seed)
    words = [f"{rng.choice('bcdfglmnprst')}{rng.choice('aeiou')}{rng.choice('lmnrst')}{i}" for i in range(5000)]
    with tempfile.TemporaryDirectory() as corpus:
        articles = [p.read_text(encoding="utf-8") for p in corpus_generate(family, Path(corpus), forms="wikitext")]
    chosen = dict(zip(sorted(rng.sample(range(1, pages + 1), family)), articles, strict=True))
    dump, index = folder / f"{NAME}.xml.bz2", folder / "elsewhere-index.txt.bz2"  # not beside: --dump-index
    lines: list[str] = []
    with dump.open("wb") as out:
        out.write(bz2.compress(HEAD.encode()))
        for start in range(1, pages + 1, 100):
            offset, chunk = out.tell(), []
            for page_id in range(start, min(start + 100, pages + 1)):
                if page_id in chosen:
                    title, text = f"Foreign relations of Country {page_id}", chosen[page_id]
                else:
                    title, text = f"Article {page_id}", " ".join(rng.choices(words, k=800))
                chunk.append(page(title, page_id, page_id * 10, text))
                lines.append(f"{offset}:{page_id}:{title}\n")
            out.write(bz2.compress("".join(chunk).encode()))
        out.write(bz2.compress(b"</mediawiki>\n"))
    index.write_bytes(bz2.compress("".join(lines).encode()))
    return dump, index


def read(dump: Path, index: Path | None) -> tuple[float, int]:
    """Seconds to read the family, and how many articles."""
    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):  # the scan's note
        got = [a for a in read_dump(dump, "Foreign relations of ", [], index) if isinstance(a, Article)]
    return time.perf_counter() - start, len(got)


def cli(dump: Path, seeds: Path, *options: str) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "pipeline", "snapshot", "--dump", str(dump), "--seeds", str(seeds), *options]
    subprocess.run([*command, "--retrieved", "2026-01-02"], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--family", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        start = time.perf_counter()
        dump, index = generate(folder, args.pages, args.family)
        made = time.perf_counter() - start
        scans, indexed = [], []
        for _ in range(args.rounds):  # alternately, so that the machine's drift affects both alike
            scans.append(read(dump, None))
            indexed.append(read(dump, index))
        assert {n for _, n in scans + indexed} == {args.family}, (scans, indexed)
        cli_index = cli(dump, folder / "seeds-index", "--dump-index", str(index))
        cli_scan = cli(dump, folder / "seeds-scan")
        scan, seek = statistics.median(t for t, _ in scans), statistics.median(t for t, _ in indexed)
        size = dump.stat().st_size / 1e6
        print(f"## `snapshot --dump`: scan against index ({args.pages:,} pages, {args.family} of the family)\n")
        print(f"Dump: {size:.0f} MB compressed, {index.stat().st_size / 1e3:.0f} KB index, made in {made:.0f} s.\n")
        print("| route | read_dump, median of", args.rounds, "| whole command (one run, imports included) |")
        print("|---|---|---|")
        print(f"| scan | {scan:.2f} s | {cli_scan:.2f} s |")
        print(f"| index | {seek:.2f} s | {cli_index:.2f} s |")
        print(f"| ratio | **{scan / seek:.1f} x** | {cli_scan / cli_index:.1f} x |")


if __name__ == "__main__":
    main()
