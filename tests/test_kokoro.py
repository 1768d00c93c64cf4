"""Kokoro: phonemes through espeak-ng, the model checked before use, speech Whisper understands."""

from pathlib import Path

import pytest

from briefing.engines import kokoro_model
from briefing.engines.kokoro import MAX_TOKENS, KokoroEngine, token_runs, tokens
from briefing.engines.kokoro_phonemes import phonemes
from briefing.errors import BriefingError
from briefing.voices import load_voice

needs_kokoro = pytest.mark.skipif(not KokoroEngine().available(),
                                  reason="Kokoro's model is not installed")


def test_english_phonemes_are_kokoros_symbols_with_the_punctuation_kept():
    said = phonemes("The rate rose, he said.", "a")
    assert said == "ðə ɹˈAt ɹˈOz, hi sˈɛd."  # "eɪ" and "oʊ" are one symbol each, as trained
    assert phonemes("The rate rose, he said.", "b") == "ðə ɹˈAt ɹˈQz, hiː sˈɛd."  # British


def test_every_phoneme_of_each_language_is_one_the_model_knows():
    samples = {
        "a": "Officials said the judge's ruling on Tuesday was 'historic'.",
        "e": "El Gobierno aprobó ayer la reforma de las pensiones.",
        "f": "Le Premier ministre a annoncé une réforme des retraites.",
        "i": "Il governo ha approvato la riforma delle pensioni.",
        "p": "O governo aprovou ontem a reforma da previdência.",
    }
    for code, text in samples.items():
        said = phonemes(text, code)
        assert said and len(tokens(said)) == len(said), (code, said)


def test_a_long_sentence_is_cut_at_its_pauses_into_pieces_the_model_takes():
    clause = "the council said on Tuesday that the new budget would be published in March, "
    said = phonemes(clause * 12, "a")
    runs = token_runs(said)
    assert len(runs) > 1 and all(len(run) <= MAX_TOKENS for run in runs)
    spaces_at_cuts = len(runs) - 1
    assert sum(len(run) for run in runs) == len(tokens(said)) - spaces_at_cuts  # nothing lost
    comma, space = tokens(",")[0], tokens(" ")[0]
    assert all(run[-1] == comma for run in runs[:-1])  # each cut after a comma, not in a word
    assert space in runs[0]


def test_model_parts_that_do_not_join_into_the_release_are_refused(tmp_path: Path,
                                                                    monkeypatch):
    parts = []
    for number in range(4):
        part = tmp_path / f"part{number}.bin"
        part.write_bytes(b"not a model")
        parts.append(part)
    monkeypatch.setattr(kokoro_model, "model_parts", lambda: parts)
    kokoro_model.model_bytes.cache_clear()
    try:
        with pytest.raises(BriefingError, match="do not join into the v1.0 release file"):
            kokoro_model.model_bytes()
    finally:
        kokoro_model.model_bytes.cache_clear()


def test_a_missing_part_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(kokoro_model, "MODEL_PACKAGES", ("no_such_kokoro_part",))
    with pytest.raises(BriefingError, match=r"briefing\[kokoro\]"):
        kokoro_model.model_parts()
    assert not KokoroEngine().available() or kokoro_model.has_model() is False


def test_an_unknown_kokoro_voice_names_the_ones_there_are():
    with pytest.raises(BriefingError, match="no Kokoro voice 'xx_nobody'.*af_heart"):
        kokoro_model.voice_styles("xx_nobody")


def test_every_kokoro_profile_has_its_voice_and_speaks_its_language():
    engine = KokoroEngine()
    profiles = [load_voice(p.stem) for p in Path("voices").glob("kokoro*.toml")]
    assert {p.voice for p in profiles} == set(kokoro_model.shipped_voices())
    for profile in profiles:
        assert profile.language in engine.languages()
        assert kokoro_model.voice_styles(profile.voice).shape == (510, 256)


@needs_kokoro
@pytest.mark.slow
def test_kokoro_says_news_that_whisper_hears_back():
    from briefing.roundtrip import transcribe_segment, word_error_rate

    text = ("The central bank raised interest rates on Tuesday, and officials said prices "
            "would keep rising until the summer.")
    audio = KokoroEngine().synthesize(text, load_voice("kokoro"))
    assert audio.frame_rate == 24000 and 4 < len(audio) / 1000 < 10
    assert word_error_rate(text, transcribe_segment(audio)) <= 0.1


@needs_kokoro
def test_kokoro_checks_its_model_when_prepared():
    assert "92,361,271 bytes" in KokoroEngine().prepare()


@needs_kokoro
@pytest.mark.slow
def test_the_float_graph_is_derived_once_checked_and_then_used(tmp_path: Path, monkeypatch):
    pytest.importorskip("onnx")
    monkeypatch.setenv("BRIEFING_DATA", str(tmp_path))
    assert isinstance(kokoro_model.model_source(), bytes)  # not prepared: the int8 graph
    assert "derived the float graph" in kokoro_model.prepare_float_model()
    derived = tmp_path / "kokoro" / kokoro_model.FLOAT_NAME
    assert kokoro_model.sha256_of(derived) == kokoro_model.FLOAT_SHA256
    assert [p.name for p in derived.parent.iterdir()] == [derived.name]  # no leftovers
    assert kokoro_model.model_source() == str(derived)
    assert "ready" in kokoro_model.prepare_float_model()  # a second time: nothing to do


def test_a_part_of_the_wrong_size_makes_kokoro_unavailable(tmp_path: Path, monkeypatch):
    parts = []
    for size in kokoro_model.PART_BYTES:
        part = tmp_path / f"part{len(parts)}.bin"
        with part.open("wb") as file:
            file.truncate(size if parts else size - 1)  # the first one cut short
        parts.append(part)
    monkeypatch.setattr(kokoro_model, "model_parts", lambda: parts)
    assert not kokoro_model.has_model()
