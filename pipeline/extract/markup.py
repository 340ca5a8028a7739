"""Wikitext markup read without the parser: plain templates, maintenance tags, and the
first `{{`, `[[`, `<ref>` or table that never closes.

A template left open swallows everything after it, tables included; pointing at where
it opens turns "no table found" into something a person can fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# One template whose arguments hold no markup: no nested template, link, tag or bold. Linear:
# the name's and each argument's characters exclude what may follow them (`|`, `}`), so a
# failed match never tries the same text twice.
_PLAIN_TEMPLATE = re.compile(r"\{\{([^{}\[\]<>|=\n]*)((?:\|[^{}\[\]<>|]*)*)\}\}")
# A <ref ...> tag's attributes stop at the next "<" or ">": a "<ref" never closed costs the
# distance to the next tag, not to the end of the text (linear however many there are).
_TOKENS = re.compile(r"<!--|\{\{|\}\}|\[\[|\]\]|<ref\b[^<>]*>|</ref\s*>|(?:^|\n)\{\||(?:^|\n)\|\}", re.I)
# Maintenance templates: editors' tags saying a fact is unsourced, disputed or its link dead.
# The one list: the date cells are read without them and the checks report each of them.
MAINTENANCE_TEMPLATES = (
    "failed verification",
    "citation needed",
    "cn",
    "fact",
    "more citations needed",
    "refimprove",
    "better source needed",
    "dubious",
    "dead link",
    "unreliable source",
    "unreliable source?",
    "verification needed",
)
# A maintenance template by name (any case), with plain arguments. Linear: `[^{}]*` stops at
# the next brace, where the next candidate starts.
_MAINTENANCE = re.compile(
    r"\{\{\s*(" + "|".join(map(re.escape, MAINTENANCE_TEMPLATES)) + r")\s*(?:\|[^{}]*)?\}\}", re.IGNORECASE
)
_CLOSING = {"}}": "{{", "]]": "[[", "</ref>": "<ref>", "|}": "{|"}


def plain_template(text: str) -> tuple[str, list[str]] | None:
    """(name, arguments) as written when `text` is exactly one template whose arguments hold
    no markup, like {{flag|Mali}} or {{cite web |url=...}}; None when it takes the parser to
    tell ('' may open bold or italics). Named arguments stay "key=value" strings."""
    match = _PLAIN_TEMPLATE.fullmatch(text) if "''" not in text else None
    if match is None or not match.group(1).strip():
        return None
    return match.group(1), match.group(2).split("|")[1:]


def plain_templates(text: str) -> Iterator[re.Match[str]]:
    """Every stretch of `text` that `plain_template` reads as one template (a name not blank), in order."""
    return (match for match in _PLAIN_TEMPLATE.finditer(text) if match.group(1).strip())


@dataclass(frozen=True)
class MaintenanceTag:
    """A maintenance tag as written ({{failed verification|date=March 2025}}), its template's
    name as written, and its character span."""

    name: str
    text: str
    start: int
    end: int


def maintenance_tags(wikitext: str) -> list[MaintenanceTag]:
    """Every maintenance tag of the text, in order."""
    return [MaintenanceTag(m.group(1), m.group(0), m.start(), m.end()) for m in _MAINTENANCE.finditer(wikitext)]


def without_maintenance_tags(wikitext: str) -> str:
    """The text with its maintenance tags left out."""
    return _MAINTENANCE.sub("", wikitext)


def first_unclosed(wikitext: str) -> tuple[str, int] | None:
    """(what, character offset) of the innermost construct left open at the end (a
    template, link or reference before an enclosing table: it is what swallowed the
    rest), or None when everything closes."""
    stack: list[tuple[str, int]] = []
    position = 0
    while True:
        match = _TOKENS.search(wikitext, position)
        if match is None:
            break
        token = match.group(0).lstrip("\n").lower()
        start = match.start() + (1 if match.group(0).startswith("\n") else 0)
        position = match.end()
        if token == "<!--":
            end = wikitext.find("-->", position)
            if end < 0:
                stack.append(("<!--", start))
                break
            position = end + 3
        elif token.endswith("/>"):
            continue
        elif token.startswith("<ref"):
            stack.append(("<ref>", start))
        elif token.startswith("</ref"):
            _close(stack, "<ref>")
        elif token in _CLOSING:
            _close(stack, _CLOSING[token])
        else:
            stack.append((token, start))
    inner = [item for item in stack if item[0] != "{|"]
    return (inner or stack)[-1] if stack else None


def _close(stack: list[tuple[str, int]], opener: str) -> None:
    """Pop the innermost `opener` (and anything left open inside it); stray closers are ignored."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == opener:
            del stack[depth:]
            return
