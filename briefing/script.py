"""Stories -> the spoken script: opening, each story's title and sentences, closing."""

from __future__ import annotations

from datetime import date

from briefing.model import Part, Script, Story

SENTENCE_PAUSE_MS = 350
PARAGRAPH_PAUSE_MS = 700
TITLE_PAUSE_MS = 600
STORY_PAUSE_MS = 500  # either side of the transition tone


def build_script(stories: list[Story], show: str, day: date) -> Script:
    """The whole programme, in the order it will be heard."""
    parts: list[Part] = [Part("intro_tone", pause_after_ms=300)]
    parts.append(Part("opening", opening_line(show, day, len(stories)), pause_after_ms=800))
    for number, story in enumerate(stories):
        if number:
            parts.append(Part("transition", pause_after_ms=STORY_PAUSE_MS))
        parts.extend(story_parts(story, number))
    parts[-1] = _with_pause(parts[-1], 900)
    parts.append(Part("closing", closing_line(show, day), pause_after_ms=400))
    parts.append(Part("outro_tone"))
    return Script(parts=tuple(parts), title=episode_title(show, day, stories))


def story_parts(story: Story, number: int) -> list[Part]:
    parts = [Part("title", title_line(story), number, TITLE_PAUSE_MS)]
    sentences = story.sentences
    for i, sentence in enumerate(sentences):
        next_paragraph = sentences[i + 1].paragraph if i + 1 < len(sentences) else None
        pause = PARAGRAPH_PAUSE_MS if next_paragraph != sentence.paragraph else SENTENCE_PAUSE_MS
        parts.append(Part("sentence", sentence.text, number, pause))
    return parts


def title_line(story: Story) -> str:
    title = story.article.title.strip().rstrip(".")
    source = story.article.source.strip()
    return f"From {source}: {title}." if source else f"{title}."


def opening_line(show: str, day: date, count: int) -> str:
    stories = "One story." if count == 1 else f"{count} stories."
    return f"This is {show} for {day:%A, %B} {day.day}, {day.year}. {stories}"


def closing_line(show: str, day: date) -> str:
    return f"That was {show} for {day:%A, %B} {day.day}. Thanks for listening."


def episode_title(show: str, day: date, stories: list[Story]) -> str:
    lead = stories[0].article.title if stories else ""
    return f"{show}, {day:%B} {day.day}, {day.year}: {lead}".rstrip(": ")


def _with_pause(part: Part, pause_ms: int) -> Part:
    return Part(part.kind, part.text, part.story_index, max(part.pause_after_ms, pause_ms))
