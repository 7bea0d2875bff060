"""A small hand-made knowledge base for the query, ask and CLI tests.

Two reviews of Ballerina with real quotes and offsets; films, a TV series, a franchise, people
with aliases ("Ana de Armas"/"de Armas"/"Ana De Armas"), characters, cast facts with and without
a character (and one without a film), directors, crew, franchise memberships and review facts.

>>> kb = knowledge_base()
>>> all(REVIEWS[s.review][s.start:s.end] == s.quote for f in kb.facts for s in f.sources)
True
"""
from __future__ import annotations

import hashlib

from kg.model import Entity, Fact, KnowledgeBase, Review, Source

R1 = "000_783e8d39f966f84b"
R2 = "001_b3d74b38a64449d0"

REVIEWS = {
    R1: (
        "\u2018Ballerina\u2019 review: Dir. Len Wiseman (2025). By Kat Hughes.\n"
        "Eleven years ago Chad Stahelski gave the world John Wick. Ana de Armas as Eve in Ballerina.\n"
        "During John Wick: Chapter 3 \u2013 Parabellum, Keanu Reeves as John Wick visited "
        "Anjelica Huston\u2019s Director. Ian McShane as Winston and Charon (Lance Reddick) return.\n"
        "Ballerina is part of the John Wick franchise, like The Continental and Parabellum.\n"
    ),
    R2: (
        "Ballerina replaces Chad Stahelski with, uh, Len Wiseman. Ana de Armas stars.\n"
        "Eve (de Armas) meets Keanu Reeves as John Wick. Stahelski directed Parabellum.\n"
        "The late Lance Reddick returns as Charon. Another entry in the World of John Wick.\n"
        "Written by Shay Hatten, scored by Tyler Bates.\n"
    ),
}


def src(review: str, quote: str) -> Source:
    """The source of ``quote``: its first occurrence in the review text."""
    start = REVIEWS[review].index(quote)
    return Source(review, start, start + len(quote), quote)


def fact(kind: str, *sources: Source, **roles) -> Fact:
    return Fact(kind=kind, sources=tuple(sorted(sources)), rules=("test",), **roles)


BALLERINA = "Ballerina"
PARABELLUM = "John Wick: Chapter 3 \u2013 Parabellum"

ENTITIES = (
    Entity("film", BALLERINA, ("From the World of John Wick: Ballerina",)),
    Entity("film", "John Wick"),
    Entity("film", PARABELLUM, ("John Wick: Parabellum",)),
    Entity("series", "The Continental"),
    Entity("franchise", "John Wick", ("John Wick franchise", "World of John Wick")),
    Entity("person", "Len Wiseman", ("Wiseman",)),
    Entity("person", "Chad Stahelski", ("Stahelski",)),
    Entity("person", "Keanu Reeves", ("Keanu",)),
    Entity("person", "Ana de Armas", ("de Armas", "Ana De Armas")),
    Entity("person", "Anjelica Huston"),
    Entity("person", "Ian McShane"),
    Entity("person", "Lance Reddick"),
    Entity("person", "Kat Hughes"),
    Entity("person", "Shay Hatten", ("Hatten",)),
    Entity("person", "Tyler Bates"),
    Entity("character", "Eve", ("Eve Macarro",)),
    Entity("character", "John Wick", ("Wick", "Baba Yaga")),
    Entity("character", "The Director", ("Director",)),
    Entity("character", "Winston"),
    Entity("character", "Charon"),
)

FACTS = (
    fact("director", src(R1, "Dir. Len Wiseman"), src(R2, "replaces Chad Stahelski with, uh, Len Wiseman"),
         film=BALLERINA, person="Len Wiseman"),
    fact("director", src(R1, "Chad Stahelski gave the world John Wick"), film="John Wick", person="Chad Stahelski"),
    fact("director", src(R2, "Stahelski directed Parabellum"), film=PARABELLUM, person="Chad Stahelski"),
    fact("cast", src(R1, "Ana de Armas as Eve in Ballerina"), src(R2, "Eve (de Armas)"),
         film=BALLERINA, person="Ana de Armas", character="Eve"),
    fact("cast", src(R2, "Ana de Armas stars"), film=BALLERINA, person="Ana de Armas"),
    fact("cast", src(R2, "Keanu Reeves as John Wick"), film=BALLERINA, person="Keanu Reeves", character="John Wick"),
    fact("cast", src(R1, "Anjelica Huston\u2019s Director"), film=BALLERINA, person="Anjelica Huston",
         character="The Director"),
    fact("cast", src(R1, "Ian McShane as Winston"), film=BALLERINA, person="Ian McShane", character="Winston"),
    fact("cast", src(R1, "Charon (Lance Reddick)"), film=BALLERINA, person="Lance Reddick", character="Charon"),
    fact("cast", src(R2, "Lance Reddick returns as Charon"), person="Lance Reddick", character="Charon"),
    fact("cast", src(R1, "Parabellum, Keanu Reeves as John Wick"), film=PARABELLUM, person="Keanu Reeves",
         character="John Wick"),
    fact("in_franchise", src(R1, "Ballerina is part of the John Wick franchise"),
         src(R2, "Another entry in the World of John Wick"), film=BALLERINA, franchise="John Wick"),
    fact("in_franchise", src(R1, "the John Wick franchise, like The Continental"), film="The Continental",
         franchise="John Wick"),
    fact("in_franchise", src(R1, "the John Wick franchise, like The Continental and Parabellum"), film=PARABELLUM,
         franchise="John Wick"),
    fact("review_of", src(R1, "\u2018Ballerina\u2019 review"), review=R1, film=BALLERINA),
    fact("review_of", src(R2, "Ballerina replaces"), review=R2, film=BALLERINA),
    fact("review_author", src(R1, "By Kat Hughes"), review=R1, person="Kat Hughes"),
    fact("crew", src(R2, "Written by Shay Hatten"), film=BALLERINA, person="Shay Hatten", role="writer"),
    fact("crew", src(R2, "scored by Tyler Bates"), film=BALLERINA, person="Tyler Bates", role="composer"),
)


def knowledge_base() -> KnowledgeBase:
    """The fixture knowledge base (a fresh object each call; it is immutable anyway)."""
    reviews = tuple(
        Review(id=rid, text=text, path=f"corpus/{rid}.txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
               url="https://example.org/" + rid if rid == R1 else None)
        for rid, text in REVIEWS.items()
    )
    return KnowledgeBase(reviews=reviews, entities=ENTITIES, facts=FACTS)


def write_graph(folder) -> str:
    """Writes the fixture graph as ``folder/graph.trig`` (what ``kg build`` writes) and returns the folder."""
    from kg.graph import build_dataset

    build_dataset(knowledge_base()).serialize(destination=str(folder) + "/graph.trig", format="trig")
    return str(folder)


def franchise_kb(films: int, cast: int) -> KnowledgeBase:
    """A made-up franchise of ``films`` films for size tests, one review each: every film has a
    director and ``cast`` actors as as many characters, half of them also in the film before.

    >>> kb = franchise_kb(films=3, cast=4)
    >>> len(kb.reviews), len([f for f in kb.facts if f.kind == "cast"])
    (3, 12)
    """
    reviews, facts, entities = [], [], {Entity("franchise", "Saga")}
    for number in range(films):
        film, director = f"Film {number}", f"Director {number}"
        actors = [f"Actor {number * cast // 2 + i}" for i in range(cast)]
        lines = [f"{film} is directed by {director}.", f"{film} is part of the Saga franchise."]
        lines += [f"{actor} as Role {actor[6:]}." for actor in actors]
        review_id, text = f"r{number:05d}", "\n".join(lines)
        reviews.append(Review(review_id, text, f"reviews/{review_id}.txt", hashlib.sha256(text.encode()).hexdigest()))

        def quote(line: str) -> Source:
            start = text.index(line)
            return Source(review_id, start, start + len(line), line)

        facts.append(fact("director", quote(lines[0]), film=film, person=director))
        facts.append(fact("in_franchise", quote(lines[1]), film=film, franchise="Saga"))
        for actor, line in zip(actors, lines[2:]):
            facts.append(fact("cast", quote(line), film=film, person=actor, character="Role " + actor[6:]))
            entities |= {Entity("person", actor), Entity("character", "Role " + actor[6:])}
        entities |= {Entity("film", film), Entity("person", director)}
    return KnowledgeBase(reviews=tuple(reviews), entities=tuple(sorted(entities, key=lambda e: (e.type, e.name))),
                         facts=tuple(facts))
