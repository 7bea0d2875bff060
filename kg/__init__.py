"""filmkg: a knowledge graph of a film franchise, built from film reviews, every fact cited.

>>> import kg
>>> graph = kg.load("exports")                 # doctest: +SKIP
>>> print(graph.ask("who directed Ballerina?"))  # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "build", "connect", "load", "__version__"]


def __getattr__(name: str):
    # Lazy, so ``import kg`` stays fast and the CLI only pays for what it uses.
    if name in ("KnowledgeGraph", "build", "connect", "load"):
        from . import query

        return getattr(query, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
