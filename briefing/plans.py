"""Plans: what a fitted briefing chose, kept beside the speech cache, so that the same
briefing made again replays the choice instead of fitting it again (about a second)."""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from pathlib import Path

from briefing import __version__
from briefing import episode as files
from briefing.cachefiles import touch
from briefing.config import Settings
from briefing.fitting import Progress, Take, fit_to_length, record
from briefing.model import Article, Sentence, Story
from briefing.music import Music
from briefing.voicing import Cast

PLAN_VERSION = 6  # bump when choosing or fitting changes, to leave old cached plans
PLAN_LENGTH_SLACK_S = 0.5


def planned_take(articles: list[Article], settings: Settings, cast: Cast,
                 progress: Progress, music: Music) -> Take:
    """The fitted take; a re-run of the same briefing replays what the first run chose
    (kept beside the speech cache) instead of fitting again."""
    plan_file = plan_path(articles, settings, cast)
    plan = read_plan(plan_file) if plan_file else None
    if plan is not None:
        paces = cast.paces()
        take = replay(plan, articles, settings, cast, progress, music)
        # The same speech gives the same length; speech made again may differ a little.
        if take is not None and abs(take.over_s - plan["over_s"]) <= PLAN_LENGTH_SLACK_S:
            return take
        cast.restore(paces)  # fit as a first run would
    take = fit_to_length(articles, settings, cast, progress, music)
    if plan_file:
        write_plan(plan_file, take, articles)
    return take


def plan_path(articles: list[Article], settings: Settings, cast: Cast) -> Path | None:
    """Where the plan for these articles, settings and voices is kept (None: no cache)."""
    if settings.cache_dir is None:
        return None
    material = json.dumps([
        PLAN_VERSION, __version__,
        [(a.title, a.source, a.language, hashlib.sha256(a.text.encode()).hexdigest())
         for a in articles],
        settings.target_seconds, settings.show, settings.day.isoformat(),
        settings.language,
        [[v.voice.name, v.voice.engine, v.voice.voice, v.voice.language, v.voice.speed,
          v.voice.pitch, sorted(v.voice.options.items()), v.voice.pronunciations,
          v.chars_per_second] for v in cast.voicings],
        [file_digest(path) for path in (settings.intro_music, settings.outro_music,
                                        settings.music_bed)],
    ])
    return settings.cache_dir / "plans" / f"{hashlib.sha256(material.encode()).hexdigest()}.json"


def read_plan(path: Path) -> dict | None:
    try:
        plan = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: fit again
        return None
    touch(path)
    if not isinstance(plan, dict) or not all(
            is_number(plan.get(key)) for key in ("pause_scale", "over_s")):
        return None
    stories = plan.get("stories")
    if not isinstance(stories, list) or not all(
            isinstance(story, list) and len(story) == 2 and is_index(story[0])
            and isinstance(story[1], list) and all(is_chosen_sentence(s) for s in story[1])
            for story in stories):
        return None
    return plan


def is_chosen_sentence(value: object) -> bool:
    """[text, paragraph, index], as write_plan stores a sentence."""
    return (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)
            and bool(value[0].strip()) and is_index(value[1]) and is_index(value[2]))


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_index(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def write_plan(path: Path, take: Take, articles: list[Article]) -> None:
    """Each story as its article's place in the list and its sentences as chosen (a chosen
    sentence may differ from the article's: a dateline dropped, a fuller repeat's words)."""
    stories = [[articles.index(story.article),
                [[s.text, s.paragraph, s.index] for s in story.sentences]]
               for story in take.stories]
    plan = {"stories": stories, "pause_scale": take.pause_scale, "over_s": take.over_s}
    with suppress(OSError):  # a cache that cannot be written is skipped
        files.write_text_atomically(path, json.dumps(plan))


def replay(plan: dict, articles: list[Article], settings: Settings, cast: Cast,
           progress: Progress, music: Music) -> Take | None:
    """The plan's take, spoken (from the cache) and laid out; None if it does not fit."""
    try:
        stories = [Story(articles[index], tuple(Sentence(text, paragraph, position)
                                                for text, paragraph, position in chosen))
                   for index, chosen in plan["stories"]]
        scale = float(plan["pause_scale"])
    except (IndexError, TypeError, ValueError):
        return None
    if not stories or not all(story.sentences for story in stories):
        return None
    return record(stories, settings, cast, progress, music, scale)



def file_digest(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""
