"""Sentence templates: each sentence with its names as placeholders, and what the words around a
name say about it.

A template writes every name found in the sentence as ``§k§`` (k indexes the review's names) and
every other token lowercased, one space apart, so patterns (:mod:`kg.patterns`) are plain regular
expressions: ``"Eve (an excellent Ana De Armas)"`` reads ``"§0§ ( an excellent §1§ )"``. Each
piece keeps its character span, so a match is quoted exactly from the review.

>>> import spacy
>>> from kg.mentions import find_names
>>> doc = spacy.blank("en")("Eve (an excellent Ana de Armas) is great.")
>>> sentence_templates(doc, find_names(doc))[0].text
'§0§ ( an excellent §1§ ) is great .'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from . import patterns as P
from .mentions import Name
from .model import Review, Source
from .names import norm

QUOTE_BEFORE = re.compile(r"[‘“'\"] $")
QUOTE_AFTER = re.compile(r"^[’”'\"] (?:, )?")
NOT_WORKS = frozenset("DATE TIME FAC GPE LOC CARDINAL ORDINAL QUANTITY MONEY EVENT NORP LANGUAGE".split())
CLAUSE_BREAKS = frozenset(",;:–—()")
RELATIVE_WORDS = frozenset("that which who whom whose where when while but".split())


@dataclass(frozen=True)
class Template:
    """A sentence with names as ``§k§``: ``spans[i]`` maps piece ``i`` of ``text`` to characters."""

    start: int  # the sentence's character span in the review
    end: int
    sentence: str  # the sentence as written
    text: str
    pieces: tuple[tuple[int, int, int, int], ...]  # (template start, end, char start, char end)
    slots: dict[int, int]  # template offset of "§k§" -> k

    def chars(self, begin: int, end: int) -> tuple[int, int]:
        """The character span in the review of template offsets ``[begin, end)``."""
        inside = [p for p in self.pieces if p[0] < end and p[1] > begin]
        return inside[0][2], inside[-1][3]

    def names_in(self, text: str) -> list[int]:
        return [int(k) for k in re.findall(r"§(\d+)§", text)]


def sentence_templates(doc: Doc, names: list[Name], toks: list[Token] | None = None,
                       text: str | None = None) -> list[Template]:
    """One template per sentence, names replaced by ``§k§`` (k indexes ``names``)."""
    starting = {n.start: k for k, n in enumerate(names)}
    toks = toks if toks is not None else list(doc)
    text = doc.text if text is None else text
    templates = []
    for sent in (doc.sents if doc.has_annotation("SENT_START") else [doc[:]]):
        parts, pieces, slots, offset = [], [], {}, 0
        i = sent.start
        while i < sent.end:
            if i in starting and names[starting[i]].end <= sent.end:
                k = starting[i]
                name = names[k]
                if parts and parts[-1].startswith("§") and names[int(parts[-1][1:-1])].end_char == name.start_char:
                    parts.append(",")  # "Stars: Keanu ReevesIan McShane": names a page ran together are a list
                    pieces.append((offset, offset + 1, name.start_char, name.start_char))
                    offset += 2
                piece, chars, i = f"§{k}§", (name.start_char, name.end_char), name.end
                slots[offset] = k
            else:
                token = toks[i]
                i += 1
                if token.is_space:
                    continue
                piece, chars = token.lower_.replace("§", "#"), (token.idx, token.idx + len(token.text))  # § marks names
                if _glued_hyphen(toks, token) and pieces and not parts[-1].startswith("§"):
                    following = toks[token.i + 1]
                    parts[-1] += "-" + following.lower_.replace("§", "#")
                    pieces[-1] = (pieces[-1][0], pieces[-1][0] + len(parts[-1]), pieces[-1][2],
                                  following.idx + len(following))
                    offset = pieces[-1][1] + 1
                    i += 1
                    continue
            parts.append(piece)
            pieces.append((offset, offset + len(piece), *chars))
            offset += len(piece) + 1
        if pieces:
            templates.append(Template(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char],
                                      " ".join(parts), tuple(pieces), slots))
    return templates


def _glued_hyphen(toks: list[Token], token: Token) -> bool:
    """A hyphen inside a word ("spin-off"), which the tokenizer split apart."""
    if token.text != "-" or token.i == 0 or token.i + 1 >= len(toks) or token.whitespace_:
        return False
    before, after = toks[token.i - 1], toks[token.i + 1]
    return not before.whitespace_ and before.is_alpha and after.is_alpha and after.text[:1].islower()


def type_hints(templates: list[Template], names: list[Name]) -> dict[int, str]:
    """The type the words around each name suggest: film, series or franchise."""
    hints: dict[int, str] = {}
    weak_franchise: list[int] = []
    for template in templates:
        for offset, k in template.slots.items():
            before = QUOTE_BEFORE.sub("", template.text[:offset])  # "the “John Wick” franchise"
            after = QUOTE_AFTER.sub("", template.text[offset + len(f"§{k}§") + 1:])
            name = names[k].text
            if P.STREAMER.match(name) or P.STREAMER.match(name.removesuffix(" original")):
                continue  # "the Prime Video series Fallout", "a Netflix original": where a work streams
            if (P.FRANCHISE_AFTER.match(after) or P.FRANCHISE_BEFORE.search(before)) and ": " not in name:
                hints[k] = "franchise"  # not "(From the World of) John Wick: Ballerina"
            elif P.MEMBERSHIP_AFTER.match(after):
                weak_franchise.append(k)  # "the John Wick prequel", but "the Peacock prequel series"
            elif P.SERIES_BEFORE.search(before) and not P.FILM_BEFORE.search(before) or P.SERIES_AFTER.match(after) \
                    or _on_a_streamer(after, names):
                hints[k] = "series"
            elif name.lower() in P.GENERIC_TITLES:
                continue  # "Film Review: ‘X’": "Film" is a word of the layout, not a title
            elif P.YEAR_AFTER.match(after) and re.search(r"(?:dir \.|dir\.|director|directed by)(?: :)? $", before):
                continue  # "Dir. Len Wiseman (2025)": the year is the film's, the name a person's
            elif P.MADE_BY_AFTER.match(after):
                continue  # "the first film Chad Stahelski directed": a maker, not a title
            elif names[k].quoted and re.search(r"\b(?:name|credited as|known as|born|aka)(?: ,)? [“\"‘]? ?$", before):
                continue  # "credited as her legal name, “Robyn Rihanna Fenty”": a person's name in quotes
            elif (names[k].quoted or names[k].titled or P.FILM_BEFORE.search(before) or P.FILM_AFTER.match(after)
                  or P.SPINOFF.search(before) or _numbered_title(names[k])
                  or re.match(r"From the World of .+: ", name) or (": " in name and not name.endswith(":"))
                  or re.search(r"\bChapter \d", name)):
                hints[k] = "film"
    strong = {norm(names[k].text) for k, h in hints.items() if h == "franchise"}
    for k in weak_franchise:
        if k not in hints and norm(names[k].text) in strong:
            hints[k] = "franchise"
    return hints


def _on_a_streamer(after: str, names: list[Name]) -> bool:
    """ "X on Netflix has …", "X from Apple TV+": where a show streams (not "X on Netflix films")."""
    match = re.match(r"^(?:on|from) §(\d+)§(?! (?:films?|movies?|documentar))", after)
    return bool(match) and bool(P.STREAMER.match(names[int(match.group(1))].text))


def _numbered_title(name: Name) -> bool:
    """ "Night Harbor III", "Fast 9", "Dune: Part Two", "Vol. 3": a numbered entry of a series
    (not "Spence Moore II", whom the NER calls a person)."""
    words = name.text.split()
    counted = name.ner in ("CARDINAL", "ORDINAL") and len(words) >= 3  # "THE ADDAMS FAMILY 2": the NER saw the 2
    if not P.NUMBERED_TITLE.search(name.text) or len(words) > 7 or name.ner in NOT_WORKS and not counted:
        return False
    if words[0].lower().rstrip(".,") in P.CALENDAR_WORDS:
        return False  # "Thu 23", "Published Mar 25"
    return not (name.ner == "PERSON" and len(words) >= 3 and not words[-1].isdigit())  # "Happy Gilmore 2" is a film


def background_names(templates: list[Template], names: list[Name]) -> set[int]:
    """Names of works given as background: "the original Scream", "“The Transporter” director X",
    "like Mad Max", and titles in brackets after a person ("Jeffrey Wright (The French Dispatch)")."""
    out: set[int] = set()
    for template, following in zip(templates, templates[1:]):
        if P.EARLIER_NEXT.match(following.text):  # "In 2014, X told the story of … The first film caused …"
            out |= {k for k in template.slots.values()
                    if names[k].titled or names[k].quoted or ":" in names[k].text}
    for template in templates:
        for offset, k in template.slots.items():
            before = QUOTE_BEFORE.sub("", template.text[:offset])
            after = QUOTE_AFTER.sub("", template.text[offset + len(f"§{k}§") + 1:])
            if P.BACKGROUND_BEFORE.search(before) or P.BACKGROUND_AFTER.match(after) \
                    or re.search(r"§\d+§ \( (?:[^()§]* )?(?:§\d+§ (?:[^()§]* )?)*$", before):
                out.add(k)
    return out


# --- 3. claims ---------------------------------------------------------------------------------


def clause_quote(review: Review, template: Template, begin: int, end: int, rule: str) -> Source:
    """The smallest clause around template span ``[begin, end)``, quoted exactly."""
    first = next(i for i, p in enumerate(template.pieces) if p[1] > begin)
    last = max(i for i, p in enumerate(template.pieces) if p[0] < end)
    pieces = template.pieces
    words = template.text
    protect = {i for i, p in enumerate(pieces) if begin <= p[0] and p[1] <= end}
    while first > 0 and words[pieces[first - 1][0]:pieces[first - 1][1]] not in CLAUSE_BREAKS \
            and (first - 1) not in protect:
        first -= 1
    while last + 1 < len(pieces) and words[pieces[last + 1][0]:pieces[last + 1][1]] not in CLAUSE_BREAKS | {"."} \
            and (last + 1) not in protect:
        last += 1
    start, stop = pieces[first][2], pieces[last][3]
    text = review.text
    return Source(review.id, start, stop, text[start:stop])


def blocked(template: Template, begin: int, end: int, cues: frozenset[str], window: int = 6) -> bool:
    """True when a cue word sits in the match or in the few words of its clause before it."""
    before = template.text[:begin].split(" ")
    words = []
    for word in reversed(before):
        if word in CLAUSE_BREAKS:
            break
        words.append(word)
    inside = template.text[begin:end].split(" ")
    return any(w in cues for w in words[:window] + inside)


def clause_has(template: Template, begin: int, end: int, cues: frozenset[str],
               until: frozenset[str] = frozenset()) -> bool:
    """True when a cue word is anywhere in the clause around template span ``[begin, end)``; after
    the span, the clause also ends at a word of ``until`` (a relative clause: "that you never …")."""
    words = template.text.split(" ")
    starts = [0]
    for word in words[:-1]:
        starts.append(starts[-1] + len(word) + 1)
    first = max((i for i, at in enumerate(starts) if at <= begin), default=0)
    last = max((i for i, at in enumerate(starts) if at < end), default=len(words) - 1)
    while first > 0 and words[first - 1] not in CLAUSE_BREAKS:
        first -= 1
    while last + 1 < len(words) and words[last + 1] not in CLAUSE_BREAKS | {"."} | until:
        last += 1
    return any(w in cues for w in words[first:last + 1])


def film_context(template, names, hints, groups, used, begin, clause=None,
                  linked=True) -> tuple[str | None, tuple, tuple]:
    """The film a pattern names; else the works linked by "in / of / from" in its clause, and every
    other name in the sentence, nearest first. Resolution decides once it knows the reviewed film.
    """
    if groups.get("film"):
        return names[template.names_in(groups["film"])[0]].text, (), ()
    which = P.WHICH_STARRED.search(template.text[:begin])
    if which and hints.get(int(which.group("k"))) in ("film", "series"):
        return names[int(which.group("k"))].text, (), ()
    others = sorted((abs(offset - begin), k, offset) for offset, k in template.slots.items() if k not in used)
    start, end = clause or (template.start, template.end)
    films = tuple(dict.fromkeys(names[k].text for _, k, offset in others if hints.get(k) in ("film", "series")
                                and (not linked
                                     or P.FILM_LINK.search(template.text[:offset]) and start <= names[k].start_char < end
                                     or P.SENTENCE_FILM.match(template.text[:offset]))))
    return None, films, tuple(dict.fromkeys(names[k].text for _, k, _ in others))
