"""The parse of an article for its layout (tables, rows, cells, headings), cheaper where templates are plain.

Most of the parse of an article is mwparserfromhell building trees for its templates, above all
the cite templates in its `<ref>` tags: trees `tables_and_headings` never looks into, as it needs
each node's length and takes the text of a cell from the article itself. A plain template
(`markup.plain_template`: no tag, link, bold or nested template inside) parses as a template
whatever its name and arguments, and a reference whose content is one closes at its `</ref>`: so
the article is parsed with the content of each such reference, and the name and arguments of each
other plain template (outside comments and heading lines), replaced by as many FILLER characters.
Lengths, and so every offset, are unchanged. The parse is checked, in the tokens the tree is
built from: each run of FILLER must be the whole content of a `ref` tag or the whole name of a
template without arguments, as masked. Where it is not (the parser read the text otherwise
than the scans: a `<nowiki>`, `{{{`, ...), or the article holds FILLER or a NUL, the article is
parsed as written. Tests compare the two.
"""

from __future__ import annotations

import re
from collections import Counter

from mwparserfromhell.parser import Builder
from mwparserfromhell.parser.tokens import (
    TagAttrStart,
    TagCloseClose,
    TagCloseOpen,
    TagCloseSelfclose,
    TagOpenClose,
    TagOpenOpen,
    TemplateClose,
    TemplateOpen,
    Text,
    Token,
)
from mwparserfromhell.wikicode import Wikicode

from pipeline.extract.markup import plain_template, plain_templates
from pipeline.extract.references import ref_contents_and_comments
from pipeline.parse_guard import check_unclosed, checked_tokens

FILLER = "\ue000"  # a private-use character: text to the parser, never markup
_HEADING_LINE = re.compile(r"^=[^\n]*", re.MULTILINE)


def layout_parse(wikitext: str) -> tuple[Wikicode, bool]:
    """A parse of `wikitext` whose nodes have the lengths of the text's own parse and whose tables,
    rows, cells and headings are the same; and whether anything was masked (then the text of a
    node holding it is FILLER there: take it from `wikitext` by offsets)."""
    tokens, text = layout_tokens(wikitext)
    return Builder().build(tokens), text is not wikitext


def layout_tokens(wikitext: str) -> tuple[list[Token], str]:
    """The parser's tokens of `wikitext` masked (`layout_parse`'s tree is built of them), and the
    text they were read from: the masked text, or `wikitext` itself where nothing was masked."""
    check_unclosed(wikitext)  # the refusal of a tangled article, as for the parse of the text as written
    masked, expected = _masked(wikitext)
    if expected:
        tokens = checked_tokens(masked)
        if _fillers_found(tokens) == expected:
            return tokens, masked
    return checked_tokens(wikitext), wikitext


def _masked(wikitext: str) -> tuple[str, Counter[tuple[str, int]]]:
    """The text with each plain reference content masked, and the name and arguments of each
    plain template elsewhere (neither in a comment nor, like those references, in a heading
    line); and how many of each kind ("ref", "template") and length were."""
    expected: Counter[tuple[str, int]] = Counter()
    if FILLER in wikitext or "\x00" in wikitext:
        return wikitext, expected
    headings = [match.span() for match in _HEADING_LINE.finditer(wikitext)]
    outside_headings = _Outside(headings)  # a heading's title is read from the tree
    contents, comments = ref_contents_and_comments(wikitext)
    plain = [(a, b) for a, b in contents if plain_template(wikitext[a:b].strip()) and outside_headings.holds(a, b)]
    masks = [(a, b, "ref") for a, b in plain]
    outside = _Outside(sorted(plain + comments + headings))
    for match in plain_templates(wikitext):
        # after a `{`, the parser tries a parameter `{{{...}}}` first, which its content can fail
        if outside.holds(*match.span()) and wikitext[match.start() - 1 : match.start()] != "{":
            masks.append((match.start() + 2, match.end() - 2, "template"))
    parts, position = [], 0
    for start, end, kind in sorted(masks):
        parts += [wikitext[position:start], FILLER * (end - start)]
        expected[kind, end - start] += 1
        position = end
    return "".join([*parts, wikitext[position:]]), expected


class _Outside:
    """Whether spans, asked in order of their start, lie outside all of some sorted spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans, self.next, self.reach = spans, 0, 0  # reach: the furthest end of the spans started

    def holds(self, start: int, end: int) -> bool:
        while self.next < len(self.spans) and self.spans[self.next][0] < end:
            self.reach = max(self.reach, self.spans[self.next][1])
            self.next += 1
        return self.reach <= start


def _fillers_found(tokens: list[Token]) -> Counter[tuple[str, int]]:
    """The ref tags whose content, and the templates without arguments whose name, is all FILLER,
    by kind and length: equal to what was masked, they hold every FILLER of the text, each run
    of them whole (two masked stretches are never side by side). Read from the parser's tokens,
    which the tree is built from one for one: a text token between `{{` and `}}` is a template's
    whole name, without arguments; between the end of an opening tag and the start of a closing
    one, the whole content of that tag, named by the text token after its `<` (a name of more
    tokens is not counted). One look at each token; the tree, walked, would cost five times more."""
    found: Counter[tuple[str, int]] = Counter()
    opened: list[int] = []  # where the tags still open start
    for index, token in enumerate(tokens):
        kind = type(token)
        if kind is TagOpenOpen:
            opened.append(index)
        elif (kind is TagCloseClose or kind is TagCloseSelfclose) and opened:
            opened.pop()
        elif kind is Text and FILLER in token["text"] and 0 < index < len(tokens) - 1:
            text, around = token["text"], (type(tokens[index - 1]), type(tokens[index + 1]))
            if text.count(FILLER) != len(text):
                continue
            if around == (TemplateOpen, TemplateClose):
                found["template", len(text)] += 1
            elif around == (TagCloseOpen, TagOpenClose) and opened and _named_ref(tokens, opened[-1]):
                found["ref", len(text)] += 1
    return found


def _named_ref(tokens: list[Token], start: int) -> bool:
    """Whether the tag whose `<` is token `start` is named by one text token, "ref" (any case, spaces aside)."""
    name, after = tokens[start + 1], type(tokens[start + 2])
    return type(name) is Text and name["text"].strip().lower() == "ref" and after in (TagAttrStart, TagCloseOpen)
