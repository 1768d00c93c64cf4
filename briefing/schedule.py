"""`briefing schedule`: a daily `briefing run --config FILE`, by a systemd user timer where
systemd runs, else by a cron entry.

Both backends keep one entry per config file (installing again replaces it), log to
briefing-run.log beside the config, and say when the next run is.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from briefing.episode import write_text_atomically
from briefing.errors import BriefingError
from briefing.showfile import parse_daily_time

MARKER = "# briefing:"


@dataclass(frozen=True)
class Schedule:
    config: Path
    at: str
    line: str  # the crontab line, or the timer's unit file path
    backend: str = "cron"

    def next_run(self, now: datetime | None = None) -> datetime:
        return next_daily(self.at, now or datetime.now())


class Backend(Protocol):
    name: str

    def install(self, config: Path, at: str) -> Schedule: ...
    def remove(self, config: Path) -> bool: ...
    def status(self, config: Path) -> Schedule | None: ...
    def warning(self) -> str: ...  # what stops the runs from happening, or ""


def next_daily(at: str, now: datetime) -> datetime:
    hours, minutes = parse_daily_time(at)
    today = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    return today if today > now else today + timedelta(days=1)


def run_command(config: Path, command: list[str] | None = None) -> list[str]:
    """The daily run: this Python's installed briefing (`python -m briefing`, which works
    from a checkout, a venv or a wheel alike), quiet (errors go to the log)."""
    return [*(command or [sys.executable, "-m", "briefing"]), "run", "--config", str(config),
            "--quiet"]


def log_path(config: Path) -> Path:
    return config.parent / "briefing-run.log"


# --- cron ------------------------------------------------------------------------------------


def cron_line(config: Path, at: str, command: list[str] | None = None) -> str:
    """The crontab line: the daily time, the run (quiet, logging beside the output), a marker."""
    hours, minutes = parse_daily_time(at)
    run = shlex.join(run_command(config, command))
    log = shlex.quote(str(log_path(config)))
    return cron_escape(f"{minutes} {hours} * * * {run} >> {log} 2>&1 ") + marker(config)


def cron_escape(text: str) -> str:
    """cron reads an unescaped % in a command as a newline (the rest goes to stdin)."""
    return text.replace("%", "\\%")


def marker(config: Path) -> str:
    """The comment ending the show's crontab line (how it is found again)."""
    return cron_escape(f"{MARKER}{config}")


class Cron:
    name = "cron"

    def install(self, config: Path, at: str) -> Schedule:
        line = cron_line(config, at)
        kept = [x for x in read_crontab() if not x.endswith(marker(config))]
        write_crontab([*kept, line])
        return Schedule(config, at, line, self.name)

    def remove(self, config: Path) -> bool:
        lines = read_crontab()
        kept = [x for x in lines if not x.endswith(marker(config))]
        if len(kept) != len(lines):
            write_crontab(kept)
        return len(kept) != len(lines)

    def status(self, config: Path) -> Schedule | None:
        for line in read_crontab():
            if line.endswith(marker(config)):
                minutes, hours = line.split()[:2]
                return Schedule(config, f"{int(hours):02d}:{int(minutes):02d}", line, self.name)
        return None

    def warning(self) -> str:
        try:
            running = subprocess.run(["pgrep", "-x", "cron"], capture_output=True).returncode == 0
        except FileNotFoundError:  # no procps: nothing to tell either way
            return ""
        return "" if running else "the cron daemon is not running: start it (service cron start)"


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


# --- systemd ---------------------------------------------------------------------------------


SERVICE = """\
[Unit]
Description=briefing: the daily episode of {config}

[Service]
Type=oneshot
ExecStart={command}
StandardOutput=append:{log}
StandardError=append:{log}
"""

TIMER = """\
[Unit]
Description=briefing: the daily episode of {config}, at {at}

[Timer]
OnCalendar=*-*-* {at}:00
Persistent=true

[Install]
WantedBy=timers.target
"""


def unit_name(config: Path) -> str:
    """One pair of units per config file: briefing-<hash of its path>."""
    return "briefing-" + hashlib.sha256(str(config).encode()).hexdigest()[:12]


def user_units_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def unit_files(config: Path, at: str, command: list[str] | None = None) -> dict[str, str]:
    """{file name: text} of the service that runs the show and the timer that starts it."""
    hours, minutes = parse_daily_time(at)
    name = unit_name(config)
    exec_start = " ".join(systemd_quote(arg) for arg in run_command(config, command))
    return {
        f"{name}.service": SERVICE.format(config=config, command=exec_start,
                                          log=log_path(config)),
        f"{name}.timer": TIMER.format(config=config, at=f"{hours:02d}:{minutes:02d}"),
    }


def systemd_quote(argument: str) -> str:
    """A word of ExecStart=: double-quoted when it has spaces or quotes; % and $ escaped."""
    escaped = argument.replace("%", "%%").replace("$", "$$")
    if any(c in escaped for c in " \t\"'\\"):
        return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return escaped


class SystemdTimer:
    name = "systemd"

    def __init__(self, units_dir: Path | None = None, manage: bool = True) -> None:
        self.units_dir = units_dir or user_units_dir()
        self.manage = manage  # False: write the unit files only (tests, a staged home)

    def install(self, config: Path, at: str) -> Schedule:
        self.units_dir.mkdir(parents=True, exist_ok=True)
        written = []
        try:
            for file_name, text in unit_files(config, at).items():
                write_text_atomically(self.units_dir / file_name, text)
                written.append(self.units_dir / file_name)
            self.systemctl("daemon-reload")
            self.systemctl("enable", "--now", f"{unit_name(config)}.timer")
        except BriefingError:  # no timer half-installed, for `status` to report as running
            for path in written:
                path.unlink(missing_ok=True)
            raise
        return Schedule(config, at, str(self.timer_path(config)), self.name)

    def remove(self, config: Path) -> bool:
        """Stop the timer and delete its units; the files go even when systemctl fails."""
        timer = self.timer_path(config)
        if not timer.is_file():
            return False
        try:
            self.systemctl("disable", "--now", timer.name)
        finally:
            timer.unlink()
            timer.with_suffix(".service").unlink(missing_ok=True)
        self.systemctl("daemon-reload")
        return True

    def status(self, config: Path) -> Schedule | None:
        timer = self.timer_path(config)
        if not timer.is_file():
            return None
        for line in timer.read_text(encoding="utf-8").splitlines():
            if line.startswith("OnCalendar="):
                return Schedule(config, line.split()[-1][:5], str(timer), self.name)
        return None

    def warning(self) -> str:
        return ("" if linger_enabled() else
                "the timer runs only while you are logged in: `loginctl enable-linger` "
                "lets it run at any time")

    def timer_path(self, config: Path) -> Path:
        return self.units_dir / f"{unit_name(config)}.timer"

    def systemctl(self, *arguments: str) -> None:
        if not self.manage:
            return
        try:
            result = subprocess.run(["systemctl", "--user", *arguments], capture_output=True,
                                    text=True)
        except FileNotFoundError:
            raise BriefingError("systemctl is not installed: this machine has no systemd; "
                                "use --using cron") from None
        if result.returncode != 0:
            raise BriefingError(f"systemctl --user {' '.join(arguments)} failed: "
                                f"{result.stderr.strip().splitlines()[-1:] or ['no output']}")


def linger_enabled() -> bool:
    user = os.environ.get("USER") or Path.home().name
    return Path("/var/lib/systemd/linger", user).exists()


def systemd_user_manager_runs() -> bool:
    """True where systemd is the init system and this user's manager answers."""
    if not Path("/run/systemd/system").is_dir() or not shutil.which("systemctl"):
        return False
    result = subprocess.run(["systemctl", "--user", "is-system-running"], capture_output=True,
                            text=True)
    return result.stdout.strip() in ("running", "degraded", "starting")


# --- choosing ----------------------------------------------------------------------------------


def backend(name: str = "auto") -> Backend:
    """systemd where it runs (auto), else cron; or the one asked for."""
    if name == "auto":
        name = "systemd" if systemd_user_manager_runs() else "cron"
    if name == "systemd":
        return SystemdTimer()
    if name == "cron":
        return Cron()
    raise BriefingError(f"unknown scheduler {name!r}; use auto, systemd or cron")


def install(config: Path, at: str, using: str = "auto") -> Schedule:
    return backend(using).install(config.resolve(), at)


def installed_backends(using: str) -> list[Backend]:
    """Where an entry may be: the one asked for, or (auto) both."""
    if using != "auto":
        return [backend(using)]
    return [SystemdTimer(manage=systemd_user_manager_runs()), Cron()]


def remove(config: Path, using: str = "auto") -> bool:
    removed = False
    for each in installed_backends(using):
        try:
            removed = each.remove(config.resolve()) or removed
        except BriefingError:
            if using != "auto":
                raise
    return removed


def status(config: Path, using: str = "auto") -> Schedule | None:
    for each in installed_backends(using):
        try:
            found = each.status(config.resolve())
        except BriefingError:
            if using != "auto":
                raise
            continue
        if found:
            return found
    return None


def warning(entry: Schedule) -> str:
    """What would stop the entry from running, or ""."""
    return backend(entry.backend).warning()
