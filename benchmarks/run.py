"""Run every benchmark and write benchmarks/RESULTS.md: the machine, the date, each table.

Each benchmark script present in benchmarks/ (extraction, sentences, summaries, roundtrip,
nisqa, pipeline, ...) runs in its own process; its printed output and how long it took go
into RESULTS.md. A benchmark that fails or times out is recorded as failed and the others
still run; the exit status is then 1.

Run: .venv/bin/python benchmarks/run.py [--quick] [--only pipeline,summaries]
     [--timeout SECONDS] [--out benchmarks/RESULTS.md]
--quick: fast settings (espeak only where a voice is needed, fewer sentences and runs).
--only: run those; the other sections of an existing RESULTS.md are kept as they were, each
        saying the commit and date it was measured at.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ORDER = ("extraction", "readability", "unseen", "sentences", "summaries", "editorial", "roundtrip",
         "nisqa", "pipeline", "fleet")
FULL_ARGS: dict[str, list[str]] = {"editorial": ["--voice", "piper"]}
QUICK_ARGS = {
    "editorial": ["--voice", "espeak"],
    "roundtrip": ["--voices", "espeak", "--limit", "10", "--no-pipeline", "--no-languages"],
    "nisqa": ["--voices", "espeak"],
    "pipeline": ["--quick"],
    "fleet": ["--voice", "espeak", "--editions", "4", "--stories", "10"],
}
TAIL_LINES = 15


@dataclass
class Outcome:
    name: str
    command: list[str]
    seconds: float
    status: str  # "ok", "failed (exit N)", "timed out after N s"
    output: str
    errors: str

    @property
    def ok(self) -> bool:
        return self.status == "ok"


# --- the machine ------------------------------------------------------------------------------


def read_first(path: str, prefix: str) -> str:
    """The value of the first 'prefix ... : value' line of a /proc-style file, or ''."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    for line in lines:
        if line.startswith(prefix):
            return line.split(":", 1)[-1].split("=", 1)[-1].strip().strip('"')
    return ""


def memory_gb() -> str:
    kilobytes = read_first("/proc/meminfo", "MemTotal").split()
    return f"{int(kilobytes[0]) / 1024 ** 2:.1f} GB" if kilobytes else "unknown"


def git_commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=ROOT, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def machine_lines() -> list[str]:
    cpu = read_first("/proc/cpuinfo", "model name") or platform.processor() or "unknown"
    system = read_first("/etc/os-release", "PRETTY_NAME") or platform.platform()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- RAM: {memory_gb()}",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- OS: {system}, kernel {platform.release()}",
        f"- Commit: {git_commit()}",
        f"- Load average at start (1, 5, 15 min): {load}",
    ]


# --- running ----------------------------------------------------------------------------------


def present_benchmarks(only: list[str] | None) -> list[str]:
    names = [name for name in ORDER if (HERE / f"{name}.py").is_file()]
    return [name for name in names if not only or name in only]


def run_benchmark(name: str, extra: list[str], timeout: float) -> Outcome:
    command = [sys.executable, str(HERE / f"{name}.py"), *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT,
                              timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return Outcome(name, command, time.perf_counter() - start,
                       f"timed out after {timeout:.0f} s", as_text(exc.stdout),
                       as_text(exc.stderr))
    status = "ok" if done.returncode == 0 else f"failed (exit {done.returncode})"
    return Outcome(name, command, time.perf_counter() - start, status, done.stdout, done.stderr)


def as_text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data.decode(errors="replace") if isinstance(data, bytes) else data


# --- the report -------------------------------------------------------------------------------


def is_markdown(text: str) -> bool:
    return any(line.startswith("|---") for line in text.splitlines())


def outcome_section(outcome: Outcome, measured: str) -> list[str]:
    shown = " ".join(Path(part).name if part.endswith(".py") else part
                     for part in outcome.command[1:])
    lines = [f"## {outcome.name}", "",
             f"`python benchmarks/{shown}`: {outcome.status}, {outcome.seconds:.0f} s "
             f"({measured})", ""]
    output = outcome.output.strip() or "(no output)"
    lines += [output, ""] if is_markdown(output) else ["```text", output, "```", ""]
    if not outcome.ok:
        tail = outcome.errors.strip().splitlines()[-TAIL_LINES:]
        lines += ["Last lines on stderr:", "", "```text", *tail, "```", ""]
    return lines


def report(outcomes: list[Outcome], quick: bool, machine: list[str],
           kept: dict[str, str] | None = None) -> str:
    """The whole file: this run's sections, and `kept` (name -> section text) from the last
    file for the benchmarks not run this time, in ORDER."""
    kept = kept or {}
    ran = {o.name: o for o in outcomes}
    measured = f"commit {git_commit()}, {datetime.now(UTC).strftime('%Y-%m-%d')}"
    lines = ["# Benchmark results", "",
             "Written by `python benchmarks/run.py" + (" --quick" if quick else "") + "`; "
             "see benchmarks/README.md for what each number means and its target.", "",
             "## Machine", "", *machine, "",
             "| benchmark | status | seconds |", "|---|---|---:|"]
    for name in ORDER:
        if name in ran:
            lines.append(f"| {name} | {ran[name].status} | {ran[name].seconds:.0f} |")
        elif name in kept:
            lines.append(f"| {name} | kept from the last run (see its section) | |")
    lines.append("")
    for name in ORDER:
        if name in ran:
            lines += outcome_section(ran[name], measured)
        elif name in kept:
            lines += [kept[name].rstrip(), ""]
    return "\n".join(lines)


def previous_sections(path: Path) -> dict[str, str]:
    """The benchmark sections of an existing RESULTS.md, by name ("## pipeline" ...), each
    saying the commit and date it was measured at."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    machine = {key: line.split(":", 1)[1].strip() for line in lines
               for key in ("Commit", "Date") if line.startswith(f"- {key}:")}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        name = line[3:].strip() if line.startswith("## ") else ""
        if name in ORDER:
            current = sections.setdefault(name, [])
        elif name == "Machine":
            current = None
        if current is not None:
            current.append(line)
    for section in sections.values():
        if len(section) > 2 and "(commit" not in section[2] and machine:
            section[2] += (f" (commit {machine.get('Commit', '?')}, "
                           f"{machine.get('Date', '?')[:10]})")
    return {name: "\n".join(section) for name, section in sections.items()}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast pass with small settings")
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds before one benchmark is stopped (default 3600)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    only = [name.strip() for name in args.only.split(",") if name.strip()] or None
    machine = machine_lines()
    outcomes = []
    for name in present_benchmarks(only):
        extra = (QUICK_ARGS if args.quick else FULL_ARGS).get(name, [])
        print(f"running {name} ...", file=sys.stderr, flush=True)
        outcome = run_benchmark(name, extra, args.timeout)
        print(f"  {name}: {outcome.status}, {outcome.seconds:.0f} s", file=sys.stderr, flush=True)
        outcomes.append(outcome)
    kept = previous_sections(args.out) if only else {}
    args.out.write_text(report(outcomes, args.quick, machine, kept) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
