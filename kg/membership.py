"""Franchise membership: which works a review places in which franchise, and the words that say so.

A review names a franchise in two ways. It types a name as one ("the Toy Story films", "the
Jurassic Park franchise", "the Spider-Verse saga", "the MCU"), or it names a series by the head
its titles share: "Top Gun: Maverick" and "Top Gun", "Kung Fu Panda 4" and "KUNG FU PANDA one",
"Indiana Jones and the Dial of Destiny" and "Indiana Jones", "Furiosa: A Mad Max Saga". From these:

* ``franchise.title``: a title whose head (before a colon, a number, "Part Two", "and the", or that
  begins it) is a series the review names on its own -- or a title that contains a franchise's name;
* ``franchise.eponymous``: the series' first film, named as a work ("the 1979 original, “Alien”");
* ``franchise.world_of``: "From the World of X: Y" and "Y: From the World of X";
* ``franchise.cue``: "the fifth film in the X franchise", "a spinoff of the X movie series", "the
  latest entry in X": the reviewed film (or the work the sentence names), resolved later;
* ``franchise.named``: any other sentence typing X as a franchise, kept by resolution only when the
  reviewed film's title shares a word with X ("the Jurassic Park franchise", Jurassic World Dominion);
* ``franchise.spinoff``: "the spin-off series Y" when the review has one main franchise.

Comparisons, negations and hypotheticals ("reminiscent of Rogue Nation in the Mission: Impossible
franchise" is about Rogue Nation, "unlike the X films") never place the reviewed film.

>>> import spacy
>>> from kg.mentions import find_names
>>> from kg.model import Review
>>> from kg.templates import sentence_templates, type_hints
>>> text = "Night Harbor: The Return is better than Night Harbor."
>>> doc = spacy.blank("en")(text)
>>> names = find_names(doc)
>>> templates = sentence_templates(doc, names)
>>> claims = membership_claims(Review("r1", text, "r1.txt", ""), templates, names, type_hints(templates, names))
>>> [(c.rule, c.film, c.franchise) for c in claims]
[('franchise.title', 'Night Harbor: The Return', 'Night Harbor')]
"""
from __future__ import annotations

import re
from collections import defaultdict

from . import patterns as P
from .layout import reviewed_title
from .mentions import Name
from .model import Claim, Review, Source
from .names import SEQUEL_NUMERAL, norm
from .templates import QUOTE_BEFORE, RELATIVE_WORDS, Template, blocked, clause_has, clause_quote, film_context

SERIES_PARTS = frozenset("Chapter Part Episode Season Volume Vol. Book".split())
WORKS = ("film", "series")
HEAD_FORMS = [  # (regex over a title, group holding the head)
    re.compile(r"^(?P<head>.+?): "),  # "Top Gun: Maverick"
    re.compile(rf"^(?P<head>.+?) (?:\d{{1,2}}|{SEQUEL_NUMERAL}|One|Two|Three|Four|Five|Six|Seven|"
               r"Eight|Nine|Ten|Eleven|Twelve|Thirteen)$"),  # "Kung Fu Panda 4", "Scream VI", "Transformers One"
    re.compile(r"^(?P<head>.+?):? (?:Part|Chapter|Vol\.|Volume) \S+$"),  # "Dune: Part Two", "Guardians Vol. 3"
    re.compile(r"^(?P<head>.+?) (?:and|&) the \S"),  # "Indiana Jones and the Dial of Destiny"
    re.compile(r"^(?P<head>.+?) [–—-] "),  # "Mission: Impossible – Dead Reckoning"
    re.compile(r"^(?P<head>\D+?) (?:19|20)\d\d$"),  # "Blade Runner 2049", when "Blade Runner" is named alone
]
SAGA = re.compile(r": An? (?P<head>.+?) (?:Saga|Story|Tale|Adventure|Legend|Mystery)$")  # "Furiosa: A Mad Max Saga"
SAGA_HEAD = re.compile(r"^(?P<head>.+? (?:Saga|Chronicles|Trilogy|Cinematic Universe)): \S")  # "The Twilight Saga: …"
WORLD_OF = re.compile(r"(?:^|: )From the World of ", re.I)
VERSUS = re.compile(r" (?:x|vs\.?|v\.?) ", re.I)  # "Godzilla x Kong": no series "Godzilla"
NUMBERED_HEAD = re.compile(rf"^(?P<head>.+?):? (?:[2-9]|1[0-2]|{SEQUEL_NUMERAL}|"
                           r"(?:Part|Chapter) (?:Two|Three|Four|Five|[2-9]))$")
KNOWN_FROM = frozenset("remember remembered recognize recognise known familiar fame famous".split())  # an actor's past
NOT_SERIES_WORDS = SERIES_PARTS | frozenset("Night Day Week Round Level Room Episode Tags Vol Phase".split())
SEQUEL_TALK = re.compile(r"\b(?:sequels?|threequel|prequels?|the original|franchise|installments?|instalments?|"
                         r"(?:first|previous|last|earlier|other)(?: (?:two|three|four|five|six|[2-9]))? "
                         r"(?:films?|movies?|ones?|entry|entries|chapters?))\b", re.I)  # "the first two movies"
SEQUEL_TO = re.compile(r"\b(?:sequel|threequel|follow-up|prequel|successor) to (?:the |its |his |her )?"
                       r"(?:(?:19|20)\d\d (?:'s |’s )?)?(?:[a-z-]+ ){0,2}(?:[“\"‘] )?$")
SEQUEL_TO_APPOSITIVE = re.compile(  # "a sequel to one of the most loved musicals of all time, X"
    r"\b(?:sequel|follow-?up|prequel|successor) to (?:one (?:of )?)?(?:the |its |his |her )?(?:[a-z0-9-]+ ){1,8}, (?:[“\"‘] )?$")
SPAWNED = re.compile(  # "“X” made a lot of money and thus spawned two sequels: “Y” (1978) and “Z” (1981)"
    r"§(?P<k>\d+)§ (?:[”\"’] )?(?:(?!(?:but|while|whereas)\b)[a-z-]+ ){0,8}?(?:spawned|inspired|launched|begat|gave rise to|"
    r"was followed by) (?:(?:two|three|four|five|six|seven|eight|several|many|numerous|a few|a string of|a series of|"
    r"[2-9]|a|an|one) )?(?:[a-z-]+ )?(?:sequels?|follow-ups?|prequels?)\b(?P<rest>.*)$")
LEADING_NUMBER = re.compile(r"^(?P<number>\d{1,3}) (?P<tail>[A-Z][^\d]+)$")
UNIVERSE_ACRONYM = re.compile(r"^[A-Z]{1,3}(?:CU|EU|U)$")  # "MCU", "DCEU": X Cinematic / Extended Universe


def membership_claims(review: Review, templates: list[Template], names: list[Name],
                      hints: dict[int, str], background: set[int] = frozenset()) -> list[Claim]:
    """Every franchise membership the review states (see the module docstring); ``background``
    names works given as comparisons or filmographies."""
    franchises = franchise_names(names, hints)
    series = dict(franchises)
    sequel_talk = bool(SEQUEL_TALK.search(review.text))
    series.update(_named_heads(names, hints, franchises, sequel_talk))
    main = main_franchise(names, hints)
    typed: dict[str, list[str]] = defaultdict(list)  # the works the review names, by key
    for k, name in enumerate(names):
        if hints.get(k) in WORKS:
            typed[norm(name.text)].append(name.text)
    out: list[Claim] = []
    seen_titles: set[str] = set()
    headline = None  # the layout's reviewed title, read at most once
    for template in templates:
        for offset, k in sorted(template.slots.items()):
            name = names[k]
            end = offset + len(f"§{k}§")
            if hints.get(k) == "franchise" or norm(name.text) in franchises and hints.get(k) not in WORKS:
                out += _franchise_mention(review, template, names, hints, offset, k, main)
                continue
            entry = P.UNNAMED_FRANCHISE_ENTRY.match(template.text[end + 1:])
            home = main or (_series_head(name.text) if entry and hints.get(k) in WORKS else None)
            begin_at, stop = offset, end + 1 + (entry.end() if entry else 0)
            before = P.ENTRY_BEFORE.search(template.text, max(0, offset - 160), offset)
            if entry is None and before:  # "the fifth entry in the franchise, X: Y", "the previous film, X: Y"
                entry, home, begin_at, stop = before, _series_head(name.text), before.start(), end
            own = P.OWN_ENTRY_BEFORE.search(template.text, max(0, offset - 160), offset)
            if entry is None and own and not clause_has(template, own.start(), end, P.COMPARISONS):
                entry, home, begin_at, stop = own, names[int(own.group("k"))].text, own.start(), end
            if home and entry and name.text not in seen_titles and norm(home) != norm(name.text):
                seen_titles.add(name.text)  # "Fast Five – the best entry in the franchise"
                source = clause_quote(review, template, begin_at, stop, "franchise.entry")
                out.append(Claim("in_franchise", source, "franchise.entry", film=name.text, franchise=home))
            original = norm(name.text) in series and _named_as_the_original(template, offset, end)
            appositive = SEQUEL_TO_APPOSITIVE.search(template.text[:offset]) \
                if re.match(r" (?:[”\"’] )?(?:[.;!]|$)", template.text[end:]) or end == len(template.text) else None
            if not _is_title(name, hints.get(k)) and not original and not appositive:
                continue
            found = _title_membership(name.text, series)
            if found and name.text not in seen_titles and not blocked(template, offset, end, P.HYPOTHETICALS, 8):
                rule, film, franchise = found
                seen_titles.add(name.text)
                source = clause_quote(review, template, offset, end, rule)
                out.append(Claim("in_franchise", source, rule, film=film, franchise=franchise))
                forms = typed.get(norm(franchise), [])
                if len(forms) == 1 and ":" in film and headline is None:
                    headline = reviewed_title(review.text) or ()  # once a review, and only when needed
                reviewed = ":" in film and bool(headline) and norm(headline[1]) == norm(franchise)
                # "Independence Day" above "Independence Day: Resurgence (sequel)"
                first = next((f for f in forms if f not in seen_titles), None) if len(forms) >= 2 or reviewed else None
                if first and (re.search(r" [2-9]$", film) or film.startswith(first + ":")) and norm(first) == norm(franchise):
                    seen_titles.add(first)  # "John Wick 2 is in the works" ("X: Resurgence (sequel)"), and "John
                    # Wick" is a film twice over
                    out.append(Claim("in_franchise", source, "franchise.eponymous", film=first, franchise=franchise))
            elif norm(name.text) in series and name.text not in seen_titles \
                    and (hints.get(k) in WORKS and _named_as_a_work(template, offset, end)
                         and (k not in background or P.EARLIER_BEFORE.search(template.text[:offset]))
                         or original) \
                    and not UNIVERSE_ACRONYM.match(name.text):
                seen_titles.add(name.text)
                source = clause_quote(review, template, offset, end, "franchise.eponymous")
                out.append(Claim("in_franchise", source, "franchise.eponymous", film=name.text,
                                 franchise=series[norm(name.text)]))
            sequel_to = SEQUEL_TO.search(template.text[:offset]) or appositive
            if not franchises and sequel_to and name.text not in seen_titles:
                seen_titles.add(name.text)  # "this threequel to the 2002 classic 28 Days Later"
                source = clause_quote(review, template, sequel_to.start(), end, "franchise.sequel_to")
                out.append(Claim("in_franchise", source, "franchise.sequel_to", film=name.text, franchise=name.text))
                out.append(Claim("in_franchise", source, "franchise.sequel_to", franchise=name.text,
                                 film_from_review=True))
            spinoff = P.SPINOFF.search(template.text[:offset])
            if main and spinoff and hints.get(k) in WORKS and norm(main) != norm(name.text) \
                    and not clause_has(template, spinoff.start(), end, P.COMPARISONS):
                source = clause_quote(review, template, spinoff.start(), end, "franchise.spinoff")
                out.append(Claim("in_franchise", source, "franchise.spinoff", film=name.text, franchise=main))
        out += _spawned_sequels(review, template, names, hints)
    return out


def _spawned_sequels(review: Review, template: Template, names: list[Name], hints: dict[int, str]) -> list[Claim]:
    """ "“X” spawned two sequels: “Y” and “Z”": X heads a series named after it, and so do the
    works listed after the colon."""
    match = SPAWNED.search(template.text)
    if not match or clause_has(template, match.start(), match.end("rest") - len(match.group("rest")),
                               P.NEGATIONS | P.HYPOTHETICALS):
        return []
    head = names[int(match.group("k"))]
    if hints.get(int(match.group("k"))) not in WORKS and not (head.quoted or head.titled):
        return []
    source = clause_quote(review, template, match.start(), match.end("rest") - len(match.group("rest")),
                          "franchise.spawned")
    out = [Claim("in_franchise", source, "franchise.spawned", film=head.text, franchise=head.text)]
    listed = re.match(r" [:,] (?P<list>(?:[^§.;]*§\d+§)+)", match.group("rest"))  # "two sequels: Y and Z", "…, Y and Z"
    for k in template.names_in(listed.group("list")) if listed else []:
        if hints.get(k) in WORKS or names[k].quoted or names[k].titled or names[k].text.startswith(head.text + " "):
            out.append(Claim("in_franchise", _whole(review, template), "franchise.spawned", film=names[k].text,
                             franchise=head.text))
    return out


def _whole(review: Review, template: Template) -> Source:
    """The whole sentence, quoted exactly: the entries and the series they continue are far apart in it."""
    start, end = template.start, template.end
    while start < end and review.text[start].isspace():
        start += 1
    while end > start and review.text[end - 1].isspace():
        end -= 1
    return Source(review.id, start, end, review.text[start:end])


def franchise_names(names: list[Name], hints: dict[int, str]) -> dict[str, str]:
    """The names the review types as a franchise, by matching key, each as the review writes it."""
    found: dict[str, list[str]] = defaultdict(list)
    for k, name in enumerate(names):
        if hints.get(k) == "franchise" or UNIVERSE_ACRONYM.match(name.text):
            found[norm(name.text)].append(name.text)
    return {key: _best_form(forms) for key, forms in found.items()}


def _named_heads(names: list[Name], hints: dict[int, str], franchises: dict[str, str],
                 sequel_talk: bool = False) -> dict[str, str]:
    """Series heads of the review's titles that the review also names on their own: "Top Gun" of
    "Top Gun: Maverick" when "Top Gun" is written alone too; and "Smile" of "Smile 2" when the
    review talks of sequels or the original."""
    alone: dict[str, list[str]] = defaultdict(list)
    people: set[str] = set()
    for name in names:
        alone[norm(name.text)].append(name.text)
        if name.ner == "PERSON" and len(name.text.split()) > 1:
            people.add(norm(name.text))
    typed = {norm(name.text) for k, name in enumerate(names) if hints.get(k) in WORKS}
    heads: dict[str, str] = {}
    numbers: dict[str, set[str]] = defaultdict(set)  # "21 Jump Street" and "22 Jump Street": the series "Jump Street"
    for name in names:
        lead = LEADING_NUMBER.match(name.text)
        if lead:
            numbers[norm(lead.group("tail"))].add(lead.group("number"))
            if len(numbers[norm(lead.group("tail"))]) >= 2:
                heads[norm(lead.group("tail"))] = lead.group("tail")
    for key, head in _shared_heads(names, hints).items():
        if key not in people and key not in franchises:
            heads.setdefault(key, head)
    for k, name in enumerate(names):
        if not _is_title(name, hints.get(k)) or SAGA.search(name.text) or WORLD_OF.search(name.text):
            continue
        numbered = NUMBERED_HEAD.match(name.text) or name.titled and NUMBERED_HEAD.match(name.text.split(": ")[0])
        # "X 3: Subtitle" counts where the layout gives it away: a headline's title, or an entry of its series
        if numbered and (sequel_talk or norm(numbered.group("head")) in typed) \
                and norm(numbered.group("head")) not in franchises and norm(numbered.group("head")) not in P.LABELS \
                and not set(numbered.group("head").split()) & NOT_SERIES_WORDS and (name.titled or name.ner not in ("FAC", "ORG")) \
                and len(numbered.group("head").split()) <= 6 and not re.search(r"\d|:", numbered.group("head")):
            heads[norm(numbered.group("head"))] = numbered.group("head")  # "Smile 2" and "the original film" or "Smile"
            continue
        for head, by_form in _heads(name.text):
            key = norm(head)
            hero = name.text.startswith((head + " and the ", head + " & the "))  # "Indiana Jones and the ..."
            if key in people and not hero:
                continue
            if key in alone and key != norm(name.text) and key not in franchises and (by_form or key in typed):
                possessive = re.search(r"['’]s$", head)  # "Ocean's" of "Ocean's Eight", written "Ocean" alone
                heads[key] = head if possessive else _best_form(alone[key] + [head])
    return heads


def _shared_heads(names: list[Name], hints: dict[int, str]) -> dict[str, str]:
    """Heads of two or more of the review's titles, before their colon: "Sea Patrol" of "Sea Patrol:
    The Movie" and "Sea Patrol: The Mighty Voyage". A head of one word or opening with an article
    is left out ("Birthplace: Brooklyn", "The Olympians: …" of a title the names cut in two)."""
    titles: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, str] = {}
    for k, name in enumerate(names):
        colon = HEAD_FORMS[0].match(name.text)
        if colon and _is_title(name, hints.get(k)) and not WORLD_OF.search(name.text):
            head = colon.group("head").strip()
            if len(head.split()) >= 2 and not head.startswith(("The ", "A ")):
                titles[norm(head)].add(norm(name.text))
                forms.setdefault(norm(head), head)
    return {key: forms[key] for key, found in titles.items() if len(found) >= 2}


def _heads(title: str) -> list[tuple[str, bool]]:
    """The ways a title can begin with its series' name, each with whether a title form says so
    ("Top Gun: Maverick") or only the words do ("The Matrix Resurrections": trusted only when
    the review types "The Matrix" as a work)."""
    out = []
    for form in HEAD_FORMS:
        match = form.match(title)
        if match and match.group("head").split()[0] not in SERIES_PARTS:
            out.append((match.group("head").strip(), True))
    words = title.split()
    out += [(" ".join(words[:n]), False) for n in range(len(words) - 1, 0, -1)]
    seen, unique = set(), []
    for head, by_form in out:
        if head and head.lower() not in P.SMALL_WORDS and head not in seen and not VERSUS.search(head + " "):
            seen.add(head)
            unique.append((head, by_form))
    return unique


def _series_head(title: str) -> str | None:
    """The series a title's own form names: "Hotel Transylvania" of "Hotel Transylvania: Transformania"."""
    head = next((head for head, by_form in _heads(title) if by_form), None)
    return _unnumbered(head) if head else None


def _unnumbered(head: str) -> str:
    """A series is named without an entry's number: "Gremlins" of "Gremlins 2: The New Batch"."""
    numbered = NUMBERED_HEAD.match(head)
    return numbered.group("head") if numbered else head


def _title_membership(title: str, series: dict[str, str]) -> tuple[str, str, str] | None:
    """``(rule, film, franchise)`` when a title itself places the work in a series."""
    world = re.match(r"From the World of (.+?): (.+)$", title, re.I)
    suffix = re.match(r"(.+?): From the World of (.+)$", title, re.I)
    if world or suffix:
        film, franchise = (world.group(2), world.group(1)) if world else (suffix.group(1), suffix.group(2))
        return "franchise.world_of", film, franchise
    saga = SAGA.search(title) or SAGA_HEAD.match(title)
    if saga:
        return "franchise.title", title, saga.group("head")
    for head, _ in _heads(title):
        if norm(head) in series and norm(head) != norm(title):
            return "franchise.title", title, _unnumbered(series[norm(head)])
    lead = LEADING_NUMBER.match(title)
    if lead and norm(lead.group("tail")) in series:
        return "franchise.title", title, series[norm(lead.group("tail"))]
    key = norm(title)
    for series_key, display in series.items():
        if len(series_key.split()) >= 2 and re.search(rf"(?:^| ){re.escape(series_key)}$", key) and series_key != key:
            return "franchise.title", title, display  # "Kingdom of the Planet of the Apes"
    return None


def _franchise_mention(review: Review, template: Template, names: list[Name], hints: dict[int, str],
                       offset: int, k: int, main: str | None) -> list[Claim]:
    """A sentence naming franchise ``k``: with a membership cue ("the fifth film in the X franchise",
    "the X prequel"), or bare (kept only if the reviewed film shares a word with X)."""
    text = template.text
    end = offset + len(f"§{k}§")
    cue = P.MEMBERSHIP_BEFORE.search(QUOTE_BEFORE.sub("", text[:offset]))  # "… installment of the “X” franchise"
    after = P.MEMBERSHIP_AFTER.match(re.sub(r"^[’”'\"] ", "", text[end + 1:]))
    start = cue.start() if cue else offset
    if clause_has(template, start, end, P.COMPARISONS | P.NEGATIONS | P.HYPOTHETICALS | KNOWN_FROM, RELATIVE_WORDS) \
            or P.COMPARISON_BEFORE.search(QUOTE_BEFORE.sub("", text[:offset])):
        return []  # "unlike the X films", "not part of the X universe"
    rule = "franchise.cue" if cue or after else "franchise.named"
    source = clause_quote(review, template, start, end, rule)
    _, film_hints, nearby = film_context(template, names, hints, {}, {k}, offset, linked=False)
    return [Claim("in_franchise", source, rule, franchise=names[k].text, film_from_review=True,
                  film_hints=film_hints if rule == "franchise.cue" else (), nearby=nearby)]


def _named_as_a_work(template: Template, offset: int, end: int) -> bool:
    """The words around a series' own name say it is its first film ("the original Scream", "2015's
    “Inside Out”", "the 1979 original, “Alien”"), not the franchise ("“Fast” fan-fiction")."""
    before = QUOTE_BEFORE.sub("", template.text[:offset])
    after = re.sub(r"^[’”'\"] ", "", template.text[end + 1:])
    return bool(P.EARLIER_BEFORE.search(before) or P.FILM_BEFORE.search(before) or P.FILM_AFTER.match(after)
                or re.search(r"(?:(?:19|20)\d\d (?:'s|’s)|(?:19|20)\d\d|original|sequel to|with|classic) $", before))


def _named_as_the_original(template: Template, offset: int, end: int) -> bool:
    """Words that make a series' own name its first film even where nothing else types it as a work:
    "in 2019's Joker", "after the success of The Hangover", "“The Purge,” 2013’s hit"."""
    before = QUOTE_BEFORE.sub("", template.text[:offset])
    return bool(P.ORIGINAL_BEFORE.search(before) or P.ORIGINAL_AFTER.match(template.text[end + 1:])
                or P.EARLIER_BEFORE.search(before)) and not clause_has(template, offset, end, P.COMPARISONS)


def _is_title(name: Name, hint: str | None) -> bool:
    return hint in WORKS or name.quoted or name.titled or name.ner == "WORK_OF_ART"


def main_franchise(names: list[Name], hints: dict[int, str]) -> str | None:
    """The franchise the review names most, as it writes it most."""
    counts: dict[str, list[str]] = defaultdict(list)
    for k, h in hints.items():
        if h == "franchise":
            counts[norm(names[k].text)].append(names[k].text)
    if not counts:
        return None
    key = max(counts, key=lambda c: (len(counts[c]), len(c), c))
    return _best_form(counts[key])


def _best_form(forms: list[str]) -> str:
    """The form written most, preferring ordinary casing to all capitals ("Toy Story", not "TOY STORY")."""
    return max(set(forms), key=lambda f: (not f.isupper(), forms.count(f), f[:1].isupper(), f))
