"""Readability benchmark: body, title and language against Readability.js on its test pages.

Reads `../shared/extraction-readability/pages/*/`: `source.html` (the page), `expected.html`
(Readability.js's article: a peer's output, so agreement is a second opinion, not the truth) and
`expected-metadata.json` (Readability's title, byline, `lang`, `readerable`). Pages marked
`readerable: false` or with under 80 words expected are not articles and are skipped.

- Body: the shingle precision, recall and F1 of benchmarks/extraction.py (same functions), of
  `extract_html`'s paragraphs against the text of `expected.html` (block elements on their own
  lines), beside trafilatura.extract with default settings.
- Title: exact match after normalising (casefold, whitespace collapsed, quotes and dashes
  straightened), and headline match: ours, split at site-name separators (" | ", " - ",
  " – ", " — ", " :: ", " · ", and "_" between Chinese characters as Chinese sites write
  "headline_section_site"), keeps as its longest segment one of the segments of the expected
  title. (Until 2026-12-07 both sides' longest segments had to be equal, which failed "Mozilla"
  against "Mozilla - Wikipedia"; the old count is still printed.) Every differing title is
  listed.
- Language, on pages whose metadata has a `lang` (primary subtag compared): the language
  `extract_html` returns (the page's <html lang> or metadata: the same source as the gold, so
  no test), `cleanup.guess_language` (jusText stoplists) on the extracted text, and
  `languages.detect_language` (py3langid), which the briefing uses, on the same text.

Run: .venv/bin/python benchmarks/readability.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from extraction import decode_html, score, shared_dir  # noqa: E402

from briefing.cleanup import TOKEN_RE, guess_language  # noqa: E402
from briefing.htmlpage import HtmlArticle, extract_html  # noqa: E402
from briefing.languages import detect_language  # noqa: E402

MIN_EXPECTED_WORDS = 80
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "thead", "tfoot", "td", "th", "tr", "ul",
})
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})
SPACES_RE = re.compile(r"\s+")
# Chinese and Japanese are written without spaces: their characters count as half a word each.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CHARS}]")
SPACED_WORD_RE = re.compile(f"[^\\W{CJK_CHARS}]+")
CJK_CHARS_PER_WORD = 2
QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ",
})
# After normalising, " – " and " — " have become " - ".
SITE_SEPARATOR_RE = re.compile(r" (?:\||-|::|·) |(?<=[\u4e00-\u9fff])_(?=[\u4e00-\u9fff])")
LANGUAGE_SUBTAG_RE = re.compile(r"[-_]")


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    html: str
    expected: str  # the text of expected.html, one block per line
    title: str
    lang: str  # primary subtag of the metadata's lang, or ""


@dataclass(frozen=True)
class Result:
    page: Page
    article: HtmlArticle | None
    body: str


def bench_dir() -> Path:
    """The readability pages directory, or exit with a clear message if it is missing."""
    path = shared_dir() / "extraction-readability" / "pages"
    if not path.is_dir():
        sys.exit(f"extraction-readability not found at {path} (set BRIEFING_SHARED)")
    return path


def html_text(html: str) -> str:
    """The visible text of an HTML fragment, each block element on its own line."""
    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    parts: list[str] = []
    skipping = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in SKIPPED_TAGS:
                skipping += 1
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if tag and not skipping and element.text:
                parts.append(element.text)
        else:
            if tag in SKIPPED_TAGS:
                skipping -= 1
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if not skipping and element.tail and element is not root:
                parts.append(element.tail)
    lines = (SPACES_RE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def word_count(text: str) -> int:
    return len(SPACED_WORD_RE.findall(text)) + len(CJK_RE.findall(text)) // CJK_CHARS_PER_WORD


def primary_subtag(code: str | None) -> str:
    return LANGUAGE_SUBTAG_RE.split((code or "").strip(), maxsplit=1)[0].lower()


def load_pages(bench: Path) -> tuple[list[Page], int, int]:
    """(article pages, how many are marked not readerable, how many are too short)."""
    pages, unreadable, short = [], 0, 0
    for folder in sorted(path for path in bench.iterdir() if path.is_dir()):
        metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        expected = html_text((folder / "expected.html").read_text(encoding="utf-8"))
        if metadata.get("readerable") is False:
            unreadable += 1
            continue
        if word_count(expected) < MIN_EXPECTED_WORDS:
            short += 1
            continue
        pages.append(Page(
            name=folder.name,
            url=metadata.get("url") or "",
            html=decode_html((folder / "source.html").read_bytes()),
            expected=expected,
            title=metadata.get("title") or "",
            lang=primary_subtag(metadata.get("lang")),
        ))
    return pages, unreadable, short


def timed(function: Callable, items: Sequence) -> tuple[list, float]:
    """function over every item, and the seconds it took in all."""
    start = time.perf_counter()
    results = [function(item) for item in items]
    return results, time.perf_counter() - start


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:8.1f}/s" if seconds else "     inf/s"


def trafilatura_body(page: Page) -> str:
    return trafilatura.extract(page.html, url=page.url or None) or ""


def normalize_title(title: str) -> str:
    return SPACES_RE.sub(" ", title.translate(QUOTES)).strip().casefold()


def segments(title: str) -> list[str]:
    """A normalised title split at site-name separators."""
    return SITE_SEPARATOR_RE.split(normalize_title(title))


def headline(title: str) -> str:
    """The longest segment of a title."""
    return max(segments(title), key=len)


def body_table(results: list[Result], seconds: float) -> None:
    pages = [result.page for result in results]
    baseline, baseline_seconds = timed(trafilatura_body, pages)
    print(f"{'body vs expected.html':<28} {'P':>5}  {'R':>5}  {'F1':>5}  {'speed':>10}")
    rows = (("extract_html", [r.body for r in results], seconds),
            ("trafilatura.extract default", baseline, baseline_seconds))
    for name, bodies, took in rows:
        pairs = [(body, page.expected) for body, page in zip(bodies, pages, strict=True)]
        precision, recall, f1 = score(pairs)
        print(f"{name:<28} {precision:.3f}  {recall:.3f}  {f1:.3f}  {rate(len(pages), took)}")
    missing = [r.page.name for r in results if r.article is None]
    if missing:
        print(f"extract_html found no article on: {', '.join(missing)}")


def title_table(results: list[Result]) -> None:
    exact = headline_match = longest_match = 0
    differing = []
    for result in results:
        ours = result.article.title if result.article else ""
        expected = result.page.title
        same = normalize_title(ours) == normalize_title(expected)
        same_headline = headline(ours) in segments(expected)
        exact += same
        headline_match += same_headline
        longest_match += headline(ours) == headline(expected)
        if not same:
            differing.append((result.page.name, ours, expected, same_headline))
    total = len(results)
    print(f"\ntitle: exact (normalised) {exact}/{total} = {exact / total:.3f}; "
          f"headline match {headline_match}/{total} = {headline_match / total:.3f} "
          f"(longest segments equal, the count until 2026-12-07: {longest_match}/{total})")
    print(f"titles that differ ({len(differing)}; H = headline match):")
    for name, ours, expected, same_headline in differing:
        print(f"  {'H' if same_headline else ' '} {name:<30} ours:     {ours!r}")
        print(f"    {'':<30} expected: {expected!r}")


def language_table(results: list[Result]) -> None:
    labelled = [result for result in results if result.page.lang]
    detectors: dict[str, Callable[[Result], str]] = {
        "<html lang> (extract_html)": lambda r: primary_subtag(
            r.article.language if r.article else ""),
        "guess_language stoplists": lambda r: guess_language(TOKEN_RE.findall(r.body)),
        "detect_language (ours)": lambda r: detect_language(r.body),
    }
    start = time.perf_counter()
    detect_language("the model loads on the first call to detect a language")
    load_seconds = time.perf_counter() - start
    guesses: dict[str, list[str]] = {}
    print(f"\nlanguage, {len(labelled)} pages with a lang "
          f"({', '.join(sorted({r.page.lang for r in labelled}))}), on the extracted text:")
    print(f"{'detector':<26} {'right':>9} {'accuracy':>8}  {'speed':>10}")
    for name, detect in detectors.items():
        guesses[name], seconds = timed(detect, labelled)
        right = sum(g == r.page.lang for g, r in zip(guesses[name], labelled, strict=True))
        speed = rate(len(labelled), seconds) if "extract_html" not in name else ""
        print(f"{name:<26} {right:>4}/{len(labelled):<4} {right / len(labelled):8.3f}  {speed}")
    print(f"detect_language's model load (py3langid): {load_seconds:.2f} s, once per process")
    print("(the lorem ipsum test pages are Latin, though their <html lang> says en)")
    wrong = [(i, r) for i, r in enumerate(labelled)
             if any(guesses[name][i] != r.page.lang for name in detectors)]
    if wrong:
        names = list(detectors)
        print(f"mismatches ({len(wrong)} pages):{'':<14} {'gold':<5}"
              + "".join(f" {n.split()[0][:12]:<13}" for n in names))
        for i, result in wrong:
            cells = "".join(f" {(guesses[n][i] or '-'):<13}" for n in names)
            print(f"  {result.page.name:<30} {result.page.lang:<5}{cells}")


def main() -> None:
    pages, unreadable, short = load_pages(bench_dir())
    print(f"{len(pages) + unreadable + short} pages: {unreadable} not readerable and {short} with "
          f"under {MIN_EXPECTED_WORDS} words expected skipped, {len(pages)} left")
    articles, seconds = timed(lambda page: extract_html(page.html, page.url), pages)
    results = [Result(page, article, "\n\n".join(article.paragraphs) if article else "")
               for page, article in zip(pages, articles, strict=True)]
    body_table(results, seconds)
    title_table(results)
    language_table(results)


if __name__ == "__main__":
    main()
