"""The state relations were established with, beside a partner that is its successor."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pycountry
import pytest

from pipeline.clean.successors import established_with, successor_table


@pytest.mark.parametrize(
    ("iso3", "latest", "expected"),
    [
        ("RUS", dt.date(1960, 10, 14), ("Soviet Union", "SUN")),
        ("CZE", dt.date(1960, 10, 17), ("Czechoslovakia", "CSK")),
        ("SRB", dt.date(1960, 11, 4), ("Yugoslavia", "YUG")),  # Serbia <- Serbia and Montenegro <- Yugoslavia
        ("SRB", dt.date(2004, 1, 1), ("Serbia and Montenegro", "SCG")),
        ("SRB", dt.date(2006, 6, 5), (None, None)),  # the day Serbia was formed: Serbia itself
        ("YEM", dt.date(1979, 4, 30), ("Yemen Arab Republic (North Yemen)", "YEM")),
        ("TZA", dt.date(1961, 12, 9), ("Tanganyika", None)),  # no ISO code: Tanganyika predates ISO 3166
        ("RUS", dt.date(1992, 1, 1), (None, None)),
        ("RUS", None, (None, None)),  # no readable date
        ("FRA", dt.date(1960, 8, 20), (None, None)),
        (None, dt.date(1960, 8, 20), (None, None)),
    ],
)
def test_established_with(iso3, latest, expected):
    assert established_with(iso3, latest) == expected


def test_predecessor_codes_are_the_former_states_iso_codes():
    former = {country.alpha_3 for country in pycountry.historic_countries}
    codes = {state.predecessor_iso3 for state in successor_table().values()} - {None}
    assert codes - former == {"YEM", "ETH", "SDN"}  # states whose code lives on
    assert {"YEM", "ETH", "SDN"} <= {country.alpha_3 for country in pycountry.countries}


def test_the_1960_partners_were_other_states(tables):
    def established(name: str, key: str) -> list[tuple[str, str, str]]:
        frame = tables[name][tables[name]["established_with"].notna()]
        return list(zip(frame[key], frame["established_with"], frame["established_with_iso3"].fillna(""), strict=True))

    assert established("diplomatic_relations", "row_number") == [
        ("6", "Soviet Union", "SUN"),
        ("7", "Czechoslovakia", "CSK"),
        ("10", "Democratic Republic of Vietnam (North Vietnam)", "VDR"),
        ("11", "Yugoslavia", "YUG"),
        ("83", "Yemen Arab Republic (North Yemen)", "YEM"),
    ]
    assert established("bilateral_relations", "partner") == [("Russia", "Soviet Union", "SUN")]
    assert pd.isna(tables["diplomatic_relations"].set_index("partner").at["France", "established_with"])
