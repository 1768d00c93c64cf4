"""Fitting a briefing to its minutes: what each story airs, spoken, laid out, re-chosen.

The time is shared by importance (the lead story gets the most), every story's lead comes
first, what a share cannot spend on whole sentences goes to the least served story, and rounds
of choosing and speaking converge on the target with the voices' measured pace; a last round
stretches or shrinks the pauses between sentences for the final seconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from pydub import AudioSegment

from briefing import audio as sound
from briefing.config import Settings
from briefing.errors import BriefingError
from briefing.model import Article, Script, Sentence, Story
from briefing.music import Music, tones_for
from briefing.script import build_script
from briefing.sentences import article_sentences
from briefing.summary import (
    BUDGET_SLACK,
    DANGLING,
    REPEAT,
    TIME,
    Selection,
    in_order,
    is_near_duplicate,
    select,
    summarize,
)
from briefing.voicing import Cast, Cost

DURATION_PROMISE_S = 5.0  # a briefing lasts the minutes asked for, +-5 s
DURATION_TOLERANCE_S = 4.0  # aim a little inside the promise
MAX_FITTING_ROUNDS = 4  # rounds that speak and lay out
MAX_CHOOSING_ROUNDS = 20  # rounds that only choose (cheap), when a choice did not change
FIRST_ROUND_SHARE = 0.94
MIN_PAUSE_SCALE, MAX_PAUSE_SCALE = 0.7, 1.3  # pauses after sentences, to land on the minutes
LEAD_WEIGHT_FALLOFF = 0.25
TITLE_REPEAT_EXTRA_WORDS = 1  # a sentence this much longer than its title still repeats it

CostFor = Callable[[Article], Cost]  # the cost of a sentence, in the voice reading the article


class Progress(Protocol):
    def stage(self, name: str) -> None: ...
    def spoken(self, done: int, total: int) -> None: ...


class Silent:
    def stage(self, name: str) -> None:
        pass

    def spoken(self, done: int, total: int) -> None:
        pass


@lru_cache(maxsize=512)
def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """An article's sentences, split once: each fitting round asks again."""
    return tuple(article_sentences(article.paragraphs, article.language, article.headings))


def select_words(article: Article, words: int) -> Selection:
    """An article's lead and best sentences within a number of words."""
    return select(sentences_of(article), words, title=article.title, language=article.language)


def importance(position: int) -> float:
    """The lead story gets the most time; each later one a little less."""
    return 1 / (1 + LEAD_WEIGHT_FALLOFF * position)


def share_budget(needs: list[float], seconds: float) -> list[float]:
    """Split the time between stories by importance; a story that fits whole in its share
    takes only what it needs and leaves the rest to the others (weighted water-filling)."""
    budgets = [0.0] * len(needs)
    open_stories = set(range(len(needs)))
    remaining = seconds
    while open_stories:
        weight = sum(importance(i) for i in open_stories)
        share = {i: remaining * importance(i) / weight for i in open_stories}
        fitting = [i for i in open_stories if needs[i] <= share[i]]
        if not fitting:
            for i in open_stories:
                budgets[i] = share[i]
            break
        for i in fitting:
            budgets[i] = needs[i]
            remaining -= needs[i]
            open_stories.discard(i)
    return budgets


def choose_stories(articles: list[Article], seconds: float, cost_for: CostFor,
                   keep: Collection[str] = ()) -> list[Story]:
    """Each article's summary within its share of the time (see select_stories); an article
    with nothing to say is left out."""
    return [Story(article, selection.chosen)
            for article, selection in select_stories(articles, seconds, cost_for, keep)
            if selection.chosen]


def select_stories(articles: list[Article], seconds: float, cost_for: CostFor,
                   keep: Collection[str] = ()) -> list[tuple[Article, Selection]]:
    """What each article airs: its lead first, whatever the time; the rest of the time is
    shared by importance among the sentences after the leads, and what the shares leave (a
    share too short for a story's next whole sentence) goes to the least served story, a
    sentence at a time (with_leftover). Nothing one story already said is said again by a
    later one. Sentences in `keep` stay chosen where they fit."""
    candidates = [sentences_of(a) for a in articles]
    costs = [cost_for(a) for a in articles]
    needs = [sum(cost(s.text) for s in summarize(c, math.inf, cost, (), a.title, a.language))
             for a, c, cost in zip(articles, candidates, costs, strict=True)]
    leads = [sum(cost(s.text) for s in summarize(c, 0, cost, (), a.title, a.language))
             for a, c, cost in zip(articles, candidates, costs, strict=True)]
    extras = share_budget([need - lead for need, lead in zip(needs, leads, strict=True)],
                          max(0.0, seconds - sum(leads)))
    selections: list[Selection] = []
    fresh: list[list[Sentence]] = []  # each article's sentences less what repeats
    repeated: list[list[Sentence]] = []
    said: list[str] = []
    for article, sentences, cost, lead, extra in zip(articles, candidates, costs, leads, extras,
                                                     strict=True):
        repeats = [s for s in sentences if repeats_title(s.text, article.title)
                   or any(is_near_duplicate(s.text, old) for old in said)]
        new = [s for s in sentences if s not in repeats]
        selections.append(select(new, lead + extra, cost, keep, article.title,
                                 article.language, side_details=False))
        fresh.append(new)
        repeated.append(repeats)
        said += [s.text for s in selections[-1].chosen]
    selections = with_leftover(articles, fresh, selections, costs, leads, seconds)
    return [(article, replace(selection, left_out=in_order(
                list(selection.left_out) + [(s, REPEAT) for s in repeats])))
            for article, selection, repeats in zip(articles, selections, repeated, strict=True)]


def with_leftover(articles: list[Article], fresh: list[list[Sentence]],
                  selections: list[Selection], costs: list[Cost], leads: list[float],
                  seconds: float) -> list[Selection]:
    """The selections with the seconds their shares left unspent given out a sentence at a
    time, each to the story least served for its importance (what it airs past its lead,
    over its importance) whose next sentence they buy. A share is rarely a whole number of
    sentences: without this, a story whose next sentence outgrew its share aired its lead
    alone while the fitting rounds gave the time to the others (a blind editor heard 17 s
    for a story's lead without its finding, beside stories of 36-39 s)."""
    selections = list(selections)
    spent = [sum(cost(s.text) for s in selection.chosen)
             for selection, cost in zip(selections, costs, strict=True)]
    left = seconds - sum(spent)
    while left > BUDGET_SLACK:
        neediest = sorted(range(len(selections)),
                          key=lambda i: (spent[i] - leads[i]) / importance(i))
        for i in neediest:
            step = next_step(articles[i], fresh[i], selections[i], spent[i], left, costs[i])
            if step is not None:
                selections[i], more = step
                spent[i], left = spent[i] + more, left - more
                break
        else:
            break
    return selections


def next_step(article: Article, sentences: list[Sentence], selection: Selection, spent: float,
              left: float, cost: Cost) -> tuple[Selection, float] | None:
    """The selection with what it would add next (a sentence, with any it cannot be said
    without) for at most `left` more seconds, what it has kept, and those seconds; None when
    nothing fits. The smallest budget that adds something is found by halving between the
    costs of what was left out for time (or for what it needs): a larger budget never adds
    less."""
    has = {s.text for s in selection.chosen}
    waiting = (cost(s.text) for s, reason in selection.left_out if reason in (TIME, DANGLING))
    steps = sorted({seconds for seconds in waiting if seconds < left} | {left})

    def grown(step: float) -> tuple[Selection, float] | None:
        chosen = select(sentences, spent + step, cost, has, article.title, article.language,
                        side_details=False)
        more = sum(cost(s.text) for s in chosen.chosen) - spent
        growing = has < {s.text for s in chosen.chosen} and more <= left + BUDGET_SLACK
        return (chosen, more) if growing else None

    best = grown(steps[-1])  # all that is left, the most it could add
    low, high = 0, len(steps) - 1
    while best is not None and low < high:
        middle = (low + high) // 2
        found = grown(steps[middle])
        if found is None:
            low = middle + 1
        else:
            high, best = middle, found
    return best


def repeats_title(sentence: str, title: str) -> bool:
    """Whether a sentence is the headline again (read just before it), not a lead that
    says more than the headline does."""
    extra = len(sentence.split()) - len(title.split())
    return extra <= TITLE_REPEAT_EXTRA_WORDS and is_near_duplicate(sentence, title)


def sentence_count(stories: list[Story]) -> int:
    return sum(len(story.sentences) for story in stories)




def framing_seconds(articles: list[Article], settings: Settings, cast: Cast) -> float:
    """What everything but the chosen sentences will take: tones, opening, titles, closing."""
    stories = [Story(a, ()) for a in articles]
    frame = build_script(stories, settings.show, settings.day, settings.language)
    spoken = sum(cast.for_part(p, stories).speech_seconds(p.text) for p in frame.parts if p.text)
    tones = sum(len(sound.TONES[p.kind]()) for p in frame.parts if not p.text) / 1000
    return spoken + tones + sum(p.pause_after_ms for p in frame.parts) / 1000


def least_seconds(article: Article, cast: Cast) -> float:
    """The time of an article's lead: the least a story can say."""
    cost = cast.cost_for(article)
    return sum(cost(s.text) for s in summarize(sentences_of(article), 0, cost, (),
                                               article.title, article.language))


def stories_that_fit(articles: list[Article], settings: Settings, cast: Cast
                     ) -> list[Article]:
    """The stories, most important first, whose title and lead the time allows; a story whose
    lead alone would not fit is left out (a later, shorter one may still fit). Never none:
    when not even one fits, the one that comes nearest, if within the promise."""
    needed = {id(a): least_seconds(a, cast) for a in articles}

    def length(chosen: list[Article]) -> float:
        return framing_seconds(chosen, settings, cast) + sum(needed[id(a)] for a in chosen)

    kept: list[Article] = []
    for article in articles:
        if length([*kept, article]) <= settings.target_seconds:
            kept.append(article)
    if kept:
        return kept
    nearest = min(articles, key=lambda a: length([a]))
    if length([nearest]) > settings.target_seconds + DURATION_PROMISE_S:
        raise too_short(settings, cast, length([nearest]))
    return [nearest]


def planned_selections(articles: list[Article], settings: Settings, cast: Cast
                       ) -> list[tuple[Article, Selection]]:
    """What a briefing of settings.minutes would choose from each story that fits, by the
    voices' pace before anything is spoken (`summarize --minutes`; generate then refines it
    by what the voices really take)."""
    fit = stories_that_fit(articles, settings, cast)
    seconds = max(1.0, settings.target_seconds - framing_seconds(fit, settings, cast))
    return select_stories(fit, seconds, cast.cost_for)


def too_short(settings: Settings, cast: Cast, shortest: float) -> BriefingError:
    minutes, seconds = divmod(round(shortest), 60)
    enough = math.ceil(shortest / 30) / 2
    return BriefingError(
        f"{settings.minutes:g} minutes is too short: the opening, the lead story's title and "
        f"first sentence and the closing take about {minutes}:{seconds:02d} with "
        f"{cast.anchor.voice.name}; ask for {enough:g} minute{'' if enough == 1 else 's'} or more")


@dataclass
class Take:
    """One round of fitting: what was chosen, said and laid out, and how far off target."""

    stories: list[Story]
    script: Script
    programme: AudioSegment
    segments: list
    over_s: float  # programme length minus the target
    pause_scale: float = 1.0  # how the pauses after sentences were stretched


def fit_to_length(articles: list[Article], settings: Settings, cast: Cast,
                  progress: Progress, music: Music) -> Take:
    """Choose, speak and lay out; re-choose with the voices' measured pace until the
    programme lasts the target (or everything there is to say fits). When even the stories'
    leads, as the voices really say them, outlast the promise, fewer stories fit: the least
    important go (what was said is kept for the rest)."""
    articles = stories_that_fit(articles, settings, cast)
    while True:
        take = fit_rounds(articles, settings, cast, progress, music)
        if take.over_s <= DURATION_PROMISE_S or len(articles) == 1:
            return take
        fewer = stories_that_fit(articles, settings, cast)  # with the paces now measured
        articles = fewer if len(fewer) < len(articles) else articles[:-1]


def fit_rounds(articles: list[Article], settings: Settings, cast: Cast,
               progress: Progress, music: Music) -> Take:
    """The rounds of choosing and speaking for these stories (see fit_to_length)."""
    # The first round aims short: a voice's pace varies by some 5% with the text, and what
    # an overlong first round speaks and a later round drops is synthesis wasted.
    story_seconds = max(1.0, settings.target_seconds
                        - framing_seconds(articles, settings, cast)) * FIRST_ROUND_SHARE
    all_there_is = sentence_count(choose_stories(articles, math.inf, cast.cost_for))
    tried: list[tuple[list[Story], float]] = []  # each choice spoken, and its over_s
    best: Take | None = None  # the take closest to the target (the last is not always it)
    too_short, too_long = -math.inf, math.inf  # story seconds known to give short / long
    for _ in range(MAX_CHOOSING_ROUNDS):
        # What an earlier round spoke stays where it fits: no synthesis is wasted.
        stories = choose_stories(articles, story_seconds, cast.cost_for, keep=cast.said())
        over_s = next((over for choice, over in tried if choice == stories), None)
        if over_s is None:  # a new choice: speak it and lay it out
            if len(tried) == MAX_FITTING_ROUNDS:
                break
            take = record(stories, settings, cast, progress, music)
            over_s = take.over_s
            tried.append((stories, over_s))
            if best is None or abs(over_s) < abs(best.over_s):
                best = take  # only its audio is kept: a 10-minute programme is 53 MB
            del take
            everything_fits = sentence_count(stories) >= all_there_is
            if abs(over_s) <= DURATION_TOLERANCE_S or (over_s < 0 and everything_fits):
                break
        # Sentences come whole, so the length moves in steps: once the target lies between
        # a short and a long choice, halve the gap between their budgets.
        if over_s < 0:
            too_short = max(too_short, story_seconds)
        else:
            too_long = min(too_long, story_seconds)
        if too_long - too_short < 0.05:
            break
        if math.isinf(too_short) or math.isinf(too_long):
            story_seconds = max(1.0, story_seconds - over_s)
        else:
            story_seconds = (too_short + too_long) / 2
    assert best is not None  # the first round always records a take
    fits_whole = sentence_count(best.stories) >= all_there_is
    if best.over_s < -DURATION_TOLERANCE_S and not fits_whole:
        best = topped_up(best, settings, cast, progress, music)
        fits_whole = sentence_count(best.stories) >= all_there_is
    if best.over_s > DURATION_TOLERANCE_S or (best.over_s < -DURATION_TOLERANCE_S
                                               and not fits_whole):
        # The last few seconds: the pauses between sentences breathe a little faster or
        # slower (never a short programme padded when everything was said).
        scale = pause_scale_to_fit(best)
        stories, best = best.stories, None  # its audio goes before the new take's is laid out
        best = record(stories, settings, cast, progress, music, scale)
    return best




def topped_up(best: Take, settings: Settings, cast: Cast, progress: Progress, music: Music
              ) -> Take:
    """A short take with what it says kept and the seconds it lacks filled with the best
    sentences that fit them: choosing rounds that re-choose whole stories can jump over the
    target when sentences are long (an encyclopedia's, 20 s each)."""
    stories = added_to(best.stories, -best.over_s, cast.cost_for)
    if stories == best.stories:
        return best
    take = record(stories, settings, cast, progress, music)
    return take if abs(take.over_s) < abs(best.over_s) else best


def added_to(stories: list[Story], seconds: float, cost_for: CostFor) -> list[Story]:
    """The stories with what each says kept and up to `seconds` more, the lead story's best
    sentences first; nothing that repeats its title or another story is added."""
    said = [s.text for story in stories for s in story.sentences]
    grown = []
    for story in stories:
        cost, own = cost_for(story.article), {s.text for s in story.sentences}
        has = sum(cost(text) for text in own)
        others = [text for text in said if text not in own]
        pool = [s for s in sentences_of(story.article)
                if s.text in own or not (repeats_title(s.text, story.article.title)
                                         or any(is_near_duplicate(s.text, o) for o in others))]
        # The promise first: what is added here may be a side detail that fits the seconds.
        chosen = select(pool, has + seconds, cost, own, story.article.title,
                        story.article.language).chosen
        if own <= {s.text for s in chosen}:
            seconds -= sum(cost(s.text) for s in chosen) - has
            said += [s.text for s in chosen if s.text not in own]
            story = Story(story.article, chosen)
        grown.append(story)
    return grown


def pause_scale_to_fit(take: Take) -> float:
    """How much to stretch the pauses after sentences so the take lasts the target."""
    pauses_s = sum(p.pause_after_ms for p in take.script.parts if p.kind == "sentence") / 1000
    if not pauses_s:
        return 1.0
    return min(MAX_PAUSE_SCALE, max(MIN_PAUSE_SCALE, 1 - take.over_s / pauses_s))


def record(stories: list[Story], settings: Settings, cast: Cast, progress: Progress,
           music: Music, pause_scale: float = 1.0) -> Take:
    """Speak the stories' script and lay it out; the voices learn their pace from it."""
    script = build_script(stories, settings.show, settings.day, settings.language)
    if pause_scale != 1.0:
        script = replace(script, parts=tuple(
            replace(p, pause_after_ms=round(p.pause_after_ms * pause_scale))
            if p.kind == "sentence" else p for p in script.parts))
    speech = speak_script(script, stories, cast, progress)
    programme, segments = sound.lay_out(script.parts, speech, tones_for(music, script.parts,
                                                                        speech))
    return Take(stories, script, programme, segments,
                len(programme) / 1000 - settings.target_seconds, pause_scale)



def speak_script(script: Script, stories: list[Story], cast: Cast, progress: Progress
                 ) -> dict[int, AudioSegment]:
    """Each spoken part's audio, in the voice the cast gives it; each voice learns its pace
    from the sentences it said."""
    audio: dict[int, AudioSegment] = {}
    for voicing in cast.voicings:
        mine = [i for i, part in enumerate(script.parts)
                if part.text and cast.for_part(part, stories) is voicing]
        if not mine:
            continue
        said = voicing.speak([script.parts[i].text for i in mine], progress.spoken)
        audio |= dict(zip(mine, said, strict=True))
        sentences = [i for i in mine if script.parts[i].kind == "sentence"]
        voicing.learn([script.parts[i].text for i in sentences], [audio[i] for i in sentences])
    return audio

