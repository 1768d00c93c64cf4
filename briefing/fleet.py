"""`briefing fleet run`: every edition of a newsroom's fleet, each published to its own feed.

The editions run side by side in a pool of processes (the fleet's `workers`), each a daily run
of its show (daily.run_show: its lock, its state, its atomic publishing). What they share lives
in the fleet's cache folder: the speech cache, so that a sentence two editions air is
synthesised once (speech.SpeechCache waits for a sentence another edition is saying), and the
pages of this run, so that a source two editions read is fetched and read once (pagecache.py).
An edition that fails (a broken show file, sources that all fail, a crash) fails alone, with
one line; the others are published.

With a broker (`[fleet] broker = "redis://..."`) the editions go to Celery workers instead
(`briefing worker`, or `celery -A briefing.fleet worker`), on any machine that sees the fleet's
folders. A task is acknowledged only once its edition is done (late acknowledgement), so an
edition whose worker dies is redone by another; redoing one is safe, as a daily run is: the
show's lock, its state and atomic publishing make it published exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from shutil import rmtree

from briefing.daily import run_show
from briefing.engines.threads import share_of_cores, use_threads
from briefing.errors import BriefingError
from briefing.fleetfile import Edition, Fleet
from briefing.pagecache import ArticleCache, PageCache
from briefing.speech import SYNTHESIS_LOG

EDITION_TIMEOUT_S = 3600  # an edition still not done after an hour is reported as failed


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


OnDone = Callable[[EditionOutcome], None]


def run_fleet(fleet: Fleet, on_done: OnDone | None = None) -> FleetOutcome:
    """Make every edition; `on_done` hears of each as it finishes."""
    speech = fleet.cache_dir / "speech"
    pages = fleet.cache_dir / "pages" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    said_before = synthesized_chars(speech)
    outcomes: list[EditionOutcome] = []

    def done(outcome: EditionOutcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    for edition in fleet.editions:
        if edition.config is None:
            done(EditionOutcome(edition.name, False, edition.problem))
    ready = [e for e in fleet.editions if e.config is not None]
    try:
        if fleet.broker:
            on_celery(fleet, ready, speech, pages, done)
        else:
            in_processes(fleet, ready, speech, pages, done)
    finally:
        rmtree(pages, ignore_errors=True)
    order = [e.name for e in fleet.editions]
    ranked = tuple(sorted(outcomes, key=lambda o: order.index(o.name)))
    return FleetOutcome(ranked, synthesized_chars(speech) - said_before)


def in_processes(fleet: Fleet, editions: list[Edition], speech: Path, pages: Path,
                 done: OnDone) -> None:
    """The embedded default: a pool of this machine's processes, no broker."""
    with ProcessPoolExecutor(max_workers=fleet.workers, initializer=partial(
            use_threads, share_of_cores(fleet.workers), unless_set=True)) as pool:
        running = {pool.submit(make_edition, e, speech, pages): e.name for e in editions}
        for future in as_completed(running):
            done(outcome_of(running[future], future))


def outcome_of(name: str, future: Future) -> EditionOutcome:
    try:
        return future.result()
    except BrokenProcessPool:
        return EditionOutcome(name, False, "its worker process died")


def on_celery(fleet: Fleet, editions: list[Edition], speech: Path, pages: Path,
              done: OnDone) -> None:
    """Each edition a Celery task; their outcomes as they come. A broker that cannot be
    reached, before or during the run, is one line (what was published stays whole)."""
    from briefing.fleetworkers import broker_trouble, edition_task, reachable

    reachable(fleet.broker)
    tasks = {e.name: edition_task(fleet.broker).apply_async(
                 args=[str(fleet.path), e.name, str(speech), str(pages)])
             for e in editions}
    for name, task in tasks.items():
        try:
            answer = task.get(timeout=EDITION_TIMEOUT_S, propagate=False)
        except (*broker_trouble(), RuntimeError) as exc:  # RuntimeError: Celery gave up
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BriefingError(f"lost the broker at {fleet.broker} while editions were made "
                                f"({reason}); what was published stays whole: run the fleet "
                                "again when it is back") from None
        if isinstance(answer, dict):
            done(EditionOutcome(**answer))
        else:
            done(EditionOutcome(name, False, f"failed on its worker: {answer}"))


def edition_by_name(fleet_path: Path, name: str) -> Edition:
    """The edition as the fleet file says today (a worker reads the file itself)."""
    from briefing.fleetfile import load_fleet

    return next(e for e in load_fleet(fleet_path).editions if e.name == name)


def make_edition(edition: Edition, speech: Path, pages: Path) -> EditionOutcome:
    """One edition, in a worker process: its daily run, never an exception."""
    if edition.config is None:
        return EditionOutcome(edition.name, False, edition.problem)
    config = replace(edition.config, cache_dir=speech)
    try:
        result = run_show(config, fetcher=PageCache(pages),
                          extractor=ArticleCache(pages / "articles"))
    except BriefingError as exc:
        return EditionOutcome(edition.name, False, str(exc))
    except Exception as exc:  # one edition's bug must not stop the fleet
        return EditionOutcome(edition.name, False, f"failed: {type(exc).__name__}: {exc}")
    failures = f"; {len(result.failures)} source(s) failed" if result.failures else ""
    if result.episode is None:
        return EditionOutcome(edition.name, True, f"nothing new{failures}")
    made = result.made
    stories = len(made.stories) if made else 0
    told = f"{made.duration_s / 60:.1f} min, " if made else ""
    told += "1 story" if stories == 1 else f"{stories} stories"
    return EditionOutcome(edition.name, True,
                          f"published {result.episode.title!r} ({told}){failures}")


def synthesized_chars(speech: Path) -> int:
    """Characters the engines have said into this speech cache (its synthesis log)."""
    try:
        lines = (speech / SYNTHESIS_LOG).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return sum(int(line.split("\t", 1)[0]) for line in lines if line.split("\t", 1)[0].isdigit())



def __getattr__(name: str) -> object:
    """`celery -A briefing.fleet worker` finds the Celery app here, made on first use (the
    broker from BRIEFING_BROKER), so that the rest of briefing never imports Celery."""
    if name in ("app", "celery"):
        from briefing.fleetworkers import celery_app

        return celery_app()
    raise AttributeError(name)
