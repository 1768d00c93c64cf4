"""Shared fixtures: a real HTTP server on 127.0.0.1 that serves canned replies.

    def test_page(http_server):
        http_server.add("/story", Reply(body=b"<html>...", content_type="text/html"))
        fetch(http_server.url("/story"))

A path answers its replies in turn, the last one repeating (so "500 then 200" is two replies).
Unknown paths answer 404. Every request is recorded in http_server.requests.
"""

from __future__ import annotations

import contextlib
import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run the same examples on every CI run, so a result never depends on luck;
# HYPOTHESIS_PROFILE=explore draws fresh random examples (use it to hunt for new failures).
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Reply:
    """One canned HTTP response."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay_s: float = 0.0  # before the status line
    chunk_size: int = 0  # > 0: send the body in pieces of this size...
    chunk_delay_s: float = 0.0  # ...with this pause before each
    send_length: bool = True  # False: no Content-Length, the body ends when the connection does
    cut_after: int = -1  # >= 0: close the connection after this many body bytes (truncated)
    reset: bool = False  # with cut_after: end with a TCP reset instead of a close

    @classmethod
    def file(cls, path: Path | str, content_type: str, **options: object) -> Reply:
        """A reply whose body is a file under tests/data (or any path)."""
        full = Path(path) if Path(path).is_absolute() else DATA / path
        return cls(body=full.read_bytes(), content_type=content_type, **options)

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Reply:
        return cls(status=status, headers=(("Location", location),))


@dataclass(frozen=True)
class Recorded:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived


class LocalServer:
    """A threaded HTTP server on an ephemeral port of 127.0.0.1."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[Recorded] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(self))
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, *replies: Reply) -> str:
        """Serve these replies at path, in turn; returns the full URL."""
        with self.lock:
            self.routes[path] = list(replies)
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for request in self.requests if request.path == path)

    def next_reply(self, path: str) -> Reply:
        with self.lock:
            replies = self.routes.get(path)
            if not replies:
                return Reply(status=404, body=b"not found", content_type="text/plain")
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def pause(self, seconds: float) -> bool:
        """Sleep, unless the server is stopping; False when it is."""
        return not self.stopping.wait(seconds)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def handler_for(site: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            site.requests.append(Recorded(self.path, dict(self.headers), time.monotonic()))
            self.send(site.next_reply(self.path))

        def send(self, reply: Reply) -> None:
            if reply.delay_s and not site.pause(reply.delay_s):
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.send_length:
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            body = reply.body if reply.cut_after < 0 else reply.body[:reply.cut_after]
            size = reply.chunk_size or len(body) or 1
            for start in range(0, len(body), size):
                if reply.chunk_delay_s and not site.pause(reply.chunk_delay_s):
                    return
                self.wfile.write(body[start:start + size])
                self.wfile.flush()
            if reply.cut_after >= 0:
                self.hang_up(reset=reply.reset)

        def hang_up(self, reset: bool) -> None:
            """Drop the connection mid-body; a reset (RST) when asked, via SO_LINGER 0."""
            if reset:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()

        def handle(self) -> None:
            # The client may give up first, as the timeout and size tests want.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """A fresh local HTTP server for one test."""
    server = LocalServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
