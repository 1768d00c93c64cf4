"""End-to-end benchmark: `generate` on 1, 10 and 50 news articles with each offline voice.

For every (voice, number of articles) it runs the real pipeline (briefing.pipeline.generate) in a
fresh subprocess, REPEATS times with a cold speech cache and each time once more with that cache
warm (the same inputs again), and prints the median of:
  - wall time of the whole run and of each stage (time between progress.stage calls);
  - the engine alone: in the same subprocess, after the run, the run's .txt transcript normalised
    and spoken in ONE engine.synthesize call; the ratio run / engine-alone, cold and cached
    (targets for the default voice on 2 cores: cold <= 1.1x, aim 0.8x; cached <= 0.1x);
  - engine work inside the run: seconds spent in engine.synthesize (summed over threads), calls,
    and characters synthesised / characters in the transcript (1.0 = no wasted synthesis);
  - text time: reading + extracting + sentence splitting + choosing (no speech), per article, so
    growth with the number of articles shows (it should be linear);
  - peak RSS of the run, its process or its largest child, read before the engine alone
    (getrusage; for a cached run, os.wait4; target <= 1 GB);
  - loudness of every output MP3 (integrated LUFS and true peak; target -16 LUFS, < -1 dBTP).
--minutes stays 3.5 for every size (50 articles then means very short stories); one extra run
with 10 articles and --minutes 10 shows a longer programme (--long, "ARTICLESxMINUTES").

Articles: the 55 distinct articles of ../shared/summary-bench/writer-summaries-dev.json, each
written to a temporary .txt file with a title line. Outputs go to a temporary folder.

Run: .venv/bin/python benchmarks/pipeline.py [--voices piper,espeak|all] [--sizes 1,10,50]
     [--repeats 3] [--minutes 3.5] [--long 10x10 | --long none] [--quick]
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_VOICES = ("kokoro", "piper", "festival", "flite", "espeak")
SIZES = (1, 10, 50)
TITLE_WORDS = 10
STAGE_NAMES = ("setup", "reading", "speaking", "mastering", "writing")


def shared_dir() -> Path:
    """The shared material folder: $BRIEFING_SHARED or ../shared next to the repo."""
    override = os.environ.get("BRIEFING_SHARED")
    return Path(override) if override else ROOT.parent / "shared"


# --- the measured run, inside a subprocess ---------------------------------------------------


class StageClock:
    """A progress hook that notes when each stage starts."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float]] = [("setup", time.perf_counter())]

    def stage(self, name: str) -> None:
        self.marks.append((short_stage(name), time.perf_counter()))

    def spoken(self, done: int, total: int) -> None:
        pass

    def durations(self, end: float) -> dict[str, float]:
        ends = [t for _, t in self.marks[1:]] + [end]
        return {name: stop - start for (name, start), stop in zip(self.marks, ends, strict=True)}


def short_stage(name: str) -> str:
    """'summarizing and speaking with piper' -> 'speaking'."""
    for short in STAGE_NAMES:
        if short in name:
            return short
    return name.split()[0]


class TimedEngine:
    """Wraps an engine; adds up the time, calls and characters of every synthesis."""

    def __init__(self, engine: object) -> None:
        self.engine = engine
        self.name = engine.name
        self.install_hint = engine.install_hint
        self.seconds = 0.0
        self.calls = 0
        self.chars = 0

    def available(self) -> bool:
        return self.engine.available()

    def release(self) -> None:
        if hasattr(self.engine, "release"):
            self.engine.release()

    def synthesize(self, text: str, voice: object) -> object:
        start = time.perf_counter()
        audio = self.engine.synthesize(text, voice)
        self.seconds += time.perf_counter() - start
        self.calls += 1
        self.chars += len(text)
        return audio


def install_timed_engine() -> dict[str, TimedEngine]:
    """Make the pipeline use a TimedEngine; returns where to find it after the run."""
    from briefing import voicing

    holder: dict[str, TimedEngine] = {}
    original = voicing.require_engine

    def timed(name: str) -> TimedEngine:
        holder["engine"] = TimedEngine(original(name))
        return holder["engine"]

    voicing.require_engine = timed
    return holder


def cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children so far."""
    return sum(usage.ru_utime + usage.ru_stime for usage in (
        resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def peak_rss_mb() -> float:
    """The most memory this process, or the largest of its finished children, has held."""
    return max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def engine_alone(transcript: Path, voice_name: str) -> tuple[float, float, float, int]:
    """Seconds (wall and CPU) the engine takes to say the whole transcript in one call, audio
    seconds and characters said."""
    from briefing.engines import require_engine
    from briefing.engines.base import release
    from briefing.normalize import normalize_for
    from briefing.voices import load_voice

    voice = load_voice(voice_name)
    spoken = normalize_for(voice, transcript.read_text(encoding="utf-8"))
    engine = require_engine(voice.engine)
    engine.synthesize("Ready.", voice)  # models loaded before the clock starts
    start, cpu = time.perf_counter(), cpu_seconds()
    audio = engine.synthesize(spoken, voice)
    wall = time.perf_counter() - start
    release(engine)  # a speech program's CPU time counts once it has exited
    return wall, cpu_seconds() - cpu, len(audio) / 1000, len(spoken)


def text_only_seconds(sources: list[str], minutes: float, voice_name: str) -> float:
    """Reading, extraction, sentences and choosing, as one run does it, without speech."""
    from briefing.fitting import choose_stories
    from briefing.pipeline import load_articles
    from briefing.voices import load_voice
    from briefing.voicing import Voicing

    voice = load_voice(voice_name)
    voicing = Voicing(voice, None, None, voice.chars_per_second)  # type: ignore[arg-type]
    start = time.perf_counter()
    articles, _ = load_articles(sources, **every_story(load_articles, sources))
    choose_stories(articles, minutes * 60, lambda article: voicing.estimate_seconds)
    return time.perf_counter() - start


def every_story(function: Callable, sources: list[str]) -> dict[str, int]:
    """max_stories=len(sources) when the function caps the number of stories, else nothing."""
    if "max_stories" in inspect.signature(function).parameters:
        return {"max_stories": len(sources)}
    return {}


def import_before_the_clock() -> None:
    """The libraries the library imports when first needed (nltk, scipy: about 2.5 s): the
    clock measures the run, not Python starting up (the same for every run and voice)."""
    import nltk.tokenize.punkt  # noqa: F401
    import scipy.ndimage  # noqa: F401
    import scipy.signal  # noqa: F401


def worker(job: dict) -> dict:
    """One generate run; everything measured comes back as a dict."""
    from briefing.config import Settings
    from briefing.pipeline import generate

    import_before_the_clock()
    holder = install_timed_engine()
    settings = Settings(minutes=job["minutes"], voice=job["voice"], out_dir=Path(job["out"]),
                        cache_dir=Path(job["cache"]))
    clock = StageClock()
    cpu = cpu_seconds()
    episode, failures = generate(job["sources"], settings, clock,
                                 **every_story(generate, job["sources"]))
    end, run_cpu = time.perf_counter(), cpu_seconds() - cpu
    run_rss_mb = peak_rss_mb()  # before the engine alone, whose one long call can use more
    timed = holder["engine"]
    result = {
        "wall": end - clock.marks[0][1], "stages": clock.durations(end),
        "mp3": str(episode.mp3_path), "duration": episode.duration_s,
        "failures": len(failures), "stories": len(episode.stories), "synth_s": timed.seconds,
        "synth_calls": timed.calls, "synth_chars": timed.chars, "run_rss_mb": run_rss_mb,
        "run_cpu": run_cpu,
    }
    if job["measure_engine"]:
        alone, alone_cpu, audio_s, chars = engine_alone(episode.transcript_path, job["voice"])
        result |= {"alone": alone, "alone_cpu": alone_cpu, "alone_audio": audio_s,
                   "script_chars": chars,
                   "text_s": text_only_seconds(job["sources"], job["minutes"], job["voice"])}
    return result


def worker_main(job_json: str) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    print(json.dumps(worker(json.loads(job_json))))


# --- the parent: preparing inputs, running jobs, reporting ------------------------------------


@dataclass
class Run:
    """One subprocess run and what it measured."""

    result: dict
    peak_rss_mb: float


@dataclass
class Config:
    voice: str
    size: int
    minutes: float
    cold: list[Run] = field(default_factory=list)
    cached: list[Run] = field(default_factory=list)
    loudness: list[tuple[float, float]] = field(default_factory=list)


def load_articles_text(path: Path) -> list[str]:
    """The distinct articles of the summary bench, in file order."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for row in rows:
        seen.setdefault(row["article_id"], row["article"])
    return list(seen.values())


def title_of(text: str) -> str:
    """A headline for an article that has none: the start of its first sentence."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    words = first.replace("'", "").split()[:TITLE_WORDS]
    return " ".join(words).rstrip(".,;:-") or "Untitled"


def write_articles(texts: list[str], folder: Path) -> list[str]:
    """Each article as NN-article.txt: a title line, a blank line, the text."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, text in enumerate(texts, 1):
        path = folder / f"{number:02d}-article.txt"
        path.write_text(f"{title_of(text)}\n\n{text.strip()}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def run_job(job: dict) -> Run:
    """Run one generate in a subprocess; its peak RSS (with its children) from wait4."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(job)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        tail = stderr.strip().splitlines()[-1:] or ["(no message)"]
        raise RuntimeError(f"{job['voice']} x{len(job['sources'])}: exit "
                           f"{process.returncode}: {tail[0]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    return Run(result, result.get("run_rss_mb", usage.ru_maxrss / 1024))


def measure_config(config: Config, sources: list[str], work: Path, repeats: int) -> None:
    from briefing.audio import measure_loudness

    for repeat in range(repeats):
        tag = f"{config.voice}-{config.size}-{config.minutes:g}-{repeat}"
        cache = work / "cache" / tag
        job = {"voice": config.voice, "minutes": config.minutes, "sources": sources,
               "cache": str(cache), "measure_engine": True, "out": str(work / "out" / tag)}
        # The re-run is the same command again: same cache, same output folder.
        for runs, measure_engine in ((config.cold, True), (config.cached, False)):
            runs.append(run_job(job | {"measure_engine": measure_engine}))
            level = measure_loudness(Path(runs[-1].result["mp3"]))
            config.loudness.append((level.integrated_lufs, level.true_peak_db))
        print(f"  {tag}: cold {config.cold[-1].result['wall']:.1f}s, cached "
              f"{config.cached[-1].result['wall']:.1f}s", file=sys.stderr, flush=True)


def median(runs: list[Run], key: str) -> float:
    return statistics.median(run.result[key] for run in runs)


def median_stage(runs: list[Run], stage: str) -> float:
    return statistics.median(run.result["stages"].get(stage, 0.0) for run in runs)


def stories(config: Config) -> str:
    """How many stories the episodes had (min..max when runs differ)."""
    counts = sorted({run.result.get("stories", 0) for run in config.cold + config.cached})
    return str(counts[0]) if len(counts) == 1 else f"{counts[0]}..{counts[-1]}"


def summary_table(configs: list[Config]) -> list[str]:
    lines = [
        "| voice | articles | stories | min | run s | engine alone s | run/alone | cached s "
        "| cached/alone | audio s | engine RTF | peak RSS MB | synth chars / script chars "
        "| cached synth calls |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in configs:
        run, alone, cached = median(c.cold, "wall"), median(c.cold, "alone"), median(
            c.cached, "wall")
        waste = median(c.cold, "synth_chars") / max(1, median(c.cold, "script_chars"))
        rss = max(r.peak_rss_mb for r in c.cold + c.cached)
        lines.append(
            f"| {c.voice} | {c.size} | {stories(c)} | {c.minutes:g} | {run:.1f} | {alone:.1f} | "
            f"{run / alone:.2f} | {cached:.1f} | {cached / alone:.3f} | "
            f"{median(c.cold, 'duration'):.1f} | {alone / median(c.cold, 'alone_audio'):.3f} | "
            f"{rss:.0f} | {waste:.2f} | "
            f"{max(r.result['synth_calls'] for r in c.cached)} |")
    return lines


def stage_table(configs: list[Config]) -> list[str]:
    header = " | ".join(f"{s} s" for s in STAGE_NAMES)
    lines = [f"| voice | articles | min | run | {header} | in engine s (sum) | engine calls |",
             "|---|---:|---:|---|" + "---:|" * (len(STAGE_NAMES) + 2)]
    for c in configs:
        for label, runs in (("cold", c.cold), ("cached", c.cached)):
            stages = " | ".join(f"{median_stage(runs, s):.2f}" for s in STAGE_NAMES)
            lines.append(f"| {c.voice} | {c.size} | {c.minutes:g} | {label} | {stages} | "
                         f"{median(runs, 'synth_s'):.1f} | {median(runs, 'synth_calls'):.0f} |")
    return lines


def cpu_table(configs: list[Config]) -> list[str]:
    """The floor no scheduling can beat: all the run's CPU work spread over every core."""
    cores = os.cpu_count() or 1
    lines = [f"| voice | articles | min | run CPU s | engine alone CPU s | cores the engine "
             f"alone keeps busy | floor: run CPU / {cores} cores / alone s | run/alone |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for c in configs:
        alone, run_cpu, alone_cpu = (median(c.cold, key) for key in ("alone", "run_cpu",
                                                                      "alone_cpu"))
        lines.append(f"| {c.voice} | {c.size} | {c.minutes:g} | {run_cpu:.1f} | {alone_cpu:.1f} "
                     f"| {alone_cpu / alone:.2f} | {max(1.0, run_cpu / cores / alone):.2f} | "
                     f"{median(c.cold, 'wall') / alone:.2f} |")
    return lines


def growth_table(configs: list[Config]) -> list[str]:
    lines = ["| voice | articles | run s | run s / article | text s | text ms / article |",
             "|---|---:|---:|---:|---:|---:|"]
    for c in configs:
        run, text = median(c.cold, "wall"), median(c.cold, "text_s")
        lines.append(f"| {c.voice} | {c.size} | {run:.1f} | {run / c.size:.2f} | {text:.2f} | "
                     f"{1000 * text / c.size:.0f} |")
    return lines


def loudness_table(configs: list[Config]) -> list[str]:
    lines = ["| voice | articles | min | MP3s | LUFS (min..max) | true peak dBTP (max) |",
             "|---|---:|---:|---:|---|---:|"]
    for c in configs:
        lufs = [level for level, _ in c.loudness]
        peak = max(p for _, p in c.loudness)
        lines.append(f"| {c.voice} | {c.size} | {c.minutes:g} | {len(c.loudness)} | "
                     f"{min(lufs):.1f} .. {max(lufs):.1f} | {peak:.1f} |")
    return lines


def print_report(configs: list[Config], repeats: int) -> None:
    print(f"Pipeline benchmark: median of {repeats} cold runs (fresh cache) and {repeats} "
          "cached re-runs; engine alone = the run's transcript in one synthesize call.\n")
    for title, table in (("Whole run against the engine alone", summary_table),
                         ("Time per stage (median)", stage_table),
                         ("CPU seconds (median of the cold runs)", cpu_table),
                         ("Growth with the number of articles (cold runs)", growth_table),
                         ("Loudness of every output MP3", loudness_table)):
        print(f"### {title}\n")
        print("\n".join(table(configs)) + "\n")


# --- command line -----------------------------------------------------------------------------


def installed_offline_voices() -> list[str]:
    from briefing.engines import get_engine
    from briefing.voices import list_voices

    return [v.name for v in list_voices()
            if v.engine != "gtts" and get_engine(v.engine).available()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default=",".join(DEFAULT_VOICES),
                        help="comma-separated voice names, or 'all' installed offline voices")
    parser.add_argument("--sizes", default="",
                        help="numbers of articles, e.g. 1,10,50 (default: piper 1,10; others "
                             "1,10,50)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--minutes", type=float, default=3.5)
    parser.add_argument("--long", default="10x10",
                        help="one more run, ARTICLESxMINUTES, for each voice ('none' to skip)")
    parser.add_argument("--quick", action="store_true",
                        help="espeak only, 1 and 10 articles, 1 repeat, no long run")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def plan(args: argparse.Namespace) -> list[Config]:
    if args.quick:
        args.voices, args.sizes, args.repeats, args.long = "espeak", "1,10", 1, "none"
    voices = (installed_offline_voices() if args.voices == "all"
              else [v.strip() for v in args.voices.split(",") if v.strip()])
    configs = []
    for voice in voices:
        sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
                 else SIZES)
        configs += [Config(voice, size, args.minutes) for size in sizes]
        if args.long != "none":
            articles, minutes = args.long.lower().split("x")
            configs.append(Config(voice, int(articles), float(minutes)))
    return configs


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        worker_main(args.worker)
        return 0
    configs = plan(args)
    texts = load_articles_text(shared_dir() / "summary-bench" / "writer-summaries-dev.json")
    failed = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        work = Path(tmp)
        sources = write_articles(texts, work / "articles")
        done = []
        for config in configs:
            try:
                measure_config(config, sources[: config.size], work, args.repeats)
                done.append(config)
            except (RuntimeError, OSError, ValueError) as exc:
                failed.append(str(exc))
    print_report(done, args.repeats)
    for failure in failed:
        print(f"FAILED: {failure}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
