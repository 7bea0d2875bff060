"""How the graph looks wherever it is drawn: the explorer (``kg view``), the picture (``kg draw``) and
``graph.gexf``.

One colour per node type (the Okabe–Ito palette, which colour-blind readers can tell apart), one
colour and line style per relation, and one deterministic force-directed layout, so a node sits at
the same place in the explorer and in Gephi. The layout is igraph's Fruchterman–Reingold (in C:
a third of a second for 3,000 nodes, where networkx's takes twenty), seeded, and rounded to a
tenth of a pixel so that the same graph always gives byte-identical files.

>>> TYPES["person"].colour
'#0072B2'
>>> where = positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> sorted(where), where == positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
(['a', 'b', 'c'], True)
"""
from __future__ import annotations

import math
import random
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

EDGE_LENGTH = 140.0  # the median edge's length in the layout, in pixels
SEED = 20250606
ITERATIONS = 1000  # of the layout, for graphs up to LARGE nodes
LARGE = 5000
FEWEST_ITERATIONS = 250


@dataclass(frozen=True)
class NodeType:
    """A node type as drawn: its name for people and its colour."""

    label: str
    colour: str


@dataclass(frozen=True)
class Relation:
    """A relation as drawn: its name for people, its colour, and whether its line is dashed."""

    label: str
    colour: str
    dashed: bool


# Keys are the node ``type`` and edge ``relation`` values of ``kg.exports.to_networkx``.
TYPES = {
    "person": NodeType("Person", "#0072B2"),
    "film": NodeType("Film", "#D55E00"),
    "tv_series": NodeType("TV series", "#E69F00"),
    "character": NodeType("Character", "#009E73"),
    "franchise": NodeType("Franchise", "#CC79A7"),
}
RELATIONS = {
    "directed": Relation("directed", "#D55E00", False),
    "acted_in": Relation("acted in", "#0072B2", False),
    "played": Relation("played", "#009E73", False),
    "appears_in": Relation("appears in", "#56B4E9", True),
    "part_of_franchise": Relation("part of franchise", "#CC79A7", True),
    "crew": Relation("crew", "#7F7F7F", True),
}


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#0072B2"`` as ``(0, 114, 178)``."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def node_size(support: int) -> float:
    """A node's drawn size from how many reviews support it: grows with the square root, from 10."""
    return round(10 + 6 * math.sqrt(max(support, 0)), 1)


def iterations(nodes: int) -> int:
    """How many layout iterations a graph of ``nodes`` gets: 1,000 up to 5,000 nodes, then fewer in
    proportion (400 at 12,500, 250 from 20,000 on), so that the layout's time grows with the graph,
    not faster: each iteration costs more, and a large graph settles in fewer.

    >>> iterations(300), iterations(12_500), iterations(100_000)
    (1000, 400, 250)
    """
    return max(FEWEST_ITERATIONS, ITERATIONS * LARGE // max(nodes, LARGE))


def positions(nodes: Iterable[str], edges: Iterable[tuple[str, str]], seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Force-directed positions of ``nodes`` (in pixels, y down), the same for the same input.

    ``edges`` are pairs of nodes; direction, repeats, loops and the order of both are ignored.
    """
    import igraph

    index = {node: i for i, node in enumerate(sorted(set(nodes)))}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in edges if a != b})
    if not index:
        return {}
    graph = igraph.Graph(n=len(index), edges=pairs)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(niter=iterations(len(index))).coords
    finally:
        igraph.set_random_number_generator(random)
    lengths = [math.dist(coords[a], coords[b]) for a, b in pairs]
    scale = EDGE_LENGTH / (statistics.median(lengths) or 1.0) if lengths else EDGE_LENGTH
    return {node: (round(coords[i][0] * scale, 1), round(coords[i][1] * scale, 1)) for node, i in index.items()}
