"""The explorer: a built graph as one HTML page to look at in a browser, offline (``kg view``).

:func:`scene` reads every entity and every fact with its quotes from the graph (SPARQL in
``kg/queries/view_facts.rq``; nothing is extracted again). People, films, TV series, characters
and franchises are the nodes; credits are the edges, the relations of ``graph.graphml``
(``directed``, ``acted_in``, ``played``, ``appears_in``, ``part_of_franchise``, ``crew``), one
edge for all the facts that draw the same line, carrying the quotes of every review behind them.
A node's support is how many reviews support its credits; an edge's, how many support it.

:meth:`Scene.html` is the page (:mod:`kg.pages`): the data, vis-network and ``kg/web/explorer.js``
inline, laid out by :func:`kg.style.positions`. In the page: a search box (any alias), filters
(franchise, film, relation, minimum support), the facts of a clicked node and the quotes, review
ids, URLs and support of a clicked edge. Past 400 nodes it shows the most supported ones, or the
neighbourhood of the node searched for, so a graph of thousands stays quick.

>>> import kg
>>> seen = scene(kg.load("exports"))
>>> reddick = seen.node("Lance Reddick")
>>> reddick.type, reddick.support
('person', 2)
>>> [(seen.nodes[e.target].label, e.support) for e in seen.edges_of(reddick) if e.relation == "played"]
[('Charon', 1)]
>>> seen.write("explorer.html")                         # doctest: +SKIP
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .exports import EDGES, atomic_write
from .query import KIND_OF_CLASS, TYPE_OF_CLASS
from .style import RELATIONS, TYPES, node_size, positions

if TYPE_CHECKING:
    from .query import KnowledgeGraph

EDGES_OF = {str(cls): edges for cls, edges in EDGES.items()}  # keyed by class IRI as query rows give it

NODE_TYPE = {"film": "film", "series": "tv_series", "person": "person", "character": "character",
             "franchise": "franchise"}  # resolver types -> the GraphML node types
ROLES = ("person", "character", "film", "franchise")


@dataclass(frozen=True, order=True)
class Quote:
    """One quote behind a fact: ``review_text[start:end] == quote``."""

    review: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class ViewFact:
    """A fact as the explorer lists it: its kind, a sentence for people and its quotes."""

    kind: str
    text: str
    quotes: tuple[Quote, ...]

    @property
    def reviews(self) -> tuple[str, ...]:
        return tuple(sorted({q.review for q in self.quotes}))


@dataclass(frozen=True)
class ViewNode:
    """A drawn entity. ``facts`` index :attr:`Scene.facts`; ``films`` and ``franchises`` index the
    film and franchise nodes whose neighbourhood it is in (what the page's filters pick)."""

    iri: str
    type: str
    label: str
    aliases: tuple[str, ...]
    support: int
    x: float
    y: float
    facts: tuple[int, ...]
    films: tuple[int, ...] = ()
    franchises: tuple[int, ...] = ()


@dataclass(frozen=True)
class ViewEdge:
    """A drawn credit between two nodes (indexes of :attr:`Scene.nodes`), from the facts it stands for."""

    source: int
    target: int
    relation: str
    role: str | None
    facts: tuple[int, ...]
    support: int


@dataclass(frozen=True)
class Scene:
    """What the explorer draws: nodes, edges, the facts behind them and the reviews' URLs."""

    title: str
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    facts: tuple[ViewFact, ...]
    urls: dict[str, str] = field(default_factory=dict)

    def node(self, label: str) -> ViewNode:
        """The node with this label (the first, if several types share it); ``KeyError`` if none."""
        for node in self.nodes:
            if node.label == label:
                return node
        raise KeyError(label)

    def edges_of(self, node: ViewNode) -> list[ViewEdge]:
        """The edges that start or end at ``node``."""
        index = self.nodes.index(node)
        return [e for e in self.edges if index in (e.source, e.target)]

    def as_json(self) -> dict:
        """The page's data: plain lists and numbers, quotes stored once and referred to by index."""
        quotes = sorted({q for fact in self.facts for q in fact.quotes})
        number = {q: i for i, q in enumerate(quotes)}
        return {
            "title": self.title,
            "types": {key: {"label": t.label, "colour": t.colour} for key, t in TYPES.items()},
            "relations": {key: {"label": r.label, "colour": r.colour, "dashed": r.dashed}
                          for key, r in RELATIONS.items()},
            "urls": self.urls,
            "quotes": [[q.review, q.quote, q.start, q.end] for q in quotes],
            "facts": [{"kind": f.kind, "text": f.text, "quotes": [number[q] for q in f.quotes]} for f in self.facts],
            "nodes": [{"label": n.label, "type": n.type, "iri": n.iri, "aliases": list(n.aliases),
                       "support": n.support, "size": node_size(n.support), "x": n.x, "y": n.y,
                       "facts": list(n.facts), "films": list(n.films), "franchises": list(n.franchises)}
                      for n in self.nodes],
            "edges": [{"from": e.source, "to": e.target, "relation": e.relation, "role": e.role,
                       "support": e.support, "facts": list(e.facts)} for e in self.edges],
        }

    def html(self, links: dict[str, str] | None = None) -> str:
        """The self-contained page; ``links`` (text -> URL) go in its header, e.g. to the query page."""
        from .pages import explorer_page

        return explorer_page(self.title, self.as_json(), links or {})

    def write(self, path: str | Path) -> Path:
        """Writes :meth:`html` to ``path`` atomically and returns the path."""
        path = Path(path)
        atomic_write(path, self.html().encode("utf-8"))
        return path


def scene(graph: KnowledgeGraph, *, franchise: str | None = None, film: str | None = None) -> Scene:
    """The explorer's scene of a graph, or of one franchise or film and their neighbourhood.

    Raises ``ValueError`` (with suggestions) for a franchise or film the graph does not know.
    """
    entities = _entities(graph)
    facts, fact_roles, urls = _facts(graph, entities)
    drawn: dict[tuple, list[int]] = defaultdict(list)  # (source, target, relation, crew role) -> facts
    for index, (cls, roles, role) in enumerate(fact_roles):
        for source, target, relation in EDGES_OF.get(cls, ()):
            if roles.get(source) in entities and roles.get(target) in entities:
                drawn[(roles[source], roles[target], relation, role)].append(index)
    scope = _scopes(entities, drawn)
    keep, title = set(entities), "filmkg explorer"
    for name, kind in ((franchise, "franchise"), (film, "film")):
        if name is not None:
            resolution = graph.resolve(name, kind)
            if not resolution:
                raise ValueError(resolution.message)
            keep &= scope[str(resolution.match.iri)]
            title += f": {resolution.match.name}"
    order = sorted(keep, key=lambda iri: (list(TYPES).index(entities[iri][0]), entities[iri][1].casefold(), iri))
    number = {iri: i for i, iri in enumerate(order)}
    lines = sorted((key for key in drawn if key[0] in keep and key[1] in keep),
                   key=lambda k: (number[k[0]], number[k[1]], k[2], k[3] or ""))
    about: dict[str, list[int]] = defaultdict(list)  # entity -> the facts naming it
    for index, (_, roles, _) in enumerate(fact_roles):
        for iri in dict.fromkeys(roles.values()):
            about[iri].append(index)
    shown = sorted({i for iri in order for i in about[iri]}, key=lambda i: (-len(facts[i].reviews), facts[i].text, i))
    renumber = {old: new for new, old in enumerate(shown)}
    reviews: dict[str, set[str]] = defaultdict(set)
    edges = []
    for key in lines:
        supporting = {r for i in drawn[key] for r in facts[i].reviews}
        reviews[key[0]] |= supporting
        reviews[key[1]] |= supporting
        edges.append(ViewEdge(number[key[0]], number[key[1]], key[2], key[3],
                              tuple(sorted(renumber[i] for i in drawn[key])), len(supporting)))
    where = positions(order, [(a, b) for a, b, _, _ in lines])
    films = [iri for iri in order if entities[iri][0] in ("film", "tv_series")]
    franchises = [iri for iri in order if entities[iri][0] == "franchise"]
    nodes = tuple(
        ViewNode(iri, *entities[iri], len(reviews[iri]), *where[iri], facts=tuple(sorted(renumber[i] for i in about[iri])),
                 films=tuple(number[f] for f in films if iri in scope[f]),
                 franchises=tuple(number[f] for f in franchises if iri in scope[f]))
        for iri in order)
    quoted = {q.review for i in shown for q in facts[i].quotes}
    return Scene(title, nodes, tuple(edges), tuple(facts[i] for i in shown),
                 {review: url for review, url in urls.items() if review in quoted})


def _entities(graph: KnowledgeGraph) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """IRI -> (node type, label, aliases) of every person, film, series, character and franchise."""
    found: dict[str, tuple[str, str, set[str]]] = {}
    for row in graph.rows("names"):
        kind = NODE_TYPE.get(TYPE_OF_CLASS.get(row["class"]))
        if kind is None:
            continue
        iri = str(row["item"])
        entry = found.setdefault(iri, (kind, str(row["label"]), set()))
        if row.get("alias") is not None and str(row.get("alias")) != entry[1]:
            entry[2].add(str(row.get("alias")))
    return {iri: (kind, label, tuple(sorted(aliases))) for iri, (kind, label, aliases) in found.items()}


def _facts(graph: KnowledgeGraph, entities: dict) -> tuple[list[ViewFact], list[tuple], dict[str, str]]:
    """Every fact naming an entity; the class, roles (role -> IRI) and crew role of each; and the
    URL of every quoted review that has one."""
    rows: dict[str, dict] = {}
    urls: dict[str, str] = {}
    for row in graph.rows("view_facts"):
        entry = rows.setdefault(str(row["fact"]), {"row": row, "quotes": set()})
        if row.get("quote") is not None:
            entry["quotes"].add(Quote(str(row["rid"]), str(row["quote"]), int(row["begin"]), int(row["end"])))
            if row.get("url") is not None:
                urls[str(row["rid"])] = str(row.get("url"))
    facts, fact_roles = [], []
    for _, entry in sorted(rows.items()):
        row = entry["row"]
        roles = {role: str(row[role]) for role in ROLES if row.get(role) is not None}
        if not any(iri in entities for iri in roles.values()):
            continue
        kind = KIND_OF_CLASS[row["class"]]
        names = {role: entities[iri][1] for role, iri in roles.items() if iri in entities}
        text = _sentence(kind, names, row)
        facts.append(ViewFact(kind, text, tuple(sorted(entry["quotes"]))))
        fact_roles.append((row["class"], roles, None if row.get("crewRole") is None else str(row.get("crewRole"))))
    return facts, fact_roles, dict(sorted(urls.items()))


def _sentence(kind: str, names: dict[str, str], row) -> str:
    """A fact as a sentence: ``Lance Reddick plays Charon in Ballerina``."""
    person, character, film = names.get("person"), names.get("character"), names.get("film")
    review = None if row.get("reviewId") is None else str(row["reviewId"])
    if kind == "director":
        return f"{person} directed {film}"
    if kind == "crew":
        return f"{person} is credited as {row['crewRole']} on {film}"
    if kind == "cast":
        if character and film:
            return f"{person} plays {character} in {film}"
        return f"{person} plays {character}" if character else f"{person} is in the cast of {film}"
    if kind == "in_franchise":
        return f"{film} is part of the {names.get('franchise')} franchise"
    if kind == "review_of":
        return f"Review {review} is of {film}"
    if kind == "review_author":
        return f"{person} wrote review {review}"
    return f"{film} was released on {row['value']}"  # release_date


def _scopes(entities: dict, drawn: dict) -> dict[str, set[str]]:
    """What a film or franchise filter keeps: a film, its neighbours, and for a franchise every
    film in it with theirs."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for source, target, _, _ in drawn:
        neighbours[source].add(target)
        neighbours[target].add(source)
    scope = {iri: {iri} | neighbours[iri] for iri, (kind, _, _) in entities.items() if kind in ("film", "tv_series")}
    for iri, (kind, _, _) in entities.items():
        if kind == "franchise":
            scope[iri] = {iri}.union(*(scope[f] for f in neighbours[iri] if f in scope))
    return scope
