"""reports/quality.html and quality.svg: made from the same findings as quality.md, linked from
it, self-contained (nothing loaded from elsewhere) and with every value escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from pipeline.validate.findings import finding

SCRIPT = "<script>alert(1)</script>"
SVG = "{http://www.w3.org/2000/svg}"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def findings():
    hostile = finding(
        "unknown_date",
        "diplomatic_relations",
        "MLI/1",
        "established_raw",
        SCRIPT,
        'Unknown <img src=x onerror="alert(2)">',
    )
    known = replace(
        finding("unknown_date", "diplomatic_relations", "MLI/2", "established_raw", "Unknown", "Unknown date"),
        acknowledged=True,
        acknowledgement="Kept & <b>explained</b>",
    )
    duplicate = finding("duplicate_row_number", "diplomatic_relations", "MLI/3", "row_number", "124", "124 twice")
    dead = finding("dead_url_archived", "article_references", ":7", "url", "http://example.org/x", "dead, archived")
    return [hostile, known, duplicate, dead]


def written(tmp_path: Path) -> Path:
    from pipeline.validate.report import write_reports

    write_reports(findings(), tmp_path)
    return tmp_path


def test_every_value_is_escaped(tmp_path: Path):
    page = (written(tmp_path) / "quality.html").read_text(encoding="utf-8")
    parsed = Tags()
    parsed.feed(page)
    assert not [tag for tag, _ in parsed.tags if tag in {"script", "img", "b", "iframe", "object"}]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Unknown &lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert "Kept &amp; &lt;b&gt;explained&lt;/b&gt;" in page
    assert SCRIPT in parsed.text and "Kept & <b>explained</b>" in parsed.text  # shown as text


def test_the_page_loads_nothing_from_elsewhere(tmp_path: Path):
    page = (written(tmp_path) / "quality.html").read_text(encoding="utf-8")
    parsed = Tags()
    parsed.feed(page)
    links = [
        value
        for _, attrs in parsed.tags
        for name, value in attrs.items()
        if name in {"src", "href", "xlink:href", "action"}
    ]
    assert not [link for link in links if re.match(r"\s*(https?:)?//", link or "", re.IGNORECASE)]
    assert not [tag for tag, _ in parsed.tags if tag in {"link", "script", "img", "iframe"}]
    assert "@import" not in page and "url(" not in page
    assert [tag for tag, _ in parsed.tags].count("svg") == 1  # the picture, inline


def test_the_page_and_the_markdown_report_come_from_the_same_findings(tmp_path: Path):
    folder = written(tmp_path)
    page = (folder / "quality.html").read_text(encoding="utf-8")
    markdown = (folder / "quality.md").read_text(encoding="utf-8")
    headline = "Data quality: 1 errors, 1 warnings, 1 notes, 1 acknowledged source problems; the build fails until they are fixed or acknowledged in checks/acknowledged.toml."
    assert markdown.split("\n")[0] == headline
    assert f'<p class="headline failing">{headline}</p>' in page
    # the checks in the report's order: errors, warnings, notes
    assert re.findall(r'<h2 id="([a-z_]+)"', page) == ["duplicate_row_number", "unknown_date", "dead_url_archived"]
    assert re.findall(r"^## ([a-z_]+)", markdown, re.MULTILINE) == [
        "duplicate_row_number",
        "unknown_date",
        "dead_url_archived",
    ]
    assert "[quality.html](quality.html)" in markdown


def test_the_picture_counts_findings_by_check_and_severity(tmp_path: Path):
    folder = written(tmp_path)
    alt = (
        "Bar chart: findings by check and severity. duplicate_row_number (error): 1; "
        "unknown_date (warning): 2, 1 acknowledged; dead_url_archived (info): 1."
    )
    assert f"![{alt}](quality.svg)" in (folder / "quality.md").read_text(encoding="utf-8")
    picture = (folder / "quality.svg").read_text(encoding="utf-8")
    assert f"<desc>{alt}</desc>" in picture
    # a bar per check and severity, the acknowledged part apart (the legend's squares have no tooltip)
    bars = [title.text for title in ET.fromstring(picture).iter(f"{SVG}title")][1:]
    assert bars == ["1 error", "1 warning", "1 acknowledged", "1 info"]


def test_the_report_folder_is_ours_with_its_page_and_picture(tmp_path: Path):
    from pipeline.outputs import REPORT, mark, reports_owned

    folder = written(tmp_path)
    (folder / "data_docs").mkdir()
    assert reports_owned(folder) == "data_docs"  # no marker: not proven ours, whatever its files are called
    mark(folder, REPORT)
    assert reports_owned(folder) is None
    (folder / "notes.html").write_text("mine", encoding="utf-8")
    assert reports_owned(folder) == "notes.html"


def test_a_checks_heading_says_how_many_of_its_findings_are_acknowledged(tmp_path: Path):
    acknowledged = [
        replace(
            finding("duplicate_row_number", "diplomatic_relations", f"MLI/{n}", "row_number", "9", "9 twice"),
            acknowledged=True,
            acknowledgement="known",
        )
        for n in (1, 2)
    ]
    folder = written(tmp_path)  # unknown_date: 2 findings, 1 acknowledged; the others none
    markdown = (folder / "quality.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (.*)$", markdown, re.MULTILINE) == [
        "duplicate_row_number (error, 1)",
        "unknown_date (warning, 2, 1 acknowledged)",
        "dead_url_archived (info, 1)",
    ]
    from pipeline.validate.report import markdown as report

    headings = re.findall(r"^## (.*)$", report(acknowledged), re.MULTILINE)
    assert headings == ["duplicate_row_number (error, 2, all acknowledged)"]
    assert report(acknowledged).startswith("Data quality: 0 errors")
    page = (folder / "quality.html").read_text(encoding="utf-8")
    assert '<span class="warning">(warning, 2, 1 acknowledged)</span>' in page
