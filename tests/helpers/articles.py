"""Small made-up articles (raw wikitext, no manifest) in a seed folder of their own, and what
extract, clean and the checks make of them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def article(listing: list[tuple[str, str, str]], bilateral: list[tuple[str, str, str]] = (), prose: str = "") -> str:
    """A minimal "Foreign relations of Mali" article in raw wikitext."""
    list_rows = "".join(f"|-\n|{n}\n|{_flag(p)}\n|{d}\n" for n, p, d in listing)
    bilateral_rows = "".join(f"|-\n|{{{{flag|{p}}}}}\n|{d}\n|{notes}\n" for p, d, notes in bilateral)
    return (
        "{{short description|none}}\n"
        f"Mali is in Africa.{prose}\n\n"
        "==Diplomatic relations==\n"
        '{| class="wikitable sortable"\n|-\n!#\n!Country\n!Date\n'
        f"{list_rows}|}}\n\n"
        "==Bilateral relations==\n"
        '{| class="wikitable"\n|-\n! style="width:15%;" | Country\n!Formal Relations Began\n!Notes\n'
        f"{bilateral_rows}|}}\n\n"
        "[[Category:Foreign relations of Mali| ]]\n"
    )


def _flag(partner: str) -> str:
    """ "Ukraine (severed)" -> "{{Flag|Ukraine}} (severed)", as the article writes it."""
    name, bracket, rest = partner.partition(" (")
    return f"{{{{Flag|{name}}}}}{bracket}{rest}"


def findings_for(
    tmp_path: Path, text: str, extra: dict[str, str] | None = None, expectations: bool = False
) -> list[tuple[str, ...]]:
    """(check, severity, resource, row_key, field, value) of every finding but the
    manifest's, for seeds holding `text` as article.wikitext (and `extra` files). The Great
    Expectations suites run only where a test is about them (`expectations=True`): seconds each."""
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources
    from pipeline.validate.stage import run_checks

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "article.wikitext").write_text(text, encoding="utf-8")
    for name, content in (extra or {}).items():
        (seeds / name).write_text(content, encoding="utf-8")
    extracted = extract(load_sources(seeds))
    tables = clean(extracted)
    found = run_checks(tables, internal_tables(extracted, tables), acknowledgements=[], expectations=expectations)
    return [
        (f.check, f.severity, f.resource, f.row_key, f.field, f.value)
        for f in found
        if f.check not in ("source_undocumented", "unchecked_upper_bound")
    ]


def cleaned(tmp_path: Path, text: str) -> dict[str, pd.DataFrame]:
    """The clean tables of a seed folder holding `text` as article.wikitext (no manifest)."""
    from pipeline.clean.stage import clean
    from pipeline.extract.stage import extract
    from pipeline.sources import load_sources

    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "article.wikitext").write_text(text, encoding="utf-8")
    return clean(extract(load_sources(seeds)))


def date_findings_for(
    tmp_path: Path, listing: list[tuple[str, str, str]], bilateral=(), retrieved=None, revision=None
) -> list[tuple[str | None, ...]]:
    """(check, severity, resource, row_key, field, value, message) of the date checks, the
    manifest facts of the one source set by hand."""
    from pipeline.validate.date_checks import date_findings

    tables = cleaned(tmp_path, article(listing, bilateral))
    tables["sources"]["retrieved"] = pd.Series([retrieved], dtype="string")
    tables["sources"]["revision_not_before"] = pd.Series([revision], dtype="string")
    return [(f.check, f.severity, f.resource, f.row_key, f.field, f.value, f.message) for f in date_findings(tables)]
