"""Where the parser's tokens lie in the text they were read from, without building its tree.

mwparserfromhell's C tokenizer makes a flat list of tokens; its Python builder, most of the
parse's time, makes them into a tree, node for node, whose `str()` writes the tokens back in
order (but a wiki-markup tag's name and closing name: its markup stands for them). `top_level`
reads the tokens once, nesting them as the builder does, for the offsets of the headings and
tables at the top of the text and of the tags inside the tables; `Unsure` where the builder
would not build them as read here (a token out of place, an attribute it would rewrite, a text
the tokens do not cover): the caller then builds the tree."""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

from mwparserfromhell.parser import tokens as t

from pipeline.extract.token_tags import (
    ATTRIBUTES,
    CLOSING,
    CONTENTS,
    NAME,
    TagSpan,
    Unsure,
    attribute_equals,
    attribute_quote,
    attribute_start,
    close_close,
    close_open,
    not_in_name,
    open_close,
    self_close,
    tag_open,
)


class Heading(NamedTuple):
    """A heading at the top of the text: its span and its tokens (`tokens[first:last]`)."""

    start: int
    end: int
    first: int
    last: int


_WRITTEN = (ATTRIBUTES, CONTENTS)  # where a tag's text tokens are written as they are


class _Reader:
    """The builder's nesting of the tokens, with the offset each token starts at."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0
        self.stack: list[object] = []  # TagSpan or [kind, separator seen, ...] of each open construct
        self.items: list[Heading | TagSpan] = []

    def read(self, tokens: list[t.Token]) -> list[Heading | TagSpan]:
        handlers, stack, text_kind = _HANDLERS, self.stack, t.Text
        for index, token in enumerate(tokens):
            kind = type(token)
            if kind is text_kind and (not stack or type(stack[-1]) is not TagSpan or stack[-1].phase in _WRITTEN):
                self.at += len(token["text"])  # text anywhere but in a tag's name (`text_token`), inline
                continue
            handler = handlers.get(kind)
            if handler is None:
                raise Unsure
            handler(self, token, index)
        if self.stack or self.at != len(self.text):
            raise Unsure
        return self.items

    def text_token(self, token: t.Token, index: int) -> None:
        text = token["text"]
        top = self.stack[-1] if self.stack else None
        if type(top) is TagSpan and top.phase in (NAME, CLOSING):
            if top.phase == NAME:
                top.name.append(text)
            if top.wiki_markup:  # a wiki-markup tag writes its markup, not its name
                return
        self.at += len(text)

    def open(self, kind: str, length: int, *state: object) -> None:
        not_in_name(self.stack)
        self.stack.append([kind, False, *state])
        self.at += length

    def innermost(self, kind: str) -> list[object]:
        top = self.stack[-1] if self.stack else None
        if type(top) is not list or top[0] != kind:
            raise Unsure
        return top

    def separator(self, kind: str, length: int) -> None:
        """A construct's one separator (a second would be taken by the builder as dropping text)."""
        top = self.innermost(kind)
        if top[1]:
            raise Unsure
        top[1] = True
        self.at += length

    def close(self, kind: str, length: int) -> list[object]:
        top = self.stack.pop() if self.stack else None
        if type(top) is not list or top[0] != kind:
            raise Unsure
        self.at += length
        return top

    def template_separator(self, token: t.Token, index: int) -> None:
        self.innermost("{{")[1:3] = True, False  # in a parameter, no `=` yet
        self.at += 1

    def template_equals(self, token: t.Token, index: int) -> None:
        top = self.innermost("{{")
        if not top[1] or top[2]:
            raise Unsure  # a `=` in the name, or a second in a parameter
        top[2] = True
        self.at += 1

    def external_link(self, token: t.Token, index: int) -> None:
        self.open("[", 1 if token.get("brackets") else 0, bool(token.get("brackets")))

    def external_separator(self, token: t.Token, index: int) -> None:
        if not self.innermost("[")[2]:
            raise Unsure  # a link without brackets writes its URL only
        self.separator("[", 0 if token.get("suppress_space") is True else 1)

    def external_close(self, token: t.Token, index: int) -> None:
        top = self.stack[-1] if self.stack else None
        self.close("[", 1 if type(top) is list and top[0] == "[" and top[2] else 0)

    def entity_part(self, token: t.Token, index: int) -> None:
        not_in_name(self.stack)
        self.at += len(token.get("char") or "") if type(token) is t.HTMLEntityHex else 1

    def heading_start(self, token: t.Token, index: int) -> None:
        self.open("=", token["level"], token["level"], self.at, index)

    def heading_end(self, token: t.Token, index: int) -> None:
        top = self.stack[-1] if self.stack else None
        _, _, _, start, first = self.close("=", top[2] if type(top) is list and top[0] == "=" else 0)
        if not self.stack:
            self.items.append(Heading(start, self.at, first, index + 1))  # type: ignore[arg-type]


def _fixed(method: str, kind: str, length: int, reader: _Reader, token: t.Token, index: int) -> None:
    getattr(reader, method)(kind, length)  # the fixed text of a template's, argument's, link's or comment's token


_HANDLERS = {
    t.Text: _Reader.text_token,
    t.TagOpenOpen: tag_open,
    t.TagAttrStart: attribute_start,
    t.TagAttrEquals: attribute_equals,
    t.TagAttrQuote: attribute_quote,
    t.TagCloseOpen: close_open,
    t.TagCloseSelfclose: self_close,
    t.TagOpenClose: open_close,
    t.TagCloseClose: close_close,
    t.TemplateOpen: lambda reader, token, index: reader.open("{{", 2, False),
    t.TemplateParamSeparator: _Reader.template_separator,
    t.TemplateParamEquals: _Reader.template_equals,
    t.ExternalLinkOpen: _Reader.external_link,
    t.ExternalLinkSeparator: _Reader.external_separator,
    t.ExternalLinkClose: _Reader.external_close,
    t.HTMLEntityStart: _Reader.entity_part,
    t.HTMLEntityNumeric: _Reader.entity_part,
    t.HTMLEntityHex: _Reader.entity_part,
    t.HTMLEntityEnd: _Reader.entity_part,
    t.HeadingStart: _Reader.heading_start,
    t.HeadingEnd: _Reader.heading_end,
    t.TemplateClose: partial(_fixed, "close", "{{", 2),
    t.ArgumentOpen: partial(_fixed, "open", "{{{", 3),
    t.ArgumentSeparator: partial(_fixed, "separator", "{{{", 1),
    t.ArgumentClose: partial(_fixed, "close", "{{{", 3),
    t.WikilinkOpen: partial(_fixed, "open", "[[", 2),
    t.WikilinkSeparator: partial(_fixed, "separator", "[[", 1),
    t.WikilinkClose: partial(_fixed, "close", "[[", 2),
    t.CommentStart: partial(_fixed, "open", "<!--", 4),
    t.CommentEnd: partial(_fixed, "close", "<!--", 3),
}


def top_level(tokens: list[t.Token], text: str) -> list[Heading | TagSpan]:
    """The headings and wiki-markup tables (`{|`) at the top of the text the tokens were read from,
    in order, with the tags inside each table; Unsure where the builder would read the tokens otherwise."""
    return _Reader(text).read(tokens)
