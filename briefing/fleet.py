"""`briefing fleet run`: every edition of a newsroom's fleet, each published to its own feed.

The editions run side by side in a pool of processes (the fleet's `workers`), each a daily run
of its show (daily.run_show: its lock, its state, its atomic publishing). What they share lives
in the fleet's cache folder: the speech cache, so that a sentence two editions air is
synthesised once (speech.SpeechCache waits for a sentence another edition is saying), and the
pages of this run, so that a source two editions read is fetched once (pagecache.PageCache).
An edition that fails (a broken show file, sources that all fail, a crash) fails alone, with
one line; the others are published.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from shutil import rmtree

from briefing.daily import run_show
from briefing.errors import BriefingError
from briefing.fleetfile import Edition, Fleet
from briefing.pagecache import PageCache
from briefing.speech import SYNTHESIS_LOG


@dataclass(frozen=True)
class EditionOutcome:
    name: str
    ok: bool
    line: str  # what happened, in one line


@dataclass(frozen=True)
class FleetOutcome:
    editions: tuple[EditionOutcome, ...]
    synthesized_chars: int  # what the engines said during the run (speech cache's log)

    @property
    def failed(self) -> list[EditionOutcome]:
        return [e for e in self.editions if not e.ok]


def run_fleet(fleet: Fleet, on_done: Callable[[EditionOutcome], None] | None = None
              ) -> FleetOutcome:
    """Make every edition; `on_done` hears of each as it finishes."""
    speech = fleet.cache_dir / "speech"
    pages = fleet.cache_dir / "pages" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    said_before = synthesized_chars(speech)
    outcomes: list[EditionOutcome] = []

    def done(outcome: EditionOutcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    try:
        with ProcessPoolExecutor(max_workers=fleet.workers) as pool:
            running: dict[str, Future] = {}
            for edition in fleet.editions:
                if edition.config is None:
                    done(EditionOutcome(edition.name, False, edition.problem))
                    continue
                running[edition.name] = pool.submit(make_edition, edition, speech, pages)
            for name, future in running.items():
                done(outcome_of(name, future))
    finally:
        rmtree(pages, ignore_errors=True)
    order = [e.name for e in fleet.editions]
    ranked = tuple(sorted(outcomes, key=lambda o: order.index(o.name)))
    return FleetOutcome(ranked, synthesized_chars(speech) - said_before)


def outcome_of(name: str, future: Future) -> EditionOutcome:
    try:
        return future.result()
    except BrokenProcessPool:
        return EditionOutcome(name, False, "its worker process died")


def make_edition(edition: Edition, speech: Path, pages: Path) -> EditionOutcome:
    """One edition, in a worker process: its daily run, never an exception."""
    config = replace(edition.config, cache_dir=speech)
    try:
        result = run_show(config, fetcher=PageCache(pages))
    except BriefingError as exc:
        return EditionOutcome(edition.name, False, str(exc))
    except Exception as exc:  # one edition's bug must not stop the fleet
        return EditionOutcome(edition.name, False, f"failed: {type(exc).__name__}: {exc}")
    failures = f"; {len(result.failures)} source(s) failed" if result.failures else ""
    if result.episode is None:
        return EditionOutcome(edition.name, True, f"nothing new{failures}")
    made = result.made
    stories = len(made.stories) if made else 0
    length = f"{made.duration_s / 60:.1f} min, " if made else ""
    return EditionOutcome(edition.name, True, f"published {result.episode.title!r} "
                                              f"({length}{stories} stories){failures}")


def synthesized_chars(speech: Path) -> int:
    """Characters the engines have said into this speech cache (its synthesis log)."""
    try:
        lines = (speech / SYNTHESIS_LOG).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return sum(int(line.split("\t", 1)[0]) for line in lines if line.split("\t", 1)[0].isdigit())

