"""Each field that several tables share is declared once (`pipeline/schema/fields.py`, as
PUDL's FIELD_METADATA); a table changes what it says only by an explicit `override`."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pandas as pd
import pytest

from pipeline.schema import BY_NAME, TABLES, Field, Table
from pipeline.schema.fields import FIELDS, OVERRIDABLE, _by_name, columns, override


def redefinitions(tables: list[Table]) -> list[str]:
    """`table.field` for each use of a field name that is neither its one declaration nor an
    explicit override of it that changes exactly what it says it changes (nothing else)."""
    uses = Counter(f.name for table in tables for f in table.fields)
    wrong = []
    for table in tables:
        for used in table.fields:
            declared = FIELDS.get(used.name)
            if declared is None:
                if uses[used.name] > 1:
                    wrong.append(f"{table.name}.{used.name}: in {uses[used.name]} tables, not in FIELDS")
            elif not used.overrides and used is not declared:
                wrong.append(f"{table.name}.{used.name}: declared again instead of named")
            elif used.overrides and (
                set(used.overrides) - set(OVERRIDABLE)
                or any(getattr(used, key) == getattr(declared, key) for key in used.overrides)
                or replace(used, **{key: getattr(declared, key) for key in used.overrides}) != declared
            ):
                wrong.append(f"{table.name}.{used.name}: changes other than its overrides {used.overrides}")
    return wrong


def test_every_shared_field_is_declared_once_and_tables_name_it():
    assert redefinitions(TABLES) == []


def test_a_field_declared_again_in_a_table_is_refused():
    partner = Field("partner", "string", "The partner, as in the relation row.", required=True)
    changes = BY_NAME["relation_changes"]
    copied = replace(changes, fields=[partner if f.name == "partner" else f for f in changes.fields])
    assert redefinitions([*TABLES[:4], copied]) == ["relation_changes.partner: declared again instead of named"]


def test_a_field_two_tables_declare_for_themselves_is_refused():
    extra = Field("note_count", "integer", "How many notes.")
    first, second = (replace(BY_NAME[n], fields=[*BY_NAME[n].fields, extra]) for n in ("events", "dyads"))
    assert redefinitions([first, second]) == [
        "events.note_count: in 2 tables, not in FIELDS",
        "dyads.note_count: in 2 tables, not in FIELDS",
    ]


def test_an_override_that_changes_more_than_it_says_is_refused():
    sneaky = replace(override("partner", description="The partner."), required=False)
    changes = BY_NAME["relation_changes"]
    copied = replace(changes, fields=[sneaky if f.name == "partner" else f for f in changes.fields])
    assert redefinitions([copied]) == [
        "relation_changes.partner: changes other than its overrides ('description',)"
    ]


def test_an_override_records_what_it_changes_and_keeps_the_rest():
    used = override("partner", description="The partner, as its history names it.")
    assert used.overrides == ("description",)
    assert (used.name, used.type, used.required) == ("partner", "string", True)
    assert used.description == "The partner, as its history names it."
    assert FIELDS["partner"].description.startswith("The partner country or entity as the article writes it")
    assert columns("partner", used) == [FIELDS["partner"], used]


@pytest.mark.parametrize("change", [{"type": "integer"}, {"name": "partner_name"}])
def test_a_table_cannot_change_a_shared_fields_name_or_type(change):
    with pytest.raises(ValueError, match=f"^a table may not override {next(iter(change))} of the shared field 'partner'$"):
        override("partner", **change)


def test_a_shared_field_declared_twice_is_refused():
    twice = [Field("source_id", "string", "One."), Field("source_id", "string", "Two.")]
    with pytest.raises(ValueError, match=r"^the shared field 'source_id' is declared twice \(pipeline/schema/\)$"):
        _by_name(twice)


def test_a_tables_pandas_dtypes_come_from_its_field_types():
    assert BY_NAME["event_partners"].pandas_dtypes() == {
        "event_id": "string",
        "position": "Int64",
        "partner_iso3": "string",
        "partner_cown": "Int64",
        "partner_gwn": "Int64",
        "partner_codes_missing_reason": "string",
    }
    dtypes = BY_NAME["relation_changes"].pandas_dtypes()
    assert (dtypes["date"], dtypes["date_earliest"], dtypes["sequence"]) == ("string", "object", "Int64")
    assert BY_NAME["sources"].pandas_dtypes()["in_manifest"] == "boolean"
    frame = pd.DataFrame({"event_id": ["MLI/event/1"], "position": [None], "partner_iso3": [None]})
    frame = frame.astype({k: v for k, v in BY_NAME["event_partners"].pandas_dtypes().items() if k in frame})
    assert [str(t) for t in frame.dtypes] == ["string", "Int64", "string"]
