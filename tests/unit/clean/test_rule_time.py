"""The untimed halves of the linear-time check of the rules that read free text.

The timings themselves (each rule on its worst case at 5k and 20k words, a ratio near 4 for
linear time) are a benchmark, not a test: `make bench-linear` (`benchmarks/linear_time.py`).
What is checked here is what makes that benchmark mean something and what keeps the rules linear.
"""

from __future__ import annotations

import importlib.util
import sys

from pipeline.clean import missions
from tests.helpers import ROOT


def _benchmark():
    """benchmarks/linear_time.py, loaded as a module (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("linear_time", ROOT / "benchmarks" / "linear_time.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("linear_time", module)
    spec.loader.exec_module(module)
    return module


def test_every_mission_rule_reads_the_timed_note() -> None:
    """The benchmark's note is not one the rules pass over: each of them matches it."""
    note = _benchmark().NOTE
    found = {rule.name: len(list(rule.pattern.finditer(note))) for rule in missions.RULES}
    assert found == dict.fromkeys(found, 1) | {"has_embassy": 2}  # Canada in Bamako, Mali in Ottawa
    assert len(found) == 11


def test_the_benchmark_times_every_rule_it_names() -> None:
    """Every case of the benchmark names a pattern or function that exists (a renamed rule
    would otherwise leave the benchmark timing nothing)."""
    names = [name for name, _apply, _make in _benchmark().cases()]
    assert len(names) == 32 + 4 + 1 + 5 + 4 + 3 + 2 + 5


def test_a_name_starts_at_most_60_characters_before_its_verb() -> None:
    """The bound that keeps the rules linear: the name is read from the first capital within
    60 characters of "has an", not from the first capital of the whole run of words."""
    text = "Relations between the two countries have been good for many decades and Canada has an embassy in Bamako"
    assert [m.groupdict() for m in missions._HAS_EMBASSY.finditer(text)] == [{"who": "Canada", "city": "Bamako"}]
