"""Hostile seed manifests (pipeline/sources.py, pipeline/manifest_entries.py): seed paths that
leave the seed folder and entries of the wrong shape. Each gives one clear line, its exit
status, no traceback, and leaves the user's files as they were."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from tests.helpers import ARTICLE, FACT_SHEET, snapshot
from tests.helpers.seeds import MANIFEST, assert_one_line, run, seeds_with

SECRET = b"root:x:0:0:a file outside the seed folder\n"


def refused(seeds: Path, tmp_path: Path, pattern: str, status: int = 65) -> str:
    """Run `clean` on `seeds`: it exits `status` with one line matching `pattern`, writes
    nothing and changes no file of the user's. The line, for comparisons."""
    before = snapshot(tmp_path)
    code, stderr = run(seeds, tmp_path)
    assert code == status, stderr
    assert_one_line(stderr, pattern)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "out").exists()
    return stderr


def short_article() -> bytes:
    """The seed article cut to the first rows of each relations table (2 listed, 5 bilateral; 17 of
    its 82 KB): a document the manifest names, read in a fraction of the whole one's time, for the
    tests about paths and links."""
    data = ARTICLE.read_bytes()
    listing, bilateral = data.index(b"==Diplomatic relations=="), data.index(b"==Bilateral relations==")
    third_listed = data.index(b"|- |3 |", listing)
    third_noted = [i for i in range(bilateral, len(data)) if data.startswith(b'|- valign="top"', i)][2]
    return data[:third_listed] + data[data.index(b"|}", listing) : third_noted] + data[data.index(b"|}", bilateral) :]


def entry(path: str, source_id: str = "a", extra: str = "") -> str:
    """A manifest of one [[source]] entry."""
    return f'[[source]]\nsource_id = "{source_id}"\npath = "{path}"\n{extra}'


# Seed paths that leave the seed folder


@pytest.mark.parametrize(
    ("there", "missing"),
    [
        ("/etc/passwd", "/etc/no-such-file-anywhere"),
        ("../../../../../../../../etc/passwd", "../../../../../../../../etc/no-such-file-anywhere"),
        ("../secret.txt", "../no-such-file.txt"),
        ("./../secret.txt", "./../no-such-file.txt"),
        ("sub/../../secret.txt", "sub/../../no-such-file.txt"),
    ],
    ids=["absolute", "dot-dot-to-etc", "dot-dot-next-door", "dot-slash-dot-dot", "down-then-up"],
)
def test_manifest_path_outside_the_folder_is_refused_without_probing(tmp_path, there, missing):
    (tmp_path / "secret.txt").write_bytes(SECRET)
    lines = []
    for path in (there, missing):
        case = tmp_path / ("there" if path == there else "missing")
        case.mkdir()
        seeds = seeds_with(case, manifest=entry(path))
        lines.append(
            refused(
                seeds,
                case,
                rf"error: .*/seeds/sources.toml: \[\[source\]\] #1: path '{path}' is not the name of a file in "
                r"the seed folder; copy the file into .*/seeds and give its file name alone",
            )
        )
    # Whether the outside file exists makes no difference: the manifest cannot probe for files.
    assert lines[0].replace(there, "P").replace("/there/", "/") == lines[1].replace(missing, "P").replace(
        "/missing/", "/"
    )
    assert (tmp_path / "secret.txt").read_bytes() == SECRET


@pytest.mark.parametrize("listed", [False, True], ids=["unlisted", "listed"])
def test_seed_that_links_outside_the_folder_is_refused(tmp_path, listed):
    (tmp_path / "secret.txt").write_bytes(SECRET)
    manifest = MANIFEST + "\n" + entry("evil.txt", "evil") if listed else MANIFEST
    lines = []
    for target in ("secret.txt", "no-such-file.txt"):
        case = tmp_path / target.split(".")[0]
        case.mkdir()
        seeds = seeds_with(case, manifest=manifest)
        (seeds / "evil.txt").symlink_to(tmp_path / target)
        lines.append(
            refused(
                seeds,
                case,
                rf"error: .*/seeds/evil.txt: is a link to '{tmp_path / target}', outside the seed folder; "
                r"remove the link or copy the file into the folder",
            )
        )
        assert (seeds / "evil.txt").is_symlink()
    assert lines[0].replace("/secret/", "/").replace("secret.txt'", "T'") == lines[1].replace(
        "/no-such-file/", "/"
    ).replace("no-such-file.txt'", "T'")
    assert (tmp_path / "secret.txt").read_bytes() == SECRET


def test_seed_folder_reached_through_a_link_is_resolved_once(tmp_path):
    """--seeds names a link to the folder: the folder it resolves to is the root, so a link
    inside it by that real path is inside, and one up from it is outside."""
    (tmp_path / "real").mkdir()
    real = seeds_with(tmp_path / "real", short_article())
    (tmp_path / "linked").symlink_to(real)
    (real / "copy.txt").symlink_to(real / FACT_SHEET.name)
    code, stderr = run(tmp_path / "linked", tmp_path)
    assert (code, stderr) == (0, "")
    (tmp_path / "real" / "secret.txt").write_bytes(SECRET)
    (real / "up.txt").symlink_to(Path("..") / "secret.txt")
    refused(
        tmp_path / "linked",
        tmp_path / "real",
        rf"error: .*/linked/up.txt: is a link to '{tmp_path / 'real' / 'secret.txt'}', outside the seed folder; .*",
    )


def test_manifest_that_links_outside_the_folder_is_refused(tmp_path):
    (tmp_path / "outside.toml").write_text(MANIFEST, encoding="utf-8")
    seeds = seeds_with(tmp_path)
    (seeds / "sources.toml").unlink()
    (seeds / "sources.toml").symlink_to(tmp_path / "outside.toml")
    refused(
        seeds,
        tmp_path,
        rf"error: .*/seeds/sources.toml: is a link to '{tmp_path / 'outside.toml'}', outside the seed folder; "
        r"remove the link or copy the file into the folder",
    )


def test_link_to_a_file_inside_the_folder_is_read_like_that_file(tmp_path):
    seeds = seeds_with(tmp_path, short_article())
    (seeds / "copy.txt").symlink_to(FACT_SHEET.name)
    code, stderr = run(seeds, tmp_path)
    assert (code, stderr) == (0, "")
    with (tmp_path / "out" / "sources.csv").open(encoding="utf-8") as file:
        rows = {row["source_id"]: row for row in csv.DictReader(file)}
    assert (rows["copy"]["path"], rows["copy"]["in_manifest"]) == ("copy.txt", "false")
    assert rows["copy"]["sha256"] == rows["us-state-department-relations-with-mali"]["sha256"]


@pytest.mark.parametrize("name", ["README.md", ".hidden.txt", "sources.toml"])
def test_manifest_path_naming_a_file_that_is_never_read(tmp_path, name):
    seeds = seeds_with(tmp_path, manifest=MANIFEST + "\n" + entry(name, "skipped"))
    (seeds / name).write_bytes((seeds / name).read_bytes() if name == "sources.toml" else b"notes")
    refused(
        seeds,
        tmp_path,
        rf"error: .*/sources.toml: \[\[source\]\] #3: path '{re.escape(name)}' names a file that is never read as "
        r"a seed document \(its name starts with '\.', ends in \.md or is sources\.toml\); rename the file and its path",
    )


def test_manifest_that_is_a_folder(tmp_path):
    seeds = seeds_with(tmp_path)
    (seeds / "sources.toml").unlink()
    (seeds / "sources.toml").mkdir()
    refused(
        seeds,
        tmp_path,
        r"error: .*/sources.toml: the manifest is a folder, not a regular file; make it a readable file",
    )


# Manifest entries of the wrong shape


def test_two_entries_with_one_path(tmp_path):
    manifest = MANIFEST + "\n" + entry(ARTICLE.name, "again")
    refused(
        seeds_with(tmp_path, manifest=manifest),
        tmp_path,
        rf"error: .*/sources.toml: \[\[source\]\] #3: path '{ARTICLE.name}' is already named by \[\[source\]\] #1; "
        r"keep one entry per file",
    )


@pytest.mark.parametrize(
    ("manifest", "what"),
    [
        ('source = ["foreign-relations-of-mali", "b"]\n', r"a string \('foreign-relations-of-mali'\)"),
        ("source = [1, 2]\n", r"an integer \(1\)"),
        ("source = [[1]]\n", r"an array"),
    ],
    ids=["strings", "numbers", "arrays"],
)
def test_entry_that_is_not_a_table(tmp_path, manifest, what):
    refused(
        seeds_with(tmp_path, manifest=manifest),
        tmp_path,
        rf"error: .*/sources.toml: \[\[source\]\] #1: is {what}, not a table; "
        r'write each entry as \[\[source\]\] with key = "value" lines',
    )


@pytest.mark.parametrize(
    ("line", "field", "what"),
    [
        ("title = 5", "title", r"an integer \(5\)"),
        ('url = ["https://a.example", "https://b.example"]', "url", "an array"),
        ("retrieved = 2025-04-01", "retrieved", r"a date or time \(2025-04-01\)"),
        ("license = true", "license", r"a boolean \(true\)"),
        ("publisher = { name = 'x' }", "publisher", "a table"),
        ("attribution = 1.5", "attribution", r"a float \(1\.5\)"),
    ],
    ids=["integer", "array", "date", "boolean", "table", "float"],
)
def test_field_that_is_not_a_string(tmp_path, line, field, what):
    lines = [kept for kept in MANIFEST.split("\n") if not kept.startswith(f"{field} = ")]
    manifest = "\n".join(lines) + f"\n{line}\n"  # in the second entry, the last
    refused(
        seeds_with(tmp_path, manifest=manifest),
        tmp_path,
        rf"error: .*/sources.toml: \[\[source\]\] #2: `{field}` is {what}, not a string; "
        rf'write it in quotes: {field} = "\.\.\."',
    )


@pytest.mark.parametrize(("line", "field"), [("source_id = 7", "source_id"), ("path = 4", "path")])
def test_required_field_that_is_not_a_string(tmp_path, line, field):
    other = 'path = "x.txt"' if field == "source_id" else 'source_id = "x"'
    refused(
        seeds_with(tmp_path, manifest=f"[[source]]\n{line}\n{other}\n"),
        tmp_path,
        rf"error: .*/sources.toml: \[\[source\]\] #1: `{field}` is an integer \(\d\), not a string; .*",
    )


def test_source_id_too_long(tmp_path):
    manifest = MANIFEST.replace('"foreign-relations-of-mali"', '"' + "m" * 5000 + '"')
    refused(
        seeds_with(tmp_path, manifest=manifest),
        tmp_path,
        r"error: .*/sources.toml: \[\[source\]\] #1: source_id is 5,000 characters long, more than the 100 "
        r"a source id can have; shorten it",
    )


def test_source_id_of_100_characters_is_accepted(tmp_path):
    manifest = MANIFEST.replace('"foreign-relations-of-mali"', '"' + "m" * 100 + '"')
    code, stderr = run(seeds_with(tmp_path, short_article(), manifest=manifest), tmp_path)
    assert (code, stderr) == (0, "")


def test_unlisted_file_whose_name_makes_too_long_an_id(tmp_path):
    seeds = seeds_with(tmp_path)
    (seeds / ("n" * 101 + ".txt")).write_bytes(FACT_SHEET.read_bytes())
    refused(
        seeds,
        tmp_path,
        r"error: .*/n{101}\.txt: the file is not in sources.toml and its name gives a source id of 101 characters, "
        r"more than the 100 a source id can have; rename the file or add a \[\[source\]\] entry with a shorter "
        r"source_id",
    )


def test_unlisted_file_whose_name_makes_an_id_already_taken(tmp_path):
    seeds = seeds_with(tmp_path)
    (seeds / "Foreign relations of Mali.txt").write_bytes(FACT_SHEET.read_bytes())
    refused(
        seeds,
        tmp_path,
        r"error: .*/seeds/Foreign relations of Mali.txt: the file is not in sources.toml and the source id made "
        rf"from its name, 'foreign-relations-of-mali', is already the id of {ARTICLE.name}; "
        r"add a \[\[source\]\] entry for it with its own source_id",
    )


def test_links_are_checked_without_following_loops(tmp_path):
    seeds = seeds_with(tmp_path, short_article())
    os.symlink("loop-b.txt", seeds / "loop-a.txt")
    os.symlink("loop-a.txt", seeds / "loop-b.txt")
    code, stderr = run(seeds, tmp_path)  # a loop is no document: the two real ones are read
    assert (code, stderr) == (0, "")
