"""Trust and citation: the seed documents travel in the package (every byte span checkable from
the package alone), the data README names nothing outside the package, and the citation
metadata (contributors, homepage, CITATION.cff) comes from one place."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import ARTICLE, FACT_SHEET, ROOT

ARTICLE_SHA = "f76adf97aaca60c8e94df86f8be050e3f783463fedd03ae1bd11fc59e597b7a5"  # /work/shared/seeds/README.md
FACT_SHEET_SHA = "d9033215083026db806bd1e050615899a6f839f1a4669b82aa641bc204179775"


def descriptor_of(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_the_seed_documents_are_resources_with_hash_bytes_and_license(built):
    files = [r for r in descriptor_of(built)["resources"] if "schema" not in r]
    shown = [(r["name"], r["path"], r["bytes"], r["hash"], [x["name"] for x in r["licenses"]]) for r in files]
    assert shown == [
        (
            "source-us-state-department-relations-with-mali",
            "sources/000_e2e35c128b143355.txt",
            2526,
            f"sha256:{FACT_SHEET_SHA}",
            ["other-pd"],
        ),
        (
            "source-foreign-relations-of-mali",
            "sources/004_5564c2f49d038939.txt",
            82469,
            f"sha256:{ARTICLE_SHA}",
            ["CC-BY-SA-4.0"],
        ),
    ]
    assert (built / "sources" / ARTICLE.name).read_bytes() == ARTICLE.read_bytes()
    assert (built / "sources" / FACT_SHEET.name).read_bytes() == FACT_SHEET.read_bytes()
    assert "Credit: Wikipedia contributors" in files[1]["description"]


def test_every_rows_byte_span_reads_from_the_packaged_copy(tables, built):
    documents = {row.source_id: (built / "sources" / row.path).read_bytes() for row in tables["sources"].itertuples()}
    checked = 0
    for name, frame in tables.items():
        if "source_start" not in frame.columns:
            continue
        for row in frame.to_dict("records"):
            piece = documents[row["source_id"]][int(row["source_start"]) : int(row["source_end"])]
            assert piece and piece.decode("utf-8"), (name, row)
            checked += 1
    assert checked == sum(len(f) for f in tables.values() if "source_start" in f.columns)
    relations = tables["diplomatic_relations"]
    for row in relations.to_dict("records"):  # the span holds the partner cell as written
        assert (
            row["partner_raw"].encode()
            in documents[row["source_id"]][int(row["source_start"]) : int(row["source_end"])]
        )
    for row in tables["citations"].to_dict("records"):  # the span is the <ref> tag
        assert documents[row["source_id"]][int(row["source_start"]) : int(row["source_end"])].startswith(b"<ref")


@pytest.mark.gate
def test_a_changed_packaged_document_fails_validation(built, tmp_path):
    from pipeline.validate.gate import frictionless_errors

    copy = tmp_path / "package"
    shutil.copytree(built, copy)
    path = copy / "sources" / FACT_SHEET.name
    path.write_bytes(path.read_bytes().replace(b"Mali", b"Mall", 1))
    errors = frictionless_errors(copy)
    assert errors and all("source-us-state-department-relations-with-mali" in e and "hash-count" in e for e in errors)


def test_a_package_with_its_sources_folder_is_ours_and_a_file_added_there_is_not(built, tmp_path):
    from pipeline.outputs import package_owned

    assert package_owned(built) is None
    copy = tmp_path / "package"
    shutil.copytree(built, copy)
    (copy / "sources" / "notes.txt").write_text("mine", encoding="utf-8")
    assert package_owned(copy) == "sources/notes.txt"


def test_a_seed_document_resource_is_a_file_for_the_diff_and_a_changed_one_is_a_patch(built, tmp_path):
    from pipeline.release.versioning import diff_packages, load_package

    new = load_package(built)
    old_descriptor = json.loads(json.dumps(new[0]))
    old_descriptor["resources"] = [r for r in old_descriptor["resources"] if "schema" in r]
    del old_descriptor["contributors"]
    added = diff_packages((old_descriptor, new[1]), new)
    assert added.level == "minor"
    assert added.metadata == ["contributors changed"]
    assert [(t.name, t.schema_changes) for t in added.tables] == [
        ("source-foreign-relations-of-mali", [("minor", "resource added")]),
        ("source-us-state-department-relations-with-mali", [("minor", "resource added")]),
    ]
    changed = json.loads(json.dumps(new[0]))
    changed["resources"][-1]["hash"] = "sha256:" + "0" * 64
    assert diff_packages((changed, new[1]), new).level == "patch"


def test_a_seed_document_resource_outside_the_package_is_refused(built, tmp_path):
    from pipeline.errors import InputError
    from pipeline.release.versioning import load_package

    copy = tmp_path / "package"
    shutil.copytree(built, copy)
    descriptor = descriptor_of(copy)
    descriptor["resources"][-1]["path"] = "../secret.txt"
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(InputError, match=r"path '\.\./secret\.txt' leads outside the package folder"):
        load_package(copy)


OUTSIDE = ("pipeline/", "seeds/", "checks/", "acknowledged.toml", "sources.toml", "schema.py", "tests/")


def test_the_data_readme_names_nothing_outside_the_package(built):
    readme = (built / "README.md").read_text(encoding="utf-8")
    assert [word for word in OUTSIDE if word in readme] == []
    targets = re.findall(r"\]\(([^)\s]+)\)", readme) + re.findall(r"<([\w.-]+[:/][^<>\s]*)>", readme)
    local = [t for t in targets if not re.match(r"https?://", t)]
    assert sorted(local) == [  # the codebook, the pictures and the seed documents, all in the package
        "CODEBOOK.md",
        "figures/relation_timeline.svg",
        "figures/relations_per_decade.svg",
        "sources/000_e2e35c128b143355.txt",
        "sources/004_5564c2f49d038939.txt",
    ]
    assert all((built / target).is_file() for target in local)
    codebook = (built / "CODEBOOK.md").read_text(encoding="utf-8")
    assert [word for word in OUTSIDE if word in codebook] == []
    assert re.findall(r"\]\(([^)\s]+)\)", codebook) == ["README.md"]
    # every file a code block opens is in the package
    opened = set(re.findall(r"""["'](data/\w+\.csv|datapackage\.json)["']""", readme))
    assert opened and all((built / path).is_file() for path in opened)


def test_the_data_readme_starts_with_the_as_of_date_and_row_counts(built, tables):
    readme = (built / "README.md").read_text(encoding="utf-8")
    head = readme.split("## How to cite")[0]
    assert (
        "- Foreign relations of Mali: a third-party mirror's copy, with no revision id; a revision of 2025-04 or "
        "later (the retrieval date is not known)" in head
    )  # seeds/sources.toml: source_kind = "mirror_copy", revision_not_before = "2025-04", no retrieved
    # seeds/sources.toml: source_kind = "page_copy", content_date = "2013", content_date_qualifier = "circa"
    assert (
        "- U.S. Relations With Mali: a web page's text saved by hand; its content dates from about 2013 "
        "(the retrieval date is not known)" in head
    )
    assert "| `diplomatic_relations` | 161 |" in head  # 161 rows in the seed's list (its last position)
    assert "| `sources` | 2 |" in head
    assert all(f"| `{name}` | {len(frame)} |" in head for name, frame in tables.items())


def test_how_to_cite_names_the_version_and_the_makers_and_credits_the_sources_as_sources(built):
    readme = (built / "README.md").read_text(encoding="utf-8")
    descriptor = descriptor_of(built)
    version = descriptor["version"]
    assert (
        f"> The foreign-relations-pipeline maintainers (2025). Foreign relations of Mali (version {version}) "
        "[Data set].\n" in readme
    )  # no landing URL until one is set
    assert descriptor["contributors"] == [
        {"title": "The foreign-relations-pipeline maintainers", "roles": ["creator"]}
    ]  # the State Department and Wikipedia's contributors are sources, not authors of the package
    assert (
        "```bibtex\n"
        f"@misc{{mali-foreign-relations-{version},\n"
        "  author = {{The foreign-relations-pipeline maintainers}},\n"
        "  title = {{Foreign relations of Mali}},\n"
        "  year = {2025},\n"
        f"  version = {{{version}}},\n"
        f"  note = {{Data set, version {version}}},\n"
        "}\n```" in readme
    )


def test_homepage_goes_to_the_descriptor_and_citation_file_from_one_place(built, tmp_path, monkeypatch, tables):
    from pipeline.package import citation
    from pipeline.package.stage import write_descriptor

    copy = tmp_path / "package"
    shutil.copytree(built, copy)
    monkeypatch.setattr(citation, "HOMEPAGE", "https://example.org/mali")
    write_descriptor(tables, copy, "9.9.9", "2025-04-01T00:00:00Z")
    descriptor = descriptor_of(copy)
    assert descriptor["homepage"] == "https://example.org/mali"
    assert list(descriptor)[list(descriptor).index("keywords") + 1 :][:2] == ["homepage", "contributors"]
    cff = citation.citation_cff(*citation.read_package(copy))
    assert 'repository-code: "https://example.org/mali"\nurl: "https://example.org/mali"\n' in cff
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "(version 9.9.9) [Data set]. <https://example.org/mali>." in readme
    assert "  version = {9.9.9},\n  note = {Data set, version 9.9.9},\n  url = {https://example.org/mali},\n}" in readme


def test_bibtex_escapes_what_tex_reads_as_markup():
    from pipeline.package.citation import bibtex

    entry = bibtex({"name": "x", "version": "1.0.0", "title": "A {b} 50% & $c_d #e ^f ~g \\h\n", "created": "2025-01-02"})
    assert "  title = {{A \\{b\\} 50\\% \\& \\$c\\_d \\#e \\^{}f \\~{}g \\textbackslash{}h}},\n" in entry


def cff_schema() -> dict:
    import check_jsonschema

    path = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor" / "citation-file-format.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_citation_file_is_valid_cff_and_says_what_the_package_says(built):
    import jsonschema
    import yaml

    from pipeline.package.citation import citation_cff, read_package

    descriptor, sources = read_package(built)
    cff = yaml.safe_load(citation_cff(descriptor, sources))
    jsonschema.Draft7Validator(cff_schema(), format_checker=jsonschema.FormatChecker()).validate(cff)
    assert (cff["cff-version"], cff["version"], cff["date-released"]) == ("1.2.0", descriptor["version"], "2025-04-01")
    assert cff["license"] == "CC-BY-SA-4.0"
    assert cff["authors"] == [{"name": "The foreign-relations-pipeline maintainers"}]  # the sources are references
    assert [(r["title"], r.get("license"), r["authors"]) for r in cff["references"]] == [
        ("U.S. Relations With Mali", None, [{"name": "U.S. Department of State"}]),
        ("Foreign relations of Mali", "CC-BY-SA-4.0", [{"name": "Wikipedia contributors"}]),
    ]
    assert cff["references"][0]["notes"].endswith("; public domain.")


def test_the_committed_citation_file_is_generated_from_the_committed_package():
    from pipeline.package.citation import citation_cff, read_package

    committed = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert committed == citation_cff(*read_package(ROOT / "datapackage")), (
        "CITATION.cff is stale: run `make datapackage` (or python -m pipeline.package.citation datapackage CITATION.cff)"
    )


def test_the_citation_command_writes_its_file_whole_and_never_through_a_link(tmp_path):
    from pipeline.package.citation import citation_cff, main, read_package
    from tests.helpers import ROOT

    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "CITATION.cff"
    out.symlink_to(precious)  # a link where the file goes is replaced, its target never written

    main([str(ROOT / "datapackage"), str(out)])

    assert not out.is_symlink() and out.read_text(encoding="utf-8") == citation_cff(*read_package(ROOT / "datapackage"))
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CITATION.cff", "precious.txt"]  # no temporary left
