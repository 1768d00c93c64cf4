"""Voices ready to speak, and who reads what.

A Voicing is one voice with its engine and speech cache, which learns how long it takes to say
things as it speaks. A Cast gives each part of the programme its Voicing: the anchor (the
briefing's language) reads the opening and the closing, and each story is read by the voice of
its own language, which is the anchor's unless the show reads other languages too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydub import AudioSegment

from briefing.config import Settings
from briefing.engines import Engine, get_engine, require_engine
from briefing.engines.base import release
from briefing.errors import BriefingError
from briefing.languages import base_language
from briefing.model import Article, Part, Story
from briefing.normalize import normalize_for
from briefing.script import PARAGRAPH_PAUSE_MS, SENTENCE_PAUSE_MS
from briefing.speech import SpeechCache, speak
from briefing.voices import (
    DEFAULT_CORRESPONDENTS,
    Voice,
    calibrated_pace,
    load_voice,
    voices_speaking,
    with_pronunciations,
)

# The mean pause after a chosen sentence (measured on the summary bench: 656 ms). Most are
# followed by a paragraph break, as news paragraphs are short and summaries skip sentences.
CHOSEN_SENTENCE_PAUSE_MS = (SENTENCE_PAUSE_MS + 3 * PARAGRAPH_PAUSE_MS) / 4

Cost = Callable[[str], float]


def correspondent_names(settings: Settings, anchor: Voice) -> tuple[str, ...]:
    """The settings' correspondents; unset, the default anchor's usual partners (a voice
    chosen by name reads everything)."""
    if settings.correspondents is not None:
        return settings.correspondents
    if settings.voice:
        return ()
    return DEFAULT_CORRESPONDENTS.get(anchor.name, ())


def default_voice(language: str) -> str:
    """The best profile for the language whose engine is installed (else the best, so that
    using it says what to install); a language no profile speaks is the one-line error."""
    candidates = voices_speaking(language)
    if not candidates:
        raise BriefingError(f"no voice speaks {language!r}; add a profile to voices/ "
                            "(e.g. an espeak-ng one) or pass --voice")
    for name in candidates:
        if get_engine(load_voice(name).engine).available():
            return name
    return candidates[0]


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
        voicing = cls.of(settings.voice or default_voice(language), settings)
        voice = voicing.voice
        if settings.voice and settings.language and (
                base_language(settings.language) != base_language(voice.language)):
            default_voice(settings.language)  # no voice speaks it: that is the one line
            raise BriefingError(
                f"voice {voice.name!r} speaks {voice.language!r}, not {settings.language!r}; "
                f"leave out --voice for the default {settings.language!r} voice")
        return voicing

    @classmethod
    def of(cls, name: str, settings: Settings) -> Voicing:
        """The voice of that name, with the settings' pronunciations and speech cache."""
        voice = with_pronunciations(load_voice(name), settings.pronunciations)
        engine = require_engine(voice.engine)
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


@dataclass
class Cast:
    """Who reads what, as on the radio: the anchor reads the opening, each story's title and
    the closing; the correspondents read the stories in turn (with none, the anchor does);
    a story in another language the show reads is read by a voice of that language."""

    anchor: Voicing
    by_language: dict[str, Voicing] = field(default_factory=dict)
    correspondents: list[Voicing] = field(default_factory=list)
    reporter: dict[Article, Voicing] = field(default_factory=dict)  # who reads which story

    @classmethod
    def for_settings(cls, settings: Settings, language: str,
                     articles: Sequence[Article] = ()) -> Cast:
        """The anchor for the briefing's language and its correspondents, who take the
        articles in turn, in their order; for each other language the settings read, its
        default voice (whether one is installed is checked when choosing stories)."""
        anchor = Voicing.for_settings(settings, language)
        ready = {anchor.voice.name: anchor}
        correspondents = [ready.setdefault(name, Voicing.of(name, settings))
                          for name in correspondent_names(settings, anchor.voice)]
        for voicing in correspondents:
            if base_language(voicing.voice.language) != base_language(anchor.voice.language):
                raise BriefingError(
                    f"correspondent {voicing.voice.name!r} speaks {voicing.voice.language!r}, "
                    f"not the anchor's {anchor.voice.language!r}")
        others = {base_language(code): Voicing.of(default_voice(code), settings)
                  for code in settings.languages
                  if base_language(code) != base_language(language)}
        cast = cls(anchor, others, correspondents)
        cast.assign(articles)
        return cast

    def assign(self, articles: Sequence[Article]) -> None:
        """The correspondents take the stories in the anchor's language in turn."""
        home = [a for a in articles if base_language(a.language) not in self.by_language]
        if self.correspondents:
            self.reporter = {article: self.correspondents[turn % len(self.correspondents)]
                             for turn, article in enumerate(home)}

    @property
    def voicings(self) -> list[Voicing]:
        """Each voice once."""
        everyone = [self.anchor, *self.correspondents, *self.by_language.values()]
        return list({id(v): v for v in everyone}.values())

    def for_article(self, article: Article) -> Voicing:
        """The voice that reads the article's sentences."""
        language = base_language(article.language)
        if language in self.by_language:
            return self.by_language[language]
        if article in self.reporter:
            return self.reporter[article]
        return self.correspondents[0] if self.correspondents else self.anchor

    def cost_for(self, article: Article) -> Cost:
        """A chosen sentence's time on air, in the voice that reads the article."""
        return self.for_article(article).estimate_seconds

    def for_part(self, part: Part, stories: Sequence[Story]) -> Voicing:
        """The anchor reads the frame and the titles of its language's stories; the story's
        own voice its sentences (and a title in another language)."""
        if part.story_index is None:
            return self.anchor
        article = stories[part.story_index].article
        foreign = base_language(article.language) in self.by_language
        return self.for_article(article) if foreign or part.kind == "sentence" else self.anchor

    def said(self) -> set[str]:
        return {text for voicing in self.voicings for text in voicing.said}

    def paces(self) -> list[float]:
        return [voicing.chars_per_second for voicing in self.voicings]

    def restore(self, paces: list[float]) -> None:
        """Back to the paces a first run starts from, nothing said yet."""
        for voicing, pace in zip(self.voicings, paces, strict=True):
            voicing.chars_per_second = pace
            voicing.said.clear()

    def release(self) -> None:
        for voicing in self.voicings:
            voicing.release()
