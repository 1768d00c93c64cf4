"""The podcast feed, read back by feedparser, lxml and a podcast app's own parser (node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from lxml import etree
from PIL import Image

from briefing.episode import chapters_json, srt
from briefing.errors import BriefingError
from briefing.feed import ITUNES_NS, PODCAST_NS, PSC_NS, podcast_guid, write_feed
from briefing.model import Chapter, Part, PublishedEpisode, Segment, Show

BASE = "https://example.org/briefing/"
JS_DIR = Path(__file__).parent / "js"
NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "psc": PSC_NS,
      "atom": "http://www.w3.org/2005/Atom"}


def tiny_mp3(path: Path, seconds: float) -> Path:
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"sine=frequency=440:duration={seconds}", "-ac", "1", "-b:a", "96k", str(path)],
        check=True,
    )
    return path


def make_episode(out: Path, stem: str, published: str, seconds: float = 3) -> PublishedEpisode:
    """A real episode's files in `out`: MP3, text, VTT, SRT and JSON chapters."""
    tiny_mp3(out / f"{stem}.mp3", seconds)
    third = int(seconds * 1000) // 3
    chapters = (Chapter("Intro", 0, third), Chapter("Rain & wind", third, 2 * third,
                "https://news.example/rain?a=1&b=2"), Chapter("Outro", 2 * third, 3 * third))
    segments = [Segment(Part("sentence", c.title), c.start_ms, c.end_ms) for c in chapters]
    (out / f"{stem}.txt").write_text("Intro.\n\nRain and wind.\n\nOutro.\n", encoding="utf-8")
    (out / f"{stem}.vtt").write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nIntro.\n")
    (out / f"{stem}.srt").write_text(srt(segments), encoding="utf-8")
    (out / f"{stem}.chapters.json").write_text(chapters_json(list(chapters), stem))
    return PublishedEpisode(
        guid=f"briefing-{stem}", title=f"Briefing {stem}", description="Weather & more.",
        published=published, mp3=f"{stem}.mp3", mp3_bytes=(out / f"{stem}.mp3").stat().st_size,
        duration_s=seconds, transcript_vtt=f"{stem}.vtt", transcript_srt=f"{stem}.srt",
        transcript_txt=f"{stem}.txt", chapters_json=f"{stem}.chapters.json",
        stories=(("Rain & wind", "https://news.example/rain?a=1&b=2"), ("No link", "")),
        chapters=chapters,
    )


def make_show(out: Path, **changes: object) -> Show:
    Image.new("RGB", (1400, 1400), "navy").save(out / "cover.png")
    fields = {"title": "Test Show", "description": "News, read aloud.", "author": "Ann Author",
              "email": "ann@example.org", "base_url": BASE.rstrip("/"), "image": "cover.png"}
    fields.update(changes)
    return Show(**fields)


@pytest.fixture
def published(tmp_path: Path) -> tuple[Show, list[PublishedEpisode], Path]:
    episodes = [make_episode(tmp_path, "2026-01-01-old", "2026-01-01T06:30:00+01:00", 2),
                make_episode(tmp_path, "2026-01-02-new", "2026-01-02T06:30:00+01:00", 3)]
    return make_show(tmp_path), episodes, tmp_path


def xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def test_feedparser_reads_channel_and_items(published):
    show, episodes, out = published
    parsed = feedparser.parse(str(write_feed(show, episodes, out)))
    assert not parsed.bozo
    feed = parsed.feed
    assert feed.title == "Test Show"
    assert feed.subtitle == "News, read aloud."
    assert feed.link == BASE
    assert feed.language == "en"
    assert feed.image.href == BASE + "cover.png"
    assert feed.itunes_type == "episodic"
    assert feed.author_detail == {"name": "Ann Author", "email": "ann@example.org"}
    assert [tag.term for tag in feed.tags] == ["News"]
    assert {"rel": "self", "href": BASE + "feed.xml"}.items() <= feed.links[1].items()
    assert feed.podcast_guid == podcast_guid(BASE + "feed.xml")
    assert [entry.id for entry in parsed.entries] == ["briefing-2026-01-02-new",
                                                      "briefing-2026-01-01-old"]
    newest = parsed.entries[0]
    assert newest.published == "Fri, 02 Jan 2026 06:30:00 +0100"
    assert newest.itunes_episodetype == "full"
    assert '<a href="https://news.example/rain?a=1&amp;b=2">Rain &amp; wind</a>' in newest.summary
    assert newest.psc_chapters["chapters"][1]["start"] == "00:00:01.000"


def test_enclosure_length_is_the_file_size_and_duration_is_right(published):
    show, episodes, out = published
    (out / episodes[0].mp3).write_bytes((out / episodes[0].mp3).read_bytes() + b"\0" * 10)
    parsed = feedparser.parse(str(write_feed(show, episodes, out)))
    for entry, episode in zip(parsed.entries, reversed(episodes), strict=True):
        enclosure = next(link for link in entry.links if link.rel == "enclosure")
        assert enclosure.href == BASE + episode.mp3
        assert enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == (out / episode.mp3).stat().st_size
        assert entry.itunes_duration == f"00:00:{round(episode.duration_s):02d}"


def test_guids_are_stable_across_rewrites(published):
    show, episodes, out = published
    first = xml(write_feed(show, episodes[:1], out,
                           built=datetime(2026, 1, 1, tzinfo=UTC)))
    second = xml(write_feed(show, episodes, out))
    old_guid = "briefing-2026-01-01-old"
    assert first.xpath("//item/guid/text()") == [old_guid]
    assert second.xpath("//item/guid/text()")[-1] == old_guid
    assert second.xpath("//item/guid/@isPermaLink") == ["false", "false"]
    assert first.xpath("//podcast:guid/text()", namespaces=NS) == \
        second.xpath("//podcast:guid/text()", namespaces=NS)


@pytest.mark.parametrize(("explicit", "expected"), [(False, "false"), (True, "true")])
def test_apple_required_tags_and_explicit_true_false(published, explicit, expected):
    show, episodes, out = published
    root = xml(write_feed(make_show(out, explicit=explicit), episodes, out))
    channel = root.find("channel")
    for tag in ("title", "description", "link", "language", "itunes:image", "itunes:category",
                "itunes:explicit", "itunes:author", "itunes:owner/itunes:email",
                "itunes:owner/itunes:name", "itunes:type", "atom:link", "lastBuildDate"):
        assert channel.find(tag, NS) is not None, tag
    assert channel.findtext("itunes:explicit", namespaces=NS) == expected
    assert len(channel.findall("itunes:explicit", NS)) == 1
    for item in channel.findall("item"):
        for tag in ("title", "description", "guid", "pubDate", "enclosure", "itunes:duration",
                    "itunes:episodeType", "podcast:chapters", "psc:chapters"):
            assert item.find(tag, NS) is not None, tag


def test_transcripts_and_chapters_are_linked(published):
    show, episodes, out = published
    item = xml(write_feed(show, episodes, out)).find("channel/item")
    transcripts = {t.get("type"): t.get("url") for t in item.findall("podcast:transcript", NS)}
    stem = "2026-01-02-new"
    assert transcripts == {"text/vtt": f"{BASE}{stem}.vtt",
                           "application/x-subrip": f"{BASE}{stem}.srt",
                           "text/plain": f"{BASE}{stem}.txt"}
    chapters = item.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    assert chapters.get("url") == f"{BASE}{stem}.chapters.json"
    simple = [dict(c.attrib) for c in item.findall("psc:chapters/psc:chapter", NS)]
    assert simple[1] == {"start": "00:00:01.000", "title": "Rain & wind",
                         "href": "https://news.example/rain?a=1&b=2"}


def test_every_referenced_file_exists(published):
    show, episodes, out = published
    root = xml(write_feed(show, episodes, out))
    urls = root.xpath("//enclosure/@url | //itunes:image/@href | //podcast:transcript/@url"
                      " | //podcast:chapters/@url | //image/url/text()", namespaces=NS)
    assert len(urls) == 2 + 2 * (1 + 3 + 1)
    for url in urls:
        assert url.startswith(BASE)
        assert (out / unquote(urlsplit(url).path.rsplit("/", 1)[-1])).is_file(), url


def test_a_missing_file_or_base_url_is_refused(published):
    show, episodes, out = published
    (out / episodes[1].transcript_srt).unlink()
    with pytest.raises(BriefingError, match="2026-01-02-new.srt"):
        write_feed(show, episodes, out)
    assert not (out / "feed.xml").exists()
    with pytest.raises(BriefingError, match="base_url"):
        write_feed(make_show(out, base_url=""), episodes[:1], out)


def test_podcast_guid_follows_the_podcasting_2_0_example():
    # The example given by the podcast namespace's own documentation.
    expected = "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("https://podnews.net/rss") == expected
    assert podcast_guid("http://podnews.net/rss/") == expected


def node_parse(feed: Path) -> dict:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (JS_DIR / "node_modules" / "podcast-partytime").is_dir():
        pytest.fail("tests/js has no node_modules: run `npm ci --prefix tests/js`")
    result = subprocess.run(["node", str(JS_DIR / "parse_feed.js"), str(feed)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_podcast_index_parser_reads_the_feed(published):
    show, episodes, out = published
    parsed = node_parse(write_feed(show, episodes, out))
    assert parsed["title"] == "Test Show"
    assert parsed["explicit"] is False
    assert parsed["itunesImage"] == BASE + "cover.png"
    assert parsed["itunesCategory"] == ["News"]
    assert parsed["itunesType"] == "episodic"
    assert parsed["owner"] == {"name": "Ann Author", "email": "ann@example.org"}
    assert parsed["guid"] == podcast_guid(BASE + "feed.xml")
    assert parsed["pubsub"]["self"] == BASE + "feed.xml"
    newest = parsed["items"][0]
    assert newest["guid"] == "briefing-2026-01-02-new"
    assert newest["enclosure"] == {"url": BASE + episodes[1].mp3, "type": "audio/mpeg",
                                   "length": (out / episodes[1].mp3).stat().st_size}
    assert newest["duration"] == 3
    assert newest["itunesEpisodeType"] == "full"
    # partytime recognises application/x-subrip and reports it by its own name for SRT.
    assert {t["type"]: t["url"] for t in newest["podcastTranscripts"]} == {
        "text/vtt": BASE + episodes[1].transcript_vtt,
        "application/srt": BASE + episodes[1].transcript_srt,
        "text/plain": BASE + episodes[1].transcript_txt,
    }
    assert newest["podcastChapters"]["url"] == BASE + episodes[1].chapters_json
    assert [item["pubDate"] for item in parsed["items"]] == \
        ["2026-01-02T05:30:00.000Z", "2026-01-01T05:30:00.000Z"]


def test_a_base_url_with_a_space_gives_addresses_that_are_urls(published):
    show, episodes, out = published
    show = replace(show, base_url="https://example.org/my pod/")
    parsed = feedparser.parse(write_feed(show, episodes, out).read_bytes())
    assert parsed.feed.image.href == "https://example.org/my%20pod/cover.png"
    assert parsed.entries[0].enclosures[0].href == (
        "https://example.org/my%20pod/2026-01-02-new.mp3")
    encoded = replace(show, base_url="https://example.org/my%20pod/")  # not encoded twice
    assert feedparser.parse(write_feed(encoded, episodes, out).read_bytes()).feed.image.href \
        == "https://example.org/my%20pod/cover.png"


def test_an_apostrophe_in_a_description_stays_an_apostrophe(published):
    show, episodes, out = published
    episodes = [replace(episodes[0], description="It's all about the weather.",
                        stories=(("Rain's back", ""),))]
    xml = write_feed(show, episodes, out).read_text(encoding="utf-8")
    assert "&#x27;" not in xml and "&amp;#x27;" not in xml
    summary = feedparser.parse(xml).entries[0].summary
    assert "<p>It's all about the weather.</p>" in summary and "<li>Rain's back</li>" in summary


def test_the_podcast_guid_given_is_the_one_written(published):
    show, episodes, out = published
    feed = feedparser.parse(write_feed(show, episodes, out, guid="kept-guid").read_bytes()).feed
    assert feed.podcast_guid == "kept-guid"
