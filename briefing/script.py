"""Stories -> the spoken script: opening, each story's title and sentences, closing."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from briefing.languages import Phrases, base_language, language, phrases
from briefing.model import Part, Script, Story
from briefing.speakable import in_writers_voice

SENTENCE_PAUSE_MS = 350
PARAGRAPH_PAUSE_MS = 700
TITLE_PAUSE_MS = 600
STORY_PAUSE_MS = 500  # either side of the transition tone


ENGLISH = phrases("en")


def phrases_for(language: str) -> Phrases:
    return phrases(language)


def build_script(stories: list[Story], show: str, day: date, language: str = "en") -> Script:
    """The whole programme, in the order it will be heard."""
    words = phrases_for(language)
    parts: list[Part] = [Part("intro_tone", pause_after_ms=300)]
    parts.append(Part("opening", opening_line(show, day, len(stories), words), pause_after_ms=800))
    for number, story in enumerate(stories):
        if number:
            parts.append(Part("transition", pause_after_ms=STORY_PAUSE_MS))
        # A story in another language is introduced in its own, by the voice that reads it.
        own = words if base_language(story.article.language) == base_language(language) \
            else phrases_for(story.article.language)
        parts.extend(story_parts(story, number, own))
    parts[-1] = _with_pause(parts[-1], 900)
    parts.append(Part("closing", closing_line(show, day, words), pause_after_ms=400))
    parts.append(Part("outro_tone"))
    return Script(parts=tuple(parts), title=episode_title(show, day, stories))


def story_parts(story: Story, number: int, words: Phrases = ENGLISH) -> list[Part]:
    parts = [Part("title", title_line(story, words), number, TITLE_PAUSE_MS)]
    sentences = story.sentences
    for i, sentence in enumerate(sentences):
        next_paragraph = sentences[i + 1].paragraph if i + 1 < len(sentences) else None
        pause = PARAGRAPH_PAUSE_MS if next_paragraph != sentence.paragraph else SENTENCE_PAUSE_MS
        parts.append(Part("sentence", sentence.text, number, pause))
    return parts


def title_line(story: Story, words: Phrases = ENGLISH) -> str:
    title = story.article.title.strip().rstrip(".")
    source = story.article.source.strip()
    if story.article.genre == "opinion":
        pattern = words.opinion_with_source if source else words.opinion
    elif words.first_person and in_writers_voice(
            story.sentences, language(story.article.language or "en").first_person):
        pattern = words.first_person_with_source if source else words.first_person
    else:
        pattern = words.title_with_source if source else "{title}."
    line = pattern.format(source=source, title=title)
    return line.replace("?.", "?").replace("!.", "!")  # a question keeps its own mark


def spoken_date(day: date, words: Phrases) -> str:
    return format_date(day, words.date_pattern, locale=words.locale)


def opening_line(show: str, day: date, count: int, words: Phrases = ENGLISH) -> str:
    stories = words.one_story if count == 1 else words.stories.format(n=count)
    return words.opening.format(show=show, date=spoken_date(day, words), count=stories)


def closing_line(show: str, day: date, words: Phrases = ENGLISH) -> str:
    return words.closing.format(show=show, date=spoken_date(day, words))


def episode_title(show: str, day: date, stories: list[Story]) -> str:
    lead = stories[0].article.title if stories else ""
    return f"{show}, {day:%B} {day.day}, {day.year}: {lead}".rstrip(": ")


def _with_pause(part: Part, pause_ms: int) -> Part:
    return Part(part.kind, part.text, part.story_index, max(part.pause_after_ms, pause_ms))
