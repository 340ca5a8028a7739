"""Every rule that reads free text, and the parse guard, in linear time on text written to hurt them.

    python benchmarks/linear_time.py          (make bench-linear)

Each case is timed on its worst case at 5k and at 20k words: linear time gives a ratio near 4,
quadratic time near 16. The worst cases are long runs with no sentence end in which a fragment
that starts a match repeats without the part that ends it. Prints one Markdown row per case and
exits 1 when a ratio reaches LIMIT (after up to three measurements), 0 otherwise. A timing, so
it lives here and not in the test suite (which holds the untimed halves: that the timed note is
one every mission rule matches, that a name starts at most 60 characters before its verb).
"""

from __future__ import annotations

import contextlib
import gc
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean import facts, mentions, missions, relation_changes, relations, tense  # noqa: E402
from pipeline.clean.countries import resolve_country  # noqa: E402
from pipeline.clean.demonyms import subject_words  # noqa: E402
from pipeline.clean.prose import ProseSentence  # noqa: E402
from pipeline.clean.wikitext import parsed_line_text  # noqa: E402
from pipeline.extract import sentences  # noqa: E402
from pipeline.extract.markup import first_unclosed  # noqa: E402
from pipeline.parse_guard import MAX_UNCLOSED, TangledMarkup, parse_wikitext  # noqa: E402

WORDS = (5_000, 20_000)
LIMIT = 6.0  # 4 for linear time, 16 for quadratic: noise on a busy machine stays well below 6
Case = tuple[str, Callable[[str], Any], Callable[[int], str]]


def repeated(fragment: str) -> Callable[[int], str]:
    """Text of about `count` words: the fragment again and again, no sentence end anywhere."""
    return lambda count: " ".join([fragment] * max(1, count // len(fragment.split())))


def best_time(apply: Callable[[str], Any], text: str, loops: int, repeats: int = 3) -> float:
    """The best of `repeats` timings of `loops` applications, the garbage collector off (as timeit does)."""
    times = []
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            for _ in range(loops):
                apply(text)
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def every_match(pattern: re.Pattern[str]) -> Callable[[str], None]:
    """A rule's whole application to a text: every match, each dropped once made, as the rules do."""
    return lambda text: deque(pattern.finditer(text), maxlen=0)


def growth(apply: Callable[[str], Any], make: Callable[[int], str]) -> float:
    """How much longer `apply` takes on 20k words than on 5k words. Each timing lasts about
    as long (4 runs on the short text, one on the long), so a busy machine slows both alike;
    the least of up to three measurements (quadratic time fails all three)."""
    small, large = make(WORDS[0]), make(WORDS[1])
    loops = 1
    while best_time(apply, large, loops, repeats=1) < 0.01:  # long enough to measure
        loops *= 2
    ratios: list[float] = []
    while len(ratios) < 3 and min(ratios, default=LIMIT) >= LIMIT:
        ratios.append(4 * best_time(apply, large, loops) / best_time(apply, small, 4 * loops))
    return min(ratios)


# (module, rule, worst case, why it is the worst case)
RULES = [
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
    (tense, "_TENSE_WORD", "hasx isx", "a tense word cut short, again and again"),
    (tense, "_AS_OF", "as ofx as of", "'as of' without its date, again and again"),
]


def _capitals(count: int) -> str:
    """One word of as many capitals as the other texts have words: each letter started a
    name that ran to the end of the word."""
    return "A" * count


def _hyphenated_city(count: int) -> str:
    """A city of `count` words joined by hyphens: each hyphen could end a word or be part of
    it, 2**n ways to cut n hyphens, all tried when the rule's end is missing."""
    return "The Aaa embassy in " + "-".join(["Aaa"] * count) + " aaa"


LONG_WORDS = [
    (missions._EMBASSY_ACCREDITED, "_EMBASSY_ACCREDITED", _hyphenated_city),
    (missions._OPENED, "_OPENED", _capitals),
    (facts._ORG_WITH_ABBREVIATION, "_ORG_WITH_ABBREVIATION", _capitals),
    (missions._HAS_EMBASSY, "_HAS_EMBASSY", _capitals),
]

# The sentence splitter on wikitext whose tags are left open.
SPLITTER = [
    "<!-- aaa. Aaa",  # every comment looked for its end up to the end of the text
    "<ref>aaa. Aaa",  # every ref looked for its </ref> up to the end
    "<ref aaa. Aaa",  # every ref looked for its > up to the end
    "aaa.<ref>Aaa",  # every period looked past the ref after it for a </ref>
    "Aaa aaa. Bbb [[aaa]] {{aaa}} ccc!",  # sentences: a cut every few words
]

# The public entry functions on one long note (a sentence the splitter never cut) with no
# punctuation but a hyphen and an apostrophe: long runs of words, which every rule reads.
# tests/unit/clean/test_rule_time.py checks that every mission rule matches it.
NOTE = (
    "Canada has an embassy in Bamako and Mali has an embassy in Ottawa and Mali is accredited to Canada from its "
    "embassy in Washington and The Malian embassy in Dakar is accredited to Canada and Mexico has an honorary "
    "consulate in Bamako and the ambassador of Mali to Canada is resident in Dakar and the non-resident "
    "ambassador of Mali to Canada and Mali does not have an embassy in Canada and Canada's embassy in Mali has "
    "been open since 1995 and Canada has closed its embassy in Bamako and the Canadian consulate in Gao was "
    "seized and Mali recalled its ambassador and relations began on 14 October 1960 and"
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


def _guarded(text: str) -> None:
    """The whole cost of a text to the pipeline's parse: parsed, or refused."""
    with contextlib.suppress(TangledMarkup):
        parse_wikitext(text)


def _subject_patterns() -> Iterator[Case]:
    """The patterns built from a subject's words (two names, the title's and the table's, and a demonym)."""
    words = subject_words(resolve_country("Ivory Coast"))
    built = [
        (
            "missions._own_ambassador",
            missions._own_ambassador(words),
            "of Ivory Coast Ivoirian Côte d'Ivoire's ambassador of the Republic of",
        ),
        ("facts._opening", facts._opening(words), "Côte d'Ivoire is active Côte d'Ivoire is a member"),
        ("facts._MEMBER_CUE", facts._MEMBER_CUE, "member belongs participates active associate"),
    ]  # fmt: skip
    for name, pattern, fragment in built:
        yield f"{name} on {fragment!r}", every_match(pattern), repeated(fragment)


def cases() -> Iterator[Case]:
    """(name, what is timed, text of about n words) of every case."""
    subject = resolve_country("Mali")
    for module, rule, fragment, why in RULES:
        pattern = getattr(module, rule)
        pattern = pattern() if callable(pattern) else pattern  # _country_pattern() is built on first use
        yield (
            f"{module.__name__.split('.')[-1]}.{rule} on {fragment!r} ({why})",
            every_match(pattern),
            repeated(fragment),
        )
    for pattern, rule, make in LONG_WORDS:
        yield f"{rule} on one long word ({make.__name__})", every_match(pattern), make
    yield "relations._SEE on a link never closed", relations._SEE.match, lambda n: "See [[" + repeated("aaa")(n)
    for fragment in SPLITTER:
        yield f"split_sentences on {fragment!r}", lambda t: sentences.split_sentences(t, 0, len(t)), repeated(fragment)
    yield "missions() on one long note", lambda t: missions.missions(_note(t), subject), repeated(NOTE)
    yield "events() on one long note", lambda t: facts.events(_note(t), subject), repeated(NOTE)
    yield "memberships() on a long list", lambda t: facts.memberships(_membership(t), subject), repeated(MEMBERS)
    yield "split_sentences on sentences", lambda t: sentences.split_sentences(t, 0, len(t)), repeated(SENTENCES)
    yield from _subject_patterns()
    yield "parsed_line_text on a line of templates", parsed_line_text, repeated("words with one {{lang|fr|mot}} in it")
    yield "first_unclosed on <ref never closed", first_unclosed, repeated("<ref name=a")
    for opener in ["{{a|", "<ref name=a ", "<b ", "\n==a==\n{{a|"]:
        yield f"the parse guard refusing {opener!r}", _guarded, repeated(opener)
    yield "the parse guard's worst text let through", _guarded, lambda n: "{{a|" * MAX_UNCLOSED + repeated("aaa")(n)


def main() -> int:
    quadratic = lambda text: [text.count(" ", 0, end) for end in range(0, len(text), 100)]  # noqa: E731
    print(f"# Linear time ({time.strftime('%Y-%m-%d')}): time on {WORDS[1]:,} words / on {WORDS[0]:,} words\n")
    print(f"Linear is about 4, quadratic about 16; a case fails at {LIMIT:g}.\n")
    print("| case | ratio | |\n|---|---|---|")
    seen = growth(quadratic, repeated("aaa"))  # the measure must see a quadratic function as one
    verdict = "fails, as it must" if seen >= LIMIT else "PASSES: the measure is blind"
    print(f"| (the measure itself) a quadratic function | {seen:.1f} | {verdict} |")
    failed = int(seen < LIMIT)
    for name, apply, make in cases():
        ratio = growth(apply, make)
        failed += ratio >= LIMIT
        print(f"| {name} | {ratio:.1f} | {'FAILS' if ratio >= LIMIT else 'linear'} |", flush=True)
    print(f"\n{failed} case(s) at {LIMIT:g} or more")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
