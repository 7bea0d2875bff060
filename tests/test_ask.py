"""kg.ask: English questions parsed by a spaCy Matcher and answered with citations, never a guess."""
from __future__ import annotations

import pytest

from kg.ask import FORMS, Reply, _parser, ask, cite, compile_template, join, parse
from kg.model import Source
from kg.query import KnowledgeGraph

from fixtures_kb import PARABELLUM, R1, R2, knowledge_base


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_knowledge_base(knowledge_base())


def test_the_parser_is_a_blank_tokenizer():
    nlp, _, _ = _parser()
    assert nlp.pipe_names == []  # no model: fast and offline


def test_compile_template():
    pattern, slots, fixed = compile_template("who plays|played (the) {character}")
    assert pattern == [{"LOWER": "who"}, {"LOWER": {"IN": ["plays", "played"]}}, {"LOWER": "the", "OP": "?"},
                       {"OP": "+"}]
    assert slots == {3: "character"} and fixed == 2


def test_parse_extracts_the_name_spans_most_specific_first():
    readings = parse("Who plays John Wick in Ballerina?")
    assert (readings[0][0].id, readings[0][1]) == ("played_by", {"character": "John Wick", "film": "Ballerina"})
    assert ("played_by", {"character": "John Wick in Ballerina"}) in [(f.id, n) for f, n in readings]
    assert parse("what is the meaning of life") == []


def test_exact_sentence_with_citation(graph):
    reply = graph.ask("Who plays Charon in Ballerina?")
    assert isinstance(reply, Reply) and reply.ok and reply.form == "played_by"
    assert str(reply) == (
        f'In Ballerina, Charon is played by Lance Reddick (1 review: {R1}: "Charon (Lance Reddick)").')


def test_directors_sentence_cites_every_review(graph):
    assert str(graph.ask("who directed Ballerina?")) == (
        f'Ballerina was directed by Len Wiseman (2 reviews: {R1}: "Dir. Len Wiseman"; '
        f'{R2}: "replaces Chad Stahelski with, uh, Len Wiseman").')


@pytest.mark.parametrize("question, form, expected", [
    ("who played Charon", "played_by", "Charon is played by Lance Reddick"),
    ("Who portrays Baba Yaga?", "played_by", "John Wick is played by Keanu Reeves"),
    ("who is the director of parabellum?", "directors", f"{PARABELLUM} was directed by Chad Stahelski"),
    ("who wrote Ballerina?", "crew", "The crew of Ballerina: composer Tyler Bates"),
    ("who is the composer of Ballerina", "crew", "writer Shay Hatten"),
    ("what has Hatten been in?", "filmography", "Shay Hatten was writer of Ballerina"),
    ("who is in Ballerina?", "cast", "The cast of Ballerina: Ana de Armas as Eve"),
    ("Who's in Ballerina", "cast", "Anjelica Huston as The Director"),
    ("what is the cast of Ballerina", "cast", "Ian McShane as Winston"),
    ("who is in the cast of Ballerina?", "cast", "Lance Reddick as Charon"),
    ("which films is Keanu Reeves in?", "filmography", "Keanu Reeves is in Ballerina as John Wick"),
    ("what has de Armas been in?", "filmography", "Ana de Armas is in Ballerina as Eve"),
    ("which films did Stahelski direct?", "directed_by", "Chad Stahelski directed John Wick"),
    ("which films belong to John Wick?", "franchise_films", "The John Wick franchise includes Ballerina"),
    ("films in the John Wick franchise", "franchise_films", "The Continental"),
    ("what does review 000 say about de Armas?", "review_about",
     f'Review {R1} says that Ana de Armas plays Eve in Ballerina ("Ana de Armas as Eve in Ballerina").'),
    ("which reviews support that Ana de Armas plays Eve?", "support_cast",
     f'2 reviews say that Ana de Armas plays Eve: {R1}: "Ana de Armas as Eve in Ballerina"; {R2}: "Eve (de Armas)".'),
    ("which reviews say Len Wiseman directed Ballerina", "support_director", "2 reviews say that Len Wiseman"),
    ("which reviews say that Ana de Armas is in Ballerina?", "support_in_film", "Ana de Armas stars"),
])
def test_question_forms(graph, question, form, expected):
    reply = graph.ask(question)
    assert (reply.form, reply.ok) == (form, True)
    assert expected in reply.text


def test_cast_keeps_quotes_without_the_character_apart(graph):
    text = graph.ask("who is in Ballerina?").text
    assert text.startswith(
        f'The cast of Ballerina: Ana de Armas as Eve (2 reviews: {R1}: "Ana de Armas as Eve in Ballerina"; '
        f'{R2}: "Eve (de Armas)"; also listed by 1 review: {R2}: "Ana de Armas stars"), ')


def test_a_known_name_with_no_facts_is_an_honest_empty_answer(graph):
    reply = graph.ask("which reviews say that Ana de Armas plays Winston?")
    assert reply.ok and len(reply.answers) == 0
    assert reply.text == "No review says that Ana de Armas plays Winston."
    assert graph.ask("who directed The Continental").text == "No review says who directed The Continental."


def test_unknown_name_gets_suggestions_and_the_forms(graph):
    reply = graph.ask("who plays Charn?")
    assert not reply.ok and reply.form is None and len(reply.answers) == 0
    assert reply.text.startswith('No character called "Charn" in this graph. Did you mean: Charon?')
    assert reply.answers.suggestions == ("Charon",)
    assert all(form.shows in reply.text for form in FORMS)


def test_ambiguous_name_is_never_guessed(graph):
    reply = graph.ask("who directed Wick?")
    assert not reply.ok and "could be several films" in reply.text and "Len Wiseman" not in reply.text


def test_unreadable_question_lists_the_forms(graph):
    reply = graph.ask("how tall is Keanu Reeves?")
    assert not reply.ok and reply.text.startswith("Sorry, I cannot read that question.")
    assert "who directed FILM?" in reply.text


def test_reply_as_json(graph):
    data = graph.ask("who directed Ballerina").as_json()
    assert data["form"] == "directors" and data["ok"] is True
    assert data["items"][0]["person"] == "Len Wiseman"
    assert data["items"][0]["sources"][0] == {"review": R1, "quote": "Dir. Len Wiseman", "start": 20, "end": 36}


def test_ask_function_and_method_agree(graph):
    assert ask(graph, "who plays Eve?").text == graph.ask("who plays Eve?").text


def test_cite_and_join():
    sources = (Source("b", 0, 3, "two\n words"), Source("a", 5, 8, "one"), Source("a", 9, 12, "one"))
    assert cite(sources) == '2 reviews: a: "one"; b: "two words"'
    assert join(["A"]) == "A" and join(["A", "B", "C"]) == "A, B and C"
