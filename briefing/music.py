"""Music the user brings: an intro that ducks under the opening line, an outro that rises
after the closing line, and a bed under the whole programme that dips whenever anyone speaks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydub import AudioSegment

from briefing.audio import SAMPLE_RATE, level_speech, to_segment
from briefing.errors import BriefingError
from briefing.model import Part, Segment

INTRO_LEAD_MS = 3000  # music alone before the opening line
OUTRO_TAIL_MS = 6000  # music alone after the closing line
UNDER_SPEECH_DB = -16.0  # intro/outro music while someone speaks over it
BED_GAP_DB = -14.0  # the bed between spoken parts
BED_UNDER_SPEECH_DB = -26.0  # the bed while someone speaks
RAMP_MS = 150
FRAME_MS = 10
MAX_MUSIC_S = 600  # read at most this much of a music file (a 2-hour file is over 1 GB)


@dataclass(frozen=True)
class Music:
    intro: AudioSegment | None = None
    outro: AudioSegment | None = None
    bed: AudioSegment | None = None


def load_music(path: Path | None) -> AudioSegment | None:
    """Any file ffmpeg reads, as 44.1 kHz mono at the speech level; None for no path."""
    if path is None:
        return None
    if not Path(path).is_file():
        raise BriefingError(f"{path}: no such music file")
    try:
        audio = AudioSegment.from_file(path, duration=MAX_MUSIC_S)  # a bed loops anyway
    except Exception as exc:  # pydub raises bare exceptions with ffmpeg's whole output
        raise BriefingError(f"{path}: not an audio file ffmpeg can read") from exc
    audio = audio.set_frame_rate(SAMPLE_RATE).set_channels(1).set_sample_width(2)
    if len(audio) < 1000:
        raise BriefingError(f"{path}: shorter than a second; not usable as music")
    return level_speech(audio)


def tones_for(music: Music, parts: tuple[Part, ...], speech: dict[int, AudioSegment]
              ) -> dict[str, AudioSegment]:
    """What plays in place of the generated chimes: the music's solo moments."""
    tones: dict[str, AudioSegment] = {}
    if music.intro is not None:
        tones["intro_tone"] = music.intro[:INTRO_LEAD_MS].fade_in(300)
    if music.outro is not None:
        under = outro_overlap_ms(parts, speech)
        tones["outro_tone"] = music.outro[under: under + OUTRO_TAIL_MS].fade_out(2000)
    return tones


def outro_overlap_ms(parts: tuple[Part, ...], speech: dict[int, AudioSegment]) -> int:
    """How long the outro music plays under the closing line before it is heard alone."""
    closing = next(i for i, p in enumerate(parts) if p.kind == "closing")
    return len(speech[closing]) + parts[closing].pause_after_ms


def mix_music(programme: AudioSegment, segments: list[Segment], music: Music) -> AudioSegment:
    """Overlay the ducked parts of the intro and outro music, and the bed."""
    by_kind = {s.part.kind: s for s in segments}
    if music.intro is not None and "opening" in by_kind:
        start, end = by_kind["intro_tone"].end_ms, by_kind["opening"].end_ms + 800
        under = music.intro[INTRO_LEAD_MS: INTRO_LEAD_MS + end - start]
        programme = programme.overlay(under.apply_gain(UNDER_SPEECH_DB).fade_out(800), start)
    if music.outro is not None and "closing" in by_kind:
        start, end = by_kind["closing"].start_ms, by_kind["outro_tone"].start_ms
        under = music.outro[: end - start].fade_in(500).apply_gain(UNDER_SPEECH_DB)
        programme = programme.overlay(under, start)
    if music.bed is not None:
        programme = programme.overlay(bed_track(music.bed, segments, len(programme)))
    return programme


def bed_track(bed: AudioSegment, segments: list[Segment], length_ms: int) -> AudioSegment:
    """The bed looped to the programme's length, shaped by a gain that dips under speech and
    is silent during the intro and outro."""
    looped = bed * (length_ms // len(bed) + 1)
    samples = np.array(looped.get_array_of_samples()[: length_ms * SAMPLE_RATE // 1000],
                       dtype=np.float32)
    samples /= 32768
    gain = np.repeat(bed_gain(segments, length_ms).astype(np.float32),
                     SAMPLE_RATE * FRAME_MS // 1000)
    gain = np.pad(gain, (0, max(0, len(samples) - len(gain))), mode="edge")[: len(samples)]
    samples *= gain
    return to_segment(samples, in_place=True)


def bed_gain(segments: list[Segment], length_ms: int) -> np.ndarray:
    """Linear gain per 10 ms frame, with smooth ramps."""
    frames = length_ms // FRAME_MS + 1
    level_db = np.full(frames, -120.0)
    kinds = {s.part.kind: s for s in segments}
    start = kinds["intro_tone"].end_ms if "intro_tone" in kinds else 0
    end = kinds["outro_tone"].start_ms if "outro_tone" in kinds else length_ms
    level_db[start // FRAME_MS: end // FRAME_MS] = BED_GAP_DB
    for segment in segments:
        if segment.part.text and start <= segment.start_ms < end:
            level_db[segment.start_ms // FRAME_MS: segment.end_ms // FRAME_MS] = (
                BED_UNDER_SPEECH_DB)
    linear = 10 ** (level_db / 20)
    ramp = np.ones(RAMP_MS // FRAME_MS) / (RAMP_MS // FRAME_MS)
    return np.convolve(linear, ramp, mode="same")



