"""The seed check: each seed phrase of a dimension scored on its own dimension, and the seeds that the word
space puts on the other pole."""

from pathlib import Path

import numpy as np
import pytest
from convergence.measure import MeasureError
from convergence.measure.positions import load_dimensions, polarity, score_sentences
from convergence.measure.seedcheck import SEED_CHECK_COLUMNS, seed_check

FIX = Path(__file__).resolve().parent / "fixtures" / "positions"
SPACE = FIX / "space_small.npz"

# "settlements" is a word of the rights side of the hand-made space, written here as a seed of the security
# pole; "xyzzy" is a word the space does not know
MISPLACED = """\
israel_palestine:
  - name: rights-security
    definition: d
    sources: [s]
    positive: {label: rights, seeds: [occupation, withdrawal]}
    negative:
      label: security
      seeds: [security, settlements, xyzzy, right to defend itself]
"""


def test_a_seed_scored_on_the_other_pole_is_flagged_with_its_line(tmp_path):
    path = tmp_path / "dims.yaml"
    path.write_text(MISPLACED, encoding="utf-8")
    table = seed_check(dimensions=path, space=SPACE)
    assert list(table.columns) == SEED_CHECK_COLUMNS
    assert len(table) == 6
    rows = table.set_index("seed")
    assert not rows.loc["settlements", "own_side"] and rows.loc["settlements", "score"] > 0
    assert rows.loc["settlements", "line"] == 8 and rows.loc["settlements", "pole"] == "negative"
    assert rows.loc["settlements", "pull"][0].startswith("settlements +")
    assert rows.loc[["occupation", "withdrawal", "security", "right to defend itself"], "own_side"].all()
    # an unknown seed has no score and is not counted as misplaced
    assert np.isnan(rows.loc["xyzzy", "score"]) and rows.loc["xyzzy", "n_words"] == 0
    assert not rows.loc["xyzzy", "own_side"]
    assert table.attrs["wrong_side"] == {"israel_palestine/rights-security": 1}
    # the score is the seed read as a sentence: the mean polarity of the words the space knows
    (d,) = load_dimensions(path)["israel_palestine"]
    pol = polarity(d, space=SPACE).set_index("word")["polarity"]
    assert rows.loc["right to defend itself", "score"] == pytest.approx(pol["defend"], rel=1e-6)
    assert rows.loc["right to defend itself", "n_words"] == 1


def test_shipped_dimensions_every_seed_listed_with_the_score_a_sentence_would_get():
    table = seed_check(issues="israel_palestine")
    dims = load_dimensions()["israel_palestine"]
    assert len(table) == sum(len(d.positive.seeds) + len(d.negative.seeds) for d in dims)
    d = dims[0]
    scores, _ = score_sentences(list(d.negative.seeds), [d])
    got = table[(table["dimension"] == d.name) & (table["pole"] == "negative")]["score"].to_numpy()
    assert np.allclose(got, scores[:, 0], equal_nan=True)
    sign = np.where(table["pole"] == "positive", 1.0, -1.0)
    assert (table["own_side"] == (sign * table["score"] > 0)).all()
    assert sum(table.attrs["wrong_side"].values()) == int((~table["own_side"] & table["score"].notna()).sum())


def test_unknown_issue_is_named():
    with pytest.raises(MeasureError, match="no position dimension for issue"):
        seed_check(issues=["kashmirr"], space=SPACE)
