"""What both forms of the data-quality report say alike (quality.md and quality.html): the
headline, the findings grouped by check, each check's count."""

from __future__ import annotations

from pipeline.validate.findings import CHECKS, Finding, counts

MESSAGE_CAP = 500  # characters of a finding's message or acknowledgement shown
ORDER = {"error": 0, "warning": 1, "info": 2}


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


def tally(severity: str, items: list[Finding]) -> str:
    """A check's heading count: "error, 2", and how many of them are acknowledged ("error, 2, all
    acknowledged"), so a heading never reads as a blocking error the headline does not count."""
    acknowledged = sum(item.acknowledged for item in items)
    if not acknowledged:
        return f"{severity}, {len(items)}"
    return f"{severity}, {len(items)}, {'all' if acknowledged == len(items) else acknowledged} acknowledged"


def by_check(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by check, errors first, then warnings, then notes; checks by name; within
    a check, by `Finding.sort_key` (grouped first: the findings' keys made once, not per check)."""
    groups: dict[str, list[Finding]] = {}
    for item in findings:
        groups.setdefault(item.check, []).append(item)
    ordered = sorted(groups, key=lambda check: (ORDER[CHECKS[check][0]], check))
    return [(check, sorted(groups[check], key=Finding.sort_key)) for check in ordered]
