"""A fleet on Celery for real: a redis-server on a free port, worker processes, kill -9."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from tests.helpers import DATA, EXAMPLE, REPO

pytestmark = pytest.mark.slow

SHOW = """
[show]
title = "World"
base_url = "http://127.0.0.1:8000/"
[briefing]
sources = ["a.txt", "b.txt", "c.txt"]
voice = "{voice}"
minutes = {minutes}
"""

FLEET = """
[fleet]
broker = "{broker}"
[[editions]]
name = "world"
show = "show.toml"
[[editions]]
name = "oz"
show = "show.toml"
out = "out/oz"
topics = ["Oz"]
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(port: int, folder: Path) -> subprocess.Popen:
    """A real redis-server on 127.0.0.1:port, nothing saved to disk; ready when returned."""
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no", "--dir", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    server = start_redis(port, tmp_path)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def start_worker(broker: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "briefing", "worker", "--broker", broker],
                            env={**os.environ, "BRIEFING_CACHE": "off"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


@pytest.fixture
def workers(redis_url: str) -> Iterator[list[subprocess.Popen]]:
    started = [start_worker(redis_url), start_worker(redis_url)]
    yield started
    for worker in started:
        with_group(worker, signal.SIGKILL)


def with_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    process.wait(timeout=30)


def fleet_folder(tmp_path: Path, broker: str, voice: str = "espeak", minutes: float = 1.0
                 ) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "a.txt")
    shutil.copy(DATA / "articles" / "oz-columbia.txt", tmp_path / "b.txt")
    shutil.copy(DATA / "articles" / "supreme-court-health-law.txt", tmp_path / "c.txt")
    (tmp_path / "show.toml").write_text(SHOW.format(voice=voice, minutes=minutes))
    (tmp_path / "fleet.toml").write_text(FLEET.format(broker=broker))
    return tmp_path / "fleet.toml"


def fleet_run(config: Path, **kwargs: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(REPO / "cli.py"), "fleet", "run", "--config",
                             str(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "BRIEFING_CACHE": "off"}, **kwargs)


def published_once(out: Path) -> None:
    """One episode in the feed, the state and the folder; nothing half-written left."""
    assert len(feedparser.parse((out / "feed.xml").read_bytes()).entries) == 1
    with sqlite3.connect(out / "state.sqlite") as state:
        assert state.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert state.execute("SELECT COUNT(*) FROM episodes").fetchone() == (1,)
    assert len(list(out.glob("*.mp3"))) == 1
    assert not list(out.glob(".*.part"))


def test_editions_are_made_by_celery_workers_and_published(tmp_path: Path, redis_url: str,
                                                           workers):
    done = fleet_run(fleet_folder(tmp_path, redis_url))
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert "world: published" in out and "oz: published" in out
    published_once(tmp_path / "out")
    published_once(tmp_path / "out" / "oz")


def test_an_edition_whose_worker_is_killed_is_redone_and_published_exactly_once(
        tmp_path: Path, redis_url: str, workers):
    config = fleet_folder(tmp_path, redis_url, voice="piper", minutes=2.0)
    log = tmp_path / "cache" / "speech" / "synthesized.log"
    running = fleet_run(config)
    deadline = time.monotonic() + 120
    while not (log.is_file() and log.read_text().count("\n") >= 3):  # mid-edition
        assert time.monotonic() < deadline, "no edition started"
        time.sleep(0.05)
    busy = [child for worker in workers for child in children(worker.pid)
            if cpu_ticks(child) > 0]
    assert busy
    os.kill(max(busy, key=cpu_ticks), signal.SIGKILL)  # the process making an edition
    out, err = running.communicate(timeout=600)
    assert running.returncode == 0, err
    assert "world: published" in out and "oz: published" in out
    published_once(tmp_path / "out")
    published_once(tmp_path / "out" / "oz")
    for worker in workers:
        with_group(worker, signal.SIGKILL)
    said = "".join(worker.stderr.read() for worker in workers)
    assert "signal 9" in said  # the worker saw its process die mid-edition


def test_with_the_broker_gone_the_fleet_says_so_and_publishes_nothing(tmp_path: Path):
    config = fleet_folder(tmp_path, f"redis://127.0.0.1:{free_port()}/0")
    done = fleet_run(config)
    out, err = done.communicate(timeout=60)
    assert done.returncode == 2
    assert err.startswith("briefing: error: cannot reach the broker at redis://127.0.0.1:")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_broker_lost_midway_is_one_line_and_a_rerun_completes(tmp_path: Path):
    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    redis = start_redis(port, tmp_path)
    config = fleet_folder(tmp_path, broker, voice="piper", minutes=2.0)
    helpers = [start_worker(broker)]
    try:
        running = fleet_run(config)
        log = tmp_path / "cache" / "speech" / "synthesized.log"
        deadline = time.monotonic() + 120
        while not log.is_file():
            assert time.monotonic() < deadline, "no edition started"
            time.sleep(0.05)
        redis.kill()
        redis.wait(timeout=10)
        out, err = running.communicate(timeout=300)
        assert running.returncode == 2
        assert err.startswith(f"briefing: error: lost the broker at {broker}")
        assert len(err.strip().splitlines()) == 1
        redis = start_redis(port, tmp_path)  # Redis is back: the fleet runs again
        helpers.append(start_worker(broker))
        again = fleet_run(config)
        out, err = again.communicate(timeout=600)
        assert again.returncode == 0, err
        published_once(tmp_path / "out")
        published_once(tmp_path / "out" / "oz")
    finally:
        for worker in helpers:
            with_group(worker, signal.SIGKILL)
        redis.kill()
        redis.wait(timeout=10)


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()] + [g for c in found.split()
                                              for g in children(int(c))]


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime
