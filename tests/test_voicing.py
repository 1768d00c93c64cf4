"""Tests for briefing.voicing: who reads what."""

from __future__ import annotations

import pytest

from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.model import Article, Part, Story
from briefing.voicing import Cast, default_voice

ENGLISH = Article("Bridge closed", ("The bridge closed on Tuesday.",), language="en")
PORTUGUESE = Article("Metro", ("A Metro do Porto anunciou a nova linha.",), language="pt")


def test_each_story_is_read_by_a_voice_of_its_language_and_the_anchor_frames_it():
    cast = Cast.for_settings(Settings(voice="espeak", languages=("pt",), cache_dir=None), "en")
    assert cast.anchor.voice.name == "espeak"
    assert cast.for_article(ENGLISH) is cast.anchor
    assert cast.for_article(PORTUGUESE).voice.language == "pt"
    stories = [Story(ENGLISH, ()), Story(PORTUGUESE, ())]
    assert cast.for_part(Part("opening", "This is the news."), stories) is cast.anchor
    assert cast.for_part(Part("title", "Metro.", 1), stories) is cast.for_article(PORTUGUESE)
    assert cast.cost_for(PORTUGUESE)("Uma frase.") != cast.cost_for(ENGLISH)("Uma frase.")


def test_one_voice_throughout_by_default():
    cast = Cast.for_settings(Settings(voice="espeak", cache_dir=None), "en")
    assert cast.voicings == [cast.anchor]
    assert cast.for_article(PORTUGUESE) is cast.anchor  # whoever chose it chose this voice


SECOND = Article("Rates up", ("The bank raised its rates again.",), language="en")
THIRD = Article("Storm", ("A storm hit the coast overnight.",), language="en")


def test_correspondents_read_the_stories_in_turn_and_the_anchor_reads_the_titles():
    settings = Settings(voice="espeak", correspondents=("flite", "festival"), languages=("pt",),
                        cache_dir=None)
    articles = [ENGLISH, PORTUGUESE, SECOND, THIRD]
    cast = Cast.for_settings(settings, "en", articles)
    readers = [cast.for_article(a).voice.name for a in articles]
    portuguese = default_voice("pt")
    assert readers == ["flite", portuguese, "festival", "flite"]  # in turn, foreign apart
    stories = [Story(a, ()) for a in articles]
    assert cast.for_part(Part("title", "Rates up.", 2), stories) is cast.anchor
    assert cast.for_part(Part("sentence", "The bank.", 2), stories).voice.name == "festival"
    assert cast.for_part(Part("title", "Metro.", 1), stories).voice.name == portuguese
    assert [v.voice.name for v in cast.voicings] == ["espeak", "flite", "festival", portuguese]
    assert cast.cost_for(SECOND) == cast.for_article(SECOND).estimate_seconds


def test_the_default_voice_anchors_and_its_partner_reports_unless_told_otherwise():
    default = Cast.for_settings(Settings(cache_dir=None), "en", [ENGLISH])
    assert (default.anchor.voice.name, default.for_article(ENGLISH).voice.name) == (
        "kokoro", "kokoro-michael")
    chosen = Cast.for_settings(Settings(voice="kokoro", cache_dir=None), "en", [ENGLISH])
    assert chosen.voicings == [chosen.anchor]  # a voice chosen by name reads everything
    alone = Cast.for_settings(Settings(correspondents=(), cache_dir=None), "en", [ENGLISH])
    assert alone.for_article(ENGLISH) is alone.anchor


def test_the_anchor_as_its_own_correspondent_is_one_voice():
    cast = Cast.for_settings(Settings(voice="espeak", correspondents=("espeak",),
                                      cache_dir=None), "en", [ENGLISH, SECOND])
    assert cast.voicings == [cast.anchor] and cast.for_article(SECOND) is cast.anchor


def test_a_correspondent_of_another_language_is_one_line():
    with pytest.raises(BriefingError, match="correspondent 'espeak-de' speaks 'de'"):
        Cast.for_settings(Settings(voice="espeak", correspondents=("espeak-de",),
                                   cache_dir=None), "en")
