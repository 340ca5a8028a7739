"""What crosses the boundary between stages: the checks read tables, not the documents' text, and
clean takes from extract only its records and wikitext syntax helpers."""

from __future__ import annotations

import ast

from tests.helpers import ROOT


def test_the_checks_do_not_read_the_documents_text():
    source = (ROOT / "pipeline" / "validate" / "document_checks.py").read_text(encoding="utf-8")
    assert "re.compile" not in source and "import re\n" not in source
    assert ".wikitext" not in source and "document.text" not in source


def test_clean_imports_from_extract_only_its_records_and_syntax_helpers():
    allowed = {
        "Extracted", "RawCell", "RawRow", "RawTable", "Reference", "extract_document",  # records, and the stage
        "plain_template", "strip_refs", "without_maintenance_tags", "split_sentences",  # wikitext syntax
    }  # fmt: skip
    imported = set()
    for path in (ROOT / "pipeline" / "clean").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline.extract"):
                imported |= {alias.name for alias in node.names}
    assert imported <= allowed, imported - allowed
    assert "first_unclosed" not in imported  # the error about an unclosed '{{' takes extract's answer
