"""Running SPARQL where a crash or a runaway query cannot hurt: worker processes, each with its own copy.

A :class:`QueryPool` snapshots the graph file once (or writes an rdflib graph as N-Quads) and
starts worker processes (:mod:`kg.engine`) that each load it into an in-memory Oxigraph store
which they only ever query: **read-only**, and Oxigraph answers from memory several times faster
than from its on-disk store. Each query is checked (:func:`kg.sparql.check_query`), then runs in
one worker, and the pool watches it:

* past its **time limit** the worker is killed (never left running) and replaced;
* past its **memory limit** (resident memory above the worker's idle size, checked every
  20 ms where ``/proc`` exists, i.e. on Linux) the worker is killed and replaced;
* if the engine itself dies on the query (Oxigraph aborts on a few queries, e.g. an ``ORDER BY``
  over mixed terms), the query fails with :class:`~kg.sparql.QueryCrashed` and only that worker
  is replaced;
* at most ``max_results`` rows (or triples) are sent back; the rest are cut off (``truncated``).

Workers run each query on a thread with a large stack, so deeply nested queries parse. The
pool serves ``kg serve`` (several workers), ``kg sparql`` and ``graph.sparql()`` (one each).

>>> with QueryPool("exports") as pool:                                    # doctest: +SKIP
...     outcome = pool.query("SELECT ?p WHERE { ?p rdfs:label ?name }", {"name": Literal("Ana de Armas")})
>>> [str(row.p) for row in outcome.result]                                # doctest: +SKIP
['https://w3id.org/filmkg/id/person/ana-de-armas']
"""
from __future__ import annotations

import itertools
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox

from .sparql import (QueryCrashed, QueryError, QueryMemoryLimit, QueryOutcome, QuerySyntaxError, QueryTimeout,
                     check_query, one_line)
from .limits import MB, Limits
ENGINE = str(Path(__file__).with_name("engine.py"))
START_SECONDS = 60.0
POLL_SECONDS = 0.02


# --- the pool ----------------------------------------------------------------------------------


class _Worker:
    """One ``kg/engine.py`` process, spoken to over a socket pair; its stderr goes to ``log_path``."""

    def __init__(self, graph_path: Path, prefixes: dict[str, str], log_path: Path):
        self.log_path = log_path
        mine, theirs = socket.socketpair()
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen([sys.executable, "-P", ENGINE, str(theirs.fileno())],
                                            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        theirs.close()
        self.conn = Connection(mine.detach())
        self.conn.send((str(graph_path), prefixes))
        reply = self._receive() if self.conn.poll(START_SECONDS) else None
        if not reply or reply[0] != "ready":
            self.kill()
            if reply and reply[0] == "failed":
                raise ValueError(f"the graph cannot be parsed ({reply[1]})")
            raise RuntimeError(f"the query engine did not start: {self.last_words() or 'no message'}")
        self.quads = reply[1]
        self.idle_rss = rss(self.process.pid)

    def _receive(self):
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def run(self, request: tuple, deadline: float, limits: Limits) -> tuple:
        """Sends one query and waits for its answer; kills the worker at the deadline or memory limit."""
        try:
            self.conn.send(request)
        except OSError:  # it died while idle (the system ran out of memory, say)
            self.kill()
            raise QueryCrashed("the query worker had stopped before this query; try again") from None
        while True:
            if self.conn.poll(max(0.0, min(POLL_SECONDS, deadline - time.monotonic()))):
                reply = self._receive()
                if reply is None:
                    self.kill()
                    raise QueryCrashed(self.crash_message())
                return reply
            if time.monotonic() >= deadline:
                self.kill()
                raise QueryTimeout(f"the query ran past the {limits.timeout:g} s time limit and was stopped; "
                                   "add a LIMIT or make the pattern more selective")
            used = rss(self.process.pid)
            if used is not None and self.idle_rss is not None and used - self.idle_rss > limits.memory:
                self.kill()
                raise QueryMemoryLimit(f"the query needed more than the {limits.memory // MB:,} MB memory limit "
                                       "and was stopped; add a LIMIT or make the pattern more selective")

    def crash_message(self) -> str:
        code = self.process.returncode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        words = self.last_words()
        return (f"the query engine crashed on this query ({how}{': ' + words if words else ''}); "
                "nothing else was affected")

    def last_words(self) -> str:
        """The engine's panic message, if it left one."""
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        for index, line in enumerate(lines):
            if "panicked at" in line or "overflowed its stack" in line or "memory allocation" in line:
                detail = lines[index + 1] if "panicked at" in line and index + 1 < len(lines) else line
                return one_line(detail)[:200]
        return one_line(" ".join(lines[-2:]))[:200]

    def kill(self) -> None:
        """Ends the process now (if it has not ended) and reaps it; its exit status stays readable."""
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:  # a process stuck in the kernel; it dies when it returns
            pass
        self.conn.close()


def rss(pid: int) -> int | None:
    """Resident memory of a process in bytes (Linux ``/proc``), or ``None`` where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def snapshot(source, folder: Path) -> Path:
    """The graph as a file of the pool's own (a copy, so a rebuild of the exports while serving
    does not reach restarted workers): a built folder or RDF file is copied, an rdflib graph
    written as N-Quads."""
    from rdflib import ConjunctiveGraph

    from .store import graph_file

    if isinstance(source, (str, Path)):
        file = graph_file(source)
        return Path(shutil.copyfile(file, folder / f"graph{file.suffix}"))
    data = source.serialize(format="ox-nquads" if isinstance(source, ConjunctiveGraph) else "ox-ntriples")
    target = folder / "graph.nq"
    target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return target


def _prefixes() -> dict[str, str]:
    from rdflib import Graph

    from .graph import bind_prefixes

    return {prefix: str(namespace) for prefix, namespace in bind_prefixes(Graph()).namespaces()}


def _close(workers: set, folder: Path) -> None:
    for worker in list(workers):
        worker.kill()
    shutil.rmtree(folder, ignore_errors=True)


class QueryPool:
    """Worker processes answering read-only SPARQL over a copy of a graph, within :class:`Limits`.

    ``source`` is a folder written by ``kg build``, an RDF file, or an rdflib graph or dataset.
    Use it as a context manager, or call :meth:`close`; it is also closed when collected.
    ``size`` is the graph's number of quads; ``graph_file`` the pool's own copy of the graph.

    >>> pool = QueryPool("exports", workers=2, limits=Limits(timeout=5))     # doctest: +SKIP
    >>> pool.query("ASK { ?s ?p ?o }").result.askAnswer                       # doctest: +SKIP
    True
    """

    def __init__(self, source, *, workers: int = 1, limits: Limits = Limits()):
        if workers < 1:
            raise ValueError("a query pool needs at least one worker")
        self.limits = limits
        self.workers = workers
        self._folder = Path(tempfile.mkdtemp(prefix="filmkg-pool-"))
        self._all: set[_Worker] = set()
        self._closer = weakref.finalize(self, _close, self._all, self._folder)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._prefixes = _prefixes()
        self._numbers = itertools.count(1)
        try:
            self.graph_file = snapshot(source, self._folder)
            try:
                for _ in range(workers):
                    self._idle.put(self._start())
            except ValueError as err:  # the file does not parse
                from .store import graph_file

                where = graph_file(source) if isinstance(source, (str, Path)) else "the graph"
                raise ValueError(f"{where}: {err}") from None
        except BaseException:
            self.close()
            raise
        self.size = next(iter(self._all)).quads

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stops every worker and deletes the pool's snapshot of the graph."""
        self._closer()

    def _start(self) -> _Worker:
        worker = _Worker(self.graph_file, self._prefixes,
                         self._folder / f"worker-{next(self._numbers)}.log")
        self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        worker.kill()

        def start() -> None:
            if not self._closer.alive:
                return
            try:
                fresh = self._start()
            except (RuntimeError, OSError):  # could not start one (or the pool closed meanwhile)
                return
            if self._closer.alive:
                self._idle.put(fresh)
            else:
                fresh.kill()

        threading.Thread(target=start, name="sparql-worker-start", daemon=True).start()

    def query(self, text: str, bindings: Mapping[str, Any] | None = None, *, limits: Limits | None = None,
              deadline: float | None = None) -> QueryOutcome:
        """Runs one query with ``bindings`` (variable name -> rdflib term) substituted by the engine.

        ``deadline`` (a :func:`time.monotonic` time) overrides ``limits.timeout`` when a caller
        has already waited. Raises a :class:`~kg.sparql.QueryError`: syntax errors, refusals,
        the time or memory limit, a busy pool, or a crash of the engine.
        """
        limits = limits or self.limits
        started = time.monotonic()
        deadline = deadline if deadline is not None else started + limits.timeout
        check_query(text, max_chars=limits.query_chars)
        request = (text, {name: to_ox(value) for name, value in (bindings or {}).items()}, limits.results)
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise QueryTimeout(f"all {self.workers} query workers are busy; try again later") from None
        try:
            reply = worker.run(request, deadline, limits)
        except QueryError:  # killed at a limit, or crashed: replaced by a fresh worker
            self._replace(worker)
            raise
        except BaseException:  # interrupted (Ctrl-C): the pool is about to close
            self._all.discard(worker)
            worker.kill()
            raise
        self._idle.put(worker)
        if reply[0] == "syntax":
            raise QuerySyntaxError(f"SPARQL syntax error: {reply[1]}")
        if reply[0] == "crashed":
            raise QueryCrashed(f"the query engine failed on this query ({reply[1]}); nothing else was affected")
        if reply[0] == "failed":
            if "projection" in reply[1] and bindings:  # Oxigraph substitutes only projected variables
                raise QueryError(f"cannot bind {', '.join('?' + n for n in bindings)}: a bound variable must "
                                 f"be in the SELECT clause ({reply[1]})")
            raise QueryError(f"the query failed: {reply[1]}")
        outcome = _outcome(*reply[1:])
        outcome.seconds = time.monotonic() - started
        return outcome


# --- terms between rdflib and Oxigraph ---------------------------------------------------------


def to_ox(term):
    """An rdflib term (or a plain Python value, as a literal) as an Oxigraph term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if not isinstance(term, Literal):
        term = Literal(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def from_plain(term, cache: dict):
    """A term as :func:`kg.engine.plain` sent it, as an rdflib term (each distinct one made once)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    found = cache.get(term)
    if found is None:
        if isinstance(term, str):
            found = URIRef(term)
        elif term[0] == "<<" and len(term) == 4:
            raise QueryError("the answer holds RDF 1.2 triple terms, which cannot be written in SPARQL 1.1 results")
        elif term[0] == "_" and len(term) == 2:
            found = BNode(term[1])
        elif len(term) == 1:
            found = Literal(term[0])
        elif term[1].startswith("@"):
            found = Literal(term[0], lang=term[1][1:])
        else:
            found = Literal(term[0], datatype=URIRef(term[1]))
        cache[term] = found
    return found


def _outcome(kind: str, payload, truncated: bool) -> QueryOutcome:
    from rdflib import Graph, Variable
    from rdflib.query import Result

    from .graph import bind_prefixes

    result, cache = Result(kind), {}
    if kind == "ASK":
        result.askAnswer = payload
    elif kind == "SELECT":
        names, rows = payload
        result.vars = [Variable(n) for n in names]
        result.bindings = [{v: from_plain(t, cache) for v, t in zip(result.vars, row) if t is not None}
                           for row in rows]
    else:
        result.graph = bind_prefixes(Graph())
        for triple in payload:
            result.graph.add(tuple(from_plain(t, cache) for t in triple))
    return QueryOutcome(result, truncated)


def run_query(source, text: str, bindings: Mapping[str, Any] | None = None, *,
              limits: Limits = Limits()) -> QueryOutcome:
    """Runs one query on a graph in a one-worker pool (what ``kg sparql`` does).

    >>> run_query("exports", "ASK { ?s ?p ?o }").result.askAnswer             # doctest: +SKIP
    True
    """
    check_query(text, max_chars=limits.query_chars)  # a refusal needs no worker
    with QueryPool(source, limits=limits) as pool:
        return pool.query(text, bindings)
