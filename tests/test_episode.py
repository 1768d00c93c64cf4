import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from pydub.generators import Sine

from briefing import episode
from briefing.audio import encode_mp3
from briefing.model import Article, Chapter, Part, Segment, Sentence, Story


def test_atomic_path_leaves_the_old_file_when_the_write_fails(tmp_path: Path):
    target = tmp_path / "episode.mp3"
    target.write_text("old")
    with pytest.raises(RuntimeError), episode.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("crash midway")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_atomic_path_replaces_on_success(tmp_path: Path):
    target = tmp_path / "a.txt"
    episode.write_text_atomically(target, "new")
    assert target.read_text() == "new" and len(list(tmp_path.iterdir())) == 1


def test_slug_and_stem():
    assert episode.episode_stem(date(2026, 1, 2), "U.S. Will Defend Its Forces!") == (
        "2026-01-02-u-s-will-defend-its-forces")
    assert episode.slugify("¿¡!") == "briefing"


def test_mp3_carries_tags_transcript_and_chapters(tmp_path: Path):
    audio = Sine(440).to_audio_segment(duration=3000, volume=-20).set_frame_rate(44100)
    chapters = [Chapter("Intro", 0, 1000), Chapter("Story", 1000, 2500, "https://e.org/a"),
                Chapter("Outro", 2500, 3000)]
    path = tmp_path / "e.mp3"
    encode_mp3(audio, path, *episode.mp3_format(stereo=False))
    episode.tag(path, title="T", show="S", author="A", day=date(2026, 1, 2),
              description="D", transcript="Words.", chapters=chapters)
    tags = ID3(path)
    assert str(tags["TIT2"]) == "T" and str(tags["TALB"]) == "S" and str(tags["TPE1"]) == "A"
    assert str(tags["TDRC"]) == "2026-01-02"  # as mutagen reads it: from v2.3's TYER and TDAT
    raw = ID3(path, translate=False)
    assert raw.version == (2, 3, 0) and "TDRC" not in raw  # TDRC is v2.4 only
    assert (str(raw["TYER"]), str(raw["TDAT"])) == ("2026", "0201")
    assert tags.getall("USLT")[0].text == "Words."
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.start_time, c.end_time) for c in chaps] == [(0, 1000), (1000, 2500), (2500, 3000)]
    assert chaps[1].sub_frames.getall("WXXX")[0].url == "https://e.org/a"
    assert tags.getall("CTOC")[0].child_element_ids == ["chp0", "chp1", "chp2"]


def segments() -> list[Segment]:
    parts = [Part("intro_tone"), Part("opening", "Hello.", None, 800), Part("title", "T.", 0, 600),
             Part("sentence", "One.", 0, 350), Part("sentence", "Two.", 0, 700),
             Part("sentence", "Three.", 0, 900), Part("closing", "Bye.", None, 400)]
    return [Segment(p, i * 1000, i * 1000 + 800) for i, p in enumerate(parts)]


def test_transcript_groups_paragraphs():
    text = episode.plain_transcript(segments())
    assert text == "Hello.\n\nT.\n\nOne. Two.\n\nThree.\n\nBye.\n"


def test_webvtt_cues_follow_the_segments():
    vtt = episode.webvtt(segments())
    assert vtt.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:01.800\nHello.\n")


def test_cue_text_cannot_break_a_subtitle_file():
    odd = [Segment(Part("sentence", "Profits <5% at AT&T --> down\nsharply.", 0, 350), 0, 900)]
    assert "Profits &lt;5% at AT&amp;T -> down\nsharply.\n" in episode.webvtt(odd)
    assert "Profits <5% at AT&T -> down\nsharply.\n" in episode.srt(odd)


def test_a_long_sentence_is_captioned_in_short_cues_that_share_its_time():
    sentence = ("The building has regenerated the area around Melton Mowbray's railway station, "
                "once a muddy pot-holed piece of wasteland where those in the know parked for "
                "free.")
    cues = episode.captions([Segment(Part("sentence", sentence, 0, 350), 23_576, 31_453)])
    assert all(len(lines) <= 2 and all(len(line) <= 32 for line in lines)
               for _, _, lines in cues)
    assert " ".join(line for _, _, lines in cues for line in lines) == sentence
    assert cues[0][0] == 23_576 and cues[-1][1] == 31_453
    assert all(end == following[0] for (_, end, _), following in zip(cues, cues[1:],
                                                                      strict=False))
    assert all(start < end for start, end, _ in cues)
    srt = episode.srt([Segment(Part("sentence", sentence, 0, 350), 23_576, 31_453)])
    assert srt.startswith("1\n00:00:23,576 --> ") and f"\n{len(cues)}\n" in srt


def test_chapters_follow_story_titles():
    article = Article("Story one", ("x",), url="https://e.org/1")
    story = Story(article, (Sentence("x", 0, 0),))
    chapters = episode.chapters_of(segments(), [story], 8000)
    assert [(c.title, c.start_ms, c.end_ms) for c in chapters] == [
        ("Intro", 0, 2000), ("Story one", 2000, 6000), ("Outro", 6000, 8000)]
    assert chapters[1].url == "https://e.org/1"


def test_parts_of_dead_writers_go_and_a_live_writers_part_stays(tmp_path: Path):
    dead = 2**22 + 1  # above the largest pid Linux allows
    mine = tmp_path / f".a.mp3.{os.getpid()}.x1y2.part"
    gone = tmp_path / f".b.mp3.{dead}.x1y2.part"
    foreign = tmp_path / ".c.mp3.tmp.part"  # not named by us: judged by age alone
    for part in (mine, gone, foreign):
        part.write_bytes(b"half")
    episode.remove_stale_parts(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, foreign.name])


def test_a_taken_name_gets_a_number():
    day = date(2026, 12, 3)
    assert episode.episode_stem(day, "Big News!") == "2026-12-03-big-news"
    taken = {"2026-12-03-big-news.mp3", "2026-12-03-big-news-2.mp3"}
    assert episode.episode_stem(day, "Big News!", taken) == "2026-12-03-big-news-3"


def test_transcript_keeps_its_paragraphs_when_the_pauses_were_shrunk_to_fit():
    shrunk = [Segment(replace(s.part, pause_after_ms=round(s.part.pause_after_ms * 0.7)),
                      s.start_ms, s.end_ms) if s.part.kind == "sentence" else s
              for s in segments()]
    assert episode.plain_transcript(shrunk) == "Hello.\n\nT.\n\nOne. Two.\n\nThree.\n\nBye.\n"
    stretched = [Segment(replace(s.part, pause_after_ms=round(s.part.pause_after_ms * 1.3)),
                         s.start_ms, s.end_ms) if s.part.kind == "sentence" else s
                 for s in segments()]
    assert episode.plain_transcript(stretched) == episode.plain_transcript(segments())
