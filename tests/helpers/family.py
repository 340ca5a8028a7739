"""The family's made-up articles (tests/fixtures/family/) and the rows written by hand for them."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from tests.helpers import FAMILY


@cache
def expected(slug: str) -> dict[str, Any]:
    """The hand-written rows of an article."""
    return tomllib.loads((FAMILY / slug / "expected.toml").read_text(encoding="utf-8"))
