"""The finished programme -> MP3 with ID3 tags and chapters, plus transcripts; all atomic."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import signal
import tempfile
import textwrap
import threading
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TPE1,
    USLT,
    WXXX,
    CTOCFlags,
    PictureType,
)

from briefing.errors import Interrupted
from briefing.model import Chapter, Segment, Story

BITRATE = "96k"
STEREO_BITRATE = "128k"
CAPTION_LINE_CHARS, CAPTION_LINES = 32, 2  # a caption at most
# Between a sentence's pause stretched to fit the minutes (350 ms x 1.3) and a paragraph's
# shrunk (700 ms x 0.7): the transcript's paragraphs stay those of the script.
PARAGRAPH_BREAK_MS = 475


@contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """A temporary path beside `final`, renamed over it only if the block succeeds."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.{os.getpid()}.", suffix=".part",
                                dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.chmod(0o644)  # mkstemp makes 0600; web servers publishing out/ must read it
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def uninterrupted(done: str) -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is over (files renamed together, a state
    committed and its feed written), then stop the run with Interrupted(done)."""
    if threading.current_thread() is not threading.main_thread():  # only it gets signals
        yield
        return
    received: list[int] = []
    previous = {number: signal.signal(number, lambda signum, _frame: received.append(signum))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if received:
        raise Interrupted(done)


def remove_stale_parts(directory: Path, older_than_s: float = 600) -> None:
    """Temporary files a killed run left behind: their writer is gone, or they are older
    than any live run's (which last seconds)."""
    cutoff = time.time() - older_than_s
    for leftover in directory.glob(".*.part"):
        with contextlib.suppress(OSError):
            if not writer_alive(leftover) or leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def writer_alive(part: Path) -> bool:
    """Whether the process named in a part's name (.NAME.PID.RANDOM.part) still runs."""
    pid = part.name.rsplit(".", 3)[-3] if part.name.count(".") >= 4 else ""
    if not pid.isdigit():
        return True  # not named by us: judged by its age alone
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def write_text_atomically(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def slugify(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "briefing"


def episode_stem(day: date, title: str, taken: Collection[str] = ()) -> str:
    """DATE-SLUG, with -2, -3... when DATE-SLUG.mp3 is one of the taken names."""
    stem = f"{day.isoformat()}-{slugify(title)}"
    candidates = (stem if n == 1 else f"{stem}-{n}" for n in itertools.count(1))
    return next(c for c in candidates if f"{c}.mp3" not in taken)


def chapters_of(segments: list[Segment], stories: list[Story], total_ms: int) -> list[Chapter]:
    """Intro, one chapter per story (from its title), outro."""
    starts: dict[int, int] = {}
    outro_start = total_ms
    for segment in segments:
        index = segment.part.story_index
        if segment.part.kind == "title" and index is not None:
            starts[index] = segment.start_ms
        if segment.part.kind == "closing":
            outro_start = segment.start_ms
    chapters = [Chapter("Intro", 0, starts.get(0, outro_start))]
    for index, story in enumerate(stories):
        end = starts.get(index + 1, outro_start)
        chapters.append(Chapter(story.article.title, starts[index], end, story.article.url))
    chapters.append(Chapter("Outro", outro_start, total_ms))
    return chapters


def mp3_format(stereo: bool) -> tuple[str, int]:
    """(bitrate, channels): 96 kbps mono, or 128 kbps stereo."""
    return (STEREO_BITRATE, 2) if stereo else (BITRATE, 1)


def tag(
    path: Path, *, title: str, show: str, author: str, day: date, description: str,
    transcript: str, chapters: list[Chapter], cover_jpeg: bytes = b"",
) -> None:
    tags = ID3()
    if cover_jpeg:
        tags.add(APIC(encoding=3, mime="image/jpeg", type=PictureType.COVER_FRONT,
                      desc="Cover", data=cover_jpeg))
    tags.add(TIT2(encoding=3, text=title))
    tags.add(TPE1(encoding=3, text=author))
    tags.add(TALB(encoding=3, text=show))
    tags.add(TDRC(encoding=3, text=day.isoformat()))
    tags.add(TCON(encoding=3, text="Podcast"))
    tags.add(COMM(encoding=3, lang="eng", desc="", text=description))
    tags.add(USLT(encoding=3, lang="eng", desc="transcript", text=transcript))
    ids = [f"chp{i}" for i in range(len(chapters))]
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=ids, sub_frames=[TIT2(encoding=3, text="Chapters")]))
    for element_id, chapter in zip(ids, chapters, strict=True):
        frames = [TIT2(encoding=3, text=chapter.title)]
        if chapter.url:
            frames.append(WXXX(encoding=3, desc="chapter url", url=chapter.url))
        tags.add(CHAP(element_id=element_id, start_time=chapter.start_ms, end_time=chapter.end_ms,
                      sub_frames=frames))
    # v2.3, which every player reads; it has no TDRC (a v2.4 frame): the date goes to TYER.
    tags.update_to_v23()
    tags.save(path, v2_version=3)


def plain_transcript(segments: list[Segment]) -> str:
    """The words as spoken, a paragraph per story section."""
    lines: list[str] = []
    paragraph: list[str] = []
    for segment in segments:
        part = segment.part
        if not part.text:
            continue
        if part.kind != "sentence" and paragraph:  # the closing after a story's last sentence
            lines.append(" ".join(paragraph))
            paragraph = []
        paragraph.append(part.text)
        if part.kind != "sentence" or part.pause_after_ms >= PARAGRAPH_BREAK_MS:
            lines.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        lines.append(" ".join(paragraph))
    return "\n\n".join(lines) + "\n"


def webvtt(segments: list[Segment]) -> str:
    cues = ["WEBVTT", ""]
    for start_ms, end_ms, lines in captions(segments):
        cues += [f"{timestamp(start_ms)} --> {timestamp(end_ms)}",
                 *(escaped(line) for line in lines), ""]
    return "\n".join(cues)


def srt(segments: list[Segment]) -> str:
    cues = []
    for number, (start_ms, end_ms, lines) in enumerate(captions(segments), start=1):
        start, end = timestamp(start_ms, ","), timestamp(end_ms, ",")
        cues.append(f"{number}\n{start} --> {end}\n" + "\n".join(lines) + "\n")
    return "\n".join(cues)


def captions(segments: list[Segment]) -> list[tuple[int, int, list[str]]]:
    """(start, end, lines) of every caption: each spoken part in cues of at most two lines of
    32 characters (Podcasting 2.0's advice for captions), its time shared out by length (the
    voice speaks at an even pace)."""
    cues = []
    for segment in _spoken(segments):
        lines = textwrap.wrap(cue_text(segment.part.text), CAPTION_LINE_CHARS,
                              break_long_words=False, break_on_hyphens=False)
        pieces = [lines[i: i + CAPTION_LINES] for i in range(0, len(lines), CAPTION_LINES)]
        lengths = list(itertools.accumulate(len(" ".join(piece)) for piece in pieces))
        span, start = segment.end_ms - segment.start_ms, segment.start_ms
        for piece, length in zip(pieces, lengths, strict=True):
            end = segment.start_ms + round(span * length / lengths[-1])
            cues.append((start, end, piece))
            start = end
    return cues


def cue_text(text: str) -> str:
    """A cue's text on one line that cannot be taken for a timing line."""
    return " ".join(text.split()).replace("-->", "->")


def escaped(line: str) -> str:
    """WebVTT wants & and < escaped (SRT players show entities as they are, so SRT keeps the
    characters)."""
    return line.replace("&", "&amp;").replace("<", "&lt;")


def chapters_json(chapters: list[Chapter], title: str) -> str:
    """Podcasting 2.0 JSON chapters, version 1.2.0."""
    entries = []
    for chapter in chapters:
        entry = {"startTime": chapter.start_ms / 1000, "endTime": chapter.end_ms / 1000,
                 "title": chapter.title}
        if chapter.url:
            entry["url"] = chapter.url
        entries.append(entry)
    document = {"version": "1.2.0", "title": title, "chapters": entries}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def timestamp(ms: int, separator: str = ".") -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def _spoken(segments: list[Segment]) -> list[Segment]:
    return [segment for segment in segments if segment.part.text]
