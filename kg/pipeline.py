"""The flow from files to a knowledge base: read -> spaCy -> extract -> resolve.

>>> kb = build_knowledge_base([bundled_corpus()])          # doctest: +SKIP
>>> len(kb.reviews)                                         # doctest: +SKIP
2
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .cache import ExtractionCache
from .extract import extract
from .model import KnowledgeBase, Review, ReviewExtraction
from .nlp import load_pipeline
from .progress import Progress
from .resolve import resolve
from .reviews import bundled_corpus, read_reviews

BATCH = 32


def extract_reviews(reviews: Sequence[Review], model: str | None = None, workers: int = 1,
                    progress=None, scheduler: str | None = None) -> Iterator[ReviewExtraction]:
    """Runs spaCy and the extractor over reviews, in ``workers`` processes when more than one, or
    on the Dask cluster ``scheduler`` names (:mod:`kg.distributed`)."""
    if not reviews:
        return
    if scheduler is not None:
        from .distributed import extract_on_cluster

        yield from extract_on_cluster(reviews, model, scheduler, progress, BATCH)
        return
    if workers > 1 and len(reviews) > BATCH:
        chunks = [reviews[i:i + BATCH] for i in range(0, len(reviews), BATCH)]
        with ProcessPoolExecutor(workers, initializer=load_pipeline, initargs=(model,)) as pool:
            for results in pool.map(_extract_chunk, chunks, [model] * len(chunks)):
                yield from results
                if progress:
                    progress.advance(len(results))
        return
    nlp = load_pipeline(model)
    for review, doc in zip(reviews, nlp.pipe((r.text for r in reviews), batch_size=BATCH)):
        yield extract(doc, review)
        if progress:
            progress.advance()


def _extract_chunk(reviews: Sequence[Review], model: str | None) -> list[ReviewExtraction]:
    return list(extract_reviews(reviews, model))


def build_knowledge_base(paths: Iterable[str | Path] = (), model: str | None = None, workers: int = 1,
                         progress=None, cache: ExtractionCache | None = None,
                         scheduler: str | None = None) -> KnowledgeBase:
    """Reads reviews under ``paths`` (default: the bundled corpus) and resolves what they claim.

    With a ``cache`` (:mod:`kg.cache`), only the reviews it lacks go through spaCy and the extractor;
    the others are taken from it, and every extraction is recorded in it for the next build.
    With a ``scheduler`` (``tcp://HOST:PORT`` or ``local:N``), spaCy runs on that Dask cluster.
    """
    progress = progress or Progress(enabled=False)
    with progress.stage("read"):
        reviews, skipped = read_reviews(list(paths) or [bundled_corpus()])
    with progress.stage("extract"):
        cached = [cache.get(review) for review in reviews] if cache is not None else [None] * len(reviews)
        missing = [review for review, found in zip(reviews, cached) if found is None]
        progress.start("Extracting", len(missing))
        fresh = iter(list(extract_reviews(missing, model=model, workers=workers, progress=progress,
                                          scheduler=scheduler)))
        extractions = [found or next(fresh) for found in cached]
        if cache is not None:
            for found, extraction in zip(cached, extractions):
                if found is None:
                    cache.put(extraction)
    with progress.stage("resolve"):
        return resolve(extractions, skipped)
