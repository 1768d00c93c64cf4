"""Who a sentence names by surname alone, and where the article introduced them."""

from __future__ import annotations

import pytest

from briefing.introductions import introductions, surnames_in

ARTICLE = [
    "Star defensive tackle Ndamukong Suh drew the ire of the Green Bay Packers on Sunday.",
    "The NFL is expected to review the play on Monday, a league spokesman said.",
    "Detroit coach Jim Caldwell defended his player after the game.",
    '"I didn\'t see it, and I don\'t think it was intentional," Caldwell said.',
    "Mr. Caldwell also praised the defense, which held the Packers to one touchdown.",
    "Jim Caldwell has coached the Lions since 2014.",
]


def test_a_surname_said_alone_leans_on_the_sentence_that_introduced_it():
    assert introductions(ARTICLE) == [(), (), (), (2,), (2,), ()]


def test_a_name_the_headline_says_needs_no_introduction():
    assert introductions(ARTICLE, title="Caldwell defends Suh after stomp")[3] == ()


def test_a_surname_before_any_introduction_leans_on_nothing():
    assert introductions(["Caldwell said the play was not intentional at all.",
                          "Jim Caldwell coaches the Detroit Lions."]) == [(), ()]


@pytest.mark.parametrize("later", [
    "State lawmakers passed the state budget.",  # written in lower case too: a word
    "Flights to Denmark were cancelled on Monday.",  # after a preposition: a place
    "The House passed the bill on Friday.",  # after an article: an institution
])
def test_words_that_are_no_surname_lean_on_nothing(later):
    first = ("Governor Chris Christie gave his State of the State speech as the White House "
             "watched, and Country Manager Ann-Sophie Adamsen in Denmark approved.")
    assert introductions([first, later]) == [(), ()]


def test_runs_of_names_keep_initials_and_possessives():
    assert surnames_in("Philip Morris and R.J. Reynolds filed suit against the FDA.") == (
        {"Morris", "Reynolds"}, set())
    assert surnames_in("Reynolds’s lawyers said Johnson was told.") == (
        set(), {"Reynolds", "Johnson"})


def test_a_language_that_capitalises_every_noun_is_left_alone():
    german = ["Die Deutsche Bahn streicht Züge.", "Die neue Bahn fährt am Montag."]
    assert introductions(german, language_code="de") == [(), ()]


@pytest.mark.parametrize("family", ["the Murnaghans", "the Joneses"])
def test_a_family_called_by_its_surname_leans_on_the_persons_introduction(family):
    # BBC, 2013 (htmlparser-benchmark): "Doctors have told the Murnaghans that ..." aired
    # without the sentence that says who Sarah Murnaghan is.
    surname = "Murnaghan" if "Murnaghan" in family else "Jones"
    article = [f"Sarah {surname} has been in hospital for three months with cystic fibrosis.",
               "Children under 12 are given last priority for adult lungs.",
               f"Doctors have told {family} that she would qualify if she were an adult."]
    assert introductions(article) == [(), (), (0,)]
    assert introductions(["The Rangers will play two games at Yankee Stadium in January.",
                          "The Rangers already played outdoors twice."]) == [(), ()]
