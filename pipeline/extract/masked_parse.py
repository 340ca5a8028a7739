"""The parse of an article for its layout (tables, rows, cells, headings), cheaper where references are plain.

Most of the parse of an article is mwparserfromhell building trees for the cite templates inside
its `<ref>` tags, trees `tables_and_headings` never looks into: it needs each node's length and
takes the text of a cell from the article itself. A reference whose content is one plain template
(`markup.plain_template`: no tag, link, bold or nested template inside) cannot change how the
parser reads anything around it: the tag closes at its `</ref>` whatever the template holds. So the
article is parsed with each such content replaced by as many FILLER characters (lengths, and so
every offset, unchanged), and the tree checked: every run of FILLER must be, alone, the content of a
`ref` tag. Where it is not (the parser read a `<ref` otherwise than the scan of `references.py`,
in a comment, a `<nowiki>`, ...), or the article holds FILLER or a NUL, the article is parsed as written.
Tests compare the two parses.
"""

from __future__ import annotations

from collections import Counter

from mwparserfromhell.nodes import Tag
from mwparserfromhell.wikicode import Wikicode

from pipeline.extract.markup import plain_template
from pipeline.extract.references import ref_contents
from pipeline.parse_guard import check_unclosed, parse_checked, parse_wikitext

FILLER = "\ue000"  # a private-use character: text to the parser, never markup


def layout_parse(wikitext: str) -> tuple[Wikicode, bool]:
    """A parse of `wikitext` whose nodes have the lengths of the text's own parse and whose tables,
    rows, cells and headings are the same; and whether contents were masked (then the text of a
    node holding a reference is FILLER there: take it from `wikitext` by offsets)."""
    check_unclosed(wikitext)  # the refusal of a tangled article, as for the parse of the text as written
    masked, lengths = _masked(wikitext)
    if lengths:
        code = parse_checked(masked)
        if _fillers_are_ref_contents(code, lengths):
            return code, True
    return parse_wikitext(wikitext), False


def _masked(wikitext: str) -> tuple[str, Counter[int]]:
    """The text with each plain reference content masked, and how many contents of each length were."""
    lengths: Counter[int] = Counter()
    if FILLER in wikitext or "\x00" in wikitext:
        return wikitext, lengths
    parts, position = [], 0
    for start, end in ref_contents(wikitext):
        if plain_template(wikitext[start:end].strip()) is not None:
            parts += [wikitext[position:start], FILLER * (end - start)]
            lengths[end - start] += 1
            position = end
    return "".join([*parts, wikitext[position:]]), lengths


def _fillers_are_ref_contents(code: Wikicode, lengths: Counter[int]) -> bool:
    """Whether the ref tags whose content is all FILLER are one for each masked content, of its
    length: between them they hold as many FILLER as the text, each run of them whole (two
    contents are never side by side)."""
    found: Counter[int] = Counter()
    for tag in code.ifilter_tags(recursive=True):
        if isinstance(tag, Tag) and str(tag.tag).strip().lower() == "ref" and tag.contents is not None:
            content = str(tag.contents)
            if content and content.count(FILLER) == len(content):
                found[len(content)] += 1
    return found == lengths  # then they hold every FILLER: the masked contents, one tag each
