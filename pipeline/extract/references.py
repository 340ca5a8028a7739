"""A page-wide registry of references: every `<ref>` tag, and one record per reference.

A named reference may be used (`<ref name=x />`) before the tag that defines it, so
the registry is built over the whole page before any use is resolved. Unnamed
references with the same content (whitespace aside) are one reference.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import mwparserfromhell

# One opening tag: `<ref`, attributes without `>`, `>` or `/>`. No nested repetition.
_OPEN = re.compile(r"<ref(?=[\s>/])([^>]*)>", re.IGNORECASE)
_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_NAME = re.compile(r"""\bname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'/>]+))""", re.IGNORECASE)
_BARE_LINK = re.compile(r"\[(https?://[^\s\]]+)(?:\s+([^\]]*))?\]")
CITE_KINDS = {
    "cite web": "cite web",
    "cite book": "cite book",
    "cite news": "cite news",
    "cite journal": "cite journal",
}


@dataclass(frozen=True)
class RefOccurrence:
    """One `<ref>` tag; the span covers the whole tag, closing tag included."""

    ref_id: str
    name: str | None
    is_definition: bool
    start: int
    end: int
    content: str | None = None


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
    hidden = _comment_spans(wikitext)
    occurrences = []
    position = 0
    while True:
        opening = _OPEN.search(wikitext, position)
        if opening is None:
            break
        if any(a <= opening.start() < b for a, b in hidden):
            position = opening.end()
            continue
        attributes = opening.group(1)
        name = _name(attributes)
        if attributes.rstrip().endswith("/"):
            end, content = opening.end(), None
        else:
            closing = _CLOSE.search(wikitext, opening.end())
            if closing is None:  # an unclosed tag: not a reference MediaWiki would render
                position = opening.end()
                continue
            end, content = closing.end(), wikitext[opening.end() : closing.start()]
        is_definition = content is not None and bool(content.strip())
        ref_id = name if name else content_id(content or "")
        occurrences.append(RefOccurrence(ref_id, name, is_definition, opening.start(), end, content))
        position = end
    return occurrences


def build_reference_registry(wikitext: str) -> tuple[list[Reference], list[RefOccurrence]]:
    """Distinct references (in order of first appearance) and all occurrences."""
    occurrences = find_ref_occurrences(wikitext)
    definitions: dict[str, RefOccurrence] = {}
    for occurrence in occurrences:
        if occurrence.is_definition:
            definitions.setdefault(occurrence.ref_id, occurrence)
    references, seen = [], set()
    for occurrence in occurrences:
        if occurrence.ref_id in seen:
            continue
        seen.add(occurrence.ref_id)
        definition = definitions.get(occurrence.ref_id)
        if definition is None:
            references.append(
                Reference(
                    occurrence.ref_id, occurrence.name, "undefined", *[None] * 11, occurrence.start, occurrence.end
                )
            )
            continue
        fields = parse_citation(definition.content or "")
        references.append(
            Reference(
                definition.ref_id,
                definition.name,
                fields.pop("kind") or "free text",
                **fields,
                raw=definition.content,
                start=definition.start,
                end=definition.end,
            )
        )
    return references, occurrences


def parse_citation(content: str) -> dict[str, str | None]:
    """A reference's fields from its cite template, or from a bare link in free text."""
    code = mwparserfromhell.parse(content)
    templates = code.filter_templates(recursive=False)
    cite = next((t for t in templates if t.name.strip().lower() in CITE_KINDS), None)
    rest = str(code)
    if cite is not None:
        rest = rest.replace(str(cite), "", 1)
    fields: dict[str, str | None] = dict.fromkeys(
        ("title", "url", "archive_url", "url_status", "date", "access_date", "publisher", "work", "language", "authors")
    )
    fields["kind"] = None
    if cite is not None and not rest.strip():
        params = {str(p.name).strip().lower(): str(p.value).strip() or None for p in cite.params}
        fields |= {
            "kind": CITE_KINDS[cite.name.strip().lower()],
            "title": params.get("title"),
            "url": params.get("url"),
            "archive_url": params.get("archive-url") or params.get("archiveurl"),
            "url_status": params.get("url-status"),
            "date": params.get("date") or params.get("year"),
            "access_date": params.get("access-date") or params.get("accessdate"),
            "publisher": params.get("publisher"),
            "work": next(
                (params[k] for k in ("website", "work", "journal", "newspaper", "magazine") if params.get(k)), None
            ),
            "language": params.get("language"),
            "authors": _authors(params),
        }
        return fields
    link = _BARE_LINK.search(content)
    if link:
        fields["url"] = link.group(1)
        fields["title"] = (link.group(2) or "").strip() or None
    for template in templates:
        if template.name.strip().lower() == "webarchive" and template.has("url"):
            fields["archive_url"] = str(template.get("url").value).strip()
    if cite is not None and fields["url"] is None:  # text around a cite template: take its link
        fields["url"] = str(cite.get("url").value).strip() if cite.has("url") else None
        fields["archive_url"] = (
            str(cite.get("archive-url").value).strip() if cite.has("archive-url") else fields["archive_url"]
        )
        fields["url_status"] = str(cite.get("url-status").value).strip() if cite.has("url-status") else None
        fields["access_date"] = str(cite.get("access-date").value).strip() if cite.has("access-date") else None
    return fields


def strip_refs(text: str) -> str:
    """The text without its `<ref>` tags (content included) and comments."""
    spans = [(o.start, o.end) for o in find_ref_occurrences(text)]
    parts, position = [], 0
    for start, end in spans:
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return _COMMENT.sub("", "".join(parts))


def content_id(content: str) -> str:
    """Stable id of an unnamed reference: a hash of its whitespace-normalised content."""
    normalised = " ".join(content.split())
    return "c-" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def _name(attributes: str) -> str | None:
    match = _NAME.search(attributes)
    if not match:
        return None
    return next(g for g in match.groups() if g is not None).strip() or None


def _authors(params: dict[str, str | None]) -> str | None:
    """ "Last, First" for each author in numeric order, joined with "; "."""
    people = []
    for number in ["", *map(str, range(1, 21))]:
        last = params.get(f"last{number}")
        first = params.get(f"first{number}")
        author = params.get(f"author{number}")
        if last:
            people.append(f"{last}, {first}" if first else last)
        elif author:
            people.append(author)
    return "; ".join(people) or None


def _comment_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _COMMENT.finditer(text)] if "<!--" in text else []
