"""The package as a user installs it: a wheel, installed with the pip that `python -m venv`
gives (23 on Python 3.11), run from a folder that is not the checkout.

Offline: the wheel is built without build isolation, and the new venv sees the dependencies
this checkout's venv already has (a .pth line), so pip downloads nothing; `pip check` then
proves that what the wheel declares is what it needs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, REPO

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEFING_CACHE": "off", "PIP_NO_INDEX": "1",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = run(sys.executable, "-m", "pip", "wheel", REPO, "--no-deps", "--no-build-isolation",
                "-q", "-w", out)
    assert built.returncode == 0, built.stderr
    [path] = out.glob("briefing-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> Path:
    """A new venv (its own old pip) with the wheel installed; returns its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    base = getattr(sys, "_base_executable", sys.executable)
    made = run(base, "-m", "venv", venv)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / "bin"
    site = Path(run(bin_dir / "python", "-c", "import sysconfig; "
                    "print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = run(bin_dir / "python", "-m", "pip", "install", "--no-deps", "--ignore-installed",
               "-q", wheel)
    assert done.returncode == 0, done.stderr
    return bin_dir


def test_the_wheel_carries_the_voices_and_no_top_level_module(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefing/profiles/piper.toml" in names
    assert "briefing/profiles/pronunciations/en.toml" in names
    assert {"briefing/profiles/kokoro.toml", "briefing/profiles/kokoro/af_heart.bin",
            "briefing/profiles/kokoro/LICENSE"} <= set(names)
    assert {name.split("/")[0] for name in names} == {"briefing", wheel.name.split("-")[0]
                                                      + "-" + wheel.name.split("-")[1]
                                                      + ".dist-info"}


def test_old_pip_installs_it_and_every_requirement_is_declared(installed: Path):
    assert run(installed / "python", "-m", "pip", "--version").stdout.startswith("pip 23")
    checked = run(installed / "python", "-m", "pip", "check").stdout.splitlines()
    assert not [line for line in checked if line.lower().startswith("briefing ")], checked


def test_the_installed_command_makes_a_briefing_from_another_folder(installed: Path,
                                                                     tmp_path: Path):
    voices = run(installed / "briefing", "voices", cwd=tmp_path)
    assert voices.returncode == 0 and "piper" in voices.stdout, voices.stderr
    prepared = run(installed / "briefing", "voices", "prepare", cwd=tmp_path)
    assert prepared.returncode == 0 and "11 voices" in prepared.stdout, prepared.stderr
    made = run(installed / "briefing", "generate", EXAMPLE, "--voice", "espeak", "--minutes",
               "0.5", "--out", "here", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert list((tmp_path / "here").glob("*.mp3"))
    where = run(installed / "python", "-c", "import briefing, sys; print(briefing.__file__)",
                cwd=tmp_path)
    assert str(installed.parent) in where.stdout  # the wheel's copy, not the checkout's
    module = run(installed / "python", "-m", "briefing", "--version", cwd=tmp_path)
    assert module.returncode == 0 and "version" in module.stdout


def test_every_package_the_code_imports_is_declared():
    import ast
    import re
    from importlib.metadata import packages_distributions, requires

    imported = set()
    for path in (REPO / "briefing").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"briefing"}

    def normal(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    declared = {normal(re.split(r"[<>=!;\[ ]", r)[0]) for r in requires("briefing")}
    distributions = packages_distributions()
    undeclared = {module for module in third_party
                  if not {normal(d) for d in distributions.get(module, [module])} & declared}
    assert not undeclared
