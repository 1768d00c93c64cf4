"""Tests for briefing.sources: files, stdin, URLs and feeds, served by a real local server."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Reply

from briefing.errors import BriefingError
from briefing.model import Document
from briefing.sources import (
    drop_duplicates,
    fetch_pages,
    read_source,
    read_sources,
    same_text,
    select_newest,
)
from briefing.weblinks import canonical_url

DATA = Path(__file__).parent / "data"
NOT_FOUND_NOTE = "only the feed's summary: 404 Not Found"


def serve_feed(server, path: str, name: str, content_type: str = "application/rss+xml") -> str:
    return server.add(path, Reply.file(f"feeds/{name}", content_type))


def serve_page(server, name: str) -> str:
    return server.add(f"/pages/{name}", Reply.file(f"pages/{name}", "text/html"))


def no_fetching(url: str):
    raise AssertionError(f"fetched {url}")


# --- web pages and feeds -------------------------------------------------------------------

def test_an_article_url(http_server):
    url = serve_page(http_server, "harbour-bridge.html")
    [document] = read_source(url)
    assert (document.kind, document.origin, document.url) == ("html", url, url)
    assert "112 steel cables" in document.text


def test_a_feed_is_recognised_by_content_not_by_its_address_or_type(http_server):
    url = serve_feed(http_server, "/world", "world-full.xml", content_type="text/html")
    documents = read_source(url)
    assert [d.title for d in documents] == [
        "Harbour bridge reopens after two-year repair",
        "Grain shipments resume through the strait",
        "Fishermen protest new quota rules",
    ]
    first = documents[0]
    assert first.origin == f"{url}#entry-1"
    assert (first.kind, first.note) == ("html", "")
    assert first.site == "Coastal Times: World"
    assert first.author == "Maria Lindqvist"
    assert first.published == "2024-05-06T09:30:00+00:00"
    assert first.url == "https://coastaltimes.example/news/harbour-bridge-reopens"
    assert "112 steel cables" in first.text
    assert [r.path for r in http_server.requests] == ["/world"]  # full text: no page fetched


def test_a_feed_of_links_fetches_each_entry_page(http_server):
    url = serve_feed(http_server, "/feeds/links-only.xml", "links-only.xml", "application/atom+xml")
    http_server.add("/pages/night-trains.html", Reply.redirect("/pages/night-trains-2024.html"))
    moved = http_server.add("/pages/night-trains-2024.html",
                            Reply.file("pages/night-trains.html", "text/html"))
    meals = serve_page(http_server, "school-meals.html")
    trains, school, library = read_source(url)
    assert (trains.url, trains.note, trains.kind) == (moved, "", "html")
    assert "Sleeper carriages bought second-hand" in trains.text
    assert (trains.title, trains.author) == ("Night trains return to the northern line",
                                             "Ola Nordmann")
    assert trains.site == "Regional Briefs"
    assert school.url == meals
    assert "nine million euros" in school.text
    assert library.note == NOT_FOUND_NOTE
    assert library.text.startswith("The central library will open on Sundays")
    assert library.url == http_server.url("/pages/library-hours.html")


def test_a_big_feed_fetches_only_the_chosen_entries_pages(http_server):
    items = "".join(
        f"<item><title>Story {n}</title><link>/pages/{n}</link>"
        f"<pubDate>Mon, 06 May 2024 {n % 24:02d}:{n % 60:02d}:00 GMT</pubDate>"
        f"<description>Teaser {n}.</description></item>" for n in range(3000))
    feed = f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'
    url = http_server.add("/big", Reply(body=feed.encode(), content_type="application/rss+xml"))
    documents = read_source(url, max_stories=3)
    assert [d.title for d in documents] == ["Story 119", "Story 239", "Story 359"]  # 23:59
    page_requests = [r.path for r in http_server.requests if r.path.startswith("/pages/")]
    assert page_requests == ["/pages/119", "/pages/239", "/pages/359"]


def test_a_feed_entry_without_a_link_on_the_web_is_its_summary_not_the_feed(http_server):
    feed = ('<rss version="2.0"><channel><title>Frog News</title><item><title>New frog found'
            '</title><description>Scientists announced that a new frog was found. It is tiny.'
            '</description></item></channel></rss>')
    url = http_server.add("/feed.xml", Reply(body=feed.encode(),
                                              content_type="application/rss+xml"))
    [document] = read_source(url)
    assert document.url == "" and "<item>" not in document.text
    assert document.text.startswith("Scientists announced")
    assert document.note == "only the feed's summary: the entry has no link"
    assert [r.path for r in http_server.requests] == ["/feed.xml"]  # fetched once, as a feed


def test_newest_across_two_feeds_each_story_once(http_server):
    world = serve_feed(http_server, "/world", "world-full.xml")
    business = serve_feed(http_server, "/business", "business-full.xml", "application/atom+xml")
    documents, unread = read_sources([world, business], max_stories=8)
    assert unread == []
    assert [(d.title, d.site) for d in documents] == [
        # the bridge (same canonical URL) and the grain story (same wire text) appear once
        ("Bridge reopening: what it means for north-side shops", "Harbour Business Daily"),
        ("Port operator posts record quarter", "Harbour Business Daily"),
        ("Grain shipments restart through the strait", "Harbour Business Daily"),
        ("Fishermen protest new quota rules", "Coastal Times: World"),
    ]
    newest, _ = read_sources([world, business], max_stories=2)
    assert [d.title for d in newest] == [d.title for d in documents[:2]]


def test_a_failing_source_is_reported_and_the_others_still_count(http_server):
    world = serve_feed(http_server, "/world", "world-full.xml")
    missing = http_server.url("/gone")
    documents, unread = read_sources([missing, world, "no-such-file.txt"], max_stories=8)
    assert len(documents) == 3
    assert [(u.source, u.reason) for u in unread] == [
        (missing, f"{missing}: 404 Not Found"),
        ("no-such-file.txt", "no-such-file.txt: no such file"),
    ]


def test_an_entry_with_no_page_and_no_summary_is_reported(http_server):
    feed = ('<rss version="2.0"><channel><title>Bare</title>'
            '<item><title>Nothing here</title><link>/missing</link></item></channel></rss>')
    url = http_server.add("/bare", Reply(body=feed.encode(), content_type="text/xml"))
    documents, unread = read_sources([url], max_stories=8)
    assert documents == []
    assert [u.reason for u in unread] == [
        f"{url}#entry-1: 404 Not Found; the feed has no summary"]
    with pytest.raises(BriefingError, match="the feed has no summary$"):
        read_source(url)


def test_an_unreachable_entry_page_keeps_the_feed_summary(http_server):
    url = serve_feed(http_server, "/feeds/links-only.xml", "links-only.xml")
    documents = read_source(url)
    assert [d.note for d in documents] == [NOT_FOUND_NOTE] * 3
    assert documents[0].text.startswith("Sleeper services will run again")


def test_other_schemes_are_refused():
    with pytest.raises(BriefingError, match="^ftp://a.example/x: only http and https"):
        read_source("ftp://a.example/x", fetcher=no_fetching)


# --- files and stdin -----------------------------------------------------------------------

def offline(url: str):
    raise BriefingError(f"{url}: cannot connect (offline)")


def test_a_feed_file_gives_one_document_per_entry():
    documents = read_source(str(DATA / "feeds" / "world-full.xml"), fetcher=no_fetching)
    assert len(documents) == 3


def test_a_feed_file_of_summaries_offline():
    [document] = read_source(str(DATA / "feeds" / "rdf.xml"), fetcher=offline)
    assert document.title == "Village fête draws record crowd"
    assert document.note == "only the feed's summary: cannot connect (offline)"
    assert document.site == "Valley Gazette"


def test_a_feed_entry_without_a_link_keeps_its_summary_and_says_so():
    [document] = read_source(str(DATA / "feeds" / "file-links.xml"), fetcher=no_fetching)
    assert document.url == ""
    assert document.note == "only the feed's summary: the entry has no link"
    assert document.text.startswith("A short teaser")


def test_a_feed_on_stdin():
    stdin = io.BytesIO((DATA / "feeds" / "world-full.xml").read_bytes())
    documents = read_source("-", stdin=stdin, fetcher=no_fetching)
    assert len(documents) == 3
    assert documents[0].origin == "standard input#entry-1"


def test_text_on_stdin():
    [document] = read_source("-", stdin=io.BytesIO(b"A plain story.\n\nTwo paragraphs."))
    assert (document.kind, document.origin) == ("text", "standard input")


def test_an_html_file_names_its_charset_in_meta():
    [document] = read_source(str(DATA / "pages" / "cafe-prices-cp1252.html"))
    assert document.kind == "html"
    assert "2,40 €" in document.text and "René Dubois" in document.text


@pytest.mark.parametrize("content, expected", [
    (None, "no such file"),
    ("dir", "is a directory"),
    (b"  \n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\0\0\0", "is a binary file"),
])
def test_file_errors_keep_their_messages(tmp_path, content, expected):
    path = tmp_path / "source"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(BriefingError) as caught:
        read_source(str(path), fetcher=no_fetching)
    assert str(caught.value).startswith(f"{path}: {expected}")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_text_file_with_its_byte_order_mark_is_read(tmp_path, encoding: str):
    path = tmp_path / "windows-unicode.txt"
    text = "Müller wins in Zürich\n\nThe mayor, Anna Müller, won the vote on Sunday."
    # Python's utf-16 writes its byte-order mark (little-endian here); utf-16-be does not.
    path.write_bytes((b"\xfe\xff" if encoding == "utf-16-be" else b"") + text.encode(encoding))
    [document] = read_source(str(path), fetcher=no_fetching)
    assert document.text == text and document.kind == "text"


# --- choosing and de-duplicating -----------------------------------------------------------

def doc(name: str, published: str = "", url: str = "", text: str = "") -> Document:
    return Document(text=text or f"story {name}", origin=name, url=url, published=published)


def test_select_newest_puts_undated_after_dated_in_their_order():
    documents = [doc("a"), doc("b", "2024-05-01"), doc("c"), doc("d", "2024-05-03T08:00:00+02:00"),
                 doc("e", "2024-05-03T07:00:00Z")]
    chosen = select_newest(documents, 4)
    assert [d.origin for d in chosen] == ["e", "d", "b", "a"]


def test_a_named_file_is_never_pushed_out_by_a_feeds_newer_entries():
    entries = [replace(doc(f"feed#entry-{n}", f"2024-05-{n:02d}"), from_feed=True)
               for n in range(1, 11)]
    mine = doc("mine.txt")  # undated, named by the user
    chosen = select_newest([*entries, mine], 3)
    assert [d.origin for d in chosen] == ["feed#entry-10", "feed#entry-9", "mine.txt"]


def test_select_newest_skips_copies_without_losing_a_place():
    documents = [doc("a", "2024-05-03", "https://x.example/1"),
                 doc("b", "2024-05-02", "http://www.x.example/1/?utm_source=rss"),
                 doc("c", "2024-05-01", "https://x.example/2")]
    assert [d.origin for d in select_newest(documents, 2)] == ["a", "c"]


@pytest.mark.parametrize("variant", [
    "http://www.news.example/world/story-1/",
    "https://NEWS.example/world/story-1?utm_source=rss&utm_campaign=daily",
    "https://news.example/world/story-1#comments",
    "https://news.example:443/world/story-1?fbclid=abc",
])
def test_canonical_urls_ignore_scheme_www_slash_and_tracking(variant):
    assert canonical_url(variant) == canonical_url("https://news.example/world/story-1")


def test_canonical_urls_keep_what_names_the_page():
    assert canonical_url("https://news.example/story?id=1") != canonical_url(
        "https://news.example/story?id=2")
    assert canonical_url("https://news.example/a") != canonical_url("https://other.example/a")


def test_near_identical_text_is_the_same_story():
    wire = (DATA / "pages" / "harbour-bridge.html").read_text()
    edited = wire.replace("a third more", "about a third more").replace("Monday", "Monday,")
    assert same_text(wire, edited)
    assert not same_text(wire, (DATA / "pages" / "night-trains.html").read_text())
    assert not same_text("Read more.", "Read more.")  # too short to judge


def test_drop_duplicates_keeps_the_first_copy():
    bridge = (DATA / "pages" / "harbour-bridge.html").read_text()
    documents = [doc("a", url="https://x.example/1"), doc("b", text=bridge),
                 doc("c", url="https://www.x.example/1/"), doc("d", text=bridge + "<p>Update.</p>"),
                 doc("e", url="https://x.example/2")]
    assert [d.origin for d in drop_duplicates(documents)] == ["a", "b", "e"]


@pytest.mark.parametrize("link", ["http://[oops/a", "http://example.com:8o8o/b", "file:///etc/x"])
def test_a_feed_entry_with_a_bad_link_is_read_from_its_summary(tmp_path: Path, link: str):
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<rss version="2.0"><channel><title>T</title><item><title>A</title>'
                    f'<link>{link}</link><description>A teaser of the story.</description>'
                    f'</item></channel></rss>')
    [document] = read_source(str(feed), fetcher=no_fetching)
    assert document.note == "only the feed's summary: the entry has no link"
    assert canonical_url(link) == ""


@pytest.mark.parametrize("url", ["http://h:abc/", "http://[oops/a", "http://x:0/"])
def test_a_malformed_address_is_one_reason_and_the_others_still_count(url: str):
    documents, unread = read_sources([url, str(DATA / "articles" / "oz-columbia.txt")])
    assert len(documents) == 1
    [problem] = unread
    assert problem.reason == f"{url}: not a valid web address"


def test_a_public_feeds_link_into_this_network_is_not_followed(http_server):
    inside = http_server.add("/admin", Reply(body=b"<p>internal</p>"))
    entry = Document(text="<p>The feed's teaser of the story.</p>", origin="feed#entry-1",
                     kind="html", url=inside, note="only the feed's summary", from_feed=True,
                     public_links_only=True)
    [document], missing = fetch_pages([entry])
    assert missing == [] and http_server.hits("/admin") == 0
    assert "not on the public internet" in document.note
    assert "teaser" in document.text


def test_a_date_far_in_the_future_does_not_lead_the_briefing():
    def dated(title: str, published: str) -> Document:
        return Document(text=f"{title} text.", origin=title, kind="text", title=title,
                        published=published, from_feed=True)

    documents = [dated("Typo", "2099-12-02T08:00:00+00:00"),
                 dated("Yesterday", "2026-12-02T08:00:00+00:00"),
                 dated("Last week", "2026-11-25T08:00:00+00:00")]
    assert [d.title for d in select_newest(documents, 2)] == ["Yesterday", "Last week"]
