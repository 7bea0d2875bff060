"""Read-only SPARQL over a built graph: one query from Python or the CLI, or a SPARQL 1.1 endpoint.

:func:`run_query` runs one query (with bound values, never pasted into the text) and is what
``kg sparql`` uses. :func:`create_app` wraps a dataset in an `rdflib-endpoint
<https://github.com/vemonet/rdflib-endpoint>`_ ``SparqlEndpoint`` (FastAPI) app and :func:`serve`
runs it with uvicorn (``kg serve`` / ``python -m kg.serve``).

The endpoint, at ``/sparql``:

* speaks the SPARQL 1.1 Protocol: ``GET ?query=...``, ``POST`` as ``application/sparql-query`` or
  a ``query=`` form; results as JSON (the default), XML or CSV by ``Accept`` (``CONSTRUCT`` and
  ``DESCRIBE``: Turtle by default, or N-Triples, RDF/XML, JSON-LD, ...);
* shows a browser our query page (``kg.pages.query_page``: an editor with the example queries of
  ``kg/queries/examples/``, results as a table; everything inline, nothing fetched from elsewhere)
  and the SPARQL service description to other clients; ``/`` is the explorer (``kg view``) of
  the graph it serves;
* is **read-only**: every update (an ``update=`` form, ``application/sparql-update``, or an
  ``INSERT``/``DELETE``/``LOAD``/``CLEAR``/``DROP``/``CREATE``/``ADD``/``MOVE``/``COPY`` sent as
  a query) is refused with ``403``; so are federated queries (``SERVICE``), which would make the
  server fetch arbitrary URLs (``allow_service=True`` to allow them);
* has a **time limit** per query (``timeout`` seconds, default 10): past it the client gets
  ``503`` with a message. The query runs in a worker thread; one that streams rows stops at the
  next row, one that is still computing (a big ``ORDER BY`` or aggregate) finishes in the
  background and its answer is dropped. At most ``max_concurrent`` queries run at once (those
  background ones included); a query that finds no free slot before its deadline gets ``503`` too;
* has a **result limit** (``max_results`` rows, or triples for ``CONSTRUCT``; default 10,000):
  longer results are **truncated**, not rejected, and the response says so in its headers:
  ``X-Result-Limit: 10000`` always and ``X-Result-Truncated: true`` (else ``false``). Evaluation
  stops at the limit, so ``SELECT * { ?s ?p ?o }`` is cheap.

Other errors: a syntax error is ``400``; all error bodies are JSON ``{"message": "..."}``.

>>> from kg.store import load_dataset
>>> dataset = load_dataset("exports")                                       # doctest: +SKIP
>>> outcome = run_query(dataset, "SELECT ?name WHERE { ?p a fkg:Person ; rdfs:label ?name }",
...                     {"name": Literal("Ana de Armas")})                  # doctest: +SKIP
>>> [str(row.p) for row in outcome.result]                                  # doctest: +SKIP
['https://w3id.org/filmkg/id/person/ana-de-armas']
>>> app = create_app(dataset, timeout=5, max_results=1000)                  # doctest: +SKIP
>>> serve("exports", port=7878)                     # then open http://127.0.0.1:7878/  # doctest: +SKIP
"""

import asyncio
import csv
import io
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import parse_qs

from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from .vocab import PREFIXES

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_RESULTS = 10_000
DEFAULT_MAX_CONCURRENT = 4
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
EXAMPLES_DIR = Path(__file__).resolve().parent / "queries" / "examples"
ENDPOINT_PATH = "/sparql"

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


# --- errors ------------------------------------------------------------------------------------


class QueryError(ValueError):
    """A query that cannot be answered; ``str(err)`` is one line for the user, ``status`` the HTTP code."""

    status = 400


class QuerySyntaxError(QueryError):
    """The text is not a SPARQL 1.1 query."""


class QueryRefused(QueryError):
    """A valid request this graph does not allow: an update (the graph is read-only) or ``SERVICE``."""

    status = 403


class QueryTimeout(QueryError):
    """The query ran past its time limit (or found no free worker before it)."""

    status = 503


def one_line(text: Any) -> str:
    """Collapses an error message to one line."""
    return " ".join(str(text).split())


# --- checking the text -------------------------------------------------------------------------

# One left-to-right pass over the lexical elements that can hide keywords: IRIs, strings and
# comments (in that order, so a '#' inside an IRI or a '<' inside a string is not misread).
_OPAQUE = re.compile(
    r'<[^<>"{}|^`\\\s]*>'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|#[^\n\r]*",
    re.DOTALL,
)
_PROLOGUE = re.compile(r"\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*", re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\w?$:./#-])SERVICE(?![\w:.-])", re.IGNORECASE)


def _code(query: str) -> str:
    """The query text with IRIs, strings and comments blanked out: what is left is keywords and names."""
    return _OPAQUE.sub(" ", query)


def update_keyword(query: str) -> str | None:
    """The update operation ``query`` starts with (``"INSERT"``, ``"DROP"``, ...), or ``None``.

    >>> update_keyword("PREFIX ex: <http://example.org/> # add one\\nINSERT DATA { ex:a ex:b ex:c }")
    'INSERT'
    >>> update_keyword("SELECT * WHERE { ?s ?p 'DELETE' }") is None
    True
    """
    code = _code(query)
    match = re.match(r"[A-Za-z]+", code[_PROLOGUE.match(code).end():])
    keyword = match.group(0).upper() if match else None
    return keyword if keyword in UPDATE_KEYWORDS else None


def uses_service(query: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (a federated query).

    >>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT ?service { ?service a <http://example.org/SERVICE> }")
    False
    """
    return bool(_SERVICE.search(_code(query)))


def check_query(query: str, *, allow_service: bool = True) -> None:
    """Raises :class:`QueryRefused` for an update (or for ``SERVICE`` unless allowed)."""
    keyword = update_keyword(query)
    if keyword:
        raise QueryRefused(f"SPARQL updates ({keyword}) are not allowed: the graph is read-only")
    if not allow_service and uses_service(query):
        raise QueryRefused("federated queries (SERVICE) are not allowed on this endpoint")


# --- bindings ----------------------------------------------------------------------------------

_VARIABLE = re.compile(r"[?$]?([A-Za-z_][A-Za-z0-9_]*)")
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:(\S*)")


def parse_binding(text: str, prefixes: Mapping[str, Any] | None = None) -> tuple[str, Node]:
    """Parses ``name=value`` (as given to ``kg sparql --bind``) into a variable name and an RDF term.

    The value is an IRI if written ``<...>`` or as a known prefixed name (``id:film/ballerina``,
    ``fkg:Film``); a quoted value (``"id:x"``) or anything else is a plain string literal.

    >>> parse_binding("filmLabel=John Wick: Chapter 2")
    ('filmLabel', rdflib.term.Literal('John Wick: Chapter 2'))
    >>> parse_binding("film=id:film/ballerina")
    ('film', rdflib.term.URIRef('https://w3id.org/filmkg/id/film/ballerina'))
    """
    name, sep, value = text.partition("=")
    match = _VARIABLE.fullmatch(name.strip())
    if not sep or not match:
        raise QueryError(f"bad binding {text!r}: expected name=value, e.g. filmLabel=Ballerina")
    prefixes = dict(PREFIXES if prefixes is None else prefixes)
    if len(value) >= 2 and value[0] == "<" and value[-1] == ">":
        iri = value[1:-1]
        if not re.fullmatch(r'[^<>"{}|^`\\\s]+:[^<>"{}|^`\\\s]*', iri):
            raise QueryError(f"bad binding {text!r}: {value} is not an absolute IRI")
        return match.group(1), URIRef(iri)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return match.group(1), Literal(value[1:-1])
    prefixed = _PREFIXED.fullmatch(value)
    if prefixed and (prefixed.group(1) or "") in prefixes:
        return match.group(1), URIRef(str(prefixes[prefixed.group(1) or ""]) + prefixed.group(2))
    return match.group(1), Literal(value)


# --- running one query -------------------------------------------------------------------------


@dataclass
class QueryOutcome:
    """A query's answer, cut at the result limit: ``truncated`` says whether rows were left off."""

    result: Result
    truncated: bool = False
    seconds: float = 0.0

    @property
    def type(self) -> str:
        return self.result.type


def run_query(dataset: Graph, query: str, bindings: Mapping[str, Node] | None = None, *,
              max_results: int | None = None, deadline: float | None = None,
              allow_service: bool = True) -> QueryOutcome:
    """Runs one read-only SPARQL query on ``dataset`` and collects its answer.

    ``bindings`` maps variable names to terms; they are substituted by the store (never pasted
    into the text). At most ``max_results`` rows (or triples) are kept; ``deadline`` is a
    :func:`time.monotonic` time after which the query stops with :class:`QueryTimeout`.
    Raises :class:`QuerySyntaxError`, :class:`QueryRefused` or :class:`QueryTimeout`.
    """
    started = time.monotonic()
    check_query(query, allow_service=allow_service)
    _check_deadline(deadline)
    try:
        result = dataset.query(query, initBindings=dict(bindings or {}))
    except SyntaxError as err:  # Oxigraph's parser
        raise QuerySyntaxError(f"SPARQL syntax error: {one_line(err.msg if hasattr(err, 'msg') else err)}") from None
    except QueryError:
        raise
    except Exception as err:  # rdflib's parser (pyparsing), bad bound terms, ...
        if type(err).__name__ in ("ParseException", "ParseSyntaxException"):
            raise QuerySyntaxError(f"SPARQL syntax error: {one_line(err)}") from None
        if "SELECT projection" in str(err):  # Oxigraph substitutes only projected variables
            raise QueryError(f"cannot bind {', '.join('?' + n for n in (bindings or {}))}: "
                             f"a bound variable must be in the SELECT clause ({one_line(err)})") from None
        raise QueryError(f"the query failed: {one_line(err)}") from None
    try:
        outcome = _collect(result, max_results, deadline)
    except QueryError:
        raise
    except Exception as err:  # evaluation errors from the store
        raise QueryError(f"the query failed: {one_line(err)}") from None
    outcome.seconds = time.monotonic() - started
    return outcome


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise QueryTimeout("the query ran past its time limit")


def _release(result: Result) -> None:
    """Drops the store's row iterator now, in this thread.

    pyoxigraph's iterators must be dropped by the thread that made them, and oxrdflib's lazy
    bindings sit in a reference cycle that the garbage collector could free from any thread.
    """
    rows = getattr(result, "_genbindings", None)
    if rows is not None and hasattr(rows, "close"):
        rows.close()
        result._genbindings = None


def _collect(result: Result, max_results: int | None, deadline: float | None) -> QueryOutcome:
    limit = max_results if max_results is not None else float("inf")
    if result.type == "SELECT":
        rows: list[dict] = []
        truncated = False
        try:
            for row in result:  # lazy: the store computes rows as they are asked for
                _check_deadline(deadline)
                if len(rows) >= limit:
                    truncated = True
                    break
                rows.append({Variable(k): v for k, v in row.asdict().items()})
        finally:
            _release(result)
        _check_deadline(deadline)
        out = Result("SELECT")
        out.vars = list(result.vars or [])
        out.bindings = rows
        return QueryOutcome(out, truncated)
    if result.type in ("CONSTRUCT", "DESCRIBE") and result.graph is not None and len(result.graph) > limit:
        graph = Graph(namespace_manager=result.graph.namespace_manager)
        for index, triple in enumerate(result.graph):
            if index >= limit:
                break
            graph.add(triple)
        out = Result(result.type)
        out.graph = graph
        return QueryOutcome(out, True)
    _check_deadline(deadline)
    return QueryOutcome(result)


# --- formatting answers ------------------------------------------------------------------------

RESULT_FORMATS = {  # media type -> rdflib result serializer (SELECT, ASK)
    "application/sparql-results+json": "json", "application/json": "json", "text/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "application/sparql-results+csv": "csv",
}
GRAPH_FORMATS = {  # media type -> rdflib graph serializer (CONSTRUCT, DESCRIBE)
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
    "text/plain": "nt", "application/rdf+xml": "xml", "application/xml": "xml",
    "application/ld+json": "json-ld", "application/json": "json-ld", "text/n3": "n3",
    "application/trig": "trig", "application/n-quads": "nquads",
}


def negotiate(accept: str | None, result_type: str) -> tuple[str, str]:
    """The (media type, rdflib format) to answer with, from an ``Accept`` header.

    >>> negotiate("text/csv", "SELECT")
    ('text/csv', 'csv')
    >>> negotiate("*/*", "SELECT")
    ('application/sparql-results+json', 'json')
    """
    from rdflib_endpoint.utils import parse_accept_header

    formats = GRAPH_FORMATS if result_type in ("CONSTRUCT", "DESCRIBE") else RESULT_FORMATS
    if result_type == "ASK":
        formats = {k: v for k, v in formats.items() if v != "csv"}
    for media_type in parse_accept_header(accept or ""):
        media_type = media_type.strip().lower()
        if media_type in formats:
            return media_type, formats[media_type]
    return next(iter(formats.items()))


def serialize(outcome: QueryOutcome, fmt: str) -> bytes:
    """The answer in an rdflib format (``json``, ``xml``, ``csv`` for rows; ``turtle``, ``nt``, ... for graphs)."""
    result = outcome.result
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        data = result.graph.serialize(format=fmt)
    else:
        data = result.serialize(format=fmt)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def short(term: Node | None, prefixes: Mapping[str, Any] | None = None) -> str:
    """A term for a table cell: IRIs shortened with the filmkg prefixes, literals as their text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        best, name = "", ""
        for prefix, namespace in (prefixes or PREFIXES).items():
            namespace = str(namespace)
            if term.startswith(namespace) and len(namespace) > len(best):
                best, name = namespace, prefix
        return f"{name}:{term[len(best):]}" if best else str(term)
    return str(term)


def format_table(outcome: QueryOutcome) -> str:
    """A plain text table of the answer (rows), ``true``/``false`` (ASK) or Turtle (CONSTRUCT)."""
    result = outcome.result
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return serialize(outcome, "turtle").decode("utf-8").rstrip()
    names = [str(v) for v in result.vars]
    cells = [[short(row.get(Variable(n))) for n in names] for row in result.bindings]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.replace("\n", " ").ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    count = len(cells)
    lines.append(f"({count} row{'s' if count != 1 else ''}{', truncated' if outcome.truncated else ''})")
    return "\n".join(lines)


def format_outcome(outcome: QueryOutcome, fmt: str = "table") -> str:
    """The answer as ``kg sparql`` prints it: ``table``, ``json`` (SPARQL JSON results; JSON-LD
    for graphs) or ``csv`` (SPARQL CSV results; ``subject,predicate,object`` rows for graphs)."""
    result = outcome.result
    if fmt == "table":
        return format_table(outcome)
    graph_result = result.type in ("CONSTRUCT", "DESCRIBE")
    if fmt == "json":
        return serialize(outcome, "json-ld" if graph_result else "json").decode("utf-8")
    if fmt == "csv":
        if result.type == "ASK":
            return "boolean\r\n" + ("true" if result.askAnswer else "false")
        if graph_result:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(["subject", "predicate", "object"])
            writer.writerows([str(t) for t in triple] for triple in sorted(result.graph))
            return buffer.getvalue().rstrip("\r\n")
        return serialize(outcome, "csv").decode("utf-8").rstrip("\r\n")
    raise ValueError(f"unknown format {fmt!r} (use table, json or csv)")


# --- the endpoint ------------------------------------------------------------------------------


def example_queries(folder: Path = EXAMPLES_DIR) -> dict[str, dict[str, str]]:
    """The example ``.rq`` files for the query page: ``{"Cast with sources": {"query": "..."}}``."""
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


def oxigraph_dataset(dataset: Graph) -> Dataset:
    """``dataset`` itself if it is on the Oxigraph store, else a union-default Oxigraph copy of it."""
    from .store import new_dataset

    if type(dataset.store).__name__ == "OxigraphStore" and getattr(dataset, "default_union", False):
        return dataset
    copy = new_dataset()
    copy.parse(data=dataset.serialize(format="nquads" if isinstance(dataset, Dataset) else "nt"),
               format="nquads" if isinstance(dataset, Dataset) else "nt")
    return copy


def create_app(dataset: Graph, *, timeout: float = DEFAULT_TIMEOUT, max_results: int = DEFAULT_MAX_RESULTS,
               max_concurrent: int = DEFAULT_MAX_CONCURRENT, allow_service: bool = False,
               public_url: str = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}{ENDPOINT_PATH}",
               title: str = "filmkg SPARQL endpoint"):
    """A read-only SPARQL 1.1 endpoint app (rdflib-endpoint ``SparqlEndpoint``) for ``dataset``.

    Queries at ``/sparql``, the explorer at ``/``. See the module docstring for what happens
    on updates, past ``timeout`` seconds and past ``max_results`` rows.

    >>> from fastapi.testclient import TestClient                           # doctest: +SKIP
    >>> client = TestClient(create_app(load_dataset("exports"), timeout=2))  # doctest: +SKIP
    >>> client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]  # doctest: +SKIP
    True
    """
    from fastapi import Request, Response
    from fastapi.responses import HTMLResponse, JSONResponse
    from fastapi.routing import APIRoute
    from rdflib_endpoint import SparqlEndpoint

    from . import pages
    from rdflib_endpoint.sparql_router import SparqlRouter

    if timeout <= 0 or max_results < 0 or max_concurrent < 1:
        raise ValueError("timeout and max_concurrent must be positive, max_results not negative")
    dataset = oxigraph_dataset(dataset)
    app = SparqlEndpoint(
        graph=dataset, path=ENDPOINT_PATH, title=title, public_url=public_url,
        description=("Film reviews turned into a knowledge graph: every fact cites the review quotes "
                     f"behind it. Read-only; {timeout:g} s and {max_results:,} results per query."),
        enable_update=False, cors_enabled=True,
    )
    # rdflib-endpoint keeps serving the service description; queries and updates go through our
    # handler (read-only, time-limited, result-limited, Oxigraph-native), browsers get our page.
    library = {}
    for route in list(app.router.routes):
        # FastAPI >= 0.165 keeps an included router whole (``original_router``); older ones copy its routes.
        included = getattr(route, "original_router", None)
        for inner in (included.routes if isinstance(included, SparqlRouter) else [route]):
            if isinstance(inner, APIRoute) and inner.path in (ENDPOINT_PATH, ENDPOINT_PATH + "/"):
                library.update({method: inner.endpoint for method in inner.methods})
                if inner is route:
                    app.router.routes.remove(route)
        if isinstance(included, SparqlRouter):
            app.router.routes.remove(route)
    if set(library) != {"GET", "POST"}:
        raise RuntimeError("unexpected rdflib-endpoint layout: cannot find its /sparql routes")
    slots = threading.BoundedSemaphore(max_concurrent)
    limits = {"X-Result-Limit": str(max_results)}
    query_page = pages.query_page(example_queries(), title, {"Explorer": "/"})

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse(status_code=status, content={"message": message}, headers=limits)

    async def answer(request: Request, query: str) -> Response:
        deadline = time.monotonic() + timeout
        try:
            check_query(query, allow_service=allow_service)
        except QueryError as err:
            return error(err.status, str(err))
        accept = request.headers.get("accept")

        def work() -> tuple[bytes, str, bool]:
            try:
                outcome = run_query(dataset, query, max_results=max_results, deadline=deadline,
                                    allow_service=allow_service)
                media_type, fmt = negotiate(accept, outcome.type)
                return serialize(outcome, fmt), media_type, outcome.truncated
            finally:
                slots.release()

        while not slots.acquire(blocking=False):
            if time.monotonic() >= deadline:
                return error(503, f"the server is busy ({max_concurrent} queries running); try again later")
            await asyncio.sleep(0.02)
        try:
            body, media_type, truncated = await asyncio.wait_for(
                _in_daemon_thread(work), timeout=max(0.0, deadline - time.monotonic()))
        except (asyncio.TimeoutError, QueryTimeout):
            return error(503, f"the query ran past the {timeout:g} s time limit; "
                              "add a LIMIT or make the pattern more selective")
        except QueryError as err:
            return error(err.status, str(err))
        except Exception as err:  # noqa: BLE001 - serialization and store errors, one line each
            return error(500, f"the query failed: {one_line(err)}")
        return Response(body, media_type=media_type,
                        headers={**limits, "X-Result-Truncated": "true" if truncated else "false"})

    def refuse_update() -> JSONResponse:
        return error(403, "SPARQL updates are not allowed: the graph is read-only")

    async def get_sparql(request: Request) -> Response:
        params = request.query_params
        if "update" in params:
            return refuse_update()
        if params.get("query"):
            return await answer(request, params["query"])
        return await describe(request, lambda: library["GET"](request, query=None))

    async def post_sparql(request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="replace")
        if content_type == "application/sparql-update":
            return refuse_update()
        if content_type == "application/sparql-query":
            return await answer(request, body)
        form = parse_qs(body) if content_type == "application/x-www-form-urlencoded" else {}
        if "update" in form or "update" in request.query_params:
            return refuse_update()
        query = (form.get("query") or [request.query_params.get("query")])[0]
        if query:
            return await answer(request, query)
        return await describe(request, lambda: library["POST"](request))

    async def describe(request: Request, description: Callable) -> Response:
        """A request with no query: our query page for a browser, else the service description."""
        if request.headers.get("accept", "").startswith("text/html"):
            return HTMLResponse(query_page)
        return await description()

    for path in (ENDPOINT_PATH, ENDPOINT_PATH + "/"):
        schema = path == ENDPOINT_PATH
        app.add_api_route(path, get_sparql, methods=["GET"], name="SPARQL query (GET)", include_in_schema=schema)
        app.add_api_route(path, post_sparql, methods=["POST"], name="SPARQL query (POST)", include_in_schema=schema)
    explorer: dict[str, str] = {}
    drawing = threading.Lock()

    def explorer_page() -> str:
        from .query import KnowledgeGraph
        from .view import scene

        with drawing:
            if "html" not in explorer:
                explorer["html"] = scene(KnowledgeGraph(dataset)).html({"SPARQL query page": ENDPOINT_PATH})
        return explorer["html"]

    async def get_explorer() -> Response:
        try:
            return HTMLResponse(await asyncio.to_thread(explorer_page))
        except Exception as err:  # noqa: BLE001 - a graph the explorer cannot draw, in one line
            return error(500, f"the explorer could not be drawn: {one_line(err)}")

    app.add_api_route("/", get_explorer, methods=["GET"], include_in_schema=False)
    app.state.dataset = dataset
    app.state.limits = {"timeout": timeout, "max_results": max_results, "max_concurrent": max_concurrent}
    return app


async def _in_daemon_thread(function: Callable[[], Any]) -> Any:
    """Runs ``function`` in a new daemon thread and awaits its result.

    A daemon thread (not the event loop's executor) so that a query abandoned at its deadline
    never blocks the server's shutdown.
    """
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def settle(value: Any = None, error: BaseException | None = None) -> None:
        if not future.done():
            future.set_exception(error) if error is not None else future.set_result(value)

    def target() -> None:
        try:
            value = function()
        except BaseException as err:  # noqa: BLE001 - handed to the awaiting coroutine
            loop.call_soon_threadsafe(settle, None, err)
        else:
            loop.call_soon_threadsafe(settle, value)

    threading.Thread(target=target, name="sparql-query", daemon=True).start()
    return await future


def serve(graph_path: str | Path = "exports", host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
          timeout: float = DEFAULT_TIMEOUT, max_results: int = DEFAULT_MAX_RESULTS,
          max_concurrent: int = DEFAULT_MAX_CONCURRENT, log_level: str = "info",
          announce: Callable[[str], None] | None = print) -> None:
    """Loads a built graph and serves it at ``http://host:port/sparql`` until interrupted.

    >>> serve("exports", port=7878, timeout=5)   # then: curl 'http://127.0.0.1:7878/sparql?query=ASK{?s?p?o}'  # doctest: +SKIP
    """
    import uvicorn

    from .store import load_dataset

    dataset = load_dataset(graph_path)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}{ENDPOINT_PATH}"
    app = create_app(dataset, timeout=timeout, max_results=max_results, max_concurrent=max_concurrent,
                     public_url=url)
    if announce:
        announce(f"Serving {len(dataset):,} triples from {graph_path} at {url} "
                 f"(read-only; {timeout:g} s and {max_results:,} results per query), "
                 f"the explorer at {url[:-len(ENDPOINT_PATH)]}/. Ctrl-C stops.")
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def main(argv: list[str] | None = None) -> None:
    """``python -m kg.serve [--graph DIR] [--host H] [--port P] [--timeout S] [--max-results N]``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m kg.serve", description="Serve a built graph over SPARQL.")
    parser.add_argument("--graph", default="exports", help="built graph folder or RDF file (default: exports)")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per query")
    parser.add_argument("--max-results", type=int, default=DEFAULT_MAX_RESULTS, help="rows per answer")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    try:
        serve(args.graph, args.host, args.port, timeout=args.timeout, max_results=args.max_results,
              log_level=args.log_level)
    except (OSError, ValueError) as err:
        print(f"Error: {one_line(err)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
