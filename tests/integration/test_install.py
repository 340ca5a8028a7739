"""The tool as a user installs it: the wheel, in a virtual environment of its own outside the
checkout; the lock `make` installs from; the extras; packages written under the former name.

The wheel test works offline: the wheel is built by the setuptools of the project's .venv
(pinned by the lock; its build backend called as pip calls it) and installed by pip without
its dependencies, which the new environment takes from the project's .venv through a .pth
file (a path, so the checkout's editable install is not loaded there).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.helpers import FIXTURES, ROOT, pipeline_cli
from tests.helpers.dumps import make_dump, page

LOCK = ROOT / "requirements" / "lock.txt"
DYADS = FIXTURES / "dyads"
# The wheel built as a frontend builds it: pyproject.toml's build backend, its PEP 517 `build_wheel`
# called in the source folder without build isolation. This is what `pip wheel --no-build-isolation`
# runs, without pip's own start-up before it (a second of CPU).
BUILD_WHEEL = "import importlib, sys; importlib.import_module(sys.argv[1]).build_wheel(sys.argv[2])"


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def installed_wheel(tmp_path: Path) -> Path:
    """A new virtual environment in `tmp_path` with the project's wheel installed; its bin/."""
    source = tmp_path / "source"  # built from a copy: the checkout gets no build/ or *.egg-info
    shutil.copytree(ROOT / "pipeline", source / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    backend = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["build-backend"]
    run([sys.executable, "-c", BUILD_WHEEL, backend, tmp_path / "wheels"], cwd=source)
    (wheel,) = (tmp_path / "wheels").glob("foreign_relations_data-*.whl")
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pipeline").rglob("*.*") if p.suffix not in (".py", ".pyc")}
    assert data and data <= set(zipfile.ZipFile(wheel).namelist())  # every data file the code reads ships in it
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel], tmp_path)
    return venv / "bin"


@pytest.mark.slow
def test_the_wheel_snapshots_builds_and_loads_sqlite_outside_the_checkout(tmp_path):
    bin_ = installed_wheel(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "GX_ANALYTICS_ENABLED": "false"}
    where = run([bin_ / "python", "-c", "import pipeline; print(pipeline.__file__)"], tmp_path, env).stdout
    assert Path(where.strip()).is_relative_to(tmp_path / "venv") and not Path(where.strip()).is_relative_to(ROOT)
    articles = [(title, DYADS / f"foreign_relations_of_{title.lower()}.wikitext") for title in ("Niger", "Chad")]
    pages = [page(f"Foreign relations of {title}", 20 + i, 200 + i, path.read_text()) for i, (title, path) in enumerate(articles)]
    dump = make_dump(tmp_path, pages)

    snapshot = run([bin_ / "pipeline", "snapshot", "--dump", dump, "--seeds", "seeds", "--retrieved", "2026-01-02"], tmp_path, env)
    build = run([bin_ / "pipeline", "build", "--seeds", "seeds", "--out", "package", "--reports", "reports", "--no-data-docs"], tmp_path, env)
    sql = run([bin_ / "pipeline", "sqlite", "--package", "package", "--out", "relations.sqlite"], tmp_path, env)

    assert snapshot.stdout.splitlines() == [
        "written: Foreign relations of Niger: revision 200 as seeds/foreign-relations-of-niger.wikitext",
        "written: Foreign relations of Chad: revision 201 as seeds/foreign-relations-of-chad.wikitext",
    ]
    descriptor = json.loads((tmp_path / "package" / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["name"], descriptor["pipeline"]["name"]) == ("foreign-relations-of-2-countries", "foreign-relations-pipeline")
    assert build.stdout.startswith(f"built: {tmp_path / 'package'} version 1.0.0; Data quality: 0 errors, ")
    assert sql.stdout == f"wrote {tmp_path / 'relations.sqlite'}\nwrote {tmp_path / 'relations.metadata.json'}\n"
    connection = sqlite3.connect(tmp_path / "relations.sqlite")
    rows = connection.execute("SELECT subject_iso3, partner_iso3, established FROM diplomatic_relations ORDER BY 1, 2").fetchall()
    connection.close()
    assert rows == [
        ("NER", "FRA", "1960-08-03"), ("NER", "NGA", "1962"), ("NER", "TCD", "1961-12-14"),
        ("TCD", "FRA", "1960-08-11"), ("TCD", "NER", "1963-03-02"), ("TCD", "SDN", "1961-01-01"),
    ]  # fmt: skip


# The lock: every dependency pinned, with hashes, within pyproject.toml's ranges.


def lock_pins() -> dict[str, tuple[str, int]]:
    """Name -> (version, number of hashes) of each `name==version` entry of the lock."""
    entries = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", LOCK.read_text(), re.M)
    return {canonicalize_name(name): (version, hashes.count("--hash")) for name, version, hashes in entries}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = project["project"]["optional-dependencies"]
    texts = project["build-system"]["requires"] + project["project"]["dependencies"]
    return [Requirement(text) for text in texts + [t for extra in extras.values() for t in extra]]


def test_the_lock_pins_every_declared_dependency_within_its_range_with_hashes():
    pins = lock_pins()
    assert len(pins) == LOCK.read_text().count("==")  # every pin has its hashes
    for requirement in declared():
        version, hashes = pins[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)
        assert hashes >= 1


def test_pycountry_which_decides_country_names_is_pinned_and_bounded():
    (pycountry,) = [r for r in declared() if r.name == "pycountry"]
    assert any(spec.operator == "<" for spec in pycountry.specifier)
    assert re.search(r"^pycountry==\d+\.\d+\.\d+ \\$", LOCK.read_text(), re.M)


def test_make_installs_from_the_lock_and_reinstalls_when_it_changes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\$\(STAMP\): \$\(LOCK\) pyproject\.toml$", makefile, re.M)
    assert "pip install --quiet --require-hashes -r $(LOCK)" in makefile
    assert "LOCK   := requirements/lock.txt" in makefile
    assert "make lock" in (ROOT / "README.md").read_text(encoding="utf-8")


# The former name: what it marked is still ours.


def test_a_package_and_metadata_written_under_the_former_name_are_recognised(built, tmp_path):
    from pipeline.outputs import package_owned
    from pipeline.sql.publish import metadata_owned

    package = tmp_path / "datapackage"
    shutil.copytree(built, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["pipeline"]["name"] == "foreign-relations-pipeline"
    for name, ours in (("mali-foreign-relations-pipeline", None), ("another-tool", "datapackage.json")):
        descriptor["pipeline"]["name"] = name
        (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        assert package_owned(package) == ours
    metadata = tmp_path / "db.metadata.json"
    for generated_by, ours in (("mali-foreign-relations-pipeline sqlite", True), ("another-tool", False)):
        metadata.write_text(json.dumps({"generated_by": generated_by}), encoding="utf-8")
        assert metadata_owned(metadata) is ours


def test_sqlite_without_its_extra_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)  # `import sqlite_utils` fails, as where it is not installed
    result = pipeline_cli("sqlite", "--package", ROOT / "datapackage", "--out", "never.sqlite", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (69, "")
    assert result.stderr == (
        "error: pipeline sqlite: needs sqlite-utils, which is not installed; "
        "install the [sql] extra: pip install 'foreign-relations-data[sql]'\n"
    )
    assert list(tmp_path.iterdir()) == []
