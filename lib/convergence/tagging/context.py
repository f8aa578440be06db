"""Document context for attribution: the publisher's home, the dateline, who "he" and "Mr Khan" are."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .lexicon import (
    Actors,
    TagDataError,
    _check_keys,
    _list,
    _mapping,
    _path,
    at,
    line_of,
    read_yaml,
)

# Word lists the attribution file may leave out (an empty list then): each is an Attribution field.
_OPTIONAL_WORDS = (
    "place_prepositions",
    "violent_events",
    "place_causes",
    "agent_heads",
    "meeting_nouns",
    "former_marks",
    "foreign_roles",
    "posted_roles",
    "honorifics",
    "stative_verbs",
    "patient_verbs",
    "opinion_doc_types",
    "official_acts",
    "quoting_verbs",
    "delegation_nouns",
    "delegation_verbs",
    "member_verbs",
    "relays",
    "speaker_titles",
    "pair_words",
    "both_words",
    "local_marks",
    "unplaced_marks",
    "credit_nouns",
    "response_nouns",
    "credit_qualities",
    "credit_outcomes",
    "credit_spoilers",
    "credit_verbs",
    "honour_verbs",
    "honours",
    "feeling_nouns",
    "sequel_verbs",
    "credit_given_nouns",
    "credit_given_verbs",
    "pact_nouns",
    "go_between_cues",
    "refusal_cues",
    "appraisal_cues",
    "expectation_verbs",
    "group_nouns",
    "common_names",
    "expletive_verbs",
    "open_questions",
    "voice_roles",
    "descriptive_roles",
    "sole_offices",
    "sympathy_cues",
    "column_advice_modals",
    "placed_roles",
    "contact_verbs",
    "inference_verbs",
    "expletive_adjectives",
    "reported_facts",
    "demanding_verbs",
    "release_words",
    "intercession_verbs",
    "request_verbs",
    "commissive_verbs",
    "advice_modals",
    "attendance_verbs",
    "attendance_words",
    "errand_nouns",
    "attitude_words",
    "naming_verbs",
    "object_prepositions",
    "sparing_verbs",
    "verb_only_cues",
    "motion_verbs",
    "averted_harms",
    "deed_verbs",
    "ending_verbs",
    "deed_goods",
    "deed_harms",
    "misdeed_verbs",
    "showing_verbs",
    "shown_nouns",
)
_KEYS = (
    "home",
    "dateline",
    "reporting_verbs",
    "light_verbs",
    "roles",
    "person_roles",
    "pronouns",
    "third_parties",
    "non_state_heads",
    "conditional_marks",
    "hypothetical_modals",
    "historical_years",
    "role_actors",
    "party_actors",
    "news_outlets",
    *_OPTIONAL_WORDS,
)


@dataclass(frozen=True)
class Attribution:
    """The words the parse is read with (``data/attribution.yaml``)."""

    home_publishers: dict[str, str]
    home_domains: dict[str, str]
    dateline: re.Pattern | None
    reporting_verbs: frozenset[str]
    light_verbs: frozenset[str]
    roles: dict[str, str]
    person_roles: frozenset[str]
    person_pronouns: frozenset[str]
    holder_pronouns: frozenset[str]
    third_parties: re.Pattern | None
    non_state_heads: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_modals: frozenset[str]
    historical_years: int
    place_prepositions: frozenset[str] = frozenset()
    violent_events: frozenset[str] = frozenset()
    place_causes: frozenset[str] = frozenset()
    meeting_nouns: frozenset[str] = frozenset()  # a meeting narrated as the subject ("the talks focused on")
    group_nouns: frozenset[str] = frozenset()  # "the four countries": states named acting together before
    common_names: frozenset[str] = frozenset()  # name words too common to tell one person ("Khan")
    expletive_verbs: frozenset[str] = frozenset()  # "it has emerged that ...": "it" points back to no one
    open_questions: frozenset[str] = frozenset()  # "it remains to be seen whether ...": states nothing
    expletive_adjectives: frozenset[str] = frozenset()  # "it is clear that ...": "it" points back to no one
    reported_facts: frozenset[str] = frozenset()  # "it has emerged that X ...": X holds the sentence
    demanding_verbs: frozenset[str] = frozenset()  # "calls for sanctions if ...": made today, not conditional
    commissive_verbs: frozenset[str] = frozenset()  # "offered to mediate if ...": an offer made today
    advice_modals: frozenset[str] = frozenset()  # "Pakistan should avoid ...": the writer's advice
    column_advice_modals: frozenset[str] = frozenset()  # "Pakistan must ..." in a column: the writer's advice
    attendance_verbs: frozenset[str] = frozenset()  # "X also joined the meeting": who attended, no position
    attendance_words: frozenset[str] = frozenset()  # "Y was also present", "Z was in attendance"
    agent_heads: frozenset[str] = frozenset()
    former_marks: frozenset[str] = frozenset()
    role_actors: dict = field(default_factory=dict)  # a role only one actor has ("congressman" -> USA)
    party_actors: dict = field(default_factory=dict)  # a lawmaker's party -> its state ("Republican" -> USA)
    foreign_roles: frozenset[str] = frozenset()  # unqualified, not the publisher's home's (ambassador)
    voice_roles: frozenset[str] = frozenset()  # offices every state has: the home's only by presumption
    descriptive_roles: frozenset[str] = frozenset()  # as adjectives they describe a thing ("military clash")
    sympathy_cues: frozenset[str] = frozenset()  # condolences: to the state where the loss happened
    sole_offices: frozenset[str] = frozenset()  # one holder a state: "President X" unknown is not the home's
    placed_roles: frozenset[str] = frozenset()  # offices of the place a report is from ("the Senate")
    contact_verbs: frozenset[str] = frozenset()  # "reached out to the State Department, a spokesperson said"
    inference_verbs: frozenset[str] = frozenset()  # "X appears focused on ...": the writer's inference
    posted_roles: frozenset[str] = frozenset()  # "in X" is where they serve, not whose they are (embassy)
    honorifics: frozenset[str] = frozenset()  # titles that are not names ("Mr", "Dr")
    opinion_doc_types: frozenset[str] = frozenset()  # document types written in the writer's own voice
    official_acts: frozenset[str] = frozenset()  # verbs of an official decision or exchange (sign, issue)
    quoting_verbs: frozenset[str] = frozenset()  # "X quoted / cited Y as saying": Y speaks
    delegation_nouns: frozenset[str] = frozenset()  # an official party travelling for a state
    delegation_verbs: frozenset[str] = frozenset()  # "led" / "headed" by its leader
    member_verbs: frozenset[str] = frozenset()  # "comprises" / "includes" its members
    stative_verbs: frozenset[str] = frozenset()  # predicates that describe the subject, not its act
    errand_nouns: frozenset[str] = frozenset()  # "is on a visit", "is in Washington for talks": an act
    attitude_words: frozenset[str] = frozenset()  # "is eager to sign": the subject's act, not a description
    naming_verbs: frozenset[str] = frozenset()  # "terms the talks 'productive'": the quote is the predicate
    object_prepositions: frozenset[str] = frozenset()  # a negated verb's objects (negation.py)
    sparing_verbs: frozenset[str] = frozenset()  # negated, they leave their object standing ("not harm ties")
    verb_only_cues: frozenset[str] = frozenset()  # cues that state nothing as nouns ("the suspect")
    motion_verbs: frozenset[str] = frozenset()  # "tabled a bill seeking sanctions": the mover's stance
    averted_harms: frozenset[str] = frozenset()  # "had he not intervened, the war would have ...": a credit
    deed_verbs: frozenset[str] = frozenset()  # "brought about the ceasefire": a good deed credited (deeds.py)
    ending_verbs: frozenset[str] = frozenset()  # "stopped the war": a harm ended, credited
    deed_goods: frozenset[str] = frozenset()  # what a deed brings ("peace", "lives")
    deed_harms: frozenset[str] = frozenset()  # what ending credits ("war", "bloodshed")
    misdeed_verbs: frozenset[str] = frozenset()  # "said Pakistan undermined democracy": the doer blamed
    showing_verbs: frozenset[str] = frozenset()  # "the visit underscored the US commitment" (shown.py)
    shown_nouns: frozenset[str] = frozenset()  # the stance such a verb shows ("commitment", "desire")
    patient_verbs: frozenset[str] = frozenset()  # "X was urged to ...": in the passive, X undergoes the act
    relays: frozenset[str] = frozenset()  # sources that report others' acts ("the report said Pakistan ...")
    speaker_titles: frozenset[str] = frozenset()  # a speaker's title naming its own act ("Statement by ...")
    pair_words: frozenset[str] = frozenset()  # words naming the pair's own ties ("bilateral relations")
    both_words: frozenset[str] = frozenset()  # two actors as one object ("both prime ministers")
    local_marks: frozenset[str] = frozenset()  # a local office, the home's ("the district administration")
    unplaced_marks: frozenset[str] = frozenset()  # an office not of the document's state ("the foreign ...")
    credit_nouns: frozenset[str] = frozenset()  # a part another actor plays ("the US played a key role")
    response_nouns: frozenset[str] = frozenset()  # "the response to X": X is answered, not the recipient
    credit_qualities: frozenset[str] = frozenset()  # a good part ("key", "constructive")
    credit_outcomes: frozenset[str] = frozenset()  # a good end it serves ("in the ceasefire", "in easing")
    credit_spoilers: frozenset[str] = frozenset()  # a harm it serves ("a key role in the war"): no credit
    credit_verbs: frozenset[str] = frozenset()  # crediting someone for something ("credited Trump for")
    honour_verbs: frozenset[str] = frozenset()  # crediting only for an honour ("recommended X for the prize")
    honours: frozenset[str] = frozenset()  # the honours they credit with ("prize", "award")
    feeling_nouns: frozenset[str] = frozenset()  # "concern that X did ...": aimed at X
    sequel_verbs: frozenset[str] = frozenset()  # "The move comes after X said ...": X's act is the news
    credit_given_nouns: frozenset[str] = frozenset()  # "the credit ... goes to X", "X deserves credit"
    credit_given_verbs: frozenset[str] = frozenset()  # the verb a credit noun goes with ("goes to X")
    pact_nouns: frozenset[str] = frozenset()  # a joint act of two actors ("the US-India joint statement")
    expectation_verbs: frozenset[str] = frozenset()  # "X is expected in Washington": X's act to come
    go_between_cues: frozenset[str] = frozenset()  # an act between two others ("brokered ... between X, Y")
    release_words: frozenset[str] = frozenset()  # "free X", "release of X": pressure on X's state
    intercession_verbs: frozenset[str] = frozenset()  # "urged the US to press India": its help asked
    request_verbs: frozenset[str] = frozenset()  # "sought Islamabad's help": the help asked for
    refusal_cues: frozenset[str] = frozenset()  # a cooperative act they govern is refused ("refused to sign")
    appraisal_cues: frozenset[str] = frozenset()  # a quality of the actor named before ("X's foresight")
    news_outlets: re.Pattern | None = None  # "..., the NYT reported": an outlet relays its subject's act
    source: str = ""


def _words(p, data, key) -> frozenset[str]:
    return frozenset(" ".join(str(v).lower().split()) for v in _list(p, data, key, what=key, strings=True))


def _optional_words(p, data, key) -> frozenset[str]:
    return _words(p, data, key) if key in data else frozenset()


def _role_actors(p, data, codes, key="role_actors", *, lower=True) -> dict:
    if key not in data:
        return {}
    block = _mapping(p, data, key, what=f"'{key}'")
    out = {}
    for role, code in block.items():
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", code):
            raise TagDataError(f"{at(p, line_of(block, role))}: {key}: {role!r} needs an actor code")
        if codes is None or code in codes:
            words = " ".join(str(role).split())
            out[words.lower() if lower else words] = code
    return out


def _names_rx(names) -> re.Pattern | None:
    """A case-sensitive pattern of whole names (the longest first), or None for no names."""
    alternatives = "|".join(re.escape(str(t)) for t in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])") if names else None


def load_attribution(path: str | os.PathLike | None = None, *, codes=None) -> Attribution:
    """The attribution data file (default: the shipped ``data/attribution.yaml``); ``codes``: the known actor
    codes, to check the home-country mappings. Errors are :class:`TagDataError` with ``path:line``."""
    if isinstance(path, Attribution):
        return path
    p = _path(path, "attribution.yaml")
    data = read_yaml(p, what="attribution file")
    _check_keys(p, data, _KEYS, what="attribution file")
    home = _mapping(p, data, "home", what="'home'")
    _check_keys(p, home, ("publishers", "url_domains"), what="home")
    maps = {}
    for key in ("publishers", "url_domains"):
        block = _mapping(p, home, key, what=f"'home.{key}'")
        for name, code in block.items():
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", code):
                raise TagDataError(f"{at(p, line_of(block, name))}: home.{key}: {name!r} needs an actor code")
        # a home the actor file does not define (a user's own actor list) resolves nothing
        maps[key] = {str(k).casefold(): str(v) for k, v in block.items() if codes is None or v in codes}
    dateline = data.get("dateline")
    rx = None
    if dateline is not None:
        try:
            rx = re.compile(str(dateline))
        except re.error as exc:
            raise TagDataError(
                f"{at(p, line_of(data, 'dateline'))}: dateline: bad regular expression ({exc})"
            ) from exc
    roles_raw = _mapping(p, data, "roles", what="'roles'")
    roles = {}
    for k, v in roles_raw.items():
        if not isinstance(v, str) or not v.strip():
            raise TagDataError(f"{at(p, line_of(roles_raw, k))}: roles: {k!r} needs a role name")
        roles[str(k).lower()] = " ".join(v.lower().split())
    pron = _mapping(p, data, "pronouns", what="'pronouns'")
    _check_keys(p, pron, ("person", "holder"), what="pronouns")
    third_rx = _names_rx(_list(p, data, "third_parties", what="third_parties", strings=True))
    outlets = []
    if "news_outlets" in data:
        outlets = _list(p, data, "news_outlets", what="news_outlets", strings=True)
    years = data.get("historical_years", 2)
    if not isinstance(years, int) or isinstance(years, bool) or years < 0:
        raise TagDataError(
            f"{at(p, line_of(data, 'historical_years'))}: historical_years must be an integer >= 0"
        )
    return Attribution(
        home_publishers=maps["publishers"],
        home_domains=maps["url_domains"],
        dateline=rx,
        reporting_verbs=_words(p, data, "reporting_verbs"),
        light_verbs=_words(p, data, "light_verbs"),
        roles=roles,
        person_roles=_words(p, data, "person_roles"),
        person_pronouns=_words(p, pron, "person"),
        holder_pronouns=_words(p, pron, "holder"),
        third_parties=third_rx,
        news_outlets=_names_rx(outlets),
        non_state_heads=_words(p, data, "non_state_heads"),
        conditional_marks=_words(p, data, "conditional_marks"),
        hypothetical_modals=_words(p, data, "hypothetical_modals"),
        historical_years=years,
        role_actors=_role_actors(p, data, codes),
        party_actors=_role_actors(p, data, codes, "party_actors", lower=False),
        **{key: _optional_words(p, data, key) for key in _OPTIONAL_WORDS},
        source=str(p),
    )


def publisher_code(info, publishers: dict, domains: dict) -> str | None:
    """The code ``publishers`` gives the article's publisher (case-insensitive), else the one ``domains``
    gives its URL's host (a subdomain counts), else None."""
    publisher = info.get("publisher")
    if isinstance(publisher, str) and publisher.strip().casefold() in publishers:
        return publishers[publisher.strip().casefold()]
    url = info.get("url")
    if isinstance(url, str) and url:
        host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
        for domain, code in domains.items():
            if host == domain or host.endswith("." + domain):
                return code
    return None


def dateline_country(first_sentence: str | None, data: Attribution, actors: Actors) -> str | None:
    """The actor whose capital or seat of government (an actor name of ``actors``) the dateline of
    ``first_sentence`` names ("WASHINGTON:" -> USA), else None."""
    if first_sentence and data.dateline is not None:
        m = data.dateline.match(first_sentence)
        if m:
            place = m.group(1).strip().casefold()
            for name in actors.names:
                if name.code and not name.holder and place == str(name.pattern.text).casefold():
                    return name.code
    return None


NOBODY = ""  # DocContext's code for a person who speaks for no state
UNPLACED = "?"  # DocContext's last person when the document named someone it does not place


def pair_elsewhere(text: str, codes, pair, third: re.Pattern | None) -> bool:
    """Whether a sentence naming the actors ``codes`` speaks of another pair than the document's ``pair``:
    it names a state or body outside the actor file (``third``: attribution.yaml ``third_parties``) and not
    both of the pair, so its "both leaders" and "bilateral ties" are not the pair's ("Both leaders reaffirmed
    the strong bilateral ties between Pakistan and Qatar")."""
    return bool(pair) and third is not None and not set(pair) <= set(codes) and third.search(text) is not None


def third_counts(texts, third_parties) -> dict:
    """The number of sentences naming each state or body outside the actor file (``third_parties``, the
    compiled attribution.yaml list)."""
    others: dict = {}
    for text in texts:
        for name in set(third_parties.findall(text)):
            others[name] = others.get(name, 0) + 1
    return others


def local_pair(pair, holder, codes, prev_named, prev_third: bool, *, home=None, prev_holder=None):
    """The pair "both sides" / "the two leaders" means in a sentence naming no actor besides its ``holder``:
    the two the sentence before named when it named one actor besides the home ("Dar met Rubio ... . The two
    leaders agreed ..."), or none when it named only a state outside the actor file besides the home ("Dar met
    the British foreign secretary ... . Both sides agreed ...": ``prev_third``); else the document's ``pair``.
    Of several actors it named, the document's partner of the home if among them, else the one that held it
    ("... he [Rubio] emphasised the need for both Pakistan and India to ... . Both sides agreed to remain in
    touch"), else the first. The holder, when one of the two, comes first."""
    if set(codes) - {holder, None} or not (prev_named or prev_third):
        return pair
    home = home or holder
    if home is None:
        return pair  # no home and no holder: no side to pair with
    others = [c for c in dict.fromkeys([prev_holder, *prev_named]) if c not in (home, None)]
    if not others:
        return None if prev_third else pair
    partner = next((c for c in (pair or ()) if c != home and c in others), others[0])
    local = (home, partner)
    return local if holder != partner else (partner, home)


@dataclass
class DocContext:
    """What a document has said so far about who is who: updated sentence by sentence, in order."""

    home: str | None
    speaker: str | None
    # the state the dateline places the report in, when it is not the home ("WASHINGTON:" in a Pakistani
    # paper): its legislature, police, governors and administration are the ones an unqualified title names
    place: str | None = None
    roles: dict[str, str] = field(default_factory=dict)  # role -> actor last named for it
    persons: dict[str, str] = field(default_factory=dict)  # a name word's spelling key ("khan") -> actor
    last_person: str | None = None
    last_named: str | None = None  # the actor of the last person named in any position ("him" may be them)
    last_holder: str | None = None
    prev_holder: str | None = None  # the previous sentence's holder: what "it" / "they" point back to
    pair: tuple | None = None  # the document's two most mentioned actors, for "both sides"
    # the document's one actor when its other side is a state or body outside the actor file ("Pakistan, EU
    # agree to ..."): "both sides" there is that actor's act (and no pair's)
    side: str | None = None
    joint: bool = False  # the last subject was the pair acting together ("they" continues it)
    group: tuple = ()  # three or more actors named acting together ("the four countries" points back to them)
    acts: dict[str, str] = field(default_factory=dict)  # act noun ("ban") -> actor last named as its owner
    events: dict[str, str] = field(default_factory=dict)  # the same, for violent events ("the US strikes")
    # the actor of the last violent event named with its actor, for "these attacks" after it
    last_event: str | None = None
    delegates: dict[str, str] = field(default_factory=dict)  # spelling key -> state whose delegation it is in
    presumed: dict[str, str] = field(default_factory=dict)  # the same, for a delegation no text qualifies

    def learn(self, code: str | None, names: list[str], role: str | None, *, person: bool) -> None:
        """Record that the subject with these name words and this role is ``code``'s."""
        if code is None:
            return
        for n in names:
            self.persons[spelling(n)] = code
        if role:
            self.roles[role] = code
        if person:
            self.last_person = code

    def civilian(self, names: list[str]) -> None:
        """Record that the person with these name words speaks for no state wherever the document names them
        (one who leads a delegation of businessmen), before any sentence is read."""
        for n in names:
            self.persons[spelling(n)] = NOBODY

    def speaks_for_none(self, names: list[str]) -> None:
        """Record that the subject with these name words speaks for no state (an analyst, a party leader, a
        former official): later mentions of the name, and "he" / "she" right after, hold nothing."""
        self.civilian(names)
        self.last_person = NOBODY

    def role(
        self, role: str, data: Attribution | None = None, *, local: bool = False, named: bool = False
    ) -> str | None:
        """The actor an unqualified role refers to: the actor last named for it in the document, else the
        one actor that has it (``role_actors``), else the publisher's home unless the role is usually a
        foreign one there (``foreign_roles``: "Ambassador X" in a Pakistani paper). A ``local`` office ("the
        district administration") is the home's. In a report from abroad ("WASHINGTON:"), an unqualified title
        of ``placed_roles`` ("the Senate", "the administration") or a local office ("city officials") is the
        dateline's state's, unless it titles a person it names ("Senator X" may be a visitor)."""
        placed = self.place if data is not None and role in data.placed_roles and not named else None
        if local:
            return (None if named else self.place) or self.home
        if role in self.roles:
            return self.roles[role]
        if data is not None:
            if role in data.role_actors:
                return data.role_actors[role]
            if role in data.foreign_roles:
                return None
        return placed or self.home

    def person(self, names: list[str]) -> str | None:
        for n in reversed(names):
            code = self.known(n)
            if code is not None:
                return code
        return None

    def known(self, name: str) -> str | None:
        """The actor of a name word met before (NOBODY for someone who speaks for no state), else None; a
        member of a state's delegation speaks for it, also when out of office or a party leader."""
        key = spelling(name)
        if key in self.delegates:
            return self.delegates[key]
        code = self.persons.get(key)
        return code or self.presumed.get(key, code)

    def delegation_of(self, name: str) -> str | None:
        """The state whose delegation the person with this name word leads or belongs to, else None."""
        key = spelling(name)
        return self.delegates.get(key) or self.presumed.get(key)

    def delegate(self, names: list[str], code: str | None, *, presumed: bool = False) -> None:
        """Record that the person with these name words leads or belongs to ``code``'s delegation;
        ``presumed``: the text does not say whose delegation (the publisher's home is assumed), so a state
        the person is named with elsewhere wins."""
        if code:
            for n in names:
                (self.presumed if presumed else self.delegates)[spelling(n)] = code


def spelling(name: str) -> str:
    """A name word's key, the same for the spellings one transliteration gives ("Gillani" and "Gilani",
    "Abbassi" and "Abbasi"): lower case, each run of one letter written once."""
    return _DOUBLED.sub(r"\1", name.casefold())


_DOUBLED = re.compile(r"(\w)\1+")
