"""A show's TOML file: the commented template, and reading one with every value checked, so
that a mistake is one line naming the key before anything is fetched."""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path

from babel import Locale, UnknownLocaleError

from briefing.config import ShowConfig
from briefing.cover import ensure_cover
from briefing.errors import BriefingError
from briefing.model import Show
from briefing.voices import load_pronunciations, load_voice
from briefing.weblinks import web_link

SHOW_TEMPLATE = '''\
# briefing show configuration: `briefing run --config THIS_FILE` makes today's episode.

[show]
title = "News Briefing"
description = "A short daily audio briefing of the news."
author = "briefing"
email = ""                      # the feed owner's e-mail (Apple wants one)
language = "en"                 # the briefing's: stories in other languages are left out
category = "News"
explicit = false
base_url = "http://localhost:8000/"   # where the output folder is served, ending in /
image = ""                      # cover art file name inside the output folder; generated if empty

[briefing]
sources = [                     # feeds, article URLs or files; the newest stories win
    # "https://example.org/news/rss.xml",
]
minutes = 3.5                   # length of each episode
max_stories = 8                 # stories per episode at most
out = "out"                     # output folder (relative to this file)
keep = 30                       # episodes kept in the feed; older files are deleted
at = "06:30"                    # daily time for `briefing schedule install`
# intro_music = "intro.mp3"     # optional: music under the opening line (ducks under speech)
# outro_music = "outro.mp3"     # optional: music under the closing line, then alone
# music_bed = "bed.mp3"         # optional: quiet music under the whole briefing
# pronunciations = "names.toml" # optional: "Written name" = "Respelling" lines for the voice
# languages = ["pt", "es"]      # optional: also read stories in these, each in its own voice

[voices]                        # see `briefing voices`; leave out for kokoro and kokoro-michael
# anchor = "kokoro"             # reads the opening, each story's title and the closing
# correspondents = ["kokoro-michael", "kokoro-emma"]   # read the stories in turn; [] = anchor only
'''

# Apple Podcasts' categories and their subcategories; a feed naming another is refused by Apple
# (podcasters.apple.com/support/1691-apple-podcasts-categories).
APPLE_CATEGORIES: dict[str, frozenset[str]] = {
    "Arts": frozenset({"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts",
                       "Visual Arts"}),
    "Business": frozenset({"Careers", "Entrepreneurship", "Investing", "Management", "Marketing",
                           "Non-Profit"}),
    "Comedy": frozenset({"Comedy Interviews", "Improv", "Stand-Up"}),
    "Education": frozenset({"Courses", "How To", "Language Learning", "Self-Improvement"}),
    "Fiction": frozenset({"Comedy Fiction", "Drama", "Science Fiction"}),
    "Government": frozenset(),
    "Health & Fitness": frozenset({"Alternative Health", "Fitness", "Medicine", "Mental Health",
                                   "Nutrition", "Sexuality"}),
    "History": frozenset(),
    "Kids & Family": frozenset({"Education for Kids", "Parenting", "Pets & Animals",
                                "Stories for Kids"}),
    "Leisure": frozenset({"Animation & Manga", "Automotive", "Aviation", "Crafts", "Games",
                          "Hobbies", "Home & Garden", "Video Games"}),
    "Music": frozenset({"Music Commentary", "Music History", "Music Interviews"}),
    "News": frozenset({"Business News", "Daily News", "Entertainment News", "News Commentary",
                       "Politics", "Sports News", "Tech News"}),
    "Religion & Spirituality": frozenset({"Buddhism", "Christianity", "Hinduism", "Islam",
                                          "Judaism", "Religion", "Spirituality"}),
    "Science": frozenset({"Astronomy", "Chemistry", "Earth Sciences", "Life Sciences",
                          "Mathematics", "Natural Sciences", "Nature", "Physics",
                          "Social Sciences"}),
    "Society & Culture": frozenset({"Documentary", "Personal Journals", "Philosophy",
                                    "Places & Travel", "Relationships"}),
    "Sports": frozenset({"Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football",
                         "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis",
                         "Volleyball", "Wilderness", "Wrestling"}),
    "TV & Film": frozenset({"After Shows", "Film History", "Film Interviews", "Film Reviews",
                            "TV Reviews"}),
    "Technology": frozenset(),
    "True Crime": frozenset(),
}

SERVED_AT = "http://localhost:8000/"  # where `briefing serve` serves the output folder
SHOW_KEYS = {"title", "description", "author", "email", "language", "category", "explicit",
             "base_url", "image"}
VOICES_KEYS = {"anchor", "correspondents"}
BRIEFING_KEYS = {"sources", "voice", "minutes", "max_stories", "out", "keep", "at",
                 "intro_music", "outro_music", "music_bed", "pronunciations", "languages"}


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
    voices_table = data.get("voices", {})
    for name, table in (("show", show_table), ("briefing", briefing_table),
                        ("voices", voices_table)):
        if not isinstance(table, dict):
            raise BriefingError(f"{path}: {name} must be a [{name}] table, not {table!r}")
    _reject_unknown(path, "show", show_table, SHOW_KEYS)
    _reject_unknown(path, "briefing", briefing_table, BRIEFING_KEYS)
    _reject_unknown(path, "voices", voices_table, VOICES_KEYS)
    anchor, correspondents = _cast(path, briefing_table, voices_table)
    _check_show_types(path, show_table)
    _check_briefing_types(path, briefing_table)
    sources = briefing_table.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise BriefingError(f"{path}: [briefing] sources must be a list of strings, e.g. "
                            '["https://example.org/rss.xml"]')
    languages = briefing_table.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(c, str) for c in languages):
        raise BriefingError(f"{path}: [briefing] languages must be a list of language codes, "
                            'e.g. ["pt", "es"]')
    for code in languages:
        _check_language(path, code, "[briefing] languages")
    try:
        show = Show(**{"base_url": SERVED_AT, **show_table})
        config = ShowConfig(
            path=path,
            show=show,
            sources=tuple(beside(path, source) for source in sources),
            voice=anchor,
            correspondents=correspondents,
            minutes=float(briefing_table.get("minutes", 3.5)),
            max_stories=int(briefing_table.get("max_stories", 8)),
            languages=tuple(languages),
            out_dir=(path.parent / briefing_table.get("out", "out")).resolve(),
            keep=int(briefing_table.get("keep", 30)),
            at=str(briefing_table.get("at", "06:30")),
            **{key: (path.parent / briefing_table[key]).resolve()
               for key in ("intro_music", "outro_music", "music_bed", "pronunciations")
               if briefing_table.get(key)},
        )
    except (TypeError, ValueError) as exc:
        raise BriefingError(f"{path}: a value has the wrong type ({exc})") from exc
    for key, value in (("max_stories", config.max_stories), ("keep", config.keep)):
        if value < 1:
            raise BriefingError(f"{path}: [briefing] {key} = {value}: it must be at least 1")
    _check_category(path, show.category)
    _check_language(path, show.language)
    _check_base_url(path, show.base_url)
    if show.image and not show.image.endswith((".jpg", ".png")):
        raise BriefingError(f"{path}: [show] image {show.image!r} must be a .jpg or .png file "
                            "(podcast apps take only those; rename it)")
    if show.image:  # found before any fetching, not once the episode is made
        ensure_cover(show, config.out_dir)
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


def _check_show_types(path: Path, show_table: dict) -> None:
    """explicit is true or false; every other [show] value is a string."""
    for key, value in show_table.items():
        if key == "explicit" and not isinstance(value, bool):
            raise BriefingError(f"{path}: [show] explicit must be true or false (no quotes), "
                                f"not {value!r}")
        if key != "explicit" and not isinstance(value, str):
            raise BriefingError(f"{path}: [show] {key} must be a string in quotes, not {value!r}")


BRIEFING_TYPES = {"minutes": (int, float), "max_stories": int, "keep": int}  # others: text


def _check_briefing_types(path: Path, table: dict) -> None:
    """Numbers where numbers belong (true is no number), text for names and paths."""
    for key, value in table.items():
        if key in ("sources", "languages"):
            continue
        wanted = BRIEFING_TYPES.get(key, str)
        if isinstance(value, bool) or not isinstance(value, wanted):
            kind = {int: "a whole number", str: "a string in quotes"}.get(wanted, "a number")
            raise BriefingError(f"{path}: [briefing] {key} must be {kind}, not {value!r}")
    minutes = table.get("minutes", 3.5)
    if not 0 < minutes <= 180:
        raise BriefingError(f"{path}: [briefing] minutes must be more than 0 and at most 180, "
                            f"not {minutes!r}")


def _check_category(path: Path, category: str) -> None:
    top, _, sub = (part.strip() for part in category.partition("/"))
    if top not in APPLE_CATEGORIES:
        raise BriefingError(f"{path}: [show] category {category!r} is not one of Apple's: "
                            f"{', '.join(sorted(APPLE_CATEGORIES))} (a subcategory after /)")
    if sub and sub not in APPLE_CATEGORIES[top]:
        known = ", ".join(sorted(APPLE_CATEGORIES[top])) or "none"
        raise BriefingError(f"{path}: [show] category {category!r}: {sub!r} is not one of "
                            f"Apple's subcategories of {top} ({known})")


def _check_base_url(path: Path, base_url: str) -> None:
    """Checked before anything is made: the feed cannot be written without it."""
    if not web_link(base_url):
        raise BriefingError(f"{path}: [show] base_url {base_url!r} is not the http(s) address "
                            "where the output folder is served (e.g. https://example.org/news/)")


def _check_language(path: Path, language: str, key: str = "[show] language") -> None:
    """An ISO 639 language code, optionally with a region ("en", "en-GB", "pt_BR")."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        raise BriefingError(f"{path}: {key} {language!r} is not a language code "
                            "(e.g. en, en-GB, de)") from None


def beside(path: Path, source: str) -> str:
    """A source as the show file names it: a file relative to the show file's folder (as
    `out` is), whichever folder the run starts in; addresses as they are."""
    if source == "-" or "://" in source or Path(source).is_absolute():
        return source
    return str(path.parent / source)


def _cast(path: Path, briefing_table: dict, voices_table: dict
          ) -> tuple[str, tuple[str, ...] | None]:
    """The anchor ([voices] anchor, or [briefing] voice) and the correspondents, each a known
    voice; None when the show leaves the correspondents to the default."""
    if "anchor" in voices_table and "voice" in briefing_table:
        raise BriefingError(f"{path}: give [voices] anchor or [briefing] voice, not both")
    anchor = voices_table.get("anchor", briefing_table.get("voice", ""))
    correspondents = voices_table.get("correspondents")
    if not isinstance(anchor, str) or (correspondents is not None and (
            not isinstance(correspondents, list)
            or not all(isinstance(name, str) for name in correspondents))):
        raise BriefingError(f'{path}: [voices] anchor is a voice name, correspondents a list '
                            'of them, e.g. anchor = "kokoro", correspondents = '
                            '["kokoro-michael"]')
    anchor_key = "[briefing] voice" if "voice" in briefing_table else "[voices] anchor"
    named = [(anchor_key, anchor), *(("[voices] correspondents", n) for n in correspondents or [])]
    for key, name in named:
        if name:
            try:
                load_voice(name)  # an unknown voice is found before any fetching
            except BriefingError as error:
                raise BriefingError(f"{path}: {key}: {error}") from error
    return anchor, None if correspondents is None else tuple(correspondents)


def _reject_unknown(path: Path, table: str, values: dict, known: set[str]) -> None:
    unknown = sorted(set(values) - known)
    if unknown:
        raise BriefingError(f"{path}: unknown key [{table}] {unknown[0]} "
                            f"(known: {', '.join(sorted(known))})")
