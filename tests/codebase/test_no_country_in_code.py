"""Nothing about one country in code: no country name or demonym appears in the code of
`pipeline/` or `checks/` (.py files) outside data tables (CSV, TOML).

"Code" is every token but comments and docstrings: string literals (rule patterns, messages,
metadata) and names. Docstrings and comments may give an example ("Foreign relations of Mali"
-> Mali, MLI). The words are pycountry's names (name, common name, official name) and the
names and demonyms of `pipeline/clean/demonyms.csv`, matched as whole words, case-sensitive.
Left out, as too short or as ordinary English words a message or pattern may well use:
AMBIGUOUS below. `pipeline/schema/` is a declaration (a data table in code): its field
descriptions, which go to the data README, may give an example row key ("MLI/Algeria").
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from functools import cache
from pathlib import Path

import pycountry

from pipeline.clean.demonyms import demonym_table
from tests.helpers import ROOT

SHORTEST = 4  # "Lao", "Thai": too short to tell from other words
AMBIGUOUS = {
    "Chad",  # a given name
    "Jersey",  # a garment, and part of "New Jersey"
    "Jordan",  # a given name
    "Georgia",  # a U.S. state
    "Guinea",  # a coin, "guinea pig"
    "Turkey",  # a bird (not an ISO name, listed in case)
    "Polish",  # to polish
    "Swiss",  # "swiss-army": an adjective of things
    "Panama",  # a hat
    "Dominica",
    "Dominican",  # religious order
    "Micronesia",  # the region
    "Micronesian",
}


@cache
def country_words() -> re.Pattern[str]:
    words = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            words.add(getattr(country, attribute, None))
    for row in demonym_table().values():
        words |= {row["name"], row["demonym"]}
    words = {w for w in words if w and len(w) >= SHORTEST and w not in AMBIGUOUS}
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def code_tokens(source: str) -> list[tuple[int, str]]:
    """(line, text) of every token of `source` but comments and docstrings."""
    docstrings = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                docstrings.add(first.lineno)
    out = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT or (token.type == tokenize.STRING and token.start[0] in docstrings):
            continue
        out.append((token.start[0], token.string))
    return out


def country_words_in_code(path: Path) -> list[str]:
    """ "path:line: word" for each country word in the code of `path`."""
    pattern = country_words()
    return [
        f"{path.relative_to(ROOT)}:{line}: {match.group(0)}"
        for line, text in code_tokens(path.read_text(encoding="utf-8"))
        for match in pattern.finditer(text)
    ]


def test_no_country_name_or_demonym_in_code():
    paths = sorted([*(ROOT / "pipeline").rglob("*.py"), *(ROOT / "checks").rglob("*.py")])
    paths = [path for path in paths if not path.is_relative_to(ROOT / "pipeline" / "schema")]
    assert [hit for path in paths for hit in country_words_in_code(path)] == []


def test_the_scan_finds_a_country_in_a_rule_but_not_in_a_docstring(tmp_path):
    path = tmp_path / "rule.py"
    path.write_text(
        '"""Reads "Mali is a member of" (an example)."""\n'
        "import re\n\n"
        "def rule():\n"
        '    """Malian ambassadors."""\n'
        '    return re.compile(r"Malian (?:ambassador|to)")  # Mali\n'
        'NAME = "Senegal"\n',
        encoding="utf-8",
    )
    assert [hit.split(": ", 1)[1] for hit in country_words_in_code_at(path)] == ["Malian", "Senegal"]


def country_words_in_code_at(path: Path) -> list[str]:
    pattern = country_words()
    return [f"{line}: {m.group(0)}" for line, text in code_tokens(path.read_text()) for m in pattern.finditer(text)]


def test_the_demonym_table_covers_every_iso_country():
    table = demonym_table()
    assert set(table) == {country.alpha_3 for country in pycountry.countries}
    assert table["MLI"]["demonym"] == "Malian"
    assert table["NER"]["demonym"] == "Nigerien"
    assert all(row["source"] for row in table.values())
