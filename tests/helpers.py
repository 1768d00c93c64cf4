"""Measuring instruments shared by the tests: what ffmpeg says about an audio file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "us-will-defend-its-forces.txt"
DATA = Path(__file__).resolve().parent / "data"


def duration_s(path: Path) -> float:
    output = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
         str(path)], capture_output=True, text=True, check=True,
    ).stdout
    return float(output.strip())


def silences(
    path: Path, min_seconds: float = 2.0, noise_db: int = -50
) -> list[tuple[float, float]]:
    """(start, end) of every stretch quieter than noise_db lasting at least min_seconds."""
    report = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af",
         f"silencedetect=noise={noise_db}dB:d={min_seconds}", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    ).stderr
    starts = [float(x) for x in re.findall(r"silence_start: (-?[\d.]+)", report)]
    ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", report)]
    return list(zip(starts, ends + [float("inf")] * (len(starts) - len(ends)), strict=True))


def clipped_samples(path: Path) -> int:
    """Samples at full scale, where the waveform was cut off."""
    from pydub import AudioSegment

    audio = AudioSegment.from_file(path)
    limit = 2 ** (8 * audio.sample_width - 1) - 1
    samples = audio.get_array_of_samples()
    return sum(1 for s in samples if abs(s) >= limit)
