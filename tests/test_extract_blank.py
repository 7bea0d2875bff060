"""Extraction stages on ``spacy.blank("en")``: no model needed, so these run fast and pin the rules."""
from __future__ import annotations

import pytest
import spacy

from kg.extract import extract, find_names, sentence_templates, type_hints
from kg.mentions import layout_titles
from kg.model import Review
from kg.nlp import line_breaks  # noqa: F401  (registers the component)


@pytest.fixture(scope="module")
def nlp():
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.add_pipe("line_breaks")
    return blank


def claims(nlp, text):
    found = extract(nlp(text), Review("r", text, "r.txt", ""))
    for claim in found.claims:
        assert text[claim.source.start:claim.source.end] == claim.source.quote
    return found.claims


def test_names_keep_particles_and_colon_titles(nlp):
    doc = nlp("So, Ana de Armas meets Winston in John Wick: Parabellum and From the World of John Wick: Ballerina.")
    assert [n.text for n in find_names(doc)] == [
        "Ana de Armas", "Winston", "John Wick: Parabellum", "From the World of John Wick: Ballerina"]


def test_templates_replace_names_with_placeholders(nlp):
    doc = nlp("Eve (an excellent Ana De Armas) fights.")
    names = find_names(doc)
    [template] = sentence_templates(doc, names)
    assert template.text == "§0§ ( an excellent §1§ ) fights ."


def test_type_hints_read_the_surrounding_words(nlp):
    doc = nlp("It slides into the wider John Wick universe, unlike the film Nobody and the TV show Fargo.")
    names = find_names(doc)
    hints = type_hints(sentence_templates(doc, names), names)
    assert {names[k].text: h for k, h in hints.items()} == {"John Wick": "franchise", "Nobody": "film",
                                                             "Fargo": "series"}


@pytest.mark.parametrize("text, person, character", [
    ("Eve (Ana de Armas) is great.", "Ana de Armas", "Eve"),
    ("Ana de Armas as Eve is great.", "Ana de Armas", "Eve"),
    ("Ian McShane returns as Winston.", "Ian McShane", "Winston"),
    ("Charon, played by Lance Reddick, is back.", "Lance Reddick", "Charon"),
    ("Donnie Yen plays Caine with wit.", "Donnie Yen", "Caine"),
])
def test_cast_patterns(nlp, text, person, character):
    assert [(c.person, c.character) for c in claims(nlp, text) if c.kind == "cast"] == [(person, character)]


def test_negated_director_is_not_a_claim(nlp):
    text = "Ballerina is the first film in the franchise to not be directed by Chad Stahelski."
    assert [c for c in claims(nlp, text) if c.kind == "director"] == []


def test_director_abbreviation_and_by(nlp):
    found = claims(nlp, "Ballerina review: Dir. Len Wiseman (2025)\nIt was directed by Chad Stahelski.")
    assert sorted(c.person for c in found if c.kind == "director") == ["Chad Stahelski", "Len Wiseman"]


def test_comparison_is_not_franchise_membership(nlp):
    text = "As it stands, Atomic Blonde remains more of a John Wick spin-off than the John Wick films."
    assert [c for c in claims(nlp, text) if c.kind == "in_franchise"] == []


def test_world_of_title_gives_membership(nlp):
    found = claims(nlp, "The reworked full title – From the World of John Wick: Ballerina – strips the film.")
    assert [(c.film, c.franchise) for c in found if c.kind == "in_franchise"] == [("Ballerina", "John Wick")]


def test_credit_without_a_film_is_left_for_the_reviewed_film(nlp):
    [claim] = [c for c in claims(nlp, "Charon (Lance Reddick) is back.") if c.kind == "cast"]
    assert claim.film is None and claim.film_from_review



def test_curly_apostrophe_negation_blocks_a_credit(nlp):
    text = "Ballerina is the first film not to be directed by Chad Stahelski. It wasn’t directed by Ian Bird."
    assert [c.person for c in claims(nlp, text) if c.kind == "director"] == []


@pytest.mark.parametrize("text, title", [
    ("Critics loved ‘Ten Nights at Harbor’s’ last year.", "Ten Nights at Harbor’s"),
    ("We saw “Harbor!” on Friday, and “Harbor!” is fun.", "Harbor!"),
])
def test_quoted_titles_ending_in_a_possessive_or_an_exclamation(nlp, text, title):
    doc = nlp(text)
    assert title in [doc[start:end].text for start, end in layout_titles(doc).items()]


def test_a_cry_quoted_once_is_no_title(nlp):
    doc = nlp("She screamed “Run!” and we ran.")
    assert not layout_titles(doc)
