"""A tag's tokens, read for where its name, attributes, contents and closing lie (`token_spans.py`
reads the rest): `str()` of the builder's `Tag` writes them in order, its name and closing name
but in wiki markup (`|-`, `||`, ...), where the markup stands for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from mwparserfromhell.parser import tokens as t

NAME, ATTRIBUTES, CONTENTS, CLOSING = range(4)  # where a tag is in its tokens


class Unsure(Exception):
    """The tokens are not read here exactly as the builder reads them."""


@dataclass(slots=True)
class TagSpan:
    """A tag: its name, markup and the offsets of its parts (`str(tag)` is text[start:end])."""

    start: int
    wiki_markup: str | None
    invalid: bool
    name: list[str] = field(default_factory=list)  # its name's text tokens
    attributes: list[tuple[str, str | None]] = field(default_factory=list)  # (name, value) as written
    attributes_end: int = -1  # after the last attribute (before padding and separator)
    contents_start: int = -1
    contents_end: int = -1
    end: int = -1
    self_closing: bool = False
    children: list[TagSpan] = field(default_factory=list)  # tags directly in its contents
    phase: int = NAME
    attribute: list[object] | None = None  # the one being read: [start token, name start and end, value start, quote]

    @property
    def tag(self) -> str:
        return "".join(self.name)


class Reader(Protocol):
    """`token_spans`' reader: the text, the offset reached, the constructs open, what it found."""

    text: str
    at: int
    stack: list[object]
    items: list[object]


def not_in_name(stack: list[object]) -> None:
    top = stack[-1] if stack else None
    if type(top) is TagSpan and top.phase in (NAME, CLOSING):
        raise Unsure  # markup in a tag's name (the builder's tag would write it otherwise)


def tag_open(reader: Reader, token: t.Token, index: int) -> None:
    not_in_name(reader.stack)
    markup, invalid = token.get("wiki_markup") or None, bool(token.get("invalid"))
    reader.stack.append(TagSpan(reader.at, markup, invalid))
    reader.at += len(markup) if markup else (2 if invalid else 1)  # "<" or "</"


def _open_tag(reader: Reader, phases: tuple[int, ...]) -> TagSpan:
    top = reader.stack[-1] if reader.stack else None
    if type(top) is not TagSpan or top.phase not in phases:
        raise Unsure
    return top


def attribute_start(reader: Reader, token: t.Token, index: int) -> None:
    tag = _open_tag(reader, (NAME, ATTRIBUTES))
    _attribute_end(reader, tag)
    reader.at += _padding(token.get("pad_first"))
    tag.phase, tag.attribute = ATTRIBUTES, [token, reader.at, -1, -1, None]


def attribute_equals(reader: Reader, token: t.Token, index: int) -> None:
    tag = _open_tag(reader, (ATTRIBUTES,))
    start, name_start, name_end, _, _ = tag.attribute  # type: ignore[misc]
    if name_end >= 0 or reader.at == name_start:  # a second `=`, or no name: the builder drops text
        raise Unsure
    tag.attribute[2] = reader.at  # type: ignore[index]
    reader.at += _padding(start.get("pad_before_eq")) + 1 + _padding(start.get("pad_after_eq"))
    tag.attribute[3] = reader.at  # type: ignore[index]


def attribute_quote(reader: Reader, token: t.Token, index: int) -> None:
    tag = _open_tag(reader, (ATTRIBUTES,))
    if tag.attribute[3] != reader.at or tag.attribute[4] is not None:  # type: ignore[index]
        raise Unsure  # a quote not right after the `=`, or a second one
    tag.attribute[4] = token.get("char") or ""  # type: ignore[index]
    reader.at += len(tag.attribute[4])  # type: ignore[index, arg-type]
    tag.attribute[3] = reader.at  # type: ignore[index]


def _attribute_end(reader: Reader, tag: TagSpan) -> None:
    """The attribute being read ends: `Attribute.__str__`'s padding and closing quote."""
    if tag.attribute is None:
        return
    start, name_start, name_end, value_start, quote = tag.attribute
    if value_start < 0:
        tag.attributes.append((reader.text[name_start : reader.at], None))  # type: ignore[misc]
        reader.at += _padding(start.get("pad_before_eq"))  # type: ignore[attr-defined]
    else:
        value = reader.text[value_start : reader.at]  # type: ignore[misc]
        if not quote and any(character.isspace() for character in value):
            raise Unsure  # the builder would quote it, or refuse it
        tag.attributes.append((reader.text[name_start:name_end], value))  # type: ignore[misc]
        reader.at += len(quote or "")  # type: ignore[arg-type]
    tag.attribute = None


def _padding(value: object) -> int:
    if value and not (isinstance(value, str) and value.isspace()):
        raise Unsure  # the node would refuse it
    return len(value or "")  # type: ignore[arg-type]


def close_open(reader: Reader, token: t.Token, index: int) -> None:
    """`>` (or a wiki-markup tag's separator): the contents start."""
    tag = _open_tag(reader, (NAME, ATTRIBUTES))
    _attribute_end(reader, tag)
    tag.attributes_end = reader.at
    reader.at += _padding(token.get("padding"))
    reader.at += len(token.get("wiki_markup") or "") if tag.wiki_markup else 1
    tag.contents_start, tag.phase = reader.at, CONTENTS


def self_close(reader: Reader, token: t.Token, index: int) -> None:
    tag = _open_tag(reader, (NAME, ATTRIBUTES))
    _attribute_end(reader, tag)
    tag.attributes_end = reader.at
    reader.at += _padding(token.get("padding"))
    if not tag.wiki_markup:
        reader.at += 1 if token.get("implicit") else 2  # ">" or "/>"
    tag.self_closing = True
    _tag_end(reader, tag)


def open_close(reader: Reader, token: t.Token, index: int) -> None:
    """`</` (or a wiki-markup tag's closing markup, its own when the token has none)."""
    tag = _open_tag(reader, (CONTENTS,))
    tag.contents_end, tag.phase = reader.at, CLOSING
    if tag.wiki_markup:
        closing = token.get("wiki_markup")
        reader.at += len(tag.wiki_markup if closing is None else closing)
    else:
        reader.at += 2


def close_close(reader: Reader, token: t.Token, index: int) -> None:
    tag = _open_tag(reader, (CLOSING,))
    reader.at += 0 if tag.wiki_markup else 1
    _tag_end(reader, tag)


def _tag_end(reader: Reader, tag: TagSpan) -> None:
    reader.stack.pop()
    tag.end, tag.attribute = reader.at, None
    parent = reader.stack[-1] if reader.stack else None
    if type(parent) is TagSpan and parent.phase == CONTENTS:
        parent.children.append(tag)
    elif parent is None and tag.wiki_markup == "{|":
        reader.items.append(tag)
