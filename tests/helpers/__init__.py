"""Helpers the tests share: the checkout's paths, the command line run in this process or in a
fork, and folder snapshots. Test modules import from here (or from the modules beside this
one), never from another test module (tests/codebase/test_test_imports.py checks it)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[2]  # tests/helpers/ -> the checkout
SEEDS = ROOT / "seeds"
ARTICLE = SEEDS / "004_5564c2f49d038939.txt"
FACT_SHEET = SEEDS / "000_e2e35c128b143355.txt"
FIXTURES = ROOT / "tests" / "fixtures"  # hand-made seeds and expected rows (tests/fixtures/README.md)
FAMILY = FIXTURES / "family"


def at_least(examples: int) -> settings:
    """`@settings` for a property test that needs `examples` cases even in the default profile."""
    return settings(max_examples=max(examples, settings().max_examples))


class Raised(tuple):
    """The error a reading raised, as `outcome` gives it: its type's name and its message."""


def outcome(read: Callable[..., object], *args: object) -> object:
    """What `read(*args)` gives, or the ValueError it raises as `Raised((type name, message))`:
    a fast path and the parser it stands for must agree on refusing an input (a tangled text,
    TangledMarkup) as on reading it."""
    try:
        return read(*args)
    except ValueError as error:
        return Raised((type(error).__name__, str(error)))


def pipeline_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process (as `pipeline ARGS` would run; a subprocess costs
    half a second of imports): exit status, stdout and stderr."""
    from click.testing import CliRunner

    from pipeline.cli import main

    with pytest.MonkeyPatch.context() as patch:
        if cwd is not None:
            patch.chdir(cwd)
        result = CliRunner().invoke(main, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # an exception the command line let through: the test shows it whole
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


class ForkedRun:
    """`pipeline ARGS` in a forked copy of this process, running beside the test: another
    process (it takes locks as a second run would) that starts with this one's imports done
    (a fresh interpreter spends seconds importing pandas, frictionless and Great Expectations)."""

    def __init__(
        self,
        *args: str | Path,
        close: tuple[int, ...] = (),
        pool: bool = False,
        before: Callable[[], None] | None = None,
    ) -> None:
        """`close`: descriptors of this process the run must not hold (a lock the test holds).
        `pool`: the run may start processes of its own (`--jobs`), as a daemon process may not
        (`result` still kills it after its timeout). `before`: called in the forked process
        first (a time zone or locale of its own, another working folder)."""
        import multiprocessing

        self.args = args
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=self._run, args=(send, args, close, before), daemon=not pool)
        self.process.start()
        send.close()

    @staticmethod
    def _run(
        send: object, args: tuple[str | Path, ...], close: tuple[int, ...], before: Callable[[], None] | None
    ) -> None:
        for descriptor in close:
            os.close(descriptor)
        if before is not None:
            before()
        result = pipeline_cli(*args)  # an exception it lets through is printed to the captured stderr
        send.send((result.returncode, result.stdout, result.stderr))  # type: ignore[attr-defined]

    def running_after(self, seconds: float) -> bool:
        """Whether the run has not finished `seconds` from now."""
        self.process.join(seconds)
        return self.process.is_alive()

    def result(self, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Its exit status, stdout and stderr, once it has finished."""
        if not self._receive.poll(timeout):
            self.process.kill()
            raise TimeoutError(f"pipeline {' '.join(map(str, self.args))} took over {timeout} s")
        try:
            returncode, stdout, stderr = self._receive.recv()
        except EOFError:
            self.process.join(timeout)
            raise AssertionError(
                f"pipeline {' '.join(map(str, self.args))} died (exit {self.process.exitcode})"
            ) from None
        self.process.join(timeout)
        return subprocess.CompletedProcess([], returncode, stdout, stderr)


def small_seeds(folder: Path) -> Path:
    """`folder`, made, holding a made-up article with two rows (France and Ghana): seeds for the
    tests about where a run writes, not what it reads (built in a fraction of the real seeds' time)."""
    from tests.helpers.articles import article

    folder.mkdir(parents=True)
    rows = [("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "{{dts|14 October 1960}}")]
    (folder / "article.wikitext").write_text(article(rows), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` (relative path -> sha256): to compare packages byte for byte."""
    import hashlib

    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
