"""Facts about the review itself: the film in its headline, its author, rating and release date.

>>> parse_date("arrives in cinemas on 6th June 2025")
'2025-06-06'
>>> parse_rating_text("★★★½☆")
(3.5, 5.0)
"""
from __future__ import annotations

import re
from datetime import date

from . import patterns as P
from .layout import reviewed_title
from .model import Claim, Review, Source
from .names import norm

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|" \
        r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
DATE_FORMS = [
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(\d{{4}})\b", re.I), (3, 2, 1)),
    (re.compile(rf"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), (3, 1, 2)),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
]


def parse_date(text: str) -> str | None:
    """The first full date in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    for regex, (y, m, d) in DATE_FORMS:
        match = regex.search(text)
        if not match:
            continue
        month = match.group(m)
        month_number = int(month) if month.isdigit() else next(
            v for k, v in MONTHS.items() if k.startswith(month.lower().rstrip(".")[:3]))
        try:
            return date(int(match.group(y)), month_number, int(match.group(d))).isoformat()
        except ValueError:
            continue
    return None


def parse_rating_text(text: str) -> tuple[float, float | None] | None:
    """``"3.5/5"``, ``"2 out of 5"``, ``"★★☆☆☆"`` or ``"Rating: 4"`` as ``(value, best)``."""
    for _rule, value, best, _match in _ratings_in(text):
        return value, best
    return None


def _ratings_in(text: str):
    for rule, regex in P.RATING_PATTERNS:
        for match in regex.finditer(text):
            if rule == "rating.stars":
                stars = match.group(1)
                if len(stars) < 3 and "☆" not in stars:
                    continue
                value = stars.count("★") + (0.5 if "½" in stars else 0)
                yield rule, value, float(len(stars.replace("½", "☆")) if "☆" in stars else 5), match
            elif rule in ("rating.fraction", "rating.out_of"):
                value = 0.5 if match.group(1) == "½" else float(match.group(1))
                best = float(match.group(2))
                if best in (4, 5, 10, 100) and 0 <= value <= best:
                    yield rule, value, best, match
            else:
                yield rule, float(match.group(1)), None, match


def review_claims(review: Review, templates, names, hints) -> list[Claim]:
    """Headline film, author, rating and release-date claims of one review."""
    claims = []
    reviewed = reviewed_title(review.text)
    if reviewed:
        title, display, again = reviewed
        line_start = review.text.rfind("\n", 0, title.start) + 1
        line_end = review.text.find("\n", title.end)
        source = _quote(review, line_start, len(review.text) if line_end < 0 else line_end)
        claims.append(Claim("review_of", source, "review.headline" if again else "review.headline_echo",
                            review=review.id, film=display))
    titles = {norm(reviewed[0].text), norm(reviewed[1])} if reviewed else set()
    claims += [c for c in author_claims(review, templates, names) if norm(c.person) not in titles]  # not the film
    for template in templates:
        if P.RELEASE_CUES.search(template.sentence):
            iso = parse_date(template.sentence)
            if iso:
                source = _quote(review, template.start, template.end)
                slots = sorted(template.slots.items())
                works = tuple(names[k].text for _, k in slots if hints.get(k) in ("film", "series"))
                claims.append(Claim("release_date", source, "release.date", value=iso, film_from_review=True,
                                    film_hints=works, nearby=tuple(names[k].text for _, k in slots)))
    claims += _rating_claims(review)
    return claims


def author_claims(review: Review, templates, names) -> list[Claim]:
    """The critic, from a byline ("By X", "X, Staff Writer", "X - Los Angeles", "X | 26 Jan 2024",
    "…, writes X."), a bio ("X is a film critic …") or a name alone above the date. "Written by"
    inside a credit block names the screenwriter, not the critic."""
    out = []
    for index, template in enumerate(templates):
        text = template.text
        for rule, regex in (("author.bio", P.AUTHOR_BIO), ("author.byline", P.AUTHOR_BYLINE),
                            ("author.byline", P.AUTHOR_BYLINE_GLUED), ("author.writes", P.AUTHOR_WRITES),
                            ("author.byline", P.AUTHOR_FROM), ("author.byline", P.AUTHOR_REVIEW_OF), ("author.critic", P.AUTHOR_CRITIC),
                            ("author.byline", P.AUTHOR_REVIEWED_BY), ("author.byline", P.AUTHOR_PIPED),
                            ("author.copyright", P.AUTHOR_COPYRIGHT)):
            match = regex.search(text)
            if not match:
                continue
            k = int(match.group("person").strip("§"))
            if rule == "author.byline" and len(text) >= 90 and regex is P.AUTHOR_BYLINE:
                continue
            if regex in (P.AUTHOR_BYLINE_GLUED, P.AUTHOR_FROM, P.AUTHOR_COPYRIGHT) and names[k].ner != "PERSON":
                continue
            if text.startswith("written by") and _in_credit_block(templates, index):
                continue
            start, end = template.chars(*match.span())
            out.append(Claim("review_author", _quote(review, start, end), rule, review=review.id,
                             person=names[k].text))
        last = index == len(templates) - 1
        if (index < 15 or last) and not out:
            out += _staff_line(review, template, names, templates[index + 1] if not last else None,
                               templates[index - 1] if index else None, credits=_in_credit_block(templates, index))
    return out


def _in_credit_block(templates, index: int) -> bool:
    """A line beside "Director:", "Starring:", "Music:" lines is a credit, not a byline."""
    around = [t.sentence.strip() for t in templates[max(0, index - 2):index + 3] if t is not templates[index]]
    return any(P.CREDIT_FIELD.match(line) for line in around)


def _staff_line(review: Review, template, names, following, previous=None, credits: bool = False) -> list[Claim]:
    """ "X, Staff Writer", "X - Los Angeles", "X | On 26 Jan 2024", or X alone above such a line or a date;
    or a full name alone on its line, named nowhere else, between a headline and the prose (or signing
    off the review), and not inside a block of credits."""
    match = re.match(r"^(?:\d+ )?§(\d+)§(?: (?:,|[-–—|]) (?P<rest>.+))?$", template.text)  # "3David Farnor | On …"
    if not match:
        return []
    name = names[int(match.group(1))]
    if not 2 <= len(name.text.split()) <= 4 or name.text.isupper() or (name.ner != "PERSON" and not match.group("rest")) \
            or re.search(r"\d|^(?:The|A|An) ", name.text):
        return []  # "The Lego Movie 2" above its full title is no critic, whatever the tagger says
    if match.group("rest"):
        rest = template.sentence[template.sentence.find(name.text) + len(name.text):].strip(" ,|-–—")
        places = [names[k] for k in template.slots.values() if names[k] is not name]
        if not (P.STAFF_TITLE.match(rest) or P.DATE_LINE.match(rest) or re.match(r"(?i)on\b", rest)
                or places and all(p.ner in ("GPE", "LOC") for p in places) and len(places) == len(rest.split(",")) ):
            return []
        rule = "author.staff"
    else:
        line = following.sentence.strip() if following is not None else ""
        if P.DATE_LINE.match(line) or P.STAFF_TITLE.match(line) or line.startswith(name.text) and line != name.text:
            rule = "author.above_date"
        elif _lone_byline(review, template, name, line, previous, credits):
            rule = "author.alone"
        else:
            return []
    return [Claim("review_author", _quote(review, name.start_char, name.end_char), rule, review=review.id,
                  person=name.text)]


def _lone_byline(review: Review, template, name, following: str, previous, credits: bool) -> bool:
    """A name on a line of its own is the critic's when the review names that person nowhere else
    and no credit is beside it: not a credit field, nor a name alone on the line before or after
    (one name per line is a list of credits)."""
    line_start = review.text.rfind("\n", 0, template.start) + 1
    line_end = review.text.find("\n", template.start)
    own_line = review.text[line_start:len(review.text) if line_end < 0 else line_end].strip() == name.text
    if credits or not own_line or review.text.count(name.text) != 1:
        return False
    if previous is not None and re.fullmatch(r"§\d+§", previous.text):
        return False
    return not re.fullmatch(r"[^\W\d_][\w.'’ -]{0,40}", following) and not P.CREDIT_FIELD.match(following)


def _rating_claims(review: Review) -> list[Claim]:
    """Ratings on their own line, labelled ("Rating: 4/5"), as stars, or a bare number under "Verdict"."""
    lines, offset, heading_at = [], 0, None
    for line in review.text.splitlines(keepends=True):
        lines.append((offset, line))
        offset += len(line)
    for index, (start, line) in enumerate(lines):
        stripped = line.strip()
        if P.HEADING.match(stripped):
            heading_at = index
            continue
        if not stripped:
            continue
        labelled = P.RATING_LABEL.match(stripped) or len(stripped) <= 24
        for rule, value, best, match in _ratings_in(stripped):
            if rule != "rating.stars" and len(stripped) > 80:
                continue  # in prose, "3/5" and "2 out of 5" are rarely the verdict; a row of stars is
            if rule in ("rating.fraction", "rating.out_of") and not labelled and "star" not in stripped.lower():
                continue
            lead = line.index(stripped)
            return [_rating(review, start + lead + match.start(), start + lead + match.end(), rule, value, best)]
        bare = re.fullmatch(r"(\d{1,2}(?:\.\d)?)", stripped)
        if bare and heading_at is not None and index - heading_at <= 6 and float(bare.group(1)) <= 10:
            lead = line.index(stripped)
            return [_rating(review, start + lead, start + lead + len(stripped), "rating.bare", float(stripped), None)]
    return []


def _rating(review: Review, start: int, end: int, rule: str, value: float, best: float | None) -> Claim:
    value = int(value) if float(value).is_integer() else value
    best = int(best) if best is not None and float(best).is_integer() else best
    return Claim("review_rating", _quote(review, start, end), rule, review=review.id, value=value, best=best)


def _quote(review: Review, start: int, end: int) -> Source:
    text = review.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Source(review.id, start, end, text[start:end])
