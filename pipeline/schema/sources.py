"""The seed documents: where each came from, what kind of copy it is, its license and checksum."""

from __future__ import annotations

from pipeline.schema.fields import columns, override
from pipeline.schema.formats import PARTIAL_DATE
from pipeline.schema.model import Field, ForeignKey, Table

SOURCE_FK = ForeignKey(["source_id"], "sources", ["source_id"])
SOURCE_KINDS = ["api_revision", "dump_revision", "mirror_copy", "page_copy"]

SOURCES = Table(
    "sources",
    "Seed documents",
    "The documents the package is built from, with where they came from, their license and their checksum.",
    columns(
        override("source_id", description="Stable identifier of the document.", unique=True),
        override("title", description="Title of the document or article."),
        override("url", description="Where the document was taken from; empty when not known."),
        override("publisher", description="Who published the document."),
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
        Field(
            "path", "string", "File name of the document; this package holds a copy of it in `sources/`.", required=True
        ),
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
            "source_kind",
            "string",
            "What kind of copy the document is: api_revision (a revision fetched from a MediaWiki API, pinned by "
            "its revision id), dump_revision (a revision read from an XML dump), mirror_copy (the article's text "
            "saved from a third-party mirror of the wiki: no revision id, its revision known only by date bounds), "
            "page_copy (the text of a web page saved by hand); empty when the manifest does not say.",
            enum=SOURCE_KINDS,
            rules="As the manifest of seed documents states it (`source_kind`); a document fetched by "
            "`pipeline snapshot` is api_revision or dump_revision by the API or dump it came from.",
        ),
        Field(
            "content_date",
            "string",
            "The date the document's content itself bears or is known to date from, ISO 8601 at its precision, as "
            "the manifest states it (a fact sheet's publication or revision); empty when not known. Its sentences "
            "in the present tense speak of that date, not of the retrieval.",
            pattern=PARTIAL_DATE,
        ),
        Field(
            "content_date_qualifier",
            "string",
            'circa when the manifest gives `content_date` as approximate ("about 2013"); empty otherwise.',
            enum=["circa"],
        ),
        Field(
            "edition",
            "string",
            "Which further edition of its subject's article the document is (a language, a revision), as the "
            "manifest of seed documents names it, when the package holds more than one article about the subject; "
            "its rows' ids then start with `<subject_iso3>~<edition>/`. Empty for a subject's article.",
            pattern=r"^[a-z0-9][a-z0-9-]{0,19}$",
        ),
        Field(
            "permalink",
            "string",
            "Permanent link to the exact revision read (a URL with oldid=); empty when the revision is not known.",
        ),
        Field("revision_id", "integer", "The wiki's id of the revision read; empty when not known.", minimum=1),
        Field("page_id", "integer", "The wiki's id of the article's page; empty when not known.", minimum=1),
        Field(
            "revision_timestamp",
            "string",
            "When the revision read was saved (ISO 8601, UTC); empty when not known.",
            pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$",
        ),
        Field(
            "redirected_from",
            "string",
            "The title asked for, when the wiki redirected it to this article.",
        ),
        Field("license_url", "string", "The license's address, as the wiki's rights information gives it."),
        Field("api_url", "string", "The MediaWiki API the document was fetched from (pipeline snapshot)."),
        Field("dump", "string", "File name of the XML dump the document was read from (pipeline snapshot --dump)."),
        Field(
            "snapshot_tool",
            "string",
            "The program (and version) that fetched the document; empty for one saved by hand.",
        ),
        Field(
            "in_manifest",
            "boolean",
            "False when the manifest of seed documents does not describe the document (its facts are then missing, not guessed).",
            required=True,
        ),
    ),
    ["source_id"],
    license="mixed",
    rules="Unit: one seed document as saved, one row per file. `source_kind` says what kind of copy it is, and "
    "`retrieved`, `revision_not_before`, `revision_timestamp` or `content_date` how current it is: every other "
    "table's rows are as of the source they were read from. A fact nobody knows is left empty, never guessed.",
)
