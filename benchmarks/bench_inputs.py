"""Input shapes that used to blow up the build or a question: ``python benchmarks/bench_inputs.py``.

Each is timed with the bound in place beside a reference: the same input with the bound off
where that is quick enough, and the figure issue 10 measured before.

1. A review with no sentence marks (one line of words): spaCy plus extraction, with sentences
   cut at ``kg.nlp.MAX_SENTENCE_TOKENS`` and (reference) without the cut.
2. Name-dense reviews (20 credits a review, a new franchise in most): resolution of N and 2N
   reviews, so the growth shows, and how much of it is ``kg.subject.reviewed_film``.
3. A 3.2 KB question: ``kg ask`` (refused past 40 words) beside the matcher run on it unbounded.

    PYTHONPATH=. python benchmarks/bench_inputs.py --reviews 100
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

import kg  # noqa: E402
from kg import nlp as kg_nlp  # noqa: E402
from kg import resolve as kg_resolve  # noqa: E402
from kg.ask import parse  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.model import Review  # noqa: E402
from kg.pipeline import extract_reviews  # noqa: E402

BEFORE = {"sentence": "200 KB on one line: 118 s", "resolve": "400 name-dense reviews: 602 s",
          "question": "3.2 KB question: 35 s"}
SYLLABLES = "ka lo mi ra ven tor bel san dor fin gal hux mor pel quin rud sil tam vor wen yar zel".split()


def one_line_review(kilobytes: int, rng: random.Random) -> str:
    words = (ROOT / "corpus" / "000_783e8d39f966f84b.txt").read_text(encoding="utf-8").split()
    text = ""
    while len(text) < kilobytes * 1000:
        text += " ".join(rng.choice(words).strip(".!?") for _ in range(500)) + " "
    return text[:kilobytes * 1000]


def time_extraction(text: str, max_tokens: int) -> tuple[float, int]:
    kg_nlp.MAX_SENTENCE_TOKENS = max_tokens
    nlp = kg_nlp.load_pipeline()
    started = time.perf_counter()
    doc = nlp(text)
    extraction = extract(doc, Review("long", text, "long.txt", ""))
    return time.perf_counter() - started, len(extraction.claims)


def name_dense(n: int, rng: random.Random) -> list[Review]:
    def word(parts: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()

    franchises = [f"{word(2)} {word(2)}" for _ in range(2 * n)]
    reviews = []
    for i in range(n):
        lines = []
        for _ in range(20):
            franchise = rng.choice(franchises)
            lines.append(f"{word(2)} {word(3)} plays {word(2)} {word(3)} in {franchise}: {word(2)} {word(2)}, "
                         f"part of the {franchise} franchise.")
        reviews.append(Review(f"r{i:04d}", " ".join(lines), f"r{i}.txt", ""))
    return reviews


def time_resolution(extractions) -> tuple[float, float]:
    spent = [0.0]
    original = kg_resolve.reviewed_film

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    kg_resolve.reviewed_film = timed
    try:
        started = time.perf_counter()
        kg_resolve.resolve(extractions)
        return time.perf_counter() - started, spent[0]
    finally:
        kg_resolve.reviewed_film = original


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kilobytes", type=int, default=200, help="size of the one-line review (default 200)")
    parser.add_argument("--reviews", type=int, default=100, help="N, the smaller name-dense corpus (default 100)")
    args = parser.parse_args(argv)
    rng = random.Random(10)
    cap = kg_nlp.MAX_SENTENCE_TOKENS

    print(f"1. one line, no sentence marks (sentences cut at {cap} tokens)")
    reference = one_line_review(25, rng)
    off, _ = time_extraction(reference, 10 ** 9)
    on_small, _ = time_extraction(reference, cap)
    on, claims = time_extraction(one_line_review(args.kilobytes, rng), cap)
    kg_nlp.MAX_SENTENCE_TOKENS = cap
    print(f"   25 KB: {on_small:.1f} s cut, {off:.1f} s uncut;  {args.kilobytes} KB: {on:.1f} s cut "
          f"({claims} claims);  before: {BEFORE['sentence']}")

    print("2. name-dense reviews: resolution (of which kg.subject.reviewed_film)")
    for n in (args.reviews, 2 * args.reviews):
        extractions = list(extract_reviews(name_dense(n, rng)))
        total, subject = time_resolution(extractions)
        print(f"   {n:>5} reviews: {total:6.1f} s ({subject:.1f} s in reviewed_film)")
    print(f"   before: {BEFORE['resolve']}")

    print("3. a long question")
    question = "which reviews say that " + "Ana plays Eve in " * 190 + "Ballerina?"
    graph = kg.load(ROOT / "exports")
    started = time.perf_counter()
    reply = graph.ask(question)
    asked = time.perf_counter() - started
    costs = []
    for repeats in (40, 80):  # the matcher itself, unbounded, on the first 0.7 and 1.4 KB of it
        started = time.perf_counter()
        parse("which reviews say that " + "Ana plays Eve in " * repeats + "Ballerina?")
        costs.append(time.perf_counter() - started)
    print(f"   {len(question):,} characters: kg ask {asked * 1000:.0f} ms ({'refused' if not reply.ok else 'answered'}); "
          f"the matcher unbounded: {costs[0]:.2f} s on 0.7 KB, {costs[1]:.2f} s on 1.4 KB;  before: {BEFORE['question']}")


if __name__ == "__main__":
    main()
