"""Extract an article (text and metadata) from a saved HTML page, offline, with trafilatura.

Measured on two development sets, the extraction bench (human-marked bodies) and Readability's
test pages (benchmarks/extraction.py, benchmarks/readability.py): trafilatura favouring
precision, with comments excluded, gives the article's paragraphs; when it finds too little,
or a fraction of what trafilatura's recall mode finds (a box beside an article it discarded,
found on newspaper3k's test pages), recall's, then the page's text line by line through
cleanup.clean_page_text. (Filling precision's gaps from a recall run raised Readability's set by
0.005 but lowered two unseen sets by 0.001 and 0.005: not kept.) A paragraph the page repeats
side by side is kept as often as the page says it (what to say twice is the summary's call),
and the paragraphs the page sets as headings are marked, for speakable.py. The headline is
chosen by headline.py.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement
from trafilatura.baseline import basic_cleaning
from trafilatura.settings import Document
from trafilatura.utils import load_html

from briefing.cleanup import TOKEN_RE, clean_page_text
from briefing.headline import best_headline, credible_site, spoken_site
from briefing.htmltree import visible_tree

# trafilatura's date finder hands "2014-12-29 08:57:25 EST" to dateutil, which warns on the
# user's terminal that it cannot place "EST"; the date is still read. Set once, for every
# thread (warnings.catch_warnings is not thread-safe).
warnings.filterwarnings("ignore", message=r"tzname \w+ identified but not understood",
                        module=r"dateutil\.")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Bounded, so a page of many "<html" without a ">" costs linear time; "lang" must be its own
# attribute ("data-lang" and "xml:lang" aside).
HTML_LANG_RE = re.compile(r"<html\b[^>]{0,500}?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
MIN_ARTICLE_WORDS = 20
# When precision finds fewer words than this, recall is taken instead if it finds this many
# times more: precision then found a box beside the article.
SHORT_FIND_WORDS = 150
SHORT_FIND_FACTOR = 4
WORD_RE = re.compile(r"\w+")
SPACES_RE = re.compile(r"\s+")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
LINE_BREAK_TAGS = ("address", "article", "aside", "blockquote", "br", "dd", "details", "dialog",
                   "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
                   "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav",
                   "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
                   "thead", "tr", "ul")


@dataclass(frozen=True)
class HtmlArticle:
    """What was found on an HTML page: the article's paragraphs and its metadata."""

    title: str
    paragraphs: tuple[str, ...]
    author: str = ""
    published: str = ""  # ISO 8601 date, or "" when unknown
    site_name: str = ""
    url: str = ""  # canonical address when the page names one
    language: str = ""
    genre: str = ""  # "opinion" when the page labels the piece as one
    headings: tuple[int, ...] = ()  # paragraphs the page sets as headings (<h1>-<h6>)


def split_paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def word_count(paragraphs: tuple[str, ...]) -> int:
    """Words in the paragraphs, each Chinese or Japanese character counting as one."""
    return sum(len(TOKEN_RE.findall(paragraph)) for paragraph in paragraphs)


def iso_date(value: str | None) -> str:
    match = DATE_RE.match(value or "")
    return match.group(0) if match else ""


def publication_date(value: str | None, html: str) -> str:
    """The page's date, unless it is only its copyright year: with nothing better, the date
    finder reads "Copyright 2024" as 2024-01-01, which is no day the story was published."""
    date = iso_date(value)
    if date.endswith("-01-01") and re.search(
            rf"(?:©|&copy;|\bcopyright\b)\s*(?:\d{{4}}\s*[-–]\s*)?{date[:4]}\b", html,
            re.IGNORECASE):
        return ""
    return date


def trafilatura_document(html: str | HtmlElement, url: str, **settings: bool
                         ) -> Document | None:
    """trafilatura's article with metadata, or None when it finds no text."""
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url or None,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            **settings,
        )
    except (ValueError, TypeError):  # trafilatura raises these on unparsable input
        return None
    if document is None or not (document.text or "").strip():
        return None
    return document


def page_lines(html: str) -> str:
    """The page's visible text with each block element on its own line (trafilatura's html2txt
    joins the whole page into one line, which leaves clean_page_text nothing to judge)."""
    tree = load_html(html)
    body = tree.find(".//body") if tree is not None else None
    if body is None:
        return ""
    body = basic_cleaning(body)
    for element in body.iter():  # the source's own line breaks are spaces
        element.text = SPACES_RE.sub(" ", element.text or "")
        element.tail = SPACES_RE.sub(" ", element.tail or "")
    for element in body.iter(*LINE_BREAK_TAGS):
        element.text = "\n" + element.text
        element.tail = "\n" + element.tail
    lines = (line.strip() for line in body.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def plain_text_paragraphs(html: str) -> tuple[str, tuple[str, ...]]:
    """Title and paragraphs from the page's whole text, cleaned line by line."""
    page = clean_page_text(page_lines(html))
    return page.title, page.paragraphs


def headline_candidates(page: HtmlElement | None) -> tuple[list[str], list[str]]:
    """What the page calls itself, most trusted first: its head's titles (<title>, og:title),
    and its visible headings (<h1>s, <h2>s)."""
    if page is None:
        return [], []
    titles = page.xpath("//title") + page.xpath("//meta[@property='og:title']/@content")
    headings = page.xpath("//h1")[:3] + page.xpath("//h2")[:3]
    return texts_of(titles), texts_of(headings)


def texts_of(found: list) -> list[str]:
    texts = [squeezed(f if isinstance(f, str) else f.text_content()) for f in found]
    return [text for text in texts if text]


def squeezed(text: str) -> str:
    """Text with its runs of whitespace as single spaces, as a paragraph of the article is."""
    return " ".join(text.split())


def html_language(html: str) -> str:
    """The primary language subtag of <html lang="...">, or ""."""
    match = HTML_LANG_RE.search(html)
    return match.group(1).lower() if match else ""


def page_repeats(paragraphs: tuple[str, ...], page: HtmlElement | None) -> dict[str, int]:
    """How many times the page says each of the paragraphs as <p>s or <div>s side by side, for
    those it says more than once."""
    wanted = set(paragraphs)
    counts: Counter[tuple[str, str]] = Counter()
    if page is not None:
        tree = page.getroottree()
        for element in page.iter("p", "div"):
            text = squeezed(element.text_content())
            if text in wanted:
                counts[tree.getpath(element.getparent()), text] += 1
    most: dict[str, int] = {}
    for (_, text), count in counts.items():
        most[text] = max(most.get(text, 0), count)
    return {text: count for text, count in most.items() if count > 1}


def with_page_repeats(paragraphs: tuple[str, ...], page: HtmlElement | None
                      ) -> tuple[str, ...]:
    """The paragraphs as often as the page repeats them. trafilatura drops a paragraph equal to
    one it has taken, to undo its own overlapping finds, and so also the page's own repeats;
    whether to say a thing twice is the summary's call (summary.deduplicated), not the
    extractor's."""
    repeats = page_repeats(paragraphs, page)
    if not repeats:
        return paragraphs
    restored: list[str] = []
    for paragraph in paragraphs:
        if paragraph in repeats and paragraph not in restored:  # its copies follow its first
            restored += [paragraph] * max(1, repeats[paragraph] - paragraphs.count(paragraph) + 1)
        else:
            restored.append(paragraph)
    return tuple(restored)


def heading_paragraphs(paragraphs: tuple[str, ...], page: HtmlElement | None
                       ) -> tuple[int, ...]:
    """The paragraphs that are the text of one of the page's headings (<h1>-<h6>): titles,
    sub-headings, and standfirsts set as headings."""
    if page is None:
        return ()
    headings = {squeezed(h.text_content()) for h in page.iter(*HEADING_TAGS)}
    return tuple(i for i, paragraph in enumerate(paragraphs) if paragraph in headings)


def trafilatura_paragraphs(html: str, url: str, page: HtmlElement | None, **settings: bool
                          ) -> tuple[Document, tuple[str, ...]] | None:
    """trafilatura's document and its paragraphs, as often as the page repeats them."""
    document = trafilatura_document(page if page is not None else html, url, **settings)
    if document is None:
        return None
    return document, with_page_repeats(split_paragraphs(document.text), page)


def article_text(html: str, url: str, page: HtmlElement | None
                 ) -> tuple[Document | None, str, tuple[str, ...], tuple[int, ...]]:
    """trafilatura's document (if any), title, paragraphs and which of them are headings.

    trafilatura favouring precision first. When it finds little, favouring recall too, which
    is taken when precision found too little, or a fraction of what recall finds: precision
    then kept a box beside the article (a comment policy) and discarded the article, for a
    class its rules read as a widget. Else the page's text, line by line. trafilatura reads
    the page as a browser shows it (htmltree.py's visible_tree, the page given)."""
    found = trafilatura_paragraphs(html, url, page, favor_precision=True)
    words = word_count(found[1]) if found else 0
    if words < MIN_ARTICLE_WORDS:
        found, words = None, 0
    if words < SHORT_FIND_WORDS:
        recalled = trafilatura_paragraphs(html, url, page, favor_recall=True)
        if recalled and word_count(recalled[1]) >= max(MIN_ARTICLE_WORDS,
                                                       SHORT_FIND_FACTOR * words):
            found = recalled
    if found is not None:
        document, paragraphs = found
        return (document, document.title or "", paragraphs,
                heading_paragraphs(paragraphs, page))
    title, paragraphs = plain_text_paragraphs(html)
    return None, title, paragraphs, heading_paragraphs(paragraphs, page)


def extract_html(html: str, url: str = "") -> HtmlArticle | None:
    """The article on an HTML page, or None when no article text can be found."""
    if not html.strip():
        return None
    page = visible_tree(html)
    document, title, paragraphs, headings = article_text(html, url, page)
    if word_count(paragraphs) < MIN_ARTICLE_WORDS:
        return None
    metadata = document or trafilatura.extract_metadata(html, default_url=url or None)
    page_url = (metadata.url if metadata else "") or url
    page_titles, page_headings = headline_candidates(page)
    candidates = [title or (metadata.title if metadata else "") or "", *page_titles,
                  *page_headings]
    site = spoken_site(credible_site((metadata.sitename if metadata else "") or "", candidates))
    authors = (metadata.author if metadata else "") or ""
    headline = best_headline(candidates, paragraphs, site, page_url, page_titles, authors)
    return HtmlArticle(
        title=headline.text,
        genre=headline.genre,
        paragraphs=paragraphs,
        headings=headings,
        author=authors,
        published=publication_date(metadata.date if metadata else "", html),
        site_name=site,
        url=page_url,
        language=(metadata.language if metadata else "") or html_language(html),
    )
