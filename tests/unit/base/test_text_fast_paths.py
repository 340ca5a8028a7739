"""The report's text helpers read a value by table lookups, not character by character
(`one_line`'s translate table of invisible characters and its plain-ASCII shortcut,
`markdown._escape`'s test for markup and its one substitution):
each gives exactly what the character-by-character definition gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import markdown
from pipeline.text import is_invisible, one_line

# Any code point, with the ones that matter often: ASCII (controls too), Unicode spaces, zero-width
# and bidi characters, a lone surrogate, a noncharacter, private use.
_SPECIAL = "\x00\x1b\x1c\x1f\x7f\x85\xa0\u2028\u3000\u200b\u202e\ufeff\ud800\ufffe\ue000 \t\n"
CHARS = st.one_of(st.characters(), st.characters(max_codepoint=127))
SPECIAL = st.sampled_from(_SPECIAL + "ab")
MARKUP = st.sampled_from("ab1é_ -+=.)9\\`*[]<>|#&~")


def one_line_by_character(value: str, limit: int) -> tuple[str, int | None]:
    """`one_line` as first written: each character tested with `is_invisible`."""
    head = value[: 4 * limit + 64]
    shown = " ".join("".join(c for c in head if not is_invisible(c)).split())
    if len(shown) > limit or len(head) < len(value):
        return shown[:limit].rstrip(), len(value)
    return shown, None


def escape_by_character(shown: str) -> str:
    """`markdown._escape` as first written: a backslash tested before every character."""
    out = []
    for index, char in enumerate(shown):
        if char in markdown.ANYWHERE or (char == "_" and not inside_word(shown, index)):
            out.append("\\")
        out.append(char)
    return markdown._escaped_line_start("".join(out))


@settings(max_examples=400)
@given(st.text(CHARS, max_size=80), st.integers(1, 50))
def test_one_line_drops_what_the_character_test_drops(value, limit):
    assert one_line(value, limit) == one_line_by_character(value, limit)


def inside_word(shown: str, index: int) -> bool:
    """True for a character between two letters or digits (intraword "_" is not emphasis)."""
    return 0 < index < len(shown) - 1 and shown[index - 1].isalnum() and shown[index + 1].isalnum()


@settings(max_examples=400)
@given(st.text(SPECIAL, max_size=30), st.integers(1, 40))
def test_one_line_of_spaces_and_invisible_characters_is_the_character_test(value, limit):
    assert one_line(value, limit) == one_line_by_character(value, limit)


def test_one_line_of_ascii_collapses_blanks_at_its_ends_and_between_words():
    assert one_line(" a  b ", 10) == ("a b", None)
    assert one_line("a b\tc", 10) == ("a b c", None)
    assert one_line("plain words", 5) == ("plain", 11)


def test_one_line_drops_controls_format_and_unassigned_characters_but_not_spaces():
    assert one_line("a\x00b\u200bc\ufffed\x1ce\u2028f\ue000", 50) == ("abcd e f", None)


@settings(max_examples=400)
@given(st.text(MARKUP, max_size=20))
def test_escape_is_the_character_by_character_escape(shown):
    assert markdown._escape(shown) == escape_by_character(shown)


@settings(max_examples=400)
@given(st.text(st.one_of(CHARS, st.just("_")), max_size=30))
def test_escape_of_underscores_beside_any_character_is_the_character_by_character_escape(shown):
    assert markdown._escape(shown) == escape_by_character(shown)


def test_escape_of_underscores_between_letters_and_digits_of_any_script():
    assert markdown._escape("a_b é_1 ٣_ж _x y_ a__b") == "a_b é_1 ٣_ж \\_x y\\_ a\\_\\_b"


def test_escape_of_a_text_without_markup_still_guards_its_start():
    assert markdown._escape("1. item") == "1\\. item"
    assert markdown._escape("- item") == "\\- item"
    assert markdown._escape("plain words") == "plain words"
