"""The show's cover: drawn from the title when none is given, and its small embedded copy."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from briefing import cover
from briefing.errors import BriefingError
from briefing.model import Show


def test_generated_cover_is_a_3000_square_png_that_remembers_its_title(tmp_path: Path):
    path = cover.ensure_cover(Show(title="Morning News"), tmp_path)
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (3000, 3000) and image.mode == "RGB"
    assert cover.cover_title(path) == "Morning News"


def test_embedded_copy_is_a_small_jpeg_made_once_per_cover(tmp_path: Path, monkeypatch):
    art = cover.ensure_cover(Show(title="Morning News"), tmp_path / "out")
    first = cover.embedded_jpeg(art, tmp_path / "cache")
    with Image.open(io.BytesIO(first)) as image:
        assert image.format == "JPEG" and image.size == (600, 600)

    def no_decoding(*args, **kwargs):
        raise AssertionError("decoded the cover again")
    monkeypatch.setattr(cover.Image, "open", no_decoding)
    assert cover.embedded_jpeg(art, tmp_path / "cache") == first
    cover.cover_art("Evening News", art)  # a new cover is a new entry
    with pytest.raises(AssertionError, match="decoded the cover again"):
        cover.embedded_jpeg(art, tmp_path / "cache")


def test_a_cover_the_user_put_there_is_kept_and_a_broken_one_redrawn(tmp_path: Path):
    theirs = tmp_path / "cover.png"
    Image.new("RGB", (1400, 1400), "red").save(theirs)
    cover.ensure_cover(Show(title="Morning News"), tmp_path)
    with Image.open(theirs) as image:
        assert image.size == (1400, 1400)  # not drawn over
    theirs.write_bytes(b"not a picture")
    cover.ensure_cover(Show(title="Morning News"), tmp_path)
    assert cover.cover_title(theirs) == "Morning News"


def test_a_cover_that_is_not_a_picture_is_a_one_line_error(tmp_path: Path):
    fake = tmp_path / "cover.jpg"
    fake.write_bytes(b"<html>not a picture</html>")
    with pytest.raises(BriefingError, match="is not a picture"):
        cover.embedded_jpeg(fake)
