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


@pytest.mark.parametrize(("size", "mode", "name", "problem"), [
    ((800, 600), "RGB", "art.png", "it is 800x600, not square between 1400 and 3000 pixels"),
    ((3200, 3200), "RGB", "art.jpg", "it is 3200x3200"),
    ((1400, 1400), "RGBA", "art.png", "its colours are RGBA with transparency"),
    ((1400, 1400), "CMYK", "art.jpg", "its colours are CMYK"),
    ((1400, 1400), "L", "art.png", "its colours are L"),
])
def test_a_shows_own_image_podcast_apps_would_refuse_is_a_one_line_error(
        tmp_path: Path, size: tuple[int, int], mode: str, name: str, problem: str):
    Image.new(mode, size).save(tmp_path / name)
    with pytest.raises(BriefingError, match=f"{name} will not be taken by podcast apps: "
                                            f"{problem}"):
        cover.ensure_cover(Show(image=name), tmp_path)


@pytest.mark.parametrize(("size", "mode", "name"), [
    ((1400, 1400), "RGB", "art.jpg"), ((3000, 3000), "RGB", "art.png"),
    ((2000, 2000), "P", "art.png"),
])
def test_a_shows_own_image_podcast_apps_take_is_used(tmp_path: Path, size: tuple[int, int],
                                                     mode: str, name: str):
    Image.new(mode, size).save(tmp_path / name)
    assert cover.ensure_cover(Show(image=name), tmp_path) == tmp_path / name


def test_a_shows_own_image_that_is_not_a_picture_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "art.png").write_text("no")
    with pytest.raises(BriefingError, match="the show's image art.png is not a picture"):
        cover.ensure_cover(Show(image="art.png"), tmp_path)
