import pandas as pd
import pytest
from convergence.measure import MeasureError
from convergence.measure.salience import salience
from fixtures.measure.frames import tagged_small


@pytest.fixture(scope="module")
def tagged():
    return tagged_small()


def test_shares_per_holder(tagged):
    raw = salience(tagged)
    assert list(raw.columns) == ["issue", "group", "actor", "n_sentences", "n_total", "share"]
    s = raw.set_index(["issue", "actor"])
    assert s.loc[("israel_palestine", "USA"), "n_sentences"] == 2
    assert s.loc[("israel_palestine", "USA"), "n_total"] == 7
    assert s.loc[("israel_palestine", "USA"), "share"] == pytest.approx(2 / 7)
    # an issue the actor never raises is present with share 0
    assert s.loc[("kashmir", "USA"), "share"] == 0


def test_actor_filter_and_groups(tagged):
    s = salience(tagged, by="year", actor="pak")
    assert set(s["actor"]) == {"PAK"}
    assert set(s["group"]) == {"2023", "2024"}
    tot = s.groupby("group")["n_total"].first()
    assert tot.to_dict() == {"2023": 3, "2024": 2}


def test_speaker_basis(tagged):
    t = tagged.assign(doc_speaker=tagged["doc_id"].map({"d1": "PAK", "d2": "USA"}))
    s = salience(t, basis="speaker").set_index(["issue", "actor"])
    assert s.loc[("kashmir", "PAK"), "n_sentences"] == 2
    assert s.loc[("kashmir", "PAK"), "n_total"] == 7


def test_bad_basis(tagged):
    with pytest.raises(MeasureError, match="basis"):
        salience(tagged, basis="author")
    with pytest.raises(MeasureError, match="doc_speaker"):
        salience(tagged.drop(columns=["doc_speaker"]), basis="speaker")


def test_empty(tagged):
    assert salience(tagged.assign(holder=None)).empty
    assert isinstance(salience(tagged.iloc[:0]), pd.DataFrame)
