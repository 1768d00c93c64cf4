"""The real crontab of the machine, restored afterwards."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from briefing import schedule
from briefing.errors import BriefingError

needs_cron = pytest.mark.skipif(not shutil.which("crontab"), reason="cron is not installed")
needs_systemd_analyze = pytest.mark.skipif(not shutil.which("systemd-analyze"),
                                           reason="systemd-analyze is not installed")


@pytest.fixture
def crontab_saved():
    before = subprocess.run(["crontab", "-l"], capture_output=True, text=True)
    yield
    if before.returncode == 0:
        subprocess.run(["crontab", "-"], input=before.stdout, text=True, check=True)
    else:
        subprocess.run(["crontab", "-r"], capture_output=True)


@needs_cron
def test_install_status_remove(tmp_path: Path, crontab_saved):
    config = tmp_path / "show.toml"
    config.write_text("")
    entry = schedule.install(config, "06:30", using="cron")
    listed = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    assert entry.line in listed and listed.count(str(config.resolve())) >= 1
    assert entry.line.startswith("30 6 * * * ") and "run --config" in entry.line
    assert schedule.status(config, using="cron").at == "06:30"
    schedule.install(config, "07:15", using="cron")  # replaces, never duplicates
    listed = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    assert listed.count(schedule.MARKER + str(config.resolve())) == 1
    assert schedule.remove(config, using="cron") is True
    assert schedule.status(config, using="cron") is None
    assert schedule.remove(config, using="cron") is False


@needs_cron
def test_cron_says_when_its_daemon_is_not_running():
    running = subprocess.run(["pgrep", "-x", "cron"], capture_output=True).returncode == 0
    assert (schedule.Cron().warning() == "") == running


def verify(units: Path) -> subprocess.CompletedProcess:
    """systemd's own check of unit files (works without a running systemd)."""
    return subprocess.run(["systemd-analyze", "verify", *map(str, sorted(units.iterdir()))],
                          capture_output=True, text=True)


@needs_systemd_analyze
def test_systemd_timer_units_are_valid_and_replace_each_other(tmp_path: Path):
    folder = tmp_path / "my shows"  # a space in the path: ExecStart quoting
    folder.mkdir()
    config = folder / "show.toml"
    config.write_text("")
    units = tmp_path / "units"
    timer = schedule.SystemdTimer(units_dir=units, manage=False)
    entry = timer.install(config, "06:30")
    assert entry.backend == "systemd" and timer.status(config).at == "06:30"
    checked = verify(units)
    assert checked.returncode == 0, checked.stderr
    service = next(units.glob("*.service")).read_text()
    assert f'"{config}"' in service and "run --config" in service and "--quiet" in service
    assert f"append:{folder / 'briefing-run.log'}" in service
    timer.install(config, "07:15")  # replaces, never duplicates
    assert len(list(units.iterdir())) == 2
    assert "OnCalendar=*-*-* 07:15:00" in next(units.glob("*.timer")).read_text()
    assert timer.status(config).at == "07:15"
    assert timer.remove(config) is True and not list(units.iterdir())
    assert timer.status(config) is None and timer.remove(config) is False


@needs_systemd_analyze
def test_systemd_accepts_the_daily_time_the_way_we_write_it():
    [timer_text] = [t for n, t in schedule.unit_files(Path("/x/show.toml"), "6:05").items()
                    if n.endswith(".timer")]
    calendar = next(line for line in timer_text.splitlines() if line.startswith("OnCalendar="))
    parsed = subprocess.run(["systemd-analyze", "calendar", calendar.split("=", 1)[1]],
                            capture_output=True, text=True)
    assert parsed.returncode == 0 and "Normalized form: *-*-* 06:05:00" in parsed.stdout


def test_unknown_scheduler_is_a_clear_error():
    from briefing.errors import BriefingError

    with pytest.raises(BriefingError, match="unknown scheduler 'at'"):
        schedule.backend("at")


def test_next_run_is_today_or_tomorrow():
    morning = datetime(2026, 11, 25, 5, 0)
    assert schedule.next_daily("06:30", morning) == datetime(2026, 11, 25, 6, 30)
    evening = datetime(2026, 11, 25, 20, 0)
    assert schedule.next_daily("06:30", evening) == datetime(2026, 11, 26, 6, 30)


@needs_cron
def test_schedule_from_the_cli_installs_shows_and_removes(tmp_path: Path, crontab_saved):
    import sys

    from tests.helpers import EXAMPLE, REPO

    config = tmp_path / "show.toml"
    config.write_text(f'[show]\ntitle = "T"\nbase_url = "http://127.0.0.1/"\n'
                      f'[briefing]\nsources = ["{EXAMPLE}"]\n')

    def briefing(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(REPO / "cli.py"), "schedule", *args,
                               "--config", str(config), "--using", "cron"],
                              capture_output=True, text=True)

    installed = briefing("install", "--at", "05:45")
    assert installed.returncode == 0 and "installed (cron): daily at 05:45" in installed.stdout
    shown = briefing("status")
    assert "daily at 05:45 (cron); next run" in shown.stdout and "run --config" in shown.stdout
    assert briefing("remove").stdout.strip() == "removed"
    assert briefing("status").stdout.strip() == "not scheduled"


def test_no_systemctl_is_one_error_not_a_traceback(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without systemd
    timer = schedule.SystemdTimer(units_dir=tmp_path / "units", manage=True)
    with pytest.raises(BriefingError, match="systemctl is not installed"):
        timer.systemctl("daemon-reload")


def test_no_pgrep_means_no_cron_warning(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert schedule.Cron().warning() == ""


@needs_cron
def test_a_config_path_with_a_percent_sign_is_escaped_for_cron(tmp_path: Path, crontab_saved):
    folder = tmp_path / "my show"
    folder.mkdir()
    config = folder / "100%.toml"
    config.write_text("")
    entry = schedule.install(config, "06:30", using="cron")
    assert "100\\%.toml" in entry.line and "100%.toml" not in entry.line.replace("\\%", "")
    assert schedule.status(config, using="cron").at == "06:30"
    assert schedule.remove(config, using="cron") is True
    assert schedule.status(config, using="cron") is None


def failing_systemctl(tmp_path: Path) -> Path:
    """A systemctl that fails as one does without a user bus."""
    fake = tmp_path / "bin" / "systemctl"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n")
    fake.chmod(0o755)
    return fake.parent


def test_a_systemd_timer_that_cannot_be_enabled_leaves_no_unit_behind(tmp_path: Path,
                                                                      monkeypatch):
    monkeypatch.setenv("PATH", str(failing_systemctl(tmp_path)))
    units = tmp_path / "units"
    timer = schedule.SystemdTimer(units_dir=units, manage=True)
    with pytest.raises(BriefingError, match="daemon-reload failed: .*No medium found"):
        timer.install(tmp_path / "show.toml", "06:30")
    assert list(units.iterdir()) == []
    assert timer.status(tmp_path / "show.toml") is None


def test_removing_a_systemd_timer_deletes_its_units_even_when_systemctl_fails(
        tmp_path: Path, monkeypatch):
    units = tmp_path / "units"
    schedule.SystemdTimer(units_dir=units, manage=False).install(tmp_path / "show.toml", "06:30")
    monkeypatch.setenv("PATH", str(failing_systemctl(tmp_path)))
    with pytest.raises(BriefingError, match="disable --now .* failed"):
        schedule.SystemdTimer(units_dir=units, manage=True).remove(tmp_path / "show.toml")
    assert list(units.iterdir()) == []
