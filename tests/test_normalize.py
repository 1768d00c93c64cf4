"""Tests for briefing.normalize: each step on its own, then the whole pipeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.normalize import (
    PIPELINES,
    collapse_whitespace,
    drop_list_number,
    drop_stage_directions,
    drop_unspeakable,
    expand_abbreviations,
    expand_brackets,
    expand_currency,
    expand_dashes,
    expand_dates,
    expand_dotted_acronyms,
    expand_fractions,
    expand_numbers,
    expand_ordinals,
    expand_percent,
    expand_ranges,
    expand_roman_numerals,
    expand_saint_and_street,
    expand_symbols,
    expand_times,
    expand_titles,
    expand_units,
    normalize,
    normalize_ellipses,
    repair_unicode,
    separate_letters_from_digits,
    shorten_urls,
    speakable,
    spell_initialisms,
    tidy_punctuation,
)

SENTENCES = Path(__file__).parent / "data" / "normalize-sentences.txt"
BASIC_PUNCTUATION = ".,?!;:'\""

SEED_CASES = [
    (
        "Some 2,500 U.S. forces remain in Iraq and approximately 1,000 are in Syria as part of "
        "the U.S.-led Coalition’s ongoing fight against ISIS",
        "Some two thousand five hundred U S forces remain in Iraq and approximately one thousand "
        "are in Syria as part of the U S led Coalition's ongoing fight against ISIS",
    ),
    ("the enduring defeat of Daesh [ISIS].”", 'the enduring defeat of Daesh, ISIS."'),
    (
        "head of the Islamic Revolutionary Guard Corps – Qods Force and was responsible",
        "head of the Islamic Revolutionary Guard Corps, Qods Force and was responsible",
    ),
    (
        "designated the Qods Force a Foreign Terrorist Organization in 2019.",
        "designated the Qods Force a Foreign Terrorist Organization in twenty nineteen.",
    ),
    (
        "from Iran-backed militias. . .Our working level assumption",
        "from Iran backed militias... Our working level assumption",
    ),
]


def _check(step, text: str, expected: str) -> None:
    assert step(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coalition’s “fight”", 'Coalition\'s "fight"'),
        ("Â£1bn", "£1bn"),
        ("co\u00adoperate\u200b", "cooperate"),
        ("a\u00a0b", "a b"),
    ],
)
def test_repair_unicode(text: str, expected: str) -> None:
    _check(repair_unicode, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("militias. . .Our", "militias... Our"),
        ("wait…", "wait..."),
        ("done.", "done."),
    ],
)
def test_normalize_ellipses(text: str, expected: str) -> None:
    _check(normalize_ellipses, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see https://www.example.com/news?id=3 now", "see example dot com now"),
        ("see www.bbc.co.uk/news", "see bbc dot co dot uk"),
        ("mail press@state.gov today", "mail press at state dot gov today"),
        ("read example.com.", "read example dot com."),
    ],
)
def test_shorten_urls(text: str, expected: str) -> None:
    _check(shorten_urls, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daesh [ISIS].", "Daesh, ISIS, ."),
        ("the PFA (Professional Footballers' Association) on", "the PFA, Professional "
         "Footballers' Association, on"),
        ("empty () here", "empty here"),
        ("in Iraq. (file)\nU.S. troops", "in Iraq., file, \nU.S. troops"),
        ("a (b [c]) d", "a, b, c,, d"),
        ("[S]ome electors walk[ed] out", "Some electors walked out"),
    ],
)  # fmt: skip
def test_expand_brackets(text: str, expected: str) -> None:
    _check(expand_brackets, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Corps – Qods Force", "Corps, Qods Force"),
        ("since 2010 - a 31% cut", "since 2010, a 31% cut"),
        ("attacks—again", "attacks, again"),
        ("one -- two", "one, two"),
        ("Iran-backed", "Iran-backed"),
    ],
)
def test_expand_dashes(text: str, expected: str) -> None:
    _check(expand_dashes, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. As we had expected, the Fed acted.", "As we had expected, the Fed acted."),
        ("(2) The second point.", "The second point."),
        ("2014. The year was good.", "2014. The year was good."),
        ("1.5 million people voted.", "1.5 million people voted."),
        ("10 people died.", "10 people died."),
    ],
)
def test_drop_list_number(text: str, expected: str) -> None:
    _check(drop_list_number, text, expected)


def test_drop_stage_directions() -> None:
    _check(drop_stage_directions, "[MUSIC] A piece of tape holds it.", "A piece of tape holds it.")
    _check(drop_stage_directions, "The [sic] word stays.", "The [sic] word stays.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-2021", "twenty nineteen to twenty twenty one"),
        ("10-15", "ten to fifteen"),
        ("10–15", "ten to fifteen"),
        ("between 2019-2021", "between twenty nineteen and twenty twenty one"),
        ("the 2019-20 season", "the twenty nineteen to twenty twenty season"),
        ("in 2014/15", "in twenty fourteen to twenty fifteen"),
        ("1,000-2,000", "one thousand to two thousand"),
    ],
)
def test_expand_ranges(text: str, expected: str) -> None:
    _check(expand_ranges, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 10 a.m. on", "at ten eigh M on"),
        ("at 10:30 p.m. on", "at ten thirty P M on"),
        ("at 9:05am", "at nine oh five eigh M"),
        ("by 10 a.m.", "by ten eigh M."),
        ("at 14:00 GMT", "at fourteen hundred GMT"),
        ("at 10:00", "at ten o'clock"),
        ("runs 0:03:37", "runs three minutes thirty seven seconds"),
    ],
)
def test_expand_times(text: str, expected: str) -> None:
    _check(expand_times, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan. 3", "January third"),
        ("Jan. 3, 2022", "January third, 2022"),
        ("Sept. 14", "September fourteenth"),
        ("on April 25 in", "on April twenty fifth in"),
        ("from June 10-12", "from June tenth to twelfth"),
        ("on 3 March", "on the third of March"),
        ("The 24th of March", "The twenty fourth of March"),
        ("March 2022", "March 2022"),
    ],
)
def test_expand_dates(text: str, expected: str) -> None:
    _check(expand_dates, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$2.5 billion", "two point five billion dollars"),
        ("$40", "forty dollars"),
        ("$1", "one dollar"),
        ("$3.50", "three dollars and fifty cents"),
        ("$0.01", "one cent"),
        ("£51.8m", "fifty one point eight million pounds"),
        ("£1bn", "one billion pounds"),
        ("£3,500, tourists", "three thousand five hundred pounds, tourists"),
        ("€1.2bn", "one point two billion euros"),
        ("US$5", "five U S dollars"),
    ],
)
def test_expand_currency(text: str, expected: str) -> None:
    _check(expand_currency, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5%", "5 percent"), ("53.5 %", "53.5 percent"), ("5 per cent", "5 percent")],
)
def test_expand_percent(text: str, expected: str) -> None:
    _check(expand_percent, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2.9km", "2.9 kilometers"), ("1 kg", "1 kilogram"), ("70 mph", "70 miles per hour")],
)
def test_expand_units(text: str, expected: str) -> None:
    _check(expand_units, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2nd", "second"), ("21st", "twenty first"), ("13th", "thirteenth"), ("3rd", "third")],
)
def test_expand_ordinals(text: str, expected: str) -> None:
    _check(expand_ordinals, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gen. John Brennan", "General John Brennan"),
        ("Sen. Reed", "Senator Reed"),
        ("Rep. Smith", "Representative Smith"),
        ("Gov. Hochul", "Governor Hochul"),
        ("Lt. Gen. Dickinson", "Lieutenant General Dickinson"),
        ("Maj. Cole", "Major Cole"),
        ("Dr Oz", "Doctor Oz"),
        ("Mt. Everest", "Mount Everest"),
        ("Gen Z", "Gen Z"),
    ],
)
def test_expand_titles(text: str, expected: str) -> None:
    _check(expand_titles, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("visit St. Louis", "visit Saint Louis"),
        ("on Downing St today", "on Downing Street today"),
        ("lives on Main St.", "lives on Main Street."),
        ("The St. Louis Cardinals", "The Saint Louis Cardinals"),
    ],
)
def test_expand_saint_and_street(text: str, expected: str) -> None:
    _check(expand_saint_and_street, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No. 2 seed", "number 2 seed"),
        ("Neighborhood #1", "Neighborhood number 1"),
        ("Lakers vs. Celtics", "Lakers versus Celtics"),
        ("Apple Inc. said", "Apple Incorporated said"),
        ("made by Apple Inc.", "made by Apple Incorporated."),
        ("fruit, e.g. apples", "fruit, for example apples"),
    ],
)
def test_expand_abbreviations(text: str, expected: str) -> None:
    _check(expand_abbreviations, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("World War II", "World War two"),
        ("Elizabeth II became", "Elizabeth the second became"),
        ("Pope Benedict XVI", "Pope Benedict the sixteenth"),
    ],
)
def test_expand_roman_numerals(text: str, expected: str) -> None:
    _check(expand_roman_numerals, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. forces", "U S forces"),
        ("the U.S.-led coalition", "the U S-led coalition"),
        ("in the U.K. The", "in the U K. The"),
        ("Washington, D.C.", "Washington, D C."),
        ("the U.N. Security Council", "the U N Security Council"),
        ("J.K. Rowling", "J K Rowling"),
        ("the U.A.E. said", "the U eigh E said"),
    ],
)
def test_expand_dotted_acronyms(text: str, expected: str) -> None:
    _check(expand_dotted_acronyms, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the FBI and CIA", "the F B I and C I eigh"),
        ("NATO and NASA and ISIS", "NATO and NASA and ISIS"),
        ("GPs and CEOs", "G P's and C E O's"),
        ("the UK's NHS", "the U K's N H S"),
        ("A&E waits", "eigh and E waits"),
        ("BREAKING NEWS today", "BREAKING NEWS today"),
        ("he said NO", "he said NO"),
        ("I am", "I am"),
    ],
)
def test_spell_initialisms(text: str, expected: str) -> None:
    _check(spell_initialisms, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("G7 summit", "G 7 summit"),
        ("F-35 jets", "F 35 jets"),
        ("the A303", "the eigh 303"),
        ("COVID-19", "COVID 19"),
        ("5G networks", "5 G networks"),
    ],
)
def test_separate_letters_from_digits(text: str, expected: str) -> None:
    _check(separate_letters_from_digits, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/4 of voters", "three quarters of voters"),
        ("9/10", "nine tenths"),
        ("1/2", "one half"),
        ("24/7", "twenty four seven"),
    ],
)
def test_expand_fractions(text: str, expected: str) -> None:
    _check(expand_fractions, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2019", "in twenty nineteen"),
        ("in 2008", "in two thousand eight"),
        ("in 1905", "in nineteen oh five"),
        ("1,000", "one thousand"),
        ("2,500", "two thousand five hundred"),
        ("some 2019 troops", "some two thousand nineteen troops"),
        ("2.5", "two point five"),
        ("0.25", "zero point two five"),
        ("105", "one hundred five"),
        ("the 1990s", "the nineteen nineties"),
        ("the '80s", "the eighties"),
        ("the over-65s", "the over sixty fives"),
        ("fell to -5", "fell to minus five"),
        ("1,250,000", "one million two hundred fifty thousand"),
    ],
)
def test_expand_numbers(text: str, expected: str) -> None:
    _check(expand_numbers, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gay & Lesbian", "Gay  and  Lesbian"),
        ("40+ countries", "40 plus  countries"),
        ("and/or", "and or"),
        ("he/she", "he or she"),
        ("Markit/CIPS", "Markit CIPS"),
        ("#TransformYourself", "TransformYourself"),
    ],
)
def test_expand_symbols(text: str, expected: str) -> None:
    _check(expand_symbols, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran-backed", "Iran backed"),
        ("a * b | c", "a   b   c"),
        ("left 3 behind", "left three behind"),
        ('it\'s "fine"; ok?', 'it\'s "fine"; ok?'),
    ],
)
def test_drop_unspeakable(text: str, expected: str) -> None:
    _check(drop_unspeakable, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daesh, ISIS, .", "Daesh, ISIS."),
        ("a , , b", "a, b"),
        (", leading comma", "leading comma"),
        ("trailing comma,\nnext", "trailing comma\nnext"),
        ("what?!", "what?"),
        ("end.Next", "end. Next"),
    ],
)
def test_tidy_punctuation(text: str, expected: str) -> None:
    _check(tidy_punctuation, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  a   b  ", "a b"), ("a\n\n\n\nb", "a\n\nb"), ("a \t\nb", "a\nb")],
)
def test_collapse_whitespace(text: str, expected: str) -> None:
    _check(collapse_whitespace, text, expected)


@pytest.mark.parametrize(("text", "expected"), SEED_CASES)
def test_normalize_seed_article_sentences(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Jan. 3, 2022, Gen. Mark Milley briefed Sen. Jack Reed at 10 a.m.",
            "On January third, twenty twenty two, General Mark Milley briefed Senator Jack "
            "Reed at ten eigh M.",
        ),
        (
            "Revenue rose 5% to $2.5 billion; a coffee costs $3.50.",
            "Revenue rose five percent to two point five billion dollars; a coffee costs three "
            "dollars and fifty cents.",
        ),
        ("The FBI, NATO & the U.K.", "The F B I, NATO and the U K."),
    ],
)
def test_normalize_english_composition(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two initialisms side by side are both spelled; a run of capitals is shouting.
        ("US GDP grew.", "U S G D P grew."),
        ("The UK PM spoke.", "The U K P M spoke."),
        ("BREAKING NEWS: the FBI said.", "BREAKING NEWS: the F B I said."),
        ("TRUMP SAYS US WILL ACT", "TRUMP SAYS US WILL ACT"),
        ("THE END", "THE END"),
        # Short suffixes glued to numbers, as British papers write them.
        ("About 1.2m people voted.", "About one point two million people voted."),
        ("It cost £1.2bn.", "It cost one point two billion pounds."),
        ("He earns 50k a year.", "He earns fifty thousand a year."),
        ("The 100m final.", "The one hundred meters final."),
        ("a 2m-long table", "a two meters long table"),
        ("A 5p charge.", "A five pence charge."),
        ("It hit -5C overnight.", "It hit minus five degrees Celsius overnight."),
        ("Room 4C is open.", "Room four C is open."),
        # Times with a dot, scores and odds, fractions written as one character.
        ("At 7.30pm on Friday.", "At seven thirty P M on Friday."),
        ("They won 3:1.", "They won three to one."),
        ("At 3:10 it rained.", "At three ten it rained."),
        ("It took 2½ years.", "It took two and a half years."),
        ("About ½ of voters.", "About one half of voters."),
        ("From 1-3 May.", "From the first to the third of May."),
    ],
)
def test_normalize_british_and_shorthand_news_text(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Im Jahr 2019 kamen 2.500 Soldaten.", "de", "Im Jahr zweitausendneunzehn kamen "
         "zweitausendfünfhundert Soldaten."),
        ("3,5 Millionen € und 15 %", "de", "drei Komma fünf Millionen Euro und fünfzehn Prozent"),
        ("Am 3. Mai um 14:30 Uhr.", "de", "Am dritten Mai um vierzehn Uhr dreißig."),
        ("Es kostet 2,50 €.", "de", "Es kostet zwei Euro fünfzig."),
        ("Cuesta 2,50 euros.", "es", "Cuesta dos euros cincuenta."),
        ("Zwischen 2019-2021", "de", "Zwischen zweitausendneunzehn und zweitausendeinundzwanzig"),
        ("En 2019 llegaron 2.500 soldados.", "es", "En dos mil diecinueve llegaron dos mil "
         "quinientos soldados."),
        ("un 15 % más, 40 € y 3,5", "es", "un quince por ciento más, cuarenta euros y tres coma "
         "cinco"),
        ("Preis: 42 & mehr", "de-DE", "Preis: zweiundvierzig und mehr"),
    ],
)  # fmt: skip
def test_normalize_other_languages(text: str, language: str, expected: str) -> None:
    assert normalize(text, language) == expected


def test_unsupported_language_falls_back_to_english_numbers() -> None:
    assert normalize("Test 42", "xx") == "Test forty two"


def test_every_language_pipeline_ends_with_the_cleanup_steps() -> None:
    for steps in PIPELINES.values():
        assert steps[-3:] == (drop_unspeakable, tidy_punctuation, collapse_whitespace)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_normalize_blank_input_gives_empty_text(text: str) -> None:
    assert normalize(text) == ""


@pytest.mark.parametrize("text", ["42", "#1", "$5", "http://x.io", "(a)", "U.S.", "—7—", "é"])
def test_normalize_never_empties_letters_or_digits(text: str) -> None:
    assert re.search(r"[^\W_]", normalize(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("42", True), ("Hello", True), ("...", False), ("***", False), ("", False), ("$", False)],
)
def test_speakable(text: str, expected: bool) -> None:
    assert speakable(text) is expected


def _benchmark_sentences() -> list[str]:
    return [line for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_benchmark_file_has_enough_sentences() -> None:
    assert len(_benchmark_sentences()) >= 40


@pytest.mark.parametrize("sentence", _benchmark_sentences())
def test_benchmark_sentence_normalises_to_plain_speech(sentence: str) -> None:
    spoken = normalize(sentence)
    assert spoken, sentence
    unspeakable = [
        ch for ch in spoken if not (ch.isalpha() or ch == " " or ch in BASIC_PUNCTUATION)
    ]
    assert not unspeakable, (sentence, spoken)


RESPELLINGS = (("Qasem", "Kah-sem"), ("Xi", "Shee"), ("Xi Jinping", "Shee Jin-ping"))


@pytest.mark.parametrize(("text", "spoken"), [
    ("General Qasem Soleimani died.", "General Kah-sem Soleimani died."),
    ("Qasem's death.", "Kah-sem's death."),  # a possessive is still the name
    ("Qasemi and qasem are not Qasem.", "Qasemi and qasem are not Kah-sem."),  # whole, exact
    ("Xi Jinping met Xi.", "Shee Jin-ping met Shee."),  # the longer name first
    ("On Jan. 3 Qasem (61) died.", "On January third Kah-sem, sixty one, died."),
])
def test_respellings_are_said_instead_of_the_written_names(text: str, spoken: str) -> None:
    assert normalize(text, "en", RESPELLINGS) == spoken


def test_a_name_is_found_as_normalisation_leaves_it() -> None:
    respellings = (("UNRWA", "Unrah"), ("O’Brien", "Oh-Bryan"), ("St. Kitts", "Saint Kits"))
    spoken = normalize("UNRWA met O'Brien in St. Kitts.", "en", respellings)
    assert spoken == "Unrah met Oh-Bryan in Saint Kits."


def test_without_respellings_the_name_is_left_to_the_engine() -> None:
    assert normalize("General Qasem Soleimani died.") == "General Qasem Soleimani died."
