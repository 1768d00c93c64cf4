"""Serve out/ to podcast apps: static files with byte ranges and the right content types.

Only files with a known publishing suffix are served (so state.sqlite and half-written
.part files never are), nothing outside the folder, and no directory listings.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from briefing.errors import BriefingError

CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".xml": "application/rss+xml",
    ".rss": "application/rss+xml",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
CHAPTERS_TYPE = "application/json+chapters"  # what the Podcasting 2.0 chapters spec asks for


def content_type(path: Path) -> str:
    if path.name.endswith(".chapters.json"):
        return CHAPTERS_TYPE
    return CONTENT_TYPES[path.suffix.lower()]


RANGE = re.compile(r"bytes=(\d{0,18})-(\d{0,18})")  # 18 digits: far past any file's size
IDLE_TIMEOUT_S = 30  # a connection that sends nothing this long is closed
CHUNK = 64 * 1024
log = logging.getLogger(__name__)


class UnsatisfiableRange(Exception):
    """A Range header that asks for bytes past the end of the file."""


class BriefingServer(ThreadingHTTPServer):
    """A threaded HTTP server that knows the folder it publishes."""

    daemon_threads = True

    def __init__(self, directory: Path, address: tuple[str, int]) -> None:
        self.root = directory.resolve()
        super().__init__(address, StaticHandler)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """Players hang up mid-request all the time; only log real failures."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> BriefingServer:
    """A server bound to (host, port), not yet serving; port 0 picks a free one."""
    if not directory.is_dir():
        raise BriefingError(f"There is no folder {directory} to serve: generate an episode first.")
    try:
        return BriefingServer(directory, (host, port))
    except OSError as error:
        raise BriefingError(f"Cannot listen on {host}:{port} ({error.strerror}): "
                            "pick another port with --port.") from error


def serve(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `directory` until interrupted (Ctrl-C)."""
    with make_server(directory, host, port) as server:
        bound_host, bound_port = server.server_address[:2]
        print(f"Serving {server.root} at http://{bound_host}:{bound_port}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single "bytes=" range; None to ignore it and send everything.

    Raises UnsatisfiableRange when the range starts past the end of the file.
    """
    match = RANGE.fullmatch(header.strip())
    if not match or match.groups() == ("", ""):
        return None  # malformed or multi-range: RFC 9110 lets a server ignore it
    first, last = match.groups()
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise UnsatisfiableRange
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None
    if start >= size:
        raise UnsatisfiableRange
    return start, end


def is_publishable(path: Path) -> bool:
    """A regular, visible file of a kind we publish."""
    visible = not path.name.startswith(".")
    return visible and path.suffix.lower() in CONTENT_TYPES and path.is_file()


def not_modified_since(header: str | None, mtime: float) -> bool:
    """Whether an If-Modified-Since date is at or after the file's last change."""
    if not header:
        return False
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        return False
    return int(mtime) <= since.timestamp()


class StaticHandler(BaseHTTPRequestHandler):
    server: BriefingServer
    server_version = "briefing"
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT_S  # idle keep-alive connections must not hold a thread for ever

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self.respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        path = self.file_for(self.path)
        try:
            source = path.open("rb") if path else None
        except OSError:
            source = None
        if source is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return
        with source:
            # Size and date of the file as opened: a run may replace feed.xml meanwhile.
            status = os.fstat(source.fileno())
            self.send_file(path, source, status.st_size, status.st_mtime, send_body)

    def send_file(self, path: Path, source: BinaryIO, size: int, mtime: float,
                  send_body: bool) -> None:
        if not_modified_since(self.headers.get("If-Modified-Since"), mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
            self.end_headers()
            return
        range_header = self.headers.get("Range")
        try:
            span = parse_range(range_header, size) if range_header else None
        except UnsatisfiableRange:
            self.send_unsatisfiable(size)
            return
        first, last = span or (0, size - 1)
        self.send_headers(path, size, mtime, span)
        if send_body and size:
            self.copy_bytes(source, first, last - first + 1)

    def file_for(self, request_path: str) -> Path | None:
        """The file to send, or None when the path leaves the folder, passes through a hidden
        folder, or is not publishable."""
        relative = unquote(urlsplit(request_path).path).lstrip("/")
        parts = relative.split("/")
        if "\x00" in relative or any(part.startswith(".") for part in parts):
            return None  # "..", and hidden files and folders
        try:
            candidate = (self.server.root / relative).resolve()
            if not candidate.is_relative_to(self.server.root):
                return None
            if candidate.is_dir():
                candidate = candidate / "index.html"
            return candidate if is_publishable(candidate) else None
        except OSError:  # a name too long, a loop of links
            return None

    def send_headers(self, path: Path, size: int, mtime: float,
                     span: tuple[int, int] | None) -> None:
        first, last = span or (0, size - 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT if span else HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(max(last - first + 1, 0)))
        self.send_header("Accept-Ranges", "bytes")
        if span:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
        self.send_header("Access-Control-Allow-Origin", "*")  # web players fetch cross-origin
        self.end_headers()

    def send_unsatisfiable(self, size: int) -> None:
        self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
        self.send_header("Content-Range", f"bytes */{size}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def copy_bytes(self, source: BinaryIO, offset: int, count: int) -> None:
        source.seek(offset)
        try:
            while count > 0:
                chunk = source.read(min(CHUNK, count))
                if not chunk:  # shorter than announced: the client must not wait for more
                    self.close_connection = True
                    break
                self.wfile.write(chunk)
                count -= len(chunk)
        except ConnectionError:
            self.close_connection = True  # players drop connections when they seek

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        log.info("%s %s", self.address_string(), format % args)
