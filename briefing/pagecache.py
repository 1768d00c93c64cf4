"""Pages fetched once for many editions: a fetcher that keeps what it fetched in a folder.

A fleet's editions share most of their sources. Each edition reads its sources as usual, with
this in place of fetch: the first to ask for an address fetches it and keeps the page (or the
one-line reason it failed); every other edition, in any process that sees the folder, waits
for that and reads what it got. The folder belongs to one fleet run: pages are news, and the
next run fetches them again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from filelock import FileLock

from briefing.episode import atomic_path
from briefing.errors import BriefingError
from briefing.fetch import Fetched, fetch

LOCK_STRIPES = 64


class PageCache:
    """fetch's shape, `(url, *, public_only=False) -> Fetched`, each address fetched once."""

    def __init__(self, folder: Path, fetcher: Callable[..., Fetched] = fetch) -> None:
        self.folder = folder
        self.fetcher = fetcher

    def __call__(self, url: str, **options: object) -> Fetched:
        key = hashlib.sha256(json.dumps([url, sorted(options.items())]).encode()).hexdigest()
        self.folder.mkdir(parents=True, exist_ok=True)
        with FileLock(self.folder / f".{int(key[:4], 16) % LOCK_STRIPES}.lock"):
            kept = self.read(key)
            if kept is not None:
                return kept
            try:
                fetched = self.fetcher(url, **options)
            except BriefingError as exc:
                self.write(key, {"failed": str(exc)}, b"")
                raise
            self.write(key, {k: v for k, v in asdict(fetched).items() if k != "data"},
                       fetched.data)
            return fetched

    def read(self, key: str) -> Fetched | None:
        """What an earlier fetch of the address got; its failure is raised again."""
        meta, body = self.folder / f"{key}.json", self.folder / f"{key}.body"
        try:
            fields = json.loads(meta.read_text(encoding="utf-8"))
            data = body.read_bytes()
        except (OSError, ValueError):
            return None
        if "failed" in fields:
            raise BriefingError(fields["failed"])
        return Fetched(data=data, **fields)

    def write(self, key: str, fields: dict, data: bytes) -> None:
        """The body first, then the description that makes it count (both atomic)."""
        with atomic_path(self.folder / f"{key}.body") as tmp:
            tmp.write_bytes(data)
        with atomic_path(self.folder / f"{key}.json") as tmp:
            tmp.write_text(json.dumps(fields), encoding="utf-8")
