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
from dataclasses import replace

from spacy.tokens import Doc

from . import patterns as P
from .model import Claim, Mention, Review, ReviewExtraction, Source
from .mentions import Name, find_names
from .names import PARTICLES, norm, unglued, without_connective, without_office
from .layout import is_title_case
from .membership import main_franchise, membership_claims
from .reviewfacts import review_claims
from .templates import (Template, background_names, blocked, clause_quote, film_context,
                        sentence_templates, type_hints)

ROLE_SLOTS = ("person", "person2", "people", "character", "characters", "film")
CONJOINED_BEFORE = re.compile(r"§ (?:and|&) (?:the )?(?:[a-z]+ ){0,2}$")
NOT_PEOPLE = frozenset("GPE LOC NORP FAC".split())  # not ORG: the model calls Keanu Reeves one
PLACES = frozenset("GPE LOC NORP".split())
SERIES_PARTS = frozenset("Chapter Part Episode Season Volume Vol. Book".split())
WORK_NOUNS = frozenset("series show film movie original originals season miniseries".split())  # "Prime Series"
COMPANY_NOUNS = frozenset("pictures cinema studios films entertainment productions releasing distribution animation media".split())
STRONG_CAST = frozenset({"cast.as", "cast.fronted_as", "cast.plays", "cast.played_by", "cast.respectively",
                         "cast.played_by_respectively", "cast.whose_character", "cast.named", "cast.paren",
                         "cast.paren_pairs",
                         "cast.known_as"})
CREDIT_LISTS = frozenset({"cast.credits", "cast.caption_line", "cast.title_with", "cast.run_on_label", "cast.starring",
                          "cast.returning", "cast.played_by_list", "cast.caption", "cast.list_line", "cast.block",
                          "cast.bracket_list", "cast.stars_list", "cast.capsule", "cast.capsule_voice"})
POSITIONAL = ("cast.respectively", "cast.pairs", "cast.pairs_as", "cast.paren_pairs", "cast.played_by_respectively")  # pair by position
BRACKETED = frozenset({"cast.paren", "cast.paren_shared", "cast.paren_pairs", "cast.described_paren"})
FULL_NAMES_ONLY = frozenset({"cast.capsule", "cast.names_caption", "cast.names_year_line", "cast.bracket_people", "cast.play_described", "cast.paren_shared"})  # lists that read like cast only of people


# --- 2. templates and type hints --------------------------------------------------------------


# --- 2. templates and type hints --------------------------------------------------------------


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
            elif name.ner == "PERSON":
                self.votes[norm(name.text)]["ner_mononym"] += 1  # "Zendaya", "Rihanna" (or a surname)
            elif name.ner in NOT_PEOPLE:
                self.votes[norm(name.text)]["ner_other"] += 1
                self.votes[norm(name.text)]["ner_place"] += name.ner in PLACES

    def vote(self, text: str, role: str, weight: int = 2) -> None:
        self.votes[norm(text)][role] += weight

    def is_person(self, text: str, strong: bool, listed: bool = False, bracketed: bool = False,
                  labelled: bool = False) -> bool:
        """Whether the review's votes let ``text`` be a person; a name alone in brackets after a role
        ("Lou (Cate Blanchett)") is vetoed only as a place, the model's FAC and ORG being often people,
        and one word there is an actor when the NER says so ("Chani (Zendaya)")."""
        votes = self.votes[norm(text)]
        tokens = unglued(text).split()
        epithet = listed and re.fullmatch(r"[A-Z][\w'’-]+ the [A-Z][\w'’-]+", text)  # "Cedric the Entertainer"
        if ":" in text or any(t.lower() in ("of", "the", "to", "&") for t in tokens) and not epithet \
                or tokens and tokens[-1].lower() in WORK_NOUNS | COMPANY_NOUNS or P.STREAMER.match(text) \
                or (text.isupper() and len(tokens) == 1 and not strong):
            return False
        if text.isupper() and len(tokens) >= 2 and not votes["ner_person"] and not labelled:
            return False  # "REEL BLOODY CINEMA — THE PODCAST": a masthead, not a cast line; "DIRECTOR: X" is
        if len(tokens) == 1 and not listed and not self.part_of_longer(text) and not votes["ner_person"] \
                and not votes["person"] >= 3 and not (bracketed and votes["ner_mononym"]):
            return False  # "Keanu" is someone when "Keanu Reeves" is named, "Zendaya" when two claims say so
        if votes["ner_place" if bracketed else "ner_other"] and not votes["ner_person"] and votes["person"] < 3 \
                and not listed and not (len(tokens) == 1 and self.part_of_longer(text)):
            return False  # "Hong Kong", "Prime Video": a place or a company, unless patterns insist ("Willis" of
            # "Bruce Willis" is the actor, whatever the NER says)
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

    def known_actor(self, claim: Claim) -> bool:
        """ "Sigourney Weaver's Ellen Ripley": a full name the NER knows, then at most two words, then
        a name that is no place, people or title ("Cate Blanchett's dubious Russian accent", "Wes
        Anderson's The Phoenician Scheme"), in a sentence naming no other work and no headline."""
        works = sum(self.votes[norm(n)][t] for n in claim.nearby for t in ("film", "series", "franchise"))
        quote = claim.source.quote
        between = quote[quote.find(claim.person) + len(claim.person):quote.find(claim.character)]
        return (self.votes[norm(claim.person)]["ner_person"] > 0 and not works and not claim.film_hints
                and not self.votes[norm(claim.character)]["ner_other"] and not claim.character.startswith("The ")
                and len(between.split()) <= 3 and not is_title_case(quote))

    def known_person(self, text: str) -> bool:
        """The NER or another pattern, not only this claim, says the name is a person."""
        votes = self.votes[norm(text)]
        return votes["ner_person"] > 0 or votes["person"] > 1

    def part_of_longer(self, text: str) -> bool:
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
    main = main_franchise(names, hints)
    found: list[tuple[Claim, bool]] = []  # each claim, and whether its pattern is a strong one
    for template in templates:
        if template.slots:  # every pattern needs a name
            found += _one_per_fact(_pattern_claims(review, template, names, hints, main, evidence, toks))
    background = background_names(templates, names)
    found += [(c, True) for c in membership_claims(review, templates, names, hints, background)]
    found += [(c, True) for c in _credit_blocks(review, templates, names)]
    facts_of_review = review_claims(review, templates, names, hints)
    authors = {norm(c.person) for c in facts_of_review if c.kind == "review_author"}
    claims = [c for c in _drop_subsumed(_checked(found, evidence, names))
              if not (c.person and norm(c.person) in authors)]  # the critic is not cast or crew
    claims += facts_of_review
    mentions = tuple(Mention(n.text, hints.get(k, "name"), n.start_char, n.end_char,
                             _sentence_of(templates, n), k in background) for k, n in enumerate(names))
    return ReviewExtraction(review, mentions, tuple(sorted(set(claims), key=_claim_order)), len(doc))


def _checked(found: list[tuple[Claim, bool]], evidence: "_Evidence", names: list[Name]) -> list[Claim]:
    """The claims whose roles agree with what the rest of the review says about each name."""
    mentions = Counter(norm(n.text) for n in names)
    directors = {norm(c.person) for c, _ in found if c.kind == "director" and c.person}
    out = []
    for claim, strong in found:
        rule = claim.rule
        if claim.kind == "cast":
            listed = rule in CREDIT_LISTS or rule in POSITIONAL
            if not evidence.is_person(claim.person, strong or listed, listed, bracketed=rule == "cast.paren",
                                      labelled=rule in ("cast.credits", "cast.block", "cast.run_on_label")
                                      or rule == "cast.caption" and bool(claim.character)):  # "A AS C in F"
                continue
            if rule in FULL_NAMES_ONLY and len(claim.person.split()) < 2:
                continue
            if rule == "cast.paren" and len(claim.person.split()) == 1 and len((claim.character or "").split()) > 1 \
                    and not evidence.part_of_longer(claim.person) and not evidence.votes[norm(claim.person)]["ner_person"]:
                continue  # "Harry Hart (Galahad)": one word after a full name is a code name, not a mononymous actor
            if rule == "cast.paren_shared" and not evidence.votes[norm(claim.person)]["ner_person"]:
                continue  # "Barry Jenkins (Moonlight, If Beale Street Could Talk)": a filmography
            doubtful_role = bool(claim.character) and not evidence.is_character(claim.character, strong)
            if doubtful_role and (rule != "cast.possessive" or re.search(r"[:\d]", claim.character)):
                continue  # "Stahelski's John Wick: Chapter 4" is a film
            if norm(claim.person) == norm(claim.character or ""):
                continue
            if rule == "cast.possessive":
                # "Breaking Bad's Saul Goodman", "Hill's The Warriors", a footer's "Arnett's Caped
                # Crusader": a role named once after a possessive may be another work's, so it
                # stands only if the review names it again or another review pairs the two.
                # "Reeves' John Wick" (a surname, a title's name) stands only beside the same pair.
                if norm(claim.person) in directors or (len(claim.person.split()) < 2
                                                       and not evidence.part_of_longer(claim.person)):
                    continue
                if claim.character and not doubtful_role and len(claim.person.split()) >= 2 and (
                        mentions[norm(claim.character)] >= 2 or evidence.known_actor(claim)):
                    claim = replace(claim, corroborate=False)
            if rule == "cast.appears" and _is_director(claim.person, directors):
                continue  # "Hughes returns for the finale": the director, not an actor
        elif claim.kind in ("director", "crew") and not evidence.is_person(
                claim.person, True, labelled=claim.rule.endswith((".label", ".block"))):
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


def _pattern_claims(review, template, names, hints, main_franchise, evidence, toks):
    out = []
    paired = [m.span() for rule in POSITIONAL
              for m in P.PATTERNS[rule].regex.finditer(template.text) if " and " in m.group("people")]
    triggered: dict[re.Pattern, bool] = {}
    for pattern in P.PATTERNS.values():
        if pattern.names > len(template.slots):
            continue
        if pattern.trigger is not None:
            if pattern.trigger not in triggered:
                triggered[pattern.trigger] = pattern.trigger.search(template.text) is not None
            if not triggered[pattern.trigger]:
                continue
        for match in _overlapping(pattern.regex, template.text):
            begin, end = match.span()
            if pattern.id in ("cast.as", "cast.plays", "cast.played_by") and any(b < end and begin < e for b, e in paired):
                continue  # "A and B star as X and Y" pairs names by position, not by the nearest "as"
            bracketed = re.match(r" \( §(\d+)§ \)", template.text[match.end("person"):]) if pattern.id == "cast.as" else None
            if bracketed and evidence.votes[norm(names[int(bracketed.group(1))].text)]["ner_person"]:
                continue  # "Amanda Waller (Viola Davis) as the mastermind": the name before the actor is the role
            if pattern.id == "cast.as" and CONJOINED_BEFORE.search(template.text[:begin]) \
                    and template.text[end:].startswith(" and §"):
                continue  # "Fishburne and Reeves, ... as Morpheus and Neo": crossed, not A as X
            if blocked(template, begin, end, P.NEGATIONS | P.HYPOTHETICALS, 3 if pattern.id in BRACKETED else 6):
                continue  # "The nightmare isn't over as killer C (A) escapes": brackets name the actor all the same
            if pattern.kind == "cast" and P.ROLE_COMPARED_BEFORE.search(template.text[:begin]):
                continue  # "no actor has done it since Robert Englund's run as Freddy Krueger"
            if pattern.kind == "cast" and P.ABSENT_AFTER.search(template.text[end:]):
                continue  # "Halle Berry's Sofia, whose ..., doesn't make an appearance"
            if pattern.id == "director.noun" and P.PAST_ROLE_BEFORE.search(template.text[:begin]):
                continue  # "the notoriously bombastic (and franchise-starting) director X"
            if pattern.kind in ("director", "crew") and P.DEPARTED_AFTER.search(template.text[end:]):
                continue  # "longtime director X departed the franchise only a week into filming"
            source = clause_quote(review, template, begin, end, pattern.id)
            groups = {g: v for g, v in match.groupdict().items() if v}
            used = {k for slot in ROLE_SLOTS for k in template.names_in(groups.get(slot, ""))}
            film, film_hints, nearby = film_context(template, names, hints, groups, used, begin,
                                                     (source.start, source.end))
            series = P.TITLE_BEFORE_ROLE.search(template.text[:begin]) if (
                main_franchise and pattern.kind in ("director", "crew") and P.ROLE_NOUN.match(template.text, begin)) else None
            if series and norm(names[int(series.group("k"))].text) == norm(main_franchise):
                film = names[int(series.group("k"))].text  # "Ice Age director Chris Wedge": the first film's
            elsewhere = film is None and not film_hints and (P.ELSEWHERE.match(template.text)
                                                              or P.ELSEWHERE_INSIDE.search(match.group(0))
                                                              or P.ELSEWHERE_AFTER.match(template.text[end:].lstrip()))
            opening = re.match(r"§(\d+)§ , ", template.text)
            leading = names[int(opening.group(1))].text if opening and opening.end() <= begin else None
            if pattern.id == "cast.caption_line" and template.start > 0 \
                    and review.text.count(template.sentence.strip()) < 2:
                continue  # only the page's first line or a caption the page repeats (its image's alt text)
            if pattern.id == "cast.names_caption" and review.text.count(template.sentence.strip() + "\n") < 2:
                continue  # names alone on a line are a caption only when the page repeats it, else a byline
            if pattern.id == "cast.paren" and re.match(r"^(?:[•·*-] )?§\d+§ \( §\d+§ \) [—–:-]", template.text):
                continue  # "• Banshee (Max) — a small-town sheriff …": a list of shows and where to watch them
            if pattern.id == "cast.paren" and re.match(r" §\d+§", template.text[end:]) \
                    and re.search(r"§\d+§ \( §\d+§ \)$", match.group(0)):
                continue  # "Gordon (Big Gus) Hale": a name written inside another, not an actor and a role
            if pattern.id == "cast.paren" and _filmography_in_brackets(template, names, hints, groups, begin):
                continue  # "writer Rob Lieber (Peter Rabbit)": a person's earlier work in brackets
            if pattern.id == "cast.paren" and (P.RELATIVE_OF_BEFORE.search(template.text[:begin])
                                               or re.match(rf"{P.NAME} {P.POSSESSIVE} \(", match.group(0))):
                elsewhere = True  # "his former co-pilot Goose (A)", "Randy's (A) niece": named, not seen
            context = {"film": film, "film_from_review": film is None and not elsewhere,
                       "film_hints": film_hints, "nearby": nearby, "leading": leading}
            strong = pattern.id in STRONG_CAST or pattern.kind.startswith("director")
            if pattern.kind == "cast":
                items = _list_items(groups.get("people", "")) or _list_items(groups.get("person", ""))
                people = [p for p, _ in items]
                characters = template.names_in(groups.get("characters", "")) or template.names_in(
                    groups.get("character", ""))
                if pattern.id == "cast.paren" and P.ROLE_NAMED_AFTER.match(template.text[end:]):
                    continue  # "A (Jurassic World) plays Leigh": the brackets hold A's earlier work, not a role
                if pattern.id == "cast.paren" and P.ACTOR_VERB_AFTER.match(template.text[end:]):
                    people, characters = characters, people  # "Pedro Pascal (Marcus Acacius) plays a general"
                elif pattern.id == "cast.paren" and P.AS_AFTER.match(template.text[end:]) and not (
                        re.search(r"\( §\d+§ \)$", match.group(0))
                        and all(evidence.votes[norm(names[p].text)]["ner_person"] for p in people)):
                    continue  # "brings back Millie Bobby Brown (Stranger Things) as the titular detective"
                if pattern.id == "cast.paren_shared":
                    if re.search(r"§\d+§ (?:,|and|&) $", template.text[:begin]):
                        continue  # "Hansel and Gretel (A and B)": pairs by position, not one shared role
                    characters = characters * len(people)
                if characters and len(characters) != len(people):
                    if len(characters) != 1 or len(people) != 1:
                        continue
                pairs = zip(people, characters) if characters else items  # "Starring A, B as C and D"
                for p, c in pairs:
                    person = without_connective(names[p].text)
                    character = without_office(without_connective(names[c].text)) if c is not None else None
                    if character and (_acronym_before_a_noun(template, names[c], c)
                                      or _name_before_a_noun(template, names[c], c, toks)):
                        character = None  # "as a wet-behind-the-ears FBI agent", "as a Russian Mafia boss": a job
                    evidence.vote(person, "person", 2 if strong else 1)
                    if character:
                        evidence.vote(character, "character", 2 if strong else 1)
                    suspect = pattern.id == "cast.possessive"
                    out.append((Claim("cast", source, pattern.id, person=person, character=character,
                                      corroborate=suspect, **context), strong))
            elif pattern.kind == "director":
                people = [p for p, _ in _list_items(groups.get("people", "") or groups.get("person", ""))]
                for p in people:
                    evidence.vote(names[p].text, "person")
                    out.append((Claim("director", source, pattern.id, person=names[p].text, **context), True))
            elif pattern.kind == "crew":
                people = [p for p, _ in _list_items(groups.get("people", ""))]
                for role in P.crew_role(pattern.id, groups.get("roles")):
                    for p in people:
                        evidence.vote(names[p].text, "person")
                        kind = "director" if role == "director" else "crew"
                        out.append((Claim(kind, source, pattern.id, person=names[p].text,
                                          role=None if kind == "director" else role, **context), True))
            elif pattern.kind == "director.original" and main_franchise:
                p = template.names_in(groups["person"])[0]
                evidence.vote(names[p].text, "person")
                out.append((Claim("director", source, pattern.id, film=main_franchise, person=names[p].text),
                            True))
    return out


def _filmography_in_brackets(template: Template, names: list[Name], hints: dict[int, str], groups: dict,
                             begin: int) -> bool:
    """ "writer Rob Lieber (Peter Rabbit)": the name before the brackets is a maker, the one inside a work."""
    inner = int(groups["person"][1:-1])
    if hints.get(inner) in ("film", "series") or names[inner].quoted or names[inner].titled:
        return True
    return bool(re.search(r"\b(?:(?:director|writer|screenwriter|producer|composer|creator|filmmaker|helmer|"
                          r"cinematographer|showrunner|author|novelist)s?|(?:written|directed|produced|created|"
                          r"scored|shot|edited) by) $", template.text[:begin]))


def _list_items(text: str) -> list[tuple[int, int | None]]:
    """The people of a matched name list, each with the character an "as" gives it: "§1§ as §2§ , §3§"
    (or "§1§ ( as §2§ ) , §3§") -> [(1, 2), (3, None)]; names in an aside ("(the returning §4§)") are not items."""
    text = re.sub(r" \( as (?:[a-z][a-z.]* ){0,2}(§\d+§) \)", r" as \1", text)  # "A (as C), B (as Dr. D)"
    text = re.sub(r" \( [^()]* \) §\d+§", "", text)  # "Gordon (Chia Hui) Liu": one person, named twice
    text = re.sub(r" \( [^()]* \)", "", text)
    return [(int(m.group("person")[1:-1]), int(m.group("character")[1:-1]) if m.group("character") else None)
            for m in P.LIST_ITEM.finditer(text)]


def _one_per_fact(found: list[tuple[Claim, bool]]) -> list[tuple[Claim, bool]]:
    """Within one sentence, one claim per fact: overlapping matches keep the shortest quote."""
    best: dict[tuple, tuple[Claim, bool]] = {}
    for item in found:
        claim = item[0]
        key = (claim.kind, claim.person, claim.character, claim.film, claim.role, claim.rule)
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


def _credit_blocks(review: Review, templates: list[Template], names: list[Name]) -> list[Claim]:
    """Credits laid out as a heading line ("STARS", "Director") and then one name per line."""
    out, kind = [], None
    for template in templates:
        heading = re.sub(r"^[•·*▪◦‣-]\s*", "", template.sentence.strip()).rstrip(":").strip()
        if P.CREDIT_BLOCK.match(heading):
            kind = "director" if heading.lower().startswith("dir") else "cast"
            continue
        if P.OTHER_CREDIT.match(heading):
            kind = None  # "Writer", "Cinematographer": the names below are not cast or directors
            continue
        if kind is None:
            continue
        people = template.names_in(template.text)
        rest = re.sub(r"§\d+§|[,&•·*/]|\band\b", "", template.text).split()
        if not people or rest and not (len(people) >= 4 and all(w.isalpha() for w in rest)
                                       and len(rest) * 4 <= len(people)):
            kind = None  # prose after the block; a long list may hold a name the tagger missed ("balthazar")
            continue
        for k in people:
            start = names[k].start_char
            missed = re.search(r"(?:^|, )([A-Z][\w'’-]+) $", review.text[template.start:start])
            start = missed.start(1) + template.start if missed else start  # "Balthazar Getty", "Balthazar" untagged
            source = Source(review.id, start, names[k].end_char, review.text[start:names[k].end_char])
            out.append(Claim(kind, source, f"{kind}.block", person=source.quote, film_from_review=True))
    return out


def _name_before_a_noun(template: Template, name: Name, k: int, toks) -> bool:
    """ "as a Russian Mafia boss", "as the Pevensie siblings": a name that qualifies the noun after it."""
    offset = next(o for o, j in template.slots.items() if j == k)
    following = toks[name.end] if name.end < len(toks) else None
    if following is None or not following.text.islower():
        return False
    before = template.text[:offset]
    return bool(re.search(r"\b(?:a|an)(?: [a-z][\w-]*){0,2} $", before)) and following.tag_ in ("NN", "NNS") \
        or before.endswith("the ") and following.tag_ == "NNS"  # "as the Pevensie siblings"


def _acronym_before_a_noun(template: Template, name: Name, k: int) -> bool:
    """ "FBI agent", "CIA director", "NYPD cop": an organisation's initials that describe a role."""
    offset = next(o for o, j in template.slots.items() if j == k)
    after = template.text[offset + len(f"§{k}§"):].split()
    return bool(re.fullmatch(r"[A-Z][A-Z.]{1,5}", name.text)) and bool(after) and after[0].isalpha() \
        and after[0].islower() and after[0] not in P.SMALL_WORDS


def _drop_subsumed(claims: list[Claim]) -> list[Claim]:
    """A credit without a character is dropped when the review gives the character in the same film
    (not when that role is named as another work's: "After Donna's (A) death", "A (Viggo in X)")."""
    named = [c for c in claims if c.kind == "cast" and c.character and not c.corroborate]  # a weak one may go
    with_character = {(c.source.review, norm(c.person), c.film, c.film_from_review) for c in named}
    sentences = {(c.source.start, norm(c.person)) for c in named}
    return [c for c in claims if not (c.kind == "cast" and not c.character and (
        (c.source.review, norm(c.person), c.film, c.film_from_review) in with_character
        or (c.source.start, norm(c.person)) in sentences))]
