import pandas as pd
import pytest
from convergence.measure import MeasureError
from convergence.measure.kwic import kwic
from fixtures.measure.frames import tagged_small


def test_term_in_context():
    k = kwic(tagged_small(), term="tel aviv", window=10)
    assert list(k.columns) == ["doc_id", "sent_id", "left", "match", "right"]
    assert len(k) == 3
    first = k.iloc[0]
    assert first["match"] == "Tel Aviv" and first["left"] == "ton backs " and len(first["right"]) == 10


def test_word_boundaries_and_issue_filter():
    t = tagged_small()
    assert kwic(t, term="Wash").empty
    k = kwic(t, term="Islamabad", issue="defense")
    assert sorted(zip(k["doc_id"], k["sent_id"], strict=True)) == [("d1", 0), ("d1", 1), ("d2", 5)]


def test_issue_terms_when_no_term():
    k = kwic(tagged_small(), issue="kashmir")
    assert list(k["match"]) == ["valley", "valley"]


def test_plain_sentence_table():
    s = pd.DataFrame({"doc_id": ["x"], "sent_id": [0], "text": ["A plan, a plan again."]})
    assert len(kwic(s, term="plan")) == 2
    with pytest.raises(MeasureError, match="tagged frame"):
        kwic(s, issue="kashmir")


def test_bad_calls():
    with pytest.raises(MeasureError):
        kwic(tagged_small())
    with pytest.raises(MeasureError):
        kwic(tagged_small(), term="  ")
