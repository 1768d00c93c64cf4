"""Settings in one place: defaults here, then (later) the show TOML, then CLI options."""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.errors import BriefingError
from briefing.model import Show
from briefing.voices import load_pronunciations


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
    voice: str = ""  # "" = the default voice for the programme's language
    language: str = ""  # "" = the lead article's language
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


SHOW_TEMPLATE = '''\
# briefing show configuration: `briefing run --config THIS_FILE` makes today's episode.

[show]
title = "News Briefing"
description = "A short daily audio briefing of the news."
author = "briefing"
email = ""                      # the feed owner's e-mail (Apple wants one)
language = "en"
category = "News"
explicit = false
base_url = "http://localhost:8000/"   # where the output folder is served, ending in /
image = ""                      # cover art file name inside the output folder; generated if empty

[briefing]
sources = [                     # feeds, article URLs or files; the newest stories win
    # "https://example.org/news/rss.xml",
]
voice = "piper"                 # see `briefing voices`
minutes = 3.5                   # length of each episode
max_stories = 8                 # stories per episode at most
out = "out"                     # output folder (relative to this file)
keep = 30                       # episodes kept in the feed; older files are deleted
at = "06:30"                    # daily time for `briefing schedule install`
# intro_music = "intro.mp3"     # optional: music under the opening line (ducks under speech)
# outro_music = "outro.mp3"     # optional: music under the closing line, then alone
# music_bed = "bed.mp3"         # optional: quiet music under the whole briefing
# pronunciations = "names.toml" # optional: "Written name" = "Respelling" lines for the voice
'''

# Apple Podcasts' top-level categories; a feed naming another is refused by Apple.
APPLE_CATEGORIES = frozenset((
    "Arts", "Business", "Comedy", "Education", "Fiction", "Government", "Health & Fitness",
    "History", "Kids & Family", "Leisure", "Music", "News", "Religion & Spirituality",
    "Science", "Society & Culture", "Sports", "TV & Film", "Technology", "True Crime",
))  # fmt: skip

SHOW_KEYS = {"title", "description", "author", "email", "language", "category", "explicit",
             "base_url", "image"}
BRIEFING_KEYS = {"sources", "voice", "minutes", "max_stories", "out", "keep", "at",
                 "intro_music", "outro_music", "music_bed", "pronunciations"}


@dataclass(frozen=True)
class ShowConfig:
    """A show's TOML file, read: the podcast, its sources, and how to make each episode."""

    path: Path
    show: Show
    sources: tuple[str, ...] = ()
    voice: str = "piper"
    minutes: float = 3.5
    max_stories: int = 8
    out_dir: Path = Path("out")
    keep: int = 30
    at: str = "06:30"
    intro_music: Path | None = None
    outro_music: Path | None = None
    music_bed: Path | None = None
    pronunciations: Path | None = None

    def settings(self, **overrides: object) -> Settings:
        values = {"minutes": self.minutes, "voice": self.voice, "out_dir": self.out_dir,
                  "show": self.show.title, "author": self.show.author,
                  "intro_music": self.intro_music, "outro_music": self.outro_music,
                  "music_bed": self.music_bed, "pronunciations": self.pronunciations,
                  "cover": self.out_dir / self.show.image if self.show.image else None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return Settings(**values)


def write_show_template(path: Path) -> None:
    """The commented template at path, whole or not at all, never over an existing file."""
    if path.exists():
        raise BriefingError(f"{path} already exists; not overwriting it")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise BriefingError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(SHOW_TEMPLATE)
        os.chmod(tmp, 0o644)
        os.link(tmp, path)  # unlike a rename, fails if someone made the file meanwhile
    except FileExistsError:
        raise BriefingError(f"{path} already exists; not overwriting it") from None
    except OSError as exc:
        raise BriefingError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        os.unlink(tmp)


def load_show_config(path: Path) -> ShowConfig:
    """Read a show file; anything wrong in it is one BriefingError naming the file and key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BriefingError(
            f"{path}: no such config file (`briefing init {path}` writes one)") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BriefingError(f"{path}: not a valid TOML config ({exc})") from exc
    show_table, briefing_table = data.get("show", {}), data.get("briefing", {})
    _reject_unknown(path, "show", show_table, SHOW_KEYS)
    _reject_unknown(path, "briefing", briefing_table, BRIEFING_KEYS)
    try:
        show = Show(**show_table)
        config = ShowConfig(
            path=path,
            show=show,
            sources=tuple(str(s) for s in briefing_table.get("sources", [])),
            voice=str(briefing_table.get("voice", "piper")),
            minutes=float(briefing_table.get("minutes", 3.5)),
            max_stories=int(briefing_table.get("max_stories", 8)),
            out_dir=(path.parent / briefing_table.get("out", "out")).resolve(),
            keep=int(briefing_table.get("keep", 30)),
            at=str(briefing_table.get("at", "06:30")),
            **{key: (path.parent / briefing_table[key]).resolve()
               for key in ("intro_music", "outro_music", "music_bed", "pronunciations")
               if briefing_table.get(key)},
        )
    except (TypeError, ValueError) as exc:
        raise BriefingError(f"{path}: a value has the wrong type ({exc})") from exc
    if config.keep < 1 or config.max_stories < 1:
        raise BriefingError(f"{path}: keep and max_stories must be at least 1")
    top_category = show.category.partition("/")[0].strip()
    if top_category not in APPLE_CATEGORIES:
        raise BriefingError(f"{path}: [show] category {show.category!r} is not one of Apple's: "
                            f"{', '.join(sorted(APPLE_CATEGORIES))} (a subcategory after /)")
    if show.image and not show.image.endswith((".jpg", ".png")):
        raise BriefingError(f"{path}: [show] image {show.image!r} must be a .jpg or .png file "
                            "(podcast apps take only those; rename it)")
    parse_daily_time(config.at)
    if config.pronunciations:  # a broken file is found before any fetching
        load_pronunciations(config.pronunciations)
    return config


def parse_daily_time(at: str) -> tuple[int, int]:
    try:
        hours, minutes = (int(part) for part in at.split(":"))
    except ValueError:
        hours = minutes = -1
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise BriefingError(f"daily time {at!r} is not HH:MM (e.g. 06:30)")
    return hours, minutes


def _reject_unknown(path: Path, table: str, values: dict, known: set[str]) -> None:
    unknown = sorted(set(values) - known)
    if unknown:
        raise BriefingError(f"{path}: unknown key [{table}] {unknown[0]} "
                            f"(known: {', '.join(sorted(known))})")
