"""A table's values as CSV text, by their fields' declared types: the one serialiser of the
package's tables (package stage) and of the cleaned tables (`pipeline clean`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from pipeline.schema import Field


def csv_record(values: Iterable[Any], fields: list[Field]) -> list[str]:
    """One row's values as CSV text: the one serialiser of the package's tables and of `clean`."""
    return [csv_value(value, field.type) for value, field in zip(values, fields, strict=True)]


def csv_value(value: Any, kind: str) -> str:
    """One value as CSV text by its field's type: nulls empty, booleans lower-case, dates ISO."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if kind == "integer":
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
