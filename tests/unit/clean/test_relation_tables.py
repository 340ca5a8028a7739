"""Relations tables written the ways other articles of the family write them: other words for
the columns, a one-line header, a caption, header attributes, no "#" column, a bilateral
section split by continent with fewer columns; and a table the rules cannot read is refused
with its place, never dropped."""

from __future__ import annotations

import pytest

from pipeline.clean.relation_tables import role
from pipeline.errors import InputError
from tests.helpers.articles import cleaned

NIGER = """Niger is in Africa.

==Diplomatic relations==
{| class="wikitable sortable"
|+ Countries with which Niger maintains relations
! # !! Country !! Date of establishment
|-
| 1 || {{flag|France}} || {{dts|3 August 1960}}
|-
| 2 || {{flag|Ghana}} || {{dts|12 October 1960}}
|}

==Bilateral relations==
===Africa===
{| class="wikitable"
! style="width:15%;" | Country !! Formal relations began !! Notes
|-
| {{flag|Chad}} || 15 January 1962 || Both countries are members of the African Union.
|}

===Americas===
{| class="wikitable"
|-
! Country
! Date established
|-
| {{flag|Brazil}}
| 1961
|}

[[Category:Foreign relations of Niger| ]]
"""


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("#", "number"),
        ("No.", "number"),
        ("Country", "country"),
        ("State", "country"),
        ("Date", "date"),
        ("Date of establishment", "date"),
        ("Date established", "date"),
        ("Established", "date"),
        ("Formal Relations Began", "date"),
        ("formal relations began", "date"),
        ("Date of recognition", "date"),
        ("Notes", "notes"),
        ("Population", None),
    ],
)
def test_header_words_and_their_roles(label, expected):
    assert role(label) == expected


def test_other_words_one_line_headers_captions_and_continents_are_read(tmp_path):
    tables = cleaned(tmp_path, NIGER.replace("Niger is", "{{short description|none}}\nNiger is"))
    listing = tables["diplomatic_relations"]
    assert list(listing["relation_id"]) == ["NER/relation/FRA", "NER/relation/GHA"]
    assert list(listing["row_number"]) == [1, 2]
    assert list(listing["established"]) == ["1960-08-03", "1960-10-12"]
    bilateral = tables["bilateral_relations"]
    assert list(bilateral["partner"]) == ["Chad", "Brazil"]  # Africa, then Americas, in document order
    assert list(bilateral["established"]) == ["1962-01-15", "1961"]
    assert list(bilateral["established_precision"]) == ["day", "year"]
    assert list(bilateral["notes"].fillna("")) == ["Both countries are members of the African Union.", ""]


def test_a_list_without_a_number_column_has_no_row_numbers(tmp_path):
    text = NIGER.replace("! # !! Country !! Date of establishment", "! Country !! Established")
    text = text.replace("| 1 || ", "| ").replace("| 2 || ", "| ")
    listing = cleaned(tmp_path, text)["diplomatic_relations"]
    assert list(listing["partner"]) == ["France", "Ghana"]
    assert list(listing["row_number"].isna()) == [True, True]
    assert list(listing["row_number_raw"].fillna("")) == ["", ""]


def test_a_column_whose_header_no_rule_knows_is_read_by_its_cells(tmp_path):
    text = NIGER.replace("! Country\n! Date established", "! Partner state\n! Since when")
    bilateral = cleaned(tmp_path, text)["bilateral_relations"]
    assert list(bilateral["partner"]) == ["Chad", "Brazil"]
    assert list(bilateral["established"]) == ["1962-01-15", "1961"]


NO_DATES = NIGER.replace(
    """===Americas===
{| class="wikitable"
|-
! Country
! Date established
|-
| {{flag|Brazil}}
| 1961
|}""",
    """===Americas===
{| class="wikitable"
|-
! Country
! Embassy
|-
| {{flag|Brazil}}
| Brasília
|-
| {{flag|Cuba}}
| none
|}""",
)


def test_a_relations_table_without_a_date_column_is_kept_unread_and_the_rest_is_read(tmp_path):
    from pipeline.validate.reading_checks import unread_tables

    tables = cleaned(tmp_path, NO_DATES)
    assert list(tables["diplomatic_relations"]["partner"]) == ["France", "Ghana"]  # the other tables still read
    assert list(tables["bilateral_relations"]["partner"]) == ["Chad"]
    unread = tables["unread_rows"]
    assert list(unread["unread_id"]) == ["NER/unread/3/1", "NER/unread/3/2"]
    assert list(unread["row_raw"]) == ["|-\n| {{flag|Brazil}}\n| Brasília", "|-\n| {{flag|Cuba}}\n| none"]
    assert list(unread["section"]) == ["Americas", "Americas"]
    assert list(unread["header_labels"]) == ["Country | Embassy"] * 2
    assert set(unread["reason"]) == {"no date column found"}
    start, end = int(unread["source_start"].iloc[0]), int(unread["source_end"].iloc[0])
    assert NO_DATES.encode()[start:end].decode() == "|-\n| {{flag|Brazil}}\n| Brasília"
    (found,) = unread_tables(tables)
    assert (found.check, found.severity, found.row_key) == ("unread_table", "error", "NER/unread/3/1")
    assert "table 3 in section 'Americas' (columns: Country | Embassy): no date column found; 2 row(s)" in found.message


def test_a_row_with_a_cell_missing_is_kept_unread_with_its_place(tmp_path):
    text = NIGER.replace("| 2 || {{flag|Ghana}} || {{dts|12 October 1960}}", "| 2 || {{flag|Ghana}}")
    tables = cleaned(tmp_path, text)
    assert list(tables["diplomatic_relations"]["partner"]) == ["France"]
    (row,) = tables["unread_rows"].to_dict("records")
    assert (row["unread_id"], row["row_raw"]) == ("NER/unread/1/2", "|-\n| 2 || {{flag|Ghana}}")
    assert row["reason"] == "the row has 2 cells, which do not fill the table's 3 columns"


SPANS = """{{short description|none}}
Norway is in Europe.

==Diplomatic relations==
{| class="wikitable"
! colspan="3" |[[File:Diplomatic relations of Norway.svg|frameless]]
|-
! # !! Country !! Date
|-
| 1 || {{flag|Sweden}}
| rowspan="2" |{{dts|1905|10|26}}
|-
| 2 || {{flag|Denmark}}
|-
| colspan="2" |{{flagicon|Kosovo}} [[Kosovo]]
| {{dts|28 March 2008}}
|-
| 3 || {{flag|Finland}} || 1917
|}

[[Category:Foreign relations of Norway| ]]
"""


def test_a_date_spanning_two_rows_is_each_partners_and_a_cell_spanning_columns_is_the_last(tmp_path):
    listing = cleaned(tmp_path, SPANS)["diplomatic_relations"]
    assert list(listing["partner"]) == ["Sweden", "Denmark", "Kosovo", "Finland"]
    assert list(listing["established"]) == ["1905-10-26", "1905-10-26", "2008-03-28", "1917"]
    assert list(listing["row_number"].astype("string").fillna("")) == ["1", "2", "", "3"]
    assert list(listing["established_raw"])[:2] == ["{{dts|1905|10|26}}", "{{dts|1905|10|26}}"]


def test_cells_that_do_not_fill_the_columns_are_kept_unread(tmp_path):
    text = SPANS.replace('| rowspan="2" |{{dts|1905|10|26}}', "| {{dts|1905|10|26}}")  # Denmark now lacks a date
    tables = cleaned(tmp_path, text)
    assert list(tables["diplomatic_relations"]["partner"]) == ["Sweden", "Kosovo", "Finland"]
    assert list(tables["unread_rows"]["unread_id"]) == ["NOR/unread/1/2"]


@pytest.mark.parametrize(
    ("cell", "partner", "iso3", "status"),
    [
        ("{{flag|BRA}}", "Brazil", "BRA", "active"),  # an ISO code as the flag's argument
        ("{{flag|GER}}", "Germany", "DEU", "active"),  # an IOC code there
        ("{{flag|Libya|1977}}", "Libya", "LBY", "active"),  # a year variant of the flag
        ("{{flagicon|Ghana}} [[Ghana]]", "Ghana", "GHA", "active"),
        ("[[People's Republic of China|China]]", "People's Republic of China", "CHN", "active"),  # the target
        ("{{sort|Chad|{{flag|Chad}}}}", "Chad", "TCD", "active"),
        # the sort key is not the partner: what the cell shows is
        (
            "{{sort|Congo, Democratic Republic|{{flagu|Democratic Republic of the Congo}}}}",
            "Democratic Republic of the Congo",
            "COD",
            "active",
        ),
        ("{{flag|COD}}", "Democratic Republic of the Congo", "COD", "active"),  # the alias table's name for the code
        ("{{flag|Mali}}{{efn|Relations date from the federation.}}", "Mali", "MLI", "active"),
        ("{{flag|Israel}} (frozen)", "Israel", "ISR", "frozen"),
        ("{{flag|Chad}} (Restored)", "Chad", "TCD", "active"),  # restored: active again
        ("{{flag|Qatar}} (resumed)", "Qatar", "QAT", "active"),
        ("{{flag|Ukraine}} (severed)", "Ukraine", "UKR", "severed"),
    ],
)
def test_country_cells_of_the_family(cell, partner, iso3, status):
    from pipeline.clean.relations import read_partner

    read = read_partner(cell)
    assert (read.name, read.match.iso3, read.status) == (partner, iso3, status)


@pytest.mark.parametrize(
    ("cell", "established", "precision", "qualifier", "latest"),
    [
        ("{{dts|1965|June|3|format=dmy}}", "1965-06-03", "day", None, "1965-06-03"),  # month name, named parameter
        ("{{dts|1965|6|3}}", "1965-06-03", "day", None, "1965-06-03"),
        ("{{Start date|1965|6|3|df=y}}", "1965-06-03", "day", None, "1965-06-03"),
        ("{{start date|1971|2}}", "1971-02", "month", None, "1971-02-28"),
        ("June 3, 1965", "1965-06-03", "day", None, "1965-06-03"),
        ("14 December 1961{{efn|The date of the exchange of notes.}}", "1961-12-14", "day", None, "1961-12-14"),
        ("c. 1962", "1962", "year", "circa", "1962-12-31"),
        ("circa 1962", "1962", "year", "circa", "1962-12-31"),
        ("before 1975", None, "unknown", "before", "1974-12-31"),  # no date: a bound
        ("before the war", None, "unknown", None, None),  # no readable bound: unreadable, kept raw
    ],
)
def test_date_cells_of_the_family(cell, established, precision, qualifier, latest):
    import datetime as dt

    from pipeline.clean.relations import _date_text, established_fields

    fields = established_fields(_date_text(cell))
    expected_latest = dt.date.fromisoformat(latest) if latest else None
    assert (
        fields["established"],
        fields["established_precision"],
        fields["established_qualifier"],
        fields["established_latest"],
    ) == (established, precision, qualifier, expected_latest)


def test_a_date_before_a_bound_is_not_an_unreadable_date(tmp_path):
    from pipeline.validate.date_checks import dates

    text = NIGER.replace("{{dts|12 October 1960}}", "before 1975")
    tables = cleaned(tmp_path, text)
    ghana = tables["diplomatic_relations"].iloc[1]
    assert (ghana["established_qualifier"], str(ghana["established_latest"])) == ("before", "1974-12-31")
    assert [f.check for f in dates(tables, {}, {})] == []


HISTORY = NIGER.replace(
    "| 2 || {{flag|Ghana}} || {{dts|12 October 1960}}",
    "| 2 || {{flag|Israel}} || {{dts|1960|11|7}} (severed 1973, restored 1996, frozen 2002)\n"
    "|-\n| 3 || {{flag|Qatar}} || 14 December 1961<br /><small>(resumed 26 May 2018)</small>\n"
    "|-\n| 4 || {{flag|Libya}} (suspended) || c. 1962",
)


def test_each_change_a_cell_states_is_a_row_and_the_status_follows_the_last(tmp_path):
    tables = cleaned(tmp_path, HISTORY)
    listing = tables["diplomatic_relations"].set_index("partner")
    assert listing.loc[["Israel", "Qatar", "Libya"], "status"].tolist() == ["frozen", "active", "suspended"]
    assert listing.loc[["Israel", "Qatar", "Libya"], "established"].tolist() == ["1960-11-07", "1961-12-14", "1962"]
    assert listing.loc["Libya", "established_qualifier"] == "circa"
    changes = tables["relation_changes"]
    listed = changes[changes["resource"] == "diplomatic_relations"]
    got = [
        (r.row_id, r.sequence, r.change, r.date if isinstance(r.date, str) else None, r.date_precision)
        for r in listed.itertuples()
    ]
    assert got == [
        ("NER/relation/FRA", 1, "established", "1960-08-03", "day"),
        ("NER/relation/ISR", 1, "established", "1960-11-07", "day"),
        ("NER/relation/ISR", 2, "severed", "1973", "year"),
        ("NER/relation/ISR", 3, "restored", "1996", "year"),
        ("NER/relation/ISR", 4, "frozen", "2002", "year"),
        ("NER/relation/QAT", 1, "established", "1961-12-14", "day"),
        ("NER/relation/QAT", 2, "resumed", "2018-05-26", "day"),
        ("NER/relation/LBY", 1, "established", "1962", "year"),
        ("NER/relation/LBY", 2, "suspended", None, "unknown"),  # the word beside the name: undated, last
    ]
    assert changes.set_index("change_id").loc["NER/relation/LBY/change/1", "date_qualifier"] == "circa"


def test_the_seeds_history_rows(tables):
    """Mali: 161 list rows and 34 bilateral rows, each established once; Israel "(suspended)" and
    Ukraine "(severed)" beside their names in the list (undated); the bilateral table's Ukraine
    cell "5 November 1992 Diplomatic Severed in 4 August 2024"."""
    changes = tables["relation_changes"]
    assert (changes["change"] == "established").sum() == 161 + 34
    later = changes[changes["change"] != "established"]
    assert [(r.row_id, r.change, r.date if isinstance(r.date, str) else None) for r in later.itertuples()] == [
        ("MLI/relation/ISR", "suspended", None),
        ("MLI/relation/UKR", "severed", None),
        ("MLI/bilateral/UKR", "severed", "2024-08-04"),
    ]
    bilateral = tables["bilateral_relations"].set_index("partner")
    assert bilateral.loc["Ukraine", "status"] == "severed"
    assert (bilateral["status"] == "active").sum() == 33


def test_a_list_with_a_notes_column_is_read_and_its_notes_kept_as_extra(tmp_path):
    text = NIGER.replace("! # !! Country !! Date of establishment", "! # !! Country !! Date of establishment !! Notes")
    text = text.replace(
        "| 1 || {{flag|France}} || {{dts|3 August 1960}}", "| 1 || {{flag|France}} || {{dts|3 August 1960}} ||"
    )
    text = text.replace("{{dts|12 October 1960}}", "{{dts|12 October 1960}} || Suspended since 2022")
    tables = cleaned(tmp_path, text)
    listing = tables["diplomatic_relations"]
    assert list(listing["partner"]) == ["France", "Ghana"]
    assert list(listing["extra"].fillna("")) == ["", "Notes: Suspended since 2022"]
    assert list(listing["status"]) == ["active", "suspended"]
    changes = tables["relation_changes"]
    assert changes[changes["row_id"] == "NER/relation/GHA"]["date"].tolist() == ["1960-10-12", "2022"]


def test_a_table_without_a_header_is_read_by_its_cells(tmp_path):
    text = NIGER.replace(
        "|+ Countries with which Niger maintains relations\n! # !! Country !! Date of establishment\n", ""
    )
    listing = cleaned(tmp_path, text)["diplomatic_relations"]
    assert list(listing["partner"]) == ["France", "Ghana"]
    assert list(listing["row_number"]) == [1, 2]
    assert list(listing["established"]) == ["1960-08-03", "1960-10-12"]


@pytest.mark.parametrize(
    ("date", "status", "changes"),
    [
        ("1961 (broken off 1973, re-established 1987)", "active", ["severed", "restored"]),
        ("1961 (cut 1973)", "severed", ["severed"]),
        ("1961<br /><small>(Relations downgraded in 1979)</small>", "downgraded", ["downgraded"]),
        ("1961 (froze 1980, resumption 1990)", "active", ["frozen", "resumed"]),
        ("1961 (Suspension 2021)", "suspended", ["suspended"]),
        ("1961 (severance 1970, normalised 1975, ruptured 1980)", "severed", ["severed", "restored", "severed"]),
        ("1961 (annulled 1980)", "active", []),  # no word of the vocabulary: a warning, the date still read
    ],
)
def test_the_status_vocabulary_and_its_inflections(tmp_path, date, status, changes):
    tables = cleaned(tmp_path, NIGER.replace("{{dts|12 October 1960}}", date))
    ghana = tables["diplomatic_relations"].iloc[1]
    assert (ghana["status"], ghana["established"]) == (status, "1961")
    listed = tables["relation_changes"]
    assert listed[listed["row_id"] == "NER/relation/GHA"]["change"].tolist() == ["established", *changes]


def test_every_word_the_schema_documents_is_read_as_its_change():
    from pipeline.clean.relation_changes import change_of
    from pipeline.schema.changes import CHANGES, WORDS

    assert set(WORDS) == set(CHANGES) - {"established"}
    for change, words in WORDS.items():
        for word in words.split(", "):
            assert change_of(word) == change, word
            assert change_of(word.upper()) == change, word


@pytest.mark.parametrize(
    "cell",
    ["[[<", "[[", "[[<]]", "[[|]]", "[[]]", "{{", "{{flag|", "{{flag|}}", "{{sort|", "{{sort|x}}", "<ref>", "]]", "}}"],
)
@pytest.mark.parametrize("column", ["partner", "date"])
def test_a_malformed_link_or_template_in_a_cell_gives_a_row_kept_raw_not_a_crash(tmp_path, cell, column):
    """Issue 24: a partner cell starting `[[<` crashed the reader (IndexError)."""
    before = "{{flag|Ghana}}" if column == "partner" else "{{dts|12 October 1960}}"
    text = NIGER.replace(before, cell)
    try:
        tables = cleaned(tmp_path, text)
    except InputError as error:  # markup that swallows the rest of the article: one line, its place
        assert "never closes" in str(error) or "parse tree" in str(error), str(error)
        return
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.validate.table_checks import table_findings

    listing, unread = tables["diplomatic_relations"], tables["unread_rows"]
    assert len(listing) + len(unread) == 2  # the row is kept, read or unread
    key = listing["relation_id"].iloc[1] if len(listing) == 2 else unread["unread_id"].iloc[0]
    assert key in {found.row_key for found in table_findings(tables, internal_tables([], tables))}  # and a finding names it


@pytest.mark.parametrize(
    ("date", "partner", "asides"),
    [
        ("{{dts|1962}} (annulled 1980)", "{{flag|Chad}}", ["annulled 1980"]),
        ("1962<br /><small>(as the [[Soviet Union]])</small>", "{{flag|Russia}}", ["as the [[Soviet Union]]"]),
        ("1962 (severed 1973)", "{{flag|Chad}} (lapsed)", ["lapsed"]),  # a participle beside the name
        ("1962 (severed 1973)", "[[Republic of the Congo|Congo]] (Brazzaville)", []),  # a place, not a change
        ("1962<ref>(Cited in a book.)</ref>", "{{flag|Chad}}", []),  # references are not asides
        ("1962 (1 March)", "{{flag|Chad}}", []),  # a date, no word
        ("<small>(Relations downgraded in 1975)</small>", "{{flag|Chad}}", []),
    ],
)
def test_asides_the_status_vocabulary_does_not_know(date, partner, asides):
    from pipeline.clean.relations import unknown_status_words

    assert unknown_status_words(date, partner) == asides
