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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Protocol

from pydub import AudioSegment

from briefing import __version__
from briefing import audio as sound
from briefing import episode as files
from briefing.article import to_article
from briefing.config import Settings
from briefing.cover import embedded_jpeg, ensure_cover
from briefing.engines import Engine, require_engine
from briefing.engines.base import release, warm
from briefing.errors import BriefingError
from briefing.languages import base_language, language_name, main_language
from briefing.model import Article, Document, Episode, LeftOut, Script, Sentence, Show, Story
from briefing.music import Music, load_music, mix_music, tones_for
from briefing.normalize import normalize_for
from briefing.script import PARAGRAPH_PAUSE_MS, SENTENCE_PAUSE_MS, build_script
from briefing.sentences import article_sentences
from briefing.sources import Fingerprint, StoryIndex, read_sources
from briefing.speech import SpeechCache, speak
from briefing.summary import REPEAT, Selection, in_order, is_near_duplicate, select, summarize
from briefing.voices import (
    Voice,
    calibrated_pace,
    default_voice,
    load_pronunciations,
    load_voice,
    speaks,
    with_pronunciations,
)

DURATION_PROMISE_S = 5.0  # a briefing lasts the minutes asked for, +-5 s
DURATION_TOLERANCE_S = 4.0  # aim a little inside the promise
MAX_FITTING_ROUNDS = 4  # rounds that speak and lay out
MAX_CHOOSING_ROUNDS = 20  # rounds that only choose (cheap), when a choice did not change
FIRST_ROUND_SHARE = 0.94
MIN_PAUSE_SCALE, MAX_PAUSE_SCALE = 0.7, 1.3  # pauses after sentences, to land on the minutes
LEAD_WEIGHT_FALLOFF = 0.25
DEFAULT_MAX_STORIES = 8
# The mean pause after a chosen sentence (measured on the summary bench: 656 ms). Most are
# followed by a paragraph break, as news paragraphs are short and summaries skip sentences.
CHOSEN_SENTENCE_PAUSE_MS = (SENTENCE_PAUSE_MS + 3 * PARAGRAPH_PAUSE_MS) / 4
PROGRAMME_VERSION = 3  # bump when mastering or encoding changes, to leave old cached MP3s
PLAN_VERSION = 2  # bump when choosing or fitting changes, to leave old cached plans
PLAN_LENGTH_SLACK_S = 0.5
TITLE_REPEAT_EXTRA_WORDS = 1  # a sentence this much longer than its title still repeats it


class Progress(Protocol):
    def stage(self, name: str) -> None: ...
    def spoken(self, done: int, total: int) -> None: ...


class Silent:
    def stage(self, name: str) -> None:
        pass

    def spoken(self, done: int, total: int) -> None:
        pass


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


def load_articles(
    sources: list[str], stdin: BinaryIO | None = None, max_stories: int = DEFAULT_MAX_STORIES,
    skip: Callable[[Document], bool] | None = None,
) -> tuple[list[Article], list[Failure]]:
    """Every story the sources give, and a one-line reason for each that gives none; a
    document `skip` rejects (a story already aired) takes no place among the newest."""
    documents, unread = read_sources(sources, max_stories, stdin, skip=skip)
    failures = [Failure(u.source, u.reason) for u in unread]
    failures += [Failure(d.origin, f"{d.origin}: {d.note}") for d in documents if d.note]
    articles: list[Article] = []
    kept = StoryIndex()
    for document in documents:
        try:
            article = to_article(document)
        except BriefingError as exc:
            failures.append(Failure(document.origin, str(exc)))
            continue
        # The same wire story on two sites has two addresses; only its text gives it away.
        if kept.add(Fingerprint.of_text(article.text)):
            articles.append(article)
    return articles, failures


@lru_cache(maxsize=512)
def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """An article's sentences, split once: each fitting round asks again."""
    return tuple(article_sentences(article.paragraphs, article.language))


def select_words(article: Article, words: int) -> Selection:
    """An article's lead and best sentences within a number of words."""
    return select(sentences_of(article), words)


@dataclass
class Voicing:
    """A voice ready to speak, and how long it takes to say things (learned as it speaks)."""

    voice: Voice
    engine: Engine
    cache: SpeechCache
    chars_per_second: float
    said: dict[str, AudioSegment] = field(default_factory=dict)  # text -> its audio, this run

    @classmethod
    def for_settings(cls, settings: Settings, language: str = "en") -> Voicing:
        """The chosen voice, or the default voice for the language; calibrated when measured."""
        voice = with_pronunciations(load_voice(settings.voice or default_voice(language)),
                                    settings.pronunciations)
        engine = require_engine(voice.engine)
        if settings.voice and settings.language and (
                base_language(settings.language) != base_language(voice.language)):
            default_voice(settings.language)  # no voice speaks it: that is the one line
            raise BriefingError(
                f"voice {voice.name!r} speaks {voice.language!r}, not {settings.language!r}; "
                f"leave out --voice for the default {settings.language!r} voice")
        pace = calibrated_pace(voice) or voice.chars_per_second
        return cls(voice, engine, SpeechCache(settings.cache_dir), pace)

    def spoken_text(self, text: str) -> str:
        """What the engine is given for text (normalize is memoised: sizing, speaking and
        the programme's cache key share the work)."""
        return normalize_for(self.voice, text)

    def spoken_length(self, text: str) -> int:
        return len(self.spoken_text(text))

    def speech_seconds(self, text: str) -> float:
        """How long the voice takes to say text: measured once it has said it."""
        if text in self.said:
            return len(self.said[text]) / 1000
        return self.spoken_length(text) / self.chars_per_second

    def estimate_seconds(self, text: str) -> float:
        """A chosen sentence's time on air: its speech and the pause after it."""
        return self.speech_seconds(text) + CHOSEN_SENTENCE_PAUSE_MS / 1000

    def speak(self, texts: list[str], on_spoken: Callable[[int, int], None] | None = None
              ) -> list[AudioSegment]:
        """Each text's audio; what an earlier round said is not said again."""
        new = list(dict.fromkeys(t for t in texts if t not in self.said))
        self.said |= dict(zip(new, speak(new, self.engine, self.voice, self.cache, on_spoken),
                              strict=True))
        return [self.said[t] for t in texts]

    def release(self) -> None:
        """Free the engine's models and the speech kept for later rounds (the take has it)."""
        release(self.engine)
        self.said.clear()

    def learn(self, texts: list[str], audio: list[AudioSegment]) -> None:
        """Refine the speaking rate from what the voice really took."""
        chars = sum(self.spoken_length(t) for t in texts)
        seconds = sum(len(a) for a in audio) / 1000
        if chars and seconds:
            self.chars_per_second = chars / seconds


def importance(position: int) -> float:
    """The lead story gets the most time; each later one a little less."""
    return 1 / (1 + LEAD_WEIGHT_FALLOFF * position)


def share_budget(needs: list[float], seconds: float) -> list[float]:
    """Split the time between stories by importance; a story that fits whole in its share
    takes only what it needs and leaves the rest to the others (weighted water-filling)."""
    budgets = [0.0] * len(needs)
    open_stories = set(range(len(needs)))
    remaining = seconds
    while open_stories:
        weight = sum(importance(i) for i in open_stories)
        share = {i: remaining * importance(i) / weight for i in open_stories}
        fitting = [i for i in open_stories if needs[i] <= share[i]]
        if not fitting:
            for i in open_stories:
                budgets[i] = share[i]
            break
        for i in fitting:
            budgets[i] = needs[i]
            remaining -= needs[i]
            open_stories.discard(i)
    return budgets


def choose_stories(articles: list[Article], seconds: float,
                   cost: Callable[[str], float], keep: Collection[str] = ()) -> list[Story]:
    """Each article's summary within its share of the time (see select_stories); an article
    with nothing to say is left out."""
    return [Story(article, selection.chosen)
            for article, selection in select_stories(articles, seconds, cost, keep)
            if selection.chosen]


def select_stories(articles: list[Article], seconds: float,
                   cost: Callable[[str], float], keep: Collection[str] = ()
                   ) -> list[tuple[Article, Selection]]:
    """What each article airs: its lead first, whatever the time; the rest of the time is
    shared by importance among the sentences after the leads. Nothing one story already said
    is said again by a later one. Sentences in `keep` stay chosen where they fit."""
    candidates = [sentences_of(a) for a in articles]
    needs = [sum(cost(s.text) for s in summarize(c, math.inf, cost)) for c in candidates]
    leads = [sum(cost(s.text) for s in summarize(c, 0, cost)) for c in candidates]
    extras = share_budget([need - lead for need, lead in zip(needs, leads, strict=True)],
                          max(0.0, seconds - sum(leads)))
    selections: list[tuple[Article, Selection]] = []
    said: list[str] = []
    for article, sentences, lead, extra in zip(articles, candidates, leads, extras, strict=True):
        repeats = [s for s in sentences if repeats_title(s.text, article.title)
                   or any(is_near_duplicate(s.text, old) for old in said)]
        new = [s for s in sentences if s not in repeats]
        selection = select(new, lead + extra, cost, keep)
        selection = replace(selection, left_out=in_order(
            list(selection.left_out) + [(s, REPEAT) for s in repeats]))
        selections.append((article, selection))
        said += [s.text for s in selection.chosen]
    return selections


def repeats_title(sentence: str, title: str) -> bool:
    """Whether a sentence is the headline again (read just before it), not a lead that
    says more than the headline does."""
    extra = len(sentence.split()) - len(title.split())
    return extra <= TITLE_REPEAT_EXTRA_WORDS and is_near_duplicate(sentence, title)


def sentence_count(stories: list[Story]) -> int:
    return sum(len(story.sentences) for story in stories)


def speak_script(script: Script, voicing: Voicing, progress: Progress) -> dict[int, AudioSegment]:
    spoken_parts = [i for i, part in enumerate(script.parts) if part.text]
    texts = [script.parts[i].text for i in spoken_parts]
    audio = voicing.speak(texts, progress.spoken)
    return dict(zip(spoken_parts, audio, strict=True))


def programme_language(articles: list[Article], settings: Settings) -> str:
    """The briefing's language: the one asked for, else the chosen voice's, else the one most
    stories are in that a voice speaks."""
    if settings.language:
        return base_language(settings.language)
    if settings.voice:
        return base_language(load_voice(settings.voice).language)
    languages = [a.language for a in articles]
    return main_language([code for code in languages if speaks(code)] or languages)


def in_language(articles: list[Article], language: str) -> tuple[list[Article], list[LeftOut]]:
    """The articles in the briefing's language, and a line for each in another: a story is
    never read by a voice of another language."""
    kept = [a for a in articles if base_language(a.language) == language]
    foreign = [LeftOut(a, f"it is in {language_name(a.language)}; the briefing is in "
                          f"{language_name(language)}", for_good=True)
               for a in articles if base_language(a.language) != language]
    return kept, foreign


def not_aired(articles: list[Article], stories: list[Story], settings: Settings
              ) -> list[LeftOut]:
    """A line for each article the take leaves out: nothing in it to read aloud, or no time
    for its lead in the minutes asked for."""
    aired = {id(story.article) for story in stories}
    lines = []
    for article in articles:
        if id(article) in aired:
            continue
        if not summarize(sentences_of(article), math.inf):
            why = "nothing in it can be read aloud (or it repeats an earlier story)"
        else:
            why = f"no time for its lead in {settings.minutes:g} minutes"
        lines.append(LeftOut(article, why))
    return lines


def framing_seconds(articles: list[Article], settings: Settings, voicing: Voicing) -> float:
    """What everything but the chosen sentences will take: tones, opening, titles, closing."""
    frame = build_script([Story(a, ()) for a in articles], settings.show, settings.day,
                         programme_language(articles, settings))
    spoken = sum(voicing.speech_seconds(p.text) for p in frame.parts if p.text)
    tones = sum(len(sound.TONES[p.kind]()) for p in frame.parts if not p.text) / 1000
    return spoken + tones + sum(p.pause_after_ms for p in frame.parts) / 1000


def least_seconds(article: Article, voicing: Voicing) -> float:
    """The time of an article's lead: the least a story can say."""
    best = summarize(sentences_of(article), 0, voicing.estimate_seconds)
    return sum(voicing.estimate_seconds(s.text) for s in best)


def stories_that_fit(articles: list[Article], settings: Settings, voicing: Voicing
                     ) -> list[Article]:
    """The stories, most important first, whose title and lead the time allows; a story whose
    lead alone would not fit is left out (a later, shorter one may still fit). Never none:
    when not even one fits, the one that comes nearest, if within the promise."""
    needed = {id(a): least_seconds(a, voicing) for a in articles}

    def length(chosen: list[Article]) -> float:
        return framing_seconds(chosen, settings, voicing) + sum(needed[id(a)] for a in chosen)

    kept: list[Article] = []
    for article in articles:
        if length([*kept, article]) <= settings.target_seconds:
            kept.append(article)
    if kept:
        return kept
    nearest = min(articles, key=lambda a: length([a]))
    if length([nearest]) > settings.target_seconds + DURATION_PROMISE_S:
        raise too_short(settings, voicing, length([nearest]))
    return [nearest]


def too_short(settings: Settings, voicing: Voicing, shortest: float) -> BriefingError:
    minutes, seconds = divmod(round(shortest), 60)
    enough = math.ceil(shortest / 30) / 2
    return BriefingError(
        f"{settings.minutes:g} minutes is too short: the opening, the lead story's title and "
        f"first sentence and the closing take about {minutes}:{seconds:02d} with "
        f"{voicing.voice.name}; ask for {enough:g} minute{'' if enough == 1 else 's'} or more")


@dataclass
class Take:
    """One round of fitting: what was chosen, said and laid out, and how far off target."""

    stories: list[Story]
    script: Script
    programme: AudioSegment
    segments: list
    over_s: float  # programme length minus the target
    pause_scale: float = 1.0  # how the pauses after sentences were stretched


def fit_to_length(articles: list[Article], settings: Settings, voicing: Voicing,
                  progress: Progress, music: Music) -> Take:
    """Choose, speak and lay out; re-choose with the voice's measured pace until the
    programme lasts the target (or everything there is to say fits)."""
    articles = stories_that_fit(articles, settings, voicing)
    # The first round aims short: a voice's pace varies by some 5% with the text, and what
    # an overlong first round speaks and a later round drops is synthesis wasted.
    story_seconds = max(1.0, settings.target_seconds
                        - framing_seconds(articles, settings, voicing)) * FIRST_ROUND_SHARE
    all_there_is = sentence_count(choose_stories(articles, math.inf, voicing.estimate_seconds))
    tried: list[tuple[list[Story], float]] = []  # each choice spoken, and its over_s
    best: Take | None = None  # the take closest to the target (the last is not always it)
    too_short, too_long = -math.inf, math.inf  # story seconds known to give short / long
    for _ in range(MAX_CHOOSING_ROUNDS):
        # What an earlier round spoke stays where it fits: no synthesis is wasted.
        stories = choose_stories(articles, story_seconds, voicing.estimate_seconds,
                                 keep=voicing.said.keys())
        over_s = next((over for choice, over in tried if choice == stories), None)
        if over_s is None:  # a new choice: speak it and lay it out
            if len(tried) == MAX_FITTING_ROUNDS:
                break
            take = record(stories, articles, settings, voicing, progress, music)
            over_s = take.over_s
            tried.append((stories, over_s))
            if best is None or abs(over_s) < abs(best.over_s):
                best = take  # only its audio is kept: a 10-minute programme is 53 MB
            del take
            everything_fits = sentence_count(stories) >= all_there_is
            if abs(over_s) <= DURATION_TOLERANCE_S or (over_s < 0 and everything_fits):
                break
        # Sentences come whole, so the length moves in steps: once the target lies between
        # a short and a long choice, halve the gap between their budgets.
        if over_s < 0:
            too_short = max(too_short, story_seconds)
        else:
            too_long = min(too_long, story_seconds)
        if too_long - too_short < 0.05:
            break
        if math.isinf(too_short) or math.isinf(too_long):
            story_seconds = max(1.0, story_seconds - over_s)
        else:
            story_seconds = (too_short + too_long) / 2
    assert best is not None  # the first round always records a take
    fits_whole = sentence_count(best.stories) >= all_there_is
    if best.over_s > DURATION_TOLERANCE_S or (best.over_s < -DURATION_TOLERANCE_S
                                               and not fits_whole):
        # The last few seconds: the pauses between sentences breathe a little faster or
        # slower (never a short programme padded when everything was said).
        scale = pause_scale_to_fit(best)
        stories, best = best.stories, None  # its audio goes before the new take's is laid out
        best = record(stories, articles, settings, voicing, progress, music, scale)
    return best


def planned_take(articles: list[Article], settings: Settings, voicing: Voicing,
                 progress: Progress, music: Music) -> Take:
    """The fitted take; a re-run of the same briefing replays what the first run chose
    (kept beside the speech cache) instead of fitting again."""
    plan_file = plan_path(articles, settings, voicing)
    plan = read_plan(plan_file) if plan_file else None
    if plan is not None:
        pace = voicing.chars_per_second
        take = replay(plan, articles, settings, voicing, progress, music)
        # The same speech gives the same length; speech made again may differ a little.
        if take is not None and abs(take.over_s - plan["over_s"]) <= PLAN_LENGTH_SLACK_S:
            return take
        voicing.chars_per_second = pace  # fit as a first run would
        voicing.said.clear()
    take = fit_to_length(articles, settings, voicing, progress, music)
    if plan_file:
        write_plan(plan_file, take, articles)
    return take


def plan_path(articles: list[Article], settings: Settings, voicing: Voicing) -> Path | None:
    """Where the plan for these articles, settings and voice is kept (None: no cache)."""
    if settings.cache_dir is None:
        return None
    voice = voicing.voice
    material = json.dumps([
        PLAN_VERSION, __version__,
        [(a.title, a.source, a.language, hashlib.sha256(a.text.encode()).hexdigest())
         for a in articles],
        settings.target_seconds, settings.show, settings.day.isoformat(),
        programme_language(articles, settings),
        [voice.name, voice.engine, voice.voice, voice.language, voice.speed, voice.pitch,
         sorted(voice.options.items()), voice.pronunciations, voicing.chars_per_second],
        [file_digest(path) for path in (settings.intro_music, settings.outro_music,
                                        settings.music_bed)],
    ])
    return settings.cache_dir / "plans" / f"{hashlib.sha256(material.encode()).hexdigest()}.json"


def read_plan(path: Path) -> dict | None:
    try:
        plan = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: fit again
        return None
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


def replay(plan: dict, articles: list[Article], settings: Settings, voicing: Voicing,
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
    return record(stories, articles, settings, voicing, progress, music, scale)


def pause_scale_to_fit(take: Take) -> float:
    """How much to stretch the pauses after sentences so the take lasts the target."""
    pauses_s = sum(p.pause_after_ms for p in take.script.parts if p.kind == "sentence") / 1000
    if not pauses_s:
        return 1.0
    return min(MAX_PAUSE_SCALE, max(MIN_PAUSE_SCALE, 1 - take.over_s / pauses_s))


def record(stories: list[Story], articles: list[Article], settings: Settings,
           voicing: Voicing, progress: Progress, music: Music, pause_scale: float = 1.0
           ) -> Take:
    """Speak the stories' script and lay it out; the voice learns its pace from it."""
    script = build_script(stories, settings.show, settings.day,
                          programme_language(articles, settings))
    if pause_scale != 1.0:
        script = replace(script, parts=tuple(
            replace(p, pause_after_ms=round(p.pause_after_ms * pause_scale))
            if p.kind == "sentence" else p for p in script.parts))
    speech = speak_script(script, voicing, progress)
    programme, segments = sound.lay_out(script.parts, speech, tones_for(music, script.parts,
                                                                        speech))
    sentence_parts = [i for i, p in enumerate(script.parts) if p.kind == "sentence"]
    voicing.learn([script.parts[i].text for i in sentence_parts],
                  [speech[i] for i in sentence_parts])
    return Take(stories, script, programme, segments,
                len(programme) / 1000 - settings.target_seconds, pause_scale)


def generate(sources: list[str], settings: Settings, progress: Progress | None = None,
             stdin: BinaryIO | None = None, max_stories: int = DEFAULT_MAX_STORIES,
             ) -> tuple[Episode, list[Failure]]:
    """The whole pipeline; raises BriefingError when no source yields a story."""
    progress = progress or Silent()
    if settings.voice:  # an unknown or missing voice fails before any fetching
        Voicing.for_settings(settings)
    if settings.pronunciations:  # and so does a broken pronunciations file
        load_pronunciations(settings.pronunciations)
    progress.stage("reading sources")
    with voice_warming_up(settings):
        articles, failures = load_articles(sources, stdin, max_stories)
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
        voice = load_voice(settings.voice or default_voice(settings.language or "en"))
        warm(require_engine(voice.engine), voice)


def make_episode(articles: list[Article], settings: Settings, progress: Progress | None = None
                 ) -> Episode:
    """Articles -> the finished episode files in settings.out_dir."""
    progress = progress or Silent()
    if settings.cover and not settings.cover.is_file():
        raise BriefingError(f"the show's image {settings.cover} does not exist")
    language = programme_language(articles, settings)
    articles, foreign = in_language(articles, language)
    if not articles:
        raise BriefingError(f"no story is in {language_name(language)}: "
                            + "; ".join(f"{f.article.title!r}: {f.reason}" for f in foreign))
    settings = replace(settings, language=language)
    voicing = Voicing.for_settings(settings, language)
    progress.stage(f"summarizing and speaking with {voicing.voice.name}")
    music = Music(load_music(settings.intro_music), load_music(settings.outro_music),
                  load_music(settings.music_bed))
    take = planned_take(articles, settings, voicing, progress, music)
    voicing.release()  # everything is said: its memory is better used by mastering
    key = programme_key(take.script, voicing, settings)
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
    return replace(episode, left_out=tuple(foreign + not_aired(articles, take.stories,
                                                                   settings)))


def embedded_cover(settings: Settings) -> bytes:
    """The JPEG the MP3 carries: of the show's cover, drawn into the output folder when the
    show names none."""
    cover = settings.cover or ensure_cover(Show(title=settings.show), settings.out_dir)
    return embedded_jpeg(cover, settings.cache_dir)


def programme_key(script: Script, voicing: Voicing, settings: Settings) -> str:
    """What the finished audio depends on: each part's sound and pause, music, format."""
    parts = [(p.kind, p.pause_after_ms,
              voicing.cache.key(voicing.engine, voicing.voice, voicing.spoken_text(p.text)))
             for p in script.parts]
    music = [file_digest(path) for path in (settings.intro_music, settings.outro_music,
                                            settings.music_bed)]
    material = json.dumps([PROGRAMME_VERSION, parts, music, settings.stereo])
    return hashlib.sha256(material.encode()).hexdigest()


def file_digest(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""


@contextmanager
def encoded_programme(key: str, settings: Settings) -> Iterator[tuple[Path, bool]]:
    """Where the mastered, untagged MP3 of this programme is, and whether it is already there.

    With a cache, a re-run of the same briefing skips mastering and encoding altogether."""
    cached = settings.cache_dir / "programmes" / f"{key}.mp3" if settings.cache_dir else None
    if cached and cached.is_file():
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
