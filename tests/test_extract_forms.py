"""Sentence forms the extractor must handle on film reviews it has never seen.

Every text here was written for this file (realistic review prose, not taken from the corpus) and
runs through the real pipeline: spaCy model -> kg.extract.extract -> kg.resolve.resolve. Each test
case checks one form (its id names the form) and its failure message lists the facts found. In
every case, every fact's sources must quote the review exactly: ``text[start:end] == quote``.
"""
from __future__ import annotations

from collections import defaultdict

import pytest

from kg.extract import extract
from kg.model import Review
from kg.nlp import load_pipeline
from kg.resolve import resolve

P = pytest.param


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def run(nlp):
    """``run(text)`` -> the resolved KnowledgeBase of one review, after checking every quote."""
    def _run(text: str, review_id: str = "r1"):
        review = Review(review_id, text, review_id + ".txt", "")
        kb = resolve([extract(nlp(text), review)])
        for fact in kb.facts:
            assert fact.sources, f"fact without a source: {fact}"
            for s in fact.sources:
                assert s.review == review_id, (fact, s)
                assert text[s.start:s.end] == s.quote, \
                    f"quote {s.quote!r} != text[{s.start}:{s.end}] {text[s.start:s.end]!r} ({fact.kind}{fact.key})"
        return kb
    return _run


@pytest.fixture(scope="module")
def facts_of(run):
    return lambda text, review_id="r1": run(text, review_id).facts


# --- helpers -------------------------------------------------------------------------------------


def show(facts) -> list[str]:
    """The facts, one readable line each (for failure messages)."""
    return [f"{f.kind}{f.key}" for f in facts]


def low(name):
    """Case-insensitive name without a leading "the" ("the Bowery King" == "Bowery King")."""
    if name is None:
        return None
    name = name.lower().strip()
    return name[4:] if name.startswith("the ") else name


def of(facts, kind) -> set[tuple]:
    """The keys of the facts of one kind: director (film, person), cast (film, person, character),
    crew (film, person, role), in_franchise (film, franchise), review_of (review, film), review_author (review, person),
    review_rating (review, value, best), release_date (film, value)."""
    return {f.key for f in facts if f.kind == kind}


def cast_pairs(facts) -> set[tuple]:
    """(person, character) of every cast fact, whatever the film, compared loosely on "the"."""
    return {(f.person, low(f.character) if f.character else None) for f in facts if f.kind == "cast"}


def cast_people(facts) -> set[str]:
    return {f.person for f in facts if f.kind == "cast"}


def people_in(facts) -> set[str]:
    """Every person named by any fact."""
    return {f.person for f in facts if f.person}


# --- cast: an actor and the character they play --------------------------------------------------
# (text, expected (person, character) pairs, pairs that must NOT be found)

CAST_PAIRS = [
    # "A as C"
    P("‘The Fantastic Four: First Steps’ review: Marvel goes retro\nPedro Pascal as Reed Richards and "
      "Vanessa Kirby as Sue Storm in The Fantastic Four: First Steps.",
      {("Pedro Pascal", "Reed Richards"), ("Vanessa Kirby", "Sue Storm")}, set(), id="as-caption"),
    P("Sinners review\nMichael B. Jordan, doing double duty as the twins Smoke and Stack, anchors the "
      "film, while Hailee Steinfeld as Mary gives it a bruised heart.",
      {("Hailee Steinfeld", "Mary")}, set(), id="as-mid-sentence"),
    # "A stars / returns / appears as C"
    P("Mission: Impossible – The Final Reckoning review\nTom Cruise stars as Ethan Hunt for what is "
      "billed as the final time.", {("Tom Cruise", "Ethan Hunt")}, set(), id="stars-as"),
    P("‘Nobody 2’ review: more suburban carnage\nBob Odenkirk returns as Hutch Mansell, still trying to "
      "keep his family out of his old life.", {("Bob Odenkirk", "Hutch Mansell")}, set(), id="returns-as"),
    P("28 Years Later review\nRalph Fiennes appears as Dr. Ian Kelson, a bone-collecting hermit, in the "
      "film's eeriest stretch.", {("Ralph Fiennes", "Ian Kelson")}, set(), id="appears-as-title"),
    # "C (A)"
    P("The story follows Eve (Ana de Armas), who trains with the Ruska Roma, and her mentor Nogi "
      "(Sharon Duncan-Brewster).",
      {("Ana de Armas", "Eve"), ("Sharon Duncan-Brewster", "Nogi")}, set(), id="paren"),
    P("The villain of the piece is the foppish Marquis Vincent de Gramont (Bill Skarsgård).",
      {("Bill Skarsgård", "Marquis Vincent de Gramont")}, set(), id="paren-particle-character"),
    # "C (an excellent A)"
    P("Hutch's father David (a scene-stealing Christopher Lloyd) gets the best lines, and Lendina "
      "(a deliciously unhinged Sharon Stone) gets the rest.",
      {("Christopher Lloyd", "David"), ("Sharon Stone", "Lendina")}, set(), id="paren-adjective"),
    P("Zsa-zsa Korda (an imperious Benicio del Toro) survives his sixth plane crash in the opening minutes.",
      {("Benicio del Toro", "Zsa-zsa Korda")}, set(), id="paren-adjective-hyphenated-character"),
    # "A's C" (the role is named again elsewhere in the review, as reviews do; a role named once after
    # a possessive is too often another work's: "Breaking Bad's Saul Goodman")
    P("John Wick: Chapter 4 review\nDonnie Yen's Caine is the film's secret weapon, a blind assassin "
      "with a sense of humour. Caine never misses.", {("Donnie Yen", "Caine")}, set(), id="possessive"),
    P("John Wick: Chapter 4 review\nScott Adkins' Killa, buried under a fat suit and gold teeth, steals "
      "the Berlin sequence. Killa is a hoot.", {("Scott Adkins", "Killa")}, set(), id="possessive-bare-apostrophe"),
    # "C, played by A"
    P("Caine, played by Donnie Yen, is a retired killer forced back into service.",
      {("Donnie Yen", "Caine")}, set(), id="played-by"),
    P("Liesl, who is portrayed by Mia Threapleton with real dry wit, is a novice nun and Korda's "
      "estranged daughter.", {("Mia Threapleton", "Liesl")}, set(), id="portrayed-by"),
    # "A plays / portrays C"
    P("‘The Phoenician Scheme’ review\nBenicio del Toro plays Zsa-zsa Korda, one of the richest men in Europe.",
      {("Benicio del Toro", "Zsa-zsa Korda")}, set(), id="plays-hyphenated-character"),
    P("Materialists review – a romcom with a calculator\nDakota Johnson portrays Lucy, a New York "
      "matchmaker who treats love as arithmetic.", {("Dakota Johnson", "Lucy")}, set(), id="portrays"),
    # "Also back are A as C"
    P("John Wick: Chapter 4 review\nAlso back are Laurence Fishburne as the Bowery King and Lance Reddick as Charon.",
      {("Laurence Fishburne", "bowery king"), ("Lance Reddick", "charon")}, set(), id="also-back-are"),
    P("Ballerina review\nAlso returning are Ian McShane as Winston and Anjelica Huston as the Director.",
      {("Ian McShane", "winston"), ("Anjelica Huston", "director")}, set(), id="also-returning-are"),
    # "A and B play X and Y respectively"
    P("Ana de Armas and Keanu Reeves play Eve and John Wick respectively.",
      {("Ana de Armas", "eve"), ("Keanu Reeves", "john wick")}, {("Ana de Armas", "john wick")},
      id="respectively"),
    P("Death of a Unicorn review\nJenna Ortega and Paul Rudd star as Ridley and Elliot, respectively, a "
      "daughter and father who hit a unicorn on the way to a weekend retreat.",
      {("Jenna Ortega", "ridley"), ("Paul Rudd", "elliot")}, {("Jenna Ortega", "elliot"), ("Paul Rudd", "ridley")},
      id="star-as-respectively"),
    # appositions
    P("Then there is Continental owner Winston (Ian McShane) and his concierge, Charon (Lance Reddick), "
      "both reduced to cameos.", {("Ian McShane", "winston"), ("Lance Reddick", "charon")}, set(),
      id="apposition-paren"),
    P("Her handler, the Director (Anjelica Huston), is as chilly as ever.",
      {("Anjelica Huston", "director")}, set(), id="apposition-the-character"),
    P("Night Harbor review\nShe must pay the Priest, aka Salt (played by Sea Dogs’s Rita Moss), to get him back.",
      {("Rita Moss", "salt")}, {("Sea Dogs", "rita moss")}, id="played-by-another-works-star-in-brackets"),
    P("Night Harbor review\nRita Moss plays the ship’s cook, Salt, who never sleeps.", {("Rita Moss", "salt")}, set(),
      id="plays-a-description-then-the-name"),
    P("Night Harbor review\nRita Moss plays the ship's cook, Tom Fell plays the captain.", set(),
      {("Rita Moss", "tom fell")}, id="trap-plays-a-description-then-another-clause"),
    P("Night Harbor\n\nStarring: Rita Moss (as Salt), Tom Fell (as president Gus Pell), and Harry Bell, Jr. (as Jim Wild)\n",
      {("Rita Moss", "salt"), ("Tom Fell", "gus pell"), ("Harry Bell, Jr.", "jim wild")}, set(), id="credits-with-as-in-brackets"),
    # "played by" with an aside before "by", and two characters played by two actors in order
    P("Harbor Dogs review\nThe dog Biscuit is voiced to perfection, as always, by Rita Moss.",
      {("Rita Moss", "biscuit")}, set(), id="voiced-by-after-an-aside"),
    P("Harbor Dogs review\nThe neighbours, Gus and Ada Pell, played by Tom Fell and Rita Moss, steal the film.",
      {("Tom Fell", "gus"), ("Rita Moss", "ada pell")}, {("Tom Fell", "ada pell")}, id="played-by-respectively-appositive"),
]


CAST_PAIRS += [
    P("Night Harbor review\nTom Fell (who co-stars as engineer Scotty) is fun.", {("Tom Fell", "Scotty")}, set(),
      id="who-co-stars-as-in-brackets"),
    P("Night Harbor review\nIt unleashes Michael Shannon’s malevolent, one-dimensional General Zod, and Rita "
      "Moss’s emo Supergirl joins in.", {("Michael Shannon", "General Zod"), ("Rita Moss", "Supergirl")}, set(),
      id="possessive-of-a-known-actor"),
    P("Night Harbor review\nThen there is Cate Blanchett’s dubious Russian accent, and Wes Anderson's The Phoenician "
      "Scheme opens wide.", set(), {("Cate Blanchett", "Russian"), ("Wes Anderson", "The Phoenician Scheme")},
      id="trap-possessive-of-a-nationality-or-a-title"),
    P("Night Harbor review\nStarring Ty Moss, Rita Moss as Josh Lambert, Tom Fell and Eve Park. It is long.",
      {("Rita Moss", "Josh Lambert"), ("Ty Moss", None), ("Tom Fell", None), ("Eve Park", None)}, set(),
      id="credit-list-with-a-character"),
    P("Night Harbor review\nAdam Warlock (Will Poulter) and Drax the Destroyer (Dave Bautista) return.",
      {("Will Poulter", "Adam Warlock"), ("Dave Bautista", "Drax the Destroyer")}, set(),
      id="first-name-that-is-a-word-and-epithet"),
    P("The Rings of Power L-R: King Gil-Galad (Benjamin Walker) and Galadriel (Morfydd Clark).",
      {("Benjamin Walker", "King Gil-Galad"), ("Morfydd Clark", "Galadriel")}, set(), id="caption-left-to-right"),
    P("Night Harbor review\nCast: Zendaya, Tom Fell, Awkwafina\nThe crew returns, with Chani (Zendaya) and "
      "Zhen, voiced with gusto by Awkwafina.", {("Zendaya", "Chani"), ("Awkwafina", "Zhen")}, set(),
      id="one-word-actors-named-in-the-credits"),
    P("Night Harbor review\n• Banshee (Max) — a show about a sheriff. Reviewed at the Film Festival (Headliners).",
      set(), {("Max", "Banshee"), ("Headliners", "Film Festival")}, id="trap-one-word-in-brackets"),
    P("Night Harbor review\nRita Moss returns in NIGHT HARBOR 4 as the voice of the unlikely hero, Po.",
      {("Rita Moss", "Po")}, set(), id="as-the-voice-of"),
    P("Night Harbor review\nPhoebe (played with gusto by Ana Ruiz) steals the show.",
      {("Ana Ruiz", "Phoebe")}, set(), id="bracket-played-with-gusto-by"),
    P("Night Harbor review\nGrand Admiral Thrawn (Lars Holm reprising his vocal role) returns.",
      {("Lars Holm", "Grand Admiral Thrawn")}, set(), id="bracket-reprising"),
    P("Night Harbor review\nBo Lee is doing parody as the franchise’s wildly flamboyant new villain Dante Reyes.",
      {("Bo Lee", "Dante Reyes")}, set(), id="as-the-franchises-villain"),
    P("Night Harbor review\nStar Rita Moss's turn as Galadriel will make her famous.",
      {("Rita Moss", "Galadriel")}, set(), id="possessive-turn-as"),
    P("Night Harbor review\nRita Moss as “Galadriel”; Tom Fell as “Elendil” in Night Harbor",
      {("Rita Moss", "Galadriel"), ("Tom Fell", "Elendil")}, set(), id="quoted-characters"),
    P("Night Harbor review\nSea shanty veteran Tom Fell’s Colonel Weber is a hoot, says the actor Bo Lee’s "
      "Captain Rask.", {("Tom Fell", "Colonel Weber")}, set(), id="veteran-possessive"),
    P("Night Harbor review\nBo Lee and Cy Moss are well cast as a father-son duo, with Moss playing the cool one.",
      set(), {("Bo Lee", "Moss")}, id="trap-as-a-duo-with"),
    P("Night Harbor review\nThe crew: Ashley (RitaMoss), Chloe(Eve Park) and Jo (Tom Fell).",
      {("Rita Moss", "Ashley"), ("Eve Park", "Chloe"), ("Tom Fell", "Jo")}, set(), id="paren-run-together"),
    P("Night Harbor review\nRita Moss plays Eve with the wildest swagger in horror cinema since Robert Englund’s run as "
      "Freddy Krueger.", {("Rita Moss", "Eve")}, {("Robert Englund", "Freddy Krueger")}, id="trap-a-role-compared-since"),
    P("Night Harbor\nStarring: Rita Moss, Tom Fell\n\nVelvet and Veneer (Moss and Fell) are back. Night Harbor is long.",
      {("Rita Moss", "Velvet"), ("Tom Fell", "Veneer")}, {("Rita Moss", "Veneer"), ("Tom Fell", "Velvet")},
      id="bracketed-pairs-by-position"),
    P("Night Harbor review\nNina hires her best friend Lou (Cate Blanchett) for the job.",
      {("Cate Blanchett", "Lou")}, set(), id="paren-actor-the-model-calls-a-facility"),
    P("Night Harbor review\nCaine is played by Hong Kong legend Donnie Yen.",
      {("Donnie Yen", "Caine")}, {("Hong Kong", "Caine")}, id="trap-place-before-the-actor"),
    P("Night Harbor review\nTom \"50 Knots\" Fell plays Captain Rask, and he is fun.",
      {('Tom "50 Knots" Fell', "Captain Rask")}, set(), id="nickname-with-a-number"),
    P("Night Harbor review\nThe crew must face the wrath of \"The Harbormaster\" (Rita Moss) at dawn.",
      {("Rita Moss", "The Harbormaster")}, set(), id="quoted-role-before-brackets"),
    P("Night Harbor review\nTom Fell, a remarkably wiry actor from Denmark plays Captain Rask.",
      {("Tom Fell", "Captain Rask")}, set(), id="appositive-without-its-closing-comma"),
    P("Night Harbor review\nWhen harbor chief Vera Lind (Rita Moss) calls, Secret Service Agent Mike Rask (Tom "
      "Fell) answers.", {("Tom Fell", "Mike Rask"), ("Rita Moss", "Vera Lind")}, set(),
      id="an-office-before-a-full-name-is-no-part-of-it"),
    P("Night Harbor review\nThe Wolf (‘Red Lake’ star Tom Fell) hunts the crew.", {("Tom Fell", "Wolf")}, set(),
      id="paren-actor-known-from-another-work"),
    P("Night Harbor review\nthe cook Olaf (Tom Fell firing on all cylinders) steals it.", {("Tom Fell", "Olaf")},
      set(), id="paren-actor-then-a-participle"),
    P("Night Harbor review\nThe stowaway Roxster (Tom Fell from Red Lake) is sweet.", {("Tom Fell", "Roxster")},
      set(), id="paren-actor-from-another-work"),
    P("Night Harbor 2 review\nRita Moss and Ada Lane are back as sisters Vera and Ilse.",
      {("Rita Moss", "Vera"), ("Ada Lane", "Ilse")}, {("Rita Moss", "Ilse")}, id="pair-back-as-described"),
    P("Night Harbor review\nCast\nTom Fell - Jack Rask/Old Jack\nRita Moss - Vera", {("Tom Fell", "Jack Rask")},
      set(), id="list-line-with-an-alias"),
    P("Night Harbor review\nTom Fell returns as flamboyant Captain Jack Rask, and Rita Moss is wasted as "
      "secondary villain Vera Lind.", {("Tom Fell", "Captain Jack Rask"), ("Rita Moss", "Vera Lind")}, set(),
      id="as-an-undetermined-description"),
    P("Night Harbor review\nRita Moss makes for an adorable and intelligent Vera Lind.", {("Rita Moss", "Vera Lind")},
      set(), id="makes-for-a-role"),
    P("Night Harbor review\nAlex the lion (voiced by Tom Fell) sails.", {("Tom Fell", "Alex")}, set(),
      id="paren-after-an-epithet"),
    P("Night Harbor review\nAs Charon, Rita Moss is as dry as ever. As the vengeful Salt, Tom Fell gives his best turn.",
      {("Rita Moss", "Charon"), ("Tom Fell", "Salt")}, set(), id="fronted-as"),
    P("Night Harbor review\nAs Salt walks into the bar, Tom Fell smiles. Such as Salt, Rita Moss and Bo Lee.",
      set(), {("Tom Fell", "Salt"), ("Rita Moss", "Salt")}, id="trap-fronted-as-a-conjunction"),
    P("Night Harbor review\nWill (Tom Fell) and Hope (Rita Moss) sail at dawn.",
      {("Tom Fell", "Will"), ("Rita Moss", "Hope")}, set(), id="sentence-initial-common-word-character"),
    P("Night Harbor review\nBut in “Night Harbor,” young Salt--played by Rita Moss from “The Tide”--sails on.",
      {("Rita Moss", "Salt")}, set(), id="played-by-after-a-dash"),
    P("Night Harbor review\nBo Lee reprises his role as Salt’s best friend, Mater, and newcomer Eve Park does a fine job "
      "of voicing Salt’s new boss Sterling.", {("Bo Lee", "Mater"), ("Eve Park", "Sterling")}, {("Bo Lee", "Salt")},
      id="plays-a-role-described-by-a-possessive"),
]

CAST_PAIRS += [
    P("Night Harbor review\nSalt finds her parents (Rita Moss and Tom Fell) at last.",
      {("Rita Moss", None), ("Tom Fell", None)}, set(), id="two-people-in-brackets-after-a-description"),
    P("Night Harbor review\n‘Night Harbor,’ with Rita Moss, Tom Fell, Eve Park. Written and directed by Bo Lee.",
      {("Rita Moss", None), ("Tom Fell", None), ("Eve Park", None)}, {("Bo Lee", None)}, id="title-comma-with-a-cast"),
    P("Night Harbor review\nRita Moss .... Melody\nTom Fell .... Lila\nEve Park … Sally Hardesty\n",
      {("Rita Moss", "Melody"), ("Tom Fell", "Lila"), ("Eve Park", "Sally Hardesty")}, set(), id="dotted-credit-lines"),
    P("Night Harbor review\nGomez (Tom Fell) sees that Wednesday (Rita Moss) and June (Eve Park) are sad.",
      {("Rita Moss", "Wednesday"), ("Eve Park", "June")}, set(), id="a-day-or-a-month-as-a-first-name"),
    P("Night Harbor review\n• Salt (Rita Moss), left, and Dawn Betterman (Kelly Marie...\n\nSalt (Rita Moss), left, and "
      "Dawn Betterman (Kelly Marie Tran) become friends.", {("Kelly Marie Tran", "Dawn Betterman")},
      {("Kelly Marie", "Dawn Betterman")}, id="a-name-cut-short-by-a-caption-is-not-a-name"),
    P("Night Harbor review\nDenzel Washington shoots first. Washington is back as McCall, and Night Harbor is long.",
      {("Denzel Washington", "McCall")}, set(), id="surname-the-ner-calls-a-place"),
    P("Night Harbor review\nMichael Nyqvist shouts. Nyqvist is out of his depth as a Russian Mafia boss.",
      set(), {("Nyqvist", "Russian Mafia"), ("Michael Nyqvist", "Russian Mafia")}, id="trap-a-name-qualifying-a-job"),
    P("Night Harbor review\nDirected by Bo Lee, Night Harbor brings back Rita Moss (Stranger Tides) as the titular "
      "detective, and Eve Park (the sensation from Dragon Kite) is miscast as a sailor.", set(),
      {("Stranger Tides", "Rita Moss"), ("Dragon Kite", "Eve Park")}, id="trap-an-actors-credit-in-brackets-then-as"),
    P("Night Harbor review\nIt follows Salt (Rita Moss) and Pepper (Tom Fell) as they go undercover.",
      {("Rita Moss", "Salt"), ("Tom Fell", "Pepper")}, set(), id="paren-then-as-they"),
    P("Night Harbor review\nAlso returning are Rita Moss, Tom Fell and Eve Park as the Pevensie siblings.",
      {("Rita Moss", None), ("Tom Fell", None), ("Eve Park", None)}, {("Eve Park", "Pevensie")},
      id="as-the-family-name-siblings"),
    P("Night Harbor review\nIt stars Rita Moss as the mentor Harry Salt (aka Galahad) and Bo Lee as Merlin.",
      {("Rita Moss", "Harry Salt")}, {("Galahad", "Harry Salt")}, id="trap-aka-code-name-in-brackets"),
    P("Night Harbor review\nSomehow Neo (Moss) survived, and Rita Moss is back.", {("Rita Moss", "Neo")}, set(),
      id="an-adverb-opening-the-sentence-is-not-part-of-the-role"),
    P("Night Harbor review\nHis tiny clone, Mini-Me (Tom Fell), dances around him.", {("Tom Fell", "Mini-Me")}, set(),
      id="hyphenated-role-with-a-small-word"),
    P("Night Harbor review\nHe plans his marriage to a spunky Mary (well played by Rita Moss.)\nIt is long.",
      {("Rita Moss", "Mary")}, set(), id="well-played-by-in-brackets"),
    P("Night Harbor review\nThe series stars the charmer Tom Fell as the morally ambiguous and gruff Geralt of Rivia.",
      {("Tom Fell", "Geralt of Rivia")}, set(), id="as-a-role-described-with-and"),
    P("Night Harbor review\nAs it is, we have Tom Fell, Jr. doing stand-up as Salt, and Bo Lee as Watson.",
      {("Tom Fell, Jr.", "Salt"), ("Bo Lee", "Watson")}, set(), id="comma-jr-suffix"),
    P("Night Harbor review\nSummary: After Salt (Rita Moss) returns to the harbour, her friends follow.",
      {("Rita Moss", "Salt")}, {("Rita Moss", "After Salt")}, id="a-sentence-opening-word-is-not-part-of-the-role"),
    P("Night Harbor review\nThe nightmare isn’t over as the killer Salt (Rita Moss, Eve Park) escapes again.",
      {("Rita Moss", "Salt"), ("Eve Park", "Salt")}, set(), id="two-actors-share-a-role-in-brackets"),
    P("Night Harbor review\nIn the film, Tom Fell (Marcus Salt) plays a beloved general.",
      {("Tom Fell", "Marcus Salt")}, {("Marcus Salt", "Tom Fell")}, id="actor-then-role-in-brackets-then-plays"),
    P("Night Harbor review\n• Tom Fell as Lieutenant William “Billy” Salt\n• Eve Park as Jane Saunders\n",
      {("Tom Fell", "William “Billy” Salt"), ("Eve Park", "Jane Saunders")}, set(), id="nickname-after-a-rank"),
    P("Night Harbor review\nJim Carrey is back. It leads to Professor Gerald Salt (also played by Carrey), his grandfather.",
      {("Jim Carrey", "Gerald Salt")}, set(), id="also-played-by-in-brackets"),
    P("Night Harbor review\nWritten by Bo Lee (Peter Rabbit, etc), this reboot unites the old cast.",
      set(), {("Peter Rabbit", "Bo Lee")}, id="trap-a-writers-filmography-in-brackets"),
    P("Night Harbor review\nVera, Salt, and Gull, played by Rita Moss, Tom Fell, and Eve Park, all sail home.",
      {("Rita Moss", "Vera"), ("Tom Fell", "Salt"), ("Eve Park", "Gull")}, {("Rita Moss", "Gull"), ("Eve Park", "Vera")},
      id="roles-played-by-actors-by-position"),
    P("Night Harbor review\nShe works for powerful Congresswoman Vera Salt (Rita Moss), who is kind.",
      {("Rita Moss", "Vera Salt")}, {("Rita Moss", "Congresswoman Vera Salt")}, id="an-office-before-the-role"),
    P("Night Harbor review\nAn unrecognisable Tom Fell is effective as top-billed tough guy hero Marv.",
      {("Tom Fell", "Marv")}, set(), id="as-four-words-before-the-role"),
    P("Night Harbor review\nTom Fell, whose character Ron Salt falls for Vera, is good.", {("Tom Fell", "Ron Salt")},
      set(), id="whose-character"),
    P("Night Harbor review\nRita Moss is still wonderful and adds a lot to her role as the stunt driver Shank.",
      {("Rita Moss", "Shank")}, set(), id="her-role-as"),
    P("Night Harbor review\nThe port was built by tycoon Harold Gray (Tom Fell) as a playground for the rich.",
      {("Tom Fell", "Harold Gray")}, set(), id="role-in-brackets-then-as-a-description"),
    P("Night Harbor review\nIt also stars the steely Vera Salt (Rita Moss) as the mastermind behind Task Force Nine.",
      {("Rita Moss", "Vera Salt")}, {("Vera Salt", "Task Force Nine"), ("Rita Moss", "Task Force Nine")},
      id="role-actor-in-brackets-then-as-the-mastermind-behind"),
    P("Night Harbor review\nFrom the moment Tom Fell steps into the blazer of Ron Salt, the harbour anchor, it is fun.",
      {("Tom Fell", "Ron Salt")}, set(), id="steps-into-the-blazer-of"),
    P("Night Harbor review\nA good Tom Fell (There Will Be Tides) as The Gull and Rita Moss as The Crow.",
      {("Tom Fell", "The Gull"), ("Rita Moss", "The Crow")}, set(), id="filmography-in-brackets-then-as"),
    P("Night Harbor review\nBo Lee (Moonlight, If Beale Street Could Talk) brings his magic to it.",
      set(), {("Beale Street Could Talk", "Bo Lee"), ("If Beale Street Could Talk", "Bo Lee")},
      id="trap-a-filmography-of-two-titles-in-brackets"),
    P("Night Harbor review\nTom Fell is gruff as major Quill, and Rita Moss plays lieutenant Vance.",
      {("Tom Fell", "Major Quill"), ("Rita Moss", "Lieutenant Vance")}, set(), id="a-lower-case-rank-before-the-role"),
    P("Night Harbor review\nTwins Ada and Nell Brisk play the sisters Vera and Gull.",
      {("Ada Brisk", "Vera"), ("Nell Brisk", "Gull")}, {("Twins Ada", "Vera"), ("Ada", "Vera")},
      id="twins-sharing-a-surname"),
    P("Night Harbor review\nThe Man in Grey (Tom Fell) stalks the pier, and the Lady in Red, played by Rita Moss, waits.",
      {("Tom Fell", "The Man in Grey"), ("Rita Moss", "The Lady in Red")}, {("Tom Fell", "Grey")},
      id="an-epithet-as-the-role"),
    P("Night Harbor review\nBo Lee’s seminal novel Tides is the source, and Rita Moss’s fierce Vera carries it. Vera "
      "is great.", {("Rita Moss", "Vera")}, {("Bo Lee", "Tides")}, id="trap-an-authors-novel-is-no-role"),
    P("Night Harbor (1982)\nStarring: Tom Fell as Ron Salt, as Vera Salt, Rita Moss as Ana Salt, as Ben Tide\n\nIt "
      "is a scary ride.", {("Tom Fell", "Ron Salt"), ("Rita Moss", "Ana Salt")},
      {("Ron Salt", "Vera Salt"), ("Ana Salt", "Ben Tide")}, id="trap-a-credit-list-that-lost-some-actors"),
    P("Night Harbor review\nCast includes: Tom Fell (Undertow) plays Ron, Rita Moss (Low Tide) plays Vera. Maybe "
      "Ron (Tom Fell) is not aware.", {("Tom Fell", "Ron"), ("Rita Moss", "Vera")},
      {("Tom Fell", "Undertow"), ("Rita Moss", "Low Tide"), ("Tom Fell", "Maybe Ron")},
      id="trap-an-earlier-work-in-brackets-then-plays"),
]


@pytest.mark.parametrize("text, person", [
    pytest.param("Night Harbor review\nRita Moss plays Rask's estranged daughter.", "Rita Moss", id="plays-a-relative"),
    pytest.param("Night Harbor review\nTom Fell, fresh off Undertow, plays her bodyguard.", "Tom Fell",
                 id="plays-a-relative-after-an-aside"),
])
def test_cast_as_someones_relative(facts_of, text, person):
    """ "A plays B's daughter": A is in the film, as a character the review does not name."""
    assert any(f.kind == "cast" and f.person == person and f.film == "Night Harbor" for f in facts_of(text))


@pytest.mark.parametrize("text, expected, forbidden", CAST_PAIRS)
def test_cast_pair(facts_of, text, expected, forbidden):
    got = cast_pairs(facts_of(text))
    expected = {(p, low(c)) for p, c in expected}
    assert expected <= got, got
    assert not {(p, low(c)) for p, c in forbidden} & got, got


# --- cast: credit lists (people without characters) ----------------------------------------------

CREDIT_LISTS = [
    P("John Wick: Chapter 4 review\nStarring: Keanu Reeves, Donnie Yen, Bill Skarsgård, Laurence Fishburne\n"
      "Runtime: 169 minutes\nThe fourth film is the longest and the loudest.",
      {"Keanu Reeves", "Donnie Yen", "Bill Skarsgård", "Laurence Fishburne"}, set(), id="starring-line"),
    P("Mission: Impossible – The Final Reckoning\nStarring: Tom Cruise, Hayley Atwell, Ving Rhames and "
      "Simon Pegg\nIt's a long goodbye.",
      {"Tom Cruise", "Hayley Atwell", "Ving Rhames", "Simon Pegg"}, set(), id="starring-line-with-and"),
    P("Death of a Unicorn\nDIRECTOR\nAlex Scharfman\nSTARS\nJenna Ortega\nPaul Rudd\nWill Poulter\n"
      "Richard E. Grant\nA24's creature feature is a satire with horns.",
      {"Jenna Ortega", "Paul Rudd", "Will Poulter", "Richard E. Grant"}, {"Alex Scharfman"}, id="stars-block"),
    P("Rita Moss is welcomed into her new faction in Night Harbor.\n\nThe ideal time to see Night Harbor is as a "
      "teenager, and it is long.", {"Rita Moss"}, set(), id="a-photo-caption-opening-the-page"),
    P("Night Harbor\nStarring: Rita Moss, Tom Fell, Eve Park Running Time: 1h 40m\n\nIt is long.",
      {"Eve Park"}, {"Eve Park Running Time"}, id="a-label-run-into-the-last-name"),
    P("Night Harbor review\nThe supporting players include snobbish neighbour Rita Moss, sly best friend Tom Fell "
      "and gruff harbourmaster Eve Park.", {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="players-include-described"),
    P("Stream it:\n|\nWith:\nRita Moss, Tom Fell, Eve Park, Bo Lee, Ana Ruiz\n|\nWritten by:\nCy Moss\n\nNight Harbor "
      "is long.", {"Rita Moss", "Tom Fell", "Eve Park", "Bo Lee", "Ana Ruiz"}, {"Cy Moss"}, id="with-block"),
    P("With:\nRita Moss, Tom Fell, Eve Park, Bo Lee, Ana Ruiz, Balthazar Getty, Cy Moss, Al Roe\n\nNight Harbor is long.",
      {"Rita Moss", "Balthazar Getty", "Al Roe"}, {"Getty"}, id="with-block-a-first-name-the-tagger-missed"),
    P("|\nNIGHT HARBOR Director: Bo Lee Cast: Rita Moss, Tom Fell, Eve Park MPAA Rating: PG Running Time: 1:58 |\n"
      "Review by Ana Ruiz | November 18, 2022 It has been years since the first one, and Night Harbor is long.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, {"Bo Lee", "Ana Ruiz"}, id="credit-labels-run-into-one-line"),
    P("‘Nobody 2’ review\nBob Odenkirk is joined by Connie Nielsen, RZA and Christopher Lloyd, all of "
      "whom deserved more to do.", {"Connie Nielsen", "RZA", "Christopher Lloyd"}, set(), id="joined-by"),
    P("John Wick: Chapter 4 review\nThis time Reeves is joined by Donnie Yen, Hiroyuki Sanada and Rina "
      "Sawayama for a globe-trotting fourth outing.", {"Donnie Yen", "Hiroyuki Sanada", "Rina Sawayama"},
      set(), id="joined-by-mid-sentence"),
]


CREDIT_LISTS += [
    P("Night Harbor\nStarring (Voices): Rita Moss, Tom Fell, Eve Park\n\nIt is a long film about the sea.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, {"Voices"}, id="starring-voices-in-brackets"),
    P("Night Harbor review\nStaring: Rita Moss, Tom Fell, Eve Park\nIt is a long film about the sea.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="staring-misspelt"),
    P("Night Harbor review\nStars: Rita MossTom FellEve ParkCommon.\nIt is a long film about the sea.",
      {"Rita Moss", "Tom Fell", "Eve Park", "Common"}, set(), id="a-credit-line-run-together"),
    P("Night Harbor\nPrincipal Cast:\nRita Moss\nTom Fell\nEve Park\nCountry: USA\nIt is a long film about the sea.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="principal-cast-block"),
    P("Night Harbor review\nStarring: Rita Moss, TomFell and Eve Park\nIt is a long film about the sea.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="a-name-run-together"),
    P("Night Harbor review\nThe essential cast members (Rita Moss, Tom Fell, Eve Park, Dan Ode) are back.",
      {"Rita Moss", "Tom Fell", "Eve Park", "Dan Ode"}, set(), id="cast-in-brackets-mid-sentence"),
    P("Night Harbor review\nAlso, Rita Moss, Tom Fell, and Eve Park play Asgardian actors.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="people-play-a-described-role"),
    P("Night Harbor review\nAlso featuring brief appearances by Rita Moss and a Zoom-calling Tom Fell.",
      {"Rita Moss", "Tom Fell"}, set(), id="appearances-by"),
    P("Night Harbor review\nBo Lee (who cameos as Sulu’s husband) is fun.", {"Bo Lee"}, set(), id="who-cameos-in-brackets"),
    P("Night Harbor review\nThe screenplay has four credited writers (Bo Lee, Cy Moss, Dan Ode and Ana Ruiz).",
      set(), {"Bo Lee", "Cy Moss", "Dan Ode", "Ana Ruiz"}, id="trap-writers-in-brackets"),
    P("Night Harbor review\nDirector Jeff Wadlow (Truth or Dare) and writer Rob Lieber (Peter Rabbit) try hard.",
      set(), {"Truth or Dare", "Peter Rabbit"}, id="trap-filmography-in-brackets"),
    P("Night Harbor review\nCast – Rita Moss, Tom Fell, Eve Park\nPlot – A storm.", {"Rita Moss", "Tom Fell", "Eve Park"},
      {"Cast"}, id="label-with-a-dash"),
    P("Night Harbor review\nVoice Cast: Rita Moss, Tom Fell, Eve Park\nIt is long.", {"Rita Moss", "Tom Fell",
      "Eve Park"}, set(), id="voice-cast-label"),
    P("Night Harbor review\nCast and crew\n  • Director:Ana Ruiz\n  • Cast:\n  • Rita Moss\n  • Tom Fell\n",
      {"Rita Moss", "Tom Fell"}, {"Ana Ruiz"}, id="bulleted-credit-block"),
    P("Night Harbor\n(Rita Moss, Tom Fell, Eve Park, Dan Ode, et al / PG-13 / 1hr 40mins / Blue Pictures)\n"
      "Overview: a storm.", {"Rita Moss", "Tom Fell", "Eve Park", "Dan Ode"}, set(), id="bracket-list-under-title"),
    P("Night Harbor review\nThe shoot lured original series stars Rita Moss, Tom Fell and Eve Park back to the sea.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="series-stars-list"),
    P("Night Harbor review\nStars: Rita Moss, Milly Okoro, Tom Fell\nIt is long.", {"Rita Moss", "Milly Okoro",
      "Tom Fell"}, set(), id="stars-line-names-the-ner-doubts"),
    P("Night Harbor review\nRita Moss and Tom Fell in the movie.\n(Peter Mountain / Blue Pictures)\nIt is long.",
      {"Rita Moss", "Tom Fell"}, {"Peter Mountain"}, id="trap-photo-credit-in-brackets"),
    P("Night Harbor review\nStarring: Tom Fell, Eve Park\nA Tom Fell Production rolls over the opening title card.",
      {"Tom Fell"}, {"Tom Fell Production"}, id="a-known-name-run-into-a-word"),
    P("Night Harbor review\nRita Moss, Tom Fell, and Eve Park reprise their roles from the last film.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="reprise-their-roles"),
    P("Night Harbor review\nJoining the supporting cast to great effect include Dan Ode, Bo Lee, and Cy Moss.",
      {"Dan Ode", "Bo Lee", "Cy Moss"}, set(), id="cast-includes"),
    P("Night Harbor review\nAna Ruiz's scene-stealing cameo is the best thing in it.", {"Ana Ruiz"}, set(),
      id="possessive-cameo"),
    P("Night Harbor review\nRita Moss stars in this gritty remake about a lighthouse keeper.", {"Rita Moss"},
      set(), id="stars-in-this-remake"),
    P("Night Harbor review\nHe lures them – Roman (Tom Fell), his wife (Rita Moss, only seen in flashbacks) and "
      "her daughter (Eve Park) – to Rome.", {"Tom Fell", "Rita Moss", "Eve Park"}, set(), id="described-brackets"),
    P("Night Harbor review\nHis dark apprentice, played by the late Ray Dunn and Ivy Sook, causes trouble.",
      {"Ray Dunn", "Ivy Sook"}, set(), id="played-by-the-late"),
    P("Night Harbor review\nThe jokes are matched only by Tom Fell as her babbling hipster protege. The real "
      "scene-stealer is Rita Moss, as a glamorous model who goes by one name.", {"Tom Fell", "Rita Moss"}, set(),
      id="as-a-described-unnamed-role"),
    P("Night Harbor review\nCast: Rita Moss, Tom Fell, the voices of Eve Park, Bo Lee\nIt is long.",
      {"Rita Moss", "Tom Fell", "Eve Park", "Bo Lee"}, set(), id="the-voices-of-inside-a-credit-list"),
    P("Night Harbor\n\nDirector: Bo Lee\n\nStarring [English]: Rita Moss, Tom Fell, Eve Park\n\nCanada",
      {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="starring-with-a-bracketed-language"),
    P("Night Harbor review\nThe film stars Rita Moss and Tom Fell with Eve Park and Bo Lee in supporting roles.",
      {"Rita Moss", "Tom Fell", "Eve Park", "Bo Lee"}, set(), id="with-a-and-b-in-supporting-roles"),
    P("Night Harbor review\n\nTHE CAST – Rita Moss, Tom Fell, Eve Park & Bo Lee\n\nIt is long.",
      {"Rita Moss", "Tom Fell", "Eve Park", "Bo Lee"}, set(), id="the-cast-dash-label"),
    P("Night Harbor review\nWith Tom Fell as a producer, the film has money.", set(), {"Tom Fell"},
      id="trap-with-a-producer"),
    P("Night Harbor review\nIt is a joy. Rita Moss, Tom Fell, Eve Park and Bo Lee are also essential ingredients in "
      "the acting mix.", {"Rita Moss", "Tom Fell", "Eve Park", "Bo Lee"}, set(), id="a-list-in-the-acting-mix"),
    P("Night Harbor Days **** (2014, Rita Moss, Tom Fell, Eve Park) – Movie Review\n\nNight Harbor Days is dark.",
      {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="a-title-lines-year-and-stars"),
    P("Night Harbor review\nElle is back.\n\nRita Moss, Tom Fell, Eve Park\nRita Moss, Tom Fell, Eve Park\n\nThe "
      "plot is thin.", {"Rita Moss", "Tom Fell", "Eve Park"}, set(), id="a-repeated-caption-of-names"),
    P("Rita Moss, Tom Fell\n\nNight Harbor is a film about the sea and it is long.", set(), {"Rita Moss", "Tom Fell"},
      id="trap-names-alone-once-are-a-byline"),
    P("Night Harbor\nRita Moss, Tom Fell, Bo Lee, Cy Tan, Dee Park 2004 |\nNight Harbor is long and wet.",
      {"Rita Moss", "Tom Fell", "Bo Lee", "Cy Tan", "Dee Park"}, set(), id="a-listing-line-of-names-then-the-year"),
    P("Night Harbor review\nRita Moss sails. Plus Tom Fell, Bo Lee and Cy Tan cameos.", {"Tom Fell", "Bo Lee", "Cy Tan"},
      {"Plus Tom Fell"}, id="plus-then-a-list"),
    P("Ana Ruiz’s review of “Night Harbor” (Harbor Pictures)\nNight Harbor is long, and Rita Moss is wet in it.",
      set(), {"Harbor Pictures", "Ana Ruiz"}, id="trap-a-studio-in-brackets-is-no-actor"),
]


@pytest.mark.parametrize("text, expected, forbidden", CREDIT_LISTS)
def test_cast_credit_list(facts_of, text, expected, forbidden):
    got = cast_people(facts_of(text))
    assert expected <= got, got
    assert not forbidden & got, got


# --- directors -----------------------------------------------------------------------------------
# (text, expected (film, person) pairs, forbidden pairs); a film of None means "any film"

DIRECTORS = [
    P("Night Harbor review\nDirector and co-writer Ana Ruiz, possessed of a mad streak, is back.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="director-and-co-writer"),
    P("Night Harbor review\nThe new cast holds up. Ana Ruiz is back as director (hooray!), which helps.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="back-as-director"),
    P("Night Harbor review\nThe cast of the Ana Ruiz-written and -directed sequel is long.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="hyphenated-written-and-directed"),
    P("Night Harbor review\n\nDirected: Ana Ruiz and Bo Lee\n\nStarring: Tom Fell",
      {("Night Harbor", "Ana Ruiz"), ("Night Harbor", "Bo Lee")}, {("Night Harbor", "Tom Fell")}, id="directed-colon"),
    P("Night Harbor (1989) starring Tom Fell, Eve Park directed by Ana Ruiz Movie Review\n\nIt is long.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="a-name-run-into-movie-review"),
    P("Night Harbor review\nNight Harbor is the directorial debut of Ana Ruiz, and a confident one.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="the-directorial-debut-of"),
    P("Night Harbor review\nTom Fell, who directed Red Lake with Rita Moss, returns to produce.",
      {("Red Lake", "Tom Fell"), ("Red Lake", "Rita Moss")}, {("Night Harbor", "Rita Moss")},
      id="who-directed-y-with-z"),
    P("Night Harbor 2 review\nNight Harbor 2 was directed by the duo of Ana Ruiz and Tom Fell, and it shows.",
      {("Night Harbor 2", "Ana Ruiz"), ("Night Harbor 2", "Tom Fell")}, set(), id="directed-by-the-duo-of"),
    P("Night Harbor 2 review\nNight Harbor 2 marks the return of director-editor Ana Ruiz to the series.",
      {("Night Harbor 2", "Ana Ruiz")}, set(), id="director-editor"),
    P("Night Harbor 2 review\nThe director, Ana Ruiz, and the writers, Tom Fell and Rita Moss, are all new.",
      {("Night Harbor 2", "Ana Ruiz")}, {("Night Harbor 2", "Tom Fell")}, id="the-director-in-commas"),
    P("Night Harbor: Undertow review\nThe Night Harbor series goes on. The fish is voiced by Night Harbor "
      "director Ana Ruiz, who made the first one.",
      {("Night Harbor", "Ana Ruiz")}, {("Night Harbor: Undertow", "Ana Ruiz")}, id="the-series-director-is-the-first-films"),
    # "Dir. X"
    P("‘Ballerina’ review: Dir. Len Wiseman (2025)\nThe John Wick spin-off finally arrives.",
      {("Ballerina", "Len Wiseman")}, set(), id="dir-abbrev-headline"),
    P("Sinners (Dir. Ryan Coogler, 2025) is a vampire movie with the blues in its bones.",
      {("Sinners", "Ryan Coogler")}, set(), id="dir-abbrev-in-parens"),
    # "Director: X"
    P("John Wick: Chapter 4\nDirector: Chad Stahelski\nRuntime: 169 minutes\nThe bloodiest one yet.",
      {("John Wick: Chapter 4", "Chad Stahelski")}, set(), id="director-label"),
    P("Everything Everywhere All at Once review\nDirectors: Daniel Kwan, Daniel Scheinert\nA multiverse "
      "movie made with a hot-glue gun and enormous heart.",
      {("Everything Everywhere All at Once", "Daniel Kwan"),
       ("Everything Everywhere All at Once", "Daniel Scheinert")}, set(), id="directors-label-two"),
    P("Death of a Unicorn review\nDIRECTOR\nAlex Scharfman\nSTARS\nJenna Ortega\nPaul Rudd\nA24's creature "
      "feature is a satire with horns.", {("Death of a Unicorn", "Alex Scharfman")}, set(), id="director-block"),
    # "directed by X"
    P("‘Nobody 2’ review\nThe film, directed by Timo Tjahjanto, trades the first film's grit for "
      "theme-park mayhem.", {("Nobody 2", "Timo Tjahjanto")}, set(), id="directed-by"),
    P("Directed by Christopher McQuarrie, Mission: Impossible – The Final Reckoning spends its first "
      "hour on exposition.", {("Mission: Impossible – The Final Reckoning", "Christopher McQuarrie")}, set(),
      id="directed-by-fronted"),
    # "X directs F"
    P("Ryan Coogler directs Sinners with the confidence of a man who knows every note of the blues.",
      {("Sinners", "Ryan Coogler")}, set(), id="x-directs-film"),
    P("Celine Song directs Materialists as a cool, clear-eyed anti-romcom.",
      {("Materialists", "Celine Song")}, set(), id="x-directs-film-2"),
    # "director X"
    P("John Wick: Chapter 4 review\nDirector Chad Stahelski, a former stuntman, stages the Arc de "
      "Triomphe fight as a single roundabout ballet.",
      {("John Wick: Chapter 4", "Chad Stahelski")}, set(), id="director-noun-sentence-start"),
    P("‘Ballerina’ review\nWhat director Len Wiseman cannot do is film a fight so that we can follow it.",
      {("Ballerina", "Len Wiseman")}, set(), id="director-noun-mid-sentence"),
    # "helmer X", "X takes the reins"
    P("‘Nobody 2’ review\nIndonesian helmer Timo Tjahjanto brings the splatter he perfected in The Night "
      "Comes for Us.", {("Nobody 2", "Timo Tjahjanto")}, set(), id="helmer"),
    P("‘Nobody 2’ review\nThis time Timo Tjahjanto takes the reins from Ilya Naishuller, and the tone "
      "shifts accordingly.", {("Nobody 2", "Timo Tjahjanto")}, {("Nobody 2", "Ilya Naishuller")},
      id="takes-the-reins"),
    P("Ballerina review\nLen Wiseman takes the reins for this spin-off, with Chad Stahelski producing.",
      {("Ballerina", "Len Wiseman")}, {("Ballerina", "Chad Stahelski")}, id="takes-the-reins-2"),
    # co-directors
    P("Everything Everywhere All at Once review\nCo-directed by Daniel Kwan and Daniel Scheinert, the "
      "film never stops moving.",
      {("Everything Everywhere All at Once", "Daniel Kwan"),
       ("Everything Everywhere All at Once", "Daniel Scheinert")}, set(), id="co-directed-by"),
    P("Spider-Man: Across the Spider-Verse review\nCo-directors Joaquim Dos Santos, Kemp Powers and "
      "Justin K. Thompson juggle a dozen art styles.",
      {("Spider-Man: Across the Spider-Verse", p) for p in ("Joaquim Dos Santos", "Kemp Powers",
                                                            "Justin K. Thompson")}, set(),
      id="co-directors-noun"),
    # not directors of the reviewed film
    *[P("‘Ballerina’ review\n" + sentence, set(), {("Ballerina", person), (None, person)}, id=form)
      for form, sentence, person in [
          ("not-written-by", "The script, written by Derek Kolstad, barely bothers with dialogue.",
           "Derek Kolstad"),
          ("not-produced-by", "The film was produced by Chad Stahelski, who made the four John Wick films.",
           "Chad Stahelski"),
          ("not-cinematographer", "Cinematographer Dan Laustsen bathes every room in neon.", "Dan Laustsen"),
          ("not-stunt-coordinator", "Stunt coordinator Jeremy Marinas deserves his own Oscar category.",
           "Jeremy Marinas"),
          ("not-second-unit", "Second unit director Jeremy Marinas handles the flamethrower sequence.",
           "Jeremy Marinas"),
          ("not-created-by", "The world was created by Derek Kolstad back in 2014.", "Derek Kolstad"),
      ]],
    # traps: negation, hypotheticals, another film's director
    P("‘Ballerina’ review\nBallerina is the first film in the franchise not to be directed by Chad "
      "Stahelski, and it shows.", set(), {("Ballerina", "Chad Stahelski")}, id="trap-negated-passive"),
    P("‘Ballerina’ review\nChad Stahelski did not direct this one; he only oversaw the reshoots.",
      set(), {("Ballerina", "Chad Stahelski")}, id="trap-negated-did-not"),
    P("‘Ballerina’ review\nIf Chad Stahelski had directed it, the nightclub fight might have sung.",
      set(), {("Ballerina", "Chad Stahelski")}, id="trap-hypothetical-if"),
    P("‘Ballerina’ review\nOne can only imagine what David Leitch would have done had he directed Ballerina.",
      set(), {("Ballerina", "David Leitch")}, id="trap-hypothetical-imagine"),
    P("‘Ballerina’ review\nLen Wiseman, whose previous films include Underworld and Total Recall, has "
      "spoken of his love for the series.", set(), {("Ballerina", "Len Wiseman")},
      id="trap-previous-films"),
    P("‘Ballerina’ review\nPaul Greengrass, the director of The Bourne Supremacy, is reportedly a fan "
      "of the series.", set(), {("Ballerina", "Paul Greengrass")}, id="trap-director-of-other-film"),
    # which film: the film named in the sentence, else the headline's
    P("Review: Sinners\nRyan Coogler's direction has never been this confident.",
      {("Sinners", "Ryan Coogler")}, set(), id="film-from-review-colon-headline"),
]


DIRECTORS += [
    P("Night Harbor review\nIt is director Ana Ruiz’s masterwork.", {("Night Harbor", "Ana Ruiz")}, set(),
      id="director-possessive-masterwork"),
    P("Night Harbor review\nIt is as bombastic as the work of the (and franchise-starting) director Bo Lee.",
      set(), {("Night Harbor", "Bo Lee")}, id="trap-franchise-starting-director"),
    P("Night Harbor review\nLongtime director Bo Lee departed the franchise a week into filming.", set(),
      {("Night Harbor", "Bo Lee")}, id="trap-director-departed"),
    P("Night Harbor review\nThe trouble lies with director Ana Ruiz’s geopolitically tinged “Night Harbor” itself.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="director-possessive-adjectives-title"),
    P("Night Harbor review\n“Night Harbor,” written and directed by creator Ana Ruiz, takes place later.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="directed-by-creator-x"),
    P("Night Harbor review\nAna Ruiz, who directed the original Harbor! (2019), is back at the helm for the sequel.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="back-at-the-helm-after-a-title-with-a-bang"),
    P("Night Harbor review\nCo-directors Ana Ruiz (of the wonderful “The Tide vs. the Sea”) and Bo Lee deserve praise.",
      {("Night Harbor", "Ana Ruiz"), ("Night Harbor", "Bo Lee")}, set(), id="co-directors-with-an-aside"),
    P("Night Harbor review\nNight Harbor marks Ana Ruiz's directorial debut, and it is long.",
      {("Night Harbor", "Ana Ruiz")}, set(), id="directorial-debut"),
    P("Night Harbor review\nBo Lee, who directed Harbor Lights: Part Two, returns. It is a sequel to Harbor "
      "Lights: Part Two.", {("Harbor Lights: Part Two", "Bo Lee")}, set(), id="director-of-a-part-two-title"),
    P("Night Harbor review\nTHE TEAM – Ana Ruiz (Director), Bo Lee (Writer)\nIt is long.",
      {("Night Harbor", "Ana Ruiz")}, {("Night Harbor", "Bo Lee")}, id="director-in-brackets"),
]


@pytest.mark.parametrize("text, expected, forbidden", DIRECTORS)
def test_director(facts_of, text, expected, forbidden):
    got = of(facts_of(text), "director")
    for film, person in expected:
        assert any(p == person and (film is None or f == film) for f, p in got), got
    for film, person in forbidden:
        assert not any(p == person and (film is None or f == film) for f, p in got), got


# --- other traps: roles in other works, photo credits, critics -----------------------------------


def test_trap_role_in_another_work_aka(facts_of):
    text = ("‘John Wick’ review\nThe son of a Russian mobster, played by Game of Thrones' Theon Greyjoy, "
            "aka Alfie Allen, steals John's car.")
    facts = facts_of(text)
    assert not any("Theon Greyjoy" in (f.person, f.character) for f in facts), show(facts)


def test_trap_role_in_another_work_possessive(facts_of):
    text = "‘Nobody 2’ review\nBreaking Bad's Saul Goodman, Bob Odenkirk, has become an unlikely action star."
    facts = facts_of(text)
    assert not any(f.character == "Saul Goodman" for f in facts if f.kind == "cast"), show(facts)


@pytest.mark.parametrize("text, photographer", [
    P("‘Ballerina’ review\nAna de Armas as Eve in Ballerina. Photo Credit: Murray Close\nThe action is "
      "clumsy and the plot is thinner still.", "Murray Close", id="photo-credit"),
    P("Sinners review\nMichael B. Jordan as Smoke and Stack. (Photo: Eli Adé/Warner Bros.)\nCoogler's film "
      "is a blues record with fangs.", "Eli Adé", id="photo-paren"),
])
def test_trap_photo_credit(facts_of, text, photographer):
    facts = facts_of(text)
    assert photographer not in people_in(facts), show(facts)


@pytest.mark.parametrize("text, critic", [
    P("‘Nobody 2’ review: Bob Odenkirk is back\nBy Jane Smith\nBob Odenkirk returns as Hutch Mansell in a "
      "sequel that is louder than it is better.", "Jane Smith", id="byline"),
    P("Sinners review\nRyan Coogler's vampire film plays like a juke-joint fever dream.\nTom Jorgensen is a "
      "film critic based in Leeds who has written for Little White Lies.", "Tom Jorgensen", id="bio"),
])
def test_trap_critic_is_not_cast_or_director(facts_of, text, critic):
    facts = facts_of(text)
    assert not any(f.person == critic for f in facts if f.kind in ("cast", "director")), show(facts)


# --- which film a cast credit belongs to ---------------------------------------------------------


@pytest.mark.parametrize("text, expected, forbidden", [
    P("‘Ballerina’ review\nIn John Wick: Chapter 2, Riccardo Scamarcio played Santino D'Antonio, the man "
      "who started all this.", ("John Wick: Chapter 2", "Riccardo Scamarcio", "Santino D'Antonio"),
      ("Ballerina", "Riccardo Scamarcio", "Santino D'Antonio"), id="film-in-sentence-beats-headline"),
    P("‘Ballerina’ review\nKeanu Reeves as John Wick in John Wick: Chapter 4 was the series at its most "
      "operatic.", ("John Wick: Chapter 4", "Keanu Reeves", "John Wick"),
      ("Ballerina", "Keanu Reeves", "John Wick"), id="as-c-in-film"),
    P("Night Harbor 2 review\nTom Fell as Ron Salt (left) and Rita Moss as Vera Salt in Acme’s “Night Harbor 2.”",
      ("Night Harbor 2", "Rita Moss", "Vera Salt"), ("Acme", "Rita Moss", "Vera Salt"), id="as-c-in-a-studios-film"),
    P("‘Nobody 2’ review: a bloodier family holiday\nSharon Stone plays Lendina, a gleefully unhinged "
      "crime boss.", ("Nobody 2", "Sharon Stone", "Lendina"), None, id="film-from-headline"),
    P("Ballerina review\nAnjelica Huston's Director runs the Ruska Roma like a boarding school from hell. "
      "The Director wants Eve back.",
      ("Ballerina", "Anjelica Huston", "Director"), None, id="film-from-unquoted-headline"),
    P("Sharon Stone plays Lendina, a gleefully unhinged crime boss who runs a lakeside resort.",
      (None, "Sharon Stone", "Lendina"), None, id="no-film-named"),

    P("Night Harbor review\nHe trains Rooster, the son of his former co-pilot Goose (Tom Fell).",
      (None, "Tom Fell", "Goose"), ("Night Harbor", "Tom Fell", "Goose"), id="relative-of-a-character-is-not-cast"),
    P("Night Harbor review\nLegacy character Randy’s (Bo Lee) niece Mindy is here.",
      (None, "Bo Lee", "Randy"), ("Night Harbor", "Bo Lee", "Randy"), id="possessive-character-in-brackets"),
    P("Night Harbor: The Return review\nHow the hotel came to Winston (played in the films by Bo Lee) is the tale.",
      (None, "Bo Lee", "Winston"), ("Night Harbor: The Return", "Bo Lee", "Winston"), id="played-in-the-films-by"),
    P("Night Harbor 2 review\nHe is the brother of Tom Fell’s Viggo from the first film.",
      (None, "Tom Fell", "Viggo"), ("Night Harbor 2", "Tom Fell", "Viggo"), id="role-from-the-first-film"),
    P("Iron Tide review\nIt tells of Salt, the warrior from 2015’s masterful “Blue Coast” played by Rita Moss.",
      ("Blue Coast", "Rita Moss", "Salt"), ("Iron Tide", "Rita Moss", "Salt"), id="from-years-film"),
    P("Red Lake 2 review\nEve steps out of the shadow of Captain Rask (Bo Lee) at last.",
      (None, "Bo Lee", "Captain Rask"), ("Red Lake 2", "Bo Lee", "Captain Rask"),
      id="trap-in-the-shadow-of-an-absent-character"),
    P("Red Lake review\nThere are fine turns, like Bo Lee's scene-stealing cameo as a ghost.",
      ("Red Lake", "Bo Lee", None), None, id="like-gives-an-example-not-a-comparison"),
    P("Red Lake: Day Two review\nRed Lake: Day Two is the follow-up to 2015’s terrific Red Lake, which starred Rita "
      "Moss as Eve, a sheriff. Red Lake: Day Two is long.", ("Red Lake", "Rita Moss", "Eve"),
      ("Red Lake: Day Two", "Rita Moss", "Eve"), id="which-starred-names-the-relative-clauses-film"),
    P("Red Lake review\nRed Lake stars Rita Moss as a rookie FBI agent on her first case.", ("Red Lake", "Rita Moss", None),
      ("Red Lake", "Rita Moss", "FBI"), id="initials-before-a-job-are-no-character"),
    P("Red Lake review\nIn Night Harbor: Amour à Trois, Rita Moss plays Eve, the new captain.",
      ("Night Harbor: Amour à Trois", "Rita Moss", "Eve"), None, id="title-with-a-french-particle"),
])
def test_cast_film(facts_of, text, expected, forbidden):
    got = of(facts_of(text), "cast")
    assert expected in got, got
    assert forbidden not in got, got


# --- crew: writers, producers, composers, ... never directors or cast ---------------------------
# (text, {(person, role)} expected, {(person, role)} forbidden); the film is the reviewed one.

CREW = [
    P("Night Harbor review\n\nTHE TEAM – Bo Ray (Director), Bo Lee & Cy Moss (Writers)\n\nIt is long.",
      {("Bo Lee", "writer"), ("Cy Moss", "writer")}, {("Bo Ray", "writer")}, id="roles-in-brackets-after-names"),
    P("Night Harbor review\nDirector: Ana Ruiz\nWriters: Bo Lee, Cy Moss and Ana Ruiz\nMusic: Tom Fell\n"
      "It is long.", {("Bo Lee", "writer"), ("Cy Moss", "writer"), ("Ana Ruiz", "writer"), ("Tom Fell", "composer")},
      set(), id="credit-block-labels"),
    P("Night Harbor review\nNight Harbor is long, from a screenplay by Bo Lee and Cy Moss.",
      {("Bo Lee", "writer"), ("Cy Moss", "writer")}, set(), id="screenplay-by"),
    P("Night Harbor review\nDirector Ana Ruiz, screenwriters Bo Lee and Cy Moss, and composer Tom Fell deliver.",
      {("Bo Lee", "writer"), ("Cy Moss", "writer"), ("Tom Fell", "composer")}, set(), id="role-nouns"),
    P("Night Harbor review\nDirected by Ana Ruiz and produced by Rita Moss, Night Harbor is long.",
      {("Rita Moss", "producer")}, set(), id="produced-by"),
    P("Night Harbor review\nThe cinematography from Oscar-winner Dan Ode is lush, and Bo Lee's script is tight.",
      {("Dan Ode", "cinematographer"), ("Bo Lee", "writer")}, set(), id="cinematography-from-and-possessive-script"),
    P("Night Harbor review\nLongtime writer/producer Bo Lee brings the show to life.",
      {("Bo Lee", "writer"), ("Bo Lee", "producer")}, set(), id="slash-roles"),
    P("Night Harbor review\nTHE TEAM – Ana Ruiz (Director), Bo Lee & Cy Moss (Writers)\nIt is long.",
      {("Bo Lee", "writer"), ("Cy Moss", "writer")}, set(), id="role-in-brackets"),
    P("Night Harbor review\nCreators Bo Lee and Cy Moss have made a grungy period piece.",
      {("Bo Lee", "creator"), ("Cy Moss", "creator")}, set(), id="creators"),
    P("Night Harbor review\nIt was edited by Eve Park, and the stunt coordinator Tom Fell earns his pay.",
      {("Eve Park", "editor"), ("Tom Fell", "stunt coordinator")}, set(), id="editor-and-stunts"),
    P("Night Harbor review\nThe screenplay has four credited writers (Bo Lee, Cy Moss, Dan Ode and Ana Ruiz).",
      {("Bo Lee", "writer"), ("Cy Moss", "writer"), ("Dan Ode", "writer")}, set(), id="writers-in-brackets"),
    P("Night Harbor review\nThe former producer Rita Moss left years ago.", set(), {("Rita Moss", "producer")},
      id="trap-former-producer"),
    P("Night Harbor\n\nD: Bo Lee\nNorth Studios\n125 mins\n\nW: Eve Park [based on the game]\nDP: Dan Lusk\nEd: Sam Prang\n\n"
      "Night Harbor is another poor attempt to adapt a game.",
      {("Eve Park", "writer"), ("Dan Lusk", "cinematographer"), ("Sam Prang", "editor")}, {("Bo Lee", "writer")},
      id="a-film-guides-one-label-a-line-credits"),
]


@pytest.mark.parametrize("text, expected, forbidden", CREW)
def test_crew(facts_of, text, expected, forbidden):
    facts = facts_of(text)
    got = {(person, role) for _, person, role in of(facts, "crew")}
    assert expected <= got, got
    assert not forbidden & got, got
    crew = {person for person, _ in got}
    directors = {person for _, person in of(facts, "director")}
    assert not (crew - {"Ana Ruiz"}) & (directors | cast_people(facts)), (directors, cast_people(facts))


# --- franchise membership ------------------------------------------------------------------------
# (text, (film, franchise) expected or None, (film, franchise) forbidden or None); films compared
# by "contains" for "From the World of" titles, where the film's name is debatable.

FRANCHISES = [
    P("Night Harbor 2: The New Tide\n\nYear: 1990\n\nThe first Night Harbor was a hit, and Night Harbor 2: The New "
      "Tide is wilder.", ("Night Harbor 2: The New Tide", "Night Harbor"), ("Night Harbor 2: The New Tide", "Night Harbor 2"),
      id="a-numbered-title-with-a-subtitle"),
    P("Sea Patrol: The Mighty Voyage review\nThe pups are back. There were cast changes since Sea Patrol: The Movie "
      "in 2021, and Sea Patrol: The Mighty Voyage is bigger.", ("Sea Patrol: The Mighty Voyage", "Sea Patrol"), None,
      id="two-titles-sharing-a-head"),
    P("‘Ballerina’ review\nBallerina, a spin-off of the John Wick series, follows a dancer turned assassin.",
      ("Ballerina", "John Wick"), None, id="spin-off-of"),
    P("Hobbs & Shaw review\nHobbs & Shaw is a spin-off of the Fast & Furious franchise, and it is sillier "
      "than all of them.", ("Hobbs & Shaw", "Fast & Furious"), None, id="spin-off-of-ampersand"),
    P("Fast X review\nFast X is the tenth entry in the Fast & Furious franchise and the first half of a finale.",
      ("Fast X", "Fast & Furious"), None, id="nth-entry-in-franchise"),
    P("Final Destination Bloodlines review\nFinal Destination Bloodlines, the sixth instalment in the "
      "Final Destination series, opens with a glass-floored restaurant.",
      ("Final Destination Bloodlines", "Final Destination"), None, id="nth-instalment-in-series"),
    P("John Wick: Chapter 4 review\nNearly three hours long, this is the most extravagant of the John Wick films.",
      ("John Wick: Chapter 4", "John Wick"), None, id="chapter-title"),
    P("The Strangers: Chapter 1 review\nRenny Harlin's reboot of The Strangers franchise is the first of "
      "three films shot back to back.", ("The Strangers: Chapter 1", "The Strangers"), None,
      id="chapter-title-2"),
    P("The reworked full title – From the World of John Wick: Ballerina – strips the film of any identity "
      "of its own.", ("Ballerina", "John Wick"), None, id="from-the-world-of"),
    P("The Continental: From the World of John Wick review\nThe three-part prequel tells how a young "
      "Winston took over the hotel.", ("Continental", "John Wick"), None, id="from-the-world-of-suffix"),
    # titles whose head is a series the review names on its own
    P("Harbor Lights: Low Tide review\nYears after Harbor Lights made Ana Ruiz a star, the sequel is here.",
      ("Harbor Lights: Low Tide", "Harbor Lights"), None, id="colon-title-head-named-alone"),
    P("Night Harbor 4 review\nIn NIGHT HARBOR one, two and three, the crew fought pirates. Night Harbor 4 is wetter.",
      ("Night Harbor 4", "Night Harbor"), None, id="numbered-title-head-named-alone"),
    P("Dune Sea: Part Two review\nThe long-awaited sequel to 2021’s “Dune Sea” is grander still.",
      ("Dune Sea: Part Two", "Dune Sea"), None, id="part-two-title"),
    P("Dune Sea: Part Two review\nThe long-awaited sequel to 2021’s “Dune Sea” is grander still.",
      ("Dune Sea", "Dune Sea"), None, id="eponymous-first-film"),
    P("Rita Moss and the Glass Crown review\nRita Moss is back in her fifth adventure, and Rita Moss and the Glass "
      "Crown is the best since the first.", ("Rita Moss and the Glass Crown", "Rita Moss"), None,
      id="and-the-title-head"),
    P("Review: Salt: A Harbor Lights Saga\nSalt, the hero of Harbor Lights: Low Tide, gets her own film.",
      ("Salt: A Harbor Lights Saga", "Harbor Lights"), None, id="a-x-saga-subtitle"),
    P("Review: Kingdom of the Tall Trees\nThe Tall Trees series began in 1968. Kingdom of the Tall Trees is its tenth.",
      ("Kingdom of the Tall Trees", "The Tall Trees"), None, id="title-contains-franchise"),
    P("Glass Reef Dominion review\nThe new entry in the Glass Reef Park franchise is loud.",
      ("Glass Reef Dominion", "Glass Reef Park"), None, id="franchise-shares-a-word-with-the-title"),
    P("Iron Tide review\nIron Tide is the fifth film in the SeaVerse franchise, and the loudest.",
      ("Iron Tide", "SeaVerse"), None, id="nth-film-in-franchise-no-shared-word"),
    P("Salt Flats: A Night Harbor Mystery review\nSalt Flats is the second case. Salt Flats: A Night Harbor Mystery "
      "is long.", ("Salt Flats: A Night Harbor Mystery", "Night Harbor"), None, id="a-x-mystery-subtitle"),
    P("Night Harbor: Welcome to the Jungle review\nNight Harbor: Welcome to the Jungle follows Night Harbor.",
      ("Night Harbor: Welcome to the Jungle", "Night Harbor"), None, id="subtitle-with-to-the"),
    P("Low Tide review\nA grim thriller, Low Tide pairs the hand-to-hand combat of the Harbor series with a "
      "child-in-peril plot.", None, ("Low Tide", "Harbor"), id="trap-of-the-x-series-in-a-comparison"),
    P("22 Harbor Street review\n22 Harbor Street continues the goofy adventures of the 21 Harbor Street duo.",
      ("22 Harbor Street", "Harbor Street"), None, id="titles-differing-by-a-leading-number"),
    P("Low Tide review\nOur critic reviews Night Harbor’s latest adventure, Low Tide, which is wet.",
      ("Low Tide", "Night Harbor"), None, id="the-series-latest-adventure-comma-title"),
    P("Low Tide review\nSo begins the third instalment of the Night Harbor odyssey, Low Tide, which is wet.",
      ("Low Tide", "Night Harbor"), None, id="instalment-of-the-x-odyssey"),
    P("Iron Tide review\nIn the last installment of the “Harbor Lights” franchise, 2021’s “Harbor 9,” they "
      "flew.", ("Harbor 9", "Harbor Lights"), None, id="installment-of-quoted-franchise-then-entry"),
    P("Iron Tide review\nIron Tide is part of the Harbor saga. Harbor Five – the best entry in the franchise – "
      "reinvented it.", ("Harbor Five", "Harbor"), None, id="entry-in-the-unnamed-franchise"),
    P("Iron Tide 2 review\nThe sequel to 2021’s “Iron Tide,” is grander still.", ("Iron Tide", "Iron Tide"), None,
      id="eponymous-quoted-with-comma"),
    P("Iron Tide Resurrections review\nA third sequel to the sci-fi classic Iron Tide, Iron Tide Resurrections is "
      "odd.", ("Iron Tide", "Iron Tide"), None, id="eponymous-classic"),
    P("Grin 2 review\nSet only days after the events of the original film, Ana Ruiz’s Grin 2 is nastier.",
      ("Grin 2", "Grin"), None, id="numbered-title-and-talk-of-the-original"),
    P("29 Years Later review\nRita Moss stars in this threequel to the 2002 classic 29 Days Later, again by Bo Lee.",
      ("29 Days Later", "29 Days Later"), None, id="threequel-to-the-first-film"),
    P("29 Years Later review\nRita Moss stars in this threequel to the 2002 classic 29 Days Later, again by Bo Lee.",
      ("29 Years Later", "29 Days Later"), None, id="the-reviewed-film-follows-the-first"),
    P("Hunt review\nHunt showcases that there is life yet left in the Stalker universe with a fast-paced story.",
      ("Hunt", "Stalker"), None, id="in-the-x-universe"),
    P("Iron Tide review\nRita Moss, whom fans may remember as Tonks in the Wand films, shows up in Berlin.",
      None, ("Iron Tide", "Wand"), id="trap-an-actors-other-franchise"),
    # traps: comparisons
    P("Iron Tide review\nIron Tide is loud. It is reminiscent of Blue Coast in the Harbor Lights franchise.",
      None, ("Iron Tide", "Harbor Lights"), id="trap-comparison-reminiscent"),
    P("Iron Tide review\nIron Tide is loud, and so is the Harbor Lights franchise.",
      None, ("Iron Tide", "Harbor Lights"), id="trap-franchise-named-without-a-link"),
    P("‘Ballerina’ review\nBallerina is a spin-off of the John Wick franchise. As it stands, Atomic Blonde "
      "remains more of a John Wick spin-off than this.", None, ("Atomic Blonde", "John Wick"),
      id="trap-comparison-than"),
    P("‘Nobody 2’ review\nLike the Mission: Impossible films, Nobody 2 saves its biggest stunt for the last act.",
      None, ("Nobody 2", "Mission: Impossible"), id="trap-comparison-like"),
    P("Night Harbor 2 review\nNight Harbor 2 is a sequel. Rita Moss was superb in 2019's Night Harbor.",
      ("Night Harbor", "Night Harbor"), None, id="first-film-as-years-title"),
    P("Night Harbor: The Return review\nAfter the success of Night Harbor, the crew sails again.",
      ("Night Harbor", "Night Harbor"), None, id="first-film-after-the-success-of"),
    P("Night Harbor: The Return review\n“Night Harbor,” 2013’s surprise hit, made a star of Rita Moss.",
      ("Night Harbor", "Night Harbor"), None, id="first-film-with-years-apposition"),
    P("Night Harbor review\nNight Harbor is a fine thriller, and Night Harbor 2 is already in the works.",
      ("Night Harbor 2", "Night Harbor"), None, id="numbered-sequel-of-the-reviewed-film"),
    P("Night Harbor review\nNight Harbor is a fine thriller, and Night Harbor 2 is already in the works.",
      ("Night Harbor", "Night Harbor"), None, id="the-reviewed-film-heads-its-series"),
    P("The Harbor Saga: Blue Tide review\nThe Harbor Saga: Blue Tide is long.",
      ("The Harbor Saga: Blue Tide", "The Harbor Saga"), None, id="saga-title-head"),
    P("Harbor’s Eight review\n“Harbor” is a sequel to the trio “Harbor’s Eleven,” “Harbor’s Twelve” and "
      "“Harbor’s Thirteen.”", ("Harbor’s Eleven", "Harbor’s"), None, id="possessive-series-quoted-with-commas"),
    P("Lantern Bay: Reckoning review\nThe Lanterns are back in “Lantern Bay: Reckoning,” the fourth movie in the "
      "hugely popular animated series.", ("Lantern Bay: Reckoning", "Lantern Bay"), None,
      id="unnamed-series-entry-named-by-the-title"),
    P("Moon Garden 2 review\nWhen “Moon Garden” came out in 2009, nobody expected a sequel.",
      ("Moon Garden", "Moon Garden"), None, id="first-film-came-out-in-year"),
    P("Moon Garden 2 review\nThe new “Moon Garden” sequel is louder than the first.",
      None, ("Moon Garden 2", "Moon Garden 2"), id="series-name-before-sequel-is-no-new-series"),
    P("Lantern Bay: Reckoning review\nThe fifth entry into the swashbuckling action / fantasy franchise, Lantern "
      "Bay: Reckoning, was directed by Ana Ruiz.", ("Lantern Bay: Reckoning", "Lantern Bay"), None,
      id="the-nth-entry-in-the-franchise-before-the-title"),
    P("Moon Garden review\nMoon Garden was a hit that inspired two sequels, Moon Garden II and Moon Garden: Dusk.",
      ("Moon Garden II", "Moon Garden"), None, id="spawned-sequels-after-a-comma-with-a-roman-numeral"),
]


@pytest.mark.parametrize("text, expected, forbidden", FRANCHISES)
def test_in_franchise(facts_of, text, expected, forbidden):
    got = of(facts_of(text), "in_franchise")
    if expected:
        film, franchise = expected
        assert any(fr == franchise and film in (f or "") for f, fr in got), got
    if forbidden:
        film, franchise = forbidden
        assert not any(franchise in (fr or "") and film in (f or "") for f, fr in got), got


def test_trap_series_name_in_a_comparison_is_no_first_film(facts_of):
    got = of(facts_of("Night Harbor 2 review\nNight Harbor 2 is a sequel. Unlike 2019's Night Harbor, it is slow."),
             "in_franchise")
    assert ("Night Harbor 2", "Night Harbor") in got and ("Night Harbor", "Night Harbor") not in got, got


def test_trap_series_name_used_as_an_adjective(facts_of):
    got = of(facts_of("Iron Tide 2 review\nIf Ana Ruiz is making “Iron Tide” fan-fiction, so be it."), "in_franchise")
    assert ("Iron Tide 2", "Iron Tide") in got and ("Iron Tide", "Iron Tide") not in got, got


# --- review facts: what is reviewed, by whom -----------------------------------------------------


@pytest.mark.parametrize("text, film", [
    P("Home   News   Article\n\nFilm review: 28 Days Later (15) - seen at the Odeon\nStarring: Rita Moss\n"
      "28 Days Later is grim.", "28 Days Later", id="review-colon-title-then-a-dash-and-an-age-rating"),
    P("Title: Night Harbor Bloodlines\nDirectors: Ana Ruiz & Bo Lee\nNight Harbor Bloodlines is wild.",
      "Night Harbor Bloodlines", id="title-label"),
    P("NIGHT HARBOR, US, 2025. Starring Rita Moss, Tom Fell. Directed by Ana Ruiz. 2hr 5m.\nNight Harbor is long.",
      "Night Harbor", id="all-caps-title-heading-a-credit-line"),
    P("NIGHT HARBOR LEGENDS Reviewed by ANA RUIZ\nDirector: Bo Lee\nNight Harbor Legends is loud.",
      "Night Harbor Legends", id="title-reviewed-by"),
    P("Lilo & Stitch (dir. Dean Fleischer Camp)\n\nBy: Ana Ruiz\n\nLilo & Stitch is sweet.", "Lilo & Stitch",
      id="title-line-with-its-director"),
    P("‘Nobody 2’ review: Bob Odenkirk is back and bloodier\nThe first film was a surprise hit.",
      "Nobody 2", id="quoted-title-review"),
    P("Review: Sinners\nRyan Coogler's vampire film is a blues record with fangs.", "Sinners",
      id="review-colon-title"),
    P("Materialists review – Dakota Johnson does the maths on love\nCeline Song's second feature is colder "
      "than Past Lives, and that is the point.", "Materialists", id="title-review-dash"),
    P("‘Mission: Impossible – The Final Reckoning’ review: Tom Cruise's last dance\nIt is long.",
      "Mission: Impossible – The Final Reckoning", id="quoted-title-with-colon-and-dash"),
    # unquoted headline titles of different shapes
    *[P(title + " review\nIt is better than it has any right to be.", title, id="title-" + form)
      for form, title in [("leading-number", "28 Years Later"), ("of-a", "Death of a Unicorn"),
                          ("hyphen-colon", "Spider-Man: Across the Spider-Verse"),
                          ("stopword-start", "Everything Everywhere All at Once"),
                          ("adjective-start", "Final Destination Bloodlines"), ("ampersand", "Hobbs & Shaw"),
                          ("colon-chapter", "John Wick: Chapter 4")]],
    P("‘The Fantastic Four: First Steps’ review: Marvel goes retro\nIt is charming.",
      "The Fantastic Four: First Steps", id="quoted-title-colon-four-words"),
    P("Cast: Rita Moss, Tom Fell\n\nRed Lake on Netflix has made binge-watching a sport. And yes, there is another "
      "season of Red Lake waiting for us, with Rita Moss as the sheriff.", "Red Lake", id="a-show-on-a-streamer"),
    P("Rita Moss stars in this gritty remake of a comic book. The film “Red Lake” is long and dark.\nTRIVIA\n"
      "• Rita Moss faked an emergency during rehearsals for 2020’s Blue Coast to audition.", "Red Lake",
      id="not-a-years-film-in-the-trivia"),
    P("Review: Rita Moss sails on in “Night Harbor’s Last Voyage,” and it is grand\nIn “Night Harbor’s Last "
      "Voyage,” the crew is old.",
      "Night Harbor’s Last Voyage", id="quoted-title-with-a-curly-apostrophe"),
    P("“It’s Not Sea Time, It’s Showtime”: the crew of Night Harbor 2 returns\nNight Harbor 2 is long, and "
      "Night Harbor 2 is fun.", "Night Harbor 2", id="a-quoted-line-is-no-title"),
    P("Review: Rita Moss' cute 'Harbor' is the only draw of 'Captain Gull'\n\nYour view of “Harbor: Captain "
      "Gull” hangs on the sea. Harbor fans will cheer, and Harbor toys will sell.", "Harbor: Captain Gull",
      id="two-quoted-titles-the-text-writes-whole"),
    P("The crew — Vera (Rita Moss) and Gull (Tom Fell) — set sail in “Harbor!”\n\n“Harbor!” is a bright "
      "reboot of the old sea cartoons.", "Harbor!", id="an-exclaimed-title-quoted-twice"),
    P("‘Ten Nights at Harbor’s’ is a movie based on a game. Directed by Ana Ruiz, “Ten Nights at Harbor’s” "
      "follows a guard (Rita Moss) at a pizzeria, a “Cheesy Pete” dupe.", "Ten Nights at Harbor’s",
      id="a-quoted-title-ending-in-a-possessive"),
    # no headline: the work the review discusses, not the ones it names as background
    P("Publication Date: 07-21-2025\nRita Moss is Vera. Rita Moss is also a producer on the film, credited as her legal "
      "name, “Rita Anne Mossley,” so it is serious. The new Night Harbor 2 is loud, and Night Harbor 2 is long.",
      "Night Harbor 2", id="a-legal-name-in-quotes-is-no-title"),
    P("Night Harbor: Uprising?lies heavily upon Tom Fell, who takes over from Rita Moss. Night Harbor: Uprising is "
      "loud.", "Night Harbor: Uprising", id="a-question-mark-stored-for-a-space"),
    P("In 2010 two films opened: “Night Harbor,” a hit that spawned a franchise, and “Red Lake.” “Red Lake” "
      "stayed a one-off, and “Red Lake” fans waited. Now Tom Fell returns as Gru in “Night Harbor 4”, and “Night Harbor 4” is loud.",
      "Night Harbor 4", id="a-numbered-entry-whose-first-film-is-named"),
    P("The original Night Harbor was a surprise. With Night Harbor III, the crew goes to sea again, and "
      "Night Harbor III is wetter still.", "Night Harbor III", id="not-the-original"),
    P("Filmmaker Ana Ruiz made her debut with “Red Lake” (2019). Her second feature is “Blue Coast” (2024), "
      "which stars Tom Fell and Rita Moss. Blue Coast is her best.", "Blue Coast",
      id="not-the-directors-debut"),
    P("Ana Ruiz (Red Lake, Green Hill) is great in Blue Coast. Blue Coast is a film about the sea, and "
      "the film Blue Coast is long.", "Blue Coast", id="not-a-filmography-in-brackets"),
    P("Every Night Harbor movie is bigger than the last. For example, in NIGHT HARBOR 3: TIDES, they sank "
      "a ship. And NIGHT HARBOR CHAPTER 4 is no different. NIGHT HARBOR CHAPTER 4 sinks two.",
      "NIGHT HARBOR CHAPTER 4", id="all-caps-titles-and-an-example"),
    P("Film review: Harbor! Tides of the Deep offers little new to the genre\n\nRita Moss is good as the captain "
      "of the ship, and Tom Fell is fun as the cook.", "Harbor! Tides of the Deep", id="sentence-case-headline"),
    P("Review: Rita Moss's Captain Vera deserves better than 'Blue Coast'\n\nThe captain is back, and Blue "
      "Coast wastes her.", "Blue Coast", id="a-possessive-in-a-headline-is-no-title"),
    P("STARRING: Rita Moss, Tom Fell\nIn 2014, a little-known comic became a hit. Night Harbor: The Deep told the "
      "story of a ship. The first film made a star of Rita Moss. Now Night Harbor: The Storm is here, and Night "
      "Harbor: The Deep is a memory. Night Harbor: The Deep had more jokes.", "Night Harbor: The Storm",
      id="the-first-film-by-the-next-sentence"),
    P("Director: Ana Ruiz\nCast: Rita Moss, Tom Fell\nStory: Years after the events of “Red Lake,” the sheriff "
      "(Rita Moss) is back. “Blue Coast” takes her to the sea.", "Blue Coast",
      id="not-the-film-whose-events-came-before"),
    P("HomeFilm‘Night Harbor: The Storm’ review\n\nRita Moss is back in Night Harbor: The Storm, and it is fun.",
      "Night Harbor: The Storm", id="a-breadcrumb-run-into-a-quoted-title"),
    P("The Moss the Sailor series is back. Moss the Sailor 3, directed by Ana Ruiz, is wet.",
      "Moss the Sailor 3", id="a-title-with-an-epithet"),
    P("Reviewed by: Jane Critic\n\nNight Harbor Returns\n\"A line from the review.\"\n\nNight Harbor Returns "
      "is wet. Rita Moss is fun.", "Night Harbor Returns", id="a-title-under-a-byline"),
    P("Harbor Days Part II (1989) starring Rita Moss, Tom Fell, Ada Lane, Bo Bell, Cy Dunn, Ed Ford, Flo Gray "
      "directed by Ana Ruiz Movie Review\n\nHarbor Days Part II (1989)   4/54/54/5\n\nRita Moss as Vera in Harbor "
      "Days Part II (1989)\n\nIt has to be said that \"Harbor Days\" was a hit.", "Harbor Days Part II",
      id="a-long-headline-then-its-title-line"),
    P("T&L Reviews: Night Harbor: The Storm\n\nOur critic reviews the latest Night Harbor film.\n\nNight Harbor: "
      "The Storm is wet.", "Night Harbor: The Storm", id="a-sites-reviews-section-then-the-title"),
    P("A family moves into a haunted lighthouse. DRAMA\n|\nNight Harbor: The Return (2016)Directed by Bo Lee\n"
      "Written by Bo Lee Starring Rita Moss, Tom Fell |\nThe film is slow but it works.", "Night Harbor: The Return",
      id="a-title-line-run-into-its-credit-line"),
    P("Night Harbor. Television Drama Review.\n\nOur Rating 9/10\n\nCast: Rita Moss, Tom Fell.\n\nThe series is "
      "slow but it works.", "Night Harbor", id="title-dot-genre-review"),
    P("Kell Review: ‘Night Harbor’ Combines Sea Thrills With a Modern Mystery\nMaybe Vera (Rita Moss) is not aware. "
      "Night Harbor is strong.", "Night Harbor", id="a-columns-name-before-review-colon-then-the-quoted-title"),
])
def test_review_of(facts_of, text, film):
    got = of(facts_of(text), "review_of")
    assert ("r1", film) in got, got


def test_a_title_above_its_full_title_is_no_critic(facts_of):
    facts = facts_of("Night Harbor 2: The Tide (Review)\n\nby | Feb 17, 2019 | Reviews\n\nNight Harbor 2\n\nNight "
                     "Harbor 2: The Tide\n\nDirector: Bo Lee\nStars: Rita Moss, Tom Fell\n\nNight Harbor 2 is long.")
    assert of(facts, "review_author") == set() and ("r1", "Night Harbor 2: The Tide") in of(facts, "review_of")
    assert ("Night Harbor 2: The Tide", "Bo Lee") in of(facts, "director")


def test_a_year_run_into_a_credit_is_no_name(facts_of):
    facts = facts_of("Night Harbor review\n\nDIRECTOR: RIDLEY SCOTT/2024\n\nNight Harbor is long.")
    assert {person for _, person in of(facts, "director")} == {"RIDLEY SCOTT"}


def test_a_show_named_where_it_streams_is_a_series(run):
    kb = run("Red Lake on Netflix has made binge-watching a sport. And yes, there is another season of Red Lake "
             "waiting for us, with Rita Moss as the sheriff.")
    assert {(e.type, e.name) for e in kb.entities if e.name == "Red Lake"} == {("series", "Red Lake")}


def test_a_credit_stands_beside_a_role_named_in_passing(facts_of):
    facts = facts_of("Night Harbor\nStarring: Rita Moss, Tom Fell\n\nAfter Donna’s (Rita Moss) death, her "
                     "daughter (Tom Fell) runs the hotel. Night Harbor is long.")
    assert ("Night Harbor", "Rita Moss") in {(f, p) for f, p, _ in of(facts, "cast")}


def test_a_studio_field_names_no_film(facts_of):
    facts = facts_of("Night Harbor\nStarring: Rita Moss\nRuntime: 89 minutes\nStudio: Blue Ray\n\nRita Moss "
                     "plays Eve in this long film about the sea.")
    films = {f[1] for f in of(facts, "review_of")} | {f[0] for f in of(facts, "cast")}
    assert not any(film and "Studio" in film for film in films), films


@pytest.mark.parametrize("text, author", [
    P("‘Nobody 2’ review\nBy Jane Smith\nThe sequel is louder than it is better.", "Jane Smith", id="byline"),
    P("Night Harbor\n\nThis review is brought to you by Jane Smith\n\nIt is long.", "Jane Smith", id="brought-to-you-by"),
    P("\"Night Harbor\"\n\nReviewed by Carlos deVillanueva\n\nIt is long.", "Carlos deVillanueva", id="a-glued-particle"),
    P("Night Harbor: Rise\n\nFilm Review by Jane Smith | 25 Sep 2014\nFilm title: Night Harbor: Rise\n\nIt is long.",
      "Jane Smith", id="film-review-by-and-a-date"),
    P("Follow on Twitter | Become a Patron Review by Jane Smith | November 18, 2022 It has been a while.",
      "Jane Smith", id="review-by-between-bars"),
    P("Night Harbor review\nIt is long and it is wet.\n\n© Jane Smith 2014 Movie Review\n", "Jane Smith",
      id="copyright-sign-off"),
    P("Sinners review\nBy Mary-Kate O'Neill, Film Editor\nIt is the best film of the year so far.",
      "Mary-Kate O'Neill", id="byline-hyphen-apostrophe"),
    P("Sinners review\nCoogler's film is a triumph.\nTom Jorgensen is a film critic based in Leeds who has "
      "written for Little White Lies.", "Tom Jorgensen", id="bio"),
    P("Ballerina review\nThe action is a let-down.\nPriya Nair-Kapoor is a freelance writer and critic who "
      "covers genre cinema.", "Priya Nair-Kapoor", id="bio-freelance"),
    P("REVIEW: Night Harbor - Starring Rita Moss and Tom Fell\n\nReview by Ana Ruiz\nNight Harbor is long.",
      "Ana Ruiz", id="review-by-line"),
    P("Night Harbor Directed by Bo Lee Reviewed by Ana Ruiz ★★★\n\nNight Harbor is long.", "Ana Ruiz",
      id="reviewed-by-inside-a-credit-line"),
    P("| Night Harbor (2019)\nDirected by Bo Lee.\nReviewed by Ana Ruiz for TheReelPage.com, February 13, 2019.\n"
      "Night Harbor is long.", "Ana Ruiz", id="reviewed-by-for-a-site-and-date"),
    P("Night Harbor review: a sea of troubles\nRita Moss and Tom Fell sail on in a sequel\nJames Coxwell\n"
      "*Warning, this review contains spoilers if you haven't seen the first film.", "James Coxwell",
      id="a-name-alone-under-the-headline"),
    P("Night Harbor review\nRita Moss sails on, and the sea wins. It is a long film.\n\nJason Di Rosa\n",
      "Jason Di Rosa", id="a-name-alone-signing-off"),
    P("Night Harbor Review: a musical version\nFrom Jeremy Kibbler\nDon’t call it a remake!", "Jeremy Kibbler",
      id="from-line"),
    P("A film review by Craig J. Kobal August 17, 2023\n\nNight Harbor is long.", "Craig J. Kobal",
      id="review-by-then-a-date"),
    P("T&L Reviews: Night Harbor\n\nOur film critic, Ben Peyto, reviews the sea’s latest adventure.", "Ben Peyto",
      id="our-film-critic"),
    P("Ana Ruiz’s review of “Night Harbor” (Harbor Pictures)\nNight Harbor is long, and Rita Moss is wet in it.",
      "Ana Ruiz", id="a-critics-review-of-header"),
])
def test_review_author(facts_of, text, author):
    got = of(facts_of(text), "review_author")
    assert ("r1", author) in got, got


def test_title_dash_film_review_headline_names_the_reviewed_film(facts_of):
    facts = facts_of("Night Harbor – Film Review\nPublished October 16, 2021\nThe nightmare isn’t over as Salt (Rita Moss) "
                     "escapes.")
    assert ("r1", "Night Harbor") in of(facts, "review_of")
    assert ("Night Harbor", "Rita Moss", "Salt") in of(facts, "cast")


def test_a_cast_block_of_lone_names_has_no_author(facts_of):
    facts = facts_of("Night Harbor review\nRita Moss\nTom Fell\nEve Park\n\nThe three sail on, and the sea wins.")
    assert not of(facts, "review_author")


# --- review facts: rating ------------------------------------------------------------------------
# (text, (value, best)); best None means "any best" (a bare number has no scale)

@pytest.mark.parametrize("text, rating", [
    P("‘Nobody 2’ review\nLouder, dumber, still fun.\n3.5/5 stars", (3.5, 5.0), id="fraction-stars"),
    P("Sinners review\nA blues record with fangs.\nRating: 4/5", (4.0, 5.0), id="rating-label"),
    P("Ballerina review\nA damp squib.\nOur verdict: 2 out of 5", (2.0, 5.0), id="out-of-line"),
    P("Ballerina review\nThe action is clumsy and the plot thin. I give it 2 out of 5 stars.", (2.0, 5.0),
      id="out-of-in-sentence"),
    P("John Wick: Chapter 4 review\nThe bloodiest one yet.\nSummary\nOverlong but magnificent when it "
      "moves.\n8\n", (8.0, None), id="bare-under-summary"),
    P("Fast X review\nFamily, again.\nVerdict\n6.5\n", (6.5, None), id="bare-under-verdict"),
    P("‘Nobody 2’ review\n★★★☆☆\nLouder, dumber, still fun.", (3.0, 5.0), id="star-glyphs"),
    P("Sinners review\nRating: ★★★★½\nA blues record with fangs.", (4.5, 5.0), id="half-star-glyphs"),
])
def test_review_rating(facts_of, text, rating):
    got = {(v, b) for _, v, b in of(facts_of(text), "review_rating")}
    value, best = rating
    assert any(v == value and (best is None or b == best) for v, b in got), got


def test_review_rating_not_from_other_numbers(facts_of):
    text = ("Ballerina review\nThe 24/7 surveillance of the Ruska Roma is the film's best idea, and it was "
            "shot in 2.39:1 widescreen.")
    got = of(facts_of(text), "review_rating")
    assert not got, got


# --- review facts: release date ------------------------------------------------------------------


@pytest.mark.parametrize("text, expected, forbidden", [
    P("‘Ballerina’ review\nThe spin-off nobody asked for.\nBallerina is in cinemas on 6th June 2025.",
      ("Ballerina", "2025-06-06"), None, id="in-cinemas-on"),
    P("John Wick: Chapter 4 review\nThe bloodiest one yet.\nJohn Wick: Chapter 4 hits theaters March 24, 2023.",
      ("John Wick: Chapter 4", "2023-03-24"), None, id="hits-theaters"),
    P("‘Nobody 2’ review\nThe original Nobody was released on March 26, 2021, to modest box office.",
      None, ("Nobody 2", "2021-03-26"), id="trap-earlier-film-date"),
])
def test_release_date(facts_of, text, expected, forbidden):
    got = of(facts_of(text), "release_date")
    assert expected is None or expected in got, got
    assert forbidden is None or forbidden not in got, got


# --- entity resolution ---------------------------------------------------------------------------


def test_resolution_particle_casing(run):
    text = ("‘Ballerina’ review\nAna De Armas stars as Eve Macarro. de Armas does her own stunts, but the "
            "camera hides it. Eve (Ana de Armas) deserves a better film, and Ana de Armas plays her with "
            "total commitment.")
    kb = run(text)
    assert {low(p) for p in cast_people(kb.facts)} == {"ana de armas"}, show(kb.facts)
    assert {low(e.name) for e in kb.entities if e.type == "person"} == {"ana de armas"}, kb.entities


def test_resolution_first_name_later(facts_of):
    text = ("John Wick: Chapter 4 review\nKeanu Reeves returns as John Wick for a fourth time. Halfway "
            "through, Keanu is joined by Donnie Yen, and by the finale Keanu plays Wick as a man who "
            "simply wants to rest.")
    facts = facts_of(text)
    assert "Keanu" not in people_in(facts), show(facts)
    assert ("Keanu Reeves", "john wick") in cast_pairs(facts), show(facts)


def test_resolution_surname_later(facts_of):
    text = ("‘Nobody 2’ review\nBob Odenkirk returns as Hutch Mansell. Odenkirk plays Hutch as a man "
            "desperate for a holiday.")
    facts = facts_of(text)
    assert "Odenkirk" not in people_in(facts), show(facts)
    assert ("Bob Odenkirk", "hutch mansell") in cast_pairs(facts), show(facts)


def test_resolution_misspelling_next_to_full_name(run):
    text = ("‘Ballerina’ review\nAna de Armas as Eve in Ballerina. The story follows Eve (Ana de Armas), "
            "who wants revenge. Ana de Arias tries her best as Eve. Ana de Armas is a far better talent "
            "than the film allows.")
    kb = run(text)
    assert "Ana de Arias" not in {e.name for e in kb.entities if e.type == "person"}, kb.entities
    assert "Ana de Arias" not in people_in(kb.facts), show(kb.facts)
    assert ("Ana de Armas", "eve") in cast_pairs(kb.facts), show(kb.facts)


# --- a whole review: every quote exact, and the forms still work together --------------------------


def test_whole_review_quotes_and_facts(run):
    text = ("‘John Wick: Chapter 4’ review: Keanu Reeves goes out with a bang\n"
            "By Hannah Okafor-Lindqvist\n\n"
            "Director Chad Stahelski has spent nine years turning a revenge movie into an opera. This fourth "
            "entry in the John Wick franchise sends Keanu Reeves from the deserts of Morocco to the steps of "
            "Sacré-Cœur.\n\n"
            "The villain is the Marquis (Bill Skarsgård), a preening aristocrat, and Donnie Yen's Caine is "
            "the best new character the series has found; Caine gets the best fights. Also back are Ian McShane as Winston and Lance "
            "Reddick as Charon, in one of his final roles. Keanu barely speaks, and doesn't need to.\n\n"
            "John Wick: Chapter 4 hits theaters March 24, 2023.\n\n"
            "Rating: 4/5\n")
    kb = run(text)
    got = {(f.kind, *f.key) for f in kb.facts}
    film = "John Wick: Chapter 4"
    expected = [("review_of", "r1", film), ("review_author", "r1", "Hannah Okafor-Lindqvist"),
                ("director", film, "Chad Stahelski"), ("in_franchise", film, "John Wick"),
                ("cast", film, "Bill Skarsgård", "Marquis"), ("cast", film, "Donnie Yen", "Caine"),
                ("cast", film, "Ian McShane", "Winston"), ("cast", film, "Lance Reddick", "Charon"),
                ("release_date", film, "2023-03-24"), ("review_rating", "r1", 4.0, 5.0)]
    missing = [fact for fact in expected if fact not in got]
    assert not missing, (missing, show(kb.facts))
    assert "Keanu" not in people_in(kb.facts), show(kb.facts)


def test_a_possessive_role_stands_beside_the_same_pair_elsewhere(nlp):
    """ "Fell's Night Harbor" (a surname, a role that is also a series' name) and "Moss's Vera Lind"
    (the full name of a role another review calls "Vera") count only because another review pairs them."""
    texts = {"r1": "Undertow review\nNight Harbor (Tom Fell) is back in Undertow, the second film in the "
                   "Night Harbor series, with Vera (Rita Moss).",
             "r2": "Undertow review\nTom Fell is back. Fell's Night Harbor sails again, and Rita Moss's "
                   "Vera Lind steers."}
    kb = resolve([extract(nlp(t), Review(r, t, r + ".txt", "")) for r, t in texts.items()])
    sources = defaultdict(set)
    for f in kb.facts:
        if f.kind == "cast" and f.character:
            sources[(f.person, low(f.character).split()[0])] |= {s.review for s in f.sources}
    assert sources[("Tom Fell", "night")] == {"r1", "r2"}, sources
    assert sources[("Rita Moss", "vera")] == {"r1", "r2"}, sources


def test_a_possessive_role_recast_in_that_film_keeps_no_film(nlp):
    """ "Moss's Vera" in a prequel where Ada Lane plays the young Vera: the older Vera, not this film's."""
    texts = {"r1": "Dockside review\nVera (Rita Moss) runs the harbor in Dockside.",
             "r2": "Harbor Rising review\nHarbor Rising shows how Rita Moss's Vera came to run the harbor. "
                   "A young Vera (Ada Lane) is the lead."}
    kb = resolve([extract(nlp(t), Review(r, t, r + ".txt", "")) for r, t in texts.items()])
    films = {(f.person, f.film) for f in kb.facts if f.kind == "cast"}
    assert ("Ada Lane", "Harbor Rising") in films and ("Rita Moss", "Harbor Rising") not in films, films


def test_guest_appearances(facts_of):
    got = {f.person for f in facts_of("Night Harbor review\nRita Moss, Tom Fell and Ada Lane have memorable guest "
                                      "appearances in Night Harbor.") if f.kind == "cast"}
    assert got == {"Rita Moss", "Tom Fell", "Ada Lane"}, got


def test_a_name_a_page_ran_into_the_next_word_twice_is_still_cut(facts_of):
    """ "Directed by Michael Brown Sony, in cinemas now" on two repeated lines, and "Michael Brown"
    written alone more often: the name is "Michael Brown"."""
    line = "Starring Rita Moss, Tom Fell Directed by Michael Brown Sony, in cinemas now A decade after the storm"
    text = (f"Night Harbor review\n{line}\n{line}\nStarring Rita Moss\nDirected by Michael Brown\n\n"
            "Michael Brown knows the sea, and Michael Brown knows ships.")
    directors = {f.person for f in facts_of(text) if f.kind == "director"}
    assert directors == {"Michael Brown"}, directors


def test_a_possessive_before_a_job_names_no_role(facts_of):
    """ "Rita Moss's FBI agent": an acronym before a noun is a job, and the credit has no character."""
    got = [f for f in facts_of("Night Harbor review\nRita Moss's FBI agent is great, and Rita Moss is fun.")
           if f.kind == "cast"]
    assert all(f.character is None for f in got), got


def test_an_epithet_name_in_a_credit_list(facts_of):
    people = {f.person for f in facts_of("Night Harbor review\nVOICES: Rita Moss, Cedric the Entertainer, Tom Fell")
              if f.kind == "cast"}
    assert people == {"Rita Moss", "Cedric the Entertainer", "Tom Fell"}, people


def test_a_film_guide_capsule(facts_of):
    """A film guide's capsule: the cast, then "D:", "W:", "M:", "C:" and "V:" credits on one line."""
    text = ("Night Harbor\n\nNight Harbor is a quiet film about the sea and the people who wait for it.\n"
            "1994 (PG) 98m/C Rita Moss, Tom Fell, Ada Lane, Gus (Big Gus) Hale; D: Ana Ruiz; W: Bo Lee, Jo Park; "
            "C: Lee Marsh; M: Dan Cole; V: Kit Sole.")
    facts = facts_of(text)
    cast = {f.person for f in facts if f.kind == "cast"}
    assert {"Rita Moss", "Tom Fell", "Ada Lane", "Kit Sole"} <= cast and not cast & {"Gus", "Hale", "Big Gus"}, show(facts)
    assert {f.film for f in facts if f.kind == "cast"} == {"Night Harbor"}, show(facts)
    assert {f.person for f in facts if f.kind == "director"} == {"Ana Ruiz"}, show(facts)
    crew = {(f.person, f.role) for f in facts if f.kind == "crew"}
    assert crew == {("Bo Lee", "writer"), ("Jo Park", "writer"), ("Lee Marsh", "cinematographer"),
                    ("Dan Cole", "composer")}, show(facts)


@pytest.mark.parametrize("text, person, character", [
    P("Night Harbor review\nThe captain (played by Tom Fell in his best role) waits, and Ana, (played by the late "
      "Rita Moss), sings.", "Tom Fell", None, id="played-by-in-his-role"),
    P("Night Harbor review\nAna, (played by the late Rita Moss), sings by the sea.", "Rita Moss", "Ana",
      id="played-by-the-late-after-a-comma"),
    P("Night Harbor review\nAna Bell (Rita Moss with her lovely drawl) sings by the sea.", "Rita Moss", "Ana Bell",
      id="an-actor-with-an-aside-in-brackets"),
    P("Night Harbor review\nThe series follows Kim Min-jun (Park Seo-yeon), a diver deep in debt.", "Park Seo-yeon",
      "Kim Min-jun", id="hyphenated-given-names"),
])
def test_bracketed_played_by_forms(facts_of, text, person, character):
    facts = facts_of(text)
    pairs = {(f.person, f.character) for f in facts if f.kind == "cast"}
    assert any(p == person and (character is None or c == character) for p, c in pairs), show(facts)


def test_an_all_caps_caption_of_actors_as_characters(facts_of):
    text = ("RITA MOSS as ANA BELL and TOM FELL as GUS HALE in Night Harbor\n\nThe show is long. Ana Bell "
            "(Rita Moss) waits for Gus Hale (Tom Fell) by the sea, and Night Harbor lets her wait.")
    pairs = {(f.person.lower(), f.character.lower()) for f in facts_of(text) if f.kind == "cast" and f.character}
    assert {("rita moss", "ana bell"), ("tom fell", "gus hale")} <= pairs, pairs


def test_a_streamer_is_neither_an_actor_nor_a_franchise(facts_of):
    text = ("Night Harbor (HBO Max – 2022)\n\nThe Prime Video series Night Harbor stars Rita Moss as Ana, and "
            "Night Harbor (Netflix Series) is long.")
    facts = facts_of(text)
    assert not any(f.kind == "cast" and "Max" in f.person or f.kind == "cast" and "Series" in f.person
                   for f in facts), show(facts)
    assert not any(f.kind == "in_franchise" for f in facts), show(facts)


@pytest.mark.parametrize("text, person, character", [
    P("Night Harbor review\nRita Moss and Tom Fell seem to be having a fine old time as Ana and Gus in Night Harbor.",
      "Tom Fell", "Gus", id="a-pair-as-a-pair-after-a-few-words"),
    P("Night Harbor review\nRita Moss is gone, and Rita Moss’s character, Ana, gets a fitting send-off.", "Rita Moss",
      "Ana", id="a-possessive-character-then-the-name"),
    P("Night Harbor review\nSister Ana (“Annie”), played with some care by Rita Moss, is the youngest.", "Rita Moss",
      "Sister Ana", id="a-nickname-in-brackets-before-played-by"),
    P("Night Harbor review\nThe season opens with a tribute to series star Rita Moss, who died last year.", "Rita Moss",
      None, id="series-star"),
    P("Night Harbor review\nNight Harbor features sharp performances from Rita Moss and Tom Fell.", "Tom Fell", None,
      id="performances-from"),
    P("Night Harbor review\nRita Moss's second outing as Ana is better than her first.", "Rita Moss", "Ana",
      id="a-possessive-outing-as"),
])
def test_more_cast_forms(facts_of, text, person, character):
    facts = facts_of(text)
    pairs = {(f.person, f.character) for f in facts if f.kind == "cast"}
    assert any(p == person and (character is None or c == character) for p, c in pairs), show(facts)


def test_the_work_a_film_is_based_on_is_not_the_reviewed_film(facts_of):
    text = ("Director: Ana Ruiz\nCast: Rita Moss, Tom Fell\n\nHarbor Lights\nby Jo Park\n\nBased on the popular Danish "
            "movie Havnen, Night Harbor is a ghost story. Night Harbor claims its first victims early.")
    films = {f.film for f in facts_of(text) if f.kind in ("review_of", "cast", "director")}
    assert "Havnen" not in films, films


def test_an_appositive_release_names_the_film(facts_of):
    text = ("Director: Ana Ruiz\nCast: Rita Moss, Tom Fell\n\nHarbor Lights\nby Jo Park\n\nIf only the rest of Night "
            "Harbor, the much-hyped Seaside Pictures release starring Rita Moss, were as simple as its premise. Night "
            "Harbor claims its first victims early.")
    films = {f.film for f in facts_of(text) if f.kind == "review_of"}
    assert films == {"Night Harbor"}, films


def test_a_film_that_spawned_sequels_heads_their_series(facts_of):
    text = ("Harbor, The (1979)\n\nA fine ghost story, “The Harbor” made a lot of money and so spawned two sequels: "
            "“Tides: Harbor II” (1981) and “The Last Tide: Harbor III” (1984), neither of which was any good.")
    got = {(f.film, f.franchise) for f in facts_of(text) if f.kind == "in_franchise"}
    assert {("The Harbor", "The Harbor"), ("Tides: Harbor II", "The Harbor"),
            ("The Last Tide: Harbor III", "The Harbor")} <= got, got


def test_a_sequel_to_an_appositive_title(facts_of):
    text = ("Night Harbor Returns Movie Review: a fine return\n\nAna Ruiz takes on the task of making a sequel to one of "
            "the most loved dramas of all time, Night Harbor. Night Harbor Returns is long.")
    got = {f.franchise for f in facts_of(text) if f.kind == "in_franchise"}
    assert got == {"Night Harbor"}, got


def test_a_character_after_a_sequel_appositive_is_no_film(facts_of):
    text = ("Night Harbor Returns review\n\nIn this sequel to the surprise hit, Ana is planning her wedding. Night Harbor "
            "Returns is long.")
    assert not any(f.kind == "in_franchise" and "Ana" in (f.film or "") for f in facts_of(text))


def test_the_reviewed_title_is_no_critic(facts_of):
    text = ("Night Harbor Returns Movie Review: a fine return\nNight Harbor Returns\nNight Harbor Returns Director: Ana "
            "Ruiz\nNight Harbor Returns Cast: Rita Moss, Tom Fell\n\nNight Harbor Returns is long, and it is good.")
    facts = facts_of(text)
    assert not any(f.kind == "review_author" for f in facts), show(facts)
    assert not any(f.kind == "in_franchise" for f in facts), show(facts)


def test_a_numbered_title_s_series_is_named_without_its_number(facts_of):
    text = ("Harbor Lights 2: The New Tide review\n\nHarbor Lights 2: The New Tide is a sequel, and Harbor Lights 2 is "
            "better than the original Harbor Lights.")
    got = {f.franchise for f in facts_of(text) if f.kind == "in_franchise"}
    assert got == {"Harbor Lights"}, got


def test_entries_of_a_headline_series_keep_their_small_words(facts_of):
    text = ("A Storm On Harbor Street 3: Dream Sailors (1987)\n\nDirector: Ana Ruiz\n\nAfter A Storm on Harbor Street 2: "
            "Gus's Revenge was a flop, the studio tried something new for the third instalment of this series.")
    got = {(f.film.lower(), f.franchise.lower()) for f in facts_of(text) if f.kind == "in_franchise"}
    assert ("a storm on harbor street 2: gus's revenge", "a storm on harbor street") in got, got


def test_a_sequel_to_a_dated_appositive_title(facts_of):
    text = ("Night Harbor 2 review\n\nThis movie is a family comedy and is the sequel to the 1994 critically acclaimed "
            "box office hit, “Night Harbor.”")
    got = {f.franchise for f in facts_of(text) if f.kind == "in_franchise"}
    assert got == {"Night Harbor"}, got
