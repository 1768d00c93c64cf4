"""Article extraction benchmark: HTML extractor and messy-text cleanup against human-marked bodies.

Scores with the shingle method of the extraction-bench README: word tokens (\\w+, case kept), runs
of 4 tokens counted per page, true/false positives and false negatives scaled to sum to 1,
precision and recall averaged over pages, F1 the harmonic mean of the two averages.

Run: .venv/bin/python benchmarks/extraction.py
The text pages come from `w3m -dump` of each HTML page and are cached in benchmarks/.cache/.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.cleanup import clean_page_text  # noqa: E402
from briefing.htmlpage import extract_html  # noqa: E402

CACHE_DIR = Path(__file__).resolve().parent / ".cache" / "extraction-w3m"
TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4
NAIVE_MIN_CHARS = 80


def shared_dir() -> Path:
    """The shared material directory (BRIEFING_SHARED overrides the default location)."""
    return Path(os.environ.get("BRIEFING_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def bench_dir() -> Path:
    """The extraction-bench directory, or exit with a clear message if it is missing."""
    path = shared_dir() / "extraction-bench"
    if not (path / "ground-truth.json").is_file():
        sys.exit(f"extraction-bench not found at {path} (set BRIEFING_SHARED to the shared folder)")
    return path


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Counts of every run of SHINGLE_SIZE consecutive word tokens."""
    tokens = TOKEN_RE.findall(text)
    return Counter(
        tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)
    )


def page_counts(predicted: str, truth: str) -> tuple[float, float, float]:
    """(tp, fp, fn) for one page, scaled so the three sum to 1 (all zero if both are empty)."""
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum(pred.values()) - tp
    fn = sum(gold.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """(precision, recall, F1) over (predicted, truth) pairs, averaged per page."""
    precisions, recalls = [], []
    for predicted, truth in pairs:
        tp, fp, fn = page_counts(predicted, truth)
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def decode_html(data: bytes) -> str:
    """Page bytes as text: UTF-8 when valid, else Windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def load_pages(bench: Path) -> list[tuple[str, str, str, str]]:
    """(id, url, html, true body) for every page of the bench."""
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, item.get("url", ""), decode_html(raw), item["articleBody"]))
    return pages


def w3m_dump(html: str) -> str:
    """The page as w3m renders it to plain text, one paragraph per line."""
    result = subprocess.run(
        ["w3m", "-dump", "-cols", "100000", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
        input=html.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8", errors="replace")


def cached_w3m_dump(page_id: str, html: str) -> str:
    """w3m_dump, cached on disk per page id."""
    path = CACHE_DIR / f"{page_id}.txt"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    text = w3m_dump(html)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def naive_filter(text: str) -> str:
    """Baseline: keep long lines that end in sentence punctuation."""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(
        line for line in lines if len(line) >= NAIVE_MIN_CHARS and line[-1] in ".!?\"'”’)"
    )


def html_body(page: tuple[str, str]) -> str:
    article = extract_html(*page)
    return "\n\n".join(article.paragraphs) if article else ""


def cleaned_body(text: str) -> str:
    return "\n\n".join(clean_page_text(text).paragraphs)


def run(name: str, extract: Callable[[Any], str], inputs: list[Any], truths: list[str]) -> None:
    """Time one extractor over all inputs and print its scores."""
    start = time.perf_counter()
    predicted = [extract(item) for item in inputs]
    elapsed = time.perf_counter() - start
    precision, recall, f1 = score(list(zip(predicted, truths, strict=True)))
    speed = len(inputs) / elapsed if elapsed else float("inf")
    print(f"{name:<28} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  {speed:8.1f} pages/s")


def main() -> None:
    pages = load_pages(bench_dir())
    truths = [page[3] for page in pages]
    print(f"{len(pages)} pages")
    run("html: extract_html", html_body, [(html, url) for _, url, html, _ in pages], truths)
    if shutil.which("w3m") is None:
        print("w3m is not installed: skipping the text cleanup (apt-get install w3m)")
        return
    texts = [cached_w3m_dump(page_id, html) for page_id, _, html, _ in pages]
    run("text: raw w3m dump", lambda text: text, texts, truths)
    run("text: naive long lines", naive_filter, texts, truths)
    run("text: clean_page_text", cleaned_body, texts, truths)


if __name__ == "__main__":
    main()
