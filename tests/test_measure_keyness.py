import numpy as np
import pandas as pd
import pytest
from convergence.measure import MeasureError, load_stopwords
from convergence.measure.keyness import keyness, tokens


def _frame():
    rows = []
    for _ in range(6):
        rows.append(("USA", "We urge transparency and sanctions on the corridor loans."))
        rows.append(("PAK", "We praise the corridor and its growth for jobs and growth."))
    rows.append(("IND", "Unrelated words about cricket and growth."))
    return pd.DataFrame(
        {"text": [t for _, t in rows], "holder": [h for h, _ in rows], "issues": [["china_cpec"]] * len(rows)}
    )


def test_distinctive_terms_each_side():
    k = keyness(_frame(), issue="china_cpec", top=3)
    assert list(k.columns) == ["term", "actor", "log_odds", "z", "count_a", "count_b"]
    usa = k[k["actor"] == "USA"]
    pak = k[k["actor"] == "PAK"]
    assert set(usa["term"]) <= {"urge", "transparency", "sanctions", "loans"} and len(usa) == 3
    assert pak["term"].iloc[0] == "growth"  # 12 uses vs 0
    assert (usa["z"] > 0).all() and (pak["z"] < 0).all()
    assert "corridor" not in set(k["term"])  # shared evenly: not distinctive
    assert "the" not in set(k["term"])


def test_log_odds_formula_uniform_prior():
    k = keyness(_frame(), issue="china_cpec", prior="uniform", top=50)
    row = k.set_index("term").loc["growth"]
    ya, yb, a = 0.0, 12.0, 0.01
    # vocabulary: terms counted >= 2 times in USA+PAK sentences
    vocab_n = 8  # urge transparency sanctions corridor loans praise growth jobs
    a0 = a * vocab_n
    na, nb = 30.0, 30.0
    expected = np.log((ya + a) / (na + a0 - ya - a)) - np.log((yb + a) / (nb + a0 - yb - a))
    assert (row["count_a"], row["count_b"]) == (0, 12)
    assert row["log_odds"] == pytest.approx(expected)
    assert row["z"] == pytest.approx(expected / np.sqrt(1 / (ya + a) + 1 / (yb + a)))


def test_acronyms_keep_case_and_stopwords_are_data():
    stop = load_stopwords()
    assert "the" in stop and "us" in stop
    assert tokens("The US and us", stop) == ["US"]


def test_one_side_missing_gives_empty():
    f = _frame()
    assert keyness(f[f["holder"] != "PAK"], issue="china_cpec").empty


def test_bad_prior():
    with pytest.raises(MeasureError, match="prior"):
        keyness(_frame(), issue="china_cpec", prior="flat")
    with pytest.raises(MeasureError, match="prior"):
        keyness(_frame(), issue="china_cpec", prior=0)
