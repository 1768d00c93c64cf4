"""SOURCE strings -> raw documents: files, stdin, web pages and feeds (one document per entry).

Reading happens in two steps so that a feed of 10,000 entries costs one download, not 10,001:
`collect` reads every source (feeds as their entries, pages not fetched yet), then the newest
entries are chosen, and only then `fetch_pages` downloads the chosen entries' articles.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from briefing.errors import BriefingError
from briefing.feeds import Feed, FeedEntry, looks_like_feed, parse_feed, plain
from briefing.fetch import Fetched, decode_page, fetch, is_public_host
from briefing.model import Document
from briefing.weblinks import canonical_url

MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_STORIES = 8
FUTURE_SLACK = timedelta(days=1)  # time zones and clocks differ; a later date is a mistake
HTML_MARKERS = ("<!doctype html", "<html", "<body", "<article", "<p>", "<div")
HTML_TYPES = ("text/html", "application/xhtml+xml")
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
SUMMARY_ONLY = "only the feed's summary"
WORD_RE = re.compile(r"\w+")
SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
SHINGLE_WORDS = 5
MIN_WORDS_TO_COMPARE = 30  # shorter texts (teasers, "Read more") are not judged by text
SAME_TEXT_JACCARD = 0.8

Fetcher = Callable[..., Fetched]  # fetch's shape: (url, *, public_only=False)


@dataclass(frozen=True)
class Unread:
    """A source (or a feed entry) that gave nothing, and the one-line reason."""

    source: str
    reason: str


def read_sources(sources: Iterable[str], max_stories: int | None = DEFAULT_MAX_STORIES,
                 stdin: BinaryIO | None = None, fetcher: Fetcher = fetch,
                 skip: Callable[[Document], bool] | None = None,
                 ) -> tuple[list[Document], list[Unread]]:
    """Every story the sources give: the newest max_stories across all of them, each once,
    leaving out (before choosing or fetching anything) the documents `skip` rejects.

    None keeps every story (and fetches every feed entry's page: avoid for big feeds).
    A failing source is reported, not raised; the others still count.
    """
    documents, unread = collect_all(sources, stdin, fetcher, skip)
    chosen = select_newest(documents, max_stories) if max_stories else drop_duplicates(documents)
    pages, missing = fetch_chosen(chosen, fetcher)
    return pages, unread + missing


def fetch_chosen(chosen: list[Document], fetcher: Fetcher = fetch
                 ) -> tuple[list[Document], list[Unread]]:
    """The chosen documents with their pages (fetch_pages), less pages that turn out to be
    copies of one another (unchanged documents cannot be: choosing dropped those)."""
    complete, missing = fetch_pages(chosen, fetcher)
    return (complete if complete == chosen else drop_duplicates(complete)), missing


def collect_all(sources: Iterable[str], stdin: BinaryIO | None = None, fetcher: Fetcher = fetch,
                skip: Callable[[Document], bool] | None = None,
                ) -> tuple[list[Document], list[Unread]]:
    """Every source's documents (feed entries' pages not fetched), less those `skip` rejects,
    and a reason for each source that gave none."""
    documents: list[Document] = []
    unread: list[Unread] = []
    for source in sources:
        try:
            documents += collect(source, stdin, fetcher)
        except BriefingError as exc:
            unread.append(Unread(source, str(exc)))
    if skip:
        documents = [d for d in documents if not skip(d)]
    return documents, unread


def read_source(source: str, stdin: BinaryIO | None = None, fetcher: Fetcher = fetch,
                max_stories: int | None = None) -> list[Document]:
    """One SOURCE's documents: a file path, "-" for stdin, or an http(s) URL; a feed gives
    one per entry (its newest max_stories when given). Raises BriefingError when it gives none.
    """
    documents = collect(source, stdin, fetcher)
    if max_stories:
        documents = select_newest(documents, max_stories)
    complete, missing = fetch_pages(documents, fetcher)
    if not complete:
        raise BriefingError(missing[0].reason if missing else f"{source}: gives no story")
    return complete


def collect(source: str, stdin: BinaryIO | None = None, fetcher: Fetcher = fetch
            ) -> list[Document]:
    """A source read without fetching feed entries' pages (see fetch_pages)."""
    if source == "-":
        data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
        return documents_of(to_document(data, origin="standard input"))
    if is_web_address(source):
        documents = documents_of(page_document(fetcher(source), origin=source))
        if not is_public_host(urlsplit(source).hostname or ""):
            return documents  # a feed on this machine or its network may link within it
        return [replace(d, public_links_only=True) if d.from_feed else d for d in documents]
    if SCHEME_RE.match(source):
        raise BriefingError(f"{source}: only http and https addresses can be read")
    return documents_of(to_document(read_file(source), origin=source))


def is_web_address(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def read_file(source: str) -> bytes:
    path = Path(source)
    try:
        if not path.exists():
            raise BriefingError(f"{source}: no such file")
        if path.is_dir():
            raise BriefingError(f"{source}: is a directory; give an article file")
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:  # unreadable, or a name too long to look up
        raise BriefingError(f"{source}: cannot read it ({exc.strerror})") from exc


def to_document(data: bytes, origin: str) -> Document:
    if len(data) > MAX_BYTES:
        raise BriefingError(f"{origin}: larger than {MAX_BYTES // 2**20} MB; not an article")
    if not data.strip():
        raise BriefingError(f"{origin}: is empty; give it an article's text")
    text = decode(data, origin)
    kind = "html" if looks_like_html(text) else "text"
    return Document(text=text, origin=origin, kind=kind)


def decode(data: bytes, origin: str) -> str:
    # UTF-16 text (a Windows "Unicode" .txt) is full of zero bytes; its byte-order mark says so.
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BriefingError(f"{origin}: is a binary file, not text or HTML")
    return decode_page(data)


def looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    return any(marker in head for marker in HTML_MARKERS)


def page_document(fetched: Fetched, origin: str) -> Document:
    """A fetched page as a document; a page with nothing in it is a BriefingError."""
    if not fetched.text.strip():
        raise BriefingError(f"{origin}: is empty; the page has no text")
    is_html = fetched.content_type in HTML_TYPES or looks_like_html(fetched.text)
    return Document(text=fetched.text, origin=origin, kind="html" if is_html else "text",
                    url=fetched.url)


def documents_of(document: Document) -> list[Document]:
    """The document itself, or one document per entry when it is a feed."""
    if not looks_like_feed(document.text):
        return [document]
    feed = parse_feed(document.text, document.url or document.origin)
    return [entry_document(feed, entry, f"{document.origin}#entry-{number}")
            for number, entry in enumerate(feed.entries, start=1)]


def entry_document(feed: Feed, entry: FeedEntry, origin: str) -> Document:
    """The entry's full text when the feed carries it, else its summary, waiting for its page."""
    if entry.content_html:
        text, note = entry.content_html, ""
    elif entry.link:
        text, note = entry.summary_html, SUMMARY_ONLY
    else:
        text, note = entry.summary_html, f"{SUMMARY_ONLY}: the entry has no link"
    return Document(text=text, origin=origin, kind="html", url=entry.link, title=entry.title,
                    author=entry.author, published=entry.published,
                    site=feed.title or host_of(feed.link), note=note, from_feed=True)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def fetch_pages(documents: list[Document], fetcher: Fetcher = fetch
                ) -> tuple[list[Document], list[Unread]]:
    """Feed entries that carry only a summary get their article page; when it can't be had,
    the summary stays, saying why. An entry with neither is reported as unread."""
    complete: list[Document] = []
    missing: list[Unread] = []
    for document in documents:
        try:
            complete.append(with_page(document, fetcher))
        except BriefingError as exc:
            missing.append(Unread(document.origin, str(exc)))
    return complete, missing


def with_page(document: Document, fetcher: Fetcher) -> Document:
    if document.note != SUMMARY_ONLY:
        return document
    try:
        fetched = (fetcher(document.url, public_only=True) if document.public_links_only
                   else fetcher(document.url))
        page = page_document(fetched, origin=document.origin)
    except BriefingError as exc:
        reason = str(exc).removeprefix(f"{document.url}: ").removeprefix(f"{document.origin}: ")
        if not plain(document.text):
            raise BriefingError(f"{document.origin}: {reason}; the feed has no summary") from None
        return replace(document, note=f"{SUMMARY_ONLY}: {reason}")
    return replace(document, text=page.text, kind=page.kind, url=page.url, note="")


def select_newest(documents: list[Document], max_stories: int) -> list[Document]:
    """max_stories documents, newest first, undated ones after in their own order.

    A file or page the user named comes before any feed entry (a feed's newest eight never
    push out the article given beside it); feed entries fill the places left, newest first.
    A duplicate of one already chosen does not take a place.
    """
    named = newest_first([d for d in documents if not d.from_feed])
    entries = newest_first([d for d in documents if d.from_feed])
    chosen = {id(d) for d in distinct(named + entries, max_stories)}
    return [d for d in newest_first(documents) if id(d) in chosen]


def newest_first(documents: list[Document]) -> list[Document]:
    """Dated documents newest first, then the undated ones in their own order."""
    dated = [d for d in documents if published_at(d) is not None]
    dated.sort(key=published_at, reverse=True)  # stable: equal times keep their order
    return dated + [d for d in documents if published_at(d) is None]


def drop_duplicates(documents: list[Document]) -> list[Document]:
    """The documents in order, without later copies of the same story."""
    return distinct(documents)


def distinct(documents: list[Document], limit: int | None = None) -> list[Document]:
    """The first `limit` documents (all when None) that are not copies of an earlier one."""
    chosen: list[Document] = []
    seen = StoryIndex()
    for document in documents:
        if limit is not None and len(chosen) >= limit:
            break
        if seen.add(Fingerprint.of(document)):
            chosen.append(document)
    return chosen


def published_at(document: Document) -> datetime | None:
    """When the document says it was published; None when it does not say, or says a time
    more than a day ahead (a mistake, which would otherwise lead every briefing)."""
    try:
        when = datetime.fromisoformat(document.published.strip())
    except ValueError:
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return None if when > datetime.now(UTC) + FUTURE_SLACK else when


@dataclass(frozen=True)
class Fingerprint:
    """What tells two documents are the same story: canonical URL and five-word runs."""

    url: str
    shingles: frozenset[tuple[str, ...]]

    @classmethod
    def of(cls, document: Document) -> Fingerprint:
        return cls(canonical_url(document.url) if document.url else "", shingles(document.text))

    @classmethod
    def of_text(cls, text: str) -> Fingerprint:
        """Text alone, without an address (an extracted article's)."""
        return cls("", shingles(text))

    def same_story(self, other: Fingerprint) -> bool:
        """Same canonical URL, or near-identical text (Jaccard >= 0.8 of five-word runs)."""
        if self.url and self.url == other.url:
            return True
        if not self.shingles or not other.shingles:
            return False
        shared = len(self.shingles & other.shingles)
        return shared / len(self.shingles | other.shingles) >= SAME_TEXT_JACCARD


class StoryIndex:
    """The stories kept so far, found again by URL or by their five-word runs."""

    def __init__(self) -> None:
        self.kept: list[Fingerprint] = []
        self.urls: set[str] = set()
        self.stories_by_run: dict[tuple[str, ...], list[int]] = defaultdict(list)

    def add(self, fingerprint: Fingerprint) -> bool:
        """Keep a story unless it copies a kept one; True when it was kept."""
        if self.has_copy_of(fingerprint):
            return False
        if fingerprint.url:
            self.urls.add(fingerprint.url)
        for shingle in fingerprint.shingles:
            self.stories_by_run[shingle].append(len(self.kept))
        self.kept.append(fingerprint)
        return True

    def has_copy_of(self, fingerprint: Fingerprint) -> bool:
        """Whether a kept story has the same URL or nearly the same text. Only stories that
        share a five-word run with it can be copies, so only those are compared."""
        if fingerprint.url in self.urls:
            return True
        sharing = {i for shingle in fingerprint.shingles
                   for i in self.stories_by_run.get(shingle, ())}
        return any(fingerprint.same_story(self.kept[i]) for i in sorted(sharing))


def same_text(a: str, b: str) -> bool:
    """Near-identical visible text (usable on extracted article text too)."""
    return Fingerprint.of_text(a).same_story(Fingerprint.of_text(b))


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = WORD_RE.findall(plain(SCRIPT_RE.sub(" ", text)).lower())
    if len(words) < MIN_WORDS_TO_COMPARE:
        return frozenset()
    return frozenset(tuple(words[i:i + SHINGLE_WORDS])
                     for i in range(len(words) - SHINGLE_WORDS + 1))
