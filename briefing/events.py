"""Stories of one event: two outlets' reports of the same news are aired once.

A copy of a story (the same text on two sites) is found by its word runs (sources.Fingerprint).
Two outlets' own reports of one event share few word runs, but their headlines and first
sentences name the same people, places and things: "Kashmir tense over deaths in Ramban BSF
firing" and "Protests all over Kashmir after Ramban killings". Two stories are of one event
when the content words (stemmed, counted; summary.content_terms) of the headline and first
LEAD_SENTENCES sentences that can be aired have a cosine of SAME_EVENT_COSINE or more.

Measured on the 258 news pages of npm htmlparser-benchmark 1.1.3 (2013; 33,000 pairs, none
looked at before): every pair at 0.5 or more is one event told twice (the same Kashmir
shooting, Mau Mau compensation, Nokia's quarter, ...); below it come stories of one running
matter on different days (Navalny convicted, Navalny freed on bail), which are both news.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

from briefing.fitting import sentences_of
from briefing.languages import base_language
from briefing.model import Article
from briefing.summary import content_terms, summarize

LEAD_SENTENCES = 3
SAME_EVENT_COSINE = 0.5

__all__ = ["retellings", "same_event"]


def retellings(articles: Sequence[Article]) -> list[tuple[Article, Article]]:
    """(story, the earlier story it retells) for each article that reports the event of one
    before it in the list; the first telling is kept."""
    kept: list[Article] = []
    found = []
    for article in articles:
        earlier = next((k for k in kept if same_event(k, article)), None)
        if earlier is None:
            kept.append(article)
        else:
            found.append((article, earlier))
    return found


def same_event(first: Article, second: Article) -> bool:
    """Whether two stories in one language report the same event (see the module's note)."""
    if base_language(first.language) != base_language(second.language):
        return False
    return cosine(lead_terms(first), lead_terms(second)) >= SAME_EVENT_COSINE


@lru_cache(maxsize=256)
def lead_terms(article: Article) -> Mapping[str, int]:
    """The content words of the headline and the first sentences that can be aired, counted
    (read-only: the cache shares them)."""
    lead = summarize(sentences_of(article), math.inf,
                     language=base_language(article.language))[:LEAD_SENTENCES]
    text = " ".join([article.title, *(sentence.text for sentence in lead)])
    return MappingProxyType(content_terms(text, base_language(article.language)))


def cosine(first: Mapping[str, int], second: Mapping[str, int]) -> float:
    shared = sum(count * second[term] for term, count in first.items() if term in second)
    norms = math.sqrt(sum(c * c for c in first.values()) * sum(c * c for c in second.values()))
    return shared / norms if norms else 0.0
