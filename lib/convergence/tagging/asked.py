"""A question put to someone ("Rubio was asked whether ...") states no position of theirs."""

from __future__ import annotations


def asked_only(content, answer_verbs, lemma) -> bool:
    """Whether the clause only says that its subject was asked something ("Trump was asked aboard Air Force
    One about ...", "the finance minister was asked how big a challenge ..."): a passive "ask" with a subject
    and nothing of the answer in the sentence: no coordinated verb ("was asked ... and said"), no verb that
    is one of ``answer_verbs`` (reporting verbs: "to which he replied") or has "he", "she" or "they" for
    subject ("..., where he outlined ..."). ``lemma``: the parse's lemma of a token."""
    if content is None or lemma(content) != "ask":
        return False
    if not any(c.dep_ == "auxpass" for c in content.children):
        return False
    if not any(c.dep_ == "nsubjpass" for c in content.children):
        return False
    if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in content.children):
        return False
    for t in content.doc:
        if t.i != content.i and t.pos_ in ("VERB", "AUX"):
            if lemma(t) in answer_verbs or any(
                c.dep_ == "nsubj" and c.lower_ in _ANSWERING for c in t.children
            ):
                return False
    return True


# the one asked answering in the same sentence: "..., where he outlined ...", "to which she replied ..."
_ANSWERING = {"he", "she", "they"}
