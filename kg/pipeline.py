"""The flow from files to a knowledge base: read -> spaCy -> extract -> resolve.

>>> kb = build_knowledge_base([bundled_corpus()])          # doctest: +SKIP
>>> len(kb.reviews)                                         # doctest: +SKIP
2
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .extract import extract
from .model import KnowledgeBase, Review, ReviewExtraction
from .nlp import load_pipeline
from .progress import Progress
from .resolve import resolve
from .reviews import bundled_corpus, read_reviews

BATCH = 32


def extract_reviews(reviews: Sequence[Review], model: str | None = None, workers: int = 1,
                    progress=None) -> Iterator[ReviewExtraction]:
    """Runs spaCy and the extractor over reviews, in ``workers`` processes when more than one."""
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
                         progress=None) -> KnowledgeBase:
    """Reads reviews under ``paths`` (default: the bundled corpus) and resolves what they claim."""
    progress = progress or Progress(enabled=False)
    with progress.stage("read"):
        reviews, skipped = read_reviews(list(paths) or [bundled_corpus()])
    progress.start("Extracting", len(reviews))
    with progress.stage("extract"):
        extractions = list(extract_reviews(reviews, model=model, workers=workers, progress=progress))
    with progress.stage("resolve"):
        return resolve(extractions, skipped)
