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

# `style="width:15%;"` and friends: what may stand between a cell marker and the `|`
# that separates a cell's attributes from its content. Checked on short segments only.
_ATTRIBUTES = re.compile(r"""\s*(?:[A-Za-z][\w:-]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'|]+)\s*)+""")
_MAX_ATTRIBUTE_LENGTH = 300


def restore_line_breaks(text: str) -> str:
    """Return `text` with newlines put back before table, heading and list tokens."""
    # A virtual space in front lets a token at the very start count as a line start.
    return _restore(" " + text)[1:]


def _restore(text: str) -> str:
    """`restore_line_breaks` on text whose first character is a space."""
    out = list(text)
    n = len(text)
    template_depth = link_depth = table_depth = 0
    line_kind = "text"  # text | table | row | cell | heading | bullet
    cell_start = 0  # where the current cell's content (or attributes) begins
    cell_has_attributes = False
    heading_open = False
    i = 0
    while i < n:
        c = text[i]
        if c == "<":
            skip = _skip_protected_tag(text, i)
            if skip > i:
                i = skip
                continue
        if c == "{" and text.startswith("{{", i):
            template_depth += 1
            i += 2
            continue
        if c == "}" and template_depth and text.startswith("}}", i):
            template_depth -= 1
            i += 2
            continue
        if c == "[" and text.startswith("[[", i):
            link_depth += 1
            i += 2
            continue
        if c == "]" and link_depth and text.startswith("]]", i):
            link_depth -= 1
            i += 2
            continue
        if template_depth or link_depth:
            i += 1
            continue
        if line_kind == "cell" and text.startswith(("||", "!!"), i):
            cell_start, cell_has_attributes = i + 2, False
            i += 2
            continue
        if line_kind == "heading" and c == "=" and heading_open:
            j = i
            while j < n and text[j] == "=":
                j += 1
            if j < n and text[j] == " " and text[i - 1] != "=":
                out[j] = "\n"
                line_kind, heading_open = "text", False
                i = j  # look at the space again: a table may start right after
                continue
            i = j
            continue
        if c != " ":
            i += 1
            continue
        # A space at the top level: does a line-start token follow it?
        nxt = text[i + 1 : i + 3]
        kind = _line_start_kind(nxt, table_depth)
        if kind is None or (kind == "heading" and heading_open):
            i += 1
            continue
        if kind == "cell" and line_kind == "cell" and not cell_has_attributes:
            segment = text[cell_start:i]
            if len(segment) <= _MAX_ATTRIBUTE_LENGTH and _ATTRIBUTES.fullmatch(segment):
                # `! style="..." | Country`: the `|` ends the attributes, not the cell.
                cell_start, cell_has_attributes = i + 2, True
                i += 2
                continue
        out[i] = "\n"
        if kind == "table_start":
            table_depth += 1
        elif kind == "table_end":
            table_depth -= 1
        line_kind = "cell" if kind in ("cell", "header") else kind
        heading_open = kind == "heading"
        cell_start, cell_has_attributes = i + 2, False
        i += 2 if kind != "heading" else 3
    return "".join(out)


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
