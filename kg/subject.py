"""The work a review is about: from its metadata, its headline, or the work it discusses most.

A wrong reviewed film costs every credit of the review, so the choice weighs several signals:
the sidecar's ``film`` decides; else a headline's title the text writes again (:mod:`kg.layout`);
else each work the review names scores by its mentions (typed as a work or not), with a bonus
for the first work of the opening lines, for ``Title (2024)`` there, and for each credit that
names the work. Works named as background -- an earlier entry ("the original Scream"), someone's
filmography ("Jeffrey Wright (The French Dispatch)"), a comparison ("like Mad Max") -- do not
count, nor does a franchise's name when the review names any other work. A round-up of many
works is about none of them.

>>> from kg.model import Mention, Review, ReviewExtraction
>>> text = "The original Scream was fun. Scream VI is better. Scream VI is bloody."
>>> mentions = (Mention("Scream", "film", 13, 19, (0, 28), background=True),
...             Mention("Scream VI", "film", 29, 38, (29, 49)), Mention("Scream VI", "name", 50, 59, (50, 70)))
>>> extraction = ReviewExtraction(Review("r1", text, "r1.txt", ""), mentions, ())
>>> reviewed_film(extraction, {"Scream": {}, "Scream VI": {}}, frozenset())[0]
'Scream VI'
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .membership import NUMBERED_HEAD
from .model import Mention, ReviewExtraction, Source
from .names import is_part_of_name, norm, same_work, title_segments

WORK_TYPES = ("film", "series")
OPENING_CHARS = 300
GENERIC = frozenset("film movie tv series review".split())
YEAR_AFTER = re.compile(r"[’'\"”]?\s*\((?:19|20)\d\d\)")
HEADLINE_WEIGHT = {"review.headline": 1_000, "review.headline_echo": 8}  # a headline the text never echoes
METADATA_WEIGHT = 10_000
SEQUEL_BONUS = 2


def reviewed_film(extraction: ReviewExtraction, titles: dict, franchises: frozenset[str],
                  near=None) -> tuple[str | None, Source | None]:
    """The title of the work a review is about (one of ``titles`` where it can), and the first
    sentence naming it; ``(None, None)`` when the review is about no single work.

    ``near(name)`` lists the known titles that could be the same work as ``name`` (default: all).
    """
    review = extraction.review
    near = near or (lambda name: sorted(titles))
    claimed_roles = {norm(c.character) for c in extraction.claims if c.character} | {
        norm(c.person) for c in extraction.claims if c.person}
    scores: Counter = Counter()
    first: dict[str, Mention] = {}
    counted = [m for m in extraction.mentions if not m.background and norm(m.text) not in GENERIC]
    for strict in (True, False):  # names that are also a character or franchise count only when typed as
        for mention in counted:  # a work, unless nothing else in the review is a work at all
            typed = mention.type in WORK_TYPES
            if strict and not typed and (norm(mention.text) in franchises or norm(mention.text) in claimed_roles):
                continue
            if mention.type == "franchise" or not typed and _named_person(mention, claimed_roles):
                continue
            title = _title_for(mention, near, franchises, typed)
            if title:
                scores[title] += 1.0 if typed else 0.8
                if title not in first or mention.start < first[title].start:
                    first[title] = mention
        if scores:
            break
    _opening_bonus(extraction, scores, first, near, franchises)
    for claim in extraction.claims:
        if claim.kind in ("cast", "director") and claim.film and not claim.film_from_review:
            title = _title_for(Mention(claim.film, "film", 0, 0), near, franchises, True)
            if title:
                scores[title] += 1
        if claim.kind == "review_of" and claim.film:
            scores[claim.film] += HEADLINE_WEIGHT.get(claim.rule, 1_000)
            first.setdefault(claim.film, Mention(claim.film, "film", claim.source.start, claim.source.end,
                                                 (claim.source.start, claim.source.end)))
    _sequel_bonus(scores)
    if review.film:
        scores[review.film] += METADATA_WEIGHT
    works = _works(scores, franchises)
    if not works:
        return None, None
    best_score, best_title = max(((score, _display(members, scores)) for members, score in works),
                                 key=lambda pair: (pair[0], -_start(first, pair[1]), pair[1]))
    if best_score < 1_000 and _round_up(works):
        return None, None
    return best_title, _sentence(extraction, first.get(best_title) or _first_of(first, best_title, franchises))


def _sequel_bonus(scores: Counter) -> None:
    """A numbered entry named at least as often as its series' first title is the likelier subject
    than a rival named a little more: a review of "X 4" recalls "X" (and compares it with others)."""
    named = {norm(t): score for t, score in scores.items()}
    for title in list(scores):
        numbered = NUMBERED_HEAD.match(title)
        if numbered and scores[title] >= named.get(norm(numbered.group("head")), float("inf")):
            scores[title] += SEQUEL_BONUS


def _named_person(mention: Mention, claimed: set[str]) -> bool:
    """A name claims give to a person or character, or part of one ("John" of "John Wick")."""
    key = norm(mention.text)
    return key in claimed or len(key.split()) == 1 and any(key in name.split() for name in claimed)


def _title_for(mention: Mention, near, franchises: frozenset[str], typed: bool) -> str | None:
    """The known title a mention names: the same words if known, else the fullest title of that work."""
    text = mention.text
    found = []
    for title in near(text):
        if title.startswith("The ") and not text.startswith("The ") and not typed:
            continue  # "the Continental" (a hotel) is not "The Continental" (a series)
        if norm(text) == norm(title):
            return title
        if same_work(text, title, franchises):
            found.append(title)
    return max(found, key=lambda t: (len(title_segments(t)), len(t), t)) if found else None


def _opening_bonus(extraction: ReviewExtraction, scores: Counter, first: dict, near, franchises) -> None:
    """The first work a review names in its opening lines is what it is about more often than not;
    "Title (2014)" there is how a lede names the film under review."""
    review = extraction.review
    whole = _whole_franchises(franchises)
    written: dict[str, str] = {}
    for m in extraction.mentions:
        written.setdefault(norm(m.text), m.text)

    def candidate(text: str) -> str | None:  # the known title, or the whole franchise, this name is
        key = norm(text)
        same = sorted(t for t in near(text) if norm(t) == key and key not in GENERIC)
        return same[-1] if same else (written[key] if key in whole else None)

    candidates = {m.text: candidate(m.text) for m in extraction.mentions if m.start < OPENING_CHARS}
    opening = [m for m in extraction.mentions if m.start < OPENING_CHARS and not m.background
               and m.type != "franchise" and candidates[m.text]
               and not (candidates[m.text].startswith("The ") and not m.text.startswith("The "))]
    if opening:
        mention = min(opening, key=lambda m: m.start)
        title = candidates[mention.text]
        scores[title] += 2
        first.setdefault(title, mention)
    for mention in opening:
        if YEAR_AFTER.match(review.text, mention.end):
            title = candidates[mention.text]
            scores[title] += 4
            first.setdefault(title, mention)
            break


@lru_cache(maxsize=4)
def _whole_franchises(franchises: frozenset[str]) -> frozenset[str]:
    """The franchise names that are no part of a longer one (once per corpus, not per review)."""
    return frozenset(f for f in franchises if not any(f != g and is_part_of_name(f, g) for g in franchises))


def _works(scores: Counter, franchises: frozenset[str]) -> list[tuple[list[str], float]]:
    """Titles grouped into works (every way the review writes one title), each with its total score."""
    groups: list[list[str]] = []
    for title in sorted(scores, key=lambda t: (-len(title_segments(t)), -len(t), t)):
        home = next((g for g in groups if any(same_work(title, member, franchises) for member in g)), None)
        if home is None:
            groups.append([title])
        else:
            home.append(title)
    return [(members, sum(scores[m] for m in members)) for members in groups]


def _display(members: list[str], scores: Counter) -> str:
    """The fullest way the review writes the work: "Top Gun: Maverick" rather than "Maverick"."""
    headline = [m for m in members if scores[m] >= HEADLINE_WEIGHT["review.headline_echo"]]
    pool = headline or members
    return max(pool, key=lambda m: (scores[m] >= 1_000, len(title_segments(m)), len(m), scores[m], m))


def _round_up(works: list[tuple[list[str], float]]) -> bool:
    """Four or more works each named about twice, and the most named not three times the next."""
    named = sorted((score for _, score in works if score >= 1.5), reverse=True)
    return len(named) >= 4 and named[0] < 3 * named[1]


def _start(first: dict[str, Mention], title: str) -> int:
    return first[title].start if title in first else 0


def _first_of(first: dict[str, Mention], title: str, franchises) -> Mention | None:
    found = [m for t, m in first.items() if same_work(t, title, franchises) or norm(t) == norm(title)]
    return min(found, key=lambda m: m.start) if found else None


def _sentence(extraction: ReviewExtraction, mention: Mention | None) -> Source | None:
    if mention is None:
        return None
    text = extraction.review.text
    start, end = mention.sentence if mention.sentence != (0, 0) else (mention.start, mention.end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Source(extraction.review.id, start, end, text[start:end]) if end > start else None
