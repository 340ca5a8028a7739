"""Wikipedia XML dumps (bz2) made by the tests: pages of the family and others, one a redirect."""

from __future__ import annotations

import bz2
from pathlib import Path
from xml.sax.saxutils import escape

HEAD = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.44.0-wmf.1</generator>
    <case>first-letter</case>
    <namespaces><namespace key="0" case="first-letter" /></namespaces>
  </siteinfo>
"""


MALI = "'''Mali''' & [[Niger]] <ref>x</ref>\n== Relations ==\n"


def page(title: str, page_id: int, revision_id: int, text: str, redirect: str | None = None) -> str:
    redirect_tag = f'<redirect title="{escape(redirect)}" />' if redirect else ""
    return f"""  <page>
    <title>{escape(title)}</title>
    <ns>0</ns>
    <id>{page_id}</id>
    {redirect_tag}
    <revision>
      <id>{revision_id}</id>
      <timestamp>2025-05-01T12:00:00Z</timestamp>
      <contributor><username>Someone</username><id>7</id></contributor>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="{len(text.encode())}" xml:space="preserve">{escape(text)}</text>
      <sha1>0</sha1>
    </revision>
  </page>
"""


def make_dump(folder: Path, pages: list[str]) -> Path:
    path = folder / "enwiki-20250601-pages-articles.xml.bz2"
    path.write_bytes(bz2.compress((HEAD + "".join(pages) + "</mediawiki>\n").encode("utf-8")))
    return path


def three_pages(folder: Path) -> Path:
    return make_dump(
        folder,
        [
            page("Economy of Mali", 10, 100, "'''Economy'''"),
            page("Foreign relations of Mali", 11, 111, MALI),
            page("Foreign relations of Niger", 12, 122, "'''Niger''' [[Mali]] [[Chad]]\n== Relations ==\n"),
            page(
                "Mali foreign relations",
                13,
                133,
                "#REDIRECT [[Foreign relations of Mali]]",
                "Foreign relations of Mali",
            ),
        ],
    )
