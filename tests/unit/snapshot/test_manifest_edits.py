"""`pipeline snapshot` edits seeds/sources.toml with tomlkit: what it does not change stays as
the user wrote it, byte for byte (other entries, comments, blank lines, a literal string)."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.errors import InputError
from pipeline.snapshot.manifest import SeedFolder, save_article
from pipeline.snapshot.records import Article
from pipeline.sources import read_manifest

MALI, MALI_ID = "Foreign relations of Mali", "foreign-relations-of-mali"
OLD_TEXT, NEW_TEXT = "'''Mali''' has relations.\n", "'''Mali''' has relations with Niger.\n"
X_SHA256 = hashlib.sha256(b"x\n").hexdigest()
HEAD = """# Where each seed document came from.
# Mali: fetched by pipeline snapshot; Niger saved by hand.

[[source]]  # the subject
source_id = "foreign-relations-of-mali"   # kept across revisions
path = "foreign-relations-of-mali.wikitext"
title = "Foreign relations of Mali"
# the revision first read
revision_id = "1001"
"""
MALI_OLD_TAIL = f"""sha256 = "{hashlib.sha256(OLD_TEXT.encode()).hexdigest()}"
revision_not_before = "2025-04"
"""
NIGER = """
# Niger: saved by hand from the browser
[[source]]
source_id = "niger"
path = "003_niger.txt"
title = 'Foreign relations of Niger'   # a literal string
retrieved = "2025-04-02"
"""


def article(title: str, revision_id: int, text: str) -> Article:
    slug = title.replace(" ", "_")
    return Article(
        title,
        text,
        revision_id,
        "2026-01-01T00:00:00Z",
        7,
        f"https://en.wikipedia.org/w/index.php?oldid={revision_id}",
        url=f"https://en.wikipedia.org/wiki/{slug}",
        tool="pipeline-test/1",
    )


@pytest.fixture
def seeds(tmp_path):
    (tmp_path / "foreign-relations-of-mali.wikitext").write_text(OLD_TEXT, encoding="utf-8")
    (tmp_path / "003_niger.txt").write_text("'''Niger''' saved by hand.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(HEAD + MALI_OLD_TAIL + NIGER, encoding="utf-8")
    return tmp_path


def test_an_update_rewrites_its_entry_and_keeps_every_comment_and_the_other_entry(seeds):
    saved = save_article(SeedFolder.load(seeds), article(MALI, 1002, NEW_TEXT), "2026-01-02", update=True)

    assert (saved.status, saved.source_id) == ("replaced", MALI_ID)
    # the entry's comments, and its values that stay, as written; revision_not_before (known now) gone;
    # the snapshot's new keys after its last key, before the comment that opens Niger's entry
    assert (seeds / "sources.toml").read_text(encoding="utf-8") == HEAD.replace('"1001"', '"1002"') + (
        f'sha256 = "{hashlib.sha256(NEW_TEXT.encode()).hexdigest()}"\n'
        'url = "https://en.wikipedia.org/wiki/Foreign_relations_of_Mali"\n'
        'permalink = "https://en.wikipedia.org/w/index.php?oldid=1002"\n'
        'format = "wikitext"\n'
        'page_id = "7"\n'
        'revision_timestamp = "2026-01-01T00:00:00Z"\n'
        'retrieved = "2026-01-02"\n'
        'snapshot_tool = "pipeline-test/1"\n'
    ) + NIGER
    assert [e["source_id"] for e in read_manifest(seeds / "sources.toml")] == [MALI_ID, "niger"]


def test_a_new_entry_goes_after_the_others_which_stay_byte_for_byte(seeds):
    before = (seeds / "sources.toml").read_text(encoding="utf-8")
    folder = SeedFolder.load(seeds)

    saved = save_article(folder, article("Foreign relations of Chad", 5, "'''Chad'''\n"), "2026-01-02", update=False)
    save_article(folder, article('Foreign relations of "Tab\tland"', 6, "x\n"), "2026-01-02", update=False)

    assert (saved.status, saved.path) == ("written", "foreign-relations-of-chad.wikitext")
    after = (seeds / "sources.toml").read_text(encoding="utf-8")
    assert after.startswith(before + "\n[[source]]\n")
    assert after[len(before) :].split("[[source]]\n")[2] == (
        'source_id = "foreign-relations-of-tab-land"\n'
        'path = "foreign-relations-of-tab-land.wikitext"\n'
        'title = "Foreign relations of \\"Tab\\tland\\""\n'
        'url = "https://en.wikipedia.org/wiki/Foreign_relations_of_\\"Tab\\tland\\""\n'
        'permalink = "https://en.wikipedia.org/w/index.php?oldid=6"\n'
        'format = "wikitext"\n'
        'page_id = "7"\n'
        'revision_id = "6"\n'
        'revision_timestamp = "2026-01-01T00:00:00Z"\n'
        'retrieved = "2026-01-02"\n'
        f'sha256 = "{X_SHA256}"\n'
        'snapshot_tool = "pipeline-test/1"\n'
    )
    titles = [e["title"] for e in read_manifest(seeds / "sources.toml")]
    assert titles == [MALI, "Foreign relations of Niger", "Foreign relations of Chad", 'Foreign relations of "Tab\tland"']


def test_a_first_entry_follows_the_header_after_a_blank_line(tmp_path):
    save_article(SeedFolder.load(tmp_path), article(MALI, 1, OLD_TEXT), "2026-01-02", update=False)

    text = (tmp_path / "sources.toml").read_text(encoding="utf-8")
    assert text.startswith(
        "# Where each seed document came from. One [[source]] per file in this folder.\n\n[[source]]\n"
        f'source_id = "{MALI_ID}"\n'
    )


def test_entries_written_as_an_inline_array_are_refused_in_one_line(tmp_path):
    (tmp_path / "sources.toml").write_text('source = [{source_id = "a", path = "a.txt"}]\n', encoding="utf-8")

    with pytest.raises(InputError) as refused:
        SeedFolder.load(tmp_path)

    assert str(refused.value) == (
        f"{tmp_path / 'sources.toml'}: `source` is not an array of [[source]] tables; write each entry as [[source]]"
    )


def test_a_write_that_fails_leaves_the_manifest_the_run_holds_as_on_disk(seeds, monkeypatch):
    folder = SeedFolder.load(seeds)
    on_disk = (seeds / "sources.toml").read_text(encoding="utf-8")

    def full_disk(contents):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pipeline.snapshot.manifest.write_files", full_disk)
    with pytest.raises(OSError, match="No space left"):
        save_article(folder, article("Foreign relations of Chad", 5, "'''Chad'''\n"), "2026-01-02", update=False)

    assert folder.manifest.as_string() == on_disk
    assert (seeds / "sources.toml").read_text(encoding="utf-8") == on_disk
