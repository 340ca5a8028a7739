"""The family's equivalent forms, as rewrites of an article's wikitext (tests/integration/test_metamorphic.py).

Each rewrite turns one way the family writes a relations table into another that means the
same: another header word, a one-line `!!` header for one cell a line, `{{flag|X}}` for
`{{flagcountry|X}}` for `{{flagicon|X}} [[X]]`, `{{dts|...}}` for the plain date, `||` cells
for one a line, attributes on rows and cells, a comment or footnote after a cell, a table
split in two under a sub-heading, an extra column. A rewrite takes the text and a
`random.Random` (which rows, which form) and gives the rewritten text; it leaves alone what
it cannot rewrite safely (a cell spanning rows, a line whose templates run onto the next).
The rows read from the text must not change (apart from the `*_raw` cells, `extra` and the
byte spans): a new form of the family is one rewrite here and one rule in the reader.
"""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Callable

Rewrite = Callable[[str, random.Random], str]
MONTHS = [calendar.month_name[number] for number in range(1, 13)]
# Header words with the same role, each group interchangeable (pipeline/clean/relation_tables.py ROLES).
SYNONYMS = [
    ["#", "No.", "No", "Number"],
    ["Country", "State", "Nation", "Partner"],
    ["Date", "Date of establishment", "Date established", "Established", "Formal relations began"],
    ["Formal Relations Began", "Formal relations began", "Date", "Date of recognition"],
]
_FLAG = re.compile(r"(?<=\|)(\s*)\{\{(?i:flag|flagcountry|flagu)\|([^{}|=\n]+)\}\}")
_FLAGICON = re.compile(r"(?<=\|)(\s*)\{\{(?i:flagicon)\|([^{}|=\n]+)\}\}\s*\[\[([^\[\]|\n]+)\]\]")
_PLAIN_DATE = re.compile(r"(?<=\|)(\s*)(\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4})(?=\s*(?:<ref|\|\||$))", re.M)
_DTS_WORDS = re.compile(r"\{\{dts\|(\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4})\}\}")
_DTS_NUMBERS = re.compile(r"\{\{dts\|(\d{4})\|(\d{1,2})\|(\d{1,2})\}\}")
_CELL_LINE = re.compile(r"^\|(?![-}+])")


def _balanced(text: str) -> bool:
    """No template, link, tag or comment of the text runs on past its end."""
    pairs = (("{{", "}}"), ("[[", "]]"), ("<!--", "-->"))
    refs_closed = len(re.findall(r"<ref\b[^>]*(?<!/)>", text)) == text.count("</ref>")
    return all(text.count(a) == text.count(b) for a, b in pairs) and refs_closed


def split_top(text: str, separator: str) -> list[str]:
    """`text` split at `separator` outside templates and links."""
    parts, depth, start, at = [], 0, 0, 0
    while at < len(text):
        pair = text[at : at + 2]
        if pair in ("{{", "[["):
            depth, at = depth + 1, at + 2
        elif pair in ("}}", "]]"):
            depth, at = max(depth - 1, 0), at + 2
        elif depth == 0 and text.startswith(separator, at):
            parts.append(text[start:at])
            at = start = at + len(separator)
        else:
            at += 1
    return [*parts, text[start:]]


def tables(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level `{| ... |}` table, its end after the `|}`."""
    spans, at = [], 0
    while (start := text.find("\n{|", at)) >= 0:
        end = text.find("\n|}", start)
        if end < 0:
            break
        spans.append((start + 1, end + 3))
        at = end + 3
    return spans


def on_tables(text: str, rng: random.Random, change: Callable[[str, random.Random], str]) -> str:
    """`change` applied to each table of the text, the rest left as it is."""
    out, at = [], 0
    for start, end in tables(text):
        out += [text[at:start], change(text[start:end], rng)]
        at = end
    return "".join([*out, text[at:]])


def on_lines(table: str, rng: random.Random, change: Callable[[str, random.Random], str]) -> str:
    return "\n".join(change(line, rng) for line in table.split("\n"))


def header_word(text: str, rng: random.Random) -> str:
    def line(row: str, rng: random.Random) -> str:
        if not row.startswith("!"):
            return row
        cells = split_top(row[1:], "!!")
        return "!" + "!!".join(_synonym(cell, rng) for cell in cells)

    return on_tables(text, rng, lambda table, r: on_lines(table, r, line))


def _synonym(cell: str, rng: random.Random) -> str:
    parts = split_top(cell, "|")
    label = parts[-1].strip()
    group = next((group for group in SYNONYMS if label in group), None)
    if group is None:
        return cell
    return "|".join([*parts[:-1], parts[-1].replace(label, rng.choice(group))])


def header_lines(text: str, rng: random.Random) -> str:
    """A one-line `! a !! b` header as one cell a line, or one cell a line as one line."""

    def change(table: str, rng: random.Random) -> str:
        lines = table.split("\n")
        out: list[str] = []
        for row in lines:
            if row.startswith("!") and "!!" in row:
                out += ["!" + cell.strip() for cell in split_top(row[1:], "!!")]
            elif row.startswith("!") and out[-1:] and out[-1].startswith("!") and "colspan" not in out[-1]:
                out[-1] = out[-1] + " !! " + row[1:].strip()
            else:
                out.append(row)
        return "\n".join(out)

    return on_tables(text, rng, change)


def flags(text: str, rng: random.Random) -> str:
    """{{flag|X}}, {{flagcountry|X}}, {{flagu|X}} and {{flagicon|X}} [[X]] for one another."""

    def form(space: str, name: str) -> str:
        if re.fullmatch(r"[A-Z]{3}", name.strip()):
            return space + "{{flag|" + name + "}}"
        choice = rng.choice(["flag", "flagcountry", "flagu", "icon"])
        return space + (f"{{{{flagicon|{name}}}}} [[{name}]]" if choice == "icon" else f"{{{{{choice}|{name}}}}}")

    text = _FLAGICON.sub(lambda m: form(m[1], m[2]) if m[2] == m[3] else m[0], text)
    return _FLAG.sub(lambda m: form(m[1], m[2]), text)


def dates(text: str, rng: random.Random) -> str:
    """A plain "1 October 1960" cell as {{dts|1 October 1960}} or {{dts|1960|10|1}}, and back."""

    def plain(match: re.Match[str]) -> str:
        day, month, year = match[2].split()
        forms = [f"{{{{dts|{match[2]}}}}}", f"{{{{dts|{year}|{MONTHS.index(month) + 1}|{day}}}}}", match[2]]
        return match[1] + rng.choice(forms)

    text = _DTS_NUMBERS.sub(lambda m: _words(m) if rng.random() < 0.5 else m[0], text)
    text = _DTS_WORDS.sub(lambda m: m[1] if rng.random() < 0.5 else m[0], text)
    return _PLAIN_DATE.sub(plain, text)


def _words(match: re.Match[str]) -> str:
    year, month, day = (int(part) for part in match.groups())
    return f"{day} {MONTHS[month - 1]} {year}" if 1 <= month <= 12 and 1 <= day <= 28 else match[0]


def inline_cells(text: str, rng: random.Random) -> str:
    """A row's cells on one line (`| a || b`), or one a line."""

    def change(table: str, rng: random.Random) -> str:
        rows = re.split(r"(?m)^(?=\|-)", table)
        return "".join(_inline(row, rng) for row in rows)

    return on_tables(text, rng, change)


def _inline(row: str, rng: random.Random) -> str:
    lines = row.split("\n")
    head, cells, tail = lines[:1], lines[1:], []
    while cells and not cells[-1].strip():
        tail.insert(0, cells.pop())
    if not head[0].startswith("|-") or not cells or not all(_CELL_LINE.match(c) and _balanced(c) for c in cells):
        return row
    if len(cells) == 1 and "||" in cells[0]:
        parts = split_top(cells[0][1:], "||")
        return "\n".join([*head, *("|" + part.strip() for part in parts), *tail])
    if len(cells) > 1 and rng.random() < 0.7 and not any("||" in c for c in cells):
        return "\n".join([*head, "|" + " || ".join(c[1:].strip() for c in cells), *tail])
    return row


def attributes(text: str, rng: random.Random) -> str:
    """Attributes on rows (`|- style="..."`) and on cells that have none (`| style="..." | x`)."""

    def line(row: str, rng: random.Random) -> str:
        if row.strip() == "|-" and rng.random() < 0.5:
            return '|- style="vertical-align:top;"'
        plain = _CELL_LINE.match(row) and "||" not in row and _balanced(row) and row[1:].strip()
        if plain and len(split_top(row[1:], "|")) == 1 and rng.random() < 0.3:
            return '| style="text-align:left;" |' + row[1:]
        return row

    return on_tables(text, rng, lambda table, r: on_lines(table, r, line))


def notes_after(text: str, rng: random.Random) -> str:
    """A comment or a footnote after a cell."""
    marks = ["<!-- checked -->", "<ref>A made-up note.</ref>", '<ref name="made-up" />']

    def line(row: str, rng: random.Random) -> str:
        if _CELL_LINE.match(row) and "||" not in row and _balanced(row) and row[1:].strip() and rng.random() < 0.3:
            return row.rstrip() + rng.choice(marks)
        return row

    text = on_tables(text, rng, lambda table, r: on_lines(table, r, line))
    if '<ref name="made-up" />' in text:  # the named reference, defined once at the end
        text += '\n<ref name="made-up">The made-up note.</ref>\n'
    return text


def split_tables(text: str, rng: random.Random) -> str:
    """A table split in two at a row, the second part under a sub-heading with the same header."""
    found = [(start, end, _parts(text[start:end])) for start, end in tables(text)]
    found = [(start, end, parts) for start, end, parts in found if parts and _level_before(text, start)]
    if not found:
        return text
    start, end, (rows, header, first_data) = rng.choice(found)
    cut = rng.randrange(first_data + 1, len(rows))
    marks = "=" * (_level_before(text, start) + 1)
    header_lines = [line for line in rows[header].split("\n") if line.startswith("!")]
    opening = "\n".join(["|}", "", f"{marks}More partners{marks}", '{| class="wikitable"', "|-", *header_lines, ""])
    return text[:start] + "".join(rows[:cut]).rstrip("\n") + "\n" + opening + "".join(rows[cut:]) + text[end:]


def _parts(table: str) -> tuple[list[str], int, int] | None:
    """(rows, the last header row, the first data row) of a table with two data rows or more
    and no cell spanning rows (a split would cut it); None for another."""
    rows = re.split(r"(?m)^(?=\|-)", table)
    headers = [i for i, row in enumerate(rows) if _is_header(row)]
    data = [i for i, row in enumerate(rows) if i and not _is_header(row)]
    if "rowspan" in table or not headers or len(data) < 2:
        return None
    return rows, headers[-1], data[0]


def _is_header(row: str) -> bool:
    lines = [line for line in row.split("\n")[1:] if line.strip() and not line.startswith("|+")]
    return row.startswith(("|-", "{|")) and bool(lines) and all(line.startswith("!") for line in lines)


def _level_before(text: str, at: int) -> int:
    headings = re.findall(r"(?m)^(={2,5})[^=\n].*?\1\s*$", text[:at])
    return len(headings[-1]) if headings else 0


def extra_column(text: str, rng: random.Random) -> str:
    """One more column at the end of each table, with cells that name no country, date or
    status: "Notes" or "Remarks" in a list table ("Diplomatic relations") or beside a notes
    column (the second is not the notes), another word elsewhere."""
    values = ["Yes", "No", "—", "", "Embassy in the capital", "Non-resident", "[[Embassy]] since independence"]
    out, at = [], 0
    for start, end in tables(text):
        heading = re.findall(r"(?m)^=+\s*([^=\n]+?)\s*=+\s*$", text[:start])
        listing = "Diplomatic relations" in heading[-1:] or re.search(r"(?m)^!.*\b(Notes|Remarks)\b", text[start:end])
        labels = ["Resident embassy", "Ambassador", "Mission"] + ["Notes", "Remarks"] * 2 * bool(listing)
        out += [text[at:start], _extra_column(text[start:end], rng.choice(labels), values, rng)]
        at = end
    return "".join([*out, text[at:]])


def _extra_column(table: str, label: str, values: list[str], rng: random.Random) -> str:
    rows = re.split(r"(?m)^(?=\|-)", table[: -len("|}")])
    if any(not _balanced(row) for row in rows) or not any(_is_header(row) for row in rows):
        return table
    header = max(i for i, row in enumerate(rows) if _is_header(row))
    out = []
    for index, row in enumerate(rows):
        if index == header:
            out.append(row.rstrip("\n") + f"\n! {label}\n")
        elif index > header and row.startswith("|-"):
            out.append(row.rstrip("\n") + f"\n| {rng.choice(values)}\n")
        else:
            out.append(row)
    return "".join(out) + "|}"


REWRITES: dict[str, Rewrite] = {
    "header_word": header_word,
    "header_lines": header_lines,
    "flags": flags,
    "dates": dates,
    "inline_cells": inline_cells,
    "attributes": attributes,
    "notes_after": notes_after,
    "split_tables": split_tables,
    "extra_column": extra_column,
}
