import io
import os
import subprocess

import pytest
from pydub import AudioSegment

from briefing.engines import ENGINES, get_engine, require_engine
from briefing.engines.gtts import GttsEngine, fetch_from_google
from briefing.errors import BriefingError
from briefing.voices import load_voice

SENTENCE = "The mission in Iraq has changed from combat to advising the Iraqi forces."
OFFLINE_VOICES = ["espeak", "flite", "festival", "piper", "rhvoice-alan"]


@pytest.mark.parametrize("name", OFFLINE_VOICES)
def test_offline_engine_speaks_a_sentence_at_a_plausible_pace(name: str):
    voice = load_voice(name)
    if voice.engine == "rhvoice" and not get_engine("rhvoice").available():
        pytest.skip("RHVoice is optional (Debian non-free): see the README")
    engine = require_engine(voice.engine)
    audio = engine.synthesize(SENTENCE, voice)
    seconds = len(audio) / 1000
    # 13 words: a newsreader takes about 4.5 s; robotic voices are faster, none is 3x off.
    assert 2.5 < seconds < 9, seconds
    assert audio.dBFS > -35


def test_every_engine_in_the_registry_has_an_install_hint():
    for name in ENGINES:
        assert get_engine(name).install_hint


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(BriefingError, match="unknown engine 'nope'"):
        get_engine("nope")


def test_missing_program_says_how_to_install_it(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BriefingError, match="apt-get install espeak-ng"):
        require_engine("espeak-ng")


def test_piper_model_by_path_that_does_not_exist_is_a_clear_error():
    from briefing.engines.piper import model_path

    with pytest.raises(BriefingError, match="not found"):
        model_path("/nowhere/voice.onnx")


def tone_mp3(seconds: float = 1.0) -> bytes:
    return subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"sine=f=300:d={seconds}",
         "-f", "mp3", "-"], capture_output=True, check=True,
    ).stdout


def test_gtts_engine_decodes_what_the_service_returns():
    calls = []

    def fake_google(text: str, lang: str, tld: str) -> bytes:
        calls.append((text, lang, tld))
        return tone_mp3(1.5)

    voice = load_voice("gtts")
    audio = GttsEngine(fetch=fake_google).synthesize("Hello there.", voice)
    assert calls == [("Hello there.", "en", "com")]
    assert 1.3 < len(audio) / 1000 < 1.8


def test_gtts_offline_is_a_one_line_error_not_a_traceback():
    if os.environ.get("BRIEFING_LIVE_TESTS"):
        pytest.skip("online: the live test covers gTTS")
    with pytest.raises(BriefingError, match="gTTS"):
        fetch_from_google("Hello.", "en", "com")


@pytest.mark.live
@pytest.mark.skipif(not os.environ.get("BRIEFING_LIVE_TESTS"), reason="set BRIEFING_LIVE_TESTS=1")
def test_gtts_live_speaks():
    mp3 = fetch_from_google("This is a live test of the briefing.", "en", "com")
    audio = AudioSegment.from_file(io.BytesIO(mp3), format="mp3")
    assert len(audio) > 1000
