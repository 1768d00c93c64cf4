from pathlib import Path

import numpy as np
import pytest
from pydub import AudioSegment
from pydub.generators import WhiteNoise

from briefing import audio
from briefing.model import Part


@pytest.mark.parametrize("make", [audio.intro_chime, audio.transition_chime, audio.outro_chime])
def test_chimes_are_short_soft_and_fade_to_nothing(make):
    chime = make()
    assert 0.5 < len(chime) / 1000 < 2.5
    samples = np.array(chime.get_array_of_samples())
    assert np.abs(samples).max() < 32767 * 0.6  # headroom, no clipping
    tail = np.abs(samples[-200:]).max()
    assert tail < 100  # ends silent: no click at the joint


def test_chime_is_a_chord_of_notes_not_a_single_beep():
    samples = np.array(audio.intro_chime().get_array_of_samples(), dtype=float)
    spectrum = np.abs(np.fft.rfft(samples))
    freqs = np.fft.rfftfreq(len(samples), 1 / audio.SAMPLE_RATE)
    strong = {round(f) for f, a in zip(freqs, spectrum, strict=True) if a > spectrum.max() * 0.3}
    notes = {n for n in (audio.C5, audio.E5, audio.G5, audio.C6)
             if any(abs(f - n) < 3 for f in strong)}
    assert len(notes) >= 3


def speech_like(ms: int) -> AudioSegment:
    return WhiteNoise().to_audio_segment(duration=ms, volume=-20).set_frame_rate(
        audio.SAMPLE_RATE).set_sample_width(2)


def test_lay_out_places_parts_and_pauses_on_one_timeline():
    parts = (Part("intro_tone", pause_after_ms=300), Part("opening", "Hello.", pause_after_ms=500),
             Part("sentence", "One.", 0, 350), Part("outro_tone"))
    speech = {1: speech_like(1000), 2: speech_like(2000)}
    programme, segments = audio.lay_out(parts, speech)
    intro = len(audio.intro_chime())
    assert segments[1].start_ms == pytest.approx(intro + 300, abs=2)
    assert segments[2].start_ms == pytest.approx(intro + 300 + 1000 + 500, abs=2)
    assert len(programme) == pytest.approx(segments[-1].end_ms, abs=2)


def test_master_reaches_podcast_loudness_with_true_peak_headroom(tmp_path: Path):
    quiet = speech_like(20_000).apply_gain(-12)
    mastered = audio.master(quiet)
    path = tmp_path / "m.mp3"
    level = audio.encode_mp3(mastered, path)
    again = audio.measure_loudness(path)
    # Our in-process meter (pyloudnorm) and ffmpeg's ebur128 agree.
    assert level.integrated_lufs == pytest.approx(again.integrated_lufs, abs=0.15)
    # White noise is the worst case for a true-peak estimate.
    assert level.true_peak_db == pytest.approx(again.true_peak_db, abs=0.6)
    assert -17 <= again.integrated_lufs <= -15
    assert again.true_peak_db <= -1.0
