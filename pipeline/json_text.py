"""JSON text as `json.dump(value, file, ensure_ascii=False, indent=N)` writes it, byte for byte,
but each value made by the json module's C encoder: given an `indent`, the json module encodes
in Python, a call for every value and a write for every piece (seconds for the quality report
of a large corpus). Containers are laid out here, one piece for a mapping of plain values (a
finding's row), so a report of a hundred thousand findings is written in a few thousand writes
and never held as one text."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import chain
from json.encoder import encode_basestring
from typing import IO, Any

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # a str, number, bool, None, {} or []
# The values of a report's rows, by their type, without the encoder's method call
_PLAIN: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    bool: {True: "true", False: "false"}.__getitem__,
    type(None): lambda _: "null",
}
_NOT_ITERATORS = {dict, list, tuple, *_PLAIN}  # exactly these types (no subclass): a quicker test than the ABC's
_KEYS = (str, int, float, bool, type(None))  # what json takes as a key (any other: TypeError)
PIECES = 1000  # pieces joined into one write


def dump(value: Any, file: IO[str], indent: int) -> None:
    """`json.dump(value, file, ensure_ascii=False, indent=indent)`, written `PIECES` pieces at a time."""
    batch: list[str] = []
    for piece in pieces(value, indent):
        batch.append(piece)
        if len(batch) >= PIECES:
            file.write("".join(batch))
            batch.clear()
    file.write("".join(batch))


def dumps(value: Any, indent: int) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=indent)`."""
    return "".join(pieces(value, indent))


def pieces(value: Any, indent: int, pad: str = "") -> Iterator[str]:
    """The text of `value`, in order, its first line at `pad`'s depth."""
    if type(value) not in _NOT_ITERATORS and isinstance(value, Iterator):  # a list made as it is written
        first = next(value, _NOTHING)
        value = [] if first is _NOTHING else chain([first], value)
    if isinstance(value, dict) and value:
        inner = pad + " " * indent
        if all(map(_PLAIN.__contains__, map(type, value.values()))):  # a finding's row: by the C encoder
            yield "{\n" + inner + _flat(inner)(value)[1:-1] + "\n" + pad + "}"
            return
        if not any(isinstance(item, (dict, list, tuple, Iterator)) for item in value.values()):
            lines = ",\n".join(f"{inner}{_key(key)}: {_leaf(item)}" for key, item in value.items())
            yield f"{{\n{lines}\n{pad}}}"
            return
        opening = "{\n"
        for key, item in value.items():
            yield f"{opening}{inner}{_key(key)}: "
            yield from pieces(item, indent, inner)
            opening = ",\n"
        yield f"\n{pad}}}"
    elif isinstance(value, (list, tuple, chain)) and value:  # a chain: an iterator known not empty
        inner = pad + " " * indent
        opening = "[\n"
        for item in value:
            yield opening + inner
            yield from pieces(item, indent, inner)
            opening = ",\n"
        yield f"\n{pad}]"
    else:
        yield _leaf(value)


_NOTHING = object()


@lru_cache(maxsize=16)
def _flat(inner: str) -> Callable[[Any], str]:
    """The json module's C encoder of a mapping of plain values, its items laid out as `indent`
    lays them out at depth `inner` (what is left to add: the braces' lines)."""
    return json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",\n" + inner, ": ")).encode


def _leaf(value: Any) -> str:
    """A value that holds no other, as json writes it."""
    return _PLAIN.get(type(value), _ENCODE)(value)


def _key(key: Any) -> str:
    """A mapping's key as json writes it: text; a number, bool or None as the text of its JSON."""
    if type(key) is str:
        return encode_basestring(key)
    if not isinstance(key, _KEYS):
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
    return _ENCODE(_ENCODE(key))
