"""Entity resolution within and across reviews."""
from __future__ import annotations

from dataclasses import replace

from kg.model import Claim, Mention, Review, ReviewExtraction, Source
from kg.names import same_work
from kg.resolve import resolve


def cast(review, person, character, film=None):
    text = f"{character} ({person})"
    return Claim("cast", Source(review, 0, len(text), text), "cast.paren", person=person, character=character,
                 film=film, film_from_review=film is None)


def extraction(review_id, claims, mentions=()):
    return ReviewExtraction(Review(review_id, "x" * 100, f"{review_id}.txt", ""), tuple(mentions), tuple(claims))


def test_case_variants_across_reviews_are_one_person_with_aliases():
    kb = resolve([extraction("a", [cast("a", "Ana de Armas", "Eve", "Ballerina")]),
                  extraction("b", [cast("b", "Ana De Armas", "Eve", "Ballerina")]),
                  extraction("c", [cast("c", "Ana de Armas", "Eve", "Ballerina")])])
    [fact] = [f for f in kb.facts if f.kind == "cast"]
    assert fact.person == "Ana de Armas" and fact.reviews == ("a", "b", "c")
    [person] = [e for e in kb.entities if e.type == "person"]
    assert person.aliases == ("Ana De Armas",)


def test_short_name_resolves_to_the_full_name_in_the_same_review():
    mention = Mention("Keanu Reeves", "name", 0, 12)
    kb = resolve([extraction("a", [cast("a", "Keanu", "John Wick", "Ballerina")], [mention])])
    assert [f.person for f in kb.facts if f.kind == "cast"] == ["Keanu Reeves"]


def test_misspelling_next_to_the_full_name_is_not_a_new_person():
    claims = [cast("a", "Ana de Armas", "Eve", "Ballerina")] * 3 + [cast("a", "Ana de Arias", "Eve", "Ballerina")]
    kb = resolve([extraction("a", claims)])
    assert {e.name for e in kb.entities if e.type == "person"} == {"Ana de Armas"}


def test_a_first_name_joins_a_full_name_only_in_the_same_film_or_franchise():
    member = Claim("in_franchise", Source("c", 0, 5, "x y z"), "franchise.title", film="Red Lake 2",
                   franchise="Red Lake")
    kb = resolve([extraction("a", [cast("a", "Bo Lee", "Jimmy", "Night Harbor")]),
                  extraction("b", [cast("b", "Tom Fell", "Jimmy Crystal", "Blue Coast")]),
                  extraction("c", [cast("c", "Rita Moss", "Eve", "Red Lake 2"), member]),
                  extraction("d", [cast("d", "Rita Moss", "Eve Park", "Red Lake"),
                                   replace(member, film="Red Lake", source=Source("d", 0, 5, "x y z"))])])
    assert sorted((f.person, f.character) for f in kb.facts if f.kind == "cast") == [
        ("Bo Lee", "Jimmy"), ("Rita Moss", "Eve Park"), ("Rita Moss", "Eve Park"), ("Tom Fell", "Jimmy Crystal")]


def test_credit_goes_to_the_reviewed_film_else_none():
    about = [Mention("Ballerina", "film", 0, 9, (0, 9))] * 3
    kb = resolve([extraction("a", [cast("a", "Lance Reddick", "Charon")], about),
                  extraction("b", [cast("b", "Ian McShane", "Winston")])])
    assert sorted((f.person, f.film) for f in kb.facts if f.kind == "cast") == [
        ("Ian McShane", None), ("Lance Reddick", "Ballerina")]


def test_titles_of_one_work_are_recognised():
    assert same_work("Parabellum", "John Wick: Chapter 3 – Parabellum")
    assert same_work("John Wick 3", "John Wick: Chapter 3 – Parabellum")
    assert not same_work("John Wick", "John Wick: Chapter 4")
    assert not same_work("John Wick: Chapter 2", "John Wick: Chapter 4")
