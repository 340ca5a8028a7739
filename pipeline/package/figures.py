"""The package's pictures (datapackage/figures/*.svg), drawn from its tables: relations
established per decade, and a timeline of establishments, suspensions and severances. One
panel per subject, or one summary panel when there are more than MAX_PANELS subjects.
Each figure carries an alt text that states its numbers, for the data README."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline import svg

MAX_PANELS = 6  # subjects drawn one panel each; beyond, one panel sums them all
MAX_CHANGE_ROWS = 12  # dated suspensions, severances, restorations drawn per panel
MAX_NAMES = 8  # partners named in a line of changes with no date
PER_DECADE = "figures/relations_per_decade.svg"
TIMELINE = "figures/relation_timeline.svg"
CHANGE_KINDS = ("suspended", "severed", "restored")
BAR_AREA = 84.0  # px of the timeline's establishment bars: one relation of a tallest year of 14 is 6 px


@dataclass(frozen=True)
class Figure:
    """A picture of the package: its path inside the package, title, alt text and SVG text."""

    path: str
    title: str
    alt: str
    svg: str


@dataclass(frozen=True)
class Change:
    """A change in a relation: suspended, severed or restored, with its ISO date when known."""

    subject: str
    partner: str
    kind: str
    date: str | None


@dataclass(frozen=True)
class Panel:
    """What one panel draws: a heading, years of establishment, and the changes."""

    heading: str
    established: Counter[int]
    undated: int
    changes: list[Change]


def package_figures(tables: dict[str, pd.DataFrame]) -> list[Figure]:
    """Every picture of the package, in the order the data README shows them."""
    relations = records(tables["diplomatic_relations"], ["subject", "established"])
    panels = subject_panels(relations, relation_changes(tables))
    return [per_decade_figure(panels), timeline_figure(panels)]


def relation_changes(tables: dict[str, pd.DataFrame]) -> list[Change]:
    """Suspensions and severances, from the list's `status` column, dated by the bilateral
    table's `severed` date where it gives one; severances only the bilateral table states too.
    The one place that reads them: switch it to a table of dated changes when there is one."""
    bilateral = records(
        tables["bilateral_relations"], ["subject", "subject_iso3", "partner", "partner_iso3", "severed"]
    )
    severed = {_pair(row): row for row in bilateral if row["severed"] is not None}
    changes = []
    for row in records(
        tables["diplomatic_relations"], ["subject", "subject_iso3", "partner", "partner_iso3", "status"]
    ):
        if row["status"] in CHANGE_KINDS:
            dated = severed.pop(_pair(row), None) if row["status"] == "severed" else None
            changes.append(Change(row["subject"], row["partner"], row["status"], dated and dated["severed"]))
    changes += [Change(row["subject"], row["partner"], "severed", row["severed"]) for row in severed.values()]
    return sorted(changes, key=lambda c: (c.subject, c.date or "9999", c.partner, c.kind))


def subject_panels(relations: list[dict[str, Any]], changes: list[Change]) -> list[Panel]:
    """One panel per subject (sorted by name), or one for all when there are too many."""
    subjects = sorted({row["subject"] for row in relations} | {change.subject for change in changes})
    if len(subjects) > MAX_PANELS:
        labelled = [Change(c.subject, f"{c.subject}: {c.partner}", c.kind, c.date) for c in changes]
        return [_panel(f"All {len(subjects)} subjects", relations, labelled)]
    return [
        _panel(subject, [r for r in relations if r["subject"] == subject], [c for c in changes if c.subject == subject])
        for subject in subjects
    ]


def per_decade_figure(panels: list[Panel]) -> Figure:
    """Bar chart: relations established per decade, a panel per subject on a shared scale."""
    counts = [_decades(panel.established) for panel in panels]
    decades = _span([decade for count in counts for decade in count], 10)
    slot, left, plot_height = 58.0, 44.0, 120.0
    width = max(left + slot * len(decades) + 20, 420.0)
    top = max((n for count in counts for n in count.values()), default=1)
    body, y = [svg.label(12, 22, "Relations established per decade", size=14, bold=True)], 34.0
    for panel, count in zip(panels, counts, strict=True):
        body.append(svg.label(12, y + 16, panel.heading, bold=True))
        base = y + 30 + plot_height
        body.append(svg.rule(left - 4, base, left + slot * len(decades), base))
        for index, decade in enumerate(decades):
            n, x = count.get(decade, 0), left + slot * index
            height = plot_height * n / top
            body.append(svg.bar(x + 6, base - height, slot - 12, height, svg.COLOURS["established"], f"{decade}s: {n}"))
            body.append(svg.label(x + slot / 2, base - height - 4, n, "middle"))
            body.append(svg.label(x + slot / 2, base + 16, f"{decade}s", "middle"))
        if panel.undated:
            body.append(svg.label(12, base + 36, f"Not shown: {panel.undated} with no readable date.", size=11))
        y = base + 48
    alt = "Bar chart: relations established per decade. " + " ".join(
        _decade_words(panel, count, decades) for panel, count in zip(panels, counts, strict=True)
    )
    title = "Relations established per decade"
    return Figure(PER_DECADE, title, alt, svg.document(width, y, title, alt, body))


def timeline_figure(panels: list[Panel]) -> Figure:
    """Timeline: establishments per year as bars, then each dated change on its own row."""
    years = [year for p in panels for year in p.established] + [_year(c.date) for p in panels for c in _dated(p)]
    first, last = (min(years), max(years)) if years else (1960, 1960)
    lo, hi = first // 10 * 10, last // 10 * 10 + 10
    left, width = 120.0, 760.0
    scale = (width - 30 - left) / (hi - lo)
    top = max((n for p in panels for n in p.established.values()), default=1)
    body = [svg.label(12, 22, "Relations established, suspended and severed", size=14, bold=True)]
    drawn = {change.kind for panel in panels for change in _dated(panel)[:MAX_CHANGE_ROWS]}  # what is plotted
    kinds = ["established", *(kind for kind in CHANGE_KINDS if kind in drawn)]
    body += svg.legend(left, 42, [(kind, svg.COLOURS[kind]) for kind in kinds])
    y = 56.0
    for panel in panels:
        body.append(svg.label(12, y + 16, panel.heading, bold=True))
        y += 28
        rows, y = _timeline_rows(panel, (lo, hi), (left, scale), top, y)
        body += rows
        body.append(svg.rule(left, y, left + scale * (hi - lo), y))
        for decade in range(lo, hi + 1, 10):
            x = left + scale * (decade - lo)
            body += [svg.rule(x, y, x, y + 4), svg.label(x, y + 16, decade, "middle")]
        y += 24
        for line in _undated_lines(panel):
            body.append(svg.label(12, y + 4, line, size=11))
            y += 16
        y += 12
    alt = f"Timeline, {lo}–{hi - 1}: relations established each year; suspensions, severances, restorations. "
    alt += " ".join(_timeline_words(panel) for panel in panels)
    title = "Relations established, suspended and severed"
    return Figure(TIMELINE, title, alt, svg.document(width, y, title, alt, body))


def _timeline_rows(
    panel: Panel, years: tuple[int, int], axis: tuple[float, float], top: int, y: float
) -> tuple[list[str], float]:
    """The establishment bars and one row per dated change (capped); the parts and the next y.
    `years` is the span drawn, `axis` the x of its start and the width of a year."""
    (lo, hi), (left, scale) = years, axis
    height = BAR_AREA
    parts = [svg.label(left - 30, y + height / 2 + 4, "established", "end"), *_count_axis(left, y, height, top)]
    if panel.established:
        year, most = _most(panel.established)
        parts.append(svg.label(left + scale * (hi - lo), y + 8, f"tallest bar: {most} in {year}", "end", size=11))
    for year, n in sorted(panel.established.items()):
        bar_height = max(height * n / top, 1.0)
        x = left + scale * (year - lo)
        parts.append(
            svg.bar(
                x, y + height - bar_height, max(scale - 1, 1), bar_height, svg.COLOURS["established"], f"{year}: {n}"
            )
        )
    y += height + 14
    dated = _dated(panel)
    for change in dated[:MAX_CHANGE_ROWS]:
        x = left + scale * (_fraction(change.date or "") - lo)
        text = f"{change.partner} ({change.date})"
        anchor, dx = ("end", -9) if x + 9 + svg.text_width(text) > left + scale * (hi - lo) else ("start", 9)
        parts += [
            svg.label(left - 8, y + 4, change.kind, "end"),
            svg.rule(left, y, x, y, svg.COLOURS["grid"]),
            svg.marker(x, y, svg.COLOURS[change.kind]),
            svg.label(x + dx, y + 4, text, anchor),
        ]
        y += 20
    if len(dated) > MAX_CHANGE_ROWS:
        parts.append(svg.label(left, y + 4, f"and {len(dated) - MAX_CHANGE_ROWS} more dated changes", size=11))
        y += 20
    return parts, y


def _count_axis(left: float, y: float, height: float, top: int) -> list[str]:
    """The establishment bars' y-axis: a line from 0 to the tallest count, ticked at 0, half and top."""
    parts = [svg.rule(left - 2, y, left - 2, y + height)]
    for count in sorted({0, top // 2, top}):
        tick = y + height - height * count / top
        parts += [svg.rule(left - 6, tick, left - 2, tick), svg.label(left - 9, tick + 4, count, "end", size=11)]
    return parts


def _undated_lines(panel: Panel) -> list[str]:
    """ "suspended, date not given: Israel" per kind, and the establishments without a date."""
    lines = []
    for kind in CHANGE_KINDS:
        names = [c.partner for c in panel.changes if c.kind == kind and c.date is None]
        if names:
            more = f" and {len(names) - MAX_NAMES} more" if len(names) > MAX_NAMES else ""
            lines.append(f"{kind}, date not given: {', '.join(names[:MAX_NAMES])}{more}")
    if panel.undated:
        lines.append(f"established, no readable date: {panel.undated}")
    return lines


def _decade_words(panel: Panel, count: Counter[int], decades: list[int]) -> str:
    """ "Mali: 1960s: 67, 1970s: 20; 2 with no readable date." """
    shown = ", ".join(f"{decade}s: {count.get(decade, 0)}" for decade in decades) or "no dated relations"
    undated = f"; {panel.undated} with no readable date" if panel.undated else ""
    return f"{panel.heading}: {shown}{undated}."


def _timeline_words(panel: Panel) -> str:
    """One panel in words: how many established and when, then each change."""
    total = sum(panel.established.values())
    if total:
        year, most = _most(panel.established)
        first, last = min(panel.established), max(panel.established)
        words = f"{panel.heading}: {total} established between {first} and {last}, most in {year} ({most})"
    else:
        words = f"{panel.heading}: none established with a readable date"
    if panel.undated:
        words += f"; {panel.undated} with no readable date"
    for kind in CHANGE_KINDS:
        named = [f"{c.partner} ({c.date or 'date not given'})" for c in panel.changes if c.kind == kind]
        if named:
            words += f"; {kind}: {', '.join(named[:MAX_CHANGE_ROWS])}"
    return words + "."


def _panel(heading: str, relations: list[dict[str, Any]], changes: list[Change]) -> Panel:
    years = [_year(row["established"]) for row in relations if row["established"] is not None]
    return Panel(heading, Counter(years), len(relations) - len(years), changes)


def _most(years: Counter[int]) -> tuple[int, int]:
    """The year with the most establishments (the earliest of equals), and how many."""
    return max(years.items(), key=lambda item: (item[1], -item[0]))


def _dated(panel: Panel) -> list[Change]:
    return sorted((c for c in panel.changes if c.date is not None), key=lambda c: (c.date, c.partner))


def _decades(years: Counter[int]) -> Counter[int]:
    out: Counter[int] = Counter()
    for year, n in years.items():
        out[year // 10 * 10] += n
    return out


def _span(values: list[int], step: int) -> list[int]:
    """Every multiple of `step` from the smallest value to the largest (none when empty)."""
    return list(range(min(values), max(values) + 1, step)) if values else []


def _year(date: str) -> int:
    return int(date[:4])


def _fraction(date: str) -> float:
    """A partial ISO date as a year with a fraction: 2024-08-04 -> about 2024.59."""
    parts = [int(part) for part in date.split("-")] + [1, 1]
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 1) / 372


def _pair(row: dict[str, Any]) -> tuple[str, str]:
    """Subject and partner as both relations tables name them: by ISO code when known."""
    return (row["subject_iso3"], row["partner_iso3"] or row["partner"])


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Those columns of a table's rows as dicts, nulls as None (found a column at a time)."""
    values = [frame[name].to_numpy(dtype=object, na_value=None).tolist() for name in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
