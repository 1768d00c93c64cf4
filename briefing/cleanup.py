"""Recover an article's title and own paragraphs from messy text copied or dumped from a web page.

The page text holds the article among menus, player controls, captions, share buttons, pull quotes
and footers. Each line is judged on general cues (length, stopword density, terminal punctuation,
list bullets, known furniture phrases, repetition; a list of sentences is prose, a list of links is
not); the article is the contiguous run of lines with the most content (a maximum-sum span), minus
the furniture inside it. A block of code inside the
article costs nothing, so it does not cut the article in two; leaked markup is machinery.

Each rule was kept only if it left the extraction bench, Readability's pages and the unseen
sets (benchmarks/README.md) level or better.
"""

from __future__ import annotations

import pkgutil
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import justext

from briefing.furniture import (
    BYLINE_RE,
    CALL_TO_ACTION_RE,
    CAPTION_RE,
    CODE_LINE_RE,
    COMMENTS_START_RE,
    EDIT_MARK_RE,
    FURNITURE_LINE_RE,
    IMAGE_FILE_RE,
    INLINE_LIST_RE,
    LINK_LINE_END_RE,
    MARKUP_RE,
    URL_OR_ATTRIBUTE_RE,
)
from briefing.languages import CJK_CHARS

# Chinese and Japanese characters count one word each, as they are written without spaces.
TOKEN_RE = re.compile(rf"[{CJK_CHARS}]|[^\W{CJK_CHARS}]+")
CJK_RE = re.compile(f"[{CJK_CHARS}]")
# A CJK token is one character, so a repeated run must be longer to mean the same.
CJK_RUN_FACTOR = 3
SPACES_RE = re.compile(r"\s+")
TERMINAL_CHARS = ".!?…\"'”’»)]。！？」"
BULLET_CHARS = "•◦○●□■▪▫☆★►▸▶‣⁃∙·*>|✓✔→-–"
BULLET_RE = re.compile(rf"^[{re.escape(BULLET_CHARS)}](?:\s+|$)")
CAPTION_MAX_WORDS = 80
CALL_TO_ACTION_WORDS_PER_CUE = 30
GOOD_MIN_WORDS = 12
GOOD_MIN_STOPWORD_DENSITY = 0.25
SHORT_MAX_WORDS = 5
# A list of sentences is the article's own: at least LIST_MIN_ITEMS bulleted lines in a row,
# each a sentence of LIST_ITEM_MIN_WORDS words or more (menus and link lists are no sentences).
LIST_MIN_ITEMS = 2
LIST_ITEM_MIN_WORDS = 8
NEUTRAL_SCORE = -1.0
BAD_SCORE = -4.0
FREE_SCORE = 0.0  # a line of code inside the article: neither prose nor machinery
MARKUP_LINE_CHARS = 100  # leaked markup longer than this is machinery; shorter may be a sample
MARKUP_TAG_WEIGHT = 3
MIN_MARKUP_HITS = 3
MARKUP_PER_WORD = 0.2
CODE_BLOCK_MIN_LINES = 3
CODE_LINE_SHARE = 0.5
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
TITLE_SEARCH_LINES = 60
TITLE_CASE_BONUS = 0.2
# More tokens than this per spaced word marks a slug or code, not a headline.
TITLE_MAX_TOKENS_PER_WORD = 2
QUOTE_MIN_WORDS = 5
COMMENTS_AFTER_SCORE = 100.0
MIN_STOPLIST_COVERAGE = 0.05
REPEATED_LEAD_WORDS = 16
# Lines repeated in order, as many words as a short article: a copied section, not captions
# (nor a newsletter or donation box shown twice).
SECTION_MIN_LINES = 4
SECTION_MIN_WORDS = 150
BLOB_MIN_HELD = 3
NEAR_LINES = 2000  # a pull quote or blob sits within this many lines of what it repeats
NEAREST_HOLDERS = 32  # lines opening the same way that are checked on each side of a line
SELF_REPEAT_WORDS = 6
SELF_REPEAT_MAX_WORDS = 80
ISOLATED_FACTOR = 0.25
LABEL_MAX_WORDS = 3
LIST_LEAD_IN_REACH = 3
JOIN_MIN_WORDS = 6
WRAP_MIN_WIDTH = 40
WRAP_MIN_LINES = 3
WRAP_MAX_WIDTH = 160
WRAP_FULL_RATIO = 0.75


@dataclass(frozen=True)
class CleanPage:
    """The headline and the article's own paragraphs, in order."""

    title: str
    paragraphs: tuple[str, ...]
    language: str = ""  # ISO 639-1 code when the page's stopwords tell it, else ""


@dataclass
class Line:
    """One line of the page as it is being judged."""

    text: str
    tokens: tuple[str, ...]
    block: int = 0  # which blank-line-separated block of the page it is in
    furniture: bool = False
    score: float = 0.0


@lru_cache(maxsize=1)
def stoplists() -> dict[str, frozenset[str]]:
    """jusText's stopword lists, by language name."""
    return {name: stoplist(name) for name in sorted(justext.get_stoplists())}


def stoplist(name: str) -> frozenset[str]:
    """One of jusText's lists, as justext.get_stoplist reads it, in two thirds of the time
    (all 100 are read on every run, to guess the language)."""
    data = pkgutil.get_data("justext", f"stoplists/{name}.txt") or b""
    return frozenset(data.decode("utf8").lower().splitlines()) - {""}


def best_stoplist_name(tokens: list[str]) -> str:
    """The name of the stopword list that covers the most of the words ("" when none covers
    at least MIN_STOPLIST_COVERAGE of them)."""
    counts = Counter(token.lower() for token in tokens)
    words = frozenset(counts)
    covered = {name: sum(counts[word] for word in stopwords & words)  # & walks the smaller set
               for name, stopwords in stoplists().items()}
    name = max(covered, key=covered.__getitem__, default="")  # ties: the first name
    enough = covered.get(name, 0) >= max(1, MIN_STOPLIST_COVERAGE * len(tokens))
    return name if enough else ""


def guess_language(tokens: list[str]) -> str:
    """The page's language as an ISO 639-1 code, from the stopword list that fits it best."""
    name = best_stoplist_name(tokens)
    return language_codes().get(name.replace("_", " ").lower(), "") if name else ""


@lru_cache(maxsize=1)
def language_codes() -> dict[str, str]:
    """English language names -> ISO 639-1 codes (CLDR, through babel)."""
    from babel import Locale

    return {name.lower(): code for code, name in Locale("en").languages.items()
            if len(code) == 2}


def best_stoplist(tokens: list[str]) -> frozenset[str]:
    """The stopword list that covers the most of the page's words; empty when none covers much.

    An empty list means stopwords are no cue (for languages jusText has no list for).
    """
    name = best_stoplist_name(tokens)
    return stoplists()[name] if name else frozenset()


def normalize_line(line: str) -> str:
    return SPACES_RE.sub(" ", EDIT_MARK_RE.sub("", line).replace("\u00a0", " ")).strip()


def strip_bullet(text: str) -> tuple[str, bool]:
    """The line without a leading list bullet, and whether it had one."""
    stripped = BULLET_RE.sub("", text, count=1)
    return stripped, stripped != text


def is_sentence_end(text: str) -> bool:
    return bool(text) and text[-1] in TERMINAL_CHARS


def is_title_cased(words: list[str]) -> bool:
    capitalized = sum(word[:1].isupper() for word in words)
    return capitalized >= 0.6 * len(words)


def wrap_width(block: list[str]) -> int:
    """The column a hard-wrapped block was wrapped at, or 0 when it does not look wrapped.

    Wrapped text has most lines (all but paragraph ends) nearly as long as the longest.
    """
    if len(block) < WRAP_MIN_LINES:
        return 0
    width = max(len(line) for line in block)
    full = sum(len(line) >= WRAP_FULL_RATIO * width for line in block[:-1])
    wrapped = WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH and full >= 0.5 * (len(block) - 1)
    return width if wrapped else 0


def continues(previous: str, following: str, width: int) -> bool:
    """Whether `following` is the rest of a paragraph broken after `previous`."""
    words = previous.split()
    if len(words) < JOIN_MIN_WORDS:
        return False
    if width and len(previous) >= WRAP_FULL_RATIO * width:
        return True
    if is_sentence_end(previous) or is_title_cased(words):
        return False
    return following[:1].islower() or previous[-1] in ",;-–—("


def split_blocks(text: str) -> list[list[str]]:
    """Non-empty normalized lines grouped by blank lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = normalize_line(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def join_wrapped(block: list[str]) -> list[str]:
    """Join lines of a block that were broken inside one paragraph."""
    width = wrap_width(block)
    joined: list[str] = []
    previous = ""
    for line in block:
        if (
            joined
            and not is_furniture(previous)
            and not is_furniture(line)
            and continues(previous, line, width)
        ):
            # A break after a word's hyphen ("explosive-\nladen") keeps the compound whole.
            glue = "" if re.search(r"\w-$", previous) else " "
            joined[-1] = f"{joined[-1]}{glue}{line}"
        else:
            joined.append(line)
        previous = line
    return joined


def is_picker(text: str) -> bool:
    """A row of short capitalised codes, like the size picker "XS SM MD LG"."""
    words = text.split()
    return len(words) >= 2 and all(len(word) <= 3 and word.isupper() for word in words)


def is_furniture(text: str) -> bool:
    return is_picker(text) or bool(FURNITURE_LINE_RE.match(text))


def token_key(tokens: tuple[str, ...]) -> str:
    return " " + " ".join(tokens).lower() + " "


def is_repeated_lead(line: Line) -> bool:
    """A long sentence-ending line shown twice is a lead repeated as a summary, not a caption."""
    return len(line.tokens) >= REPEATED_LEAD_WORDS and is_sentence_end(line.text)


def mark_repeats(lines: list[Line]) -> None:
    """Mark repeated lines (captions, headlines), text blobs and quotes lifted from a paragraph.

    A line holding several other lines whole is a blob (a summary or a copy of the article
    in one line), not a paragraph; a line held whole by a paragraph is a pull quote.
    """
    keys = [token_key(line.tokens) for line in lines]
    counts = Counter(keys)
    last = {key: index for index, key in enumerate(keys)}
    first_copies, second_copies = copied_sections(keys, lines)
    for index, (key, line) in enumerate(zip(keys, lines, strict=True)):
        line.furniture = index in second_copies or (
            counts[key] > 1 and index not in first_copies
            and not (last[key] == index and is_repeated_lead(line)))
    quotable = [
        (key, line)
        for key, line in zip(keys, lines, strict=True)
        if len(line.tokens) >= QUOTE_MIN_WORDS and not line.furniture
    ]
    held_by = holders(quotable)
    holds = Counter(id(holder) for holders in held_by.values() for holder in holders)
    for _, line in quotable:
        if holds[id(line)] >= BLOB_MIN_HELD:
            line.furniture = True
    for _, line in quotable:
        if any(holds[id(holder)] < BLOB_MIN_HELD for holder in held_by[id(line)]):
            line.furniture = True


def copied_sections(keys: list[str], lines: list[Line]) -> tuple[set[int], set[int]]:
    """The positions of the first and of the later copies of a section the page shows twice in
    full (an article repeated under a gallery): a run of at least SECTION_MIN_LINES lines
    repeated in order, SECTION_MIN_WORDS words in all. Its short lines are the article's own,
    not captions."""
    seen: dict[str, int] = {}
    match: list[int | None] = []
    for index, key in enumerate(keys):
        match.append(seen.get(key))
        seen[key] = index
    first: set[int] = set()
    later: set[int] = set()
    start = 0
    for index in range(len(keys) + 1):
        if index < len(keys) and match[index] is not None and (
                index == start or match[index] == follows(match[index - 1])):
            continue
        run = range(start, index)
        if (len(run) >= SECTION_MIN_LINES
                and sum(len(lines[position].tokens) for position in run) >= SECTION_MIN_WORDS):
            later.update(run)
            first.update(match[position] for position in run)
        start = index if index < len(keys) and match[index] is not None else index + 1
    return first - later, later


def follows(position: int | None) -> int | None:
    return None if position is None else position + 1


def holders(quotable: list[tuple[str, Line]]) -> dict[int, list[Line]]:
    """For each line (by id), the longer lines near it that hold it whole.

    Candidates come from an index of each line's opening words, looked up only within
    NEAR_LINES and only the NEAREST_HOLDERS on each side, so a 10 MB page costs linear time
    rather than comparing every pair of lines (even when every line opens the same way).
    """
    index: dict[str, list[int]] = defaultdict(list)
    for position, (key, _) in enumerate(quotable):
        words = key.split()
        for start in sorted({" ".join(words[i: i + QUOTE_MIN_WORDS])
                             for i in range(len(words) - QUOTE_MIN_WORDS + 1)}):
            index[start].append(position)
    held_by: dict[int, list[Line]] = {}
    for position, (key, line) in enumerate(quotable):
        found = index[" ".join(key.split()[:QUOTE_MIN_WORDS])]
        here = bisect_left(found, position)
        near = found[max(bisect_left(found, position - NEAR_LINES), here - NEAREST_HOLDERS):
                     min(bisect_right(found, position + NEAR_LINES), here + NEAREST_HOLDERS)]
        held_by[id(line)] = [quotable[other][1] for other in near
                             if len(quotable[other][0]) > len(key) and key in quotable[other][0]]
    return held_by


def repeats_itself(tokens: tuple[str, ...]) -> bool:
    """Whether a run of words occurs twice in one line, as in a teaser's title-plus-summary link."""
    size = SELF_REPEAT_WORDS * (CJK_RUN_FACTOR if CJK_RE.search("".join(tokens)) else 1)
    runs = [tokens[i : i + size] for i in range(len(tokens) - size + 1)]
    return len(set(runs)) < len(runs)


def stopword_density(tokens: tuple[str, ...], stopwords: frozenset[str]) -> float:
    """Share of the words (numbers aside) that are stopwords; 1 when there is no stoplist."""
    words = [token.lower() for token in tokens if not token.isdigit()]
    if not stopwords or not words:
        return 1.0 if not stopwords else 0.0
    return sum(word in stopwords for word in words) / len(words)


def is_call_to_action(text: str, words: int) -> bool:
    """A box inviting the reader to act; a long line needs several cues, as prose may hold one."""
    cues = len(CALL_TO_ACTION_RE.findall(text))
    return cues >= 1 + words // CALL_TO_ACTION_WORDS_PER_CUE


def is_machinery(line: Line, text: str) -> bool:
    """Whether a line is page furniture: menus, captions, credits, calls to action, teasers."""
    words = len(line.tokens)
    return (
        line.furniture
        or words == 0
        or is_furniture(text)
        or bool(INLINE_LIST_RE.search(text))
        or (words < CAPTION_MAX_WORDS and bool(CAPTION_RE.search(text)))
        or (words < SELF_REPEAT_MAX_WORDS and repeats_itself(line.tokens))
        or (words < GOOD_MIN_WORDS and bool(IMAGE_FILE_RE.search(text)))
        or is_call_to_action(text, words)
    )


def line_score(line: Line, stopwords: frozenset[str]) -> float:
    """Positive for prose (its word count), negative for page machinery."""
    text, bulleted = strip_bullet(line.text)
    if is_machinery(line, text):
        return BAD_SCORE
    words = len(line.tokens)
    if is_markup(text, words):  # a long one is a leaked tag soup; a short one may be a sample
        return BAD_SCORE if len(text) > MARKUP_LINE_CHARS else NEUTRAL_SCORE
    prose = (
        words >= GOOD_MIN_WORDS
        and not bulleted
        and stopword_density(line.tokens, stopwords) >= GOOD_MIN_STOPWORD_DENSITY
        # a sentence introducing a list ends with a colon, and is as much prose as any
        and (is_sentence_end(text) or text.endswith(":") or words >= 2 * GOOD_MIN_WORDS)
    )
    if prose:
        return float(words)
    if bulleted and words <= SHORT_MAX_WORDS and not is_sentence_end(text):
        return BAD_SCORE / 2
    return NEUTRAL_SCORE


def is_listed_sentence(line: Line, stopwords: frozenset[str]) -> bool:
    """A list item that is a sentence: long enough, ended, and written in the page's language."""
    text, bulleted = strip_bullet(line.text)
    return (bulleted and line.score == NEUTRAL_SCORE
            and len(line.tokens) >= LIST_ITEM_MIN_WORDS
            and is_sentence_end(text) and not LINK_LINE_END_RE.search(text)
            and stopword_density(line.tokens, stopwords) >= GOOD_MIN_STOPWORD_DENSITY)


def score_lists_of_sentences(lines: list[Line], stopwords: frozenset[str]) -> None:
    """Score as prose the article's lists of sentences ("• Pizza was searched more than the
    World Cup."), which a list of links or a menu is not: items in a row that are sentences."""
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and is_listed_sentence(line, stopwords):
            run.append(line)
            continue
        if len(run) >= LIST_MIN_ITEMS:
            for item in run:
                item.score = float(len(item.tokens))
        run = []


def is_markup(text: str, words: int) -> bool:
    """HTML or addresses leaked into the text: many tags, attributes or %-escapes per word."""
    hits = len(URL_OR_ATTRIBUTE_RE.findall(text)) + MARKUP_TAG_WEIGHT * len(MARKUP_RE.findall(text))
    return hits >= MIN_MARKUP_HITS and hits >= MARKUP_PER_WORD * max(words, 1)


def is_partition(line: Line) -> bool:
    """A line that parts two paragraphs into separate items: a headline, not a label or button.
    A headline the page repeats parts them too (a teaser card: its title twice, then its
    summary)."""
    words = len(line.tokens)
    if line.furniture:
        return LABEL_MAX_WORDS < words < 2 * GOOD_MIN_WORDS and not is_sentence_end(line.text)
    return line.score == NEUTRAL_SCORE and words > LABEL_MAX_WORDS


def free_code_blocks(lines: list[Line]) -> None:
    """A block of code, a query or a data table inside an article is neither prose nor
    furniture: its plain and repeated lines cost nothing, so the article is not split around it.
    A block is code when it has no list bullets and at least half its lines look like code."""
    blocks: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        blocks[line.block].append(line)
    for block in blocks.values():
        if (len(block) >= CODE_BLOCK_MIN_LINES
                and not any(strip_bullet(line.text)[1] for line in block)
                and sum(bool(CODE_LINE_RE.search(line.text)) for line in block)
                >= CODE_LINE_SHARE * len(block)
                and not any(is_furniture(line.text) and not line.furniture for line in block)):
            for line in block:
                if line.score == NEUTRAL_SCORE or line.furniture:
                    line.score = FREE_SCORE


def discount_isolated(lines: list[Line]) -> None:
    """Weaken prose lines with no prose neighbour: teasers in lists of other articles.

    Machinery and short labels between two paragraphs do not part them; a headline does.
    """
    kept = [line for line in lines if line.score > 0 or is_partition(line)]
    positive = [line.score > 0 for line in kept]
    for index, line in enumerate(kept):
        before = index > 0 and positive[index - 1]
        after = index + 1 < len(kept) and positive[index + 1]
        if positive[index] and not before and not after:
            line.score *= ISOLATED_FACTOR


def drop_comments(lines: list[Line]) -> None:
    """Score everything from the start of reader comments as machinery.

    A comment count in the header comes before any prose, so only a marker that follows a good
    amount of prose counts.
    """
    prose = 0.0
    for index, line in enumerate(lines):
        if prose >= COMMENTS_AFTER_SCORE and COMMENTS_START_RE.match(line.text):
            for later in lines[index:]:
                later.score = BAD_SCORE
            return
        prose += max(line.score, 0.0)


def best_span(scores: list[float]) -> tuple[int, int]:
    """Start and end (exclusive) of the contiguous run with the largest total score."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for index, value in enumerate(scores):
        if total <= 0:
            total, start = 0.0, index
        total += value
        if total > best:
            best, best_start, best_end = total, start, index + 1
    return best_start, best_end


def extend_over_list(lines: list[Line], end: int) -> int:
    """Move the span's end past a list introduced with a colon at or just after its end."""
    index = end - 1
    last = min(end + LIST_LEAD_IN_REACH, len(lines) - 1)
    while index < last and not lines[index].text.endswith(":"):
        index += 1
        if lines[index].score != NEUTRAL_SCORE:
            return end
    if not lines[index].text.endswith(":"):
        return end
    index += 1
    while index < len(lines) and lines[index].score == NEUTRAL_SCORE:
        index += 1
    return max(end, index)


def is_body_line(line: Line) -> bool:
    """Inside the article span: keep prose and subheads, drop machinery."""
    return line.score > 0 or (line.score in (NEUTRAL_SCORE, FREE_SCORE)
                              and len(line.tokens) > SHORT_MAX_WORDS)


def looks_like_title(line: Line) -> bool:
    text = line.text
    return (
        TITLE_MIN_WORDS <= len(line.tokens) <= TITLE_MAX_WORDS
        and not text.endswith((".", ":", ","))
        and not strip_bullet(text)[1]
        and not is_furniture(text)
        and not BYLINE_RE.search(text)
        and (len(line.tokens) <= TITLE_MAX_TOKENS_PER_WORD * len(text.split())
             or bool(CJK_RE.search(text)))
        and not CALL_TO_ACTION_RE.search(text)
        and not text[:1].islower()
    )


def title_relevance(line: Line, prose_words: set[str], stopwords: frozenset[str]) -> float:
    """Share of the line's content words found in the prose, plus a little for Title Case."""
    content = [token.lower() for token in line.tokens if token.lower() not in stopwords]
    if not content:
        return 0.0
    shared = sum(word in prose_words for word in content) / len(content)
    return shared + TITLE_CASE_BONUS * is_title_cased(line.text.split())


def find_title(lines: list[Line], body_start: int, stopwords: frozenset[str]) -> str:
    """The headline: a headline-shaped line before the first paragraph, sharing its words."""
    first_prose = next(
        (index for index in range(body_start, len(lines)) if lines[index].score > 0), body_start
    )
    prose_words = {token.lower() for line in lines if line.score > 0 for token in line.tokens}
    window = lines[max(0, first_prose - TITLE_SEARCH_LINES) : first_prose]
    candidates = [line for line in window if looks_like_title(line)]
    if not candidates:
        return ""
    scores = [title_relevance(line, prose_words, stopwords) for line in candidates]
    best = max(scores)
    return next(
        line.text for line, score in zip(candidates, scores, strict=True) if score >= best - 0.1
    )


def clean_page_text(text: str) -> CleanPage:
    """The title and the article's own paragraphs from messy page text."""
    lines = [
        Line(text=line, tokens=tuple(TOKEN_RE.findall(line)), block=number)
        for number, block in enumerate(split_blocks(text))
        for line in join_wrapped(block)
    ]
    if not lines:
        return CleanPage(title="", paragraphs=())
    mark_repeats(lines)
    stopwords = best_stoplist([token for line in lines for token in line.tokens])
    for line in lines:
        line.score = line_score(line, stopwords)
    score_lists_of_sentences(lines, stopwords)
    free_code_blocks(lines)
    discount_isolated(lines)
    drop_comments(lines)
    start, end = best_span([line.score for line in lines])
    if start == end:  # no prose anywhere: keep every line that is not machinery
        start, end = 0, len(lines)
    end = extend_over_list(lines, end)
    title = find_title(lines, start, stopwords)
    body = [line for line in lines[start:end] if is_body_line(line) and line.text != title]
    paragraphs = tuple(strip_bullet(line.text)[0] for line in body)
    language = guess_language([t for line in body for t in line.tokens])
    return CleanPage(title=title, paragraphs=paragraphs, language=language)
