"""The closing summary of a build: reviews read and skipped, entities and facts by kind, time."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .model import KnowledgeBase
from .progress import timings_line


def build_summary(kb: KnowledgeBase, written: dict[str, Path], seconds: float,
                  timings: dict[str, float] | None = None, cached: int = 0) -> str:
    """A few lines for people, e.g. ``Read 2 reviews (0 skipped) in 1.2 s``, and the time of each
    stage and export when ``timings`` are given; ``cached`` reviews were taken from the cache."""
    entities = Counter(e.type for e in kb.entities)
    facts = Counter(f.kind for f in kb.facts)
    folder = next(iter(written.values())).parent if written else Path(".")
    lines = [
        f"Read {len(kb.reviews)} review{'s' * (len(kb.reviews) != 1)} ({len(kb.skipped)} skipped"
        f"{f', {cached} unchanged since the last build' if cached else ''}) in {seconds:.1f} s",
        "Entities: " + (", ".join(f"{n} {t}" for t, n in sorted(entities.items())) or "none"),
        "Facts:    " + (", ".join(f"{n} {k}" for k, n in sorted(facts.items())) or "none"),
        f"Wrote {', '.join(sorted(written))} to {folder}/",
    ]
    if timings:
        lines.append("Time:     " + timings_line(timings))
    return "\n".join(lines)
