"""`pipeline.json_text`: the text `json.dump(..., ensure_ascii=False, indent=N)` writes, byte for
byte, made value by value by the C encoder (the quality report's quality.json)."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import json_text

LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner) | st.tuples(inner) | st.dictionaries(KEYS, inner))


@settings(max_examples=200)
@given(VALUES, st.integers(0, 3))
def test_dumps_is_what_the_json_module_writes(value, indent):
    assert json_text.dumps(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


@settings(max_examples=100)
@given(st.lists(st.dictionaries(st.text(), LEAVES), max_size=30))
def test_dump_in_pieces_is_what_the_json_module_writes(rows):
    file = io.StringIO()
    json_text.PIECES, saved = 3, json_text.PIECES
    try:
        json_text.dump({"counts": {"error": 1}, "findings": rows, "none": []}, file, 1)
    finally:
        json_text.PIECES = saved
    assert file.getvalue() == json.dumps({"counts": {"error": 1}, "findings": rows, "none": []}, ensure_ascii=False, indent=1)


def test_a_report_laid_out_by_hand():
    value = {"headline": "é \"x\"", "counts": {}, "findings": [{"finding": 1, "ok": True, "value": None}, [1.5]]}
    assert json_text.dumps(value, 1) == (
        '{\n "headline": "é \\"x\\"",\n "counts": {},\n "findings": [\n  {\n   "finding": 1,\n'
        '   "ok": true,\n   "value": null\n  },\n  [\n   1.5\n  ]\n ]\n}'
    )


def test_keys_json_cannot_write_are_refused_as_json_refuses_them():
    with pytest.raises(TypeError):
        json.dumps({(1, 2): 1}, indent=1)
    with pytest.raises(TypeError):
        json_text.dumps({(1, 2): 1}, 1)


def test_an_iterator_is_written_as_the_list_of_its_items():
    # the report's findings are written as they are made: the text is json's for the list
    items = [{"finding": 1, "value": "é"}, {"finding": 2, "value": None}]
    value = {"headline": "h", "findings": iter(items), "none": iter([])}
    listed = {"headline": "h", "findings": items, "none": []}
    assert json_text.dumps(value, 1) == json.dumps(listed, ensure_ascii=False, indent=1)
    assert json_text.dumps(iter([iter([1]), iter([])]), 2) == json.dumps([[1], []], ensure_ascii=False, indent=2)
