"""The graph on a shared SPARQL server: :func:`push` a built graph over the SPARQL 1.1 Graph Store
Protocol, and :class:`RemoteGraph` to query one (what :func:`kg.connect` uses).

``push`` puts the default graph and one named graph per review, each replaced whole (HTTP
``PUT``), and removes the graphs of reviews no longer in the build (``DELETE``). It keeps the
sha256 of every graph it wrote in one small graph on the server (:data:`STATE_GRAPH`), so pushing
again after an incremental build sends only the graphs that changed.

>>> report = push("exports", "http://localhost:7878/store")          # doctest: +SKIP
>>> report.sent, report.unchanged, report.deleted                      # doctest: +SKIP
(3, 0, 0)
>>> graph = kg.connect("http://localhost:7878/query")                  # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .store import FLOATS, INTEGERS, IRI, inline_values

STATE_GRAPH = "urn:filmkg:push-state"
DIGEST = "urn:filmkg:sha256"
N_TRIPLES = "application/n-triples"
TIMEOUT = 300.0


@dataclass(frozen=True)
class PushReport:
    """What one push did: graphs sent, left as they were, and deleted."""

    sent: int
    unchanged: int
    deleted: int


class ServerError(ValueError):
    """A request the server answered with an HTTP error; ``status`` is its code."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _request(url: str, method: str, data: bytes | None = None, content_type: str | None = None,
             accept: str | None = None) -> bytes:
    headers = {k: v for k, v in (("Content-Type", content_type), ("Accept", accept)) if v}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        detail = " ".join(err.read().decode("utf-8", "replace").split())[:200]
        raise ServerError(f"{method} {url}: the server answered {err.code} {err.reason}"
                          f"{': ' + detail if detail else ''}", err.code) from None
    except (urllib.error.URLError, OSError) as err:
        raise ValueError(f"{method} {url}: cannot reach the server ({getattr(err, 'reason', err)})") from None


def _graph_url(store_url: str, graph: str | None) -> str:
    separator = "&" if "?" in store_url else "?"
    if graph is None:
        return f"{store_url}{separator}default"
    return f"{store_url}{separator}graph={urllib.parse.quote(graph, safe='')}"


def graphs_of(folder: str | Path) -> dict[str | None, bytes]:
    """Each graph of a built folder's ``graph.nq`` as N-Triples (None: the default graph)."""
    source = Path(folder) / "graph.nq"
    if not source.is_file():
        raise FileNotFoundError(f"{source}: no built graph here (run `kg build` first)")
    triples: dict[str | None, list] = {}
    for quad in ox.parse(path=source, format=ox.RdfFormat.N_QUADS):
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        triples.setdefault(name, []).append(quad.triple)
    return {name: ox.serialize(items, format=ox.RdfFormat.N_TRIPLES) for name, items in triples.items()}


def _pushed(store_url: str) -> dict[str | None, str]:
    """The digests the last push left on the server (none on a server it never wrote to)."""
    try:
        data = _request(_graph_url(store_url, STATE_GRAPH), "GET", accept=N_TRIPLES)
    except ServerError as err:
        if err.status == 404:  # a server this never pushed to
            return {}
        raise
    state = {}
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        name = triple.subject.value
        state[None if name == STATE_GRAPH else name] = triple.object.value
    return state


def push(folder: str | Path, store_url: str, progress=None) -> PushReport:
    """Puts a built graph on a Graph Store Protocol endpoint (Oxigraph's ``/store``, Fuseki's
    ``/dataset/data``, ...), sending only the graphs that changed since the last push there."""
    graphs = graphs_of(folder)
    before = _pushed(store_url)
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in graphs.items()}
    changed = [name for name in sorted(graphs, key=lambda n: n or "") if before.get(name) != digests[name]]
    removed = sorted(name for name in before if name is not None and name not in graphs)
    if progress:
        progress.start("Pushing", len(changed) + len(removed))
    for name in changed:
        _request(_graph_url(store_url, name), "PUT", graphs[name], N_TRIPLES)
        if progress:
            progress.advance()
    for name in removed:
        try:
            _request(_graph_url(store_url, name), "DELETE")
        except ServerError as err:
            if err.status != 404:  # a 404 is a graph already gone
                raise
        if progress:
            progress.advance()
    state = [ox.Triple(ox.NamedNode(name or STATE_GRAPH), ox.NamedNode(DIGEST), ox.Literal(digest))
             for name, digest in sorted(digests.items(), key=lambda item: item[0] or "")]
    _request(_graph_url(store_url, STATE_GRAPH), "PUT", ox.serialize(state, format=ox.RdfFormat.N_TRIPLES),
             N_TRIPLES)
    return PushReport(len(changed), len(graphs) - len(changed), len(removed))


def _plain(binding: dict):
    """A SPARQL JSON results term as the plain value :class:`kg.store.LocalGraph` gives."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return IRI(value)
    if kind == "bnode":
        return "_:" + value
    datatype = binding.get("datatype")
    if datatype in INTEGERS:
        return int(value)
    if datatype in FLOATS:
        return float(value)
    return value


class RemoteGraph:
    """A graph on a SPARQL 1.1 query endpoint whose default graph is the union of its graphs
    (Oxigraph ``serve --union-default-graph``, Fuseki with ``unionDefaultGraph``, GraphDB and
    Virtuoso as they come); rows as :class:`kg.store.LocalGraph` gives them."""

    def __init__(self, url: str):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"{url}: not an http(s) SPARQL endpoint")
        self.url = url

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {})
        return int(rows[0]["n"]) if rows else 0

    def select(self, text: str, bindings: dict) -> list[dict]:
        body = urllib.parse.urlencode({"query": inline_values(text, bindings)}).encode("utf-8")
        data = _request(self.url, "POST", body, "application/x-www-form-urlencoded",
                        "application/sparql-results+json")
        try:
            results = json.loads(data)["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise ValueError(f"{self.url}: the answer is not SPARQL JSON results") from None
        return [{name: _plain(term) for name, term in row.items()} for row in results]
