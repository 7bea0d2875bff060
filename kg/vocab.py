"""The one place where filmkg's RDF vocabulary and IRI scheme are defined.

Terms live in ``ontology/filmkg.ttl`` (documented and aligned there); this module
mirrors them as an rdflib ``DefinedNamespace`` so a typo is an error, not a new IRI.

>>> str(FKG.CastCredit)
'https://w3id.org/filmkg/ontology#CastCredit'
>>> str(entity_iri("person", "Ana de Armas"))
'https://w3id.org/filmkg/id/person/ana-de-armas'
"""
from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace, PROV, RDF, RDFS, SKOS, XSD, SDO

from . import iris
from .model import CREW_ROLES

BASE = iris.BASE


class FKG(DefinedNamespace):
    """The filmkg ontology (``ontology/filmkg.ttl``)."""

    _NS = Namespace(iris.ONTOLOGY)
    _fail = True

    # Classes: things reviews talk about.
    Work: URIRef
    Film: URIRef
    TVSeries: URIRef
    Franchise: URIRef
    Person: URIRef
    Character: URIRef
    Review: URIRef
    # Classes: reified facts and the evidence behind them.
    Fact: URIRef
    DirectingCredit: URIRef
    CastCredit: URIRef
    CrewCredit: URIRef
    FranchiseMembership: URIRef
    ReviewSubject: URIRef
    ReviewAuthorship: URIRef
    ReviewRating: URIRef
    ReleaseDate: URIRef
    Evidence: URIRef

    # Plain triples, asserted next to each fact node for simple querying.
    director: URIRef  # Work -> Person
    castMember: URIRef  # Work -> Person
    playedBy: URIRef  # Character -> Person
    appearsIn: URIRef  # Character -> Work
    partOfFranchise: URIRef  # Work -> Franchise
    reviewOf: URIRef  # Review -> Work
    author: URIRef  # Review -> Person
    ratingValue: URIRef  # Review -> decimal
    bestRating: URIRef  # Review -> decimal
    releaseDate: URIRef  # Work -> date
    writer: URIRef  # Work -> Person, and one property per crew role (CREW_PROPERTY)
    producer: URIRef
    composer: URIRef
    cinematographer: URIRef
    editor: URIRef
    stuntCoordinator: URIRef
    creator: URIRef

    # Roles of a fact node.
    film: URIRef
    person: URIRef
    character: URIRef
    franchise: URIRef
    review: URIRef
    crewRole: URIRef  # CrewCredit -> the role's name, one of kg.model.CREW_ROLES
    value: URIRef
    best: URIRef
    supportCount: URIRef
    evidence: URIRef  # Fact -> Evidence

    # Evidence: an exact quote in one review.
    quotedFrom: URIRef  # Evidence -> Review
    quote: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    extractedBy: URIRef  # the id of the rule that found it

    # Reviews.
    reviewId: URIRef
    sourcePath: URIRef
    url: URIRef
    sha256: URIRef
    datePublished: URIRef


ID = Namespace(iris.ID)
NIF = Namespace(iris.PREFIXES["nif"])
WD = Namespace(iris.PREFIXES["wd"])
WDT = Namespace(iris.PREFIXES["wdt"])

PREFIXES = {
    "fkg": FKG._NS, "id": ID, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "xsd": XSD,
    "prov": PROV, "schema": SDO, "nif": NIF, "wd": WD, "wdt": WDT,
}

ENTITY_TYPES = ("person", "character", "film", "series", "franchise")
ENTITY_CLASS = {kind: FKG[name] for kind, name in iris.ENTITY_CLASS.items()}
FACT_CLASS = {kind: FKG[name] for kind, name in iris.FACT_CLASS.items()}
assert {prefix: str(namespace) for prefix, namespace in PREFIXES.items()} == iris.PREFIXES

CREW_PROPERTY = {
    "writer": FKG.writer, "producer": FKG.producer, "composer": FKG.composer,
    "cinematographer": FKG.cinematographer, "editor": FKG.editor, "stunt coordinator": FKG.stuntCoordinator,
    "creator": FKG.creator,
}
assert tuple(CREW_PROPERTY) == CREW_ROLES


@lru_cache(maxsize=1 << 16)
def slug(name: str) -> str:
    """A lowercase slug that keeps the letters, marks and digits of every script, so different
    names get different IRIs: ``slug("John Wick: Chapter 3 – Parabellum") == "john-wick-chapter-3-parabellum"``,
    ``slug("Иван Smith") == "иван-smith"``, ``slug("Zoë Kravitz") == "zoë-kravitz"``,
    ``slug("राम") != slug("रामा")`` (Devanagari vowels are marks, not letters)."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = "-".join("".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text).split())
    return text or "x" + hashlib.sha1(name.encode()).hexdigest()[:10]


@lru_cache(maxsize=1 << 16)
def entity_iri(entity_type: str, name: str) -> URIRef:
    """The stable IRI of an entity, minted from its type and canonical name."""
    return ID[f"{entity_type}/{slug(name)}"]


@lru_cache(maxsize=1 << 16)
def review_iri(review_id: str) -> URIRef:
    """The IRI of a review; also the name of the graph holding what it claims."""
    return ID["review/" + quote(review_id, safe="")]


def fact_iri(kind: str, key: tuple) -> URIRef:
    """A stable IRI for a fact, from its kind and identifying fields."""
    digest = hashlib.sha1(repr((kind, key)).encode()).hexdigest()[:16]
    return ID[f"fact/{kind.replace('_', '-')}/{digest}"]


def evidence_iri(review_id: str, start: int, end: int) -> URIRef:
    """NIF-style IRI of a quote: the review IRI with an RFC 5147 character range."""
    return URIRef(f"{review_iri(review_id)}#char={start},{end}")
