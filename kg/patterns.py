"""Extraction patterns, as data: each has an id (cited in the graph), a kind and a template regex.

Patterns run over a sentence *template*: every name found in the sentence is replaced by a
placeholder ``§k§`` and every other token is lowercased and separated by one space, so
``"Eve (an excellent Ana De Armas)"`` reads ``"§3§ ( an excellent §4§ )"``. In a pattern,
``{person}``, ``{character}``, ``{film}`` and ``{franchise}`` capture one name in that role and
``{people}`` / ``{characters}`` capture a list of names (``A , B and C``).

>>> PATTERNS["cast.paren"].regex.search("§3§ ( an excellent §4§ )").group("person")
'§4§'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import CREW_ROLES as MODEL_CREW_ROLES
from .names import ROMAN_NUMERAL, SEQUEL_NUMERAL

NAME = r"§\d+§"
# An item of a credit list: a name, maybe with its character or an aside ("A as C", "D (the returning D)").
ITEM = rf"(?:the voices? of )?{NAME}(?: as {NAME}| \( as (?:[a-z][a-z.]* ){{0,2}}{NAME} \)| \( [^()§]{{1,40}} \)| \( (?:of|from) [^()]{{1,60}} \))?"  # "A (of the wonderful “X”)", "A (as C)"
LAST_ITEM = rf"(?:(?:a|an) (?:[a-z][\w-]* ){{0,2}})?{ITEM}"  # "… and a Zoom-calling B"
MULTI = rf"{ITEM}(?: , {ITEM})*(?: ,)? (?:and|&) {LAST_ITEM}"
LIST = rf"{MULTI}|{ITEM}(?: , {ITEM})+|{NAME}"
WORD = r"(?!(?:as|than|like|not|never|n't|n’t|and|or|if)\b)[a-z][\w'’-]*"
ASIDE_ = r"(?: , (?:[^,;()]|\( (?:19|20)\d\d \)){1,90} ,| \( [^()]{1,70} \))"  # "A, who directed X (2019), is"  # "A, fresh off X, plays C", "A (Osha on X) plays C"
ASIDE = ASIDE_ + "?"
PLAIN = (r"(?!(?:in|and|with|or|to|at|on|for|from|of|by|while|who|as|opposite|alongside|behind|against|into|about|"
         r"inside|under|over|through|among|between|without)\b)[a-z][\w'’-]*")  # "as the mastermind behind Task Force X"
POSSESSIVE = r"(?:'s|’s|‘s|'|’)"

DESCRIBED = rf"(?:{PLAIN} ){{0,3}}{NAME}"  # an item of a described list: "shallow cheerleader A", "sassy B"
LIST_ITEM = re.compile(rf"(?P<person>{NAME})(?: as (?P<character>{NAME}))?")

SLOTS = {
    "person": rf"(?P<person>{NAME})", "person2": rf"(?P<person2>{NAME})",
    "character": rf"(?P<character>{NAME})", "film": rf"(?P<film>{NAME})",
    "franchise": rf"(?P<franchise>{NAME})",
    "people": rf"(?P<people>{LIST})", "characters": rf"(?P<characters>{LIST})",
    "pair_people": rf"(?P<people>{NAME}(?: , {NAME})*(?: ,)? (?:and|&) {NAME})",
    "bare_people": rf"(?P<people>{NAME}(?:(?: ,)? (?:,|and|&) {NAME})*)",  # names only: "A, B & C (Writers)"
    "described_people": rf"(?P<people>{DESCRIBED}(?: , {DESCRIBED})*(?: ,)? (?:and|&) {DESCRIBED})",
    "pair_characters": rf"(?P<characters>{NAME}(?: , {NAME})*(?: ,)? (?:and|&) {NAME})",
    "word": WORD, "pos": POSSESSIVE, "aside": ASIDE, "aside_": ASIDE_, "name": NAME, "plain": PLAIN,
}


@dataclass(frozen=True)
class Pattern:
    """One rule: ``kind`` says what a match asserts; ``regex`` is compiled from ``template``."""

    id: str
    kind: str
    template: str
    regex: re.Pattern
    names: int  # how many names a clause needs before the regex can match: a cheap filter
    trigger: re.Pattern | None = None  # words any match holds: a clause without them is skipped

    @classmethod
    def make(cls, id: str, kind: str, template: str, trigger: str | None = None) -> "Pattern":
        names = sum(template.count("{%s}" % slot) * n for slot, n in NAME_SLOTS.items())
        return cls(id, kind, template, re.compile(template.format(**SLOTS)), names,
                   _trigger(trigger.format(**SLOTS)) if trigger else None)


@lru_cache(maxsize=None)
def _trigger(regex: str) -> re.Pattern:
    return re.compile(regex)


NAME_SLOTS = {"person": 1, "people": 1, "bare_people": 1, "described_people": 2, "character": 1, "characters": 1, "pair_people": 2, "pair_characters": 2}


_RULES = [
    # --- cast: an actor and (usually) the character they play -----------------------------
    ("cast.as", "cast",  # not from a role: "A as C, as D" (a credit list that lost D's actor)
     r"(?<!\bas ){person}(?:{aside_} (?:{word} ){{0,4}}| (?:, )?(?:{word} (?:, )?){{0,6}})(?:as {word} as ever )?"
     r"(?<!know )(?<!known )(?<!knows )(?<!called )(?<!dubbed )(?<!nicknamed )(?<!named )"
     r"as (?:the voice of )?(?:(?:the|a|an|his|her|their|this|that) (?:(?:{plain}|{pos}|and(?= [a-z])) (?:, )?){{0,7}}|{name} {pos} (?:{word} ){{1,2}}"
     r"|(?:{plain} ){{1,4}})?"
     r"(?:[“\"‘] )?{character}(?: [”\"’](?= |$))?(?! {pos})(?! (?:{plain} ){{1,2}}{name})(?: in (?:[“\"‘] )?{film}(?! {pos}))?"),
    ("cast.fronted_as", "cast",  # "As Charon, Lance Reddick is …", "As the vengeful Wick, A gives …"
     r"(?:^|[.;:] )(?:and |but )?as (?:(?:the|a|an|his|her|their) (?:{plain} (?:, )?){{0,4}}|(?:{plain} ){{1,2}})?"
     r"(?:[“\"‘] )?{character}(?: [”\"’](?= |$))? , {person}(?! {pos}){aside} (?!(?:and|or|as|who|&)\b)[a-z]"),
    ("cast.in_film_as", "cast",  # "A returns in KUNG FU PANDA 4 as the voice of the panda hero, Po"
     r"{person} (?:returns|stars|is back|appears|is|reprises (?:his|her|their) role) in {film}(?: \d{{1,2}})? as "
     r"(?:the voice of )?(?:(?:the|a|an|his|her|their) (?:{plain} (?:, )?){{0,5}})?{character}(?! {pos})"),
    ("cast.known_as", "cast",
     r"{person} (?:{word} ){{0,3}}as (?:a|an|the) (?:{word} ){{0,4}}(?:known (?:only |simply )?as|called|named|"
     r"billed (?:only |simply )?as|who calls (?:himself|herself)) (?:the )?{character}(?! {pos})"),
    ("cast.paren", "cast",
     r"{character}(?: [”\"’'](?= |$))?(?: {pos})?(?: the [a-z]+)?(?: ,)? \( (?!(?:aka|a\.k\.a\.|alias|née|nee|or|formerly)\b)(?:(?:an?|the|his|her|their) )?(?:(?:{word} ){{0,2}}|(?:(?:also|again|well|[a-z]+ly) )?(?:played|voiced|portrayed) "
     r"(?:{word} ){{0,3}}by (?:the (?:{word} ){{0,2}}|{name} {pos} )?|(?:[‘“\"] )?{name}(?: [’”\"])? (?:star|actor|actress|alum|veteran|favourite|favorite) ){person}"
     r"(?: [,—–-] [^()]*| (?:reprising|returning|voicing|playing|doing|once again|again|in flashbacks?|from|of)\b[^()]*"
     r"| in (?:his|her|their|a|an)\b[^()]*| with (?:his|her|their|a|an)\b[^()]*"
     r"| [a-z]+ing\b[^()]*)?(?: \.)? \)"),
    ("cast.paren_shared", "cast",  # "Michael Myers (James Jude Courtney, Nick Castle)": two actors, one role
     r"{character} \( (?P<people>{name} (?:,|and|&) {name}) \)"),
    ("cast.makes_for", "cast",  # "A makes for an adorable and intelligent C"
     r"{person} (?:makes|made) (?:for )?(?:a|an) (?:(?:{plain}|and) (?:, )?){{1,5}}{character}(?! {pos})"),
    ("cast.played_by", "cast",
     r"{character}(?: \( (?:[^()§]{{1,30}}|(?:[“\"‘] )?{name}(?: [”\"’])?) \))?(?: , (?:a|an|the|his|her|their) [^;()]{{1,60}}?)?(?: ,| --| [—–-])? (?:who is |is |was )?(?:played|portrayed|"
     r"voiced|essayed) (?:{word} ){{0,4}}(?:, (?:[a-z][\w'’-]* ){{1,3}}, )?by "  # "voiced to perfection, as always, by A"
     r"(?:none other than |the (?:{word} ){{0,3}}|{name} (?:{word} ){{1,2}}|{name} {pos} (?!{name} , (?:aka|a\.k\.a\.)\b))?{person}"),  # "by X's A", not "by X's C, aka A"
    ("cast.plays", "cast",
     r"{person}(?: , who| who|{aside}| , (?:a|an) [^,;()]{{1,80}}) (?:also |again |once again |now )?"
     r"(?:(?:does|did) (?:a |an )?(?:{plain} ){{0,2}}job (?:of |at )?)?(?:plays|played|portrays|portrayed|voices|voiced|"
     r"playing|portraying|voicing|reprises|reprised|reprising) (?:(?:his|her|their) role (?:as|of) )?"
     r"(?:the role of )?(?:{name} {pos} (?:{plain} ){{1,3}}(?:, )?|the (?:{plain} ){{1,2}}{pos} (?:{plain} ){{1,2}}, (?={name}(?: [.,;]| ?$)))?"  # "his role as
     # McQueen's best friend, Mater", "plays the park's founder, Dr. Robert Ford"
     r"(?:the |a |an )?(?:young |younger |older |teenage )?{character}(?! {pos})"),
    ("cast.named", "cast",
     r"{person} (?:, )?(?:plays|playing|played|as|is) (?:a|an|the) (?:{word} ){{0,4}}(?:named|called|known as) "
     r"{character}(?! {pos})"),
    ("cast.possessive", "cast",  # "Sasha Calle's emo Supergirl", "Michael Shannon's malevolent, one-dimensional Zod"
     r"(?<!played by )(?<!voiced by )(?<!portrayed by ){person} {pos} (?:(?!(?:film|movie|series|show|sequel|latest|new|next|debut|production|novel|book|comic|memoir|play|story|script|screenplay|song|album)\b){plain} (?:, )?){{0,2}}"
     r"{character}(?! {pos})"),
    ("cast.reprise", "cast",
     r"{people} (?:all )?(?:reprise|reprises|reprising|resume|resumes) (?:their|his|her) (?:roles?|parts?)\b"),
    ("cast.include", "cast",
     r"\b(?:cast|ensemble|line-up|lineup)\b[^§.;]{{0,50}}? (?:includes?|including|featuring|features|boasts) {people}"),
    ("cast.include_described", "cast",  # "The supporting players include shallow cheerleader A, sassy best friend B and C"
     r"\b(?:cast|ensemble|line-up|lineup|players|performers|co-stars|costars|castmates)\b[^§.;]{{0,40}}? "
     r"(?:include|includes|including) {described_people}"),
    ("cast.possessive_turn", "cast",
     r"{person} {pos} (?:[\w-]+ ){{0,3}}(?:cameo|performance|turn|appearance|portrayal|supporting role)\b"),
    ("cast.as_role_in", "cast",
     r"{person}(?: , who [^,;§]{{1,80}}?| (?:{word} ){{0,8}}?) as (?:the|a|an) (?:{word} ){{0,3}}in (?:[“\"‘] )?{film}"),
    ("cast.turn_as", "cast",
     r"{person} {pos} (?:{word} ){{0,2}}(?:turn|performance|portrayal|take|work|role|stint|run|tenure|outing|"
     r"episode|season|go|time) (?:as|of) "
     r"(?:the |a |an )?(?:[“\"‘] )?{character}(?! {pos})"),
    ("cast.actor_possessive", "cast",
     r"\b(?:actor|actress|star|co-star|newcomer|veteran|legend) {person} {pos} (?:{word} )?{character}(?! {pos})"),
    ("cast.described_paren", "cast",  # "his wife (A, in flashbacks)", "her daughter (A)", "Adonis's mother (A)"
     r"(?:\b(?:the|his|her|their|its|a|an|our|your)|{name} {pos}) (?:{word} ){{0,3}}(?<!director )(?<!writer )"
     r"(?<!producer )(?<!composer )(?<!creator )(?<!critic )(?<!author )(?<!studio )(?<!film )(?<!movie )"
     r"(?<!novel )(?<!book )(?<!series )(?<!show )(?<!sequel )"
     r"\( (?:(?:an?|the) )?(?:{word} ){{0,2}}(?P<people>{name}(?: (?:and|&) {name})?)(?: , [^()]*)? \)"),
    ("cast.plays_relative", "cast",  # "A plays Sonada's daughter", "A, fresh off X, plays his estranged son"
     r"{person}(?: , who| who|{aside}) (?:also |now )?(?:plays|played|portrays|portrayed|is cast as) "
     r"(?:{name} {pos}|his|her|their|the hero {pos}|the villain {pos}) (?:{word} ){{0,2}}(?:son|daughter|father|mother|"
     r"dad|mom|mum|"
     r"brother|sister|wife|husband|niece|nephew|widow|grandson|granddaughter|girlfriend|boyfriend|partner|"
     r"bodyguard|henchman|enforcer|assistant|mentor|protégé|rival)\b(?! of\b)"),
    ("cast.played_by_desc", "cast",
     r"(?:^|, |\( )(?:(?:who (?:is|was|are|were) |is |are )?(?:played|portrayed|voiced) (?:{word} ){{0,2}}by) "
     r"(?:the (?:{word} ){{0,3}}|{name} {pos} (?!{name} , (?:aka|a\.k\.a\.)\b))?{people}(?! {pos})"),
    ("cast.stars_in", "cast",
     r"{people} (?:stars|star|starred|co-stars|co-star|appears|appear) (?:{word} )?in (?:this|the|a|an) "
     r"(?:(?:new|latest|gritty|dark|upcoming) )*(?:{word} ){{0,3}}(?:film|movie|sequel|prequel|remake|reboot|series|"
     r"show|adventure|thriller|comedy|drama|story|tale|outing|entry|installment|instalment)\b"),
    ("cast.caption", "cast", r"^(?:\( l-r \) |\( from left \) )?{people} in (?:the (?:movie|film|series|show) ?)?"
                             r"(?:(?:[“\"‘] )?{film})?(?: \.)?(?: [”\"’](?= |$))?(?: \.)?$"),
    ("cast.caption_line", "cast",  # a photo caption opening the page: "A is welcomed into her new faction in F."
     r"^{people} (?:{word} ){{1,8}}in (?:[“\"‘] )?{film}(?: [”\"’](?= |$))?(?: \.)?(?: [”\"’](?= |$))?$"),
    ("cast.names_year_line", "cast",  # a listing's credit line of names, then the year: "D A, B, C, E 2004 |"
     r"^(?:{name} )?(?P<people>{name}(?: , {name}){{3,}}(?: ,)?(?: (?:and|&) {name})?) (?:19|20)\d\d(?: \|+)?$"),
    ("cast.names_caption", "cast",  # a photo's caption of names alone, repeated as its alt text: "A, B, C"
     r"^(?P<people>{name}(?: , {name})+(?: ,)?(?: (?:and|&) {name})?)$"),
    ("cast.list_line", "cast", r"^(?:[-•*] )?{person} (?:[—–-]|as|\.{{2,}}|…+) (?:the )?{character}(?: / {name})?(?: [,.].*)?$"),
    ("cast.respectively", "cast",
     r"{people} (?:play|plays|played|portray|portrays|star as|as|are) (?:the )?{characters}(?: ,)? respectively"),
    ("cast.paren_pairs", "cast", r"{pair_characters} \( {pair_people} \)"),  # "Velvet and Veneer (Schumer and Rannells)"
    ("cast.pairs_as", "cast",  # "A and B seem to be having a fine old time as X and Y": paired by position
     r"(?:^|[.;] )(?:and |but )?{pair_people} (?:(?!(?:as|and|or|but|while)\b)[a-z][\w'’-]* ){{1,8}}as (?:the )?{pair_characters}(?! {pos})(?= [.,;]| in\b| $|$)"),
    ("cast.pairs", "cast", r"(?<!as )(?<!as the ){pair_people} (?:play|played|portray|portrayed|star as|as|are back as|return as|reprise their roles as) "
     r"(?:the )?(?:{plain} ){{0,2}}{pair_characters}"),
    ("cast.is", "cast", r"(?:^|[.;,] )(?:and )?{person}{aside} is (?:(?:the|a|an) (?:{word} ){{0,2}})?{character}"
                        r"(?= [.;,]| $|$)(?! {pos})"),
    ("cast.played_by_respectively", "cast",  # "Amy, Kiki, and Carla, played by A, B, and C, all …": by position
     r"(?:^|[.;:,] ){pair_characters} , (?:played|portrayed|voiced) by {pair_people}(?= ,| \.|$| (?:all|both)\b)"),
    ("cast.possessive_character", "cast",  # "McCrory's character, Polly, gets a send-off"
     r"{person} {pos} (?:{plain} )?(?:character|role) (?:, )?(?:[“\"‘] )?{character}(?! {pos})"),
    ("cast.series_star", "cast",  # "a tribute to series star A": the reviewed work's star
     r"\b(?:the )?(?:series|show|film|movie) (?:star|lead|co-star) {person}(?! {pos})"),
    ("cast.whose_character", "cast",  # "A, whose character C falls for Ava"
     r"{person} , whose (?:character|role) (?:, )?{character}(?! {pos})"),
    ("cast.role_as", "cast",  # "A adds a lot to her role as the stunt driver C"
     r"{person} (?:(?!as\b)[a-z][\w'’-]* ){{0,8}}(?:his|her|their) (?:{plain} )?(?:role|part|turn) as (?:the |a |an )?(?:{plain} ){{0,3}}"
     r"{character}(?! {pos})(?! (?:{plain} ){{1,2}}{name})"),
    ("cast.played_by_list", "cast",
     r"(?:are|is|were|was|'s|’s) (?:played|portrayed|voiced) (?:{word} ){{0,3}}by {people}(?! {pos})"),
    ("cast.credits", "cast",
     r"(?:^(?:[•·*-] )?|[.;:] )(?:the )?(?:starring|staring|stars|cast|voice cast|main cast|principal cast|also starring|co-starring|featuring|with|"
     r"starring the voices of|with the voices of|voices)(?: \( (?:voices?|voice cast|in order of appearance) (?:\)|\):))?"
     r"(?: \[ (?:§\d+§|[a-z]+(?: [a-z]+)?) \])?"  # "Starring [English]: …"
     r"(?: [:–—-])? {people}(?! {pos})(?! (?:on board )?as (?:(?:a|an|the|its|executive|co-) ?)*(?:producer|director|writer|"
     r"screenwriter|composer|editor|cinematographer|showrunner|creator)s?\b)"),  # "With A as a producer, …" is crew
    ("cast.title_with", "cast",  # "‘Night Harbor,’ with A, B, C. Written and directed by D."
     r"^(?:[‘“\"] )?{film}(?: [’”\"])? ,(?: [’”\"])? with {people}(?! {pos})(?: [.;]|$)"),
    ("cast.run_on_label", "cast",  # "DISENCHANTED Director: A Cast: B, C, D": labels run into one line
     r"{name} (?:cast|starring|stars|voice cast) : {people}(?! {pos})"),
    ("cast.bracket_list", "cast",  # "(Lupita Nyong’o, Joseph Quinn, Alex Wolff, et al / PG-13 / 1hr 40mins)"
     r"^\( (?P<people>{name}(?: , {name}){{2,}}(?:(?: ,)? (?:and|&) {name})?)(?: , et al\.?)?(?: [/|;] [^()]*)? \)$"),
    ("cast.bracket_people", "cast",  # "The essential cast members (A, B, C, D) are back"
     r"(?<!§ )(?<!writers )(?<!writer )(?<!producers )(?<!directors )(?<!screenwriters )(?<!creators )"
     r"(?<!editors )(?<!composers )\( (?P<people>{name}(?: , {name}){{2,}}(?: ,)? (?:and|&) {name}|{name}(?: , {name}){{3,}}) \)"),
    ("cast.play_described", "cast",  # "A, B, C and D play Asgardian actors"
     r"(?:^|, |; )(?P<people>{name}(?: , {name})*(?: ,)? (?:and|&) {name}) (?:play|portray|voice|are cast as) "
     r"(?:(?:a|an|the|two|three|four) )?(?:(?:[a-z][\w-]*|{name}) ){{0,2}}[a-z][\w-]*s\b"),
    ("cast.appearances_by", "cast",
     r"\b(?:appearances?|cameos?|turns?|performances?|roles?) (?:{word} ){{0,2}}(?:by|from) {people}(?! {pos})"),
    ("cast.bracket_who", "cast",  # "Doug Jung (who cameos as Sulu's husband)", "Simon Pegg (who co-stars as engineer Scotty)"
     r"{person} \( who (?:also |briefly )?(?:cameos|co-stars|appears|stars|plays|voices|returns|turns up|pops up)\b"),
    ("cast.bracket_who_as", "cast",
     r"{person} \( who (?:also |briefly )?(?:cameos|co-stars|appears|stars|returns|turns up|pops up) as "
     r"(?:(?:the|a|an|his|her) )?(?:{plain} ){{0,2}}{character}(?! {pos})"),
    ("cast.stars_list", "cast", r"\b(?:stars|co-stars|castmates|cast members) (?:the likes of )?{people}(?! {pos})"),
    ("cast.starring", "cast", r"(?:starring|co-starring|also stars|featuring) {people}(?! {pos})"),
    ("cast.returning", "cast",
     r"(?:the |a )?(?:returning|also returning are|also back are|back are|joined by) {people}(?! {pos})"),
    ("cast.in_film", "cast",
     r"{person} (?:is|was) (?:also |even )?in (?:this|the) (?:movie|film|sequel|one)"),
    ("cast.have_appearances", "cast",  # "A, B and C have memorable guest appearances"
     r"{people} (?:have|has|make|makes|made|put in) (?:(?:a|an|some|brief|memorable|fun|funny|small|short|scene-stealing|"
     r"welcome|guest|cameo|key|supporting) ){{0,3}}(?:appearances?|cameos?|turns|supporting roles?)\b"),
    ("cast.as_description", "cast",  # "matched only by A as her gibberish-spewing protege": a role with no name
     r"(?:^|[,;:] |\b(?:by|is|was|with|and|from|alongside|opposite|stars|starring) ){person}(?: ,)? as (?:her|his|their|a|an) "
     r"(?!(?:director|filmmaker|writer|producer|screenwriter|showrunner|creator|composer|editor|cinematographer|"
     r"critic|fan|viewer|kid|child|teen|teenager|result|whole|matter|rule|actor|actress|performer|person|man|woman|"
     r"boy|girl|guest|host|narrator|part|member|group|bonus|reminder|way|means|side|pair)\b)"
     r"(?:{plain} ){{0,3}}{plain}(?= [.,;:!?)]| who\b| that\b| $|$)"),
    ("cast.steps_into", "cast",  # "from the moment A steps into the blazer of C"
     r"{person} (?:steps|stepped|slips|slipped|climbs|climbed|gets|got) (?:back )?into (?:the )?(?:{plain} ){{0,2}}"
     r"(?:shoes|role|boots|blazer|suit|skin|costume|cape|mantle|part|sneakers|uniform)s? of (?:the )?{character}(?! {pos})"),
    ("cast.list_in_the_mix", "cast",  # "A, B, C and D are also essential ingredients in the acting mix"
     r"(?:^|[.;:] ){pair_people} (?:are|were) (?:also |all )?[^§.;]{{0,60}}?\b(?:acting|cast|ensemble|"
     r"supporting players|performances)\b"),
    ("cast.year_credits", "cast",  # "Harbor Days **** (2014, A, B, C) – Movie Review": a title line's credits
     r"^(?:{film} )?(?:[★☆*½]+ )*\( (?:19|20)\d\d , {people} \)"),
    ("cast.supporting_roles", "cast",  # "The film stars A with B and C in supporting roles"
     r"\bwith {people} in (?:(?:the |key |small |minor |smaller |brief )?supporting|small|minor|key|smaller) (?:roles|parts)\b"),
    ("cast.appears", "cast",
     r"{people} (?:also |briefly |even )?(?:appears|appeared|appear|cameos|cameo|turns up|turn up|"
     r"shows up|show up|drops in|drop in|pops up|pop up|co-stars|co-star|costars|returns|return)\b"
     r"(?! to direct| behind)"),
    # --- directors ---------------------------------------------------------------------------
    ("director.paren", "director", r"{film} \( dir(?: \.|\.)?(?: :)? {people}"),
    ("director.abbrev", "director", r"(?:^|[^\w§(] )dir(?: \.|\.)?(?: :)? {people}"),
    ("director.run_on_label", "director", r"^{name} (?:director|directed by) : {people}"),
    ("director.label", "director",
     r"(?:^(?:[•·*-] )?|[.;:|] )(?:director|directors|directed by|direction|directed(?= [:–—-]))(?: [:–—-])? {people}"),
    ("director.back_as", "director",  # "A is back as director (hooray!)", "A returns as director"
     r"{people} (?:is back|are back|returns|return|stays on|serves|steps in|takes over) as (?:the )?(?:director|co-director)s?\b"),
    ("director.hyphenated", "director",  # "the A-directed sequel", "the A-written and -directed addition"
     r"\b(?:the|a|an|this) {people} - (?:(?:written|produced) and -)?directed\b"),
    ("director.is", "director", r"(?:the |its |our )(?:director|directors|helmer|filmmaker) (?:is|was|are|were) {people}"),
    ("director.credited", "director", r"{people} (?:is|was) the (?:credited |sole |official )?director\b"),
    ("director.by", "director",
     r"(?:directed|co-directed|helmed) (?:{word} ){{0,3}}by (?:the (?:duo|pair|team|trio) of )?"
     r"(?:(?:creator|writer|filmmaker|actor|actress|star|newcomer|first-timer|co-creator|showrunner) )?{people}"),
    ("director.appositive", "director", r"\bthe (?:co-)?director , {person} ,"),  # "The director, F. Gary Gray, and …"
    ("director.credit", "director", r"directing credit (?:goes|went) to {people}"),
    ("director.noun", "director",
     r"(?<!casting )(?<!art )(?<!music )(?<!stunt )(?<!unit )(?<!action )(?<!fight )(?<!creative )"
     r"(?<!original )(?<!first )(?<!former )(?<!previous )(?<!franchise-starting )(?<!longtime )(?<!series )"
     r"\b(?:director|directors|filmmaker|helmer|co-director|director-(?:editor|writer|producer|cinematographer)|"
     r"co-directors|director and (?:co-)?(?:writer|screenwriter|producer|star)) {people}(?! {pos}(?= )(?! (?:{word} )?(?:film|movie|masterwork|latest|vision|take|direction|"
     r"adaptation|sequel|feature|epic|thriller|follow-up)\b| (?:{word} ){{0,3}}(?:[“\"‘] )?{name}))"),
    ("director.verb", "director",
     r"{people} (?:directed|co-directed|helmed|took the reins)(?! by)(?: {film})?(?! (?:all|every|each|both|the first|"
     r"the original|the other|the previous|the earlier)\b)"),
    ("director.verb_now", "director",
     r"{people}{aside} (?:directs|co-directs|helms|takes the reins|steps behind the camera|is behind the camera|"
     r"returns to direct|is directing|is back at the helm|is back behind the camera|returns to the director ['’]s chair)(?: {film})?(?! (?:all|every|each|both|the first|the original)\b)"),
    ("director.who", "director", r"{people} , who (?:co-)?(?:directed|helmed) {film}"),
    ("director.who_with", "director", r", who (?:co-)?(?:directed|helmed) {film} with {people}"),  # "A, who directed Y with Z"
    ("director.who_original", "director.original",
     r"{person} , who (?:co-)?(?:directed|helmed) the (?:first|original) (?:film|movie|one|entry|instalment)"),
    ("director.direction", "director", r"{people} {pos} (?:direction|helming|directing)"),
    ("director.of", "director", r"{person}(?: ,)? (?:the )?director of {film}"),
    ("director.original", "director.original",
     r"(?:original|first|former|previous) director {person}"),
    ("director.replaced", "director",
     r"replac\w* (?:the |original |former )*director {person2}(?: ,)? with(?: ,)? (?:[a-z]+(?: ,)? )?{person}"),
]

# --- crew: other roles, one table row each (the words that name the role in a credit line, before a
# name, in "… by A", and after "A's") ---------------------------------------------------------------
CREW_ROLES = {
    "writer": dict(
        labels=r"written by|writers?|screenplay(?: by)?|script(?: by)?|screenwriters?|teleplay(?: by)?|story by",
        nouns=r"writers?|screenwriters?|co-writers?|scribes?|scriptwriters?",
        by=r"(?:written|co-written|penned|scripted)(?: and directed)?|(?:screenplay|script|teleplay) (?:{word} ){{0,2}}"
           r"(?:by|from)|a script (?:credited|written) to|written for the screen by",
        owns=r"script|screenplay|writing|teleplay"),
    "producer": dict(
        labels=r"produced by|producers?|executive producers?",
        nouns=r"producers?|co-producers?|executive producers?|super-producer",
        by=r"(?:produced|co-produced|executive[- ]produced) by", owns=r"production company"),
    "composer": dict(
        labels=r"music(?: by)?|score(?: by)?|composers?|original (?:music|score)(?: by)?",
        nouns=r"composers?",
        by=r"(?:score|music|soundtrack) (?:{word} ){{0,3}}(?:by|from)(?: composer)?", owns=r"score|music"),
    "cinematographer": dict(
        labels=r"cinematography(?: by)?|cinematographer|director of photography|dop",
        nouns=r"cinematographers?|dp|dop|director of photography",
        by=r"(?:cinematography|camerawork|lensing) (?:{word} ){{0,3}}(?:by|from)|shot by|lensed by",
        owns=r"cinematography|camerawork|lensing|photography"),
    "editor": dict(labels=r"edited by|editors?|editing(?: by)?|film editing", nouns=r"editors?|film editors?",
                   by=r"edited by|editing (?:{word} ){{0,2}}(?:by|from)", owns=r"editing|cutting"),
    "stunt coordinator": dict(
        labels=r"stunts?(?: by)?|stunt coordinat(?:or|ion)|fight choreograph(?:y|er)",
        nouns=r"stunt coordinators?|fight choreographers?|stunt directors?|action directors?",
        by=r"(?:stunts|fight choreography|action) (?:{word} ){{0,2}}(?:by|from)", owns=r"stunt work|fight choreography"),
    "creator": dict(labels=r"created by|creators?|showrunners?|co-creators?",
                    nouns=r"creators?|co-creators?|showrunners?", by=r"created by|co-created by",
                    owns=r"creation"),
}
assert tuple(CREW_ROLES) == MODEL_CREW_ROLES, "kg.model.CREW_ROLES and the crew table must list the same roles"
NOT_CREW_BEFORE = r"(?<!casting )(?<!former )(?<!original )(?<!previous )(?<!first )"
for _role, _words in CREW_ROLES.items():
    _id = _role.replace(" ", "_")
    _any = "|".join(f"(?:{_words[part]})" for part in ("labels", "nouns", "by", "owns"))
    _RULES += [(*rule, _any) for rule in [
        (f"crew.{_id}.label", "crew", rf"(?:^(?:[•·*-] )?|[.;:|–—] )(?:{_words['labels']})(?: [:–—-])? {{people}}"),
        (f"crew.{_id}.noun", "crew", rf"{NOT_CREW_BEFORE}\b(?:{_words['nouns']})(?: ,)? {{people}}(?! {{pos}})"),
        (f"crew.{_id}.by", "crew", rf"(?:{_words['by']}) (?:(?:the |an? )?(?:{{word}} ){{{{0,2}}}})?{{people}}"),
        (f"crew.{_id}.owns", "crew", rf"{{people}} {{pos}} (?:{{word}} )?(?:{_words['owns']})\b"),
        (f"crew.{_id}.paren", "crew", rf"{{bare_people}} \( (?:{_words['nouns']}) \)"),
        (f"crew.{_id}.bracket", "crew", rf"\b(?:{_words['nouns']}) \( {{people}} \)"),  # "four credited writers (A, B)"
    ]]
# A capsule's credits, as film guides print them: "103m/C A, B, C; D: X; W: Y; C: Z; M: W; V: V"
CAPSULE_ROLES = {"d": "director", "w": "writer", "c": "cinematographer", "m": "composer", "p": "producer"}
CAPSULE_CREDIT = r"; (?:d|w|c|m|p|v) : "
# A film guide's credit lines, one label a line: "D: X", "W: Y", "DP: Z", "Ed: E", "Mus: M"
LINE_LABEL_ROLES = {"d": "director", "w": "writer", "dp": "cinematographer", "ed": "editor", "mus": "composer",
                    "m": "composer"}
_RULES += [
    (("director.line_label" if role == "director" else f"crew.{role}.line_label"), role if role == "director" else "crew",
     rf"^{letters} : {{bare_people}}$", rf"^{letters} : ")
    for letters, role in LINE_LABEL_ROLES.items()
]
_RULES += [
    ("cast.capsule", "cast", r"(?P<people>{name}(?: \( {name} \) {name})?(?: , {name}(?: \( {name} \) {name})?){{2,}}) ; d : ",
     r"; d : "),
    ("cast.capsule_voice", "cast", r"; v : {bare_people}(?= ;| \.|$)", r"; v : "),
] + [
    (("director.capsule" if role == "director" else f"crew.{role}.capsule"), role if role == "director" else "crew",
     rf"; {letter} : {{bare_people}}(?= ;| \.|$)", rf"; {letter} : ")
    for letter, role in CAPSULE_ROLES.items()
]
_RULES += [
    ("crew.slash", "crew", r"\b(?P<roles>(?:[a-z-]+ ?/ ?)+[a-z-]+) {people}(?! {pos})"),  # "writer/producer X"
    ("director.role_paren", "director", r"{bare_people} \( (?:director|directors|co-directors?) \)"),
    ("director.debut", "director",
     r"{person}(?: {pos})? (?:(?:feature|film|big-screen) )?directorial debut"),
    ("director.debut_of", "director", r"(?:feature |film |big-screen )?directorial debut of {person}"),
]


def crew_role(pattern_id: str, roles: str | None = None) -> list[str]:
    """The crew roles a crew pattern asserts: its table row, or each role word of "writer/producer".

    >>> crew_role("crew.stunt_coordinator.noun"), crew_role("crew.slash", "writer/producer")
    (['stunt coordinator'], ['writer', 'producer'])
    """
    if roles is None:
        return [pattern_id.split(".")[1].replace("_", " ")]
    out = []
    for word in re.split(r" ?/ ?", roles):
        out += [role for role, words in CREW_ROLES.items() if re.fullmatch(words["nouns"], word)]
        if word in ("director", "co-director"):
            out.append("director")
    return out


# Words every match of a rule holds, so that a clause without them is skipped before its regex is
# tried (most clauses hold none): a director's rule needs one of its verbs or nouns.
TRIGGERS = {
    "director": r"dir|helm|reins|camera|filmmaker",
    "cast.respectively": r"respectively", "cast.have_appearances": r"appearance|cameo|turns|role",
    "cast.appears": r"appear|cameo|turns? up|shows? up|drops? in|pops? up|co-?star|costar|return",
    "cast.stars_in": r"star|appear", "cast.steps_into": r"\binto\b",
    "cast.list_in_the_mix": r"acting|cast|ensemble|supporting players|performances",
    "cast.year_credits": r"\( (?:19|20)\d\d ,", "cast.supporting_roles": r"roles|parts",
    "cast.whose_character": r"whose", "cast.role_as": r"(?:role|part|turn) as",
    "cast.played_by_respectively": r"(?:played|portrayed|voiced) by", "cast.in_film": r" in (?:this|the) ",
    "cast.returning": r"returning|back are|joined by", "cast.reprise": r"reprise|reprising|resume",
    "cast.include": r"includ|featur|boasts", "cast.include_described": r"includ",
    "cast.possessive_turn": r"cameo|performance|turn|appearance|portrayal|supporting role",
    "cast.turn_as": r"(?:turn|performance|portrayal|take|work|role|stint|run|tenure|outing|episode|season|go|time) (?:as|of)",
    "cast.makes_for": r"\bmakes?\b|\bmade\b", "cast.named": r"named|called|known as",
    "cast.known_as": r"known|called|named|billed|calls",
}


def _with_trigger(rule: tuple) -> tuple:
    """A rule with its trigger: its own, else the one ``TRIGGERS`` gives its id or its kind."""
    if len(rule) > 3:
        return rule
    trigger = TRIGGERS.get(rule[0]) or TRIGGERS.get(rule[1])
    return (*rule, trigger) if trigger else rule


PATTERNS: dict[str, Pattern] = {rule[0]: Pattern.make(*_with_trigger(rule)) for rule in _RULES}

# Words that make a clause not assert what a pattern found in it.
NEGATIONS = frozenset("not n't n’t never no nor without instead neither".split())
HYPOTHETICALS = frozenset("if would could might should imagine wish hope unless rumoured rumored".split())
COMPARISONS = frozenset("than like unlike compared whereas reminiscent akin echoes recalls".split())

# Cues that type a name from the words next to it.
FILM_BEFORE = re.compile(
    r"(?:(?:the|a|this|that) )?(?:film|movie|feature|sequel|prequel|picture|flick|instalment|installment|"
    r"spin-?off (?:movie|film)) $|the (?:first|original|latest|last|previous|next) $|(?:19|20)\d\d (?:[a-z-]+ )?"
    r"(?:classic|blockbuster|adventure|thriller|comedy|drama|epic|musical|western|horror|animation|original|hit) $|"
    r"(?:sci-fi|cult|action|horror|animated|comedy|fantasy) classic $|"
    r"(?:19|20)\d\d (?:'s|’s) (?:(?!(?:star|actor|actress|director|filmmaker|villain|hero|heroine|lead) )[a-z-]+ ){0,2}$")
SERIES_BEFORE = re.compile(r"(?:(?:tv show|tv series|television series|streaming series|miniseries|show|series) "
                           r"(?:[,:–—-] )?|\b(?:seasons?|episodes?) of (?:the )?)$")
WHICH_STARRED = re.compile(  # "… 2015's Sicario, which starred A as C": the role is the relative clause's film's
    r"§(?P<k>\d+)§ (?:[’”'\"] )?, (?:which|that) (?:also )?(?:starred|stars|featured|features|co-starred|cast) $")
STREAMERS = r"(?:netflix|hulu|disney\+?|disney plus|prime video|amazon prime(?: video)?|apple tv\+?|hbo(?: max)?|max|peacock|paramount\+|showtime|starz)"
SERIES_AFTER = re.compile(  # "The Bear ( season 3 )", "Andor season two"
    r"^(?:\( season \d|season (?:\d|one|two|three|four|five)\b)")
STREAMER = re.compile(STREAMERS + "$", re.I)  # "Stranger Things on Netflix has …": a show, named where it streams
FILM_AFTER = re.compile(
    r"^(?:\( (?:19|20)\d\d \)|review\b|{pos} (?:premise|plot|runtime|"
    r"soundtrack|ending|climax|narrative|cast|first act|second act|third act|action "
    r"(?:sequences|scenes)|fight scenes)\b|(?:is|was)(?: ,)? (?:one of )?(?:a|an|the) (?:(?:{word}|and) ){{0,7}}(?:films?|movies?|sequel|"
    r"prequel|spin-?off|thriller|actioner|entry|instalment|installment|chapter|addition)\b(?! {pos})"
    r"|, (?:the|a|an) (?:(?:{word}|{name}) ){{0,4}}(?:release|film|movie|remake|adaptation)\b(?! (?:of|about|by)\b))"  # "X, the DreamWorks release"
    .format(**SLOTS))
NUMBERED_TITLE = re.compile(rf"^\S.* (?:\d{{1,2}}|{SEQUEL_NUMERAL}|(?:Part|Chapter|Vol\.|Volume|Episode) "
                            rf"(?:\d{{1,2}}|One|Two|Three|Four|Five|Six|{ROMAN_NUMERAL}))$")
CALENDAR_WORDS = frozenset("""jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
july august september october november december mon tue wed thu fri sat sun monday tuesday wednesday thursday friday
saturday sunday published updated posted route""".split())
YEAR_AFTER = re.compile(r"^\( (?:19|20)\d\d \)")
MADE_BY_AFTER = re.compile(r"^(?:(?:has|had|ever|once|first|also|would|later) )?(?:directed|made|wrote|shot|"
                           r"produced|helmed|co-directed|starred in|edited)\b")
FRANCHISE_AFTER = re.compile(  # "the Toy Story films", "the “John Wick” movie series", "no Ghostbusters movie"
    r"^(?:(?:movie|film|tv|book|comic|media|animated|live-action) )?(?:franchise|universe|saga|series|films|"
    r"movies|world|mythology|mythos|canon|quadrilogy|trilogy|tetralogy|pentalogy|sequels|cinematic universe|lore|odyssey|"
    r"installments|instalments|entries|chapters|property|ip)\b|^(?:movie|film|flick|outing|adventure)\b(?! (?:is|was|reviews?|reviewed|stars|cast|director)\b)")  # not "X Movie Review"
MEMBERSHIP_AFTER = re.compile(r"^(?:prequel|sequel|spin-?off|instalment|installment|entry|chapter)\b")
FRANCHISE_BEFORE = re.compile(r"(?:wider|whole|larger|broader|expanding|ever-expanding|cinematic|from the) world of $")
MEMBERSHIP_BEFORE = re.compile(  # "... sliding into the wider §k§ universe": the words right before it
    r"\b(?:into|part of|entry in|instalment in|installment in|chapter in|chapter of|latest in|addition to|"
    r"(?:film|movie|outing|episode|entry|installment|instalment|chapter|sequel|prequel|spin-?off|offering|"
    r"phase) (?:in|of|to|from)|"
    r"set in|within|joins|expands|extends|returns? to|sequel to|prequel to|spin-?off of|spin-?off from|"
    r"corner of|expansion of|extension of|belongs to|fits in|world of|in|across|throughout) (?:the |this |that )?"
    r"(?:(?!(?:first|original|previous|earlier|old)\b)[a-z][\w-]+ (?=(?:[a-z][\w-]+ )?$))?(?:wider |whole |larger |"
    r"broader |expanding |sprawling |extended |greater |ever-expanding |ever-growing )?(?:world of )?$")
FILM_LINK = re.compile(r"(?:^|\s)(?:in|of|from|during|for|throughout|since|after|before)(?: the)?"
                       r"(?: (?:19|20)\d\d (?:'s|’s)(?: [a-z][a-z-]+){0,2}(?: [“\"‘])?)? $")  # "from 2015 's masterful “F”"
SENTENCE_FILM = re.compile(r"^(?:in|during|throughout|over the course of)(?: the)?(?: (?:events|climax|finale|"
                           r"opening|end|course) of)? $")  # "In Chapter 2, A played C": the whole sentence
# Works named as background, not as the subject: an earlier entry, someone's filmography, a comparison.
YEAR_S = r"(?:(?:19|20)\d\d (?:'s |’s ))?"  # "2019 's " before a title
COMPARED = (r"\b(?:like|than|since|unlike|à la|a la|reminiscent of|shades of|homage to|nod to|compared to|similar to|riff on|"
            r"vein of|style of|echoes of|for example , in|for instance , in|such as)(?: the)? " + YEAR_S)
COMPARISON_BEFORE = re.compile(COMPARED + "$")
ROLE_COMPARED_BEFORE = re.compile(  # a role in another work ("since A's run as C"); "like" gives examples too
    r"\b(?:since|than|unlike|à la|a la|reminiscent of|compared to|similar to|shades of|echoes of)(?: the)? " + YEAR_S + "$")
EARLIER_BEFORE = re.compile(r"\b(?:the|its|his|her|their|that) (?:original|first|previous|prior|earlier|preceding|"
                            r"older|1st) (?:(?:film|movie|one|entry|installment|instalment|chapter) )?$")
TITLE_BEFORE_ROLE = re.compile(r"(?:^|(?<!§) )(?:[“\"‘] )?§(?P<k>\d+)§ (?:[”\"’] )?(?:'s |’s )?$")  # a title, then the role
ROLE_NOUN = re.compile(r"(?:co-)?(?:director|directors|filmmaker|helmer|writer|screenwriter|composer|cinematographer|"
                       r"producer|editor)s?\b")
EARLIER_NEXT = re.compile(r"^the (?:first|original|previous|earlier) (?:film|movie|one|entry|installment|instalment|"
                         r"chapter)\b(?! in\b)")  # the sentence after a title that calls it the first film
ORIGINAL_BEFORE = re.compile(  # words that make a series' own name its first film: "after the success of X"
    r"(?:(?:19|20)\d\d (?:'s|’s)|\b(?:success|release|events|ending|heels) of(?: the)?|\bpicks up (?:\w+ )?where|"
    r"\b(?:sequel|follow-up|successor) to(?: the)?) $")
ORIGINAL_AFTER = re.compile(  # "“X,” 2013’s hit", "when X came out in 2009"
    r"^(?:[’”'\"] )?(?:, (?:[’”'\"] )?(?:(?:19|20)\d\d (?:'s|’s)|the (?:19|20)\d\d) |"
    r"(?:came out|was released|premiered|opened|hit (?:theaters|theatres|cinemas)) (?:in|back in) (?:19|20)\d\d\b|"
    r"(?:sequel|follow-up|threequel)\b)")  # "the “Now You See Me” sequel"
BACKGROUND_BEFORE = re.compile(
    r"(?:\b(?:the|its|his|her|their|that) (?:original|first|previous|prior|earlier|preceding|older|1st) "
    r"(?:(?:film|movie|one|entry|installment|instalment|chapter) )?"
    r"|\b(?:debut|breakout|known|famous|remembered|acclaimed|fresh) (?:with|for|in|from|off) (?:the )?" + YEAR_S +
    r"|\b(?:director|filmmaker|helmer|creator|writer|star|maker)s? of (?:the )?" + YEAR_S +
    r"|\b(?:sequel|follow-up|prequel|successor|remake|reboot|spin-?off) (?:to|of|from) (?:the )?(?:[a-z-]+ ){0,2}" + YEAR_S +
    r"|\b(?:in|for|of|from|with|after|before) (?:19|20)\d\d (?:'s|’s) (?:[a-z-]+ ){0,2}"  # "rehearsals for 2020's Tenet"
    r"|\b(?:after|since|following|before) the events of (?:the )?"  # "Years after the events of Spectre, Bond …"
    r"|\b(?:based|modell?ed) (?:loosely )?on (?:the |a |an )?(?:(?:[a-z-]+|§\d+§) ){0,3}"  # "Based on the popular Japanese movie Ringu"
    r"(?:film|movie|picture|series|show|original) "
    r"|" + COMPARED + ")$")
BACKGROUND_AFTER = re.compile(r"^(?:(?:'s|’s) )?(?:director|filmmaker|helmer|creator|writer|star|actor|actress|"
                              r"maker|-style|-esque|-like|-meets)\b")
RELATIVE_OF_BEFORE = re.compile(  # "the son of his former co-pilot Goose (A)": a character only mentioned
    r"\b(?:son|daughter|father|mother|dad|mom|brother|sister|wife|husband|niece|nephew|widow|widower|child|"
    r"children|grandson|granddaughter|shadow|legacy|memory|ghost|killer|murderer|successor|heir) of "
    r"(?:his|her|their|the|its) (?:[^§ ]+ ){0,3}$|\b(?:shadow|legacy|memory|ghost|death|absence) of $")
PAST_ROLE_BEFORE = re.compile(r"\b(?:original|former|previous|franchise-starting|first|longtime|then|erstwhile)"
                              r"(?: [^§ ]+){0,2} $")
DEPARTED_AFTER = re.compile(r"^[^.;]*?\b(?:departed|left the (?:franchise|project|film|series|production)|exited|"
                            r"quit|stepped (?:down|away)|walked away|bowed out|dropped out|was (?:replaced|fired|ousted)|"
                            r"had been replaced)\b")  # "director X departed the franchise a week into filming"
AS_AFTER = re.compile(r"^ (?:(?:is|was) (?:[a-z]+ )?)?as (?!(?:always|ever|usual|well|expected|if|though|such|he|she|"
                      r"they|it|we|i|you|his|her|their|its|one|both|each|all)\b)")  # not "(A) as she encounters"
ACTOR_VERB_AFTER = re.compile(r"^ (?:also |again )?(?:plays|portrays|voices|stars as)\b")  # "A (C) plays …"
ROLE_NAMED_AFTER = re.compile(r"^ (?:also |again )?(?:plays|portrays|voices|stars as) (?:the )?§\d+§")  # "A (X) plays C"
ABSENT_AFTER = re.compile(r"^[^.;]*?(?:(?:\bis|\bwas|['’]s) nowhere to be (?:seen|found)|\b"
                          r"(?:does|did|is|was|will|do)(?: not| n['’]t) (?:make an appearance|appear|return|"
                          r"come back|show up|feature|turn up))\b")
ELSEWHERE_INSIDE = re.compile(r"\b(?:in|across|throughout) (?:the|all the|all four|the four|the earlier|the previous|"
                              r"the original|the first|the other|earlier) (?:films|movies|franchise|series|sequels|"
                              r"installments|instalments|entries)\b")  # "(played in the films by A)": other works
ELSEWHERE_AFTER = re.compile(r"^(?:, )?(?:from|in|of) the (?:first|original|earlier|previous|last|prior) "
                             r"(?:film|movie|one|installment|instalment|entry|chapter)\b")  # "A's Viggo from the first film"
ELSEWHERE = re.compile(r"^(?:in|across|throughout) (?:the|all the|all four|the four|the earlier|the previous|the "
                       r"original) (?:films|movies|franchise|series|sequels|other films)\b")  # credits of other works
UNNAMED_FRANCHISE_ENTRY = re.compile(  # "F – the best entry in the franchise", "F, the fifth film in the series"
    r"^(?:[’”'\"] )?(?:[–—-]|,|is|was) (?:[’”'\"] )?(?:the|its|a|an) (?:[a-z][\w-]* ){0,3}(?:entry|installment|"
    r"instalment|chapter|film|movie|sequel|prequel|outing|episode) (?:in|of) (?:the|this|its) (?:[a-z][\w-]* ){0,3}"
    r"(?:franchise|series|saga)\b")
ENTRY_BEFORE = re.compile(  # "The fifth entry into the action franchise, X", "the previous film, X"
    r"(?:^|[,;(] |\b)(?:the|its|this) (?:(?:[a-z/][\w/-]* ){0,3}(?:entry|installment|instalment|chapter|film|movie|"
    r"sequel|prequel|outing) (?:in|into|of) (?:the|this|its) (?:[a-z/][\w/-]* ){0,5}(?:franchise|series|saga)|"
    r"(?:previous|prior|last|earlier|first|second|third|fourth|fifth) (?:film|movie|entry|installment|instalment|"
    r"chapter|one|sequel)) , (?:[‘“\"] )?$")
OWN_ENTRY_BEFORE = re.compile(  # "Shaun the Sheep’s latest adventure, Farmageddon": the series, then its entry
    r"(?:^|(?<=[ (]))§(?P<k>\d+)§ (?:'s|’s) (?:[a-z-]+ )?(?:latest|newest|new|next|second|third|fourth|fifth|sixth|"
    r"final|last) (?:big-screen )?(?:adventure|outing|film|movie|instalment|installment|entry|chapter|caper|escapade|"
    r"sequel) , (?:[‘“\"] )?$")
SPINOFF = re.compile(r"spin-?off (?:tv show |tv series |series |show |movie |film |feature )?[,:–—-]? ?$")

# Titles that the layout gives away: a headline "‘X’ review" / "X review – ..." / "Review: X", and
# quoted Title Case phrases. Found on the raw text, so titles with lowercase words survive.
HEADLINE_TITLE = re.compile(
    r"^[ \t]*[‘'\"“]?(?P<title>[A-Z0-9][^‘’\"“”\n]{0,80}?)[’'\"”]?[ \t]*(?:\(\d{4}\)[ \t]*)?"
    r"(?:[-–—:][ \t]*)?(?i:(?:movie |film |tv |series )?review)\b", re.M)
REVIEW_COLON_TITLE = re.compile(
    r"^[ \t]*(?i:(?:film |movie |tv |series |television |streaming )?review)[ \t]*[:–—-][ \t]*[‘'\"“]?(?P<title>[A-Z0-9][^‘’\"“”\n]{0,80}?)[’'\"”]?"
    r"[ \t]*(?:\(\d{4}\))?[ \t]*$", re.M)
QUOTED_TITLE = re.compile(r"[‘“\"](?P<title>[A-Z0-9](?:[^‘’“”\"\n]|’(?=[a-z]))"
                          r"{0,70}?)(?:(?<![’'][sS])[”\"]|’)(?![a-z])")  # not “What’s”; ‘Five Nights at Freddy’s’
QUOTED_SPEECH = re.compile(r"(?=.*, ).*\b(?:it|i|we|you|he|she|they|that|there|let|don|can|won)['’](?:s|m|re|ll|ve|d|t)\b",
                           re.I)  # “It’s Not Bro Time, It’s Showtime” is a line, not a title
GENERIC_TITLES = frozenset("""film movie tv series television streaming cinema theatre theater documentary
podcast episode season review reviews home menu news""".split())  # "Film Review: X" names no film "Film"
SMALL_WORDS = frozenset("a an and the of to in on at for from with by or as vs is it".split())
CREDIT_BLOCK = re.compile(r"^(?:starring|staring|stars|featuring|with|(?:the |voice |main |principal |lead |key |supporting )?cast|"
                          r"director|directors|directed by|dir)\s*[:–—-]?$",
                          re.I)
OTHER_CREDIT = re.compile(  # a heading that ends a cast or director block: "Writer", "Cinematographer"
    r"^(?:written by|writers?|screenplay|story|producers?|produced by|executive producers?|cinematograph(?:er|y)|"
    r"director of photography|editors?|edited by|editing|music|composer|score|production design(?:er)?|"
    r"costume design(?:er)?|casting|stunts?|stunt coordinator|running time|runtime|rated|rating|genre|"
    r"release date|distributor|studio|country|language|based on|created by|creators?)\s*:?$", re.I)

# Credit labels that start a line ("Director: X") and so are never names themselves.
LABELS = frozenset("""director directors dir dir. starring stars cast writer writers screenplay producer
producers rating grade verdict summary review runtime release certificate genre photo credit score by
music cinematography editor distributor photo photograph photography image picture pictured courtesy
title premiere date rated released screenwriter screenwriters cinematographer composer editors writer/director
classification year country language budget staring related read more see also plot synopsis voice voices tags
tagged filed categories category studio network platform""".split())
INTERJECTIONS = frozenset("""tv enter cue hmm hm oh ok okay sorry yes no wow well yeah uh um ah aha alas sure
thanks please hey ugh meh""".split())
OPENERS = frozenset("plus also meanwhile besides then".split())  # "Plus Fred Willard cameos": no name's first word

RATING_LABEL = re.compile(r"^\s*(?:rating|score|verdict|grade|our rating|the verdict|final verdict)\b", re.I)
HEADING = re.compile(r"^\s*(?:summary|verdict|the verdict|final verdict|rating|score|our rating|bottom line)"
                     r"\s*:?\s*$", re.I)
RATING_PATTERNS = [
    ("rating.fraction", re.compile(r"(?<![\d/.])(\d{1,2}(?:\.\d)?|½)\s*/\s*(\d{1,3})(?![\d/])(?:\s*(?:stars?|points?))?",
                                   re.I)),
    ("rating.out_of", re.compile(r"\b(\d{1,2}(?:\.\d)?)\s+out\s+of\s+(\d{1,3})\b(?:\s*stars?)?", re.I)),
    ("rating.stars", re.compile(r"([★]+(?:½)?[☆]*)")),
    ("rating.unit", re.compile(r"^\s*(\d{1,2}(?:\.\d)?)\s+(stars?|[A-Z]{2,12})\s*$")),
    ("rating.labelled", re.compile(r"^\s*(?:rating|score|verdict|grade)\s*[:\-–]\s*(\d{1,2}(?:\.\d)?)\s*$", re.I)),
]
DATE_LINE = re.compile(  # "Thu 23 Mar 2023 14.00 GMT", "March 2, 2023", "23/03/2023", "Published 2 March 2023"
    r"^(?:published|updated|posted)?:?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)\w*\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b", re.I)
RELEASE_CUES = re.compile(r"\b(?:in (?:cinemas|theaters|theatres)|released|opens|arrives|hits|premieres|"
                          r"out (?:in|on)|on (?:digital|streaming|blu-ray|vod)|release date)\b", re.I)
AUTHOR_BIO = re.compile(
    r"^{person} (?:is|was) (?:an? |the )(?:\S+ ){{0,6}}?(?:film |movie |freelance |senior |chief |lead )?"
    r"(?:critic|writer|journalist|reviewer|editor|contributor|blogger|columnist|correspondent)\b"
    .format(**SLOTS))
AUTHOR_BYLINE_GLUED = re.compile(r"^by {person} (?=[a-z§])".format(**SLOTS))  # "by Walter Chaw Somehow lugubrious …"
AUTHOR_REVIEWED_BY = re.compile(  # "KARATE KID LEGENDS Reviewed by GREG KING", "Reviewed by X for Site, May 2"
    r"\breviewed by {person}(?: (?:for|at|on) .*| [★☆*].*| ,.*)?$".format(**SLOTS))
AUTHOR_PIPED = re.compile(r"\breview by {person} \|".format(**SLOTS))  # "… a Patron Review by X | November 18, 2022"
AUTHOR_COPYRIGHT = re.compile(r"^(?:©|\( c \)|copyright) {person} (?:19|20)\d\d\b".format(**SLOTS))  # "© X 2014 Movie Review"
AUTHOR_CRITIC = re.compile(  # "Our film critic, Ben Peyton, reviews …"
    r"^(?:our|the site ['’]s|our chief|our senior) (?:film |movie |tv )?(?:critic|reviewer) , {person} ,".format(**SLOTS))
AUTHOR_REVIEW_OF = re.compile(r"^{person} {pos} review of ".format(**SLOTS))  # "Ana Ruiz's review of “X” (Studio)"
AUTHOR_FROM = re.compile(r"^from {person}$".format(**SLOTS))  # "From Jeremy Kibler" under a headline
AUTHOR_WRITES = re.compile(r"(?:^|, )writes {person} \.?$".format(**SLOTS))  # a deck: "…, writes Craig Mathieson."
STAFF_TITLE = re.compile(r"(?i)^(?:(?:senior|chief|lead|staff|contributing|freelance|guest|associate|managing|"
                         r"deputy|film|movie|entertainment|arts|culture|tv|features|graphic|web|news)\s+)*"
                         r"(?:writer|designer|reporter|critic|editor|contributor|correspondent|columnist|intern|"
                         r"blogger|reviewer|journalist|student|producer|staff)\b")
CREDIT_FIELD = re.compile(r"(?i)^(?:directed by|director|directors|starring|stars|staring|cast|music|score|"
                          r"produced by|producers?|cinematography|edited by|screenplay)\b")
AUTHOR_BYLINE = re.compile(r"^(?:by|(?:an? )?(?:film |movie |tv )?review by|words by|written by|reviewed by|posted by|"
                           r"this review (?:is |was )?(?:brought to you|written) by|"
                           r"posted .{{1,30}} by)(?: :)? "
                           r"{person}(?: [,|·★☆–—-].*| (?:published|updated|posted|on|jan|feb|mar|apr|may|jun|jul|aug|sep|"
                           r"oct|nov|dec|january|february|march|april|june|july|august|september|october|november|"
                           r"december)\b.*)?$"
                           .format(**SLOTS))
