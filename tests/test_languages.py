"""Tests for briefing.languages: each story's language, and the briefing's."""

from __future__ import annotations

import pytest

from briefing.languages import (
    base_language,
    detect_language,
    is_language_code,
    language_name,
    main_language,
    parse_languages,
)


@pytest.mark.parametrize(("text", "code"), [
    ("The city council voted on Tuesday to close the old harbour bridge to cars after "
     "engineers found deep cracks.", "en"),
    ("A Metro do Porto anunciou nesta segunda-feira que a nova linha vai abrir ao público no "
     "início de março.", "pt"),
    ("Il governo ha approvato ieri sera il decreto che prevede nuovi fondi per le scuole "
     "della regione.", "it"),
    ("Правительство одобрило вчера новый закон о поддержке школ и больниц в регионах "
     "страны.", "ru"),
    ("정부는 어제 전국의 학교와 병원을 지원하기 위한 새로운 법안을 승인했다고 밝혔다. "
     "이 법안은 다음 달부터 시행된다.", "ko"),
])
def test_detects_the_language_of_a_news_sentence(text, code):
    assert detect_language(text) == code


def test_a_text_too_short_to_tell_keeps_the_pages_label():
    assert detect_language("Ciao", hint="it-IT") == "it"
    assert detect_language("Hello") == "en"


def test_main_language_is_the_commonest_and_a_tie_goes_to_the_newest():
    assert main_language(["en", "pt", "en-GB", "ko"]) == "en"
    assert main_language(["pt", "ko", "en", "pt"]) == "pt"
    assert main_language([]) == "en"


def test_names_and_codes():
    assert language_name("pt") == "Portuguese" and language_name("ko-KR") == "Korean"
    assert base_language("pt_BR") == "pt"
    assert parse_languages("en, pt,en") == ("en", "pt")


def test_chinese_and_japanese_are_told_without_spaces():
    assert detect_language("中国经济第三季度增长百分之四，消费和出口都有所回升。") == "zh"
    assert detect_language("日本銀行は金融緩和を維持すると発表した。") == "ja"


def test_a_tie_goes_to_the_default_voices_language():
    assert main_language(["pt", "de", "en", "fr"]) == "en"


def test_language_codes():
    assert is_language_code("pt-BR") and is_language_code("ko")
    assert not is_language_code("xx") and not is_language_code("english")


def test_each_language_module_holds_all_its_knowledge():
    import punkt

    from briefing.languages import KNOWN, language

    assert set(KNOWN) >= {"en", "de", "es", "fr", "it", "pt"}
    for code, known in KNOWN.items():
        assert known.code == code and known.phrases.locale == code
        assert known.punkt_model in punkt.available_languages()
        assert len(known.calibration_text.split()) > 40
    assert language("pt-BR") is KNOWN["pt"]
    neutral = language("ru")  # no module: Punkt's Russian table, a decimal comma, no phrases
    assert (neutral.punkt_model, neutral.decimal_comma, neutral.phrases) == ("russian", True, None)


SCHEDULE = ("INTERACTIVE & TECHNOLOGY COMMITTEE (Location as listed below) Tuesday, October 15, "
            "2013 at 9:00 AM (at Loews Corporation, 667 Madison Avenue at 61st Street, 7th Fl) "
            "Monday, January 27, 2014 at 9:00 AM (at Loews Corporation, 667 Madison Avenue at "
            "61st Street, 7th Fl) Tuesday, April 8, 2014 at 9:00 AM (at WNET, 825 Eighth Avenue, "
            "14th Fl. Kellen Board Room)")


def test_the_pages_label_wins_when_the_detector_is_unsure_and_finds_it_plausible():
    assert detect_language(SCHEDULE, "en-US") == "en"  # py3langid alone: Nigerian Pidgin, 0.54
    assert detect_language(SCHEDULE, "") != "en"  # no label: the detector's word stands
    lorem = ("Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
             "incididunt ut labore et dolore magna aliqua.")
    assert detect_language(lorem, "en") == "la"  # sure of itself: a wrong label loses
