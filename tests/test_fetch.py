"""Tests for briefing.fetch against a real HTTP server on 127.0.0.1 (tests/conftest.py)."""

from __future__ import annotations

import gzip
import socket
import time
import tracemalloc
import zlib

import pytest
from conftest import Reply

from briefing.errors import BriefingError
from briefing.fetch import (
    USER_AGENT,
    decode_page,
    fetch,
    is_public_host,
    retry_after_s,
    size_label,
)

FAST = {"backoff_s": 0.01}


def one_line_error(url: str, **options: object) -> str:
    with pytest.raises(BriefingError) as caught:
        fetch(url, **{**FAST, **options})
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(url + ": ")
    return message


def test_fetches_an_article_page(http_server):
    url = http_server.add("/story", Reply.file("pages/harbour-bridge.html", "text/html"))
    page = fetch(url)
    assert page.status == 200
    assert page.url == url
    assert page.content_type == "text/html"
    assert "112 steel cables" in page.text
    assert page.data.startswith(b"<!DOCTYPE html>")


def test_says_who_it_is_and_accepts_gzip(http_server):
    url = http_server.add("/story", Reply(body=b"<p>hello</p>"))
    fetch(url)
    headers = {k.lower(): v for k, v in http_server.requests[0].headers.items()}
    assert headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("briefing/")
    assert "gzip" in headers["accept-encoding"]


@pytest.mark.parametrize("encoding, compress", [
    ("gzip", gzip.compress),
    ("deflate", zlib.compress),
    ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
])
def test_decodes_compressed_bodies(http_server, encoding, compress):
    body = "<p>Ünïcödé news, compressed.</p>".encode() * 50
    url = http_server.add("/zipped", Reply(body=compress(body),
                                           headers=(("Content-Encoding", encoding),)))
    assert fetch(url).data == body


def test_a_silent_server_times_out_in_bounded_time(http_server):
    url = http_server.add("/slow", Reply(body=b"<p>late</p>", delay_s=10))
    started = time.monotonic()
    message = one_line_error(url, timeout=0.5)
    assert message.endswith("timed out after 0.5 s")
    assert time.monotonic() - started < 2


def test_a_dripping_body_is_cut_off_by_the_overall_deadline(http_server):
    url = http_server.add("/drip", Reply(body=b"x" * 100, chunk_size=1, chunk_delay_s=0.1))
    started = time.monotonic()
    assert one_line_error(url, timeout=0.6).endswith("timed out after 0.6 s")
    assert time.monotonic() - started < 2


def test_404_is_reported_and_not_retried(http_server):
    url = http_server.add("/missing", Reply(status=404, body=b"no"))
    assert one_line_error(url).endswith(": 404 Not Found")
    assert http_server.hits("/missing") == 1


def test_500_then_200_succeeds_on_retry(http_server):
    url = http_server.add("/flaky", Reply(status=500), Reply(body=b"<p>second time lucky</p>"))
    assert "second time lucky" in fetch(url, **FAST).text
    assert http_server.hits("/flaky") == 2


def test_a_server_that_keeps_failing_is_given_up_after_the_retries(http_server):
    url = http_server.add("/down", Reply(status=503))
    message = one_line_error(url, retries=2)
    assert message.endswith("503 Service Unavailable (after 3 tries)")
    assert http_server.hits("/down") == 3


def test_429_waits_as_long_as_retry_after_asks(http_server):
    url = http_server.add("/busy", Reply(status=429, headers=(("Retry-After", "1"),)),
                          Reply(body=b"<p>now</p>"))
    assert fetch(url, **FAST).text == "<p>now</p>"
    first, second = http_server.requests
    assert second.at - first.at >= 0.95


def test_429_asking_too_long_a_wait_is_given_up_at_once(http_server):
    url = http_server.add("/busy", Reply(status=429, headers=(("Retry-After", "120"),)))
    message = one_line_error(url, max_retry_after_s=5)
    assert message.endswith("429 Too Many Requests (asked to retry after 120 s)")
    assert http_server.hits("/busy") == 1


def test_connection_refused_is_retried_then_reported():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    message = one_line_error(f"http://127.0.0.1:{port}/", retries=2)
    assert "cannot connect" in message
    assert message.endswith("(after 3 tries)")


def test_redirects_are_followed_to_the_final_address(http_server):
    http_server.add("/old", Reply.redirect("/older", status=301))
    http_server.add("/older", Reply.redirect(http_server.url("/new"), status=308))
    final = http_server.add("/new", Reply(body=b"<p>moved</p>"))
    page = fetch(http_server.url("/old"))
    assert (page.url, page.text) == (final, "<p>moved</p>")


def test_a_redirect_loop_ends(http_server):
    url = http_server.add("/loop", Reply.redirect("/loop"))
    assert one_line_error(url).endswith("too many redirects (more than 5)")
    assert http_server.hits("/loop") == 6


def test_a_redirect_to_a_file_is_refused(http_server):
    url = http_server.add("/sneaky", Reply.redirect("file:///etc/passwd"))
    message = one_line_error(url)
    assert "redirected to 'file:///etc/passwd'" in message
    assert "only http and https" in message


@pytest.mark.parametrize("location", ["http://[oops/a", "http://host:8o8o/b"])
def test_a_redirect_to_a_malformed_address_is_one_line(http_server, location: str):
    url = http_server.add("/bad", Reply.redirect(location))
    message = one_line_error(url)  # httpx itself refuses some such headers
    assert message.startswith(f"{url}: ") and ("not a valid web address" in message
                                               or "Invalid URL in location header" in message)


def test_a_nonsense_charset_falls_back_instead_of_crashing(http_server):
    url = http_server.add("/odd", Reply(body=b"<meta charset='punycode'><p>caf\xc3\xa9</p>",
                                        content_type="text/html"))
    assert "caf" in fetch(url).text


def test_only_web_addresses_are_fetched():
    assert "not a web address" in one_line_error("file:///etc/passwd")


def test_an_image_is_not_a_web_page(http_server):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    url = http_server.add("/photo", Reply(body=png, content_type="image/png"))
    assert one_line_error(url).endswith("not a web page (image/png)")


def test_an_oversized_body_is_refused_by_its_content_length(http_server):
    url = http_server.add("/huge", Reply(body=b"x" * 2 * 2**20))
    assert one_line_error(url, max_bytes=2**20).endswith("larger than 1 MB")


def test_an_oversized_body_without_a_length_is_cut_off_while_streaming(http_server):
    url = http_server.add("/huge", Reply(body=b"x" * 3 * 2**20, send_length=False))
    assert one_line_error(url, max_bytes=2**20).endswith("larger than 1 MB")


def test_a_gzip_bomb_is_stopped_at_the_cap(http_server):
    bomb = gzip.compress(b" " * 32 * 2**20, compresslevel=9)  # 32 MB of spaces in ~32 KB
    url = http_server.add("/bomb", Reply(body=bomb, headers=(("Content-Encoding", "gzip"),)))
    assert len(bomb) < 2**20
    tracemalloc.start()
    try:
        assert one_line_error(url, max_bytes=2**20).endswith("larger than 1 MB")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20  # never inflated much past the cap


def test_charset_from_meta_when_http_names_none(http_server):
    url = http_server.add("/cafe", Reply.file("pages/cafe-prices-cp1252.html", "text/html"))
    text = fetch(url).text
    assert "2,40 €" in text
    assert "“We cannot absorb" in text
    assert "René Dubois" in text


def test_charset_from_meta_where_a_guess_goes_wrong(http_server):
    text = "<p>Żółć na moście: Łódź i Kraków.</p>"
    body = f'<html><head><meta charset="iso-8859-2"></head><body>{text}</body></html>'
    url = http_server.add("/polish", Reply(body=body.encode("iso-8859-2"),
                                           content_type="text/html"))
    assert text in fetch(url).text


def test_the_http_charset_comes_first(http_server):
    body = '<meta charset="utf-8"><p>Åsa Ørsted</p>'.encode("iso-8859-1")
    url = http_server.add("/nordic", Reply(body=body, content_type="text/html; charset=latin1"))
    assert "Åsa Ørsted" in fetch(url).text


@pytest.mark.parametrize(("text", "codec"), [
    ("Café owners protest new rules in São Paulo.", "latin-1"),  # cp1250 fits as well
    ("Příliš žluťoučký kůň úpěl ďábelské ódy na louce u Brna.", "cp1250"),
])
def test_a_short_text_that_fits_several_code_pages_is_read_as_windows_1252_first(text, codec):
    assert decode_page(text.encode(codec)) == text


def test_a_guess_when_nothing_names_the_charset():
    text = "Une économie fragile, selon le ministère des Finances. " * 20
    assert decode_page(text.encode("cp1252")) == text


def test_retry_after_reads_seconds_and_dates():
    import httpx

    assert retry_after_s(httpx.Headers({"Retry-After": "7"})) == 7
    assert retry_after_s(httpx.Headers({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0
    assert retry_after_s(httpx.Headers({})) is None


def test_size_labels():
    assert size_label(10 * 2**20) == "10 MB"
    assert size_label(512) == "512 bytes"


PAGE = "pages/harbour-bridge.html"


@pytest.mark.parametrize("reset", [False, True], ids=["closed", "reset"])
def test_a_body_cut_short_is_retried_then_reported_in_one_line(http_server, reset):
    url = http_server.add("/story", Reply.file(PAGE, "text/html", cut_after=500, reset=reset))
    message = one_line_error(url, retries=2)
    assert http_server.hits("/story") == 3
    assert "connection lost mid-page" in message and "after 3 tries" in message


@pytest.mark.parametrize("reset", [False, True], ids=["closed", "reset"])
def test_a_body_cut_short_once_succeeds_on_retry(http_server, reset):
    whole = Reply.file(PAGE, "text/html")
    url = http_server.add("/story", Reply.file(PAGE, "text/html", cut_after=500, reset=reset),
                          whole)
    page = fetch(url, **FAST)
    assert "112 steel cables" in page.text
    assert http_server.hits("/story") == 2


@pytest.mark.parametrize(("host", "public"), [
    ("127.0.0.1", False), ("localhost", False), ("169.254.169.254", False), ("10.1.2.3", False),
    ("192.168.1.1", False), ("::1", False), ("fd00::1", False), ("8.8.8.8", True),
])
def test_public_hosts_are_told_from_this_machine_and_its_network(host: str, public: bool):
    assert is_public_host(host) is public


def test_public_only_never_reaches_this_machine(http_server):
    url = http_server.add("/inside", Reply(body=b"<p>secret</p>"))
    message = one_line_error(url, public_only=True)
    assert "127.0.0.1 is not on the public internet" in message
    assert http_server.hits("/inside") == 0
    assert fetch(url).text == "<p>secret</p>"  # what the user names is fetched
