"""Wikitext -> plain text a researcher can read, search and quote."""

from __future__ import annotations

import itertools
import re
import unicodedata

from mwparserfromhell.nodes import Template, Wikilink

from pipeline.extract.markup import plain_template
from pipeline.extract.references import strip_refs
from pipeline.parse_guard import parse_wikitext
from pipeline.text import INVISIBLE_IN_VALUES

# Templates whose first argument is the text to keep ({{flag|Algeria}} -> Algeria).
_KEEP_FIRST_ARGUMENT = {"flag", "flagcountry", "flagu", "flag country", "country", "lang", "nowrap"}
_BULLET = re.compile(r"^[*#]+\s*")
_SPACES = re.compile(r"[ \t]+")
_MARKUP = re.compile(r"[{}\[\]<>&\n]")
# Published (normalised) values leave INVISIBLE_IN_VALUES out; the `*_raw` columns keep them as written.
_BLOCK_STARTS = ("=", ";", ":", "*", "#", "----")  # headings, definition lists, bullets, rules
# A wiki link with a plain title (no colon: files, categories, interwikis) and a plain label.
_PLAIN_LINK = re.compile(r"\[\[(?!\s*//)([^\[\]{}<>|&:\n]+)(?:\|([^\[\]{}<>|&\n]*))?\]\]")
# A template whose arguments hold no markup, or a file or category link: what
# `templated_line_text` reads of a line without the parser.
_NODE = re.compile(
    r"\{\{([^{}\[\]<>|=\n]*)((?:\|[^{}\[\]<>|]*)*)\}\}|\[\[(?:file|image|category):[^\[\]{}<>\n]*\]\]",
    re.IGNORECASE | re.ASCII,
)
# A template with plain positional arguments, one of which may be a whole such template
# ({{sort|Mali|{{flag|Mali}}}}, the inner one masked first), then plain text and links:
# " (suspended)", " [[Mali]]".
_SIMPLE = r"\{\{([^{}\[\]<>|=\n]*)((?:\|[^{}\[\]<>|=\n]*)*)\}\}"
_INNER_TEMPLATE = re.compile(rf"(?<=\|){_SIMPLE}(?=\||\}}\}})")
_IN_LINK = r"[^{}\[\]<>|&\n\x00]*"
_LEADING_TEMPLATE = re.compile(rf"{_SIMPLE}(?:[^{{}}\[\]<>|'&=\n\x00]|\[\[{_IN_LINK}(?:\|{_IN_LINK})?\]\])*")


def plain_text(wikitext: str) -> str:
    """Markup, references and templates removed (a {{flag|...}}-like template leaves its first
    argument); bullets become sentences. A line whose only markup is plain links is read
    without the parser, any other line by parsing that line alone."""
    lines = [_line_text(line) for line in without_refs(wikitext).split("\n")]
    sentences = []
    for line in lines:
        if not line:
            continue
        if sentences and line.startswith("\x00"):  # a bullet: a sentence of its own
            sentences.append(_as_sentence(line[1:]))
        else:
            sentences.append(line.lstrip("\x00"))
    return " ".join(s for s in sentences if s).strip()


def lines_text(wikitext: str) -> str:
    """`plain_text` line by line: each line or bullet item of the wikitext a line of its own
    (bullet marks left out), joined with a newline, so that items never run together."""
    lines = (_line_text(line).lstrip("\x00") for line in without_refs(wikitext).split("\n"))
    return "\n".join(line for line in lines if line)


def normalise_text(text: str) -> str:
    """A value as published: Unicode NFC, zero-width and bidi control characters left out
    (ASCII text has neither to change: it is returned as it is)."""
    return text if text.isascii() else unicodedata.normalize("NFC", INVISIBLE_IN_VALUES.sub("", text))


def without_refs(text: str) -> str:
    """`strip_refs`, which a text without a `<` (no tag, no comment) leaves as it is."""
    return strip_refs(text) if "<" in text else text


def invisible_characters(text: str) -> list[str]:
    """The distinct invisible characters `normalise_text` leaves out, as U+XXXX, in order."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in INVISIBLE_IN_VALUES.findall(text)))


def simple_template(text: str) -> tuple[str, list[str]] | None:
    """(name, positional arguments) as written when `text` is exactly one template with plain
    arguments, like {{flag|Mali}}; None when it takes the parser to tell. A fast path for
    the common case: tests check that the parser reads such text the same way. Named
    arguments and arguments across lines are left to the parser."""
    found = plain_template(text)
    if found is None or any("=" in arg or "\n" in arg for arg in found[1]):
        return None
    return found


def leading_template(text: str) -> tuple[str, list[str]] | None:
    """(name, positional arguments as written) of the template `text` opens with, when its
    arguments are plain or each one whole plain template ({{sort|Mali|{{flag|Mali}}}}) and
    plain text or links follow it ("{{flag|Liberia}} (suspended)", "{{flagicon|Chad}} [[Chad]]");
    None when it takes the parser to
    tell. A fast path: tests check that the parser reads such text the same way."""
    if "''" in text or "\x00" in text:
        return None
    inner = list(_INNER_TEMPLATE.finditer(text))
    if any(not match.group(1).strip() for match in inner):
        return None
    masked = list(text)
    for match in inner:
        masked[match.start() : match.end()] = "\x00" * (match.end() - match.start())
    found = _LEADING_TEMPLATE.fullmatch("".join(masked))
    if found is None or not found.group(1).strip():
        return None
    bars = [found.start(2) + i for i, c in enumerate(found.group(2)) if c == "|"] + [found.end(2)]
    return text[2 : found.end(1)], [text[a + 1 : b] for a, b in itertools.pairwise(bars)]


def sort_display(text: str) -> str | None:
    """The second argument of a leading {{sort|key|display}} template: what the cell shows."""
    found = leading_template(text)
    if found is None:
        return parsed_sort_display(text)
    return found[1][1].strip() if len(found[1]) >= 2 else None


def parsed_sort_display(text: str) -> str | None:
    """`sort_display` the slow way, through the parser."""
    templates = parse_wikitext(text).filter_templates(recursive=False)
    params = [p for p in templates[0].params if not p.showkey] if templates else []
    return str(params[1].value).strip() if len(params) >= 2 else None


def template_argument(wikitext: str) -> tuple[str, str] | None:
    """(template name, first argument) of a single template like {{Flag|Israel}}."""
    simple = simple_template(wikitext.strip()) or leading_template(wikitext.strip())
    if simple is not None:
        name, args = simple
        return name.strip(), (args[0].strip() if args else "")
    return parsed_template_argument(wikitext)


def parsed_template_argument(wikitext: str) -> tuple[str, str] | None:
    """`template_argument` the slow way, through the parser."""
    code = parse_wikitext(wikitext.strip())
    templates = code.filter_templates(recursive=False)
    if not templates:
        return None
    template = templates[0]
    args = [str(p.value).strip() for p in template.params if not p.showkey]
    return template.name.strip(), (args[0] if args else "")


def links(wikitext: str) -> list[tuple[str, str]]:
    """(target, label) of every wiki link, in order; without the parser when the text's only
    markup is plain wiki links (tests check that the parser reads such text the same way)."""
    if "''" in wikitext or wikitext.startswith(_BLOCK_STARTS) or _MARKUP.search(_PLAIN_LINK.sub("", wikitext)):
        return parsed_links(wikitext)
    found = [(m[1].strip(), (m[1] if m[2] is None else m[2]).strip()) for m in _PLAIN_LINK.finditer(wikitext)]
    return found if all(label for _, label in found) else parsed_links(wikitext)


def parsed_links(wikitext: str) -> list[tuple[str, str]]:
    """`links` the slow way, through the parser."""
    return [
        (str(link.title).strip(), (link.text.strip_code().strip() if link.text else str(link.title).strip()))
        for link in parse_wikitext(wikitext).filter_wikilinks()
    ]


def _line_text(line: str) -> str:
    """One line as plain text; bullets are marked with a leading NUL for `plain_text`."""
    bullet = _BULLET.match(line)
    body = line[bullet.end() :] if bullet else line
    text = linked_line_text(body)
    text = templated_line_text(body) if text is None else text
    text = _SPACES.sub(" ", parsed_line_text(body) if text is None else text).strip()
    return ("\x00" + text) if bullet and text else text


def linked_line_text(line: str) -> str | None:
    """`parsed_line_text` without the parser for a line whose only markup is plain wiki links
    ([[Mali]], [[Foreign relations of Mali|relations]]): each link becomes its label. None when
    it takes the parser; tests check that the parser reads such lines the same way."""
    linked = "[[" in line  # else no link to take out
    if "''" in line or line.startswith(_BLOCK_STARTS) or _MARKUP.search(_PLAIN_LINK.sub("", line) if linked else line):
        return None
    return _PLAIN_LINK.sub(lambda link: link[1] if link[2] is None else link[2], line) if linked else line


def templated_line_text(line: str) -> str | None:
    """`parsed_line_text` without the parser for a line of plain templates ({{cn}}, {{flag|Mali}}:
    its first argument kept) and file or category links between stretches `linked_line_text`
    reads, none with a colon (which may open a URL that would take a template in). None when
    it takes the parser; tests check that the parser reads such lines the same way."""
    if "''" in line:
        return None
    out, position = [], 0
    for node in (*_NODE.finditer(line), None):
        stretch = line[position : node.start() if node else len(line)]
        text = linked_line_text(stretch) if ":" not in stretch else None
        kept = _kept_argument(node) if node else ""
        if text is None or kept is None or (node is None and position == 0):
            return None
        out += [text, kept]
        position = node.end() if node else position
    return "".join(out)


def _kept_argument(node: re.Match[str]) -> str | None:
    """What `parsed_line_text` keeps of a plain template or file link (None: ask the parser)."""
    if node.group(1) is None:
        return ""  # a file or category link
    name, arguments = node.group(1).strip().lower(), node.group(2).split("|")[1:]
    if not name:
        return None
    if name not in _KEEP_FIRST_ARGUMENT:
        return ""
    keep = arguments[0].strip() if arguments else ""
    if any("=" in argument or "\n" in argument for argument in arguments) or linked_line_text(keep) != keep:
        return None
    return keep


def parsed_line_text(line: str) -> str:
    """One line's plain text through the parser: kept template arguments, no files or categories.
    The line's top-level nodes are rebuilt in one pass (replacing them one by one in the tree
    costs a search of the tree each, quadratic in a line of many templates)."""
    code = parse_wikitext(line)
    nodes = []
    for node in code.nodes:
        if isinstance(node, Template):
            name = node.name.strip().lower()
            args = [p for p in node.params if not p.showkey]
            keep = str(args[0].value).strip() if name in _KEEP_FIRST_ARGUMENT and args else ""
            nodes += parse_wikitext(keep).nodes if keep else []
        elif not (
            isinstance(node, Wikilink) and str(node.title).strip().lower().startswith(("file:", "image:", "category:"))
        ):
            nodes.append(node)
    code.nodes = nodes
    return code.strip_code(normalize=True, collapse=True)


def _as_sentence(text: str) -> str:
    """A bullet item ending with sentence punctuation (a period added when it has none)."""
    return text if text.endswith((".", "!", "?", ":", ";")) else text + "."
