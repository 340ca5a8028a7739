"""Prose rules as data, and the subject as data: every rule is a named `Rule`, every row names
its rule, and the rules read the subject's names and demonym from the demonym table, so an
article about another country is read the same way. The package's metadata comes from the
subjects it holds."""

from __future__ import annotations

import pandas as pd

from pipeline.clean.countries import resolve_country
from pipeline.clean.facts import RULES as FACT_RULES
from pipeline.clean.facts import Rule, events, memberships
from pipeline.clean.missions import RULES as MISSION_RULES
from pipeline.clean.missions import missions
from pipeline.clean.prose import ProseSentence
from pipeline.package.metadata import package_metadata

ALL_RULES = [*FACT_RULES, *MISSION_RULES]
FACT_TABLES = ("events", "memberships", "missions")


def sentence(text: str, wikitext: str | None = None, partner_row: str | None = None) -> ProseSentence:
    return ProseSentence(text, wikitext or text, "Relations", "seed", 0, len(text.encode()), partner_row)


def test_every_rule_is_a_named_rule_object_with_a_pattern():
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))
    assert all(isinstance(rule, Rule) and rule.pattern.pattern for rule in ALL_RULES)


def test_every_rule_name_in_the_package_is_a_declared_rule(tables):
    used = {name for table in FACT_TABLES for name in tables[table]["rule"]}
    assert used <= {rule.name for rule in ALL_RULES}


def test_every_declared_rule_makes_a_row_of_the_mali_package(tables):
    used = {name for table in FACT_TABLES for name in tables[table]["rule"]}
    assert {rule.name for rule in ALL_RULES} - used == set()


# Another subject: the same rules, its names and demonym from pipeline/clean/demonyms.csv.


def test_membership_rules_read_another_subject_by_its_name():
    niger = resolve_country("Niger")
    text = "Niger is a member of the African Union (AU) and an associate member of the Commonwealth."
    wikitext = "Niger is a member of the African Union (AU) and an associate member of the [[Commonwealth]]."
    rows = memberships([sentence(text, wikitext)], niger)
    assert [(r["organization"], r["abbreviation"], r["status"], r["rule"], r["subject_iso3"]) for r in rows] == [
        ("Commonwealth", None, "associate-member", "associate_member", "NER"),
        ("African Union", "AU", "member", "member_list", "NER"),
    ]


def test_a_membership_sentence_about_another_country_is_not_the_subjects():
    rows = memberships([sentence("Mali is a member of the African Union (AU).")], resolve_country("Niger"))
    assert rows == []


def test_mission_rules_know_the_subjects_demonym():
    chad = resolve_country("Chad")
    notes = [
        "The Chadian ambassador to Sudan is resident in Khartoum.",
        "Sudan has an embassy in N'Djamena.",
    ]
    rows = missions([sentence(t, partner_row="{{flag|Sudan}}") for t in notes], chad)
    assert [(r["rule"], r["sending_iso3"], r["receiving_iso3"], r["kind"], r["city"]) for r in rows] == [
        ("resident_ambassador", "TCD", "SDN", "non-resident", "Khartoum"),
        ("has_embassy", "SDN", "TCD", "embassy", "N'Djamena"),
    ]


def test_the_uk_in_a_note_is_the_united_kingdom_from_the_prose_names_table():
    rows = missions(
        [sentence("The UK has an embassy in Bamako.", partner_row="{{flag|France}}")], resolve_country("Mali")
    )
    assert [(r["sending_iso3"], r["receiving_iso3"]) for r in rows] == [("GBR", "MLI")]


def test_dated_sentence_rule_names_its_rows():
    (row,) = events([sentence("Chad and Niger signed a treaty on 3 June 1965.")], resolve_country("Niger"))
    assert (row["rule"], row["date"], row["partners_iso3"]) == ("dated_sentence", "1965-06-03", "TCD")


# Package metadata from the subjects.


def _tables(subjects: list[tuple[str, str]], sources: list[dict[str, str | None]]) -> dict[str, pd.DataFrame]:
    relations = pd.DataFrame(subjects, columns=["subject", "subject_iso3"])
    return {"sources": pd.DataFrame(sources), "diplomatic_relations": relations}


ARTICLE = {"format": "wikitext", "license": "CC-BY-SA-4.0", "publisher": None}


def test_one_subject_names_the_package_after_it():
    tables = _tables(
        [("Niger", "NER")],
        [{**ARTICLE, "title": "Foreign relations of Niger"}],
    )
    assert package_metadata(tables) == {
        "name": "niger-foreign-relations",
        "title": "Foreign relations of Niger",
        "description": "Niger's diplomatic relations (the list and the bilateral table), its memberships of "
        "international organisations, the diplomatic missions and the dated events the prose states, the "
        "references behind them and the quality problems found in the sources, extracted from the Wikipedia "
        'article "Foreign relations of Niger" (CC BY-SA 4.0). Every row carries the byte span of the seed '
        "document it was read from.",
        "keywords": ["Niger", "foreign relations", "diplomatic relations", "international relations", "Wikipedia"],
    }


def test_several_subjects_are_counted_and_listed_sorted():
    tables = _tables(
        [("Niger", "NER"), ("Chad", "TCD"), ("Niger", "NER"), ("Côte d'Ivoire", "CIV")],
        [
            {**ARTICLE, "title": "Foreign relations of Niger"},
            {**ARTICLE, "title": "Foreign relations of Chad"},
            {**ARTICLE, "title": "Foreign relations of Côte d'Ivoire"},
            {"format": "plain-text", "license": "other-pd", "publisher": "U.S. Department of State", "title": "X"},
        ],
    )
    metadata = package_metadata(tables)
    assert metadata["name"] == "foreign-relations-of-3-countries"
    assert metadata["title"] == "Foreign relations of 3 countries: Chad, Côte d'Ivoire and Niger"
    assert metadata["description"].startswith(
        "The diplomatic relations of 3 countries (Chad, Côte d'Ivoire and Niger) (the list and the bilateral "
        "tables), their memberships of international organisations,"
    )
    assert metadata["description"].endswith(
        'extracted from the Wikipedia articles "Foreign relations of Chad", "Foreign relations of Côte '
        'd\'Ivoire" and "Foreign relations of Niger" (CC BY-SA 4.0) and a U.S. Department of State fact sheet '
        "(public domain). Every row carries the byte span of the seed document it was read from."
    )
    assert metadata["keywords"][:3] == ["Chad", "Côte d'Ivoire", "Niger"]


def test_a_subject_with_no_code_is_still_named_and_counted_once():
    """A subject whose code is not known (its iso3 cell empty) is one of the subjects: it is not
    dropped, and the names after it are not paired with another subject's code."""
    tables = _tables(
        [("Niger", "NER"), ("Zanzibar", None), ("Niger", "NER"), ("Chad", "TCD")],
        [{**ARTICLE, "title": "Foreign relations of Niger"}, {**ARTICLE, "title": "Foreign relations of Chad"}],
    )
    metadata = package_metadata(tables)
    assert metadata["title"] == "Foreign relations of 3 countries: Chad, Niger and Zanzibar"
    assert metadata["keywords"][:3] == ["Chad", "Niger", "Zanzibar"]
