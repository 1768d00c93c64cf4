import base64
import io
import json
import os
import subprocess
import sys
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
import requests
from pydub import AudioSegment

from briefing.engines import ENGINES, get_engine, require_engine
from briefing.engines import gtts as gtts_engine
from briefing.engines.base import run_to_wav_file
from briefing.engines.gtts import GttsEngine, fetch_from_google
from briefing.errors import BriefingError
from briefing.voices import load_voice

REPO = Path(__file__).resolve().parent.parent

SENTENCE = "The mission in Iraq has changed from combat to advising the Iraqi forces."
OFFLINE_VOICES = ["espeak", "flite", "festival", "piper", "kokoro", "rhvoice-alan"]


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


def test_a_piper_model_without_its_json_is_a_clear_error(tmp_path: Path):
    from briefing.engines.piper import model_path

    (tmp_path / "voice.onnx").write_bytes(b"not really a model")
    with pytest.raises(BriefingError, match="no voice.onnx.json beside it"):
        model_path(str(tmp_path / "voice.onnx"))


def test_piper_model_by_path_that_does_not_exist_is_a_clear_error():
    from briefing.engines.piper import model_path

    with pytest.raises(BriefingError, match="not found"):
        model_path("/nowhere/voice.onnx")


def festival_or_skip():
    engine = get_engine("festival")
    if not engine.available():
        pytest.skip("festival is not installed")
    return engine


def test_festival_keeps_one_process_and_says_each_piece_as_text2wave_does():
    engine, voice = festival_or_skip(), load_voice("festival")
    text = 'He said "we will not leave (ever)". Then he left; a backslash \\ too.'
    command = ["text2wave", "-eval", f"(voice_{voice.voice or 'cmu_us_slt_arctic_hts'})",
               "-eval", f"(Parameter.set 'Duration_Stretch {1 / voice.speed:.3f})",
               "{text}", "-o", "{wav}"]
    assert engine.synthesize(text, voice).raw_data == run_to_wav_file(command, text).raw_data
    engine.synthesize(SENTENCE, voice)
    (kept,) = engine._started  # the second piece went to the same process
    engine.release()
    assert kept.process.poll() is not None
    assert len(engine.synthesize(SENTENCE, voice)) > 2000  # a new process after release
    engine.release()


def test_a_festival_process_that_dies_is_a_one_line_error_and_the_next_piece_is_said():
    engine, voice = festival_or_skip(), load_voice("festival")
    engine.synthesize(SENTENCE, voice)
    engine._started[0].process.kill()
    with pytest.raises(BriefingError, match="^festival failed"):
        engine.synthesize(SENTENCE, voice)
    assert len(engine.synthesize(SENTENCE, voice)) > 2000
    engine.release()


def test_a_festival_voice_that_is_not_installed_is_a_one_line_error():
    engine = festival_or_skip()
    voice = replace(load_voice("festival"), voice="nobody_here")
    with pytest.raises(BriefingError, match="festival failed: unbound variable : voice_nobody"):
        engine.synthesize(SENTENCE, voice)
    engine.release()


PIPER_SAYS = """
import hashlib, sys
from briefing.engines import require_engine
from briefing.voices import load_voice
voice = load_voice("piper")
print(hashlib.sha256(require_engine("piper").synthesize(sys.argv[1], voice).raw_data).hexdigest())
"""


def test_the_default_piper_voice_says_a_sentence_the_same_way_in_every_run():
    # Separate processes: Piper's noise generator is seeded afresh in each one.
    said = {subprocess.run([sys.executable, "-c", PIPER_SAYS, SENTENCE], capture_output=True,
                           text=True, check=True, cwd=REPO).stdout for _ in range(2)}
    assert len(said) == 1 and len(said.pop().strip()) == 64


def test_piper_with_the_models_own_noise_says_it_differently_each_time():
    voice = replace(load_voice("piper"), options={})  # the model's noise: sampled
    engine = require_engine("piper")
    takes = {engine.synthesize(SENTENCE, voice).raw_data for _ in range(2)}
    assert len(takes) == 2  # what the profile's zero noise settings are there for


def test_a_piper_voice_warming_up_while_it_is_asked_to_speak_is_loaded_once():
    from briefing.engines import piper

    engine, voice = require_engine("piper"), load_voice("piper")
    engine.release()
    with ThreadPoolExecutor(3) as pool:
        said = pool.submit(engine.synthesize, SENTENCE, voice)
        list(pool.map(lambda _: engine.warm(voice), range(2)))
        assert len(said.result()) > 1000
    assert piper.loaded_model.cache_info().misses == 1
    engine.release()
    assert piper.loaded_model.cache_info().currsize == 0


@pytest.mark.parametrize("value", ["lots", "nan", "-1", "inf"])
def test_a_piper_noise_setting_that_is_not_a_number_is_a_one_line_error(value: str):
    voice = replace(load_voice("piper"), options={"noise_scale": value})
    with pytest.raises(BriefingError, match=f"noise_scale must be a number 0 or above, not "
                                            f"'{value}'"):
        require_engine("piper").synthesize(SENTENCE, voice)


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


class FakeGoogle:
    """Google's Translate speech endpoint, faked at the HTTP exchange: gTTS itself builds,
    chunks and sends the requests and decodes the answers. `statuses` are answered first."""

    def __init__(self, *statuses: int, offline: bool = False, portal: bool = False) -> None:
        self.statuses = list(statuses)
        self.offline = offline
        self.portal = portal  # a captive portal answers 200 with its login page
        self.texts: list[str] = []
        self.languages: list[str] = []
        self.timeouts: list[object] = []
        self.chunk = base64.b64encode(tone_mp3(0.5)).decode()

    def send(self, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        host = urllib.parse.urlsplit(request.url).hostname or ""
        assert host.startswith("translate.google."), f"not Google's endpoint: {request.url}"
        self.timeouts.append(kwargs.get("timeout"))
        if self.offline:
            raise requests.ConnectionError("Name or service not known")
        rpc = json.loads(urllib.parse.unquote(request.body.removeprefix("f.req=").rstrip("&")))
        text, language = json.loads(rpc[0][0][1])[:2]
        self.texts.append(text)
        self.languages.append(language)
        response = requests.Response()
        response.request, response.url = request, request.url
        response.status_code = self.statuses.pop(0) if self.statuses else 200
        response.reason = {200: "OK", 429: "Too Many Requests"}.get(response.status_code, "")
        body = f')]}}\'\n\n[["wrb.fr","jQ1olc","[\\"{self.chunk}\\"]",null]]'
        if self.portal:
            body = "<html><body>Please log in to the hotel wifi</body></html>"
        response._content = body.encode() if response.status_code == 200 else b""
        response._content_consumed = True
        return response


@pytest.fixture
def google(monkeypatch):
    def install(*statuses: int, offline: bool = False, portal: bool = False) -> FakeGoogle:
        fake = FakeGoogle(*statuses, offline=offline, portal=portal)
        monkeypatch.setattr(requests.Session, "send", fake.send)
        monkeypatch.setattr(gtts_engine.time, "sleep", lambda s: fake.texts.append(f"slept {s}"))
        return fake
    return install


def test_gtts_long_text_goes_in_chunks_google_accepts_and_comes_back_whole(google):
    fake = google()
    text = " ".join(["The council met on Tuesday to discuss the new harbour bridge."] * 6)
    audio = GttsEngine().synthesize(text, load_voice("gtts"))
    assert len(fake.texts) >= 4 and all(len(t) <= 100 for t in fake.texts)
    words = [w.strip(".") for w in text.split()]  # gTTS drops the full stops it splits at
    assert [w.strip(".") for w in " ".join(fake.texts).split()] == words
    assert len(audio) / 1000 == pytest.approx(0.5 * len(fake.texts), abs=0.3)


def test_gtts_too_many_requests_backs_off_and_tries_again(google):
    fake = google(429, 429)
    audio = GttsEngine().synthesize("Hello there.", load_voice("gtts"))
    assert fake.texts == ["Hello there.", "slept 1", "Hello there.", "slept 2", "Hello there."]
    assert len(audio) > 300


def test_gtts_that_keeps_refusing_is_a_one_line_error(google):
    google(429, 429, 429, 429)
    with pytest.raises(BriefingError, match="429"):
        GttsEngine().synthesize("Hello there.", load_voice("gtts"))


def test_gtts_offline_is_a_one_line_error_not_a_traceback(google):
    google(offline=True)
    with pytest.raises(BriefingError, match="gTTS needs the internet"):
        fetch_from_google("Hello.", "en", "com")


def test_gtts_behind_a_login_page_is_a_one_line_error(google):
    google(portal=True)
    with pytest.raises(BriefingError, match="held no audio"):
        fetch_from_google("Hello.", "en", "com")


def test_gtts_asks_google_in_its_own_language_codes_and_never_waits_for_ever(google):
    fake = google()
    fetch_from_google("Shalom.", "he", "com")
    fetch_from_google("Hello.", "en-GB", "co.uk")
    assert fake.languages == ["iw", "en"]
    assert all(timeout is not None for timeout in fake.timeouts)
    with pytest.raises(BriefingError, match="no voice for the language 'xx'"):
        fetch_from_google("Hello.", "xx", "com")
    with pytest.raises(BriefingError, match="nothing to say"):
        fetch_from_google("...", "en", "com")


def test_gtts_cannot_speak_slower(google):
    google()
    slow = replace(load_voice("gtts"), speed=0.8)
    with pytest.raises(BriefingError, match="only speak faster"):
        GttsEngine().synthesize("Hello.", slow)


@pytest.mark.live
@pytest.mark.skipif(not os.environ.get("BRIEFING_LIVE_TESTS"), reason="set BRIEFING_LIVE_TESTS=1")
def test_gtts_live_speaks():
    mp3 = fetch_from_google("This is a live test of the briefing.", "en", "com")
    audio = AudioSegment.from_file(io.BytesIO(mp3), format="mp3")
    assert len(audio) > 1000


@pytest.mark.parametrize("name", OFFLINE_VOICES)
def test_engine_says_its_sample_rate_and_languages_truly(name: str):
    voice = load_voice(name)
    engine = get_engine(voice.engine)
    if not engine.available():
        pytest.skip(f"{voice.engine} is optional here")
    assert engine.synthesize("Hello.", voice).frame_rate == engine.sample_rate
    assert voice.language in engine.languages()


def test_espeak_speaks_many_languages_and_gtts_knows_its_own():
    assert {"en", "de", "es", "fr"} <= get_engine("espeak-ng").languages()
    assert {"en", "de", "es"} <= get_engine("gtts").languages()  # a table in gtts, offline
