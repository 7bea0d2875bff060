"""Property-based fuzzing (Hypothesis) of what strangers send: review texts and files, SPARQL strings.

CI runs ``KG_FUZZ_EXAMPLES`` examples per property (default 150, well under a minute in all);
a thorough local run is ``KG_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py``.

* Any review text builds: no exception, every quote is the review's own text at its offsets,
  and every export (TriG, Turtle, JSON-LD, GraphML, facts.jsonl) loads.
* Any file's bytes are read as a review or refused with one line.
* Any SPARQL string is answered or refused with one line, the query pool keeps serving, and
  nothing reaches outside: a ``SERVICE`` pointing at a trap server never reaches it.
"""
from __future__ import annotations

import hashlib
import http.server
import json
import os
import threading
import xml.etree.ElementTree as ElementTree

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.exports import write_exports
from kg.extract import extract
from kg.graph import build_dataset
from kg.model import Review
from kg.nlp import load_pipeline
from kg.resolve import resolve
from kg.reviews import read_review
from kg.sandbox import Limits, QueryPool
from kg.sparql import QueryError

import sparql_fixture

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 150,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# --- review texts ------------------------------------------------------------------------------

WORDS = ["Ana de Armas", "Eve", "Ballerina", "Keanu Reeves", "John Wick", "Len Wiseman", "Charon",
         "Lance Reddick", "John Wick: Chapter 4", "From the World of John Wick: Ballerina", "the John Wick franchise",
         "Ian McShane", "Winston", "The Continental", "Parabellum", "Stahelski", "Mr.", "Dir.", "de", "van"]
GLUE = [" as ", " plays ", " (", ")", " in ", ", ", " and ", ". ", "\n", "\n\n", "Starring: ", "Director: ",
        "Directed by ", "By ", "Rating: 3/5", "★★★☆☆", "‘", "’", "“", "”", " review", ": ", " – ", " is ",
        " played by ", "'s ", " returns as ", " (2025)", " the film ", " spin-off ", " not ", " would "]
NASTY = ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x00", "\x01", "\x7f", "\ufffe",
         "\uffff", "\r", "\r\n", "\t", '"""', "\\", "@prefix x: <y> .", "<", ">", "&", "{", "}", "\u200b", "\ufeff",
         "é", "Иван", "王", "राम", "🎬"]
PIECE = st.one_of(st.sampled_from(WORDS), st.sampled_from(GLUE), st.sampled_from(NASTY), st.text(max_size=6))
REVIEW_TEXT = st.lists(PIECE, min_size=1, max_size=60).map("".join)


def exports_load(kb, folder) -> None:
    files = write_exports(kb, folder)
    quads = len(build_dataset(kb))
    for name, format in (("graph.trig", ox.RdfFormat.TRIG), ("graph.nq", ox.RdfFormat.N_QUADS),
                         ("graph.jsonld", ox.RdfFormat.JSON_LD)):
        store = ox.Store()
        store.load(path=files[name], format=format)
        assert len(store) == quads, name
    ox.Store().load(path=files["graph.ttl"], format=ox.RdfFormat.TURTLE)
    json.loads(files["graph.jsonld"].read_bytes())
    ElementTree.parse(files["graph.graphml"])
    ElementTree.parse(files["graph.gexf"])
    records = [json.loads(line) for line in files["facts.jsonl"].read_text("utf-8").splitlines()]
    assert len(records) == len(kb.entities) + len(kb.facts)


@FUZZ
@given(st.lists(REVIEW_TEXT, min_size=1, max_size=2))
def test_any_review_text_builds_with_verbatim_quotes_and_loadable_exports(tmp_path_factory, texts):
    texts = [t for t in texts if t.strip()]
    assume(texts)
    nlp = load_pipeline()
    reviews = [Review(f"r{i}", text, f"r{i}.txt", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
               for i, text in enumerate(texts)]
    kb = resolve([extract(doc, review) for review, doc in zip(reviews, nlp.pipe(texts))])
    by_id = {r.id: r.text for r in reviews}
    for fact in kb.facts:
        for source in fact.sources:
            assert by_id[source.review][source.start:source.end] == source.quote
    exports_load(kb, tmp_path_factory.mktemp("exports") / "out")


@FUZZ
@given(st.binary(max_size=300) | REVIEW_TEXT.map(lambda t: t.encode("utf-8")) |
       REVIEW_TEXT.map(lambda t: t.encode("utf-16")))
def test_any_file_is_read_or_refused_in_one_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("file") / "review.txt"
    path.write_bytes(data)
    try:
        review = read_review(path)
    except ValueError as err:
        assert "\n" not in str(err) and str(err)
    else:
        assert review.text.strip() and "\x00" not in review.text


# --- SPARQL strings ----------------------------------------------------------------------------


class Trap(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        Trap.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def trap():
    server = http.server.HTTPServer(("127.0.0.1", 0), Trap)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    graph = sparql_fixture.write_fixture(tmp_path_factory.mktemp("graph"))
    with QueryPool(graph, workers=2, limits=Limits(timeout=1, results=200)) as pool:
        yield pool


TOKENS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", ".", ";", ",", "*", "?s", "?p",
          "?o", "$x", "<http://example.org/a>", "fkg:Film", "rdfs:label", "a", "'x'", '"y"', '"""z\n"""', "1", "2.5",
          "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH ?g", "VALUES ?s { 1 }", "BIND(1 AS ?b)", "ORDER BY ?o",
          "LIMIT 3", "DISTINCT", "GROUP BY ?s", "(COUNT(*) AS ?n)", "STR(?o)", "REGEX(?o, 'a')", "#", "\n", "\r",
          "PREFIX ex: <http://e/>", "PREFIX : <http://e/>", "ex:x", ":x", "ex:a.b", "ex:a\\#b", "SERVICE", "SILENT",
          "service", "SeRvIcE", "FROM", "NAMED", "from", "<file:///etc/passwd>", "LOAD", "INSERT DATA", "DELETE",
          "\\u0053ERVICE", "_:b", "@en", "^^xsd:integer", "<<", ">>", "<<(", ")>>", "'", '"', "\\", "{" * 50, "}" * 50]
GLUES = ["", " ", "\n", "\t", "#c\n", "."]
SERVICE_WORDS = ["SERVICE", "SERVICE SILENT", "service", "SERVICESILENT", "SeRvIcE", "SERVICE\tSILENT"]
PATTERNS = ["?s ?p ?o", "?s a fkg:Film", "?s rdfs:label ?name", "", "?s ?p ?o .", "OPTIONAL { ?s ?p ?o }"]


FORMS = ["SELECT *", "SELECT DISTINCT ?s ?o", "ASK", "CONSTRUCT { ?s ?p ?o }", "SELECT (COUNT(*) AS ?n)",
         "DESCRIBE ?s", "SELECT ?s (SAMPLE(?o) AS ?x)", "SELECT (GROUP_CONCAT(STR(?o)) AS ?all)"]
TRIPLES = ["?s ?p ?o", "?s a ?type", "?s rdfs:label ?o", "?s fkg:supportCount ?o", "?x ?y ?s", "?s ?p2 ?o2",
           "GRAPH ?g { ?s ?p ?o }", "?s fkg:evidence/fkg:quote ?o", "?s (fkg:film|fkg:person)+ ?o", "?s ?p 'Eve'@en"]
EXTRAS = ["FILTER(isLiteral(?o))", "FILTER(?o > 1)", "FILTER(REGEX(STR(?o), '^[A-Z]'))", "OPTIONAL { ?o ?q ?r }",
          "BIND(STRLEN(STR(?o)) AS ?len)", "VALUES ?p { rdfs:label fkg:film }", "MINUS { ?s a fkg:Film }",
          "{ ?s ?p ?o } UNION { ?o ?p ?s }", "FILTER NOT EXISTS { ?s fkg:director ?d }", "FILTER(LANG(?o) = 'en')",
          "BIND(xsd:integer(?o) AS ?n)", "FILTER(?o = 'NaN'^^xsd:double)", "BIND(<<( ?s ?p ?o )>> AS ?t)"]
MODIFIERS = ["", "ORDER BY ?o", "ORDER BY ?o ?s", "LIMIT 5", "ORDER BY DESC(?o) LIMIT 3", "OFFSET 2",
             "GROUP BY ?s", "ORDER BY RAND()", "LIMIT 0", "HAVING (COUNT(*) > 1)"]


@st.composite
def valid_looking(draw) -> str:
    """Queries shaped like real ones, so that most reach the engine and run."""
    patterns = " . ".join(draw(st.lists(st.sampled_from(TRIPLES), min_size=1, max_size=3)))
    extras = " ".join(draw(st.lists(st.sampled_from(EXTRAS), max_size=3)))
    depth = draw(st.integers(0, 40))
    body = "{ " * depth + f"{patterns} {extras}" + " }" * depth
    return f"{draw(st.sampled_from(FORMS))} WHERE {{ {body} }} {draw(st.sampled_from(MODIFIERS))}"


@st.composite
def sparql(draw, trap_url: str):
    shape = draw(st.integers(0, 2))
    if shape == 0:
        return draw(valid_looking())
    if shape == 1:  # a structured query that would call the trap if the check let it through
        glue = st.sampled_from(GLUES)
        service = f"{draw(st.sampled_from(SERVICE_WORDS))}{draw(glue)}<{trap_url}>{draw(glue)}{{ ?a ?b ?c }}"
        pattern = draw(st.sampled_from(PATTERNS))
        return f"SELECT * WHERE {{ {pattern}{draw(glue)}{service} }}"
    pieces = draw(st.lists(st.tuples(st.one_of(st.sampled_from(TOKENS), st.just(f"<{trap_url}>"), st.text(max_size=4)),
                                     st.sampled_from(GLUES)), max_size=40))
    return "".join(token + glue for token, glue in pieces)


@FUZZ
@given(st.data())
def test_any_sparql_string_is_answered_or_refused_and_nothing_reaches_out(pool, trap, data):
    query = data.draw(sparql(trap))
    try:
        outcome = pool.query(query)
    except QueryError as err:
        assert str(err) and "\n" not in str(err) and err.status in (400, 403, 413, 503)
    else:
        assert outcome.type in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    assert Trap.hits == [], f"{query!r} made the engine fetch {Trap.hits}"


def test_the_pool_still_serves_after_the_fuzzing(pool):
    assert pool.query("ASK { ?s ?p ?o }").result.askAnswer is True
