"""Opening a built graph as an Oxigraph-backed rdflib ``Dataset`` for fast querying: the on-disk
store ``kg build`` wrote (``exports/store``, opened read-only, in milliseconds), or else an RDF
file parsed into memory.

>>> dataset = load_dataset("exports")            # doctest: +SKIP
>>> len(dataset) > 0                              # doctest: +SKIP
True
"""
from __future__ import annotations

import warnings
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset

from .graph import bind_prefixes

GRAPH_FILE = "graph.trig"
STORE_DIR = "store"
FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
# Oxigraph's own parsers load a graph about ten times faster than rdflib's into the same store.
NATIVE = {".trig": "ox-trig", ".nq": "ox-nquads", ".ttl": "ox-turtle", ".nt": "ox-ntriples"}


def graph_file(path: str | Path) -> Path:
    """The RDF file behind ``path``: a folder written by ``kg build`` or an RDF file itself."""
    path = Path(path)
    if path.is_dir():
        path = path / GRAPH_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no built graph here (run `kg build` first)")
    if path.suffix not in FORMATS:
        raise ValueError(f"{path}: unsupported graph format (use one of {', '.join(FORMATS)})")
    return path


def new_dataset() -> Dataset:
    """An empty dataset on the Oxigraph store whose default graph is the union of all graphs."""
    dataset = Dataset(store="Oxigraph", default_union=True)
    return bind_prefixes(dataset)


def store_dir(path: str | Path) -> Path | None:
    """The Oxigraph store of a folder written by ``kg build``, if it has one."""
    folder = Path(path) / STORE_DIR
    return folder if folder.is_dir() else None


def load_dataset(path: str | Path) -> Dataset:
    """Opens a built graph (a folder, with or without its store; ``.trig``, ``.nq``, ...) as a
    union-default Oxigraph dataset."""
    on_disk = store_dir(path)
    if on_disk is not None:
        try:
            store = ox.Store.read_only(str(on_disk))
        except (OSError, RuntimeError) as err:  # a damaged store: the TriG beside it still holds the graph
            warnings.warn(f"{on_disk}: the graph's store cannot be opened ({err}); reading the TriG instead")
        else:
            return bind_prefixes(Dataset(store=OxigraphStore(store=store), default_union=True))
    source = graph_file(path)
    dataset = new_dataset()
    try:
        dataset.parse(source, format=NATIVE.get(source.suffix, FORMATS[source.suffix]))
    except Exception as err:  # parsers raise many types; the user needs one line
        raise ValueError(f"{source}: cannot be parsed as {FORMATS[source.suffix]} ({err})") from None
    return dataset
