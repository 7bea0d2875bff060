"""Opening a built graph for querying: the on-disk Oxigraph store ``kg build`` wrote
(``exports/store``, opened read-only in milliseconds), or else an RDF file parsed into memory by
Oxigraph; and :class:`LocalGraph`, which runs a query with bound values and returns plain rows.

No rdflib on this path: a helper command opens the store, runs one ``.rq`` file and prints; and
no pathlib or warnings until they are needed (``Path`` in the annotations is pathlib's).

>>> graph = LocalGraph(open_store("exports"))                          # doctest: +SKIP
>>> graph.select("SELECT ?s WHERE { ?s rdfs:label ?name }", {"name": "Ballerina"})   # doctest: +SKIP
[{'s': 'https://w3id.org/filmkg/id/film/ballerina'}]
"""
from __future__ import annotations

import os
import re

import pyoxigraph as ox

GRAPH_FILE = "graph.trig"
STORE_DIR = "store"
NAME_INDEX = "names.sqlite"  # the names a graph's helpers resolve (kg.lookup), saved beside its store
FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
           ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = frozenset(XSD + name for name in ("integer", "int", "long", "short", "nonNegativeInteger",
                                             "positiveInteger", "negativeInteger", "nonPositiveInteger"))
FLOATS = frozenset((XSD + "double", XSD + "float"))
WHERE = re.compile(r"^[^#\n]*?\bWHERE\s*\{", re.IGNORECASE | re.MULTILINE)  # not in a comment line


class IRI(str):
    """An IRI in a row (a ``str``, so it prints and compares as its text), and how to bind one:
    ``graph.select(query, {"film": IRI("https://w3id.org/filmkg/id/film/ballerina")})``."""

    __slots__ = ()


def graph_file(path: str | Path) -> Path:
    """The RDF file behind ``path``: a folder written by ``kg build`` or an RDF file itself."""
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        path = path / GRAPH_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no built graph here (run `kg build` first)")
    if path.suffix not in FORMATS:
        raise ValueError(f"{path}: unsupported graph format (use one of {', '.join(FORMATS)})")
    return path


def store_dir(path: str | Path) -> Path | None:
    """The Oxigraph store of a folder written by ``kg build``, if it has one."""
    folder = os.path.join(path, STORE_DIR)
    if not os.path.isdir(folder):
        return None
    from pathlib import Path

    return Path(folder)


def open_store(path: str | Path) -> ox.Store:
    """A built graph as an Oxigraph store: a folder's ``store/`` opened read-only, or (for a folder
    without one, a damaged one, or an RDF file) the RDF parsed into a new in-memory store."""
    on_disk = store_dir(path)
    if on_disk is not None:
        try:
            return ox.Store.read_only(str(on_disk))
        except (OSError, RuntimeError) as err:  # a damaged store: the TriG beside it still holds the graph
            import warnings

            warnings.warn(f"{on_disk}: the graph's store cannot be opened ({err}); reading the TriG instead")
    source = graph_file(path)
    store = ox.Store()
    try:
        store.bulk_load(path=source, format=FORMATS[source.suffix])
    except (SyntaxError, ValueError, OSError) as err:
        raise ValueError(f"{source}: cannot be parsed as {FORMATS[source.suffix].name} "
                         f"({' '.join(str(err).split())})") from None
    return store


def load_dataset(path: str | Path):
    """A built graph (see :func:`open_store`) as a union-default rdflib ``Dataset`` on Oxigraph."""
    return dataset_on(open_store(path))


def dataset_on(store: ox.Store):
    """An rdflib ``Dataset`` over an Oxigraph store (shared, not copied), its default graph the union."""
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from .graph import bind_prefixes

    return bind_prefixes(Dataset(store=OxigraphStore(store=store), default_union=True))


def store_of(graph) -> ox.Store:
    """The Oxigraph store behind an rdflib graph or dataset (its own, or a copy of its quads)."""
    if isinstance(graph, ox.Store):
        return graph
    inner = getattr(graph.store, "_inner", None)
    if isinstance(inner, ox.Store):
        return inner
    from rdflib import ConjunctiveGraph

    store = ox.Store()
    quads = isinstance(graph, ConjunctiveGraph)
    store.bulk_load(input=graph.serialize(format="ox-nquads" if quads else "ox-ntriples", encoding="utf-8"),
                    format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
    return store


def ox_term(value) -> ox.NamedNode | ox.Literal:
    """A value to bind: an :class:`IRI`, an rdflib or pyoxigraph term, or a plain Python value
    (``True``, ``2``, ``2.5``, ``"Eve"``), which becomes a literal of its XSD type."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, IRI):
        return ox.NamedNode(value)
    kind = type(value).__name__
    if kind == "URIRef":
        return ox.NamedNode(str(value))
    if kind == "BNode":
        return ox.BlankNode(str(value))
    if kind == "Literal":
        if value.language:
            return ox.Literal(str(value), language=value.language)
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype))) if value.datatype \
            else ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    return ox.Literal(str(value))


def plain_value(term):
    """A term of a row as plain Python: an :class:`IRI`, an ``int`` or ``float`` for numbers of
    those types, else the literal's text (a decimal ``"3.5"``, a date ``"2025-06-06"``)."""
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in INTEGERS:
            return int(term.value)
        if datatype in FLOATS:
            return float(term.value)
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


def inline_values(text: str, bindings: dict) -> str:
    """The query with its bindings as a ``VALUES`` block opening its ``WHERE`` group. Each value is
    written as an escaped RDF term, so nothing a value holds can change the query; and Oxigraph
    plans its joins from a ``VALUES`` block (it does not from ``substitutions``: the cast of one
    film took 63 ms instead of 5 on a 0.5M-quad store), as a SPARQL server must (the protocol has
    no other way to bind). ``inline_values("SELECT ?s WHERE { ?s ?p ?o }",
    {"o": "x"})`` is ``'SELECT ?s WHERE { VALUES (?o) { ("x") } ?s ?p ?o }'``."""
    if not bindings:
        return text
    names = sorted(bindings)
    block = "VALUES (" + " ".join(f"?{name}" for name in names) + ") { (" + \
        " ".join(str(ox_term(bindings[name])) for name in names) + ") }"
    where = WHERE.search(text)
    if where is None:
        raise ValueError("the query has no WHERE group to bind values in")
    return f"{text[:where.end()]} {block}{text[where.end():]}"


class LocalGraph:
    """A graph in an Oxigraph store (see :func:`open_store`), queried with bound values; each row a
    dict of plain values (:func:`plain_value`), unbound variables left out."""

    def __init__(self, store: ox.Store, prefixes: dict[str, str] | None = None):
        self.store = store
        self.prefixes = prefixes or {}

    def __len__(self) -> int:
        return len(self.store)

    def select(self, text: str, bindings: dict) -> list[dict]:
        result = self.store.query(inline_values(text, bindings), prefixes=self.prefixes,
                                  use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name, term in zip(names, solution):
                if term is not None:
                    row[name] = plain_value(term)
            rows.append(row)
        return rows
