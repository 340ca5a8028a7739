"""The one declaration of every table and field of the package.

The packager writes `datapackage.json` from it, the docs generator writes the data
dictionary from it, and validation derives its basic checks (types, required, unique,
value sets, patterns, keys) from it. Nothing about a column is written anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ISO3 = r"^[A-Z]{3}$"
PARTIAL_DATE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
PRECISIONS = ["day", "month", "year", "unknown"]


class SchemaError(Exception):
    """A row that does not fit its table's schema: a bug in the code that made it."""

    def __init__(self, table: str, unknown: list[str], missing: list[str]) -> None:
        problems = [
            f"unknown field(s) {', '.join(unknown)}" if unknown else "",
            f"no {', '.join(missing)}" if missing else "",
        ]
        super().__init__(f"a `{table}` row has " + " and ".join(p for p in problems if p) + " (pipeline/schema.py)")


@dataclass(frozen=True)
class Field:
    """One column: its name, Table Schema type, meaning and constraints."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: list[str] | None = None
    pattern: str | None = None
    minimum: int | None = None

    def descriptor(self) -> dict[str, Any]:
        """The Table Schema field descriptor."""
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = self.enum
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: list[str]
    resource: str
    reference_fields: list[str]


@dataclass(frozen=True)
class Table:
    """One resource of the package."""

    name: str
    title: str
    description: str
    fields: list[Field]
    primary_key: list[str]
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    license: str = "CC-BY-SA-4.0"

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        """The field called `name` (KeyError when the table has none)."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} has no field {name!r}")

    def row_key(self, row: Any) -> str:
        """The row's primary key values joined with "/" (`MLI/12`): how findings and citations
        name a row. `row` is anything indexable by column name (a dict, a pandas row)."""
        return "/".join(str(row[column]) for column in self.primary_key)

    def checked_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`rows`, each checked to give only fields the schema declares and every required one
        (a misspelled key would otherwise become an empty column without a word)."""
        names = set(self.field_names)
        required = {f.name for f in self.fields if f.required}
        for row in rows:
            if row.keys() - names or required - row.keys():
                raise SchemaError(self.name, sorted(row.keys() - names), sorted(required - row.keys()))
        return rows

    def schema_descriptor(self) -> dict[str, Any]:
        """The Table Schema of this table."""
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            "primaryKey": self.primary_key,
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": fk.fields, "reference": {"resource": fk.resource, "fields": fk.reference_fields}}
                for fk in self.foreign_keys
            ]
        return schema


def _subject() -> list[Field]:
    return [
        Field(
            "subject",
            "string",
            "The country whose foreign relations the article describes, as the article's title names it.",
            required=True,
        ),
        Field("subject_iso3", "string", "ISO 3166-1 alpha-3 code of `subject`.", required=True, pattern=ISO3),
    ]


def _partner() -> list[Field]:
    return [
        Field(
            "partner",
            "string",
            "The partner country or entity as the article writes it (the flag template's argument).",
            required=True,
        ),
        Field(
            "partner_iso3",
            "string",
            "ISO 3166-1 alpha-3 code of `partner`; empty for entities with no ISO code (listed in the alias table).",
            pattern=ISO3,
        ),
        Field("partner_raw", "string", "The partner cell's wikitext as written, references included.", required=True),
    ]


def _dates(prefix: str, what: str) -> list[Field]:
    return [
        Field(
            prefix,
            "string",
            f"{what}, ISO 8601 at the source's precision: YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown.",
            pattern=PARTIAL_DATE,
        ),
        Field(
            f"{prefix}_precision",
            "string",
            f"Precision of `{prefix}`: day, month, year, or unknown when the source gives no readable date.",
            required=True,
            enum=PRECISIONS,
        ),
        Field(f"{prefix}_earliest", "date", f"First calendar day `{prefix}` can mean (1 January for a year)."),
        Field(f"{prefix}_latest", "date", f"Last calendar day `{prefix}` can mean (31 December for a year)."),
    ]


def _provenance(what: str = "row") -> list[Field]:
    return [
        Field("source_id", "string", "The seed document this row comes from (`sources.source_id`).", required=True),
        Field(
            "source_start",
            "integer",
            f"Byte offset in the seed file where the {what} starts (0-based, inclusive).",
            required=True,
            minimum=0,
        ),
        Field(
            "source_end",
            "integer",
            f"Byte offset in the seed file where the {what} ends (exclusive): `file[source_start:source_end]` is the wikitext.",
            required=True,
            minimum=0,
        ),
    ]


SOURCE_FK = ForeignKey(["source_id"], "sources", ["source_id"])

SOURCES = Table(
    "sources",
    "Seed documents",
    "The documents the package is built from, with where they came from, their license and their checksum.",
    [
        Field("source_id", "string", "Stable identifier of the document.", required=True, unique=True),
        Field("title", "string", "Title of the document or article."),
        Field("url", "string", "Where the document was taken from; empty when not known."),
        Field("publisher", "string", "Who published the document."),
        Field(
            "license",
            "string",
            "License of the document (SPDX id, or other-pd for the public domain); empty when not known.",
        ),
        Field("attribution", "string", "How to credit the document's authors."),
        Field(
            "format",
            "string",
            "What the file holds.",
            required=True,
            enum=["mediawiki-edit-page", "wikitext", "plain-text"],
        ),
        Field("path", "string", "File name in the repository's seeds/ folder.", required=True),
        Field("bytes", "integer", "Size of the file in bytes.", required=True, minimum=0),
        Field("sha256", "string", "SHA-256 of the file's bytes.", required=True, pattern=r"^[0-9a-f]{64}$"),
        Field(
            "retrieved",
            "string",
            "When the document was retrieved (ISO 8601); empty when not known.",
            pattern=PARTIAL_DATE,
        ),
        Field(
            "revision_not_before",
            "string",
            "Earliest date the document's revision can have (ISO 8601), when only that is known.",
            pattern=PARTIAL_DATE,
        ),
        Field(
            "in_manifest",
            "boolean",
            "False when seeds/sources.toml does not describe the document (its facts are then missing, not guessed).",
            required=True,
        ),
    ],
    ["source_id"],
    license="mixed",
)

DIPLOMATIC_RELATIONS = Table(
    "diplomatic_relations",
    "Diplomatic relations (list)",
    'One row per row of the article\'s "Diplomatic relations" table: the partners the subject has had diplomatic relations with, and since when.',
    [
        *_subject(),
        Field("position", "integer", "1-based order of the row in the source table.", required=True, minimum=1),
        Field(
            "row_number",
            "integer",
            'The "#" column as printed; empty where the source prints "—". Not unique in the source (see quality_findings).',
            minimum=1,
        ),
        Field("row_number_raw", "string", 'The "#" cell as written.', required=True),
        *_partner(),
        Field(
            "status",
            "string",
            "active, or suspended / severed when the source says so next to the partner's name (not read from row colours).",
            required=True,
            enum=["active", "suspended", "severed"],
        ),
        *_dates("established", "Date diplomatic relations were established"),
        Field("established_raw", "string", "The date cell's wikitext as written, references included.", required=True),
        *_provenance(),
    ],
    ["subject_iso3", "position"],
    [SOURCE_FK],
)

BILATERAL_RELATIONS = Table(
    "bilateral_relations",
    "Bilateral relations (notes per partner)",
    'One row per row of the article\'s "Bilateral relations" table: when relations began, when severed, and the notes on each partner.',
    [
        *_subject(),
        *_partner(),
        *_dates("established", "Date formal relations began"),
        Field("established_raw", "string", 'The "Formal Relations Began" cell\'s wikitext as written.', required=True),
        Field(
            "severed",
            "string",
            "Date relations were severed when the date cell says so, ISO 8601 at the source's precision.",
            pattern=PARTIAL_DATE,
        ),
        Field(
            "severed_precision",
            "string",
            "Precision of `severed`; empty when relations were not severed.",
            enum=PRECISIONS,
        ),
        Field("main_article", "string", 'Title of the article the row points to with "See [[...]]".'),
        Field(
            "notes",
            "string",
            "The notes as plain text: no wiki markup, no references; each bullet is its own sentence.",
        ),
        Field("notes_raw", "string", "The notes cell's wikitext as written."),
        *_provenance(),
    ],
    ["subject_iso3", "partner"],
    [SOURCE_FK],
)

REFERENCES = Table(
    "references",
    "References",
    "One row per distinct reference (<ref>) of an article; named references once, unnamed ones once per distinct content.",
    [
        Field("source_id", "string", "The seed document the reference is in (`sources.source_id`).", required=True),
        Field(
            "ref_id",
            "string",
            'The reference\'s name when named, else "c-" and 12 hex digits of the SHA-256 of its normalised content (stable across builds).',
            required=True,
        ),
        Field("name", "string", "The name attribute as written; empty for unnamed references."),
        Field(
            "kind",
            "string",
            'The citation template used, lower-case ("cite web", "cite book", "cite news", "cite journal", ...); '
            '"free text" when none; "undefined" for a name used but never defined.',
            required=True,
        ),
        Field("title", "string", "Title of the cited work, as written."),
        Field("url", "string", "URL of the cited work, as written."),
        Field("archive_url", "string", "URL of an archived copy, as written."),
        Field("url_status", "string", "The citation's url-status (live, dead, usurped...), as written."),
        Field("date", "string", "Publication date (or year), as written."),
        Field("access_date", "string", "When the editor accessed the URL, as written."),
        Field("publisher", "string", "Publisher, as written."),
        Field("work", "string", "Website, work, journal, newspaper or magazine, as written."),
        Field("language", "string", "Language code, as written."),
        Field("authors", "string", 'Authors as "Last, First" joined with "; ", in the citation\'s order.'),
        Field("raw", "string", "The reference's content as written (between <ref> and </ref>); empty when undefined."),
        Field(
            "source_start",
            "integer",
            "Byte offset in the seed file where the defining <ref> starts (the first use when undefined).",
            required=True,
            minimum=0,
        ),
        Field(
            "source_end",
            "integer",
            "Byte offset in the seed file where the defining <ref> ends (exclusive).",
            required=True,
            minimum=0,
        ),
    ],
    ["source_id", "ref_id"],
    [SOURCE_FK],
)

CITATIONS = Table(
    "citations",
    "Citations",
    "One row per <ref> occurrence in an article: which reference it cites and which row (or prose section) it supports.",
    [
        Field("source_id", "string", "The seed document (`sources.source_id`).", required=True),
        Field("occurrence", "integer", "1-based order of the <ref> tag in the document.", required=True, minimum=1),
        Field("ref_id", "string", "The reference cited (`references.ref_id`).", required=True),
        Field(
            "is_definition",
            "boolean",
            "True where this tag holds the reference's content, false for a reuse (<ref name=... />).",
            required=True,
        ),
        Field(
            "resource",
            "string",
            "The table of the row the citation supports: a table cell's row, else the event or membership whose sentence the tag closes; empty for other prose.",
            enum=["diplomatic_relations", "bilateral_relations", "events", "memberships"],
        ),
        Field(
            "row_key",
            "string",
            'Primary key of the supported row, its values joined with "/" (e.g. "MLI/12", "MLI/Algeria", an event_id); empty for other prose.',
        ),
        Field("field", "string", "The column whose cell holds the citation; empty for prose."),
        Field("section", "string", "Heading of the article section the tag is in (empty before the first heading)."),
        Field(
            "source_start",
            "integer",
            "Byte offset in the seed file where the <ref> tag starts.",
            required=True,
            minimum=0,
        ),
        Field(
            "source_end",
            "integer",
            "Byte offset in the seed file where the <ref> tag ends (exclusive).",
            required=True,
            minimum=0,
        ),
    ],
    ["source_id", "occurrence"],
    [SOURCE_FK, ForeignKey(["source_id", "ref_id"], "references", ["source_id", "ref_id"])],
)


def _statement() -> list[Field]:
    return [
        Field(
            "statement",
            "string",
            "The sentence the row was read from, as plain text (markup and references removed).",
            required=True,
        ),
        Field(
            "section",
            "string",
            "Heading of the article section the sentence is in; empty for the lead or a plain-text document.",
        ),
        *_provenance("sentence"),
    ]


MEMBERSHIPS = Table(
    "memberships",
    "Memberships in international organisations",
    "The organisations the subject belongs to (or belonged to), as the article's prose states them. Read by rules from sentences; fellow members named in passing are not the subject's memberships.",
    [
        *_subject(),
        Field(
            "organization",
            "string",
            "The organisation's name as the text writes it (the link label when linked).",
            required=True,
        ),
        Field("abbreviation", "string", "The abbreviation the text gives in parentheses, e.g. ECOWAS."),
        Field("article", "string", "Title of the Wikipedia article the name links to, when linked."),
        Field(
            "status",
            "string",
            "member, associate-member or former-member, as the text says.",
            required=True,
            enum=["member", "associate-member", "former-member"],
        ),
        Field(
            "since",
            "string",
            "When the membership (or the organisation, where the text ties them) began, ISO 8601 at the text's precision.",
            pattern=PARTIAL_DATE,
        ),
        Field("since_precision", "string", "Precision of `since`.", enum=PRECISIONS),
        Field(
            "until",
            "string",
            "When the membership ended (a withdrawal), ISO 8601 at the text's precision.",
            pattern=PARTIAL_DATE,
        ),
        Field("until_precision", "string", "Precision of `until`.", enum=PRECISIONS),
        *_statement(),
    ],
    ["subject_iso3", "organization"],
    [SOURCE_FK],
)

MISSIONS = Table(
    "missions",
    "Diplomatic missions",
    'One row per diplomatic mission the notes of the "Bilateral relations" table state: who keeps an embassy, honorary consulate or non-resident accreditation where. A statement that a mission does not exist is kept with kind `none`.',
    [
        Field(
            "mission_id",
            "string",
            "Stable key within the subject's article: 12 hex digits of the SHA-256 of sender, receiver, kind, city and since. Two articles can state the same mission, so the row's key is (`subject_iso3`, `mission_id`).",
            required=True,
        ),
        *_subject(),
        Field("sending", "string", "The country that keeps the mission.", required=True),
        Field("sending_iso3", "string", "ISO 3166-1 alpha-3 of `sending`.", pattern=ISO3),
        Field("receiving", "string", "The country the mission is accredited to.", required=True),
        Field("receiving_iso3", "string", "ISO 3166-1 alpha-3 of `receiving`.", pattern=ISO3),
        Field(
            "kind",
            "string",
            "embassy; honorary-consulate; non-resident (accredited from an embassy elsewhere, or an ambassador resident elsewhere); none (the text says there is no such mission).",
            required=True,
            enum=["embassy", "honorary-consulate", "consulate", "non-resident", "none"],
        ),
        Field(
            "city",
            "string",
            "Where the mission sits, as written (for non-resident: where the accredited embassy or ambassador is).",
        ),
        Field(
            "since", "string", "Since when, when the text says, ISO 8601 at the text's precision.", pattern=PARTIAL_DATE
        ),
        Field("since_precision", "string", "Precision of `since`.", enum=PRECISIONS),
        Field(
            "partner",
            "string",
            "The partner of the bilateral-table row whose notes state the mission (`bilateral_relations.partner`).",
            required=True,
        ),
        *_statement(),
    ],
    ["subject_iso3", "mission_id"],
    [SOURCE_FK, ForeignKey(["subject_iso3", "partner"], "bilateral_relations", ["subject_iso3", "partner"])],
)

EVENTS = Table(
    "events",
    "Dated events",
    "One row per sentence of the documents' prose that places something in time: the first date it gives, how the text qualifies it, and the countries it names.",
    [
        Field(
            "event_id",
            "string",
            "Stable key: 12 hex digits of the SHA-256 of the source id, the bilateral row the sentence notes (if any) and the sentence.",
            required=True,
            unique=True,
        ),
        *_subject(),
        Field(
            "date",
            "string",
            "The sentence's first date, ISO 8601 at the text's precision: YYYY-MM-DD, YYYY-MM or YYYY.",
            required=True,
            pattern=PARTIAL_DATE,
        ),
        Field("date_precision", "string", "Precision of `date`.", required=True, enum=PRECISIONS),
        Field(
            "date_qualifier",
            "string",
            "How the text qualifies the date: early, late, mid, circa, before, after, since, until.",
            enum=["early", "late", "mid", "circa", "before", "after", "since", "until"],
        ),
        Field("date_earliest", "date", "First calendar day `date` can mean."),
        Field("date_latest", "date", "Last calendar day `date` can mean."),
        Field("date_raw", "string", "The time expression as written, qualifier included.", required=True),
        Field(
            "partners_iso3",
            "string",
            "ISO 3166-1 alpha-3 codes of the other countries the sentence names (and, for a bilateral note, its row's partner), space-separated.",
        ),
        *_statement(),
    ],
    ["event_id"],
    [SOURCE_FK],
)

QUALITY_FINDINGS = Table(
    "quality_findings",
    "Quality findings",
    "Problems the checks found in the sources or the tables: what, where, how serious, and whether it is known and explained.",
    [
        Field(
            "finding",
            "integer",
            "1-based number of the finding, in report order (by check, resource, row).",
            required=True,
            unique=True,
            minimum=1,
        ),
        Field("check", "string", "Name of the check that made the finding.", required=True),
        Field(
            "severity",
            "string",
            "error (blocks publication unless acknowledged), warning, or info.",
            required=True,
            enum=["error", "warning", "info"],
        ),
        Field("resource", "string", 'The table (or "sources"/document) the finding is about.', required=True),
        Field(
            "row_key",
            "string",
            'Primary key of the row concerned, values joined with "/"; the subject\'s ISO code (e.g. "MLI") for a finding about one subject\'s whole table; empty for other table-wide findings.',
        ),
        Field("field", "string", "The column concerned; empty when the whole row is."),
        Field("value", "string", "The value found, as written."),
        Field("message", "string", "What is wrong, in words.", required=True),
        Field(
            "acknowledged",
            "boolean",
            "True when checks/acknowledged.toml lists the finding as a known source problem.",
            required=True,
        ),
        Field("acknowledgement", "string", "Why the finding is acknowledged, from checks/acknowledged.toml."),
    ],
    ["finding"],
    license="CC-BY-SA-4.0",
)

TABLES = [
    SOURCES,
    DIPLOMATIC_RELATIONS,
    BILATERAL_RELATIONS,
    MEMBERSHIPS,
    MISSIONS,
    EVENTS,
    REFERENCES,
    CITATIONS,
    QUALITY_FINDINGS,
]
BY_NAME = {table.name: table for table in TABLES}
