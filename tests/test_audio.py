import random
from pathlib import Path

import numpy as np
import pytest
from pydub import AudioSegment
from pydub.generators import Sine, WhiteNoise

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


def speech_like(ms: int, seed: int = 0) -> AudioSegment:
    """White noise at -20 dBFS, the same on every run (true-peak meters differ on some draws)."""
    random.seed(seed)
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
    loudness = audio.encode_mp3(mastered, path)
    again = audio.measure_loudness(path)
    # Our in-process meter (pyloudnorm) and ffmpeg's ebur128 agree.
    assert loudness == pytest.approx(again.integrated_lufs, abs=0.15)
    # White noise is the worst case for a true-peak estimate.
    assert audio.true_peak_db(audio.decoded_samples(path)) == pytest.approx(
        again.true_peak_db, abs=0.6)
    assert -17 <= again.integrated_lufs <= -15
    assert again.true_peak_db <= -1.0


def test_an_mp3_off_the_loudness_target_is_encoded_again_at_the_target(tmp_path: Path):
    # A quiet, unmastered tone: its peaks leave room to raise it all the way.
    tone = Sine(1000).to_audio_segment(duration=5000, volume=-30).set_frame_rate(
        audio.SAMPLE_RATE).set_sample_width(2)
    path = tmp_path / "quiet.mp3"
    loudness = audio.encode_mp3(tone, path)
    assert loudness == pytest.approx(audio.TARGET_LUFS, abs=0.5)
    assert audio.measure_loudness(path).integrated_lufs == pytest.approx(audio.TARGET_LUFS,
                                                                          abs=0.5)


def full_true_peak_db(samples: np.ndarray) -> float:
    """The reference: every phase of the 4x interpolation computed over the whole signal."""
    peak = float(np.abs(samples).max())
    for phase in audio.interpolation_phases():
        peak = max(peak, float(np.abs(np.convolve(samples, phase, mode="same")).max()))
    return 20 * np.log10(peak)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_true_peak_looks_only_where_it_can_matter_and_finds_the_same_peak(seed: int):
    rng = np.random.default_rng(seed)
    bursts = rng.normal(0, 0.05, 200_000) * (rng.random(200_000) < 0.3)
    bursts[rng.integers(0, 200_000, 50)] = rng.choice([-0.9, 0.9], 50)
    samples = bursts.astype(np.float32)
    assert audio.true_peak_db(samples) == pytest.approx(full_true_peak_db(samples), abs=1e-4)


def test_inter_sample_peak_of_a_quarter_rate_sine_is_found():
    # Sampled at 45 degrees off its crest: every sample is 3 dB under the true peak.
    t = np.arange(44_100)
    sine = (0.5 * np.sin(2 * np.pi * t / 4 + np.pi / 4)).astype(np.float32)
    assert 20 * np.log10(np.abs(sine).max()) == pytest.approx(-9.0, abs=0.1)
    assert audio.true_peak_db(sine) == pytest.approx(-6.0, abs=0.3)


def test_limiter_keeps_the_ceiling_and_leaves_quiet_stretches_untouched():
    rng = np.random.default_rng(3)
    samples = (rng.normal(0, 0.05, 100_000)).astype(np.float32)
    samples[50_000] = 0.95
    limited = audio.limit(samples.copy(), 0.5)  # limits in place
    assert np.abs(limited).max() <= 0.5
    far = np.r_[0:40_000, 60_000:100_000]
    assert np.array_equal(limited[far], samples[far])
    near = slice(49_800, 50_200)
    assert np.abs(limited[near]).max() == pytest.approx(0.5, abs=0.02)


def test_laid_out_speech_has_headroom_even_when_the_engine_peaks_at_full_scale():
    # A spiky engine output: quiet speech with a few full-scale clicks (piper normalises peaks).
    rng = np.random.default_rng(4)
    samples = rng.normal(0, 0.02, 44_100)
    samples[::4410] = 0.999
    spiky = audio.to_segment(samples)
    programme, _ = audio.lay_out((Part("opening", "Hi.", pause_after_ms=0),), {0: spiky})
    pcm = np.array(programme.get_array_of_samples())
    assert np.abs(pcm).max() < 32767  # nothing clipped before mastering


def test_every_joint_fades_so_nothing_clicks():
    loud = audio.to_segment(np.full(44_100, 0.5))  # a constant: the worst case for a click
    programme, segments = audio.lay_out((Part("opening", "Hi.", pause_after_ms=200),
                                         Part("closing", "Bye.", pause_after_ms=0)),
                                        {0: loud, 1: loud})
    pcm = np.array(programme.get_array_of_samples(), dtype=float)
    for segment in segments:
        start = segment.start_ms * audio.SAMPLE_RATE // 1000
        end = segment.end_ms * audio.SAMPLE_RATE // 1000
        assert abs(pcm[start]) < 200 and abs(pcm[end - 1]) < 200  # starts and ends near zero
    # No jump between neighbouring samples anywhere is bigger than the fade's own steps.
    assert np.abs(np.diff(pcm)).max() < 0.1 * np.abs(pcm).max()


def test_quiet_and_loud_speech_come_out_at_one_level():
    # Two engines, one 18 dB quieter than the other: after lay-out they match.
    quiet, loud = speech_like(2000).apply_gain(-18), speech_like(2000)
    parts = (Part("opening", "Quiet.", pause_after_ms=0), Part("closing", "Loud.",
                                                                pause_after_ms=0))
    programme, segments = audio.lay_out(parts, {0: quiet, 1: loud})
    levels = [programme[s.start_ms + 50: s.end_ms - 50].dBFS for s in segments]
    assert levels[0] == pytest.approx(levels[1], abs=0.5)


@pytest.mark.parametrize("seconds", [0.6, 3.0, 25.3])
def test_loudness_meter_agrees_with_pyloudnorm(seconds: float):
    import pyloudnorm

    rng = np.random.default_rng(int(seconds * 10))
    envelope = np.repeat(rng.uniform(0.0, 1.0, int(seconds * 10) + 1), 4410)  # speech-like
    samples = (rng.normal(0, 0.1, int(seconds * 44_100)) * envelope[:int(seconds * 44_100)])
    expected = pyloudnorm.Meter(audio.SAMPLE_RATE).integrated_loudness(samples)
    assert audio.integrated_lufs(samples.astype(np.float32)) == pytest.approx(expected, abs=0.01)
