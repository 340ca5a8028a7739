"""Restore the line breaks a scrape collapsed into spaces, so wikitext parses again.

The edit-page scrape joined every line of the article with a single space. Table rows,
cells, headings and bullets only mean something at the start of a line, so the parser
sees none of them. `restore_line_breaks` walks the text once, keeps track of what the
current position is inside (a template, a link, a reference, a comment, a table, a
heading) and turns a space into a newline only where a line-start token follows it.

Invariant: the result differs from the input only in spaces turned into newlines, so
`restore_line_breaks(text).replace("\\n", " ") == text.replace("\\n", " ")`, and every
character keeps its offset (byte spans computed on either text agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# `style="width:15%;"` and friends: what may stand between a cell marker and the `|`
# that separates a cell's attributes from its content. Checked on short segments only.
_ATTRIBUTES = re.compile(r"""\s*(?:[A-Za-z][\w:-]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'|]+)\s*)+""")
_MAX_ATTRIBUTE_LENGTH = 300
_NESTING = frozenset("<{}[]")  # what may open or close a comment, reference, template or link
_TOP_LEVEL = frozenset(" =|!")  # what may matter outside them: a space, a heading's end, `||`
# The next character that may matter, outside templates and links and inside them: the walk
# jumps over the others (each would only move it on by one). Outside, a space matters only
# before a character that may start a line-start token (`_line_start_kind`).
_NEXT_OUTSIDE = re.compile(r"[<{}\[\]=|!]| (?=[{=*#|!])")
_NEXT_INSIDE = re.compile(r"[<{}\[\]]")


def restore_line_breaks(text: str) -> str:
    """Return `text` with newlines put back before table, heading and list tokens."""
    # A virtual space in front lets a token at the very start count as a line start.
    return _restore(" " + text)[1:]


@dataclass
class _State:
    """Where the walk is: inside how many templates, links and tables, and on what kind of line."""

    out: list[str]  # the text's characters, spaces turned into newlines as the walk goes
    template_depth: int = 0
    link_depth: int = 0
    table_depth: int = 0
    line_kind: str = "text"  # text | table_start | table_end | row | cell | heading | bullet
    cell_start: int = 0  # where the current cell's content (or attributes) begins
    cell_has_attributes: bool = False
    heading_open: bool = False


def _restore(text: str) -> str:
    """`restore_line_breaks` on text whose first character is a space."""
    state = _State(list(text))
    n = len(text)
    i = 0
    while i < n:
        following = (_NEXT_INSIDE if state.template_depth or state.link_depth else _NEXT_OUTSIDE).search(text, i)
        if following is None:
            break
        i = following.start()
        c = text[i]
        if c in _NESTING:
            after = _nesting(text, i, state)
            if after > i:
                i = after
                continue
        if state.template_depth or state.link_depth or c not in _TOP_LEVEL:
            i += 1
            continue
        i = _top_level(text, i, state)
    return "".join(state.out)


def _nesting(text: str, i: int, state: _State) -> int:
    """Past the comment, `<ref>`, `{{`, `}}`, `[[` or `]]` at `i` (depths kept), or `i` when none is there."""
    if text[i] == "<":
        return _skip_protected_tag(text, i)
    two = text[i : i + 2]
    if two == "{{":
        state.template_depth += 1
    elif two == "}}" and state.template_depth:
        state.template_depth -= 1
    elif two == "[[":
        state.link_depth += 1
    elif two == "]]" and state.link_depth:
        state.link_depth -= 1
    else:
        return i
    return i + 2


def _top_level(text: str, i: int, state: _State) -> int:
    """Where to look next after character `i` outside templates and links: a `||` between
    cells, the `==` closing a heading, or a space before a line-start token."""
    if state.line_kind == "cell" and text.startswith(("||", "!!"), i):
        state.cell_start, state.cell_has_attributes = i + 2, False
        return i + 2
    if text[i] == "=" and state.line_kind == "heading" and state.heading_open:
        return _heading_end(text, i, state)
    return _after_space(text, i, state) if text[i] == " " else i + 1


def _heading_end(text: str, i: int, state: _State) -> int:
    """Past the run of `=` at `i`; when it closes the heading, the space after it becomes a
    newline (and is looked at again: a table may start right after)."""
    j = i
    while j < len(text) and text[j] == "=":
        j += 1
    if j < len(text) and text[j] == " " and text[i - 1] != "=":
        state.out[j] = "\n"
        state.line_kind, state.heading_open = "text", False
    return j


def _after_space(text: str, i: int, state: _State) -> int:
    """A space at the top level: a newline when a line-start token follows it."""
    kind = _line_start_kind(text[i + 1 : i + 3], state.table_depth)
    if kind is None or (kind == "heading" and state.heading_open):
        return i + 1
    if kind == "bullet" and state.line_kind == "cell" and not text[state.cell_start : i].strip():
        return i + 1  # `! # !! Country`: a "#" that is a cell's whole start is its content, not a list
    if kind == "cell" and state.line_kind == "cell" and not state.cell_has_attributes:
        segment = text[state.cell_start : i]
        if len(segment) <= _MAX_ATTRIBUTE_LENGTH and _ATTRIBUTES.fullmatch(segment):
            # `! style="..." | Country`: the `|` ends the attributes, not the cell.
            state.cell_start, state.cell_has_attributes = i + 2, True
            return i + 2
    state.out[i] = "\n"
    if kind == "table_start":
        state.table_depth += 1
    elif kind == "table_end":
        state.table_depth -= 1
    state.line_kind = "cell" if kind in ("cell", "header") else kind
    state.heading_open = kind == "heading"
    state.cell_start, state.cell_has_attributes = i + 2, False
    return i + 2 if kind != "heading" else i + 3


def _line_start_kind(nxt: str, table_depth: int) -> str | None:
    """Classify the two characters after a top-level space as a line-start token."""
    if nxt == "{|":
        return "table_start"
    if nxt == "==":
        return "heading"
    if nxt[:1] == "*" or nxt == "# ":
        return "bullet"
    if table_depth:
        if nxt == "|}":
            return "table_end"
        if nxt in ("|-", "|+"):
            return "row"
        if nxt[:1] == "|" and nxt != "||":
            return "cell"
        if nxt[:1] == "!" and nxt != "!!":
            return "header"
    return None


def _skip_protected_tag(text: str, i: int) -> int:
    """Return the index just past a comment or `<ref>...</ref>` starting at `i`, else `i`."""
    if text.startswith("<!--", i):
        end = text.find("-->", i + 4)
        return len(text) if end < 0 else end + 3
    head = text[i : i + 5].lower()
    if head not in ("<ref>", "<ref ", "<ref/") and not head.startswith("<ref\n"):
        return i
    close = text.find(">", i)
    if close < 0:
        return len(text)
    if text[close - 1] == "/":
        return close + 1
    end = _find_ci(text, "</ref", close)
    if end < 0:
        return len(text)
    tag_end = text.find(">", end)
    return len(text) if tag_end < 0 else tag_end + 1


def _find_ci(text: str, needle: str, start: int) -> int:
    """Case-insensitive find without lower-casing the whole text again."""
    match = re.compile(re.escape(needle), re.IGNORECASE).search(text, start)
    return match.start() if match else -1
