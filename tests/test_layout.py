"""The title a page's headline lines give away (kg/layout.py), on headlines of our own."""
from __future__ import annotations

import pytest

from kg.layout import fold_title, headline_titles, recurrences, reviewed_title

P = pytest.param


@pytest.mark.parametrize("text, title", [
    P("Streaming review: Night Harbor\nDirector: Ana Ruiz\n", "Night Harbor", id="site-words-then-colon"),
    P("Movie Reviews\nImage result for night harbor 2 poster\nNight Harbor 2 is long, and it knows it.", "Night Harbor 2",
      id="an-image-alt-text-in-lower-case-takes-the-prose-casing"),
    P("Review | Night Harbor\nNight Harbor is long.", "Night Harbor", id="review-bar"),
    P("Night Harbor review: a slow, sad, lovely thing\nNight Harbor is long.", "Night Harbor",
      id="title-review-colon-deck"),
    P("“Night Harbor” Review: Ana Ruiz Makes a Quiet Debut\nNight Harbor is long.", "Night Harbor",
      id="quoted-title-before-review"),
    P("Review: Two stars add sparkle to ‘Night Harbor,’ but the plot sinks\n\nIn Night Harbor we wait.",
      "Night Harbor", id="quoted-title-inside-a-headline-sentence"),
    P("I watched The Long Road: A Story of Rivers and Roads and this is what I think\n\nThe Long Road: A Story "
      "of Rivers and Roads is long.", "The Long Road: A Story of Rivers and Roads", id="i-watched"),
    P("MARCH 3, 2024\n\nCINEMA | 'Night Harbor' – A Quiet Star Rises\nNight Harbor is long.", "Night Harbor",
      id="section-bar-and-quoted-title"),
    P("NIGHT HARBOR: THE RETURN\n\nStarring: Ana Ruiz\n\nNight Harbor: The Return is long.",
      "Night Harbor: The Return", id="all-caps-title-line-takes-the-prose-casing"),
    P("Night Harbor (2024)\n**/****\nstarring Ana Ruiz\nNight Harbor is long.", "Night Harbor",
      id="title-line-with-year-and-grade"),
    P("Night Harbor ★★★★\n\nDirector: Ana Ruiz\n\nNight Harbor is long.", "Night Harbor", id="title-line-with-stars"),
    P("date 2024-03-02 Night Harbor review: waves\n\nNight Harbor is long.", "Night Harbor", id="leading-date"),
    P("Review: Night Harbor Turns Its Heroine's Long Wait into a Fine Quiet Drama of the Sea\n\nNight Harbor "
      "is long.", "Night Harbor", id="title-case-headline-sentence-keeps-the-recurring-title"),
    P("REVIEW: Night Harbor 3 Sails Back Home\n\nNight Harbor 3 is long.", "Night Harbor 3",
      id="short-headline-sentence-cut-at-its-verb-not-before-the-number"),
    P("Night Harbor Chapter 2\n\nThe film picks up after Night Harbor. It is long.", "Night Harbor Chapter 2",
      id="a-short-title-is-not-cut-before-its-chapter"),
    P("Title: Night Harbor Bloodlines\nDirector: Ana Ruiz\nThe Night Harbor films are long.",
      "Night Harbor Bloodlines", id="a-labelled-title-is-never-cut"),
    P("Menu\nNight Harbor: The Return (Netflix)\nBy Ana Ruiz\nMarch 3, 2024\nNight Harbor: The Return is long.",
      "Night Harbor: The Return", id="bare-title-above-a-byline-with-its-platform"),
    P("Review: Ana Ruiz's 'Night Harbor 2' Starring Bo Lee and Cy Tan\n\nNight Harbor 2 is long.", "Night Harbor 2",
      id="an-owner-before-a-quoted-title"),
    P("Review of Acme Pictures' NIGHT HARBOR: THE RETURN\n\nNight Harbor: The Return is long.",
      "Night Harbor: The Return", id="review-of-a-studio's-all-caps-title"),
    P("Night Harbor A Tide to Die For **** (2014, Ana Ruiz) – Movie Review\n\nNight Harbor: A Tide to Die For "
      "is long.", "Night Harbor: A Tide to Die For", id="stars-and-year-with-credits-and-the-prose-colon"),
    P("The Harbor Files, Channel 5 - TV review: the tide returns\n\nThe Harbor Files is long.", "The Harbor Files",
      id="a-channel-after-the-title"),
    P("Night Harbor\nFilm Review by Ana Ruiz | 25 Sep 2014\nFilm title: Night Harbor\n\nNight Harbor is long.",
      "Night Harbor", id="a-film-review-by-byline-is-no-title"),
    P("Reviewer's Rating 3 out of 5\nNight Harbor 2 (1978)\n\nIt has been four years since the storm, and the "
      "sequel is mild.", "Night Harbor 2", id="a-rating-line-then-a-dated-title-line"),
    P("Night Harbor On Elm Street 3: Dream Sailors (1987)\n\nDirector: Ana Ruiz\n\nNight Harbor On Elm Street is "
      "back, and A Night Harbor On Elm Street 3 is long.", "Night Harbor On Elm Street 3: Dream Sailors",
      id="a-dated-title-line-is-not-cut-at-a-shorter-recurrence"),
    P("Night harbor: The MIghty Movie\n\nDirector: Ana Ruiz • Writers: Bo Lee\n\nThe harbor is loud.",
      "Night harbor: The MIghty Movie", id="a-title-with-slipped-casing-above-a-credit-field"),
    P("Night Harbor To. Directed by Ana Ruiz and Bo Lee. Starring Tom Fell. Rating: 4 (out of 10)\nIn the same week "
      "Night Harbor To lands.", "Night Harbor To", id="a-title-then-credits-on-one-line"),
    P("Night Harbor season 11 – first look review: Rita Moss crackles\n\nNight Harbor is a show that changes.",
      "Night Harbor", id="season-and-first-look-review"),
    P("Night Harbor – Director Ana Ruiz (Film Review)\n\nNight Harbor is a quiet film about the sea.",
      "Night Harbor", id="a-director-after-a-dash-is-no-part-of-the-title"),
    P("Harbor, The (1986): Ana Ruiz's Sea Drama, Starring Tom Fell\n\nWritten by Bo Lee, “The Harbor” is long.",
      "The Harbor", id="an-archive-s-inverted-title"),
    P("The Show: ‘Night Harbor’\nThe Network: Netflix\n\nNight Harbor is a long show about the sea.",
      "Night Harbor", id="a-the-show-label"),
    P("Close this search box.\n\nNight Harbor (Prime Series) Review: Better Than Expected\n\nNight Harbor is long.",
      "Night Harbor", id="a-streamer-s-series-in-brackets"),
    P("night-harbor-return-slugGone Awry\nNight Harbor: The Return\nStars: Rita Moss, Tom Fell\nDirector: Ana Ruiz\n\n"
      "The Return is long, and Night Harbor fans will wait for the storm.", "Night Harbor: The Return",
      id="an-echoed-title-line-above-a-credit-block"),
    P("Reviewed by: Jo Park\n\nNight Harbor In Winter\n\"The storm is long.\"\n\nWinter grows on you, and so does the "
      "sea.", "Night Harbor In Winter", id="an-echoed-title-line-under-a-byline-field"),
])
def test_reviewed_title(text, title):
    found = reviewed_title(text)
    assert found is not None and found[1] == title


@pytest.mark.parametrize("text", [
    P("The Reel Review\nAna Ruiz stars in this drama about the sea, which is long.", id="site-name-is-no-title"),
    P("By Ana Ruiz\nPublished March 3, 2024\nThis week's films are long and all of them are sad ones.",
      id="byline-and-date-are-no-titles"),
    P("Home › Reviews › Film\nFilm Reviews\nEvery one of this week's films is long and most are sad.",
      id="navigation-is-no-title"),
    P("Director: Ana Ruiz\nWriters: Bo Lee\nIt is a long film, and a very sad one, about the sea.",
      id="credit-fields-are-no-titles"),
    P("U.S. Release Date: May 3, 2002\nDirector: Ana Ruiz\nCast: Tom Fell, Bo Lee\n\nWaves Around Tom\nby Jo Park\n\n"
      "In The Harbor, the waves come for Tom Fell, and the long wait of The Harbor begins at once.",
      id="an-article-s-headline-under-a-credit-block-is-no-title"),
])
def test_no_title_from_page_furniture(text):
    assert reviewed_title(text) is None


@pytest.mark.parametrize("text, title", [
    P("'Night Harbor' sequel loses its way: 2 stars\n\nNight Harbor 2 is long; Night Harbor was not.",
      "Night Harbor 2", id="numbered"),
    P("‘Night Harbor’ sequel sinks\n\nIn “Night Harbor: Low Tide” the crew returns to Night Harbor.",
      "Night Harbor: Low Tide", id="subtitled"),
])
def test_a_quoted_title_before_sequel_reviews_the_sequel_the_text_names(text, title):
    assert reviewed_title(text)[1] == title


def test_a_quoted_title_before_sequel_is_not_the_reviewed_film_itself():
    text = "'Night Harbor' sequel loses its way: 2 stars\n\nThe new one is long; Night Harbor was not."
    assert reviewed_title(text) is None


def test_a_quoted_number_is_no_title():
    assert reviewed_title("Review: Santa Clause coming ‘2’ town\nThe first holiday movie is here.") is None


def test_a_film_review_by_line_is_a_byline():
    assert [t.text for t in headline_titles("Film Review by Ana Ruiz | 25 Sep 2014\nDirector: Bo Lee\n")] == []


def test_a_bare_title_line_counts_only_first_or_above_credits():
    text = "Night Harbor\n\nAna Ruiz\nDirector: Bo Lee\n\nNight Harbor is long. Ana Ruiz is in it."
    assert [t.text for t in headline_titles(text)] == ["Night Harbor", "Ana Ruiz"]
    assert reviewed_title(text)[1] == "Night Harbor"


def test_recurrences_ignore_case_hyphens_and_lowercase_words():
    text = "SPIDER-GIRL: NIGHT SHIFT\n\nSpider-Girl: Night Shift is fun; a spider-girl night shift is not."
    title = headline_titles(text)[0]
    assert [text[s:e] for s, e in recurrences(text, title)] == ["Spider-Girl: Night Shift"]
    assert fold_title("SPIDER GIRL: Night-Shift") == fold_title("Spider-Girl – Night Shift")




def test_a_reviewer_label_line_is_no_title():
    text = ("Reviewer: See Harbor Bros. Movie In The Theater\n\nAna Ruiz, Staff Writer\n\n“The Harbor Bros. Movie” is "
            "a fun film for anyone who sails. Now in theaters, “Harbor” will be on a streamer soon.")
    found = reviewed_title(text)
    assert found is None or not found[1].startswith("Reviewer"), found
