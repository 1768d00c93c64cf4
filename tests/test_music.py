"""Music the user brings: heard alone where nobody speaks, ducked where someone does."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from pydub import AudioSegment
from pydub.generators import WhiteNoise

from briefing import audio, music
from briefing.errors import BriefingError
from briefing.model import Part

MUSIC_HZ = 220


@pytest.fixture(scope="module")
def music_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("music") / "tune.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                    f"sine=f={MUSIC_HZ}:d=30,volume=0.3", str(path)], check=True)
    return path


def tone_level(clip: AudioSegment, hz: float = MUSIC_HZ) -> float:
    """Magnitude of one frequency in a clip: the music, told apart from noise-like speech."""
    samples = np.array(clip.get_array_of_samples(), dtype=float)
    t = np.arange(len(samples)) / clip.frame_rate
    return float(abs(np.dot(samples, np.exp(-2j * np.pi * hz * t))) / len(samples))


def speech(ms: int) -> AudioSegment:
    return WhiteNoise().to_audio_segment(duration=ms, volume=-25).set_frame_rate(
        audio.SAMPLE_RATE).set_sample_width(2)


PARTS = (Part("intro_tone", pause_after_ms=300), Part("opening", "Hi.", None, 800),
         Part("title", "T.", 0, 600), Part("sentence", "S.", 0, 700),
         Part("closing", "Bye.", None, 400), Part("outro_tone"))
SPEECH = {1: speech(3000), 2: speech(1000), 3: speech(6000), 4: speech(2000)}


def test_intro_plays_alone_then_ducks_under_the_opening(music_file: Path):
    tune = music.load_music(music_file)
    chosen = music.Music(intro=tune, outro=tune)
    programme, segments = audio.lay_out(PARTS, SPEECH, music.tones_for(chosen, PARTS, SPEECH))
    mixed = music.mix_music(programme, segments, chosen)
    alone = tone_level(mixed[1000:2500])
    opening = segments[1]
    under = tone_level(mixed[opening.start_ms + 500: opening.end_ms - 500])
    assert under < alone / 4  # at least 12 dB down
    assert under > alone / 40  # but still there


def test_outro_rises_after_the_closing_line(music_file: Path):
    tune = music.load_music(music_file)
    chosen = music.Music(outro=tune)
    programme, segments = audio.lay_out(PARTS, SPEECH, music.tones_for(chosen, PARTS, SPEECH))
    mixed = music.mix_music(programme, segments, chosen)
    closing, outro = segments[4], segments[5]
    under = tone_level(mixed[closing.start_ms + 600: closing.end_ms - 200])
    alone = tone_level(mixed[outro.start_ms + 500: outro.start_ms + 2500])
    assert alone > under * 4
    assert len(outro_audio := mixed[outro.start_ms: outro.end_ms]) >= music.OUTRO_TAIL_MS - 50
    assert outro_audio[-100:].dBFS < -40  # fades out, no cut


def test_bed_dips_under_speech_and_rests_in_the_pauses(music_file: Path):
    tune = music.load_music(music_file)
    chosen = music.Music(bed=tune)
    programme, segments = audio.lay_out(PARTS, SPEECH)
    mixed = music.mix_music(programme, segments, chosen)
    sentence = segments[3]
    under = tone_level(mixed[sentence.start_ms + 500: sentence.end_ms - 500])
    pause = tone_level(mixed[sentence.end_ms + 200: sentence.end_ms + 500])
    intro = tone_level(mixed[200:1000])
    assert pause > under * 2.5
    assert intro < under  # the chime is not buried under the bed


def test_music_that_is_not_audio_is_one_clear_error(tmp_path: Path):
    bad = tmp_path / "notes.mp3"
    bad.write_text("not music")
    with pytest.raises(BriefingError, match="not an audio file"):
        music.load_music(bad)
    with pytest.raises(BriefingError, match="no such music file"):
        music.load_music(tmp_path / "missing.mp3")


def test_generate_with_music_from_the_cli(tmp_path: Path, music_file: Path):
    import json
    import os
    import sys

    from tests.helpers import EXAMPLE, REPO

    env = {**os.environ, "BRIEFING_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, str(REPO / "cli.py"), "generate", str(EXAMPLE), "--voice", "espeak",
         "--minutes", "1", "--intro-music", str(music_file), "--music-bed", str(music_file),
         "--out", str(tmp_path), "--json"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    mp3 = Path(json.loads(result.stdout)["mp3"])
    mixed = AudioSegment.from_file(mp3)
    level = audio.measure_loudness(mp3)
    assert -17 <= level.integrated_lufs <= -15 and level.true_peak_db <= -1
    assert tone_level(mixed[800:2500]) > 4 * tone_level(mixed[5000:7000])


def test_only_the_first_ten_minutes_of_a_long_music_file_are_read(tmp_path: Path):
    path = tmp_path / "long.ogg"  # 12 minutes, but small on disk
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                    f"sine=f={MUSIC_HZ}:d=720:sample_rate=8000", "-c:a", "libvorbis", "-q:a",
                    "0", str(path)], check=True)
    loaded = music.load_music(path)
    assert len(loaded) == music.MAX_MUSIC_S * 1000
