"""The SPARQL endpoint, for real: `python -m kg.serve` in a subprocess, spoken to over HTTP.

The server runs with small limits (1 s per query, 5 results) so both can be seen quickly.
Every wait is bounded and the server is always stopped.
"""
import contextlib
import csv
import http.server as http_server
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
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


@contextlib.contextmanager
def running_server(graph, log: Path, *options: str):
    """``python -m kg.serve`` on a free port until the block ends: yields (url, process)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "kg.serve", "--graph", str(graph), "--port", str(port),
                                   *options], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
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
        yield url, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    graph = sparql_fixture.write_fixture(tmp_path_factory.mktemp("graph"))
    log = tmp_path_factory.mktemp("log") / "server.log"
    with running_server(graph, log, "--timeout", str(TIMEOUT), "--max-results", str(MAX_RESULTS),
                        "--workers", "2", "--log-level", "warning") as (url, _):
        yield url


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
    from kg.sandbox import Limits
    from kg.serve import create_app

    app = create_app(build_dataset(sparql_fixture.knowledge_base()), limits=Limits(timeout=5, results=100), workers=1)
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
    from kg.sparql import reaches_out, update_keyword

    assert update_keyword(text) == keyword
    assert (reaches_out(text) == "SERVICE") is service


# --- hostile clients (issue 10) ----------------------------------------------------------------

SEEDS = ROOT / "exports"
PANIC = "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"  # aborts Oxigraph on the seed graph, in ~2 s
PANIC_FAST = "SELECT * { ?a ?b ?c . ?d ?e ?f FILTER(isLiteral(?c)) } ORDER BY ?c ?f"  # the same, in ~0.5 s
NESTED = "ASK " + "{" * 2500 + "}" * 2500  # 5 KB; overflowed the parser's stack (SIGSEGV)


@pytest.fixture(scope="module")
def seeds_endpoint(tmp_path_factory):
    """The seed graph served with 2 workers, 3 s per query and the access log on: (url, log, process)."""
    log = tmp_path_factory.mktemp("log") / "seeds.log"
    with running_server(SEEDS, log, "--timeout", "3", "--workers", "2", "--log-level", "info") as (url, server):
        yield url, log, server


def test_queries_that_kill_the_engine_get_4xx_and_the_server_keeps_serving(seeds_endpoint):
    url, _, server = seeds_endpoint
    status, body, _ = http(url, data=PANIC_FAST.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and "crashed" in json.loads(body)["message"]
    status, body, _ = http(url, query=NESTED)
    assert status == 200 and json.loads(body)["boolean"] is True
    assert server.poll() is None
    assert client(url, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True


def test_the_issue_s_crashing_query_through_the_app():
    from fastapi.testclient import TestClient

    from kg.sandbox import Limits
    from kg.serve import create_app

    with TestClient(create_app(SEEDS, limits=Limits(timeout=30), workers=1)) as browser:
        crashed = browser.get("/sparql", params={"query": PANIC})
        after = browser.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert crashed.status_code == 400 and "SIGABRT" in crashed.json()["message"]
    assert after.json()["boolean"] is True


def test_four_short_hostile_queries_do_not_lock_the_server_out(seeds_endpoint):
    url, _, _ = seeds_endpoint
    statuses = []

    def hostile():
        statuses.append(http(url, query=SLOW)[0])

    threads = [threading.Thread(target=hostile) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    for thread in threads:
        thread.join(15)
    assert statuses == [503] * 4
    # Their workers were killed at the deadline, not left running: the next query is served at once.
    started = time.monotonic()
    assert client(url, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True
    assert time.monotonic() - started < 2


def test_a_slow_query_does_not_block_the_others(seeds_endpoint):
    url, _, _ = seeds_endpoint
    slow = threading.Thread(target=http, args=(url,), kwargs={"query": SLOW})
    slow.start()
    time.sleep(0.3)
    started = time.monotonic()
    status, body, _ = http(url, query="ASK { ?s ?p ?o }")
    assert status == 200 and time.monotonic() - started < 1
    slow.join(10)


@pytest.mark.parametrize("content_type", [
    "text/plain; x=application/sparql-query", "text/plain", "application/json",
    "application/sparql-query-not", "multipart/form-data; boundary=x"])
def test_every_other_post_body_type_is_415(endpoint, content_type):
    query = "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    headers = {"Content-Type": content_type} if content_type else {}
    status, body, _ = http(endpoint, data=query.encode(), headers=headers)
    assert status == 415 and "application/sparql-query" in json.loads(body)["message"]


@pytest.mark.parametrize("query, word", [
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
    ("ASKFROM<file:///etc/passwd>{}", "FROM"),
    ("LOAD <file:///etc/passwd>", "read-only"),
    ("SELECT * { ?s ?p ?o .SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * { SERVICESILENT<http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }", "SERVICE"),
])
def test_no_query_reaches_outside_the_graph(endpoint, query, word):
    hits = []

    class Trap(http_server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    trap = http_server.HTTPServer(("127.0.0.1", 0), Trap)
    threading.Thread(target=trap.serve_forever, daemon=True).start()
    try:
        query = query.replace("{port}", str(trap.server_address[1]))
        for method in ("GET", "POST"):
            if method == "GET":
                status, body, _ = http(endpoint, query=query)
            else:
                status, body, _ = http(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                       headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert status == 403 and word in json.loads(body)["message"], (method, body)
        assert http(endpoint, query="ASK {}", **{"default-graph-uri": "file:///etc/passwd"})[0] == 403
    finally:
        trap.shutdown()
    assert hits == []


def test_cors_is_off_and_other_origins_are_refused(endpoint):
    status, body, headers = http(endpoint, query="ASK {}", headers={"Origin": "https://evil.example"})
    assert status == 403 and "--cors" in json.loads(body)["message"]
    assert headers.get("Access-Control-Allow-Origin") is None
    preflight = urllib.request.Request(endpoint, method="OPTIONS", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(preflight, timeout=10)
    assert refused.value.headers.get("Access-Control-Allow-Origin") is None
    own = endpoint.rsplit("/sparql", 1)[0]
    assert http(endpoint, query="ASK {}", headers={"Origin": own})[0] == 200  # the query page itself
    # DNS rebinding: a page on evil.example whose name now points at 127.0.0.1.
    assert http(endpoint, query="ASK {}", headers={"Host": "evil.example"})[0] == 403


def test_cors_for_one_named_origin():
    from fastapi.testclient import TestClient

    from kg.sandbox import Limits
    from kg.serve import create_app

    app = create_app(sparql_fixture.knowledge_base_dataset(), limits=Limits(timeout=5), workers=1,
                     cors=["http://localhost:3000"])
    with TestClient(app) as browser:
        allowed = browser.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://localhost:3000"})
        other = browser.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://localhost:3001"})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert "access-control-allow-credentials" not in allowed.headers
    assert other.status_code == 403 and "access-control-allow-origin" not in other.headers


def test_query_size_is_capped(endpoint):
    big = "ASK {} #" + "x" * 120_000
    status, body, _ = http(endpoint, data=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and "100,000" in json.loads(body)["message"]
    status, _, _ = http(endpoint, data=b"q" * 2_000_000, headers={"Content-Type": "application/sparql-query"})
    assert status == 413


def test_tsv_nquads_and_unacceptable_types(endpoint):
    status, body, headers = http(endpoint, query="SELECT ?name { ?c a fkg:Character ; rdfs:label ?name } ORDER BY ?name",
                                 headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.splitlines() == ["?name", '"Eve Macarro"', '"John Wick"', '"Winston"']
    status, body, headers = http(endpoint, query="CONSTRUCT WHERE { ?f fkg:director ?p }",
                                 headers={"Accept": "application/n-quads"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-quads")
    assert len(body.strip().splitlines()) == 3 and all(line.endswith(" .") for line in body.strip().splitlines())
    status, body, _ = http(endpoint, query="ASK {}", headers={"Accept": "image/png"})
    assert status == 406 and "application/sparql-results+json" in json.loads(body)["message"]


def test_a_busy_port_fails_in_one_line_before_announcing_anything(seeds_endpoint):
    url, _, _ = seeds_endpoint
    port = urllib.parse.urlsplit(url).port
    result = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--graph", str(SEEDS), "--port", str(port)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1 and "Serving" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot listen on") and str(port) in lines[0]


def test_log_lines_are_cut(seeds_endpoint):
    url, log, _ = seeds_endpoint
    query = "ASK { ?s ?p ?o } # " + "y" * 10_000
    assert http(url, query=query)[0] == 200
    lines = [line for line in log.read_text().splitlines() if "GET /sparql?query=ASK" in line and "yyyy" in line]
    assert lines and all(len(line) < 1_000 for line in lines)
