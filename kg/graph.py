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

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .model import Fact, KnowledgeBase
from .vocab import (CREW_PROPERTY, ENTITY_CLASS, FACT_CLASS, FKG, PREFIXES, entity_iri, evidence_iri, fact_iri,
                    review_iri)

ROLE_TYPES = {"film": "film", "person": "person", "character": "character", "franchise": "franchise"}
XSD_DECIMAL, XSD_INTEGER, XSD_DATE, XSD_ANY_URI = (str(XSD.decimal), str(XSD.integer), str(XSD.date),
                                                   str(XSD.anyURI))
TYPE, LABEL, ALT_LABEL = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
KEY_SEP = "\x00\x00"  # between the parts of a sort key (see statement_key)


class _Terms:
    """The ontology's IRIs as plain strings (``T.castMember``), looked up once: the quads of a
    large graph are built from strings, not rdflib terms, which cost ten times more to make."""

    def __getattr__(self, name: str) -> str:
        value = str(FKG[name])
        setattr(self, name, value)
        return value


T = _Terms()


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def rdflib_term(term) -> URIRef | Literal:
    """A plain term (see :func:`quads`) as an rdflib term: ``rdflib_term(("1", XSD_INTEGER))``."""
    if isinstance(term, str):
        return URIRef(term)
    if len(term) == 1:
        return Literal(term[0])
    return Literal(term[0], datatype=URIRef(term[1]))


def build_dataset(kb: KnowledgeBase) -> Dataset:
    """Builds the RDF dataset of a knowledge base (default graph plus one graph per review)."""
    dataset = bind_prefixes(Dataset())
    graphs = {None: dataset.default_graph}
    store = dataset.store
    iris: dict = {}
    for s, p, o, g in quads(kb):
        graph = graphs.get(g)
        if graph is None:
            graph = graphs[g] = dataset.graph(URIRef(g))
        s = iris.get(s) or iris.setdefault(s, URIRef(s))
        p = iris.get(p) or iris.setdefault(p, URIRef(p))
        o = (iris.get(o) or iris.setdefault(o, URIRef(o))) if isinstance(o, str) else rdflib_term(o)
        store.add((s, p, o), graph)  # Graph.add's checks cost a fifth of the time
    return dataset


# What N-Triples and N-Quads escape in a string; every other character is written as itself.
NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def n_term(term) -> str:
    """A plain term in N-Triples syntax: ``n_term(("a\\nb",)) == '"a\\\\nb"'``."""
    if isinstance(term, str):
        return f"<{term}>"
    text = term[0].translate(NT_ESCAPES)
    return f'"{text}"' if len(term) == 1 else f'"{text}"^^<{term[1]}>'


def sorted_statements(kb: KnowledgeBase) -> list[tuple]:
    """Every statement once as ``(s, p, o, graph)``, in the exports' order: by graph (the default
    graph first, then each review's graph by IRI), then subject, predicate and object.

    Each statement is keyed by one string (:func:`statement_key`) that both removes repeats and
    sorts: comparing strings is several times cheaper than comparing nested tuples."""
    keyed = {statement_key(statement): statement for statement in quads(kb)}
    return [keyed[key] for key in sorted(keyed)]


def triple_order(statement: tuple) -> str:
    """The sort key of a statement by subject, predicate and object (IRIs before literals)."""
    s, p, o, _ = statement
    if isinstance(o, str):
        return f"{s}{KEY_SEP}{p}{KEY_SEP}0{o}"
    text = o[0].replace("\x00", "\x00\x01")
    return f"{s}{KEY_SEP}{p}{KEY_SEP}1{text}" + (f"{KEY_SEP}{o[1]}" if len(o) > 1 else "")


def statement_key(statement: tuple) -> str:
    """The sort key of a statement by graph (the default graph first), then :func:`triple_order`.

    One string that sorts as the tuple ``(graph is not None, graph or "", s, p, (0, o) or (1, text,
    datatype))`` would: the parts are joined by ``KEY_SEP`` ("\\0\\0"), which sorts below any
    character an IRI may hold, and a NUL inside a literal's text becomes "\\0\\1", so that a part
    that is a prefix of another still sorts first. Equal keys are equal statements."""
    graph = statement[3]
    return f"{'0' if graph is None else '1' + graph}{KEY_SEP}{triple_order(statement)}"


def nquads(statements, graphs: bool = True) -> Iterator[str]:
    """The lines of N-Quads (or, with ``graphs=False``, N-Triples) for plain statements."""
    for s, p, o, g in statements:
        graph = f" <{g}>" if graphs and g is not None else ""
        yield f"<{s}> <{p}> {n_term(o)}{graph} .\n"


def quads(kb: KnowledgeBase) -> Iterator[tuple]:
    """Every statement of the graph as plain ``(s, p, o, graph)``: an IRI is a ``str``, a literal
    ``(text,)`` or ``(text, datatype)``; graph None is the default graph. A statement may repeat."""
    work_type = {e.name: e.type for e in kb.entities if e.type in ("film", "series")}
    nodes: dict = {}

    def node(role: str, name: str) -> str:
        found = nodes.get((role, name))
        if found is None:
            entity_type = work_type.get(name, "film") if role == "film" else ROLE_TYPES[role]
            found = nodes[role, name] = str(entity_iri(entity_type, name))
        return found

    for entity in kb.entities:
        subject = str(entity_iri(entity.type, entity.name))
        yield subject, TYPE, str(ENTITY_CLASS[entity.type]), None
        yield subject, LABEL, (entity.name,), None
        for alias in entity.aliases:
            if alias != entity.name:
                yield subject, ALT_LABEL, (alias,), None
    for review in kb.reviews:
        subject = str(review_iri(review.id))
        yield subject, TYPE, T.Review, None
        yield subject, T.reviewId, (review.id,), None
        yield subject, T.sourcePath, (review.path,), None
        yield subject, T.sha256, (review.sha256,), None
        if review.url:
            yield subject, T.url, (review.url, XSD_ANY_URI), None
        if review.date:
            yield subject, T.datePublished, (review.date,), None
    for fact in kb.facts:
        yield from fact_quads(fact, node)


def decimal(value) -> tuple:
    """An ``xsd:decimal`` literal (a Python int would become an integer, which SHACL rejects)."""
    return (str(Decimal(str(value))), XSD_DECIMAL)


def plain_triples(fact: Fact, node) -> list[tuple]:
    """The simple triples a fact stands for, next to its reified node."""
    kind = fact.kind
    if kind == "director":
        return [(node("film", fact.film), T.director, node("person", fact.person))]
    if kind == "crew":
        return [(node("film", fact.film), str(CREW_PROPERTY[fact.role]), node("person", fact.person))]
    if kind == "cast":
        person = node("person", fact.person)
        triples = []
        if fact.film:
            triples.append((node("film", fact.film), T.castMember, person))
        if fact.character:
            character = node("character", fact.character)
            triples.append((character, T.playedBy, person))
            if fact.film:
                triples.append((character, T.appearsIn, node("film", fact.film)))
        return triples
    if kind == "in_franchise":
        return [(node("film", fact.film), T.partOfFranchise, node("franchise", fact.franchise))]
    review = str(review_iri(fact.review)) if fact.review is not None else None
    if kind == "review_of":
        return [(review, T.reviewOf, node("film", fact.film))]
    if kind == "review_author":
        return [(review, T.author, node("person", fact.person))]
    if kind == "review_rating":
        triples = [(review, T.ratingValue, decimal(fact.value))]
        if fact.best is not None:
            triples.append((review, T.bestRating, decimal(fact.best)))
        return triples
    if kind == "release_date":
        return [(node("film", fact.film), T.releaseDate, (fact.value, XSD_DATE))]
    raise ValueError(f"unknown fact kind {kind!r}")


def fact_quads(fact: Fact, node) -> Iterator[tuple]:
    """A fact node and its plain triples in the default graph; its evidence in each review's graph."""
    subject = str(fact_iri(fact.kind, fact.key))
    yield subject, TYPE, str(FACT_CLASS[fact.kind]), None
    for role in ("film", "person", "character", "franchise"):
        name = getattr(fact, role)
        if name is not None:
            yield subject, getattr(T, role), node(role, name), None
    if fact.review is not None:
        yield subject, T.review, str(review_iri(fact.review)), None
    if fact.kind == "review_rating":
        yield subject, T.value, decimal(fact.value), None
        if fact.best is not None:
            yield subject, T.best, decimal(fact.best), None
    elif fact.kind == "release_date":
        yield subject, T.value, (fact.value, XSD_DATE), None
    elif fact.kind == "crew":
        yield subject, T.crewRole, (fact.role,), None
    yield subject, T.supportCount, (str(len(fact.reviews)), XSD_INTEGER), None
    for rule in fact.rules:
        yield subject, T.extractedBy, (rule,), None
    for s, p, o in plain_triples(fact, node):
        yield s, p, o, None
    for source in fact.sources:
        graph = str(review_iri(source.review))
        evidence = str(evidence_iri(source.review, source.start, source.end))
        yield subject, T.evidence, evidence, graph
        yield evidence, TYPE, T.Evidence, graph
        yield evidence, T.quotedFrom, graph, graph
        yield evidence, T.quote, (source.quote,), graph
        yield evidence, T.beginIndex, (str(source.start), XSD_INTEGER), graph
        yield evidence, T.endIndex, (str(source.end), XSD_INTEGER), graph
