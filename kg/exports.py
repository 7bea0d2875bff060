"""Exports: ``graph.trig``, ``graph.nq``, ``graph.ttl``, ``graph.jsonld``, ``graph.graphml``,
``graph.gexf`` and ``facts.jsonl``.

Every export streams: the statements are sorted once (:func:`kg.graph.sorted_statements`),
written as canonical N-Quads, and Oxigraph's serializers turn that file into TriG, Turtle and
JSON-LD as they read it; the networks are made from the knowledge base directly. So each costs
O(n) in facts beyond that one sort. With ``workers`` above 1 the exports are written in that
many forked processes at once (:mod:`kg.jobs`), and the store of the previous build is patched
rather than loaded again (:func:`write_store`).

The files are replaced **as a set**: they are written into a new folder beside the old one,
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
import functools
import itertools
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, RDFS

from .cache import CACHE_FILE, ExtractionCache
from .store import NAME_INDEX, STORE_DIR
from .graph import bind_prefixes, nquads, sorted_statements, triple_order
from .jobs import Job, run_jobs
from .model import FACT_FIELDS, KnowledgeBase
from .progress import Progress
from .style import RELATIONS, TYPES, node_size, positions, rgb
from .vocab import ENTITY_CLASS, FACT_CLASS, FKG, PREFIXES, entity_iri, fact_iri

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


EXPORT_NAMES = ("facts.jsonl", "graph.gexf", "graph.graphml", "graph.jsonld", "graph.nq", "graph.trig", "graph.ttl")
# The prefixes the RDF exports abbreviate with (entity IRIs stay whole: "id:" would need escapes).
SERIALIZED_PREFIXES = {prefix: str(PREFIXES[prefix]) for prefix in ("fkg", "rdf", "rdfs", "skos", "xsd")}
NODE_ORDER = {kind: i for i, kind in enumerate(sorted(NODE_TYPES.values()))}
CLASS_ORDER = {cls: i for i, cls in enumerate(EDGES)}
PATCH_SHARE = 0.25  # the previous store is patched when fewer statements than this share changed
STORE_CHUNK = 50_000  # quads a bulk load takes at once: 0.1 GB of memory (0.6 GB for 0.55M quads in one)
KEPT_NAMES = (CACHE_FILE, STORE_DIR, NAME_INDEX)  # what kg build keeps beside the exports, in the same set
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
        others = sorted(p.name for p in out.iterdir() if p.name not in EXPORT_NAMES + KEPT_NAMES)
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


def _sync(path: Path) -> None:
    """Flushes a written export to disk, readable by all, before the set is swapped in."""
    with open(path, "rb") as written:
        os.fsync(written.fileno())
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


@dataclass(frozen=True)
class Credit:
    """One fact as the networks see it: its IRI, class, role IRIs and the reviews and quotes behind it."""

    iri: str
    cls: str
    roles: dict
    reviews: tuple[str, ...]
    quotes: tuple[str, ...]
    crew_role: str | None = None


def network(nodes, credits) -> nx.MultiDiGraph:
    """People, films, characters and franchises as nodes; credits as edges citing their reviews.

    ``nodes`` are ``(iri, label, type)``; a node named twice (two names that fold to one IRI,
    "Said" and "Saïd") takes the first label in sort order, so the output never varies. Only
    string and number attributes, so Gephi, Cytoscape, networkx and igraph all read it.
    """
    out = nx.MultiDiGraph()
    for iri, label, kind in sorted(set(nodes), key=lambda n: (NODE_ORDER[n[2]], n[0], n[1])):
        if iri not in out:
            out.add_node(iri, label=label, type=kind)
    for credit in sorted(credits, key=lambda c: (CLASS_ORDER[c.cls], c.iri)):
        for source, target, relation in EDGES[credit.cls]:
            if credit.roles.get(source) is None or credit.roles.get(target) is None:
                continue
            extra = {"role": credit.crew_role} if credit.cls == FKG.CrewCredit else {}
            out.add_edge(credit.roles[source], credit.roles[target], key=f"{credit.iri}#{relation}",
                         relation=relation, reviews=" ".join(credit.reviews), support=len(credit.reviews),
                         quote=min(credit.quotes, key=len)[:QUOTE_CHARS] if credit.quotes else "",
                         fact=credit.iri, **extra)
    return out


def kb_network(kb: KnowledgeBase) -> nx.MultiDiGraph:
    """The network of a knowledge base (what ``graph.graphml`` holds), straight from its facts."""
    work_type = {e.name: e.type for e in kb.entities if e.type in ("film", "series")}

    def node(role: str, name: str | None) -> str | None:
        if name is None:
            return None
        return str(entity_iri(work_type.get(name, "film") if role == "film" else role, name))

    nodes = [(e.iri, e.name, NODE_TYPES[ENTITY_CLASS[e.type]]) for e in kb.entities]
    credits = [Credit(str(fact_iri(f.kind, f.key)), FACT_CLASS[f.kind],
                      {role: node(role, getattr(f, role)) for role in ("person", "film", "character", "franchise")},
                      f.reviews, tuple(s.quote for s in f.sources), f.role)
               for f in kb.facts if FACT_CLASS[f.kind] in EDGES]
    return network(nodes, credits)


def to_networkx(dataset: Dataset | Graph) -> nx.MultiDiGraph:
    """The network of a loaded graph, the same as :func:`kb_network` of the knowledge base it came from."""
    graph = union_graph(dataset) if isinstance(dataset, Dataset) else dataset
    nodes = [(str(node), str(label), kind) for cls, kind in NODE_TYPES.items()
             for node in graph.subjects(RDF.type, cls) for label in graph.objects(node, RDFS.label)]
    credits = []
    for cls in EDGES:
        for fact in graph.subjects(RDF.type, cls):
            roles = {role: graph.value(fact, FKG[role]) for role in ("person", "film", "character", "franchise")}
            evidence = list(graph.objects(fact, FKG.evidence))
            reviews = {str(graph.value(graph.value(e, FKG.quotedFrom), FKG.reviewId)) for e in evidence}
            crew_role = graph.value(fact, FKG.crewRole)
            credits.append(Credit(str(fact), cls, {k: None if v is None else str(v) for k, v in roles.items()},
                                  tuple(sorted(reviews)), tuple(str(graph.value(e, FKG.quote)) for e in evidence),
                                  None if crew_role is None else str(crew_role)))
    return network(nodes, credits)


# Characters XML 1.0 cannot hold at all, not even as a character reference.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    """A value GraphML (XML 1.0) can hold: each character XML forbids (C0 controls, U+FFFE,
    U+FFFF) becomes U+FFFD. ``xml_text("a\x01b") == "a\ufffdb"``."""
    return NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with every attribute value made one XML 1.0 can hold (see :func:`xml_text`)."""
    for _, data in graph.nodes(data=True):
        data.update({k: xml_text(v) for k, v in data.items()})
    for *_, data in graph.edges(keys=True, data=True):
        data.update({k: xml_text(v) for k, v in data.items()})
    return graph


def graphml(kb: KnowledgeBase) -> bytes:
    """The network of :func:`kb_network` as GraphML, every value one XML may hold."""
    graph = _xml_safe(kb_network(kb))
    lines = nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)
    return ("\n".join(lines) + "\n").encode("utf-8")


def gexf(kb: KnowledgeBase) -> bytes:
    """The GraphML graph as GEXF, laid out for Gephi: each node's ``viz`` colour (by type), size
    (by how many reviews support its credits, also in its ``support`` attribute) and position, and
    each edge's colour (by relation), from :mod:`kg.style` as in the explorer (``kg view``)."""
    graph = _xml_safe(kb_network(kb))
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
    r, g, b = rgb(colour)
    return {"r": r, "g": g, "b": b, "a": 1.0}


def write_nquads(statements: list[tuple], folder: Path) -> None:
    """Writes ``graph.nq``: the sorted statements as canonical N-Quads, which the other RDF
    exports and the store are made from."""
    with open(folder / "graph.nq", "w", encoding="utf-8", newline="\n") as out:
        out.writelines(nquads(statements))


def convert_nquads(folder: Path, name: str, format: ox.RdfFormat) -> None:
    """Writes ``folder/name`` (``graph.trig``, ``graph.jsonld``) from ``graph.nq``, streamed by
    Oxigraph's serializer."""
    ox.serialize(ox.parse(path=folder / "graph.nq", format=ox.RdfFormat.N_QUADS), folder / name, format,
                 prefixes=SERIALIZED_PREFIXES)


def write_turtle(statements: list[tuple], folder: Path) -> None:
    """Writes ``graph.ttl``: the statements in triple order (Turtle has no named graphs), through
    a temporary N-Triples file that Oxigraph's serializer streams."""
    triples = folder / ".triples.nt"
    with open(triples, "w", encoding="utf-8", newline="\n") as out:
        out.writelines(nquads(sorted(statements, key=triple_order), graphs=False))
    ox.serialize(ox.parse(path=triples, format=ox.RdfFormat.N_TRIPLES), folder / "graph.ttl",
                 ox.RdfFormat.TURTLE, prefixes=SERIALIZED_PREFIXES)
    triples.unlink()


def write_store(folder: Path, previous: Path | None = None) -> None:
    """Makes ``folder/store``, the on-disk Oxigraph store of ``folder/graph.nq`` that :func:`kg.load`
    and the CLI open instead of parsing TriG, and saves its name index beside it (``names.sqlite``),
    so that a helper command need not read every label first.

    With the folder of the ``previous`` build, its store is copied (hard links: a store's files are
    never changed once written) and patched with what changed between the two ``graph.nq``: an
    incremental build touches a few graphs of thousands. The patched store holds exactly what a
    store loaded from scratch would; if it does not, or the old one cannot be read, it is loaded
    from scratch."""
    from .query import KnowledgeGraph

    store = _patched_store(previous, folder) if previous is not None else None
    if store is None:
        store = _loaded_store(folder)
    KnowledgeGraph(store).write_name_index(folder / NAME_INDEX)
    del store


def _loaded_store(folder: Path) -> ox.Store:
    """A new store at ``folder/store`` holding ``folder/graph.nq``, bulk-loaded and compacted."""
    shutil.rmtree(folder / STORE_DIR, ignore_errors=True)
    store = ox.Store(str(folder / STORE_DIR))
    with open(folder / "graph.nq", "rb") as lines:  # in pieces: one bulk load holds all it loads in memory
        while piece := b"".join(itertools.islice(lines, STORE_CHUNK)):
            store.bulk_load(input=piece, format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    return store


def _patched_store(previous: Path, folder: Path) -> ox.Store | None:
    """The previous build's store, copied to ``folder/store`` and changed from its ``graph.nq`` to
    ``folder/graph.nq``; None when there is none to start from, or the result does not hold
    exactly the new statements."""
    old_nq, old_store = previous / "graph.nq", previous / STORE_DIR
    if not (old_nq.is_file() and old_store.is_dir()):
        return None
    new = set(lines_of(folder / "graph.nq"))
    old = set(lines_of(old_nq))
    removed, added = old - new, new - old
    if len(removed) + len(added) > len(new) * PATCH_SHARE:
        return None  # most of the graph changed: a bulk load is faster
    try:
        ox.Store.read_only(str(old_store)).backup(str(folder / STORE_DIR))
        store = ox.Store(str(folder / STORE_DIR))
        _apply(store, removed, added)
        if len(store) == len(new):
            store.flush()
            return store
        del store
    except (OSError, RuntimeError, ValueError, SyntaxError):
        pass  # a damaged store or file: loading from scratch costs time, never correctness
    return None


def lines_of(path: Path) -> list[bytes]:
    """The lines of a file, as bytes, with their line ends."""
    with open(path, "rb") as lines:
        return lines.readlines()


def _apply(store: ox.Store, removed: set[bytes], added: set[bytes]) -> None:
    """Removes and adds N-Quads lines; a named graph left with no statements is removed too, as a
    store loaded without it would not have it."""
    emptied = set()
    for quad in ox.parse(b"".join(sorted(removed)), format=ox.RdfFormat.N_QUADS):
        store.remove(quad)
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            emptied.add(quad.graph_name)
    store.extend(ox.parse(b"".join(sorted(added)), format=ox.RdfFormat.N_QUADS))
    for graph in sorted(emptied, key=str):
        if next(iter(store.quads_for_pattern(None, None, None, graph)), None) is None:
            store.remove_graph(graph)


def write_exports(kb: KnowledgeBase, out_dir: str | Path, progress: Progress | None = None,
                  cache: ExtractionCache | None = None, workers: int = 1) -> dict[str, Path]:
    """Replaces the exports in ``out_dir`` with the seven files of ``kb``, its Oxigraph store
    (``store/``) and, when a ``cache`` is given, ``cache.sqlite``, as one set; the time of each
    goes to ``progress.timings``. With ``workers`` above 1 the exports are written in that many
    processes at once (:mod:`kg.jobs`); the files are the same."""
    out = check_out_dir(out_dir)
    progress = progress or Progress(enabled=False)
    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(out)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING.format(name=out.name)}{os.getpid()}-",
                                    dir=out.absolute().parent))
    try:
        run_jobs(export_jobs(kb, staging, out if out.is_dir() else None, cache), workers, progress)
        with progress.stage("sync"):
            for name in EXPORT_NAMES + (NAME_INDEX,) + (CACHE_FILE,) * (cache is not None):
                _sync(staging / name)
        os.chmod(staging, 0o755)
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {name: out / name for name in EXPORT_NAMES}


def export_jobs(kb: KnowledgeBase, staging: Path, previous: Path | None,
                cache: ExtractionCache | None) -> list[Job]:
    """Every file of the set as a job writing it into ``staging``, the longest first after
    ``graph.nq``, which the store, ``graph.trig`` and ``graph.jsonld`` are made from. The store is
    made in this process (see :mod:`kg.jobs`). The statements are sorted where first needed: once
    in this process, or in each forked process that writes ``graph.nq`` or ``graph.ttl``, at the
    same time rather than before either."""
    statements = functools.cache(functools.partial(sorted_statements, kb))
    jobs = [
        Job("graph.nq", lambda: write_nquads(statements(), staging)),
        Job("graph.gexf", lambda: _write_file(staging / "graph.gexf", gexf(kb))),
        Job("store", lambda: write_store(staging, previous), after="graph.nq", here=True),
        Job("graph.graphml", lambda: _write_file(staging / "graph.graphml", graphml(kb))),
        Job("graph.jsonld", lambda: convert_nquads(staging, "graph.jsonld", ox.RdfFormat.JSON_LD), after="graph.nq"),
        Job("graph.ttl", lambda: write_turtle(statements(), staging)),
        Job("graph.trig", lambda: convert_nquads(staging, "graph.trig", ox.RdfFormat.TRIG), after="graph.nq"),
        Job("facts.jsonl", lambda: _write_file(staging / "facts.jsonl", facts_jsonl(kb))),
    ]
    if cache is not None:
        jobs.append(Job("cache", lambda: cache.write(staging / CACHE_FILE)))
    return jobs
