"""One row per diplomatic mission, every sentence stating it kept in `mission_statements`,
and each statement's tense and date read from its sentence."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.clean import missions as mission_rules
from pipeline.clean.countries import resolve_country
from pipeline.clean.mission_statements import missions_and_statements
from pipeline.clean.prose import ProseSentence
from pipeline.clean.tense import statement_time, time_fields
from tests.helpers import ARTICLE

# The Canada note of seeds/004_*.txt, as plain text: two missions, each stated twice.
CANADA_1978 = (
    "Mali established its embassy in Canada in 1978, with its first appointed ambassador Zana Ousmane Dao, "
    "while Canada's embassy in Mali has been open since 1995."
)
BELGIUM = (
    "Both countries established diplomatic relations on 1 August 1963 when M. Gerard Walravens, first Ambassador "
    "of Belgium to Mali, resident in Abidjan, presented his letters of credentials to President Modibo Keita."
)
ZAMBIA = (
    "Both countries established diplomatic relations on 2 October 1987 when has been accredited Ambassador of "
    "Mali to Zambia (resident in Cairo) Elbekaye Moctar Kounta."
)


def _records(frame: pd.DataFrame, columns: list[str]) -> list[tuple[object, ...]]:
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame[columns].itertuples(index=False)]


def test_canada_is_two_missions_each_stated_by_two_sentences(tables):
    canada = tables["missions"][tables["missions"]["partner"] == "Canada"]
    columns = ["sending_iso3", "receiving_iso3", "kind", "city", "since", "since_precision", "tense", "as_of"]
    assert _records(canada, [*columns, "statements"]) == [
        ("MLI", "CAN", "embassy", "Ottawa", "1978", "year", "present", None, "2"),
        ("CAN", "MLI", "embassy", "Bamako", "1995", "year", "present", None, "2"),
    ]
    statements = tables["mission_statements"].merge(canada[["mission_id", "sending_iso3"]], on="mission_id")
    assert _records(statements, ["sending_iso3", "rule", "city", "since", "tense", "as_of", "as_of_precision"]) == [
        ("MLI", "embassy_since", None, "1978", "past", "1978", "year"),
        ("MLI", "has_embassy", "Ottawa", None, "present", None, None),
        ("CAN", "embassy_since", None, "1995", "present", None, None),
        ("CAN", "has_embassy", "Bamako", None, "present", None, None),
    ]
    seed = ARTICLE.read_bytes()
    spans = [
        seed[int(a) : int(b)].decode("utf-8")
        for a, b in zip(statements.source_start, statements.source_end, strict=True)
    ]
    assert [span.split("<ref")[0].split(".")[0] for span in spans] == [
        "Mali established its embassy in Canada in 1978, with its first appointed ambassador Zana Ousmane Dao,",
        "Mali has an embassy in [[Ottawa]]",
        "Mali established its embassy in Canada in 1978, with its first appointed ambassador Zana Ousmane Dao,",
        "Canada has an embassy in Bamako",
    ]


def test_every_mission_counts_its_statements(tables):
    counted = tables["mission_statements"].groupby(["subject_iso3", "mission_id"]).size()
    missions = tables["missions"].set_index(["subject_iso3", "mission_id"])["statements"]
    assert counted.sort_index().tolist() == missions.sort_index().astype(int).tolist()
    # the Canada missions are stated twice, the UK's embassy in Bamako in its note and by its closure
    assert len(missions) == len(tables["mission_statements"]) - 3


def test_historical_missions_say_so(tables):
    past = tables["missions"][tables["missions"]["tense"] == "past"]
    assert sorted(_records(past, ["sending_iso3", "receiving_iso3", "city", "as_of"])) == [
        ("BEL", "MLI", "Abidjan", "1963-08-01"),
        ("DZA", "MLI", None, "2012"),  # the consulate seized during the Tuareg rebellion of 2012
        ("MLI", "BEN", "Niamey", "1965-08-27"),
        ("MLI", "NAM", None, "2004-10-27"),
        ("MLI", "NZL", "Peking", "1983-03-06"),
        ("MLI", "ZMB", "Cairo", "1987-10-02"),
        ("NLD", "MLI", "Dakar", "1964-07-11"),
        ("SWE", "MLI", "Abidjan", "1965-01-25"),
        ("SWE", "MLI", "Bamako", None),  # its ambassador expelled: no date in the sentence
    ]


def _statement(text: str, partner: str = "Canada") -> ProseSentence:
    return ProseSentence(text, text, "Bilateral relations", "seed", 0, len(text), "{{flag|" + partner + "}}")


def test_a_sentence_without_a_city_joins_the_mission_of_the_one_city_stated():
    rows = mission_rules.missions(
        [_statement(CANADA_1978), _statement("Canada has an embassy in Bamako.")], resolve_country("Mali")
    )
    missions, statements = missions_and_statements(rows, "MLI")
    assert [(m["sending_iso3"], m["city"], m["since"], m["statements"]) for m in missions] == [
        ("MLI", None, "1978", 1),
        ("CAN", "Bamako", "1995", 2),
    ]
    assert [s["mission_id"] for s in statements] == [missions[0]["mission_id"], *[missions[1]["mission_id"]] * 2]


def test_a_sentence_without_a_city_stays_apart_when_two_cities_are_stated():
    notes = [
        "Canada has an honorary consulate in Sikasso.",
        "Canada has an honorary consulate in Mopti.",
        "Canada has an honorary consulate in [[Kayes]] and has an honorary consulate in Gao.",
    ]
    missions, statements = missions_and_statements(
        mission_rules.missions([_statement(t) for t in notes], resolve_country("Mali")), "MLI"
    )
    assert [(m["city"], m["statements"]) for m in missions] == [("Sikasso", 1), ("Mopti", 1), ("Kayes", 1)]
    assert len(statements) == 3


def test_a_mission_without_a_year_keeps_its_id():
    rows = mission_rules.missions([_statement("Canada has an embassy in Bamako.")], resolve_country("Mali"))
    assert missions_and_statements(rows, "MLI")[0][0]["mission_id"] == "MLI/mission/ac322f1971c5"  # 1.0.0's digits
    # a further edition of the article (`edition = "fr"`) keys the same mission with its own prefix
    assert missions_and_statements(rows, "MLI~fr")[0][0]["mission_id"] == "MLI~fr/mission/ac322f1971c5"


# Tense and date, read from seed sentences.


def _times(sentence: str, pattern) -> list[dict[str, str | None]]:
    return [time_fields(statement_time(sentence, m.start(), m.end())) for m in pattern.finditer(sentence)]


@pytest.mark.parametrize(
    ("sentence", "pattern", "expected"),
    [
        ("Algeria has an embassy in Bamako.", mission_rules._HAS_EMBASSY, [("present", None, None)]),
        (BELGIUM, mission_rules._RESIDENT, [("past", "1963-08-01", "day")]),
        (ZAMBIA, mission_rules._RESIDENT, [("past", "1987-10-02", "day")]),
        (CANADA_1978, mission_rules._OPENED, [("past", "1978", "year"), ("present", None, None)]),
        (
            "Mali does not maintain an embassy in the United Kingdom.",
            mission_rules._NO_EMBASSY,
            [("present", None, None)],
        ),
        (
            "As of March 2020, Canada has an embassy in Bamako.",
            mission_rules._HAS_EMBASSY,
            [("present", "2020-03", "month")],
        ),
        ("Since 2020, Canada has an embassy in Bamako.", mission_rules._HAS_EMBASSY, [("present", None, None)]),
    ],
)
def test_statement_tense_and_date(sentence, pattern, expected):
    assert [tuple(t.values()) for t in _times(sentence, pattern)] == expected


def test_a_missions_history_is_read_from_notes_and_prose():
    mali = resolve_country("Mali")
    texts = [
        ("Britain has closed its embassy; ECOWAS has declared an embargo against Mali.", None),
        ("During the Tuareg rebellion of 2012, the Algerian consulate was seized by at least two people.", "Algeria"),
        ("The government of Mali ordered the expulsion of the Swedish ambassador in Bamako.", "Sweden"),
        ("In 2020, France recalled its ambassador.", "France"),
        ("The United Kingdom is accredited to Mali through its embassy in Bamako.", "United Kingdom"),
        ("Norway has closed its embassy.", None),  # no bilateral row of Norway: nothing to join it to
    ]
    sentences = [
        ProseSentence(t, t, "Notes", "seed", 0, len(t), None if p is None else "{{flag|" + p + "}}") for t, p in texts
    ]
    rows = mission_rules.missions(sentences, mali)
    assert [
        (r["rule"], r["change"], r["sending_iso3"], r["kind"], r["city"], r["tense"], r["as_of"]) for r in rows
    ] == [
        ("mission_closed", "closed", "GBR", "embassy", None, "present", None),
        ("mission_seized", "seized", "DZA", "consulate", None, "past", "2012"),
        ("ambassador_sent_away", "ambassador-expelled", "SWE", "embassy", "Bamako", "past", None),
        ("ambassador_sent_away", "ambassador-recalled", "FRA", "embassy", None, "past", "2020"),
        ("accredited_from_embassy", None, "GBR", "embassy", "Bamako", "present", None),
    ]
    assert rows[0]["partner"] == "United Kingdom" and {r["receiving_iso3"] for r in rows} == {"MLI"}
    missions, _ = missions_and_statements(rows, "MLI")
    (uk,) = [m for m in missions if m["sending_iso3"] == "GBR"]
    assert (uk["city"], uk["statements"], uk["tense"]) == ("Bamako", 2, "present")


def test_a_mission_stated_standing_and_closed_is_a_finding(tables):
    from pipeline.validate.mission_checks import mission_findings

    (found,) = mission_findings(tables)
    (uk,) = tables["missions"][tables["missions"]["mission_id"] == found.row_key].to_dict("records")
    assert (found.check, uk["sending_iso3"], uk["kind"], uk["city"]) == (
        "mission_open_and_closed",
        "GBR",
        "embassy",
        "Bamako",
    )


def test_each_rules_cues_are_words_its_pattern_writes_out_outside_any_option():
    """A rule is not tried on a sentence without one of its cues (`Rule.may_match`), so each cue
    must be words the pattern needs: written out in it, and not inside an optional part."""
    for rule in mission_rules.RULES:
        assert rule.cues, rule.name
        for cue in rule.cues:
            at = rule.pattern.pattern.find(cue)
            assert at >= 0, (rule.name, cue)
            assert not rule.pattern.pattern[at + len(cue) :].startswith((")?", ")*", "|)")), (rule.name, cue)


def test_a_rule_is_not_tried_on_a_sentence_without_its_cues():
    has_embassy = next(rule for rule in mission_rules.RULES if rule.name == "has_embassy")
    assert has_embassy.may_match("Algeria has an embassy in Bamako.")
    assert not has_embassy.may_match("Algeria had an embassy in Bamako.")
    assert mission_rules.Rule("any", has_embassy.pattern, has_embassy.state).may_match("no cue at all")
