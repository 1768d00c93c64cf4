"""Summary benchmark: Lead, sumy LexRank, sumy TextRank and ours against writers' summaries.

Scores as the summary-bench README says: rouge-score ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 with the
Porter stemmer, summary sentences separated by newlines, averaged over the references of an
article and then over articles. Every system gets the same word budget and its last sentence is
cut at the budget. Also counts summaries that open with a dangling pronoun or connective
("He said ...", "But ...") and summaries with any sentence whose antecedent was left out.

Run: .venv/bin/python benchmarks/summaries.py
Needs: rouge-score and sumy (pip), offline; sumy gets a tokenizer that needs no NLTK downloads.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import punkt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.model import Sentence  # noqa: E402
from briefing.speakable import (  # noqa: E402
    opens_with_dangling_reference,
    speakable_sentences,
)
from briefing.summary import summarize  # noqa: E402

BUDGETS = (50, 100)
LANGUAGE = "english"
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*")
PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n|\n")
METRICS = ("rouge1", "rouge2", "rougeLsum")

System = Callable[[Sequence[Sentence], int], list[Sentence]]


def shared_dir() -> Path:
    """The shared material folder: $BRIEFING_SHARED or ../shared next to the repo."""
    override = os.environ.get("BRIEFING_SHARED")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "shared"


def load_bench(path: Path) -> list[tuple[str, list[str]]]:
    """(article text, reference summaries) per article, in file order."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    by_article: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], (row["article"], []))[1].append(row["summary"])
    return list(by_article.values())


def split_article(text: str) -> list[Sentence]:
    """Sentences of an article: briefing.sentences when it exists, else Punkt per paragraph."""
    paragraphs = [p.strip() for p in PARAGRAPH_BREAK_RE.split(text) if p.strip()]
    try:
        from briefing.sentences import article_sentences
    except ImportError:
        return punkt_sentences(paragraphs)
    return list(article_sentences(paragraphs, "en"))


def splitter_name() -> str:
    try:
        from briefing.sentences import article_sentences  # noqa: F401
    except ImportError:
        return "punkt.sent_tokenize (briefing.sentences not importable)"
    return "briefing.sentences.article_sentences"


def punkt_sentences(paragraphs: Sequence[str]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for text in punkt.sent_tokenize(paragraph):
            sentences.append(Sentence(text=text, paragraph=number, index=len(sentences)))
    return sentences


def cut_at_budget(texts: Sequence[str], budget: int) -> list[str]:
    """Whole sentences while they fit, then the last one cut at the word budget."""
    kept: list[str] = []
    left = budget
    for text in texts:
        words = text.split()
        if left <= 0 or not words:
            break
        kept.append(" ".join(words[:left]))
        left -= len(words)
    return kept


def lead(sentences: Sequence[Sentence], budget: int) -> list[Sentence]:
    return list(sentences)


def ours(sentences: Sequence[Sentence], budget: int) -> list[Sentence]:
    return summarize(sentences, budget)


class OfflineTokenizer:
    """sumy's tokenizer interface on Punkt and a regex, so nothing is downloaded."""

    language = LANGUAGE

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(punkt.sent_tokenize(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(WORD_RE.findall(sentence))


def sumy_system(summarizer_class: type) -> System:
    """A sumy summarizer that takes sentences in rating order until the word budget is filled."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    tokenizer = OfflineTokenizer()
    summarizer = summarizer_class(Stemmer(LANGUAGE))
    summarizer.stop_words = get_stop_words(LANGUAGE)

    def run(sentences: Sequence[Sentence], budget: int) -> list[Sentence]:
        paragraphs: dict[int, list[SumySentence]] = {}
        for sentence in sentences:
            paragraphs.setdefault(sentence.paragraph, []).append(
                SumySentence(sentence.text, tokenizer)
            )
        document = ObjectDocumentModel([Paragraph(p) for p in paragraphs.values()])
        chosen = {str(s) for s in summarizer(document, words_until(budget))}
        return [s for s in sentences if s.text.strip() in chosen]

    return run


def words_until(budget: int) -> Callable[[list], list]:
    """A sumy count: best-rated sentences until their words reach the budget."""

    def take(infos: list) -> list:
        taken, words = [], 0
        for info in infos:
            if words >= budget:
                break
            taken.append(info)
            words += len(str(info.sentence).split())
        return taken

    return take


def systems() -> dict[str, System]:
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    return {
        "Lead": lead,
        "LexRank": sumy_system(LexRankSummarizer),
        "TextRank": sumy_system(TextRankSummarizer),
        "ours": ours,
    }


def rouge_of(scorer, summary: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    """F1 per metric, averaged over the references."""
    candidate = "\n".join(summary)
    totals = dict.fromkeys(METRICS, 0.0)
    for reference in references:
        reference_lines = "\n".join(punkt.sent_tokenize(reference))
        scores = scorer.score(reference_lines, candidate)
        for metric in METRICS:
            totals[metric] += scores[metric].fmeasure
    return {metric: total / len(references) for metric, total in totals.items()}


def dangling_counts(
    summary: Sequence[Sentence], sentences: Sequence[Sentence]
) -> tuple[int, int]:
    """(opens dangling, has a dangling sentence whose predecessor is left out), each 0 or 1.

    The predecessor is the sentence before it that could be read out: furniture such as
    "That was it." (too short) is never said, so leaning past it is no loss, and the
    article's first sentence leans on nothing."""
    if not summary:
        return 0, 0
    said = [s.index for s in speakable_sentences(sentences)]
    predecessor = dict(zip(said[1:], said[:-1], strict=True))
    chosen = {s.index for s in summary}

    def dangles(sentence: Sentence) -> bool:
        before = predecessor.get(sentence.index)
        return (before is not None and before not in chosen
                and opens_with_dangling_reference(sentence.text))

    return int(dangles(summary[0])), int(any(dangles(s) for s in summary))


def main() -> None:
    bench = shared_dir() / "summary-bench" / "writer-summaries-dev.json"
    if not bench.is_file():
        sys.exit(f"summary benchmark data not found at {bench} (set BRIEFING_SHARED)")
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        sys.exit("needs rouge-score and sumy: bash scripts/install.sh --test")
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    articles = [(split_article(text), refs) for text, refs in load_bench(bench)]
    print(f"{len(articles)} articles, {sum(len(r) for _, r in articles)} reference summaries, "
          f"sentences by {splitter_name()}")
    print(f"{'system':<9} {'words':>5} {'R1':>6} {'R2':>6} {'RLsum':>6} "
          f"{'opens-dangling':>14} {'any-dangling':>12} {'seconds':>7}")
    for name, system in systems().items():
        for budget in BUDGETS:
            print(score_system(name, system, budget, articles, scorer))


def score_system(name: str, system: System, budget: int, articles, scorer) -> str:
    totals = dict.fromkeys(METRICS, 0.0)
    opens = anywhere = 0
    started = time.perf_counter()
    for sentences, references in articles:
        chosen = system(sentences, budget)
        summary = cut_at_budget([s.text for s in chosen], budget)
        for metric, value in rouge_of(scorer, summary, references).items():
            totals[metric] += value
        first, some = dangling_counts(chosen, sentences)
        opens += first
        anywhere += some
    seconds = time.perf_counter() - started
    r1, r2, rl = (100 * totals[m] / len(articles) for m in METRICS)
    return (f"{name:<9} {budget:>5} {r1:6.2f} {r2:6.2f} {rl:6.2f} "
            f"{opens:>14} {anywhere:>12} {seconds:7.2f}")


if __name__ == "__main__":
    main()
