"""What a language's knowledge looks like: one frozen record per language (languages/xx.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class NewsRules:
    """What one language's news prose needs on top of the pretrained Punkt tables.

    Abbreviations are lower case without their final period ("u.s", "gov").
    """

    abbreviations: frozenset[str] = frozenset()  # added to Punkt's abbreviation table
    wordlike: frozenset[str] = frozenset()  # abbreviations only when capitalised: "Ill.", "Mass."
    titles: frozenset[str] = frozenset()  # never end a sentence: "Gov.", "vs.", "e.g."
    numeric_prefixes: frozenset[str] = frozenset()  # end one unless a number follows: "No. 2"
    enders: frozenset[str] = frozenset()  # "a.m.", "etc.": a capitalised word after starts anew
    time_words: frozenset[str] = frozenset()  # ...unless it continues a time: "10 a.m. Eastern"
    starters: frozenset[str] = frozenset()  # capitalised words that start a sentence after "U.S."
    speech_verbs: frozenset[str] = frozenset()  # "said": '"Why?" Smith said.' is one sentence


NEVER = re.compile(r"(?!)")  # a pattern for a language that has none: matches nothing


@dataclass(frozen=True)
class Discourse:
    """How one language's sentences lean on others: what speakable.py needs to tell whether a
    sentence stands alone aloud, and summary.py whether an opening is the lead. A language
    without these words is judged by what every language shares: length, marks, furniture."""

    common_verbs: frozenset[str] = frozenset()  # a short sentence with one is a sentence
    past_tense: re.Pattern[str] = NEVER  # ... and so is one with a verb in the past: "rallied"
    dangling_words: frozenset[str] = frozenset()  # an opening that points back: "He", "But"
    dangling_phrases: tuple[str, ...] = ()  # "In addition", "As a result"
    ordinal_opening: re.Pattern[str] = NEVER  # "Second, ...": one of a count begun before
    quantifier_subject: re.Pattern[str] = NEVER  # "A few carried signs": of a group named before
    time_nouns: frozenset[str] = frozenset()  # "This week": time, not a reference back
    pointer: re.Pattern[str] = NEVER  # anywhere: "to do just that", "the latter"
    pronoun_speaker: re.Pattern[str] = NEVER  # '"I'm not worried," he said.'
    fronted_pronoun: re.Pattern[str] = NEVER  # "Per hour, they will use ..."
    pronoun_clause: re.Pattern[str] = NEVER  # "If they lose enough weight, ..."
    pronoun_question: re.Pattern[str] = NEVER  # "Does it win you friends?"
    this_noun: re.Pattern[str] = NEVER  # "... this approach ...": group 1, the noun
    that_noun: re.Pattern[str] = NEVER  # "in that county": group 1, the noun
    participle: re.Pattern[str] = NEVER  # "from that provided by": the noun is in the sentence
    that_phrases: frozenset[str] = frozenset()  # "in that case": no pointer
    not_pointed_at: frozenset[str] = frozenset()  # "those who", "this one": no thing named
    set_up: re.Pattern[str] = NEVER  # "Here are seven more places to check."
    reader: re.Pattern[str] = NEVER  # words that speak to the reader: "you"
    trailing_off: re.Pattern[str] = NEVER  # "... lessons incorporating the latest..."
    also: re.Pattern[str] = NEVER  # goes on from what came before: "also", "too"
    pronoun: re.Pattern[str] = NEVER  # in a sentence's first words, someone said before


@dataclass(frozen=True)
class Phrases:
    """What the presenter says, in one language. Dates are babel (CLDR) patterns."""

    locale: str
    opening: str  # {show}, {date}, {count}
    date_pattern: str
    one_story: str
    stories: str  # {n}
    title_with_source: str  # {source}, {title}
    closing: str  # {show}, {date}
    opinion: str  # {title}: an opinion piece, announced as one
    opinion_with_source: str  # {source}, {title}
    # {title}: a piece whose writer speaks as "I", so that the listener knows who does
    first_person: str = ""
    first_person_with_source: str = ""  # {source}, {title}


@dataclass(frozen=True)
class Language:
    """Everything briefing knows about one language; what a language leaves out falls back to
    the neutral choice (English's phrases and calibration text, no extra sentence rules)."""

    code: str  # ISO 639-1
    punkt_model: str = "english"  # the `punkt` package's pretrained table for its sentences
    news_rules: NewsRules = NewsRules()
    phrases: Phrases | None = None  # the opening, titles and closing
    calibration_text: str = ""  # a news paragraph for measuring a voice's pace
    symbol_words: dict[str, str] = field(default_factory=dict)  # "&" -> "and", "%" -> ...
    currency_words: dict[str, str] = field(default_factory=dict)  # "€" -> "euros"
    decimal_comma: bool = True  # "3,5" is three point five
    capitalises_nouns: bool = False  # every noun, not only names (German): capitals tell no name
    # nltk's Snowball stemmer for what a sentence is about, with the stop-words package's list
    # of the language's words that carry none ("": English's Porter and en.STOP_WORDS).
    stemmer: str = ""
    voices: tuple[str, ...] = ()  # its default voices, best first (else: voices.py's order)
    # The writer's own "I", lower case; a word ending in an apostrophe stands for the words it
    # starts ("j'" for "j'ai"). Without them, no story is announced as a first-person piece.
    first_person: frozenset[str] = frozenset()
    discourse: Discourse = Discourse()  # how its sentences lean on others (speakable.py)
