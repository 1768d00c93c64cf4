"""Raw documents -> Articles: the article's own text and what we know about it."""

from __future__ import annotations

from pathlib import Path

from briefing.cleanup import clean_page_text
from briefing.errors import BriefingError
from briefing.model import Article, Document


def to_article(document: Document) -> Article:
    """Extract the article from a document; a document with no article is a BriefingError."""
    article = from_html(document) if document.kind == "html" else from_text(document)
    if not article.paragraphs:
        raise BriefingError(f"{document.origin}: no article text found in it")
    return article


def from_text(document: Document) -> Article:
    page = clean_page_text(document.text)
    return Article(
        title=page.title or fallback_title(document),
        paragraphs=tuple(page.paragraphs),
        url=document.url,
    )


def from_html(document: Document) -> Article:
    from briefing.htmlpage import extract_html  # trafilatura is slow to import; only for HTML

    page = extract_html(document.text, document.url)
    if page is None:
        raise BriefingError(f"{document.origin}: no article text found in this HTML")
    return Article(
        title=page.title or fallback_title(document),
        paragraphs=tuple(page.paragraphs),
        source=page.site_name,
        url=page.url or document.url,
        author=page.author,
        published=page.published,
        language=page.language or "en",
    )


def fallback_title(document: Document) -> str:
    if document.origin in ("-", "standard input"):
        return "Untitled story"
    return Path(document.origin).stem.replace("-", " ").replace("_", " ").strip().capitalize()
