"""Fleet benchmark: 24 editions over 40 stories, made five ways, each from a cold speech cache.

Editions (from the summary bench's articles): 12 regional ones, each a window of 10 of the 40
stories (windows overlap, as regions share national news), and 12 topic ones over all 40, each
keeping the stories that name its topic (the proper names most often shared by 3 to 10
articles). Every edition: 5 stories at most, --minutes 3.5, the same voice (default piper).

Made five ways, each from an empty speech cache and empty output folders:
  - sequential: 24 separate runs, one after the other (each a one-edition fleet, the same as
    `briefing run` with that edition's settings), sharing the speech cache;
  - pool: `briefing fleet run` with its local process pool (workers = 2);
  - celery 1 / celery 2: the same fleet with `broker`, with one or two `briefing worker`
    processes and a real redis-server on a free port; two workers on one machine share its
    cores (`--threads` = cores / 2), as the README says to run them;
  - celery 1-core: one worker held to one core (`--threads 1`): how adding a worker of one
    core scales, where one worker alone already uses every core for its voice.

Reported for each: wall time; CPU seconds per edition (every process, workers included);
synthesis ratio, characters the engines said (the speech cache's log) over the distinct
characters aired (each distinct paragraph of every transcript, normalised as the voice gets
it); peak RSS of the largest worker process. Targets (issue 17): ratio <= 1.05 and 2 workers
at least 1.6x faster than 1.

Run: .venv/bin/python benchmarks/fleet.py [--voice piper] [--editions 24] [--stories 40]
     [--ways sequential,pool,celery1,celery2]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.pipeline import load_articles_text, shared_dir, write_articles  # noqa: E402
from briefing.engines.threads import share_of_cores  # noqa: E402
from briefing.fleet import synthesized_chars  # noqa: E402
from briefing.normalize import normalize  # noqa: E402

WAYS = ("sequential", "pool", "celery1", "celery2", "celery1-core")
REGION_WINDOW = 10
MAX_STORIES = 5
COMMON_WORDS = {"The", "A", "An", "In", "On", "At", "It", "He", "She", "They", "But", "And",
                "This", "That", "His", "Her", "Mr", "Mrs", "We", "I", "For", "As", "After"}


@dataclass
class Measured:
    way: str
    wall_s: float
    cpu_s: float
    editions_ok: int
    synthesized: int
    aired: int
    peak_rss_mb: float


def topics_of(texts: list[str], count: int) -> list[str]:
    """Proper names shared by 3 to 10 articles, most shared first (ties alphabetical)."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update({w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text)} - COMMON_WORDS)
    shared = [w for w, n in seen.items() if 3 <= n <= 10]
    return sorted(shared, key=lambda w: (-seen[w], w))[:count]


def edition_tables(sources: list[str], topics: list[str], editions: int) -> list[str]:
    regional = editions // 2
    tables = []
    for number in range(regional):
        start = number * len(sources) // regional
        window = [sources[(start + k) % len(sources)] for k in range(REGION_WINDOW)]
        tables.append(edition(f"region-{number + 1:02d}", window))
    for topic in topics[:editions - regional]:
        tables.append(edition(f"topic-{topic.lower()}", sources, topic))
    return tables


def edition(name: str, sources: list[str], topic: str = "") -> str:
    listed = ", ".join(f'"{s}"' for s in sources)
    topic_line = f'topics = ["{topic}"]\n' if topic else ""
    return (f'[[editions]]\nname = "{name}"\nshow = "show.toml"\nout = "out/{name}"\n'
            f"sources = [{listed}]\n{topic_line}")


def write_fleet(folder: Path, tables: list[str], broker: str = "", workers: int = 2,
                name: str = "fleet.toml") -> Path:
    head = f'[fleet]\nworkers = {workers}\ncache = "cache"\n'
    if broker:
        head += f'broker = "{broker}"\n'
    path = folder / name
    path.write_text(head + "\n".join(tables), encoding="utf-8")
    return path


def write_show(folder: Path, voice: str) -> None:
    (folder / "show.toml").write_text(
        '[show]\ntitle = "Fleet Bench"\nbase_url = "http://127.0.0.1:8000/"\n'
        f'[briefing]\nvoice = "{voice}"\nminutes = 3.5\nmax_stories = {MAX_STORIES}\n',
        encoding="utf-8")


def briefing(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing", *args]


def children_cpu_and_rss() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no", "--dir", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    return server, f"redis://127.0.0.1:{port}/0"


def run_way(way: str, folder: Path, tables: list[str], env: dict) -> tuple[float, int]:
    """Make every edition this way; wall seconds and editions made."""
    started = time.perf_counter()
    if way == "sequential":
        made = 0
        for number, table in enumerate(tables):
            config = write_fleet(folder, [table], workers=1, name=f"one-{number:02d}.toml")
            done = subprocess.run(briefing("fleet", "run", "--config", str(config)), env=env,
                                  capture_output=True, text=True)
            made += done.returncode == 0
        return time.perf_counter() - started, made
    broker, workers, redis = "", [], None
    if way.startswith("celery"):
        redis, broker = start_redis(folder)
        count = int(way.removesuffix("-core")[-1])
        # As the README says for workers on one machine; "-core": a worker held to one core.
        per_worker = 1 if way.endswith("-core") else share_of_cores(count)
        threads = ["--threads", str(per_worker)]
        workers = [subprocess.Popen(briefing("worker", "--broker", broker, *threads), env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
                   for _ in range(count)]
        started = time.perf_counter()
    config = write_fleet(folder, tables, broker)
    done = subprocess.run(briefing("fleet", "run", "--config", str(config)), env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    for worker in workers:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=120)
    if redis:
        redis.terminate()
        redis.wait(timeout=30)
    made = sum(": published" in line or ": nothing new" in line
               for line in done.stdout.splitlines())
    return wall, made


def aired_chars(out: Path) -> int:
    """Distinct paragraphs of every transcript, at their normalised length."""
    paragraphs = {p.strip() for path in out.rglob("*.txt")
                  for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()}
    return sum(len(normalize(p, "en")) for p in paragraphs)


def measure(way: str, tables: list[str], voice: str, work: Path) -> Measured:
    folder = work / way
    folder.mkdir()
    write_show(folder, voice)
    (folder / "cache").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    cpu_before, _ = children_cpu_and_rss()
    wall, made = run_way(way, folder, tables, env)
    cpu_after, peak = children_cpu_and_rss()
    print(f"  {way}: {wall:.1f} s, {made} editions", file=sys.stderr, flush=True)
    return Measured(way, wall, cpu_after - cpu_before, made,
                    synthesized_chars(folder / "cache" / "speech"), aired_chars(folder / "out"),
                    peak)


def report(results: list[Measured], editions: int, stories: int, voice: str) -> None:
    print(f"Fleet benchmark: {editions} editions over {stories} stories, voice {voice}, "
          f"3.5 minutes, at most {MAX_STORIES} stories each; cold speech cache each way.\n")
    print("| way | wall s | editions made | CPU s per edition | synthesised chars | distinct "
          "aired chars | synthesis ratio | peak RSS of a worker MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        ratio = r.synthesized / r.aired if r.aired else 0
        print(f"| {r.way} | {r.wall_s:.1f} | {r.editions_ok} | {r.cpu_s / editions:.1f} | "
              f"{r.synthesized:,} | {r.aired:,} | {ratio:.3f} | {r.peak_rss_mb:.0f} |")
    walls = {r.way: r.wall_s for r in results}
    if "celery1" in walls and "celery2" in walls:
        print(f"\nCelery, 2 workers against 1: {walls['celery1'] / walls['celery2']:.2f}x "
              "(target >= 1.6x on 2 cores)")
        one = next(r for r in results if r.way == "celery1")
        busy = one.cpu_s / one.wall_s
        print(f"One worker alone keeps {busy:.2f} of {share_of_cores(1)} cores busy (its voice "
              f"uses them all), so a second worker can make it at most "
              f"{share_of_cores(1) / busy:.2f}x faster")
    if "celery1-core" in walls and "celery2" in walls:
        print(f"Per core: 2 workers of one core each against 1 worker held to one core: "
              f"{walls['celery1-core'] / walls['celery2']:.2f}x")
    if "sequential" in walls and "pool" in walls:
        print(f"Local pool against sequential runs: {walls['sequential'] / walls['pool']:.2f}x")
    print("\nPeak RSS is the largest single process of the way (ru_maxrss of the children).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default="piper")
    parser.add_argument("--editions", type=int, default=24)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--ways", default=",".join(WAYS))
    args = parser.parse_args(argv)
    texts = load_articles_text(shared_dir() / "summary-bench" / "writer-summaries-dev.json")
    texts = texts[:args.stories]
    with tempfile.TemporaryDirectory(prefix="briefing-fleet-") as tmp:
        work = Path(tmp)
        sources = write_articles(texts, work / "articles")
        tables = edition_tables(sources, topics_of(texts, args.editions), args.editions)
        results = [measure(way, tables, args.voice, work)
                   for way in args.ways.split(",") if way.strip()]
    report(results, len(tables), len(texts), args.voice)
    return 0 if all(r.editions_ok == len(tables) for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
