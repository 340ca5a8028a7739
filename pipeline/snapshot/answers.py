"""The MediaWiki API's answers the snapshot reads, their shapes declared once, and the check that
an answer has its shape before any part of it is used.

A wiki may answer anything: a list where an object belongs, a revision id "abc", a title with a
NUL or a terminal escape, JSON nested 200,000 deep. Each answer is parsed (deep nesting refused),
then checked against its declared shape; what does not fit raises WikiAnswerRefused, which says
where ("query.pages[0].revisions[0].revid") and what was found, escaped for the terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.schema import BY_NAME
from pipeline.snapshot.polite import WikiAnswerRefused, WikiUnavailable
from pipeline.snapshot.titles import invalid_reason
from pipeline.web import is_web_url

_TIMESTAMP = re.compile(BY_NAME["sources"].field("revision_timestamp").pattern or "")
_PATH = re.compile(r"/[^\s\"'<>\\`]*")  # what may follow a host in an address the package links to
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Scalar:
    """A value that is not a container: what it must be, in words, and the test."""

    name: str
    accepts: Callable[[Any], bool]


@dataclass(frozen=True)
class ListOf:
    item: Shape


@dataclass(frozen=True)
class Obj:
    """An object with these keys (others are ignored)."""

    required: dict[str, Shape]
    optional: dict[str, Shape] = field(default_factory=dict)


Shape = Scalar | ListOf | Obj


def plain(value: Any) -> bool:
    """A string with no control, zero-width or bidi characters (safe in a terminal and a file)."""
    return isinstance(value, str) and not _CONTROL.search(value)


TEXT = Scalar("text", plain)
ANY_TEXT = Scalar("a string", lambda v: isinstance(v, str))  # an article's wikitext: checked as a document
FLAG = Scalar("true or false", lambda v: isinstance(v, bool) or v == "")
NUMBER = Scalar("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool))
ID = Scalar("a positive whole number", lambda v: NUMBER.accepts(v) and v > 0)
TITLE = Scalar("a valid title", lambda v: isinstance(v, str) and invalid_reason(v) is None)
TIMESTAMP = Scalar("a time as YYYY-MM-DDThh:mm:ssZ", lambda v: isinstance(v, str) and bool(_TIMESTAMP.fullmatch(v)))
SERVER = Scalar(
    "an http(s) address of a host", lambda v: isinstance(v, str) and _is_host(f"https:{v}" if v[:2] == "//" else v)
)
PATH = Scalar('a path starting with "/"', lambda v: plain(v) and bool(_PATH.fullmatch(v)))
CONTINUE = Scalar(  # only keys the API continues with ("continue", "rvcontinue"): never other parameters
    'an object of "...continue" keys with strings or numbers',
    lambda v: isinstance(v, dict) and all(k.endswith("continue") and _carried(x) for k, x in v.items()),
)

ERROR = Obj({"code": TEXT}, {"info": TEXT})
SITEINFO = Obj(
    {
        "query": Obj(
            {"general": Obj({"sitename": TEXT, "server": SERVER, "articlepath": PATH, "script": PATH}, {"lang": TEXT})},
            {"rightsinfo": Obj({}, {"url": TEXT, "text": TEXT})},
        )
    }
)
RENAMED = ListOf(Obj({"from": TITLE, "to": TITLE}))
SLOT = Obj({}, {"contentmodel": TEXT, "content": ANY_TEXT})
REVISION = Obj({"revid": ID, "timestamp": TIMESTAMP}, {"slots": Obj({}, {"main": SLOT}), **SLOT.optional})
PAGE = Obj(
    {"title": TITLE},
    {
        "ns": NUMBER,
        "pageid": ID,
        "missing": FLAG,
        "invalid": FLAG,
        "invalidreason": TEXT,
        "pageprops": Obj({}),
        "revisions": ListOf(REVISION),
    },
)
PAGES = Obj({}, {"query": Obj({}, {"normalized": RENAMED, "redirects": RENAMED, "pages": ListOf(PAGE)})})
MEMBERS = Obj({"query": Obj({"categorymembers": ListOf(Obj({"ns": NUMBER, "title": TITLE}))})})


def read_answer(text: str, shape: Shape) -> dict[str, Any]:
    """The answer parsed and checked against `shape` (and `continue`); an API error or
    anything else is refused with WikiAnswerRefused (an API error: WikiRefusal)."""
    answer = parse(text)
    if not isinstance(answer, dict):
        raise WikiAnswerRefused(f"the wiki's answer is {_shown(answer)}, not a JSON object")
    if "error" in answer:
        check(ERROR, answer["error"], "error")
        raise WikiRefusal(f"the wiki refused the request ({answer['error']['code']}: {answer['error'].get('info')})")
    check(shape, answer, "")
    if "continue" in answer:
        check(CONTINUE, answer["continue"], "continue")
    return answer


class WikiRefusal(WikiAnswerRefused):
    """The API answered with an error (a bad parameter, a blocked client)."""


def parse(text: str) -> Any:
    """JSON; refused when it is not, or nested deeper than the parser follows. Python's JSON
    parser counts its nesting against the recursion limit (about 1,000 levels) and stops there
    with a RecursionError, at once and safely: that is turned into the refusal here, so
    200,000 `[` cost nothing. (A scan for the depth before parsing costs seconds on a large
    answer; the parser costs a tenth of that.) What is read is then bounded by the shapes."""
    try:
        return json.loads(text)
    except RecursionError:
        raise WikiAnswerRefused("the wiki's answer is JSON nested deeper than the parser follows") from None
    except ValueError:  # an error page of a proxy, as often as not: worth trying later
        raise WikiUnavailable("the wiki's answer is not JSON") from None


def check(shape: Shape, value: Any, where: str) -> None:
    """Refuse `value` unless it has `shape`; `where` names it in the answer ("query.pages[0]")."""
    if isinstance(shape, Obj):
        if not isinstance(value, dict):
            raise _wrong(where, value, "an object")
        missing = [key for key in shape.required if key not in value]
        if missing:
            raise WikiAnswerRefused(f"the wiki's answer lacks {_joined(where, missing[0])}")
        for key, inner in (shape.required | shape.optional).items():
            if key in value:
                check(inner, value[key], _joined(where, key))
    elif isinstance(shape, ListOf):
        if not isinstance(value, list):
            raise _wrong(where, value, "a list")
        for number, item in enumerate(value):
            check(shape.item, item, f"{where}[{number}]")
    elif not shape.accepts(value):
        raise _wrong(where, value, shape.name)


def _wrong(where: str, value: Any, expected: str) -> WikiAnswerRefused:
    return WikiAnswerRefused(f"the wiki's answer has {where or 'the answer'} = {_shown(value)}, not {expected}")


def _joined(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _shown(value: Any) -> str:
    """A value in a few escaped characters: the terminal sees no control character of it."""
    if isinstance(value, dict | list):
        return "an object" if isinstance(value, dict) else "a list"
    shown = json.dumps(value, ensure_ascii=True)  # null, true, 5, "a\u001bb": escaped, one line
    return shown if len(shown) <= 80 else shown[:79] + "…"


def _carried(value: Any) -> bool:
    return plain(value) or NUMBER.accepts(value)


def _is_host(url: str) -> bool:
    """An http(s) URL naming a host and nothing after it."""
    return is_web_url(url) and url.split("//", 1)[1].strip("/").count("/") == 0 and "?" not in url and "#" not in url
