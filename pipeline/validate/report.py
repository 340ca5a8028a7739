"""The data-quality report: reports/quality.md for people, with its picture (quality.svg) and
the same as one self-contained page (quality.html), and reports/quality.json for machines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline import json_text, svg
from pipeline.files import file_writer, write_file
from pipeline.markdown import code, text
from pipeline.outputs import REPORT_FILES
from pipeline.validate.findings import CHECKS, Finding, counts, each_row
from pipeline.validate.html_report import page_lines
from pipeline.validate.summary import MESSAGE_CAP, ORDER, by_check, headline, tally


def markdown(findings: list[Finding]) -> str:
    """Counts by severity, then each finding grouped by check (errors first); what the
    findings quote from seeds goes through pipeline/markdown."""
    return "\n".join(markdown_lines(findings))


def markdown_lines(findings: list[Finding]) -> Iterator[str]:
    """The lines of `markdown`, one at a time (a large corpus's report is never held whole)."""
    n = counts(findings)
    yield from [
        headline(findings),
        "",
        "# Data-quality report",
        "",
        "| severity | findings |",
        "|---|---|",
        *(f"| {name} | {n[name]} |" for name in ("error", "warning", "info", "acknowledged")),
        "",
        "The same report as one page that opens offline, with every value shown: [quality.html](quality.html).",
        "",
        f"![{text(picture_alt(findings), 4000)}](quality.svg)",
        "",
    ]
    for check, items in by_check(findings):
        severity, meaning = CHECKS[check]
        yield from [f"## {check} ({tally(severity, items)})", "", f"{meaning[0].upper()}{meaning[1:]}.", ""]
        for item in items:
            where = " ".join(x for x in (item.resource, item.row_key, item.field and f"[{item.field}]") if x)
            mark = f" (acknowledged: {text(item.acknowledgement or '', MESSAGE_CAP)})" if item.acknowledged else ""
            yield f"- {code(where)}: {text(item.message, MESSAGE_CAP)}{mark}"
        yield ""


def picture_alt(findings: list[Finding]) -> str:
    """The picture in words: each check's findings, and how many are acknowledged."""
    parts = []
    for check, items in by_check(findings):
        acknowledged = sum(f.acknowledged for f in items)
        parts.append(
            f"{check} ({CHECKS[check][0]}): {len(items)}" + (f", {acknowledged} acknowledged" if acknowledged else "")
        )
    return "Bar chart: findings by check and severity. " + ("; ".join(parts) or "No findings") + "."


def picture(findings: list[Finding]) -> str:
    """quality.svg: a bar per check, coloured by severity, its acknowledged part grey."""
    groups = by_check(findings)
    left = 24 + max((svg.text_width(check) for check, _ in groups), default=0)
    width, row = 760.0, 22.0
    most = max((len(items) for _, items in groups), default=1)
    scale = (width - left - 150) / most
    body = [svg.label(12, 22, "Findings by check and severity", size=14, bold=True)]
    body += svg.legend(12, 44, [(name, svg.COLOURS[name]) for name in (*ORDER, "acknowledged")])
    y = 60.0
    for check, items in groups:
        severity, acknowledged = CHECKS[check][0], sum(f.acknowledged for f in items)
        open_count = len(items) - acknowledged
        body.append(svg.label(left - 8, y + 15, check, "end"))
        if open_count:
            body.append(svg.bar(left, y + 4, scale * open_count, 14, svg.COLOURS[severity], f"{open_count} {severity}"))
        if acknowledged:
            grey, x = svg.COLOURS["acknowledged"], left + scale * open_count
            body.append(svg.bar(x, y + 4, scale * acknowledged, 14, grey, f"{acknowledged} acknowledged"))
        note = f" ({acknowledged} acknowledged)" if acknowledged else ""
        body.append(svg.label(left + scale * len(items) + 6, y + 15, f"{len(items)}{note}"))
        y += row
    if not groups:
        body.append(svg.label(12, y + 15, "No findings."))
        y += row
    return svg.document(width, y + 12, "Findings by check and severity", picture_alt(findings), body)


def write_reports(findings: list[Finding], folder: Path) -> list[Path]:
    """Write quality.md, its picture quality.svg, quality.html and quality.json into `folder`,
    each whole to a temporary file then renamed (a failure leaves the previous one whole)."""
    folder.mkdir(parents=True, exist_ok=True)
    md, js, drawn, html = (folder / name for name in REPORT_FILES)
    write_lines(md, markdown_lines(findings))
    summary = {"headline": headline(findings), "counts": counts(findings), "findings": each_row(findings)}
    with file_writer(js) as file:  # streamed: a large corpus's report is never held as one text
        json_text.dump(summary, file, indent=1)
        file.write("\n")
    figure = picture(findings)
    write_file(drawn, figure)
    write_lines(html, page_lines(findings, figure))
    return [md, js, drawn, html]


def write_lines(path: Path, lines: Iterable[str], batch: int = 1000) -> None:
    """`write_file(path, "\\n".join(lines))`, written `batch` lines at a time."""
    with file_writer(path) as file:
        pending: list[str] = []
        joiner = ""
        for line in lines:
            pending.append(line)
            if len(pending) >= batch:
                file.write(joiner + "\n".join(pending))
                pending.clear()
                joiner = "\n"
        if pending:
            file.write(joiner + "\n".join(pending))
