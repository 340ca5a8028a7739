"""Where extract's time goes per article, in units of the parse of the same article (issue 28).

    python benchmarks/extract_split.py CORPUS [--articles 60] [--rounds 2]

CORPUS is a folder of seeds (`benchmarks/corpus.py N DIR` makes one). For each wikitext
article, in turn in one process (so that a machine that speeds up or slows down meanwhile
affects every part alike), CPU seconds of: the floor (mwparserfromhell's parse of the file, as
`bench.py`'s `alternating` measures it), `extract_document`, and its parts: restoring line
breaks, the parse guard, the layout parse (`masked_parse.layout_parse`, guard included), walking
the tables (the tree given), the reference registry; and, for comparison, the parse of the
article as written, of its top-level tables alone and of the text between them alone. Prints
each as a ratio to the floor.

    python benchmarks/extract_split.py CORPUS --pipeline [--articles 60] [--rounds 1]

times instead, article by article in turn, the floor, `extract_document` and the clean stage's
`document_rows` of what it gives (`bench.py`'s `alternating`, in CPU seconds, extract and clean
apart), over every document of CORPUS. To compare two checkouts, run the script copied into each.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

import mwparserfromhell

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.documents import read_document
from pipeline.extract.linebreaks import restore_line_breaks
from pipeline.extract.masked_parse import layout_parse
from pipeline.extract.references import build_reference_registry
from pipeline.extract.stage import extract_document
from pipeline.extract.wikitables import Tag, _table
from pipeline.parse_guard import check_unclosed
from pipeline.sources import Source, load_sources


def walk(code: mwparserfromhell.wikicode.Wikicode, wikitext: str) -> None:
    """`tables_and_headings`' walk of the top-level nodes, the parse given."""
    offset = 0
    for node in code.nodes:
        if isinstance(node, Tag) and node.tag == "table" and node.wiki_markup == "{|":
            offset = _table(node, offset, "", wikitext).end
        else:
            offset += len(str(node))


def split(source: Source, seconds: Counter[str]) -> None:
    """Add the CPU seconds of each part for one article."""
    clock = time.process_time
    marks = [("", clock())]

    def mark(name: str) -> None:
        marks.append((name, clock()))

    mwparserfromhell.parse(source.path.read_text(encoding="utf-8"))
    mark("floor: parse of the file")
    extract_document(source)
    mark("extract_document")
    document = read_document(source)
    mark("")
    wikitext = restore_line_breaks(document.body) if document.format == "mediawiki-edit-page" else document.body
    mark("restoring line breaks")
    check_unclosed(wikitext)
    mark("parse guard")
    code, _ = layout_parse(wikitext)
    mark("layout parse (guard included)")
    walk(code, wikitext)
    mark("walking the tables")
    build_reference_registry(wikitext)
    mark("references")
    code = mwparserfromhell.parse(wikitext)
    mark("compare: parse of the article as written")
    tables = [str(node) for node in code.nodes if isinstance(node, Tag) and node.tag == "table"]
    between = [str(node) for node in code.nodes if not (isinstance(node, Tag) and node.tag == "table")]
    mark("")
    for table in tables:
        mwparserfromhell.parse(table)
    mark("compare: parse of its top-level tables alone")
    mwparserfromhell.parse("".join(between))
    mark("compare: parse of the rest alone")
    for (_, before), (name, after) in pairwise(marks):
        seconds[name] += after - before


def pipeline(sources: list[Source], rounds: int) -> None:
    """Print extract, clean and both per article in units of the parse (CPU seconds, in turn)."""
    from pipeline.clean.stage import document_rows

    clock, seconds = time.process_time, Counter[str]()
    for _ in range(rounds):
        for source in sources:
            start = clock()
            mwparserfromhell.parse(source.path.read_text(encoding="utf-8"))
            parsed = clock()
            extracted = extract_document(source)
            middle = clock()
            document_rows(extracted)
            seconds.update({"parse": parsed - start, "extract": middle - parsed, "clean": clock() - middle})
    parse = seconds["parse"]
    print(f"{len(sources)} documents, {rounds} rounds, parse {parse:.2f} s CPU; per article in units of the parse:")
    extract, clean = seconds["extract"] / parse, seconds["clean"] / parse
    print(f"extract {extract:.3f}  clean {clean:.3f}  extract + clean {extract + clean:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pipeline", action="store_true", help="extract and clean against the floor")
    args = parser.parse_args()
    gc.set_threshold(50_000, 20, 100)  # as the command line sets it
    if args.pipeline:
        pipeline(load_sources(args.corpus)[: args.articles], args.rounds)
        return
    sources = [s for s in load_sources(args.corpus) if read_document(s).format != "plain-text"][: args.articles]
    seconds: Counter[str] = Counter()
    for _ in range(args.rounds):
        for source in sources:
            split(source, seconds)
    floor = seconds["floor: parse of the file"]
    print(f"{len(sources)} articles, {args.rounds} rounds; CPU seconds / floor ({floor:.2f} s)\n")
    for name, value in seconds.items():
        if name:
            print(f"{name:45} {value / floor:6.3f}")


if __name__ == "__main__":
    main()
