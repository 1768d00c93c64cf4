"""The command line, run as a user runs it: a real process, real engines, real ffmpeg."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from briefing.engines import get_engine
from tests.helpers import (
    DATA,
    EXAMPLE,
    REPO,
    clipped_samples,
    duration_s,
    run,
    silences,
)

NOISE = ["please wait", "No media source", "0:00", "XS", "Accessibility links", "(file)"]
PULL_QUOTE = "The Coalition reserves the right to defend itself"


@pytest.fixture(scope="module")
def espeak_episode(tmp_path_factory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("out")
    result = run("generate", str(EXAMPLE), "--voice", "espeak", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout), out


def test_generate_prints_one_json_object_naming_the_files(espeak_episode):
    info, out = espeak_episode
    assert set(info) == {"mp3", "transcript", "duration_s", "stories"}
    assert Path(info["mp3"]).parent == out and Path(info["mp3"]).suffix == ".mp3"
    assert Path(info["transcript"]).is_file()
    [story] = info["stories"]
    assert story["title"] == "U.S. Will Defend Its Forces in Iraq and Syria"
    assert 5 < story["start_s"] < 15


def test_mp3_is_44k_mono_and_as_long_as_reported(espeak_episode):
    info, _ = espeak_episode
    mp3 = Path(info["mp3"])
    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-of", "json", str(mp3)],
        capture_output=True, check=True).stdout)["streams"][0]
    assert probe["sample_rate"] == "44100" and probe["channels"] == 1
    assert int(probe["bit_rate"]) >= 96000
    assert duration_s(mp3) == pytest.approx(info["duration_s"], abs=0.2)


def test_short_article_is_read_whole_within_the_target(espeak_episode):
    info, _ = espeak_episode
    # The example is about 380 words: read whole, never padded, under 3.5 minutes.
    assert 100 < info["duration_s"] <= 3.5 * 60 + 5


def test_speech_never_stops_for_more_than_two_seconds(espeak_episode):
    info, _ = espeak_episode
    assert silences(Path(info["mp3"]), min_seconds=2.0) == []


def test_no_clipped_samples(espeak_episode):
    info, _ = espeak_episode
    assert clipped_samples(Path(info["mp3"])) == 0


def test_transcript_has_no_page_furniture_and_the_pull_quote_once(espeak_episode):
    info, _ = espeak_episode
    transcript = Path(info["transcript"]).read_text()
    for noise in NOISE:
        assert noise not in transcript
    assert transcript.count(PULL_QUOTE) == 1
    assert "Daesh [ISIS]" in transcript  # the article's own words, as written


def test_tags_are_readable(espeak_episode):
    info, _ = espeak_episode
    tags = ID3(info["mp3"])
    assert "U.S. Will Defend" in str(tags["TIT2"])
    assert str(tags["TALB"]) == "News Briefing"
    assert str(tags["TPE1"]) and str(tags["TDRC"])


def test_generate_to_length_with_long_articles(tmp_path: Path):
    articles = sorted((DATA / "articles").glob("*.txt"))
    result = run("generate", *map(str, articles), "--voice", "espeak", "--minutes", "1.5",
                 "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    info = json.loads(result.stdout)
    assert len(info["stories"]) == 2
    assert duration_s(Path(info["mp3"])) == pytest.approx(90, abs=5)


@pytest.mark.slow
def test_default_voice_kokoro_makes_the_example(tmp_path: Path):
    result = run("generate", str(EXAMPLE), "--out", str(tmp_path), "--json", "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    info = json.loads(result.stdout)
    assert 100 < info["duration_s"] <= 215
    assert silences(Path(info["mp3"])) == []


def test_extract_json_has_the_fields(tmp_path: Path):
    result = run("extract", str(EXAMPLE), "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert set(data) == {"title", "author", "date", "source", "url", "text"}
    assert data["title"] == "U.S. Will Defend Its Forces in Iraq and Syria"
    assert data["text"].startswith("The U.S. mission in Iraq")


def test_sentences_prints_one_a_line_from_stdin():
    result = run("sentences", "-", stdin=EXAMPLE.read_bytes())
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0
    assert lines[0] == ("The U.S. mission in Iraq has officially transitioned from a combat "
                        "mission to one of advising and supporting the Iraqi security forces.")
    assert len(lines) == 14


def test_summarize_words_json():
    result = run("summarize", str(DATA / "articles" / "oz-columbia.txt"), "--words", "60",
                 "--voice", "espeak", "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert set(data) == {"title", "sentences", "words", "seconds"}
    assert 20 <= data["words"] <= 60 and data["seconds"] > 5


def test_summarize_explain_shows_the_lead_and_why_the_rest_is_left_out():
    result = run("summarize", str(DATA / "articles" / "oz-columbia.txt"), "--words", "60",
                 "--explain")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    lead = next(line for line in lines if line.startswith("  lead: "))[len("  lead: "):]
    aired = [line[4:] for line in lines if line.startswith("  + ")]
    assert aired[0] == lead
    assert any(line.startswith("  - [time] ") for line in lines)
    result = run("summarize", str(DATA / "articles" / "oz-columbia.txt"), "--words", "60",
                 "--explain", "--json", "--voice", "espeak")
    data = json.loads(result.stdout)
    assert data["sentences"][0] == data["lead"] == lead
    assert {item["reason"] for item in data["left_out"]} >= {"time"}


def test_a_story_in_another_language_is_left_out_not_read_by_the_english_voice(tmp_path):
    result = run("generate", str(EXAMPLE), str(DATA / "articles" / "porto-metro-pt.txt"),
                 "--voice", "espeak", "--minutes", "1", "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    assert ("left out 'Metro do Porto vai abrir nova linha até Gaia em março': it is in "
            "Portuguese; the briefing is in English") in result.stderr.decode()
    info = json.loads(result.stdout)
    assert [s["title"] for s in info["stories"]] == [
        "U.S. Will Defend Its Forces in Iraq and Syria"]
    result = run("summarize", str(EXAMPLE), "--lang", "en,xx", "--words", "40")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "briefing: error: --lang 'xx' is not a language code (e.g. en, pt, de-AT)")
    result = run("summarize", str(DATA / "articles" / "porto-metro-pt.txt"), "--lang", "en",
                 "--words", "40")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("briefing: error: no story is in English: 'Metro do")


def test_a_briefing_that_reads_two_languages_gives_each_story_its_own_voice(tmp_path):
    result = run("generate", str(EXAMPLE), str(DATA / "articles" / "porto-metro-pt.txt"),
                 "--voice", "espeak", "--lang", "en,pt", "--minutes", "2", "--out",
                 str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    assert "left out" not in result.stderr.decode()
    info = json.loads(result.stdout)
    assert info["stories"][1]["title"] == "Metro do Porto vai abrir nova linha até Gaia em março"
    assert info["duration_s"] == pytest.approx(120, abs=5)
    transcript = Path(info["transcript"]).read_text(encoding="utf-8")
    assert "Tempo de leitura" not in transcript and "Deixe suas" not in transcript


def test_summarize_words_needs_no_voice():
    if get_engine("rhvoice").available():
        pytest.skip("needs a voice that is not installed; rhvoice (optional) is installed")
    args = ("summarize", str(DATA / "articles" / "oz-columbia.txt"), "--words", "40",
            "--voice", "rhvoice-alan")
    result = run(*args)
    assert result.returncode == 0, result.stderr.decode()
    assert 20 <= len(result.stdout.decode().split()) <= 60
    result = run(*args, "--json")
    assert result.returncode == 2 and "not installed" in result.stderr.decode()


def test_a_cache_that_cannot_be_written_costs_time_not_the_briefing(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run("generate", str(EXAMPLE), "--voice", "espeak", "--minutes", "0.5",
                 "--out", str(tmp_path / "out"), "--json", cache=blocker / "cache")
    assert result.returncode == 0, result.stderr.decode()
    assert duration_s(Path(json.loads(result.stdout)["mp3"])) > 20


def test_voices_lists_installed_engines():
    lines = run("voices").stdout.decode()
    assert "piper" in lines and "espeak" in lines and "installed" in lines
    gtts = next(line for line in lines.splitlines() if line.startswith("gtts "))
    assert "online only" in gtts  # installed, but it speaks through Google's servers


@pytest.mark.parametrize(("args", "message"), [
    (["generate", "missing.txt"], "missing.txt: no such file"),
    (["generate", "tests"], "is a directory"),
    (["generate", "EMPTY"], "is empty"),
    (["generate", "BINARY"], "binary"),
    (["generate", str(EXAMPLE), "--voice", "nope"], "unknown voice 'nope'"),
    (["generate", str(EXAMPLE), "--minutes", "0"], "--minutes must be more than 0"),
    (["generate", str(EXAMPLE), "--minutes", "-1"], "--minutes must be more than 0"),
    (["extract", "missing.txt"], "no such file"),
    (["summarize", str(EXAMPLE), "--minutes", "0"], "--minutes must be more than 0"),
    (["generate", str(EXAMPLE), "--lang", "de", "--voice", "piper"], "speaks 'en', not 'de'"),
    (["generate", str(EXAMPLE), "--lang", "xx", "--voice", "espeak"], "'xx' is not a language"),
    (["generate", str(EXAMPLE), "--lang", "ko", "--voice", "espeak"], "no voice speaks 'ko'"),
    (["generate", str(EXAMPLE), "--date", "2026-13-01"], "Invalid value for '--date'"),
    (["generate", str(EXAMPLE), "--max-stories", "0"], "Invalid value for '--max-stories'"),
    (["generate"], "Missing argument 'SOURCES...'"),
    (["--verison"], "No such option: --verison"),
    (["init", "no/such/folder/show.toml"], "cannot write no/such/folder/show.toml"),
    (["run", "--config", "show.toml", "--wait", "-1"], "Invalid value for '--wait'"),
    (["run", "--config", "show.toml", "--wait", "nan"], "not a number of seconds"),
])
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path: Path, args, message):
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    args = [{"EMPTY": str(tmp_path / "empty.txt"), "BINARY": str(tmp_path / "binary.txt")}
            .get(a, a) for a in args]
    out = tmp_path / "out"
    if args[0] == "generate":
        args += ["--voice", "espeak"] if "--voice" not in args else []
        args += ["--out", str(out)]
    result = run(*args)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr
    assert not out.exists() or not any(out.iterdir())


def cue_times(path: Path) -> list[tuple[float, float]]:
    """(start, end) seconds of every cue of a WebVTT or SRT file."""
    def seconds(stamp: str) -> float:
        hours, minutes, rest = stamp.strip().replace(",", ".").split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(rest)

    return [tuple(seconds(t) for t in line.split(" --> ")[:2])
            for line in path.read_text().splitlines() if " --> " in line]


def test_transcript_cues_start_and_end_where_the_speech_does(espeak_episode):
    info, _ = espeak_episode
    mp3 = Path(info["mp3"])
    vtt, srt = cue_times(mp3.with_suffix(".vtt")), cue_times(mp3.with_suffix(".srt"))
    assert len(vtt) > 10
    flat = [t for cue in vtt for t in cue]
    assert [t for cue in srt for t in cue] == pytest.approx(flat, abs=0.002)  # the same cues
    quiet = silences(mp3, min_seconds=0.25, noise_db=-40)
    onsets = [end for _, end in quiet]
    offsets = [start for start, _ in quiet]
    for start, end in spoken_parts(vtt):
        assert min(abs(start - onset) for onset in onsets) < 0.2, start
        assert min(abs(end - offset) for offset in offsets) < 0.2, end


def spoken_parts(cues: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Cues that follow one another without a gap are one part said (a long sentence's
    captions): the speech starts with the first and ends with the last."""
    parts: list[tuple[float, float]] = []
    for start, end in cues:
        if parts and abs(parts[-1][1] - start) < 0.0005:
            parts[-1] = (parts[-1][0], end)
        else:
            parts.append((start, end))
    return parts


def test_srt_and_json_chapters_sit_beside_the_mp3(espeak_episode):
    info, _ = espeak_episode
    mp3 = Path(info["mp3"])
    srt = mp3.with_suffix(".srt").read_text()
    assert srt.startswith("1\n00:00:0") and " --> " in srt
    chapters = json.loads(mp3.with_suffix(".chapters.json").read_text())
    assert chapters["version"] == "1.2.0"
    assert [c["title"] for c in chapters["chapters"]][1] == info["stories"][0]["title"]
    start = info["stories"][0]["start_s"]
    assert chapters["chapters"][1]["startTime"] == pytest.approx(start, abs=0.01)


def test_stereo_option(tmp_path: Path):
    result = run("generate", str(EXAMPLE), "--voice", "espeak", "--minutes", "0.5", "--stereo",
                 "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    mp3 = json.loads(result.stdout)["mp3"]
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=channels",
                            "-of", "csv=p=0", mp3], capture_output=True, text=True).stdout
    assert probe.strip() == "2"


GERMAN = """Bahn investiert Milliarden in neue Strecken

Die Deutsche Bahn will in den kommenden fünf Jahren 2,5 Milliarden Euro in neue \
Schnellfahrstrecken investieren. Das teilte der Konzern am 3. Mai in Berlin mit.

Die ersten Züge sollen nach Angaben des Unternehmens bereits Ende 2027 fahren. Kritiker \
bezweifeln jedoch, dass der Zeitplan eingehalten werden kann.
"""


def test_german_article_is_recognised_and_read_by_a_german_voice(tmp_path: Path):
    article = tmp_path / "bahn.txt"
    article.write_text(GERMAN, encoding="utf-8")
    result = run("generate", str(article), "--out", str(tmp_path / "out"),
                 "--json")
    assert result.returncode == 0, result.stderr.decode()
    info = json.loads(result.stdout)
    transcript = Path(info["transcript"]).read_text(encoding="utf-8")
    assert transcript.startswith("Das ist News Briefing für ")
    assert "Eine Meldung." in transcript and "Danke fürs Zuhören." in transcript
    assert "2,5 Milliarden Euro" in transcript
    assert 20 < info["duration_s"] < 60


def test_lang_flag_picks_the_language_and_its_voice_for_an_article_that_names_none(
        tmp_path: Path):
    article = tmp_path / "trenes.txt"
    article.write_text("Nuevos trenes nocturnos\n\nLa empresa anunció el martes que pondrá en "
                       "marcha tres nuevas líneas de trenes nocturnos el próximo año.\n",
                       encoding="utf-8")
    result = run("generate", str(article), "--lang", "es", "--out", str(tmp_path / "out"),
                 "--json", "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    transcript = Path(json.loads(result.stdout)["transcript"]).read_text(encoding="utf-8")
    assert transcript.startswith("Esto es News Briefing del ")
    assert "Gracias por escuchar." in transcript


def test_voices_calibrate_and_sample_from_the_cli(tmp_path: Path):
    env_file = tmp_path / "cal.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "cli.py"), "voices", "calibrate", "espeak"],
        capture_output=True, text=True, env={**os.environ, "BRIEFING_CALIBRATION": str(env_file)})
    assert result.returncode == 0 and "characters a second" in result.stdout
    assert env_file.is_file()
    sample = tmp_path / "sample.mp3"
    result = run("voices", "sample", "espeak", "--out", str(sample))
    assert result.returncode == 0 and duration_s(sample) > 3


def test_mp3_embeds_the_cover_art(espeak_episode):
    info, out = espeak_episode
    [picture] = ID3(info["mp3"]).getall("APIC")
    assert picture.mime == "image/jpeg" and picture.type == 3
    assert picture.data[:2] == b"\xff\xd8" and len(picture.data) < 200_000
    assert (out / "cover.png").is_file()


def episode_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def test_killed_or_interrupted_generate_leaves_the_previous_episode_whole(tmp_path: Path):
    import signal
    import time

    out, cache = tmp_path / "out", tmp_path / "cache"
    args = [sys.executable, str(REPO / "cli.py"), "generate", str(EXAMPLE), "--voice", "espeak",
            "--minutes", "1", "--out", str(out), "--quiet"]
    env = {**os.environ, "BRIEFING_CACHE": str(cache)}
    assert subprocess.run(args, env=env, capture_output=True).returncode == 0
    before = episode_files(out)
    for delay in (0.3, 0.8, 1.3, 1.8, 2.3, 2.8):
        process = subprocess.Popen([*args, "--title", "A different title"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        after = episode_files(out)
        assert set(after) == set(before)
        # Never a mix of old and new: the MP3's tags agree with the files beside it.
        [mp3] = out.glob("*.mp3")
        tags = ID3(mp3)
        chapters = json.loads(mp3.with_suffix(".chapters.json").read_text())
        assert str(tags["TIT2"]) == chapters["title"], delay
        assert tags.getall("USLT")[0].text == mp3.with_suffix(".txt").read_text(), delay
        assert duration_s(mp3) > 30
        before = after
    leftovers = set(out.glob(".*.part"))  # what kill -9 left: the next runs clear them
    # An empty cache makes the run speak everything again, and the signal goes once the
    # first sentence is spoken: mid-run. (A signal that lands as Python shuts down, after
    # publishing, kills it with -2 instead.)
    cold = tmp_path / "cold-cache"
    process = subprocess.Popen([*args, "--title", "Interrupted"],
                               env={**env, "BRIEFING_CACHE": str(cold)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not any(cold.glob("??/*.wav")) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err
    assert episode_files(out) == before and set(out.glob(".*.part")) <= leftovers
    assert subprocess.run(args, env=env, capture_output=True).returncode == 0


def test_date_names_the_day_in_the_file_the_opening_line_and_the_tags(tmp_path: Path):
    result = run("generate", str(EXAMPLE), "--voice", "espeak", "--minutes", "0.5",
                 "--date", "2025-07-04", "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    info = json.loads(result.stdout)
    assert Path(info["mp3"]).name.startswith("2025-07-04-")
    assert "Friday, July 4, 2025" in Path(info["transcript"]).read_text()
    assert str(ID3(info["mp3"])["TDRC"]) == "2025-07-04"


def test_ffprobe_reads_the_tags_and_chapters(espeak_episode):
    info, _ = espeak_episode
    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of", "json", info["mp3"]],
        capture_output=True, check=True).stdout)
    titles = [c["tags"]["title"] for c in sorted(probe["chapters"],
                                                 key=lambda c: float(c["start_time"]))]
    assert titles == ["Intro", info["stories"][0]["title"], "Outro"]
    assert probe["format"]["tags"]["album"] == "News Briefing"


def test_a_missing_pronunciations_file_is_one_line_before_any_work(tmp_path: Path):
    result = run("generate", str(EXAMPLE), "--voice", "espeak", "--out", str(tmp_path),
                 "--pronunciations", str(tmp_path / "names.toml"))
    assert result.returncode == 2
    assert result.stderr.decode().strip().endswith("names.toml: no such pronunciations file")
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_ctrl_c_that_waited_for_whole_files_is_one_line_and_exit_130(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from briefing import cli
    from briefing.errors import Interrupted

    def interrupted_at_the_end(*args, **kwargs):
        raise Interrupted("the episode's files were written whole")

    monkeypatch.setattr(cli.pipeline, "generate", interrupted_at_the_end)
    result = CliRunner(mix_stderr=False).invoke(cli.main, ["generate", str(EXAMPLE), "--out",
                                                    str(tmp_path)])
    assert result.exit_code == 130
    assert result.stderr == ("briefing: error: interrupted; the episode's files were written "
                             "whole\n")


def test_an_output_folder_under_a_file_is_one_line(tmp_path: Path):
    (tmp_path / "afile").write_text("x")
    result = run("generate", str(EXAMPLE), "--voice", "espeak", "--minutes", "0.5",
                 "--out", str(tmp_path / "afile" / "sub"))
    assert result.returncode == 2
    assert result.stderr.decode() == f"briefing: error: {tmp_path / 'afile' / 'sub'}: Not a " \
                                     "directory\n"


def test_a_full_disk_is_one_line(monkeypatch, tmp_path):
    import errno

    from click.testing import CliRunner

    from briefing import cli

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".e.mp3.1.part"))

    monkeypatch.setattr(cli.pipeline, "generate", disk_full)
    result = CliRunner(mix_stderr=False).invoke(cli.main, ["generate", str(EXAMPLE)])
    assert result.exit_code == 2
    assert result.stderr == f"briefing: error: {tmp_path}/.e.mp3.1.part: No space left on " \
                            "device\n"


@pytest.mark.slow
def test_an_anchor_frames_the_briefing_and_correspondents_read_the_stories(tmp_path: Path):
    from briefing.audio import integrated_lufs
    from tests.helpers import decoded, median_pitch_hz, vtt_cues

    stories = [str(DATA / "articles" / name)
               for name in ("supreme-court-health-law.txt", "oz-columbia.txt")]
    result = run("generate", *stories, "--anchor", "festival", "--correspondents", "espeak",
                 "--minutes", "1.5", "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    info = json.loads(result.stdout)
    samples, rate = decoded(Path(info["mp3"])), 16000
    cues = vtt_cues(Path(info["mp3"]).with_suffix(".vtt"))
    first_story = info["stories"][0]["start_s"]
    anchor = [c for c in cues if c[1] <= first_story]  # the opening
    title = next(c for c in cues if c[0] >= first_story)
    reported = [c for c in cues if c[0] > title[1] + 0.1]

    def stretch(chosen: list) -> object:
        import numpy as np

        return np.concatenate([samples[int(s * rate):int(e * rate)] for s, e, _ in chosen])

    # festival's woman (slt) anchors and says the titles; espeak's man reads the stories.
    assert median_pitch_hz(stretch(anchor)) > 150 > median_pitch_hz(stretch(reported[:6]))
    assert median_pitch_hz(stretch([title])) > 150
    # Every voice levelled to the same loudness.
    levels = [integrated_lufs(stretch(part).astype("float32")) for part in (anchor, reported)]
    assert abs(levels[0] - levels[1]) < 2.0, levels


def test_summarize_minutes_chooses_what_a_briefing_of_that_length_would_air():
    stories = [str(EXAMPLE), *(str(DATA / "articles" / name)
                               for name in ("supreme-court-health-law.txt", "oz-columbia.txt"))]
    result = run("summarize", *stories, "--minutes", "0.75", "--voice", "espeak", "--json")
    assert result.returncode == 0, result.stderr.decode()
    aired = [json.loads(line) for line in result.stdout.decode().splitlines()]
    left_out = result.stderr.decode().splitlines()
    assert len(aired) + len(left_out) == 3 and left_out
    assert all(line.endswith("no time for its lead in 0.75 minutes") for line in left_out)
    assert sum(story["seconds"] for story in aired) < 45  # the opening and titles need time too


def test_an_entry_read_from_its_feeds_summary_is_not_called_skipped(capsys):
    from briefing.cli import report_failures
    from briefing.pipeline import Failure

    report_failures([Failure("feed.xml#entry-3", "feed.xml#entry-3: only the feed's summary: "
                                                 "404 Not Found", skipped=False),
                     Failure("gone.txt", "gone.txt: no such file")])
    assert capsys.readouterr().err.splitlines() == [
        "briefing: feed.xml#entry-3: only the feed's summary: 404 Not Found "
        "(the summary is read instead)",
        "briefing: skipped gone.txt: no such file"]


@pytest.mark.parametrize("command", [["extract"], ["sentences"], ["summarize", "--words", "30"]])
def test_the_text_commands_print_what_they_read_and_exit_3_when_a_source_failed(command):
    result = run(*command, str(EXAMPLE), "missing.txt")
    assert result.returncode == 3, result.stderr.decode()
    assert result.stderr.decode().strip() == "briefing: skipped missing.txt: no such file"
    assert result.stdout.decode().strip()  # the example was still read
    assert run(*command, str(EXAMPLE)).returncode == 0
