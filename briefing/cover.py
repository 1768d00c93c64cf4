"""The show's cover art: the user's image, or one drawn from the show title; and the small
copy of it embedded in each MP3."""

from __future__ import annotations

import contextlib
import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError
from PIL.PngImagePlugin import PngInfo

from briefing.cachefiles import touch
from briefing.episode import atomic_path
from briefing.errors import BriefingError
from briefing.model import Show

DEFAULT_COVER = "cover.png"
COVER_SIZE = 3000  # and Apple's largest
MIN_ART_SIZE = 1400  # Apple's smallest
EMBEDDED_SIZE = 600  # players show it small; keeps each MP3 light
COVER_TOP = (18, 38, 74)
COVER_BOTTOM = (41, 98, 160)

def cover_name(show: Show) -> str:
    """The cover art's file name inside out/: the show's own, or the generated one."""
    return show.image or DEFAULT_COVER



def ensure_cover(show: Show, out_dir: Path) -> Path:
    """The show's cover in out/; generated from the title when the show names none."""
    path = out_dir / cover_name(show)
    if show.image:
        if not path.is_file():
            raise BriefingError(f"The show's image {show.image!r} is not in {out_dir}: copy it "
                                "there, or leave image empty to generate a cover.")
        check_podcast_art(path)
        return path
    title = cover_title(path)
    if title is None or (title and title != show.title):  # a cover without our title is theirs
        cover_art(show.title, path)
    return path


def check_podcast_art(path: Path) -> None:
    """Apple's rules for a show's artwork: a square JPEG or PNG of 1400 to 3000 pixels, in
    RGB without transparency (podcast apps refuse or distort others)."""
    try:
        with Image.open(path) as image:
            kind, (width, height), mode = image.format, image.size, image.mode
            transparent = mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except (OSError, UnidentifiedImageError):
        raise BriefingError(f"the show's image {path.name} is not a picture (give a PNG or "
                            "JPEG)") from None
    problems = []
    if kind not in ("JPEG", "PNG"):
        problems.append(f"it is {kind}, not JPEG or PNG")
    if width != height or not MIN_ART_SIZE <= width <= COVER_SIZE:
        problems.append(f"it is {width}x{height}, not square between {MIN_ART_SIZE} and "
                        f"{COVER_SIZE} pixels")
    if mode not in ("RGB", "RGBA", "P", "PA") or transparent:  # not grey, CMYK, 16-bit
        problems.append(f"its colours are {mode}{' with transparency' if transparent else ''}"
                        ", not RGB without transparency")
    if problems:
        raise BriefingError(f"the show's image {path.name} will not be taken by podcast apps: "
                            f"{'; '.join(problems)} (leave image empty to generate a cover)")


def cover_title(path: Path) -> str | None:
    """The title a generated cover was drawn with; "" for a picture we did not draw (the
    user's own), None when there is no readable picture."""
    try:
        with Image.open(path) as image:
            # info holds the text chunks before the image data, which is where cover_art puts
            # the title; image.text would decode all 3000x3000 pixels to look after it too.
            return str(image.info.get("Title", ""))
    except (OSError, UnidentifiedImageError):  # missing, or not a picture: drawn anew
        return None


def cover_art(show_title: str, path: Path) -> Path:
    """A 3000x3000 RGB PNG: the show title in white on a blue gradient."""
    gradient = Image.linear_gradient("L").resize((COVER_SIZE, COVER_SIZE))
    image = ImageOps.colorize(gradient, COVER_TOP, COVER_BOTTOM).convert("RGB")
    draw_title(ImageDraw.Draw(image), show_title)
    info = PngInfo()
    info.add_text("Title", show_title)
    with atomic_path(path) as tmp:
        image.save(tmp, format="PNG", optimize=True, pnginfo=info)
    return path


def draw_title(draw: ImageDraw.ImageDraw, title: str) -> None:
    """The title as large as fits in 80% of the square, centred."""
    room = COVER_SIZE * 0.8
    for size in range(420, 60, -20):
        font = ImageFont.load_default(size=size)
        lines = wrap(draw, title, font, room)
        height = size * 1.2 * len(lines)
        if height <= room and all(draw.textlength(line, font=font) <= room for line in lines):
            break
    top = (COVER_SIZE - height) / 2
    for number, line in enumerate(lines):
        y = top + number * size * 1.2 + size * 0.6
        draw.text((COVER_SIZE / 2, y), line, font=font, fill="white", anchor="mm")


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
         width: float) -> list[str]:
    """Greedy word wrap to `width` pixels."""
    lines: list[str] = []
    for word in text.split() or [""]:
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def embedded_jpeg(cover: Path, cache_dir: Path | None = None) -> bytes:
    """The cover as a 600x600 JPEG for the MP3's APIC frame; kept in cache_dir by the
    cover's content, as decoding a 3000x3000 PNG each episode is most of the writing time."""
    data = cover.read_bytes()
    cached = (cache_dir / "covers" / f"{hashlib.sha256(data).hexdigest()}-{EMBEDDED_SIZE}.jpg"
              if cache_dir else None)
    if cached and cached.is_file():
        touch(cached)
        return cached.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            small = ImageOps.fit(image.convert("RGB"), (EMBEDDED_SIZE, EMBEDDED_SIZE))
    except (OSError, UnidentifiedImageError):
        raise BriefingError(f"the cover {cover} is not a picture (give a PNG or JPEG)") from None
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=85)
    if cached:
        with contextlib.suppress(OSError), atomic_path(cached) as tmp:  # unwritable: skipped
            tmp.write_bytes(buffer.getvalue())
    return buffer.getvalue()
