"""Raw documents -> Articles: the article's own text and what we know about it.

What a feed said about an entry (title, author, date, site) wins over what extraction
guesses from the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ftfy import fix_encoding

from briefing.cleanup import clean_page_text
from briefing.errors import BriefingError
from briefing.feeds import plain
from briefing.headline import clean_headline
from briefing.languages import detect_language
from briefing.model import Article, Document
from briefing.sources import SUMMARY_ONLY

Extractor = Callable[[Document], Article]  # to_article, or a fleet's shared pagecache.ArticleCache


def to_article(document: Document) -> Article:
    """Extract the article from a document; a document with no article is a BriefingError."""
    if document.note.startswith(SUMMARY_ONLY):
        article = from_summary(document)
    elif document.kind == "html":
        article = from_html(document)
    else:
        article = from_text(document)
    if not article.paragraphs:
        raise BriefingError(f"{document.origin}: no article text found in it")
    return repaired(article)


def repaired(article: Article) -> Article:
    """The article with its mojibake mended ("Â£1bn" -> "£1bn", "SÃ£o" -> "São": UTF-8 that
    was read as Windows-1252 before it reached us); ftfy leaves sound text alone."""
    return replace(article, title=fix_encoding(article.title),
                   paragraphs=tuple(fix_encoding(p) for p in article.paragraphs))


def from_text(document: Document) -> Article:
    page = clean_page_text(document.text)
    headline = clean_headline(document.title or page.title, document.site, document.url)
    return Article(
        title=headline.text or fallback_title(document),
        genre=headline.genre,
        paragraphs=tuple(page.paragraphs),
        source=document.site,
        url=document.url,
        author=document.author,
        published=document.published,
        language=detect_language(" ".join(page.paragraphs), page.language),
    )


def from_html(document: Document) -> Article:
    from briefing.htmlpage import extract_html  # trafilatura is slow to import; only for HTML

    page = extract_html(document.text, document.url)
    if page is None:
        raise BriefingError(f"{document.origin}: no article text found in this HTML")
    headline = clean_headline(document.title, document.site, document.url)
    return Article(
        title=headline.text or page.title or fallback_title(document),
        genre=headline.genre or page.genre,
        paragraphs=tuple(page.paragraphs),
        source=document.site or page.site_name,
        url=page.url or document.url,
        author=document.author or page.author,
        published=document.published or page.published,
        language=detect_language(" ".join(page.paragraphs), page.language),
        headings=page.headings,
    )


def from_summary(document: Document) -> Article:
    """A feed entry whose page could not be had: its summary is all there is to read."""
    text = plain(document.text)
    headline = clean_headline(document.title, document.site, document.url)
    return Article(
        title=headline.text or fallback_title(document),
        genre=headline.genre,
        paragraphs=(text,) if text else (),
        source=document.site,
        url=document.url,
        author=document.author,
        published=document.published,
        language=detect_language(f"{document.title}. {text}"),
    )


def fallback_title(document: Document) -> str:
    if document.origin in ("-", "standard input"):
        return "Untitled story"
    return Path(document.origin).stem.replace("-", " ").replace("_", " ").strip().capitalize()
