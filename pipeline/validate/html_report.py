"""reports/quality.html: the quality report as one page a maintainer opens offline.

Generated from the same findings as quality.md. Self-contained: its style and its picture
(quality.svg) are inline, it loads nothing (no script, stylesheet, image or font from a
network), and every value is HTML-escaped (`pipeline.svg.escaped`), so a finding quoting
`<script>` from a seed shows as text. Great Expectations' Data Docs, which need the network
for their tables and icons, stay for the expectation-by-expectation detail.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.svg import escaped
from pipeline.validate.findings import CHECKS, Finding, counts
from pipeline.validate.summary import MESSAGE_CAP, by_check, headline, tally

VALUE_CAP = 200  # characters of a finding's value shown
STYLE = """
body { font-family: DejaVu Sans, Verdana, Arial, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em;
       color: #222; line-height: 1.4; }
.headline { font-size: 1.1em; font-weight: bold; padding: .6em .8em; border-left: .4em solid #4c78a8;
            background: #f3f6fa; }
.headline.failing { border-color: #e45756; background: #fdf0f0; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.value { font-family: DejaVu Sans Mono, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
tr.acknowledged { color: #666; }
.error { color: #b3261e; } .warning { color: #a15c00; } .info { color: #2f5d8a; }
figure { margin: 1em 0; } svg { max-width: 100%; height: auto; }
"""


def page_lines(findings: list[Finding], picture: str) -> Iterator[str]:
    """The whole HTML page, a line at a time (a large corpus's report is never held whole):
    headline, counts, picture, then each check's findings; the lines joined by "\\n"."""
    n = counts(findings)
    failing = " failing" if n["error"] else ""
    yield from [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><title>Data-quality report</title>',
        f"<style>{STYLE}</style></head>",
        "<body>",
        f'<p class="headline{failing}">{escaped(headline(findings), 1000)}</p>',
        "<h1>Data-quality report</h1>",
        "<table><tr><th>severity</th><th>findings</th></tr>",
        *(f"<tr><td>{name}</td><td>{n[name]}</td></tr>" for name in ("error", "warning", "info", "acknowledged")),
        "</table>",
        f"<figure>{picture}</figure>",
    ]
    for check, items in by_check(findings):
        yield from _check_section(check, items)
    yield from ["</body>", "</html>", ""]


def _check_section(check: str, items: list[Finding]) -> Iterator[str]:
    """One check: its name, severity and meaning, then a table row per finding."""
    severity, meaning = CHECKS[check]
    yield f'<h2 id="{escaped(check)}">{escaped(check)} <span class="{severity}">({tally(severity, items)})</span></h2>'
    yield f"<p>{escaped(meaning[0].upper() + meaning[1:], 1000)}.</p>"
    yield "<table><tr><th>table</th><th>row</th><th>field</th><th>value</th><th>message</th><th>acknowledged</th></tr>"
    yield from (_row(item) for item in items)
    yield "</table>"


def _row(item: Finding) -> str:
    """A finding as a table row; every value escaped and capped."""
    cells = [
        f"<td>{escaped(item.resource)}</td>",
        f"<td>{escaped(item.row_key or '')}</td>",
        f"<td>{escaped(item.field or '')}</td>",
        f'<td class="value">{escaped(item.value or "", VALUE_CAP)}</td>',
        f"<td>{escaped(item.message, MESSAGE_CAP)}</td>",
        f"<td>{escaped(item.acknowledgement or '', MESSAGE_CAP) if item.acknowledged else ''}</td>",
    ]
    opening = '<tr class="acknowledged">' if item.acknowledged else "<tr>"
    return opening + "".join(cells) + "</tr>"
