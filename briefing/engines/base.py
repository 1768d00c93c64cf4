"""The small interface every speech engine implements."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Protocol

from pydub import AudioSegment

from briefing.errors import BriefingError
from briefing.voices import Voice


class Engine(Protocol):
    name: str
    install_hint: str
    sample_rate: int  # of the audio it returns (the pipeline resamples to 44.1 kHz)

    def available(self) -> bool:
        """True when the engine can speak on this machine."""
        ...

    def languages(self) -> frozenset[str]:
        """The languages it speaks, as ISO 639-1 codes ("en", "de")."""
        ...

    def synthesize(self, text: str, voice: Voice) -> AudioSegment:
        """Speak one piece of already-normalised text."""
        ...


def warm(engine: Engine, voice: Voice) -> None:
    """Let an engine load the voice's models ahead of time (optional: `engine.warm(voice)`)."""
    load = getattr(engine, "warm", None)
    if callable(load):
        load(voice)


def prepare(engine: Engine) -> str | None:
    """Let an engine check (or build) what it installs, once: a line saying what it found."""
    check = getattr(engine, "prepare", None)
    return check() if callable(check) else None


def release(engine: Engine) -> None:
    """Let an engine free what it holds between programmes (optional: `engine.release()`)."""
    free = getattr(engine, "release", None)
    if callable(free):
        free()


def run_to_wav(command: list[str], text: str | None = None, timeout: float = 120) -> AudioSegment:
    """Run a command that writes WAV to stdout and return it as audio."""
    return AudioSegment.from_wav(io.BytesIO(run(command, text, timeout)))


def run_to_wav_file(
    command: list[str], text: str, timeout: float = 120
) -> AudioSegment:
    """Run a command that reads {text} and writes {wav}, both temporary files we name."""
    with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
        text_file, wav_file = Path(tmp) / "in.txt", Path(tmp) / "out.wav"
        text_file.write_text(text, encoding="utf-8")
        run([arg.format(text=text_file, wav=wav_file) for arg in command], None, timeout)
        return AudioSegment.from_wav(wav_file)


def run(command: list[str], text: str | None, timeout: float) -> bytes:
    """Run a speech program; any failure becomes a one-line BriefingError."""
    try:
        result = subprocess.run(
            command, input=text.encode() if text is not None else None,
            capture_output=True, timeout=timeout, check=True,
        )
    except FileNotFoundError as exc:
        raise BriefingError(f"{command[0]} is not installed") from exc
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode(errors="replace").strip().splitlines()
        raise BriefingError(f"{command[0]} failed: {message[-1] if message else exc}") from exc
    except subprocess.TimeoutExpired as exc:
        raise BriefingError(f"{command[0]} took longer than {timeout:.0f} s") from exc
    return result.stdout


def has_program(name: str) -> bool:
    return shutil.which(name) is not None


def has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None

