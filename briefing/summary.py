"""Sentences of one article -> the few worth saying, within a budget.

Extractive and lead-biased: the article's words are weighted by where they occur (news puts the
point first) and sentences are chosen greedily for the most new weighted content per unit of
cost, each word counting only up to twice, so what is already said earns nothing.
Furniture (bylines, datelines, captions, "Click here") is never chosen, a sentence that repeats
a chosen one is never chosen again, a sentence that leans on the one before it ("He said ...",
"But ...") comes with it or not at all, and a quotation is kept whole.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence, Set
from dataclasses import dataclass, replace
from functools import lru_cache

from briefing.model import Sentence

Cost = Callable[[str], float]


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORD_RE = re.compile(r"[^\W_](?:[^\W_]|['’.-](?=[^\W_]))*")
SHINGLE_SIZE = 3
DUPLICATE_THRESHOLD = 0.6  # share of the shorter sentence's shingles found in the other
MIN_WORDS = 4
POSITION_HALF_LIFE = 2.0  # sentences: a word's weight halves every this many sentences
TERM_CAP = 2  # a term said this often is covered; saying it again adds nothing
MIN_COST = 1e-9
# At most this many sentences come in to make one sentence make sense. A longer chain is a
# poor choice anyway, and pricing it for every sentence of a text where each leans on the one
# before (hostile input) would take time quadratic in its length.
MAX_CHAIN = 12

DATELINE_RE = re.compile(
    r"^\s*(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*)?"
    r"\((?:CNN|AP|AFP|Reuters|UPI|dpa|PA|Bloomberg|EW\.com|CNN Student News)\)\s*(?:--|[—–-])?\s*"
    r"|^\s*[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]+){0,3}\s+(?:--|[—–])\s+"
)
FURNITURE_RE = re.compile(
    r"^\s*(?:by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[.,]?\s*$"
    r"|(?:photo|picture|image|video|graphic|source|credit|caption|updated|last updated|"
    r"published|posted|follow us|follow|read more|related|share this|advertisement|"
    r"sign up|subscribe)\b[\s:|-]"
    r"|scroll down\b|click here\b|watch the video\b|see more\b)",
    re.IGNORECASE,
)
FURNITURE_ANYWHERE_RE = re.compile(
    r"scroll down for (?:the )?(?:video|more)|click here to|follow us on|sign up for our"
    r"|all rights reserved|©",
    re.IGNORECASE,
)
# A Daily Mail style caption: a short label, a colon, then the caption ("Under fire: ...").
CAPTION_RE = re.compile(r"^\s*[A-Z][\w'’!-]*(?:\s+[\w'’!-]+){0,3}:\s+[A-Z'\"‘“]")
SPEECH_VERB_RE = re.compile(
    r"\b(?:said|says|told|tells|added|adds|wrote|writes|explained|insisted|asked|warned|"
    r"stated|declared|announced|tweeted|revealed|admitted|claimed|spoke|reads?|replied|"
    r"continued|commented|noted|argued|concluded|joked|recalled|responded|remarked|urged)\b",
    re.IGNORECASE,
)

DANGLING_WORDS = word_set(
    "he she they it its his her their them him this that these those such but however also "
    "meanwhile moreover furthermore additionally and so yet still instead nevertheless "
    "nonetheless then thus hence therefore consequently similarly likewise indeed otherwise "
    "besides both neither or nor which whom whose"
)
DANGLING_PHRASES = (
    "in addition", "as a result", "in contrast", "by contrast", "on the other hand",
    "at the same time", "even so", "the latter", "the former", "in turn", "after that",
    "despite this", "despite that", "because of this", "as well as this",
)
# "This week", "That night": time, not a reference back.
TIME_NOUNS = word_set(
    "year week month morning afternoon evening night weekend summer spring autumn fall winter "
    "season time day decade century"
)
LEADING_QUOTES = "'\"‘“‚„«»`([ "

OPEN_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘\"“](?=\S)")
CLOSE_QUOTE_RE = re.compile(r"(?<=\S)['’\"”](?=$|[\s,.;:!?)\]—–-])")

STOP_WORDS = word_set(
    "a an the and or but if of at by for with about against between into through during before "
    "after above below to from up down in out on off over under again further then once here "
    "there when where why how all any both each few more most other some such no nor not only "
    "own same so than too very s t can will just don should now i me my myself we our ours you "
    "your he him his she her hers it its they them their what which who whom this that these "
    "those am is are was were be been being have has had having do does did doing would could "
    "said says say also one two new mr mrs ms"
)


@dataclass(frozen=True)
class Candidate:
    """A speakable sentence with its cost and what it needs before it to make sense."""

    sentence: Sentence
    cost: float
    needs: int | None  # position (in the candidate list) of the sentence it depends on
    inside_quote: bool = False  # continues a quotation opened before it: never said alone


def word_count(text: str) -> float:
    """The default cost: words, as whitespace splits them."""
    return float(len(text.split()))


def summarize(
    sentences: Sequence[Sentence], budget: float, cost: Cost = word_count,
    keep: Collection[str] = (),
) -> list[Sentence]:
    """Choose sentences in article order whose summed cost fits the budget.

    The whole article (less furniture and repeats) when it fits; at least the best sentence
    when any is speakable, even if it alone is over budget. Sentences whose text is in `keep`
    (already spoken, say) stay chosen when they fit the budget together, and the rest of it
    goes to the best of the others.
    """
    speakable = deduplicated(speakable_sentences(sentences))
    if not speakable:
        return []
    candidates = candidates_of(speakable, cost)
    if sum(c.cost for c in candidates) <= budget:
        return [c.sentence for c in candidates]
    chosen = choose(candidates, budget, kept_positions(candidates, keep))
    return [candidates[i].sentence for i in sorted(chosen)]


def kept_positions(candidates: Sequence[Candidate], keep: Collection[str]) -> set[int]:
    """The candidates to keep, with what they lean on."""
    kept: set[int] = set()
    for position, candidate in enumerate(candidates):
        if candidate.sentence.text in keep:
            kept |= dependency_chain(candidates, position)
    return kept


def speakable_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences without their dateline, less the furniture that should never be read out."""
    kept = []
    for position, sentence in enumerate(sentences):
        text = strip_dateline(sentence.text)
        if is_furniture(text) or (is_caption(text) and stands_alone(sentences, position)):
            continue
        kept.append(sentence if text == sentence.text else replace(sentence, text=text))
    return kept


def stands_alone(sentences: Sequence[Sentence], position: int) -> bool:
    """Whether a sentence is a paragraph of its own, as a caption is."""
    paragraph = sentences[position].paragraph
    neighbours = sentences[max(position - 1, 0) : position] + sentences[position + 1 : position + 2]
    return all(n.paragraph != paragraph for n in neighbours)


def strip_dateline(text: str) -> str:
    """'WASHINGTON (CNN) -- The Senate ...' -> 'The Senate ...'."""
    stripped = DATELINE_RE.sub("", text, count=1)
    return stripped if words_of(stripped) else text


def is_furniture(text: str) -> bool:
    """Bylines, credits, prompts and fragments too short to read out."""
    if len(words_of(text)) < MIN_WORDS:
        return True
    return bool(FURNITURE_RE.match(text) or FURNITURE_ANYWHERE_RE.search(text))


def is_caption(text: str) -> bool:
    """'Under fire: Faculty at ...': a short label and a colon, the label not someone speaking."""
    match = CAPTION_RE.match(text)
    return bool(match) and not SPEECH_VERB_RE.search(text[: match.end()])


def deduplicated(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences less any that repeats an earlier one; the longer of a pair is kept."""
    kept: list[Sentence] = []
    shingles: list[frozenset[tuple[str, ...]]] = []
    index: dict[tuple[str, ...], list[int]] = {}
    for sentence in sentences:
        own = shingles_of(sentence.text)
        match = first_duplicate(own, shingles, index)
        if match is None:
            for shingle in own:
                index.setdefault(shingle, []).append(len(kept))
            kept.append(sentence)
            shingles.append(own)
        elif len(sentence.text) > len(kept[match].text) and len(own) > len(shingles[match]):
            # keep the place of the first telling but the fuller wording
            kept[match] = replace(kept[match], text=sentence.text)
    return kept


def first_duplicate(
    own: frozenset[tuple[str, ...]],
    shingles: Sequence[frozenset[tuple[str, ...]]],
    index: dict[tuple[str, ...], list[int]],
) -> int | None:
    """Position of the first earlier sentence this one repeats, found through shared shingles."""
    shared = Counter(i for shingle in own for i in index.get(shingle, ()))
    for i, count in sorted(shared.items()):
        if shingle_containment(count, own, shingles[i]) > DUPLICATE_THRESHOLD:
            return i
    return None


def is_near_duplicate(a: str, b: str) -> bool:
    """Whether two sentences say the same thing: most word 3-grams of the shorter in the other."""
    first, second = shingles_of(a), shingles_of(b)
    return shingle_containment(len(first & second), first, second) > DUPLICATE_THRESHOLD


def shingle_containment(shared: int, first: frozenset, second: frozenset) -> float:
    smaller = min(len(first), len(second))
    return shared / smaller if smaller else 0.0


@lru_cache(maxsize=65536)
def shingles_of(text: str) -> frozenset[tuple[str, ...]]:
    words = [w.lower() for w in words_of(text)]
    if len(words) < SHINGLE_SIZE:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - 2))


def words_of(text: str) -> list[str]:
    return WORD_RE.findall(text)


def candidates_of(sentences: Sequence[Sentence], cost: Cost) -> list[Candidate]:
    """Each sentence with its cost and the earlier sentence it cannot be said without."""
    candidates = []
    in_quote = False
    for position, sentence in enumerate(sentences):
        same_paragraph = position > 0 and sentences[position - 1].paragraph == sentence.paragraph
        inside_quote = in_quote and same_paragraph
        leans_back = inside_quote or opens_with_dangling_reference(sentence.text)
        needs = position - 1 if position > 0 and leans_back else None
        candidates.append(Candidate(sentence, cost(sentence.text), needs, inside_quote))
        in_quote = leaves_quote_open(sentence.text, in_quote and same_paragraph)
    return candidates


def opens_with_dangling_reference(text: str) -> bool:
    """Whether a sentence starts with a pronoun or connective pointing at what came before."""
    opening = text.lstrip(LEADING_QUOTES).lower()
    words = [w.lower() for w in words_of(opening)[:3]]
    if not words:
        return False
    if any(opening.startswith(phrase + " ") or opening.startswith(phrase + ",")
           for phrase in DANGLING_PHRASES):
        return True
    first = words[0].replace("’", "'").split("'")[0]
    if first not in DANGLING_WORDS:
        return False
    return not (first in {"this", "that", "these", "those"} and len(words) > 1
                and words[1].rstrip("s") in TIME_NOUNS)


def leaves_quote_open(text: str, was_open: bool) -> bool:
    """Whether a quotation is still open at the end of this sentence."""
    marks = sorted(
        [(m.start(), True) for m in OPEN_QUOTE_RE.finditer(text)]
        + [(m.start(), False) for m in CLOSE_QUOTE_RE.finditer(text)]
    )
    is_open = was_open
    for _, opens in marks:
        is_open = opens if not is_open else False
    return is_open


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return porter_stemmer().stem(word)


@lru_cache(maxsize=1)
def porter_stemmer():  # -> nltk's PorterStemmer; nltk takes about two seconds to import
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def content_terms(text: str) -> Counter[str]:
    """Stemmed words that carry content, counted."""
    words = (w.lower() for w in words_of(text))
    return Counter(stem(w) for w in words if w not in STOP_WORDS and not w.isdigit())


def term_weights(bags: Sequence[Counter[str]]) -> Counter[str]:
    """What the article is about: each term's count, sentences weighted by a position prior.

    News puts the point first, so a word counts fully in the first sentence and half as much
    every POSITION_HALF_LIFE sentences later; a word the whole article keeps using still adds up.
    """
    weights: Counter[str] = Counter()
    for position, bag in enumerate(bags):
        prior = 0.5 ** (position / POSITION_HALF_LIFE)
        for term, count in bag.items():
            weights[term] += prior * count
    return weights


def coverage_gain(bag: Counter[str], covered: Counter[str], weights: Counter[str]) -> float:
    """How much more of the article's weighted terms a sentence would say, each up to TERM_CAP."""
    gain = 0.0
    for term, count in bag.items():
        have = covered[term]
        if have < TERM_CAP:
            gain += weights[term] * (min(have + count, TERM_CAP) - have)
    return gain


def choose(candidates: Sequence[Candidate], budget: float, kept: Set[int] = frozenset()
           ) -> set[int]:
    """Greedy budgeted coverage: most new weighted content per unit of cost, until nothing fits.

    Lazy greedy (gains only shrink as more is covered) keeps it near linear; a sentence comes
    with the earlier ones it leans on, priced together. If nothing fits, the best one alone.
    The greedy starts from `kept` when that fits the budget, and chooses among `kept` alone
    when it does not (what was already spoken is trimmed, nothing new is added).
    """
    bags = [content_terms(c.sentence.text) for c in candidates]
    weights = term_weights(bags)
    kept_fits = sum(candidates[i].cost for i in kept) <= budget
    allowed = set(range(len(candidates))) if kept_fits or not kept else set(kept)
    chosen: set[int] = set(kept) if kept_fits else set()
    covered: Counter[str] = Counter()
    for i in chosen:
        covered.update(bags[i])
    room = budget - sum(candidates[i].cost for i in chosen)

    def density(position: int) -> tuple[float, set[int]]:
        chain = dependency_chain(candidates, position, MAX_CHAIN)
        if chain is None:
            return -1.0, set()
        group = chain - chosen
        group_cost = sum(candidates[i].cost for i in group)
        if group_cost > room:
            return -1.0, group
        together: Counter[str] = Counter()
        for i in group:
            together.update(bags[i])
        gain = coverage_gain(together, covered, weights)
        return gain / max(group_cost, MIN_COST), group

    queue = [(-density(i)[0], i) for i in sorted(allowed)]
    heapq.heapify(queue)
    while queue:
        _, position = heapq.heappop(queue)
        if position in chosen:
            continue
        value, group = density(position)
        if value <= 0:
            continue  # over budget or nothing new: room and gains only shrink
        if queue and value < -queue[0][0]:
            heapq.heappush(queue, (-value, position))
            continue
        chosen |= group
        room -= sum(candidates[i].cost for i in group)
        for i in group:
            covered.update(bags[i])
        for follower in dependents(candidates, group, chosen):
            if follower in allowed:
                heapq.heappush(queue, (-density(follower)[0], follower))
    return chosen or {best_alone(candidates, bags, weights)}


def dependents(candidates: Sequence[Candidate], group: set[int], chosen: set[int]) -> list[int]:
    """Unchosen sentences leaning on the group: taking it made them cheaper, so price them anew."""
    followers = []
    for start in sorted(group):
        follower = start + 1
        while (follower < len(candidates) and candidates[follower].needs is not None
               and follower not in chosen and follower - start <= MAX_CHAIN):
            followers.append(follower)
            follower += 1
    return followers


def best_alone(
    candidates: Sequence[Candidate], bags: Sequence[Counter[str]], weights: Counter[str]
) -> int:
    """The sentence that stands alone and says the most per unit of cost."""
    def worth(position: int) -> tuple[bool, float, int]:
        gain = coverage_gain(bags[position], Counter(), weights)
        per_cost = gain / max(candidates[position].cost, MIN_COST)
        return candidates[position].needs is None, per_cost, -position

    return max(range(len(candidates)), key=worth)


def dependency_chain(candidates: Sequence[Candidate], position: int,
                     limit: int | None = None) -> set[int] | None:
    """A sentence, every earlier one it leans on, and the rest of any quotation it is part of;
    None when that is more than `limit` sentences (too much to bring in for one)."""
    chain: set[int] = set()
    pending = [position]
    while pending:
        current = pending.pop()
        if current in chain:
            continue
        if limit is not None and len(chain) == limit:
            return None
        chain.add(current)
        if candidates[current].needs is not None:
            pending.append(candidates[current].needs)
        if current + 1 < len(candidates) and candidates[current + 1].inside_quote:
            pending.append(current + 1)
    return chain
