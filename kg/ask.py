"""English questions over a built graph, answered in a sentence with the review quotes behind it.

Questions are matched by a spaCy ``Matcher`` on a blank English tokenizer (no model, no network)
against the question forms below, kept as data. Each ``{slot}`` is a name, resolved with
:meth:`kg.query.KnowledgeGraph.resolve`. A question it cannot read, or a name it does not know,
gets the list of forms it understands (and suggestions for the name), never a guess.

>>> print(graph.ask("who plays Charon?"))                    # doctest: +SKIP
Charon is played by Lance Reddick (1 review: 000_783e8d39f966f84b: "Charon (Lance Reddick)").
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from .query import Answer, Answers, KnowledgeGraph, Resolution

# A template is a sequence of words: "a|b" is either word, "(a)" is optional, "{film}" is a name.
ASKED = "which|what"
IS = "is|was|are|were|'s|\u2019s"
PLAYS = "plays|played|portrays|portrayed"
SAY = "support|supports|say|says|claim|claims"


@dataclass(frozen=True)
class QuestionForm:
    """A kind of question: an id, how it is shown to people, and the word templates that ask it."""

    id: str
    shows: str
    templates: tuple[str, ...]


FORMS = (
    QuestionForm("directors", "who directed FILM?", (
        "who directed|direct|directs {film}",
        f"who {IS} (the) director|directors of {{film}}",
        "(the) director|directors of {film}",
    )),
    QuestionForm("crew", "who wrote / produced / scored / shot / edited FILM? / who is the crew of FILM?", (
        "who wrote|co-wrote|penned|scripted {film}",
        "who produced|scored|shot|edited|created {film}",
        "who composed|did the music|score for|of {film}",
        f"who {IS} the writer|writers|screenwriter|screenwriters|producer|producers|composer|cinematographer|editor|creator|creators of {{film}}",
        f"who {IS} (in) the crew of {{film}}",
        "(the) crew of {film}",
    )),
    QuestionForm("played_by", "who plays CHARACTER (in FILM)?", (
        f"who {PLAYS} {{character}}",
        f"who {PLAYS}|{IS} {{character}} in {{film}}",
        f"who {PLAYS} the role of {{character}}",
        f"who {PLAYS} the role of {{character}} in {{film}}",
    )),
    QuestionForm("cast", "who is in FILM? / what is the cast of FILM?", (
        f"who {IS} in {{film}}",
        "who stars|starred|acts|acted|appears|appeared|plays|played in {film}",
        f"who {IS} in the cast of {{film}}",
        f"what|who {IS} the cast of {{film}}",
        "(the) cast of {film}",
    )),
    QuestionForm("filmography", "which films is PERSON in? / what has PERSON been in?", (
        f"{ASKED} films|movies {IS} {{person}} in",
        f"{ASKED} films|movies has|have|had {{person}} been|appeared|starred|acted in",
        f"{ASKED} films|movies did|does {{person}} appear|star|act in",
        "what has|had {person} been|appeared|starred|acted in",
        f"what {IS} {{person}} in",
        "(the) filmography of {person}",
    )),
    QuestionForm("directed_by", "which films did PERSON direct?", (
        f"{ASKED} films|movies did|has|have {{person}} direct|directed",
        "what did|has {person} direct|directed",
        f"{ASKED} films|movies {IS} directed by {{person}}",
        "(the) films|movies directed by {person}",
    )),
    QuestionForm("franchise_films", "which films belong to FRANCHISE? / films in the FRANCHISE franchise", (
        f"{ASKED} films|movies belong|belongs|belonged to {{franchise}}",
        f"{ASKED} films|movies {IS} in|of {{franchise}}",
        f"{ASKED} films|movies {IS} in|of the {{franchise}} franchise",
        f"{ASKED} films|movies {IS} part of {{franchise}}",
        f"{ASKED} films|movies {IS} part of the {{franchise}} franchise",
        "(the) films|movies in|of {franchise}",
        "(the) films|movies in|of the {franchise} franchise",
        "what belongs to {franchise}",
    )),
    QuestionForm("review_about", "what does review REVIEW say about NAME?", (
        "what does|did (the) review {review} say about {name}",
        "what does|did {review} say about {name}",
    )),
    QuestionForm("support_cast", "which reviews say that PERSON plays CHARACTER (in FILM)?", (
        f"{ASKED} reviews {SAY} (that) {{person}} {PLAYS}|{IS} {{character}}",
        f"{ASKED} reviews {SAY} (that) {{person}} {PLAYS}|{IS} {{character}} in {{film}}",
    )),
    QuestionForm("support_in_film", "which reviews say that PERSON is in FILM?", (
        f"{ASKED} reviews {SAY} (that) {{person}} {IS}|stars|starred|appears|appeared|acts|acted in {{film}}",
    )),
    QuestionForm("support_director", "which reviews say that PERSON directed FILM?", (
        f"{ASKED} reviews {SAY} (that) {{person}} directed|directs {{film}}",
    )),
)
SLOT_TYPES = {"film": "film", "person": "person", "character": "character", "franchise": "franchise",
              "review": "review", "name": None}
QUOTES = " \"'\u2018\u2019\u201c\u201d"
MAX_QUESTION_WORDS = 40
MAX_QUESTION_CHARS = 400


@dataclass(frozen=True)
class Reply:
    """The reply to a question: ``str(reply)`` is a sentence with citations; ``answers`` the data."""

    question: str
    text: str
    form: str | None = None  # the id of the question form understood
    answers: Answers = field(default_factory=Answers)
    ok: bool = False  # False when the question or a name in it was not understood

    def __str__(self) -> str:
        return self.text

    def as_json(self) -> dict:
        fields = ("person", "character", "film", "franchise", "review", "role")
        return {"question": self.question, "form": self.form, "ok": self.ok, "answer": self.text,
                "suggestions": list(self.answers.suggestions),
                "items": [a.as_json(fields) for a in self.answers]}


def compile_template(template: str) -> tuple[list[dict], dict[int, str], int]:
    """A Matcher pattern, the slot name of each wildcard position, and the number of fixed words."""
    pattern, slots, fixed = [], {}, 0
    for word in template.split():
        if word.startswith("{"):
            slots[len(pattern)] = word.strip("{}")
            pattern.append({"OP": "+"})
            continue
        optional = word.startswith("(")
        options = word.strip("()").split("|")
        token = {"LOWER": options[0]} if len(options) == 1 else {"LOWER": {"IN": options}}
        if optional:
            token["OP"] = "?"
        else:
            fixed += 1
        pattern.append(token)
    return pattern, slots, fixed


@lru_cache(maxsize=1)
def _parser():
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    compiled = {}
    for order, form in enumerate(FORMS):
        for number, template in enumerate(form.templates):
            key = f"{form.id}:{number}"
            pattern, slots, fixed = compile_template(template)
            matcher.add(key, [pattern])
            compiled[nlp.vocab.strings[key]] = (form, slots, (-fixed, order))
    return nlp, matcher, compiled


def parse(question: str) -> list[tuple[QuestionForm, dict[str, str]]]:
    """Every reading of a question, most specific first: ``[(form, {"film": "Ballerina"}), ...]``."""
    nlp, matcher, compiled = _parser()
    doc = nlp(question.strip().rstrip("?!. ").strip())
    readings = {}
    for match_id, start, end, alignment in matcher(doc, with_alignments=True):
        if start != 0 or end != len(doc):
            continue
        form, slots, rank = compiled[match_id]
        positions: dict[str, list[int]] = {}
        for offset, index in enumerate(alignment):
            if index in slots:
                positions.setdefault(slots[index], []).append(start + offset)
        names = {slot: doc[p[0]:p[-1] + 1].text.strip(QUOTES) for slot, p in positions.items()}
        readings.setdefault((form.id, tuple(sorted(names.items()))), (rank, form, names))
    return [(form, names) for _, form, names in sorted(readings.values(), key=lambda r: r[0])]


def forms_help() -> str:
    """The question forms understood, one per line."""
    return "I understand questions like:\n" + "\n".join(f"  - {form.shows}" for form in FORMS)


def ask(graph: KnowledgeGraph, question: str) -> Reply:
    """Answers one English question: ``ask(graph, "who directed Ballerina?").text``.

    Questions are at most ``MAX_QUESTION_WORDS`` words: matching grows steeply with length (a
    3 KB question took half a minute), and no question form needs more than twenty.
    """
    words = len(question.split())
    if words > MAX_QUESTION_WORDS or len(question) > MAX_QUESTION_CHARS:
        return Reply(question, f"That question is too long ({words:,} words, {len(question):,} characters); "
                               f"I read questions of up to {MAX_QUESTION_WORDS} words and "
                               f"{MAX_QUESTION_CHARS} characters.\n{forms_help()}")
    failure: Resolution | None = None
    for form, names in parse(question):
        resolved = {}
        for slot, text in names.items():
            resolution = graph.resolve(text, SLOT_TYPES[slot])
            if not _accepted(resolution, slot):
                failure = failure or resolution
                break
            resolved[slot] = resolution.matches[0].name
        else:
            answers, text = ANSWERERS[form.id](graph, **resolved)
            return Reply(question, text, form.id, answers, ok=answers.found)
    if failure is not None:
        return Reply(question, f"{failure.message}\n{forms_help()}", answers=Answers.unresolved(failure))
    return Reply(question, f"Sorry, I cannot read that question.\n{forms_help()}")


def _accepted(resolution: Resolution, slot: str) -> bool:
    # A bare NAME may mean several things of one name (John Wick the film, character, franchise).
    names = {m.name for m in resolution.matches}
    return resolution.match is not None or (slot == "name" and len(names) == 1)


# --- sentences ---------------------------------------------------------------------------------


def quoted(sources) -> str:
    """Quotes, one-line and de-duplicated: ``"Dir. Len Wiseman", "Wiseman"``."""
    return ", ".join(dict.fromkeys(f'"{" ".join(s.quote.split())}"' for s in sorted(sources)))


def reviews_and_quotes(sources) -> str:
    """Each review with its quotes: ``000_x: "Charon (Lance Reddick)"; 001_y: "..."``."""
    by_review: dict[str, list] = {}
    for source in sorted(sources):
        by_review.setdefault(source.review, []).append(source)
    return "; ".join(f"{review}: {quoted(group)}" for review, group in by_review.items())


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def cite(sources) -> str:
    """The reviews and quotes behind an answer: ``1 review: 000_x: "Charon (Lance Reddick)"``."""
    return f"{plural(len({s.review for s in sources}), 'review')}: {reviews_and_quotes(sources)}"


def join(items: list[str]) -> str:
    """``join(["A", "B", "C"]) == "A, B and C"``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _by(answers, name: str) -> dict[str, list[Answer]]:
    groups: dict[str, list[Answer]] = {}
    for answer in answers:
        groups.setdefault(getattr(answer, name), []).append(answer)
    return groups


def _sources(answers) -> tuple:
    return tuple(sorted({s for a in answers for s in a.sources}))


def _with_characters(name: str, answers: list[Answer]) -> str:
    """``Ana de Armas as Eve (...)``: quotes naming the character are kept apart from those that do not."""
    playing = [a for a in answers if a.character]
    plain = set(_sources(answers)) - set(_sources(playing))
    if not playing:
        return f"{name} ({cite(plain)})"
    characters = join(list(dict.fromkeys(a.character for a in playing)))
    also = f"; also listed by {cite(plain)}" if plain else ""
    return f"{name} as {characters} ({cite(_sources(playing))}{also})"


def statement(answer: Answer) -> str:
    """What a fact says, in words: ``Ana de Armas plays Eve in Ballerina``."""
    role, person, film = answer.role, answer.person, answer.film
    if role == "director":
        return f"{person} directed {film}"
    if role == "crew":
        return f"{person} is a {answer.crew_role} of {film}"
    if role == "cast":
        if answer.character:
            return f"{person} plays {answer.character}" + (f" in {film}" if film else "")
        return f"{person} is in {film}"
    if role == "in_franchise":
        return f"{film} is part of the {answer.franchise} franchise"
    if role == "review_of":
        return f"it reviews {film}"
    if role == "review_author":
        return f"it was written by {person}"
    if role == "review_rating":
        return f"it rates the film {answer.value}"
    if role == "release_date":
        return f"{film} was released on {answer.value}"
    return f"{role}: {', '.join(str(v) for v in (person, answer.character, film, answer.value) if v)}"


def _directors(graph, film):
    answers = graph.directors(film)
    if not answers:
        return answers, f"No review says who directed {film}."
    names = [f"{person} ({cite(_sources(group))})" for person, group in _by(answers, "person").items()]
    return answers, f"{film} was directed by {join(names)}."


def _crew(graph, film):
    answers = graph.crew(film)
    if not answers:
        return answers, f"No review names the crew of {film}."
    by_role = {}
    for answer in answers:
        by_role.setdefault(answer.crew_role, []).append(answer)
    parts = [f"{role} {join([f'{p} ({cite(_sources(g))})' for p, g in _by(group, 'person').items()])}"
             for role, group in by_role.items()]
    return answers, f"The crew of {film}: {'; '.join(parts)}."


def _played_by(graph, character, film=None):
    answers = graph.played_by(character)
    if film is not None:
        answers = replace(answers, items=tuple(a for a in answers if a.film == film))
    where = f"In {film}, " if film else ""
    if not answers:
        return answers, f"No review says who plays {character}" + (f" in {film}." if film else ".")
    names = [f"{person} ({cite(_sources(group))})" for person, group in _by(answers, "person").items()]
    return answers, f"{where}{character} is played by {join(names)}."


def _cast(graph, film):
    answers = graph.cast(film)
    if not answers:
        return answers, f"No review names the cast of {film}."
    people = [_with_characters(person, group) for person, group in _by(answers, "person").items()]
    return answers, f"The cast of {film}: {join(people)}."


def _filmography(graph, person, roles=("cast", "director", "crew")):
    answers = graph.filmography(person)
    answers = replace(answers, items=tuple(a for a in answers if a.role in roles))
    if not answers:
        if roles == ("director",):
            return answers, f"No review says that {person} directed a film."
        return answers, f"No review names a film with {person}."
    sentences = []
    acting = [a for a in answers if a.role == "cast"]
    acted = [_with_characters(film, group) for film, group in _by(acting, "film").items()]
    directed = [f"{film} ({cite(_sources(group))})"
                for film, group in _by([a for a in answers if a.role == "director"], "film").items()]
    if acted:
        sentences.append(f"{person} is in {join(acted)}.")
    if directed:
        sentences.append(f"{person} directed {join(directed)}.")
    crewed = [f"{a.crew_role} of {a.film} ({cite(a.sources)})" for a in answers if a.role == "crew"]
    if crewed:
        sentences.append(f"{person} was {join(crewed)}.")
    return answers, " ".join(sentences)


def _directed_by(graph, person):
    return _filmography(graph, person, roles=("director",))


def _franchise_films(graph, franchise):
    answers = graph.films(franchise=franchise)
    if not answers:
        return answers, f"No review names a film of the {franchise} franchise."
    films = [f"{a.film} ({cite(a.sources)})" for a in answers]
    return answers, f"The {franchise} franchise includes {join(films)}."


def _review_about(graph, review, name):
    answers = graph.claims(review, about=name)
    if not answers:
        return answers, f"Review {review} says nothing about {name}."
    claims = [f"{statement(a)} ({quoted(a.sources)})" for a in answers]
    return answers, f"Review {review} says that {join(claims)}."


def _support(kind, graph, person, character=None, film=None):
    answers = graph.supporting(kind, person, character=character, film=film)
    claim = statement(Answer(person=person, character=character, film=film, role=kind))
    if not answers:
        return answers, f"No review says that {claim}."
    says = f"{plural(len(answers), 'review')} say{'s' if len(answers) == 1 else ''}"
    return answers, f"{says} that {claim}: {reviews_and_quotes(_sources(answers))}."


ANSWERERS = {
    "directors": _directors,
    "crew": _crew,
    "played_by": _played_by,
    "cast": _cast,
    "filmography": _filmography,
    "directed_by": _directed_by,
    "franchise_films": _franchise_films,
    "review_about": _review_about,
    "support_cast": lambda graph, **names: _support("cast", graph, **names),
    "support_in_film": lambda graph, **names: _support("cast", graph, **names),
    "support_director": lambda graph, **names: _support("director", graph, **names),
}
