"""What a relation row claims: the event its date is the date of, and notes whose items do not
run together (issue 25). Exact values read by hand from seeds/004_5564c2f49d038939.txt."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.clean.established_events import RULE_NAMES, established_event
from pipeline.schema import BY_NAME
from pipeline.schema.relation_fields import EVENT_RULES

# The bilateral rows whose notes date the relation by an ambassador's credentials ("on 1 August
# 1963 when M. Gerard Walravens, first Ambassador of Belgium ..., presented his letters of
# credentials") or accreditation ("on 27 October 2004 when has been accredited ... Ambassador").
CREDENTIALS = {
    "Belgium": "1963-08-01",
    "Benin": "1965-08-27",
    "Cyprus": "1990-01-26",
    "Ethiopia": "1964-03-23",
    "Gambia": "1971-06-25",
    "Indonesia": "1965-06-21",
    "Libya": "1972-11-17",
    "New Zealand": "1983-03-06",
    "Rwanda": "1987-01-06",
    "Sweden": "1965-01-25",
}
ACCREDITED = {"Namibia": "2004-10-27", "Netherlands": "1964-07-11", "Zambia": "1987-10-02"}
# Notes that do not say what the date is: no sentence writes the date (Turkey, Pakistan), no notes
# (Finland, Poland), or the date is a boundary settlement's year (Mauritania, "in 1963").
NOT_STATED = {"Finland", "Mauritania", "Pakistan", "Poland", "Turkey"}


def _events(frame) -> dict[str, tuple[str, str, object]]:
    return {
        row.partner: (row.established, row.established_event, row.established_event_rule) for row in frame.itertuples()
    }


def test_every_credentials_date_of_the_bilateral_table_carries_its_event(tables):
    events = _events(tables["bilateral_relations"])
    assert {p: (d, e) for p, (d, e, _) in events.items() if e == "credentials_presented"} == {
        p: (d, "credentials_presented") for p, d in CREDENTIALS.items()
    }
    assert {p: d for p, (d, e, _) in events.items() if e == "ambassador_accredited"} == ACCREDITED
    assert {p for p, (_, e, _) in events.items() if e == "not_stated"} == NOT_STATED
    others = set(events) - set(CREDENTIALS) - set(ACCREDITED) - NOT_STATED
    assert len(events) == 34 and len(others) == 16
    assert {events[p][1:] for p in others} == {("relations_established", "established_on")}
    assert events["Belgium"] == ("1963-08-01", "credentials_presented", "credentials_when")
    assert events["South Korea"][1] == "relations_established"  # "estadlished" in the source


def test_a_list_row_takes_the_event_of_the_bilateral_row_with_its_date(tables):
    listed = _events(tables["diplomatic_relations"])
    assert listed["Belgium"] == ("1963-08-01", "credentials_presented", "bilateral_credentials_when")
    assert listed["Zambia"] == ("1987-10-02", "ambassador_accredited", "bilateral_accredited_when")
    assert listed["Ukraine"] == ("1992-11-05", "relations_established", "bilateral_established_on")
    assert listed["Turkey"][1] == "not_stated" and pd.isna(listed["Turkey"][2])  # its bilateral row does not say either
    assert listed["Ghana"][1] == "not_stated" and pd.isna(listed["Ghana"][2])  # no bilateral row
    counts = tables["diplomatic_relations"]["established_event"].value_counts().to_dict()
    assert counts == {
        "not_stated": 132,
        "relations_established": 16,
        "credentials_presented": 10,
        "ambassador_accredited": 3,
    }


@pytest.mark.parametrize(
    ("date", "notes", "expected"),
    [
        (
            "5 May 1970",
            "Relations were established on 5 May 1970 when the envoy presented his credentials.",
            "credentials_presented",
        ),
        ("5 May 1970", "It was recognised on 5 May 1970.", "recognition"),
        ("5 May 1970", "Mali opened its embassy on 5 May 1970.", "embassy_opened"),
        ("5 May 1970", "Both established diplomatic relations on 5 May 1970.", "relations_established"),
        ("5 May 1970", "Both established diplomatic relations on 6 May 1970.", "not_stated"),  # another date
        ("1970", "A border was settled in 1970.", "not_stated"),
        ("5 May 1970", None, "not_stated"),
    ],
)
def test_the_named_rules(date, notes, expected):
    assert established_event(date, notes)[0] == expected


def test_the_schema_says_every_rule_in_the_order_the_code_tries_them():
    assert list(EVENT_RULES) == RULE_NAMES
    field = BY_NAME["bilateral_relations"].field("established_event")
    assert field.rules and all(name in field.rules for name in RULE_NAMES)


def test_bilateral_notes_keep_their_bullets_apart(tables):
    notes = tables["bilateral_relations"].set_index("partner")["notes"]
    assert notes["Azerbaijan"] == (
        "Both countries established diplomatic relations on 26 November 1996\n"
        "The Azerbaijani embassy in Rabat is accredited to Mali."
    )
    assert notes["China"] == (
        "China established diplomatic relations with the Republic of Mali on 25 October 1960\n"
        "China has an embassy in Bamako.\nMali has an embassy in Beijing."
    )
    # 18 cells have line breaks or bullets; the other 16 are one line in the seed's copy
    assert int(notes.str.contains("\n", regex=False).sum()) == 18
    assert "1996 The Azerbaijani" not in " ".join(notes.dropna())


def test_state_numbers_of_the_subject_and_partners(tables):
    listed = tables["diplomatic_relations"].set_index("partner")
    assert set(listed["subject_cown"]) == {"432"} and set(listed["subject_gwn"]) == {"432"}
    assert listed["subject_codes_missing_reason"].isna().all()
    numbers = {p: (listed.at[p, "partner_cown"], listed.at[p, "partner_gwn"]) for p in listed.index}
    assert numbers["France"] == ("220", "220")
    assert numbers["Serbia"] == ("345", "340")  # countrycode gives Serbia no COW number
    assert numbers["Germany"] == ("255", "260")  # COW: unified Germany; G&W keep West Germany's "260"
    assert numbers["Russia"] == ("365", "365")
    assert numbers["Yemen"] == ("679", "678")
    assert numbers["Vietnam"] == ("816", "816")  # countrycode: G&W "815", Vietnam before 1893
    for entity in ("Sovereign Military Order of Malta", "Holy See", "State of Palestine"):
        assert all(pd.isna(v) for v in numbers[entity]), entity  # never guessed (countrycode: SMOM "338", VAT "327")
        assert "COW state system" in listed.at[entity, "partner_codes_missing_reason"]
    assert numbers["Seychelles"][0] == "591" and pd.isna(numbers["Seychelles"][1])
    assert "microstate" in listed.at["Seychelles", "partner_codes_missing_reason"]
    # every partner with an ISO code but these five has both numbers
    missing = set(listed.index[listed["partner_cown"].isna() | listed["partner_gwn"].isna()])
    assert missing == {
        "Sovereign Military Order of Malta",
        "Holy See",
        "State of Palestine",
        "Seychelles",
        "Saint Vincent and the Grenadines",
        "Monaco",
        "São Tomé and Príncipe",
        "Saint Lucia",
    }
    assert listed["partner_codes_missing_reason"].notna().sum() == len(missing)


def test_former_states_have_the_numbers_the_lists_gave_them(tables):
    listed = tables["diplomatic_relations"].set_index("partner")
    former = {
        p: (
            listed.at[p, "established_with_iso3"],
            listed.at[p, "established_with_cown"],
            listed.at[p, "established_with_gwn"],
        )
        for p in ("Russia", "Serbia", "Czech Republic", "Vietnam")
    }
    assert former == {
        "Russia": ("SUN", "365", "365"),
        "Serbia": ("YUG", "345", "345"),
        "Czech Republic": ("CSK", "315", "315"),
        "Vietnam": ("VDR", "816", "816"),
    }
    assert pd.isna(listed.at["France", "established_with_cown"])
    assert pd.isna(listed.at["France", "established_with_codes_missing_reason"])


def test_numbers_by_year():
    from pipeline.clean.ir_codes import codes

    assert (codes("DEU", 1960).cown, codes("DEU", 1960).gwn) == (260, 260)  # West Germany
    assert (codes("DEU", 1990).cown, codes("DEU", 2024).cown) == (255, 255)
    assert (codes("DDR", 1970).cown, codes("DDR", 1970).gwn) == (265, 265)  # East Germany
    assert (codes("SUN").cown, codes("YUG").cown) == (365, 345)
    assert codes("YEM", 1980).cown == 678 and codes("YEM", 1991).cown == 679
    assert codes("DEU", 1950).cown is None and "1950" in codes("DEU", 1950).missing_reason
    assert codes("MLI", 2025).cown == 432  # carried past the list's last year


def test_one_history_per_relation_ukraine_severed_once_with_both_statements(tables):
    history = tables["relation_history"]
    ukraine = history[history["history_id"] == "MLI/history/UKR"]
    assert ukraine[["history_change_id", "change", "date", "date_precision", "statements"]].values.tolist() == [
        ["MLI/history/UKR/1", "established", "1992-11-05", "day", "2"],
        ["MLI/history/UKR/2", "severed", "2024-08-04", "day", "2"],  # undated in the list, dated in the bilateral
    ]
    changes = tables["relation_changes"]
    severed = changes[changes["history_change_id"] == "MLI/history/UKR/2"]
    assert sorted(severed["row_id"]) == ["MLI/bilateral/UKR", "MLI/relation/UKR"]
    # both statements keep their citations, through their relation rows
    citations = tables["citations"]
    cited = set(citations[citations["row_id"].isin(severed["row_id"])]["resource"])
    assert cited == {"diplomatic_relations", "bilateral_relations"}
    # one history per partner: 161 list rows and 34 bilateral rows (all of them listed) are 161
    # relations, with 163 changes (161 establishments, Israel's suspension, Ukraine's severance)
    assert history["history_id"].nunique() == 161 and len(history) == 163
    assert not history.duplicated(["history_id", "change", "date"]).any()
    assert (history["statements"] == "2").sum() == 35


def test_two_rows_dating_one_change_differently_are_a_finding():
    import datetime as dt

    from pipeline.clean.histories import merged_histories
    from pipeline.validate.history_checks import history_findings

    def change(row_id: str, kind: str, date: str | None) -> dict:
        day = dt.date.fromisoformat(date) if date else None
        return {
            "change_id": f"{row_id}/change/{kind}",
            "row_id": row_id,
            "subject": "S",
            "subject_iso3": "AAA",
            "partner": "P",
            "partner_iso3": "BBB",
            "change": kind,
            "date": date,
            "date_precision": "day" if date else "unknown",
            "date_qualifier": None,
            "date_earliest": day,
            "date_latest": day,
            "source_id": "s",
        }

    rows = [
        change("AAA/relation/BBB", "established", "1960-01-01"),
        change("AAA/relation/BBB", "severed", None),
        change("AAA/relation/BBB", "restored", "1980-03-03"),
        change("AAA/bilateral/BBB", "established", "1961-05-05"),
        change("AAA/bilateral/BBB", "severed", "1973-02-02"),
        change("AAA/bilateral/BBB", "restored", "1981-04-04"),
    ]
    history, linked = merged_histories(rows)
    assert [(h["change"], h["date"], h["statements"]) for h in history] == [
        ("established", "1960-01-01", 1),
        ("established", "1961-05-05", 1),  # a tables_disagree finding, not this check's
        ("severed", "1973-02-02", 2),
        ("restored", "1980-03-03", 1),
        ("restored", "1981-04-04", 1),
    ]
    found = history_findings({"relation_changes": pd.DataFrame(linked)})
    assert [(f.check, f.row_key, f.value) for f in found] == [("history_conflict", "AAA/history/BBB/5", "1981-04-04")]


def test_dyad_years_against_a_hand_count(tables):
    years = tables["relation_years"]
    count = years.groupby("history_id").size()
    # established 20 August 1960, 5 November 1992, 1986 (year only); the seed is as of 2025
    # (revision_not_before 2025-04): 1960..2025, 1992..2025, 1986..2025
    assert count["MLI/history/FRA"] == 66
    assert count["MLI/history/UKR"] == 34
    assert count["MLI/history/sovereign-military-order-of-malta"] == 40
    assert "MLI/history/IRL" not in count  # "Unknown": no year to start from
    ukraine = years[years["history_id"] == "MLI/history/UKR"].set_index("year")["status"]
    assert (ukraine["1992"], ukraine["2023"], ukraine["2024"], ukraine["2025"]) == (
        "active",
        "active",
        "severed",
        "severed",
    )
    israel = years[years["history_id"] == "MLI/history/ISR"].set_index("year")["status"]
    assert (israel["1960"], israel["1961"], israel["2024"], israel["2025"]) == (
        "active",
        "unknown",
        "unknown",
        "suspended",
    )
    state = years.set_index("relation_year_id")[["partner_state_iso3", "partner_cown", "partner_gwn"]]
    assert state.loc["MLI/history/RUS/1990"].tolist() == ["SUN", "365", "365"]
    assert state.loc["MLI/history/DEU/1989"].tolist() == ["DEU", "260", "260"]  # West Germany
    assert state.loc["MLI/history/DEU/1990"].tolist() == ["DEU", "255", "260"]
    assert state.loc["MLI/history/SRB/1960"].tolist() == ["YUG", "345", "345"]
    assert state.loc["MLI/history/SRB/2006"].tolist() == ["SRB", "345", "340"]
    assert set(years["subject_cown"]) == {"432"}


def test_events_partners_as_rows(tables):
    events, partners = tables["events"], tables["event_partners"]
    expected = [
        (event, str(position), iso3)
        for event, codes in zip(events["event_id"], events["partners_iso3"], strict=True)
        if isinstance(codes, str)
        for position, iso3 in enumerate(codes.split(), start=1)
    ]
    assert list(partners[["event_id", "position", "partner_iso3"]].itertuples(index=False, name=None)) == expected
    usa = partners[partners["event_id"] == "MLI/event/37d63a244739"]
    assert usa[["partner_iso3", "partner_cown", "partner_gwn"]].values.tolist() == [["USA", "2", "2"]]


def test_the_table_of_state_numbers_is_well_formed():
    from itertools import pairwise

    from pipeline.clean.ir_codes import code_table

    table = code_table()
    assert {system for _, system in table} == {"cown", "gwn"}
    for (key, system), periods in table.items():
        assert all(p.code is not None or p.note for p in periods), (key, system)  # empty: with a reason
        spans = [(p.first or 0, p.last or 9999) for p in periods]
        assert all(a[1] < b[0] for a, b in pairwise(spans)), (key, system)  # in order, apart
