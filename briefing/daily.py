"""`briefing run`: the unattended daily episode. Fetch, skip what aired, generate, publish, prune.

Crash safety comes from the order: the new episode's files are written atomically first (new
names, nothing published refers to them yet), then one SQLite transaction records the episode
and its stories, then feed.xml and index.html are rewritten atomically from that state. A run
killed at any point leaves the published feed, episodes and state as a valid whole.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from briefing import site
from briefing.config import ShowConfig
from briefing.errors import BriefingError
from briefing.model import Article, Episode, PublishedEpisode
from briefing.pipeline import Failure, Progress, Silent, load_articles, make_episode
from briefing.state import State, story_key

LOCK_NAME = ".briefing.lock"
STATE_NAME = "state.sqlite"


@dataclass(frozen=True)
class RunResult:
    episode: PublishedEpisode | None  # None when there was nothing new to brief
    failures: list[Failure] = field(default_factory=list)
    skipped_aired: int = 0
    pruned: int = 0


def run_lock(out_dir: Path, wait_s: float) -> FileLock:
    out_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(out_dir / LOCK_NAME, timeout=wait_s)


def run_show(config: ShowConfig, progress: Progress | None = None, wait_s: float = 0
             ) -> RunResult:
    """One daily run; a second run while one holds the lock waits wait_s, then gives up."""
    progress = progress or Silent()
    try:
        with run_lock(config.out_dir, wait_s):
            return _run_locked(config, progress)
    except Timeout:
        raise BriefingError(
            f"another briefing run is working in {config.out_dir}; try later or pass --wait"
        ) from None


def publish_show(config: ShowConfig, wait_s: float = 0) -> Path:
    """Rewrite feed.xml and index.html from the state; returns the feed's path."""
    try:
        with run_lock(config.out_dir, wait_s), State(config.out_dir / STATE_NAME) as state:
            return site.publish(config.show, state.episodes(), config.out_dir)
    except Timeout:
        raise BriefingError(
            f"another briefing run is working in {config.out_dir}; try later or pass --wait"
        ) from None


def remove_leftovers(out_dir: Path) -> None:
    """Temporary files of a run that was killed; only called while holding the lock."""
    for leftover in out_dir.glob(".*.part"):
        leftover.unlink(missing_ok=True)


def _run_locked(config: ShowConfig, progress: Progress) -> RunResult:
    remove_leftovers(config.out_dir)
    if not config.sources:
        raise BriefingError(f"{config.path}: [briefing] sources is empty; add feeds or URLs")
    progress.stage("reading sources")
    articles, failures = load_articles(list(config.sources), max_stories=config.max_stories)
    with State(config.out_dir / STATE_NAME) as state:
        fresh = [a for a in articles if not state.aired(key_of(a))]
        if not fresh:
            if not articles and failures:
                raise BriefingError("; ".join(f.reason for f in failures))
            return RunResult(None, failures, skipped_aired=len(articles))
        episode = make_episode(fresh, config.settings(), progress)
        published = published_episode(episode, config)
        progress.stage("publishing")
        state.publish(published, [key_of(a) for a in fresh])
        pruned = state.prune(config.keep)
        site.publish(config.show, state.episodes(), config.out_dir)
    delete_files(pruned, config.out_dir)
    return RunResult(published, failures, len(articles) - len(fresh), len(pruned))


def key_of(article: Article) -> str:
    return story_key(article.url, article.title, article.text)


def published_episode(episode: Episode, config: ShowConfig) -> PublishedEpisode:
    mp3 = episode.mp3_path
    stem = mp3.with_suffix("")
    suffixes = (".vtt", ".srt", ".txt", ".chapters.json")
    names = {suffix: f"{stem.name}{suffix}" for suffix in suffixes}
    return PublishedEpisode(
        guid=str(uuid.uuid5(uuid.NAMESPACE_URL, config.show.base_url + mp3.name)),
        title=episode.title,
        description=f"{len(episode.stories)} stories, from {episode.stories[0].article.title}",
        published=datetime.now(UTC).isoformat(timespec="seconds"),
        mp3=mp3.name,
        mp3_bytes=mp3.stat().st_size,
        duration_s=round(episode.duration_s, 2),
        transcript_vtt=names[".vtt"],
        transcript_srt=names[".srt"],
        transcript_txt=names[".txt"],
        chapters_json=names[".chapters.json"],
        stories=tuple((s.article.title, s.article.url) for s in episode.stories),
        chapters=episode.chapters,
    )


def delete_files(episodes: list[PublishedEpisode], out_dir: Path) -> None:
    for episode in episodes:
        for name in site.episode_files(episode):
            (out_dir / name).unlink(missing_ok=True)
