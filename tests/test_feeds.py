"""Tests for briefing.feeds: recognising feeds by content and parsing them safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.feeds import looks_like_feed, parse_feed
from briefing.fetch import decode_page

FEEDS = Path(__file__).parent / "data" / "feeds"
PAGES = Path(__file__).parent / "data" / "pages"


def feed_text(name: str) -> str:
    return decode_page((FEEDS / name).read_bytes())


def parse_error(name: str) -> str:
    with pytest.raises(BriefingError) as caught:
        parse_feed(feed_text(name), name)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{name}: ")
    return message


@pytest.mark.parametrize("name", ["world-full.xml", "business-full.xml", "rdf.xml",
                                  "links-only.xml"])
def test_feeds_are_recognised_by_content(name):
    assert looks_like_feed(feed_text(name))


@pytest.mark.parametrize("text", [
    (PAGES / "harbour-bridge.html").read_text(),
    "Just some text about an <rss> feed we read.",
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',  # RDF, not RSS 1.0
    "",
])
def test_other_documents_are_not_feeds(text):
    assert not looks_like_feed(text)


def test_a_feed_behind_comments_and_a_doctype_is_recognised():
    text = ('\ufeff<?xml version="1.0"?>\n<!-- generated -->\n'
            '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"/>')
    assert looks_like_feed(text)


def test_rss_with_full_content():
    feed = parse_feed(feed_text("world-full.xml"), "world-full.xml")
    assert (feed.title, feed.link) == ("Coastal Times: World", "https://coastaltimes.example/world")
    first = feed.entries[0]
    assert first.title == "Harbour bridge reopens after two-year repair"
    assert first.link == "https://coastaltimes.example/news/harbour-bridge-reopens"
    assert first.published == "2024-05-06T09:30:00+00:00"
    assert first.author == "Maria Lindqvist"
    assert "112 steel cables" in first.content_html
    assert first.summary_html == "The bridge is open again."
    assert len(feed.entries) == 3


def test_atom_content_counts_only_when_it_is_the_whole_article():
    feed = parse_feed(feed_text("business-full.xml"), "business-full.xml")
    assert all(entry.content_html for entry in feed.entries)
    teasers = parse_feed(feed_text("links-only.xml"), "https://regional.example/feed")
    assert not any(entry.content_html for entry in teasers.entries)
    assert teasers.entries[0].summary_html.startswith("Sleeper services")


def test_a_short_content_is_a_teaser_not_the_article():
    text = ('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            "<channel><title>T</title><item><title>Short</title><link>https://a.example/1</link>"
            "<description>Teaser.</description>"
            "<content:encoded>&lt;p&gt;A few words more than the teaser.&lt;/p&gt;"
            "</content:encoded></item></channel></rss>")
    entry = parse_feed(text, "t").entries[0]
    assert entry.content_html == ""
    assert entry.summary_html == "Teaser."


def test_relative_links_resolve_against_the_feed_address():
    feed = parse_feed(feed_text("links-only.xml"), "https://regional.example/feeds/briefs.xml")
    assert feed.entries[0].link == "https://regional.example/pages/night-trains.html"
    assert feed.entries[0].author == "Ola Nordmann"
    assert feed.entries[1].published == "2024-05-09T08:00:00+00:00"


def test_rss_1_in_latin_1():
    feed = parse_feed(feed_text("rdf.xml"), "rdf.xml")
    entry = feed.entries[0]
    assert feed.title == "Valley Gazette"
    assert entry.title == "Village fête draws record crowd"
    assert entry.author == "Anna Björk"
    assert entry.published == "2024-05-05T16:00:00+00:00"
    assert entry.summary_html.startswith("More than 3,000 visitors came to the fête")


def test_file_links_are_never_kept():
    feed = parse_feed(feed_text("file-links.xml"), "file-links.xml")
    assert feed.link == ""
    assert feed.entries[0].link == ""


def test_a_malformed_feed_is_one_line():
    assert "not a readable feed" in parse_error("malformed.xml")


def test_entity_declarations_are_refused():
    assert "declares XML entities" in parse_error("entity-expansion.xml")


def test_a_feed_without_entries():
    text = '<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    with pytest.raises(BriefingError, match="^quiet: the feed has no entries$"):
        parse_feed(text, "quiet")
