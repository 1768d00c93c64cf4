"""Speech + generated tones -> one programme on a timeline, then mastered for podcast loudness."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydub import AudioSegment

from briefing.errors import BriefingError
from briefing.model import Part, Segment

SAMPLE_RATE = 44100
TARGET_LUFS = -16.0
PEAK_CEILING_DB = -2.0  # the limiter's sample ceiling, lowered when true peaks stand higher
TRUE_PEAK_BEFORE_MP3_DB = -1.6  # a margin under -1 dBTP for what MP3 encoding adds
PREMASTER_TARGET_LUFS = TARGET_LUFS + 0.4  # MP3 encoding takes about 0.4 LU away (measured)
LOUDNESS_TOLERANCE_LU = 0.4
ENCODED_TOLERANCE_LU = 0.5  # re-encode only past this (the promise is +-1 LU)
MASTERING_PASSES = 6
LIMITER_WINDOW_S = 0.005
SPEECH_LEVEL_DBFS = -23.0  # RMS of each spoken piece before mastering: headroom, no clipping
LEVELLING_PEAK_DBFS = -1.0  # levelling never raises a piece's peak above this: no clipping
SUB_BLOCK = SAMPLE_RATE // 10  # 100 ms: a quarter of BS.1770's 400 ms gating block
ABSOLUTE_GATE_LUFS = -70.0
FADE_MS = 8  # at every joint, so nothing clicks

# Note frequencies (Hz) of the generated signature tones.
C5, E5, G5, C6 = 523.25, 659.25, 783.99, 1046.50


def bell(frequency: float, seconds: float, decay: float = 0.45, level: float = 0.3) -> np.ndarray:
    """A soft bell: a few inharmonic partials with a quick attack and an exponential decay."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    partials = ((1.0, 1.0), (2.01, 0.35), (3.02, 0.12), (4.2, 0.05))
    tone = sum(amp * np.sin(2 * np.pi * frequency * ratio * t) for ratio, amp in partials)
    envelope = np.exp(-t / decay) * np.minimum(1.0, t / 0.006)
    return level * tone * envelope / sum(a for _, a in partials)


def arpeggio(notes: list[float], spacing: float, ring: float, level: float) -> AudioSegment:
    """Notes struck one after another, each left to ring: a chime."""
    length = spacing * (len(notes) - 1) + ring
    mix = np.zeros(int(length * SAMPLE_RATE))
    for i, note in enumerate(notes):
        start = int(i * spacing * SAMPLE_RATE)
        tone = bell(note, ring, level=level)
        mix[start: start + len(tone)] += tone
    return to_segment(mix).fade_out(120)


@lru_cache(maxsize=1)  # made once: every fitting round lays them out again
def intro_chime() -> AudioSegment:
    return arpeggio([C5, E5, G5, C6], spacing=0.14, ring=1.4, level=0.32)


@lru_cache(maxsize=1)  # made once: every fitting round lays them out again
def transition_chime() -> AudioSegment:
    return arpeggio([G5, C6], spacing=0.12, ring=0.7, level=0.18)


@lru_cache(maxsize=1)  # made once: every fitting round lays them out again
def outro_chime() -> AudioSegment:
    return arpeggio([C6, G5, E5, C5], spacing=0.16, ring=1.6, level=0.3)


TONES = {"intro_tone": intro_chime, "transition": transition_chime, "outro_tone": outro_chime}


def to_segment(samples: np.ndarray, in_place: bool = False) -> AudioSegment:
    """Float samples in [-1, 1] as 16-bit audio (`in_place` reuses the float array)."""
    scaled = np.clip(samples, -1.0, 1.0, out=samples if in_place else None)
    scaled *= 32767
    pcm = scaled.astype("<i2").tobytes()
    return AudioSegment(data=pcm, sample_width=2, frame_rate=SAMPLE_RATE, channels=1)


def lay_out(
    parts: tuple[Part, ...], speech: dict[int, AudioSegment],
    tones: dict[str, AudioSegment] | None = None,
) -> tuple[AudioSegment, list[Segment]]:
    """Place every part and its pause on one timeline; speech[i] is part i's audio, and
    `tones` replaces generated chimes (e.g. with the user's music)."""
    tones = tones or {}
    pieces: list[bytes] = []
    segments: list[Segment] = []
    position_frames = 0
    for index, part in enumerate(parts):
        if part.text:
            sound = level_speech(speech[index])
        else:
            sound = tones[part.kind] if part.kind in tones else TONES[part.kind]()
        start_ms = position_frames * 1000 // SAMPLE_RATE
        pieces.append(faded(sound))
        position_frames += int(sound.frame_count())
        segments.append(Segment(part, start_ms, position_frames * 1000 // SAMPLE_RATE))
        pause_frames = part.pause_after_ms * SAMPLE_RATE // 1000
        pieces.append(b"\0\0" * pause_frames)
        position_frames += pause_frames
    # Joined once at the end: adding pydub segments one by one copies the whole programme each time.
    audio = AudioSegment(data=b"".join(pieces), sample_width=2, frame_rate=SAMPLE_RATE, channels=1)
    return audio, segments


def faded(sound: AudioSegment, fade_ms: int = FADE_MS) -> bytes:
    """The sound's 16-bit mono samples with a short linear fade in and out: no click at a
    joint (pydub's own fades copy the whole sound a millisecond at a time)."""
    samples = np.frombuffer(sound.raw_data, dtype="<i2").astype(np.float32)
    ramp = np.linspace(0.0, 1.0, min(fade_ms * SAMPLE_RATE // 1000, len(samples) // 2),
                       dtype=np.float32)
    if len(ramp):
        samples[:len(ramp)] *= ramp
        samples[-len(ramp):] *= ramp[::-1]
    return np.round(samples).astype("<i2").tobytes()


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float
    true_peak_db: float


def level_speech(sound: AudioSegment) -> AudioSegment:
    """Every spoken piece at one level, so stories (and engines) sound alike before mastering."""
    if sound.dBFS == float("-inf"):
        return sound
    gain = min(SPEECH_LEVEL_DBFS - sound.dBFS, LEVELLING_PEAK_DBFS - sound.max_dBFS)
    return sound.apply_gain(gain)


def master(audio: AudioSegment) -> AudioSegment:
    """Gain to the loudness target, with a look-ahead limiter keeping peaks under a ceiling.
    Limiting takes a little loudness away and true peaks can stand between samples, so the
    gain and ceiling are corrected from what was measured and the original is limited again
    (in memory, in one working copy; usually two passes)."""
    samples = to_floats(audio)
    unmastered = integrated_lufs(samples)
    gain_db = PREMASTER_TARGET_LUFS - unmastered
    ceiling_db = PEAK_CEILING_DB
    tried = [(0.0, unmastered)]  # (gain, loudness) of each pass
    mastered = np.empty_like(samples)
    for _ in range(MASTERING_PASSES):
        np.multiply(samples, np.float32(10 ** (gain_db / 20)), out=mastered)
        limit(mastered, 10 ** (ceiling_db / 20))
        loudness = integrated_lufs(mastered)
        on_target = abs(PREMASTER_TARGET_LUFS - loudness) <= LOUDNESS_TOLERANCE_LU
        # The true peak matters only for a pass that may be the last.
        over = true_peak_db(mastered) - TRUE_PEAK_BEFORE_MP3_DB if on_target else 0.0
        if on_target and over <= 0:
            break
        tried.append((gain_db, loudness))
        gain_db += (PREMASTER_TARGET_LUFS - loudness) / limited_slope(tried)
        ceiling_db -= max(0.0, over + 0.1)
    del samples
    return to_segment(mastered, in_place=True)


def limited_slope(tried: list[tuple[float, float]]) -> float:
    """LU gained per dB of gain, from the last two passes: under 1, as the limiter takes its
    share of every extra dB (a secant step converges in a pass or two)."""
    if tried[-1][0] == tried[-2][0]:
        return 1.0
    (gain_a, loud_a), (gain_b, loud_b) = tried[-2:]
    return min(1.0, max(0.3, (loud_b - loud_a) / (gain_b - gain_a)))


def limit(samples: np.ndarray, ceiling: float) -> np.ndarray:
    """A look-ahead peak limiter, in place: the gain needed around each peak, held for the
    release time, then smoothed over that same window so it is already down when the peak
    arrives.

    The gain differs from 1 only within two windows of a sample over the ceiling, so only
    those stretches are computed (speech at podcast level has few of them)."""
    window = int(LIMITER_WINDOW_S * SAMPLE_RATE) | 1
    for start, end in stretches_around(beyond(samples, ceiling), 2 * window, len(samples)):
        samples[start:end] = limit_stretch(samples[start:end], ceiling, window)
    return np.clip(samples, -ceiling, ceiling, out=samples)


def beyond(samples: np.ndarray, level: float) -> np.ndarray:
    """Indices of the samples whose magnitude passes level (no full-length float copy)."""
    return np.flatnonzero((samples > level) | (samples < -level))


def stretches_around(indices: np.ndarray, reach: int, length: int) -> list[tuple[int, int]]:
    """Sorted sample indices -> merged [start, end) stretches reaching `reach` either side."""
    if not len(indices):
        return []
    gaps = np.flatnonzero(np.diff(indices) > 2 * reach)
    starts = np.concatenate(([indices[0]], indices[gaps + 1])) - reach
    ends = np.concatenate((indices[gaps], [indices[-1]])) + reach + 1
    return list(zip(np.maximum(starts, 0).tolist(), np.minimum(ends, length).tolist(),
                    strict=True))


def limit_stretch(samples: np.ndarray, ceiling: float, window: int) -> np.ndarray:
    from scipy.ndimage import minimum_filter1d, uniform_filter1d  # scipy loads in ~1.5 s

    needed = np.minimum(1.0, ceiling / np.maximum(np.abs(samples), 1e-9))
    held = minimum_filter1d(needed, size=window, mode="nearest")
    smooth = uniform_filter1d(held, size=window, mode="nearest")
    return samples * np.minimum(smooth, held)


def to_floats(audio: AudioSegment) -> np.ndarray:
    """Samples as float32 in [-1, 1): half the memory of float64, ample for 16-bit audio."""
    audio = audio.set_channels(1).set_sample_width(2)
    return pcm_to_floats(audio.raw_data)


def pcm_to_floats(pcm: bytes) -> np.ndarray:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    samples *= np.float32(1 / 32768)
    return samples


def integrated_lufs(samples: np.ndarray) -> float:
    """ITU-R BS.1770 integrated loudness of mono samples (what ffmpeg's ebur128 reports).

    pyloudnorm's K-weighting filters, applied ten seconds at a time (the filter state carried
    over), with the 400 ms gating blocks summed from 100 ms energies: the same value as
    pyloudnorm's meter to 1e-4 LU, in a tenth of the time and a fixed amount of memory."""
    if len(samples) < SAMPLE_RATE // 2:
        return -70.0
    energies = np.concatenate(list(sub_block_energies(samples)))
    blocks = round((len(samples) / SAMPLE_RATE - 0.4) / 0.1) + 1
    energies = np.pad(energies, (0, max(0, blocks + 3 - len(energies))))
    power = sum(energies[i: i + blocks] for i in range(4)) / (4 * SUB_BLOCK)
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(power)
    audible = power[loudness >= ABSOLUTE_GATE_LUFS]
    if not len(audible):
        return -70.0
    relative_gate = -0.691 + 10 * np.log10(audible.mean()) - 10
    gated = power[(loudness > relative_gate) & (loudness > ABSOLUTE_GATE_LUFS)]
    return float(-0.691 + 10 * np.log10(gated.mean())) if len(gated) else -70.0


def sub_block_energies(samples: np.ndarray) -> Iterator[np.ndarray]:
    """Sums of the squared K-weighted signal over each 100 ms, ten seconds at a time."""
    from scipy.signal import sosfilt  # imported when needed: it takes a second to load

    sections = k_weighting()
    state = np.zeros((len(sections), 2), dtype=np.float32)
    # Both biquads in one float32 pass: 5x faster than lfilter in float64, and the same
    # loudness to 1e-4 LU (the squares are summed in float64). In silence the filters would
    # decay into float32 denormals, which are 5x slower again; a +-1e-12 ripple (-240 dBFS,
    # far under the -70 LUFS gate) keeps them out.
    ripple = np.tile(np.array([1e-12, -1e-12], dtype=np.float32), 50 * SUB_BLOCK)
    for start in range(0, len(samples), 100 * SUB_BLOCK):
        chunk = samples[start: start + 100 * SUB_BLOCK] + ripple[: min(len(samples) - start,
                                                                     len(ripple))]
        chunk, state = sosfilt(sections, chunk, zi=state)
        squared = np.square(chunk, dtype=np.float64)
        yield np.pad(squared, (0, -len(squared) % SUB_BLOCK)).reshape(-1, SUB_BLOCK).sum(axis=1)


@lru_cache(maxsize=1)
def k_weighting() -> np.ndarray:
    """BS.1770's two K-weighting biquads at our sample rate, as pyloudnorm designs them, as
    second-order sections (float32)."""
    from pyloudnorm import IIRfilter

    stages = (IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, SAMPLE_RATE, "high_shelf"),
              IIRfilter(0.0, 0.5, 38.0, SAMPLE_RATE, "high_pass"))
    return np.array([np.concatenate([np.asarray(f.b) * f.passband_gain, np.asarray(f.a)])
                     for f in stages], dtype=np.float32)


def true_peak_db(samples: np.ndarray) -> float:
    """True peak in dBFS: the peak of the signal interpolated four times (BS.1770 annex 2).

    An interpolated value can only pass the highest sample where the samples feeding it are
    at least that peak over the filter's gain, so only those neighbourhoods are interpolated:
    exact, and a small part of the work."""
    if not len(samples):
        return -120.0
    peak = max(float(samples.max()), -float(samples.min()))
    if peak == 0:
        return -120.0
    phases = interpolation_phases()
    taps = len(phases[0])
    candidates = beyond(samples, peak / max(np.abs(p).sum() for p in phases))
    positions = np.concatenate([np.arange(start, end) for start, end
                                in stretches_around(candidates, taps, len(samples))])
    for phase in phases:
        interpolated = sum(weight * sample_or_zero(samples, positions + offset - taps)
                           for offset, weight in enumerate(phase[::-1]))
        peak = max(peak, float(np.abs(interpolated).max()))
    return 20 * float(np.log10(peak))


def sample_or_zero(samples: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """samples[indices], with 0 where an index falls outside (as if zero-padded)."""
    if indices[0] >= 0 and indices[-1] < len(samples):  # sorted: the usual case, no checks
        return samples[indices]
    inside = (indices >= 0) & (indices < len(samples))
    return np.where(inside, samples[np.clip(indices, 0, len(samples) - 1)], 0)


@lru_cache(maxsize=1)
def interpolation_phases() -> tuple[np.ndarray, ...]:
    """A 48-tap low-pass for 4x oversampling, split into its four 12-tap phases."""
    from scipy.signal import firwin

    taps = (firwin(48, 0.25) * 4).astype(np.float32)
    return tuple(taps[phase::4] for phase in range(4))


def encode_mp3(
    audio: AudioSegment, path: Path, bitrate: str = "96k", channels: int = 1
) -> float:
    """Encode to MP3 and check the loudness of what was written (MP3 encoding takes about
    0.4 LU away, which the mastering target allows for); re-encode once if it is off.
    Returns the integrated loudness of the MP3 as a player decodes it."""
    write_mp3(audio, path, bitrate, channels)
    decoded = decoded_samples(path)
    loudness = integrated_lufs(decoded)
    shift = TARGET_LUFS - loudness
    # The true peak is measured only when it decides something: it costs more than loudness.
    if abs(shift) > ENCODED_TOLERANCE_LU and true_peak_db(decoded) + shift <= PEAK_CEILING_DB + 1:
        del decoded
        write_mp3(audio.apply_gain(shift), path, bitrate, channels)
        loudness = integrated_lufs(decoded_samples(path))
    return round(loudness, 1)


def write_mp3(audio: AudioSegment, path: Path, bitrate: str, channels: int) -> None:
    """PCM straight into ffmpeg's MP3 encoder through a pipe (no temporary WAV file)."""
    audio = audio.set_frame_rate(SAMPLE_RATE).set_sample_width(2)
    ffmpeg(["-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", str(audio.channels), "-i", "pipe:0",
            "-ac", str(channels), "-c:a", "libmp3lame", "-b:a", bitrate, "-f", "mp3", str(path)],
           stdin=audio.raw_data)


def decoded_samples(path: Path) -> np.ndarray:
    """An MP3 as a player decodes it (mono mix), as float samples."""
    return pcm_to_floats(ffmpeg_output(["-i", str(path), "-ac", "1", "-ar", str(SAMPLE_RATE),
                                        "-f", "s16le", "pipe:1"]))


def measure_loudness(path: Path) -> Loudness:
    """Integrated loudness and true peak, as ffmpeg's EBU R128 meter reports them."""
    report = ffmpeg(["-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"])
    summary = report[report.rindex("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not integrated or not peak:
        raise BriefingError(f"could not measure the loudness of {path.name}")
    return Loudness(float(integrated.group(1)), float(peak.group(1)))


def ffmpeg(arguments: list[str], stdin: bytes | None = None) -> str:
    """Run ffmpeg; returns what it printed on stderr (where its filters report)."""
    return run_ffmpeg(arguments, stdin).stderr.decode(errors="replace")


def ffmpeg_output(arguments: list[str]) -> bytes:
    """Run ffmpeg writing to stdout (pipe:1); returns those bytes."""
    return run_ffmpeg(arguments, None).stdout


def run_ffmpeg(arguments: list[str], stdin: bytes | None) -> subprocess.CompletedProcess:
    command = ["ffmpeg", "-hide_banner", "-nostdin", "-y", *arguments]
    try:
        result = subprocess.run(command, input=stdin or b"", capture_output=True, timeout=600)
    except FileNotFoundError as exc:
        raise BriefingError("ffmpeg is not installed: apt-get install ffmpeg") from exc
    if result.returncode != 0:
        last = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise BriefingError(f"ffmpeg failed: {last[0]}")
    return result
