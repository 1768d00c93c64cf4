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
