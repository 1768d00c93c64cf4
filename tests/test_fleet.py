"""`briefing fleet run` for real: worker processes, a local web server, shared speech and pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser

from tests.conftest import Reply
from tests.helpers import REPO

SHOW = """
[show]
title = "World Briefing"
base_url = "http://127.0.0.1:8000/"

[briefing]
sources = ["{feed}"]
voice = "espeak"
minutes = 1.0
max_stories = 3
"""

FLEET = """
[fleet]
workers = 2
cache = "cache"

[[editions]]
name = "world"
show = "show.toml"

[[editions]]
name = "harbour"
show = "show.toml"
out = "out/harbour"
title = "Harbour Briefing"
topics = ["bridge"]

[[editions]]
name = "broken"
show = "missing.toml"
"""

PAGES = ["harbour-bridge", "night-trains", "school-meals"]


def serve_feed(http_server) -> str:
    links = [http_server.add(f"/pages/{p}.html", Reply.file(f"pages/{p}.html", "text/html"))
             for p in PAGES]
    items = "".join(f"<item><title>Story {day}</title><link>{link}</link>"
                    f"<pubDate>Mon, 0{day} May 2024 09:00:00 GMT</pubDate></item>"
                    for day, link in enumerate(links, 4))
    return http_server.add("/feed.xml", Reply(
        body=f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode(),
        content_type="application/rss+xml"))


def fleet_run(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), "fleet", "run", "--config",
                           str(config)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "BRIEFING_CACHE": "off"})


def test_a_fleet_publishes_each_edition_fetching_and_saying_everything_once(
        tmp_path: Path, http_server):
    (tmp_path / "show.toml").write_text(SHOW.format(feed=serve_feed(http_server)))
    (tmp_path / "fleet.toml").write_text(FLEET)

    done = fleet_run(tmp_path / "fleet.toml")

    assert done.returncode == 3, done.stderr  # one edition failed, the others published
    assert "broken: " in done.stderr and "missing.toml: no such config file" in done.stderr
    assert "world: published" in done.stdout and "harbour: published" in done.stdout
    assert "3 editions: 2 made, 1 failed" in done.stdout
    world = feedparser.parse((tmp_path / "out" / "feed.xml").read_bytes())
    harbour = feedparser.parse((tmp_path / "out" / "harbour" / "feed.xml").read_bytes())
    assert len(world.entries) == len(harbour.entries) == 1
    assert harbour.feed.title == "Harbour Briefing"
    assert harbour.entries[0].enclosures[0].href.startswith("http://127.0.0.1:8000/harbour/")
    transcript = next((tmp_path / "out" / "harbour").glob("*.txt")).read_text()
    assert "bridge" in transcript and "train" not in transcript.lower()  # its topic only
    # Both editions read the feed and the bridge page: each address was fetched once.
    assert http_server.hits("/feed.xml") == 1
    assert [http_server.hits(f"/pages/{p}.html") for p in PAGES] == [1, 1, 1]
    # Every sentence was synthesised once, though both editions air the bridge story.
    log = (tmp_path / "cache" / "speech" / "synthesized.log").read_text().splitlines()
    keys = [line.split("\t")[1] for line in log]
    assert len(keys) == len(set(keys))
    assert "characters synthesised" in done.stdout


def test_a_fleet_file_with_a_mistake_is_one_line(tmp_path: Path):
    (tmp_path / "fleet.toml").write_text("[fleet]\nworkers = 0\n")
    done = fleet_run(tmp_path / "fleet.toml")
    assert done.returncode == 2
    assert done.stderr.strip() == (f"briefing: error: {tmp_path / 'fleet.toml'}: [fleet] "
                                   "workers must be a whole number from 1")


def test_two_fleet_runs_at_once_publish_each_edition_once(tmp_path: Path, http_server):
    (tmp_path / "show.toml").write_text(SHOW.format(feed=serve_feed(http_server)))
    (tmp_path / "fleet.toml").write_text(FLEET.split("[[editions]]\nname = \"broken\"")[0])
    command = [sys.executable, str(REPO / "cli.py"), "fleet", "run", "--config",
               str(tmp_path / "fleet.toml")]
    env = {**os.environ, "BRIEFING_CACHE": "off"}
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    said = [run.communicate(timeout=600) for run in runs]
    lines = "".join(out + err for out, err in said)
    for name in ("world", "harbour"):  # one run made it; the other found it busy, or done
        assert lines.count(f"{name}: published") == 1, lines
        assert (f"{name}: another briefing run is working" in lines
                or f"{name}: nothing new" in lines), lines
    for out in (tmp_path / "out", tmp_path / "out" / "harbour"):
        assert len(feedparser.parse((out / "feed.xml").read_bytes()).entries) == 1
        assert len(list(out.glob("*.mp3"))) == 1
