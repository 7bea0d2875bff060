"""Tests that ontology/filmkg.ttl and kg.vocab.FKG describe the same, fully documented vocabulary."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.validate import ONTOLOGY, ontology_dir
from kg.vocab import FKG

ONTOLOGY_IRI = URIRef("https://w3id.org/filmkg/ontology")
TERMS = [FKG[name] for name in FKG.__annotations__]
TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
ALIGNMENTS = (RDFS.subClassOf, OWL.equivalentClass, SKOS.closeMatch)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_dir() / ONTOLOGY, format="turtle")


def english(graph: Graph, term: URIRef, predicate: URIRef) -> list[str]:
    return [str(o) for o in graph.objects(term, predicate)
            if isinstance(o, Literal) and o.language == "en" and str(o).strip()]


def test_ontology_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    for predicate in ("title", "description"):
        assert onto.value(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/" + predicate)) is not None


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.split("#")[-1])
def test_term_is_declared_and_documented(onto, term):
    types = set(onto.objects(term, RDF.type)) & TYPES
    assert len(types) == 1, f"{term} needs exactly one of owl:Class/ObjectProperty/DatatypeProperty"
    assert len(english(onto, term, RDFS.label)) == 1, f"{term} needs one English rdfs:label"
    assert english(onto, term, RDFS.comment), f"{term} needs an English rdfs:comment"


@pytest.mark.parametrize("term", [t for t in TERMS if t.split("#")[-1][0].isupper()],
                         ids=lambda t: t.split("#")[-1])
def test_class_has_superclass_or_alignment(onto, term):
    assert (term, RDF.type, OWL.Class) in onto
    assert any(onto.objects(term, p) for p in ALIGNMENTS), f"{term} is neither subclassed nor aligned"


def test_property_domains_and_ranges_are_classes_or_datatypes(onto):
    for prop in onto.subjects(RDF.type, OWL.ObjectProperty):
        if prop in TERMS:
            for target in (*onto.objects(prop, RDFS.domain), *onto.objects(prop, RDFS.range)):
                assert target in TERMS, f"{prop}: {target} is not a filmkg class"
    for prop in onto.subjects(RDF.type, OWL.DatatypeProperty):
        for target in onto.objects(prop, RDFS.range):
            assert target == RDFS.Literal or str(target).startswith(str(XSD)), f"{prop}: range {target}"


def test_no_term_beyond_vocab(onto):
    namespace = str(FKG._NS)
    declared = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(namespace)}
    mentioned = {o for o in onto.objects() if isinstance(o, URIRef) and str(o).startswith(namespace)}
    assert declared | mentioned <= set(TERMS), sorted(declared | mentioned - set(TERMS))


def test_hierarchy(onto):
    for fact in ("DirectingCredit", "CastCredit", "FranchiseMembership", "ReviewSubject",
                 "ReviewAuthorship", "ReviewRating", "ReleaseDate"):
        assert (FKG[fact], RDFS.subClassOf, FKG.Fact) in onto
    for work in ("Film", "TVSeries"):
        assert (FKG[work], RDFS.subClassOf, FKG.Work) in onto
