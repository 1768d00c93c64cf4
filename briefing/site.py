"""The show's landing page (out/index.html) and its waveform pictures.

The page is self-contained: inline CSS and JS, and only files that sit beside it in out/.
"""

from __future__ import annotations

import html
import subprocess
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from briefing.cover import cover_name, ensure_cover
from briefing.episode import atomic_path, write_text_atomically
from briefing.errors import BriefingError
from briefing.feed import published_at, write_feed
from briefing.model import Chapter, PublishedEpisode, Show

WAVEFORM_SIZE = "1600x200"
SIDE_FILES = ("transcript_vtt", "transcript_srt", "transcript_txt", "chapters_json")
WAVEFORM_COLOUR = "0x2f6db5"

STYLE = """
:root { color-scheme: light dark; --accent: #2f6db5; --muted: #667; --card: #f5f7fa; }
@media (prefers-color-scheme: dark) { :root { --muted: #aab; --card: #1c2230; } }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
       max-width: 48rem; padding: 1.5rem 1rem 4rem; }
header { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; margin-bottom: 2rem; }
header img { width: 10rem; height: 10rem; border-radius: .75rem; object-fit: cover; }
h1 { margin: 0 0 .25rem; font-size: 2rem; }
h2 { margin: 0; font-size: 1.3rem; }
a { color: var(--accent); }
.subscribe { display: inline-block; margin-top: .5rem; padding: .4rem .9rem; border-radius: 2rem;
             background: var(--accent); color: #fff; text-decoration: none; font-weight: 600; }
.episode { background: var(--card); border-radius: .75rem; padding: 1.25rem; margin: 1.25rem 0; }
.meta { color: var(--muted); font-size: .9rem; margin: .2rem 0 .8rem; }
.wave { display: block; width: 100%; height: 4rem; object-fit: fill; cursor: pointer; }
audio { width: 100%; margin: .5rem 0; }
.chapters { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.chapters button { font: inherit; font-size: .85rem; border: 1px solid var(--accent);
                   background: none; color: inherit; border-radius: 1rem; padding: .15rem .7rem;
                   cursor: pointer; }
.chapters button[aria-current="true"] { background: var(--accent); color: #fff; }
.chapters time { color: var(--muted); margin-right: .3rem; }
.files { font-size: .85rem; }
details p { margin: .6rem 0; }
"""

SCRIPT = """
document.addEventListener("click", (event) => {
  const article = event.target.closest(".episode");
  if (!article) return;
  const audio = article.querySelector("audio");
  const chapter = event.target.closest("[data-start]");
  const wave = event.target.closest(".wave");
  if (chapter) {
    audio.currentTime = Number(chapter.dataset.start);
    audio.play().catch(() => {});
  } else if (wave && audio.duration) {
    audio.currentTime = audio.duration * event.offsetX / wave.clientWidth;
  }
});
document.querySelectorAll(".episode audio").forEach((audio) => {
  audio.addEventListener("timeupdate", () => {
    const buttons = audio.closest(".episode").querySelectorAll("[data-start]");
    buttons.forEach((button) => {
      const inside = audio.currentTime >= Number(button.dataset.start)
        && audio.currentTime < Number(button.dataset.end);
      button.setAttribute("aria-current", inside ? "true" : "false");
    });
  });
});
"""


def publish(show: Show, episodes: Sequence[PublishedEpisode], out_dir: Path,
            guid: str = "") -> Path:
    """Cover (if needed), waveforms, index.html and feed.xml; returns the feed's path.
    `guid`: the show's podcast:guid (see write_feed)."""
    ensure_cover(show, out_dir)
    listed = on_disk(episodes, out_dir)
    write_index(show, listed, out_dir)
    return write_feed(show, listed, out_dir, guid=guid)


def on_disk(episodes: Sequence[PublishedEpisode], out_dir: Path) -> list[PublishedEpisode]:
    """The episodes whose MP3 is in out_dir, each without links to side files that are gone.

    Deleting an episode's MP3 by hand takes it off the feed (rather than stopping every later
    run); a deleted transcript or chapters file takes only its link away."""
    listed = []
    for episode in episodes:
        if not (out_dir / episode.mp3).is_file():
            continue
        gone = {field: "" for field in SIDE_FILES
                if getattr(episode, field) and not (out_dir / getattr(episode, field)).is_file()}
        listed.append(replace(episode, **gone) if gone else episode)
    return listed


def waveform_name(episode: PublishedEpisode) -> str:
    return Path(episode.mp3).stem + ".waveform.png"


def waveform_png(mp3: Path, png: Path) -> Path:
    """A picture of the MP3's waveform (ffmpeg showwavespic); kept when newer than the MP3."""
    if png.is_file() and png.stat().st_mtime >= mp3.stat().st_mtime:
        return png
    with atomic_path(png) as tmp:
        command = [
            "ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(mp3),
            "-filter_complex", "aformat=channel_layouts=mono,"
            f"showwavespic=s={WAVEFORM_SIZE}:colors={WAVEFORM_COLOUR}:scale=sqrt",
            "-frames:v", "1", "-c:v", "png", "-f", "image2", "-update", "1", str(tmp),
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BriefingError(f"ffmpeg could not draw the waveform of {mp3}: "
                                f"{result.stderr.strip()[-300:]}")
    return png


def episode_files(episode: PublishedEpisode) -> list[str]:
    """Every file in out/ that belongs to the episode, for deleting a pruned one."""
    names = [episode.mp3, episode.transcript_vtt, episode.transcript_srt, episode.transcript_txt,
             episode.chapters_json, waveform_name(episode)]
    return [name for name in names if name]


def write_index(show: Show, episodes: Sequence[PublishedEpisode], out_dir: Path) -> Path:
    """out_dir/index.html with every episode, newest first."""
    newest_first = sorted(episodes, key=published_at, reverse=True)
    for episode in newest_first:
        waveform_png(out_dir / episode.mp3, out_dir / waveform_name(episode))
    body = "\n".join(episode_html(episode, out_dir) for episode in newest_first)
    path = out_dir / "index.html"
    write_text_atomically(path, page_html(show, body or "<p>No episodes yet.</p>"))
    return path


def page_html(show: Show, episodes_html: str) -> str:
    title = html.escape(show.title)
    return f"""<!doctype html>
<html lang="{html.escape(show.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{html.escape(show.description)}">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/rss+xml" title="{title}" href="feed.xml">
<style>{STYLE}</style>
</head>
<body>
<header>
<img src="{html.escape(cover_name(show))}" alt="{title} cover art">
<div>
<h1>{title}</h1>
<p>{html.escape(show.description)}</p>
<a class="subscribe" href="feed.xml" type="application/rss+xml">Subscribe (RSS)</a>
</div>
</header>
<main>
{episodes_html}
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""


def episode_html(episode: PublishedEpisode, out_dir: Path) -> str:
    moment = published_at(episode)
    mp3 = html.escape(episode.mp3)
    return f"""<article class="episode" id="{html.escape(episode.guid)}">
<h2>{html.escape(episode.title)}</h2>
<p class="meta"><time datetime="{moment.isoformat()}">{moment:%d %B %Y, %H:%M}</time>
 &middot; {clock(episode.duration_s)}</p>
{f"<p>{html.escape(episode.description)}</p>" if episode.description else ""}
<img class="wave" src="{html.escape(waveform_name(episode))}" alt="Waveform of the episode">
<audio controls preload="metadata" src="{mp3}"></audio>
{chapters_html(episode.chapters)}
{stories_html(episode.stories)}
{transcript_html(out_dir, episode.transcript_txt)}
<p class="files">{files_html(episode)}</p>
</article>"""


def clock(seconds: float) -> str:
    """M:SS, or H:MM:SS for an hour or more."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def chapters_html(chapters: Sequence[Chapter]) -> str:
    if not chapters:
        return ""
    items = "".join(
        f'<li><button type="button" data-start="{c.start_ms / 1000:.3f}" '
        f'data-end="{c.end_ms / 1000:.3f}"><time>{clock(c.start_ms / 1000)}</time>'
        f"{html.escape(c.title)}</button></li>"
        for c in chapters
    )
    return f'<ol class="chapters" aria-label="Chapters">{items}</ol>'


def stories_html(stories: Sequence[tuple[str, str]]) -> str:
    if not stories:
        return ""
    items = "".join(
        f'<li><a href="{html.escape(url)}">{html.escape(title)}</a></li>' if url
        else f"<li>{html.escape(title)}</li>"
        for title, url in stories
    )
    return f"<h3>Stories</h3><ol>{items}</ol>"


def transcript_html(out_dir: Path, name: str) -> str:
    if not name or not (out_dir / name).is_file():
        return ""
    text = (out_dir / name).read_text(encoding="utf-8")
    paragraphs = "".join(
        f"<p>{html.escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip()
    )
    return f"<details><summary>Transcript</summary>{paragraphs}</details>"


def files_html(episode: PublishedEpisode) -> str:
    labels = [
        ("MP3", episode.mp3), ("Transcript", episode.transcript_txt),
        ("Captions (VTT)", episode.transcript_vtt), ("Captions (SRT)", episode.transcript_srt),
        ("Chapters (JSON)", episode.chapters_json),
    ]
    return " &middot; ".join(
        f'<a href="{html.escape(name)}">{label}</a>' for label, name in labels if name
    )
