"""Mutation fuzzing over the real seed: delete, duplicate or swap random spans, flip bytes,
insert wiki tokens; every case must end in tables or one clear error, never a traceback
or a hang.

The test suite runs a few dozen cases; `make fuzz` runs 10,000:
    python -m tests.helpers.fuzz_harness --cases 10000 --jobs 2
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tests.helpers import ROOT

ARTICLE = ROOT / "seeds" / "004_5564c2f49d038939.txt"
TOKENS = [
    b"{{",
    b"}}",
    b"[[",
    b"]]",
    b"{|",
    b"|}",
    b"|-",
    b"||",
    b"<ref>",
    b"</ref>",
    b"<ref name=x />",
    b"==",
    b"\n",
    b"\xff",
]
TIME_LIMIT = 30  # seconds per case


class Hang(Exception):
    """A case ran past TIME_LIMIT."""


def mutate(data: bytes, case: int) -> bytes:
    """A reproducible mutation of `data`: the case number seeds the random choices."""
    rng = random.Random(case)
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["delete", "duplicate", "swap", "flip", "insert"])
        a = rng.randrange(len(out))
        b = min(len(out), a + rng.choice([1, 2, 10, 100, 1000, 20000]))
        if kind == "delete":
            del out[a:b]
        elif kind == "duplicate":
            out[b:b] = out[a:b]
        elif kind == "swap":
            c = rng.randrange(len(out))
            d = min(len(out), c + (b - a))
            if d <= a or c >= b:
                first, second = bytes(out[a:b]), bytes(out[c:d])
                if c > a:
                    out[c:d], out[a:b] = first, second
                else:
                    out[a:b], out[c:d] = second, first
        elif kind == "flip":
            out[a] = rng.randrange(256)
        else:
            out[a:a] = rng.choice(TOKENS)
        if not out:
            break
    return bytes(out)


def run_case(case: int) -> tuple[int, str, str]:
    """(case, outcome, detail): outcome is "tables", "error" (one clear line) or "crash"/"hang"."""
    from pipeline.clean.stage import clean
    from pipeline.errors import PipelineError
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources

    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder)
        (seeds / ARTICLE.name).write_bytes(mutate(ARTICLE.read_bytes(), case))
        (seeds / "sources.toml").write_text((ROOT / "seeds" / "sources.toml").read_text().split("[[source]]")[0])
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(TIME_LIMIT)
        try:
            clean(extract(load_sources(seeds)))
            return case, "tables", ""
        except PipelineError as error:
            line = str(error)
            return (
                (case, "error", line) if "\n" not in line and line else (case, "crash", f"multi-line error: {line!r}")
            )
        except Hang:
            return case, "hang", f"over {TIME_LIMIT} s"
        except Exception as error:  # noqa: BLE001 - exactly what the fuzzer looks for
            return case, "crash", f"{type(error).__name__}: {error}"
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def _on_alarm(signum: int, frame: object) -> None:
    raise Hang


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    outcomes: Counter[str] = Counter()
    bad = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for case, outcome, detail in pool.map(run_case, range(args.start, args.start + args.cases), chunksize=20):
            outcomes[outcome] += 1
            if outcome in ("crash", "hang"):
                bad.append((case, outcome, detail))
                print(f"case {case}: {outcome}: {detail}", flush=True)
    print(f"{args.cases} cases: " + ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
