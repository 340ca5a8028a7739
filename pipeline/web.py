"""Web addresses: the one test of what may become a link or a recorded address (http(s) only)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL = 2000  # characters: longer is not an address anyone links to
_WEB = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)


def is_web_url(value: object) -> bool:
    """Whether `value` is an absolute http(s) URL with a host, printable, without spaces,
    quotes or angle brackets ("javascript:...", "file:...", "//host" and "http://[::1" are not)."""
    if not isinstance(value, str) or len(value) > MAX_URL or not value.isprintable() or not _WEB.fullmatch(value):
        return False
    try:
        parts = urlsplit(value)
        return bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # an unclosed IPv6 bracket, a port that is not a number
        return False


def web_url_or_none(value: object) -> str | None:
    """`value` when it is an http(s) URL, else None."""
    return value if is_web_url(value) else None  # type: ignore[return-value]
