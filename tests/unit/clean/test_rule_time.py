"""Every rule that reads free text runs in linear time, even on text written to hurt it.

Each rule (a compiled pattern, addressed by its module and name) is timed on its worst
case at 5k and at 20k words: linear time gives a ratio near 4, quadratic time near 16.
The assertion is on the ratio, never on a time. The worst cases are long runs with no
sentence end in which a fragment that starts a match repeats without the part that ends it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pipeline.clean import facts, mentions, missions, relation_changes, relations
from pipeline.clean.countries import resolve_country
from pipeline.clean.prose import ProseSentence
from pipeline.extract import sentences
from tests.helpers.growth import LIMIT, every_match, growth, repeated

SUBJECT = resolve_country("Mali")


def test_the_measure_tells_quadratic_time_from_linear_time() -> None:
    """At these sizes the measure sees a quadratic function as one (it could not pass a slow rule)."""
    quadratic = lambda text: [text.count(" ", 0, end) for end in range(0, len(text), 100)]  # noqa: E731
    assert growth(quadratic, repeated("aaa")) >= LIMIT  # near 16: a quadratic rule fails the tests below
    assert growth(lambda text: text.count(" "), repeated("aaa")) < LIMIT


# (module, rule, worst case, why it is the worst case)
CASES = [
    (missions, "_HAS_EMBASSY", "Aaa", "every capital started a name that ran to the end of the text"),
    (missions, "_HAS_EMBASSY", "Aaa has an", "every name tried every 'has an' up to the end"),
    (missions, "_HAS_EMBASSY", "Aaa has an [[aaa", "every link target ran to the end: no | or ]"),
    (missions, "_ACCREDITED_FROM", "Aaa is accredited to Aaa", "a name, then a receiving name, both to the end"),
    (missions, "_EMBASSY_ACCREDITED", "The Aaa embassy in Aaa Aaa", "the city ran on, then gave back word by word"),
    (missions, "_HONORARY", "Aaa", "every capital started a name that ran to the end of the text"),
    (missions, "_HONORARY", "Aaa is accredited aaa", "after every 'is accredited', a look for ' and has' to the end"),
    (missions, "_RESIDENT", "resident in Aaa Aaa", "a city on every 'resident in'"),
    (missions, "_NON_RESIDENT", "non-resident ambassador of Aaa to", "the rule's words again and again"),
    (
        missions,
        "_NO_EMBASSY",
        "Aaa does not have an embassy in the aaa",
        "every name tried every 'does not' to the end",
    ),
    (missions, "_OPENED", "Aaa embassy in Aaa", "after every 'embassy in', a look for the year to the end"),
    (missions, "_CLOSED", "Aaa has closed its", "every name tried every 'closed its' to the end"),
    (missions, "_SEIZED", "the Aaa consulate in Aaa Aaa", "the city ran on, then gave back word by word"),
    (missions, "_SENT_AWAY", "Aaa recalled its", "every name tried every 'recalled its' to the end"),
    (missions, "_SENT_AWAY", "expulsion of the Aaa ambassador in Aaa", "the city ran on, then gave back word by word"),
    (facts, "_ORG_WITH_ABBREVIATION", "Aaa of Aaa", "every capital started a name that ran to the end"),
    (facts, "_LINK", "[[aaa", "every [[ read its target to the end: no | or ]"),
    (facts, "_LINK", "[[a|aaa", "every [[ read its label to the end: no ]"),
    (facts, "_FORMER", "former membership in the aaa", "the rule's words again and again"),
    (facts, "_FORMED", "formed in 19", "the rule's words again and again"),
    (facts, "_WITHDRAWAL", "withdrew from aaa", "after every 'withdrew from', a look for the date to the end"),
    (mentions, "DATE_EXPRESSION", "early in 12 May 19", "every word starts a date that does not end"),
    (mentions, "_FOUR_DIGITS", "123", "numbers one digit short of a year"),
    (mentions, "RANGE_EXPRESSION", "between 12 May 1990 and 12 May", "every start read a joining word to no end"),
    (mentions, "RANGE_EXPRESSION", "1990 – 1990 –", "every year started a range the next year ended"),
    (facts, "_CLAUSE_BREAK", "while, and", "a break on every word"),
    (mentions, "_country_pattern", "the United Republic of", "a long country name cut short, again and again"),
    (relation_changes, "_CHANGE", "severed in severed on", "every change word read its date to the end"),
    (relation_changes, "_MARKUP", "<br <small", "every < looked for its > (at most 200 characters)"),
    (relations, "_FOOTNOTE", "{{efn|aaa {{efn|", "every footnote looked for its end"),
]


@pytest.mark.parametrize(
    ("module", "rule", "fragment", "why"), CASES, ids=[f"{m.__name__.split('.')[-1]}.{r}: {f}" for m, r, f, _ in CASES]
)
def test_rule_time_grows_linearly_with_the_text(module: Any, rule: str, fragment: str, why: str) -> None:
    pattern = getattr(module, rule)
    pattern = pattern() if callable(pattern) else pattern  # _country_pattern() is built on first use
    ratio = growth(every_match(pattern), repeated(fragment))
    assert ratio < LIMIT, f"{rule} on {fragment!r} ({why}): 4 times the words took {ratio:.1f} times as long"


def _capitals(count: int) -> str:
    """One word of as many capitals as the other texts have words: each letter started a
    name that ran to the end of the word."""
    return "A" * count


def _hyphenated_city(count: int) -> str:
    """A city of `count` words joined by hyphens: each hyphen could end a word or be part of
    it, 2**n ways to cut n hyphens, all tried when the rule's end is missing."""
    return "The Aaa embassy in " + "-".join(["Aaa"] * count) + " aaa"


LONG_WORDS = [
    ("_EMBASSY_ACCREDITED", _hyphenated_city),
    ("_OPENED", _capitals),
    ("_ORG_WITH_ABBREVIATION", _capitals),
    ("_HAS_EMBASSY", _capitals),
]


@pytest.mark.parametrize(("rule", "make"), LONG_WORDS, ids=[f"{r}: {m.__name__}" for r, m in LONG_WORDS])
def test_rule_time_on_one_long_word(rule: str, make: Callable[[int], str]) -> None:
    ratio = growth(every_match(getattr(missions if hasattr(missions, rule) else facts, rule)), make)
    assert ratio < LIMIT, f"{rule} on {make.__name__}: 4 times the words took {ratio:.1f} times as long"


def test_see_pointer_time_grows_linearly() -> None:
    """relations._SEE (the one "See [[...]]" pattern) is matched once, at the start of a note: here a link never closed."""
    ratio = growth(relations._SEE.match, lambda count: "See [[" + repeated("aaa")(count))
    assert ratio < LIMIT, f"_SEE: 4 times the words took {ratio:.1f} times as long"


# The sentence splitter on wikitext whose tags are left open.
SPLITTER_CASES = [
    "<!-- aaa. Aaa",  # every comment looked for its end up to the end of the text
    "<ref>aaa. Aaa",  # every ref looked for its </ref> up to the end
    "<ref aaa. Aaa",  # every ref looked for its > up to the end
    "aaa.<ref>Aaa",  # every period looked past the ref after it for a </ref>
    "Aaa aaa. Bbb [[aaa]] {{aaa}} ccc!",  # sentences: a cut every few words
]


@pytest.mark.parametrize("fragment", SPLITTER_CASES)
def test_sentence_splitter_time_grows_linearly(fragment: str) -> None:
    ratio = growth(lambda text: sentences.split_sentences(text, 0, len(text)), repeated(fragment))
    assert ratio < LIMIT, f"split_sentences on {fragment!r}: 4 times the words took {ratio:.1f} times as long"


# The public entry functions on one long note (a sentence the splitter never cut) with no
# punctuation but a hyphen and an apostrophe: long runs of words, which every rule reads.
NOTE = (
    "Canada has an embassy in Bamako and Mali has an embassy in Ottawa and Mali is accredited to Canada from its "
    "embassy in Washington and The Malian embassy in Dakar is accredited to Canada and Mexico has an honorary consulate "
    "in Bamako and the ambassador of Mali to Canada is resident in Dakar and the non-resident ambassador of Mali to "
    "Canada and Mali does not have an embassy in Canada and Canada's embassy in Mali has been open since 1995 and "
    "Canada has closed its embassy in Bamako and the Canadian consulate in Gao was seized and Mali recalled its "
    "ambassador and relations began on 14 October 1960 and"
)
MEMBERS = "the [[African Union]] and the United Nations and the Economic Community of West African States and"
SENTENCES = (
    "Canada has an embassy in Bamako.<ref name=a/> Mali has an embassy in Ottawa.<ref>A source.</ref> "
    "The [[Malian]] embassy in Dakar is accredited to Canada.{{citation needed}} Relations began in 1960."
)


def _note(text: str) -> list[ProseSentence]:
    """A note of the bilateral table's row for Canada."""
    return [ProseSentence(text, text, "Bilateral relations", "seed", 0, len(text.encode()), "{{flag|Canada}}")]


def _membership(text: str) -> list[ProseSentence]:
    """A sentence of the article's prose that names memberships."""
    wikitext = "Mali is a member of " + text
    plain = wikitext.replace("[[", "").replace("]]", "")
    return [ProseSentence(plain, wikitext, "International organizations", "seed", 0, len(wikitext.encode()))]


ENTRY_POINTS: list[tuple[str, Callable[[str], Any], str]] = [
    ("missions", lambda text: missions.missions(_note(text), SUBJECT), NOTE),
    ("events", lambda text: facts.events(_note(text), SUBJECT), NOTE),
    ("memberships", lambda text: facts.memberships(_membership(text), SUBJECT), MEMBERS),
    ("split_sentences", lambda text: sentences.split_sentences(text, 0, len(text)), SENTENCES),
]


@pytest.mark.parametrize(("name", "apply", "note"), ENTRY_POINTS, ids=[name for name, _, _ in ENTRY_POINTS])
def test_entry_point_time_grows_linearly(name: str, apply: Callable[[str], Any], note: str) -> None:
    ratio = growth(apply, repeated(note))
    assert ratio < LIMIT, f"{name}: 4 times the words took {ratio:.1f} times as long"


def test_every_mission_rule_reads_the_timed_note() -> None:
    """The timed note is not one the rules pass over: each of them matches it."""
    found = {rule.name: len(list(rule.pattern.finditer(NOTE))) for rule in missions.RULES}
    assert found == dict.fromkeys(found, 1) | {"has_embassy": 2}  # Canada in Bamako, Mali in Ottawa
    assert len(found) == 11


def test_a_name_starts_at_most_60_characters_before_its_verb() -> None:
    """The bound that keeps the rules linear: the name is read from the first capital within
    60 characters of "has an", not from the first capital of the whole run of words."""
    text = "Relations between the two countries have been good for many decades and Canada has an embassy in Bamako"
    assert [m.groupdict() for m in missions._HAS_EMBASSY.finditer(text)] == [{"who": "Canada", "city": "Bamako"}]


def test_a_line_of_many_templates_is_read_in_linear_time() -> None:
    """wikitext.parsed_line_text rebuilds the line's nodes in one pass (one replace per template
    searched the whole tree each time: 0.2 / 0.7 / 3.4 s at 1k / 2k / 4k words)."""
    from pipeline.clean.wikitext import parsed_line_text

    ratio = growth(parsed_line_text, repeated("a line of words with one {{lang|fr|mot}} in it"))
    assert ratio < LIMIT, f"parsed_line_text: 4 times the words took {ratio:.1f} times as long"


def test_many_ref_tags_left_open_are_scanned_in_linear_time() -> None:
    """markup's token scan reads a "<ref" never closed only to the next tag, not to the end."""
    from pipeline.extract.markup import first_unclosed

    ratio = growth(first_unclosed, repeated("<ref name=a"))
    assert ratio < LIMIT, f"first_unclosed: 4 times the words took {ratio:.1f} times as long"
