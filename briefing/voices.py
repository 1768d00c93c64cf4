"""Voice profiles: the TOML files in voices/, one per voice."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError

VOICES_DIR = Path(__file__).resolve().parent.parent / "voices"


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


def voices_dir(directory: Path | None = None) -> Path:
    return directory or VOICES_DIR


def load_voice(name: str, directory: Path | None = None) -> Voice:
    """Load voices/NAME.toml; an unknown name is a BriefingError listing the known ones."""
    path = voices_dir(directory) / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(v.name for v in list_voices(directory)) or "none"
        raise BriefingError(f"unknown voice {name!r}; known voices: {known}")
    return _voice_from_file(path)


def list_voices(directory: Path | None = None) -> list[Voice]:
    return [_voice_from_file(p) for p in sorted(voices_dir(directory).glob("*.toml"))]


def _voice_from_file(path: Path) -> Voice:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BriefingError(f"voice profile {path} is not valid TOML: {exc}") from exc
    known = set(Voice.__dataclass_fields__) - {"name", "options"}
    fields = {k: v for k, v in data.items() if k in known}
    options = {k: str(v) for k, v in data.items() if k not in known}
    if "engine" not in fields:
        raise BriefingError(f"voice profile {path} has no `engine`")
    return Voice(name=path.stem, options=options, **fields)
