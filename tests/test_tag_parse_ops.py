"""The tagger's faster parse (numpy's BLAS, the attribute ruler on arrays) gives spaCy's token attributes."""

import pytest

spacy = pytest.importorskip("spacy")

from convergence.tagging import blas, syntax  # noqa: E402
from convergence.tagging.ruler import FastRuler, fast_ruler  # noqa: E402

# sentences that reach the ruler's exceptions: contractions, "gonna", "y'all", "let's", auxiliaries,
# "there is", object pronouns, extra spaces, a subordinating "that" and "whether"
SENTENCES = [
    "I ain't gonna do it, and y'all know that.",
    "Let's see whether they got ta leave before he does.",
    "There is  no doubt that   Pakistan and the US have agreed on it.",
    "C'mon, the minister told us it wasn't over; she's been to Washington twice.",
    "ISLAMABAD, Jun 24 (APP): The Foreign Office said it did not support the move.",
    "Do they have to? He did, and it is what it is.",
    "We'll see if the talks, which began in May, will resume - or not.",
    'The spokesperson, asked about it, said: "We condemn it."',
    "",
    "   ",
]


def _tokens(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def reference():
    model = spacy.load(syntax.MODEL, exclude=["ner"])
    model.disable_pipe("lemmatizer")
    return model


def test_fast_ruler_sets_what_spacys_ruler_sets(reference):
    texts = [t[syntax.dateline_end(t) :] for t in SENTENCES]
    expected = [_tokens(d) for d in reference.pipe(texts)]
    ruler = fast_ruler(reference)
    assert isinstance(ruler, FastRuler)
    with reference.select_pipes(disable=["attribute_ruler"]):
        parsed = list(reference.pipe(texts))
    assert [_tokens(d) for d in ruler(parsed)] == expected
    # one batch or one sentence at a time: a pattern never spans two sentences
    with reference.select_pipes(disable=["attribute_ruler"]):
        one_by_one = [ruler([d])[0] for d in reference.pipe(texts)]
    assert [_tokens(d) for d in one_by_one] == expected


def test_fast_ruler_refuses_patterns_it_cannot_test(reference):
    class Ruler:
        vocab = reference.vocab
        patterns = [{"patterns": [[{"LOWER": "us", "OP": "?"}]], "attrs": {"LEMMA": "we"}, "index": 0}]
        attrs = [{}]
        indices = [0]

    with pytest.raises(ValueError):
        FastRuler(Ruler())


def test_tagger_parse_equals_spacys_pipeline(reference, monkeypatch):
    monkeypatch.setenv("CONVERGENCE_PARSE_CACHE", "0")
    texts = [t for t in SENTENCES if t.strip() and not syntax.dateline_end(t)]
    expected = [_tokens(d) for d in reference.pipe(texts)]
    assert [_tokens(d) for d in syntax.parse_many(texts)] == expected


def test_a_dateline_is_a_blank_the_parser_never_sees(reference, monkeypatch):
    monkeypatch.setenv("CONVERGENCE_PARSE_CACHE", "0")
    # given the blanked dateline, the parser made "Chairman" a root of its own, cut off from the name
    text = "ISLAMABAD: Chairman Senate Syed Nadeem Raza Durrani called for unity on Friday."
    cut = syntax.dateline_end(text)
    (doc,) = syntax.parse_many([text])
    # the text and offsets are the sentence's own, with the dateline blanked
    assert doc.text == " " * cut + text[cut:] and doc[1].idx == cut
    # the words are parsed as if the sentence began after the dateline ...
    alone = reference(text[cut:])
    assert [(t.tag_, t.dep_, t.head.i + 1) for t in alone] == [(t.tag_, t.dep_, t.head.i) for t in doc[1:]]
    # ... and the blank hangs on the root, no word on it: one tree, the title with its name
    assert doc[0].is_space and doc[0].head.dep_ == "ROOT" and not list(doc[0].children)
    assert [t.text for t in doc if t.dep_ == "ROOT"] == ["called"]
    assert doc[1].dep_ == "compound"


def test_blas_ops_are_restored_after_loading():
    from thinc.api import get_current_ops

    before = type(get_current_ops())
    model = blas.load_model(syntax.MODEL, exclude=["ner", "lemmatizer"])
    assert type(get_current_ops()) is before
    assert type(model.get_pipe("tok2vec").model.ops).__name__ == "BlasOps"
    with blas.one_thread():
        assert [t.dep_ for t in model("Pakistan welcomed the decision.")][:2] == ["nsubj", "ROOT"]


def test_lemmas_asked_for_are_spacys_pipeline_lemmas(monkeypatch):
    """syntax.lemma gives the full pipeline's lemma (lower-cased) with the lemmatizer's word lists held as
    sets; the words reach every rule of the lemmatizer: regular and irregular forms, base forms, a form
    the word lists lack, proper nouns."""
    monkeypatch.setenv("CONVERGENCE_PARSE_CACHE", "0")
    texts = [
        "The ministers were meeting their counterparts and had agreed to stronger ties.",
        "Pakistan's envoys sought better terms, saying the talks went well and the tariffs fell.",
        "Islamabad criticised Washington's sanctions; the analysts doubted the frobnicated claims.",
    ]
    full = spacy.load(syntax.MODEL, exclude=["ner"])
    expected = [[(t.text, t.lemma_.lower()) for t in d] for d in full.pipe(texts)]
    syntax.nlp()
    index = syntax._LEMMATIZER.lookups.get_table("lemma_index")
    assert all(isinstance(index[k], frozenset) for k in index)
    assert [[(t.text, syntax.lemma(t)) for t in d] for d in syntax.parse_many(texts)] == expected


def test_a_dateline_with_the_months_full_name_or_no_space_after_it_is_cut():
    for text, start in [
        ("ISLAMABAD, June 4 (APP):United States envoy met the minister.", "United"),
        ("KARACHI, September 19 (APP): The committee met on Friday.", "The"),
        ("ISLAMABAD, Jun 24 (APP): The Foreign Office said so.", "The"),
        ("WASHINGTON: The talks ended.", "The"),
    ]:
        assert text[syntax.dateline_end(text) :].startswith(start)
    assert syntax.dateline_end("Pakistan, June 4 talks went well.") == 0
