"""Value sets come from the schema alone: the manifest formats, a table's fields, the date precisions."""

from __future__ import annotations

import pytest

from pipeline.schema import BY_NAME, PRECISIONS

# Value sets come from the schema alone.


def test_the_manifest_accepts_exactly_the_schema_formats(tmp_path):
    from pipeline.errors import InputError
    from pipeline.manifest_entries import FORMATS
    from pipeline.sources import read_manifest

    assert (
        FORMATS == ("mediawiki-edit-page", "wikitext", "plain-text") == tuple(BY_NAME["sources"].field("format").enum)
    )
    manifest = tmp_path / "sources.toml"
    for format in FORMATS:
        manifest.write_text(f'[[source]]\nsource_id = "a"\npath = "a.txt"\nformat = "{format}"\n', encoding="utf-8")
        assert read_manifest(manifest)[0]["format"] == format
    manifest.write_text('[[source]]\nsource_id = "a"\npath = "a.txt"\nformat = "pdf"\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_manifest(manifest)
    assert str(error.value).endswith("format 'pdf' is unknown; use one of mediawiki-edit-page, wikitext, plain-text")


def test_a_table_names_its_fields_and_refuses_others():
    assert BY_NAME["events"].field("date_precision").enum == PRECISIONS == ["day", "month", "year", "unknown"]
    with pytest.raises(KeyError, match="sources has no field 'colour'"):
        BY_NAME["sources"].field("colour")


def test_the_date_parser_gives_only_the_schema_precisions():
    from pipeline.clean.dates import parse_partial_date

    given = ["20 August 1960", "April 1979", "1960", "Unknown", "Spring 1962", "{{dts|1960|8}}"]
    assert [parse_partial_date(text).precision for text in given] == [
        "day",
        "month",
        "year",
        "unknown",
        "unknown",
        "month",
    ]
    assert {parse_partial_date(text).precision for text in given} == set(PRECISIONS)
