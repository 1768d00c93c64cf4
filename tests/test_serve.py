"""The static server, with real HTTP requests to a real server on 127.0.0.1."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator

import pytest

from briefing.errors import BriefingError
from briefing.serve import BriefingServer, UnsatisfiableRange, make_server, parse_range

FILES = {
    "episode.mp3": ("audio/mpeg", bytes(range(256)) * 40),
    "feed.xml": ("application/rss+xml", b"<rss version='2.0'/>"),
    "episode.vtt": ("text/vtt; charset=utf-8", b"WEBVTT\n"),
    "episode.srt": ("application/x-subrip", b"1\n00:00:00,000 --> 00:00:01,000\nHi\n"),
    "episode.chapters.json": ("application/json+chapters",
                              b'{"version": "1.2.0", "chapters": []}'),
    "cover.png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "index.html": ("text/html; charset=utf-8", b"<!doctype html><title>Show</title>"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BriefingServer]:
    tmp_path = tmp_path_factory.mktemp("serve")
    out = tmp_path / "out"
    out.mkdir()
    for name, (_, body) in FILES.items():
        (out / name).write_bytes(body)
    (out / "state.sqlite").write_bytes(b"secret state")
    (out / ".feed.xml.abc.part").write_bytes(b"half written")
    (out / "old").mkdir()
    (out / "old" / "notes.txt").write_text("no listing")
    (out / ".hidden").mkdir()
    (out / ".hidden" / "secret.txt").write_text("hidden")
    (tmp_path / "secret.txt").write_text("outside")
    with make_server(out, "127.0.0.1", 0) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        yield running
        running.shutdown()
        thread.join(timeout=5)


def request(server: BriefingServer, path: str, method: str = "GET",
            headers: dict[str, str] | None = None) -> tuple[http.client.HTTPResponse, bytes]:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("name", sorted(FILES))
def test_files_come_with_their_content_type(server, name):
    response, body = request(server, f"/{name}")
    content_type, expected = FILES[name]
    assert response.status == 200
    assert response.getheader("Content-Type") == content_type
    assert response.getheader("Accept-Ranges") == "bytes"
    assert int(response.getheader("Content-Length")) == len(expected)
    assert body == expected


def test_the_root_is_the_landing_page(server):
    response, body = request(server, "/")
    assert response.status == 200
    assert body == FILES["index.html"][1]


@pytest.mark.parametrize(("header", "first", "last"), [
    ("bytes=100-199", 100, 199), ("bytes=10000-", 10000, 10239), ("bytes=-40", 10200, 10239),
    ("bytes=10200-99999", 10200, 10239), ("bytes=0-0", 0, 0),
])
def test_a_range_request_gets_206_and_exactly_those_bytes(server, header, first, last):
    response, body = request(server, "/episode.mp3", headers={"Range": header})
    whole = FILES["episode.mp3"][1]
    assert response.status == 206
    assert response.getheader("Content-Range") == f"bytes {first}-{last}/{len(whole)}"
    assert int(response.getheader("Content-Length")) == last - first + 1
    assert response.getheader("Content-Type") == "audio/mpeg"
    assert body == whole[first:last + 1]


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=99999-100000", "bytes=-0"])
def test_an_unsatisfiable_range_gets_416(server, header):
    response, body = request(server, "/episode.mp3", headers={"Range": header})
    assert response.status == 416
    assert response.getheader("Content-Range") == "bytes */10240"
    assert body == b""


@pytest.mark.parametrize("header", ["bytes=5-2", "items=0-10", "bytes=0-1,5-6"])
def test_a_range_we_do_not_serve_partially_gets_the_whole_file(server, header):
    response, body = request(server, "/episode.mp3", headers={"Range": header})
    assert response.status == 200
    assert body == FILES["episode.mp3"][1]


def test_head_sends_headers_only(server):
    response, body = request(server, "/episode.mp3", method="HEAD", headers={"Range": "bytes=0-9"})
    assert response.status == 206
    assert response.getheader("Content-Length") == "10"
    assert body == b""


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/old/../../secret.txt", "/..%2fsecret.txt",
    "/state.sqlite", "/.feed.xml.abc.part", "/old/", "/old", "/missing.mp3",
])
def test_traversal_listings_and_private_files_get_404(server, path):
    response, body = request(server, path)
    assert response.status == 404
    assert b"outside" not in body and b"secret state" not in body and b"notes.txt" not in body


def test_parse_range_edges():
    assert parse_range("bytes=0-", 1) == (0, 0)
    assert parse_range("bytes=-100", 10) == (0, 9)
    assert parse_range(" bytes=2-3 ", 10) == (2, 3)
    assert parse_range("bytes=", 10) is None
    for empty_file_range in ("bytes=0-", "bytes=-5"):
        with pytest.raises(UnsatisfiableRange):
            parse_range(empty_file_range, 0)


def test_a_busy_port_or_missing_folder_is_a_clear_error(server, tmp_path):
    with pytest.raises(BriefingError, match="--port"):
        make_server(tmp_path, "127.0.0.1", server.server_address[1])
    with pytest.raises(BriefingError, match="no folder"):
        make_server(tmp_path / "missing", "127.0.0.1", 0)


@pytest.mark.parametrize("path", ["/.hidden/secret.txt", "/" + "a" * 300 + ".json",
                                  "/old/" + "b" * 5000 + ".mp3"])
def test_hidden_folders_and_impossible_names_are_404(server, path):
    response, _ = request(server, path)
    assert response.status == 404


def test_a_range_with_absurd_numbers_is_ignored(server):
    response, body = request(server, "/episode.mp3", headers={"Range": "bytes=" + "9" * 5000 + "-"})
    assert response.status == 200 and body == FILES["episode.mp3"][1]


def test_a_poll_with_if_modified_since_gets_304_until_the_file_changes(server):
    response, _ = request(server, "/feed.xml")
    stamp = response.getheader("Last-Modified")
    response, body = request(server, "/feed.xml", headers={"If-Modified-Since": stamp})
    assert response.status == 304 and body == b""
    older = "Mon, 01 Jan 2001 00:00:00 GMT"
    response, body = request(server, "/feed.xml", headers={"If-Modified-Since": older})
    assert response.status == 200 and body == FILES["feed.xml"][1]
    response, _ = request(server, "/feed.xml", headers={"If-Modified-Since": "yesterday"})
    assert response.status == 200


def test_an_idle_connection_is_closed(server, monkeypatch):
    monkeypatch.setattr(server.RequestHandlerClass, "timeout", 0.5)
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=5) as idle:
        assert idle.recv(1) == b""  # the server hung up on a client that sent nothing
