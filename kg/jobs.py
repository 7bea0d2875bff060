"""Independent pieces of work, each perhaps after another, run in order or in forked processes.

``kg build --workers N`` writes its exports this way: each export is a :class:`Job` that needs
only the knowledge base (and some need ``graph.nq`` written first), so N processes forked from
the build share the knowledge base without copying or pickling it, and the exports take the
time of the longest chain rather than of all of them.

A job marked ``here`` runs in a thread of this process instead, beside the forked ones: the
store's. RocksDB's background threads do not survive a fork, so a forked process that used a
store, forked from one that had opened a store before, would wait for them forever.

>>> done = []
>>> run_jobs([Job("a", lambda: done.append("a")), Job("b", lambda: done.append("b"), after="a")])
>>> done
['a', 'b']
"""
from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable

from .progress import Progress


@dataclass(frozen=True)
class Job:
    """One piece of work: its name (the stage its time is recorded under), the function that does
    it, the name of the job it must follow, if any, and whether it must run in this process."""

    name: str
    run: Callable[[], None]
    after: str | None = None
    here: bool = False


def run_jobs(jobs: list[Job], workers: int = 1, progress: Progress | None = None) -> None:
    """Runs the jobs (each listed after the one it follows), the earlier in ``jobs`` first: one after
    another here, or in ``workers`` forked processes when more than one and the system can fork.
    A job's error is raised here, once the jobs already running have finished; each job's
    seconds go to ``progress.timings``."""
    progress = progress or Progress(enabled=False)
    if workers <= 1 or len(jobs) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            with progress.stage(job.name):
                job.run()
        return
    _run_forked(jobs, workers, progress)


_JOBS: tuple[Job, ...] = ()  # in a forked worker: the jobs it was forked to run, by index


def _inherit(jobs: tuple[Job, ...]) -> None:
    """A forked worker's start: keeps the jobs (received by fork, not pickled: they are closures)."""
    global _JOBS
    _JOBS = jobs


def _run_one(index: int, jobs: tuple[Job, ...] | None = None) -> float:
    """Runs one job (in a forked worker: of the jobs it inherited); its seconds."""
    started = time.perf_counter()
    (_JOBS if jobs is None else jobs)[index].run()
    return time.perf_counter() - started


def _run_forked(jobs: list[Job], workers: int, progress: Progress) -> None:
    """List scheduling: whenever a worker is free, it takes the first job whose predecessor is done.
    No more jobs are handed out than there are workers, so the order of ``jobs`` is the priority.
    A ``here`` job starts in this process's thread as soon as it may."""
    waiting, running, done = list(range(len(jobs))), {}, set()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_inherit, initargs=(tuple(jobs),)) as pool, \
            ThreadPoolExecutor(1) as thread:
        while waiting or running:
            ready = [i for i in waiting if jobs[i].after is None or jobs[i].after in done]
            free = workers - sum(not jobs[i].here for i in running.values())
            for index in [i for i in ready if not jobs[i].here][:free] + [i for i in ready if jobs[i].here]:
                waiting.remove(index)
                future = thread.submit(_run_one, index, tuple(jobs)) if jobs[index].here else \
                    pool.submit(_run_one, index)
                running[future] = index
            if not running:
                raise ValueError(f"jobs wait for jobs that are not there: {[jobs[i].name for i in waiting]}")
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                index = running.pop(future)
                progress.timings[jobs[index].name] = future.result()
                done.add(jobs[index].name)
