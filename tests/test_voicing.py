"""Tests for briefing.voicing: who reads what."""

from __future__ import annotations

from briefing.config import Settings
from briefing.model import Article, Part, Story
from briefing.voicing import Cast

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
