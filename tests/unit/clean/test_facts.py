"""Facts from prose: exact rows for the hard cases, and precision and recall against rows
labelled by hand from the seeds (tests/fixtures/prose_facts_expected.toml)."""

from __future__ import annotations

import re
import tomllib

import pandas as pd
import pytest

from tests.helpers import ARTICLE, FIXTURES

EXPECTED = FIXTURES / "prose_facts_expected.toml"
# What the rules reached when the labels were made; a drop below fails the suite.
FLOORS = {
    "memberships": (1.0, 1.0),
    "missions": (1.0, 1.0),
    "events": (1.0, 1.0),
}


def rows(frame: pd.DataFrame, **where: str) -> list[dict[str, object]]:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column].fillna("") == value
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in frame[mask].to_dict("records")]


# Exact rows for the hard cases the issue names.


def test_associate_member_of_the_european_community(tables):
    (ec,) = rows(tables["memberships"], organization="European Community")
    assert (ec["abbreviation"], ec["article"], ec["status"], ec["since"], ec["until"]) == (
        "EC",
        "European Community",
        "associate-member",
        None,
        None,
    )


def test_g5_sahel_is_a_former_membership_with_its_dates(tables):
    (g5,) = rows(tables["memberships"], organization="G5 Sahel")
    assert (g5["status"], g5["since"], g5["since_precision"], g5["until"], g5["until_precision"]) == (
        "former-member",
        "2014-02-16",
        "day",
        "2022-05-15",
        "day",
    )


def test_fellow_members_are_not_memberships(tables):
    names = set(tables["memberships"]["organization"])
    assert not names & {"Chad", "Mauritania", "Niger", "Burkina Faso", "France"}
    (au,) = rows(tables["memberships"], organization="African Union")
    assert (au["abbreviation"], au["status"]) == ("AU", "member")


def test_mission_sentences(tables):
    missions = tables["missions"]
    keys = {
        (r["sending_iso3"], r["receiving_iso3"], r["kind"], r["city"]) for r in missions.fillna("").to_dict("records")
    }
    assert {
        ("MLI", "RUS", "embassy", "Moscow"),
        ("MLI", "MEX", "non-resident", "Washington, D.C."),
        ("MEX", "MLI", "non-resident", "Rabat"),
        ("MEX", "MLI", "honorary-consulate", "Bamako"),
        ("AZE", "MLI", "non-resident", "Rabat"),
        ("MLI", "GBR", "none", ""),
    } <= keys
    (moscow,) = rows(missions, sending_iso3="MLI", receiving_iso3="RUS", kind="embassy")
    assert moscow["statement"] == "Mali has an embassy in Moscow."
    assert moscow["partner"] == "Russia"


def test_embassies_with_their_opening_years(tables):
    missions = tables["missions"]
    assert [r["since"] for r in rows(missions, sending_iso3="MLI", receiving_iso3="CAN", kind="embassy")] == ["1978"]
    assert [r["since"] for r in rows(missions, sending_iso3="CAN", receiving_iso3="MLI", kind="embassy")] == ["1995"]


def test_fact_sheet_events(tables):
    sheet = tables["events"][tables["events"]["source_id"] == "us-state-department-relations-with-mali"]
    dated = sorted(zip(sheet["date"], sheet["date_qualifier"].fillna(""), strict=True))
    assert dated == [("1960", ""), ("1992", ""), ("2012-03", ""), ("2012-03", ""), ("2013", "early")]
    assert not sheet["statement"].str.contains("Army Africa").any()  # page furniture is not content
    (relations,) = rows(sheet, date="1960")
    assert relations["partners_iso3"] == "USA FRA"
    assert (
        relations["statement"]
        == "The United States established diplomatic relations with Mali in 1960, following its independence from France."
    )


def test_article_events(tables):
    events = tables["events"]
    (ukraine,) = rows(events, date="2024-08")
    assert (ukraine["partners_iso3"], ukraine["date_raw"]) == ("UKR", "August 2024")
    (g5,) = rows(events, date="2014-02-16")
    assert g5["statement"].startswith("The Sahel was originally formed on 16 February 2014")
    assert g5["section"] == "Multilateral membership"


def test_every_fact_slices_back_to_its_sentence(tables):
    data = {"foreign-relations-of-mali": ARTICLE.read_bytes()}
    data["us-state-department-relations-with-mali"] = (ARTICLE.parent / "000_e2e35c128b143355.txt").read_bytes()
    for name in ("memberships", "missions", "events"):
        for r in tables[name].to_dict("records"):
            text = data[r["source_id"]][int(r["source_start"]) : int(r["source_end"])].decode("utf-8")
            first_words = " ".join(r["statement"].split()[:2])
            assert first_words in re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", " ".join(text.split())), (
                name,
                r["statement"],
            )


# Precision and recall against the hand-labelled rows.


def _norm(text: object) -> str:
    return " ".join(str(text or "").replace("’", "'").split()).casefold().removeprefix("the ")


def score(predicted: list[str], expected: list[str]) -> tuple[float, float, int, int, int]:
    """Precision, recall, true positives, predicted and expected counts (each expected row matched once)."""
    left = list(expected)
    hits = 0
    for key in predicted:
        if key in left:
            left.remove(key)
            hits += 1
    return hits / max(len(predicted), 1), hits / max(len(expected), 1), hits, len(predicted), len(expected)


def _labels() -> dict[str, list[dict[str, object]]]:
    if not EXPECTED.exists():
        pytest.fail(f"{EXPECTED} is missing")
    return tomllib.loads(EXPECTED.read_text(encoding="utf-8"))


def test_memberships_precision_and_recall(tables, record_property):
    expected = [_norm(r["organization"]) + "|" + str(r["status"]) for r in _labels()["membership"]]
    predicted = [_norm(r["organization"]) + "|" + str(r["status"]) for r in tables["memberships"].to_dict("records")]
    check("memberships", score(predicted, expected), record_property)


def test_missions_precision_and_recall(tables, record_property):
    def key(r: dict[str, object]) -> str:
        return "|".join(_norm(r.get(k)) for k in ("sending_iso3", "receiving_iso3", "kind", "city"))

    expected = [key(r) for r in _labels()["mission"]]
    predicted = [key(r) for r in tables["missions"].fillna("").to_dict("records")]
    check("missions", score(predicted, expected), record_property)


def test_events_precision_and_recall(tables, record_property):
    labels = _labels()["event"]
    predicted = tables["events"].fillna("").to_dict("records")
    matched: list[str] = []
    for r in predicted:  # right when an unused label has its source, date, sentence start and partners
        found = next(
            (
                i
                for i, e in enumerate(labels)
                if f"label-{i}" not in matched
                and e["source_id"] == r["source_id"]
                and e["date"] == r["date"]
                and _norm(e["sentence_start"]) in _norm(r["statement"])[:200]
                and str(e.get("date_latest", r["date_latest"])) == str(r["date_latest"])  # a range's end
                and (e.get("date_qualifier") == "range") == (r["date_qualifier"] == "range")
                and sorted(e["partners_iso3"]) == sorted(str(r["partners_iso3"]).split())
            ),
            None,
        )
        matched.append(f"label-{found}" if found is not None else f"miss-{r['event_id']}")
    check("events", score(matched, [f"label-{i}" for i in range(len(labels))]), record_property)


def check(table: str, result: tuple[float, float, int, int, int], record_property) -> None:
    record_property("facts_metrics", (table, *result))  # shown at the end of the run (conftest.py)
    precision, recall = result[:2]
    floor_precision, floor_recall = FLOORS[table]
    assert precision >= floor_precision and recall >= floor_recall, (
        f"{table}: precision {precision:.2f} (floor {floor_precision}), recall {recall:.2f} (floor {floor_recall})"
    )


@pytest.mark.parametrize(
    ("text", "raw", "date", "earliest", "latest"),
    [
        (
            "France also donated US$128 million between 2020–2021 to Mali.",
            "between 2020–2021",
            "2020",
            "2020-01-01",
            "2021-12-31",
        ),
        (
            "From 2020 to 2021, US$205 million was also donated.",
            "From 2020 to 2021",
            "2020",
            "2020-01-01",
            "2021-12-31",
        ),
        (
            "Exports exceeded imports by Cdn.$22m. between 1990 and 2008.",
            "between 1990 and 2008",
            "1990",
            "1990-01-01",
            "2008-12-31",
        ),
        ("It ran from March 2012 to 2013.", "from March 2012 to 2013", "2012-03", "2012-03-01", "2013-12-31"),
    ],
)
def test_a_range_keeps_both_ends(text, raw, date, earliest, latest):
    from pipeline.clean.countries import resolve_country
    from pipeline.clean.facts import events
    from pipeline.clean.prose import ProseSentence

    (row,) = events([ProseSentence(text, text, "", "seed", 0, len(text))], resolve_country("Mali"))
    assert (row["date"], row["date_qualifier"], row["date_raw"], row["rule"]) == (
        date,
        "range",
        raw,
        "dated_range",
    )
    assert (str(row["date_earliest"]), str(row["date_latest"])) == (earliest, latest)


def test_a_range_backwards_or_without_its_opening_word_is_two_dates():
    from pipeline.clean.mentions import time_mentions

    assert [m.text for m in time_mentions("between 2008 and 1990")] == ["2008", "1990"]
    assert [m.text for m in time_mentions("sixth in 2000 to third in 2007")] == ["2000", "2007"]


def test_each_dated_clause_is_an_event():
    from pipeline.clean.countries import resolve_country
    from pipeline.clean.facts import events
    from pipeline.clean.prose import ProseSentence

    texts = [
        "In 2022, Mali restricted United Nations peacekeeping operations through their security council and, in June 2023, asked for them to be removed.",
        "In 2022, Mali expelled the last troops due to increased violence and worsening conditions following the 2021 coup.",
    ]
    found = events([ProseSentence(t, t, "", "seed", 0, len(t)) for t in texts], resolve_country("Mali"))
    assert [(r["date"], r["date_raw"], r["rule"], r["statement"][:20]) for r in found] == [
        ("2022", "2022", "dated_sentence", "In 2022, Mali restri"),
        ("2023-06", "June 2023", "dated_clause", "In 2022, Mali restri"),
        ("2022", "2022", "dated_sentence", "In 2022, Mali expell"),
    ]
    assert len({r["event_id"] for r in found}) == 3


def test_citations_point_at_the_event_their_sentence_states(tables):
    (azawad,) = rows(tables["events"], date="2012-04")
    cited = tables["citations"][tables["citations"]["row_id"] == azawad["event_id"]]
    assert list(cited["resource"]) == ["events"]
    reference = tables["article_references"].set_index("ref_id").loc[cited.iloc[0]["ref_id"]]
    assert reference["title"] == "Tuareg rebels declare the independence of Azawad, north of Mali"


def test_each_mission_row_names_the_rule_that_made_it():
    from pipeline.clean.countries import resolve_country
    from pipeline.clean.missions import missions
    from pipeline.clean.prose import ProseSentence

    notes = [
        "Canada has an embassy in Bamako.",
        "Mali is accredited to Canada from its embassy in Washington, D.C.",
        "Canada has an honorary consulate in Sikasso.",
        "Canada does not have an embassy in Mali.",
    ]
    sentences = [ProseSentence(t, t, "Bilateral relations", "seed", 0, len(t), "{{flag|Canada}}") for t in notes]
    rows = missions(sentences, resolve_country("Mali"))
    assert [(r["rule"], r["sending_iso3"], r["receiving_iso3"], r["kind"], r["city"]) for r in rows] == [
        ("has_embassy", "CAN", "MLI", "embassy", "Bamako"),
        ("accredited_from_embassy", "MLI", "CAN", "non-resident", "Washington, D.C."),
        ("honorary_consulate", "CAN", "MLI", "honorary-consulate", "Sikasso"),
        ("no_embassy", "CAN", "MLI", "none", None),
    ]


def test_fact_rows_in_the_package_name_their_rules(tables):
    from pipeline.clean.missions import RULES

    assert set(tables["missions"]["rule"]) <= {rule.name for rule in RULES}
    assert set(tables["mission_statements"]["rule"]) == {rule.name for rule in RULES}
    assert set(tables["events"]["rule"]) == {"dated_sentence", "dated_clause", "dated_range"}
    assert set(tables["memberships"]["rule"]) <= {"member_list", "associate_member", "former_member"}
    assert "former_member" in set(tables["memberships"]["rule"])
