"""Tests of ontology/shapes.ttl and kg/validate.py.

Every node shape has at least one conforming and one violating example (Brick-style), each a small
Turtle snippet added to a conforming base world, so a violating example must produce exactly the
expected (focus, path) results and nothing else. A final test checks the examples cover every
shape and every property path, so a new shape without examples fails.
"""
from __future__ import annotations

import hashlib

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SH

from kg.graph import build_dataset
from kg.model import Entity, Fact, KnowledgeBase, Review, Source
from kg.validate import ONTOLOGY, SHAPES, ValidationResult, ontology_dir, validate
from kg.vocab import FKG

EX = Namespace("https://w3id.org/filmkg/id/test/")
FKGSH = Namespace("https://w3id.org/filmkg/shapes#")
SHA = hashlib.sha256(b"review").hexdigest()

HEADER = """
@prefix ex:   <https://w3id.org/filmkg/id/test/> .
@prefix fkg:  <https://w3id.org/filmkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""

# A small world that conforms; examples add to it.
BASE = f"""
ex:film a fkg:Film ; rdfs:label "John Wick" ; skos:altLabel "John Wick 1" .
ex:series a fkg:TVSeries ; rdfs:label "The Continental" .
ex:keanu a fkg:Person ; rdfs:label "Keanu Reeves" .
ex:chad a fkg:Person ; rdfs:label "Chad Stahelski" .
ex:wick a fkg:Character ; rdfs:label "John Wick" .
ex:franchise a fkg:Franchise ; rdfs:label "John Wick" .
ex:r1 a fkg:Review ; fkg:reviewId "r1" ; fkg:sourcePath "corpus/r1.txt" ; fkg:sha256 "{SHA}" .
ex:r2 a fkg:Review ; fkg:reviewId "r2" ; fkg:sourcePath "corpus/r2.txt" ; fkg:sha256 "{SHA}" .
ex:ev1 a fkg:Evidence ; fkg:quotedFrom ex:r1 ; fkg:quote "John Wick" ;
    fkg:beginIndex 0 ; fkg:endIndex 9 .
ex:ev2 a fkg:Evidence ; fkg:quotedFrom ex:r2 ; fkg:quote "Wick" ; fkg:beginIndex 5 ; fkg:endIndex 9 .
"""


def fact(cls: str, roles: str, provenance: str = "fkg:supportCount 1 ; fkg:evidence ex:ev1") -> str:
    """A fact node ``ex:fact`` of class ``cls`` with the given roles and (by default) valid provenance."""
    return f"ex:fact a fkg:{cls} ; {roles} ; {provenance} ."


OK = ()  # expected violations of a conforming example
UNTARGETED = {"WorkShape"}  # used through sh:node; its failures are reported by the referring shape

# (shape, example id, Turtle added to BASE, expected violations as (focus, path) local names)
EXAMPLES = [
    ("EntityShape", "ok", 'ex:x a fkg:Person ; rdfs:label "X" ; skos:altLabel "Ex", "Xe" .', OK),
    ("EntityShape", "no-label", "ex:x a fkg:Character .", [("ex:x", "rdfs:label")]),
    ("EntityShape", "two-labels", 'ex:x a fkg:Franchise ; rdfs:label "A", "B" .', [("ex:x", "rdfs:label")]),
    ("EntityShape", "lang-label", 'ex:x a fkg:TVSeries ; rdfs:label "X"@en .', [("ex:x", "rdfs:label")]),
    ("EntityShape", "alias-number", 'ex:x a fkg:Film ; rdfs:label "X" ; skos:altLabel 42 .',
     [("ex:x", "skos:altLabel")]),
    ("WorkShape", "series", fact("DirectingCredit", "fkg:film ex:series ; fkg:person ex:chad"), OK),
    ("WorkShape", "person-as-work", fact("DirectingCredit", "fkg:film ex:keanu ; fkg:person ex:chad"),
     [("ex:fact", "fkg:film")]),
    ("WorkShape", "untyped-work", fact("ReleaseDate", 'fkg:film ex:nowhere ; fkg:value "2014-10-24"^^xsd:date'),
     [("ex:fact", "fkg:film")]),
    ("ReviewShape", "ok",
     f'ex:r a fkg:Review ; fkg:reviewId "r" ; fkg:sourcePath "r.txt" ; fkg:sha256 "{SHA}" ; '
     'fkg:url "https://example.org/r"^^xsd:anyURI ; fkg:datePublished "2019-05-17" .', OK),
    ("ReviewShape", "no-id", f'ex:r a fkg:Review ; fkg:sourcePath "r.txt" ; fkg:sha256 "{SHA}" .',
     [("ex:r", "fkg:reviewId")]),
    ("ReviewShape", "uppercase-sha", f'ex:r a fkg:Review ; fkg:reviewId "r" ; fkg:sourcePath "r.txt" ; '
     f'fkg:sha256 "{SHA.upper()}" .', [("ex:r", "fkg:sha256")]),
    ("ReviewShape", "short-sha", 'ex:r a fkg:Review ; fkg:reviewId "r" ; fkg:sourcePath "r.txt" ; '
     'fkg:sha256 "abc123" .', [("ex:r", "fkg:sha256")]),
    ("ReviewShape", "no-path", f'ex:r a fkg:Review ; fkg:reviewId "r" ; fkg:sha256 "{SHA}" .',
     [("ex:r", "fkg:sourcePath")]),
    ("ReviewShape", "url-string", f'ex:r a fkg:Review ; fkg:reviewId "r" ; fkg:sourcePath "r.txt" ; '
     f'fkg:sha256 "{SHA}" ; fkg:url "https://example.org/r" .', [("ex:r", "fkg:url")]),
    ("ReviewShape", "two-dates", f'ex:r a fkg:Review ; fkg:reviewId "r" ; fkg:sourcePath "r.txt" ; '
     f'fkg:sha256 "{SHA}" ; fkg:datePublished "2019-05-17", "2019-05-18" .', [("ex:r", "fkg:datePublished")]),
    ("DirectingCreditShape", "ok", fact("DirectingCredit", "fkg:film ex:film ; fkg:person ex:chad"), OK),
    ("DirectingCreditShape", "no-person", fact("DirectingCredit", "fkg:film ex:film"),
     [("ex:fact", "fkg:person")]),
    ("DirectingCreditShape", "character-as-person",
     fact("DirectingCredit", "fkg:film ex:film ; fkg:person ex:wick"), [("ex:fact", "fkg:person")]),
    ("DirectingCreditShape", "two-works",
     fact("DirectingCredit", "fkg:film ex:film, ex:series ; fkg:person ex:chad"), [("ex:fact", "fkg:film")]),
    ("CrewCreditShape", "ok", fact("CrewCredit", 'fkg:film ex:film ; fkg:person ex:chad ; fkg:crewRole "writer"'),
     OK),
    ("CrewCreditShape", "no-work", fact("CrewCredit", 'fkg:person ex:chad ; fkg:crewRole "composer"'),
     [("ex:fact", "fkg:film")]),
    ("CrewCreditShape", "franchise-as-person",
     fact("CrewCredit", 'fkg:film ex:film ; fkg:person ex:franchise ; fkg:crewRole "editor"'),
     [("ex:fact", "fkg:person")]),
    ("CrewCreditShape", "unknown-role", fact("CrewCredit", 'fkg:film ex:film ; fkg:person ex:chad ; fkg:crewRole "caterer"'),
     [("ex:fact", "fkg:crewRole")]),
    ("CrewCreditShape", "no-role", fact("CrewCredit", "fkg:film ex:film ; fkg:person ex:chad"),
     [("ex:fact", "fkg:crewRole")]),
    ("CastCreditShape", "ok",
     fact("CastCredit", "fkg:film ex:film ; fkg:person ex:keanu ; fkg:character ex:wick"), OK),
    ("CastCreditShape", "person-only", fact("CastCredit", "fkg:person ex:keanu"), OK),
    ("CastCreditShape", "no-person", fact("CastCredit", "fkg:film ex:film ; fkg:character ex:wick"),
     [("ex:fact", "fkg:person")]),
    ("CastCreditShape", "two-works", fact("CastCredit", "fkg:film ex:film, ex:series ; fkg:person ex:keanu"),
     [("ex:fact", "fkg:film")]),
    ("CastCreditShape", "person-as-character",
     fact("CastCredit", "fkg:person ex:keanu ; fkg:character ex:chad"), [("ex:fact", "fkg:character")]),
    ("FranchiseMembershipShape", "ok",
     fact("FranchiseMembership", "fkg:film ex:series ; fkg:franchise ex:franchise"), OK),
    ("FranchiseMembershipShape", "no-franchise", fact("FranchiseMembership", "fkg:film ex:film"),
     [("ex:fact", "fkg:franchise")]),
    ("FranchiseMembershipShape", "film-as-franchise",
     fact("FranchiseMembership", "fkg:film ex:series ; fkg:franchise ex:film"), [("ex:fact", "fkg:franchise")]),
    ("FranchiseMembershipShape", "no-work", fact("FranchiseMembership", "fkg:franchise ex:franchise"),
     [("ex:fact", "fkg:film")]),
    ("ReviewSubjectShape", "ok", fact("ReviewSubject", "fkg:review ex:r1 ; fkg:film ex:film"), OK),
    ("ReviewSubjectShape", "no-review", fact("ReviewSubject", "fkg:film ex:film"), [("ex:fact", "fkg:review")]),
    ("ReviewSubjectShape", "no-work", fact("ReviewSubject", "fkg:review ex:r1"), [("ex:fact", "fkg:film")]),
    ("ReviewAuthorshipShape", "ok", fact("ReviewAuthorship", "fkg:review ex:r1 ; fkg:person ex:keanu"), OK),
    ("ReviewAuthorshipShape", "no-person", fact("ReviewAuthorship", "fkg:review ex:r1"),
     [("ex:fact", "fkg:person")]),
    ("ReviewAuthorshipShape", "untyped-review", fact("ReviewAuthorship", "fkg:review ex:r9 ; fkg:person ex:keanu"),
     [("ex:fact", "fkg:review")]),
    ("ReviewRatingShape", "ok",
     fact("ReviewRating", 'fkg:review ex:r1 ; fkg:value "3.5"^^xsd:decimal ; fkg:best "5"^^xsd:decimal'), OK),
    ("ReviewRatingShape", "no-best", fact("ReviewRating", 'fkg:review ex:r1 ; fkg:value "2"^^xsd:decimal'), OK),
    ("ReviewRatingShape", "no-review", fact("ReviewRating", 'fkg:value "2"^^xsd:decimal'),
     [("ex:fact", "fkg:review")]),
    ("ReviewRatingShape", "integer-value", fact("ReviewRating", "fkg:review ex:r1 ; fkg:value 4"),
     [("ex:fact", "fkg:value")]),
    ("ReviewRatingShape", "two-bests",
     fact("ReviewRating", 'fkg:review ex:r1 ; fkg:value 4.0 ; fkg:best 5.0, 10.0'), [("ex:fact", "fkg:best")]),
    ("ReleaseDateShape", "ok", fact("ReleaseDate", 'fkg:film ex:film ; fkg:value "2014-10-24"^^xsd:date'), OK),
    ("ReleaseDateShape", "year-only", fact("ReleaseDate", 'fkg:film ex:film ; fkg:value "2014"^^xsd:date'),
     [("ex:fact", "fkg:value")]),
    ("ReleaseDateShape", "string-date", fact("ReleaseDate", 'fkg:film ex:film ; fkg:value "2014-10-24"'),
     [("ex:fact", "fkg:value")]),
    ("ReleaseDateShape", "no-work", fact("ReleaseDate", 'fkg:value "2014-10-24"^^xsd:date'),
     [("ex:fact", "fkg:film")]),
    ("FactShape", "ok", fact("DirectingCredit", "fkg:film ex:film ; fkg:person ex:chad"), OK),
    ("FactShape", "no-evidence",
     fact("ReviewSubject", "fkg:review ex:r1 ; fkg:film ex:film", "fkg:supportCount 1"),
     [("ex:fact", "fkg:evidence"), ("ex:fact", "fkg:supportCount")]),
    ("FactShape", "review-as-evidence",
     fact("CastCredit", "fkg:person ex:keanu", "fkg:supportCount 1 ; fkg:evidence ex:r1"),
     [("ex:fact", "fkg:evidence"), ("ex:fact", "fkg:supportCount")]),
    ("FactShape", "no-support-count",
     fact("FranchiseMembership", "fkg:film ex:film ; fkg:franchise ex:franchise", "fkg:evidence ex:ev1"),
     [("ex:fact", "fkg:supportCount")]),
    ("FactShape", "zero-support",
     fact("ReviewAuthorship", "fkg:review ex:r1 ; fkg:person ex:keanu", "fkg:supportCount 0"),
     [("ex:fact", "fkg:evidence"), ("ex:fact", "fkg:supportCount")]),
    ("SupportCountShape", "two-reviews",
     fact("ReleaseDate", 'fkg:film ex:film ; fkg:value "2014-10-24"^^xsd:date',
          "fkg:supportCount 2 ; fkg:evidence ex:ev1, ex:ev2"), OK),
    ("SupportCountShape", "two-quotes-one-review",
     fact("DirectingCredit", "fkg:film ex:film ; fkg:person ex:chad",
          "fkg:supportCount 1 ; fkg:evidence ex:ev1, ex:ev3") +
     ' ex:ev3 a fkg:Evidence ; fkg:quotedFrom ex:r1 ; fkg:quote "Wick" ; fkg:beginIndex 5 ; fkg:endIndex 9 .',
     OK),
    ("SupportCountShape", "overcounted",
     fact("DirectingCredit", "fkg:film ex:film ; fkg:person ex:chad", "fkg:supportCount 2 ; fkg:evidence ex:ev1"),
     [("ex:fact", "fkg:supportCount")]),
    ("SupportCountShape", "undercounted",
     fact("DirectingCredit", "fkg:film ex:film ; fkg:person ex:chad",
          "fkg:supportCount 1 ; fkg:evidence ex:ev1, ex:ev2"),
     [("ex:fact", "fkg:supportCount")]),
    ("EvidenceShape", "ok", 'ex:ev a fkg:Evidence ; fkg:quotedFrom ex:r2 ; fkg:quote "J" ; '
     'fkg:beginIndex 0 ; fkg:endIndex 1 .', OK),
    ("EvidenceShape", "no-review", 'ex:ev a fkg:Evidence ; fkg:quote "J" ; fkg:beginIndex 0 ; fkg:endIndex 1 .',
     [("ex:ev", "fkg:quotedFrom")]),
    ("EvidenceShape", "film-as-review", 'ex:ev a fkg:Evidence ; fkg:quotedFrom ex:film ; fkg:quote "J" ; '
     'fkg:beginIndex 0 ; fkg:endIndex 1 .', [("ex:ev", "fkg:quotedFrom")]),
    ("EvidenceShape", "empty-quote", 'ex:ev a fkg:Evidence ; fkg:quotedFrom ex:r1 ; fkg:quote "" ; '
     'fkg:beginIndex 0 ; fkg:endIndex 1 .', [("ex:ev", "fkg:quote")]),
    ("EvidenceShape", "negative-begin", 'ex:ev a fkg:Evidence ; fkg:quotedFrom ex:r1 ; fkg:quote "J" ; '
     'fkg:beginIndex -1 ; fkg:endIndex 1 .', [("ex:ev", "fkg:beginIndex")]),
    ("EvidenceShape", "empty-range", 'ex:ev a fkg:Evidence ; fkg:quotedFrom ex:r1 ; fkg:quote "J" ; '
     'fkg:beginIndex 5 ; fkg:endIndex 5 .', [("ex:ev", "fkg:beginIndex")]),
    ("EvidenceShape", "no-end", 'ex:ev a fkg:Evidence ; fkg:quotedFrom ex:r1 ; fkg:quote "J" ; '
     'fkg:beginIndex 0 .', [("ex:ev", "fkg:endIndex")]),
    ("EvidenceShape", "string-end", 'ex:ev a fkg:Evidence ; fkg:quotedFrom ex:r1 ; fkg:quote "J" ; '
     'fkg:beginIndex 0 ; fkg:endIndex "1" .', [("ex:ev", "fkg:endIndex"), ("ex:ev", "fkg:beginIndex")]),
]

PREFIXES = {"ex:": str(EX), "fkg:": str(FKG._NS), "rdfs:": "http://www.w3.org/2000/01/rdf-schema#",
            "skos:": "http://www.w3.org/2004/02/skos/core#"}


def expand(name: str) -> str:
    prefix, local = name.split(":", 1)
    return PREFIXES[prefix + ":"] + local


def check(turtle: str) -> ValidationResult:
    return validate(Graph().parse(data=HEADER + BASE + turtle, format="turtle"))


def test_base_world_conforms():
    assert check("").conforms, str(check(""))


@pytest.mark.parametrize("shape, turtle, expected",
                         [pytest.param(s, t, e, id=f"{s}-{i}") for s, i, t, e in EXAMPLES])
def test_shape_example(shape, turtle, expected):
    result = check(turtle)
    found = {(v.focus, v.path) for v in result.violations}
    assert result.conforms == (not expected), str(result)
    assert found == {(expand(f), expand(p)) for f, p in expected}, str(result)
    if expected and shape not in UNTARGETED:
        assert str(FKGSH[shape]) in {v.shape for v in result.violations}, str(result)
    assert all(v.message and v.severity == "Violation" for v in result.violations)


def test_every_shape_and_path_has_examples():
    shapes = Graph().parse(ontology_dir() / SHAPES)
    examples = {(s, ok) for s, _, _, e in EXAMPLES for ok in [not e]}
    covered_paths = {(s, expand(p)) for s, _, _, e in EXAMPLES for _, p in e}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        name = str(shape).removeprefix(str(FKGSH))
        assert (name, True) in examples, f"{name} has no conforming example"
        assert (name, False) in examples, f"{name} has no violating example"
        for prop in shapes.objects(shape, SH.property):
            path = str(shapes.value(prop, SH.path))
            assert (name, path) in covered_paths, f"{name} has no violating example on {path}"


def small_kb() -> KnowledgeBase:
    """A hand-made knowledge base with entities of every type and facts of all seven kinds."""
    text = "John Wick, directed by Chad Stahelski, stars Keanu Reeves as John Wick. 4/5"
    sha = hashlib.sha256(text.encode()).hexdigest()
    reviews = (Review("r1", text, "corpus/r1.txt", sha, url="https://example.org/r1", date="2019-05-17"),
               Review("r2", text, "corpus/r2.txt", sha))
    entities = (Entity("film", "John Wick", ("John Wick", "the first John Wick")),
                Entity("series", "The Continental"), Entity("franchise", "John Wick"),
                Entity("person", "Chad Stahelski", ("Stahelski",)), Entity("person", "Keanu Reeves"),
                Entity("person", "Kat Hughes"), Entity("character", "John Wick"))
    film, director, cast = Source("r1", 0, 9, "John Wick"), Source("r1", 23, 37, "Chad Stahelski"), \
        Source("r1", 45, 57, "Keanu Reeves")
    facts = (
        Fact("director", (director, Source("r2", 23, 37, "Chad Stahelski")), film="John Wick",
             person="Chad Stahelski"),
        Fact("cast", (cast,), film="John Wick", person="Keanu Reeves", character="John Wick"),
        Fact("cast", (cast,), person="Keanu Reeves"),
        Fact("in_franchise", (film,), film="The Continental", franchise="John Wick"),
        Fact("review_of", (film,), review="r1", film="John Wick"),
        Fact("review_author", (film,), review="r1", person="Kat Hughes"),
        Fact("review_rating", (Source("r1", 72, 75, "4/5"),), review="r1", value=4, best=5),
        Fact("review_rating", (Source("r2", 72, 73, "4"),), review="r2", value="3.5"),
        Fact("release_date", (film,), film="John Wick", value="2014-10-24"),
    )
    return KnowledgeBase(reviews, entities, facts)


def test_built_dataset_conforms(tmp_path):
    dataset = build_dataset(small_kb())
    result = validate(dataset)
    assert result.conforms, str(result)
    assert str(result) == "conforms"
    dataset.serialize(tmp_path / "graph.trig", format="trig")
    dataset.serialize(tmp_path / "graph.nq", format="nquads")
    assert validate(tmp_path).conforms
    assert validate(tmp_path / "graph.nq").conforms


def test_default_graph_alone_lacks_evidence():
    """The evidence lives in the review graphs, so only the union conforms."""
    result = validate(build_dataset(small_kb()).default_graph)
    assert not result.conforms
    assert {v.path for v in result.violations} == {str(FKG.evidence), str(FKG.supportCount)}
    assert len(str(result).splitlines()) == len(result.violations)


def test_bad_targets(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        validate(tmp_path / "missing.trig")
    with pytest.raises(ValueError, match="graph.trig"):
        validate(tmp_path)  # a folder without graph.trig
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(ValueError, match="cannot parse .*bad.ttl"):
        validate(bad)


def test_ontology_files_are_found():
    assert (ontology_dir() / SHAPES).is_file() and (ontology_dir() / ONTOLOGY).is_file()
