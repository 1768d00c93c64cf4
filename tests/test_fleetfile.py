"""Tests for briefing.fleetfile: a fleet's editions, read and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.fleetfile import load_fleet

SHOW = '[show]\ntitle = "World"\nbase_url = "https://news.example/"\n[briefing]\n' \
       'sources = ["https://news.example/rss"]\nvoice = "espeak"\n'


def fleet(tmp_path: Path, text: str) -> Path:
    (tmp_path / "world.toml").write_text(SHOW)
    path = tmp_path / "fleet.toml"
    path.write_text(text)
    return path


def test_an_edition_is_its_show_with_the_fleets_overrides(tmp_path: Path):
    path = fleet(tmp_path, """
[fleet]
workers = 3
[[editions]]
name = "world"
show = "world.toml"
[[editions]]
name = "tech"
show = "world.toml"
out = "out/tech"
title = "Tech"
topics = ["AI", "chips"]
language = "en-GB"
voice = "flite"
correspondents = ["festival"]
minutes = 2
max_stories = 4
""")
    loaded = load_fleet(path)
    assert loaded.workers == 3 and loaded.cache_dir == (tmp_path / "cache").resolve()
    world, tech = (e.config for e in loaded.editions)
    assert world.out_dir == (tmp_path / "out").resolve() and world.topics == ()
    assert tech.out_dir == (tmp_path / "out" / "tech").resolve()
    assert (tech.show.title, tech.show.language, tech.show.base_url) == (
        "Tech", "en-GB", "https://news.example/tech/")  # served below the show's address
    assert (tech.topics, tech.voice, tech.correspondents, tech.minutes, tech.max_stories) == (
        ("AI", "chips"), "flite", ("festival",), 2.0, 4)
    assert tech.sources == world.sources


@pytest.mark.parametrize(("edition", "problem"), [
    ('show = "nowhere.toml"', "nowhere.toml: no such config file"),
    ('show = "world.toml"\nout = "tech"\nvoice = "nobody"', "unknown voice 'nobody'"),
    ('show = "world.toml"\nout = "tech"\nminutes = 0', "minutes must be a number more than 0"),
    ('show = "world.toml"\nout = "tech"\ntopics = "AI"', "topics must be a list of strings"),
    ('show = "world.toml"\nout = "tech"\nlanguage = "klingon!"', "is not a language code"),
    ('show = "world.toml"\nout = "tech"\ncolour = "red"', "unknown key 'colour'"),
    ('show = "world.toml"\nout = "/elsewhere/tech"', "give the edition the base_url"),
])
def test_a_broken_edition_is_its_own_problem_and_the_others_stand(tmp_path: Path, edition: str,
                                                                  problem: str):
    path = fleet(tmp_path, f'[[editions]]\nname = "world"\nshow = "world.toml"\n'
                           f'[[editions]]\nname = "bad"\n{edition}\n')
    world, bad = load_fleet(path).editions
    assert world.config is not None and bad.config is None
    assert problem in bad.problem


@pytest.mark.parametrize(("text", "message"), [
    ("[fleet\n", "not a valid TOML fleet file"),
    ("[fleet]\nbrokers = 'x'\n", r"\[fleet\] takes broker, cache, workers"),
    ("[fleet]\nbroker = 'amqp://x'\n", "broker must be a redis:// address"),
    ("[fleet]\n", "no editions"),
    ('[[editions]]\nshow = "world.toml"\n', "every edition needs a name of its own"),
    ('[[editions]]\nname = "a"\nshow = "world.toml"\n[[editions]]\nname = "a"\n'
     'show = "world.toml"\nout = "b"\n', "every edition needs a name of its own"),
    ('[[editions]]\nname = "a"\nshow = "world.toml"\n[[editions]]\nname = "b"\n'
     'show = "world.toml"\n', "two editions publish to one folder"),
])
def test_a_broken_fleet_is_one_line(tmp_path: Path, text: str, message: str):
    with pytest.raises(BriefingError, match=message):
        load_fleet(fleet(tmp_path, text))
