from dataclasses import replace
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.voices import list_voices, load_voice


def test_every_profile_in_voices_loads_with_an_engine_and_description():
    voices = list_voices()
    assert {"piper", "espeak", "festival", "flite", "gtts"} <= {v.name for v in voices}
    for voice in voices:
        assert voice.engine and voice.description and voice.chars_per_second > 0


def test_unknown_voice_names_the_known_ones():
    with pytest.raises(BriefingError, match="unknown voice 'nope'.*piper"):
        load_voice("nope")


def test_extra_keys_become_engine_options(tmp_path: Path):
    (tmp_path / "mine.toml").write_text('engine = "gtts"\ntld = "co.uk"\nspeed = 1.2\n')
    voice = load_voice("mine", tmp_path)
    assert voice.options == {"tld": "co.uk"} and voice.speed == 1.2


def test_broken_profile_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "bad.toml").write_text("engine = \n")
    with pytest.raises(BriefingError, match="not valid TOML"):
        load_voice("bad", tmp_path)


@pytest.mark.parametrize(("content", "message"), [
    ('engine = "espeak-ng"\nspeed = 0\n', "speed must be a number from 0.25 to 4"),
    ('engine = "espeak-ng"\nspeed = "fast"\n', "speed must be a number"),
    ('engine = "espeak-ng"\npitch = 500\n', "pitch must be a number from 0 to 99"),
    ('engine = 3\n', "engine must be text"),
])
def test_a_profile_with_impossible_values_is_a_one_line_error(tmp_path: Path, content: str,
                                                              message: str):
    (tmp_path / "odd.toml").write_text(content)
    with pytest.raises(BriefingError, match=message):
        load_voice("odd", tmp_path)


def test_a_profile_that_is_not_utf8_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "latin.toml").write_bytes('engine = "espeak-ng"\ndescription = "caf\xe9"\n'
                                          .encode("latin-1"))
    with pytest.raises(BriefingError, match="not valid TOML"):
        load_voice("latin", tmp_path)


def test_calibration_is_measured_stored_and_used(tmp_path: Path, monkeypatch):
    from briefing.calibrate import calibrate
    from briefing.voices import calibrated_pace

    monkeypatch.setenv("BRIEFING_CALIBRATION", str(tmp_path / "cal.json"))
    voice = load_voice("espeak")
    assert calibrated_pace(voice) is None
    pace, stored = calibrate(voice)
    assert stored == tmp_path / "cal.json"
    assert 10 < pace < 30  # characters a second: a human newsreader says about 15
    assert calibrated_pace(voice) == pytest.approx(pace, abs=0.01)
    faster = voice.__class__(**{**voice.__dict__, "speed": 1.5})
    assert calibrated_pace(faster) is None  # other settings, other measurement
    with_options = replace(voice, options={"noise_scale": "0"})
    assert calibrated_pace(with_options) is None  # engine options change the pace too


def test_default_voice_follows_the_language():
    from briefing.voicing import default_voice

    assert default_voice("en") == "kokoro"
    assert load_voice(default_voice("de")).language == "de"
    with pytest.raises(BriefingError, match="no voice speaks 'xx'"):
        default_voice("xx")


def test_piper_is_the_default_where_kokoro_is_not_installed(monkeypatch):
    from briefing.engines.kokoro import KokoroEngine
    from briefing.voicing import default_voice

    monkeypatch.setattr(KokoroEngine, "available", lambda self: False)
    assert default_voice("en") == "piper"
    assert default_voice("fr") == "espeak-fr"


def test_neural_voices_come_first_for_every_language():
    from briefing.voices import voices_speaking

    assert voices_speaking("en")[:2] == ["kokoro", "piper"]
    french = voices_speaking("fr")
    assert french[0] == "kokoro-fr" and french.index("kokoro-fr") < french.index("espeak-fr")


def test_sample_is_a_short_mastered_mp3(tmp_path: Path):
    from briefing.audio import measure_loudness
    from briefing.calibrate import write_sample

    path = write_sample(load_voice("espeak"), tmp_path / "s.mp3")
    level = measure_loudness(path)
    assert -17 <= level.integrated_lufs <= -15


def test_english_voices_carry_the_bundled_pronunciations():
    voice = load_voice("piper")
    assert ("Qasem", "Kah-sem") in voice.pronunciations
    assert load_voice("espeak").pronunciations == voice.pronunciations


def test_the_users_pronunciations_add_to_and_win_over_the_bundled_ones(tmp_path: Path):
    from briefing.voices import with_pronunciations

    mine = tmp_path / "names.toml"
    mine.write_text('"Qasem" = "Kassem"\n"Nguyen" = "Win"\n', encoding="utf-8")
    voice = with_pronunciations(load_voice("piper"), mine)
    respellings = dict(voice.pronunciations)
    assert respellings["Qasem"] == "Kassem" and respellings["Nguyen"] == "Win"
    assert respellings["Daesh"] == "Dah-esh"
    assert with_pronunciations(voice, None) is voice


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such pronunciations file"),
    ('"Qasem" = \n', "not a valid TOML pronunciations file"),
    ('"Qasem" = 3\n', "'Qasem' needs a respelling"),
    ('"Qasem" = "  "\n', "'Qasem' needs a respelling"),
])
def test_a_broken_pronunciations_file_is_a_one_line_error(tmp_path: Path, content, message):
    from briefing.voices import load_pronunciations

    path = tmp_path / "names.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BriefingError, match=message) as caught:
        load_pronunciations(path)
    assert "\n" not in str(caught.value).strip()


def test_calibration_text_follows_the_base_language():
    from briefing.calibrate import calibration_text

    assert calibration_text("de-DE") == calibration_text("de") != calibration_text("en")
    assert calibration_text("fr") != calibration_text("en")
    assert calibration_text("ko") == calibration_text("en")  # no text of its own yet
