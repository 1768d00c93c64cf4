"""The podcast feed: RSS 2.0 with the iTunes, Podcasting 2.0 and Podlove chapter tags; all atomic.

feedgen writes the RSS and iTunes parts; two small extensions add what it lacks (podcast:guid,
podcast:transcript, podcast:chapters, psc:chapters) and itunes:explicit as Apple wants it.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from briefing.cover import cover_name
from briefing.episode import atomic_path, timestamp
from briefing.errors import BriefingError
from briefing.model import Chapter, PublishedEpisode, Show
from briefing.weblinks import web_link

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PSC_NS = "http://podlove.org/simple-chapters"
# The namespace the Podcasting 2.0 spec fixes for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
FEED_NAME = "feed.xml"
TRANSCRIPT_TYPES = (
    ("transcript_vtt", "text/vtt"),
    ("transcript_srt", "application/x-subrip"),
    ("transcript_txt", "text/plain"),
)


def write_feed(
    show: Show, episodes: Sequence[PublishedEpisode], out_dir: Path, feed_name: str = FEED_NAME,
    *, built: datetime | None = None, guid: str = "",
) -> Path:
    """Write out_dir/feed_name listing `episodes` newest first; every referenced file must exist.
    `guid` is the show's podcast:guid (made from the feed's address when not given)."""
    base = base_url(show)
    check_files_exist(show, episodes, out_dir)
    feed_url = file_url(base, feed_name)
    generator = channel(show, base, feed_url, built or datetime.now(UTC),
                        guid or podcast_guid(feed_url))
    for episode in sorted(episodes, key=published_at, reverse=True):
        add_item(generator, episode, base, out_dir)
    path = out_dir / feed_name
    with atomic_path(path) as tmp:
        tmp.write_bytes(generator.rss_str(pretty=True))
    return path


def base_url(show: Show) -> str:
    """The show's base URL, ending in a slash; the feed needs absolute addresses."""
    if not web_link(show.base_url):
        raise BriefingError(
            f"The show's base_url is {show.base_url!r}: set it to the http(s) address where "
            "the output folder is served, e.g. https://example.org/briefing/"
        )
    # A space or other character a URL cannot hold is percent-encoded; what is already
    # encoded stays as it is.
    return quote(show.base_url.rstrip("/"), safe=":/?#[]@!$&'()*+,;=%~") + "/"



def show_guid(show: Show) -> str:
    """The podcast:guid the show's feed address gives it (see State.podcast_guid)."""
    return podcast_guid(file_url(base_url(show), FEED_NAME))


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without its scheme and trailing slashes (Podcasting 2.0)."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def referenced_files(show: Show, episodes: Sequence[PublishedEpisode]) -> list[str]:
    """Every file name in out/ that the feed links to."""
    names = [cover_name(show)]
    for episode in episodes:
        names.append(episode.mp3)
        names += [getattr(episode, field) for field, _ in TRANSCRIPT_TYPES]
        names.append(episode.chapters_json)
    return [name for name in names if name]


def check_files_exist(show: Show, episodes: Sequence[PublishedEpisode], out_dir: Path) -> None:
    missing = [name for name in referenced_files(show, episodes) if not (out_dir / name).is_file()]
    if missing:
        raise BriefingError(
            f"The feed would link to files missing from {out_dir}: {', '.join(missing)}. "
            "Generate them (or drop the episodes) before publishing."
        )


def published_at(episode: PublishedEpisode) -> datetime:
    """The episode's date-time; a value without a time zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(episode.published)
    except ValueError as error:
        raise BriefingError(
            f"Episode {episode.guid!r} has a bad date {episode.published!r}: use ISO 8601."
        ) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def channel(show: Show, base: str, feed_url: str, built: datetime, guid: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("podcast")
    generator.register_extension("briefing", ChannelExtension, ItemExtension)
    generator.title(show.title)
    generator.description(show.description)
    generator.link(href=feed_url, rel="self")
    generator.link(href=base, rel="alternate")  # the last link set becomes RSS <link>
    generator.language(show.language)
    generator.lastBuildDate(built)
    generator.generator("briefing")
    cover = file_url(base, cover_name(show))
    generator.image(url=cover, title=show.title, link=base)
    generator.podcast.itunes_image(cover)
    generator.podcast.itunes_category(category_tree(show.category))
    generator.podcast.itunes_author(show.author)
    if show.email:  # feedgen (and Apple) want both the owner's name and e-mail, or neither
        generator.podcast.itunes_owner(name=show.author, email=show.email)
    generator.podcast.itunes_summary(show.description)
    generator.podcast.itunes_type("episodic")
    generator.briefing.explicit = show.explicit
    generator.briefing.guid = guid
    return generator


def category_tree(category: str) -> dict[str, str]:
    """'News' or 'News/Daily News' -> feedgen's {'cat': ..., 'sub': ...}."""
    top, _, sub = (part.strip() for part in category.partition("/"))
    return {"cat": top, "sub": sub} if sub else {"cat": top}


def add_item(generator: FeedGenerator, episode: PublishedEpisode, base: str, out_dir: Path) -> None:
    entry = generator.add_entry(order="append")
    entry.title(episode.title)
    entry.description(item_description(episode))
    entry.guid(episode.guid, permalink=False)
    entry.pubDate(published_at(episode))
    size = (out_dir / episode.mp3).stat().st_size
    entry.enclosure(file_url(base, episode.mp3), str(size), "audio/mpeg")
    entry.podcast.itunes_duration(itunes_duration(episode.duration_s))
    entry.podcast.itunes_episode_type("full")
    entry.briefing.transcripts = [
        (file_url(base, getattr(episode, field)), kind)
        for field, kind in TRANSCRIPT_TYPES if getattr(episode, field)
    ]
    entry.briefing.chapters_url = file_url(base, episode.chapters_json)
    entry.briefing.chapters = episode.chapters


def file_url(base: str, name: str) -> str:
    """The address of a file in out/, or "" for no file."""
    return base + quote(name) if name else ""


def item_description(episode: PublishedEpisode) -> str:
    """The episode's description and its stories as an HTML list of links."""
    parts = [f"<p>{text(episode.description)}</p>"] if episode.description else []
    if episode.stories:
        items = "".join(story_item(title, url) for title, url in episode.stories)
        parts.append(f"<ol>{items}</ol>")
    return "".join(parts) or text(episode.title)


def story_item(title: str, url: str) -> str:
    if not url:
        return f"<li>{text(title)}</li>"
    return f'<li><a href="{html.escape(url)}">{text(title)}</a></li>'


def text(words: str) -> str:
    """Words as HTML text: only <, > and & escaped (apps that show descriptions as plain text
    would otherwise show "&#x27;" or drop the apostrophe)."""
    return html.escape(words, quote=False)


def itunes_duration(seconds: float) -> str:
    """HH:MM:SS, which every app reads."""
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


class ChannelExtension(BaseExtension):
    """podcast:guid and a true/false itunes:explicit, which feedgen 1.0 cannot write."""

    def __init__(self) -> None:
        self.explicit = False
        self.guid = ""

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "psc": PSC_NS}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel_element = feed[0]
        explicit = xml_elem(f"{{{ITUNES_NS}}}explicit", channel_element)
        explicit.text = "true" if self.explicit else "false"
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel_element).text = self.guid
        return feed


class ItemExtension(BaseEntryExtension):
    """podcast:transcript, podcast:chapters and psc:chapters for one item."""

    def __init__(self) -> None:
        self.transcripts: list[tuple[str, str]] = []
        self.chapters_url = ""
        self.chapters: Sequence[Chapter] = ()

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "psc": PSC_NS}

    def extend_rss(self, item: etree._Element) -> etree._Element:
        for url, kind in self.transcripts:
            transcript = xml_elem(f"{{{PODCAST_NS}}}transcript", item, url=url, type=kind)
            if kind != "text/plain":
                transcript.attrib["rel"] = "captions"
        if self.chapters_url:
            xml_elem(f"{{{PODCAST_NS}}}chapters", item, url=self.chapters_url,
                     type="application/json+chapters")
        if self.chapters:
            self.add_simple_chapters(item)
        return item

    def add_simple_chapters(self, item: etree._Element) -> None:
        chapters = xml_elem(f"{{{PSC_NS}}}chapters", item, version="1.2")
        for chapter in self.chapters:
            element = xml_elem(f"{{{PSC_NS}}}chapter", chapters,
                               start=timestamp(chapter.start_ms), title=chapter.title)
            if chapter.url:
                element.attrib["href"] = chapter.url

