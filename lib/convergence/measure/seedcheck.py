"""Each seed phrase's own score on its dimension: which seeds the word space puts on the other pole.

A dimension's poles (data/dimensions.yaml) are meant to be read from their seeds, but the word polarities are
learned from the word space: a seed phrase whose own score (its words' mean polarity, as a sentence would be
scored) lies on the opposite pole does not pull toward the pole it was written for, and the pole's effective
content is then carried by its other seeds. ``seed_check`` lists every seed with its score so that such seeds
are seen (``own_side`` False) and the dimension's definition can be edited as data. It changes no score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .positions import issues_with_dimensions, load_dimensions, load_space, score_sentences, sentence_pull

SEED_CHECK_COLUMNS = [
    "issue",
    "dimension",
    "pole",
    "label",
    "seed",
    "score",
    "n_words",
    "own_side",
    "pull",
    "line",
]


def seed_check(*, issues=None, dimensions=None, space=None, top_words: int = 3) -> pd.DataFrame:
    """One row per seed phrase of the dimensions of ``issues`` (all by default): issue, dimension, pole
    ("positive" / "negative"), label, seed, score (the phrase scored like a sentence: the mean polarity of its
    words the space knows; NaN when it knows none), n_words (those words), own_side (the score has the sign
    of the seed's pole; False for an unknown seed), pull (the seed's words with their polarity, strongest
    first), line (the seed's line in the dimensions file). ``attrs["wrong_side"]`` counts seeds per
    dimension key whose score lies on the other pole."""
    dims = load_dimensions(dimensions)
    sp = load_space(space)
    issues = issues_with_dimensions(issues, dims)
    rows = []
    for issue in issues:
        for dim in dims[issue]:
            for side, sign, pole in (("positive", 1.0, dim.positive), ("negative", -1.0, dim.negative)):
                scores, n = score_sentences(list(pole.seeds), [dim], space=sp)
                lines = pole.lines or (None,) * len(pole.seeds)
                for k, seed in enumerate(pole.seeds):
                    score = float(scores[k, 0])
                    plus, minus = sentence_pull(seed, dim, space=sp, top=top_words)
                    rows.append(
                        {
                            "issue": issue,
                            "dimension": dim.name,
                            "pole": side,
                            "label": pole.label,
                            "seed": seed,
                            "score": score,
                            "n_words": int(n[k]),
                            "own_side": bool(np.isfinite(score) and sign * score > 0),
                            "pull": plus + minus,
                            "line": lines[k],
                        }
                    )
    out = pd.DataFrame(rows, columns=SEED_CHECK_COLUMNS)
    wrong = out[~out["own_side"] & out["score"].notna()]
    out.attrs["wrong_side"] = {
        f"{i}/{d}": int(c) for (i, d), c in wrong.groupby(["issue", "dimension"], sort=False).size().items()
    }
    return out
