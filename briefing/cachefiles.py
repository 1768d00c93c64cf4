"""The cache folder kept in bounds: what no briefing has used for a while goes, once a day.

Every briefing adds to the cache (its sentences' speech, about 18 MB for 3.5 minutes, its
mastered MP3, its plan); a daily show or a fleet would fill a disk within a year. A cached file
counts as used when it is written or read (readers touch it); once a day, the first briefing
to finish deletes what has not been used for Settings.cache_days. A file deleted under a
reader is only made again: the cache saves time, never holds anything that cannot be re-made.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

CACHED_SUFFIXES = frozenset({".wav", ".mp3", ".json", ".jpg"})  # speech, programmes, plans, covers
STAMP = ".pruned"  # touched when the folder was last pruned
DAY_S = 24 * 3600  # the folder is pruned at most once a day


def touch(path: Path) -> None:
    """Mark a cached file as used now."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune_daily(cache_dir: Path | None, keep_days: float, now: float | None = None) -> int:
    """Prune the folder unless that was done in the last day; the files deleted."""
    if cache_dir is None or not cache_dir.is_dir():
        return 0
    now = time.time() if now is None else now
    stamp = cache_dir / STAMP
    try:
        if now - stamp.stat().st_mtime < DAY_S:
            return 0
    except OSError:
        pass  # never pruned
    try:  # first, so that briefings finishing at the same moment leave it to this one
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:
        return 0  # a folder that cannot be written is not ours to prune
    return prune(cache_dir, keep_days, now)


def prune(cache_dir: Path, keep_days: float, now: float | None = None) -> int:
    """Delete the cached files not used for keep_days; the number deleted."""
    cutoff = (time.time() if now is None else now) - keep_days * DAY_S
    deleted = 0
    for path in cache_dir.rglob("*"):
        if path.suffix not in CACHED_SUFFIXES:
            continue
        with contextlib.suppress(OSError):  # gone already, or not ours to delete
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                deleted += 1
    return deleted
