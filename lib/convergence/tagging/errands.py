"""Clauses on "be" that narrate the subject's act (an errand, an attitude), not a description of it."""

from __future__ import annotations


def narrates_act(pred, data) -> bool:
    """Whether ``pred``, the head of a clause on "be", states an act of its subject (attribution.yaml
    ``errand_nouns``, ``attitude_words``), so that the clause is the subject's, not a description of it:

    - an errand: "on" one of the errand nouns ("is on a visit to Washington"), "for" or "in" one ("is in
      Washington for talks", "is in talks with ..."), "due" ("a delegation is due for talks"), or a place
      with the purpose the subject is there for ("was in New York to attend the General Assembly"); an act
      scheduled or owed, of a state, a person or an office ("the premier is to visit Washington next week",
      but not "is to blame", nor "his goal is to ...");
    - an attitude: one of the attitude words as its complement ("is keen to conclude a deal", "was upbeat
      about the talks");
    - a place in a group that an act defines ("was one of the eight countries that worked with Trump on the
      plan", "were among the states to sign the statement").

    A place alone ("the premier would be in a difficult position") and any other complement ("the US
    remains Pakistan's biggest export market") describe the subject."""
    from .syntax import lemma  # syntax calls this module: imported when first called

    if lemma(pred) != "be":
        return False
    errands, attitudes = data.errand_nouns, data.attitude_words
    place = purpose = False
    # a state, a person or an office as the subject: "his goal is to lift 380kg" is no act of his
    actor = any(c.dep_ == "nsubj" and (c.pos_ == "PROPN" or lemma(c) in data.roles) for c in pred.children)
    if actor and group_acts(pred):
        return True  # "Pakistan was one of the eight countries that worked with Trump on the plan"
    for c in pred.children:
        if c.dep_ == "acomp" and (c.lower_ == "due" or c.lower_ in attitudes):
            return True
        if c.dep_ == "xcomp" and c.pos_ == "VERB" and lemma(c) != "blame" and _to_infinitive(c) and actor:
            return True  # an act scheduled or owed: "the premier is to visit Washington" (not "is to blame")
        if c.dep_ == "prep":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            errand = any(lemma(g) in errands or g.lower_ in errands for g in objs)
            if c.lower_ in ("on", "for", "in") and errand:
                return True  # "on a visit", "in Washington for talks", "in talks with"
            place = place or (c.lower_ in ("in", "at") and bool(objs))
        elif c.dep_ == "advcl" and _to_infinitive(c):
            purpose = True
    return place and purpose


def group_acts(pred) -> list:
    """The acts that define a group "be" places its subject in: the verb of a relative or infinitive clause
    on "one of" / "among" a plural noun ("one of the countries that worked with ...", "among the states to
    sign ..."); empty when none."""
    heads = [c for c in pred.children if c.dep_ == "attr" and c.lower_ == "one"]
    heads += [g for c in pred.children if c.dep_ == "prep" and c.lower_ == "among" for g in c.children]
    out = []
    for h in heads:
        group = [h, *(g for p in h.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children)]
        # a relative clause or an infinitive, not a participle that describes ("the leaders based in Qatar")
        out += [
            c
            for w in group
            for c in w.children
            if c.pos_ == "VERB" and (c.dep_ == "relcl" or c.dep_ == "acl" and _to_infinitive(c))
        ]
    return out


def _to_infinitive(verb) -> bool:
    """Whether ``verb`` is an active infinitive with "to" ("to visit", not "was to be repudiated")."""
    marks = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    return any(a.lower_ == "to" for a in marks) and not any(a.dep_ == "auxpass" for a in marks)
