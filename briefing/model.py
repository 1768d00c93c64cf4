"""The plain data that passes from one pipeline stage to the next.

sources -> Article -> sentences -> Story -> Script -> Segment -> Episode
Nothing here imports anything else of ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One raw input before extraction: the bytes decoded to text, and where they came from.

    A feed entry arrives as a Document too, carrying what the feed said about it.
    """

    text: str
    origin: str  # what the user gave: a path, "-", a URL, or "feed URL#entry"
    kind: str = "text"  # "text" or "html"
    url: str = ""  # the article's own address, when known
    title: str = ""
    author: str = ""
    published: str = ""  # ISO 8601 when known
    site: str = ""  # site or feed name
    note: str = ""  # e.g. "only the feed's summary: the page could not be fetched"
    from_feed: bool = False  # an entry of a feed, rather than a file or page named by the user
    public_links_only: bool = False  # its link came from a feed on the public web


@dataclass(frozen=True)
class Article:
    """A cleaned article: its own paragraphs, in order, and what we know about it."""

    title: str
    paragraphs: tuple[str, ...]
    source: str = ""  # the site or feed name; empty for a file or text without one
    url: str = ""
    author: str = ""
    published: str = ""  # ISO 8601 date when known
    language: str = "en"
    genre: str = ""  # "opinion" for an opinion piece, announced as one
    headings: tuple[int, ...] = ()  # paragraphs the page sets as headings (<h1>-<h6>)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int  # index of the paragraph it came from
    index: int  # position in the article
    heading: bool = False  # the page sets its paragraph as a heading


@dataclass(frozen=True)
class Story:
    """What the summary chose from one article, in article order."""

    article: Article
    sentences: tuple[Sentence, ...]

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)


@dataclass(frozen=True)
class Part:
    """One spoken (or sounded) piece of the script.

    kind: "intro_tone", "opening", "title", "sentence", "transition", "closing", "outro_tone".
    pause_after_ms is the silence that follows it.
    """

    kind: str
    text: str = ""
    story_index: int | None = None
    pause_after_ms: int = 0


@dataclass(frozen=True)
class Script:
    parts: tuple[Part, ...]
    title: str


@dataclass(frozen=True)
class Segment:
    """A part placed on the timeline of the finished audio."""

    part: Part
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int
    url: str = ""


@dataclass(frozen=True)
class LeftOut:
    """A story that was read but not aired, and why (one line for the user). for_good: no
    later run of the show would air it either (a story in another language)."""

    article: Article
    reason: str
    for_good: bool = False


@dataclass(frozen=True)
class Episode:
    mp3_path: Path
    transcript_path: Path
    duration_s: float
    title: str
    stories: tuple[Story, ...]
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    segments: tuple[Segment, ...] = field(default_factory=tuple)
    left_out: tuple[LeftOut, ...] = ()


@dataclass(frozen=True)
class Show:
    """The podcast: what the feed and the landing page say about it."""

    title: str = "News Briefing"
    description: str = "A daily audio news briefing."
    author: str = "briefing"
    email: str = ""
    language: str = "en"
    category: str = "News"
    explicit: bool = False
    base_url: str = ""  # where out/ is served, e.g. https://example.org/briefing/
    image: str = ""  # file name of the cover art inside out/


@dataclass(frozen=True)
class PublishedEpisode:
    """One episode as the feed lists it; files are names relative to out/."""

    guid: str
    title: str
    description: str
    published: str  # ISO 8601 date-time with time zone
    mp3: str
    mp3_bytes: int
    duration_s: float
    transcript_vtt: str = ""
    transcript_srt: str = ""
    transcript_txt: str = ""
    chapters_json: str = ""
    stories: tuple[tuple[str, str], ...] = ()  # (title, url) per story
    chapters: tuple[Chapter, ...] = ()
