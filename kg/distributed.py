"""Extraction on a Dask cluster: the per-review work (spaCy and our extractor) goes to the workers
of a ``dask.distributed`` scheduler in batches; the results come back in order, and resolution and
the exports stay local. Dask is an optional extra: ``pip install "filmkg[dask]"``.

``scheduler`` is ``tcp://HOST:PORT`` (a running scheduler, whose workers have filmkg and the spaCy
model installed) or ``local:N`` (a ``LocalCluster`` of N worker processes on this machine). A
worker that dies mid-batch has its batch run again elsewhere (Dask retries a task whose worker
died, up to its ``allowed-failures``); past that, the build stops with a one-line reason and
writes nothing.

>>> extractions = list(extract_on_cluster(reviews, None, "local:2"))       # doctest: +SKIP
"""
from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from typing import Iterator, Sequence

from .model import Review, ReviewExtraction

LOCAL = re.compile(r"local:(\d+)")
CONNECT_TIMEOUT = "30s"  # how long to wait for a remote scheduler
# One math thread a worker: N workers on N cores each running several BLAS threads is half as fast.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def extract_batch(reviews: Sequence[Review], model: str | None) -> list[ReviewExtraction]:
    """One task: spaCy and the extractor over a batch of reviews, on a worker (which keeps its
    pipeline loaded between batches)."""
    from .pipeline import extract_reviews

    return list(extract_reviews(reviews, model))


@contextmanager
def client_for(scheduler: str):
    """A ``distributed.Client`` on ``tcp://HOST:PORT``, or on a new ``LocalCluster`` for ``local:N``."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ValueError('--scheduler needs Dask: pip install "filmkg[dask]"') from None
    local = LOCAL.fullmatch(scheduler)
    if local:
        workers = int(local.group(1))
        if not 1 <= workers <= 64:
            raise ValueError(f"{scheduler}: a local cluster has 1 to 64 workers")
        # The workers' sampling profiler slows spaCy's Python by a fifth; our tasks need no profile.
        with dask.config.set({"distributed.worker.profile.enabled": False}), \
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                             env=ONE_THREAD) as cluster, Client(cluster) as client:
            yield client
        return
    if not scheduler.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
        raise ValueError(f"{scheduler}: not a Dask scheduler address (tcp://HOST:PORT) nor local:N")
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise ValueError(f"{scheduler}: cannot reach the Dask scheduler ({err})") from None
    with client:
        yield client


def extract_on_cluster(reviews: Sequence[Review], model: str | None, scheduler: str, progress=None,
                       batch: int = 32, task=extract_batch) -> Iterator[ReviewExtraction]:
    """Every review's extraction, in order, computed on the cluster ``scheduler`` names; the
    progress bar counts reviews done across the cluster."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    chunks = [list(reviews[i:i + batch]) for i in range(0, len(reviews), batch)]
    with client_for(scheduler) as client:
        build = uuid.uuid4().hex  # builds sharing a scheduler never share a key
        futures = [client.submit(task, chunk, model, pure=False, key=f"kg-extract-{build}-{i}")
                   for i, chunk in enumerate(chunks)]
        index = {future.key: i for i, future in enumerate(futures)}
        done: dict[int, list[ReviewExtraction]] = {}
        following = 0
        try:
            for future in as_completed(futures):
                done[index[future.key]] = future.result()
                if progress:
                    progress.advance(len(done[index[future.key]]))
                while following in done:
                    yield from done.pop(following)
                    following += 1
        except KilledWorker as err:
            raise RuntimeError(f"the Dask workers kept dying on a batch of reviews ({err}); nothing was written") \
                from None
