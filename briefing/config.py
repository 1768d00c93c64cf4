"""Settings in one place: defaults here, then (later) the show TOML, then CLI options."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.errors import BriefingError


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
    voice: str = "piper"
    out_dir: Path = Path("out")
    show: str = "News Briefing"
    author: str = "briefing"
    title: str | None = None  # the episode title; made from the show and lead story when None
    day: date = field(default_factory=date.today)
    stereo: bool = False
    cache_dir: Path | None = field(default_factory=default_cache_dir)

    def __post_init__(self) -> None:
        if not self.minutes > 0:
            raise BriefingError(f"--minutes must be more than 0 (got {self.minutes:g})")
        if self.minutes > 180:
            raise BriefingError(f"--minutes must be at most 180 (got {self.minutes:g})")

    @property
    def target_seconds(self) -> float:
        return self.minutes * 60
