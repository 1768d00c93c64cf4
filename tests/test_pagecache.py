"""Tests for briefing.pagecache: each address fetched once, its failure too."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.pagecache import PageCache
from tests.conftest import Reply


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
