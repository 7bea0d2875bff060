"""What one SPARQL query may use (time, memory, rows, characters), in a module of its own so the
helpers can carry their defaults without loading the query sandbox or rdflib.

>>> Limits(timeout=5).memory // MB
512
"""
from __future__ import annotations

from dataclasses import dataclass

MB = 1 << 20
DEFAULT_TIMEOUT = 60.0  # kg sparql and graph.sparql(); kg serve has its own limits
DEFAULT_MEMORY = 512 * MB
MAX_QUERY_CHARS = 100_000


@dataclass(frozen=True)
class Limits:
    """What one query may use: seconds, bytes of memory, rows kept (``None``: all) and characters of text."""

    timeout: float = DEFAULT_TIMEOUT
    memory: int = DEFAULT_MEMORY
    results: int | None = None
    query_chars: int = MAX_QUERY_CHARS

    def __post_init__(self):
        if self.timeout <= 0 or self.memory <= 0 or (self.results is not None and self.results < 0):
            raise ValueError("the time and memory limits must be positive and the result limit not negative")
