"""Extraction: one spaCy ``Doc`` of a review -> typed name mentions and claims with exact quotes.

Three steps, each a small function:

1. :func:`kg.mentions.find_names` groups capitalised tokens into names (people, titles,
   characters), with colon titles and "From the World of X: Y" kept whole;
2. :func:`sentence_templates` writes each sentence with its names as placeholders, and
   :func:`type_hints` reads the words around each name ("the film X", "the X franchise");
3. :func:`extract` runs the patterns of :mod:`kg.patterns` over the templates, drops claims
   in negated, hypothetical or comparative clauses, checks each role against the review's
   evidence for that name, and quotes the smallest clause that holds the match.

>>> import spacy
>>> from kg.model import Review
>>> text = "Eve (Ana de Armas) is great."
>>> found = extract(spacy.blank("en")(text), Review("r1", text, "r1.txt", ""))
>>> [(c.kind, c.person, c.character, c.source.quote) for c in found.claims]
[('cast', 'Ana de Armas', 'Eve', 'Eve (Ana de Armas) is great')]
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from . import patterns as P
from .model import Claim, Mention, Review, ReviewExtraction, Source
from .mentions import Name, find_names
from .names import PARTICLES, norm
from .reviewfacts import review_claims

CONJOINED_BEFORE = re.compile(r"§ (?:and|&) (?:the )?(?:[a-z]+ ){0,2}$")
NOT_PEOPLE = frozenset("GPE LOC NORP FAC".split())  # not ORG: the model calls Keanu Reeves one
SERIES_PARTS = frozenset("Chapter Part Episode Season Volume Vol. Book".split())
CLAUSE_BREAKS = frozenset(",;:–—()")
STRONG_CAST = frozenset({"cast.as", "cast.plays", "cast.played_by", "cast.respectively", "cast.named",
                         "cast.known_as"})
CREDIT_LISTS = frozenset({"cast.credits", "cast.starring", "cast.returning", "cast.played_by_list", "cast.caption",
                          "cast.list_line", "cast.block"})


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


# --- 1. names ------------------------------------------------------------------------------


# --- 2. templates and type hints --------------------------------------------------------------


# --- 2. templates and type hints --------------------------------------------------------------


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
                piece, chars, i = f"§{k}§", (name.start_char, name.end_char), name.end
                slots[offset] = k
            else:
                token = toks[i]
                i += 1
                if token.is_space:
                    continue
                piece, chars = token.lower_, (token.idx, token.idx + len(token.text))
                if _glued_hyphen(toks, token) and pieces and not parts[-1].startswith("§"):
                    following = toks[token.i + 1]
                    parts[-1] += "-" + following.lower_
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
            before = template.text[:offset]
            after = template.text[offset + len(f"§{k}§") + 1:]
            name = names[k].text
            if P.FRANCHISE_AFTER.match(after) or P.FRANCHISE_BEFORE.search(before):
                hints[k] = "franchise"
            elif P.MEMBERSHIP_AFTER.match(after):
                weak_franchise.append(k)  # "the John Wick prequel", but "the Peacock prequel series"
            elif P.SERIES_BEFORE.search(before) and not P.FILM_BEFORE.search(before):
                hints[k] = "series"
            elif name.lower() in P.GENERIC_TITLES:
                continue  # "Film Review: ‘X’": "Film" is a word of the layout, not a title
            elif P.YEAR_AFTER.match(after) and re.search(r"(?:dir \.|dir\.|director|directed by)(?: :)? $", before):
                continue  # "Dir. Len Wiseman (2025)": the year is the film's, the name a person's
            elif P.MADE_BY_AFTER.match(after):
                continue  # "the first film Chad Stahelski directed": a maker, not a title
            elif (names[k].quoted or P.FILM_BEFORE.search(before) or P.FILM_AFTER.match(after)
                  or P.SPINOFF.search(before)
                  or re.match(r"From the World of .+: ", name) or (": " in name and not name.endswith(":"))
                  or re.search(r"\bChapter \d", name)):
                hints[k] = "film"
    strong = {norm(names[k].text) for k, h in hints.items() if h == "franchise"}
    for k in weak_franchise:
        if k not in hints and norm(names[k].text) in strong:
            hints[k] = "franchise"
    return hints


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


def _blocked(template: Template, begin: int, end: int, cues: frozenset[str], window: int = 6) -> bool:
    """True when a cue word sits in the match or in the few words of its clause before it."""
    before = template.text[:begin].split(" ")
    words = []
    for word in reversed(before):
        if word in CLAUSE_BREAKS:
            break
        words.append(word)
    inside = template.text[begin:end].split(" ")
    return any(w in cues for w in words[:window] + inside)


def _clause_has(template: Template, begin: int, end: int, cues: frozenset[str]) -> bool:
    """True when a cue word is anywhere in the clause around template span ``[begin, end)``."""
    words = template.text.split(" ")
    starts = [0]
    for word in words[:-1]:
        starts.append(starts[-1] + len(word) + 1)
    first = max((i for i, at in enumerate(starts) if at <= begin), default=0)
    last = max((i for i, at in enumerate(starts) if at < end), default=len(words) - 1)
    while first > 0 and words[first - 1] not in CLAUSE_BREAKS:
        first -= 1
    while last + 1 < len(words) and words[last + 1] not in CLAUSE_BREAKS | {"."}:
        last += 1
    return any(w in cues for w in words[first:last + 1])


class _Evidence:
    """Per-review votes on what each name is, from type hints and from the roles claims give it."""

    def __init__(self, names: list[Name], hints: dict[int, str]):
        self.votes: dict[str, Counter] = defaultdict(Counter)
        self.names = names
        for k, hint in hints.items():
            self.votes[norm(names[k].text)][hint] += 1
        for name in names:
            if name.ner == "PERSON" and len(name.text.split()) >= 2:
                self.votes[norm(name.text)]["ner_person"] += 1
            elif name.ner in NOT_PEOPLE:
                self.votes[norm(name.text)]["ner_other"] += 1

    def vote(self, text: str, role: str, weight: int = 2) -> None:
        self.votes[norm(text)][role] += weight

    def is_person(self, text: str, strong: bool, listed: bool = False) -> bool:
        votes = self.votes[norm(text)]
        tokens = text.split()
        if ":" in text or any(t.lower() in ("of", "the", "to", "&") for t in tokens) or (text.isupper() and len(tokens) == 1 and not strong):
            return False
        if text.isupper() and len(tokens) >= 2 and not votes["ner_person"]:
            return False  # "REEL BLOODY CINEMA — THE PODCAST": a masthead, not a cast line
        if len(tokens) == 1 and not listed and not self._part_of_longer(text) and not votes["ner_person"]:
            return False  # "Keanu" is someone when "Keanu Reeves" is named; a lone "Zed" is not
        if votes["ner_other"] and not votes["ner_person"] and votes["person"] < 3:
            return False  # "Hong Kong", "Prime Video": a place or a company, unless patterns insist
        if votes["character"] > votes["person"] or votes["film"] + votes["franchise"] + votes["series"] > votes["person"]:
            return False
        return True

    def is_character(self, text: str, strong: bool) -> bool:
        votes = self.votes[norm(text)]
        if votes["person"] > votes["character"] and not strong:
            return False
        if not strong and (votes["film"] or votes["franchise"] or votes["series"]):
            return False
        if not strong and any(t[:1].islower() and t not in PARTICLES for t in text.split()):
            return False
        return True

    def known_person(self, text: str) -> bool:
        """The NER or another pattern, not only this claim, says the name is a person."""
        votes = self.votes[norm(text)]
        return votes["ner_person"] > 0 or votes["person"] > 1

    def _part_of_longer(self, text: str) -> bool:
        """ "Keanu" of "Keanu Reeves"; not "Wick" of "John Wick", a character and a title."""
        key = norm(text)
        for name in self.names:
            longer = norm(name.text)
            if key in longer.split() and longer != key:
                votes = self.votes[longer]
                if votes["character"] + votes["film"] + votes["franchise"] + votes["series"] <= votes["person"]:
                    return True
        return False


def extract(doc: Doc, review: Review) -> ReviewExtraction:
    """All mentions and claims of one review (see the module docstring)."""
    toks = list(doc)  # spaCy makes a new Token object at every access: make them once
    names = find_names(doc, toks, review.text)
    templates = sentence_templates(doc, names, toks, review.text)
    hints = type_hints(templates, names)
    evidence = _Evidence(names, hints)
    main_franchise = _main_franchise(names, hints)
    found: list[tuple[Claim, bool]] = []  # each claim, and whether its pattern is a strong one
    for template in templates:
        if template.slots:  # every pattern needs a name
            found += _one_per_fact(_pattern_claims(review, template, names, hints, main_franchise, evidence))
            found += [(c, True) for c in _membership_claims(review, template, names, hints, main_franchise)]
    found += [(c, True) for c in _credit_blocks(review, templates, names)]
    claims = _drop_subsumed(_checked(found, evidence, names))
    claims += review_claims(review, templates, names, hints)
    mentions = tuple(Mention(n.text, hints.get(k, "name"), n.start_char, n.end_char,
                             _sentence_of(templates, n)) for k, n in enumerate(names))
    return ReviewExtraction(review, mentions, tuple(sorted(set(claims), key=_claim_order)), len(doc))


def _checked(found: list[tuple[Claim, bool]], evidence: "_Evidence", names: list[Name]) -> list[Claim]:
    """The claims whose roles agree with what the rest of the review says about each name."""
    mentions = Counter(norm(n.text) for n in names)
    directors = {norm(c.person) for c, _ in found if c.kind == "director" and c.person}
    out = []
    for claim, strong in found:
        rule = claim.rule
        if claim.kind == "cast":
            listed = rule in CREDIT_LISTS or rule in ("cast.respectively", "cast.pairs")
            if not evidence.is_person(claim.person, strong or listed, listed):
                continue
            if claim.character and not evidence.is_character(claim.character, strong):
                continue
            if norm(claim.person) == norm(claim.character or ""):
                continue
            if rule == "cast.possessive":
                # "Breaking Bad's Saul Goodman", "Hill's The Warriors", a footer's "Arnett's Caped
                # Crusader": a role named once after a possessive may be another work's, so it
                # stands only if the review names it again or another review pairs the two.
                if norm(claim.person) in directors or len(claim.person.split()) < 2:
                    continue
                if mentions[norm(claim.character)] >= 2:
                    claim = replace(claim, corroborate=False)
            if rule == "cast.appears" and _is_director(claim.person, directors):
                continue  # "Hughes returns for the finale": the director, not an actor
        elif claim.kind == "director" and not evidence.is_person(claim.person, True):
            continue
        out.append(claim)
    return out


def _is_director(person: str, directors: set[str]) -> bool:
    key = norm(person)
    return key in directors or any(key in d.split() for d in directors)


def _claim_order(claim: Claim) -> tuple:
    return (claim.source.start, claim.source.end, claim.kind, claim.rule, str(claim.person),
            str(claim.character), str(claim.film), str(claim.franchise))


def _sentence_of(templates: list[Template], name: Name) -> tuple[int, int]:
    for template in templates:
        if template.start <= name.start_char < template.end:
            return template.start, template.end
    return name.start_char, name.end_char


def _main_franchise(names: list[Name], hints: dict[int, str]) -> str | None:
    counts = Counter(names[k].text for k, h in hints.items() if h == "franchise")
    if not counts:
        return None
    by_key = Counter()
    for text, n in counts.items():
        by_key[norm(text)] += n
    best_key = max(by_key, key=lambda key: (by_key[key], len(key), key))
    return max((t for t in counts if norm(t) == best_key), key=lambda t: (counts[t], t[:1].isupper(), t))


def _pattern_claims(review, template, names, hints, main_franchise, evidence):
    out = []
    paired = [m.span() for rule in ("cast.respectively", "cast.pairs")
              for m in P.PATTERNS[rule].regex.finditer(template.text) if " and " in m.group("people")]
    for pattern in P.PATTERNS.values():
        for match in _overlapping(pattern.regex, template.text):
            begin, end = match.span()
            if pattern.id in ("cast.as", "cast.plays") and any(b < end and begin < e for b, e in paired):
                continue  # "A and B star as X and Y" pairs names by position, not by the nearest "as"
            if pattern.id == "cast.as" and CONJOINED_BEFORE.search(template.text[:begin]) \
                    and template.text[end:].startswith(" and §"):
                continue  # "Fishburne and Reeves, ... as Morpheus and Neo": crossed, not A as X
            if _blocked(template, begin, end, P.NEGATIONS | P.HYPOTHETICALS):
                continue
            if pattern.kind == "cast" and P.ABSENT_AFTER.search(template.text[end:]):
                continue  # "Halle Berry's Sofia, whose ..., doesn't make an appearance"
            source = clause_quote(review, template, begin, end, pattern.id)
            groups = {g: v for g, v in match.groupdict().items() if v}
            used = set(template.names_in(match.group(0)))
            film, film_hints, nearby = _film_context(template, names, hints, groups, used, begin,
                                                     (source.start, source.end))
            elsewhere = film is None and not film_hints and P.ELSEWHERE.match(template.text)
            opening = re.match(r"§(\d+)§ , ", template.text)
            leading = names[int(opening.group(1))].text if opening and opening.end() <= begin else None
            context = {"film": film, "film_from_review": film is None and not elsewhere,
                       "film_hints": film_hints, "nearby": nearby, "leading": leading}
            strong = pattern.id in STRONG_CAST or pattern.kind.startswith("director")
            if pattern.kind == "cast":
                people = template.names_in(groups.get("people", "")) or template.names_in(groups.get("person", ""))
                characters = template.names_in(groups.get("characters", "")) or template.names_in(
                    groups.get("character", ""))
                if characters and len(characters) != len(people):
                    if len(characters) != 1 or len(people) != 1:
                        continue
                pairs = zip(people, characters) if characters else ((p, None) for p in people)
                for p, c in pairs:
                    person, character = names[p].text, names[c].text if c is not None else None
                    evidence.vote(person, "person", 2 if strong else 1)
                    if character:
                        evidence.vote(character, "character", 2 if strong else 1)
                    suspect = pattern.id == "cast.possessive"
                    out.append((Claim("cast", source, pattern.id, person=person, character=character,
                                      corroborate=suspect, **context), strong))
            elif pattern.kind == "director":
                people = template.names_in(groups.get("people", "")) or template.names_in(groups.get("person", ""))
                for p in people:
                    evidence.vote(names[p].text, "person")
                    out.append((Claim("director", source, pattern.id, person=names[p].text, **context), True))
            elif pattern.kind == "director.original" and main_franchise:
                p = template.names_in(groups["person"])[0]
                evidence.vote(names[p].text, "person")
                out.append((Claim("director", source, pattern.id, film=main_franchise, person=names[p].text),
                            True))
    return out


def _one_per_fact(found: list[tuple[Claim, bool]]) -> list[tuple[Claim, bool]]:
    """Within one sentence, one claim per fact: overlapping matches keep the shortest quote."""
    best: dict[tuple, tuple[Claim, bool]] = {}
    for item in found:
        claim = item[0]
        key = (claim.kind, claim.person, claim.character, claim.film, claim.rule)
        kept = best.get(key)
        if kept is None or len(claim.source.quote) < len(kept[0].source.quote):
            best[key] = item
    return list(best.values())


def _overlapping(regex: re.Pattern, text: str):
    """Every match, also those starting inside an earlier one ("Berlin, where Scott Adkins, ...
    as ... Killa": the match from Berlin fails the role checks, the one from Adkins must be seen)."""
    pos = 0
    while (match := regex.search(text, pos)) is not None:
        yield match
        pos = match.start() + 1


def _film_context(template, names, hints, groups, used, begin, clause=None,
                  linked=True) -> tuple[str | None, tuple, tuple]:
    """The film a pattern names; else the works linked by "in / of / from" in its clause, and every
    other name in the sentence, nearest first. Resolution decides once it knows the reviewed film.
    """
    if groups.get("film"):
        return names[template.names_in(groups["film"])[0]].text, (), ()
    others = sorted((abs(offset - begin), k, offset) for offset, k in template.slots.items() if k not in used)
    start, end = clause or (template.start, template.end)
    films = tuple(dict.fromkeys(names[k].text for _, k, offset in others if hints.get(k) in ("film", "series")
                                and (not linked
                                     or P.FILM_LINK.search(template.text[:offset]) and start <= names[k].start_char < end
                                     or P.SENTENCE_FILM.match(template.text[:offset]))))
    return None, films, tuple(dict.fromkeys(names[k].text for _, k, _ in others))


def _membership_claims(review, template, names, hints, main_franchise) -> list[Claim]:
    """Franchise membership from titles, "spin-off" and "into the X universe" sentences."""
    out = []
    franchise_keys = {norm(names[k].text) for k, h in hints.items() if h == "franchise"}
    for offset, k in template.slots.items():
        name = names[k].text
        end = offset + len(f"§{k}§")
        world = re.match(r"From the World of (.+?): (.+)$", name)
        suffix = re.match(r"(.+?): From the World of (.+)$", name)
        if world or suffix:
            film, franchise = (world.group(2), world.group(1)) if world else (suffix.group(1), suffix.group(2))
            source = clause_quote(review, template, offset, end, "franchise.world_of")
            out.append(Claim("in_franchise", source, "franchise.world_of", film=film, franchise=franchise))
            continue
        head = re.match(r"(.+?)(?::\s| \d{1,2}$)", name)
        numbered = re.search(r"(?::\s*Chapter \d{1,2}\b| \d{1,2}$)", name)  # a numbered entry of a series
        if head and head.group(1).split()[0] in SERIES_PARTS:
            head = None  # "Chapter 4" alone names an entry, not its series
        if head and hints.get(k) == "film" and (norm(head.group(1)) in franchise_keys or numbered) \
                and not _blocked(template, offset, end, P.HYPOTHETICALS, window=8):
            source = clause_quote(review, template, offset, end, "franchise.title")
            out.append(Claim("in_franchise", source, "franchise.title", film=name, franchise=head.group(1)))
        elif hints.get(k) == "film" and norm(name) in franchise_keys:
            source = clause_quote(review, template, offset, end, "franchise.eponymous")
            out.append(Claim("in_franchise", source, "franchise.eponymous", film=name, franchise=name))
        spinoff = P.SPINOFF.search(template.text[:offset])
        if main_franchise and spinoff and hints.get(k) in ("film", "series") \
                and not _clause_has(template, spinoff.start(), end, P.COMPARISONS):
            source = clause_quote(review, template, spinoff.start(), end, "franchise.spinoff")
            out.append(Claim("in_franchise", source, "franchise.spinoff", film=name, franchise=main_franchise))
    for offset, k in template.slots.items():
        cue = P.MEMBERSHIP_BEFORE.search(template.text[:offset])
        after = P.MEMBERSHIP_AFTER.search(template.text[offset + len(f"§{k}§") + 1:])
        if hints.get(k) != "franchise" or not (cue or after):
            continue
        if not cue:  # "the John Wick prequel": the cue is the noun right after the name
            cue = re.search(re.escape(f"§{k}§"), template.text)
        if _clause_has(template, cue.start(), offset + len(f"§{k}§"),
                       P.COMPARISONS | P.NEGATIONS | P.HYPOTHETICALS):
            continue  # "more of a John Wick spin-off than this", "not part of the X universe"
        source = clause_quote(review, template, cue.start(), offset + len(f"§{k}§"), "franchise.cue")
        _, film_hints, nearby = _film_context(template, names, hints, {}, {k}, offset, linked=False)
        out.append(Claim("in_franchise", source, "franchise.cue", franchise=names[k].text, film_from_review=True,
                         film_hints=film_hints, nearby=nearby))
    return out


def _credit_blocks(review: Review, templates: list[Template], names: list[Name]) -> list[Claim]:
    """Credits laid out as a heading line ("STARS", "Director") and then one name per line."""
    out, kind = [], None
    for template in templates:
        heading = template.sentence.strip().rstrip(":").strip()
        if P.CREDIT_BLOCK.match(heading):
            kind = "director" if heading.lower().startswith("dir") else "cast"
            continue
        if P.OTHER_CREDIT.match(heading):
            kind = None  # "Writer", "Cinematographer": the names below are not cast or directors
            continue
        if kind is None:
            continue
        people = template.names_in(template.text)
        if not people or re.sub(r"§\d+§|[,&]|and", "", template.text).strip(" ."):
            kind = None
            continue
        for k in people:
            source = Source(review.id, names[k].start_char, names[k].end_char, names[k].text)
            out.append(Claim(kind, source, f"{kind}.block", person=names[k].text, film_from_review=True))
    return out


def _drop_subsumed(claims: list[Claim]) -> list[Claim]:
    """A credit without a character is dropped when the same sentence gives the character."""
    with_character = {(c.source.review, norm(c.person), c.film) for c in claims
                      if c.kind == "cast" and c.character}
    return [c for c in claims if not (c.kind == "cast" and not c.character
                                      and (c.source.review, norm(c.person), c.film) in with_character)]
