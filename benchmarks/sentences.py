"""Sentence segmentation benchmark: boundary precision, recall and F1 on the news gold set.

Compares plain pretrained Punkt (NLTK with the `punkt` package's English tables, no fixes) with
briefing.sentences.split_sentences on tests/data/sentence-gold.txt (tuning and held-out parts) and
on tests/data/sentence-unseen.txt (40 passages written by someone who saw neither the rules nor
that gold: the closest to unseen news we have) and sentence-unseen-2.txt (60 more, written the
same way later: judge a fix made from the first set's kinds of error on it, never read it).
A boundary is placed by the number of non-space characters before it, so spacing differences
do not count; the end of a passage is not a boundary. Also reports, on the summary-bench
articles, how many sentences each produces and how many look like fragments (no letters, or
under three words), and the speed.

Run: .venv/bin/python benchmarks/sentences.py
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nltk.tokenize.punkt import PunktSentenceTokenizer  # noqa: E402

from briefing.sentences import pretrained_parameters, split_sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD_PATH = ROOT / "tests" / "data" / "sentence-gold.txt"
# Written on 2026-12-06 by a helper who saw neither the rules nor the gold above: never tune on it.
UNSEEN_PATH = ROOT / "tests" / "data" / "sentence-unseen.txt"
# A second such set, written on 2026-12-07 by another helper with the same blindness: the first
# set's mistakes may be studied for kinds of error, and a fix judged on this one, never read.
UNSEEN_2_PATH = ROOT / "tests" / "data" / "sentence-unseen-2.txt"
NEWS_PATH = Path("/work/shared/summary-bench/writer-summaries-dev.json")

Splitter = Callable[[str], list[str]]


HELD_OUT_MARKER = "# --- held out ---"


def parse_passages(text: str) -> list[list[str]]:
    """Passages as lists of gold sentences: one sentence a line, blank lines between passages."""
    passages: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            passages[-1].append(line.strip())
        elif passages[-1]:
            passages.append([])
    return [passage for passage in passages if passage]


def load_gold(path: Path = GOLD_PATH) -> dict[str, list[list[str]]]:
    """The gold passages by section: "tuning" (the rules were fitted on it) and "held out"."""
    tuning, _, held_out = path.read_text(encoding="utf-8").partition(HELD_OUT_MARKER)
    return {"tuning": parse_passages(tuning), "held out": parse_passages(held_out)}


def boundaries(sentences: list[str]) -> set[int]:
    """Internal boundaries as counts of non-space characters before each one."""
    positions, count = set(), 0
    for sentence in sentences[:-1]:
        count += len("".join(sentence.split()))
        positions.add(count)
    return positions


def boundary_scores(split: Splitter, passages: list[list[str]]) -> dict[str, float]:
    """Micro-averaged boundary precision, recall and F1 of a splitter over gold passages."""
    true_positives = predicted = expected = 0
    for gold in passages:
        found = boundaries(split(" ".join(gold)))
        wanted = boundaries(gold)
        true_positives += len(found & wanted)
        predicted += len(found)
        expected += len(wanted)
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "boundaries": expected}


def plain_punkt() -> Splitter:
    """NLTK Punkt with the converted pretrained English tables and nothing else."""
    return PunktSentenceTokenizer(pretrained_parameters("english")).tokenize


def mistakes(split: Splitter, passages: list[list[str]]) -> list[tuple[list[str], list[str]]]:
    """Passages a splitter gets wrong, as (gold, predicted)."""
    wrong = []
    for gold in passages:
        predicted = split(" ".join(gold))
        if boundaries(predicted) != boundaries(gold):
            wrong.append((gold, predicted))
    return wrong


def is_fragment(sentence: str) -> bool:
    return not any(char.isalpha() for char in sentence) or len(sentence.split()) < 3


def news_articles() -> list[str]:
    """The distinct article texts of summary-bench, or none when it is not there."""
    if not NEWS_PATH.exists():
        return []
    rows = json.loads(NEWS_PATH.read_text(encoding="utf-8"))
    return list(dict.fromkeys(row["article"] for row in rows))


def corpus_stats(split: Splitter, articles: list[str]) -> tuple[int, int, float]:
    """Sentences, fragments and milliseconds per article over real news articles."""
    started = time.perf_counter()
    sentences = [s for article in articles for p in article.split("\n\n") for s in split(p)]
    elapsed_ms = (time.perf_counter() - started) * 1000 / max(len(articles), 1)
    return len(sentences), sum(map(is_fragment, sentences)), elapsed_ms


def print_scores(systems: dict[str, Splitter], label: str, passages: list[list[str]]) -> None:
    expected = sum(len(passage) - 1 for passage in passages)
    print(f"gold {label}: {len(passages)} passages, {expected} boundaries")
    for name, split in systems.items():
        scores = boundary_scores(split, passages)
        print(
            f"  {name:12s} P={scores['precision']:.3f} R={scores['recall']:.3f} "
            f"F1={scores['f1']:.3f}"
        )


def main() -> None:
    sections = load_gold()
    passages = [passage for section in sections.values() for passage in section]
    unseen = parse_passages(UNSEEN_PATH.read_text(encoding="utf-8"))
    unseen_2 = parse_passages(UNSEEN_2_PATH.read_text(encoding="utf-8"))
    systems: dict[str, Splitter] = {"plain Punkt": plain_punkt(), "briefing": split_sentences}
    for label, section in {**sections, "all": passages, "unseen": unseen,
                           "unseen 2": unseen_2}.items():
        print_scores(systems, label, section)
    articles = news_articles()
    if articles:
        print(f"summary-bench: {len(articles)} articles")
        for name, split in systems.items():
            count, fragments, ms = corpus_stats(split, articles)
            print(f"  {name:12s} sentences={count} fragments={fragments} ms/article={ms:.1f}")
    if "-v" in sys.argv:
        for gold, predicted in mistakes(split_sentences, passages + unseen):
            print("\nGOLD:", *gold, sep="\n  ")
            print("OURS:", *predicted, sep="\n  ")


if __name__ == "__main__":
    main()
