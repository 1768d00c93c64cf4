"""The landing page in real headless Chromium, served by our own server; cover and waveform."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from briefing.cover import cover_art, ensure_cover
from briefing.errors import BriefingError
from briefing.model import Show
from briefing.serve import make_server
from briefing.site import (
    episode_files,
    publish,
    waveform_name,
    waveform_png,
    write_index,
)
from tests.test_feed import make_episode, make_show, tiny_mp3

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AUDIO = "document.querySelector('#{guid} audio')"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    out = tmp_path_factory.mktemp("site")
    episodes = [make_episode(out, "2026-01-01-old", "2026-01-01T06:30:00+00:00", 4),
                make_episode(out, "2026-01-02-new", "2026-01-02T06:30:00+00:00", 6)]
    publish(make_show(out, title="Morning <News>"), episodes, out)
    return out, episodes


@pytest.fixture(scope="module")
def page_url(site) -> Iterator[str]:
    out, _ = site
    with make_server(out, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, page_url):
    context = browser.new_context()
    opened = context.new_page()
    opened.requests = []
    opened.problems = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.on("console", lambda message: message.type == "error"
              and opened.problems.append(message.text))
    opened.on("pageerror", lambda error: opened.problems.append(str(error)))
    opened.goto(page_url)
    yield opened
    context.close()


def audio_of(page, guid: str, expression: str):
    return page.evaluate(f"{AUDIO.format(guid=guid)}.{expression}")


def wait_for_metadata(page, guid: str) -> None:
    page.wait_for_function(f"{AUDIO.format(guid=guid)}.readyState >= 1", timeout=10_000)


def test_the_page_shows_the_show_and_its_episodes(page, page_url, site):
    out, episodes = site
    assert page.title() == "Morning <News>"
    assert page.locator("h1").inner_text() == "Morning <News>"
    assert page.locator("a.subscribe").get_attribute("href") == "feed.xml"
    assert page.locator("h2").all_inner_texts() == ["Briefing 2026-01-02-new",
                                                    "Briefing 2026-01-01-old"]
    page.wait_for_load_state("networkidle")
    for image in page.locator("img").all():
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image
    newest = page.locator(f"#{episodes[1].guid}")
    newest.locator("summary").click()
    assert "Rain and wind." in newest.locator("details").inner_text()
    assert newest.locator("audio").get_attribute("preload") == "metadata"
    assert all(url.startswith(page_url) or url.startswith("data:") for url in page.requests)
    assert page.problems == []


def test_the_audio_element_reports_the_mp3_duration(page, site):
    _, episodes = site
    for episode in episodes:
        wait_for_metadata(page, episode.guid)
        assert audio_of(page, episode.guid, "duration") == pytest.approx(episode.duration_s,
                                                                         abs=0.5)


def test_clicking_a_chapter_seeks_the_player(page, site):
    _, episodes = site
    episode = episodes[1]
    wait_for_metadata(page, episode.guid)
    buttons = page.locator(f"#{episode.guid} .chapters button")
    assert buttons.all_inner_texts() == ["0:00Intro", "0:02Rain & wind", "0:04Outro"]
    buttons.nth(1).click()
    start = episode.chapters[1].start_ms / 1000
    position = audio_of(page, episode.guid, "currentTime")
    assert start <= position < start + 0.5
    other = audio_of(page, episodes[0].guid, "currentTime")
    assert other == 0


def test_waveform_is_drawn_once_and_redrawn_when_the_mp3_changes(tmp_path):
    mp3 = tiny_mp3(tmp_path / "a.mp3", 2)
    png = waveform_png(mp3, tmp_path / "a.waveform.png")
    with Image.open(png) as image:
        assert image.size == (1600, 200)
    drawn = png.stat().st_mtime_ns
    waveform_png(mp3, png)
    assert png.stat().st_mtime_ns == drawn
    later = time.time() + 5
    os.utime(mp3, (later, later))
    waveform_png(mp3, png)
    assert png.stat().st_mtime_ns != drawn


def test_a_broken_mp3_is_a_clear_error(tmp_path):
    (tmp_path / "bad.mp3").write_bytes(b"not audio")
    with pytest.raises(BriefingError, match="waveform"):
        waveform_png(tmp_path / "bad.mp3", tmp_path / "bad.png")
    assert not (tmp_path / "bad.png").exists()


def test_cover_art_is_a_3000_pixel_rgb_png(tmp_path):
    path = cover_art("A Very Long Show Title That Needs Wrapping Onto Lines", tmp_path / "c.png")
    with Image.open(path) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "RGB", (3000, 3000))
        assert len(image.getcolors(1 << 20)) > 10  # title drawn over the gradient


def test_ensure_cover_generates_and_regenerates_on_a_new_title(tmp_path):
    cover = ensure_cover(Show(title="One"), tmp_path)
    assert cover == tmp_path / "cover.png"
    first = cover.read_bytes()
    ensure_cover(Show(title="One"), tmp_path)
    assert cover.read_bytes() == first
    ensure_cover(Show(title="Two"), tmp_path)
    assert cover.read_bytes() != first
    with pytest.raises(BriefingError, match="art.jpg"):
        ensure_cover(Show(image="art.jpg"), tmp_path)


def test_index_without_episodes_and_episode_files(tmp_path, site):
    out, episodes = site
    index = write_index(Show(), [], tmp_path)
    assert "No episodes yet." in index.read_text()
    names = episode_files(episodes[0])
    assert waveform_name(episodes[0]) in names
    assert all((out / name).is_file() for name in names)
    assert len(episode_files(replace(episodes[0], transcript_srt=""))) == len(names) - 1



def test_files_deleted_by_hand_take_their_episode_or_link_off_the_feed(tmp_path):
    episodes = [make_episode(tmp_path, "2026-01-01-old", "2026-01-01T06:30:00+00:00", 2),
                make_episode(tmp_path, "2026-01-02-new", "2026-01-02T06:30:00+00:00", 3)]
    (tmp_path / episodes[0].mp3).unlink()
    (tmp_path / episodes[1].transcript_srt).unlink()
    feed = publish(make_show(tmp_path), episodes, tmp_path).read_text()
    assert episodes[0].mp3 not in feed and episodes[0].mp3 not in (
        tmp_path / "index.html").read_text()
    assert episodes[1].mp3 in feed and episodes[1].transcript_vtt in feed
    assert episodes[1].transcript_srt not in feed
