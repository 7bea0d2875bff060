"""The graph on a shared SPARQL server: kg push into a live `oxigraph serve`, kg.connect and --endpoint."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.remote import push
from kg.store import inline_values

from conftest import CORPUS

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
EXTRA = ("'Harbour Lights' review: a quiet sequel\nBy Tom Ferris\n\n"
         "Harbour Lights is directed by Mina Okafor. Dev Patel plays Arun, a ferryman.\nRating: 4/5\n")


@pytest.fixture
def server(tmp_path):
    """A fresh `oxigraph serve` (in memory, default graph = union of graphs) on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([OXIGRAPH, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("oxigraph serve did not start")
    yield base
    process.kill()
    process.wait()


def build(corpus, out) -> None:
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output


def every_answer(graph) -> list:
    review = sorted(a.review for a in graph.reviews())[0]
    answers = [graph.cast("Ballerina"), graph.directors("Ballerina"), graph.crew("Ballerina"),
               graph.filmography("Keanu Reeves"), graph.played_by("Charon"), graph.films(),
               graph.films(franchise="John Wick"), graph.franchises(), graph.reviews(), graph.reviews(film="Ballerina"),
               graph.claims(review), graph.claims(review, about="Ana de Armas"),
               graph.supporting("cast", "Ana de Armas", character="Eve"), graph.cast("Balerina")]
    return answers + [str(graph.ask(q)) for q in ("who plays Charon?", "who directed Ballerina?")]


def test_every_helper_answers_the_same_through_kg_connect(server, built):
    report = push(built, server + "/store")
    assert report.sent == 1 + len(kg.load(built).reviews()) and report.deleted == 0
    remote, local = kg.connect(server + "/query"), kg.load(built)
    assert every_answer(remote) == every_answer(local)
    assert len(remote.cast("Ballerina")) > 3
    query = "SELECT ?film ?name WHERE { ?film rdfs:label ?name }"
    assert [tuple(map(str, r)) for r in remote.sparql(query, name="Ballerina")] == \
        [tuple(map(str, r)) for r in local.sparql(query, name="Ballerina")]


def test_pushing_again_sends_only_what_an_incremental_build_changed(server, tmp_path, corpus_copy):
    out = tmp_path / "out"
    build(corpus_copy, out)
    assert push(out, server + "/store").sent == 3
    assert push(out, server + "/store").sent == 0
    (corpus_copy / "harbour.txt").write_text(EXTRA, encoding="utf-8")
    build(corpus_copy, out)
    assert push(out, server + "/store") == type(push(out, server + "/store"))(2, 2, 0)  # default graph + the new review
    remote = kg.connect(server + "/query")
    assert [a.person for a in remote.cast("Harbour Lights")] == ["Dev Patel"]
    (corpus_copy / "harbour.txt").unlink()
    build(corpus_copy, out)
    report = push(out, server + "/store")
    assert (report.sent, report.deleted) == (1, 1)
    remote = kg.connect(server + "/query")  # a connection reads the names once
    assert not remote.cast("Harbour Lights").found
    assert every_answer(remote) == every_answer(kg.load(out))


def test_the_cli_pushes_and_answers_with_endpoint_as_with_graph(server, built):
    runner = CliRunner()
    pushed = runner.invoke(cli, ["push", server + "/store", "--graph", str(built)])
    assert pushed.exit_code == 0 and pushed.output.startswith("Pushed 3 graphs"), pushed.output
    for command in (["cast", "Ballerina"], ["played-by", "Charon", "--format", "json"], ["ask", "who plays Charon?"],
                    ["sparql", "SELECT ?n WHERE { ?f a fkg:Film ; rdfs:label ?n } ORDER BY ?n"]):
        local = runner.invoke(cli, [*command, "--graph", str(built)])
        remote = runner.invoke(cli, [*command, "--endpoint", server + "/query"])
        assert remote.exit_code == local.exit_code == 0 and remote.output == local.output, command


def test_an_unreachable_endpoint_is_one_line(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for command in (["cast", "Ballerina", "--endpoint", f"http://127.0.0.1:{port}/query"],
                    ["push", f"http://127.0.0.1:{port}/store", "--graph", str(CORPUS.parent / "exports")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1 and "cannot reach the server" in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1


def test_a_bound_value_cannot_change_the_query():
    hostile = 'x" } ?s ?p ?o . { "'
    text = inline_values("SELECT ?s WHERE { ?s rdfs:label ?name }", {"name": hostile})
    assert text == 'SELECT ?s WHERE { VALUES (?name) { ("x\\" } ?s ?p ?o . { \\"") } ?s rdfs:label ?name }'
    commented = "# where {\nSELECT ?s WHERE { ?s ?p ?o }"
    assert inline_values(commented, {"o": 2}).endswith('WHERE { VALUES (?o) { ("2"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?s ?p ?o }')


def test_a_hostile_value_finds_nothing_on_a_live_server(server, built):
    push(built, server + "/store")
    remote = kg.connect(server + "/query")
    assert not remote.cast('Ballerina" } ?s ?p ?o {').found
    assert list(remote.sparql("SELECT ?f ?name WHERE { ?f rdfs:label ?name }", name='x" } ?f ?p ?name {')) == []


@pytest.mark.parametrize("command", [["push", "http://127.0.0.1:1/store"], ["serve"]])
def test_commands_that_need_a_local_graph_take_no_endpoint(command):
    result = CliRunner().invoke(cli, [*command, "--endpoint", "http://127.0.0.1:1/query"])
    assert result.exit_code == 2 and "No such option '--endpoint'" in result.output
