"""Each subject's independence: the earliest date its diplomatic relations can have.

`independence.csv` (shipped inside the package) has one row per ISO 3166-1 country that the CIA
World Factbook describes (238 of the 249 in `pipeline/clean/demonyms.csv`). `independence_raw` is
the Factbook's "Government: Independence" field as written (The World Factbook, Central
Intelligence Agency, https://www.cia.gov/the-world-factbook/; public domain, a work of the U.S.
government; read from the factbook/factbook.json mirror, https://github.com/factbook/factbook.json,
commit 8662a8b of 17 May 2026). `independence` is the earliest date that field names, at its
precision (YYYY, YYYY-MM or YYYY-MM-DD; "notable earlier dates" count, so a state the Factbook
traces back is not bounded by its latest regime: Russia 1157, not 1991). It is empty where the
field names no date of the Common Era: a territory ("none"), or only dates B.C. (China, Iran,
Japan, Ethiopia); such a subject's dates are not checked against one (`unchecked_independence`).

One row departs from the Factbook, and its `source` says so: Mali's is the Mali Federation's
independence from France (20 June 1960), from which the article dates relations (France,
20 August 1960), not the Republic's proclamation (22 September 1960).

Spot-checked by hand against the Gleditsch & Ward list of independent states (1999, revised):
the same day for Senegal, Niger, Togo, Cameroon, Brazil, India, Pakistan, Israel, South Sudan,
Belgium, Ireland, South Africa, Saudi Arabia, Egypt and Bangladesh; Greece (Factbook 1830-02-03,
G&W 1828-04-25), Estonia (1918-02-24, 1918-11-11) and Afghanistan (1919-08-19, 1919-05-01) differ
by the event each source counts. Known limit: where an article dates relations with a
predecessor the Factbook does not name (the Ottoman Empire before Turkey's 1923, Hejaz and Nejd
before Saudi Arabia's 1932), those rows are reported `date_out_of_range`: correct the row here,
citing a source in `source`, or acknowledge them. A correction is a one-line change to the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from importlib import resources

TABLE = resources.files(__package__) / "independence.csv"
WHERE = "pipeline/validate/independence.csv"  # how messages name the table


@cache
def independence_dates() -> dict[str, dt.date | None]:
    """ISO alpha-3 -> the first day of the subject's independence (None: no date known)."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: first_day(row["independence"]) for row in csv.DictReader(handle)}


def first_day(value: str) -> dt.date | None:
    """The first day an ISO 8601 date of any precision can mean ("1960" -> 1960-01-01); None when empty."""
    if not value:
        return None
    year, month, day = [*value.split("-"), "1", "1"][:3]
    return dt.date(int(year), int(month), int(day))
