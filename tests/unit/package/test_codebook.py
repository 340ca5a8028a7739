"""The codebook (CODEBOOK.md): generated with the package from the schema's declarations (each
table's and field's `rules`) and the package's tables; what a row is, its unit and rules, how
current each source is, the limitations, a glossary; every seed value escaped."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.package.codebook import codebook
from pipeline.schema import TABLES


def test_the_built_codebook_has_every_table_its_rules_sources_limitations_and_glossary(built: Path):
    book = (built / "CODEBOOK.md").read_text(encoding="utf-8")
    headings = [line for line in book.splitlines() if line.startswith("## ")]
    assert headings == [
        '## Sources and what "as of" means',
        "## Rules several tables share",
        "## Tables",
        "## Limitations",
        "## Glossary",
    ]
    assert [line.split("`")[1] for line in book.splitlines() if line.startswith("### ")] == [t.name for t in TABLES]
    for table in TABLES:  # every rule the schema declares is in the codebook, once
        assert table.rules is None or table.rules.replace("<", "\\<") in book
        for field in table.fields:
            assert field.rules is None or field.rules.replace("<", "\\<") in book, (table.name, field.name)
    # seeds/sources.toml: the article is a mirror's copy of a revision of 2025-04 or later; the fact
    # sheet a page saved by hand, from about 2013
    assert (
        "- Foreign relations of Mali (`foreign-relations-of-mali`): a third-party mirror's copy, with no revision "
        "id; a revision of 2025-04 or later (the retrieval date is not known)." in book
    )
    assert "**U.S. Relations With Mali dates from about 2013**" in book
    # the seed's memberships: one sentence dates one (former member, 2014-02-16 to 2022-05-15), 20 are undated
    assert "20 of 21 memberships have no date" in book
    assert "OAU" in book.split("## Limitations")[1]  # listed as current though the African Union replaced it
    assert "**Rows:** 161, all from Foreign relations of Mali, as of that source (above)." in book
    for term in ("wikitext", "template", "`<ref>`", "revision"):
        assert f"- **{term}**: " in book


def test_the_data_readme_links_the_codebook(built: Path):
    readme = (built / "README.md").read_text(encoding="utf-8")
    assert "[CODEBOOK.md](CODEBOOK.md)" in readme.split("## ")[0]


def test_seed_values_in_the_codebook_are_escaped():
    hostile = "<script>x</script> # [a](javascript:b) |c|"
    sources = pd.DataFrame(
        [{"source_id": "s", "title": hostile, "source_kind": "mirror_copy", "revision_not_before": "2025-04"}]
    )
    memberships = pd.DataFrame([{"since": None, "status": "member", "abbreviation": "<b>OAU</b>", "source_id": "s"}])
    tables = {"sources": sources, "memberships": memberships}
    book = codebook({"title": "T <i>", "version": "1.0.0"}, tables)
    assert "<script>" not in book and "<b>" not in book and "<i>" not in book
    assert "\\<script\\>x\\</script\\> \\# \\[a\\](javascript:b) \\|c\\|" in book
    assert "(check each; those listed as current: \\<b\\>OAU\\</b\\>)" in book
