"""Equivalent markup gives equal rows: random combinations of the family's equivalent forms
(tests/helpers/family_rewrites.py) applied to every fixture article (tests/fixtures/family/*, the Mali
fixture) leave the tidy relations rows and their changes as they were, apart from what is kept
as written (`*_raw`, `extra`) and the byte spans; as many rows as before are left unread.

The suite runs a fixed set of a few hundred combinations (Hypothesis, derandomised; the
articles are cut to their relations sections, which give the same rows, so that each takes
milliseconds); `make fuzz` runs many more, new ones each time.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import FAMILY, FIXTURES
from tests.helpers.family_rewrites import REWRITES, _is_header, tables

MALI = FIXTURES / "foreign_relations_of_mali.wikitext"
RELATIONS = ("diplomatic_relations", "bilateral_relations", "relation_changes")
KEPT_AS_WRITTEN = {"source_start", "source_end", "extra", "date_raw"}


def articles() -> dict[str, tuple[str, str]]:
    """slug -> (subject, the article's relations sections), every article of the fixtures."""
    found = {"mali": ("Mali", _relations_sections(MALI.read_text(encoding="utf-8")))}
    for folder in sorted(path for path in FAMILY.iterdir() if (path / "wikitext").is_dir()):
        (source,) = (folder / "wikitext").glob("*.wikitext")
        title = re.search(r'(?m)^title = "Foreign relations of (.+)"$', (source.parent / "sources.toml").read_text())
        assert title, folder
        found[folder.name] = (title[1], _relations_sections(source.read_text(encoding="utf-8")))
    return found


def _relations_sections(text: str) -> str:
    """From the first relations heading to the end of the last table, the part rows come from,
    each reference's text made short (parsing long citations is most of the time a read takes)."""
    start = re.search(r"(?m)^==\s*(Diplomatic|Bilateral) relations\s*==", text)
    assert start, "no relations heading"
    cut = text[start.start() : text.rfind("\n|}") + 3]
    return re.sub(r"(<ref(?: [^>/]*)?>).*?</ref>", r"\1A note.</ref>", cut, flags=re.DOTALL) + "\n"


def windows(slug: str, size: int = 4) -> list[str]:
    """The article cut into windows: each with the relations sections' headings and, of each
    table, its header and the next `size` rows (more where a cell spans down past them)."""
    text = ARTICLES[slug][1]
    chunked = [_chunks(text[start:end], size) for start, end in tables(text)]
    out = []
    for window in range(max(len(chunks) for _, chunks in chunked)):
        pieces, at = [], 0
        for (start, end), (head, chunks) in zip(tables(text), chunked, strict=True):
            table = head + "".join(chunks[window]) + "|}" if window < len(chunks) else ""
            pieces += [text[at:start], table]
            at = end
        out.append("".join([*pieces, text[at:]]))
    return out


def _chunks(table: str, size: int) -> tuple[str, list[list[str]]]:
    """(the table's opening and header rows, its data rows in groups of about `size`)."""
    rows = re.split(r"(?m)^(?=\|-)", table[: -len("|}")])
    first = next((i for i, row in enumerate(rows) if i and not _is_header(row)), len(rows))
    chunks: list[list[str]] = [[]]
    spanning = 0
    for row in rows[first:]:
        if len(chunks[-1]) >= size and spanning <= 0:
            chunks.append([])
        chunks[-1].append(row)
        spans = [int(n) for n in re.findall(r'rowspan="?(\d+)', row)]
        spanning = max([spanning - 1, *(n - 1 for n in spans)])
    return "".join(rows[:first]), chunks


ARTICLES = articles()
WINDOWS = {f"{slug}/{n}": text for slug in ARTICLES for n, text in enumerate(windows(slug), start=1)}


def read(slug: str, text: str) -> dict[str, Any]:
    """The relations rows of `text` as the clean stage makes them (pipeline/clean/stage.py)."""
    from pipeline.clean import ids
    from pipeline.clean.countries import resolve_country
    from pipeline.clean.relations import bilateral_relations, diplomatic_relations, relation_tables
    from pipeline.clean.stage import relation_change_rows
    from pipeline.clean.successors import with_predecessors
    from pipeline.extract.stage import Extracted
    from pipeline.extract.wikitables import tables_and_headings

    subject = resolve_country(ARTICLES[slug.split("/")[0]][0])
    tables, sections = tables_and_headings(text)
    source = SimpleNamespace(path=Path(f"{slug}.wikitext"), source_id=slug)
    item = Extracted(SimpleNamespace(source=source, body_start=0), text, tables, sections=sections, byte_map=int)
    listing, bilateral, *unread = relation_tables(item)
    listed = with_predecessors(diplomatic_relations(item, subject, listing))
    noted = with_predecessors(bilateral_relations(item, subject, bilateral)) if bilateral else []
    rows = {
        "diplomatic_relations": ids.with_relation_ids(listed, "relation", "relation_id", subject.iso3),
        "bilateral_relations": ids.with_relation_ids(noted, "bilateral", "bilateral_id", subject.iso3),
        "unread_rows": len(unread[0]) if unread else 0,
    }
    return rows | {"relation_changes": relation_change_rows(rows)}


def meaning(rows: dict[str, Any]) -> dict[str, Any]:
    """The rows without what is kept as written and where it is."""
    kept = {name: [{k: v for k, v in row.items() if not _as_written(k)} for row in rows[name]] for name in RELATIONS}
    return kept | {"unread_rows": rows["unread_rows"]}


def _as_written(field: str) -> bool:
    return field in KEPT_AS_WRITTEN or field.endswith("_raw")


def difference(got: dict[str, Any], want: dict[str, Any]) -> str:
    """The first field that differs, in words ("" when none does)."""
    if got["unread_rows"] != want["unread_rows"]:
        return f"{got['unread_rows']} rows unread, not {want['unread_rows']}"
    for name in RELATIONS:
        if len(got[name]) != len(want[name]):
            return f"{name}: {len(got[name])} rows, not {len(want[name])}"
        for index, (row, expected) in enumerate(zip(got[name], want[name], strict=True)):
            if row != expected:
                fields = [k for k in expected if not isinstance(row, dict) or row.get(k) != expected[k]]
                values = {k: (row.get(k), expected[k]) for k in fields} if isinstance(row, dict) else (row, expected)
                return f"{name} row {index + 1}: {values}"
    return ""


@cache
def baseline(key: str) -> dict[str, Any]:
    return meaning(read(key, WINDOWS[key] if "/" in key else ARTICLES[key][1]))


def rewritten(text: str, names: list[str], seed: int) -> str:
    rng = random.Random(seed)
    for name in names:
        text = REWRITES[name](text, rng)
    return text


def test_every_article_gives_its_rows_and_its_windows_give_them_all():
    from tests.helpers.family import expected

    assert set(ARTICLES) >= {"mali", "niger", "chad", "brazil", "norway"}
    for slug in ARTICLES:
        rows, unread = baseline(slug), expected(slug).get("unread_rows", 0) if slug != "mali" else 0
        assert rows["diplomatic_relations"] and rows["unread_rows"] == unread, slug
        if slug != "mali":
            partners = [row["partner"] for row in rows["diplomatic_relations"]]
            assert partners == [row["partner"] for row in expected(slug)["diplomatic_relations"]], slug
        keys = [key for key in WINDOWS if key.startswith(slug + "/")]
        for name in RELATIONS[:2]:
            parts = [baseline(key)[name] for key in keys]
            assert sorted(r["partner"] for part in parts for r in part) == sorted(r["partner"] for r in rows[name])
        assert sum(baseline(key)["unread_rows"] for key in keys) == unread, slug
    assert len(baseline("mali")["diplomatic_relations"]) == 161


@pytest.mark.parametrize("name", sorted(REWRITES))
def test_each_rewrite_changes_the_text_and_keeps_the_rows(name):
    assert all(rewritten(text, [name], 7) != text for slug, (_, text) in ARTICLES.items()), name
    assert difference(meaning(read("niger", rewritten(ARTICLES["niger"][1], [name], 7))), baseline("niger")) == ""


@settings(suppress_health_check=[HealthCheck.too_slow])  # 200 examples; `make fuzz`: 20,000 new ones
@given(
    key=st.sampled_from(sorted(WINDOWS)),
    names=st.lists(st.sampled_from(sorted(REWRITES)), min_size=1, max_size=len(REWRITES)),
    seed=st.integers(0, 2**32 - 1),
)
def test_equivalent_forms_give_equal_rows(key, names, seed):
    text = rewritten(WINDOWS[key], names, seed)
    assert difference(meaning(read(key, text)), baseline(key)) == "", f"{names} with seed {seed} on {key}"
