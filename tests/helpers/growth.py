"""How a rule's time grows with its text: the ratio of its time on 20k words to its time on 5k
words (linear time gives about 4, quadratic about 16). An assertion is on the ratio, never on a time."""

from __future__ import annotations

import gc
import re
import time
from collections import deque
from collections.abc import Callable
from typing import Any

WORDS = (5_000, 20_000)


LIMIT = 6.0  # 4 for linear time, 16 for quadratic: noise on a busy machine stays well below 6


def repeated(fragment: str) -> Callable[[int], str]:
    """Text of about `count` words: the fragment again and again, no sentence end anywhere."""
    return lambda count: " ".join([fragment] * max(1, count // len(fragment.split())))


def best_time(apply: Callable[[str], Any], text: str, loops: int, repeats: int = 3) -> float:
    """The best of `repeats` timings of `loops` applications, the garbage collector off (as timeit does)."""
    times = []
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            for _ in range(loops):
                apply(text)
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def every_match(pattern: re.Pattern[str]) -> Callable[[str], None]:
    """A rule's whole application to a text: every match, each dropped once made, as the rules do."""
    return lambda text: deque(pattern.finditer(text), maxlen=0)


def growth(apply: Callable[[str], Any], make: Callable[[int], str]) -> float:
    """How much longer `apply` takes on 20k words than on 5k words. Each timing lasts about
    as long (4 runs on the short text, one on the long), so a busy machine slows both alike;
    the least of up to three measurements (quadratic time fails all three)."""
    small, large = make(WORDS[0]), make(WORDS[1])
    loops = 1
    while best_time(apply, large, loops, repeats=1) < 0.01:  # long enough to measure
        loops *= 2
    ratios: list[float] = []
    while len(ratios) < 3 and min(ratios, default=LIMIT) >= LIMIT:
        ratios.append(4 * best_time(apply, large, loops) / best_time(apply, small, 4 * loops))
    return min(ratios)
