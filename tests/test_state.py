"""The publishing state in real SQLite, with real concurrent and killed processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.model import Chapter, PublishedEpisode
from briefing.state import State, story_key
from briefing.weblinks import canonical_url

ROOT = Path(__file__).resolve().parent.parent


def episode(number: int, published: str = "") -> PublishedEpisode:
    return PublishedEpisode(
        guid=f"guid-{number}", title=f"Episode {number}", description="Two stories.",
        published=published or f"2026-01-{number:02d}T06:30:00+00:00", mp3=f"e{number}.mp3",
        mp3_bytes=1000 + number, duration_s=61.5, transcript_vtt=f"e{number}.vtt",
        chapters_json=f"e{number}.chapters.json",
        stories=(("Rain", "https://news.example/rain"), ("Sun", "")),
        chapters=(Chapter("Intro", 0, 900), Chapter("Rain", 900, 5000, "https://news.example/rain")),
    )


def run_python(code: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def test_state_survives_reopening(tmp_path):
    path = tmp_path / "state.sqlite"
    with State(path) as state:
        state.add_episode(episode(1))
        state.mark_aired(["url:news.example/rain", "text:abc"], "guid-1")
    with State(path) as state:
        assert state.episodes() == [episode(1)]
        assert state.aired("url:news.example/rain")
        assert state.aired("text:abc")
        assert not state.aired("url:news.example/sun")
        assert state.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_episodes_are_newest_first_across_time_zones(tmp_path):
    with State(tmp_path / "state.sqlite") as state:
        state.add_episode(episode(1, "2026-01-02T01:00:00+05:00"))  # 2026-01-01 20:00 UTC
        state.add_episode(episode(2, "2026-01-01T22:00:00-01:00"))  # 2026-01-01 23:00 UTC
        state.add_episode(episode(3, "2026-01-01T12:00:00"))  # no zone: UTC
        assert [e.guid for e in state.episodes()] == ["guid-2", "guid-1", "guid-3"]


def test_adding_an_episode_again_replaces_it(tmp_path):
    with State(tmp_path / "state.sqlite") as state:
        state.add_episode(episode(1))
        state.add_episode(replace(episode(1), title="Fixed"))
        assert [e.title for e in state.episodes()] == ["Fixed"]


def test_prune_returns_the_oldest_and_keeps_their_stories_aired(tmp_path):
    with State(tmp_path / "state.sqlite") as state:
        for number in (3, 1, 4, 2):
            state.add_episode(episode(number))
        state.publish(episode(1), ["url:news.example/old"])
        removed = state.prune(keep=2)
        assert [e.guid for e in removed] == ["guid-2", "guid-1"]
        assert removed[0] == episode(2)
        assert [e.guid for e in state.episodes()] == ["guid-4", "guid-3"]
        assert state.aired("url:news.example/old")
        assert state.prune(keep=2) == []


def test_a_failed_transaction_leaves_the_state_as_it_was(tmp_path):
    with State(tmp_path / "state.sqlite") as state:
        state.add_episode(episode(1))
        bad = replace(episode(2), published="yesterday")
        with pytest.raises(ValueError):
            state.publish(bad, ["url:news.example/new"])
        assert [e.guid for e in state.episodes()] == ["guid-1"]
        assert not state.aired("url:news.example/new")


def test_a_process_killed_mid_transaction_leaves_the_previous_state(tmp_path):
    path = tmp_path / "state.sqlite"
    with State(path) as state:
        state.add_episode(episode(1))
    writer = run_python(f"""
import time
from pathlib import Path
from briefing.state import State
from tests.test_state import episode
state = State(Path({str(path)!r}))
with state.transaction():
    state._insert_episode(episode(2))
    state._insert_aired(["url:news.example/half"], "guid-2")
    print("inside", flush=True)
    time.sleep(60)
""")
    try:
        assert writer.stdout.readline().strip() == "inside", writer.stderr.read()
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    with State(path) as state:
        assert [e.guid for e in state.episodes()] == ["guid-1"]
        assert not state.aired("url:news.example/half")
        state.add_episode(episode(2))  # the lock died with the process
        assert len(state.episodes()) == 2
    assert integrity(path) == "ok"


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "state.sqlite"
    State(path).close()
    code = """
import sys
from pathlib import Path
from briefing.state import State
from dataclasses import replace
from tests.test_state import episode
first = int(sys.argv[1])
with State(Path(sys.argv[2])) as state:
    for number in range(first, first + 150):
        state.publish(replace(episode(number % 28 + 1), guid=f"guid-{number}"), [f"text:{number}"])
        state.episodes()
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", code, str(first), str(path)], env=env,
                                stderr=subprocess.PIPE, text=True) for first in (0, 1000)]
    for writer in writers:
        assert writer.wait(timeout=60) == 0, writer.stderr.read()
    with State(path) as state:
        guids = {e.guid for e in state.episodes()}
        assert len(guids) == 300
        assert all(state.aired(f"text:{n}") for n in [*range(150), *range(1000, 1150)])
    assert integrity(path) == "ok"


def test_story_key_prefers_the_canonical_url():
    same = [
        "https://www.News.example/world/story/?utm_source=rss&id=7#comments",
        "http://news.example/world/story?id=7&fbclid=abc",
        "https://news.example:443/world/story?id=7",
    ]
    keys = {story_key(url, "Title", "Text") for url in same}
    assert keys == {"url:news.example/world/story?id=7"}
    assert story_key("https://news.example/world/story?id=8", "", "") not in keys
    assert canonical_url("https://news.example:8443/a?b=2&a=1") == "news.example:8443/a?a=1&b=2"


def test_story_key_without_a_url_hashes_the_normalised_words():
    key = story_key("", "Storm hits  coast", "Winds reached 100 km/h — “strong”.")
    assert key.startswith("text:") and len(key) == 5 + 64
    assert story_key("notes.txt", "STORM hits coast", 'Winds reached 100 km/h - "strong"') == key
    assert story_key("", "Storm hits coast", "Winds reached 120 km/h.") != key


def test_a_state_file_that_is_not_a_database_is_one_line_and_is_left_alone(tmp_path: Path):
    path = tmp_path / "state.sqlite"
    path.write_text("garbage\n" * 100)
    with pytest.raises(BriefingError, match="state.sqlite is not a briefing state file "
                                            "\\(file is not a database\\)"):
        State(path)
    assert path.read_text() == "garbage\n" * 100
