"""A column's values read at once are what a loop over the column reads, cell by cell."""

import pandas as pd

from pipeline.columns import distinct, values


def test_text_cells_are_the_strings_and_a_missing_cell_is_na_as_iterating_gives():
    column = pd.Series(["Mali", None, "Niger", ""], dtype="string")
    read = values(column)
    assert read[0] == "Mali" and read[2] == "Niger" and read[3] == ""
    assert read[1] is pd.NA
    assert [type(cell) for cell in read] == [str, type(pd.NA), str, str]
    assert [cell is pd.NA or cell for cell in read] == [cell is pd.NA or cell for cell in column]


def test_whole_numbers_are_python_ints_and_a_missing_one_is_na():
    read = values(pd.Series([1962, None, -3], dtype="Int64"))
    assert read[0] == 1962 and read[2] == -3 and read[1] is pd.NA
    assert type(read[0]) is int


def test_an_index_reads_as_its_labels():
    assert values(pd.Index([4, 7])) == [4, 7]


def test_distinct_leaves_out_missing_cells():
    assert distinct(pd.Series(["MLI", None, "NER", "MLI"], dtype="string")) == {"MLI", "NER"}
    assert distinct(pd.Series([None], dtype="string")) == set()
