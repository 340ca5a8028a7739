"""Fast paths of clean that skip work which cannot change the result give exactly what the
slow way gives: a notes line without a rule's words is not searched for that rule."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.clean.dates import parse_partial_date
from pipeline.clean.established_events import NOT_STATED, RULES, _written_dates, established_event
from tests.helpers import at_least


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
_WORDS = st.sampled_from(
    [
        "when", "WHEN", "presented", "Presents", "credentials", "credence", "CREDENTIALſ", "accredited",
        "accredıted", "Recognised", "recognized", "recognİtion", "opened", "OPENS", "embassy", "Embaſſy",
        "established", "EstaBlishment", "relations", "relationſ", "on", "in", "On", ",", " ", "  ", "\n",
        "1 August 1963", "August 1, 1963", "1963", "2 August 1963", "the", "first", "ambaſſador", "linK",
    ]
)  # fmt: skip
_NOTES = st.lists(_WORDS, max_size=14).map(" ".join)


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
