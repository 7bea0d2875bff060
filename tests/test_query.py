"""kg.query: name resolution, the helpers, their ordering and citations, loading and SPARQL bindings."""
from __future__ import annotations

import ast
import sys
import types
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import kg
from kg.graph import build_dataset
from kg.query import Answer, Answers, KnowledgeGraph, name_key, query_text
from kg.vocab import entity_iri

from fixtures_kb import PARABELLUM, R1, R2, REVIEWS, knowledge_base, write_graph

HELPER_QUERIES = ("names", "cast", "directors", "filmography", "played_by", "franchise_films", "films",
                  "franchises", "reviews", "film_reviews", "claims")


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_knowledge_base(knowledge_base())


def rows(answers, *fields):
    return [tuple(getattr(a, f) for f in fields) for a in answers]


# --- names ------------------------------------------------------------------------------------


def test_name_key_ignores_case_quotes_dashes_and_leading_the():
    assert name_key("The Director") == name_key("director")
    assert name_key("John Wick: Chapter 3 \u2013 Parabellum") == name_key("john wick chapter 3 - parabellum")
    assert name_key("\u2018Ballerina\u2019") == "ballerina"
    assert name_key("The") == "the"  # a lone "the" is kept, not emptied


@pytest.mark.parametrize("name, type, expected", [
    ("Ana de Armas", "person", "Ana de Armas"),        # exact label
    ("de Armas", "person", "Ana de Armas"),            # alias
    ("ANA DE ARMAS", "person", "Ana de Armas"),        # case
    ("Reddick", "person", "Lance Reddick"),            # last name, no alias in the graph
    ("parabellum", "film", PARABELLUM),                # unique substring
    ("John Wick: Chapter 3 - Parabellum", "film", PARABELLUM),  # hyphen for en dash
    ("\u2018Ballerina\u2019", "film", "Ballerina"),    # curly quotes
    ("the director", "character", "The Director"),
    ("Continental", "film", "The Continental"),        # a series counts as a film
    ("John Wick", "film", "John Wick"),                # exact label beats substring matches
    ("World of John Wick", "franchise", "John Wick"),
    ("000", "review", R1),                             # review id prefix
])
def test_resolve(graph, name, type, expected):
    assert graph.resolve(name, type).match.name == expected


def test_resolve_without_type_keeps_every_entity_of_that_name(graph):
    resolution = graph.resolve("John Wick")
    assert sorted(m.type for m in resolution.matches) == ["character", "film", "franchise"]
    assert resolution.match is None and not resolution


def test_ambiguous_name_is_not_guessed(graph):
    resolution = graph.resolve("Wick", "film")
    assert resolution.match is None
    assert "could be several films" in resolution.message and PARABELLUM in resolution.message


def test_unknown_name_gives_suggestions(graph):
    resolution = graph.resolve("Keanu Reves", "person")
    assert resolution.matches == ()
    assert resolution.suggestions[0] == "Keanu Reeves"
    assert resolution.message == 'No person called "Keanu Reves" in this graph. Did you mean: Keanu Reeves?'


def test_type_is_respected(graph):
    assert not graph.resolve("Keanu Reeves", "film")
    assert graph.resolve("Eve", "character").match.iri == entity_iri("character", "Eve")


# --- helpers ----------------------------------------------------------------------------------


def test_cast_sorted_by_support_then_name_with_and_without_character(graph):
    answers = graph.cast("ballerina")
    assert answers.name == "Ballerina" and answers.found
    assert rows(answers, "person", "character", "support") == [
        ("Ana de Armas", "Eve", 2),
        ("Ana de Armas", None, 1),
        ("Anjelica Huston", "The Director", 1),
        ("Ian McShane", "Winston", 1),
        ("Keanu Reeves", "John Wick", 1),
        ("Lance Reddick", "Charon", 1),
    ]
    assert {a.film for a in answers} == {"Ballerina"}


def test_sources_are_exact_quotes_with_offsets(graph):
    eve = graph.cast("Ballerina")[0]
    assert eve.reviews == (R1, R2)
    for source in eve.sources:
        assert REVIEWS[source.review][source.start:source.end] == source.quote
    assert [s.quote for s in eve.sources] == ["Ana de Armas as Eve in Ballerina", "Eve (de Armas)"]


def test_directors(graph):
    assert rows(graph.directors("Ballerina"), "person", "role", "support") == [("Len Wiseman", "director", 2)]
    assert rows(graph.directors("parabellum"), "person") == [("Chad Stahelski",)]
    assert list(graph.directors("The Continental")) == []


def test_crew_with_roles(graph):
    assert rows(graph.crew("Ballerina"), "crew_role", "person", "role", "reviews") == [
        ("composer", "Tyler Bates", "crew", (R2,)), ("writer", "Shay Hatten", "crew", (R2,))]
    assert list(graph.crew("The Continental")) == []
    assert rows(graph.filmography("Hatten"), "film", "role", "crew_role") == [("Ballerina", "crew", "writer")]


def test_filmography_lists_acting_and_directing(graph):
    assert rows(graph.filmography("Keanu"), "film", "role", "character") == [
        ("Ballerina", "cast", "John Wick"), (PARABELLUM, "cast", "John Wick")]
    assert rows(graph.filmography("Stahelski"), "film", "role") == [
        ("John Wick", "director"), (PARABELLUM, "director")]


def test_played_by_includes_facts_without_a_film(graph):
    assert rows(graph.played_by("Charon"), "person", "film", "reviews") == [
        ("Lance Reddick", "Ballerina", (R1,)), ("Lance Reddick", None, (R2,))]
    assert rows(graph.played_by("Baba Yaga"), "person", "film") == [
        ("Keanu Reeves", "Ballerina"), ("Keanu Reeves", PARABELLUM)]


def test_films_of_a_franchise_and_all_films(graph):
    assert rows(graph.films(franchise="John Wick"), "film", "support") == [
        ("Ballerina", 2), (PARABELLUM, 1), ("The Continental", 1)]
    everything = graph.films()
    assert rows(everything, "film", "franchise") == [
        ("Ballerina", "John Wick"), (PARABELLUM, "John Wick"), ("The Continental", "John Wick"), ("John Wick", None)]
    assert everything[-1].sources == ()


def test_franchises_count_films_and_cite_memberships(graph):
    (answer,) = graph.franchises()
    assert (answer.franchise, answer.value, answer.reviews) == ("John Wick", 3, (R1, R2))


def test_reviews(graph):
    assert rows(graph.reviews(), "review", "film", "value") == [
        (R1, "Ballerina", "https://example.org/" + R1), (R2, "Ballerina", None)]
    assert rows(graph.reviews(film="Ballerina"), "review") == [(R1,), (R2,)]
    assert not graph.reviews(film="Balerina").found


def test_claims_of_one_review_about_one_name(graph):
    answers = graph.claims("001", about="John Wick")
    assert rows(answers, "role", "person", "character", "franchise") == [
        ("cast", "Keanu Reeves", "John Wick", None), ("in_franchise", None, None, "John Wick")]
    assert all(s.review == R2 for a in answers for s in a.sources)
    everything = graph.claims(R1)
    assert ("review_author", "Kat Hughes") in rows(everything, "role", "person")
    assert not graph.claims("999").found


def test_supporting_gives_one_answer_per_review(graph):
    answers = graph.supporting("cast", "de Armas", character="Eve")
    assert rows(answers, "review", "person", "character") == [(R1, "Ana de Armas", "Eve"), (R2, "Ana de Armas", "Eve")]
    assert [s.quote for s in answers[1].sources] == ["Eve (de Armas)"]
    assert rows(graph.supporting("director", "Wiseman", film="Ballerina"), "review") == [(R1,), (R2,)]
    assert list(graph.supporting("cast", "Ana de Armas", character="Winston")) == []


def test_unknown_name_gives_empty_answers_with_suggestions(graph):
    answers = graph.cast("Balerina")
    assert len(answers) == 0 and list(answers) == [] and not answers
    assert not answers.found
    assert answers.query_name == "Balerina" and answers.suggestions == ("Ballerina",)
    assert "Did you mean: Ballerina?" in answers.message


def test_answers_behave_like_a_list():
    answers = Answers((Answer(person="A"), Answer(person="B")), query_name="x", name="X")
    assert len(answers) == 2 and answers[1].person == "B" and [a.person for a in answers] == ["A", "B"]
    assert Answer(person="A") in answers and answers.found


# --- SPARQL -----------------------------------------------------------------------------------


def test_every_helper_query_is_a_file_and_query_py_pastes_no_sparql():
    for name in HELPER_QUERIES:
        assert "SELECT" in query_text(name)
    tree = ast.parse((Path(kg.__file__).parent / "query.py").read_text())
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node)}
    strings = [node.value for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]
    assert strings and not [s for s in strings if "SELECT" in s or "WHERE" in s]


def test_sparql_binds_plain_values_as_literals_and_urirefs_as_iris(graph):
    query = "SELECT ?s ?name WHERE { ?s rdfs:label ?name }"
    assert [row.s for row in graph.sparql(query, name="Eve")] == [entity_iri("character", "Eve")]
    iri = str(entity_iri("film", "Ballerina"))
    label_of = "SELECT ?s ?name WHERE { ?s rdfs:label ?name }"
    assert [str(r.name) for r in graph.sparql(label_of, s=URIRef(iri))] == ["Ballerina"]
    assert list(graph.sparql(label_of, s=iri)) == []  # a str is a literal, never an IRI
    assert list(graph.sparql(query, name='Eve" } ?s ?p ?o {')) == []  # values are never pasted


def test_sparql_counts_with_typed_literals(graph):
    query = "SELECT ?fact ?n WHERE { ?fact fkg:supportCount ?n }"
    assert len(list(graph.sparql(query, n=2))) == 3
    assert len(list(graph.sparql(query, n=Literal(2)))) == 3


def test_sparql_binding_a_variable_not_selected_is_a_clear_error(graph):
    with pytest.raises(ValueError, match="SPARQL query failed"):
        graph.sparql("SELECT ?s WHERE { ?s rdfs:label ?name }", name="Eve")


# --- loading ----------------------------------------------------------------------------------


def test_load_a_built_folder_and_an_nquads_file(tmp_path):
    folder = write_graph(tmp_path)
    loaded = kg.load(folder)
    assert isinstance(loaded, kg.KnowledgeGraph)
    assert rows(loaded.directors("Ballerina"), "person", "support") == [("Len Wiseman", 2)]
    nquads = tmp_path / "graph.nq"
    build_dataset(knowledge_base()).serialize(destination=str(nquads), format="nquads")
    assert rows(kg.load(nquads).played_by("Charon"), "person") == [("Lance Reddick",), ("Lance Reddick",)]
    with pytest.raises(FileNotFoundError):
        kg.load(tmp_path / "missing")


def answers_of(graph) -> list:
    return [rows(graph.cast("Ballerina"), "person", "character", "support"),
            rows(graph.played_by("Charon"), "person", "film"), [a.sources for a in graph.directors("Ballerina")]]


def test_a_built_folder_opens_its_store_with_the_same_answers_as_its_trig(tmp_path):
    from kg.exports import write_exports

    folder = tmp_path / "exports"
    write_exports(knowledge_base(), folder)
    from_trig = answers_of(kg.load(folder / "graph.trig"))
    (folder / "graph.trig").rename(tmp_path / "graph.trig")  # only the store is left to answer from
    assert answers_of(kg.load(folder)) == from_trig and from_trig[0]


def test_a_built_folder_resolves_names_from_its_saved_index(tmp_path):
    from kg.exports import write_exports
    from kg.lookup import SQLiteIndex, write_index

    folder = tmp_path / "exports"
    write_exports(knowledge_base(), folder)
    saved = SQLiteIndex(folder / "names.sqlite").rows()
    assert saved == [(n.key, n.is_label, n.match.iri, n.match.type, n.match.name)
                     for n in kg.load(folder / "graph.trig")._names]
    renamed = [(k.replace("ballerina", "prima"), *rest) for k, *rest in saved]
    write_index(renamed, folder / "names.sqlite")
    assert kg.load(folder).resolve("Prima", "film").match.name == "Ballerina"  # the index is what it read
    (folder / "names.sqlite").write_text("[[broken", encoding="utf-8")
    with pytest.warns(UserWarning, match="names.sqlite: the name index cannot be read"):
        assert kg.load(folder).resolve("Ballerina", "film").match.name == "Ballerina"  # rebuilt from the graph


def test_a_damaged_store_falls_back_to_the_trig_beside_it(tmp_path):
    from kg.exports import write_exports

    folder = tmp_path / "exports"
    write_exports(knowledge_base(), folder)
    (folder / "store" / "CURRENT").write_text("junk")
    with pytest.warns(UserWarning, match="store cannot be opened"):
        graph = kg.load(folder)
    assert answers_of(graph) == answers_of(kg.load(folder / "graph.trig"))


def test_build_runs_the_pipeline_with_the_options(monkeypatch):
    calls = []

    def build_knowledge_base(paths, **options):
        calls.append((paths, options))
        return knowledge_base()

    monkeypatch.setitem(sys.modules, "kg.pipeline", types.SimpleNamespace(build_knowledge_base=build_knowledge_base))
    built = kg.build(["corpus"], workers=2)
    assert calls == [(["corpus"], {"workers": 2})]
    assert built.cast("Ballerina")[0].person == "Ana de Armas"


def test_to_networkx_delegates_to_exports(graph, monkeypatch):
    seen = []
    fake = types.SimpleNamespace(to_networkx=lambda dataset: seen.append(dataset) or "nx-graph")
    monkeypatch.setitem(sys.modules, "kg.exports", fake)
    assert graph.to_networkx() == "nx-graph" and seen == [graph.dataset]


def test_package_exports_and_version():
    assert kg.__version__ and {"load", "build", "KnowledgeGraph"} <= set(kg.__all__)
    with pytest.raises(AttributeError):
        kg.no_such_thing  # noqa: B018
