"""Extraction throughput beside raw spaCy, on the same texts, in one run.

    python benchmarks/bench_extract.py [--reviews 300] [--workers 2] [--corpus DIR] [--repeat 3]

Prints tokens per second for: raw ``nlp.pipe`` with the components filmkg uses; filmkg's whole
extraction (spaCy + names, patterns, claims); resolution and graph building (the sorted canonical
N-Quads that ``kg build`` writes and loads into its store); and the share of
time our own stages add on top of spaCy. Each stage is timed ``--repeat`` times and the fastest
run counts (as ``timeit`` does; this machine is shared), with our caches emptied before every run
of our stages so that no run profits from an earlier one. The default corpus is the bundled seed reviews repeated
with the generated corpus of ``make_corpus.py`` (realistic length and phrasing).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg.extract import extract  # noqa: E402
from kg.graph import nquads, sorted_statements  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402
from kg.pipeline import BATCH, extract_reviews  # noqa: E402
from kg.resolve import resolve  # noqa: E402
from kg.reviews import bundled_corpus, read_reviews  # noqa: E402


def corpus(args) -> list:
    if args.corpus:
        reviews, _ = read_reviews([args.corpus])
        return reviews
    from make_corpus import make_corpus

    folder = Path(tempfile.mkdtemp(prefix="filmkg-bench-extract-"))
    make_corpus(folder, args.reviews)
    reviews, _ = read_reviews([folder, bundled_corpus()])
    return reviews


def clear_caches() -> None:
    """Empties every ``functools`` cache of our modules (names, titles, patterns)."""
    for name, module in list(sys.modules.items()):
        if name == "kg" or name.startswith("kg."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=300, help="generated reviews (default 300)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel run (default 2)")
    parser.add_argument("--corpus", type=Path, default=None, help="use these reviews instead")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each stage; the fastest counts (default 3)")
    args = parser.parse_args(argv)

    reviews = corpus(args)
    texts = [r.text for r in reviews]
    nlp = load_pipeline()
    list(nlp.pipe(texts[:4]))  # warm up

    spacy_seconds = extract_seconds = resolve_seconds = graph_seconds = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=BATCH))
        spacy_seconds = min(spacy_seconds, time.perf_counter() - start)
        clear_caches()
        start = time.perf_counter()
        extractions = [extract(doc, review) for doc, review in zip(docs, reviews)]
        extract_seconds = min(extract_seconds, time.perf_counter() - start)
        start = time.perf_counter()
        kb = resolve(extractions)
        resolve_seconds = min(resolve_seconds, time.perf_counter() - start)
        start = time.perf_counter()
        "".join(nquads(sorted_statements(kb)))
        graph_seconds = min(graph_seconds, time.perf_counter() - start)
    tokens = sum(len(d) for d in docs)

    start = time.perf_counter()
    list(extract_reviews(reviews, workers=args.workers))
    parallel_seconds = time.perf_counter() - start

    ours = extract_seconds + resolve_seconds + graph_seconds
    print(f"corpus: {len(reviews)} reviews, {tokens:,} tokens; spaCy components: {', '.join(nlp.pipe_names)}")
    print(f"{'stage':44} {'seconds':>8} {'tokens/s':>10}")
    rows = [
        ("raw spaCy nlp.pipe (same components)", spacy_seconds),
        ("our extraction (names, patterns, claims)", extract_seconds),
        ("our resolution", resolve_seconds),
        ("our graph building", graph_seconds),
        ("spaCy + all our stages, 1 process", spacy_seconds + ours),
        (f"spaCy + extraction, {args.workers} processes", parallel_seconds),
    ]
    for label, seconds in rows:
        print(f"{label:44} {seconds:8.2f} {tokens / seconds:10,.0f}")
    print(f"our stages add {100 * ours / spacy_seconds:.1f}% to spaCy's own time")
    print(f"facts: {len(kb.facts)}, entities: {len(kb.entities)}")


if __name__ == "__main__":
    main()
