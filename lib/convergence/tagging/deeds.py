"""Deeds another's words credit or blame: "by stopping wars, Trump has served humanity" credits the doer; "he
said Pakistan has undermined democracy" blames it."""

from __future__ import annotations

_RELATIVES = {"that", "which", "who"}
_QUANTITIES = {"millions", "thousands", "hundreds", "lot", "lots", "number"}


def credited_deeds(toks, tok_code, data, lemma, *, people, holder, earlier) -> list[str]:
    """Actors another's words credit with a good deed: the doer of a verb of ``deed_verbs`` whose object is
    one of ``deed_goods`` ("brought about the ceasefire", "is achieving peace", "saving millions of lives",
    "served humanity") or of ``ending_verbs`` whose object is one of ``deed_harms`` ("stopping wars", "averted
    a major war"). The doer is the verb's subject, its passive agent, the noun a relative clause hangs on ("it
    was Trump's leadership that brought about the ceasefire") or, for a gerund under "by", the subject of the
    verb it serves; the actor it names or its owner ("Trump's efforts"), and for "he" / "she" the person
    :func:`_person` says. A negated verb credits no one, and nor does a doer who is the holder (its own deeds
    are its acts, not a stance). ``people``: token indices of persons; ``lemma``: the parse's lemma of a
    token."""
    goods, harms = data.deed_goods, data.deed_harms
    makers, enders = data.deed_verbs, data.ending_verbs
    if not (goods and harms and (makers or enders)):
        return []
    out = []
    for v in toks:
        if v.pos_ not in ("VERB", "AUX"):
            continue
        lem = lemma(v)
        wanted = goods if lem in makers else harms if lem in enders else None
        if wanted is None or any(c.dep_ == "neg" for c in v.children):
            continue
        if not any(_object_word(o, lemma) in wanted for o in _objects(v)):
            continue
        out += [c for c in _doer_codes(v, toks, tok_code, people, holder, earlier) if c not in out]
    return out


def blamed_misdeeds(toks, tok_code, data, lemma, *, people, holder, earlier) -> list[str]:
    """Actors another's words blame for a misdeed: the doer (as in :func:`credited_deeds`) of a verb of
    ``misdeed_verbs`` ("Pakistan has undermined democracy", "the US ignored Pakistan's sacrifices", "India
    violated the ceasefire"), not negated, and not the holder itself."""
    verbs = data.misdeed_verbs
    if not verbs:
        return []
    out = []
    for v in toks:
        if v.pos_ != "VERB" or lemma(v) not in verbs or any(c.dep_ == "neg" for c in v.children):
            continue
        out += [c for c in _doer_codes(v, toks, tok_code, people, holder, earlier) if c not in out]
    return out


def _doer_codes(v, toks, tok_code, people, holder, earlier) -> list[str]:
    own = {w.i for w in v.subtree}
    out = []
    for doer in _doers(v):
        code = tok_code.get(doer.i)
        if code is None and doer.lower_ in ("he", "she"):
            code = _person(toks, doer, tok_code, people, holder, earlier)
        if code is None:
            # the owner of the doing: "Trump's leadership", "the US decision", not an actor further in its
            # phrase ("the statement made to a US official")
            codes = {
                tok_code[w.i]
                for w in doer.children
                if w.i in tok_code and w.i not in own and w.dep_ in ("poss", "compound", "amod")
            }
            code = next(iter(codes)) if len(codes) == 1 else None
        if code and code != holder and code not in out:
            out.append(code)
    return out


def _person(toks, pronoun, tok_code, people, holder, earlier):
    """Who "he" / "she" is: in a quotation, the person named last before it in the sentence other than the
    holder (the speaker says "I"), else ``earlier``; outside one, the person named last before it, the
    speaker included ("Trump said he stopped the war": his own deed), else ``earlier``."""
    before = toks[0].doc[toks[0].i : pronoun.i].text
    quoted = before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
    named = [tok_code[w.i] for w in toks if w.i < pronoun.i and w.i in tok_code and w.i in people]
    if quoted:
        named = [c for c in named if c != holder]
    return named[-1] if named else earlier


def _objects(v) -> list:
    objs = [c for c in v.children if c.dep_ in ("dobj", "obj")]
    return objs + [c for o in objs for c in o.children if c.dep_ == "conj"]


def _object_word(o, lemma) -> str:
    """The word an object names: its head, or the noun of its "of" phrase after a quantity ("millions of
    lives")."""
    if o.lower_ in _QUANTITIES:
        for p in o.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for g in p.children:
                    if g.dep_ == "pobj":
                        return lemma(g)
    return lemma(o)


def _doers(v) -> list:
    subj = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
    agents = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if subj and subj[0].lower_ in _RELATIVES and v.dep_ == "relcl":
        return [v.head]
    if subj or agents:
        return subj + agents
    if v.dep_ == "pcomp" and v.head.lower_ == "by":
        served = v.head.head
        return [c for c in served.children if c.dep_ in ("nsubj", "csubj")]
    if v.dep_ == "conj":
        return _doers(v.head)
    return []
