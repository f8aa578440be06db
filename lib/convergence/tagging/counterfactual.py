"""Credit by counterfactual: "had he not intervened, the war would have escalated" credits who acted."""

from __future__ import annotations


def averted_by(toks, tok_code, data, lemma, *, people, holder, earlier) -> list[str]:
    """Actors a counterfactual credits with averting a harm: the subject of a negated past-perfect clause of
    condition ("if Trump had not intervened", "had he not intervened") or the object of "had it not been for
    X", when the rest of the sentence says what would have followed with a modal (would, could, might) and
    names a harm (attribution.yaml ``averted_harms``: "there would be more destruction", "the war could have
    escalated"). Such a sentence states that the act took place and was good; it is no condition on today's
    position. A "he" / "she" is the person named last before it in the sentence, other than the holder, else
    ``earlier`` (the person named last before the sentence). ``people``: token indices of persons;
    ``lemma``: the parse's lemma of a token."""
    harms = data.averted_harms
    if not harms or not any(t.lower_ == "had" for t in toks):
        return []
    out = []
    for v in toks:
        if not any(c.dep_ == "neg" for c in v.children):
            continue
        auxes = [c for c in v.children if c.dep_ == "aux" and c.lower_ == "had"]
        if not auxes or v.dep_ != "advcl":
            continue
        marked = any(c.dep_ == "mark" and c.lower_ == "if" for c in v.children)
        subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        inverted = subject is not None and auxes[0].i < subject.i
        if not (marked or inverted) or subject is None:
            continue
        clause = {w.i for w in v.subtree}
        rest = [w for w in toks if w.i not in clause]
        if not any(w.lower_ in ("would", "could", "might", "'d") for w in rest):
            continue
        if not any(w.lower_ in harms or lemma(w) in harms for w in rest):
            continue
        if lemma(v) == "be" and subject.lower_ == "it":
            # "had it not been for this gentleman": the one the "for" phrase names
            heads = [
                g
                for p in v.children
                if p.dep_ == "prep" and p.lower_ == "for"
                for g in p.children
                if g.dep_ == "pobj"
            ]
        else:
            heads = [subject]
        for h in heads:
            code = tok_code.get(h.i)
            if code is None and h.lower_ in ("he", "she"):
                named = [tok_code[w.i] for w in toks if w.i < h.i and w.i in tok_code and w.i in people]
                named = [c for c in named if c != holder]
                code = named[-1] if named else earlier
            if code is None:
                code = next((tok_code[w.i] for w in h.subtree if w.i in tok_code), None)
            if code and code != holder and code not in out:
                out.append(code)
    return out
