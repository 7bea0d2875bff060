"""Exports: ``graph.trig``, ``graph.ttl``, ``graph.jsonld``, ``graph.graphml``, ``graph.gexf`` and
``facts.jsonl``.

The six files are replaced **as a set**: they are written into a new folder beside the old one,
which is then swapped in with one atomic rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere
two renames). A build killed at any moment leaves the old set or the new one, never a mix. A
folder that cannot take the exports (a file, a folder of other files, a read-only place) is
refused by :func:`check_out_dir` before any work. Literals are escaped for every format, so
every export loads whatever the reviews hold, and the same input gives byte-identical files.

>>> from kg.pipeline import build_knowledge_base               # doctest: +SKIP
>>> write_exports(build_knowledge_base(), "exports")           # doctest: +SKIP
{'facts.jsonl': PosixPath('exports/facts.jsonl'), ...}
"""
from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, RDFS

from .graph import bind_prefixes, build_dataset
from .model import FACT_FIELDS, KnowledgeBase
from .vocab import FKG

QUOTE_CHARS = 200
NODE_TYPES = {FKG.Person: "person", FKG.Character: "character", FKG.Film: "film",
              FKG.TVSeries: "tv_series", FKG.Franchise: "franchise"}
EDGES = {  # fact class -> (source role, target role, relation)
    FKG.DirectingCredit: [("person", "film", "directed")],
    FKG.CastCredit: [("person", "film", "acted_in"), ("person", "character", "played"),
                     ("character", "film", "appears_in")],
    FKG.FranchiseMembership: [("film", "franchise", "part_of_franchise")],
    FKG.CrewCredit: [("person", "film", "crew")],  # with the edge's "role": writer, composer, ...
}


EXPORT_NAMES = ("facts.jsonl", "graph.gexf", "graph.graphml", "graph.jsonld", "graph.trig", "graph.ttl")
STAGING = ".{name}.kg-"  # the new set is written in .exports.kg-<pid>-<random>, beside the folder


def check_out_dir(out_dir: str | Path) -> Path:
    """The exports folder, if exports can be written there; else ``ValueError`` with a one-line reason.

    It must be a folder (or not exist yet) holding nothing but exports, in a place we may write to.
    """
    out = Path(out_dir)
    reason = None
    if out.exists() and not out.is_dir():
        reason = "it is a file, not a folder"
    elif out.is_dir():
        others = sorted(p.name for p in out.iterdir() if p.name not in EXPORT_NAMES)
        if others:
            reason = (f"it holds other files ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}), "
                      "which replacing the exports would remove; give an empty folder or one kg build wrote")
    if reason is None:
        parent = out.absolute().parent
        while not parent.exists():
            parent = parent.parent
        try:
            if not parent.is_dir():
                raise NotADirectoryError(0, "not a folder")
            os.rmdir(tempfile.mkdtemp(prefix=".kg-probe-", dir=parent))
        except OSError as err:
            reason = f"{parent} cannot be written to ({err.strerror or err})"
    if reason:
        raise ValueError(f"cannot write the exports to {out}: {reason}")
    return out


def atomic_write(path: Path, data: bytes) -> None:
    """Writes one file (a page, a picture) through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(path, 0o644)


def _exchange(new: Path, old: Path) -> bool:
    """Swaps two folders in one atomic step (Linux ``renameat2``); False where that is not possible."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_cwd, exchange = -100, 2
    if renameat2(at_cwd, os.fsencode(new), at_cwd, os.fsencode(old), exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(old))


def _swap_in(new: Path, out: Path) -> None:
    """Puts the folder ``new`` at ``out``; afterwards ``new`` holds what ``out`` held, if anything."""
    if not out.exists():
        os.rename(new, out)
    elif not _exchange(new, out):
        old = new.with_name(new.name + "old")
        os.rename(out, old)
        os.rename(new, out)
        os.rename(old, new)


def _remove_stale(out: Path) -> None:
    """Removes the new sets that killed builds left beside ``out`` (their process is gone)."""
    prefix = STAGING.format(name=out.name)
    for folder in out.absolute().parent.glob(prefix + "*"):
        pid = folder.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def facts_records(kb: KnowledgeBase) -> list[dict]:
    """One JSON-ready record per entity and per fact, in the shape ``score_facts.py`` reads."""
    records = []
    for entity in kb.entities:
        record = {"kind": "entity", "type": "film" if entity.type == "series" else entity.type,
                  "name": entity.name, "aliases": list(entity.aliases), "iri": entity.iri}
        if entity.type in ("film", "series"):
            record["work"] = "tv_series" if entity.type == "series" else "film"
        records.append(record)
    for fact in kb.facts:
        record = {"kind": fact.kind}
        for name in FACT_FIELDS[fact.kind]:
            record[name] = getattr(fact, name)
        record["sources"] = [s.as_json() for s in fact.sources]
        record["rules"] = list(fact.rules)
        records.append(record)
    return records


# Line breaks JSON may leave raw in a string, that line-splitting readers (str.splitlines) split on.
LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def facts_jsonl(kb: KnowledgeBase) -> bytes:
    """One JSON record a line; every line break inside a string is escaped, so any line reader works."""
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=False).translate(LINE_BREAKS) for r in facts_records(kb)]
    return "".join(line + "\n" for line in lines).encode("utf-8")  # no records: an empty file, not a blank line


def union_graph(dataset: Dataset) -> Graph:
    """All quads of a dataset merged into one graph (for Turtle, which has no named graphs)."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def to_networkx(dataset: Dataset | Graph) -> nx.MultiDiGraph:
    """People, films, characters and franchises as nodes; credits as edges citing their reviews.

    Only string and number attributes, so Gephi, Cytoscape, networkx and igraph all read it.
    """
    graph = union_graph(dataset) if isinstance(dataset, Dataset) else dataset
    out = nx.MultiDiGraph()
    for cls, kind in sorted(NODE_TYPES.items()):
        for node in sorted(graph.subjects(RDF.type, cls)):
            out.add_node(str(node), label=str(graph.value(node, RDFS.label) or node), type=kind)
    for cls, edges in EDGES.items():
        for fact in sorted(graph.subjects(RDF.type, cls)):
            roles = {role: graph.value(fact, FKG[role]) for role in ("person", "film", "character", "franchise")}
            evidence = sorted(graph.objects(fact, FKG.evidence))
            reviews = sorted({str(graph.value(e, FKG.quotedFrom)).rsplit("/", 1)[-1] for e in evidence})
            review_ids = sorted({str(graph.value(graph.value(e, FKG.quotedFrom), FKG.reviewId)) for e in evidence})
            quotes = [str(graph.value(e, FKG.quote)) for e in evidence]
            for source, target, relation in edges:
                if roles[source] is None or roles[target] is None:
                    continue
                extra = {"role": str(graph.value(fact, FKG.crewRole))} if cls == FKG.CrewCredit else {}
                out.add_edge(str(roles[source]), str(roles[target]), key=f"{fact}#{relation}", relation=relation,
                             reviews=" ".join(review_ids or reviews), support=len(review_ids or reviews),
                             quote=min(quotes, key=len)[:QUOTE_CHARS] if quotes else "", fact=str(fact), **extra)
    return out


# Characters XML 1.0 cannot hold at all, not even as a character reference.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    """A value GraphML (XML 1.0) can hold: each character XML forbids (C0 controls, U+FFFE,
    U+FFFF) becomes U+FFFD. ``xml_text("a\x01b") == "a\ufffdb"``."""
    return NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def graphml(dataset: Dataset) -> bytes:
    graph = to_networkx(dataset)
    for _, data in graph.nodes(data=True):
        data.update({k: xml_text(v) for k, v in data.items()})
    for *_, data in graph.edges(keys=True, data=True):
        data.update({k: xml_text(v) for k, v in data.items()})
    lines = nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)
    return ("\n".join(lines) + "\n").encode("utf-8")


def gexf(dataset: Dataset) -> bytes:
    """The GraphML graph as GEXF, laid out for Gephi: each node's ``viz`` colour (by type), size
    (by how many reviews support its credits, also in its ``support`` attribute) and position, and
    each edge's colour (by relation), from :mod:`kg.style` as in the explorer (``kg view``)."""
    from .style import RELATIONS, TYPES, node_size, positions

    graph = to_networkx(dataset)
    reviews: dict[str, set[str]] = {node: set() for node in graph}
    for source, target, data in graph.edges(data=True):
        reviews[source].update(data["reviews"].split())
        reviews[target].update(data["reviews"].split())
        data["label"] = RELATIONS[data["relation"]].label
        data["viz"] = {"color": _viz_colour(RELATIONS[data["relation"]].colour)}
    where = positions(graph, graph.edges())
    for node, data in graph.nodes(data=True):
        x, y = where[node]
        data["support"] = len(reviews[node])
        data["viz"] = {"color": _viz_colour(TYPES[data["type"]].colour), "size": node_size(len(reviews[node])),
                       "position": {"x": x, "y": -y, "z": 0.0}}  # Gephi's y axis points up
    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True)) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1).encode("utf-8")  # the date would vary


def _viz_colour(colour: str) -> dict:
    from .style import rgb

    r, g, b = rgb(colour)
    return {"r": r, "g": g, "b": b, "a": 1.0}


def jsonld(dataset: Dataset) -> bytes:
    """JSON-LD with named graphs, its node lists sorted by ``@id`` for stable output."""
    data = json.loads(dataset.serialize(format="json-ld", auto_compact=True))
    return (json.dumps(_sorted_jsonld(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_jsonld(value):
    if isinstance(value, dict):
        return {k: _sorted_jsonld(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def nquads_sorted(dataset: Dataset) -> bytes:
    lines = sorted(line for line in dataset.serialize(format="nquads").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_exports(kb: KnowledgeBase, out_dir: str | Path) -> dict[str, Path]:
    """Builds the RDF dataset of ``kb`` and replaces the exports in ``out_dir`` with its six files."""
    out = check_out_dir(out_dir)
    dataset = build_dataset(kb)
    files = {
        "graph.trig": lambda: canonical_trig(dataset),
        "graph.ttl": lambda: union_graph(dataset).serialize(format="turtle").encode("utf-8"),
        "graph.jsonld": lambda: jsonld(dataset),
        "graph.graphml": lambda: graphml(dataset),
        "graph.gexf": lambda: gexf(dataset),
        "facts.jsonl": lambda: facts_jsonl(kb),
    }
    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(out)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING.format(name=out.name)}{os.getpid()}-",
                                    dir=out.absolute().parent))
    try:
        for name, render in files.items():
            _write_file(staging / name, render())
        os.chmod(staging, 0o755)
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {name: out / name for name in files}


def canonical_trig(dataset: Dataset) -> bytes:
    """TriG with the default graph first and named graphs in IRI order.

    rdflib writes graphs in store order, which varies between runs; each graph's body is
    rdflib's (sorted) Turtle, kept verbatim: a literal may hold line breaks of any kind, so only
    the ``@prefix`` lines at its head are taken apart, and nothing is re-indented.
    """
    prefixes, blocks = set(), []
    named = sorted((g for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier),
                   key=lambda g: str(g.identifier))
    for context in [dataset.default_graph, *named]:
        graph = bind_prefixes(Graph())
        for triple in context:
            graph.add(triple)
        lines = graph.serialize(format="turtle").split("\n")
        head = 0
        while head < len(lines) and lines[head].startswith("@prefix "):
            head += 1
        prefixes.update(lines[:head])
        body = "\n".join(lines[head:]).strip("\n")
        name = "" if context is dataset.default_graph else f"<{context.identifier}> "
        blocks.append(f"{name}{{\n{body}\n}}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")
