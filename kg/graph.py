"""Graph building: a :class:`~kg.model.KnowledgeBase` becomes an RDF dataset.

Layout (see the README's data model):

* the default graph holds the entities (type, ``rdfs:label``, ``skos:altLabel``), the reviews
  (id, path, url, sha256), every fact as a node with its roles and ``fkg:supportCount``, and the
  plain triple each fact stands for (``film fkg:director person``);
* one named graph per review, named by the review's IRI, holds what that review claims: the plain
  triples it supports, ``fact fkg:evidence ev`` links and the evidence nodes (exact quote and
  NIF-style character offsets into the review text).

So "which reviews support this triple?" is ``GRAPH ?review { s p o }`` and "what does review R
claim?" is ``GRAPH <R> { ?s ?p ?o }``.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .model import Fact, KnowledgeBase
from .vocab import (ENTITY_CLASS, FACT_CLASS, FKG, PREFIXES, entity_iri, evidence_iri, fact_iri,
                    review_iri)

ROLE_TYPES = {"film": "film", "person": "person", "character": "character", "franchise": "franchise"}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def build_dataset(kb: KnowledgeBase) -> Dataset:
    """Builds the RDF dataset of a knowledge base (default graph plus one graph per review)."""
    dataset = bind_prefixes(Dataset())
    default = dataset.default_graph
    work_type = {e.name: e.type for e in kb.entities if e.type in ("film", "series")}

    def node(role: str, name: str) -> URIRef:
        entity_type = work_type.get(name, "film") if role == "film" else ROLE_TYPES[role]
        return entity_iri(entity_type, name)

    for entity in kb.entities:
        subject = entity_iri(entity.type, entity.name)
        default.add((subject, RDF.type, ENTITY_CLASS[entity.type]))
        default.add((subject, RDFS.label, Literal(entity.name)))
        for alias in entity.aliases:
            if alias != entity.name:
                default.add((subject, SKOS.altLabel, Literal(alias)))

    for review in kb.reviews:
        subject = review_iri(review.id)
        default.add((subject, RDF.type, FKG.Review))
        default.add((subject, FKG.reviewId, Literal(review.id)))
        default.add((subject, FKG.sourcePath, Literal(review.path)))
        default.add((subject, FKG.sha256, Literal(review.sha256)))
        if review.url:
            default.add((subject, FKG.url, Literal(review.url, datatype=XSD.anyURI)))
        if review.date:
            default.add((subject, FKG.datePublished, Literal(review.date)))

    for fact in kb.facts:
        add_fact(dataset, fact, node)
    return dataset


def decimal(value) -> Literal:
    """An ``xsd:decimal`` literal (rdflib keeps a Python int as int, which SHACL rejects)."""
    return Literal(Decimal(str(value)), datatype=XSD.decimal)


def plain_triples(fact: Fact, node) -> list[tuple]:
    """The simple triples a fact stands for, next to its reified node."""
    kind = fact.kind
    if kind == "director":
        return [(node("film", fact.film), FKG.director, node("person", fact.person))]
    if kind == "cast":
        person = node("person", fact.person)
        triples = []
        if fact.film:
            triples.append((node("film", fact.film), FKG.castMember, person))
        if fact.character:
            character = node("character", fact.character)
            triples.append((character, FKG.playedBy, person))
            if fact.film:
                triples.append((character, FKG.appearsIn, node("film", fact.film)))
        return triples
    if kind == "in_franchise":
        return [(node("film", fact.film), FKG.partOfFranchise, node("franchise", fact.franchise))]
    if kind == "review_of":
        return [(review_iri(fact.review), FKG.reviewOf, node("film", fact.film))]
    if kind == "review_author":
        return [(review_iri(fact.review), FKG.author, node("person", fact.person))]
    if kind == "review_rating":
        triples = [(review_iri(fact.review), FKG.ratingValue, decimal(fact.value))]
        if fact.best is not None:
            triples.append((review_iri(fact.review), FKG.bestRating, decimal(fact.best)))
        return triples
    if kind == "release_date":
        return [(node("film", fact.film), FKG.releaseDate, Literal(fact.value, datatype=XSD.date))]
    raise ValueError(f"unknown fact kind {kind!r}")


def add_fact(dataset: Dataset, fact: Fact, node) -> URIRef:
    default = dataset.default_graph
    subject = fact_iri(fact.kind, fact.key)
    default.add((subject, RDF.type, FACT_CLASS[fact.kind]))
    for role in ("film", "person", "character", "franchise"):
        name = getattr(fact, role)
        if name is not None:
            default.add((subject, FKG[role], node(role, name)))
    if fact.review is not None:
        default.add((subject, FKG.review, review_iri(fact.review)))
    if fact.kind == "review_rating":
        default.add((subject, FKG.value, decimal(fact.value)))
        if fact.best is not None:
            default.add((subject, FKG.best, decimal(fact.best)))
    elif fact.kind == "release_date":
        default.add((subject, FKG.value, Literal(fact.value, datatype=XSD.date)))
    default.add((subject, FKG.supportCount, Literal(len(fact.reviews))))
    for rule in fact.rules:
        default.add((subject, FKG.extractedBy, Literal(rule)))
    triples = plain_triples(fact, node)
    for triple in triples:
        default.add(triple)
    for source in fact.sources:
        claims = dataset.graph(review_iri(source.review))
        evidence = evidence_iri(source.review, source.start, source.end)
        for triple in triples:
            claims.add(triple)
        claims.add((subject, FKG.evidence, evidence))
        claims.add((evidence, RDF.type, FKG.Evidence))
        claims.add((evidence, FKG.quotedFrom, review_iri(source.review)))
        claims.add((evidence, FKG.quote, Literal(source.quote)))
        claims.add((evidence, FKG.beginIndex, Literal(source.start)))
        claims.add((evidence, FKG.endIndex, Literal(source.end)))
    return subject
