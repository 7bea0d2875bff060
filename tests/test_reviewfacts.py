"""Review facts: ratings in their many forms, dates, and bylines laid out above a date."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Review
from kg.nlp import load_pipeline
from kg.reviewfacts import parse_date, parse_rating_text


@pytest.mark.parametrize("text, expected", [
    ("3.5/5 stars", (3.5, 5.0)), ("Rating: 4/5", (4.0, 5.0)), ("2 out of 5", (2.0, 5.0)),
    ("★★☆☆☆", (2, 5.0)), ("★★★½☆", (3.5, 5.0)), ("3 CAMS", (3.0, None)), ("Score: 7", (7.0, None)),
])
def test_rating_forms(text, expected):
    assert parse_rating_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("arrives in cinemas on 6th June 2025.", "2025-06-06"), ("hits theaters March 24, 2023", "2023-03-24"),
    ("out 2023-03-24", "2023-03-24"), ("in cinemas on 31 February 2025", None), ("released in June", None),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_star_rating_in_a_long_headline_and_byline_above_a_date():
    text = ("John Wick: Chapter 4 review – Keanu Reeves goes out with a bang that lasts three hours ★★★★☆\n"
            "Callum Ashdown\nThu 23 Mar 2023 14.00 GMT\nThe fourth film is long.")
    found = extract(load_pipeline()(text), Review("r", text, "r.txt", ""))
    got = {(c.kind, c.value, c.best, c.person) for c in found.claims if c.kind in ("review_rating", "review_author")}
    assert got == {("review_rating", 4, 5, None), ("review_author", None, None, "Callum Ashdown")}


def test_a_fraction_in_prose_is_not_a_rating():
    text = "Ballerina review\nThe film spends 2/3 of its time on training, and 9 out of 10 fights are great."
    found = extract(load_pipeline()(text), Review("r", text, "r.txt", ""))
    assert [c for c in found.claims if c.kind == "review_rating"] == []
