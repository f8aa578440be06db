"""The parse cache's file keeps every token attribute the tagger reads, and a bad file is parsed again."""

import pytest

pytest.importorskip("spacy")

from convergence.tagging import parsefile, syntax  # noqa: E402

TEXTS = [
    "ISLAMABAD, Jun 24 (APP): The Foreign Office said it did not support the move.",
    'The spokesperson, asked about it, said: "We condemn it."',
    "Let's see whether they got ta leave  before he does.",
    "",
]


def _tokens(doc):
    return [
        (t.text, t.whitespace_, t.idx, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma, t.lemma_)
        for t in doc
    ]


def test_round_trip_keeps_every_attribute(monkeypatch):
    monkeypatch.setenv("CONVERGENCE_PARSE_CACHE", "0")
    docs = syntax.parse_many(TEXTS)
    back = parsefile.loads(parsefile.dumps(docs), syntax.nlp().vocab)
    assert [_tokens(d) for d in back] == [_tokens(d) for d in docs]
    assert [d.text for d in back] == [d.text for d in docs]
    assert parsefile.loads(parsefile.dumps([]), syntax.nlp().vocab) == []


def test_bad_bytes_are_a_value_error():
    vocab = syntax.nlp().vocab
    for data in (b"", b"not a parse", parsefile.MAGIC + b"garbage", parsefile.dumps([])[:-3]):
        with pytest.raises(ValueError):
            parsefile.loads(data, vocab)


def test_cached_parse_is_reused_and_a_damaged_entry_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVERGENCE_CACHE", str(tmp_path))
    monkeypatch.setenv("CONVERGENCE_PARSE_CACHE", "1")
    first = syntax.parse_many(TEXTS)
    (entry,) = list(tmp_path.rglob("*.parse"))
    assert [_tokens(d) for d in syntax.parse_many(TEXTS)] == [_tokens(d) for d in first]
    entry.write_bytes(entry.read_bytes()[:40])  # cut short
    assert [_tokens(d) for d in syntax.parse_many(TEXTS)] == [_tokens(d) for d in first]
    assert parsefile.loads(entry.read_bytes(), syntax.nlp().vocab)  # written whole again
