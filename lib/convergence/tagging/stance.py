"""Stance and relation scores of one sentence from the cue hits the matcher found.

Stance: every cooperation / conflict cue contributes its weight, multiplied by
  - the negator's factor (default -0.5) when a negator stands within 3 words before it in the same clause
    ("not support", "without explicitly condemning", "refraining from"),
  - the hedge's factor (0.5) for a hedge within 5 words before it ("may", "alleged", "perceived"),
  - the intensifier's factor (1.3) for an intensifier within 2 words before it ("vehemently", "firmly").
A cue right after another actor's possessive ("Pakistan's alleged support" when the holder is the US) states
that actor's position, not the holder's, and is left out. A cooperation cue within 4 words after a
``pressure`` cue ("compelling Pakistan to cooperate") is the pushed actor's expected act and is left out too,
as is one after a cue of refusing (attribution.yaml ``refusal_cues``: "refused to sign an agreement").
An ``offence`` cue (a conflict noun: "occupation", "aggression", "atrocities", "invasion") counts only when it
is tied to an actor: an adjective / possessive at most two words before it, none of them a plural noun
("Israeli occupation", "India's illegal annexation"; not for a participle: "Palestinian land occupied"),
or an agent right after it ("aggression by Israel", "occupation of Gaza by Israel"; for a cue ending in "of",
right after the cue: "withdrawal of Israeli forces"); it is then negative
toward that actor. A negated event ("without mentioning the US strikes", "not aware of strikes") counts for
nothing: the negation belongs to the predicate, and the holder speaks neither against the event nor for it.
stance = mean of the contributions, clipped to [-1, 1]; 0 when no cue fired. Each fired cue is kept, with its
marks, in ``stance_cues``.

Target stance (``target_stances``): each counted cue is tied to one target, or to none:
  - an offence cue: the actor it is tied to (above);
  - any other cue: the nearest actor mentioned after it, other than the holder, in the same clause and before
    the next cue — the search stops at , ; : ( ) " ! ?, at whereas / while / but, at a new subordinate clause
    (that, which, who, because, although ...), at "between" (a relation, see below), after 10 words, and when
    the actor follows a place preposition after other words ("condemn the attack on Kabul": not Kabul's act),
    and where the parse starts a coordinated clause of another act ("retaliated and later informed the US");
  - coordinated cues share the object ("condemn and reject Israel's ...").
A target's stance is the mean of its cues' contributions, so a sentence whose cues all belong to one target
has ``stance`` equal to that target's stance. Cues tied to no target count in ``stance`` only.

Relation: agreement (+) / disagreement (-) cues from relations.yaml, counted only when two different actors
are in the sentence (mentioned, holder or targets); a negator before a cue flips and halves it; an agreement
cue pushed by a pressure cue ("nudge Pakistan towards aligning") is left out. ``relation_pairs``: the pair
each cue links, by the rules of :func:`relation_pair`.
"""

from __future__ import annotations

import re

from .intercession import intercedes

_CLAUSE_BREAK = re.compile(r"[,;:.()\"!?]")
_CONJ = re.compile(r"\b(?:and|or|but|while|whereas)\b")
_APPRAISED_WORDS = 5  # words between an actor and the appraisal cue that rates it
_AND_WORDS = re.compile(r"\s+and\s+(?:[\w-]+\s+){0,2}$")  # "... and stellar ": one quality coordinated
_PRIORITY = {"ignore": 0, "negator": 1, "relief": 1, "hedge": 1, "intensifier": 1}
_WINDOWS = {"negator": 3, "relief": 3, "hedge": 5, "intensifier": 2}
_NEGATING = ("negator", "relief")
# the words between two coordinated actors: "India and the US", "the US, China and Saudi Arabia"
_JOINED = re.compile(r"(?:'s|’s)?\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+|&\s*|[-–]\s*)(?:the\s+)?")
_BOTH = re.compile(r"\bboth\b")
_OBJECT_NEGATION = -0.5  # a cue in a negated verb's object: the factor of "not" in stance.csv


def _denied_in_object(low, start, weight, mods, negated) -> bool:
    """Whether the cue at ``start`` stands in a negated verb's object (``negated``: character spans, see
    ``negation.negated_objects``) and no negator of its window reaches it already."""
    return any(a <= start < b for a, b in negated) and _modifier(low, start, mods, _negators(weight)) is None


def _negators(weight: float) -> tuple[str, ...]:
    """The modifier classes that reverse a cue of this weight: a ``relief`` verb undoes only a negative
    cue ("resolve the dispute", "lifted the ban"); before a positive one it is no reversal ("resolved to
    strengthen ties", "lift cooperation to new heights")."""
    return _NEGATING if weight < 0 else ("negator",)


def _modifier(low, start, mods, cls):
    """The nearest modifier of class ``cls`` (a class or a tuple of classes) before ``start`` within its
    window, or None."""
    classes = (cls,) if isinstance(cls, str) else cls
    best = None
    for s, e, cue in mods:
        if cue.cls not in classes or e > start:
            continue
        gap = low[e:start]
        if _CLAUSE_BREAK.search(gap) or len(gap.split()) > _WINDOWS[cue.cls]:
            continue
        if cue.cls in _NEGATING and _CONJ.search(gap):
            continue
        best = (s, e, cue)
    return best


def _owner_of(low, start, mentions, holder):
    """(start, actor) of another actor's possessive right before the cue at ``start`` (at most two words, same
    clause: "Pakistan's alleged support"), whose own position the cue then states; else None."""
    for s, e, code, poss in mentions:
        if poss and code is not None and code != holder and e <= start:
            gap = low[e:start]
            if len(gap.split()) <= 2 and not _CLAUSE_BREAK.search(gap):
                return s, code
    return None


def _asked_of(low, start, requests) -> bool:
    """Whether one of ``requests`` (verbs of asking) stands right before the possessive at ``start``, an
    article at most between ("had sought Islamabad's help", "seeks the US's support")."""
    words = low[max(0, start - 40) : start].split()
    if words and words[-1] == "the":
        words = words[:-1]
    return bool(words) and words[-1] in requests


# plain negation: it denies a cue, it does not undo someone's thing ("did not welcome Pakistan's support")
_PLAIN_NEGATION = frozenset(
    "not no never neither nor without cannot don't doesn't didn't won't can't".split()
)


def _undone_owner(low, start, owner, mods):
    """The actor of the possessive ``owner`` ((start, actor), see :func:`_owner_of`) when an undo verb before
    it acts on its thing ("scrap Pakistan's ally status", "revoked Pakistan's waiver"): a reversing modifier
    that is no plain negation reaches the cue at ``start`` from before the owner's name; else None."""
    hit = _modifier(low, start, mods, _NEGATING)
    if hit is None or low[hit[0] : hit[1]] in _PLAIN_NEGATION or hit[1] > owner[0]:
        return None
    return owner[1]


# a reaction noun's own holder just after it: "drew criticism from India", "concerns among Afghans"
_AGENT_AFTER = re.compile(r"^\s+(?:from|among)\s+(?:the\s+)?(?:\w+\s+){0,2}?$")


def _voiced_by_other(low, end, mentions, holder) -> bool:
    """True when another actor is named as the one who voices the negative noun cue ending at ``end``
    ("His remarks triggered rejection from the Palestinian leadership"): that actor's reaction, which the
    sentence's holder meets, not the holder's own stance."""
    for s, _e, code, _poss in mentions:
        if s >= end and code is not None and code != holder:
            return bool(_AGENT_AFTER.match(low[end:s]))
    return False


def _score(low, start, weight, label, mods):
    value, marks = weight, []
    for cls in ("intensifier", "hedge", _negators(weight)):
        hit = _modifier(low, start, mods, cls)
        if hit is not None:
            value *= hit[2].weight
            marks.insert(0, low[hit[0] : hit[1]])
    return value, " ".join([*marks, label])


def _negated_pact(value: float, cue, pacts) -> bool:
    """Whether ``cue``, scored ``value``, is a pact noun (``pacts``) a negator turned round: a pact not made,
    denied or lacking states no relation and no stance either way."""
    return (value < 0) != (cue.weight < 0) and cue.cue.split()[-1] in pacts


def _clip(x: float) -> float:
    return max(-1.0, min(1.0, x))


def dedupe_spans(hits):
    """One cue per span: 'ignore' rows first, then modifiers, then stance cues."""
    best: dict = {}
    for h in hits:
        key = (h[0], h[1])
        if key not in best or _PRIORITY.get(h[2].cls, 2) < _PRIORITY.get(best[key][2].cls, 2):
            best[key] = h
    return sorted(best.values(), key=lambda h: h[0])


def _in_subject_phrase(low, start, subject_span, preps) -> bool:
    """A cue inside a prepositional phrase attached to the subject ("The US stance regarding ... military
    collaborations, is marked by ...") describes the topic, not the holder's act."""
    if subject_span is None:
        return False
    a, b = subject_span
    if not a <= start < b:
        return False
    return any(w in preps for w in low[a:start].split())


# where a cue's object search stops: clause punctuation, a contrast, or a new subordinate clause
_STOP = re.compile(
    r"[;,:()\"!?]|\b(?:whereas|while|but|that|which|who|whom|whose|because|although|though|unless)\b"
)
_PLACE_PREPS = frozenset("in on at inside near across within against into throughout during amid".split())
_TARGET_WORDS = 10  # the object is at most this many words after the cue
_THAT = re.compile(r"^\s+that\s")  # "that" opening the content clause right after the cue
_BETWEEN_GAP = re.compile(r"\bbetween\b")  # "tension between X and Y": a relation, see relation_pair
# "aggression by X", "occupation of Gaza by X": the agent follows the noun, at most after an "of" phrase
_BY = re.compile(r"^\s+(?:of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?by(?:\s+(?:the|its|their))?\s*$")
# an offence cue ending in "of" ("withdrawal of") names its agent right after it ("withdrawal of Israeli
# forces")
_OF_AGENT = re.compile(r"^\s+(?:(?:the|its|their|all)\s+)?$")
_COORD_CUES = re.compile(r"^\s*(?:,\s*)?(?:and|or|as well as)?\s*$")
_NOT_OWNER_GAP = frozenset(
    "the a an this that these those its their his her our my is are was were has have had will would of to "
    "in on at for with against from and or".split()
)
_OWNER_WORDS = 2  # words allowed between an actor adjective / possessive and a conflict noun


_NAME_LINKS = frozenset({"of", "on", "for", "and", "the", "to", "in"})


def in_name(text: str, start: int, end: int) -> bool:
    """Whether the cue at ``text[start:end]`` is a word of a proper name, not an act: capitalised inside the
    sentence next to another capitalised word ("their respective Agreements on Reciprocal Trade", "the
    US-Pakistan Strategic Partnership", a line in capitals). A headline in title case is not read so."""
    if not text[start : start + 1].isupper():
        return False
    before = text[:start].split()
    if not before or before[-1].endswith((".", ":", "?", "!", '"', "“")):
        return False  # the sentence's (or a quotation's) first word
    if before[-1][:1].isupper():
        return True
    after = text[end:].split()
    k = 0
    while k < len(after) and after[k].lower() in _NAME_LINKS:
        k += 1
    return k < len(after) and after[k][:1].isupper() and (k > 0 or after[k][:1].isalpha())


def qualifier(low, mentions, k) -> bool:
    """Whether mention ``k`` is an actor in the possessive that only qualifies the next actor named ("India's
    arch-rival Pakistan", "Pakistan's ally China"): one to three words between them, none a preposition,
    article or verb."""
    s, e, code, poss = mentions[k]
    if not poss or k + 1 >= len(mentions) or mentions[k + 1][2] in (None, code):
        return False
    words = low[e : mentions[k + 1][0]].split()
    return 1 <= len(words) <= 3 and not any(w in _NOT_OWNER_GAP for w in words)


def _target_after(low, end, mentions, holder, limit, patients=(), *, content=False, barriers=()):
    """The nearest actor mentioned after ``end`` in the same clause (before ``limit``), not the holder; an
    actor that only qualifies the next one (see :func:`qualifier`) gives way to it. None when the nearest is
    in one of the ``patients`` spans: the one an act named in the object would befall ("reject the plan to
    displace Palestinians" is not against the Palestinians)."""
    for k, (s, _e, code, _poss) in enumerate(mentions):
        if s < end or code is None:
            continue
        if any(a <= s < b for a, b in patients) or any(end <= b <= s for b in barriers):
            return None
        if qualifier(low, mentions, k) and mentions[k + 1][0] < limit:
            continue
        gap = low[end:s]
        if content:
            # a pressure cue's content clause: "demanded that Pakistan release ...", "urged that the US ..."
            gap = _THAT.sub(" ", gap, count=1)
        words = gap.split()
        if s >= limit or _STOP.search(gap) or _BETWEEN_GAP.search(gap) or len(words) > _TARGET_WORDS:
            return None
        last = words[-2] if len(words) > 2 and words[-1] in ("the", "a", "an") else words[-1] if words else ""
        if len(words) > 1 and last in _PLACE_PREPS:
            # "condemn the attack on Kabul", "the diaspora living in the US": the object is a thing located
            # at / aimed at X
            return None
        if code != holder:
            return code
    return None


def _appraised(low, start, mentions, holder):
    """The actor an appraisal cue at ``start`` rates: the last one named before it in its clause, within
    ``_APPRAISED_WORDS`` words ("President Trump demonstrated great strategic foresight", "the US's exemplary
    support"), other than the holder; else None (the cue is then aimed like any other)."""
    best = None
    for _s, e, code, _poss in mentions:
        if e <= start and code is not None:
            gap = low[e:start]
            if (
                len(gap.split()) <= _APPRAISED_WORDS
                and not _CLAUSE_BREAK.search(gap)
                and not _CONJ.search(gap)
            ):
                best = code
    return best if best != holder else None


def _perpetrator(low, start, end, mentions, holder):
    """The actor a conflict noun is tied to: an adjective / possessive right before it ("Israeli occupation",
    "India's illegal annexation") or an agent after it ("aggression by Israel")."""
    best = None
    participle = low[start:end].endswith(
        "ed"
    )  # "territories occupied since 1967": only "by X" names the agent
    for _s, e, code, _poss in mentions:
        if e <= start and code is not None and not participle:
            gap = low[e:start]
            words = gap.split()
            if (
                len(words) <= _OWNER_WORDS
                and not _CLAUSE_BREAK.search(gap)
                and not any(
                    w in _NOT_OWNER_GAP
                    or w.endswith("ed")
                    or (w.endswith("s") and not w.endswith(("'s", "ous", "ss")))
                    for w in words
                )
            ):
                best = code
    if best is None or best == holder:
        best = None
        for s, _e, code, _poss in mentions:
            if s < end or code is None:
                continue
            gap = low[end:s]
            if _BY.match(gap) or (low[start:end].endswith(" of") and _OF_AGENT.match(gap)):
                best = code
            break
    return best if best != holder else None


def _pushed(low, start, pushes) -> bool:
    """A cue within 4 words after a pressure cue, same clause: the pushed actor's expected act."""
    for _s, e, _cue in pushes:
        if e <= start:
            gap = low[e:start]
            if len(gap.split()) <= 4 and not _CLAUSE_BREAK.search(gap):
                return True
    return False


def _targets(low, counted, mentions, holder, patients=(), answered=(), barriers=()):
    """Target of each counted cue (same order), by the rules in the module docstring; a negative cue's target
    is never in ``patients`` (see :func:`_target_after`), no cue's in ``answered`` (what a response it names
    answers: "praised the reply to the US tariffs")."""
    n = len(counted)
    out: list = [None] * n
    for k in range(n - 1, -1, -1):
        s, e, cue = counted[k][:3]
        if cue.cls == "offence" or counted[k][3] is not None:
            out[k] = counted[k][3]  # an offence's perpetrator, an appraisal's appraised
            continue
        nxt = next((j for j in range(k + 1, n) if counted[j][2].cls != "offence"), None)
        limit = counted[nxt][0] if nxt is not None else len(low)
        spans = (*patients, *answered) if cue.weight < 0 else tuple(answered)
        target = _target_after(
            low, e, mentions, holder, limit, spans, content=cue.cls == "pressure", barriers=barriers
        )
        if target is None and nxt is not None and _COORD_CUES.match(low[e : counted[nxt][0]]):
            target = out[nxt]  # "condemn and reject X": both cues govern X
        elif (
            target is not None
            and cue.cls != "pressure"
            and not (cue.weight < 0 and _BOTH.search(low[e:limit]))
        ):
            # a demand or threat made of "both India and Pakistan" is an even-handed appeal to two sides,
            # pressure on neither
            target = _with_coordinated(low, e, mentions, holder, limit, target)
        out[k] = target
    return out


def _with_coordinated(low, end, mentions, holder, limit, target):
    """The target and the actors coordinated with it right after ("dismissed the accusations made by India
    and the United States", "thanked the US, China and Saudi Arabia") or joined to it by a hyphen ("dismisses
    India-US statement"): one cue aims at each; a tuple when more than one."""
    k = next((j for j, m in enumerate(mentions) if m[0] >= end and m[2] == target), None)
    if k is None:
        return target
    found = [target]
    while k + 1 < len(mentions):
        s, _e, code, _poss = mentions[k + 1]
        if s >= limit or code is None or not _JOINED.fullmatch(low[mentions[k][1] : s]):
            break
        if code != holder and code not in found:
            found.append(code)
        k += 1
    return tuple(found) if len(found) > 1 else target


def stance_of(
    low,
    stance_hits,
    mentions,
    holder,
    subject_span=None,
    preps=(),
    patients=(),
    go_betweens=frozenset(),
    refusals=frozenset(),
    answered=(),
    pacts=frozenset(),
    event_owners=(),
    appraisals=frozenset(),
    barriers=(),
    negated=(),
    apposed=(),
    intercessions=frozenset(),
    requests=frozenset(),
):
    """(stance, stance_cues, target_stances). ``stance_hits``: (start, end, Cue) in text order;
    ``mentions``: (start, end, code, possessive) in text order; ``patients``: see :func:`_target_after`;
    ``go_betweens``: cues of an act between two others (see :func:`_parties`): toward each of the two
    parties named with it when the holder is neither; with the holder one of them, aimed as any cue (the
    mediation is someone else's: "Pakistan hailed his role in the India-Pakistan truce after US mediation");
    naming no two parties, it counts for nothing ("seeking to broker a truce"); ``refusals``: cues of
    refusing, after which a cooperation cue is the act refused, left out like a pushed one; ``answered``:
    spans no cue's target is in (see :func:`_targets`); ``pacts``: nouns of a pact, which negated state no
    stance ("Pakistan and the US did not have any agreement on prisoners", see :func:`relation_of`);
    ``event_owners``: (start, end, actor) of violent events the parse found pointed back to ("these attacks"
    after "the US strikes"), the actor of an offence no words tie to one; ``appraisals``: cues of a quality
    seen in the actor named right before them in their clause (see :func:`_appraised`), toward that actor;
    ``barriers``: character offsets where a coordinated clause of another act starts: no cue before one is
    aimed at an actor after it; ``negated``: character spans of the words a negated verb's object names (see
    ``negation.negated_objects``), where a cue no negator reaches in its window is denied all the
    same; ``apposed``: (actor, character spans) of appositives set beside an actor's name, whose appraisal
    cues rate that actor ("Shehbaz Sharif, a very good man", ``appositions.praised_appositions``);
    ``intercessions``: verbs of acting on another; a pressure cue whose target is urged to do one of them to a
    third actor asks the target's help and counts as cooperation (``intercession.intercedes``);
    ``requests``: verbs of asking, which make a cooperation cue after another actor's possessive the help the
    holder asks of that actor ("sought Islamabad's help"): toward it."""
    if not stance_hits:
        return 0.0, [], []
    stance_hits = dedupe_spans(stance_hits)
    mods = [h for h in stance_hits if h[2].cls in _WINDOWS]
    pushes = [h for h in stance_hits if h[2].cls == "pressure" or h[2].cue in refusals]
    counted = []
    sides: dict = {}  # a go-between cue's span -> the two parties named with it
    rated = None  # (end, actor) of the last appraisal cue tied to an actor
    for s, e, cue in stance_hits:
        if cue.cls == "offence":
            # the actor tied to it in the words, else the one of the event it points back to ("these attacks")
            who = _perpetrator(low, s, e, mentions, holder) or next(
                (c for a, b, c in event_owners if a < e and s < b and c != holder), None
            )
            if who is None or _modifier(low, s, mods, _NEGATING) is not None:
                # a negated event ("without mentioning the US strikes", "not aware of strikes") is no
                # act the holder speaks against
                continue
            counted.append((s, e, cue, who))
            continue
        if cue.cls not in ("cooperation", "conflict", "pressure"):
            continue
        if cue.cue in appraisals:
            # "great foresight and stellar statesmanship": a quality coordinated with one rates the same actor
            chained = rated[1] if rated and _AND_WORDS.match(low[rated[0] : s]) else None
            beside = next((c for c, spans in apposed if any(a <= s and e <= b for a, b in spans)), None)
            who = chained or _appraised(low, s, mentions, holder) or (beside if beside != holder else None)
            if who is not None:
                counted.append((s, e, cue, who))
                rated = (e, who)
                continue
        owner = _owner_of(low, s, mentions, holder)
        if owner is not None:
            undone = _undone_owner(low, s, owner, mods)
            if undone is not None:
                counted.append((s, e, cue, undone))  # the holder undoes the owner's thing: an act on it
            elif cue.cls == "cooperation" and _asked_of(low, owner[0], requests):
                counted.append((s, e, cue, owner[1]))  # "sought Islamabad's help": the help asked of it
            continue
        if _in_subject_phrase(low, s, subject_span, preps):
            continue
        if cue.weight < 0 and _voiced_by_other(low, e, mentions, holder):
            continue
        if cue.cls == "cooperation" and _pushed(low, s, pushes):
            continue
        if cue.cue in go_betweens:
            sides[(s, e)] = _parties(low, s, e, mentions)
            if not sides[(s, e)]:
                continue  # a mediation that names no two parties is toward no one
        counted.append((s, e, cue, None))
    if not counted:
        return 0.0, [], []
    targets = _targets(low, counted, mentions, holder, patients, answered, barriers)
    values, labels = [], []
    per: dict = {}
    for (s, e, cue, _w), target in zip(counted, targets, strict=True):
        value, label = _score(low, s, cue.weight, cue.cue, mods)
        if (
            cue.cls == "pressure"
            and isinstance(target, str)
            and intercedes(low, e, mentions, holder, target, intercessions)
        ):
            value, label = abs(value), label + " (help asked)"  # "urged the US to impress upon India ..."
        # a negated event is still someone's act ("was not notified of the strikes")
        if cue.cls != "offence" and _denied_in_object(low, s, cue.weight, mods, negated):
            value, label = value * _OBJECT_NEGATION, "not(object) " + label
        if _negated_pact(value, cue, pacts):
            continue
        value = _clip(value)
        values.append(value)
        labels.append(label)
        parties = sides.get((s, e))
        aimed = parties if parties and holder not in parties else None
        aims = target if isinstance(target, tuple) else [target] if target is not None else []
        for t in aimed or aims:
            per.setdefault(t, ([], []))
            per[t][0].append(value)
            per[t][1].append(label)
    if not values:
        return 0.0, [], []
    target_stances = [
        {"target": t, "stance": round(_clip(sum(v) / len(v)), 4), "cues": c} for t, (v, c) in per.items()
    ]
    return round(_clip(sum(values) / len(values)), 4), labels, target_stances


def _parties(low, s, e, mentions) -> list[str]:
    """The pair a mediation cue stands between, named with it in its clause ("brokered a ceasefire between
    India and Pakistan", "mediate in the India-Pakistan conflict"), or no one."""
    lo, hi = _clause(low, s, e)
    inside = [m for m in mentions if m[2] is not None and lo <= m[0] < hi]
    pair = _named_pair(low, s, e, lo, inside)
    return pair.split("-") if pair else []


def relation_of(
    low,
    relation_hits,
    stance_hits,
    n_actors,
    mentions=(),
    holder=None,
    named=None,
    pacts=frozenset(),
    *,
    negated=(),
):
    """(relation, relation_cues, relation_pairs). ``relation_hits``: (start, end, (Cue, part, n_parts)) in
    text order; ``mentions`` and ``holder`` decide which pair of actors each cue links; ``named`` (a dict the
    caller keeps for the document) remembers the pair each cue was named with, for a later "the <cue>";
    ``pacts``: nouns of a pact (attribution.yaml ``pact_nouns``), whose negation states no relation ("we have
    no agreement with the US on the exchange of prisoners" is no disagreement; "no common ground" is one);
    ``negated``: as for :func:`stance_of` ("did not reflect the spirit of cooperation between ...")."""
    if n_actors < 2 or not relation_hits:
        return 0.0, [], []
    deduped = dedupe_spans(stance_hits)
    mods = [h for h in deduped if h[2].cls in _NEGATING]
    pushes = [h for h in deduped if h[2].cls == "pressure"]
    values, labels, spans, signs = [], [], [], []
    progress: dict = {}
    first: dict = {}
    seen = set()
    for s, e, (cue, part, n_parts) in relation_hits:
        if n_parts == 1 and (s, e) in seen:
            continue
        if n_parts > 1:
            if part == 0 and cue not in first:
                first[cue] = s
            if part == progress.get(cue, 0):
                progress[cue] = part + 1
            if progress.get(cue, 0) < n_parts or cue.cue in labels:
                continue
        if cue.cls == "agreement" and _pushed(low, s, pushes):
            continue
        if n_parts == 1 and low[s:e].endswith("ed") and _ARTICLE_BEFORE.search(low, 0, s):
            continue  # "the disputed territory", "a divided house": a thing's state, not two actors' relation
        value, label = _score(low, s, cue.weight, cue.cue, mods)
        if _denied_in_object(low, s, cue.weight, mods, negated):
            value, label = value * _OBJECT_NEGATION, "not(object) " + label
        if label in labels:
            continue
        if _negated_pact(value, cue, pacts):
            continue
        if n_parts == 1:
            seen.add((s, e))
        values.append(_clip(value))
        labels.append(label)
        spans.append((first.get(cue, s) if n_parts > 1 else s, e))
        signs.append(value < 0)
    if not values:
        return 0.0, [], []
    real = [m for m in mentions if m[2] is not None]
    pairs = []
    for (s, e), negative in zip(spans, signs, strict=True):
        pair = relation_pair(low, s, e, real, holder, named, negative=negative)
        if pair and pair not in pairs:
            pairs.append(pair)
    return round(_clip(sum(values) / len(values)), 4), labels, pairs


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")
_AND = re.compile(r"^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$")
_DASH = re.compile(r"^\s?[-/]\s?$")
_CONTRAST = re.compile(r"\b(?:whereas|while|unlike|but)\b")
_WITH = re.compile(r"^\s+(?:\w+\s+){0,3}?(?:with|and)\s+(?:the\s+)?$")


def _pair(a, b):
    return "-".join(sorted((a, b))) if a and b and a != b else None


def _clause(low, s, e):
    """The span of the clause (between ';' or sentence ends) around ``[s, e)``."""
    lo = low.rfind(";", 0, s) + 1
    hi = low.find(";", e)
    return lo, len(low) if hi < 0 else hi


def relation_pair(low, s, e, mentions, holder=None, named=None, *, negative=False):
    """The "AAA-BBB" pair a relation cue at ``[s, e)`` links (codes sorted), or None. In order: "between X
    and Y" in the cue's clause (the one nearest the cue); an "X-Y" / "X/Y" compound; "X and Y" just before the
    cue ("Pakistan and India agreed"); the cue followed by "with Y" ("differences with India") against the
    holder or the actor before the cue; "the <cue>" pointing back to the one named before with its pair
    (``named``: "the US-India joint statement ... disapproval of the joint statement"); a contrast word
    (whereas, while, unlike, but) with X's clause before it and Y's clause after it; else the sentence's only
    two actors (holder included), for a ``negative`` cue only when it names them together first. A
    ``negative`` cue a few words after a word that settles it ("the resolution of the Kashmir dispute",
    "de-escalating tensions") ties none of those last two ways."""
    lo, hi = _clause(low, s, e)
    inside = [m for m in mentions if lo <= m[0] < hi]
    pair = _named_pair(low, s, e, lo, inside)
    key = " ".join(low[s:e].split())
    if pair is not None:
        if named is not None:
            named[key] = (
                pair  # "the US-India joint statement": its parties, for a later "the joint statement"
            )
        return pair
    pair = _joined_pair(low, s, e, inside, holder)
    if pair is not None:
        return pair
    if named is not None and key in named and _DEFINITE_BEFORE.search(low, 0, s):
        return named[key]
    if negative and _SETTLED.search(low[max(0, s - 60) : s]):
        # "thanked Trump for his role in the resolution of the Kashmir dispute", "de-escalating tensions":
        # a conflict someone helps to settle is not one between the sentence's two actors
        return None
    return _loose_pair(low, mentions, holder, negative=negative)


def named_pair(low, s, e, mentions, holder=None):
    """The pair a cue at ``[s, e)`` is named with ("between X and Y", "X-Y", "X and Y" just before it, "with
    Y" after it: the first ways of :func:`relation_pair`), or None."""
    lo, hi = _clause(low, s, e)
    inside = [m for m in mentions if lo <= m[0] < hi]
    return _named_pair(low, s, e, lo, inside) or _joined_pair(low, s, e, inside, holder)


# words that settle a conflict named within the next few words ("resolution of the long-standing dispute")
_SETTLED = re.compile(
    r"\b(?:resol\w*|resolv\w*|settl\w*|address\w*|de-?escalat\w*|defus\w*|eas(?:e|es|ed|ing)|calm\w*|reduc\w*|"
    r"end(?:s|ed|ing)?|mediat\w*)\b(?:\s+\S+){0,6}\s+$"
)


_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$")
_AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$")


def _named_pair(low, s, e, lo, inside):
    """The pair the cue is named with: "between X and Y" in its clause, an "X-Y" / "X/Y" compound."""
    cands = []
    for i, x in enumerate(inside[:-1]):
        y = inside[i + 1]
        if _BETWEEN.search(low[max(lo, x[0] - 20) : x[0]]) and _AND.match(low[x[1] : y[0]]):
            cands.append((abs(x[0] - e) if x[0] >= e else abs(s - y[1]), _pair(x[2], y[2])))
        elif _DASH.match(low[x[1] : y[0]]):
            cands.append((abs(x[0] - e) if x[0] >= e else abs(s - y[1]), _pair(x[2], y[2])))
    cands = [c for c in cands if c[1]]
    return min(cands)[1] if cands else None


def _joined_pair(low, s, e, inside, holder):
    """The pair of "X and Y" just before the cue, or of the cue's "with Y" (see :func:`relation_pair`)."""
    before = [m for m in inside if m[1] <= s]
    if len(before) >= 2:
        x, y = before[-2], before[-1]
        gap = low[y[1] : s]
        if _AND.match(low[x[1] : y[0]]) and len(gap.split()) <= 4 and not _CLAUSE_BREAK.search(gap):
            p = _pair(x[2], y[2])
            if p:
                return p
    after = [m for m in inside if m[0] >= e]
    if after and _WITH.match(low[e : after[0][0]]):
        x = before[-1][2] if before else holder
        p = _pair(x, after[0][2])
        if p:
            return p
    return None


def _loose_pair(low, mentions, holder, *, negative=False):
    """A contrast's two sides, else the sentence's only two actors (see :func:`relation_pair`), or None.
    A ``negative`` cue names its parties or ties none: a disagreement the sentence does not tie to two actors
    ("Multinational companies operating in Pakistan offer divergent views as some see the US tariff as ...",
    "whereas he disagrees with the pace at which Trump pursues tariffs") is no conflict between its only two,
    unless the sentence names those two together first ("Pakistan and the US see the programme in opposing
    lights")."""
    for c in _CONTRAST.finditer(low):
        if c.group(0) == "unlike":
            xs = [m for m in mentions if m[0] >= c.end()]
            if xs:
                comma = low.find(",", xs[0][1])
                ys = [m for m in mentions if comma >= 0 and m[0] > comma and m[2] != xs[0][2]]
                if ys:
                    return _pair(xs[0][2], ys[0][2])
            continue
        xs = [m for m in mentions if m[1] <= c.start()]
        ys = [m for m in mentions if m[0] >= c.end() and (not xs or m[2] != xs[0][2])]
        if xs and ys:
            return _pair(xs[0][2], ys[0][2])
    codes = list(dict.fromkeys([*([holder] if holder else []), *(m[2] for m in mentions)]))
    if not negative and any(_AGAINST.search(low, 0, m[0]) for m in mentions if m[2] != holder):
        # an actor the sentence sets itself against is no partner of its agreement ("we stand together
        # against India's aggression")
        return None
    if negative and len(mentions) >= 2:
        # ... unless the two are named together ("Pakistan and the US have complex ties, shaped by ...
        # divergent priorities")
        x, y = mentions[0], mentions[1]
        negative = not (_AND.match(low[x[1] : y[0]]) and x[2] != y[2])
    if len(codes) == 2 and not negative:
        return _pair(*codes)
    return None
