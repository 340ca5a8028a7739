"""Make N "Foreign relations of X" articles from the seed, without the network.

Each article is the seed's wikitext (tests/fixtures/foreign_relations_of_mali.wikitext) with
another subject country in its title, the rows of its "Diplomatic relations" table shuffled,
their years shifted, about 5% of them dropped and about 1% given a date nobody can read.
Usage: python benchmarks/corpus.py N OUT_DIR [--seed S]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tests" / "fixtures" / "foreign_relations_of_mali.wikitext"
_YEAR = re.compile(r"(\{\{[Dd]ts\|[^}]*?)(\d{4})\}\}")


def subjects() -> list[str]:
    """Country names pycountry resolves by themselves, in a fixed order."""
    return sorted(c.name for c in pycountry.countries if "," not in c.name and "(" not in c.name and c.name != "Mali")


def article(template: str, subject: str, rng: random.Random) -> str:
    """One article: the template with a new subject and a perturbed list table."""
    start = template.index('{| class="wikitable sortable"')
    end = template.index("\n|}", start)
    head, *rows = template[start:end].split("\n|-\n")
    header, rows = rows[0], rows[1:]
    rng.shuffle(rows)
    kept = []
    for row in rows:
        if rng.random() < 0.05:
            continue
        shift = rng.randint(-3, 3)
        row = _YEAR.sub(lambda m, s=shift: f"{m.group(1)}{int(m.group(2)) + s}}}}}", row)
        if rng.random() < 0.01:
            row = re.sub(r"\{\{[Dd]ts\|[^}]*\}\}", "Spring 1962", row)
        kept.append(row)
    table = "\n|-\n".join([head, header, *kept])
    text = template[:start] + table + template[end:]
    return text.replace("Foreign relations of Mali", f"Foreign relations of {subject}").replace(
        "Foreign Relations of Mali", f"Foreign Relations of {subject}"
    )


def generate(count: int, out: Path, seed: int = 0) -> list[Path]:
    """Write `count` articles into `out` (no manifest: formats are detected)."""
    out.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE.read_text(encoding="utf-8")
    names = subjects()
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = out / f"article_{number:04d}.wikitext"
        path.write_text(article(template, names[number % len(names)], rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.count, args.out, args.seed)


if __name__ == "__main__":
    main()
