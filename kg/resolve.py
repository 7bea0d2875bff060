"""Entity resolution: claims with names as written -> canonical entities and merged facts.

Within a review, short and misspelt names map to the full name written there ("Keanu" ->
"Keanu Reeves", "Ana de Arias" -> "Ana de Armas"), and credits with no film nearby go to the
film the review is about. Across reviews, names that differ only in case or form ("Ana De
Armas", "John Wick: Parabellum" / "Parabellum") become one entity whose display name is the
form most often written; every form seen is kept as an alias. Facts with the same canonical
fields merge into one fact citing every supporting quote.

>>> from kg.model import Claim, Source, Review, ReviewExtraction
>>> r = Review("r1", "Eve (Ana de Armas)", "r1.txt", "")
>>> c = Claim("cast", Source("r1", 0, 18, "Eve (Ana de Armas)"), "cast.paren", person="Ana de Armas",
...           character="Eve", film_from_review=True)
>>> kb = resolve([ReviewExtraction(r, (), (c,))])
>>> [(f.kind, f.person, f.character, f.film) for f in kb.facts]
[('cast', 'Ana de Armas', 'Eve', None)]
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import Iterable

from .model import (FACT_FIELDS, Claim, Entity, Fact, KnowledgeBase, ReadError, ReviewExtraction)
from .names import is_part_of_name, looks_misspelled, name_tokens, norm, same_work, title_segments, unglued
from .subject import reviewed_film
from .vocab import slug

ROLE_TYPE = {"person": "person", "character": "character", "film": "film", "franchise": "franchise"}
WORK_TYPES = ("film", "series")
BLANK = frozenset({""})  # the index key of a name without tokens


def resolve(extractions: Iterable[ReviewExtraction], skipped: Iterable[ReadError] = ()) -> KnowledgeBase:
    """Resolves every review's claims into one knowledge base."""
    extractions = sorted(extractions, key=lambda e: e.review.id)
    franchises = frozenset(norm(c.franchise) for e in extractions for c in e.claims if c.franchise)
    franchises |= {norm(m.text) for e in extractions for m in e.mentions if m.type == "franchise"}
    titles = _work_titles(extractions, franchises)
    index = NameIndex(work_keys, titles)
    claims: list[Claim] = []
    for extraction in extractions:
        claims += resolve_review(extraction, titles, franchises, index)
    return _merge(extractions, recast_possessives(corroborated(claims)), franchises, skipped)


def corroborated(claims: list[Claim]) -> list[Claim]:
    """Keeps a weak claim only where another claim in the corpus pairs the same actor and character
    (or that character with a surname added: "McShane's Winston Scott" beside "Winston (Ian
    McShane)"), or weak claims in two reviews agree ("Lance Reddick's Charon" in both)."""
    known = {(norm(c.person), norm(c.character)) for c in claims if c.character and not c.corroborate}
    weak_reviews: dict[tuple, set[str]] = defaultdict(set)
    for c in claims:
        if c.corroborate:
            weak_reviews[(norm(c.person or ""), norm(c.character or ""))].add(c.source.review)
    known |= {pair for pair, reviews in weak_reviews.items() if len(reviews) >= 2}  # two reviews agree
    roles: dict[str, list[list[str]]] = defaultdict(list)
    for person, character in known:
        roles[person].append(character.split())

    def stands(c: Claim) -> bool:
        words = norm(c.character or "").split()
        surname = ":" not in (c.character or "") and not any(w.isdigit() for w in words)
        return any(words == k or (surname and len(words) == len(k) + 1 and words[:len(k)] == k)
                   for k in roles.get(norm(c.person or ""), ()))

    return [c for c in claims if not c.corroborate or stands(c)]


def recast_possessives(claims: list[Claim]) -> list[Claim]:
    """A possessive role that another actor plays in the same film is that role at another time
    ("McShane's Winston" in the prequel where Woodell plays Winston): it keeps no film."""
    played: dict[str, set[tuple[str, tuple[str, ...]]]] = defaultdict(set)
    for c in claims:
        if c.character and c.film and c.rule != "cast.possessive":
            played[norm(c.film)].add((norm(c.person), tuple(norm(c.character).split())))

    def recast(c: Claim) -> bool:
        words = tuple(norm(c.character or "").split())
        return any((words[:len(k)] == k or k[:len(words)] == words) and person != norm(c.person or "")
                   for person, k in played.get(norm(c.film or ""), ()))

    return [replace(c, film=None, film_from_review=False) if c.rule == "cast.possessive" and recast(c) else c
            for c in claims]


def _work_titles(extractions, franchises) -> dict[str, Counter]:
    """Every title typed as a work anywhere, with how often each type was seen."""
    titles: dict[str, Counter] = defaultdict(Counter)
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.type in WORK_TYPES:
                titles[mention.text][mention.type] += 1
        for claim in extraction.claims:
            if claim.film:
                titles[claim.film]["film"] += 0
    return titles


class NameIndex:
    """Finds the names that could match a name without comparing it with all of them: people share
    a token with every form of themselves, works share a title part ("parabellum")."""

    def __init__(self, keys, names=()):
        self.keys = keys
        self.by_key: dict[str, set] = defaultdict(set)
        for name in names:
            self.add(name)

    def add(self, name: str, value=None) -> None:
        for key in self.keys(name):
            self.by_key[key].add(name if value is None else value)

    def near(self, name: str) -> list:
        return sorted(set().union(*[self.by_key.get(key, ()) for key in self.keys(name)]))


@lru_cache(maxsize=1 << 17)
def person_keys(name: str) -> frozenset[str]:
    """A person's (or character's) index keys, its tokens; remembered, as each name is looked up many times."""
    return frozenset(name_tokens(name))


@lru_cache(maxsize=1 << 17)
def work_keys(name: str) -> frozenset[str]:
    return frozenset(title_segments(name))


def _tokens_or_blank(name: str) -> frozenset[str]:
    """Tokens; a name with none ("'s") is filed under "" so it still meets its equals."""
    return person_keys(name) or BLANK


def _segments_or_blank(name: str) -> frozenset[str]:
    return work_keys(name) or BLANK


def _ends(name: str) -> set[str]:
    """The first and last token, marked: two names one letter apart share one of them."""
    tokens = name_tokens(name)
    return {"^" + tokens[0], "$" + tokens[-1]} if tokens else set()


# --- within one review -------------------------------------------------------------------------


def resolve_review(extraction: ReviewExtraction, titles: dict[str, Counter], franchises: frozenset[str],
                   index: NameIndex | None = None) -> list[Claim]:
    """One review's claims with short names expanded and the reviewed film filled in."""
    review = extraction.review
    people = _longest_forms(extraction, "person")
    characters = _longest_forms(extraction, "character")
    index = index or NameIndex(work_keys, titles)
    reviewed, evidence = reviewed_film(extraction, titles, franchises, index.near)
    out = []
    for claim in extraction.claims:
        if claim.kind == "review_of" and claim.film != reviewed:
            continue  # a headline's title that lost to the work the review is about
        changes = {}
        if claim.person:
            changes["person"] = unglued(people.get(claim.person, claim.person))
        if claim.character:
            changes["character"] = characters.get(claim.character, claim.character)
        if claim.film_from_review and not claim.film:
            film = credited_film(claim, reviewed, franchises, titles)
            if film is None and claim.kind != "cast":
                continue
            if claim.rule in ("franchise.named", "franchise.sequel_to") and not shares_a_word(film, claim.franchise):
                continue  # a franchise the review names, not the reviewed film's
            changes["film"] = film
        out.append(_changed(claim, changes))
    if reviewed and not any(c.kind == "review_of" for c in out) and evidence:
        out.append(Claim("review_of", evidence, "review.most_discussed", review=review.id, film=reviewed))
    return out


def _changed(claim: Claim, changes: dict) -> Claim:
    """``claim`` with ``changes``; the claim itself when they change nothing (most do not, and a
    dataclass ``replace`` costs as much as the rest of a claim's resolution)."""
    if all(getattr(claim, name) == value for name, value in changes.items()):
        return claim
    return replace(claim, **changes)


def shares_a_word(title: str, franchise: str) -> bool:
    """ "Jurassic World Dominion" and "Jurassic Park"; not "Creed III" and "Rocky"."""
    small = {"the", "a", "an", "of", "and", "&", "in", "on", "to", "x", "vs", "vs."}
    words = {w for w in re.findall(r"[\w'-]+", norm(franchise)) if w not in small and not w.isdigit()}
    return bool(words & set(re.findall(r"[\w'-]+", norm(title))))


def credited_film(claim: Claim, reviewed: str | None, franchises: frozenset[str],
                  titles: dict | None = None) -> str | None:
    """The film a credit belongs to: the reviewed film when its sentence names it; else a work
    linked to the credit ("in F") or leading the sentence ("Ballerina, directed by X, ..."); else
    the reviewed film."""
    leading = claim.leading
    if titles and leading in titles and norm(leading) not in franchises and not (
            reviewed and same_work(leading, reviewed, franchises)):
        return leading
    if reviewed and any(norm(n) == norm(reviewed) or same_work(n, reviewed, franchises) for n in claim.nearby):
        return reviewed
    if claim.film_hints:
        return claim.film_hints[0]
    return reviewed


def _longest_forms(extraction: ReviewExtraction, role: str) -> dict[str, str]:
    """Maps short or misspelt forms of names in ``role`` to the full form written in the review."""
    written = Counter(getattr(c, role) for c in extraction.claims if getattr(c, role))
    candidates = Counter(written)
    if role == "person":  # "Keanu" -> "Keanu Reeves" written elsewhere; but "Ares" is not "Wish Ares"
        for mention in extraction.mentions:
            if mention.type == "name" and 2 <= len(mention.text.split()) <= 4:
                candidates[mention.text] += 1
    by_norm: dict[str, list[str]] = defaultdict(list)
    for candidate in candidates:
        by_norm[norm(candidate)].append(candidate)
    containing, alike = NameIndex(_tokens_or_blank, candidates), NameIndex(_ends, written)
    mapping = {}
    for name in written:
        longer = {norm(c) for c in containing.near(name) if is_part_of_name(name, c)}
        if len(longer) == 1:
            mapping[name] = max(by_norm[next(iter(longer))], key=candidates.get)
            continue
        slips = [c for c in alike.near(name) if c != name and looks_misspelled(name, c) and written[c] > written[name]]
        if len(slips) == 1:
            mapping[name] = slips[0]
    return mapping


# --- across reviews ----------------------------------------------------------------------------


def _merge(extractions, claims: list[Claim], franchises, skipped) -> KnowledgeBase:
    forms: dict[str, Counter] = {t: Counter() for t in ("person", "character", "film", "franchise")}
    work_votes: Counter = Counter()
    for claim in claims:
        for role, entity_type in ROLE_TYPE.items():
            value = getattr(claim, role)
            if value:
                forms[entity_type][value] += 1
    films = NameIndex(work_keys, list(forms["film"]))
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.type in WORK_TYPES:
                work_votes[(norm(mention.text), mention.type)] += 1
                if mention.text in forms["film"] or any(same_work(mention.text, f, franchises)
                                                        for f in films.near(mention.text)):
                    forms["film"][mention.text] += 1
    canon = {
        "person": _cluster(forms["person"], _same_person, person_keys),
        "character": _cluster(forms["character"], _same_character(claims), person_keys),
        "film": _cluster(forms["film"], lambda a, b: same_work(a, b, franchises), work_keys),
        "franchise": _cluster(forms["franchise"], _same_person, person_keys, fullest=True),
    }
    canon = {t: _one_name_per_iri(mapping, forms[t]) for t, mapping in canon.items()}
    facts: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        claim = _changed(claim, {role: canon[t][getattr(claim, role)] for role, t in ROLE_TYPE.items()
                                 if getattr(claim, role)})
        key = (claim.kind,) + tuple(getattr(claim, f) for f in FACT_FIELDS[claim.kind])
        facts[key].append(claim)
    merged = []
    for key, group in facts.items():
        first = group[0]
        sources = tuple(sorted({c.source for c in group}))
        merged.append(Fact(first.kind, sources, film=first.film, person=first.person, character=first.character,
                           franchise=first.franchise, review=first.review, value=first.value, best=first.best,
                           role=first.role, rules=tuple(sorted({c.rule for c in group}))))
    merged.sort(key=lambda f: (f.kind, tuple(str(v) for v in f.key)))
    seen_forms = _mention_forms(extractions, claims, canon, franchises)
    entities = _entities(merged, canon, work_votes, seen_forms)
    reviews = tuple(e.review for e in extractions)
    return KnowledgeBase(reviews, entities, tuple(merged), tuple(skipped))


def _one_name_per_iri(mapping: dict[str, str], forms: Counter) -> dict[str, str]:
    """Merges entities whose names differ only in what an IRI drops ("Fast X" and "Fast X.", all
    capitals), so that one IRI never carries two canonical names."""
    weight: Counter = Counter()
    for form, display in mapping.items():
        weight[display] += forms[form]
    by_iri: dict[str, list[str]] = defaultdict(list)
    for display in weight:
        by_iri[slug(display)].append(display)
    best = {key: max(names, key=lambda n: (casing(n), weight[n], len(n), n)) for key, names in by_iri.items()}
    return {form: best[slug(display)] for form, display in mapping.items()}


def casing(name: str) -> int:
    """2 for ordinary Title Case ("The Continental"), 1 for all capitals, 0 for stray capitals ("The COntinental")."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if len(w) > 1]
    if name.isupper():
        return 1
    odd = any(w[1:] != w[1:].lower() and not re.match(r"(?:Mc|Mac|De|Di|La|Le|O')[A-Z]", w) for w in words)
    return 0 if odd else 2


def _same_person(a: str, b: str) -> bool:
    return norm(a) == norm(b) or is_part_of_name(a, b) or is_part_of_name(b, a)


def _same_character(claims: list[Claim]):
    """Whether two character names are one character: a first name ("Jimmy") joins a full one
    ("Jimmy Crystal") only when both are credited in one film or franchise; Better Call Saul's Jimmy
    is not Sing 2's Jimmy Crystal."""
    series: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.kind == "in_franchise" and claim.film and claim.franchise:
            series[norm(claim.film)].add("franchise:" + norm(claim.franchise))
    context: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.character and claim.film:
            context[claim.character] |= {norm(claim.film)} | series[norm(claim.film)]

    def same(a: str, b: str) -> bool:
        if norm(a) == norm(b):
            return True
        if not _same_person(a, b):
            return False
        return not context[a] or not context[b] or bool(context[a] & context[b])
    return same


def _cluster(forms: Counter, same, keys, fullest: bool = False) -> dict[str, str]:
    """Groups forms into entities and maps each form to its cluster's display name.

    A short form ("Reeves") joins a longer one only when exactly one longer cluster fits it.
    ``fullest`` names a cluster by its longest form rather than its most written one.
    """
    ordered = sorted(forms, key=lambda f: (-len(norm(f).split()), -forms[f], f))
    clusters: list[list[str]] = []
    home_of: dict[str, int] = {}
    index = NameIndex(keys)  # every form placed so far, by its keys: a same form shares one
    for form in ordered:
        matching = [member for member in index.near(form) if same(form, member)]
        homes = {home_of[member] for member in matching}
        exact = [home_of[member] for member in matching if norm(form) == norm(member)]
        if exact:
            home = min(exact)
        elif len(homes) == 1:
            home = homes.pop()
        else:
            home = len(clusters)
            clusters.append([])
        clusters[home].append(form)
        home_of[form] = home
        index.add(form)
    mapping = {}
    for members in clusters:
        counts = Counter()
        for member in members:
            counts[member] += forms[member]
        if fullest:  # a franchise is named best in full: "Jurassic Park", not "the Jurassic movies"
            display = max(members, key=lambda m: (casing(m), len(m.split()), counts[m], m))
        else:
            display = max(members, key=lambda m: (casing(m), counts[m], len(m), m))
        for member in members:
            mapping[member] = display
    return mapping


def _mention_forms(extractions, claims: list[Claim], canon, franchises) -> dict[tuple[str, str], set[str]]:
    """Every surface form a review uses for an entity its own claims name ("Keanu", "Stahelski",
    "Wick", "Parabellum"), when it fits exactly one of them."""
    by_review: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for claim in claims:
        for role, entity_type in ROLE_TYPE.items():
            value = getattr(claim, role)
            if value:
                by_review[claim.source.review][entity_type].add(canon[entity_type].get(value, value))
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for extraction in extractions:
        named = by_review.get(extraction.review.id, {})
        people = {t: NameIndex(_tokens_or_blank, named.get(t, ())) for t in ("person", "character", "franchise")}
        works = NameIndex(_segments_or_blank, named.get("film", ()))
        for mention in extraction.mentions:
            text = mention.text
            if mention.type == "franchise":
                fits = [("franchise", n) for n in people["franchise"].near(text) if _same_name(text, n)]
            elif mention.type in WORK_TYPES:
                fits = [("film", n) for n in works.near(text) if same_work(text, n, franchises)]
            else:
                fits = [(t, n) for t in ("person", "character") for n in people[t].near(text) if _same_name(text, n)]
                if not fits and norm(text) not in franchises:
                    fits = [("film", n) for n in works.near(text) if same_work(text, n, franchises)
                            and not (n.startswith("The ") and not text.startswith("The "))]  # the hotel
            if len(fits) == 1:
                forms[fits[0]].add(text)
    return forms


def _same_name(form: str, name: str) -> bool:
    return norm(form) == norm(name) or is_part_of_name(form, name)


def _entities(facts: list[Fact], canon: dict[str, dict[str, str]], work_votes: Counter,
              seen_forms: dict[tuple[str, str], set[str]]) -> tuple[Entity, ...]:
    used: dict[tuple[str, str], set[str]] = defaultdict(set)
    for fact in facts:
        for role, entity_type in ROLE_TYPE.items():
            value = getattr(fact, role)
            if value:
                used[(entity_type, value)]
    forms_of: dict[str, dict[str, set[str]]] = {t: defaultdict(set) for t in canon}
    for entity_type, mapping in canon.items():
        for form, display in mapping.items():
            forms_of[entity_type][display].add(form)
    entities = []
    for (entity_type, name), _ in sorted(used.items()):
        aliases = sorted((forms_of[entity_type].get(name, set()) | seen_forms.get((entity_type, name), set())) - {name})
        if entity_type == "film":
            keys = {norm(name)} | {norm(a) for a in aliases}
            series = sum(work_votes[(k, "series")] for k in keys)
            films = sum(work_votes[(k, "film")] for k in keys)
            entity_type = "series" if series > films else "film"
        entities.append(Entity(entity_type, name, tuple(aliases)))
    return tuple(entities)
