from pathlib import Path

from pydub import AudioSegment
from pydub.generators import Sine

from briefing.engines import require_engine
from briefing.speech import SAMPLE_RATE, SpeechCache, speak, trim_silence
from briefing.voices import load_voice


class CountingEngine:
    """The real espeak-ng engine, counting how often it is asked to speak."""

    def __init__(self) -> None:
        self.inner = require_engine("espeak-ng")
        self.name = self.inner.name
        self.install_hint = self.inner.install_hint
        self.calls = 0

    def available(self) -> bool:
        return True

    def synthesize(self, text: str, voice) -> AudioSegment:
        self.calls += 1
        return self.inner.synthesize(text, voice)


def test_speech_is_conformed_to_44k_mono_and_kept_in_order(tmp_path: Path):
    engine, voice = CountingEngine(), load_voice("espeak")
    texts = ["One.", "A somewhat longer second sentence, for the order check."]
    audio = speak(texts, engine, voice, SpeechCache(tmp_path))
    assert [a.frame_rate for a in audio] == [SAMPLE_RATE, SAMPLE_RATE]
    assert all(a.channels == 1 for a in audio)
    assert len(audio[0]) < len(audio[1])


def test_a_second_run_comes_from_the_cache(tmp_path: Path):
    engine, voice = CountingEngine(), load_voice("espeak")
    texts = ["The first sentence.", "The second sentence."]
    first = speak(texts, engine, voice, SpeechCache(tmp_path))
    second = speak(texts, engine, voice, SpeechCache(tmp_path))
    assert engine.calls == 2
    assert [len(a) for a in first] == [len(a) for a in second]


def test_the_cache_keeps_whole_files_only(tmp_path: Path):
    cache, tone = SpeechCache(tmp_path), Sine(440).to_audio_segment(duration=300)
    cache.put("ab" + "0" * 62, tone)
    assert [p.name for p in (tmp_path / "ab").iterdir()] == ["ab" + "0" * 62 + ".wav"]
    assert len(cache.get("ab" + "0" * 62)) == 300


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    engine, voice = CountingEngine(), load_voice("espeak")
    cache = SpeechCache(blocker / "cache")  # its folder can never be made
    [audio] = speak(["Still said."], engine, voice, cache)
    assert len(audio) > 300 and engine.calls == 1


def test_cache_key_changes_with_voice_settings(tmp_path: Path):
    engine, voice = CountingEngine(), load_voice("espeak")
    cache = SpeechCache(tmp_path)
    faster = load_voice("espeak").__class__(**{**voice.__dict__, "speed": 1.3})
    assert cache.key(engine, voice, "Hi.") != cache.key(engine, faster, "Hi.")


def test_progress_is_reported_for_every_text(tmp_path: Path):
    seen = []
    speak(["A.", "B.", "C."], CountingEngine(), load_voice("espeak"), SpeechCache(None),
          lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_trim_silence_removes_leading_and_trailing_hush():
    tone = Sine(440).to_audio_segment(duration=500).set_frame_rate(SAMPLE_RATE)
    padded = AudioSegment.silent(400, SAMPLE_RATE) + tone + AudioSegment.silent(600, SAMPLE_RATE)
    trimmed = trim_silence(padded)
    assert 500 <= len(trimmed) <= 600
