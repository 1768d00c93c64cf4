"""How many threads one process's neural voice may use, so that processes share the cores.

onnxruntime gives each session a thread per core. One briefing at a time on a machine is best
served that way (Piper says a paragraph 1.8 times faster on 2 threads than on 1), but two
processes each on every core fight over them: on 2 cores, two Piper processes of 2 threads took
14 s for what two of 1 thread did in 9.7 s. So a process making one of several editions at once
(the fleet's local pool, each Celery worker process) uses its share of the cores:
BRIEFING_THREADS, set by `briefing worker --threads` or by the pool, read by every session.
"""

from __future__ import annotations

import os

THREADS_ENV = "BRIEFING_THREADS"


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def share_of_cores(processes: int) -> int:
    """Threads for each of `processes` processes working at once on this machine."""
    return max(1, cores() // max(1, processes))


def use_threads(threads: int, *, unless_set: bool = False) -> None:
    """Let this process's sessions (and the processes it starts) use `threads` threads;
    `unless_set`: only when the environment does not already say how many."""
    if not (unless_set and os.environ.get(THREADS_ENV)):
        os.environ[THREADS_ENV] = str(max(1, threads))


def session_options():  # -> onnxruntime.SessionOptions
    """Options for an onnxruntime session: BRIEFING_THREADS threads, else one per core."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    configured = os.environ.get(THREADS_ENV, "").strip()
    if configured.isdigit() and int(configured) > 0:
        options.intra_op_num_threads = int(configured)
        options.inter_op_num_threads = 1
    return options
