"""Property-based tests (hypothesis) for the text stages, and their big inputs.

Cleanup, sentence splitting, normalisation, the summary and HTML extraction never crash on any
Unicode text (control characters, right-to-left scripts, emoji, ...), never give empty sentences
or paragraphs, normalise to letters, spaces and plain punctuation only, keep the summary's
budget, and finish quickly. Big cases: 10 MB of page text, HTML without <body>, a feed of
10,000 entries. Pathological inputs (long runs of one character, 10 MB pages) each run in a
subprocess that is killed at its time limit.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.article import to_article
from briefing.cleanup import clean_page_text
from briefing.errors import BriefingError
from briefing.feeds import parse_feed
from briefing.htmlpage import extract_html
from briefing.model import Document, Sentence
from briefing.normalize import normalize
from briefing.sentences import article_sentences, split_sentences, tame_runs
from briefing.sources import documents_of, select_newest
from briefing.summary import summarize, word_count

ROOT = Path(__file__).resolve().parents[1]
PLAIN_PUNCTUATION = ".,?!;:'\""
TEN_MB = 10_000_000
BIG_TEXT_BOUND_S = 60.0
FEED_ENTRIES = 10_000

QUICK = settings(max_examples=60, deadline=timedelta(seconds=3),
                 suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=20, deadline=timedelta(seconds=5),
                  suppress_health_check=[HealthCheck.too_slow])

# Pieces of news copy that exercise the special rules, and of text that is not news at all.
NEWS_PIECES = [
    "U.S.", "Sen.", "Gov.", "No. 2", "R-Ariz.", "J.R.R.", "10 a.m.", "p.m.", "Corp.", "Jan. 3",
    "$2.5 billion", "3.5%", "1990s", "21st", "1,200", "2-1", "(AP)", "[ISIS]", "—", "--", "...",
    ". . .", "“Yes,” he said.", "‘No’", "http://example.com/a?b=1", "news@example.org", "&",
    "WASHINGTON —", "Photo: Getty Images", "Read more", "He said.", "But", "The", "said",
    "مرحبا بالعالم", "שלום עולם", "北京市", "東京", "😀🔥", "\u200f", "\u202e", "\u200b", "\x00",
    "\x07", "\t", "\r\n", "\u2028", "\ufeff", "e\u0301", "Ⅻ", "²", "½", "٣", "I.", "A.", "?",
    "!", "\"", "'", "(", ")", "•", "|", "Mr.", "St.", "Dr.", "Inc.", "vs.", "e.g.", "etc.",
]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", ". ", ", ", ""]

newsy_text = st.lists(
    st.tuples(st.one_of(st.sampled_from(NEWS_PIECES), st.text(max_size=12)),
              st.sampled_from(SEPARATORS)),
    max_size=60,
).map(lambda pairs: "".join(piece + sep for piece, sep in pairs))
any_text = st.one_of(st.text(max_size=400), newsy_text)
languages = st.sampled_from(["en", "de", "es", "en-US", "fr", ""])


# --- cleanup ----------------------------------------------------------------------------------


@QUICK
@given(any_text)
def test_clean_page_text_never_crashes_nor_keeps_blank_paragraphs(text: str) -> None:
    page = clean_page_text(text)
    assert isinstance(page.title, str)
    assert all(paragraph.strip() for paragraph in page.paragraphs)


# --- sentences --------------------------------------------------------------------------------


@QUICK
@given(any_text, languages)
def test_split_sentences_gives_trimmed_non_blank_sentences(text: str, language: str) -> None:
    sentences = split_sentences(text, language)
    assert all(sentence and sentence == sentence.strip() for sentence in sentences)
    assert all("\n" not in sentence for sentence in sentences)


@QUICK
@given(any_text)
def test_split_sentences_loses_no_character(text: str) -> None:
    # Only what tame_runs cuts on purpose (a run of four or more of one symbol keeps three) goes.
    expected = "".join(tame_runs(text).split())
    assert "".join("".join(split_sentences(text)).split()) == expected


def test_tame_runs_keeps_short_runs_and_shortens_long_ones() -> None:
    assert tame_runs("Wait... what?!") == "Wait... what?!"
    assert tame_runs("::::") == ":::"
    assert tame_runs("." * 10_000) == "..."


@QUICK
@given(st.lists(any_text, max_size=6))
def test_article_sentences_are_numbered_in_order(paragraphs: list[str]) -> None:
    sentences = article_sentences(paragraphs)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    positions = [s.paragraph for s in sentences]
    assert positions == sorted(positions)
    assert all(0 <= p < len(paragraphs) for p in positions)
    assert all(s.text.strip() for s in sentences)


# --- normalisation ----------------------------------------------------------------------------


def unspeakable_characters(spoken: str) -> list[str]:
    """Characters other than letters, space, newline and plain punctuation."""
    return [ch for ch in spoken if not (ch.isalpha() or ch in " \n" or ch in PLAIN_PUNCTUATION)]


@QUICK
@given(any_text, languages)
def test_normalize_gives_only_letters_spaces_and_plain_punctuation(text: str,
                                                                  language: str) -> None:
    spoken = normalize(text, language)
    assert not unspeakable_characters(spoken), (text, spoken)
    assert spoken == spoken.strip()
    assert "  " not in spoken


@pytest.mark.parametrize("space", ["\r", "\x1f", "\u2028", "\u2029"])
def test_normalize_leaves_no_odd_whitespace(space: str) -> None:
    assert normalize(f"Rain{space}fell on 3 towns.") == "Rain fell on three towns."


def test_a_lone_c1_ellipsis_is_read_as_the_ellipsis_it_was() -> None:
    # U+0085 is Windows-1252's "…" (0x85) read as Latin-1, far more often than a line break.
    assert normalize("Rain\x85fell on 3 towns.") == "Rain... fell on three towns."


@pytest.mark.parametrize("numeral", ["\u0b72", "\u0bf0", "\u1372"])
def test_normalize_leaves_no_numeral(numeral: str) -> None:
    assert numeral not in normalize(f"Rain {numeral}")


@QUICK
@given(any_text)
def test_normalize_keeps_something_to_say_when_there_was_a_letter_or_digit(text: str) -> None:
    spoken = normalize(text)
    if re.search(r"[^\W_]", text):
        assert re.search(r"[^\W_]", spoken), (text, spoken)


# --- summary ----------------------------------------------------------------------------------


def as_sentences(texts: list[str]) -> list[Sentence]:
    return [Sentence(text=t, paragraph=i // 3, index=i) for i, t in enumerate(texts)]


def seconds_cost(text: str) -> float:
    """Like the pipeline's estimate: characters at a voice's pace plus a pause."""
    return len(text) / 14.5 + 0.4


def check_summary(sentences: list[Sentence], budget: float, cost) -> None:
    chosen = summarize(sentences, budget, cost)
    indexes = [s.index for s in chosen]
    assert indexes == sorted(set(indexes)), "in article order, each once"
    # a repeat's fuller wording may take the place of its first telling, and datelines go:
    # each text is (part of) an input text and each place an input place, not always together
    assert all(any(c.text in s.text for s in sentences) for c in chosen)
    assert set(indexes) <= {s.index for s in sentences}
    assert all(s.text.strip() for s in chosen)
    # over budget only with the lead, said as it must be (with its kickers and the rest of
    # the quotation it opens), and nothing else
    assert (sum(cost(s.text) for s in chosen) <= budget + 1e-9
            or chosen == summarize(sentences, 0, cost))


@QUICK
@given(st.lists(newsy_text, max_size=25), st.floats(0, 300, allow_nan=False))
def test_summarize_keeps_the_budget_or_says_the_lead_alone(texts: list[str],
                                                           budget: float) -> None:
    sentences = article_sentences(texts)
    check_summary(sentences, budget, word_count)
    check_summary(sentences, budget / 5, seconds_cost)


@QUICK
@given(st.lists(st.text(max_size=80), max_size=25), st.integers(0, 100))
def test_summarize_copes_with_any_sentence_texts(texts: list[str], budget: int) -> None:
    check_summary(as_sentences(texts), budget, word_count)


@QUICK
@given(st.lists(st.sampled_from(["He said it was fine.", "The mayor said it was fine today.",
                                 "“It was fine,” he said.", "Read more"]), max_size=30))
def test_summarize_never_chooses_the_same_text_twice(texts: list[str]) -> None:
    chosen = summarize(as_sentences(texts), 1000)
    assert len({s.text for s in chosen}) == len(chosen)


def test_summarize_of_a_long_article_is_fast() -> None:
    texts = [f"Officials in city number {i} said the new bridge would open next year, "
             f"a spokesman for council {i % 7} confirmed on Tuesday." for i in range(2000)]
    start = time.perf_counter()
    summarize(article_sentences(texts), 100)
    assert time.perf_counter() - start < 10


def test_summarize_of_sentences_each_leaning_on_the_last_is_fast() -> None:
    # Every sentence opens with "He", so each needs the one before: pricing each sentence's
    # whole chain would be quadratic (3,000 sentences: minutes).
    texts = [f"He said bridge number {i} would open next year, a spokesman for council "
             f"{i % 7} confirmed on Tuesday." for i in range(3000)]
    start = time.perf_counter()
    chosen = summarize(article_sentences(["Officials met on Monday about the bridges."] + texts),
                       100)
    assert time.perf_counter() - start < 10 and chosen


# --- HTML -------------------------------------------------------------------------------------


TAGS = ["p", "div", "span", "article", "h1", "li", "script", "style", "a", "b", "td", "main"]
html_fragment = st.recursive(
    newsy_text,
    lambda inner: st.tuples(st.sampled_from(TAGS), st.lists(inner, max_size=4)).map(
        lambda pair: f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>"),
    max_leaves=12,
)


@SLOWER
@given(st.one_of(st.text(max_size=300), html_fragment))
def test_extract_html_never_crashes_and_gives_no_blank_paragraph(html: str) -> None:
    page = extract_html(html)
    if page is not None:
        assert page.paragraphs
        assert all(paragraph.strip() for paragraph in page.paragraphs)


STORY = ("The council voted on Tuesday to rebuild the old harbour bridge, which has been closed "
         "to traffic since the storm in March. Engineers said the work would take two years and "
         "cost about four million pounds. Residents who had campaigned for the repair welcomed "
         "the decision, though some said the bridge should have been fixed long ago.")


@pytest.mark.parametrize("html", [
    f"<html><head><title>Bridge to be rebuilt</title></head><p>{STORY}</p><p>{STORY}</p></html>",
    f"<p>{STORY}</p><p>{STORY}</p>",
    f"<!DOCTYPE html><html><head><title>Bridge</title></head></html><p>{STORY}</p>",
    "<html><head><title>Only a head</title></head></html>",
    "<html></html>",
    "<body></body>",
])
def test_html_without_body_is_read_or_refused_cleanly(html: str) -> None:
    try:
        article = to_article(Document(text=html, origin="page.html", kind="html"))
    except BriefingError as exc:
        assert "\n" not in str(exc)
        return
    assert all(paragraph.strip() for paragraph in article.paragraphs)
    assert "harbour bridge" in article.text


def test_html_without_body_keeps_its_article() -> None:
    html = f"<html><head><title>Bridge to be rebuilt</title></head><p>{STORY}</p><p>{STORY}</p>"
    page = extract_html(html)
    assert page is not None
    assert "harbour bridge" in " ".join(page.paragraphs)


# --- big inputs -------------------------------------------------------------------------------


def bench_sentences() -> list[str]:
    """Real news sentences: the shared summary bench when present, else the bundled example."""
    shared = ROOT.parent / "shared" / "summary-bench" / "writer-summaries-dev.json"
    if shared.is_file():
        texts = [row["article"] for row in json.loads(shared.read_text(encoding="utf-8"))]
    else:
        texts = [(ROOT / "examples" / "us-will-defend-its-forces.txt").read_text("utf-8")]
    return [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s.strip()]


def page_text(size: int, seed: int = 9) -> str:
    """About `size` characters of page text: paragraphs of real sentences in random order,
    with a menu line now and then."""
    sentences, rng = bench_sentences(), random.Random(seed)
    parts, total = [], 0
    while total < size:
        if rng.random() < 0.1:
            part = rng.choice(["Home | World | Sport", "Share this article", "Advertisement"])
        else:
            part = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        parts.append(part)
        total += len(part) + 2
    return "\n\n".join(parts)


BIG_TEXT_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[2])
from briefing.cleanup import clean_page_text
from briefing.normalize import normalize
from briefing.sentences import article_sentences
from briefing.summary import summarize
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
page = clean_page_text(text)
cleaned = time.perf_counter() - start
sentences = article_sentences(page.paragraphs)
split = time.perf_counter() - start - cleaned
chosen = summarize(sentences, 500)
spoken = normalize(" ".join(s.text for s in chosen))
summarized = time.perf_counter() - start - cleaned - split
print(cleaned, split, summarized, len(page.paragraphs), len(sentences), len(spoken.split()))
"""


def test_ten_megabytes_of_page_text_in_bounded_time(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(page_text(TEN_MB), encoding="utf-8")
    command = [sys.executable, "-c", BIG_TEXT_SCRIPT, str(page), str(ROOT)]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True,
                              timeout=BIG_TEXT_BOUND_S)
    except subprocess.TimeoutExpired:
        print(f"\n10 MB page text: killed after {time.perf_counter() - start:.0f} s")
        raise AssertionError(f"10 MB took over {BIG_TEXT_BOUND_S:.0f} s") from None
    cleaned, split, summarized, paragraphs, sentences, words = done.stdout.split()
    print(f"\n10 MB page text: clean_page_text {float(cleaned):.1f} s ({paragraphs} paragraphs),"
          f" article_sentences {float(split):.1f} s ({sentences} sentences), summarize and"
          f" normalize {float(summarized):.1f} s ({words} words)")
    assert int(sentences) > 0 and 0 < int(words) <= 2 * 500


def feed_xml(entries: int) -> str:
    """An RSS feed of distinct stories with dates in shuffled order."""
    rng = random.Random(10)
    start = datetime(2025, 1, 1, tzinfo=UTC)  # 10,000 hours later is still in the past
    hours = list(range(entries))
    rng.shuffle(hours)
    items = "".join(
        f"<item><title>Story {n}</title><link>https://news.example/{n}</link>"
        f"<pubDate>{(start + timedelta(hours=h)).strftime('%a, %d %b %Y %H:%M:%S +0000')}"
        f"</pubDate><description>Story {n}: {' '.join(f'word{n}x{k}' for k in range(40))}"
        f"</description></item>"
        for n, h in enumerate(hours)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Big</title><link>https://news.example/</link>{items}</channel></rss>")


def test_a_feed_of_ten_thousand_entries_is_read_and_the_newest_chosen_fast() -> None:
    xml = feed_xml(FEED_ENTRIES)
    start = time.perf_counter()
    feed = parse_feed(xml, "big.xml")
    parsed = time.perf_counter() - start
    documents = documents_of(Document(text=xml, origin="big.xml"))
    newest = select_newest(documents, 10)
    chosen = time.perf_counter() - start - parsed
    print(f"\n{FEED_ENTRIES} entries: parse_feed {parsed:.1f} s, documents_of + select_newest "
          f"{chosen:.1f} s")
    assert len(feed.entries) == FEED_ENTRIES
    assert [d.published for d in newest] == sorted((d.published for d in documents),
                                                   reverse=True)[:10]
    assert parsed + chosen < 60


# --- pathological inputs: bounded time, each in its own killable process -----------------------


IMPORT_ALLOWANCE_S = 4.0


def seconds_to_run(module: str, function: str, text_expr: str, limit_s: float) -> float:
    """How long `function(text)` takes in a fresh interpreter; inf when killed at the limit."""
    code = (f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\n"
            f"from {module} import {function}\ntext = {text_expr}\n"
            f"{function}(text[:50])  # libraries load on first use, before the clock\n"
            f"start = time.perf_counter()\n{function}(text)\n"
            f"print(time.perf_counter() - start)\n")
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=limit_s + IMPORT_ALLOWANCE_S, cwd=ROOT, check=True)
    except subprocess.TimeoutExpired:
        return float("inf")
    return float(done.stdout.strip().splitlines()[-1])


PATHOLOGICAL_LIMIT_S = 2.0
NORMALIZE = ("briefing.normalize", "normalize")
SPLIT = ("briefing.sentences", "split_sentences")
CLEAN = ("briefing.cleanup", "clean_page_text")


@pytest.mark.parametrize(("target", "text_expr", "limit_s"), [
    (NORMALIZE, "'word ' * 20000", PATHOLOGICAL_LIMIT_S),
    # 20,000 sentences: Punkt itself takes about 0.09 ms a sentence on 2 cores (1.8 s);
    # a quadratic step would take minutes.
    (SPLIT, "'word. ' * 20000", 2 * PATHOLOGICAL_LIMIT_S),
    (CLEAN, "'a' * 50000", PATHOLOGICAL_LIMIT_S),
    # 20,000 "<html" with no ">": the language lookup must not scan to the end for each.
    (("briefing.htmlpage", "html_language"), "'<html ' * 20000", PATHOLOGICAL_LIMIT_S),
    # 15,000 pieces each joined onto the one before ('Why?' then a lower-case word).
    (SPLIT, "'Why? no ' * 15000", 2 * PATHOLOGICAL_LIMIT_S),
    # 20,000 lines opening with the same five words: each is checked against its nearest
    # lookalikes for a pull quote, not every one within NEAR_LINES (that took minutes).
    # Linear, it takes about 3.3 s on 2 cores (each line is judged on a dozen cues).
    (CLEAN, "'\\n'.join(f'The minister said on Monday that plan {i} of {i * 7} would pass "
            "easily this year.' for i in range(20000))", 3 * PATHOLOGICAL_LIMIT_S),
])
def test_long_ordinary_runs_are_fast(target: tuple[str, str], text_expr: str,
                                     limit_s: float) -> None:
    assert seconds_to_run(*target, text_expr, limit_s) < limit_s


@pytest.mark.parametrize(("target", "text_expr"), [
    (NORMALIZE, "' ' * 30000 + 'x'"),
    (NORMALIZE, "'(' * 30000"),
    (SPLIT, "'.' * 20000"),
    (SPLIT, "'a' * 60000"),
])
def test_long_runs_of_one_character_are_fast(target: tuple[str, str], text_expr: str) -> None:
    assert seconds_to_run(*target, text_expr, PATHOLOGICAL_LIMIT_S) < PATHOLOGICAL_LIMIT_S


DISTINCT_DOCUMENTS = ("[__import__('briefing.model', fromlist=['Document']).Document("
                      "text=' '.join(f'w{i}x{k}' for k in range(40)), origin=f'f#{i}', "
                      "url=f'https://news.example/{i}') for i in range(4000)]")


def test_dropping_duplicates_from_four_thousand_stories_is_fast() -> None:
    limit = 5.0
    assert seconds_to_run("briefing.sources", "drop_duplicates", DISTINCT_DOCUMENTS,
                          limit) < limit
