"""The data-quality report: reports/quality.md for people, reports/quality.json for machines."""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from pipeline.markdown import code, text
from pipeline.validate.findings import CHECKS, Finding, counts, rows

MESSAGE_CAP = 500  # characters of a finding's message or acknowledgement shown


def headline(findings: list[Finding]) -> str:
    """The one line a person can act on."""
    n = counts(findings)
    verdict = (
        "the build fails until they are fixed or acknowledged in checks/acknowledged.toml"
        if n["error"]
        else "nothing blocks publication"
    )
    return (
        f"Data quality: {n['error']} errors, {n['warning']} warnings, {n['info']} notes, "
        f"{n['acknowledged']} acknowledged source problems; {verdict}."
    )


def markdown(findings: list[Finding]) -> str:
    """Counts by severity, then each finding grouped by check (errors first); what the
    findings quote from seeds goes through pipeline/markdown."""
    n = counts(findings)
    lines = [
        headline(findings),
        "",
        "# Data-quality report",
        "",
        "| severity | findings |",
        "|---|---|",
        *(f"| {name} | {n[name]} |" for name in ("error", "warning", "info", "acknowledged")),
        "",
    ]
    order = {"error": 0, "warning": 1, "info": 2}
    by_check = sorted(findings, key=lambda f: (order[f.severity], f.check, f.sort_key()))
    for check, group in groupby(by_check, key=lambda f: f.check):
        items = list(group)
        severity, meaning = CHECKS[check]
        lines += [f"## {check} ({severity}, {len(items)})", "", f"{meaning[0].upper()}{meaning[1:]}.", ""]
        for item in items:
            where = " ".join(x for x in (item.resource, item.row_key, item.field and f"[{item.field}]") if x)
            mark = f" (acknowledged: {text(item.acknowledgement or '', MESSAGE_CAP)})" if item.acknowledged else ""
            lines.append(f"- {code(where)}: {text(item.message, MESSAGE_CAP)}{mark}")
        lines.append("")
    return "\n".join(lines)


def write_reports(findings: list[Finding], folder: Path) -> list[Path]:
    """Write quality.md and quality.json into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    md, js = folder / "quality.md", folder / "quality.json"
    md.write_text(markdown(findings), encoding="utf-8")
    summary = {"headline": headline(findings), "counts": counts(findings), "findings": rows(findings)}
    js.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [md, js]
