"""The ontology's IRIs as plain strings, for the paths that must start fast without rdflib (a
helper command: open the store, run one ``.rq`` file, print). :mod:`kg.vocab` builds its rdflib
terms from these, so the vocabulary is written once.

>>> ONTOLOGY + FACT_CLASS["cast"]
'https://w3id.org/filmkg/ontology#CastCredit'
>>> PREFIXES["rdfs"]
'http://www.w3.org/2000/01/rdf-schema#'
"""
BASE = "https://w3id.org/filmkg/"
ONTOLOGY = BASE + "ontology#"
ID = BASE + "id/"

PREFIXES = {
    "fkg": ONTOLOGY, "id": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}

# Entity type -> the local name of its class in the ontology.
ENTITY_CLASS = {"person": "Person", "character": "Character", "film": "Film", "series": "TVSeries",
                "franchise": "Franchise"}
# Fact kind -> the local name of its fact node's class.
FACT_CLASS = {
    "director": "DirectingCredit", "cast": "CastCredit", "crew": "CrewCredit",
    "in_franchise": "FranchiseMembership", "review_of": "ReviewSubject",
    "review_author": "ReviewAuthorship", "review_rating": "ReviewRating",
    "release_date": "ReleaseDate",
}
