"""Mentions: the names in a review -- people, titles, characters -- as token spans.

Capitalised token runs, with particles kept (*Ana de Armas*), colon and dash titles joined
(*John Wick: Chapter 3 – Parabellum*, *From the World of John Wick: Ballerina*), and the titles a
page's layout gives away taken whole (*‘Death of a Unicorn’ review*). What each name *is* is
decided later, from the words around it (:func:`kg.extract.type_hints`) and the roles claims give it.

>>> import spacy
>>> [n.text for n in find_names(spacy.blank("en")("So Ana de Armas meets Winston in John Wick: Parabellum."))]
['Ana de Armas', 'Winston', 'John Wick: Parabellum']
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from . import patterns as P
from .layout import STRONG, headline_titles, recurrences, reviewed_title, series_entries
from .names import ENTRY_WORDS, GLUED_PARTICLE, PARTICLES, RANKS, ROMAN_NUMERAL, SEQUEL_NUMERAL

UNITS = frozenset("""hours hour hrs hr minutes minute mins min stars star out times seconds years days weeks
months percent points""".split())
NER_NAME_LABELS = frozenset("PERSON ORG WORK_OF_ART GPE NORP FAC PRODUCT EVENT LOC LAW".split())
OPEN_QUOTES = frozenset("‘“'\"")
CLOSE_QUOTES = frozenset("’”'\"")
DASHES = frozenset("–—-")
TITLE_CUES = frozenset("film movie sequel prequel series show documentary original".split())
NOT_NAME_TAGS = frozenset("DT PRP PRP$ IN CC WDT WP WRB EX RB UH".split())
NOT_NAMES = frozenset("DATE TIME MONEY QUANTITY PERCENT CARDINAL ORDINAL".split())
MONTHS = frozenset("""january february march april may june july august september october november
december""".split())
NOT_SUBTITLES = frozenset("Season Episode Part Series Critics Review Reviews".split())  # "X — Season 1"
RUN_ON_LABELS = frozenset({"running time", "run time", "release date", "mpaa rating", "rated pg", "rated r",
                           "movie review", "film review"})
SUFFIXES = frozenset("Jr. Jr Sr. Sr".split())
ROLES_AFTER_AND = P.LABELS | {"co", "co-writer", "co-producer", "star", "co-star", "creator"}  # "Director and co-writer X"
VERSUS = frozenset("x vs vs. v v.".split())
CREDIT_WORDS = frozenset("""starring co-starring featuring directed written produced screenplay voiced published
updated posted""".split())
EPITHET_HEADS = frozenset("man woman lady girl boy king queen prince princess stranger ghost phantom".split())
KIN_WORDS = frozenset("twins brothers sisters siblings cousins spouses couple".split())
CASTING_WORDS = frozenset("as plays played playing portrays portrayed voices voiced".split())
BY_LINE_WORDS = frozenset("review reviewed reviews words story music photography photo photos images".split())
SUBTITLE_JOINS = frozenset("and & the of a an in on at to for from with".split())
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())
PART_WORDS = ENTRY_WORDS - {"episode", "season"}  # "Dune: Part Two", "Kill Bill Vol. 2"; not "Season 2"
ROLE_WORDS = frozenset("""director filmmaker helmer writer screenwriter producer star co-star actor actress
critic cinematographer composer editor creator showrunner co-creator newcomer veteran""".split())
CREW_WORDS = ROLE_WORDS - {"star", "co-star", "actor", "actress", "critic"}
AWARD_WORDS = frozenset("winner winning nominee nominated".split())  # "Oscar-winner Greig Fraser"


@dataclass(frozen=True)
class Name:
    """A name in the doc: tokens ``[start, end)`` and how its context types it."""

    start: int
    end: int
    text: str
    start_char: int
    end_char: int
    quoted: bool = False
    ner: str = ""
    titled: bool = False  # the layout (kg.layout) or its words ("X of the Y", "X x Y") make it a title


def _is_name_word(toks: list[Token], i: int, in_entity: bool) -> bool:
    token = toks[i]
    text = token.text
    if text.isdigit() and len(text) <= 4 and i + 1 < len(toks) and toks[i + 1].is_title \
            and (i == 0 or not toks[i - 1].is_title and toks[i - 1].whitespace_ and not toks[i - 1].like_num
                 and toks[i - 1].text not in "-–—/") \
            and toks[i + 1].lower_ not in MONTHS and not token.whitespace_ == "" \
            and (i + 2 >= len(toks) or toks[i + 2].is_title or toks[i + 2].text in OPEN_QUOTES | CLOSE_QUOTES
                 or not toks[i + 2].is_alpha):
        return True  # "28 Years Later", "10 Cloverfield Lane"
    credit_label = (len(text) == 1 and text.isupper()) or token.lower_ in P.LINE_LABEL_ROLES
    if (credit_label and i + 1 < len(toks) and toks[i + 1].text == ":") \
            or (text in ("B", "C") and i >= 2 and toks[i - 1].text == "/" and re.fullmatch(r"\d{2,3}m", toks[i - 2].text)):
        return False  # credit labels ("D: X", "DP: Y") and a capsule's running time: "103m/C A, B; D: X; W: Y"
    if GLUED_PARTICLE.fullmatch(text) and i and toks[i - 1].is_title:
        return True  # "Carlos deVillalvilla": a particle glued to the surname
    if not text[:1].isupper() or text == "I":
        return False
    lower = token.lower_
    if lower in P.INTERJECTIONS or lower in ("dir", "dir.") or lower in CREDIT_WORDS or lower in P.OPENERS and token.is_sent_start:
        return False
    if lower in BY_LINE_WORDS and i + 1 < len(toks) and toks[i + 1].lower_ == "by":
        return False  # "Review by X", "… Simon Curtis Reviewed by Graeme Tuckett"
    if lower in ("film", "movie", "tv") and i + 2 < len(toks) and toks[i + 1].lower_ in ("review", "reviewed", "title") \
            and toks[i + 2].lower_ in ("by", ":"):
        return False  # "Film Review by X", "Film title: X": a byline's or a label's words
    if token.text in ("L", "R") and (i + 2 < len(toks) and toks[i + 1].text == "-" and toks[i + 2].text in ("L", "R")
                                    or i >= 2 and toks[i - 1].text == "-" and toks[i - 2].text in ("L", "R")):
        return False  # a caption's "L-R:"
    if lower in P.LABELS and (i + 1 == len(toks) or toks[i + 1].text in (":", "–", "—", "-", "|", ")", "):")
                              or toks[i + 1].lower_ in P.LABELS and i + 2 < len(toks) and toks[i + 2].text == ":"):
        return False  # "Director: X", "Cast – A, B", "Voice Cast: …"
    if lower in P.LABELS and i + 2 < len(toks) and toks[i + 1].lower_ in ("and", "&", "/") \
            and toks[i + 2].lower_ in ROLES_AFTER_AND:
        return False  # "Director and co-writer X" (not "the care of The Director and raised …")
    previous = toks[i - 1] if i else None
    if i + 2 < len(toks) and toks[i + 1].text == "(" and toks[i + 2].is_title and token.is_title \
            and token.tag_ in ("NNP", "NN") and not (i and toks[i - 1].like_num):
        return True  # "Wednesday (Chloe Grace Moretz)", "June (Ana Ruiz)": a day or a month as a first name
    if token.ent_type_ in NOT_NAMES or lower in MONTHS:
        return False
    if i + 2 < len(toks) and toks[i + 1].text == ":" and not token.whitespace_ and toks[i + 2].text[:1].isupper() \
            and not token.is_stop and lower not in P.LABELS:
        return True  # "Tron: Ares is …" opening a sentence: a colon title, whatever the tagger says
    if token.is_sent_start or (previous is not None and previous.is_sent_start and previous.text in OPEN_QUOTES):
        if i + 2 < len(toks) and toks[i + 1].text == "(" and (toks[i + 2].lower_.startswith("dir")
                                                               or re.fullmatch(r"(19|20)\d\d", toks[i + 2].text)):
            return True  # "Sinners (Dir. Ryan Coogler, 2025)": a title, whatever the tagger says
        if token.is_upper and len(text) > 1 and i + 1 < len(toks) and toks[i + 1].is_upper and toks[i + 1].is_alpha \
                and toks[i + 1].lower_ not in P.LABELS and toks[i + 1].lower_ not in CREDIT_WORDS:  # not "THE CAST –"
            return True  # "RISE OF THE BEASTS" after a colon that ended a sentence: all capitals, a title
        if i + 2 < len(toks) and toks[i + 1].text == "(" and toks[i + 2].is_title \
                and token.tag_ not in NOT_NAME_TAGS and lower not in P.LABELS:
            return True  # "Will (Tom Holland) and …": a common word as a first name, its actor in brackets
        if token.tag_:
            return token.tag_ in ("NNP", "NNPS") or (in_entity and token.ent_type_ == "PERSON")
        return in_entity or not token.is_stop
    if token.tag_ in ("PRP", "PRP$") or lower in ("the", "a", "an"):
        return False
    titled = previous is not None and (previous.lower_ in TITLE_CUES or previous.text in OPEN_QUOTES)
    first_name = (token.is_stop and i + 1 < len(toks) and toks[i + 1].is_title and not toks[i + 1].is_stop
                  and not toks[i + 1].is_sent_start)  # "Adam Warlock (Will Poulter)", "May Calamawy"
    return in_entity or titled or first_name or not token.is_stop  # "the film Nobody", "‘It’"


def layout_titles(doc: Doc, text: str | None = None) -> dict[int, int]:
    """Token spans (start -> end) of titles the layout gives away: the headline's title wherever the
    text writes it again (:mod:`kg.layout`), and quoted Title Case phrases."""
    text = doc.text if text is None else text  # doc.text rebuilds the string from every token
    char_spans: list[tuple[int, int]] = []
    titles = headline_titles(text)
    reviewed = reviewed_title(text, titles)
    if reviewed:
        char_spans += [(reviewed[0].start, reviewed[0].end)] + recurrences(text, reviewed[0]) \
            + series_entries(text, reviewed[0])
    char_spans += [(t.start, t.end) for t in titles if t.rule in STRONG and not t.rule.endswith("_bare")]
    char_spans = [(s, e) for s, e in char_spans if not text[s:e].islower() and not (titles and any(
        t.start == s and t.end == e and text[s:e] != t.text for t in titles))]  # "Omen, The" is no name as written,
    # and "Image result for night harbor poster" names the title in lower case only to find its recurrences
    for match in P.QUOTED_TITLE.finditer(text):
        title = match.group("title").strip()
        stripped = title[-1:] in ",." and not title.endswith("..")  # “Ocean’s Eleven,” “Ocean’s Thirteen.”
        title = title[:-1] if stripped else title
        words = re.findall(r"[\w'’-]+", title)
        exclaimed = title.endswith("!") and text.count(match.group()) > 1  # “Scoob!” twice is a title, “Run!” once a cry
        if not words or len(words) > 12 or stripped and len(words) < 2 or title[-1:] in ".,!?;" and not exclaimed \
                or not re.search(r"[^\W\d_]", title) or re.search(r" (?:is|are|was|were) [A-Z]", title) \
                or not _title_case(words) \
                or title.lower() in P.GENERIC_TITLES or P.QUOTED_SPEECH.match(title):
            continue
        start = match.start("title") + (len(match.group("title")) - len(match.group("title").lstrip()))
        char_spans.append((start, start + len(title)))
    spans: dict[int, int] = {}
    for start, end in char_spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not any(s <= span.start < e or span.start <= s < span.end
                                        for s, e in spans.items()):
            spans[span.start] = span.end
    return spans


def _title_case(words: list[str]) -> bool:
    """Most words capitalised, small words excepted: "Death of a Unicorn", "28 Years Later"."""
    big = [w for w in words if w.lower() not in P.SMALL_WORDS]
    return bool(big) and sum(w[:1].isupper() or w[:1].isdigit() for w in big) >= max(1, 0.75 * len(big))


def headline_tokens(doc: Doc) -> set[int]:
    """Tokens of Title Case lines ("Ana de Armas Dances Through Fire in a John Wick Spinoff"),
    where capitals no longer tell names from words."""
    if not doc.has_annotation("SENT_START"):
        return set()
    out: set[int] = set()
    for sent in doc.sents:
        ends = sent[-1].text if not sent[-1].is_space else sent[-2].text if len(sent) > 1 else ""
        if ends in ".!?":  # (or nothing at all)
            continue  # a sentence, not a headline
        big = [t for t in sent if t.is_alpha and len(t) > 3 and t.lower_ not in P.SMALL_WORDS]
        if len(big) < 4 or not all(t.text[:1].isupper() for t in big):
            continue
        small_caps = [t for t in sent[1:] if t.is_stop and t.is_title and t.lower_ not in ("the", "a", "an", "i")]
        if not small_caps and len(big) >= 6 and sent[0].is_stop and sent[0].lower_ not in ("the", "a", "an"):
            small_caps = [sent[0]]  # "Every Bill Skarsgård Villain, Ranked (Including Pennywise)"
        if small_caps:
            out.update(range(sent.start, sent.end))  # "...Dances Through Fire", "Every X Film, Ranked"
    return out


def find_names(doc: Doc, toks: list[Token] | None = None, text: str | None = None) -> list[Name]:
    """Capitalised token runs that name something, in document order, without overlaps."""
    toks = toks if toks is not None else list(doc)
    ner_label: dict[int, str] = {}
    in_entity: set[int] = set()
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ner_label[i] = ent.label_
            if ent.label_ in NER_NAME_LABELS:
                in_entity.add(i)
    words = [_is_name_word(toks, i, i in in_entity) for i in range(len(toks))]
    for i in range(len(toks) - 2):  # "28 Days Later", whatever the NER says of "28 Days"
        if words[i] and toks[i].is_digit and toks[i + 1].is_title and toks[i + 2].is_title:
            words[i + 1] = words[i + 2] = True
    for i in range(1, len(toks) - 1):
        dot = toks[i].text == "Vol" and toks[i + 1].text == "." and not toks[i].whitespace_ and i + 2 < len(toks)
        count = i + 2 if dot else i + 1  # the tokenizer splits "Vol. 3" into "Vol", ".", "3"
        if toks[i].is_title and toks[i].lower_ in PART_WORDS and _entry_count(toks[count]) and (
                words[i - 1] or toks[i - 1].text == ":" and i >= 2 and words[i - 2]):
            for k in range(i, count + 1):
                words[k] = True  # "Dune: Part Two", whatever the NER makes of "Two"
    entity_of = {i: ent.start for ent in doc.ents for i in range(ent.start, ent.end)}
    headline = headline_tokens(doc)
    for i in headline:  # In Title Case every word is capitalised: only the NER's names are names.
        words[i] = words[i] and i in in_entity
    forced = layout_titles(doc, text)
    person_end = {ent.end: ent.start for ent in doc.ents if ent.label_ == "PERSON"}
    title_words: set[int] = set()  # runs joined by "of the", "and the", "x": the words of a title
    spans: list[list[int]] = []
    i = 0
    while i < len(toks):
        if i in forced:
            end = forced[i]
            if end + 1 < len(toks) and _entry_number(toks, end) and end not in forced:
                end += 1  # "John Wick 2 is already in the works": the layout's title, then a sequel's number
            spans.append([i, end])
            i = end
            continue
        if not words[i]:
            i += 1
            continue
        start, j = i, i + 1
        while j < len(toks) and j not in forced:
            tok, prev = toks[j], toks[j - 1]
            if start in headline and entity_of.get(j) != entity_of.get(start):
                break
            if _epithet(toks, start, j, words):
                j += 2  # "the Man in Black (Ed Harris)", "The Woman in White, played by A": an epithet as a name
                break
            if _name_ends_before(toks, start, j, person_end):
                break
            more = j + 1 < len(toks) and words[j + 1]
            if j + 1 < len(toks) and j - start >= 2 and prev.is_title and (
                    tok.is_upper and tok.is_alpha and len(tok) >= 3
                    and (toks[j + 1].lower_ in P.LABELS or toks[j + 1].text == ":")
                    or f"{tok.lower_} {toks[j + 1].lower_}" in RUN_ON_LABELS):
                break  # "Eve Park MPAA Rating", "Stephen Graham Running Time": a label run into the name before it
            if words[j] and "\n" not in prev.whitespace_:
                j += 1
            elif (tok.text[:1].isupper() and tok.is_stop and "\n" not in prev.whitespace_
                  and tok.ent_type_ not in NOT_NAMES
                  and (tok.lower_ not in ("i", "the", "a", "an") or tok.is_upper and prev.is_upper and more)):
                j += 1  # a capitalised small word inside a title: "Rogue One", "RISE OF THE BEASTS"
            elif tok.text.isdigit() and len(tok.text) <= 2 and prev.whitespace_ == " ":
                j += 1
                break
            elif _sequel_numeral(toks, j) and prev.is_title:
                j += 1  # "Gremlins II", "Rocky IV": a sequel's number ends the title
                break
            elif (tok.text == "-" and j + 1 < len(toks) and not prev.whitespace_ and not tok.whitespace_
                  and prev.text[:1].isupper() and toks[j + 1].text[:1].isupper() and toks[j + 1].is_alpha
                  and "\n" not in prev.whitespace_):
                j += 2  # "Mini-Me", "Spider-Man": a capitalised word after a hyphen, even a small one
            elif (tok.text == "-" and j + 2 < len(toks) and not prev.whitespace_ and not tok.whitespace_
                  and toks[j + 1].is_alpha and toks[j + 1].whitespace_ and words[j + 2]):
                j += 2  # "Zsa-zsa Korda", "Jean-luc": a hyphenated first name before a surname
            elif (tok.text == "-" and j + 1 < len(toks) and not prev.whitespace_ and not tok.whitespace_
                  and toks[j + 1].is_alpha and toks[j + 1].is_lower and j + 1 in in_entity
                  and entity_of.get(j + 1) == entity_of.get(start)):
                j += 2  # "Lee Jung-jae", "Hwang Dong-hyuk": a hyphenated given name the NER keeps whole
            elif more and (tok.lower_ in PARTICLES or tok.lower_ in VERSUS
                           or tok.text == "-" and not prev.whitespace_ and not tok.whitespace_
                           or tok.text == "&" and j - start == 1):
                if tok.lower_ in VERSUS:
                    title_words.add(start)
                j += 1  # "Ana de Armas", "Godzilla x Kong", "Deadpool & Wolverine"
            elif tok.text in OPEN_QUOTES and j - start <= 2 and _nickname_end(toks, j, words):
                j = _nickname_end(toks, j, words)  # 'Pete “Maverick” Mitchell', "Glenn “Otho” Shadix"
            elif (tok.lower_ == "the" and j - start == 1 and j + 2 < len(toks) and words[j + 1]
                  and toks[j + 2].text in ("(", ",")) and not toks[j + 1].is_stop:
                j += 2  # "Drax the Destroyer (Dave Bautista)"
            elif (tok.lower_ == "the" and prev.is_stop and prev.is_title and j - start >= 2 and more
                  and "\n" not in prev.whitespace_):
                j += 1  # "War For the Planet of the Apes": a capitalised small word, then "the"
            elif tok.lower_ == "of" and (more or j + 2 < len(toks) and toks[j + 1].lower_ == "the" and words[j + 2]) \
                    and not (j - start == 1 and prev.is_upper and len(prev) <= 4):  # not "the DNA of the X universe"
                if not more:
                    title_words.add(start)
                j += 2 if not more else 1  # "Guardians of the Galaxy", "Raiders of the Lost Ark"
            elif (tok.lower_ == "and" and j + 2 < len(toks) and toks[j + 1].lower_ == "the" and words[j + 2]
                  and _title_with_and(toks, start, j, words, ner_label)):
                title_words.add(start)
                j += 2  # "Indiana Jones and the Dial of Destiny", "Aquaman and the Lost Kingdom"
            else:
                break
        if j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].text in SUFFIXES and j - start >= 2:
            j += 2  # "Robert Downey, Jr."
        start = _without_role(toks, start, j)
        if start < j:
            spans.append([start, j])
        i = j
    people = {ent.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2}
    spans = _split_run_together(toks, _join_titles(toks, spans), people, set(forced))
    names = []
    for start, end in spans:
        if toks[start].text in ("The", "A") and end - start == 1:
            continue
        ranked = _ranked(toks, start, end)
        start -= ranked
        if end - start == 2 and toks[start].lower_ in KIN_WORDS and _shared_surname(toks, start + 1, end, spans):
            start += 1  # "Twins Elise and Zoey Vargas" opening a sentence
        span = doc[start:end]
        quoted = (start > 0 and toks[start - 1].text in OPEN_QUOTES and end < len(toks)
                  and (toks[end].text in CLOSE_QUOTES or toks[end].text in ",." and end + 1 < len(toks)
                       and toks[end + 1].text in CLOSE_QUOTES))  # “Dune,” and “Mad Max.” too
        surname = _shared_surname(toks, start, end, spans)
        text = span.text[:1].upper() + span.text[1:] if ranked else span.text + surname
        names.append(Name(start, end, text,
                          span.start_char, span.end_char, quoted,
                          ner_label.get(start, "") or ner_label.get(end - 1, ""),
                          forced.get(start) == end or start in title_words))
    return names


def _epithet(toks: list[Token], start: int, j: int, words: list[bool]) -> bool:
    """ "the Man in Black (A)": a one-word head, "in" and a one-word name, then the actor's bracket or a comma."""
    return (toks[j].lower_ == "in" and j - start == 1 and start > 0 and toks[start - 1].lower_ == "the"
            and toks[start].lower_ in EPITHET_HEADS and j + 2 < len(toks) and words[j + 1]
            and toks[j + 2].text in ("(", ",") and toks[j + 1].ent_type_ != "PERSON")


def _shared_surname(toks: list[Token], start: int, end: int, spans: list[list[int]]) -> str:
    """The surname a one-word first name shares with the full name after "and" when the words
    before make them kin ("twins Elise and Zoey Vargas", "brothers Tom and Jack Reed"): " Vargas"."""
    if end - start != 1 or end + 1 >= len(toks) or toks[end].lower_ not in ("and", "&"):
        return ""
    before = toks[start - 1].lower_ if start else ""
    if before not in KIN_WORDS:
        return ""
    following = next((b for a, b in spans if a == end + 1), None)
    if following is None or following - (end + 1) != 2 or not toks[following - 1].is_title:
        return ""
    return " " + toks[following - 1].text


def _ranked(toks: list[Token], start: int, end: int) -> int:
    """1 when a lower-case rank opens a one-word role after a casting word ("plays captain Rhodes",
    "as major Mitchell"): the rank is part of the role's name, as the review's capitalised forms write it."""
    return int(end - start == 1 and start >= 2 and toks[start - 1].lower_ in RANKS and toks[start - 1].is_lower
               and toks[start - 2].lower_ in CASTING_WORDS)


def _name_ends_before(toks: list[Token], start: int, j: int, person_end: dict[int, int]) -> bool:
    """Where one name ends and the next begins with nothing between: a person the NER found whole
    and another entity right after ("Directed by Patrick Wilson Sony"), names run together in a
    credit line ("Keanu ReevesRiccardo Scamarcio"), an all-caps title and a name ("JOHN WICK 3:
    PARABELLUM John and ...")."""
    tok, prev = toks[j], toks[j - 1]
    if _sequel_numeral(toks, j):
        return False  # "Night Harbor II", whatever the NER made of "Night Harbor"
    if person_end.get(j, -1) >= start and (tok.ent_iob_ == "B" or tok.is_stop):
        return True  # "… Patrick Wilson Sony", "by Walter Chaw Somehow lugubrious …"
    if j - start == 1 and prev.is_upper and prev.ent_type_ in ("GPE", "NORP") and tok.ent_type_ == "PERSON" \
            and tok.ent_iob_ == "B":
        return True  # "US Uma Thurman": a country's code run into a credit line's first name
    if not prev.whitespace_ and prev.is_alpha and tok.is_alpha and prev.text[-1:].islower() and tok.text[:1].isupper():
        return j - start >= 2  # "ReevesRiccardo": the tokenizer split a run-together credit line
    capitals = [t for t in toks[start:j] if t.is_alpha and len(t) > 3 and t.is_upper]
    return bool(capitals) and tok.is_title and not tok.is_upper and len(tok) > 1


def _without_role(toks: list[Token], start: int, end: int) -> int:
    """Where a name starts once a role or an award before it is dropped: "Director Chad Stahelski",
    "Creators Bo Lee", "Oscar-winner Greig Fraser"; a role word alone in brackets ("(Writers)") is
    no name at all."""
    word = toks[start].lower_
    if word.rstrip("s") in ROLE_WORDS and end - start == 1 and start and toks[start - 1].text == "(":
        return end
    if end - start > 2 and toks[start + 1].text == "-" and (toks[start + 2].lower_ in AWARD_WORDS
                                                          or toks[start + 2].lower_.endswith(("ing", "ed"))):
        return start + 3 if end - start > 3 else start  # "Oscar-winner Greig Fraser", "a Zoom-calling Stellan"
    if word.rstrip("s") in CREW_WORDS and end - start > 2 or (word in ROLE_WORDS and end - start > 1
                                                             and toks[start + 1].ent_type_ == "PERSON"):
        return start + 1
    return start


def _entry_number(toks: list[Token], i: int) -> bool:
    """A sequel's number right after a title: "2" in "John Wick 2 is", not in "John Wick 2 hours"; "II"."""
    tok, following = toks[i], toks[i + 1] if i + 1 < len(toks) else None
    if _sequel_numeral(toks, i):
        return True
    return (tok.text.isdigit() and len(tok.text) == 1 and tok.text != "0" and toks[i - 1].whitespace_ == " "
            and (following is None or not following.like_num and following.lower_ not in UNITS))


def _sequel_numeral(toks: list[Token], i: int) -> bool:
    """A roman sequel number after a word and a space: "II" in "Night Harbor II"."""
    return i > 0 and toks[i - 1].whitespace_ == " " and re.fullmatch(SEQUEL_NUMERAL, toks[i].text) is not None


def _entry_count(tok: Token) -> bool:
    """The count after "Part" or "Chapter" in a title: "2", "Two", "VI"."""
    return (tok.text.isdigit() and len(tok.text) <= 2 or tok.is_title and tok.lower_ in NUMBER_WORDS
            or re.fullmatch(ROMAN_NUMERAL, tok.text) is not None)


def _nickname_end(toks: list[Token], j: int, words: list[bool]) -> int:
    """The index after the surname when a quoted nickname sits between a first name and a surname."""
    k = j + 1
    while k < len(toks) and k - j <= 3 and (toks[k].text[:1].isupper() or toks[k].is_digit) \
            and toks[k].text not in CLOSE_QUOTES:
        k += 1  # 'Curtis "50 Cent" Jackson'
    if k == j + 1 or k + 1 >= len(toks) or toks[k].text not in CLOSE_QUOTES or not words[k + 1]:
        return 0
    if not toks[k].whitespace_ or "\n" in toks[k].whitespace_:
        return 0
    end = k + 1
    while end < len(toks) and words[end] and "\n" not in toks[end - 1].whitespace_:
        end += 1
    return end


def _title_with_and(toks: list[Token], start: int, j: int, words: list[bool], ner_label: dict[int, str]) -> bool:
    """ "X and the Y" is one title when the NER calls it a work, when Y goes on with "of"
    ("... and the Dial of Destiny"), or when a title cue or a possessive comes right before X;
    "Winston and the Bowery King" are two characters."""
    k = j + 2
    while k < len(toks) and words[k]:
        k += 1
    if k < len(toks) and toks[k].lower_ in ("films", "movies", "franchises", "series", "sagas", "books"):
        return False  # "in Die Another Day and the X-Men films": two works
    if ner_label.get(start) == "WORK_OF_ART" and ner_label.get(j + 2) == "WORK_OF_ART":
        return True
    if k + 1 < len(toks) and toks[k].lower_ == "of" and words[k + 1]:
        return True
    before = toks[start - 1] if start else None
    return before is not None and (before.lower_ in TITLE_CUES | {"in", "’s", "'s"} or before.text in OPEN_QUOTES)


def _split_run_together(toks: list[Token], spans: list[list[int]], people: set[str] = frozenset(),
                        forced: set[int] = frozenset()) -> list[list[int]]:
    """Splits a run of two names the review also writes apart ("Ivanna Sakhno Dave Filoni" in a
    photo credit), and cuts a person the review names alone off a word run into them ("Directed
    by Patrick Wilson Sony", "A Tom Cruise Production", "Rosario Dawson Rebels Against …")."""
    text = lambda a, b: " ".join(t.text for t in toks[a:b])
    alone = {text(a, b) for a, b in spans if b >= len(toks) or toks[b].text not in ("...", "…")}  # not "Kelly Marie..."
    written = Counter(text(a, b) for a, b in spans)
    out = []
    for a, b in spans:
        cut = next((k for k in range(a + 2, b - 1) if text(a, k) in alone and text(k, b) in alone
                    and all(t.is_alpha for t in toks[a:b])), None)
        tail = toks[b - 1]
        rare = written[text(a, b)] == 1 or written[text(a, b)] < written[text(a, b - 1)]
        if cut is None and b - a >= 3 and a not in forced and rare \
                and text(a, b - 1) in alone and text(a, b - 1) in people and tail.is_alpha \
                and tail.lower_ not in NUMBER_WORDS and tail.text not in NOT_SUBTITLES:
            out.append([a, b - 1])
            continue
        out += [[a, cut], [cut, b]] if cut else [[a, b]]
    return out


def _written_twice(toks: list[Token], start: int, end: int) -> bool:
    """The words of ``toks[start:end]`` appear at least twice in the text, as one name."""
    doc = toks[start].doc
    words, text = doc[start:end].text, doc.text
    seen, at = 0, text.find(words)
    while at >= 0 and seen < 2:
        after = at + len(words)
        if (at == 0 or not text[at - 1].isalnum()) and (after >= len(text) or not text[after].isalnum()):
            seen += 1
        at = text.find(words, at + 1)
    return seen >= 2


def _listed(toks: list[Token], start: int, end: int) -> bool:
    """``toks[start:end]`` is an item of a comma list: a comma on each side."""
    return start > 0 and toks[start - 1].text == "," and end < len(toks) and toks[end].text == ","


def _join_titles(toks: list[Token], spans: list[list[int]]) -> list[list[int]]:
    """Joins "X: Y", "X: The Y", "Chapter 3 – Y" and "From the World of X: Y" into one title."""
    out: list[list[int]] = []
    for span in spans:
        if out:
            prev = out[-1]
            gap = toks[prev[1]:span[0]]
            prev_last = toks[prev[1] - 1]
            head = "".join(t.text_with_ws for t in toks[prev[0]:prev[1]])
            lead = all(t.text in ("The", "A", "An", "From", "the") for t in gap[1:]) and len(gap) <= 3
            colon = (gap and gap[0].text == ":" and not prev_last.whitespace_ and lead
                     and prev_last.lower_.rstrip(".") not in P.LABELS and "\n" not in gap[0].whitespace_)
            tail = toks[span[0]].text
            dash = (gap and gap[0].text in DASHES and lead and "\n" not in gap[0].whitespace_
                    and (head.startswith("Chapter") or ":" in head) and tail not in NOT_SUBTITLES)
            subtitle = (":" in head and 1 <= len(gap) <= 2 and all(t.lower_ in SUBTITLE_JOINS for t in gap)
                        and (len(gap) == 1 or gap[1].lower_ == "the") and span[1] - span[0] <= 3
                        and "\n" not in prev_last.whitespace_ + "".join(t.whitespace_ for t in gap)
                        and toks[span[0]].ent_type_ != "PERSON")  # "Thor: Love and Thunder"
            epithet = (len(gap) == 1 and gap[0].text == "the" and span[1] - span[0] <= 2 and toks[span[0]].is_title
                       and prev[1] - prev[0] == 1 and "\n" not in prev_last.whitespace_ + gap[0].whitespace_
                       and toks[span[0]].ent_type_ != "PERSON"
                       and (_written_twice(toks, prev[0], toks[span[0]].i + 1)  # "Sonic the Hedgehog 3"
                            or _listed(toks, prev[0], span[1])))  # "A, Cedric the Entertainer, B"
            if colon or dash or subtitle or epithet:
                prev[1] = span[1]
                continue
        out.append(list(span))
    for span in out:
        if toks[span[0]].text == "World" and span[0] >= 2 and toks[span[0] - 1].lower_ == "the" \
                and toks[span[0] - 2].lower_ == "from":
            span[0] -= 2
        elif span[0] >= 1 and toks[span[0] - 1].text == "The" and toks[span[0]].text != "The":
            span[0] -= 1
    return out
