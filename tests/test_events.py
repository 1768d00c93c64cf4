"""Two outlets' reports of one event are aired once (events.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from briefing.article import to_article
from briefing.events import retellings, same_event
from briefing.model import Article, Document
from tests.helpers import DATA, EXAMPLE, run

EVENTS = DATA / "articles" / "events"


def story(name: str) -> Article:
    """A fixture: the headline and first paragraphs of a 2013 news page (npm
    htmlparser-benchmark 1.1.3; the text belongs to its publishers)."""
    path = EVENTS / f"{name}.txt"
    return to_article(Document(path.read_text(encoding="utf-8"), origin=str(path)))


def test_two_outlets_reports_of_one_event_are_one_event():
    # the BBC's readers' page and the Los Angeles Times' report of Britain's compensation
    assert same_event(story("mau-mau-bbc"), story("mau-mau-latimes"))


def test_the_next_days_news_of_one_matter_is_another_event():
    # Navalny convicted (the Washington Post), then freed on bail the next day (the BBC)
    assert not same_event(story("navalny-convicted-wapo"), story("navalny-bail-bbc"))


def test_stories_in_two_languages_are_never_one_event():
    english = story("mau-mau-latimes")
    assert not same_event(english, replace(english, language="de"))


def test_the_first_telling_is_kept():
    first, second, other = (story("mau-mau-latimes"), story("mau-mau-bbc"),
                            story("navalny-bail-bbc"))
    assert retellings([first, other, second]) == [(second, first)]


def test_a_briefing_airs_one_event_once_and_says_which_it_left_out(tmp_path: Path):
    result = run("generate", str(EVENTS / "mau-mau-latimes.txt"), str(EXAMPLE),
                 str(EVENTS / "mau-mau-bbc.txt"), "--voice", "espeak", "--minutes", "1.5",
                 "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    assert ("left out \"Kenya's Mau Mau revolt: Your experiences\": it reports the same event as "
            "'Britain to pay compensation to Kenyans for colonial past'"
            in result.stderr.decode())
    info = json.loads(result.stdout)
    assert [s["title"] for s in info["stories"]][0] == (
        "Britain to pay compensation to Kenyans for colonial past")
    assert len(info["stories"]) == 2

