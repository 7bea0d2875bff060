"""Graph building: a :class:`~kg.model.KnowledgeBase` becomes an RDF dataset.

Layout (see the README's data model):

* the default graph holds the entities (type, ``rdfs:label``, ``skos:altLabel``), the reviews
  (id, path, url, sha256), every fact as a node with its roles and ``fkg:supportCount``, and the
  plain triple each fact stands for (``film fkg:director person``);
* one named graph per review, named by the review's IRI, holds that review's evidence:
  ``fact fkg:evidence ev`` and the evidence nodes (exact quote and NIF-style character offsets).

No statement is in two graphs, so the union of all graphs has no duplicates. "Which reviews
support this fact?" is ``GRAPH ?review { ?fact fkg:evidence ?ev }`` and "what does review R
claim?" is ``GRAPH <R> { ?fact fkg:evidence ?ev }``, each joined to the fact's roles.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .model import Fact, KnowledgeBase
from .vocab import (CREW_PROPERTY, ENTITY_CLASS, FACT_CLASS, FKG, PREFIXES, entity_iri, evidence_iri, fact_iri,
                    review_iri)

ROLE_TYPES = {"film": "film", "person": "person", "character": "character", "franchise": "franchise"}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def build_dataset(kb: KnowledgeBase) -> Dataset:
    """Builds the RDF dataset of a knowledge base (default graph plus one graph per review)."""
    dataset = bind_prefixes(Dataset())
    graphs = {None: dataset.default_graph}
    store = dataset.store
    for s, p, o, g in quads(kb):
        graph = graphs.get(g)
        if graph is None:
            graph = graphs[g] = dataset.graph(g)
        store.add((s, p, o), graph)  # the store directly: Graph.add's checks cost a fifth of the time
    return dataset


def quads(kb: KnowledgeBase) -> Iterator[tuple]:
    """Every statement of the graph as ``(s, p, o, graph)``; graph None is the default graph."""
    work_type = {e.name: e.type for e in kb.entities if e.type in ("film", "series")}

    def node(role: str, name: str) -> URIRef:
        entity_type = work_type.get(name, "film") if role == "film" else ROLE_TYPES[role]
        return entity_iri(entity_type, name)

    for entity in kb.entities:
        subject = entity_iri(entity.type, entity.name)
        yield subject, RDF.type, ENTITY_CLASS[entity.type], None
        yield subject, RDFS.label, Literal(entity.name), None
        for alias in entity.aliases:
            if alias != entity.name:
                yield subject, SKOS.altLabel, Literal(alias), None
    for review in kb.reviews:
        subject = review_iri(review.id)
        yield subject, RDF.type, FKG.Review, None
        yield subject, FKG.reviewId, Literal(review.id), None
        yield subject, FKG.sourcePath, Literal(review.path), None
        yield subject, FKG.sha256, Literal(review.sha256), None
        if review.url:
            yield subject, FKG.url, Literal(review.url, datatype=XSD.anyURI), None
        if review.date:
            yield subject, FKG.datePublished, Literal(review.date), None
    for fact in kb.facts:
        yield from fact_quads(fact, node)


def decimal(value) -> Literal:
    """An ``xsd:decimal`` literal (rdflib keeps a Python int as int, which SHACL rejects)."""
    return Literal(Decimal(str(value)), datatype=XSD.decimal)


def plain_triples(fact: Fact, node) -> list[tuple]:
    """The simple triples a fact stands for, next to its reified node."""
    kind = fact.kind
    if kind == "director":
        return [(node("film", fact.film), FKG.director, node("person", fact.person))]
    if kind == "crew":
        return [(node("film", fact.film), CREW_PROPERTY[fact.role], node("person", fact.person))]
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


def fact_quads(fact: Fact, node) -> Iterator[tuple]:
    """A fact node and its plain triples in the default graph; its evidence in each review's graph."""
    subject = fact_iri(fact.kind, fact.key)
    yield subject, RDF.type, FACT_CLASS[fact.kind], None
    for role in ("film", "person", "character", "franchise"):
        name = getattr(fact, role)
        if name is not None:
            yield subject, FKG[role], node(role, name), None
    if fact.review is not None:
        yield subject, FKG.review, review_iri(fact.review), None
    if fact.kind == "review_rating":
        yield subject, FKG.value, decimal(fact.value), None
        if fact.best is not None:
            yield subject, FKG.best, decimal(fact.best), None
    elif fact.kind == "release_date":
        yield subject, FKG.value, Literal(fact.value, datatype=XSD.date), None
    elif fact.kind == "crew":
        yield subject, FKG.crewRole, Literal(fact.role), None
    yield subject, FKG.supportCount, Literal(len(fact.reviews)), None
    for rule in fact.rules:
        yield subject, FKG.extractedBy, Literal(rule), None
    triples = plain_triples(fact, node)
    for s, p, o in triples:
        yield s, p, o, None
    for source in fact.sources:
        graph = review_iri(source.review)
        evidence = evidence_iri(source.review, source.start, source.end)
        yield subject, FKG.evidence, evidence, graph
        yield evidence, RDF.type, FKG.Evidence, graph
        yield evidence, FKG.quotedFrom, graph, graph
        yield evidence, FKG.quote, Literal(source.quote), graph
        yield evidence, FKG.beginIndex, Literal(source.start), graph
        yield evidence, FKG.endIndex, Literal(source.end), graph
