"""Measure how fast a voice really speaks, and write a short sample of it."""

from __future__ import annotations

from pathlib import Path

from briefing.audio import encode_mp3, level_speech, master
from briefing.engines import require_engine
from briefing.errors import BriefingError
from briefing.languages import calibration_text
from briefing.normalize import normalize_for
from briefing.speech import conform
from briefing.voices import Voice, save_calibration


def measure_pace(voice: Voice) -> float:
    """Characters of normalised text per second of speech, sentence by sentence as the
    pipeline speaks, so pauses inside the engine count and our own pauses do not."""
    from briefing.sentences import split_sentences

    engine = require_engine(voice.engine)
    sentences = [normalize_for(voice, s)
                 for s in split_sentences(calibration_text(voice.language), voice.language)]
    seconds = sum(len(conform(engine.synthesize(s, voice))) for s in sentences) / 1000
    if seconds <= 0:
        raise BriefingError(f"voice {voice.name!r} said nothing when asked to read the "
                            "calibration text; check its profile")
    return sum(len(s) for s in sentences) / seconds


def calibrate(voice: Voice) -> tuple[float, Path]:
    """Measure the voice and store the result; returns (chars per second, where stored)."""
    pace = measure_pace(voice)
    return pace, save_calibration(voice, pace)


def write_sample(voice: Voice, path: Path) -> Path:
    """A short mastered MP3 of the voice reading news."""
    from briefing.episode import atomic_path

    engine = require_engine(voice.engine)
    text = normalize_for(voice, calibration_text(voice.language).split(". ")[0] + ".")
    audio = master(level_speech(conform(engine.synthesize(text, voice))))
    with atomic_path(path) as tmp:
        encode_mp3(audio, tmp)
    return path
