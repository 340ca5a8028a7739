"""A page-wide registry of references: every `<ref>` tag, and one record per reference.

A named reference may be used (`<ref name=x />`) before the tag that defines it, so
the registry is built over the whole page before any use is resolved. Unnamed
references with the same content (whitespace aside) are one reference.

Tags are located by a linear scan that follows MediaWiki: a tag ends at the first `>`,
`.../>` closes itself, otherwise the content runs to the next `</ref>` (an opening tag
with no `</ref>` after it is plain text), and nothing inside `<!-- -->` counts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mwparserfromhell.nodes import Comment, Template

from pipeline.extract.markup import plain_template
from pipeline.parse_guard import parse_wikitext

_TOKEN = re.compile(r"<!--|<ref(?=[\s/>])", re.IGNORECASE)
_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)
_NAME = re.compile(r"""(?<![\w-])name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_PERSON = re.compile(r"(last|first|author)(\d*)")
_PEOPLE = ("last", "first", "author")
WORK_KEYS = ("website", "work", "journal", "newspaper", "magazine")
FIELDS = ("title", "url", "archive_url", "url_status", "date", "access_date")
FIELDS += ("publisher", "work", "language", "authors")


@dataclass(frozen=True)
class RefOccurrence:
    """One `<ref>` tag; the span covers the whole tag, closing tag included."""

    ref_id: str
    name: str | None
    is_definition: bool
    start: int
    end: int


@dataclass(frozen=True)
class Reference:
    """One distinct reference, with the fields of its citation as written."""

    ref_id: str
    name: str | None
    kind: str
    title: str | None
    url: str | None
    archive_url: str | None
    url_status: str | None
    date: str | None
    access_date: str | None
    publisher: str | None
    work: str | None
    language: str | None
    authors: str | None
    raw: str | None
    start: int
    end: int


def find_ref_occurrences(wikitext: str) -> list[RefOccurrence]:
    """Every `<ref>` tag outside comments, in document order."""
    return [occurrence for occurrence, _ in _occurrences(wikitext)]


def build_reference_registry(wikitext: str) -> tuple[list[Reference], list[RefOccurrence]]:
    """Distinct references (in order of first appearance, use or definition) and all occurrences.
    Plain cite templates are read without the parser; only the other contents (about one in ten
    in the seed) are parsed, each on its own: cheaper than walking the article's tree for them."""
    pairs = list(_occurrences(wikitext))
    definitions: dict[str, tuple[RefOccurrence, str]] = {}
    for occurrence, content in pairs:
        if occurrence.is_definition and content is not None:
            definitions.setdefault(occurrence.ref_id, (occurrence, content))
    references: list[Reference] = []
    seen: set[str] = set()
    for first, _ in pairs:
        if first.ref_id in seen:
            continue
        seen.add(first.ref_id)
        if first.ref_id not in definitions:  # used, never given content: reported by a later check
            empty = dict.fromkeys(FIELDS)
            references.append(
                Reference(first.ref_id, first.name, "undefined", **empty, raw=None, start=first.start, end=first.end)
            )
            continue
        definition, content = definitions[first.ref_id]
        fields = simple_citation(content) or parse_citation(content)
        kind = fields.pop("kind") or "free text"
        references.append(
            Reference(
                definition.ref_id,
                definition.name,
                kind,
                **fields,
                raw=content,
                start=definition.start,
                end=definition.end,
            )
        )
    return references, [occurrence for occurrence, _ in pairs]


def simple_citation(content: str) -> dict[str, str | None] | None:
    """`parse_citation` without the parser for a content that is one cite template with plain
    arguments (no links, nested templates, tags or bold); None for anything else. Tests check
    that the parser reads such content the same way."""
    found = plain_template(content.strip())
    if found is None:
        return None
    name = " ".join(found[0].replace("_", " ").split()).lower()
    if not _is_cite(name):
        return None
    params: dict[str, str | None] = {}
    position = 0
    for part in found[1]:
        key, equals, value = part.partition("=")
        if not equals:
            position += 1
            key, value = str(position), part
        elif not key.strip():
            return None
        params[key.strip()] = value.strip() or None
    return {"kind": name, **_fields(params)}


def parse_citation(content: str) -> dict[str, str | None]:
    """`kind` and the fields of FIELDS from a reference's content.

    A content that is one cite template (other templates such as {{subscription required}}
    aside) gives its kind, e.g. "cite web". Anything else is "free text": the fields of a cite
    template inside it if any, then the first external link (url, and title from its label),
    and a {{webarchive}} archive URL.
    """
    code = parse_wikitext(content)
    templates = code.filter_templates(recursive=False)
    cites = [t for t in templates if _is_cite(_template_name(t))]
    text = "".join(str(n) for n in code.nodes if not isinstance(n, Template | Comment))
    fields: dict[str, str | None] = {"kind": None, **dict.fromkeys(FIELDS)}
    if cites:
        fields |= _cite_fields(cites[0])
        if len(cites) == 1 and not text.strip():
            fields["kind"] = _template_name(cites[0])
    links = sorted(code.filter_external_links(), key=lambda link: not link.brackets)
    if links and fields["kind"] is None and fields["url"] is None:
        fields["url"] = str(links[0].url).strip()
        if fields["title"] is None and links[0].title is not None:
            fields["title"] = str(links[0].title).strip() or None
    for template in templates:
        if _template_name(template) in ("webarchive", "web archive") and template.has("url"):
            fields["archive_url"] = fields["archive_url"] or str(template.get("url").value).strip() or None
    return fields


def strip_refs(text: str) -> str:
    """The text without its `<ref>` tags (content included) and its comments."""
    parts, position = [], 0
    for start, end, _, _ in _tags(text, comments=True):
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return "".join(parts)


def content_id(content: str) -> str:
    """Stable id of an unnamed reference: a hash of its whitespace-normalised content."""
    normalised = " ".join(content.split())
    return "c-" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def ref_contents_and_comments(wikitext: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(start, end) of the content of each `<ref>` tag that is not self-closing, and of each
    comment (`tag_spans`' comments), in order; from one scan."""
    contents, comments = [], []
    for begin, end, attributes, content in _tags(wikitext, comments=True):
        if attributes is None:
            comments.append((begin, end))
        elif content is not None:
            start = begin + len("<ref") + len(attributes) + 1  # after the opening tag's `>`
            contents.append((start, start + len(content)))
    return contents, comments


def tag_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, is_ref) of every comment and `<ref>` tag within text[start:end], in order:
    what no other markup scan may look inside."""
    return [(a, b, attributes is not None) for a, b, attributes, _ in _tags(text, True, start, end)]


def _tags(
    text: str, comments: bool = False, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int, str | None, str | None]]:
    """(start, end, attributes, content) of each ref tag within text[start:end], content None
    when self-closing.

    With `comments`, also yields each comment as (start, end, None, None). Linear: every
    search starts where the previous one ended, and a failed search is never repeated.
    """
    end = len(text) if end is None else end
    position, closes = start, True
    while token := _TOKEN.search(text, position, end):
        begin = token.start()
        if token.group() == "<!--":
            close = text.find("-->", token.end(), end)
            stop = end if close < 0 else close + 3  # an unclosed comment hides the rest
            if comments:
                yield begin, stop, None, None
            position = stop
            continue
        tag_end = text.find(">", token.end(), end)
        if tag_end < 0:
            return
        attributes, position = text[token.end() : tag_end], tag_end + 1
        if attributes.endswith("/"):
            yield begin, position, attributes[:-1], None
            continue
        closing = _CLOSE.search(text, position, end) if closes else None
        if closing is None:  # no `</ref>` after this: MediaWiki shows the tag as text
            closes = False
            continue
        yield begin, closing.end(), attributes, text[position : closing.start()]
        position = closing.end()


def _occurrences(wikitext: str) -> Iterator[tuple[RefOccurrence, str | None]]:
    for start, end, attributes, content in _tags(wikitext):
        name = _name(attributes or "")
        is_definition = content is not None and bool(content.strip())
        ref_id = name if name is not None else content_id(content or "")
        yield RefOccurrence(ref_id, name, is_definition, start, end), content


def _name(attributes: str) -> str | None:
    match = _NAME.search(attributes)
    if not match:
        return None
    return next(g for g in match.groups() if g is not None).strip() or None


def _template_name(template: Template) -> str:
    return " ".join(str(template.name).replace("_", " ").split()).lower()


def _is_cite(name: str) -> bool:
    return name.startswith("cite ") or name == "citation"


def _cite_fields(cite: Template) -> dict[str, str | None]:
    return _fields({str(p.name).strip(): str(p.value).strip() or None for p in cite.params})


def _fields(params: dict[str, str | None]) -> dict[str, str | None]:
    """The fields of FIELDS from a cite template's arguments."""

    def first(*keys: str) -> str | None:
        for key in keys:
            if value := params.get(key):
                return value
        return None

    return {
        "title": first("title"),
        "url": first("url", "URL"),
        "archive_url": first("archive-url", "archiveurl"),
        "url_status": first("url-status"),
        "date": first("date", "year"),
        "access_date": first("access-date", "accessdate"),
        "publisher": first("publisher"),
        "work": first(*WORK_KEYS),
        "language": first("language"),
        "authors": _authors(params),
    }


def _authors(params: dict[str, str | None]) -> str | None:
    """ "Last, First" (or "Author") for each person, in numeric order, joined with "; "."""
    people = [key for key in params if key.startswith(_PEOPLE)]  # what _PERSON may match, found without it
    numbers = sorted({int(m[2] or 1) for key in people if (m := _PERSON.fullmatch(key))})

    def get(key: str, number: int) -> str | None:
        return params.get(f"{key}{number}") or (params.get(key) if number == 1 else None)

    people = []
    for number in numbers:
        last, given, author = get("last", number), get("first", number), get("author", number)
        if last:
            people.append(f"{last}, {given}" if given else last)
        elif author or given:
            people.append(author or given or "")
    return "; ".join(people) or params.get("authors") or params.get("vauthors")
