"""Persons named under an unqualified title outside the subject ("remarks by government spokesperson Danyal
Chaudhry"): the title's actor is learned for the person's names, as it is for a subject, so that "Chaudhry
said" later in the article is that actor's voice."""

from __future__ import annotations


def learn_titled_names(reader, toks, tok_code: dict, ctx, text: str) -> None:
    """For each proper-noun head outside the subject whose own words carry a person's title (``roles``
    that are ``person_roles``: minister, spokesperson, adviser ...) before the name and name no actor (those
    are learned with their actor, see ``Reader._persons``), learn the actor the title stands for in this
    document (``Reader._office_actor``: the one last named for that role, the one actor that has it, else
    the publisher's home; none for a role usually foreign, such as "Ambassador X" in a Pakistani paper).
    Nothing is learned where a subject would be read as no state's: a party's or a company's officer, a
    former office holder, a person a third party's name qualifies ("Syrian President X"), a sole office
    before a name the actor file does not know ("President Erdogan"). A name met before keeps what was
    learned."""
    from .syntax import _NOMINAL, _SUBJ, lemma  # syntax calls this module: imported when first called

    data = reader.data
    roles = data.roles
    for t in toks:
        if t.pos_ != "PROPN" or t.i in tok_code or t.dep_ in ("compound", "flat") or _in_subject(t, _SUBJ):
            continue
        own = sorted(reader._name_words(t), key=lambda w: w.i)
        titles = [roles[lemma(w)] for w in own if w.i < t.i and lemma(w) in roles]
        # the title word nearest the name ("government spokesperson X" is a spokesperson), a person's title:
        # not "lawmaker X", "Gen X", a body's member or a rank, which many states have
        if not titles or titles[-1] not in data.person_roles or any(w.i in tok_code for w in own):
            continue
        words = reader._np_tokens(t)
        if any(w.i in tok_code for w in words):
            continue
        names = reader._names(own, tok_code, t)
        if not names or any(ctx.known(n) is not None for n in names):
            continue
        span = text[words[0].idx : words[-1].idx + len(words[-1])]
        if (
            any(reader._non_state_word(w) for w in words if w.pos_ in _NOMINAL)
            or reader._former(words, t)
            or data.third_parties is not None
            and data.third_parties.search(span)
            or reader._sole_office(own)
        ):
            continue
        code = reader._office_actor(titles[-1], words, ctx)
        if code is not None:
            ctx.learn(code, names, None, person=False)


def _in_subject(tok, subj) -> bool:
    """Whether ``tok`` is in a clause's subject phrase (the reader resolves those), up its noun chain."""
    while True:
        if tok.dep_ in subj:
            return True
        if tok.head.i == tok.i or tok.head.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
