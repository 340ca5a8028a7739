"""Row ids: one column per table, unique across the whole package, made only from what the
row says (never its position in a table or its byte offsets), so the same fact keeps its id
from one release to the next and every join is on one key.

| table | id | made from |
|---|---|---|
| sources | `source_id` | the manifest |
| diplomatic_relations | `relation_id` `MLI/relation/FRA` | article, partner's code (else a slug); `-2`: a repeat |
| bilateral_relations | `bilateral_id` `MLI/bilateral/FRA` | likewise |
| memberships | `membership_id` `MLI/membership/african-union` | article, organisation |
| missions | `mission_id` `MLI/mission/<12 hex>` | article, sending, receiving, kind, city |
| mission_statements | `statement_id` `MLI/statement/<12 hex>` | mission, rule, sentence, repeat |
| events | `event_id` `MLI/event/<12 hex>` | document, bilateral row, sentence |
| article_references | `reference_id` `<source>/reference/<ref_id>` | document, the reference's name or content |
| citations | `citation_id` `<source>/citation/<12 hex>` | document, reference, cited row and field, repeat |
| dyads | `dyad_id` `dyad/MLI/NER` | the two subjects |
| quality_findings | `finding_id` `finding/<12 hex>` | check, resource, row, field, value, repeat |

An article's rows start with its key: the subject's code (`MLI`), or, for a further edition of
the subject's article in the same package (another language, another revision), the code and
the edition its [[source]] entry names (`MLI~fr`): one article per key (`article_key`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.text import slug as ascii_slug

Row = dict[str, Any]


def digest(*parts: object) -> str:
    """12 hex digits of the SHA-256 of the parts (joined with a unit separator)."""
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


def slug(text: str) -> str:
    """ASCII lower-case words joined by "-" ("Côte d'Ivoire" -> "cote-d-ivoire"); a digest when none."""
    return ascii_slug(text)[:80] or digest(text)


_EDITION = "~"


def article_key(subject_iso3: str, edition: str | None) -> str:
    """The prefix of an article's row ids: `MLI`, or `MLI~fr` for its edition "fr"."""
    return f"{subject_iso3}{_EDITION}{edition}" if edition else subject_iso3


def article_of(row_id: str) -> str:
    """The key of the article a row id comes from (`MLI~fr/relation/FRA` -> `MLI~fr`)."""
    return row_id.split("/", 1)[0]


def is_edition(key: str) -> bool:
    """Whether an article key is a further edition's (`MLI~fr`), not the subject's article's."""
    return _EDITION in key


def rekeyed(row_id: str, key: str) -> str:
    """An id made with the subject's code as its prefix, given the article's key instead."""
    return f"{key}{row_id[row_id.index('/') :]}"


def with_relation_ids(rows: list[Row], kind: str, column: str, key: str) -> list[Row]:
    """Each relations row with its id first: `<article>/<kind>/<partner>`, `-N` for a repeat."""
    seen: Counter[str] = Counter()
    out = []
    for row in rows:
        base = f"{key}/{kind}/{row['partner_iso3'] or slug(row['partner'])}"
        seen[base] += 1
        out.append({column: base if seen[base] == 1 else f"{base}-{seen[base]}", **row})
    return out


def with_membership_ids(rows: list[Row], key: str) -> list[Row]:
    return [{"membership_id": f"{key}/membership/{slug(r['organization'])}", **r} for r in rows]


def mission_id(key: str, sending: str, receiving: str, kind: str, city: str | None) -> str:
    """The mission's id; its hash part is that of earlier releases (an empty last part where `since` was)."""
    return f"{key}/mission/{digest(sending, receiving, kind, city or '', '')}"


def statement_id(key: str, mission: str, rule: str, statement: str, repeat: int) -> str:
    return f"{key}/statement/{digest(mission, rule, statement, repeat)}"


def event_id(
    subject_iso3: str, source_id: str, partner_row: str | None, statement: str, clause: str | None = None
) -> str:
    """A sentence's first dated clause is keyed by the sentence; a later one by its date as written too."""
    parts = (source_id, partner_row or "", statement) + ((clause,) if clause else ())
    return f"{subject_iso3}/event/{digest(*parts)}"


def reference_id(source_id: str, ref_id: str) -> str:
    return f"{source_id}/reference/{ref_id}"


def with_citation_ids(rows: list[Row]) -> list[Row]:
    """Each citation with its id first: what it cites from where, and which repeat of that it is."""
    return _with_digests(rows, "citation_id", ("source_id", "ref_id", "row_id", "field", "is_definition"), "citation")


def dyad_id(first: str, second: str) -> str:
    return f"dyad/{first}/{second}"


def with_finding_ids(rows: Iterable[Row]) -> Iterator[Row]:
    """Each finding with its id first, as it comes: what it says, and which repeat of that it is."""
    return _digested(rows, "finding_id", ("check_name", "resource", "row_id", "field", "value"), "finding")


def _with_digests(rows: list[Row], column: str, says: tuple[str, ...], kind: str) -> list[Row]:
    """Rows with `column` first: "<source>/<kind>/" (or "<kind>/" for rows of no source) and a
    digest of the `says` values and of which repeat of them the row is."""
    return list(_digested(rows, column, says, kind))


def _digested(rows: Iterable[Row], column: str, says: tuple[str, ...], kind: str) -> Iterator[Row]:
    """`_with_digests`, a row at a time."""
    seen: Counter[tuple[Any, ...]] = Counter()
    for row in rows:
        values = tuple(row[name] for name in says)
        seen[values] += 1
        prefix = f"{row['source_id']}/{kind}" if "source_id" in says else kind
        yield {column: f"{prefix}/{digest(*values, seen[values])}", **row}
