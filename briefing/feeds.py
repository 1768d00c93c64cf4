"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: recognised by content, parsed safely with feedparser."""

from __future__ import annotations

import calendar
import html
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from briefing.errors import BriefingError
from briefing.weblinks import web_link

# Text before the root element that does not decide what the document is.
PROLOGUE_RE = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*",
                         re.S | re.I)
ROOT_RE = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
RSS1_NAMESPACES = ("purl.org/rss/1.0", "my.netscape.com/rdf/simple/0.9")
ENTITY_RE = re.compile(r"<!\s*ENTITY", re.I)
XML_DECLARATION_RE = re.compile(r"\A(\ufeff?\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[\w.:-]+\2")
TAG_RE = re.compile(r"<[^>]*>")
SPACE_RE = re.compile(r"\s+")
# Full text when the content has at least this much text and clearly more than the summary.
MIN_FULL_TEXT_CHARS = 500
FULL_TEXT_RATIO = 1.5


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str  # "" when the feed gives no http(s) link
    published: str = ""  # ISO 8601 in UTC, "" when undated
    author: str = ""
    content_html: str = ""  # the full article, only when the feed carries it
    summary_html: str = ""


@dataclass(frozen=True)
class Feed:
    title: str
    link: str
    entries: list[FeedEntry]


def looks_like_feed(text: str) -> bool:
    """True for RSS 2.0/0.9x, RSS 1.0 (RDF) and Atom documents, judged by the root element."""
    head = text[:65536].lstrip("\ufeff")
    prologue = PROLOGUE_RE.match(head)
    root = ROOT_RE.match(head, prologue.end() if prologue else 0)
    if root is None:
        return False
    name = root.group(2).lower()
    if name in ("rss", "feed"):
        return True
    return name == "rdf" and any(namespace in head[:4096] for namespace in RSS1_NAMESPACES)


def parse_feed(text: str, origin: str) -> Feed:
    """The feed's title, link and entries; unsafe or unreadable XML is a BriefingError."""
    import feedparser  # only needed when there is a feed

    if ENTITY_RE.search(text):
        raise BriefingError(f"{origin}: refused: the feed declares XML entities (unsafe)")
    parsed = feedparser.parse(
        io.BytesIO(as_utf8_xml(text)),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        resolve_relative_uris=False,
    )
    base = web_link(origin)  # relative entry links resolve against the feed's own address
    entries = [to_entry(entry, base) for entry in parsed.entries if has_story(entry)]
    if parsed.bozo and not entries:
        raise BriefingError(f"{origin}: not a readable feed ({bozo_reason(parsed)})")
    if not entries:
        raise BriefingError(f"{origin}: the feed has no entries")
    info = parsed.feed
    return Feed(title=plain(info.get("title", "")), link=web_link(info.get("link", "")),
                entries=entries)


def as_utf8_xml(text: str) -> bytes:
    """The text as UTF-8 bytes, its XML declaration saying so (the text is already decoded)."""
    return XML_DECLARATION_RE.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")


def has_story(entry: dict) -> bool:
    return any(entry.get(key) for key in ("title", "link", "summary", "content"))


def to_entry(entry: dict, base: str = "") -> FeedEntry:
    summary = real_summary(entry)
    return FeedEntry(
        title=plain(entry.get("title", "")),
        link=entry_link(entry, base),
        published=iso_time(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=entry_author(entry),
        content_html=full_content(entry, summary),
        summary_html=summary or longest_content(entry),
    )


def real_summary(entry: dict) -> str:
    # feedparser copies the content into "summary" when there is none; summary_detail tells.
    return entry.get("summary", "") if "summary_detail" in entry else ""


def longest_content(entry: dict) -> str:
    values = [c.get("value", "") for c in entry.get("content", [])
              if c.get("type", "text/html") in ("text/html", "application/xhtml+xml",
                                                "text/plain")]
    return max(values, key=len, default="")


def full_content(entry: dict, summary: str) -> str:
    """The content when it carries the whole article: long, and clearly more than the summary."""
    content = longest_content(entry)
    length = len(plain(content))
    if length < MIN_FULL_TEXT_CHARS or length < FULL_TEXT_RATIO * len(plain(summary)):
        return ""
    return content


def entry_link(entry: dict, base: str = "") -> str:
    given = entry.get("link", "").strip()
    # Resolved against the feed's address, an empty link would be the feed itself.
    link = web_link(urljoin(base, given)) if given else ""
    if not link and not entry.get("guidislink", True):
        return ""
    return link or web_link(entry.get("id", ""))


def entry_author(entry: dict) -> str:
    detail = entry.get("author_detail") or {}
    return plain(detail.get("name") or entry.get("author", ""))


def iso_time(parsed: time.struct_time | None) -> str:
    if not parsed:
        return ""
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return ""


def plain(markup: str) -> str:
    """Visible text of a bit of HTML, on one line."""
    return SPACE_RE.sub(" ", html.unescape(TAG_RE.sub(" ", markup or ""))).strip()


def bozo_reason(parsed: dict) -> str:
    exception = parsed.get("bozo_exception")
    reason = getattr(exception, "getMessage", lambda: str(exception))()
    line = getattr(exception, "getLineNumber", lambda: None)()
    return f"{reason} at line {line}" if line else str(reason) or "malformed XML"
