"""Tests for briefing.pagecache: each address fetched once and each page read once, their
failures too."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefing.article import to_article
from briefing.errors import BriefingError
from briefing.model import Article, Document
from briefing.pagecache import ArticleCache, PageCache
from tests.conftest import Reply
from tests.helpers import DATA


def test_a_page_is_fetched_once_and_read_back_whole(tmp_path: Path, http_server):
    url = http_server.add("/story", Reply(body="<p>Café prices rose.</p>".encode()))
    first = PageCache(tmp_path)(url)
    again = PageCache(tmp_path)(url)  # another edition, sharing the folder
    assert again == first and again.text == "<p>Café prices rose.</p>"
    assert http_server.hits("/story") == 1


def test_a_failure_is_kept_and_said_again_without_asking_twice(tmp_path: Path, http_server):
    url = http_server.add("/gone", Reply(status=404))
    with pytest.raises(BriefingError, match="404") as first:
        PageCache(tmp_path)(url)
    with pytest.raises(BriefingError) as again:
        PageCache(tmp_path)(url)
    assert str(again.value) == str(first.value) and http_server.hits("/gone") == 1


def counted(calls: list[Document]):
    def extract(document: Document) -> Article:
        calls.append(document)
        return to_article(document)
    return extract


def test_a_page_is_read_once_for_every_edition_and_gives_the_same_article(tmp_path: Path):
    page = (DATA / "pages" / "harbour-bridge.html").read_text(encoding="utf-8")
    document = Document(text=page, origin="https://example.com/bridge", kind="html",
                        url="https://example.com/bridge")
    calls: list[Document] = []
    first = ArticleCache(tmp_path, counted(calls))(document)
    again = ArticleCache(tmp_path, counted(calls))(document)  # another edition
    assert again == first == to_article(document)
    assert len(calls) == 1
    other = ArticleCache(tmp_path, counted(calls))(replace(document, title="Another title"))
    assert other.title == "Another title" and len(calls) == 2  # what the feed said counts


def test_a_page_without_an_article_says_so_every_time_read_once(tmp_path: Path):
    document = Document(text="<html><body><nav>Home</nav></body></html>", origin="nav.html",
                        kind="html")
    calls: list[Document] = []
    for _ in range(2):
        with pytest.raises(BriefingError, match="no article text"):
            ArticleCache(tmp_path, counted(calls))(document)
    assert len(calls) == 1
