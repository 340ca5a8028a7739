"""The family of articles the tool reads, known by their titles: one prefix per wiki language,
data rather than code. Another language is added here (or given with `snapshot --family`); the
build reads the subject country from English titles only."""

from __future__ import annotations

FAMILY_PREFIXES = {"en": "Foreign relations of "}
FAMILY_PREFIX = FAMILY_PREFIXES["en"]  # "Foreign relations of <country>": the subject after it
