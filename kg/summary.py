"""The closing summary of a build: reviews read and skipped, entities and facts by kind, time."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .model import KnowledgeBase


def build_summary(kb: KnowledgeBase, written: dict[str, Path], seconds: float) -> str:
    """A few lines for people, e.g. ``Read 2 reviews (0 skipped) in 1.2 s``."""
    entities = Counter(e.type for e in kb.entities)
    facts = Counter(f.kind for f in kb.facts)
    folder = next(iter(written.values())).parent if written else Path(".")
    lines = [
        f"Read {len(kb.reviews)} review{'s' * (len(kb.reviews) != 1)} ({len(kb.skipped)} skipped) in {seconds:.1f} s",
        "Entities: " + (", ".join(f"{n} {t}" for t, n in sorted(entities.items())) or "none"),
        "Facts:    " + (", ".join(f"{n} {k}" for k, n in sorted(facts.items())) or "none"),
        f"Wrote {', '.join(sorted(written))} to {folder}/",
    ]
    return "\n".join(lines)
