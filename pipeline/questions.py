"""Five ordinary questions, answered in the data README in pandas (after the pandas recipe)
and in DuckDB (after the DuckDB recipe); the test suite runs them and checks the answers.

How a row is named in `citations.row_key` and `quality_findings.row_key` is written once
here (`row_key_pandas`, `row_key_sql`), from the table's primary key in the schema."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from pipeline.recipes import quoted
from pipeline.schema import BY_NAME


@dataclass(frozen=True)
class Question:
    """A question, its answer in pandas (binding `answer`) and in one DuckDB query."""

    title: str
    pandas: list[str]
    sql: list[str]
    answer: str = "answer"  # the pandas variable holding the answer


def row_key_pandas(frame: str, table: str) -> str:
    """pandas: the column `row_key` of citations and findings, built from `table`'s primary key."""
    parts = [f'{frame}["{column}"].astype("string")' for column in BY_NAME[table].primary_key]
    return ' + "/" + '.join(parts)


def row_key_sql(alias: str, table: str) -> str:
    """SQL: the same key, from the primary-key columns of the row aliased `alias`."""
    return " || '/' || ".join(f"{alias}.{quoted(column)}" for column in BY_NAME[table].primary_key)


def table(name: str) -> str:
    """`name`, checked to be a table of the schema, quoted for SQL."""
    return quoted(BY_NAME[name].name)


def field(table_name: str, name: str) -> str:
    """`name`, checked to be a field of `table` (a renamed field fails here, not in a reader's hands)."""
    BY_NAME[table_name].field(name)
    return name


def example_partner(tables: dict[str, pd.DataFrame]) -> str:
    """The partner of the first relations row whose date cell cites a reference (the source-of-a-date example)."""
    citations = tables["citations"]
    cited = citations[(citations["resource"] == "diplomatic_relations") & (citations["field"] == "established_raw")]
    relations = tables["diplomatic_relations"]
    keys = relations.apply(BY_NAME["diplomatic_relations"].row_key, axis=1) if len(relations) else pd.Series([])
    matches = relations[keys.isin(set(cited["row_key"]))]
    chosen = matches if len(matches) else relations
    return str(chosen["partner"].iloc[0]) if len(chosen) else ""


def questions(partner: str) -> list[Question]:
    """The five questions of the README's examples; `partner` names the row of the source-of-a-date one."""
    relations, status = "diplomatic_relations", field("diplomatic_relations", "status")
    earliest = field(relations, "established_earliest")
    kind, finding_check = field("missions", "kind"), quoted(field("quality_findings", "check"))
    keyed = f"keyed = relations.assign(row_key={row_key_pandas('relations', relations)})"
    return [
        Question(
            "Relations established per decade (by the first day the date can mean)",
            [
                'relations = tables["diplomatic_relations"]',
                f'answer = (relations["{earliest}"].dropna().dt.year // 10 * 10).value_counts().sort_index()',
            ],
            [
                f"SELECT year({earliest}) // 10 * 10 AS decade, count(*) AS relations FROM {table(relations)}",
                f"WHERE {earliest} IS NOT NULL GROUP BY decade ORDER BY decade;",
            ],
        ),
        Question(
            "Severed relations",
            [f'answer = relations[relations["{status}"] == "severed"][["partner", "established"]]'],
            [f"SELECT partner, established FROM {table(relations)} WHERE {status} = 'severed' ORDER BY position;"],
        ),
        Question(
            "Embassies",
            [
                'missions = tables["missions"]',
                f'answer = missions[missions["{kind}"] == "embassy"][["sending", "receiving", "city"]]',
            ],
            [
                f"SELECT sending, receiving, city FROM {table('missions')} WHERE {kind} = 'embassy'",
                "ORDER BY sending, receiving, city;",
            ],
        ),
        Question(
            f"The source of one date: where {partner}'s date of relations comes from",
            [keyed, *_source_of_date_pandas(partner)],
            _source_of_date_sql(partner),
        ),
        Question(
            "The flagged facts: relations rows with the quality findings about them",
            [
                keyed,
                'answer = keyed.merge(tables["quality_findings"].query("resource == \'diplomatic_relations\'")'
                f'[["row_key", "{field("quality_findings", "check")}", "severity", "message"]], on="row_key")'
                f'[["partner", "{field("quality_findings", "check")}", "severity", "message"]]',
            ],
            [
                f"SELECT r.partner, f.{finding_check}, f.severity, f.message FROM {table(relations)} r",
                f"JOIN {table('quality_findings')} f ON f.resource = '{relations}'",
                f"  AND f.row_key = {row_key_sql('r', relations)};",
            ],
        ),
    ]


def _source_of_date_pandas(partner: str) -> list[str]:
    cited = "tables[\"citations\"].query(\"resource == 'diplomatic_relations' and field == 'established_raw'\")"
    return [
        f'answer = keyed[keyed["partner"] == {json.dumps(partner, ensure_ascii=False)}]'
        '[["source_id", "row_key", "established"]]'
        f'.merge({cited}, on=["source_id", "row_key"])'
        '.merge(tables["references"][["source_id", "ref_id", "title", "url"]], on=["source_id", "ref_id"])'
        '[["established", "title", "url"]]'
    ]


def _source_of_date_sql(partner: str) -> list[str]:
    return [
        f"SELECT r.established, ref.title, ref.url FROM {table('diplomatic_relations')} r JOIN {table('citations')} c",
        "  ON c.source_id = r.source_id AND c.resource = 'diplomatic_relations' AND c.field = 'established_raw'",
        f"  AND c.row_key = {row_key_sql('r', 'diplomatic_relations')}",
        f"JOIN {table('references')} ref ON ref.source_id = c.source_id AND ref.ref_id = c.ref_id"
        " WHERE r.partner = '" + partner.replace("'", "''") + "';",
    ]


def examples_section(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The README's "Examples" section: each question in pandas, then in DuckDB."""
    lines = [
        "## Examples",
        "",
        "Five questions, each answered after the pandas or the DuckDB recipe above. A citation or a "
        "finding names its row by the row's primary key, values joined with `/` (`MLI/4`).",
        "",
    ]
    for number, question in enumerate(questions(example_partner(tables)), start=1):
        lines += [f"{number}. {question.title}:", "", "```python", *question.pandas, "```", ""]
        lines += ["```sql", *question.sql, "```", ""]
    return lines
