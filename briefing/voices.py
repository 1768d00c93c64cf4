"""Voice profiles: the TOML files in voices/, one per voice.

voices/ sits at the top of a checkout, as the project's layout has it; a wheel carries the same
files as the package data `briefing.profiles` (pyproject.toml maps one onto the other).
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from briefing import languages
from briefing.errors import BriefingError
from briefing.languages import base_language

CHECKOUT_VOICES = Path(__file__).resolve().parent.parent / "voices"
PACKAGED_VOICES = Path(__file__).resolve().parent / "profiles"  # where a wheel puts them

Respellings = tuple[tuple[str, str], ...]  # (written name, how the engine should be given it)


@dataclass(frozen=True)
class Voice:
    """What an engine needs to speak, and what we measured about it."""

    name: str
    engine: str
    voice: str = ""  # engine-specific voice id, model name or path
    language: str = "en"
    speed: float = 1.0  # 1.0 = the engine's natural pace
    pitch: int = 50  # espeak-style 0..99, ignored by engines without pitch
    description: str = ""
    # Measured speaking rate in characters of normalised text per second (see calibrate).
    chars_per_second: float = 14.0
    options: dict[str, str] = field(default_factory=dict)
    # Names the engine says wrong, respelled (voices/pronunciations/LANG.toml, then the user's).
    pronunciations: Respellings = ()


def voices_dir(directory: Path | None = None) -> Path:
    return directory or bundled_voices()


@lru_cache(maxsize=1)
def bundled_voices() -> Path:
    """voices/ of this checkout, else the profiles the installed package carries."""
    if (CHECKOUT_VOICES / "piper.toml").is_file():
        return CHECKOUT_VOICES
    return PACKAGED_VOICES


def load_voice(name: str, directory: Path | None = None) -> Voice:
    """Load voices/NAME.toml; an unknown name is a BriefingError listing the known ones."""
    path = voices_dir(directory) / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(v.name for v in list_voices(directory)) or "none"
        raise BriefingError(f"unknown voice {name!r}; known voices: {known}")
    voice = _voice_from_file(path)
    bundled = voices_dir(directory) / "pronunciations" / f"{base_language(voice.language)}.toml"
    if not bundled.is_file():
        return voice
    return replace(voice, pronunciations=load_pronunciations(bundled))


def with_pronunciations(voice: Voice, path: Path | None) -> Voice:
    """The voice with the user's respellings added (theirs win over the bundled ones)."""
    if path is None:
        return voice
    merged = dict(voice.pronunciations) | dict(load_pronunciations(path))
    return replace(voice, pronunciations=tuple(merged.items()))


def load_pronunciations(path: Path) -> Respellings:
    """A TOML file of `"Written name" = "Respelling"` lines; anything wrong is one error."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BriefingError(f"{path}: no such pronunciations file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BriefingError(f"{path}: not a valid TOML pronunciations file ({exc})") from exc
    for written, respelled in table.items():
        if not isinstance(respelled, str) or not respelled.strip() or not written.strip():
            raise BriefingError(f'{path}: {written!r} needs a respelling: "{written}" = "..."')
    return tuple((written.strip(), respelled.strip()) for written, respelled in table.items())


def list_voices(directory: Path | None = None) -> list[Voice]:
    return [_voice_from_file(p) for p in sorted(voices_dir(directory).glob("*.toml"))]


# What each profile setting must be: its type, and the range a number must lie in.
PROFILE_TEXT = ("engine", "voice", "language", "description")
PROFILE_NUMBERS = {"speed": (0.25, 4.0), "pitch": (0, 99), "chars_per_second": (1.0, 100.0)}


def _voice_from_file(path: Path) -> Voice:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BriefingError(f"voice profile {path} is not valid TOML: {exc}") from exc
    known = set(Voice.__dataclass_fields__) - {"name", "options", "pronunciations"}
    fields = {k: v for k, v in data.items() if k in known}
    options = {k: str(v) for k, v in data.items() if k not in known}
    if "engine" not in fields:
        raise BriefingError(f"voice profile {path} has no `engine`")
    for key in PROFILE_TEXT:
        if key in fields and not isinstance(fields[key], str):
            raise BriefingError(f"voice profile {path}: {key} must be text, not {fields[key]!r}")
    for key, (low, high) in PROFILE_NUMBERS.items():
        value = fields.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or not low <= value <= high):
            raise BriefingError(f"voice profile {path}: {key} must be a number from {low:g} "
                                f"to {high:g}, not {value!r}")
    return Voice(name=path.stem, options=options, **fields)


# Who speaks a language when no voice is chosen, best first: the language's own choice
# (languages/xx.py), then the neural engines' profiles, then the rest (voicing.default_voice
# takes the first installed).
NEURAL_ENGINES = ("kokoro", "piper")
# Who reads the stories when no voice is chosen: the default anchor's usual partners.
DEFAULT_CORRESPONDENTS = {
    "kokoro": ("kokoro-michael",),
    "kokoro-es": ("kokoro-es-alex",),
    "kokoro-it": ("kokoro-it-nicola",),
    "kokoro-pt": ("kokoro-pt-alex",),
}


def voices_speaking(language: str) -> list[str]:
    """The profiles that speak the language, the best first."""
    base = base_language(language)
    profiles = [v for v in list_voices() if base_language(v.language) == base]
    named = [name for name in languages.language(base).voices if name in {v.name for v in profiles}]

    def rank(voice: Voice) -> tuple[int, str]:
        neural = voice.engine in NEURAL_ENGINES
        return (NEURAL_ENGINES.index(voice.engine) if neural else len(NEURAL_ENGINES),
                voice.name)

    return named + [v.name for v in sorted(profiles, key=rank) if v.name not in named]


def speaks(language: str) -> bool:
    """Whether some voice profile speaks the language."""
    return bool(voices_speaking(language))


def calibration_file() -> Path:
    """Where measured speaking rates are kept (BRIEFING_CALIBRATION overrides)."""
    configured = os.environ.get("BRIEFING_CALIBRATION")
    if configured:
        return Path(configured)
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefing")) / "calibration.json"


def calibration_key(voice: Voice) -> str:
    key = f"{voice.name}|{voice.engine}|{voice.voice}|{voice.speed}|{voice.pitch}"
    options = "|".join(f"{k}={v}" for k, v in sorted(voice.options.items()))
    return f"{key}|{options}" if options else key  # settings like Piper's noise change pace


def calibrated_pace(voice: Voice) -> float | None:
    """The voice's measured characters per second, if `briefing voices calibrate` ran."""
    try:
        measured = json.loads(calibration_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = measured.get(calibration_key(voice)) if isinstance(measured, dict) else None
    return float(value) if isinstance(value, int | float) and value > 0 else None


def save_calibration(voice: Voice, chars_per_second: float) -> Path:
    path = calibration_file()
    try:
        measured = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(measured, dict):
            measured = {}
    except (OSError, ValueError):
        measured = {}
    measured[calibration_key(voice)] = round(chars_per_second, 3)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
