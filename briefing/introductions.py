"""Who a sentence names by surname alone, and which earlier sentence introduced them.

News introduces a person once in full ("coach Jim Caldwell") and then by surname ("Caldwell
said"). A listener who never heard the introduction does not know who Caldwell is, so a
sentence naming someone by surname alone leans on the sentence that introduced them, as a
sentence opening with "He" leans on the one before it (summary.py prices them together).

Without a model of names, a name is told by its capitals: a run of two or more capitalised
words ("Jim Caldwell", "Solicitor General Elizabeth Prelogar") introduces its last word; that
word written alone later ("Caldwell said") is a surname used bare. A word the article also
writes in lower case is no name ("State", "Time"), and one after an article or a preposition
("the House", "in Denmark") is a thing or a place, except a family called by its surname
("the Murnaghans"). A name the headline says is introduced
before the story begins. Languages that capitalise every noun (German) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.languages import en, language
from briefing.languages.base import words

# Capitalised words that begin sentences and runs of names without being names themselves:
# English's sentence starters ("However") and titles ("Gov."), kept in languages/en.py.
NOT_NAMES = (frozenset(word.lower() for word in en.NEWS_RULES.starters) | en.TITLES
             | words("of to by with jr sr monday tuesday wednesday thursday friday saturday "
                     "sunday"))
# Before a capitalised word, these make it a thing or a place, not a person named again.
NOT_BEFORE_PEOPLE = words(
    "the a an in into to at from of on for with across near including via "
    "el la los las le les il lo gli un una une des del della du"
)
INITIALS_MAX_LETTERS = 2  # "RJ Reynolds", "MS Dhoni"; "NFL" is no part of a name
INITIAL_RE = re.compile(r"\b([A-Z])\.")
TOKEN_RE = re.compile(r"[^\W\d_](?:[\w’'.-]*\w)?|[^\w\s]")
POSSESSIVE_RE = re.compile(r"['’]s?$")
LOWER_WORD_RE = re.compile(r"\b[^\W\d_A-Z]+\b")


def introductions(texts: Sequence[str], title: str = "", language_code: str = "en"
                  ) -> list[tuple[int, ...]]:
    """For each sentence, the positions of the earlier sentences that introduce the people it
    names by surname alone (none for a name the headline or the sentence itself says)."""
    if language(language_code).capitalises_nouns:
        return [() for _ in texts]
    lower_case = {word for text in texts for word in LOWER_WORD_RE.findall(text)}
    introduced: dict[str, int] = {word: -1 for word in names_said(title)}
    found: list[tuple[int, ...]] = []
    for position, text in enumerate(texts):
        introduced_here, bare = surnames_in(text)
        found.append(tuple(sorted({
            introduced[word] for word in bare - introduced_here
            if introduced.get(word, -1) >= 0 and word.lower() not in lower_case
        })))
        for word in introduced_here:
            introduced.setdefault(word, position)
    return found


def names_said(text: str) -> set[str]:
    """Every capitalised word a text says, introduced or not."""
    introduced, bare = surnames_in(text)
    return introduced | bare


def surnames_in(text: str) -> tuple[set[str], set[str]]:
    """The last words of the runs of names a sentence says in full, and the capitalised words
    it says alone, as a surname is said again."""
    tokens = [POSSESSIVE_RE.sub("", token)
              for token in TOKEN_RE.findall(INITIAL_RE.sub(r"\1", text))]
    full: set[str] = set()
    bare: set[str] = set()
    run: list[int] = []
    for position in range(len(tokens) + 1):
        if position < len(tokens) and is_name_word(tokens[position]):
            run.append(position)
            continue
        if len(run) > 1:
            full.add(tokens[run[-1]])
        elif run and (run[0] == 0 or tokens[run[0] - 1].lower() not in NOT_BEFORE_PEOPLE):
            bare.add(tokens[run[0]])
        elif run and tokens[run[0] - 1].lower() == "the":
            bare |= family_of(tokens[run[0]])
        run = []
    return full, bare


def family_of(word: str) -> set[str]:
    """The surname a family is called by ("the Murnaghans", "the Joneses"), in its possible
    forms; none for a word that is no plural."""
    if not word.endswith("s"):
        return set()
    return {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]}


def is_name_word(token: str) -> bool:
    """A capitalised word that can be part of a name ("Caldwell", "O'Neill", the initials "RJ";
    not "The", "NFL")."""
    if not token[:1].isupper() or token.lower() in NOT_NAMES:
        return False
    return not token.isupper() or len(token) <= INITIALS_MAX_LETTERS
