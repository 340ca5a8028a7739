"""The HTTP session the MediaWiki client talks through: the good-citizen rules mwclient lacks.

mwclient 0.11 sends a User-Agent, a timeout and retries 5xx answers and connection errors with
linear backoff, but it does not retry a 429, honours Retry-After only beside X-Database-Lag (and
without a cap), sends `maxlag` only to index.php, has no rate limit, and sleeps with `time.sleep`
that a test cannot replace. So its own retries are switched off (max_retries=0) and this session
does all of it in one place: a request rate, a time limit on every whole call (deadline.py), a
cap on an answer's size, and retries with exponential backoff on 429, 503, maxlag answers,
timeouts and dropped connections, honouring Retry-After up to a cap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from pipeline.seed_text import MAX_BYTES
from pipeline.snapshot.deadline import AnswerTooLarge, Sockets, TrackingAdapter, deadline, read_capped

RETRY_STATUSES = (429, 502, 503, 504)
# The largest answer read: an article the build accepts (MAX_BYTES), doubled for JSON's escapes
# (a line break or a quote is two bytes), and a MiB for the rest of the answer.
MAX_ANSWER_BYTES = 2 * MAX_BYTES + 1024 * 1024
# `continue` answers followed for one query: 500 category members or one article each, so far
# more than any category or batch of 50 titles needs.
MAX_CONTINUES = 1000
_NETWORK_TROUBLE = (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError)


@dataclass(frozen=True)
class Politeness:
    """How the snapshot treats the wiki; `sleep` and `clock` are injectable for tests."""

    user_agent: str
    rate: float = 1.0  # requests per second at most
    timeout: float = 30.0  # seconds for a whole call: connecting, sending, reading all of the answer
    retries: int = 4  # further attempts after the first
    backoff: float = 2.0  # seconds before the first retry; doubled each time
    max_wait: float = 120.0  # cap on one wait, Retry-After included
    max_bytes: int = MAX_ANSWER_BYTES  # an answer past this is refused, never read further
    max_continues: int = MAX_CONTINUES  # a query continued more often is refused
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)


class WikiUnavailable(Exception):
    """The wiki did not answer usefully after every retry: why, in a few words."""


class WikiAnswerRefused(WikiUnavailable):
    """The wiki answered, but not as a MediaWiki API does (too large, the wrong shape, endless
    continuation): not worth asking again."""


class PoliteSession(requests.Session):
    """A requests session that waits between calls and retries what is worth retrying."""

    def __init__(self, politeness: Politeness) -> None:
        super().__init__()
        self.politeness = politeness
        self.headers["User-Agent"] = politeness.user_agent
        self.last_call: float | None = None
        self.calls = 0
        self.sockets = Sockets()
        adapter = TrackingAdapter(self.sockets)
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        """One call, retried up to `retries` times; raises WikiUnavailable when they run out,
        WikiAnswerRefused at once for an answer larger than `max_bytes`."""
        kwargs |= {"timeout": self.politeness.timeout, "stream": True}
        for attempt in range(self.politeness.retries + 1):
            self._keep_rate()
            try:
                response = self._call(method, url, *args, **kwargs)
            except _NETWORK_TROUBLE as error:
                reason, retry_after = _network_reason(error, self.politeness.timeout), None
            else:
                reason, retry_after = _refusal(response)
                if reason is None:
                    return response
            if attempt == self.politeness.retries:
                break
            self.politeness.sleep(self._wait(attempt, retry_after))
        tries = self.politeness.retries + 1
        raise WikiUnavailable(f"{reason} ({tries} attempt{'s' if tries > 1 else ''})")

    def _call(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        """One attempt, done within `timeout` seconds (a Timeout otherwise), its whole answer read."""
        limit = self.politeness.max_bytes
        with deadline(self.politeness.timeout, self.sockets) as passed:
            response = None
            try:
                response = super().request(method, url, *args, **kwargs)
                body = read_capped(response, limit)
            except AnswerTooLarge:
                response.close()  # type: ignore[union-attr] - read_capped had it
                raise WikiAnswerRefused(f"the wiki's answer is larger than the {limit:,} bytes allowed") from None
            except Exception as error:
                if not passed.is_set():
                    raise
                raise requests.Timeout(f"no whole answer within {self.politeness.timeout} s") from error
            if passed.is_set():  # cut short: what was read looks whole, but is not
                raise requests.Timeout(f"no whole answer within {self.politeness.timeout} s")
        if response.status_code == 200:
            _check_utf8(body)
        response._content, response._content_consumed, response.encoding = body, True, "utf-8"
        return response

    def _keep_rate(self) -> None:
        """Wait until 1/rate seconds have passed since the last call."""
        now = self.politeness.clock()
        if self.last_call is not None:
            gap = 1 / self.politeness.rate - (now - self.last_call)
            if gap > 0:
                self.politeness.sleep(gap)
                now += gap
        self.last_call = now
        self.calls += 1

    def _wait(self, attempt: int, retry_after: float | None) -> float:
        """Exponential backoff, or Retry-After when the wiki asks for longer; never past the cap."""
        wait = self.politeness.backoff * 2**attempt
        if retry_after is not None:
            wait = max(wait, retry_after)
        return min(wait, self.politeness.max_wait)


def _check_utf8(body: bytes) -> None:
    """A usable answer is JSON, which is UTF-8: other bytes would be read as U+FFFD, silently."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WikiAnswerRefused(f"the wiki's answer is not UTF-8 (byte {error.start})") from None


def _refusal(response: requests.Response) -> tuple[str | None, float | None]:
    """(why the answer should be retried, Retry-After in seconds) or (None, None) for a usable one."""
    lag = response.headers.get("X-Database-Lag")
    if lag is not None:
        return f"the wiki's database lags {lag} s behind (maxlag)", _retry_after(response)
    if response.status_code in RETRY_STATUSES:
        return f"the wiki answered HTTP {response.status_code}", _retry_after(response)
    return None, None


def _retry_after(response: requests.Response) -> float | None:
    """Retry-After in seconds when given as a number (an HTTP date is ignored: backoff applies)."""
    value = response.headers.get("Retry-After", "").strip()
    return float(value) if value.isdigit() else None


def _network_reason(error: Exception, timeout: float) -> str:
    if isinstance(error, requests.Timeout):
        return f"the wiki did not answer within {timeout:g} s"
    return "the connection to the wiki failed"
