"""Striped file locks: many keys (sentences, pages) share a few lock files.

A cache that many processes fill at once (a fleet's speech, its pages) needs a lock per key so
that a key is made once and waited for by the others; a file per key would leave thousands of
lock files, so each key takes one of STRIPES, by its hash. Two keys on one stripe only wait
for each other a moment.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock

STRIPES = 64


def striped_lock(folder: Path, key: str) -> FileLock:
    """The lock of a hexadecimal key's stripe, in `folder` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    return FileLock(folder / f".{int(key[:4], 16) % STRIPES}.lock")
