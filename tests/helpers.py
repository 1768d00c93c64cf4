"""Instruments shared by the tests: the command line run as a user runs it, and what ffmpeg
says about an audio file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "us-will-defend-its-forces.txt"
DATA = Path(__file__).resolve().parent / "data"


def run(*args: str, stdin: bytes | None = None, cache: Path | None = None
        ) -> subprocess.CompletedProcess:
    """`briefing ARGS` in a process of its own, from the repository's cli.py; no cache unless
    given one."""
    env = {**os.environ, "BRIEFING_CACHE": str(cache) if cache else "off"}
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], input=stdin,
                          capture_output=True, env=env, cwd=REPO, timeout=600)


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


def decoded(path: Path, rate: int = 16000):
    """The file's samples as mono floats at `rate` (numpy array)."""
    import numpy as np
    from pydub import AudioSegment

    audio = AudioSegment.from_file(path).set_channels(1).set_frame_rate(rate)
    return np.array(audio.get_array_of_samples(), dtype=np.float64) / 32768


def median_pitch_hz(samples, rate: int = 16000) -> float:
    """The median fundamental frequency of the loud 40 ms frames (autocorrelation, 60-400 Hz):
    about 100-130 Hz for a man's voice, 170-230 Hz for a woman's."""
    import numpy as np

    frame = rate * 40 // 1000
    shortest, longest = rate // 400, rate // 60
    frames = [samples[i:i + frame] for i in range(0, len(samples) - frame, frame)]
    loud = [f for f in frames if np.sqrt(np.mean(f ** 2)) > 0.02]
    pitches = []
    for f in loud:
        f = f - f.mean()
        correlation = np.correlate(f, f, mode="full")[frame - 1:]
        lag = shortest + int(np.argmax(correlation[shortest:longest]))
        if correlation[lag] > 0.3 * correlation[0]:  # voiced
            pitches.append(rate / lag)
    return float(np.median(pitches)) if pitches else 0.0


def vtt_cues(path: Path) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue of a WebVTT file."""
    def seconds(stamp: str) -> float:
        hours, minutes, rest = stamp.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(rest)

    cues = []
    for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = block.strip().splitlines()
        if lines and " --> " in lines[0]:
            start, end = lines[0].split(" --> ")
            cues.append((seconds(start), seconds(end), " ".join(lines[1:])))
    return cues
