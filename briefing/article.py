"""Raw documents -> Articles: the article's own text and what we know about it.

What a feed said about an entry (title, author, date, site) wins over what extraction
guesses from the page.
"""

from __future__ import annotations

from pathlib import Path

from briefing.cleanup import TOKEN_RE, clean_page_text, guess_language
from briefing.errors import BriefingError
from briefing.feeds import plain
from briefing.model import Article, Document
from briefing.sources import SUMMARY_ONLY


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
    return article


def from_text(document: Document) -> Article:
    page = clean_page_text(document.text)
    return Article(
        title=document.title or page.title or fallback_title(document),
        paragraphs=tuple(page.paragraphs),
        source=document.site,
        url=document.url,
        author=document.author,
        published=document.published,
        language=page.language or "en",
    )


def from_html(document: Document) -> Article:
    from briefing.htmlpage import extract_html  # trafilatura is slow to import; only for HTML

    page = extract_html(document.text, document.url)
    if page is None:
        raise BriefingError(f"{document.origin}: no article text found in this HTML")
    return Article(
        title=document.title or page.title or fallback_title(document),
        paragraphs=tuple(page.paragraphs),
        source=document.site or page.site_name,
        url=page.url or document.url,
        author=document.author or page.author,
        published=document.published or page.published,
        language=page.language or "en",
    )


def from_summary(document: Document) -> Article:
    """A feed entry whose page could not be had: its summary is all there is to read."""
    text = plain(document.text)
    return Article(
        title=document.title or fallback_title(document),
        paragraphs=(text,) if text else (),
        source=document.site,
        url=document.url,
        author=document.author,
        published=document.published,
        language=guess_language(TOKEN_RE.findall(f"{document.title} {text}")) or "en",
    )


def fallback_title(document: Document) -> str:
    if document.origin in ("-", "standard input"):
        return "Untitled story"
    return Path(document.origin).stem.replace("-", " ").replace("_", " ").strip().capitalize()
