"""What has been published: the episodes in the feed and the stories already aired.

SQLite in WAL mode beside the output (out/state.sqlite). Every change is one transaction,
so a run killed midway leaves the state as it was before.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from briefing.errors import BriefingError
from briefing.model import Chapter, PublishedEpisode
from briefing.weblinks import canonical_url

SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 30_000
SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes (
    guid TEXT PRIMARY KEY,
    published_utc TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS episodes_by_date ON episodes (published_utc);
CREATE TABLE IF NOT EXISTS aired (
    story_key TEXT PRIMARY KEY,
    episode_guid TEXT NOT NULL,
    aired_utc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pruned (
    guid TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS show (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
# Every change to the episodes counts up `changes`; the feed written from the state records
# the count it saw in `published`. A run killed between the two leaves them unequal, and the
# next run rewrites the feed (and deletes what was pruned) before anything else.
NOT_WORD = re.compile(r"[^\w]+")


class State:
    """The publishing state in one SQLite file; safe for several processes at once."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # Autocommit mode: transactions are opened explicitly by `transaction`.
        self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")
            self.create_schema()
        except sqlite3.DatabaseError as exc:  # left as it is: it may be someone's to recover
            self.db.close()
            raise BriefingError(f"{path} is not a briefing state file ({exc}); move it away "
                                "to start the show's state afresh") from None

    def create_schema(self) -> None:
        with self.transaction():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

        IMMEDIATE takes the write lock up front, so a second writer waits (busy timeout)
        instead of failing when it upgrades a read to a write.
        """
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def aired(self, story_key: str) -> bool:
        row = self.db.execute("SELECT 1 FROM aired WHERE story_key = ?", (story_key,)).fetchone()
        return row is not None

    def mark_aired(self, story_keys: Iterable[str], episode_guid: str) -> None:
        with self.transaction():
            self._insert_aired(story_keys, episode_guid)

    def add_episode(self, episode: PublishedEpisode) -> None:
        """Insert the episode, or replace the one with the same guid."""
        with self.transaction():
            self._insert_episode(episode)
            self._count_change()

    def publish(self, episode: PublishedEpisode, story_keys: Iterable[str],
                keep: int | None = None) -> list[PublishedEpisode]:
        """Add the episode, mark its stories aired and, with `keep`, prune to the newest
        `keep` episodes: together or not at all. Returns the pruned episodes."""
        with self.transaction():
            self._insert_episode(episode)
            self._insert_aired(story_keys, episode.guid)
            self._count_change()
            return self._prune(keep) if keep is not None else []

    def _insert_episode(self, episode: PublishedEpisode) -> None:
        self.db.execute(
            "INSERT INTO episodes (guid, published_utc, data) VALUES (?, ?, ?) "
            "ON CONFLICT (guid) DO UPDATE SET published_utc = excluded.published_utc, "
            "data = excluded.data",
            (episode.guid, utc_iso(episode.published), episode_json(episode)),
        )

    def _insert_aired(self, story_keys: Iterable[str], episode_guid: str) -> None:
        now = utc_now()
        self.db.executemany(
            "INSERT OR IGNORE INTO aired (story_key, episode_guid, aired_utc) VALUES (?, ?, ?)",
            [(key, episode_guid, now) for key in story_keys],
        )

    def episodes(self) -> list[PublishedEpisode]:
        """All episodes, newest first."""
        rows = self.db.execute(
            "SELECT data FROM episodes ORDER BY published_utc DESC, rowid DESC"
        ).fetchall()
        return [episode_from_json(data) for (data,) in rows]

    def prune(self, keep: int) -> list[PublishedEpisode]:
        """Forget all but the newest `keep` episodes; returns the forgotten ones (oldest last).

        Their stories stay marked as aired so they are not read again, and they wait in
        `pending_deletions` until their files are gone.
        """
        with self.transaction():
            return self._prune(keep)

    def _prune(self, keep: int) -> list[PublishedEpisode]:
        rows = self.db.execute(
            "SELECT guid, data FROM episodes ORDER BY published_utc DESC, rowid DESC "
            "LIMIT -1 OFFSET ?",
            (max(keep, 0),),
        ).fetchall()
        self.db.executemany("DELETE FROM episodes WHERE guid = ?", [(guid,) for guid, _ in rows])
        self.db.executemany("INSERT OR REPLACE INTO pruned (guid, data) VALUES (?, ?)", rows)
        if rows:
            self._count_change()
        return [episode_from_json(data) for _, data in rows]

    def pending_deletions(self) -> list[PublishedEpisode]:
        """Pruned episodes whose files may still be on disk."""
        rows = self.db.execute("SELECT data FROM pruned ORDER BY rowid").fetchall()
        return [episode_from_json(data) for (data,) in rows]

    def deleted(self, episodes: Iterable[PublishedEpisode]) -> None:
        """Their files are gone: forget them for good."""
        with self.transaction() as db:
            db.executemany("DELETE FROM pruned WHERE guid = ?", [(e.guid,) for e in episodes])

    def podcast_guid(self, first: str) -> str:
        """The show's podcast:guid: `first` the first time, then always that one, so the guid
        follows the show when its address changes (as Podcasting 2.0 wants)."""
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO show (name, value) VALUES ('podcast_guid', ?)",
                       (first,))
            return str(db.execute("SELECT value FROM show WHERE name = 'podcast_guid'")
                       .fetchone()[0])

    def changes(self) -> int:
        return self._counter("changes")

    def published_changes(self) -> int:
        """The count of changes the feed on disk was written from."""
        return self._counter("published")

    def mark_published(self, changes: int) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO counters (name, value) VALUES ('published', ?)",
                       (changes,))

    def _counter(self, name: str) -> int:
        row = self.db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def _count_change(self) -> None:
        self.db.execute("INSERT INTO counters (name, value) VALUES ('changes', 1) "
                        "ON CONFLICT (name) DO UPDATE SET value = value + 1")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> State:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def utc_iso(moment: str) -> str:
    """An ISO 8601 date-time as UTC, so that text order is time order."""
    parsed = datetime.fromisoformat(moment)
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="microseconds")


def episode_json(episode: PublishedEpisode) -> str:
    return json.dumps(asdict(episode), ensure_ascii=False, sort_keys=True)


def episode_from_json(data: str) -> PublishedEpisode:
    fields = json.loads(data)
    fields["stories"] = tuple(tuple(story) for story in fields.get("stories", ()))
    fields["chapters"] = tuple(Chapter(**chapter) for chapter in fields.get("chapters", ()))
    return PublishedEpisode(**fields)


def story_key(url: str, title: str, text: str) -> str:
    """The identity of a story: its canonical URL when it has one, else a hash of its words."""
    canonical = canonical_url(url)
    if canonical:
        return f"url:{canonical}"
    words = normalised_words(f"{title}\n{text}")
    return "text:" + hashlib.sha256(words.encode("utf-8")).hexdigest()


def normalised_words(text: str) -> str:
    """Lower-case words only: the same story with other quotes, dashes or spacing matches."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(NOT_WORD.sub(" ", folded).split())
