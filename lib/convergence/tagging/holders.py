"""Who states the position: a light, explainable rule system over one sentence's text and actor mentions.

Rules, in order (the first that applies wins; ``holder_source`` names it):

1. ``reported``: an actor within three words before a speech verb ("..., the FO said", "Pakistan's
   Foreign Office spokesperson"), right after an inverted one (", said the State Department"), or after
   "according to".
2. ``document``: the sentence opens with a first-person form ("We", "My delegation") and the document has a
   speaker (a UN speech's country, a White House briefing).
3. ``carryover``: the sentence opens with an anaphor ("It", "They", "He", "This", "The stance"), or with a
   personal pronoun after an opening prepositional phrase (``holder_rules.carryover_after_phrase``: "In New
   York, he will chair ..."): the holder of the previous sentence of the same document.
4. ``subject`` / ``possessive``: leading connectives ("Moreover,") and an opening adverbial phrase up to the
   first comma ("Despite ..., ", "Stressing ..., ") are skipped; the holder is then the first actor mentioned
   before the first finite-verb marker or stance cue that is not inside a prepositional phrase ("between
   Pakistan and the US", "from the US"). "Pakistan's stance on ..." gives ``possessive``. A joint subject
   ("Pakistan and the US agreed ...") gives ``joint``: the holder is the first actor, the other is a target,
   and the joint act counts as agreement between the two (see ``tag()``). A joint subject that names no actor
   (``holder_rules.joint_subjects``: "Both countries", "The two sides") is checked before rule 3 and stands
   for the document's two most mentioned actors.
5. ``office``: a generic title or office (``holder_rules.offices``: "the foreign minister", "the
   spokesperson", "officials", "the statement") is the subject or the speaker of a speech verb, and no actor
   is named there: the holder of one of the three preceding sentences of the document, else the actor the
   document mentions most. A qualified title ("Pakistan's foreign minister", "US ambassador") is caught by
   rules 1 and 4.

A mention is never the holder when it qualifies a non-state voice (``holder_rules.non_state_nouns``:
"American magazine", "a US-based think tank", "Pakistan Tehreek-i-Insaf"), and in rule 4, in a document with
a speaker, an actor subject followed by an obligation (``holder_rules.obligation_modals``: "Israeli forces
must withdraw") is the object of the speaker's demand: the holder is the speaker.
6. ``document``: the document's speaker, when nothing above applied.

Word lists live in ``actors.yaml`` (``holder_rules``).
"""

from __future__ import annotations

import re

from .lexicon import Actors

_PUNCT = re.compile(r"[,;:()\"\[\]]")
_FROM_BODY = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?", re.I)  # "Ministers from the OIC": whose title it is
# a passive auxiliary right before a speech verb ("Pakistan is believed to be ...")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$")


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


class HolderRules:
    def __init__(self, actors: Actors):
        r = actors.rules
        self.connectives = re.compile(r"^(?:(?:" + _alternation(r["connectives"]) + r")\b,?\s+)+")
        self.intro = re.compile(r"^(?:(?:" + _alternation(r["intro_starters"]) + r")\b|\w{3,}(?:ing|ed)\b)")
        self.carry = re.compile(r"^(?:" + _alternation(r["carryover"]) + r")\b")
        late = r.get("carryover_after_phrase") or ()
        self.carry_late = re.compile(r"^(?:" + _alternation(late) + r")\b") if late else None
        self.self_ = re.compile(r"^(?:" + _alternation(r["self"]) + r")\b") if r["self"] else None
        self.verb = re.compile(r"\b(?:" + _alternation(r["verb_markers"]) + r")\b")
        self.speech = re.compile(r"\b(?:" + _alternation(r["speech_verbs"]) + r")\b")
        self.preps = set(r["prepositions"])
        self.speech_nouns = {"spokesperson", "spokesman", "spokeswoman"}
        self.gerund = re.compile(r"^\w{3,}ing\b")
        # what joins a mention to the previous one inside the same prepositional phrase
        self.coord = re.compile(r"^\s*(?:,|and|or|&|, and|, or)?\s*(?:the|a|an)?\s*$")
        copulas = r.get("evaluative_copula") or ()
        self.evaluative = (
            re.compile(
                r"^\s*(?:" + _alternation(copulas) + r")\s+(?:not\s+)?(?:a|an|the|one|our|their|its)\b"
            )
            if copulas
            else None
        )
        self.lead_contrast = re.compile(r"(?:while|whereas)\b")
        self.mid_contrast = re.compile(r"[,;]\s*(?=(?:whereas|while|but)\b)")
        self.joint = re.compile(r"^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$")
        self.according = re.compile(r"according\s+to(?:\s+(?:the|a|an))?\s*$")
        offices = r.get("offices") or ()
        self.office = re.compile(r"\b(?:" + _alternation(offices) + r")s?\b") if offices else None
        self.office_spoilers = frozenset(r.get("office_spoilers") or ())
        # states and bodies outside the actor file (attribution.yaml third_parties, set by the tagger):
        # a title they qualify ("European Commission President X") is not that of an actor named before
        self.third_parties: re.Pattern | None = None
        js = r.get("joint_subjects") or ()
        self.joint_subject = re.compile(r"(?:" + _alternation(js) + r")\b") if js else None
        self.possessed = re.compile(r"(?:\s+[\w-]+)?'")
        mods = r.get("obligation_modals") or ()
        self.obliged = (
            re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:" + _alternation(mods) + r")\b") if mods else None
        )
        ns = r.get("non_state_nouns") or ()
        self.non_state = (
            re.compile(r"(?:-based|-origin|-born)?\s+(?:[\w-]+\s+)?(?:" + _alternation(ns) + r")\b")
            if ns
            else None
        )

    def _spoiled(self, before: str) -> bool:
        """Whether one of the three words right before a generic title makes it no state's office
        (``office_spoilers``: "former", a party's name)."""
        words = [w.strip("'’\"“”()") for w in before.split()[-3:]]
        # "the JUI-F chief" names the party whole; "ex-PM" leaves "ex-" before the title
        return any(w in self.office_spoilers or w.strip("-") in self.office_spoilers for w in words)

    def state_voice(self, low: str, m) -> bool:
        """False when the mention ``m`` qualifies a non-state voice ("American magazine", "a US-based think
        tank", "Pakistan Tehreek-i-Insaf"): such a mention is never the holder."""
        return self.non_state is None or m[3] or not self.non_state.match(low, m[1])

    def clause_start(self, low: str) -> int:
        m = self.connectives.match(low)
        return m.end() if m else 0

    def in_pp(self, low: str, start: int, lo: int) -> tuple[bool, list[str]]:
        window = low[max(lo, start - 60) : start]
        cut = max(window.rfind(c) for c in ',;:()"')
        if cut >= 0:
            window = window[cut + 1 :]
        words = window.split()[-3:]
        return any(w in self.preps for w in words), words

    def clauses(self, low):
        """Spans of a sentence's contrasted clauses, or [] when it has none: split before ", whereas",
        ", while", ", but" (and "; " + one of them), or at the first comma of a sentence that opens with
        "While" / "Whereas"."""
        if "but" not in low and "while" not in low and "whereas" not in low:
            return []  # no contrast word: nothing to split at
        cs = self.clause_start(low)
        m = self.lead_contrast.match(low, cs)
        if m:
            comma = low.find(",", m.end())
            return [(0, comma), (comma + 1, len(low))] if 0 < comma < len(low) - 1 else []
        cuts = [c.start() for c in self.mid_contrast.finditer(low)]
        if not cuts:
            return []
        bounds = [0, *cuts, len(low)]
        return [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]

    def clause_holder(self, low, a, b, real):
        """The first actor at subject position in ``low[a:b]`` (before its first verb marker, not inside a
        prepositional phrase), or None."""
        piece = low[a:b]
        cs = a + len(piece) - len(piece.lstrip(" ,;"))
        cs += self.clause_start(low[cs:b])
        for word in ("whereas", "while", "but"):
            if low.startswith(word, cs):
                cs += len(word)
                break
        vm = self.verb.search(low, cs, b)
        limit = vm.start() if vm else b
        for m in real:
            if cs <= m[0] < limit and not self.in_pp(low, m[0], cs)[0]:
                return m[2]
        return None

    def joint_partner(self, low, m, real, limit):
        """The second actor of a joint subject ("Pakistan and the US agreed", "Pakistan and China's
        leaders"): the next mention, joined to ``m`` by "and" / "&" before ``limit``, of another actor."""
        for m2 in real:
            if m2[0] < m[1]:
                continue
            if m2[0] >= limit or not self.joint.match(low[m[1] : m2[0]]):
                return None
            if m2[2] != m[2]:
                return m2[2]
            return None
        return None

    def _third_party_title(self, text, start, at, end=None) -> bool:
        """True when a state or body outside the actor file qualifies the title at ``at`` ("European
        Commission President X", "The Qatari ambassador", "British Prime Minister X"): its name ends at most
        three words before the title, in the phrase that opens the clause at ``start``; or, with the title's
        ``end``, it follows the title that opens the clause in a "from" / "of" phrase ("Ministers from the
        OIC")."""
        if self.third_parties is None:
            return False
        after = _FROM_BODY.match(text, end) if end is not None and len(text[start:at].split()) <= 2 else None
        if after is not None and self.third_parties.match(text, after.end()):
            return True
        m = self.third_parties.search(text, start, at)
        if m is None or len(text[start : m.start()].split()) > 1:
            return False  # "the PM travelled to Azerbaijan to meet President X": the subject is the PM
        gap = text[m.end() : at]
        return len(gap.split()) <= 3 and not _PUNCT.search(gap)

    def _office_speaks(self, low, real, speech=None) -> bool:
        """A generic title / office right before a speech verb ("the spokesperson said") or right after an
        inverted one (", said the minister"), with no actor named there. ``speech``: the speech verbs of
        ``low`` when they are already found (``self.speech.finditer(low)``)."""
        for sv in self.speech.finditer(low) if speech is None else speech:
            if sv.group(0) in self.speech_nouns:
                continue
            gap_lo = max(0, sv.start() - 40)
            window = low[gap_lo : sv.start()]
            cut = max(window.rfind(c) for c in ',;:()"')
            window = window[cut + 1 :] if cut >= 0 else window
            words = window.split()[-3:]
            if words and self.office.search(" ".join(words)):
                if not any(m[1] > sv.start() - len(window) and m[1] <= sv.start() for m in real):
                    return True
            if low[: sv.start()].rstrip().endswith((",", '"', "'")):
                after = " ".join(low[sv.end() :].split()[:3])
                if self.office.search(after) and not any(sv.end() <= m[0] < sv.end() + 25 for m in real):
                    return True
        return False

    def holder(
        self, text, low, mentions, cue_starts, prev_holder, doc_speaker, context_holder=None, doc_pair=None
    ):
        """(holder, holder_source, subject_span). ``mentions``: (start, end, code, possessive) in text order;
        ``subject_span`` is (end of the subject mention, first verb marker) for subject holders, else None.
        ``context_holder``: the actor a generic title refers to (a recent holder or the document's main
        actor), used by the ``office`` rule; ``doc_pair``: the document's two most mentioned actors, for a
        joint subject that names neither ("Both countries agreed")."""
        real = [m for m in mentions if m[2] is not None and self.state_voice(low, m)]
        speech = None  # the speech verbs of the sentence, found once (rules 1, 4 and 5 read them)
        # 1. reported speech
        if real:
            speech = list(self.speech.finditer(low))
            for sv in speech:
                if _PASSIVE.search(low, 0, sv.start()) and not sv.group(0).startswith("quot"):
                    continue  # "Pakistan is believed to be ...": others' belief about it, not its word
                best = None
                noun = sv.group(0) in self.speech_nouns
                for m in real:
                    if m[1] <= sv.start() and (noun or not m[3]):
                        gap = low[m[1] : sv.start()]
                        if len(gap.split()) <= 3 and not _PUNCT.search(gap):
                            best = m
                if best is not None:
                    return best[2], "reported", None
                before = low[: sv.start()].rstrip()
                if before.endswith((",", '"', "'")):
                    for m in real:
                        if m[0] >= sv.end():
                            gap = low[sv.end() : m[0]]
                            if len(gap.split()) <= 2 and not _PUNCT.search(gap):
                                return m[2], "reported", None
                            break
            for m in real:
                if self.according.search(low[max(0, m[0] - 40) : m[0]]):
                    return m[2], "reported", None
        cs = self.clause_start(low)
        rest = low[cs:]
        # 2. first person: the document's speaker
        if doc_speaker and self.self_ is not None and self.self_.match(rest):
            return doc_speaker, "document", None
        # joint subject naming no actor: the document's two main actors
        if doc_pair and self.joint_subject is not None and self.joint_subject.match(rest):
            return doc_pair[0], "joint", None
        # 3. anaphor: the previous sentence's holder, also after an opening prepositional phrase ("In New
        # York, he will chair ..."; not after a clause, whose own subject the pronoun may take up: "As these
        # graduates enter the field, they ...")
        at, carry = cs, self.carry
        lead = rest.split(maxsplit=1)[0] if rest.strip() else ""
        if prev_holder and self.carry_late is not None and not carry.match(rest) and lead in self.preps:
            comma = low.find(",", cs)
            if comma > 0 and self.intro.match(rest) and not any(cs <= m[0] < comma for m in real):
                at = comma + 1 + len(low[comma + 1 :]) - len(low[comma + 1 :].lstrip())
                carry = self.carry_late
        if prev_holder and carry.match(low[at:]):
            nxt = [m for m in real if m[0] >= at]
            if not nxt or len(low[at : nxt[0][0]].split()) > 1:
                return prev_holder, "carryover", None
        # 4. subject of the main clause
        if real or (context_holder and self.office is not None):
            start = cs
            at_mention = any(m[0] == cs for m in real)
            if not at_mention and self.intro.match(rest):
                comma = low.find(",", cs)
                if comma > 0 and comma < len(low) - 10:
                    start = comma + 1
                elif self.gerund.match(rest):
                    start = len(low)  # "Countering Russian disinformation is ...": the actors are objects
            vm = self.verb.search(low, start)
            verb_at = vm.start() if vm else len(low)
            limit = verb_at
            if speech is None:
                speech = list(self.speech.finditer(low))
            sp = _search_from(speech, start) if speech else None
            if sp is False:
                sp = self.speech.search(low, start)
            if sp:  # "X told Pakistan that ...": a mention after a speech verb is its object
                limit = min(limit, sp.start())
            for c in cue_starts:
                if c >= start:
                    limit = min(limit, c)
                    break
            prev_pp_end = None
            for m in real:
                if m[0] < start or m[0] >= limit:
                    continue
                pp, _ = self.in_pp(low, m[0], start)
                if not pp and prev_pp_end is not None:
                    pp = bool(self.coord.match(low[prev_pp_end : m[0]]))
                if pp:
                    prev_pp_end = m[1]
                    continue
                if (
                    doc_speaker
                    and doc_speaker != m[2]
                    and not m[3]
                    and self.evaluative is not None
                    and self.evaluative.match(low[m[1] :])
                ):
                    return doc_speaker, "document", None
                if (
                    doc_speaker
                    and doc_speaker != m[2]
                    and not m[3]
                    and self.obliged is not None
                    and self.obliged.match(low, m[1])
                ):
                    return (
                        doc_speaker,
                        "document",
                        None,
                    )  # "Israeli forces must withdraw": the speaker's demand
                partner = self.joint_partner(low, m, real, limit)
                if partner is not None:
                    return m[2], "joint", None
                return m[2], "possessive" if m[3] else "subject", (m[1], verb_at) if vm else None
            # 5. a generic title as subject or speaker: the actor it refers to in this document
            if context_holder and self.office is not None:
                zone = low[start:limit]
                om = self.office.search(zone)
                if om and self.possessed.match(zone, om.end()):
                    om = None  # "the army chief's visit": the title qualifies the subject, it is not it
                # "the former premier", "the JUI-F chief": no state's office
                spoiled = om is not None and self._spoiled(zone[: om.start()])
                if not spoiled and (
                    (om and not any(start <= m[0] < limit for m in real))
                    or self._office_speaks(low, real, speech)
                ):
                    # in a speaker's document ("The delegation of Chile" in Chile's speech) only a title
                    # qualified before it counts
                    end = start + om.end() if om and not doc_speaker else None
                    if om and self._third_party_title(text, start, start + om.start(), end):
                        return None, "third party", None
                    return context_holder, "office", None
        # 6. the document's speaker
        if doc_speaker:
            return doc_speaker, "document", None
        return None, "", None


def _search_from(found, pos):
    """``pattern.search(text, pos)`` told from ``found``, the list of ``pattern.finditer(text)``: the first
    match starting at ``pos`` or later (None when there is none), or False when a match of ``found`` runs
    across ``pos`` (a search from ``pos`` might then find a match that ``finditer`` skipped)."""
    for m in found:
        if m.start() >= pos:
            return m
        if m.end() > pos:
            return False
    return None
