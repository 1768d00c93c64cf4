"""`briefing schedule`: a daily cron entry that calls `briefing run --config FILE`."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from briefing.config import parse_daily_time
from briefing.errors import BriefingError

MARKER = "# briefing:"


@dataclass(frozen=True)
class Schedule:
    config: Path
    at: str
    line: str

    def next_run(self, now: datetime | None = None) -> datetime:
        return next_daily(self.at, now or datetime.now())


def next_daily(at: str, now: datetime) -> datetime:
    hours, minutes = parse_daily_time(at)
    today = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    return today if today > now else today + timedelta(days=1)


def cron_line(config: Path, at: str, command: list[str] | None = None) -> str:
    """The crontab line: the daily time, the run (quiet, logging beside the output), a marker."""
    hours, minutes = parse_daily_time(at)
    command = command or [sys.executable, str(Path(__file__).resolve().parent.parent / "cli.py")]
    run = shlex.join([*command, "run", "--config", str(config), "--quiet"])
    log = shlex.quote(str(config.parent / "briefing-run.log"))
    return f"{minutes} {hours} * * * {run} >> {log} 2>&1 {MARKER}{config}"


def install(config: Path, at: str) -> Schedule:
    config = config.resolve()
    line = cron_line(config, at)
    kept = [x for x in read_crontab() if not x.endswith(f"{MARKER}{config}")]
    write_crontab([*kept, line])
    return Schedule(config, at, line)


def remove(config: Path) -> bool:
    config = config.resolve()
    lines = read_crontab()
    kept = [x for x in lines if not x.endswith(f"{MARKER}{config}")]
    if len(kept) != len(lines):
        write_crontab(kept)
    return len(kept) != len(lines)


def status(config: Path) -> Schedule | None:
    config = config.resolve()
    for line in read_crontab():
        if line.endswith(f"{MARKER}{config}"):
            minutes, hours = line.split()[:2]
            return Schedule(config, f"{int(hours):02d}:{int(minutes):02d}", line)
    return None


def read_crontab() -> list[str]:
    result = subprocess.run([crontab(), "-l"], capture_output=True, text=True)
    if result.returncode != 0:  # "no crontab for root" is an empty one
        return []
    return [line for line in result.stdout.splitlines() if line.strip()]


def write_crontab(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n" if lines else ""
    result = subprocess.run([crontab(), "-"], input=text, capture_output=True, text=True)
    if result.returncode != 0:
        raise BriefingError(f"crontab refused the entry: {result.stderr.strip()}")


def crontab() -> str:
    program = shutil.which("crontab")
    if not program:
        raise BriefingError("cron is not installed: apt-get install cron (and start it)")
    return program
