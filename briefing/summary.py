"""Sentences of one article -> the few worth saying, within a budget, lead first.

A story opens with its lead: the first sentence that can be aired (speakable.py decides which
can: no dateline, byline, caption, sub-heading, fragment or call to action), unless it is a
hook before a sentence that tells clearly more of the headline's story (hook_before_lead).
Fitting to a budget never drops it. The rest of the budget buys the sentences that say the
most new weighted content for their cost, a fuller sentence priced a little below its length
(COST_EXPONENT): words are weighted by where they occur (news puts the point first) and by the
headline (the story told shortest), each counting only up to twice, so what is already said
earns nothing.
A sentence that repeats a chosen one is never chosen again, one that leans on the sentence
before it ("He said ...", "to do just that") comes with it or not at all, as does one naming
someone by surname with the sentence that introduced them (introductions.py), a quotation is
kept whole and never aired without its start, and a question the article asks is said with
the sentence after it. Chosen sentences are read in article order. Every sentence left out
has its reason (Selection).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Collection, Sequence, Set
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from briefing import languages
from briefing.introductions import introductions
from briefing.languages import en
from briefing.model import Sentence
from briefing.speakable import (
    FRAGMENT,
    MIN_WORDS,
    Judged,
    discourse,
    ends_as_sentence,
    goes_on_into,
    inside_quotations,
    judge,
    leans_back,
    words_of,
)

Cost = Callable[[str], float]

SHINGLE_SIZE = 3
DUPLICATE_THRESHOLD = 0.6  # share of the shorter sentence's shingles found in the other
POSITION_HALF_LIFE = 2.0  # sentences: a word's weight halves every this many sentences
# The headline is the story told shortest: each of its words weighs as one in the lead does.
TITLE_WEIGHT = 1.0
TERM_CAP = 2  # a term said this often is covered; saying it again adds nothing
MIN_COST = 1e-9
# Content is priced per cost**0.7, not per cost: a short side sentence that merely fits the
# seconds left is seldom worth more than the story's next full sentence, and short sentences
# lean on what is not said. Blind editors preferred it 66 to 42 over per-cost pricing (56
# stories); it lowers single-article ROUGE at 50 words (README: What the briefing airs).
COST_EXPONENT = 0.7
# In a briefing, where time a story leaves goes to the others, a sentence is not taken only
# because it fits the seconds left when it says less than this share of what the best
# sentence not yet taken would ("Citadel is one of the biggest botnets in operation today."
# in place of how many botnets were taken down). Blind editor, 40 of the 180 stories it
# changes in the editorial benchmark's briefings: 23 to 14 for the rule, 3 the same; per-story
# ROUGE against Lead at equal words +0.8/+0.4 -> +0.5/+0.2.
SIDE_DETAIL_SHARE = 0.3
# Budgets are sums of costs added in another order: a whole article must not miss its own
# length by a rounding error (it cut a sentence from a story that fitted whole).
BUDGET_SLACK = 1e-6
# At most this many sentences come in to make one sentence make sense. A longer chain is a
# poor choice anyway, and pricing it for every sentence of a text where each leans on the one
# before (hostile input) would take time quadratic in its length.
MAX_CHAIN = 12

# Why a speakable sentence was not chosen (speakable.py has the reasons a sentence cannot be).
REPEAT = "repeat"
TIME = "time"
DANGLING = "dangling"
HOOK = "hook"  # an opening before the lead that does not tell the headline's story
# A story that opens on none of its headline's words starts at the first of the next
# HOOK_SEARCH sentences that says at least MIN_HEADLINE_TERMS of them; one that opens on some
# of them, at the first that says HEADLINE_MARGIN more ("So far, the primary West Nile virus
# threat in Lackawanna County is for the birds." before "The state's West Nile Virus Control
# Program reported Thursday two mosquitoes ... have tested positive", under "Two mosquitoes
# test positive for West Nile"). A margin of 3 was chosen on 70 pages of htmlparser-benchmark
# whose news lead an editor marked (49 -> 51 leads) and held out on 80 others (49 -> 52).
# A hook is a sentence or two: three openings without the headline's words are the story
# itself told in other words (BBC's "US scientists say they have moved a step closer ..."
# under "Genetic advance in Down's syndrome"). Searching 2 rather than 3 kept both marked sets
# level (53/79, 51/70) and gave 6 more first-sentence leads on the other five sets.
HOOK_SEARCH = 2
MIN_HEADLINE_TERMS = 2
HEADLINE_MARGIN = 3
OPENING_WORDS = 5  # where a pronoun (Discourse.pronoun) means someone said before


@dataclass(frozen=True)
class Candidate:
    """A speakable sentence with its cost and what it needs before it to make sense."""

    sentence: Sentence
    cost: float
    # Positions (in the candidate list) of the earlier sentences it cannot be said without:
    # the one before it, when it leans back; the ones introducing whom it names by surname.
    needs: tuple[int, ...]
    # Goes on from the sentence before it (a quotation it opened, a colon's lead-in): never
    # said alone, and never said without it.
    continues: bool = False


@dataclass(frozen=True)
class Selection:
    """What was chosen from one article, its lead, and why each other sentence was not."""

    chosen: tuple[Sentence, ...]
    lead: Sentence | None = None
    left_out: tuple[tuple[Sentence, str], ...] = ()  # (sentence, reason), in article order


def word_count(text: str) -> float:
    """The default cost: words, as whitespace splits them."""
    return float(len(text.split()))


def summarize(
    sentences: Sequence[Sentence], budget: float, cost: Cost = word_count,
    keep: Collection[str] = (), title: str = "", language: str = "en",
) -> list[Sentence]:
    """Choose sentences in article order whose summed cost fits the budget (see select)."""
    return list(select(sentences, budget, cost, keep, title, language).chosen)


def select(
    sentences: Sequence[Sentence], budget: float, cost: Cost = word_count,
    keep: Collection[str] = (), title: str = "", language: str = "en",
    side_details: bool = True,
) -> Selection:
    """The lead, then the best of the rest that fits the budget, in article order.

    The whole article (less what cannot be aired, and repeats) when it fits; the lead alone
    when even it is over budget (whether that story is aired is the caller's choice).
    Sentences whose text is in `keep` (already spoken, say) stay chosen when they fit the
    budget together, and the rest of it goes to the best of the others. The headline, when
    given, weighs its words as the lead does, and introduces whom it names; `language`: the
    article's (introductions.py). Without `side_details`, a sentence that merely fits what is
    left of the budget is not taken (SIDE_DETAIL_SHARE): for a briefing, whose other stories
    get the time.
    """
    judged = judge(sentences, language)
    left_out = [(j.sentence, j.reason) for j in judged if j.reason]
    speakable, repeats = deduplicated([j.sentence for j in judged if not j.reason])
    left_out += [(s, REPEAT) for s in repeats]
    quoted = quotation_rests([j.sentence for j in judged])
    speakable, headless = without_headless_quotations(speakable, judged, quoted)
    left_out += [(s, DANGLING) for s in headless]
    speakable, kickers, lead = past_kickers(speakable, judged, language)
    left_out = [pair for pair in left_out if pair[0] not in speakable[:lead]]
    left_out += [(s, FRAGMENT) for s in kickers]
    hooks = hook_before_lead(speakable, title, language) if lead == 0 else []
    speakable = speakable[len(hooks):]
    left_out += [(s, HOOK) for s in hooks]
    if not speakable:
        return Selection((), None, in_order(left_out))
    candidates = candidates_of(speakable, cost, title, language, quoted)
    if sum(c.cost for c in candidates) <= budget + BUDGET_SLACK:
        chosen = set(range(len(candidates)))
    else:
        chosen = choose(candidates, budget, kept_positions(candidates, keep), title, lead,
                        language, side_details)
    for position, candidate in enumerate(candidates):
        if position not in chosen:
            dangles = any(needed not in chosen for needed in candidate.needs)
            reason = DANGLING if dangles else TIME
            left_out.append((candidate.sentence, reason))
    return Selection(tuple(candidates[i].sentence for i in sorted(chosen)),
                     candidates[lead].sentence, in_order(left_out))


def past_kickers(speakable: list[Sentence], judged: Sequence[Judged], language: str = "en"
                 ) -> tuple[list[Sentence], list[Sentence], int]:
    """The sentences less the short ones that open the story (a kicker: "Oil."), those
    kickers, and the lead's position. Kickers the lead leans on ("I love musicals. Like, love
    them love them. So you can imagine ...") are said with it, before it: the short sentences
    just before it, and those of its own paragraph that are too short to say alone."""
    kickers = []
    while speakable and len(words_of(speakable[0].text)) < MIN_WORDS:
        kickers.append(speakable.pop(0))
    if (not speakable or len(kickers) >= MAX_CHAIN
            or not leans_back(speakable[0].text, language)):
        return speakable, kickers, 0
    opening = [*short_fragments_before(judged, (kickers or speakable)[0], speakable[0]),
               *kickers]
    return opening + speakable, [], len(opening)


def hook_before_lead(speakable: Sequence[Sentence], title: str, language: str = "en"
                     ) -> list[Sentence]:
    """The opening sentences that are a hook, not the lead. The headline is the story told
    shortest, so the lead is the sentence that tells it: when the first says none of the
    headline's words ("WE can't keep up with all the engagements happening at the moment.")
    and one of the next HOOK_SEARCH says at least MIN_HEADLINE_TERMS of them, or the first
    says some and one of the next says HEADLINE_MARGIN more ("Looks like Sprint's got itself
    a brand new Optimus." before "Sprint this morning announced that it plans to begin
    selling the LG Optimus F3 ..."), and that one stands alone, without an "also" or a
    pronoun in its first words, the story starts there. [] when the opening is the lead."""
    headline = set(content_terms(title, language))
    if not headline or not speakable:
        return []
    rules = discourse(language)
    opening = len(headline & set(content_terms(speakable[0].text, language)))
    needed = opening + HEADLINE_MARGIN if opening else MIN_HEADLINE_TERMS
    for position in range(1, min(len(speakable), HOOK_SEARCH + 1)):
        text = speakable[position].text
        if (len(headline & set(content_terms(text, language))) >= needed
                and not leans_back(text, language) and not rules.also.search(text)
                and not rules.pronoun.search(" ".join(text.split()[:OPENING_WORDS]))):
            return list(speakable[:position])
    return []


def short_fragments_before(judged: Sequence[Judged], first: Sentence, lead: Sentence
                           ) -> list[Sentence]:
    """The sentences of the lead's paragraph just before `first` that were left out only as
    too short, in order."""
    found: list[Sentence] = []
    position = next(i for i, j in enumerate(judged) if j.sentence.index == first.index)
    for j in reversed(judged[:position]):
        if (j.reason != FRAGMENT or j.sentence.paragraph != lead.paragraph
                or len(words_of(j.sentence.text)) >= MIN_WORDS
                or not ends_as_sentence(j.sentence.text) or len(found) == MAX_CHAIN):
            break
        found.insert(0, j.sentence)
    return found


def in_order(pairs: list[tuple[Sentence, str]]) -> tuple[tuple[Sentence, str], ...]:
    return tuple(sorted(pairs, key=lambda pair: pair[0].index))


def kept_positions(candidates: Sequence[Candidate], keep: Collection[str]) -> set[int]:
    """The candidates to keep, with what they lean on."""
    kept: set[int] = set()
    for position, candidate in enumerate(candidates):
        if candidate.sentence.text in keep:
            kept |= dependency_chain(candidates, position)
    return kept


def quotation_rests(sentences: Sequence[Sentence]) -> frozenset[int]:
    """The indexes of the sentences that carry on a quotation an earlier one of their
    paragraph opened, in the whole article (what is not aired included)."""
    texts = [s.text for s in sentences]
    return frozenset(s.index for s, inside in zip(sentences, inside_quotations(sentences, texts),
                                                   strict=True) if inside)


def without_headless_quotations(speakable: Sequence[Sentence], judged: Sequence[Judged],
                                quoted: Set[int]) -> tuple[list[Sentence], list[Sentence]]:
    """The speakable sentences less those that carry on a quotation (`quoted`) whose start is
    not among them (a fragment, a repeat), and those left out: heard alone, they are someone's
    words with no one saying them, and their "I" is not the writer's."""
    present = {s.index for s in speakable}
    headless: set[int] = set()
    for before, judgement in pairwise(judged):
        index = judgement.sentence.index
        if index in quoted and index in present and (before.sentence.index not in present
                                                     or before.sentence.index in headless):
            headless.add(index)
    return ([s for s in speakable if s.index not in headless],
            [s for s in speakable if s.index in headless])


def deduplicated(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """The sentences less any that repeats an earlier one (the longer wording of a pair is
    kept, in the place of the first telling), and the repeats left out. A pull quote (a
    paragraph of one sentence that the body says later, inside a paragraph) is the repeat,
    not the first telling: said there, it would be said out of its place and its speaker."""
    quotes = pull_quotes(sentences)
    repeats: list[Sentence] = [s for position, s in enumerate(sentences) if position in quotes]
    sentences = [s for position, s in enumerate(sentences) if position not in quotes]
    kept: list[Sentence] = []
    shingles: list[frozenset[tuple[str, ...]]] = []
    index: dict[tuple[str, ...], list[int]] = {}
    for sentence in sentences:
        own = shingles_of(sentence.text)
        match = first_duplicate(own, shingles, index)
        if match is None:
            add_to_index(index, own, len(kept))
            kept.append(sentence)
            shingles.append(own)
        else:
            repeats.append(sentence)
            if len(sentence.text) > len(kept[match].text) and len(own) > len(shingles[match]):
                kept[match] = replace(kept[match], text=sentence.text)
    return kept, repeats


def pull_quotes(sentences: Sequence[Sentence]) -> set[int]:
    """Positions of the one-sentence paragraphs that a later paragraph of several sentences
    repeats, the lead aside (a lead of its own paragraph, repeated further down, is the lead).
    Read from the end, so that the index holds only what comes later."""
    sizes = Counter(s.paragraph for s in sentences)
    shingles = [shingles_of(s.text) for s in sentences]
    index: dict[tuple[str, ...], list[int]] = {}
    found = set()
    for position in reversed(range(len(sentences))):
        if sizes[sentences[position].paragraph] > 1:
            add_to_index(index, shingles[position], position)
        elif position > 0 and is_said_later(shingles[position], shingles, index):
            found.add(position)
    return found


def is_said_later(own: frozenset[tuple[str, ...]],
                  shingles: Sequence[frozenset[tuple[str, ...]]],
                  index: dict[tuple[str, ...], list[int]]) -> bool:
    """Whether most of a paragraph's words are in one later sentence: it is a pull quote. A
    later short sentence that says a few of its words ('“Should you go?') makes it none."""
    shared = Counter(i for shingle in own for i in index.get(shingle, ()))
    return any(count / len(own) > DUPLICATE_THRESHOLD for count in shared.values())


def add_to_index(index: dict[tuple[str, ...], list[int]], own: frozenset[tuple[str, ...]],
                 position: int) -> None:
    for shingle in own:
        index.setdefault(shingle, []).append(position)


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


def candidates_of(sentences: Sequence[Sentence], cost: Cost, title: str, language: str,
                  quoted: Set[int]) -> list[Candidate]:
    """Each sentence with its cost and the earlier sentences it cannot be said without.
    `quoted`: the indexes of those that carry on a quotation (quotation_rests)."""
    candidates = []
    texts = [s.text for s in sentences]
    introduced_at = introductions(texts, title, language)
    rules = discourse(language)
    for position, sentence in enumerate(sentences):
        continues = position > 0 and (sentence.index in quoted
                                      or goes_on_into(sentences[position - 1], sentence, rules))
        leans = continues or (position > 0 and leans_back(sentence.text, language))
        needs = tuple(sorted({*introduced_at[position], *([position - 1] if leans else [])}))
        candidates.append(Candidate(sentence, cost(sentence.text), needs, continues))
    return candidates


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return porter_stemmer().stem(word)


@lru_cache(maxsize=1)
def porter_stemmer():  # -> nltk's PorterStemmer; nltk takes about two seconds to import
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def content_terms(text: str, language: str = "en") -> Counter[str]:
    """Stemmed words that carry content, counted, by the rules of the text's language."""
    stopwords, stemmed = word_rules(language)
    words = (w.lower() for w in words_of(text))
    return Counter(stemmed(w) for w in words if w not in stopwords and not w.isdigit())


@lru_cache(maxsize=16)
def word_rules(code: str) -> tuple[frozenset[str], Callable[[str], str]]:
    """A language's words that carry no content, and its stemmer: Porter's and English's for
    English and any language without its own; Snowball's and the stop-words package's list for
    the others ("die", "und", "que" are no subject of a German or Spanish story)."""
    record = languages.language(code)
    if not record.stemmer:
        return en.STOP_WORDS, stem
    from nltk.stem.snowball import SnowballStemmer
    from stop_words import get_stop_words

    stemmer = SnowballStemmer(record.stemmer)
    return frozenset(get_stop_words(record.code)), lru_cache(maxsize=65536)(stemmer.stem)


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


def choose(candidates: Sequence[Candidate], budget: float, kept: Set[int] = frozenset(),
           title: str = "", lead: int = 0, language: str = "en", side_details: bool = True
           ) -> set[int]:
    """The lead (the candidate at `lead`, with any kicker it leans on and the rest of any
    quotation it opens), then greedy
    budgeted coverage: most new weighted content per unit of cost, until nothing fits.

    Lazy greedy (gains only shrink as more is covered) keeps it near linear; a sentence comes
    with the earlier ones it leans on, priced together. The greedy starts from the lead and
    `kept` when they fit the budget, and chooses among `kept` alone when they do not (what was
    already spoken is trimmed, nothing new is added). The lead is chosen even over budget.
    """
    bags = [content_terms(c.sentence.text, language) for c in candidates]
    weights = term_weights(bags)
    for term in content_terms(title, language):
        weights[term] += TITLE_WEIGHT
    chosen = dependency_chain(candidates, lead)
    kept = set(kept) - chosen
    room = budget - sum(candidates[i].cost for i in chosen)
    kept_fits = sum(candidates[i].cost for i in kept) <= room + BUDGET_SLACK
    allowed = set(range(len(candidates))) if kept_fits or not kept else kept
    if kept_fits:
        chosen |= kept
        room -= sum(candidates[i].cost for i in kept)
    covered: Counter[str] = Counter()
    for i in chosen:
        covered.update(bags[i])

    def density(position: int) -> tuple[float, set[int]]:
        chain = dependency_chain(candidates, position, MAX_CHAIN)
        if chain is None:
            return -1.0, set()
        group = chain - chosen
        group_cost = sum(candidates[i].cost for i in group)
        if group_cost > room + BUDGET_SLACK:
            return -1.0, group
        return gain_of(group) / max(group_cost, MIN_COST) ** COST_EXPONENT, group

    def gain_of(group: set[int]) -> float:
        together: Counter[str] = Counter()
        for i in group:
            together.update(bags[i])
        return coverage_gain(together, covered, weights)

    def chain_gain(position: int) -> float:
        chain = dependency_chain(candidates, position, MAX_CHAIN)
        return -1.0 if chain is None else gain_of(chain - chosen)

    # The most any sentence not yet taken would still say, fitting or not; lazily, as density's
    # queue: gains only shrink as more is said.
    gains = [(-chain_gain(i), i) for i in sorted(allowed)] if not side_details else []
    heapq.heapify(gains)

    def best_gain_left() -> float:
        while gains:
            stored, position = gains[0]
            fresh = chain_gain(position) if position not in chosen else -1.0
            if fresh < -stored - MIN_COST:
                heapq.heapreplace(gains, (-fresh, position))
                continue
            return max(fresh, 0.0)
        return 0.0

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
        if not side_details and gain_of(group) < SIDE_DETAIL_SHARE * best_gain_left():
            continue  # a side detail that merely fits: the time is better spent on other stories
        chosen |= group
        room -= sum(candidates[i].cost for i in group)
        for i in group:
            covered.update(bags[i])
        for follower in dependents(candidates, group, chosen):
            if follower in allowed:
                heapq.heappush(queue, (-density(follower)[0], follower))
    return chosen


def dependents(candidates: Sequence[Candidate], group: set[int], chosen: set[int]) -> list[int]:
    """Unchosen sentences leaning on the group, directly or through others: taking it made them
    cheaper, so price them anew."""
    leaning = set(group)
    followers = []
    for position in range(min(group, default=len(candidates)) + 1, len(candidates)):
        if position not in chosen and leaning.intersection(candidates[position].needs):
            followers.append(position)
            leaning.add(position)
    return followers


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
        pending.extend(candidates[current].needs)
        if current + 1 < len(candidates) and candidates[current + 1].continues:
            pending.append(current + 1)
    return chain
