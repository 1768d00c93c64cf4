"""Two outlets' reports of one event are aired once (events.py)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import feedparser

from briefing.article import to_article
from briefing.daily import STATE_NAME
from briefing.events import EVENT_MEMORY_DAYS, retellings, same_event
from briefing.model import Article, Document
from briefing.state import State
from tests.helpers import DATA, EXAMPLE, run
from tests.test_daily import run as run_daily
from tests.test_daily import write_config

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


def test_a_daily_show_does_not_air_an_event_again_from_another_outlet(tmp_path: Path):
    # Day one airs the Los Angeles Times' report; on day two the BBC's page on the same
    # announcement is no news, while a story of another event is.
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(EVENTS / "mau-mau-latimes.txt", sources / "latimes.txt")
    config = write_config(tmp_path, [sources / "latimes.txt"])
    code, _, err = run_daily(config, tmp_path / "cache")
    assert code == 0, err
    for name in ("mau-mau-bbc.txt", "navalny-bail-bbc.txt"):
        shutil.copy(EVENTS / name, sources / name)
    write_config(tmp_path, [sources / "latimes.txt", sources / "mau-mau-bbc.txt",
                            sources / "navalny-bail-bbc.txt"])
    code, out, err = run_daily(config, tmp_path / "cache")
    assert code == 0, err
    titles = [entry.title for entry in feedparser.parse(
        (tmp_path / "out" / "feed.xml").read_bytes()).entries]
    assert len(titles) == 2 and "Navalny" in titles[0]
    with State(tmp_path / "out" / STATE_NAME) as state:
        told = [event.title for event in state.recent_events(EVENT_MEMORY_DAYS)]
    assert told == ["Kremlin critic Navalny freed on bail",
                    "Britain to pay compensation to Kenyans for colonial past"]
    code, out, err = run_daily(config, tmp_path / "cache")
    assert code == 0 and "nothing new to brief" in out  # the BBC's page is done with
