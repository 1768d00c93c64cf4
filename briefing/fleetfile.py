"""A fleet's TOML file, read and checked: the editions a newsroom makes each morning.

    [fleet]
    workers = 2                 # editions made at once (without a broker)
    cache = "cache"             # speech and pages the editions share (beside this file)
    broker = "redis://127.0.0.1:6379/0"   # optional: the editions go to Celery workers

    [[editions]]
    name = "world"
    show = "world.toml"         # a show's TOML (`briefing init`)

    [[editions]]
    name = "tech"
    show = "world.toml"         # the same show, with overrides:
    out = "out/tech"            # its own output folder and feed
    title = "Tech Briefing"
    topics = ["AI", "chips"]    # only stories naming one of these
    sources = ["https://example.org/tech.xml"]
    language = "en"
    voice = "kokoro"
    correspondents = ["kokoro-michael"]
    minutes = 2

A mistake in the fleet itself (its TOML, two editions with one name or one output folder) is
one error for the whole fleet. A mistake in one edition (its show file, an override) fails that
edition alone, with one line: the others are still made.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from briefing.config import ShowConfig
from briefing.errors import BriefingError
from briefing.languages import is_language_code
from briefing.showfile import load_show_config
from briefing.voices import load_voice

FLEET_KEYS = {"workers", "cache", "broker"}
EDITION_KEYS = {"name", "show", "out", "base_url", "title", "topics", "sources", "language",
                "voice", "correspondents", "minutes", "max_stories"}
LISTS = ("topics", "sources", "correspondents")


@dataclass(frozen=True)
class Edition:
    """One edition: its show with the fleet's overrides, or why it cannot be made."""

    name: str
    config: ShowConfig | None
    problem: str = ""


@dataclass(frozen=True)
class Fleet:
    path: Path
    editions: tuple[Edition, ...]
    workers: int = 2
    cache_dir: Path = Path("cache")
    broker: str = ""  # "redis://host:6379/0": editions on Celery workers; "": a local pool


def load_fleet(path: Path) -> Fleet:
    """Read a fleet file; a broken fleet is one BriefingError, a broken edition its problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BriefingError(f"{path}: no such fleet file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BriefingError(f"{path}: not a valid TOML fleet file ({exc})") from exc
    fleet_table, tables = data.get("fleet", {}), data.get("editions", [])
    if not isinstance(fleet_table, dict) or set(fleet_table) - FLEET_KEYS:
        raise BriefingError(f"{path}: [fleet] takes {', '.join(sorted(FLEET_KEYS))}")
    workers = fleet_table.get("workers", min(2, os.cpu_count() or 1))
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise BriefingError(f"{path}: [fleet] workers must be a whole number from 1")
    broker = fleet_table.get("broker", "")
    if not isinstance(broker, str) or (broker and not broker.startswith(("redis://",
                                                                          "rediss://"))):
        raise BriefingError(f"{path}: [fleet] broker must be a redis:// address, not "
                            f"{broker!r}")
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict)
                                                              for t in tables):
        raise BriefingError(f"{path}: no editions; add [[editions]] tables with a name and "
                            "a show")
    names = [str(table.get("name", "")).strip() for table in tables]
    if not all(names) or len(set(names)) < len(names):
        raise BriefingError(f"{path}: every edition needs a name of its own")
    editions = tuple(edition_of(path, name, table) for name, table in zip(names, tables,
                                                                           strict=True))
    folders = [e.config.out_dir for e in editions if e.config]
    if len(set(folders)) < len(folders):
        raise BriefingError(f"{path}: two editions publish to one folder; give each its own "
                            "`out`")
    cache = path.parent / str(fleet_table.get("cache", "cache"))
    return Fleet(path.resolve(), editions, workers, cache.resolve(), broker)


def edition_of(path: Path, name: str, table: dict) -> Edition:
    """The edition's show with its overrides; what is wrong with it as its problem."""
    try:
        return Edition(name, with_overrides(path, table))
    except BriefingError as exc:
        return Edition(name, None, str(exc))


def with_overrides(path: Path, table: dict) -> ShowConfig:
    unknown = sorted(set(table) - EDITION_KEYS)
    if unknown:
        raise BriefingError(f"unknown key {unknown[0]!r} "
                            f"(known: {', '.join(sorted(EDITION_KEYS))})")
    if not isinstance(table.get("show"), str):
        raise BriefingError('needs a show: show = "world.toml"')
    for key in LISTS:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BriefingError(f"{key} must be a list of strings")
    config = load_show_config(path.parent / table["show"])
    changes: dict = {"topics": tuple(table.get("topics", ()))}
    if "sources" in table:
        changes["sources"] = tuple(table["sources"])
    if "out" in table:
        changes["out_dir"] = (path.parent / str(table["out"])).resolve()
    if "minutes" in table:
        changes["minutes"] = minutes_of(table["minutes"])
    if "max_stories" in table:
        changes["max_stories"] = int(table["max_stories"])
    if "voice" in table:
        changes["voice"] = str(load_voice(str(table["voice"])).name)
    if "correspondents" in table:
        changes["correspondents"] = tuple(load_voice(n).name for n in table["correspondents"])
    show = config.show
    if "language" in table:
        if not is_language_code(str(table["language"])):
            raise BriefingError(f"language {table['language']!r} is not a language code")
        show = replace(show, language=str(table["language"]))
    if "title" in table:
        show = replace(show, title=str(table["title"]))
    show = replace(show, base_url=str(table.get("base_url") or served_at(config, changes)))
    return replace(config, show=show, **changes)


def served_at(config: ShowConfig, changes: dict) -> str:
    """Where the edition's folder is served: inside the show's folder, below the show's
    address; elsewhere, the edition must say (base_url)."""
    out_dir = changes.get("out_dir", config.out_dir)
    try:
        inside = out_dir.relative_to(config.out_dir)
    except ValueError:
        raise BriefingError(f"{out_dir} is outside the show's folder {config.out_dir}: give "
                            "the edition the base_url it is served at") from None
    return config.show.base_url.rstrip("/") + "/" + "".join(f"{p}/" for p in inside.parts)


def minutes_of(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 180:
        raise BriefingError(f"minutes must be a number more than 0 and at most 180, not {value!r}")
    return float(value)
