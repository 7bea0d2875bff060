"""One query worker: a process that loads a graph file into Oxigraph and answers queries from a socket.

:class:`kg.sandbox.QueryPool` starts it as ``python -P kg/engine.py FD`` (by path, so that it
needs nothing but the standard library and pyoxigraph, and starts fast). It reads the graph
file's path and the default prefixes first, loads the file into its own in-memory store (which
it only ever queries), says ``("ready", quads)``, then answers each ``(query,
substitutions, max_results)`` with ``("ok", type, payload, truncated)`` or ``(kind, message)``
for a syntax error or a failure. Queries run on a thread with a large stack, so a deeply nested
query parses instead of overflowing; what still kills the process (an engine abort) is noticed
by the pool, which reads the last words the engine wrote to stderr.

>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> answer(store, "ASK { ?s ?p ?o }", {}, {}, None)
('ok', 'ASK', False, False)
>>> answer(store, "ASK { ?s ?p }", {}, {}, None)[0]
'syntax'
"""
import os
import sys
import threading
import time
from multiprocessing.connection import Connection

import pyoxigraph as ox

STACK_BYTES = 256 << 20  # virtual: a thread only uses the pages it touches
FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
           ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def plain(term):
    """A term as plain data that pickles fast: an IRI is a ``str``, a blank node ``("_", id)``, a
    literal ``(text,)``, ``(text, "@lang")`` or ``(text, datatype)``, a triple term ``("<<", s, p, o)``.

    >>> plain(ox.NamedNode("http://example.org/a")), plain(ox.Literal("chat", language="fr"))
    ('http://example.org/a', ('chat', '@fr'))
    """
    if term is None or isinstance(term, ox.NamedNode):
        return term if term is None else term.value
    if isinstance(term, ox.BlankNode):
        return ("_", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return (term.value, "@" + term.language)
        datatype = term.datatype.value
        return (term.value,) if datatype == XSD_STRING else (term.value, datatype)
    return ("<<", plain(term.subject), plain(term.predicate), plain(term.object))


def answer(store, text: str, substitutions: dict, prefixes: dict, max_results) -> tuple:
    """Runs one query; its answer as plain data (see :func:`plain`)."""
    try:
        result = store.query(text, prefixes=prefixes, use_default_graph_as_union=True,
                             substitutions={ox.Variable(k): v for k, v in substitutions.items()})
        if isinstance(result, ox.QueryBoolean):
            return ("ok", "ASK", bool(result), False)
        limit = float("inf") if max_results is None else max_results
        items, truncated = [], False
        for item in result:
            if len(items) >= limit:
                truncated = True
                break
            items.append(tuple(plain(term) for term in item))
        if isinstance(result, ox.QuerySolutions):
            return ("ok", "SELECT", ([v.value for v in result.variables], items), truncated)
        return ("ok", "CONSTRUCT", items, truncated)
    except SyntaxError as err:
        return ("syntax", " ".join(str(err).split()))
    except Exception as err:  # evaluation errors: unbound SERVICE names, bad substitutions, I/O
        return ("failed", " ".join(str(err).split()))
    except BaseException as err:  # pyo3's PanicException: an engine bug it survived
        return ("crashed", " ".join(str(err).split()))


def _serve(conn: Connection) -> None:
    graph_path, prefixes = conn.recv()
    store = ox.Store()
    try:
        store.bulk_load(path=graph_path, format=FORMATS[os.path.splitext(graph_path)[1]])
    except (SyntaxError, ValueError, OSError) as err:
        conn.send(("failed", " ".join(str(err).split())))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            text, substitutions, max_results = conn.recv()
        except (EOFError, OSError):  # the pool is gone
            return
        conn.send(answer(store, text, substitutions, prefixes, max_results))


def _exit_with(parent: int) -> None:
    """Ends this process when its parent is gone, even in the middle of a runaway query."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def main(fd: int) -> None:
    """Answers queries on the socket ``fd`` until the other end closes it or the parent dies."""
    os.environ["RUST_BACKTRACE"] = "0"
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True, name="parent-watch").start()
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=_serve, args=(Connection(fd),), name="sparql-worker")
    worker.start()
    worker.join()


if __name__ == "__main__":
    main(int(sys.argv[1]))
