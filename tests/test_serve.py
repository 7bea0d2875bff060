"""The SPARQL endpoint, for real: `python -m kg.serve` in a subprocess, spoken to over HTTP.

The server runs with small limits (1 s per query, 5 results) so both can be seen quickly.
Every wait is bounded and the server is always stopped.
"""
import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper

import sparql_fixture

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 1.0
MAX_RESULTS = 5
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Four-way cross product of every triple, filtered on all four: no row comes out for minutes.
SLOW = ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
        "FILTER (CONCAT(STR(?c), STR(?f), STR(?i), STR(?l)) = \"never\") }")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    graph = sparql_fixture.write_fixture(tmp_path_factory.mktemp("graph"))
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    log = tmp_path_factory.mktemp("log") / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "kg.serve", "--graph", str(graph), "--port", str(port),
             "--timeout", str(TIMEOUT), "--max-results", str(MAX_RESULTS), "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                pytest.fail(f"the server exited early:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"the server did not start within 30 s:\n{log.read_text()}")
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def client(url: str, query: str, fmt=JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(10)
    return sparql


def count_triples(url: str) -> int:
    answer = client(url, COUNT_ALL).query().convert()
    return int(answer["results"]["bindings"][0]["n"]["value"])


def http(url: str, *, data: bytes | None = None, headers: dict | None = None, **params):
    """(status, body, headers) of one request, errors included; headers are case-insensitive."""
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), err.headers


def test_select_answers_json(endpoint):
    # DISTINCT: the default graph is the union of all graphs, so a triple that three reviews
    # state is seen four times (the merged graph's copy and one per review graph).
    query = ("SELECT DISTINCT ?name WHERE { ?p a fkg:Person ; rdfs:label ?name ; ^fkg:director ?film } "
             "ORDER BY ?name")
    result = client(endpoint, query).query()
    assert result.info()["content-type"].startswith("application/sparql-results+json")
    answer = result.convert()
    assert answer["head"]["vars"] == ["name"]
    names = [b["name"]["value"] for b in answer["results"]["bindings"]]
    assert names == ["Chad Stahelski", "Len Wiseman"]
    assert result.info()["x-result-truncated"] == "false"


def test_select_answers_csv_and_xml(endpoint):
    query = "SELECT DISTINCT ?name WHERE { ?c a fkg:Character ; rdfs:label ?name } ORDER BY ?name"
    result = client(endpoint, query, CSV).query()
    assert result.info()["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(result.convert().decode())))
    assert rows == [["name"], ["Eve Macarro"], ["John Wick"], ["Winston"]]
    xml = client(endpoint, query, XML).query().convert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")] == ["Eve Macarro", "John Wick", "Winston"]


def test_post_query_forms(endpoint):
    query = "ASK { ?film fkg:director ?who }"
    sparql = client(endpoint, query)
    sparql.setMethod(POST)
    assert sparql.query().convert()["boolean"] is True
    status, body, _ = http(endpoint, data=query.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_update_is_refused_and_changes_nothing(endpoint):
    before = count_triples(endpoint)
    sparql = client(endpoint, "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    sparql.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert "read-only" in refused.value.read().decode()
    # The other ways of sending an update: raw body, as a query, by GET.
    assert http(endpoint, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})[0] == 403
    status, body, _ = http(endpoint, query="PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }")
    assert status == 403 and "DELETE" in json.loads(body)["message"]
    assert http(endpoint, update="CLEAR ALL")[0] == 403
    assert http(endpoint, data=urllib.parse.urlencode({"update": "CLEAR DEFAULT"}).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert count_triples(endpoint) == before
    assert client(endpoint, "ASK { <http://example.org/a> ?p ?o }").query().convert()["boolean"] is False


def test_syntax_errors_and_service_are_4xx(endpoint):
    status, body, _ = http(endpoint, query="SELECT ?x WHERE { ?x ?y }")
    assert status == 400 and "syntax error" in json.loads(body)["message"]
    status, body, _ = http(endpoint, query="SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in json.loads(body)["message"]


def test_result_limit_truncates(endpoint):
    result = client(endpoint, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }").query()
    assert len(result.convert()["results"]["bindings"]) == MAX_RESULTS
    assert result.info()["x-result-truncated"] == "true"
    assert result.info()["x-result-limit"] == str(MAX_RESULTS)
    # Exactly at the limit is not truncated.
    exact = client(endpoint, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_RESULTS}").query()
    assert len(exact.convert()["results"]["bindings"]) == MAX_RESULTS
    assert exact.info()["x-result-truncated"] == "false"
    status, body, headers = http(endpoint, query="CONSTRUCT WHERE { ?s ?p ?o }", headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["X-Result-Truncated"] == "true"
    assert len(body.strip().splitlines()) == MAX_RESULTS


def test_time_limit_answers_503_and_the_server_keeps_going(endpoint):
    started = time.monotonic()
    status, body, _ = http(endpoint, query=SLOW)
    elapsed = time.monotonic() - started
    assert status == 503
    assert "time limit" in json.loads(body)["message"]
    assert elapsed < TIMEOUT + 3
    # The abandoned query does not block the others.
    started = time.monotonic()
    assert client(endpoint, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True
    assert time.monotonic() - started < 2


def test_browser_gets_the_query_page_with_the_examples_and_nothing_from_elsewhere(endpoint):
    status, body, headers = http(endpoint, headers={"Accept": "text/html"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "Cast with sources" in body and "GRAPH ?review" in body
    assert "connect-src 'self'" in body and 'href="/"' in body
    assert not re.search(r'(src|href)="(?!/)', body)  # no address but this server's own
    status, body, _ = http(endpoint, headers={"Accept": "text/turtle"})
    assert status == 200 and "sparql-service-description" in body
    status, body, headers = http(endpoint.rsplit("/", 1)[0] + "/", headers={"Accept": "text/html"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "Eve Macarro" in body and 'href="/sparql"' in body and "default-src 'none'" in body


# --- in-process checks (no server) -------------------------------------------------------------


def test_an_in_memory_dataset_is_served_from_an_oxigraph_copy():
    from fastapi.testclient import TestClient

    from kg.graph import build_dataset
    from kg.serve import create_app

    app = create_app(build_dataset(sparql_fixture.knowledge_base()), timeout=5, max_results=100)
    with TestClient(app) as http_client:
        count = http_client.get("/sparql", params={"query": "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a fkg:CastCredit }"})
        evidence = http_client.get("/sparql", params={"query": "ASK { ?fact fkg:evidence ?ev }"})
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "6"
    assert evidence.json()["boolean"] is True  # the default graph is the union of all graphs


@pytest.mark.parametrize("text, keyword, service", [
    ("SELECT * { ?s ?p 'INSERT DATA' }", None, False),
    ("# DELETE WHERE { ?s ?p ?o }\nSELECT * { ?s ?p ?o }", None, False),
    ("BASE <http://example.org/>\nPREFIX ex: <http://example.org/#>\n  insert data { ex:a ex:b ex:c }", "INSERT", False),
    ("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH", False),
    ("SELECT ?service { ?service a <http://example.org/SERVICE> ; ex:service \"SERVICE\" }", None, False),
    ("SELECT * { <http://x/#> ?p ?o . service <http://example.org/sparql> { ?s ?p ?o } }", None, True),
    ("SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }", None, True),
    ('SELECT * { ?s ?p """multi\nline # not a comment""" . SERVICE <http://e/> {} }', None, True),
])
def test_updates_and_service_are_recognised(text, keyword, service):
    from kg.serve import update_keyword, uses_service

    assert update_keyword(text) == keyword
    assert uses_service(text) is service
