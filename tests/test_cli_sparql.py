"""`kg sparql`: bound values, query files, output formats, and one-line errors for hostile input."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.serve import EXAMPLES_DIR

import sparql_fixture

CAST = str(EXAMPLES_DIR / "cast_with_sources.rq")


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return str(sparql_fixture.write_fixture(tmp_path_factory.mktemp("graph")))


def kg(*args: str):
    return CliRunner().invoke(cli, list(args))


def assert_one_line_error(result, *words: str):
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]


def test_query_with_bind_prints_a_table(graph):
    result = kg("sparql", "--graph", graph,
                "SELECT ?person WHERE { ?p a fkg:Person ; rdfs:label ?name . BIND(?p AS ?person) } ",
                "--bind", "name=Ana de Armas")
    # ?name is bound but not projected: Oxigraph refuses, and says why in one line.
    assert_one_line_error(result, "?name", "SELECT")
    result = kg("sparql", "--graph", graph, "SELECT ?name ?p WHERE { ?p a fkg:Person ; rdfs:label ?name }",
                "--bind", "name=Ana de Armas")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["name", "p"]
    assert lines[2].split() == ["Ana", "de", "Armas", "id:person/ana-de-armas"]
    assert lines[-1] == "(1 row)"


def test_file_with_bind_as_csv(graph):
    result = kg("sparql", "--graph", graph, "--file", CAST, "--bind", "filmLabel=Ballerina", "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["actor"], r["character"], r["support"]) for r in table] == [
        ("Ana de Armas", "Eve Macarro", "2"), ("Ana de Armas", "Eve Macarro", "2"),
        ("Ian McShane", "Winston", "1"), ("Keanu Reeves", "John Wick", "1")]
    assert table[0]["review"] == "https://w3id.org/filmkg/id/review/r-ballerina-1"


def test_file_as_json_with_an_iri_binding(graph):
    result = kg("sparql", "--graph", graph, "--format", "json", "--file", str(EXAMPLES_DIR / "review_claims.rq"),
                "--bind", "review=<https://w3id.org/filmkg/id/review/r-ballerina-2>")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["head"]["vars"] == ["review", "kind", "person", "character", "film", "franchise", "value",
                                      "quote"]
    claims = {(b["kind"]["value"], b.get("person", {}).get("value"), b.get("character", {}).get("value"))
              for b in answer["results"]["bindings"]}
    assert ("CastCredit", "Ian McShane", "Winston") in claims
    assert not any("Keanu Reeves" in c for c in claims)
    # The same review with the id: prefix.
    again = kg("sparql", "--graph", graph, "--format", "json", "--file", str(EXAMPLES_DIR / "review_claims.rq"),
               "--bind", "review=id:review/r-ballerina-2")
    assert json.loads(again.output) == answer


def test_ask_and_construct(graph):
    assert kg("sparql", "--graph", graph, "ASK { ?f fkg:director ?p }").output.strip() == "true"
    result = kg("sparql", "--graph", graph, "--format", "csv",
                "CONSTRUCT WHERE { ?f fkg:director <https://w3id.org/filmkg/id/person/len-wiseman> }")
    assert result.output.splitlines() == [
        "subject,predicate,object",
        "https://w3id.org/filmkg/id/film/ballerina,https://w3id.org/filmkg/ontology#director,"
        "https://w3id.org/filmkg/id/person/len-wiseman"]


def test_a_bound_value_is_never_pasted_into_the_query(graph):
    hostile = 'Ballerina" } } ; DROP ALL ; SELECT * { ?s ?p ?o } #'
    result = kg("sparql", "--graph", graph, "--file", CAST, "--bind", f"filmLabel={hostile}", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"]["bindings"] == []


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "PREFIX ex: <http://example.org/>  # comment\nDELETE WHERE { ?s ?p ?o }",
    "drop all",
    "LOAD <http://example.org/data.ttl>",
])
def test_an_update_is_refused_in_one_line(graph, update):
    assert_one_line_error(kg("sparql", "--graph", graph, update), "read-only")
    # ... and changed nothing.
    assert kg("sparql", "--graph", graph, "ASK { <http://example.org/a> ?p ?o }").output.strip() == "false"


def test_a_syntax_error_is_one_line(graph):
    assert_one_line_error(kg("sparql", "--graph", graph, "SELECT ?x WHERE {\n ?x ?y \n}"), "syntax error")
    assert_one_line_error(kg("sparql", "--graph", graph, "SELECT ?x WHERE { ?x nope:p ?y }"), "syntax error")


def test_usage_errors_are_one_line(graph, tmp_path):
    assert_one_line_error(kg("sparql", "--graph", graph), "--file")
    assert_one_line_error(kg("sparql", "--graph", graph, "ASK {}", "--file", CAST), "--file")
    assert_one_line_error(kg("sparql", "--graph", graph, "ASK {}", "--bind", "no-equals-sign"), "name=value")
    assert_one_line_error(kg("sparql", "--graph", graph, "--file", str(tmp_path / "missing.rq")), "missing.rq")
    assert_one_line_error(kg("sparql", "--graph", str(tmp_path / "nowhere"), "ASK {}"), "kg build")
