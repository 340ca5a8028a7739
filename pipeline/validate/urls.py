"""Whether a reference's URL is a well-formed http(s) URL (`document_checks.references`):
most are plain and told by one pattern; the others are read by urllib."""

from __future__ import annotations

import re
from urllib.parse import urlparse


def well_formed(url: str) -> bool:
    """An http(s) URL with a dotted host and no spaces (not one urllib refuses to read: an
    unclosed "[" in the host). Most URLs are plain ones (a scheme, a host of letters, digits,
    dots and hyphens, then a path, query or fragment of printable ASCII): such a URL is well
    formed by `parsed_well_formed` too (tested on generated URLs), without parsing it."""
    return PLAIN_URL.fullmatch(url) is not None or parsed_well_formed(url)


PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]*\.[A-Za-z0-9.-]*(?:[/?#][!-~]*)?")


def parsed_well_formed(url: str) -> bool:
    """`well_formed`, by urllib's reading of the URL."""
    try:
        parsed = urlparse(url)
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in url and "." in parsed.netloc
