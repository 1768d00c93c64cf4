"""`generate`: the stages in order, from SOURCE strings to a finished episode."""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from briefing import audio as sound
from briefing import episode as files
from briefing.article import Extractor, to_article
from briefing.cachefiles import prune_daily, touch
from briefing.config import Settings
from briefing.cover import embedded_jpeg, ensure_cover
from briefing.engines import require_engine
from briefing.engines.base import warm
from briefing.errors import BriefingError
from briefing.events import retellings
from briefing.fetch import fetch
from briefing.fitting import Progress, Silent, sentences_of
from briefing.languages import base_language, language_name, main_language
from briefing.model import Article, Document, Episode, LeftOut, Part, Script, Show, Story
from briefing.music import Music, load_music, mix_music
from briefing.plans import file_digest, planned_take
from briefing.sources import (
    Fetcher,
    Fingerprint,
    StoryIndex,
    collect_all,
    drop_duplicates,
    fetch_chosen,
    select_newest,
)
from briefing.summary import summarize
from briefing.voices import load_pronunciations, load_voice, speaks
from briefing.voicing import Cast, correspondent_names, default_voice

DEFAULT_MAX_STORIES = 8
# Stories the briefing cannot read give their places to the next newest, up to this many
# times max_stories looked at: a feed in another language is not read to its end.
MAX_PLACES_FACTOR = 3
PROGRAMME_VERSION = 3  # bump when mastering or encoding changes, to leave old cached MP3s
NOTHING_TO_READ = "nothing in it can be read aloud (menus, captions, links, fragments)"


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str
    skipped: bool = True  # False: the story airs all the same (from its feed's summary)


def load_articles(
    sources: list[str], stdin: BinaryIO | None = None, max_stories: int = DEFAULT_MAX_STORIES,
    skip: Callable[[Document], bool] | None = None, fetcher: Fetcher = fetch,
    extractor: Extractor = to_article,
    readable: Callable[[list[Article]], list[Article]] | None = None,
) -> tuple[list[Article], list[Failure]]:
    """Every story the sources give (the newest max_stories), and a one-line reason for each
    that gives none; a document `skip` rejects (a story already aired) takes no place among
    the newest. With `readable` (which of the articles the briefing can read: in its language,
    say), a story it cannot read gives its place to the next newest, until max_stories can be
    read, the sources run out or MAX_PLACES_FACTOR times max_stories were looked at; the
    others stay in the list, to be left out with a line.
    `fetcher` reads the web and `extractor` each document (a fleet's editions share both)."""
    if not max_stories:
        readable = None
    documents, unread = collect_all(sources, stdin, fetcher, skip)
    failures = [Failure(u.source, u.reason) for u in unread]
    articles: list[Article] = []
    kept = StoryIndex()
    tried: set[int] = set()
    places = max_stories
    while True:
        chosen = (select_newest(documents, places) if max_stories
                  else drop_duplicates(documents))
        batch = [d for d in chosen if id(d) not in tried]
        if not batch:
            break
        tried |= {id(d) for d in batch}
        pages, missing = fetch_chosen(batch, fetcher)
        failures += [Failure(u.source, u.reason) for u in missing]
        articles += extracted(pages, extractor, kept, failures)
        short = max_stories - len(readable(articles)) if readable else 0
        if short <= 0 or places >= max_stories * MAX_PLACES_FACTOR:
            break
        places = min(places + short, max_stories * MAX_PLACES_FACTOR)
    return articles, failures


def extracted(documents: list[Document], extractor: Extractor, kept: StoryIndex,
              failures: list[Failure]) -> list[Article]:
    """The documents' articles, less copies of one `kept` already holds; a line in `failures`
    for each that gives none, or airs from its feed's summary."""
    failures += [Failure(d.origin, f"{d.origin}: {d.note}", skipped=False)
                 for d in documents if d.note]
    articles = []
    for document in documents:
        try:
            article = extractor(document)
        except BriefingError as exc:
            failures.append(Failure(document.origin, str(exc)))
            continue
        # The same wire story on two sites has two addresses; only its text gives it away.
        if kept.add(Fingerprint.of_text(article.text)):
            articles.append(article)
    return articles


def readable_by(settings: Settings) -> Callable[[list[Article]], list[Article]]:
    """Which of some articles a briefing with these settings reads: those in its language
    (decided from them as make_episode decides it) or another it reads, each event once."""
    def readable(articles: list[Article]) -> list[Article]:
        if not articles:
            return []
        kept = in_language(articles, programme_language(articles, settings),
                           settings.languages)[0]
        retold = {id(story) for story, _ in retellings(kept)}
        return [article for article in kept if id(article) not in retold]
    return readable


def programme_language(articles: list[Article], settings: Settings) -> str:
    """The briefing's language: the one asked for, else the chosen voice's, else the one most
    stories are in that a voice speaks."""
    if settings.language:
        return base_language(settings.language)
    if settings.voice:
        return base_language(load_voice(settings.voice).language)
    languages = [a.language for a in articles]
    return main_language([code for code in languages if speaks(code)] or languages)


def in_language(articles: list[Article], language: str, others: Collection[str] = ()
                ) -> tuple[list[Article], list[LeftOut]]:
    """The articles the briefing reads (in its language, or in another it reads that an
    installed voice speaks), and a line for each other one: a story is never read by a
    voice of another language."""
    readable = {language} | {base_language(code) for code in others if speaks(code)}
    kept = [a for a in articles if base_language(a.language) in readable]
    left = [LeftOut(a, why_not_read(a.language, language, others), for_good=True)
            for a in articles if base_language(a.language) not in readable]
    return kept, left


def why_not_read(story_language: str, language: str, others: Collection[str]) -> str:
    name = language_name(story_language)
    if base_language(story_language) in {base_language(code) for code in others}:
        return f"it is in {name}, which no installed voice speaks"
    return f"it is in {name}; the briefing is in {language_name(language)}"


def not_aired(articles: list[Article], stories: list[Story], settings: Settings
              ) -> list[LeftOut]:
    """A line for each article the take leaves out: nothing in it to read aloud, or no time
    for its lead in the minutes asked for."""
    aired = {id(story.article) for story in stories}
    lines = []
    for article in articles:
        if id(article) in aired:
            continue
        if not summarize(sentences_of(article), math.inf, language=article.language):
            why = "it only repeats earlier stories"
        else:
            unit = "minute" if settings.minutes == 1 else "minutes"
            why = f"no time for its lead in {settings.minutes:g} {unit}"
        lines.append(LeftOut(article, why))
    return lines


def generate(sources: list[str], settings: Settings, progress: Progress | None = None,
             stdin: BinaryIO | None = None, max_stories: int = DEFAULT_MAX_STORIES,
             ) -> tuple[Episode, list[Failure]]:
    """The whole pipeline; raises BriefingError when no source yields a story."""
    progress = progress or Silent()
    if settings.voice or settings.correspondents:  # an unknown or missing voice fails
        Cast.for_settings(settings, settings.language or "en")  # before any fetching
    if settings.pronunciations:  # and so does a broken pronunciations file
        load_pronunciations(settings.pronunciations)
    progress.stage("reading sources")
    with voice_warming_up(settings):
        articles, failures = load_articles(sources, stdin, max_stories,
                                           readable=readable_by(settings))
        if not articles:
            raise BriefingError("; ".join(f.reason for f in failures) or "no sources given")
        return make_episode(articles, settings, progress), failures


@contextmanager
def voice_warming_up(settings: Settings) -> Iterator[None]:
    """The voice's models load on the other core while the sources are read and the stories
    chosen (with no voice given: the default voice of settings.language, else English's)."""
    with ThreadPoolExecutor(1) as side:
        side.submit(warm_voice, settings)
        yield


def warm_voice(settings: Settings) -> None:
    # A voice that cannot load is reported by the run itself, in its place.
    with suppress(Exception):
        anchor = load_voice(settings.voice or default_voice(settings.language or "en"))
        for voice in (anchor, *map(load_voice, correspondent_names(settings, anchor))):
            warm(require_engine(voice.engine), voice)


def make_episode(articles: list[Article], settings: Settings, progress: Progress | None = None
                 ) -> Episode:
    """Articles -> the finished episode files in settings.out_dir."""
    progress = progress or Silent()
    if settings.cover and not settings.cover.is_file():
        raise BriefingError(f"the show's image {settings.cover} does not exist")
    articles, left_out, settings = stories_to_read(articles, settings)
    cast = Cast.for_settings(settings, settings.language, articles)
    progress.stage("summarizing and speaking with "
                   + ", ".join(v.voice.name for v in cast.voicings))
    music = Music(load_music(settings.intro_music), load_music(settings.outro_music),
                  load_music(settings.music_bed))
    take = planned_take(articles, settings, cast, progress, music)
    cast.release()  # everything is said: its memory is better used by mastering
    key = programme_key(take.script, take.stories, cast, settings)
    # The artwork is drawn while the programme is mastered: the encoder keeps one core busy
    # and leaves the other free.
    with encoded_programme(key, settings) as (encoded, ready), ThreadPoolExecutor(1) as side:
        cover_jpeg = side.submit(embedded_cover, settings)
        if not ready:
            progress.stage("mastering loudness")
            sound.encode_mp3(sound.master(mix_music(take.programme, take.segments, music)),
                             encoded, *files.mp3_format(settings.stereo))
        progress.stage("writing the episode")
        episode = publish_files(encoded, len(take.programme), take.script, take.segments,
                                take.stories, settings, cover_jpeg.result())
    prune_daily(settings.cache_dir, settings.cache_days)
    return replace(episode, left_out=tuple(left_out + not_aired(articles, take.stories,
                                                                    settings)))


def stories_to_read(articles: list[Article], settings: Settings
                    ) -> tuple[list[Article], list[LeftOut], Settings]:
    """The articles the briefing can read (in a language it reads, with something to say, not
    an event an earlier story reports: events.py), a line for each other, and the settings
    with the briefing's language decided; one line (BriefingError) when none is left."""
    language = programme_language(articles, settings)
    articles, left_out = in_language(articles, language, settings.languages)
    if not articles:
        raise BriefingError(f"no story is in {language_name(language)}: "
                            + "; ".join(f"{f.article.title!r}: {f.reason}" for f in left_out))
    mute = [LeftOut(a, NOTHING_TO_READ, for_good=True) for a in articles
            if not summarize(sentences_of(a), math.inf, language=a.language)]
    articles = [a for a in articles if all(m.article is not a for m in mute)]
    left_out += mute
    retold = [LeftOut(story, f"it reports the same event as {earlier.title!r}", for_good=True)
              for story, earlier in retellings(articles)]
    articles = [a for a in articles if all(r.article is not a for r in retold)]
    left_out += retold
    if not articles:
        raise BriefingError("nothing to read aloud: " + "; ".join(
            f"{f.article.title!r}: {f.reason}" for f in left_out))
    read = {base_language(a.language) for a in articles} - {language}
    return articles, left_out, replace(settings, language=language, languages=tuple(
        code for code in settings.languages if base_language(code) in read))


def embedded_cover(settings: Settings) -> bytes:
    """The JPEG the MP3 carries: of the show's cover, drawn into the output folder when the
    show names none."""
    cover = settings.cover or ensure_cover(Show(title=settings.show), settings.out_dir)
    return embedded_jpeg(cover, settings.cache_dir)


def programme_key(script: Script, stories: list[Story], cast: Cast, settings: Settings) -> str:
    """What the finished audio depends on: each part's sound and pause, music, format."""
    parts = [(p.kind, p.pause_after_ms, part_key(p, stories, cast)) for p in script.parts]
    music = [file_digest(path) for path in (settings.intro_music, settings.outro_music,
                                            settings.music_bed)]
    material = json.dumps([PROGRAMME_VERSION, parts, music, settings.stereo])
    return hashlib.sha256(material.encode()).hexdigest()


def part_key(part: Part, stories: list[Story], cast: Cast) -> str:
    voicing = cast.for_part(part, stories)
    return voicing.cache.key(voicing.engine, voicing.voice, voicing.spoken_text(part.text))


@contextmanager
def encoded_programme(key: str, settings: Settings) -> Iterator[tuple[Path, bool]]:
    """Where the mastered, untagged MP3 of this programme is, and whether it is already there.

    With a cache, a re-run of the same briefing skips mastering and encoding altogether."""
    cached = settings.cache_dir / "programmes" / f"{key}.mp3" if settings.cache_dir else None
    if cached and cached.is_file():
        touch(cached)
        yield cached, True
    elif cached and writable_folder(cached.parent):
        with files.atomic_path(cached) as tmp:
            yield tmp, False
    else:  # no cache, or one that cannot be written
        with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
            yield Path(tmp) / "programme.mp3", False


def writable_folder(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def publish_files(encoded: Path, duration_ms: int, script: Script, segments: list,
                  stories: list[Story], settings: Settings, cover_jpeg: bytes) -> Episode:
    title = settings.title or script.title
    files.remove_stale_parts(settings.out_dir)
    stem = files.episode_stem(settings.day, stories[0].article.title, settings.taken_names)
    mp3 = settings.out_dir / f"{stem}.mp3"
    transcript_path = settings.out_dir / f"{stem}.txt"
    chapters = files.chapters_of(segments, stories, duration_ms)
    transcript = files.plain_transcript(segments)
    description = "Stories: " + "; ".join(s.article.title for s in stories)
    # Every file is written under a temporary name first and all are renamed together at
    # the end, so a crash never leaves a new transcript beside an old MP3 (and Ctrl-C waits).
    with files.uninterrupted("the episode's files were written whole"), ExitStack() as renames:
        def staged(suffix: str) -> Path:
            return renames.enter_context(files.atomic_path(settings.out_dir / f"{stem}{suffix}"))

        staged(".txt").write_text(transcript, encoding="utf-8")
        staged(".vtt").write_text(files.webvtt(segments), encoding="utf-8")
        staged(".srt").write_text(files.srt(segments), encoding="utf-8")
        staged(".chapters.json").write_text(files.chapters_json(chapters, title),
                                            encoding="utf-8")
        mp3_copy = staged(".mp3")
        shutil.copyfile(encoded, mp3_copy)
        files.tag(mp3_copy, title=title, show=settings.show, author=settings.author,
                  day=settings.day, description=description, transcript=transcript,
                  chapters=chapters, cover_jpeg=cover_jpeg)
    return Episode(mp3_path=mp3, transcript_path=transcript_path,
                   duration_s=duration_ms / 1000, title=title, stories=tuple(stories),
                   chapters=tuple(chapters), segments=tuple(segments))
