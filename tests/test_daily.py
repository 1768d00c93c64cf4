"""`briefing run` for real: processes, the SQLite state, the feed, a lock, and kill -9."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from conftest import Reply
from filelock import FileLock

from briefing import daily
from briefing.daily import LOCK_NAME, STATE_NAME, run_show
from briefing.errors import Interrupted
from briefing.showfile import load_show_config
from briefing.state import State
from tests.helpers import DATA, EXAMPLE, REPO

CONFIG = """
[show]
title = "Test Show"
author = "Tester"
email = "test@example.org"
base_url = "http://127.0.0.1:8000/"

[briefing]
sources = {sources}
voice = "espeak"
minutes = {minutes}
keep = {keep}
"""


def write_config(directory: Path, sources: list[Path], keep: int = 5, minutes: float = 1.0
                 ) -> Path:
    path = directory / "show.toml"
    listed = "[" + ", ".join(f'"{s}"' for s in sources) + "]"
    path.write_text(CONFIG.format(sources=listed, keep=keep, minutes=minutes))
    return path


def briefing(*args: str, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "BRIEFING_CACHE": str(cache)}
    return subprocess.Popen([sys.executable, str(REPO / "cli.py"), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(config: Path, cache: Path, *extra: str) -> tuple[int, str, str]:
    process = briefing("run", "--config", str(config), *extra, cache=cache)
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


@pytest.fixture
def show(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A show with one source; returns (config, the sources folder, the speech cache)."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(EXAMPLE, sources / "first.txt")
    config = write_config(tmp_path, [sources / "first.txt"])
    return config, sources, tmp_path / "cache"


def feed_items(out: Path) -> list:
    return feedparser.parse((out / "feed.xml").read_bytes()).entries


def test_first_run_publishes_and_a_rerun_has_nothing_new(show):
    config, _, cache = show
    code, out, err = run(config, cache)
    assert code == 0, err
    assert "published" in out
    episodes_dir = config.parent / "out"
    [item] = feed_items(episodes_dir)
    assert (episodes_dir / item.enclosures[0].href.rsplit("/", 1)[1]).is_file()
    code, out, err = run(config, cache)
    assert code == 0 and "nothing new to brief" in out
    assert len(feed_items(episodes_dir)) == 1


def test_new_story_makes_a_new_episode_and_old_ones_are_pruned(show):
    config, sources, cache = show
    assert run(config, cache)[0] == 0
    first_mp3s = set((config.parent / "out").glob("*.mp3"))
    shutil.copy(DATA / "articles" / "oz-columbia.txt", sources / "second.txt")
    write_config(config.parent, [sources / "first.txt", sources / "second.txt"], keep=1)
    code, _, err = run(config, cache)
    assert code == 0, err
    [item] = feed_items(config.parent / "out")
    assert "Columbia" in item.title
    remaining = set((config.parent / "out").glob("*.mp3"))
    assert len(remaining) == 1 and not (remaining & first_mp3s)


def test_a_second_run_while_one_holds_the_lock_says_so(show):
    config, _, cache = show
    out_dir = load_show_config(config).out_dir
    out_dir.mkdir()
    with FileLock(out_dir / LOCK_NAME):
        code, _, err = run(config, cache)
    assert code == 2
    assert "another briefing run is working" in err and len(err.strip().splitlines()) == 1


def test_run_killed_midway_leaves_everything_as_before_and_a_rerun_completes(show):
    config, sources, cache = show
    assert run(config, cache)[0] == 0
    out_dir = config.parent / "out"
    feed_before = (out_dir / "feed.xml").read_bytes()
    files_before = sorted(p.name for p in out_dir.iterdir())
    shutil.copy(DATA / "articles" / "supreme-court-health-law.txt", sources / "second.txt")
    write_config(config.parent, [sources / "first.txt", sources / "second.txt"])

    process = briefing("run", "--config", str(config), cache=cache)
    for line in process.stderr:  # the log says when it is mastering: kill it there
        if "mastering" in line:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    assert (out_dir / "feed.xml").read_bytes() == feed_before
    with State(out_dir / STATE_NAME) as state:
        assert len(state.episodes()) == 1
    assert sorted(p.name for p in out_dir.iterdir() if not p.name.endswith(".part")) == (
        files_before)

    code, _, err = run(config, cache)
    assert code == 0, err
    assert len(feed_items(out_dir)) == 2
    assert not list(out_dir.glob(".*.part"))


def test_publish_rewrites_the_feed_from_the_state(show):
    config, _, cache = show
    assert run(config, cache)[0] == 0
    feed = config.parent / "out" / "feed.xml"
    feed.unlink()
    process = briefing("publish", "--config", str(config), cache=cache)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert len(feed_items(config.parent / "out")) == 1


def test_run_with_a_missing_config_is_one_line(tmp_path: Path):
    code, _, err = run(tmp_path / "nope.toml", tmp_path)
    assert code == 2 and "no such config file" in err and "Traceback" not in err


def test_generate_with_a_config_publishes_to_the_show(show):
    config, sources, cache = show
    process = briefing("generate", str(sources / "first.txt"), "--config", str(config),
                       "--minutes", "0.5", "--json", cache=cache)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    info = json.loads(out)
    assert Path(info["mp3"]).parent == config.parent / "out"
    assert 25 <= info["duration_s"] <= 35  # --minutes on the command line wins over the show's
    [item] = feed_items(config.parent / "out")
    assert item.enclosures[0].href.endswith(Path(info["mp3"]).name)


def test_a_second_episode_the_same_day_with_the_same_lead_keeps_the_first(show):
    config, sources, cache = show
    names = []
    for minutes in ("0.5", "0.4"):
        process = briefing("generate", str(sources / "first.txt"), "--config", str(config),
                           "--minutes", minutes, "--json", cache=cache)
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        names.append(Path(json.loads(out)["mp3"]).name)
    assert names[1] == names[0].replace(".mp3", "-2.mp3")
    out_dir = config.parent / "out"
    assert all((out_dir / name).is_file() for name in names)
    assert sorted(item.enclosures[0].href.rsplit("/", 1)[-1]
                  for item in feed_items(out_dir)) == sorted(names)


def test_generate_with_a_config_keeps_the_shows_story_limit(show):
    config, sources, cache = show
    shutil.copy(DATA / "articles" / "oz-columbia.txt", sources / "second.txt")
    with config.open("a") as file:
        file.write("max_stories = 1\n")  # [briefing] is the file's last table
    process = briefing("generate", str(sources / "first.txt"), str(sources / "second.txt"),
                       "--config", str(config), "--minutes", "0.5", "--json", cache=cache)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert len(json.loads(out)["stories"]) == 1


def test_generate_with_a_config_refuses_another_output_folder(show, tmp_path: Path):
    config, sources, cache = show
    process = briefing("generate", str(sources / "first.txt"), "--config", str(config),
                       "--out", str(tmp_path / "elsewhere"), cache=cache)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and len(err.strip().splitlines()) == 1
    assert "--out and --show come from the show's file" in err
    assert not (tmp_path / "elsewhere").exists()


def test_two_runs_and_a_publish_at_once_never_corrupt_anything(show):
    config, sources, cache = show
    assert run(config, cache)[0] == 0
    shutil.copy(DATA / "articles" / "oz-columbia.txt", sources / "second.txt")
    write_config(config.parent, [sources / "first.txt", sources / "second.txt"])
    processes = [briefing("run", "--config", str(config), "--wait", "120", cache=cache),
                 briefing("run", "--config", str(config), "--wait", "120", cache=cache),
                 briefing("publish", "--config", str(config), "--wait", "120", cache=cache)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in processes]
    assert all(code == 0 for code, _ in results), results
    out_dir = config.parent / "out"
    items = feed_items(out_dir)
    assert len(items) == 2  # the second story aired once, whichever run got it
    with State(out_dir / STATE_NAME) as state:
        assert len(state.episodes()) == 2
        assert state.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_kill_9_at_random_points_never_breaks_the_show(show):
    import random
    import time

    config, sources, cache = show
    assert run(config, cache)[0] == 0
    out_dir = config.parent / "out"
    shutil.copy(DATA / "articles" / "oz-columbia.txt", sources / "second.txt")
    write_config(config.parent, [sources / "first.txt", sources / "second.txt"])
    generator = random.Random(7)
    for _ in range(6):
        process = briefing("run", "--config", str(config), cache=cache)
        time.sleep(generator.uniform(0.2, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        items = feed_items(out_dir)  # always a whole, parseable feed
        assert len(items) in (1, 2)
        for item in items:
            assert (out_dir / item.enclosures[0].href.rsplit("/", 1)[1]).is_file()
        with State(out_dir / STATE_NAME) as state:
            # Either the feed shows the state, or the state knows the feed is behind it.
            in_step = state.changes() == state.published_changes()
            assert len(state.episodes()) == len(items) or not in_step
    code, _, err = run(config, cache)
    assert code == 0, err
    assert len(feed_items(out_dir)) == 2
    with State(out_dir / STATE_NAME) as state:
        assert state.changes() == state.published_changes()
        assert not state.pending_deletions()


def test_a_run_killed_after_recording_its_episode_is_finished_by_the_next(show, monkeypatch):
    """The window between the state's transaction and the new feed: the next run, even with
    nothing new to brief, writes the feed from the state and deletes what was pruned."""
    from briefing import daily, site
    from briefing.showfile import load_show_config

    config, sources, cache = show
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    assert run(config, cache)[0] == 0
    out_dir = config.parent / "out"
    first_mp3s = set(out_dir.glob("*.mp3"))
    shutil.copy(DATA / "articles" / "oz-columbia.txt", sources / "second.txt")
    write_config(config.parent, [sources / "first.txt", sources / "second.txt"], keep=1)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as if the process died here
    monkeypatch.setattr(site, "publish", killed)
    with pytest.raises(KeyboardInterrupt):
        daily.run_show(load_show_config(config))
    monkeypatch.undo()

    [item] = feed_items(out_dir)  # the old feed, whole, and its episode still there
    assert "Columbia" not in item.title
    assert first_mp3s <= set(out_dir.glob("*.mp3"))

    code, out, err = run(config, cache)
    assert code == 0 and "nothing new to brief" in out, err
    [item] = feed_items(out_dir)
    assert "Columbia" in item.title
    assert not (first_mp3s & set(out_dir.glob("*.mp3")))  # the pruned episode's files went


def test_stories_aired_before_take_no_place_and_are_not_fetched_again(
        tmp_path: Path, http_server, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    pages = ["harbour-bridge", "night-trains", "school-meals"]  # oldest first
    links = [http_server.add(f"/pages/{p}.html", Reply.file(f"pages/{p}.html", "text/html"))
             for p in pages]
    items = "".join(f"<item><title>Story {day}</title><link>{link}</link>"
                    f"<pubDate>Mon, 0{day} May 2024 09:00:00 GMT</pubDate></item>"
                    for day, link in enumerate(links, 4))
    feed = http_server.add("/feed.xml", Reply(
        body=f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode(),
        content_type="application/rss+xml"))
    config_path = tmp_path / "show.toml"
    config_path.write_text(CONFIG.format(sources=f'["{feed}"]', keep=5, minutes=1.0)
                           + "max_stories = 2\n")
    config = load_show_config(config_path)

    first = run_show(config)
    second = run_show(config)

    assert sorted(t for t, _ in first.episode.stories) == ["Story 5", "Story 6"]
    assert [t for t, _ in second.episode.stories] == ["Story 4"]
    assert second.skipped_aired == 2
    assert [http_server.hits(f"/pages/{p}.html") for p in pages] == [1, 1, 1]


def test_a_story_the_time_did_not_allow_airs_in_the_next_run(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    sources = [EXAMPLE, DATA / "articles" / "oz-columbia.txt",
               DATA / "articles" / "supreme-court-health-law.txt"]
    config = load_show_config(write_config(tmp_path, sources, minutes=0.5))
    first = run_show(config)
    aired = {title for title, _ in first.episode.stories}
    assert 0 < len(aired) < 3  # half a minute cannot hold three stories
    second = run_show(config)
    assert second.episode is not None
    assert not aired & {title for title, _ in second.episode.stories}


def test_the_podcast_guid_follows_the_show_to_a_new_address(show):
    config, _, cache = show
    assert run(config, cache)[0] == 0
    out = config.parent / "out"
    first = feedparser.parse((out / "feed.xml").read_bytes())
    assert first.entries[0].summary.startswith("<p>1 story: ")
    config.write_text(config.read_text().replace("http://127.0.0.1:8000/",
                                                 "https://pod.example.org/news/"))
    process = briefing("publish", "--config", str(config), cache=cache)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    moved = feedparser.parse((out / "feed.xml").read_bytes()).feed
    assert moved.link == "https://pod.example.org/news/"
    assert moved.podcast_guid == first.feed.podcast_guid != ""


def test_ctrl_c_while_publishing_waits_until_the_feed_has_the_episode(show, monkeypatch):
    config_path, _, cache = show
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    config = load_show_config(config_path)
    real_sync = daily.sync_site
    handler = signal.getsignal(signal.SIGINT)

    def ctrl_c_then_sync(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # after the state has the episode, before the feed
        return real_sync(*args, **kwargs)

    monkeypatch.setattr(daily, "sync_site", ctrl_c_then_sync)
    with pytest.raises(Interrupted, match="the episode was published first: .*\\.mp3"):
        daily.run_show(config)
    assert len(feed_items(config.out_dir)) == 1
    assert signal.getsignal(signal.SIGINT) is handler  # put back as it was
