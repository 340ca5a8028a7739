"""Files: nothing lost, nothing half-written, nothing followed, nothing hung.

A build publishes the seed bytes it read (whatever happens to the seed folder meanwhile);
every write goes to a temporary file created exclusively beside its target, then renamed
(a link planted at any name is never followed, a full disk leaves the previous file whole);
locks are keyed by the real path and removed on release; a pipe where a file should be is
refused before anything opens it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import threading
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from pipeline import files
from pipeline.errors import OutputBusyError, OutputError
from pipeline.files import write_file, write_files
from pipeline.locks import lock_path, locked
from tests.helpers import ARTICLE, SEEDS, ForkedRun, pipeline_cli, small_seeds
from tests.helpers.suites import suites_reused

ONE_LINE = re.compile(r"error: [^\n]*\n")


def one_line(result: subprocess.CompletedProcess[str], status: int, pattern: str) -> None:
    assert result.returncode == status, result.stderr
    assert ONE_LINE.fullmatch(result.stderr) and "Traceback" not in result.stderr, result.stderr
    assert re.search(pattern, result.stderr), result.stderr


def seed_copy(folder: Path, sha256: bool = True) -> Path:
    """seeds/ copied, each [[source]] entry with the sha256 a snapshot would have recorded."""
    shutil.copytree(SEEDS, folder)
    if sha256:
        manifest = folder / "sources.toml"
        text = manifest.read_text(encoding="utf-8")
        for entry in tomllib.loads(text)["source"]:
            digest = hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest()
            text = text.replace(f'path = "{entry["path"]}"\n', f'path = "{entry["path"]}"\nsha256 = "{digest}"\n')
        manifest.write_text(text, encoding="utf-8")
    return folder


# --- 1. a snapshot during a build ------------------------------------------------------------


def agrees_with_itself(package: Path) -> None:
    """Every carried seed file is the one the rows were read from: its hash is the one the
    `sources` table and the descriptor give, and each relation's byte span holds its partner."""
    sources = pd.read_csv(package / "data" / "sources.csv", dtype=str, keep_default_na=False)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    hashes = {r["path"]: r["hash"] for r in descriptor["resources"] if r["path"].startswith("sources/")}
    carried = {}
    for row in sources.itertuples():
        data = (package / "sources" / row.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row.sha256
        assert hashes[f"sources/{row.path}"] == f"sha256:{row.sha256}"
        assert len(data) == int(row.bytes)
        carried[row.source_id] = data
    relations = pd.read_csv(package / "data" / "diplomatic_relations.csv", dtype=str, keep_default_na=False)
    assert len(relations) > 100
    for row in relations.itertuples():
        span = carried[row.source_id][int(row.source_start) : int(row.source_end)].decode("utf-8")
        assert row.partner_raw.split("[")[0].split("{")[0].strip() in span, (row.relation_id, span[:200])


@pytest.mark.slow
@pytest.mark.parametrize("manifest_too", [True, False], ids=["snapshot --update", "file replaced"])
def test_a_snapshot_during_a_build_does_not_change_what_the_build_publishes(tmp_path, monkeypatch, manifest_too):
    """Between the build's reading of the seeds and its writing of the package, the article is
    replaced (and, as `snapshot --update` does, its manifest entry): the package carries the
    bytes the build read, so its rows, spans, hashes and files agree."""
    from pipeline.build import build
    from pipeline.validate import report

    seeds = seed_copy(tmp_path / "seeds")
    original = ARTICLE.read_bytes()
    replacement = original.replace(b"Mali", b"Mali ", 1)  # every byte span after it moves by one
    write_reports = report.write_reports

    def snapshot_meanwhile(findings, folder):
        (seeds / ARTICLE.name).write_bytes(replacement)
        if manifest_too:
            manifest = seeds / "sources.toml"
            old, new = hashlib.sha256(original).hexdigest(), hashlib.sha256(replacement).hexdigest()
            manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        return write_reports(findings, folder)

    monkeypatch.setattr(report, "write_reports", snapshot_meanwhile)
    with suites_reused():
        package = build(seeds, tmp_path / "datapackage", tmp_path / "reports", data_docs=False)
    assert (package / "sources" / ARTICLE.name).read_bytes() == original
    agrees_with_itself(package)


# --- 2. locks -------------------------------------------------------------------------------


def test_a_folder_and_a_link_to_it_take_one_lock(tmp_path):
    real = tmp_path / "seeds"
    real.mkdir()
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "elsewhere" / "link"
    link.symlink_to(real)
    assert lock_path(link) == lock_path(real) == tmp_path / ".seeds.lock"
    with locked(real, 0), pytest.raises(OutputBusyError), locked(link, 0):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "seeds"]  # no lock file left


def test_a_snapshot_through_a_link_waits_for_one_into_the_folder(tmp_path):
    real = tmp_path / "seeds"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    with locked(real, 0):
        result = pipeline_cli("snapshot", "--dump", tmp_path / "no.xml.bz2", "--seeds", link, "--wait", "0")
    one_line(result, 75, r"another run \(process \d+\) is writing it")
    assert list(real.iterdir()) == []


def test_a_waiting_run_gets_the_lock_its_holder_removed(tmp_path):
    """The holder removes the lock file before releasing it; a run waiting on that file takes
    a new one, and no two runs ever hold the lock at once."""
    out = tmp_path / "out"
    holders: list[str] = []
    inside = threading.Event()

    def second() -> None:
        inside.wait()
        with locked(out, 10):
            holders.append("second")

    thread = threading.Thread(target=second)
    with locked(out, 0):
        thread.start()
        inside.set()
        time.sleep(0.3)  # the second run is waiting on this lock file
        holders.append("first")
        assert holders == ["first"]
    thread.join()
    assert holders == ["first", "second"]
    assert list(tmp_path.iterdir()) == []


def test_a_folder_where_the_lock_goes_is_a_clear_line(tmp_path):
    (tmp_path / ".clean.lock").mkdir()
    result = pipeline_cli("clean", "--out", tmp_path / "clean")
    one_line(result, 73, r"\.clean\.lock: is not a lock file this pipeline wrote")
    assert "Is a directory" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".clean.lock"]


# --- 3. exclusive temporary files -----------------------------------------------------------


def test_a_link_planted_at_a_temporary_name_is_never_followed(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in (".sources.toml.partial", ".ARTICLE.partial", ".sources.toml.x.partial"):
        (folder / name).symlink_to(precious)
    write_file(folder / "sources.toml", "new\n")
    write_files([(folder / "ARTICLE", b"article\n"), (folder / "sources.toml", b"newer\n")])
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert (folder / "sources.toml").read_text(encoding="utf-8") == "newer\n"
    assert not (folder / "sources.toml").is_symlink() and not (folder / "ARTICLE").is_symlink()
    assert sorted(p.name for p in folder.iterdir() if not p.is_symlink()) == ["ARTICLE", "sources.toml"]


def test_a_snapshot_never_writes_through_a_planted_link(tmp_path):
    from tests.helpers.dumps import three_pages

    dump = three_pages(tmp_path)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in (".sources.toml.partial", ".foreign-relations-of-niger.wikitext.partial"):
        (seeds / name).symlink_to(precious)
    result = pipeline_cli("snapshot", "--dump", dump, "--seeds", seeds, "Foreign relations of Niger")
    assert result.returncode == 0, result.stderr
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    for name in ("sources.toml", "foreign-relations-of-niger.wikitext"):
        assert (seeds / name).is_file() and not (seeds / name).is_symlink()
    assert (seeds / "foreign-relations-of-niger.wikitext").read_text(encoding="utf-8") == (
        "'''Niger''' [[Mali]] [[Chad]]\n== Relations ==\n"
    )


def test_a_written_file_keeps_the_permissions_of_the_one_it_replaces(tmp_path):
    path = tmp_path / "quality.md"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_file(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    write_file(tmp_path / "fresh.md", "new")
    assert stat.S_IMODE((tmp_path / "fresh.md").stat().st_mode) == 0o666 & ~files.current_umask()


# --- 4. ownership by a marker, never by a name or a shape -----------------------------------


def test_a_users_quality_report_in_reports_is_never_overwritten(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("quality.md", "quality.json"):
        (reports / name).write_text("my own\n", encoding="utf-8")
    (reports / "data_docs").mkdir()
    result = pipeline_cli("build", "--out", tmp_path / "pkg", "--reports", reports, "--no-data-docs")
    one_line(result, 73, r"--reports: holds 'data_docs', which is not part of a quality report this pipeline wrote")
    assert {p.name: p.read_text(encoding="utf-8") for p in reports.glob("*.*")} == {
        "quality.md": "my own\n",
        "quality.json": "my own\n",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


@pytest.mark.parametrize("command", ["extract", "clean"])
def test_a_users_files_shaped_like_the_stages_are_never_deleted(tmp_path, command):
    out = tmp_path / command
    out.mkdir()
    if command == "extract":
        mine = {"source_id": "x", "format": "wikitext", "tables": [], "references": []}
        (out / "mine.json").write_text(json.dumps(mine), encoding="utf-8")
    else:
        (out / "events.csv").write_text(",".join(_fields("events")) + "\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    one_line(pipeline_cli(command, "--out", out), 73, r"--out: holds '(mine\.json|events\.csv)'")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _fields(table: str) -> list[str]:
    from pipeline.schema import BY_NAME

    return BY_NAME[table].field_names


def test_a_users_folders_beside_out_named_like_staging_survive_a_build(tmp_path):
    out, seeds = tmp_path / "extract", small_seeds(tmp_path / "seeds")
    for name in (".extract.previous", ".extract.building-x"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "mine.txt").write_text(name, encoding="utf-8")
    assert pipeline_cli("extract", "--seeds", seeds, "--out", out).returncode == 0
    assert pipeline_cli("extract", "--seeds", seeds, "--out", out).returncode == 0  # a swap over an earlier output
    for name in (".extract.previous", ".extract.building-x"):
        assert (tmp_path / name / "mine.txt").read_text(encoding="utf-8") == name
    listing = sorted(p.name for p in tmp_path.iterdir())
    assert listing == [".extract.building-x", ".extract.previous", "extract", "seeds"]


# --- 5 and 6. a full disk, a file-size limit, a read-only folder ----------------------------


def test_a_full_disk_leaves_the_previous_report_whole(tmp_path, monkeypatch):
    from pipeline.validate.report import write_reports

    folder = tmp_path / "reports"
    write_reports([], folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(OutputError, match=r"cannot write here \(No space left on device\)"):
        write_reports([], folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no temporary file either


class LimitedRun(ForkedRun):
    """`pipeline ARGS` in a forked process whose files may not grow past `FSIZE` bytes (`ulimit -f`)."""

    FSIZE = 64 * 1024

    def __init__(self, *args: str | Path) -> None:
        super().__init__(*args, before=self._limit)

    @staticmethod
    def _limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (LimitedRun.FSIZE, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


@pytest.mark.slow
def test_a_file_size_limit_is_one_line_and_leaves_the_last_build_whole(tmp_path):
    """Small seeds: the package's descriptor and README are larger than the limit whatever the data."""
    reports, package, seeds = tmp_path / "reports", tmp_path / "datapackage", small_seeds(tmp_path / "seeds")
    command = ("build", "--seeds", seeds, "--out", package, "--reports", reports, "--no-data-docs", "--jobs", "1")
    with suites_reused():
        first = pipeline_cli(*command)
    assert first.returncode == 0, first.stderr
    assert max(p.stat().st_size for p in package.rglob("*")) > LimitedRun.FSIZE  # a file the limit stops
    html, descriptor = (reports / "quality.html").read_bytes(), (package / "datapackage.json").read_bytes()
    result = LimitedRun(*command).result()
    one_line(result, 73, r"cannot write here \(File too large\)")
    assert (reports / "quality.html").read_bytes() == html
    assert (package / "datapackage.json").read_bytes() == descriptor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage", "reports", "seeds"]


@pytest.mark.slow
def test_a_full_disk_in_sqlite_is_one_line_and_leaves_the_database(built, tmp_path):
    out = tmp_path / "db.sqlite"
    assert pipeline_cli("sqlite", "--package", built, "--out", out).returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = LimitedRun("sqlite", "--package", built, "--out", out).result()
    one_line(result, 73, r"cannot write here \(SQLite: (disk I/O error|database or disk is full)\)")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_database_or_disk_is_full_is_one_line(built, tmp_path, monkeypatch):
    import sqlite3

    from pipeline.sql import publish

    def full(package, target):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorname = "SQLITE_FULL"
        raise error

    monkeypatch.setattr(publish, "build_database", full)
    result = pipeline_cli("sqlite", "--package", built, "--out", tmp_path / "db.sqlite")
    one_line(result, 73, r"cannot write here \(SQLite: database or disk is full\); free some space")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("update", [False, True], ids=["a new article", "snapshot --update"])
def test_a_read_only_seed_folder_is_one_line_and_left_as_it_was(tmp_path, monkeypatch, update):
    from tests.helpers.dumps import make_dump, page

    seeds = tmp_path / "seeds"
    old = make_dump(
        tmp_path, [page("Foreign relations of Niger", 12, 122, "'''Niger''' [[Mali]] [[Chad]]\n== Relations ==\n")]
    )
    assert pipeline_cli("snapshot", "--dump", old, "--seeds", seeds, "Foreign relations of Niger").returncode == 0
    new = make_dump(
        tmp_path,
        [
            page("Foreign relations of Niger", 12, 123, "'''Niger''' again [[Mali]] [[Chad]]\n== Relations ==\n"),
            page("Foreign relations of Chad", 13, 7, "'''Chad''' [[Mali]] [[Niger]]\n== Relations ==\n"),
        ],
    )
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
    asked = ["--update", "Foreign relations of Niger"] if update else ["Foreign relations of Chad"]
    result = pipeline_cli("snapshot", "--dump", new, "--seeds", seeds, *asked)
    note, error = result.stderr.split("\n", 1)  # a dump without its index is scanned, and the run says so first
    assert note == f"note: {new.name} has no multistream index beside it: scanning the whole dump"
    one_line(
        subprocess.CompletedProcess(result.args, result.returncode, result.stdout, error),
        73,
        r"seeds: cannot write here \(Read-only file system\)",
    )
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before


def test_a_full_disk_between_the_article_and_its_entry_changes_neither(tmp_path, monkeypatch):
    """Both files are on disk before either is renamed: the article is never left newer than its entry."""
    from tests.helpers.dumps import make_dump, page

    seeds = tmp_path / "seeds"
    old = make_dump(
        tmp_path, [page("Foreign relations of Niger", 12, 122, "'''Niger''' [[Mali]] [[Chad]]\n== Relations ==\n")]
    )
    assert pipeline_cli("snapshot", "--dump", old, "--seeds", seeds, "Foreign relations of Niger").returncode == 0
    new = make_dump(
        tmp_path,
        [page("Foreign relations of Niger", 12, 123, "'''Niger''' again [[Mali]] [[Chad]]\n== Relations ==\n")],
    )
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    real_fsync, calls = os.fsync, []

    def full_on_the_second(descriptor):
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(descriptor)

    monkeypatch.setattr(files.os, "fsync", full_on_the_second)
    result = pipeline_cli("snapshot", "--dump", new, "--seeds", seeds, "--update", "Foreign relations of Niger")
    note, error = result.stderr.split("\n", 1)  # a dump without its index is scanned, and the run says so first
    assert note == f"note: {new.name} has no multistream index beside it: scanning the whole dump"
    one_line(
        subprocess.CompletedProcess(result.args, result.returncode, "", error),
        73,
        r"cannot write here \(No space left on device\)",
    )
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before


# --- 7. a pipe where a file should be -------------------------------------------------------


@pytest.mark.parametrize("where", ["sources.toml", "a document the manifest names", "a document it does not"])
def test_a_pipe_in_the_seed_folder_is_refused_without_hanging(tmp_path, where):
    seeds = seed_copy(tmp_path / "seeds", sha256=False)
    name = {"sources.toml": "sources.toml", "a document the manifest names": ARTICLE.name}.get(where, "extra.txt")
    (seeds / name).unlink(missing_ok=True)
    os.mkfifo(seeds / name)
    result = ForkedRun("extract", "--seeds", seeds, "--out", tmp_path / "out").result(timeout=60)
    one_line(result, 65, rf"{re.escape(name)}: .*named pipe \(FIFO\), not a regular file")
    assert "not in" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_snapshot_into_a_folder_whose_manifest_is_a_pipe_is_refused(tmp_path):
    from tests.helpers.dumps import three_pages

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    os.mkfifo(seeds / "sources.toml")
    result = ForkedRun("snapshot", "--dump", three_pages(tmp_path), "--seeds", seeds, "Foreign relations of Niger")
    one_line(result.result(timeout=60), 65, r"sources\.toml: the manifest is a named pipe \(FIFO\), not a regular file")
    assert sorted(p.name for p in seeds.iterdir()) == ["sources.toml"]


# --- 8. the mode of what is replaced --------------------------------------------------------


def test_an_empty_private_out_folder_stays_private(tmp_path):
    out, seeds = tmp_path / "extract", small_seeds(tmp_path / "seeds")
    out.mkdir()
    out.chmod(0o700)
    assert pipeline_cli("extract", "--seeds", seeds, "--out", out).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert pipeline_cli("extract", "--seeds", seeds, "--out", out).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o700


def test_a_full_disk_in_a_library_writing_for_the_pipeline_is_one_line(tmp_path, monkeypatch):
    """Great Expectations writes its Data Docs itself: a full disk there is exit 73 too, not a traceback."""
    from pipeline.validate import expectations, report

    def full(findings, folder):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder / "data_docs" / "index.html"))

    monkeypatch.setattr(report, "write_reports", full)
    monkeypatch.setattr(expectations, "run_suites", lambda tables, data_docs=None: [])  # no findings: not read here
    seeds = small_seeds(tmp_path / "seeds")
    result = pipeline_cli(
        "build", "--seeds", seeds, "--out", tmp_path / "pkg", "--reports", tmp_path / "reports", "--no-data-docs", "--jobs", "1"
    )
    one_line(result, 73, r"data_docs/index\.html: cannot write here \(No space left on device\)")
    assert not (tmp_path / "pkg").exists()


def _data_docs(text: str, fail: bool = False):
    """A stand-in for the suites that writes its Data Docs in place, as Great Expectations does,
    and then, with `fail`, meets a full disk."""

    def run_suites(tables, data_docs=None):
        (data_docs / "index.html").write_text(text, encoding="utf-8")
        if fail:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(data_docs / "index.html"))
        return []

    return run_suites


def test_a_failure_while_the_data_docs_are_written_leaves_the_last_ones_whole(tmp_path, monkeypatch):
    from pipeline.validate import expectations

    reports, package, seeds = tmp_path / "reports", tmp_path / "pkg", small_seeds(tmp_path / "seeds")
    build = ("build", "--seeds", seeds, "--out", package, "--reports", reports, "--data-docs", "--jobs", "1")
    monkeypatch.setattr(expectations, "run_suites", _data_docs("the first build's"))
    assert pipeline_cli(*build).returncode == 0
    monkeypatch.setattr(expectations, "run_suites", _data_docs("cut short", fail=True))

    result = pipeline_cli(*build)

    one_line(result, 73, r"cannot write here \(No space left on device\)")
    assert (reports / "data_docs" / "index.html").read_text(encoding="utf-8") == "the first build's"
    assert not [p.name for p in reports.iterdir() if p.name.startswith(".data_docs")]  # no staging folder left


def test_a_killed_builds_staging_folder_for_the_data_docs_is_ours_and_removed(tmp_path, monkeypatch):
    from pipeline.outputs import STAGING, mark
    from pipeline.validate import expectations

    reports, package, seeds = tmp_path / "reports", tmp_path / "pkg", small_seeds(tmp_path / "seeds")
    build = ("build", "--seeds", seeds, "--out", package, "--reports", reports, "--data-docs", "--jobs", "1")
    monkeypatch.setattr(expectations, "run_suites", _data_docs("first"))
    assert pipeline_cli(*build).returncode == 0
    killed = reports / ".data_docs.building-x1y2"  # as a build killed while Great Expectations wrote leaves it
    (killed / "new").mkdir(parents=True)
    mark(killed, STAGING)
    mine = reports / ".data_docs.building-mine"  # named like one, but not marked: the user's, refused
    monkeypatch.setattr(expectations, "run_suites", _data_docs("second"))

    assert pipeline_cli(*build).returncode == 0
    assert not killed.exists() and (reports / "data_docs" / "index.html").read_text(encoding="utf-8") == "second"
    mine.mkdir()
    one_line(pipeline_cli(*build), 73, r"\.data_docs\.building-mine")
    assert mine.is_dir()
