"""A fleet's editions on Celery workers, with Redis as the broker and the result store.

Only `briefing fleet run` with a broker, and the workers (`briefing worker`), import this.
Late acknowledgement with `reject_on_worker_lost`: a task whose worker process dies midway
goes back to the queue and another worker redoes it; one task at a time per worker process,
so that an edition never waits behind another on a busy worker.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from briefing.engines.threads import share_of_cores, use_threads
from briefing.errors import BriefingError

BROKER_ENV = "BRIEFING_BROKER"
TASK_NAME = "briefing.edition"


@cache
def celery_app(broker: str = ""):  # -> celery.Celery
    from celery import Celery

    url = broker or os.environ.get(BROKER_ENV, "redis://127.0.0.1:6379/0")
    app = Celery("briefing", broker=url, backend=url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=24 * 3600,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    app.task(name=TASK_NAME)(make_edition_task)
    return app


def edition_task(broker: str):  # -> the registered task, ready for apply_async
    return celery_app(broker).tasks[TASK_NAME]


def make_edition_task(fleet_path: str, name: str, speech: str, pages: str) -> dict:
    """One edition on a worker: read from the fleet file, made as the local pool makes it."""
    from briefing.fleet import edition_by_name, make_edition

    outcome = make_edition(edition_by_name(Path(fleet_path), name), Path(speech), Path(pages))
    return {"name": outcome.name, "ok": outcome.ok, "line": outcome.line}


def reachable(broker: str) -> None:
    """One line, before anything is sent, when the broker cannot be reached."""
    connection = celery_app(broker).connection_for_write()
    try:
        connection.ensure_connection(max_retries=1, timeout=3)
    except broker_trouble() as exc:
        raise BriefingError(f"cannot reach the broker at {broker} ({exc}); start Redis, or "
                            "leave `broker` out to make the editions on this machine") from None
    finally:
        connection.release()


def broker_trouble() -> tuple[type[BaseException], ...]:
    """What a lost broker raises, from kombu or redis."""
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (OperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError)


def start_worker(broker: str, concurrency: int, threads: int | None = None) -> None:
    """`briefing worker`: a Celery worker taking editions from the broker, each of its
    `concurrency` processes with `threads` threads for its voice (default: its share of the
    cores, see engines/threads.py)."""
    if threads:
        use_threads(threads)
    else:
        use_threads(share_of_cores(concurrency), unless_set=True)
    celery_app(broker).worker_main(["worker", "--concurrency", str(concurrency),
                                    "--loglevel", "WARNING", "--without-gossip",
                                    "--without-mingle"])
