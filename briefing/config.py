"""Settings in one place: defaults here, then a show's TOML (showfile.py), then CLI options.

The floor: nothing here imports anything of ours above errors and model.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.errors import BriefingError
from briefing.model import Show


def default_cache_dir() -> Path | None:
    """Where synthesized speech is kept between runs; BRIEFING_CACHE=off disables it."""
    configured = os.environ.get("BRIEFING_CACHE", "")
    if configured.lower() in ("off", "none", "0"):
        return None
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing")) / "speech"


@dataclass(frozen=True)
class Settings:
    minutes: float = 3.5
    voice: str = ""  # the anchor; "" = the default voice for the programme's language
    # The voices that read the stories, in turn; None: the default voice's usual partners when
    # no voice is chosen (voices.DEFAULT_CORRESPONDENTS), else the anchor reads everything.
    correspondents: tuple[str, ...] | None = None
    language: str = ""  # the briefing's; "" = the voice's, else most stories' (languages.py)
    languages: tuple[str, ...] = ()  # other languages read, each by a voice that speaks it
    out_dir: Path = Path("out")
    show: str = "News Briefing"
    author: str = "briefing"
    title: str | None = None  # the episode title; made from the show and lead story when None
    day: date = field(default_factory=date.today)
    stereo: bool = False
    intro_music: Path | None = None
    outro_music: Path | None = None
    music_bed: Path | None = None
    cover: Path | None = None  # the show's image; None draws one from the show's name
    pronunciations: Path | None = None  # the user's respellings of names (TOML)
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    cache_days: float = 30  # cached speech, plans and programmes unused this long are deleted
    # MP3 names the episode must not take (a show's published episodes): a second episode
    # the same day with the same lead title gets "-2" rather than overwriting the first.
    taken_names: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.minutes > 0:
            raise BriefingError(f"--minutes must be more than 0 (got {self.minutes:g})")
        if self.minutes > 180:
            raise BriefingError(f"--minutes must be at most 180 (got {self.minutes:g})")

    @property
    def target_seconds(self) -> float:
        return self.minutes * 60


@dataclass(frozen=True)
class ShowConfig:
    """A show's TOML file, read: the podcast, its sources, and how to make each episode."""

    path: Path
    show: Show
    sources: tuple[str, ...] = ()
    voice: str = ""  # the anchor ([voices] anchor, or [briefing] voice)
    correspondents: tuple[str, ...] | None = None  # [voices] correspondents
    minutes: float = 3.5
    max_stories: int = 8
    languages: tuple[str, ...] = ()  # other languages the show reads, each in its own voice
    topics: tuple[str, ...] = ()  # only stories naming one of these (a fleet's topic edition)
    out_dir: Path = Path("out")
    keep: int = 30
    at: str = "06:30"
    intro_music: Path | None = None
    outro_music: Path | None = None
    music_bed: Path | None = None
    pronunciations: Path | None = None
    cache_dir: Path | None = None  # the speech cache; None: the user's (a fleet shares one)

    def settings(self, **overrides: object) -> Settings:
        values = {"minutes": self.minutes, "voice": self.voice,
                  "correspondents": self.correspondents, "out_dir": self.out_dir,
                  "show": self.show.title, "author": self.show.author,
                  "language": self.show.language, "languages": self.languages,
                  "intro_music": self.intro_music, "outro_music": self.outro_music,
                  "music_bed": self.music_bed, "pronunciations": self.pronunciations,
                  "cover": self.out_dir / self.show.image if self.show.image else None}
        if self.cache_dir is not None:
            values["cache_dir"] = self.cache_dir
        values.update({k: v for k, v in overrides.items() if v is not None})
        return Settings(**values)
