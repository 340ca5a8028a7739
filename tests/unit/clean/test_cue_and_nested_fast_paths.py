"""Fast paths of clean that skip work which cannot change the result give exactly what the
slow way gives: a notes line without a rule's words is not searched for that rule; a
template whose argument is a whole template ({{sort|Mali|{{flag|Mali}}}}), or that plain
text follows ("{{flag|Liberia}} (suspended)"), is read without the parser, and so is a line of
plain templates and file links between plain stretches; ASCII text skips
Unicode normalisation, and text without a `<` the search for tags."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.clean.countries import _TYPOGRAPHY, country_key, country_name
from pipeline.clean.dates import parse_partial_date
from pipeline.clean.established_events import NOT_STATED, RULES, _written_dates, established_event
from pipeline.clean.facts import Rule as FactRule
from pipeline.clean.wikitext import (
    leading_template,
    normalise_text,
    parsed_line_text,
    parsed_sort_display,
    parsed_template_argument,
    sort_display,
    template_argument,
    templated_line_text,
    without_refs,
)
from pipeline.extract.references import strip_refs
from pipeline.text import INVISIBLE_IN_VALUES
from tests.helpers import Raised, at_least, outcome
from tests.helpers.strategies import joined, sequences


def _every_rule_on_every_line(date_text: str, notes: str | None) -> tuple[str, str | None]:
    """`established_event` as it was before the rules' cues: every rule tried on every line."""
    value = parse_partial_date(date_text).value if date_text.strip() else None
    if not value or not notes:
        return NOT_STATED, None
    for line in notes.split("\n"):
        for written in _written_dates(line, value):
            date = r"\s+".join(map(re.escape, written.split()))
            for rule in RULES:
                if re.search(rule.pattern.format(date=date), line, re.IGNORECASE):
                    return rule.event, rule.name
    return NOT_STATED, None


# Words of the rules, in any case and with letters of other alphabets that match them in any
# case ("ſ" is "s", "K" the Kelvin sign is "k", "ı" and "İ" are "i"), dates and fillers.
_WORDS = [
    "when", "WHEN", "presented", "Presents", "credentials", "credence", "CREDENTIALſ", "accredited",
    "accredıted", "Recognised", "recognized", "recognİtion", "opened", "OPENS", "embassy", "Embaſſy",
    "established", "EstaBlishment", "relations", "relationſ", "on", "in", "On", ",", " ", "  ", "\n",
    "1 August 1963", "August 1, 1963", "1963", "2 August 1963", "the", "first", "ambaſſador", "linK",
]  # fmt: skip
_NOTES = sequences(_WORDS, max_size=14).map(" ".join)


@at_least(300)
@given(st.sampled_from(["1 August 1963", "1963", "August 1963", "{{dts|1963|8|1}}", ""]), _NOTES)
@example("1 August 1963", "Relations began on 1 August 1963, when the ambassador presented his credentials")
@example("1963", "Relations began in 1963 when the ambassador was accredited")
@example("1963", "Mali recognised it in 1963")
@example("1963", "It opened an embassy in 1963")
@example("1 August 1963", "They recognised it on 1 August 1963.\nEstablished relations in 1963")
@example("1963", "They eſtabliſhed relationſ in 1963")
@example("1963", "It opened its embaſſy in 1963")
def test_the_rules_cues_skip_only_lines_the_rules_cannot_match(date_text: str, notes: str) -> None:
    assert established_event(date_text, notes) == _every_rule_on_every_line(date_text, notes)


def test_a_rule_is_tried_on_a_line_written_in_letters_of_other_alphabets() -> None:
    # "ſ" (long s) matches "s" in any case: the line is not ASCII, so no cue is required of it.
    assert established_event("1963", "They eſtabliſhed relationſ in 1963") == ("relations_established", "established_on")
    assert established_event("1963", "They established relations in 1963") == ("relations_established", "established_on")
    assert established_event("1963", "They agreed relations in 1963") == (NOT_STATED, None)


# Pieces of templates: plain words, the characters that matter to template syntax, whole
# templates nested as arguments, and text after the template. (No NUL: `simple_template`
# reads "{{\x00}}" as a template, the parser does not; no seed holds one.)
_PLAIN = joined([*list("{}|=[]<>' \n\taZé"), "{{", "}}", "sort", "flag", "Mali", "''", "&amp;"], max_size=6)
_INNER = st.builds(lambda name, args: "{{" + name + "".join("|" + a for a in args) + "}}", _PLAIN, st.lists(_PLAIN, max_size=3))
_ARGUMENT = st.one_of(_PLAIN, _INNER, st.builds(lambda a, b: a + b, _INNER, _PLAIN))
_NESTED = st.builds(
    lambda name, args, after: "{{" + name + "".join("|" + a for a in args) + "}}" + after,
    st.one_of(_PLAIN, st.just("sort")),
    st.lists(_ARGUMENT, max_size=3),
    st.one_of(st.just(""), _PLAIN, st.just(" (suspended)"), st.sampled_from([" [[Mali]]", "[[a|b]] c", "[[a]]]", "[[x"])),
)


@at_least(500)
@given(_NESTED)
@example("{{sort|Maldives|{{flag|Maldives}}}}")
@example("{{flagu|Liberia}} (Suspended)")
@example("{{sort|Congo|{{flagu|Congo}}}} (suspended)")
@example("{{a|{{ |x}}}}")
@example("{{a|{{b}}}}}")
@example("{{a|{{b}}|{{c|d}}}} x")
@example("{{a|{{{b}}}}}")
@example("{{flagicon|Chad}} [[Chad]]")
@example("{{flagicon|Chad}} [[Chad|the [[Chad]]]]")
@example("{{a|" * 11 + "{{b|c}}")  # tangled: refused alike
def test_a_leading_template_is_read_as_the_parser_reads_it(text: str) -> None:
    argument = outcome(parsed_template_argument, text)
    assert outcome(template_argument, text) == argument
    if text.startswith("{{") and argument is not None and not isinstance(argument, Raised):
        assert sort_display(text) == parsed_sort_display(text)


def test_the_leading_template_fast_path_takes_nested_and_followed_templates_only() -> None:
    assert leading_template("{{sort|Maldives|{{flag|Maldives}}}}") == ("sort", ["Maldives", "{{flag|Maldives}}"])
    assert leading_template("{{flagu|Liberia}} (Suspended)") == ("flagu", ["Liberia"])
    assert leading_template("{{flagicon|Chad}} [[Chad]]") == ("flagicon", ["Chad"])
    assert sort_display("{{sort|Côte d'Ivoire| {{flag|Ivory Coast}} }}") == "{{flag|Ivory Coast}}"
    assert leading_template("{{sort|a|x{{flag|b}}}}") is None  # a template inside an argument's text
    assert leading_template("{{flag|Mali}} {{flag|France}}") is None  # markup after the template
    assert leading_template("{{flag|a=b}}") is None  # a named argument
    assert leading_template("{{flag|''Mali''}}") is None  # bold or italics


def _country_name_slowly(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", _normalise_slowly(name).translate(_TYPOGRAPHY)).split())


def _normalise_slowly(text: str) -> str:
    return unicodedata.normalize("NFC", INVISIBLE_IN_VALUES.sub("", text))


def _country_key_slowly(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", _country_name_slowly(name).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# ASCII (every character that may be special: backtick, controls, separators) and beyond it.
_NAME = st.one_of(
    st.text(st.characters(max_codepoint=127), max_size=12),
    joined([*"aZ `'-\t\n\x1c\x0b", "\u2019", "\u200b", "\ufeff", "é", "e\u0301", "ＣÔ", "ß", "İ", "K"]),
)


@at_least(500)
@given(_NAME)
@example("Cote d`Ivoire")
@example("  United\tStates\x1c of  America ")
def test_ascii_names_and_values_take_the_short_way_to_the_same_result(name: str) -> None:
    assert normalise_text(name) == _normalise_slowly(name)
    assert country_name(name) == _country_name_slowly(name)
    assert country_key(name) == _country_key_slowly(name)


@at_least(300)
@given(joined(["<ref>a</ref>", "<ref name=x/>", "<!-- c -->", "<", "ref", "a", " ", "\n"]))
def test_text_without_a_tag_is_left_as_strip_refs_leaves_it(text: str) -> None:
    assert without_refs(text) == strip_refs(text)
    assert without_refs(text.replace("<", "")) == strip_refs(text.replace("<", ""))


_TEMPLATE_NAME = st.sampled_from(["cn", "flag", "Nowrap", " lang ", "", " ", "DEFAULTSORT:X", "#if:a", "a b", "é"])
_ARGUMENTS = sequences(["Mali", " x ", "", "a=b", "date=May 2023", "*x", "=", "&amp;", "a\nb", ":"])
_LINE_PIECE = st.one_of(
    st.sampled_from(
        [
            *list("{}|=[]<>!-#*:;' \t&aZ09é.,/~"), "''", "http://x.org", "//x.org", "mailto:a", "&amp;", "__TOC__",
            "[[Mali]]", "[[Foreign relations of France|France]]", "[[File:x.jpg|thumb|A caption]]", "[[Category:X| ]]",
            "[[image:y.png]]", "[[FILE:z]]", "[[ File:w]]", "[[File :v]]", "[[ımage:u]]", "[[Category:a|[[b]]]]",
            "{{a|{{b}}}}", "{{{a}}}", "http://x.org/",
        ]
    ),
    st.builds(lambda name, args: "{{" + name + "".join("|" + a for a in args) + "}}", _TEMPLATE_NAME, _ARGUMENTS),
)


@at_least(500)
@given(st.lists(_LINE_PIECE, max_size=8).map("".join))
@example("The UK established [[X|relations]] on 15 March 1961{{failed verification|reason=No.|date=March 2025}}")
@example("{{short description|none}} {{Use dmy dates|date=May 2023}} [[File:Visa.jpg|thumb|150px|A Visa]] In 1960, [[Mali]]")
@example("{{Reflist}} {{DEFAULTSORT:Foreign Relations of X}} [[Category:Foreign relations of X| ]]")
@example("Relations with {{flag|France}} and {{nowrap|the Gambia}}.")
@example("see http://x.org/{{flag|Mali}}")
def test_lines_of_templates_skip_the_parser_only_when_it_would_read_them_alike(line: str) -> None:
    fast = templated_line_text(line)
    if fast is not None:
        assert fast == parsed_line_text(line)


def test_the_templated_line_fast_path_takes_plain_templates_and_file_links() -> None:
    assert templated_line_text("In 1961{{cn|date=May 2023}} [[File:x.jpg|thumb|A]]Mali") == "In 1961 Mali"
    assert templated_line_text("Relations with {{flag|France}}.") == "Relations with France."
    assert templated_line_text("No markup.") is None  # `linked_line_text` reads it
    assert templated_line_text("see http://x.org/{{flag|Mali}}") is None  # a colon: a URL may take the template in
    assert templated_line_text("{{a|{{b}}}} x") is None  # a nested template


@at_least(300)
@given(sequences(["has an", " has an ", "embassy", "Embassy", ".", "(", "a", " ", "*"], max_size=3), _PLAIN)
@example([" has an "], "Mali has an embassy")
@example(["a.b"], "axb")  # a cue is a literal, not a pattern
def test_a_facts_rule_looks_for_its_cues_as_any_of_them_written_out(cues: list[str], text: str) -> None:
    rule = FactRule("rule", re.compile("x"), lambda: None, tuple(cues))
    assert rule.may_match(text) == (not cues or any(cue in text for cue in cues))
