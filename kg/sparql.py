"""What a SPARQL query may be, and how its answer is written: checks, bindings, result formats.

Every query from outside (``kg serve``, ``kg sparql``, ``graph.sparql()``) is checked here before
it reaches the engine (:mod:`kg.sandbox`): it must be a query, not an update; at most
``max_chars`` long; and it may not reach outside the graph: ``SERVICE`` (the engine would fetch
the URL) and dataset clauses (``FROM``, ``FROM NAMED``) are refused. The check reads the query
with a tokenizer that blanks IRIs, strings and comments, and refuses any bare word that
*contains* a refused keyword, because the engine needs no space around keywords
(``SERVICESILENT<x>``, ``ASKFROM<g>``).

>>> check_query("SELECT * WHERE { ?s ?p 'FROM somewhere' }")
>>> check_query("SELECT * { ?s ?p ?o .SERVICE <http://example.org/sparql> {} }")
Traceback (most recent call last):
...
kg.sparql.QueryRefused: federated queries (SERVICE) are not allowed: a query may not make the server fetch anything
>>> parse_binding("film=id:film/ballerina")
('film', rdflib.term.URIRef('https://w3id.org/filmkg/id/film/ballerina'))
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any, Mapping

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from .limits import MAX_QUERY_CHARS
from .vocab import PREFIXES

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


# --- errors ------------------------------------------------------------------------------------


class QueryError(ValueError):
    """A query that cannot be answered; ``str(err)`` is one line for the user, ``status`` the HTTP code."""

    status = 400


class QuerySyntaxError(QueryError):
    """The text is not a SPARQL 1.1 query."""


class QueryRefused(QueryError):
    """A valid request this graph does not allow: an update, ``SERVICE`` or ``FROM``."""

    status = 403


class QueryTooLarge(QueryError):
    """The query text is longer than the limit."""

    status = 413


class QueryCrashed(QueryError):
    """The engine could not survive the query (its worker process died); nothing else was affected."""


class QueryTimeout(QueryError):
    """The query ran past its time limit, or found no free worker before it."""

    status = 503


class QueryMemoryLimit(QueryError):
    """The query needed more memory than the limit allows."""

    status = 503


def one_line(text: Any) -> str:
    """Collapses an error message to one line."""
    return " ".join(str(text).split())


# --- checking the text -------------------------------------------------------------------------

_PN_ESCAPE = r"(?:\\[_~.\-!$&'()*+,;=/?#@%]|%[0-9A-Fa-f]{2})"
_TOKEN = re.compile(
    r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*')"
    r"|(?P<unterminated>[\"'])"
    r"|(?P<comment>#[^\n\r]*)"
    r"|(?P<var>[?$]\w+)"
    rf"|(?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w:-]|{_PN_ESCAPE})(?:[\w.:-]|{_PN_ESCAPE})*|(?:[^\W\d_][\w.-]*)?:)"
    r"|(?P<bnode>_:[\w.-]+)"
    r"|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    r"|(?P<word>[^\W\d]\w*)"
    r"|(?P<other>.)",
    re.DOTALL,
)


def tokens(query: str) -> list[tuple[str, str]]:
    """The query's tokens as ``(kind, text)``, comments left out: kinds are ``iri``, ``string``,
    ``var``, ``pname``, ``bnode``, ``lang``, ``word`` (keywords, function names, ``a``) and ``other``.

    >>> tokens("ASK { ?s ex:p 'x' } # done")
    [('word', 'ASK'), ('other', '{'), ('var', '?s'), ('pname', 'ex:p'), ('string', "'x'"), ('other', '}')]
    """
    found = []
    for match in _TOKEN.finditer(query):
        if match.lastgroup == "unterminated":  # the engine would refuse it too; scanning on costs n²
            line = query.count("\n", 0, match.start()) + 1
            raise QuerySyntaxError(f"SPARQL syntax error: a string opened on line {line} is never closed")
        if match.lastgroup != "comment" and not match.group().isspace():
            found.append((match.lastgroup, match.group()))
    return found


def words(query: str) -> list[str]:
    """The bare words of a query, upper-cased; a prefixed name's prefix counts as a word too,
    since the engine reads ``SERVICE:x`` as ``SERVICE`` then ``:x``.

    >>> words("PREFIX ex: <http://e/#> SELECT ?from { ex:a ex:SERVICE 'FROM' } # LIMIT")
    ['PREFIX', 'EX', 'SELECT', 'EX', 'EX']
    """
    found = []
    for kind, text in tokens(query):
        if kind == "word" or kind == "pname" and not text.startswith(":"):
            found.append(text.split(":", 1)[0].upper())
    return found


def update_keyword(query: str) -> str | None:
    """The update operation ``query`` starts with (``"INSERT"``, ``"DROP"``, ...), or ``None``.

    >>> update_keyword("PREFIX : <http://example.org/> # add one\\nINSERT DATA { :a :b :c }")
    'INSERT'
    >>> update_keyword("SELECT * WHERE { ?s ?p 'DELETE' }") is None
    True
    """
    found = tokens(query)
    while found and found[0][1].upper() in ("BASE", "PREFIX"):
        found = found[3:] if found[0][1].upper() == "PREFIX" else found[2:]
    first = found[0][1].upper() if found and found[0][0] == "word" else ""
    return next((k for k in sorted(UPDATE_KEYWORDS) if first.startswith(k)), None)


def reaches_out(query: str) -> str | None:
    """``"SERVICE"`` or ``"FROM"`` if the query uses one (anywhere, glued to anything), else ``None``.

    >>> reaches_out("SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }")
    'SERVICE'
    >>> reaches_out("ASKFROM<http://example.org/g>{}")
    'FROM'
    >>> reaches_out("SELECT ?service { ?service a <http://example.org/SERVICE> }") is None
    True
    """
    for word in words(query):
        for keyword in ("SERVICE", "FROM"):
            if keyword in word:
                return keyword
    return None


def check_query(query: str, *, max_chars: int = MAX_QUERY_CHARS) -> None:
    """Raises :class:`QueryTooLarge` or :class:`QueryRefused` for a query the engine must not see."""
    if len(query) > max_chars:
        raise QueryTooLarge(f"the query is {len(query):,} characters long; the limit is {max_chars:,}")
    keyword = update_keyword(query)
    if keyword:
        raise QueryRefused(f"SPARQL updates ({keyword}) are not allowed: the graph is read-only")
    outside = reaches_out(query)
    if outside == "SERVICE":
        raise QueryRefused("federated queries (SERVICE) are not allowed: a query may not make the server fetch anything")
    if outside == "FROM":
        raise QueryRefused("dataset clauses (FROM, FROM NAMED) are not allowed: every query runs on the whole "
                           "graph (use GRAPH ?g { ... } to pick a review's graph)")


# --- bindings ----------------------------------------------------------------------------------

_VARIABLE = re.compile(r"[?$]?([A-Za-z_][A-Za-z0-9_]*)")
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:(\S*)")


def parse_binding(text: str, prefixes: Mapping[str, Any] | None = None) -> tuple[str, Node]:
    """Parses ``name=value`` (as given to ``kg sparql --bind``) into a variable name and an RDF term.

    The value is an IRI if written ``<...>`` or as a known prefixed name (``id:film/ballerina``,
    ``fkg:Film``); a quoted value (``"id:x"``) or anything else is a plain string literal.

    >>> parse_binding("filmLabel=John Wick: Chapter 2")
    ('filmLabel', rdflib.term.Literal('John Wick: Chapter 2'))
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


# --- answers -----------------------------------------------------------------------------------


@dataclass
class QueryOutcome:
    """A query's answer, cut at the result limit: ``truncated`` says whether rows were left off."""

    result: Result
    truncated: bool = False
    seconds: float = 0.0

    @property
    def type(self) -> str:
        return self.result.type


RESULT_FORMATS = {  # media type -> serializer (SELECT, ASK); "tsv" is ours, the rest rdflib's
    "application/sparql-results+json": "json", "application/json": "json", "text/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "application/sparql-results+csv": "csv",
    "text/tab-separated-values": "tsv", "application/sparql-results+tsv": "tsv",
}
GRAPH_FORMATS = {  # media type -> rdflib graph serializer (CONSTRUCT, DESCRIBE)
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
    "text/plain": "nt", "application/rdf+xml": "xml", "application/xml": "xml",
    "application/ld+json": "json-ld", "application/json": "json-ld", "text/n3": "n3",
    "application/trig": "trig", "application/n-quads": "nquads",
}


def formats_for(result_type: str) -> dict[str, str]:
    """The media types an answer of this type can be written in, the default first."""
    if result_type in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_FORMATS
    if result_type == "ASK":
        return {k: v for k, v in RESULT_FORMATS.items() if v not in ("csv", "tsv")}
    return RESULT_FORMATS


def negotiate(accept: str | None, result_type: str) -> tuple[str, str] | None:
    """The (media type, format) to answer with for an ``Accept`` header, or ``None`` if it accepts
    nothing this answer can be written in. No header, ``*/*`` or ``text/*`` give the default.

    >>> negotiate("text/csv", "SELECT")
    ('text/csv', 'csv')
    >>> negotiate("*/*", "SELECT")
    ('application/sparql-results+json', 'json')
    >>> negotiate("image/png", "SELECT") is None
    True
    """
    from rdflib_endpoint.utils import parse_accept_header

    formats = formats_for(result_type)
    for media_type in parse_accept_header(accept or "*/*"):
        media_type = media_type.strip().lower()
        if media_type in formats:
            return media_type, formats[media_type]
        family = media_type[:-1] if media_type.endswith("/*") else None
        if media_type == "*/*" or family and any(k.startswith(family) for k in formats):
            chosen = next(k for k in formats if media_type == "*/*" or k.startswith(family))
            return chosen, formats[chosen]
    return None


def serialize(outcome: QueryOutcome, fmt: str) -> bytes:
    """The answer in a format (``json``, ``xml``, ``csv``, ``tsv`` for rows; ``turtle``, ``nt``,
    ``nquads``, ... for graphs)."""
    result = outcome.result
    if fmt == "tsv":
        return tsv(result).encode("utf-8")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        # A graph answer has no named graphs: as N-Quads it is the same lines as N-Triples.
        data = result.graph.serialize(format="nt" if fmt == "nquads" else fmt)
    else:
        data = result.serialize(format=fmt)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def tsv_term(term: Node | None) -> str:
    r"""A term as SPARQL 1.1 TSV writes it (N-Triples syntax; tabs and newlines escaped).

    >>> tsv_term(Literal("a\tb"))
    '"a\\tb"'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    suffix = f"@{term.language}" if term.language else f"^^<{term.datatype}>" if term.datatype else ""
    return f'"{text}"{suffix}'


def tsv(result: Result) -> str:
    """SELECT rows as SPARQL 1.1 TSV: a ``?name`` header line, then one line per row."""
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(tsv_term(row.get(v)) for v in result.vars) for row in result.bindings]
    return "\n".join(lines) + "\n"


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
