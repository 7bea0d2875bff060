"""A small, hand-made knowledge base for the SPARQL tests (endpoint, example queries, ``kg sparql``).

Three reviews of a made-up slice of the John Wick franchise::

    r-ballerina-1   Ballerina: dir. Len Wiseman; Ana de Armas as Eve Macarro, Keanu Reeves as John Wick;
                    by Jane Critic, rated 3/5
    r-ballerina-2   Ballerina: dir. Len Wiseman; Ana de Armas as Eve Macarro, Ian McShane as Winston
    r-chapter-2     John Wick: Chapter 2 (and Chapter 4): dir. Chad Stahelski; Keanu Reeves, Ian McShane

Every quote is cut from the review text, so offsets are real.

>>> path = write_fixture(tmp_path)       # doctest: +SKIP   (a graph.trig in tmp_path)
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from kg.graph import build_dataset
from kg.model import Entity, Fact, KnowledgeBase, Review, Source

TEXTS = {
    "r-ballerina-1": (
        "Ballerina review. Ballerina is directed by Len Wiseman. Ana de Armas as Eve Macarro is "
        "fierce, and Keanu Reeves as John Wick drops by. Ballerina is part of the John Wick franchise. "
        "By Jane Critic. Rating: 3/5"
    ),
    "r-ballerina-2": (
        "Ballerina, directed by Len Wiseman, stars de Armas as Eve Macarro. Ian McShane as Winston "
        "runs the Continental again."
    ),
    "r-chapter-2": (
        "John Wick: Chapter 2, directed by Chad Stahelski, brings back Keanu Reeves as John Wick and "
        "Ian McShane as Winston. It is part of the John Wick franchise. Stahelski also directed "
        "John Wick: Chapter 4, again with Keanu Reeves as John Wick, part of the John Wick franchise."
    ),
}

FILMS = ("Ballerina", "John Wick: Chapter 2", "John Wick: Chapter 4")


def review(review_id: str) -> Review:
    text = TEXTS[review_id]
    return Review(id=review_id, text=text, path=f"reviews/{review_id}.txt",
                  sha256=hashlib.sha256(text.encode()).hexdigest())


def src(review_id: str, quote: str, nth: int = 0) -> Source:
    """The ``nth`` occurrence of ``quote`` in the review, as a :class:`Source`."""
    text = TEXTS[review_id]
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Source(review_id, start, start + len(quote), quote)


FACTS = (
    Fact("director", (src("r-ballerina-1", "Ballerina is directed by Len Wiseman"),
                      src("r-ballerina-2", "Ballerina, directed by Len Wiseman")),
         film="Ballerina", person="Len Wiseman"),
    Fact("director", (src("r-chapter-2", "John Wick: Chapter 2, directed by Chad Stahelski"),),
         film="John Wick: Chapter 2", person="Chad Stahelski"),
    Fact("director", (src("r-chapter-2", "Stahelski also directed John Wick: Chapter 4"),),
         film="John Wick: Chapter 4", person="Chad Stahelski"),
    Fact("cast", (src("r-ballerina-1", "Ana de Armas as Eve Macarro"),
                  src("r-ballerina-2", "de Armas as Eve Macarro")),
         film="Ballerina", person="Ana de Armas", character="Eve Macarro"),
    Fact("cast", (src("r-ballerina-1", "Keanu Reeves as John Wick"),),
         film="Ballerina", person="Keanu Reeves", character="John Wick"),
    Fact("cast", (src("r-ballerina-2", "Ian McShane as Winston"),),
         film="Ballerina", person="Ian McShane", character="Winston"),
    Fact("cast", (src("r-chapter-2", "Keanu Reeves as John Wick"),),
         film="John Wick: Chapter 2", person="Keanu Reeves", character="John Wick"),
    Fact("cast", (src("r-chapter-2", "Ian McShane as Winston"),),
         film="John Wick: Chapter 2", person="Ian McShane", character="Winston"),
    Fact("cast", (src("r-chapter-2", "Keanu Reeves as John Wick", nth=1),),
         film="John Wick: Chapter 4", person="Keanu Reeves", character="John Wick"),
    Fact("in_franchise", (src("r-ballerina-1", "Ballerina is part of the John Wick franchise"),),
         film="Ballerina", franchise="John Wick"),
    Fact("in_franchise", (src("r-chapter-2", "It is part of the John Wick franchise"),),
         film="John Wick: Chapter 2", franchise="John Wick"),
    Fact("in_franchise", (src("r-chapter-2", "part of the John Wick franchise", nth=1),),
         film="John Wick: Chapter 4", franchise="John Wick"),
    Fact("review_of", (src("r-ballerina-1", "Ballerina review"),), review="r-ballerina-1", film="Ballerina"),
    Fact("review_of", (src("r-ballerina-2", "Ballerina"),), review="r-ballerina-2", film="Ballerina"),
    Fact("review_of", (src("r-chapter-2", "John Wick: Chapter 2"),), review="r-chapter-2",
         film="John Wick: Chapter 2"),
    Fact("review_author", (src("r-ballerina-1", "By Jane Critic"),), review="r-ballerina-1",
         person="Jane Critic"),
    Fact("review_rating", (src("r-ballerina-1", "Rating: 3/5"),), review="r-ballerina-1", value=3.0, best=5.0),
)

ENTITIES = (
    *(Entity("film", name) for name in FILMS),
    Entity("franchise", "John Wick"),
    Entity("person", "Ana de Armas", aliases=("Ana de Armas", "de Armas")),
    Entity("person", "Keanu Reeves"),
    Entity("person", "Ian McShane"),
    Entity("person", "Len Wiseman"),
    Entity("person", "Chad Stahelski", aliases=("Stahelski",)),
    Entity("person", "Jane Critic"),
    Entity("character", "Eve Macarro"),
    Entity("character", "John Wick"),
    Entity("character", "Winston"),
)


def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase(reviews=tuple(review(r) for r in TEXTS), entities=ENTITIES, facts=FACTS)


def knowledge_base_dataset():
    """The fixture's RDF dataset, in memory."""
    return build_dataset(knowledge_base())


def write_fixture(folder: str | Path) -> Path:
    """Writes the fixture graph to ``folder/graph.trig`` (the layout ``kg build`` writes) and returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    build_dataset(knowledge_base()).serialize(folder / "graph.trig", format="trig")
    return folder
