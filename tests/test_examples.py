"""Each example query in kg/queries/examples/ runs on the SPARQL fixture and gives the expected rows."""
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.sandbox import QueryPool
from kg.serve import EXAMPLES_DIR
from kg.sparql import QueryError
from kg.vocab import fact_iri, review_iri

import sparql_fixture

EXAMPLES = sorted(EXAMPLES_DIR.glob("*.rq"))
R1, R2, R3 = (str(review_iri(r)) for r in ("r-ballerina-1", "r-ballerina-2", "r-chapter-2"))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    with QueryPool(sparql_fixture.write_fixture(tmp_path_factory.mktemp("graph"))) as pool:
        yield pool


def rows(dataset, name: str, **bindings) -> list[tuple]:
    """The answer of ``name.rq`` as tuples of plain strings (None for unbound)."""
    text = (EXAMPLES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    outcome = dataset.query(text, bindings)
    return [tuple(None if v is None else str(v) for v in row) for row in outcome.result]


def test_the_five_examples_exist_and_are_commented():
    names = {p.stem for p in EXAMPLES}
    assert {"cast_with_sources", "fact_support", "review_claims", "single_source_facts",
            "franchise_recurring_people"} <= names
    for path in EXAMPLES:
        assert path.read_text(encoding="utf-8").startswith("# "), f"{path.name} should open with a comment"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_runs_unbound(dataset, path: Path):
    outcome = dataset.query(path.read_text(encoding="utf-8"))
    assert outcome.type == "SELECT" and len(outcome.result) > 0


def test_cast_with_sources(dataset):
    assert rows(dataset, "cast_with_sources", filmLabel=Literal("Ballerina")) == [
        ("Ballerina", "Ana de Armas", "Eve Macarro", "2", R1, "Ana de Armas as Eve Macarro"),
        ("Ballerina", "Ana de Armas", "Eve Macarro", "2", R2, "de Armas as Eve Macarro"),
        ("Ballerina", "Ian McShane", "Winston", "1", R2, "Ian McShane as Winston"),
        ("Ballerina", "Keanu Reeves", "John Wick", "1", R1, "Keanu Reeves as John Wick"),
    ]
    assert rows(dataset, "cast_with_sources", filmLabel=Literal("No Such Film")) == []


def test_cast_quotes_are_cut_from_the_review_text(dataset):
    text = ("SELECT ?review ?quote ?begin ?end WHERE { GRAPH ?review { ?credit fkg:evidence ?ev . "
            "?ev fkg:quote ?quote ; fkg:beginIndex ?begin ; fkg:endIndex ?end } ?credit a fkg:CastCredit }")
    found = dataset.query(text).result
    assert len(found) == 7
    for review, quote, begin, end in found:
        review_id = str(review).rsplit("/", 1)[1]
        assert sparql_fixture.TEXTS[review_id][int(begin):int(end)] == str(quote)


def test_fact_support_of_a_director_triple(dataset):
    assert rows(dataset, "fact_support", filmLabel=Literal("Ballerina"), directorLabel=Literal("Len Wiseman")) == [
        ("Ballerina", "Len Wiseman", R1, "r-ballerina-1", "Ballerina is directed by Len Wiseman"),
        ("Ballerina", "Len Wiseman", R2, "r-ballerina-2", "Ballerina, directed by Len Wiseman"),
    ]
    assert [r[:3] for r in rows(dataset, "fact_support", directorLabel=Literal("Chad Stahelski"))] == [
        ("John Wick: Chapter 2", "Chad Stahelski", R3),
        ("John Wick: Chapter 4", "Chad Stahelski", R3),
    ]
    # Not claimed by anyone: Len Wiseman did not direct Chapter 2.
    assert rows(dataset, "fact_support", filmLabel=Literal("John Wick: Chapter 2"),
                directorLabel=Literal("Len Wiseman")) == []


def test_review_claims(dataset):
    claims = rows(dataset, "review_claims", review=URIRef(R1))
    assert {r[0] for r in claims} == {R1}
    got = {(r[1], r[2], r[3], r[4], r[5]) for r in claims}
    cls = {"director": "DirectingCredit", "cast": "CastCredit", "in_franchise": "FranchiseMembership",
           "review_of": "ReviewSubject", "review_author": "ReviewAuthorship", "review_rating": "ReviewRating",
           "release_date": "ReleaseDate"}
    review_id = R1.rsplit("/", 1)[-1]
    expected = {(cls[f.kind], f.person, f.character, f.film, f.franchise) for f in sparql_fixture.FACTS
                if review_id in f.reviews}
    assert got == expected
    assert ("CastCredit", "Keanu Reeves", "John Wick", "Ballerina", None) in got
    # Review 2 never mentions Keanu Reeves, so it does not claim him.
    assert not [r for r in rows(dataset, "review_claims", review=URIRef(R2)) if "Keanu Reeves" in r]


def test_single_source_facts(dataset):
    found = rows(dataset, "single_source_facts")
    expected = {str(fact_iri(f.kind, f.key)) for f in sparql_fixture.FACTS if len(f.reviews) == 1}
    assert len(found) == len(expected) == 15
    assert {r[2] for r in found} == expected
    by_fact = {r[2]: r for r in found}
    chapter4 = next(f for f in sparql_fixture.FACTS if f.kind == "director" and f.film == "John Wick: Chapter 4")
    assert by_fact[str(fact_iri("director", chapter4.key))] == (
        "DirectingCredit", "John Wick: Chapter 4", str(fact_iri("director", chapter4.key)), R3,
        "Stahelski also directed John Wick: Chapter 4")
    # The two facts with two reviews are not there; fkg:supportCount agrees with the evidence.
    assert not {str(fact_iri(f.kind, f.key)) for f in sparql_fixture.FACTS if len(f.reviews) > 1} & set(by_fact)
    counts = dataset.query("SELECT ?f ?n WHERE { ?f fkg:supportCount ?n }").result
    assert {str(f) for f, n in counts if int(n) == 1} == expected


def test_franchise_recurring_people(dataset):
    found = rows(dataset, "franchise_recurring_people", franchiseLabel=Literal("John Wick"))
    assert [(r[0], r[1], r[2], r[3]) for r in found] == [
        ("John Wick", "Keanu Reeves", "3", "cast"),
        ("John Wick", "Chad Stahelski", "2", "director"),
        ("John Wick", "Ian McShane", "2", "cast"),
    ]
    assert [set(r[4].split(", ")) for r in found] == [
        {"Ballerina", "John Wick: Chapter 2", "John Wick: Chapter 4"},
        {"John Wick: Chapter 2", "John Wick: Chapter 4"},
        {"Ballerina", "John Wick: Chapter 2"},
    ]
    assert rows(dataset, "franchise_recurring_people", franchiseLabel=Literal("Mission: Impossible")) == []


def test_a_bound_variable_must_be_projected(dataset):
    with pytest.raises(QueryError, match="must be in the SELECT clause"):
        rows(dataset, "single_source_facts", filmLabel=Literal("Ballerina"))
