"""A table's frame holds each distinct string once (`frames.interned`): the cells of 100
generated articles repeat a few values (names, statuses, dates, titles) hundreds of thousands of
times, and a string object per cell was a third of the build's memory per article."""

from __future__ import annotations

from pipeline.clean.frames import typed_frame
from pipeline.schema import BY_NAME


def _fresh(text: str) -> str:
    return "".join(list(text))  # an equal string that is another object


def test_equal_strings_of_any_rows_and_columns_become_one_object_with_the_same_values():
    table = BY_NAME["event_partners"]
    rows = [
        {"event_id": _fresh("MLI/event/1"), "position": 1, "partner_iso3": _fresh("FRA")},
        {"event_id": _fresh("MLI/event/1"), "position": 2, "partner_iso3": _fresh("FRA")},
    ]
    assert rows[0]["partner_iso3"] is not rows[1]["partner_iso3"]
    frame = typed_frame(table, rows)
    cells = frame["partner_iso3"].to_numpy(dtype=object)
    ids = frame["event_id"].to_numpy(dtype=object)
    assert list(cells) == ["FRA", "FRA"] and list(ids) == ["MLI/event/1", "MLI/event/1"]
    assert cells[0] is cells[1] and ids[0] is ids[1]
    assert frame["position"].tolist() == [1, 2]
