"""Table cells, rows and tables carry the exact character spans they were read from."""

from __future__ import annotations

from pipeline.extract.documents import read_document
from pipeline.extract.linebreaks import restore_line_breaks
from pipeline.extract.wikitables import tables_and_headings
from pipeline.sources import load_sources
from tests.helpers import ARTICLE, SEEDS

TABLE = """Intro {{flag|Mali}}<ref>a</ref>
== Relations ==
{| class="wikitable"
! # !! Country !! Date
|-
| 1 || {{flag|France}} || 1960
|- style="color: red"
| style="text-align: left" | 2
| [[Ghana]]<ref name="g">x</ref>
| {{dts|1 July 1960}}
|}
After.
{|
<tr><td>3</td><td> Togo </td><td>1961</td></tr>
|}
"""


def test_spans_of_cells_rows_and_tables_slice_to_what_they_hold():
    tables, sections = tables_and_headings(TABLE)
    table, html = tables
    assert sections == [("Relations", TABLE.index("== Relations =="))]
    assert table.header == ("#", "Country", "Date")
    assert TABLE[table.start : table.end] == TABLE[TABLE.index("{|") : TABLE.index("|}") + 2]
    assert TABLE[html.start : html.end] == TABLE[TABLE.rindex("{|") : TABLE.rindex("|}") + 2]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["1", "{{flag|France}}", "1960"],
        ["2", '[[Ghana]]<ref name="g">x</ref>', "{{dts|1 July 1960}}"],
    ]
    assert [[cell.text for cell in row.cells] for row in html.rows] == [["3", "Togo", "1961"]]
    for row in (*table.rows, *html.rows):
        for cell in row.cells:
            assert TABLE[cell.start : cell.end] == cell.text
        assert row.start <= row.cells[0].start and row.end == row.cells[-1].end
    assert table.rows[1].attributes == 'style="color: red"'


def test_every_cell_of_the_seed_slices_to_its_text():
    article = next(s for s in load_sources(SEEDS) if s.path == ARTICLE)
    document = read_document(article)
    wikitext = restore_line_breaks(document.body)
    tables, _ = tables_and_headings(wikitext)
    cells = [cell for table in tables for row in table.rows for cell in row.cells]
    assert len(cells) == 161 * 3 + 34 * 3
    assert all(wikitext[cell.start : cell.end] == cell.text for cell in cells)
    assert all(wikitext[t.start : t.end].startswith("{|") and wikitext[t.start : t.end].endswith("|}") for t in tables)


CAPTIONED = """{| class=x
|+ Caption
! A !! B
|-
| rowspan=2 | a || colspan="3" | b<ref>{{cite web|x}}</ref>
|-
| +1 || style=a | +2
|+Late caption
|}
"""


def test_a_caption_is_no_cell_and_spans_are_read_from_a_cells_attributes():
    """`|+` starts a caption (the parser reads it as a cell whose text starts with "+"); `| +1`
    and `| style=a | +2` are cells. The masked reference's cell is read from the article."""
    (table,), _ = tables_and_headings(CAPTIONED)
    assert table.header == ("A", "B")
    cells = [[(cell.text, cell.start, cell.rowspan, cell.colspan) for cell in row.cells] for row in table.rows]
    assert cells == [
        [("a", 48, 2, 1), ("b<ref>{{cite web|x}}</ref>", 67, 1, 3)],
        [("+1", 99, 1, 1), ("+2", 115, 1, 1)],
    ]
    assert CAPTIONED[48] == "a" and CAPTIONED[99:101] == "+1" and CAPTIONED[115:117] == "+2"
