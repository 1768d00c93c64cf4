"""The real crontab of the machine, restored afterwards."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from briefing import schedule

pytestmark = pytest.mark.skipif(not shutil.which("crontab"), reason="cron is not installed")


@pytest.fixture
def crontab_saved():
    before = subprocess.run(["crontab", "-l"], capture_output=True, text=True)
    yield
    if before.returncode == 0:
        subprocess.run(["crontab", "-"], input=before.stdout, text=True, check=True)
    else:
        subprocess.run(["crontab", "-r"], capture_output=True)


def test_install_status_remove(tmp_path: Path, crontab_saved):
    config = tmp_path / "show.toml"
    config.write_text("")
    entry = schedule.install(config, "06:30")
    listed = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    assert entry.line in listed and listed.count(str(config.resolve())) >= 1
    assert entry.line.startswith("30 6 * * * ") and "run --config" in entry.line
    assert schedule.status(config).at == "06:30"
    schedule.install(config, "07:15")  # replaces, never duplicates
    listed = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    assert listed.count(schedule.MARKER + str(config.resolve())) == 1
    assert schedule.remove(config) is True
    assert schedule.status(config) is None
    assert schedule.remove(config) is False


def test_next_run_is_today_or_tomorrow():
    morning = datetime(2026, 11, 25, 5, 0)
    assert schedule.next_daily("06:30", morning) == datetime(2026, 11, 25, 6, 30)
    evening = datetime(2026, 11, 25, 20, 0)
    assert schedule.next_daily("06:30", evening) == datetime(2026, 11, 26, 6, 30)
