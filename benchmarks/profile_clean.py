"""Where the time of extract + clean goes, per function, on N generated articles.

    python benchmarks/profile_clean.py [N]     (default 20; `make profile`)

Prints the pipeline's functions by cumulative time and how much of it is mwparserfromhell
parsing (the floor), with how many parses (tokens and tree) and tokenizer runs were made: each
article tokenized once is the ideal.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import generate  # noqa: E402

from pipeline.clean.stage import cleaned_documents  # noqa: E402
from pipeline.sources import load_sources  # noqa: E402


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as folder:
        generate(size, Path(folder))
        sources = load_sources(Path(folder))
        profile = cProfile.Profile()
        profile.runcall(lambda: list(cleaned_documents(sources)))
    stats = pstats.Stats(profile)
    total = max(entry[3] for entry in stats.stats.values())
    parse = [(entry[1], entry[3]) for key, entry in stats.stats.items() if key[0].endswith("parser/__init__.py")]
    calls, seconds = parse[0] if parse else (0, 0.0)
    print(f"# Profile of extract + clean, {size} articles (times under cProfile, which inflates them)\n")
    runs = [entry[1] for key, entry in stats.stats.items() if "CTokenizer" in key[2] and "tokenize" in key[2]]
    tokenized = runs[0] if runs else 0
    print(f"- total {total:.2f} s; mwparserfromhell parse {seconds:.2f} s ({seconds / total:.0%}) in {calls} parses")
    print(f"  ({calls / size:.0f} per article: small texts the fast paths do not take, and an article whose layout")
    print(f"  its tokens cannot vouch for); its C tokenizer ran {tokenized} times ({tokenized / size:.0f} per article:")
    print("  each article once for its layout, read from the tokens, and once inside each parse)\n")
    print("| function | cumulative s | share |")
    print("|---|---|---|")
    ours = [(key, entry) for key, entry in stats.stats.items() if "/pipeline/" in key[0]]
    for (path, line, name), entry in sorted(ours, key=lambda item: -item[1][3])[:20]:
        where = path.split("/pipeline/", 1)[1]
        print(f"| `{where}:{line} {name}` | {entry[3]:.2f} | {entry[3] / total:.0%} |")


if __name__ == "__main__":
    main()
