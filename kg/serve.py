"""The SPARQL endpoint (``kg serve``): the SPARQL 1.1 Protocol over a :class:`~kg.sandbox.QueryPool`.

:func:`create_app` makes a FastAPI app and :func:`serve` runs it with uvicorn (``kg serve`` /
``python -m kg.serve``). At ``/sparql`` it:

* answers ``GET ?query=...``, and ``POST`` as ``application/sparql-query`` or as a ``query=``
  form; every other ``POST`` body type is ``415``. Results are JSON (the default), XML, CSV or
  TSV by ``Accept`` (``CONSTRUCT`` and ``DESCRIBE``: Turtle by default, or N-Triples, N-Quads,
  RDF/XML, JSON-LD, ...); an ``Accept`` it cannot meet is ``406``;
* shows a browser our query page (``kg.pages.query_page``: an editor with the example queries of
  ``kg/queries/examples/``, results as a table; everything inline, nothing fetched from elsewhere)
  and the SPARQL service description to other clients; ``/`` is the explorer (``kg view``) of
  the graph it serves;
* is **read-only**: every update is ``403``, and so are ``SERVICE``, ``FROM`` / ``FROM NAMED``
  and the protocol's ``default-graph-uri`` / ``named-graph-uri``: no query makes the server
  fetch or read anything;
* runs every query in a worker process (:mod:`kg.sandbox`) within a **time limit** (10 s),
  a **memory limit** (512 MB) and a **result limit** (10,000 rows or triples: longer results are
  truncated, and say so in ``X-Result-Truncated: true`` beside ``X-Result-Limit``). A query
  past its time or memory limit is killed and gets ``503``; one the engine cannot survive gets
  ``400``; either way the other queries go on. When every worker is busy a query waits, and
  gets ``503`` if none is free before its deadline;
* caps the **query size** (100,000 characters; ``413``) and refuses **cross-origin** requests:
  CORS is off unless ``cors`` names the origins allowed, and a browser request from any other
  origin is ``403``; when serving on a loopback address, only a loopback ``Host`` is answered
  (no DNS rebinding). Log lines are cut to 200 characters a field.

Other errors: a syntax error is ``400``; all error bodies are JSON ``{"message": "..."}``.

>>> app = create_app("exports", limits=Limits(timeout=5, results=1000))   # doctest: +SKIP
>>> serve("exports", port=7878)                 # then open http://127.0.0.1:7878/  # doctest: +SKIP
"""

import asyncio
import contextlib
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import parse_qs

from .sandbox import MB, Limits, QueryPool
from .sparql import QueryError, formats_for, negotiate, one_line, serialize

SERVER_LIMITS = Limits(timeout=10.0, memory=512 * MB, results=10_000)
DEFAULT_WORKERS = 6
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
EXAMPLES_DIR = Path(__file__).resolve().parent / "queries" / "examples"
ENDPOINT_PATH = "/sparql"
QUERY_TYPES = ("application/sparql-query", "application/x-www-form-urlencoded")
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")
LOG_FIELD_CHARS = 200


def example_queries(folder: Path = EXAMPLES_DIR) -> dict[str, dict[str, str]]:
    """The example ``.rq`` files as YASGUI tabs: ``{"Cast with sources": {"query": "..."}}``."""
    examples: dict[str, dict[str, str]] = {
        "Films and their directors": {"query": (
            "# Every film with its director(s), as the merged knowledge graph says.\n"
            "SELECT DISTINCT ?film ?director WHERE {\n"
            "  ?work a fkg:Film ; rdfs:label ?film ; fkg:director/rdfs:label ?director .\n"
            "}\nORDER BY ?film ?director\n")},
    }
    for path in sorted(folder.glob("*.rq")):
        examples[path.stem.replace("_", " ").capitalize()] = {"query": path.read_text(encoding="utf-8")}
    return examples


def _service_description(title: str, description: str, public_url: str):
    """rdflib-endpoint's SPARQL service description, made on an empty graph: it never sees ours."""
    from rdflib import Graph
    from rdflib_endpoint.sparql_router import SD, SparqlRouter

    page = SparqlRouter(path=ENDPOINT_PATH, title=title, description=description, public_url=public_url,
                        graph=Graph(), enable_update=False, example_queries=example_queries())
    page.service_description.remove((None, SD.feature, SD.BasicFederatedQuery))
    subject = next(page.service_description.subjects(SD.endpoint, None))
    page.service_description.add((subject, SD.feature, SD.UnionDefaultGraph))
    return page.service_description


class _TooLarge(Exception):
    pass


async def _read_body(request, limit: int) -> bytes:
    """The body, if at most ``limit`` bytes; else ``_TooLarge``, after reading (and dropping) up to
    eight times the limit so the client can read the refusal instead of a reset connection."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > 8 * limit:
            break
        if size <= limit:
            chunks.append(chunk)
    if size > limit:
        raise _TooLarge
    return b"".join(chunks)


def create_app(source, *, limits: Limits = SERVER_LIMITS, workers: int = DEFAULT_WORKERS, cors: Sequence[str] = (),
               hosts: Sequence[str] | None = None,
               public_url: str = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}{ENDPOINT_PATH}",
               title: str = "filmkg SPARQL endpoint"):
    """A read-only SPARQL 1.1 endpoint app for ``source`` (a built folder, an RDF file, an rdflib
    graph or a :class:`~kg.sandbox.QueryPool`), with ``workers`` query processes.

    ``cors`` lists the web origins allowed to query it from a browser (none by default);
    ``hosts``, when given, the only host names it answers to. The pool is in ``app.state.pool``.

    >>> from fastapi.testclient import TestClient                           # doctest: +SKIP
    >>> client = TestClient(create_app("exports", workers=1))               # doctest: +SKIP
    >>> client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]  # doctest: +SKIP
    True
    """
    from fastapi import FastAPI, Request, Response
    from fastapi.responses import HTMLResponse, JSONResponse

    from . import pages

    if isinstance(source, QueryPool):
        limits = source.limits

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        threads.shutdown(wait=False, cancel_futures=True)
        pool.close()

    app = FastAPI(title=title, docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    results = "all" if limits.results is None else f"{limits.results:,}"
    description = _service_description(title, f"Film reviews turned into a knowledge graph: every fact cites the review quotes behind "
                        f"it. Read-only; {limits.timeout:g} s, {limits.memory // MB:,} MB and {results} results "
                        "per query.", public_url)
    headers = {"X-Result-Limit": "none" if limits.results is None else str(limits.results)}
    body_limit = limits.query_chars * 12  # UTF-8 (4 bytes a character), percent-encoded in a form (3 each)
    allowed_hosts = None if hosts is None else {h.strip("[]").lower() for h in hosts}
    pool = source if isinstance(source, QueryPool) else QueryPool(source, workers=workers, limits=limits)
    threads = ThreadPoolExecutor(max_workers=pool.workers + 4, thread_name_prefix="sparql-wait")
    query_page = pages.query_page(example_queries(), title, {"Explorer": "/"})

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse(status_code=status, content={"message": message}, headers=headers)

    @app.middleware("http")
    async def same_origin_only(request: Request, call_next):
        host = (request.url.hostname or "").lower()
        if allowed_hosts is not None and host not in allowed_hosts:
            return error(403, f"this server answers only to {', '.join(sorted(allowed_hosts))}, not {host[:100]!r}")
        origin = request.headers.get("origin")
        if origin and origin not in cors and origin != f"{request.url.scheme}://{request.headers.get('host')}":
            return error(403, f"cross-origin requests from {origin[:100]} are refused "
                              "(start the server with --cors ORIGIN to allow one)")
        return await call_next(request)

    if cors:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors), allow_methods=["GET", "POST"],
                           allow_headers=["Accept", "Content-Type"], allow_credentials=False,
                           expose_headers=["X-Result-Limit", "X-Result-Truncated"])

    def run(query: str, accept: str | None, deadline: float):
        outcome = pool.query(query, deadline=deadline)
        chosen = negotiate(accept, outcome.type)
        if chosen is None:
            return None, ", ".join(formats_for(outcome.type)), outcome.truncated
        return serialize(outcome, chosen[1]), chosen[0], outcome.truncated

    async def answer(request: Request, query: str) -> Response:
        deadline = time.monotonic() + limits.timeout
        accept = request.headers.get("accept")
        try:
            body, media_type, truncated = await asyncio.get_running_loop().run_in_executor(
                threads, run, query, accept, deadline)
        except QueryError as err:
            return error(err.status, str(err))
        except Exception as err:  # noqa: BLE001 - serialization errors, one line each
            return error(500, f"the answer could not be written: {one_line(err)}")
        if body is None:
            return error(406, f"cannot answer in {one_line(accept)[:100]}; this answer can be written as {media_type}")
        return Response(body, media_type=media_type,
                        headers={**headers, "X-Result-Truncated": "true" if truncated else "false"})

    def refused(params) -> Response | None:
        if "update" in params:
            return error(403, "SPARQL updates are not allowed: the graph is read-only")
        named = [p for p in DATASET_PARAMETERS if p in params]
        if named:
            return error(403, f"{named[0]} is not allowed: every query runs on the whole graph")
        return None

    async def sparql_get(request: Request) -> Response:
        params = request.query_params
        refusal = refused(params)
        if refusal:
            return refusal
        if "query" in params:
            return await answer(request, params["query"])
        accept = request.headers.get("accept", "")
        if accept.startswith("text/html"):
            return HTMLResponse(query_page)
        if accept == "text/turtle":
            return Response(description.serialize(format="turtle"), media_type="text/turtle")
        return Response(description.serialize(format="xml"), media_type="application/xml")

    async def sparql_post(request: Request) -> Response:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type == "application/sparql-update":
            return error(403, "SPARQL updates are not allowed: the graph is read-only")
        if media_type not in QUERY_TYPES:
            return error(415, f"a query is POSTed as {' or '.join(QUERY_TYPES)}, not {media_type[:100] or 'untyped'}")
        refusal = refused(request.query_params)
        if refusal:
            return refusal
        try:
            text = (await _read_body(request, body_limit)).decode("utf-8")
        except _TooLarge:
            return error(413, f"the request body is larger than {body_limit:,} bytes")
        except UnicodeDecodeError as err:
            return error(400, f"the request body is not UTF-8 (byte {err.start})")
        if media_type == "application/sparql-query":
            return await answer(request, text)
        form = parse_qs(text, keep_blank_values=True)
        refusal = refused(form)
        if refusal:
            return refusal
        if "query" not in form:
            return error(400, "the form has no query= field")
        return await answer(request, form["query"][0])

    for path in (ENDPOINT_PATH, ENDPOINT_PATH + "/"):
        schema = path == ENDPOINT_PATH
        app.add_api_route(path, sparql_get, methods=["GET"], name="SPARQL query (GET)", include_in_schema=schema)
        app.add_api_route(path, sparql_post, methods=["POST"], name="SPARQL query (POST)", include_in_schema=schema)
    explorer: dict[str, str] = {}
    drawing = threading.Lock()

    def explorer_page() -> str:
        from .query import KnowledgeGraph
        from .store import open_store
        from .view import scene

        with drawing:
            if "html" not in explorer:
                graph = KnowledgeGraph(open_store(pool.graph_file))
                explorer["html"] = scene(graph).html({"SPARQL query page": ENDPOINT_PATH})
        return explorer["html"]

    async def get_explorer() -> Response:
        try:
            return HTMLResponse(await asyncio.get_running_loop().run_in_executor(threads, explorer_page))
        except Exception as err:  # noqa: BLE001 - a graph the explorer cannot draw, in one line
            return error(500, f"the explorer could not be drawn: {one_line(err)}")

    app.add_api_route("/", get_explorer, methods=["GET"], include_in_schema=False)
    app.state.pool = pool
    app.state.limits = limits
    return app


class ShortFields(logging.Filter):
    """Cuts every text field of a log record to ``LOG_FIELD_CHARS`` characters (a 1 MB query string
    in an access log line is a log nobody can read)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_cut(a) for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _cut(record.msg, LOG_FIELD_CHARS * 5)
        return True


def _cut(value, limit: int = LOG_FIELD_CHARS):
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]}... ({len(value):,} characters)"
    return value


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; ``OSError`` with a one-line reason if it is taken."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listener = socket.create_server((host, port), family=family, backlog=128)
    except OSError as err:
        raise OSError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    # What asyncio does for a socket it binds itself; without it each answer waits 40 ms for an ACK.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return listener


def is_loopback(host: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def serve(graph_path: str | Path = "exports", host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
          limits: Limits = SERVER_LIMITS, workers: int = DEFAULT_WORKERS, cors: Sequence[str] = (),
          log_level: str = "info", announce: Callable[[str], None] | None = print) -> None:
    """Serves a built graph at ``http://host:port/sparql`` until interrupted. The port is taken
    first, so a busy port fails before anything is announced or loaded; port 0 picks a free one.

    >>> serve("exports", port=7878, limits=Limits(timeout=5))   # then: curl 'http://127.0.0.1:7878/sparql?query=ASK{?s?p?o}'  # doctest: +SKIP
    """
    import uvicorn

    listener = bind(host, port)
    try:
        port = listener.getsockname()[1]
        url = f"http://{host if ':' not in host else f'[{host}]'}:{port}{ENDPOINT_PATH}"
        hosts = [*LOOPBACK_NAMES, host] if is_loopback(host) else None
        app = create_app(graph_path, limits=limits, workers=workers, cors=cors, hosts=hosts, public_url=url)
        config = uvicorn.Config(app, log_level=log_level)
        for name in ("uvicorn.access", "uvicorn.error"):
            logging.getLogger(name).addFilter(ShortFields())
        if announce:
            results = "all" if limits.results is None else f"{limits.results:,}"
            announce(f"Serving {app.state.pool.size:,} triples from {graph_path} at {url} (read-only; "
                     f"{limits.timeout:g} s, {limits.memory // MB:,} MB and {results} results per query; "
                     f"{workers} workers), the explorer at {url[:-len(ENDPOINT_PATH)]}/. Ctrl-C stops.")
        try:
            uvicorn.Server(config).run(sockets=[listener])
        finally:
            app.state.pool.close()
    finally:
        listener.close()


def main(argv: list[str] | None = None) -> None:
    """``python -m kg.serve [--graph DIR] [--host H] [--port P] [--timeout S] [--max-results N] ...``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m kg.serve", description="Serve a built graph over SPARQL.")
    parser.add_argument("--graph", default="exports", help="built graph folder or RDF file (default: exports)")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--timeout", type=float, default=SERVER_LIMITS.timeout, help="seconds per query")
    parser.add_argument("--max-results", type=int, default=SERVER_LIMITS.results, help="rows per answer")
    parser.add_argument("--max-memory", type=int, default=SERVER_LIMITS.memory // MB, help="MB per query")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="query processes")
    parser.add_argument("--cors", action="append", default=[], metavar="ORIGIN", help="allow this web origin")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    try:
        limits = Limits(timeout=args.timeout, memory=args.max_memory * MB, results=args.max_results)
        serve(args.graph, args.host, args.port, limits=limits, workers=args.workers, cors=args.cors,
              log_level=args.log_level)
    except (OSError, ValueError, RuntimeError) as err:
        print(f"Error: {one_line(err)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
