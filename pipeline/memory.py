"""Memory the build's process has freed given back to the system, where the C library allows it."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


def give_back_freed_memory() -> None:
    """The free memory of the C allocator's heaps returned to the system (glibc's `malloc_trim`;
    nothing elsewhere). Freed objects larger than Python's small-object allocator takes (512
    bytes: the rows' dicts of a document, pickled back from a worker or turned into frames)
    leave holes in those heaps that the allocator keeps mapped: on 300 generated articles, 60 of
    the 406 MiB the build's process held once its tables were made. Tens of milliseconds."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where there is none (another C library, another system)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
