"""The relations read with extract's definitions: one "See [[...]]" pointer splits the main article
from the note's sentences, and a missing table points at the markup extract found open."""

from __future__ import annotations

import re

import pytest

from tests.helpers.articles import article, cleaned

# One "See [[...]]" pointer and one leading-"the" rule.


def test_the_main_article_and_the_note_sentences_split_at_one_see_pointer(tmp_path, monkeypatch):
    notes = " See [[France–Mali relations]] France has an embassy in [[Bamako]]."
    text = article([("1", "France", "{{dts|20 August 1960}}")], [("France", "20 August 1960", notes)])
    tables = cleaned(tmp_path / "a", text)  # folders a and b: one seed folder per run
    assert list(tables["bilateral_relations"]["main_article"]) == ["France–Mali relations"]
    assert list(tables["missions"]["statement"]) == ["France has an embassy in Bamako."]
    import pipeline.clean.relations as relations

    monkeypatch.setattr(relations, "_SEE", re.compile(r"(?!)"))  # the one definition, changed
    tables = cleaned(tmp_path / "b", text)
    assert tables["bilateral_relations"]["main_article"].isna().all()
    assert list(tables["missions"]["statement"]) == ["See France–Mali relations France has an embassy in Bamako."]


def test_a_missing_table_points_at_the_markup_extract_found_open(tmp_path):
    from pipeline.clean.relations import relation_tables
    from pipeline.errors import InputError
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources
    from tests.helpers.seeds import article_with, seeds_with

    seeds = seeds_with(tmp_path, article_with(b"{{Flag|France}}", b"{{Flag|France}"))
    item = next(item for item in extract(load_sources(seeds)) if item.wikitext)
    assert item.unclosed_markup() == ("{{", 12526)  # a byte offset in the seed file
    assert item.document.data[12526:12540] == b"{{Flag|France}"
    with pytest.raises(InputError, match=r": byte 12526: .*a '\{\{' opened here never closes and swallows"):
        relation_tables(item)
