"""Make N "Foreign relations of X" articles from the seed, without the network.

Each article is the seed's wikitext (tests/fixtures/foreign_relations_of_mali.wikitext) with
another subject country in its title, the rows of its "Diplomatic relations" table shuffled,
their years shifted, about 5% of them dropped and about 1% given a date nobody can read. Each
article also takes a random mix of the ways the family's articles write their tables (the
variations of issue 14, which tests/fixtures/family/ exercises one by one): other header words, a
header on one line or with attributes, a caption before or after the image row, other country
templates, other date forms, "c." and "before" dates, second events in the date cell ("(severed
1973, restored 1993)", "<br /><small>(resumed ...)</small>"), status words next to the name,
inline `||` rows, comments, `data-sort-value=`/`style=` attributes, a `rowspan` shared date, and the
bilateral table split by continent with a shorter sub-table. About half the articles are written
as flattened edit pages (tests/fixtures/family/flatten.py), the rest as raw wikitext.
The same seed gives the same corpus.
Usage: python benchmarks/corpus.py N OUT_DIR [--seed S] [--forms mixed|wikitext|edit-page]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import types
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tests" / "fixtures" / "foreign_relations_of_mali.wikitext"
FLATTEN = ROOT / "tests" / "fixtures" / "family" / "flatten.py"
FORMS = ("mixed", "wikitext", "edit-page")
_YEAR = re.compile(r"(\{\{[Dd]ts\|[^}]*?)(\d{4})\}\}")
_FLAG = re.compile(r"\{\{[Ff]lag\|([^{}|]{1,80})\}\}")
_DTS_DMY = re.compile(r"\{\{[Dd]ts\|(\d{1,2}) ([A-Z][a-z]{2,8}) (\d{4})\}\}")
_BILATERAL_ROW = re.compile(r"\n\|-[^\n]*\n")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The variations, as data: header words, country cells, date cells, second events
NUMBER_WORDS = ("#", "No.")
COUNTRY_WORDS = ("Country", "State", "Nation")
DATE_WORDS = (
    "Date",
    "Date of establishment",
    "Date established",
    "Established",
    "Formal relations began",
    "Date of recognition",
)
COUNTRY_FORMS = (
    "{{{{flag|{0}}}}}",
    "{{{{flagcountry|{0}}}}}",
    "{{{{flagu|{0}}}}}",
    "{{{{flagicon|{0}}}}} [[{0}]]",
    "[[{0}]]",
    "{{{{sort|{0}|{{{{flag|{0}}}}}}}}}",
)
DATE_FORMS = (
    "{{{{dts|{d} {month} {y}}}}}",
    "{{{{dts|{y}|{month}|{d}|format=dmy}}}}",
    "{{{{dts|{y}|{m}|{d}}}}}",
    "{{{{Start date|{y}|{m}|{d}|df=y}}}}",
    "{d} {month} {y}",
    "{month} {d}, {y}",
    "{y}-{m:02d}-{d:02d}",
    "{{{{dts|{month} {y}}}}}",
    "{month} {y}",
    "{{{{dts|{y}}}}}",
    "{y}",
)
RARE_DATE_FORMS = ("c. {y}", "circa {y}", "before {y}")
EVENTS = (
    " (severed {a}, restored {b})",
    "<br /><small>(resumed {d} {month} {b})</small>",
    "<br />(severed {d} {month} {a})",
    " (severed {a}, restored {b}, frozen {c})",
    "<br /><small>(suspended {a}, resumed {b})</small>",
)
NAME_STATUS = (" (suspended)", " (severed)", " (Suspended)")
REGIONS = ("Africa", "Americas", "Asia", "Europe")


def subjects() -> list[str]:
    """Country names pycountry resolves by themselves, in a fixed order."""
    return sorted(c.name for c in pycountry.countries if "," not in c.name and "(" not in c.name and c.name != "Mali")


def article(template: str, subject: str, rng: random.Random) -> str:
    """One article: the template with a new subject and a perturbed, varied list table."""
    start = template.index('{| class="wikitable sortable"')
    end = template.index("\n|}", start)
    head, *rows = template[start:end].split("\n|-\n")
    header, rows = rows[0], rows[1:]
    rng.shuffle(rows)
    style = _article_style(rng)
    kept = []
    for row in rows:
        if rng.random() < 0.05:
            continue
        shift = rng.randint(-3, 3)
        row = _YEAR.sub(lambda m, s=shift: f"{m.group(1)}{int(m.group(2)) + s}}}}}", row)
        if rng.random() < 0.01:
            row = re.sub(r"\{\{[Dd]ts\|[^}]*\}\}", "Spring 1962", row)
        kept.append(vary_row(row, style, rng))
    kept = _share_a_date(kept, rng)
    head, header = vary_header(head, header, rng)
    table = "\n|-\n".join([head, header, *kept])
    text = template[:start] + table + split_bilateral(template[end:], rng)
    return text.replace("Foreign relations of Mali", f"Foreign relations of {subject}").replace(
        "Foreign Relations of Mali", f"Foreign Relations of {subject}"
    )


def _article_style(rng: random.Random) -> dict[str, object]:
    """What this article does: its country template, and how often its rows vary."""
    return {
        "country": rng.choice(COUNTRY_FORMS),
        "rare": rng.random() * 0.1,  # share of rows with an unusual form
        "inline": rng.random() < 0.3,
    }


def vary_row(row: str, style: dict[str, object], rng: random.Random) -> str:
    """A list row in this article's style, with a few rows taking a rarer form."""
    rare = float(style["rare"])
    if rng.random() < 0.8:
        row = _FLAG.sub(lambda m: str(style["country"]).format(m.group(1)), row, count=1)
    row = _DTS_DMY.sub(lambda m: _date_form(m, rng, rare), row, count=1)
    lines = row.split("\n")
    if len(lines) != 3 or not all(line.startswith("|") for line in lines):
        return row
    number, country, date = lines
    if rng.random() < rare:
        year = re.search(r"\d{4}", date)
        date += rng.choice(EVENTS).format(**_event_dates(rng, int(year.group()) if year else 1960))
    elif rng.random() < rare / 2:
        country += rng.choice(NAME_STATUS)
    if rng.random() < rare:
        country += "<!-- checked against the ministry's list -->"
    if rng.random() < rare:
        country = '| style="background:#fcc;" ' + country
    if rng.random() < rare:
        date = '| data-sort-value="0" ' + date
    if style["inline"] and rng.random() < 0.5 and "<ref" not in date:
        return " || ".join([number, country[1:], date[1:]])
    return "\n".join([number, country, date])


def _date_form(match: re.Match[str], rng: random.Random, rare: float) -> str:
    """A `{{dts|D Month YYYY}}` written another way the family writes dates."""
    d, month, y = int(match.group(1)), match.group(2), int(match.group(3))
    m = MONTHS.index(month) + 1 if month in MONTHS else 1
    form = rng.choice(RARE_DATE_FORMS) if rng.random() < rare else rng.choice(DATE_FORMS)
    return form.format(d=d, month=month, m=m, y=y)


def _event_dates(rng: random.Random, established: int) -> dict[str, object]:
    """Years (and a day) for second events after the year relations were established: a < b < c."""
    a = established + rng.randint(1, 20)
    b = a + rng.randint(1, 15)
    return {"a": a, "b": b, "c": b + rng.randint(1, 10), "d": rng.randint(1, 28), "month": rng.choice(MONTHS)}


def _share_a_date(rows: list[str], rng: random.Random) -> list[str]:
    """Sometimes two neighbouring rows share one date cell (`rowspan="2"`), as editors write equal dates."""
    if len(rows) < 2 or rng.random() < 0.5:
        return rows
    at = rng.randrange(len(rows) - 1)
    first, second = rows[at].split("\n"), rows[at + 1].split("\n")
    if len(first) != 3 or len(second) != 3 or "data-sort-value" in first[2]:
        return rows
    first[2] = '| rowspan="2" ' + first[2]
    return [*rows[:at], "\n".join(first), "\n".join(second[:2]), *rows[at + 2 :]]


def vary_header(head: str, header: str, rng: random.Random) -> tuple[str, str]:
    """The list table's header row in other words and forms, and maybe a caption."""
    words = (rng.choice(NUMBER_WORDS), rng.choice(COUNTRY_WORDS), rng.choice(DATE_WORDS))
    form = rng.randrange(3)
    if form == 0:
        header = "\n".join(f"!{word}" for word in words)
    elif form == 1:
        header = "! " + " !! ".join(words)
    else:
        widths = ("5%", "30%", "20%")
        header = "\n".join(f'! style="width:{w};" | {word}' for w, word in zip(widths, words, strict=True))
    caption = "|+ Countries with which the subject maintains diplomatic relations"
    place = rng.randrange(3)
    if place == 1:  # before the image header row
        table_start, image_row = head.split("\n", 1)
        head = "\n".join([table_start, caption, image_row])
    elif place == 2:  # after it
        head = f"{head}\n{caption}"
    return head, header


def split_bilateral(text: str, rng: random.Random) -> str:
    """The "Bilateral relations" table split into continent sub-tables, one of them maybe without notes."""
    start = text.find("==Bilateral relations==\n{|")
    if start < 0 or rng.random() < 0.4:
        return text
    table_start = start + len("==Bilateral relations==\n")
    end = text.index("\n|}", table_start)
    table_open, header, *rows = _BILATERAL_ROW.split(text[table_start:end])
    head = f"{table_open}\n|-\n{header}"
    parts = rng.randint(2, len(REGIONS))
    cuts = sorted(rng.sample(range(1, len(rows)), parts - 1))
    short = rng.randrange(parts) if rng.random() < 0.5 else -1
    tables = []
    for number, (a, b) in enumerate(zip([0, *cuts], [*cuts, len(rows)], strict=True)):
        chunk = rows[a:b] if number != short else [_without_notes(row) for row in rows[a:b]]
        top = head if number != short else head.rsplit("\n", 1)[0]
        tables.append(f"==={REGIONS[number]}===\n" + "\n|-\n".join([top, *chunk]) + "\n|}")
    return text[:table_start] + "\n" + "\n\n".join(tables) + text[end + 3 :]


def _without_notes(row: str) -> str:
    """A bilateral row's country and date cells only."""
    first, *rest = row.split("\n")
    if "||" in first:
        country, date = first.split("||")[:2]
        return f"{country}\n|{date}"
    return "\n".join([first, *rest[:1]])


def generate(count: int, out: Path, seed: int = 0, forms: str = "mixed") -> list[Path]:
    """Write `count` articles into `out`. Past the last subject the subjects come round again as
    further editions of their articles (r2, r3, ...: as another language or revision would be),
    which sources.toml names; other facts are left to the build (formats are detected)."""
    out.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE.read_text(encoding="utf-8")
    names = subjects()
    rng = random.Random(seed)
    flatten = _flatten_module()
    paths, editions = [], []
    for number in range(count):
        text = article(template, names[number % len(names)], rng)
        flat = forms == "edit-page" or (forms == "mixed" and rng.random() < 0.5)
        path = out / f"article_{number:04d}.{'txt' if flat else 'wikitext'}"
        path.write_text(flatten.edit_page(text) if flat else text, encoding="utf-8")
        paths.append(path)
        if number >= len(names):
            edition = f"r{number // len(names) + 1}"
            editions.append(f'[[source]]\nsource_id = "{path.stem}"\npath = "{path.name}"\nedition = "{edition}"\n')
    if editions:
        (out / "sources.toml").write_text("\n".join(editions), encoding="utf-8")
    return paths


def _flatten_module() -> types.ModuleType:
    """tests/fixtures/family/flatten.py, which makes the edit-page form."""
    spec = importlib.util.spec_from_file_location("family_flatten", FLATTEN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--forms", choices=FORMS, default="mixed", help="raw wikitext, edit pages, or both")
    args = parser.parse_args()
    generate(args.count, args.out, args.seed, args.forms)


if __name__ == "__main__":
    main()
