"""SOURCE strings -> raw documents: files and stdin (URLs and feeds come later)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from briefing.errors import BriefingError
from briefing.model import Document

MAX_BYTES = 20 * 1024 * 1024
HTML_MARKERS = ("<!doctype html", "<html", "<body", "<article", "<p>", "<div")


def read_source(source: str, stdin: BinaryIO | None = None) -> Document:
    """Read one SOURCE: a file path, or "-" for standard input."""
    if source == "-":
        data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
        return to_document(data, origin="standard input")
    path = Path(source)
    if not path.exists():
        raise BriefingError(f"{source}: no such file")
    if path.is_dir():
        raise BriefingError(f"{source}: is a directory; give an article file")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BriefingError(f"{source}: cannot read it ({exc.strerror})") from exc
    return to_document(data, origin=source)


def to_document(data: bytes, origin: str) -> Document:
    if len(data) > MAX_BYTES:
        raise BriefingError(f"{origin}: larger than {MAX_BYTES // 2**20} MB; not an article")
    if not data.strip():
        raise BriefingError(f"{origin}: is empty; give a file with an article in it")
    text = decode(data, origin)
    kind = "html" if looks_like_html(text) else "text"
    return Document(text=text, origin=origin, kind=kind)


def decode(data: bytes, origin: str) -> str:
    if b"\0" in data[:8192]:
        raise BriefingError(f"{origin}: is a binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BriefingError(f"{origin}: is not readable text (unknown encoding)")
    return str(best)


def looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    return any(marker in head for marker in HTML_MARKERS)
