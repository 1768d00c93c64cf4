"""`briefing run`: the unattended daily episode. Fetch, skip what aired, generate, publish, prune.

Crash safety comes from the order: the new episode's files are written atomically first (new
names, nothing published refers to them yet), then one SQLite transaction records the episode,
its stories and what is pruned, then feed.xml and index.html are rewritten atomically from that
state, and only then are the pruned episodes' files deleted. A run killed at any point leaves
the published feed, episodes and state as a valid whole; a feed left behind the state (killed
after the transaction) is brought up to date by the next run before it does anything else.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from briefing import site
from briefing.article import Extractor, to_article
from briefing.config import Settings, ShowConfig
from briefing.episode import remove_stale_parts, uninterrupted
from briefing.errors import BriefingError
from briefing.feed import FEED_NAME, show_guid
from briefing.fetch import fetch
from briefing.model import Article, Document, Episode, PublishedEpisode
from briefing.pipeline import (
    Failure,
    Progress,
    Silent,
    load_articles,
    make_episode,
    readable_by,
    voice_warming_up,
)
from briefing.sources import Fetcher
from briefing.state import State, story_key

LOCK_NAME = ".briefing.lock"
STATE_NAME = "state.sqlite"


@dataclass(frozen=True)
class RunResult:
    episode: PublishedEpisode | None  # None when there was nothing new to brief
    failures: list[Failure] = field(default_factory=list)
    skipped_aired: int = 0
    pruned: int = 0
    made: Episode | None = None  # the files just made, with their stories and chapters


def run_lock(out_dir: Path, wait_s: float) -> FileLock:
    out_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(out_dir / LOCK_NAME, timeout=wait_s)


@contextmanager
def exclusive(config: ShowConfig, wait_s: float) -> Iterator[None]:
    """Hold the show's lock; one line saying so when another run has it."""
    try:
        with run_lock(config.out_dir, wait_s):
            # Not every part is ours to judge: a plain `generate --out` into this folder
            # takes no lock, so only parts old enough to be dead are removed.
            remove_stale_parts(config.out_dir)
            with State(config.out_dir / STATE_NAME) as state:
                if site_is_behind(state, config.out_dir):
                    sync_site(config, state)
            yield
    except Timeout:
        raise BriefingError(
            f"another briefing run is working in {config.out_dir}; try later or pass --wait"
        ) from None


def run_show(config: ShowConfig, progress: Progress | None = None, wait_s: float = 0,
             fetcher: Fetcher = fetch, extractor: Extractor = to_article) -> RunResult:
    """One daily run; a second run while one holds the lock waits wait_s, then gives up.
    `fetcher` reads the web and `extractor` each page (a fleet's editions share them:
    pagecache.PageCache, pagecache.ArticleCache)."""
    with exclusive(config, wait_s):
        return _run_locked(config, progress or Silent(), fetcher, extractor)


def generate_for_show(config: ShowConfig, sources: list[str], settings: Settings,
                      progress: Progress | None = None, max_stories: int = 8, wait_s: float = 0
                      ) -> RunResult:
    """`generate --config`: an episode of the show from these sources (aired or not),
    published to its feed like a daily run."""
    progress = progress or Silent()
    with exclusive(config, wait_s), voice_warming_up(settings):
        progress.stage("reading sources")
        articles, failures = load_articles(sources, max_stories=max_stories,
                                           readable=readable_by(settings))
        if not articles:
            raise BriefingError("; ".join(f.reason for f in failures) or "no sources given")
        with State(config.out_dir / STATE_NAME) as state:
            episode, published, pruned = add_episode(config, settings, articles, state, progress)
        return RunResult(published, failures, pruned=len(pruned), made=episode)


def publish_show(config: ShowConfig, wait_s: float = 0) -> Path:
    """Rewrite feed.xml and index.html from the state; returns the feed's path."""
    with exclusive(config, wait_s), State(config.out_dir / STATE_NAME) as state:
        return sync_site(config, state)


def on_topic(text: str, topics: tuple[str, ...]) -> bool:
    """Whether the text names one of the topics (as words, any case): a topic edition's."""
    words = set(re.findall(r"\w+", text.lower()))
    return any(set(re.findall(r"\w+", topic.lower())) <= words for topic in topics)


def off_topic(document: Document, topics: tuple[str, ...]) -> bool:
    """Known before fetching to be off the topics: a feed entry whose title and summary name
    none of them (one without a summary is judged once its page is read)."""
    return bool(topics and document.text.strip()
                and not on_topic(f"{document.title} {document.text}", topics))


def _run_locked(config: ShowConfig, progress: Progress, fetcher: Fetcher = fetch,
                extractor: Extractor = to_article) -> RunResult:
    if not config.sources:
        raise BriefingError(f"{config.path}: [briefing] sources is empty; add feeds or URLs")
    progress.stage("reading sources")
    with voice_warming_up(config.settings()), State(config.out_dir / STATE_NAME) as state:
        aired_links: list[Document] = []

        def aired_link(document: Document) -> bool:
            """Known by its address to have aired, or off the edition's topics: it takes no
            place and is not fetched."""
            if off_topic(document, config.topics):
                return True
            if document.url and state.aired(story_key(document.url, "", "")):
                aired_links.append(document)
                return True
            return False

        in_language = readable_by(config.settings())

        def on_edition(article: Article) -> bool:
            return not config.topics or on_topic(f"{article.title} {article.text}",
                                                 config.topics)

        def readable(articles: list[Article]) -> list[Article]:
            """Fresh, on the edition's topics and in its language."""
            return [a for a in in_language(articles)
                    if on_edition(a) and not state.aired(key_of(a))]

        articles, failures = load_articles(list(config.sources),
                                           max_stories=config.max_stories, skip=aired_link,
                                           fetcher=fetcher, extractor=extractor,
                                           readable=readable)
        articles = [a for a in articles if on_edition(a)]
        fresh = [a for a in articles if not state.aired(key_of(a))]
        skipped = len(aired_links) + len(articles) - len(fresh)
        if not fresh:
            if not articles and not aired_links and failures:
                raise BriefingError("; ".join(f.reason for f in failures))
            return RunResult(None, failures, skipped_aired=skipped)
        episode, published, pruned = add_episode(config, config.settings(), fresh, state,
                                                 progress)
    return RunResult(published, failures, skipped, len(pruned), episode)


def add_episode(config: ShowConfig, settings: Settings, articles: list[Article], state: State,
                progress: Progress
                ) -> tuple[Episode, PublishedEpisode, list[PublishedEpisode]]:
    """Make the episode, record it and its stories, rewrite the feed, prune old episodes."""
    taken = {e.mp3 for e in state.episodes() + state.pending_deletions()}
    episode = make_episode(articles, replace(settings, taken_names=frozenset(taken)), progress)
    published = published_episode(episode, config)
    progress.stage("publishing")
    # Recorded and published as one step: Ctrl-C waits until the feed has the episode.
    with uninterrupted(f"the episode was published first: {published.mp3}"):
        # Only what aired: a story the time did not allow stays fresh for the next run; one
        # no run would air (in another language) is not fetched again either.
        done = [s.article for s in episode.stories] + [
            left.article for left in episode.left_out if left.for_good]
        pruned = state.publish(published, [key_of(a) for a in done], keep=config.keep)
        sync_site(config, state)
    return episode, published, pruned


def site_is_behind(state: State, out_dir: Path) -> bool:
    """True when a run was killed between recording an episode and rewriting the feed."""
    return (state.changes() != state.published_changes() or bool(state.pending_deletions())
            or (state.changes() > 0 and not (out_dir / FEED_NAME).is_file()))


def sync_site(config: ShowConfig, state: State) -> Path:
    """feed.xml and index.html from the state, then the pruned episodes' files deleted."""
    changes = state.changes()
    guid = state.podcast_guid(show_guid(config.show))
    feed = site.publish(config.show, state.episodes(), config.out_dir, guid)
    state.mark_published(changes)
    doomed = state.pending_deletions()
    delete_files(doomed, config.out_dir)
    state.deleted(doomed)
    return feed


def stories_line(episode: Episode) -> str:
    """ "1 story: Lead title" or "5 stories, led by Lead title"."""
    count, lead = len(episode.stories), episode.stories[0].article.title
    return f"1 story: {lead}" if count == 1 else f"{count} stories, led by {lead}"


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
        description=stories_line(episode),
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
