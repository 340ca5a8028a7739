"""The build's time, from SOURCE_DATE_EPOCH (reproducible builds), never the clock: read by the
date checks (the latest date a source may give) and by the package (its creation time)."""

from __future__ import annotations

import os

import pandas as pd

from pipeline.errors import InputError

_LAST_SECOND = 253_402_300_799  # 9999-12-31T23:59:59Z: larger values are not a date ISO 8601 can write


def source_date_epoch() -> pd.Timestamp | None:
    """The build's SOURCE_DATE_EPOCH as a UTC time; None when unset. A malformed value stops the
    build, as the reproducible-builds specification asks: a wrong date would be published."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return None
    if not (epoch.isascii() and epoch.isdigit() and int(epoch) <= _LAST_SECOND):
        raise InputError(
            "SOURCE_DATE_EPOCH",
            "",
            f"{epoch[:40]!r} is not a whole number of seconds since 1970-01-01 (up to year 9999)",
            "unset it, or set it to e.g. $(git log -1 --format=%ct)",
        )
    return pd.Timestamp(int(epoch), unit="s", tz="UTC")
