"""Tests for briefing.sentences: Punkt with news fixes, on traps and on the gold set."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.model import Sentence
from briefing.sentences import (
    article_sentences,
    punkt_model_name,
    punkt_tokenizer,
    split_sentences,
)

ROOT = Path(__file__).resolve().parents[1]


def load_benchmark():
    path = ROOT / "benchmarks" / "sentences.py"
    spec = importlib.util.spec_from_file_location("sentence_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TRAPS = [
    pytest.param(
        "The No. 2 Republican, Sen. John Thune, disagreed. Gov. Gavin Newsom said no.",
        ["The No. 2 Republican, Sen. John Thune, disagreed.", "Gov. Gavin Newsom said no."],
        id="no-2-sen-gov",
    ),
    pytest.param(
        "Rep. Dana Kirby, D-N.Y., and Sen. Tom Whitaker, R-Ariz., voted no. Lt. Gen. Sarah Holt "
        "and Gen. Mark Lane agreed.",
        [
            "Rep. Dana Kirby, D-N.Y., and Sen. Tom Whitaker, R-Ariz., voted no.",
            "Lt. Gen. Sarah Holt and Gen. Mark Lane agreed.",
        ],
        id="party-state-ranks",
    ),
    pytest.param(
        "The strongest objection came from Sen. Wade Collier, R-Ariz. He called it a blank check.",
        [
            "The strongest objection came from Sen. Wade Collier, R-Ariz.",
            "He called it a blank check.",
        ],
        id="state-at-sentence-end",
    ),
    pytest.param(
        "She fell ill. Doctors were called. Officials in Springfield, Ill. Tuesday said no. "
        "Sen. Ruth Abrams, D-Mass. She objected.",
        [
            "She fell ill.",
            "Doctors were called.",
            "Officials in Springfield, Ill. Tuesday said no.",
            "Sen. Ruth Abrams, D-Mass.",
            "She objected.",
        ],
        id="state-abbreviations-that-are-words",
    ),
    pytest.param(
        "Polls open at 7 a.m. Eastern on Tuesday. Results come after 9 p.m. Election officials "
        "urged patience.",
        [
            "Polls open at 7 a.m. Eastern on Tuesday.",
            "Results come after 9 p.m.",
            "Election officials urged patience.",
        ],
        id="a.m.-p.m.",
    ),
    pytest.param(
        "Shots were fired at 2:15 a.m. Sunday. A man died at 3 a.m. No arrests were made.",
        ["Shots were fired at 2:15 a.m. Sunday.", "A man died at 3 a.m.", "No arrests were made."],
        id="a.m.-weekday",
    ),
    pytest.param(
        "A first edition of J.R.R. Tolkien's novel sold. A letter from C.S. Lewis did too.",
        ["A first edition of J.R.R. Tolkien's novel sold.", "A letter from C.S. Lewis did too."],
        id="initialisms",
    ),
    pytest.param(
        "It happened at the John F. Kennedy library. Lyndon B. Johnson's staff came.",
        ["It happened at the John F. Kennedy library.", "Lyndon B. Johnson's staff came."],
        id="middle-initials",
    ),
    pytest.param(
        "The suit names Greenfield Holdings Inc. The company declined to comment. Shares of "
        "Contoso Corp. rose.",
        [
            "The suit names Greenfield Holdings Inc.",
            "The company declined to comment.",
            "Shares of Contoso Corp. rose.",
        ],
        id="inc-corp",
    ),
    pytest.param(
        "He served in the U.S. Army. Prices rise in the U.S. The president said he would act.",
        [
            "He served in the U.S. Army.",
            "Prices rise in the U.S.",
            "The president said he would act.",
        ],
        id="u.s.",
    ),
    pytest.param(
        "Kirby said the attacks are “very much in keeping with attacks we’ve seen from Iran-backed "
        "militias. . .Our working level assumption is that such groups were responsible.” He left.",
        [
            "Kirby said the attacks are “very much in keeping with attacks we’ve seen from "
            "Iran-backed militias. . .Our working level assumption is that such groups were "
            "responsible.”",
            "He left.",
        ],
        id="seed-glued-ellipsis",
    ),
    pytest.param(
        '“We will rebuild . . . together,” she said. "I thought it was over...but it wasn\'t," '
        'he said. "We lost everything..." he added.',
        [
            "“We will rebuild . . . together,” she said.",
            '"I thought it was over...but it wasn\'t," he said.',
            '"We lost everything..." he added.',
        ],
        id="ellipses-in-quotes",
    ),
    pytest.param(
        '“The numbers do not add up.” Other economists disagreed. "This city has been through '
        'worse." She left.',
        [
            "“The numbers do not add up.”",
            "Other economists disagreed.",
            '"This city has been through worse."',
            "She left.",
        ],
        id="quotes-end-sentences",
    ),
    pytest.param(
        '“Why would we sign it?” asked Sen. Paul Rhodes. "Is this it?" she asked. Nobody spoke.',
        [
            "“Why would we sign it?” asked Sen. Paul Rhodes.",
            '"Is this it?" she asked.',
            "Nobody spoke.",
        ],
        id="question-in-quote",
    ),
    pytest.param(
        "Power failed in St. Louis and Mt. Vernon on Jan. 3. It was Harlow vs. the state, e.g. a "
        "test case, i.e. a big one. It cost approx. $5 million.",
        [
            "Power failed in St. Louis and Mt. Vernon on Jan. 3.",
            "It was Harlow vs. the state, e.g. a test case, i.e. a big one.",
            "It cost approx. $5 million.",
        ],
        id="st-mt-months-latin",
    ),
    pytest.param(
        "The report makes three recommendations. 1. Hire inspectors. 2. Audit plants. The agency "
        "agreed.",
        [
            "The report makes three recommendations.",
            "1. Hire inspectors.",
            "2. Audit plants.",
            "The agency agreed.",
        ],
        id="numbered-list",
    ),
    pytest.param(
        "The ballot asks two questions: 1. Should the city borrow? 2. Should it tax? Voting "
        "starts Monday.",
        [
            "The ballot asks two questions: 1. Should the city borrow?",
            "2. Should it tax?",
            "Voting starts Monday.",
        ],
        id="list-after-colon",
    ),
    pytest.param(
        "The shelter needs food, diapers, etc. Donations are welcome. It serves Britain, "
        "Canada, etc. as well.",
        [
            "The shelter needs food, diapers, etc.",
            "Donations are welcome.",
            "It serves Britain, Canada, etc. as well.",
        ],
        id="etc",
    ),
    pytest.param(
        "He got 5 yrs. in prison. She said, \"I am leaving.\" and walked out. It rose. iPhone "
        "sales fell. He spoke. de Gaulle replied.",
        [
            "He got 5 yrs. in prison.",
            "She said, \"I am leaving.\" and walked out.",
            "It rose.",
            "iPhone sales fell.",
            "He spoke.",
            "de Gaulle replied.",
        ],
        id="lower-case-continues-unless-a-name",
    ),
    pytest.param(
        "Prices rose 3.2% in Jan. Economists expected 3.1%. The vote is on Jan. 3 in Iowa.",
        ["Prices rose 3.2% in Jan.", "Economists expected 3.1%.",
         "The vote is on Jan. 3 in Iowa."],
        id="month-abbreviation-ends-a-sentence-unless-a-day-follows",
    ),
    pytest.param(
        "2017 is not exactly Cold War Pt. II, but the fear is back. He met Henry VIII. Then he "
        "left.",
        ["2017 is not exactly Cold War Pt. II, but the fear is back.", "He met Henry VIII.",
         "Then he left."],
        id="part-roman-numeral",
    ),
    pytest.param(
        "The committee meets at 667 Madison Avenue, 14th Fl. Kellen Board Room, on Tuesday. It "
        "will vote.",
        ["The committee meets at 667 Madison Avenue, 14th Fl. Kellen Board Room, on Tuesday.",
         "It will vote."],
        id="an-address-floor",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TRAPS)
def test_news_traps(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_gold_set_f1_is_at_least_95_percent() -> None:
    benchmark = load_benchmark()
    passages = [passage for section in benchmark.load_gold().values() for passage in section]
    assert sum(len(passage) - 1 for passage in passages) >= 60
    assert benchmark.boundary_scores(split_sentences, passages)["f1"] >= 0.95


def test_fixes_beat_plain_punkt_on_the_gold_set() -> None:
    benchmark = load_benchmark()
    passages = benchmark.load_gold()["tuning"]
    plain = benchmark.boundary_scores(benchmark.plain_punkt(), passages)["f1"]
    ours = benchmark.boundary_scores(split_sentences, passages)["f1"]
    assert ours > plain + 0.05


def test_no_characters_are_lost_or_invented() -> None:
    benchmark = load_benchmark()
    for section in benchmark.load_gold().values():
        for passage in section:
            text = " ".join(passage)
            assert "".join(split_sentences(text)).replace(" ", "") == text.replace(" ", "")


def test_spaced_ellipsis_never_becomes_a_fragment() -> None:
    sentences = split_sentences("The budget . . . is not sustainable, he said. Others disagreed.")
    assert sentences == ["The budget . . . is not sustainable, he said.", "Others disagreed."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_empty_or_blank_text_gives_no_sentences(text: str) -> None:
    assert split_sentences(text) == []
    assert article_sentences([text, text]) == []


def test_newlines_collapse_and_blank_lines_separate() -> None:
    text = "  The storm hit\nthe coast on Friday.  \n\nOfficials   warned residents\n"
    assert split_sentences(text) == [
        "The storm hit the coast on Friday.",
        "Officials warned residents",
    ]


def test_article_sentences_carry_paragraph_and_running_index() -> None:
    paragraphs = ["Gov. Maria Delgado signed it. She smiled.", "  ", "Critics objected."]
    assert article_sentences(paragraphs) == [
        Sentence(text="Gov. Maria Delgado signed it.", paragraph=0, index=0),
        Sentence(text="She smiled.", paragraph=0, index=1),
        Sentence(text="Critics objected.", paragraph=2, index=2),
    ]


def test_german_uses_the_german_model_and_abbreviations() -> None:
    text = (
        "Der Vertrag wurde am 3. März in Berlin unterzeichnet. Dr. Anna Weber sprach z.B. über "
        "die Kosten. Das Gesetz tritt im Jan. in Kraft."
    )
    assert split_sentences(text, language="de") == [
        "Der Vertrag wurde am 3. März in Berlin unterzeichnet.",
        "Dr. Anna Weber sprach z.B. über die Kosten.",
        "Das Gesetz tritt im Jan. in Kraft.",
    ]


@pytest.mark.parametrize(
    ("language", "model"),
    [
        ("en", "english"),
        ("de", "german"),
        ("es", "spanish"),
        ("fr", "french"),
        ("pt-BR", "portuguese"),
        ("nb_NO", "norwegian"),
        ("German", "german"),
        ("xx", "english"),
        ("", "english"),
    ],
)
def test_language_codes_map_to_punkt_models(language: str, model: str) -> None:
    assert punkt_model_name(language) == model


def test_unknown_language_falls_back_to_english() -> None:
    assert split_sentences("Gov. Maria Delgado spoke. She left.", language="tlh") == [
        "Gov. Maria Delgado spoke.",
        "She left.",
    ]


def test_tokenizer_is_nltk_punkt_and_cached() -> None:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    assert isinstance(punkt_tokenizer("english"), PunktSentenceTokenizer)
    assert punkt_tokenizer("english") is punkt_tokenizer("english")


def test_works_without_network_or_nltk_data(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import socket
        import nltk.data

        def refuse(*args, **kwargs):
            raise AssertionError("network or NLTK data used")

        socket.socket = refuse
        socket.create_connection = refuse
        nltk.data.find = refuse
        nltk.data.load = refuse
        paths_before = list(nltk.data.path)

        from briefing.sentences import split_sentences

        assert split_sentences("Gov. Ann Lee spoke at 4 p.m. The crowd cheered.", "de") != []
        assert split_sentences("Gov. Ann Lee spoke at 4 p.m. The crowd cheered.") == [
            "Gov. Ann Lee spoke at 4 p.m.",
            "The crowd cheered.",
        ]
        assert nltk.data.path == paths_before
        print("ok")
        """
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_a_run_on_sentence_is_said_in_pieces_cut_after_its_commas():
    clauses = [f"the council said bridge number {n} would open next spring" for n in range(20)]
    run_on = ", ".join(clauses).capitalize() + "."
    pieces = split_sentences(run_on)
    assert len(pieces) > 1 and " ".join(pieces) == run_on
    assert all(len(piece.split()) <= 40 for piece in pieces)
    assert all(piece.endswith((",", ".")) for piece in pieces)  # cut after a comma


def test_a_long_sentence_of_news_is_one_sentence():
    # 62 words (HuffPost): cut in pieces, none of them could be aired.
    sentence = ("Federal Reserve Bank of Kansas City President Thomas M. Hoenig, the Fed's "
                "longest-serving policymaker and one of 10 people who decides what interest "
                "rates borrowers pay on mortgages, loans and other credit products, said that "
                "the Fed's policy of effectively guaranteeing zero percent interest rates for "
                "the foreseeable future is \"risking a repeat of past errors and the "
                "consequences they bring.\"")
    assert len(sentence.split()) > 60
    assert split_sentences(sentence) == [sentence]


def test_words_without_any_punctuation_are_said_in_pieces_too():
    pieces = split_sentences("word " * 1000)
    assert len(pieces) == 25 and all(len(piece.split()) == 40 for piece in pieces)


def test_a_long_but_real_sentence_stays_whole():
    sentence = ("The minister, who had spent the morning touring the flooded villages along the "
                "river with local officials, said on Tuesday that the government would set aside "
                "an extra two hundred million pounds for repairs, new defences and help for the "
                "families who had lost their homes.")
    assert len(sentence.split()) > 40
    assert split_sentences(sentence) == [sentence]


def test_sentences_of_a_heading_paragraph_are_marked_as_one() -> None:
    paragraphs = ["Train drivers vote to strike.", "The union said so. Talks failed."]
    sentences = article_sentences(paragraphs, "en", headings=(0,))
    assert [s.heading for s in sentences] == [True, False, False]


def test_a_piece_opening_with_a_closing_bracket_continues_the_sentence() -> None:
    text = ("Zero rating looks like a good thing for consumers (free video!), but it can rot "
            "competition. The rules did not ban it.")
    assert split_sentences(text) == [
        "Zero rating looks like a good thing for consumers (free video!), but it can rot "
        "competition.", "The rules did not ban it."]


def test_a_quotation_with_full_stops_inside_a_sentence_that_goes_on_is_one_sentence():
    text = ("South Dakota’s viral “Meth. We’re on it.” awareness campaign has been facing "
            "backlash since Monday. Hege was concerned.")
    assert split_sentences(text) == [
        "South Dakota’s viral “Meth. We’re on it.” awareness campaign has been facing backlash "
        "since Monday.", "Hege was concerned."]
    quoted = "“The plan failed. It will be fixed.” Officials confirmed it on Monday."
    assert len(split_sentences(quoted)) == 3  # the quotation ends its sentence


@pytest.mark.parametrize("text, expected", [
    ("“Should you go to St. Petersburg?” Mr. Graham said Wednesday on CNN. He stayed home.",
     ["“Should you go to St. Petersburg?” Mr. Graham said Wednesday on CNN.", "He stayed home."]),
    ('"Are you ready to deal with the media?" Hermann said in recalling her interview. '
     'She was.', ['"Are you ready to deal with the media?" Hermann said in recalling her '
                  'interview.', "She was."]),
    # not a speaker: a new sentence
    ("“Who knows?” The answer came a week later.",
     ["“Who knows?”", "The answer came a week later."]),
    ("“It is over.” Mr. Graham said nothing more.",
     ["“It is over.”", "Mr. Graham said nothing more."]),
    ('He asked: "Is it over?" Democrats said no, and the vote went ahead.',
     ['He asked: "Is it over?"', "Democrats said no, and the vote went ahead."]),
])
def test_a_speaker_after_a_quoted_question_ends_its_sentence(text, expected) -> None:
    assert split_sentences(text) == expected
