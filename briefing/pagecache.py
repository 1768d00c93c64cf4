"""Pages fetched and read once for many editions: caches of one fleet run, kept in a folder.

A fleet's editions share most of their sources. Each edition reads its sources as usual, with
these in place of fetch and of article.to_article: the first to ask for an address fetches it
and keeps the page (or the one-line reason it failed), the first to read a page keeps the
article extracted from it (or the reason there is none); every other edition, in any process
that sees the folder, waits for that and takes what it got. The folder belongs to one fleet
run: pages are news, and the next run fetches them again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from briefing.article import to_article
from briefing.episode import atomic_path
from briefing.errors import BriefingError
from briefing.fetch import Fetched, fetch
from briefing.model import Article, Document
from briefing.striped import striped_lock


class PageCache:
    """fetch's shape, `(url, *, public_only=False) -> Fetched`, each address fetched once."""

    def __init__(self, folder: Path, fetcher: Callable[..., Fetched] = fetch) -> None:
        self.folder = folder
        self.fetcher = fetcher

    def __call__(self, url: str, **options: object) -> Fetched:
        key = digest([url, sorted(options.items())])
        with striped_lock(self.folder, key):
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


class ArticleCache:
    """to_article's shape, `(Document) -> Article`, each document read once."""

    def __init__(self, folder: Path, extract: Callable[[Document], Article] = to_article
                 ) -> None:
        self.folder = folder
        self.extract = extract

    def __call__(self, document: Document) -> Article:
        key = digest(asdict(document))
        path = self.folder / f"{key}.article.json"
        with striped_lock(self.folder, key):
            fields = read_json(path)
            if fields is None:
                try:
                    fields = asdict(self.extract(document))
                except BriefingError as exc:
                    fields = {"failed": str(exc)}
                with atomic_path(path) as tmp:
                    tmp.write_text(json.dumps(fields), encoding="utf-8")
        if "failed" in fields:
            raise BriefingError(fields["failed"])
        return Article(**{name: tuple(value) if isinstance(value, list) else value
                          for name, value in fields.items()})  # JSON gives lists for tuples


def digest(material: object) -> str:
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
