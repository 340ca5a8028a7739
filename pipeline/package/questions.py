"""Five ordinary questions, answered in the data README in pandas (after the pandas recipe), in R
(after the R recipe) and in one SQL query that runs in DuckDB (after the DuckDB recipe) and in
SQLite (on the database `pipeline sqlite` makes); the test suite runs them and checks the answers.

Every table's first column is its id, unique across the package: `citations.row_id` and
`quality_findings.row_id` hold the id of the row they are about, so each join is on one key
(`ID` below names each table's id column from the schema)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from pipeline.columns import values
from pipeline.package.recipes import quoted
from pipeline.schema import BY_NAME


@dataclass(frozen=True)
class Question:
    """A question, its answer in pandas and in R (each binding `answer`) and in one SQL query
    that DuckDB and SQLite both run."""

    title: str
    pandas: list[str]
    sql: list[str]
    r: list[str]
    answer: str = "answer"  # the pandas and R variable holding the answer


def id_of(table_name: str) -> str:
    """The table's id column (its one-column primary key)."""
    (column,) = BY_NAME[table_name].primary_key
    return column


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
    matches = relations[relations[id_of("diplomatic_relations")].isin(set(values(cited["row_id"])))]
    chosen = matches if len(matches) else relations
    return str(chosen["partner"].iloc[0]) if len(chosen) else ""


def questions(partner: str) -> list[Question]:
    """The five questions of the README's examples; `partner` names the row of the source-of-a-date one."""
    return [
        *_counting_questions(),
        Question(
            f"The source of one date: where {partner}'s date of relations comes from",
            _source_of_date_pandas(partner),
            _source_of_date_sql(partner),
            _source_of_date_r(partner),
        ),
        _flagged_facts(),
    ]


def _counting_questions() -> list[Question]:
    """Questions 1-3: relations per decade, severed or suspended relations, embassies."""
    return [_per_decade(), _severed_or_suspended(), _embassies()]


def _per_decade() -> Question:
    relations, earliest = "diplomatic_relations", field("diplomatic_relations", "established_earliest")
    return Question(
        "Relations established per decade (by the first day the date can mean)",
        [
            'relations = tables["diplomatic_relations"]',
            f'answer = (relations["{earliest}"].dropna().dt.year // 10 * 10).value_counts().sort_index()',
        ],
        [  # the decade is the year's first three digits and a 0: the same in DuckDB and SQLite
            f"SELECT CAST(substr(CAST({earliest} AS TEXT), 1, 3) AS INTEGER) * 10 AS decade, count(*) AS relations",
            f"FROM {table(relations)} WHERE {earliest} IS NOT NULL GROUP BY decade ORDER BY decade;",
        ],
        [
            "relations <- tables$diplomatic_relations",
            f'decade <- as.integer(format(na.omit(relations${earliest}), "%Y")) %/% 10 * 10',
            "answer <- as.data.frame(table(decade), stringsAsFactors = FALSE)",
        ],
    )


def _severed_or_suspended() -> Question:
    relations, status = "diplomatic_relations", field("diplomatic_relations", "status")
    return Question(
        "Severed or suspended relations",
        [
            f'answer = relations[relations["{status}"].isin(["severed", "suspended"])]'
            '[["partner", "status", "established"]]'
        ],
        [
            f"SELECT partner, {status}, established FROM {table(relations)}",
            f"WHERE {status} IN ('severed', 'suspended') ORDER BY position;",
        ],
        [
            f'answer <- relations[relations${status} %in% c("severed", "suspended"), '
            'c("partner", "status", "established")]'
        ],
    )


def _embassies() -> Question:
    kind = field("missions", "kind")
    return Question(
        "Embassies",
        [
            'missions = tables["missions"]',
            f'answer = missions[missions["{kind}"] == "embassy"][["sending", "receiving", "city"]]',
        ],
        [
            f"SELECT sending, receiving, city FROM {table('missions')} WHERE {kind} = 'embassy'",
            "ORDER BY sending, receiving, city;",
        ],
        [
            "missions <- tables$missions",
            f'answer <- missions[missions${kind} %in% "embassy", c("sending", "receiving", "city")]',
        ],
    )


def _flagged_facts() -> Question:
    """Question 5: the join of a fact to the findings about it."""
    relations, finding_check = "diplomatic_relations", quoted(field("quality_findings", "check_name"))
    return Question(
        "The flagged facts: relations rows with the quality findings about them",
        [
            f'answer = relations.merge(tables["quality_findings"], left_on="{id_of(relations)}", right_on="row_id")'
            f'[["partner", "{field("quality_findings", "check_name")}", "severity", "message"]]',
        ],
        [
            f"SELECT r.partner, f.{finding_check}, f.severity, f.message FROM {table(relations)} r",
            f"JOIN {table('quality_findings')} f ON f.row_id = r.{id_of(relations)};",
        ],
        [
            f'answer <- merge(relations, tables$quality_findings, by.x = "{id_of(relations)}", by.y = "row_id")'
            f'[, c("partner", "{field("quality_findings", "check_name")}", "severity", "message")]',
        ],
    )


def _source_of_date_pandas(partner: str) -> list[str]:
    return [
        f'row = relations[relations["partner"] == {json.dumps(partner, ensure_ascii=False)}]',
        f'cited = row.merge(tables["citations"], left_on="{id_of("diplomatic_relations")}", right_on="row_id")',
        'cited = cited[cited["field"] == "established_raw"]',
        f'answer = cited.merge(tables["article_references"], on="{id_of("article_references")}")'
        '[["established", "title", "url"]]',
    ]


def _source_of_date_r(partner: str) -> list[str]:
    reference = id_of("article_references")
    return [
        f"row <- relations[relations$partner %in% {json.dumps(partner, ensure_ascii=False)}, ]",
        f'cited <- merge(row, tables$citations, by.x = "{id_of("diplomatic_relations")}", by.y = "row_id")',
        'cited <- cited[cited$field %in% "established_raw", ]',
        f'answer <- merge(cited, tables$article_references, by = "{reference}")[, c("established", "title", "url")]',
    ]


def _source_of_date_sql(partner: str) -> list[str]:
    reference = id_of("article_references")
    return [
        f"SELECT r.established, ref.title, ref.url FROM {table('diplomatic_relations')} r",
        f"JOIN {table('citations')} c ON c.row_id = r.{id_of('diplomatic_relations')} AND c.field = 'established_raw'",
        f"JOIN {table('article_references')} ref ON ref.{reference} = c.{reference}",
        "WHERE r.partner = '" + partner.replace("'", "''") + "';",
    ]


def examples_section(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The README's "Examples" section: each question in pandas, in SQL (DuckDB and SQLite), then in R."""
    lines = [
        "## Examples",
        "",
        "Five questions, each answered in pandas, in SQL and in R, after the recipe above for each. One SQL query "
        "answers in DuckDB (after its recipe) and in SQLite, on the database `pipeline sqlite` makes from this "
        "package (every table with its types and keys, the same names). Every table's first "
        "column is its id (`relation_id`, `event_id`, `reference_id`, ...), unique across the package and "
        "kept from one release to the next for the same fact; `citations.row_id` and `quality_findings.row_id` "
        "hold the id of the row they are about, and `citations.reference_id` the reference's. So each join is "
        "on one key: a fact to its citations to its references (question 4), a fact to its findings (question 5).",
        "",
    ]
    for number, question in enumerate(questions(example_partner(tables)), start=1):
        lines += [f"{number}. {question.title}:", "", "```python", *question.pandas, "```", ""]
        lines += ["```sql", *question.sql, "```", "", "```r", *question.r, "```", ""]
    return lines
