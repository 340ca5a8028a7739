"""Clean's cost per article in units of the article's mwparserfromhell parse, and what `build` adds.

    python benchmarks/clean_split.py SEEDS [CHECKOUT ...] [--rounds N]

For each checkout (default: this one; give another, e.g. `git worktree` of main, to compare a
change), in a fresh process: one pass over SEEDS (e.g. `python benchmarks/corpus.py 50 DIR`),
article by article in turn: the parse, `extract_document`, `document_rows` (CPU seconds); then
what `build`'s `extracted_tables` adds to the rows: each document's tables as columns with their
state numbers (`document_tables`) and pickled as a `--jobs` worker sends them back, then
`table_parts` (dyads) and `as_frames` (a checkout from before the fifth session, whose workers
sent rows, cannot run this script: give it this script's checkout only). One pass, fresh: the
clean stage caches what recurs between articles, and a second pass over the same articles would
find it all cached. Checkouts run in turn, `--rounds` times (default 2), so that a machine that
speeds up or slows down meanwhile affects each alike.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPLIT = r"""
import dataclasses, gc, pickle, sys, time
from pathlib import Path
import mwparserfromhell
from pipeline.clean.frames import as_frames, part
from pipeline.clean.stage import document_rows, table_parts
from pipeline.clean.tables_joined import document_tables
from pipeline.extract.stage import extract_document
from pipeline.sources import load_sources
gc.set_threshold(50_000, 20, 100)  # as the command line sets it
clock = time.process_time
parse = extract = clean = sent = 0.0
results = []
for source in load_sources(Path(sys.argv[1])):
    start = clock()
    mwparserfromhell.parse(source.path.read_text(encoding="utf-8"))
    parsed = clock()
    item = extract_document(source)
    extracted = clock()
    rows = document_rows(item)
    cleaned = clock()
    kept = dataclasses.replace(item, document=dataclasses.replace(item.document, text=""), wikitext="")
    kept = dataclasses.replace(kept, tables=[], references=[], occurrences=[], sections=[])  # as build keeps it
    tables = document_tables(rows, part)
    results.append(pickle.loads(pickle.dumps((kept, tables), protocol=pickle.HIGHEST_PROTOCOL)))
    parse, extract = parse + parsed - start, extract + extracted - parsed
    clean, sent = clean + cleaned - extracted, sent + clock() - cleaned
start = clock()
as_frames(table_parts(tables for _, tables in results))
print(parse, extract, clean, sent, clock() - start)
"""


def split(seeds: Path, checkout: Path) -> list[float]:
    """Parse seconds, then extract, document_rows, pickling and rows -> frames per parse second."""
    out = subprocess.run(
        [sys.executable, "-c", SPLIT, str(seeds)], capture_output=True, text=True, check=True, cwd=checkout
    )
    parse, *rest = map(float, out.stdout.split())
    return [parse, *(seconds / parse for seconds in rest)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("checkouts", type=Path, nargs="*", default=[ROOT])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print("| round | checkout | parse CPU s | extract | document_rows | as columns, pickled | columns -> frames |")
    print("|---|---|---|---|---|---|---|")
    for number in range(1, args.rounds + 1):
        for checkout in args.checkouts:
            parse, *ratios = split(args.seeds, checkout.resolve())
            cells = " | ".join(f"{ratio:.2f} x" for ratio in ratios)
            print(f"| {number} | {checkout} | {parse:.2f} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
