"""The data README (pipeline/package/docs.py) escapes what the descriptor's sources put into it,
and the committed one is what the code writes."""

from __future__ import annotations


def test_data_dictionary_escapes_a_hostile_source():
    import json

    from pipeline.package.docs import data_dictionary
    from pipeline.package.stage import read_tables
    from tests.helpers import ROOT

    descriptor = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["sources"] = [
        {"title": "Evil\n# Heading <script>x</script>", "path": "javascript:alert(1)", "sha256": "0" * 64},
        {"title": "T", "path": "seeds/a|b\n.txt", "license": "MIT)\n\n| x |", "sha256": "1" * 64},
    ]
    readme = data_dictionary(descriptor, read_tables(ROOT / "datapackage"))
    lines = readme.split("\n")
    assert not [line for line in lines if line.startswith("# Heading")]
    assert "<script>" not in readme and "<javascript:" not in readme and "](javascript:" not in readme
    assert lines[lines.index("## Sources and licenses") + 2 : lines.index("## Sources and licenses") + 4] == [
        "- Evil \\# Heading \\<script\\>x\\</script\\> javascript:alert(1) (license: not known, sha256 `"
        + "0" * 64
        + "`)",
        "- T seeds/a\\|b .txt (license: MIT) \\| x \\|, sha256 `" + "1" * 64 + "`)",
    ]


def test_data_dictionary_of_the_real_package_is_unchanged():
    import json

    from pipeline.package.docs import data_dictionary
    from pipeline.package.stage import read_tables
    from tests.helpers import ROOT

    descriptor = json.loads((ROOT / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert data_dictionary(descriptor, read_tables(ROOT / "datapackage")) == (
        ROOT / "datapackage" / "README.md"
    ).read_text(encoding="utf-8")
