"""Tests for briefing.cachefiles: the cache kept in bounds, once a day, used files kept."""

from __future__ import annotations

import os
import time
from pathlib import Path

from briefing.cachefiles import STAMP, prune, prune_daily, touch

DAY = 24 * 3600


def aged(path: Path, days: float, now: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    os.utime(path, (now - days * DAY, now - days * DAY))
    return path


def test_files_unused_for_the_days_kept_go_and_the_rest_stay(tmp_path: Path):
    now = time.time()
    old = [aged(tmp_path / "ab" / "old.wav", 40, now), aged(tmp_path / "plans" / "p.json", 31, now),
           aged(tmp_path / "programmes" / "x.mp3", 60, now)]
    fresh = [aged(tmp_path / "cd" / "new.wav", 2, now), aged(tmp_path / "synthesized.log", 90, now),
             aged(tmp_path / "locks" / ".1.lock", 90, now)]
    assert prune(tmp_path, 30, now) == 3
    assert not any(p.exists() for p in old)
    assert all(p.exists() for p in fresh)  # the log and the locks are not cached speech


def test_a_file_read_counts_as_used(tmp_path: Path):
    now = time.time()
    used = aged(tmp_path / "ab" / "used.wav", 40, now)
    touch(used)
    assert prune(tmp_path, 30, now) == 0 and used.exists()


def test_pruning_happens_at_most_once_a_day(tmp_path: Path):
    now = time.time()
    aged(tmp_path / "ab" / "a.wav", 40, now)
    assert prune_daily(tmp_path, 30, now) == 1
    aged(tmp_path / "ab" / "b.wav", 40, now)
    assert prune_daily(tmp_path, 30, now + 3600) == 0  # the same day: left for tomorrow
    assert prune_daily(tmp_path, 30, now + DAY + 1) == 1
    assert (tmp_path / STAMP).exists()
    assert prune_daily(None, 30) == 0 and prune_daily(tmp_path / "missing", 30) == 0


def test_a_briefing_touches_the_speech_it_reuses(tmp_path: Path):
    from pydub import AudioSegment

    from briefing.speech import SpeechCache

    cache = SpeechCache(tmp_path)
    cache.put("ab12", AudioSegment.silent(100))
    path = tmp_path / "ab" / "ab12.wav"
    os.utime(path, (0, 0))
    assert cache.get("ab12") is not None
    assert time.time() - path.stat().st_mtime < 60


def test_a_briefing_prunes_its_cache_and_keeps_what_it_used(tmp_path: Path):
    from briefing import pipeline
    from briefing.config import Settings
    from tests.helpers import DATA

    cache = tmp_path / "cache"
    stale = aged(cache / "ff" / "stale.wav", 45, time.time())
    settings = Settings(minutes=0.75, voice="espeak", out_dir=tmp_path / "out", cache_dir=cache)
    source = str(DATA / "articles" / "oz-columbia.txt")
    episode, _ = pipeline.generate([source], settings)
    assert not stale.exists()
    spoken = sum(len(story.sentences) for story in episode.stories)
    assert len(list(cache.glob("*/*.wav"))) >= spoken  # this briefing's speech stays
