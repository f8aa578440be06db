"""Official delegations: who leads or makes up a state's delegation speaks for that state in the document."""

from __future__ import annotations

from .syntax import delegation_state, lemma

_PART_NOUNS = frozenset({"part", "member", "members"})  # "X, a member of the delegation, said"


def delegation_members(doc, tok_code: dict, data, names_of, non_state=None) -> tuple[list, list]:
    """(members, states) of a parsed sentence. ``members``: (name words, the delegation's state or None,
    whether the delegation is no state's) for each person it names as leading or belonging to a delegation:
    "the Bilawal-led delegation", "a delegation led by X", "X, who is heading a Pakistani delegation", "the
    delegation comprises Congressmen X, Y and Z"; the state is the delegation's own qualifier ("a US
    congressional delegation", "a delegation from the United States") or one only that state has among the
    person's titles ("Congressmen": ``role_actors``; a list's title is each member's). ``states``: the
    qualifier of every delegation the sentence names, with or without people. ``data``: the attribution data
    (``delegation_nouns``, ``delegation_verbs``, ``member_verbs``, ``roles``, ``role_actors``);
    ``names_of(token)``: a person's name words as the document will use them; ``non_state(token)``: whether a
    word names a voice of no state: a delegation of such people ("a delegation of investors from the US", "a
    business delegation") is no state's, its members listed with the state None."""
    members, states = [], []
    titled_by: dict = {}  # a listed member -> the list's first, whose title ("Congressmen") is theirs too
    for d in doc:
        if lemma(d) not in data.delegation_nouns:
            continue
        civil = non_state is not None and any(
            non_state(w)
            for c in d.children
            if c.dep_ in ("amod", "compound", "nmod") or c.dep_ == "prep" and c.lower_ == "of"
            for w in c.subtree
        )
        code = None if civil else delegation_state(d, tok_code)
        if code:
            states.append(code)
        people = []
        for c in d.children:
            verb = lemma(c)
            if c.dep_ == "amod" and verb in data.delegation_verbs:  # "the Bilawal-led delegation"
                people += [g for g in c.children if g.pos_ == "PROPN"]
            elif c.dep_ == "acl" and verb in data.delegation_verbs:  # "a delegation led by X"
                people += [g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        head = d.head
        if d.dep_ in ("dobj", "obj") and lemma(head) in data.delegation_verbs:
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in ("who", "that") and head.dep_ == "relcl":
                subj = head.head  # "X, who is heading a Pakistani delegation"
            if subj is not None:
                people.append(subj)
        if d.dep_ == "nsubj" and lemma(head) in data.member_verbs:
            # "The delegation comprises former foreign ministers X, Y and Z"
            for t in (c for c in head.children if c.dep_ in ("dobj", "obj")):
                people.append(t)
                listed = [w for w in t.subtree if w.dep_ in ("conj", "appos") and w.pos_ == "PROPN"]
                people += listed
                titled_by.update({w.i: t for w in listed})
        of = d.head if d.dep_ == "pobj" and d.head.lower_ == "of" else None
        part = of.head if of is not None else None
        if part is not None and part.lower_ in _PART_NOUNS:
            if part.dep_ == "appos":  # "X — also part of the delegation —", "X, a member of the delegation,"
                people.append(part.head)
            elif part.dep_ == "attr" and part.head.dep_ == "relcl":  # "X, who is also part of the delegation"
                people.append(part.head.head)
        for p in people:
            if p.pos_ != "PROPN":
                continue
            first = titled_by.get(p.i, p)
            titles = {data.roles.get(lemma(w)) for q in (p, first) for w in q.subtree if w.i <= q.i}
            own = next((data.role_actors[r] for r in titles if r in data.role_actors), None)
            names = [n for n in names_of(p) if n.lower() not in data.roles]
            if names:
                members.append((names, None if civil else code or own, civil))
    return members, states
