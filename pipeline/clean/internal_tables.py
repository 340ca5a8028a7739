"""The internal tables the checks read beside the package's (declared in
`pipeline/schema/internal.py`): each article's maintenance tags and each fact sheet's statements,
as extract found them, with their names and dates resolved here as clean resolves the tables'
(the checks compare codes and dates, never resolve them); and how the names of the partners
left without a code resolve."""

from __future__ import annotations

import pandas as pd

from pipeline.clean.countries import resolve_country, without_article
from pipeline.clean.dates import written_date_fields
from pipeline.clean.frames import Rows, typed_frame
from pipeline.extract.stage import Extracted
from pipeline.schema import BY_NAME
from pipeline.schema.internal import ESTABLISHED_CLAIMS, MAINTENANCE_TAGS, PARTNER_MATCHES

RELATIONS = ("diplomatic_relations", "bilateral_relations")


def internal_tables(extracted: list[Extracted], tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every internal table, from the extracted documents and the clean tables made of them."""
    tags = [row for item in extracted for row in maintenance_tag_rows(item)]
    claims = [row for item in extracted for row in established_claim_rows(item)]
    return {
        "maintenance_tags": typed_frame(MAINTENANCE_TAGS, tags),
        "established_claims": typed_frame(ESTABLISHED_CLAIMS, claims),
        "partner_matches": typed_frame(PARTNER_MATCHES, partner_match_rows(tables)),
    }


def maintenance_tag_rows(item: Extracted) -> Rows:
    """One row per maintenance tag of an article, byte spans in the seed file."""
    return [
        {
            "source_id": item.source_id,
            "tag": tag.text,
            "source_start": item.byte_offset(tag.start),
            "source_end": item.byte_offset(tag.end),
        }
        for tag in item.maintenance
    ]


def established_claim_rows(item: Extracted) -> Rows:
    """One row per statement of a fact sheet that relations were established: both countries'
    codes (a leading "the" left out, as the article's mentions leave it) and the date, read."""
    rows = []
    for claim in item.claims:
        partner, subject = (resolve_country(without_article(name)) for name in (claim.who, claim.subject))
        assert item.byte_map is not None  # a plain-text document's spans are characters of its text
        rows.append(
            {
                "source_id": item.source_id,
                "partner_raw": claim.who,
                "partner_iso3": partner.iso3,
                "subject_raw": claim.subject,
                "subject_iso3": subject.iso3,
                **written_date_fields("established", claim.date),
                "source_start": item.byte_map(claim.start),
                "source_end": item.byte_map(claim.end),
            }
        )
    return rows


def partner_match_rows(tables: dict[str, pd.DataFrame]) -> Rows:
    """One row per relations row whose partner has no code: how the published name resolves."""
    rows = []
    for name in RELATIONS:
        frame = tables[name]
        for _, row in frame[frame["partner_iso3"].isna()].iterrows():  # the few rows without a code
            match = resolve_country(row["partner"]).method
            rows.append(
                {
                    "resource": name,
                    "row_id": BY_NAME[name].row_key(row),
                    "partner": row["partner"],
                    "partner_match": match,
                }
            )
    return rows
