"""Name normalization and matching, shared by extraction and entity resolution.

>>> norm("Ana De Armas’")
'ana de armas'
>>> title_segments("John Wick: Chapter 3 – Parabellum")
('john wick', 'chapter 3', 'parabellum')
>>> title_segments("John Wick 3")
('john wick', 'chapter 3')
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                      "\u2014": "-", "\u00a0": " "})
SEQUEL_NUMERAL = "(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II)"  # II-XII, as in "Scream VI"; longest first
ROMAN_NUMERAL = "(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"  # I-XII
ENTRY_WORDS = frozenset("chapter part vol vol. volume episode season".split())
NUMBER_WORDS = {w: str(i) for i, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}
SPOUSE_TITLES = frozenset("mrs ms miss madame mme".split())
PARTICLES = frozenset("de da del della di du van von der den le la dos das bin al y st st. à".split())
GLUED_PARTICLE = re.compile(r"(?:de|di|da|du|del|della|van|von)[A-Z][a-z]+")  # "deVillalvilla": one surname


def fold(text: str) -> str:
    """Unicode-normalized text with curly quotes and dashes made plain."""
    return unicodedata.normalize("NFKC", text).translate(FOLD)


@lru_cache(maxsize=1 << 16)
def norm(name: str) -> str:
    """A matching key: folded, case-insensitive, without possessive or a leading "the"."""
    text = fold(name).casefold().strip()
    text = re.sub(r"'s$|'$", "", text).strip()
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


CONNECTIVES = frozenset("""After Before When While Since Until As If Then But And So Now Once Though Although Because
Meanwhile Yet Still Somehow Finally Eventually Suddenly Later Soon Here There Today Instead Also Even Only Just
Maybe Perhaps""".split())
OFFICES = re.compile(  # titles a review puts before a character's full name
    r"^(?:(?:U\.S\.|US|FBI|CIA|NYPD|LAPD|Secret Service|Special|Senior|Chief|Vice|Former|Deputy|"
    r"President|Agent|Detective|Officer|Sergeant|Sgt\.|Lieutenant|Lt\.|General|Colonel|Commander|Senator|"
    r"Governor|Mayor|Sheriff|Congresswoman|Congressman|Ambassador|Admiral|Director|Professor|Prof\.|Doctor|Dr\.|Judge|Nurse|Coach|Inspector|"
    r"Marshal|Pastor|Reverend|Father|Sister) )+")
RANKS = frozenset("""captain major lieutenant detective sergeant officer agent colonel general commander admiral
inspector sheriff marshal professor doctor nurse coach judge senator governor mayor president""".split())  # "as major Mitchell"


def without_connective(name: str) -> str:
    """A role or actor without a sentence's opening word run into it: "Spencer" of "After Spencer (Alex
    Wolff)". Only for cast names: a title may begin so ("After Earth").

    >>> without_connective("After Spencer"), without_connective("Harry Hart")
    ('Spencer', 'Harry Hart')
    """
    first, _, rest = name.partition(" ")
    return rest if first in CONNECTIVES and rest[:1].isupper() else name


def without_office(character: str) -> str:
    """A character's name without the titles before a full name: "Mike Banning" of "Secret Service
    Agent Mike Banning"; a title before one name stays ("Sister Isabelle", "Doctor Strange").

    >>> without_office("U.S. President Allan Trumbull"), without_office("President Snow")
    ('Allan Trumbull', 'President Snow')
    """
    match = OFFICES.match(character)
    rest = character[match.end():] if match else character
    words = rest.split()
    if match and len(words) >= 2 and all(w.lstrip("“\"‘'")[:1].isupper() for w in words):  # 'William “Billy” Salt'
        return rest
    return character


@lru_cache(maxsize=1 << 16)
def unglued(name: str) -> str:
    """A person's name with a space where a page ran two words together: "Shelley Regner" of
    "ShelleyRegner" (but "McConaughey", "DiCaprio", "LaBeouf" and "MacFarlane" as they are).

    >>> unglued("ChanningTatum"), unglued("TomHanks"), unglued("Seth MacFarlane"), unglued("Ana deVilla")
    ('Channing Tatum', 'Tom Hanks', 'Seth MacFarlane', 'Ana deVilla')
    """
    return " ".join(word if GLUED_PARTICLE.fullmatch(word) else _GLUED.sub(" ", word) for word in name.split(" "))


_GLUED = re.compile(r"(?<=[a-z]{2})(?<!\bMac)(?=[A-Z][a-z])")


@lru_cache(maxsize=1 << 16)
def title_segments(title: str) -> tuple[str, ...]:
    """The parts of a title that identify a work: ``"X: Chapter 3 – Sub"`` -> ``(x, chapter 3, sub)``.

    ``"From the World of X: Y"`` gives ``(x, y)`` and ``"X 3"`` gives ``(x, chapter 3)``,
    so that every way reviews write a sequel's title shares its distinctive parts.
    """
    text = norm(title)
    text = re.sub(r"^from the world of ", "", text)
    text = re.sub(r"\b(chapter|part|vol\.?|volume|episode) (one|two|three|four|five|six|seven|eight|nine|ten)\b",
                  lambda m: f"{m.group(1)} {NUMBER_WORDS[m.group(2)]}", text)
    text = re.sub(r"(?<=\w) (?=(?:chapter|part|vol\.|volume) \d)", ": ", text)  # "john wick chapter 4"
    parts = [re.sub(r"^from the world of ", "", p.strip()) for p in re.split(r"\s*[:\-]\s+|\s+-\s*|(?<=\d)--?(?=\w)", text)]
    parts = [p for p in parts if p]
    out: list[str] = []
    for part in parts:
        numbered = re.fullmatch(r"(.+?)\s+(\d{1,2})", part)
        if numbered and numbered.group(1).split()[-1] not in ENTRY_WORDS:
            out += [numbered.group(1), f"chapter {numbered.group(2)}"]
        else:
            out.append(part)
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def same_work(a: str, b: str, franchises: frozenset[str] = frozenset()) -> bool:
    """True when two titles name one work: the parts that identify them agree.

    >>> same_work("Parabellum", "John Wick: Chapter 3 – Parabellum")
    True
    >>> same_work("John Wick", "John Wick: Parabellum")
    False
    """
    sa, sb = title_segments(a), title_segments(b)
    if sa == sb:
        return True
    for bare, full in ((sa, sb), (sb, sa)):  # "Chapter 2" is "John Wick: Chapter 2", not "Deadpool 2"
        if len(bare) == 1 and bare[0].split()[0] in ENTRY_WORDS and len(full) > 1 \
                and full[0] not in franchises and not full[0].split()[0] in ENTRY_WORDS:
            return False
    ca, cb = set(_core(sa, franchises)), set(_core(sb, franchises))
    if not ca or not cb:
        return False
    if len(sa) > 1 and len(sb) > 1 and sa[0] != sb[0] and not (sa[0].startswith("chapter ")
                                                             or sb[0].startswith("chapter ")):
        return False  # "The Raid 2" is not "John Wick: Chapter 2"
    chapters_a = {s for s in sa if s.startswith("chapter ")}
    chapters_b = {s for s in sb if s.startswith("chapter ")}
    if chapters_a and chapters_b and not chapters_a & chapters_b:
        return False
    return ca <= cb or cb <= ca


def _core(segments: tuple[str, ...], franchises: frozenset[str]) -> list[str]:
    """The segments that identify a work: no franchise names, and no series head before a subtitle."""
    core = [s for s in segments if s not in franchises]
    return core[1:] if len(core) > 1 else core


def name_tokens(name: str) -> list[str]:
    return norm(name).split()


@lru_cache(maxsize=1 << 16)
def is_part_of_name(short: str, full: str) -> bool:
    """``"Reddick"``, ``"Lance"`` or ``"de Armas"`` is part of ``"Lance Reddick"`` / ``"Ana de Armas"``.

    >>> is_part_of_name("de Armas", "Ana de Armas")
    True
    >>> is_part_of_name("Ana", "Anabel Lee")
    False
    """
    s, f = name_tokens(short), name_tokens(full)
    if not s or len(s) >= len(f):
        return False
    if f[0].rstrip(".") in SPOUSE_TITLES and s[0].rstrip(".") not in SPOUSE_TITLES:
        return False  # "Mrs. Beetlejuice" is not Beetlejuice
    return f[-len(s):] == s or f[:len(s)] == s


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def looks_misspelled(variant: str, name: str) -> bool:
    """``"Ana de Arias"`` is a slip for ``"Ana de Armas"``: same shape, one or two letters off."""
    v, n = name_tokens(variant), name_tokens(name)
    if len(v) != len(n) or len(n) < 2 or v == n:
        return False
    if v[0] != n[0] and v[-1] != n[-1]:
        return False
    return len(norm(name)) >= 8 and edit_distance(norm(variant), norm(name), 2) <= 2
