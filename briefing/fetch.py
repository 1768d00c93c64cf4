"""Fetch one web address like a good citizen: bounded time, size, redirects and retries.

Every failure is a BriefingError whose one-line message names the address and the reason.
"""

from __future__ import annotations

import email.utils
import ipaddress
import random
import re
import socket
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import httpx

from briefing import __version__
from briefing.errors import BriefingError

USER_AGENT = f"briefing/{__version__} (audio news briefing generator; reads each page once)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/rdf+xml;q=0.9,application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_RETRY_AFTER_S = 30.0
CONNECT_TIMEOUT_S = 10.0
WEB_SCHEMES = ("http", "https")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
RETRY_STATUSES = (429, 500, 502, 503, 504)
TEXT_TYPES = ("application/xml", "application/xhtml+xml", "application/json")
# Errors where nothing (or nothing usable) came back, so asking again may help.
RETRY_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError,
                httpx.ReadError)
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""", re.I)
ERRNO_RE = re.compile(r"^\[Errno -?\d+\]\s*")
# Browsers read these labels as windows-1252; so do pages that say them.
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252"}


@dataclass(frozen=True)
class Fetched:
    """A page as it arrived: the final address after redirects, and its decoded text."""

    url: str
    status: int
    content_type: str  # media type only, lower case, e.g. "text/html"
    text: str
    data: bytes


class Retryable(Exception):
    """An attempt that may succeed if tried again; the message is the user-facing reason."""

    def __init__(self, reason: str, wait_s: float | None = None):
        super().__init__(reason)
        self.wait_s = wait_s


def fetch(url: str, *, timeout: float = 15, max_bytes: int = MAX_BYTES, retries: int = 3,
          backoff_s: float = 1.0, max_retry_after_s: float = MAX_RETRY_AFTER_S,
          public_only: bool = False) -> Fetched:
    """GET url within `timeout` seconds in all (redirects, retries and waits included).

    Retries only 5xx, 429 and connection errors, waiting backoff_s * 2**n plus jitter, or
    what Retry-After asks when that is at most max_retry_after_s. public_only: every address
    on the way (redirects too) must be on the public internet, not this machine or its
    network (for links a feed on the public web hands us).
    """
    require_web_address(url, url)
    deadline = time.monotonic() + timeout
    attempt = 0
    with httpx.Client(headers=request_headers(), follow_redirects=False) as client:
        while True:
            try:
                return fetch_once(client, url, deadline, timeout, max_bytes, public_only)
            except Retryable as problem:
                attempt += 1
                wait = retry_wait(problem, attempt, backoff_s)
                if attempt > retries or wait > max_retry_after_s or (
                        time.monotonic() + wait > deadline):
                    raise BriefingError(f"{url}: {give_up_reason(problem, attempt)}") from None
                time.sleep(wait)
            except httpx.TimeoutException:
                raise BriefingError(f"{url}: timed out after {timeout:g} s") from None


def request_headers() -> dict[str, str]:
    # Only encodings we decode ourselves, so the decoded size can be capped.
    return {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}


def fetch_once(client: httpx.Client, url: str, deadline: float, timeout: float,
               max_bytes: int, public_only: bool = False) -> Fetched:
    """One attempt: follow up to MAX_REDIRECTS web-only redirects, then read the body."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if public_only:
            require_public_host(url, current)
        request = client.build_request("GET", current, timeout=attempt_timeout(deadline))
        try:
            response = client.send(request, stream=True)
        except RETRY_ERRORS as exc:
            raise Retryable(connection_reason(exc)) from None
        except httpx.TimeoutException:
            raise
        except httpx.HTTPError as exc:
            raise BriefingError(f"{url}: {connection_reason(exc)}") from None
        try:
            if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                try:
                    current = urljoin(current, response.headers["location"])
                except ValueError:
                    current = response.headers["location"]  # refused just below
                require_web_address(url, current)
                continue
            return read_response(response, url, deadline, timeout, max_bytes)
        finally:
            response.close()
    raise BriefingError(f"{url}: too many redirects (more than {MAX_REDIRECTS})")


def attempt_timeout(deadline: float) -> httpx.Timeout:
    remaining = max(0.01, deadline - time.monotonic())
    return httpx.Timeout(remaining, connect=min(remaining, CONNECT_TIMEOUT_S))


def require_web_address(url: str, target: str) -> None:
    """A BriefingError unless target is a well-formed http(s) address."""
    redirect = f"redirected to {target!r}" if target != url else ""
    try:
        parts = urlsplit(target)
        valid = parts.port is None or parts.port > 0  # reading .port checks it
        httpx.URL(target)
    except (ValueError, httpx.InvalidURL):
        valid = False
    if not valid:
        raise BriefingError(f"{url}: {redirect + ', ' if redirect else ''}not a valid web address")
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        raise BriefingError(f"{url}: {redirect or f'not a web address {target!r}'}; "
                            "only http and https are fetched")


def is_public_host(host: str) -> bool:
    """Whether every address the name resolves to is on the public internet; True when it
    does not resolve (the request then fails with its own reason)."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return True
    return all(ipaddress.ip_address(a.split("%", 1)[0]).is_global for a in addresses)


def require_public_host(url: str, target: str) -> None:
    host = urlsplit(target).hostname or ""
    if not is_public_host(host):
        where = "" if target == url else f"redirected to {target!r}: "
        raise BriefingError(f"{url}: {where}{host} is not on the public internet; a link from "
                            "a public feed may not reach this machine or its network")


def read_response(response: httpx.Response, url: str, deadline: float, timeout: float,
                  max_bytes: int) -> Fetched:
    status = response.status_code
    if status in RETRY_STATUSES:
        raise Retryable(status_reason(response), retry_after_s(response.headers))
    if not 200 <= status < 300:
        raise BriefingError(f"{url}: {status_reason(response)}")
    content_type = media_type(response.headers.get("content-type", ""))
    if content_type and not is_text_type(content_type):
        raise BriefingError(f"{url}: not a web page ({content_type})")
    declared = declared_length(response.headers)
    if declared is not None and declared > max_bytes:
        raise BriefingError(f"{url}: larger than {size_label(max_bytes)}")
    chunks = chunks_before(response.iter_raw(), deadline, timeout)
    data = decoded_body(chunks, response.headers.get("content-encoding", ""), url, max_bytes)
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BriefingError(f"{url}: not a web page (binary content)")
    charset = response.charset_encoding or ""
    return Fetched(url=str(response.url), status=status, content_type=content_type,
                  text=decode_page(data, charset), data=data)


def chunks_before(chunks: Iterator[bytes], deadline: float, timeout: float) -> Iterator[bytes]:
    """The body's raw chunks, stopping with a timeout once the deadline passes (slow drips)."""
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout(f"timed out after {timeout:g} s")
        yield chunk


def decoded_body(chunks: Iterator[bytes], encoding: str, url: str, max_bytes: int) -> bytes:
    """Join and decompress the body, failing as soon as the decoded size passes max_bytes."""
    encoding = encoding.strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise BriefingError(f"{url}: unsupported content encoding {encoding!r}")
    body = bytearray()
    inflater = None
    try:
        for chunk in chunks:
            if encoding in ("gzip", "x-gzip", "deflate"):
                inflater = inflater or zlib.decompressobj(inflate_window(encoding, chunk))
                body += inflate_capped(inflater, chunk, max_bytes + 1 - len(body))
            else:
                body += chunk
            if len(body) > max_bytes:
                raise BriefingError(f"{url}: larger than {size_label(max_bytes)}")
        if inflater is not None:
            body += inflater.flush()
    except zlib.error as exc:
        raise BriefingError(f"{url}: damaged compressed body ({exc})") from None
    except httpx.TimeoutException:
        raise
    except httpx.HTTPError as exc:
        raise Retryable(f"connection lost mid-page ({error_detail(exc)})") from None
    if len(body) > max_bytes:
        raise BriefingError(f"{url}: larger than {size_label(max_bytes)}")
    return bytes(body)


def inflate_window(encoding: str, first_chunk: bytes) -> int:
    if encoding != "deflate":
        return 16 + zlib.MAX_WBITS
    # "deflate" should be zlib-wrapped, but some servers send raw deflate.
    wrapped = len(first_chunk) >= 2 and (first_chunk[0] & 0x0F) == 8 and (
        (first_chunk[0] << 8 | first_chunk[1]) % 31 == 0)
    return zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS


def inflate_capped(inflater: zlib._Decompress, chunk: bytes, room: int) -> bytes:
    """Decompress at most `room` bytes (room >= 1), so a bomb never fills memory."""
    out = bytearray()
    pending = chunk
    while pending and len(out) < room:
        out += inflater.decompress(pending, room - len(out))
        pending = inflater.unconsumed_tail
    return bytes(out)


def decode_page(data: bytes, http_charset: str = "") -> str:
    """Text from bytes: the BOM, the HTTP charset, <meta>/<?xml?> charset, then a guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for label in (http_charset, document_charset(data)):
        text = decode_as(data, label)
        if text is not None:
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guesses = from_bytes(data)
    best = guesses.best()
    if best is None:
        return data.decode("cp1252", errors="replace")
    # A short text fits several code pages equally well ("São" in cp1250 reads "Săo"): then
    # windows-1252, the web's default for text that names no charset (WHATWG), is taken.
    western = next((g for g in guesses if g.encoding == "cp1252"), None)
    if western is not None and (western.chaos, -western.coherence) <= (best.chaos,
                                                                      -best.coherence):
        return str(western)
    return str(best)


def document_charset(data: bytes) -> str:
    head = data[:4096]
    match = XML_ENCODING_RE.search(head) or META_CHARSET_RE.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else ""


def decode_as(data: bytes, label: str) -> str | None:
    """data decoded with the named charset; None when the name is unknown or does not fit."""
    if not label:
        return None
    codec = CHARSET_ALIASES.get(label.strip().lower(), label.strip())
    try:
        return data.decode(codec)
    except (LookupError, UnicodeError):  # "punycode" and friends raise plain UnicodeError
        return None


def media_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


def is_text_type(content_type: str) -> bool:
    return (content_type.startswith("text/") or content_type.endswith("+xml")
            or content_type in TEXT_TYPES)


def declared_length(headers: httpx.Headers) -> int | None:
    try:
        return int(headers.get("content-length", ""))
    except ValueError:
        return None


def status_reason(response: httpx.Response) -> str:
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = response.reason_phrase or "HTTP error"
    return f"{response.status_code} {phrase}"


def connection_reason(exc: Exception) -> str:
    return f"cannot connect ({error_detail(exc)})"


def error_detail(exc: Exception) -> str:
    return ERRNO_RE.sub("", str(exc)).strip() or type(exc).__name__


def retry_after_s(headers: httpx.Headers) -> float | None:
    """Seconds that Retry-After asks for (a number or an HTTP date), or None."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def retry_wait(problem: Retryable, attempt: int, backoff_s: float,
               jitter: Callable[[], float] = random.random) -> float:
    """Seconds before the next attempt: what Retry-After asked, else exponential backoff."""
    if problem.wait_s is not None:
        return problem.wait_s
    return backoff_s * (2 ** (attempt - 1) + jitter())


def give_up_reason(problem: Retryable, attempt: int) -> str:
    notes = [f"after {attempt} tries"] if attempt > 1 else []
    if problem.wait_s is not None:
        notes.append(f"asked to retry after {problem.wait_s:.0f} s")
    return f"{problem} ({', '.join(notes)})" if notes else str(problem)


def size_label(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:g} MB"
    return f"{size / 2**10:g} KB" if size >= 2**10 else f"{size} bytes"
