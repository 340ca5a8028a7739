"""A time limit on a whole HTTP call: connecting, sending, and reading every byte of the answer.

requests (urllib3) applies its timeout to each socket operation, so a server that sends one byte
a second is never timed out. Here a session's connections are tracked, and a watchdog thread
shuts their sockets down when a call's deadline passes: the blocked read returns at once, and
the call fails as timed out. The answer is also read under a cap on its size, so an endless
answer costs at most the cap in memory.
"""

from __future__ import annotations

import socket
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import requests
from requests.adapters import HTTPAdapter

CHUNK = 64 * 1024


class AnswerTooLarge(Exception):
    """The answer (or its Content-Length) is past the cap: the number of bytes allowed."""


class Sockets:
    """The sockets a session's connections opened (weakly held: a closed one drops out)."""

    def __init__(self) -> None:
        self.open: weakref.WeakSet[socket.socket] = weakref.WeakSet()

    def cut(self) -> None:
        """Shut every socket down, waking any read blocked on one (the pool reconnects later)."""
        for sock in list(self.open):
            with suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, under TLS too


class TrackingAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections put their socket into `sockets` when they connect."""

    def __init__(self, sockets: Sockets) -> None:
        self.sockets = sockets
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _track(self.poolmanager, self.sockets)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        _track(manager, self.sockets)
        return manager


@contextmanager
def deadline(seconds: float, sockets: Sockets) -> Iterator[threading.Event]:
    """Within the block, the sockets are cut after `seconds`; the event says whether they were."""
    passed = threading.Event()

    def cut() -> None:
        passed.set()
        sockets.cut()

    timer = threading.Timer(seconds, cut)
    timer.daemon = True
    timer.start()
    try:
        yield passed
    finally:
        timer.cancel()


def read_capped(response: requests.Response, limit: int) -> bytes:
    """The answer's body, never more than `limit` bytes read (AnswerTooLarge past it)."""
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise AnswerTooLarge(limit)
    chunks, size = [], 0
    for chunk in response.iter_content(CHUNK):
        size += len(chunk)
        if size > limit:
            raise AnswerTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _track(manager: Any, sockets: Sockets) -> None:
    """Make the pools `manager` creates from now on register their connections' sockets."""
    if not getattr(manager, "tracked", False):
        classes = manager.pool_classes_by_scheme
        manager.pool_classes_by_scheme = {scheme: _tracking(pool, sockets) for scheme, pool in classes.items()}
        manager.tracked = True


def _tracking(pool_class: type, sockets: Sockets) -> type:
    """`pool_class` whose connections register their socket: while connecting (a second
    descriptor of it, so that a TLS handshake can be cut too) and once connected."""

    class Connection(pool_class.ConnectionCls):  # type: ignore[name-defined,misc]
        def _new_conn(self) -> socket.socket:
            plain = super()._new_conn()
            self.connecting = plain.dup()  # the TLS socket takes `plain` over; this stays valid
            sockets.open.add(self.connecting)
            return plain

        def connect(self) -> None:
            try:
                super().connect()
            finally:
                connecting = getattr(self, "connecting", None)
                if connecting is not None:
                    sockets.open.discard(connecting)
                    connecting.close()
                    self.connecting = None
            sockets.open.add(self.sock)

    return type(pool_class.__name__, (pool_class,), {"ConnectionCls": Connection})
