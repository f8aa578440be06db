"""Position dimensions (data file checks), Latent Semantic Scaling on a hand-made space, actor positions with
a bootstrap interval, and the position component of the convergence index."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from convergence.measure import MeasureError
from convergence.measure.convergence import convergence
from convergence.measure.positions import (
    load_dimensions,
    load_space,
    polarity,
    position_evidence,
    position_holders,
    positions,
    score_sentences,
)
from convergence.tagging.lexicon import load_taxonomy

FIX = Path(__file__).resolve().parent / "fixtures" / "positions"
SPACE = FIX / "space_small.npz"
DIMS = FIX / "dimensions_small.yaml"


def _write(tmp_path, text: str) -> Path:
    p = tmp_path / "dims.yaml"
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """\
kashmir:
  - name: a-b
    definition: d
    sources: [s]
    positive: {label: a, seeds: [plebiscite]}
    negative: {label: b, seeds: [bilateral]}
"""


# ---------------------------------------------------------------------------------------------- data file


def test_shipped_dimensions_cover_every_default_issue_with_two_seeded_poles():
    dims = load_dimensions()
    assert set(load_taxonomy().slugs) <= set(dims)
    for issue, axes in dims.items():
        assert axes, issue
        for d in axes:
            assert d.positive.seeds and d.negative.seeds and d.definition and d.sources, d.key
            assert d.positive.label != d.negative.label


def test_shipped_space_is_small_float16_without_pickles_and_knows_every_pole():
    path = Path(load_space().source)
    assert path.stat().st_size < 12_000_000
    with np.load(path, allow_pickle=False) as z:
        assert z["vectors"].dtype == np.float16
        assert z["vectors"].shape[0] == len(z["vocab"]) == len(z["df"])
    meta = load_space().meta
    assert len(meta["corpus"]["sha256"]) == 64 and "scikit-learn" in meta["versions"]
    for axes in load_dimensions().values():
        for d in axes:  # every pole has a seed word the space knows (else polarity raises)
            assert np.isfinite(polarity(d)["polarity"]).all()


@pytest.mark.parametrize(
    "issue, name, plus, minus",
    [
        # the human-rights roll calls: country scrutiny vs the right to development and coercive measures
        ("democracy_rights", "scrutiny-collective-rights", ["executions", "persecution", "detention"],
         ["indebtedness", "hunger", "inequality"]),
        # the economic-development roll calls: the aid target vs aid effectiveness and self-help
        ("aid_development", "aid-obligation-effectiveness", ["gnp", "disbursed", "donors"],
         ["judiciary", "anti-corruption", "civic"]),
    ],
)  # fmt: skip
def test_shipped_second_dimensions_pull_words_that_are_no_seed(issue, name, plus, minus):
    (d,) = [d for d in load_dimensions()[issue] if d.name == name]
    seeds = " ".join(d.positive.seeds + d.negative.seeds).lower().split()
    pol = polarity(d).set_index("word")["polarity"]
    for word in plus:
        assert word not in seeds and pol[word] > 2, word
    for word in minus:
        assert word not in seeds and pol[word] < -2, word


def test_user_file_loads(tmp_path):
    dims = load_dimensions(_write(tmp_path, GOOD))
    (d,) = dims["kashmir"]
    assert (d.name, d.positive.label, d.negative.seeds, d.line) == ("a-b", "a", ("bilateral",), 2)


@pytest.mark.parametrize(
    "text, line, message",
    [
        (GOOD.replace("definition: d", "definiton: d"), 3, "unknown key 'definiton'"),
        (GOOD.replace("seeds: [bilateral]", "seeds: []"), 6, "'seeds' must be a non-empty list"),
        (GOOD + GOOD.split("\n", 1)[1], 7, "dimension 'a-b' repeated (first at line 2)"),
        (GOOD.replace("[plebiscite]", "[plebiscite, [x]]"), 5, "a seed must be a word or phrase"),
        (GOOD.replace("positive: {", "positive: {colour: red, "), 5, "positive: unknown key 'colour'"),
        (GOOD.replace("name: a-b", "name: a b"), 2, "'name' must be letters"),
        ("kashmir: []\n", 1, "expected a non-empty list of dimensions"),
        (GOOD.replace("sources: [s]", "sources: [s"), 4, "cannot read YAML"),
        (GOOD + "kashmir: []\n", 7, "duplicate key 'kashmir'"),
    ],
)
def test_bad_file_is_reported_at_its_line(tmp_path, text, line, message):
    p = _write(tmp_path, text)
    with pytest.raises(MeasureError) as err:
        load_dimensions(p)
    assert str(err.value).startswith(f"{p}:{line}:"), str(err.value)
    assert message in str(err.value)


def test_missing_file_and_pole_without_known_word(tmp_path):
    with pytest.raises(MeasureError, match="no such dimensions file"):
        load_dimensions(tmp_path / "nope.yaml")
    p = _write(tmp_path, GOOD.replace("[plebiscite]", "[occupation]").replace("[bilateral]", "[zzzqqq]"))
    (d,) = load_dimensions(p)["kashmir"]
    with pytest.raises(MeasureError, match=rf"^{p}:6: kashmir/a-b: no seed of the pole 'b'"):
        polarity(d, space=SPACE)


# ---------------------------------------------------------------------------------------------- LSS


def test_polarity_reaches_words_that_are_no_seed():
    (d,) = load_dimensions(DIMS)["israel_palestine"]
    pol = polarity(d, space=SPACE).set_index("word")["polarity"]
    # settlements, statehood (near the rights seeds), terror, hostages (near the security seeds): no seeds
    assert pol["settlements"] > 1 and pol["statehood"] > 1
    assert pol["terror"] < -1 and pol["hostages"] < -1
    assert abs(pol["region"]) < 0.2  # the neutral vocabulary stays near 0
    # standardised over the vocabulary, weighted by sentence frequency
    df = polarity(d, space=SPACE).set_index("word")["df"]
    w = df / df.sum()
    assert (w * pol).sum() == pytest.approx(0, abs=1e-6)
    assert (w * pol**2).sum() == pytest.approx(1, abs=1e-6)


def test_sentence_score_is_mean_word_polarity_without_any_seed():
    (d,) = load_dimensions(DIMS)["israel_palestine"]
    pol = polarity(d, space=SPACE).set_index("word")["polarity"]
    texts = [
        "Settlements, settlements and statehood.",
        "Terror and hostages in the region.",
        "Nothing known.",
    ]
    scores, n = score_sentences(texts, [d], space=SPACE)
    assert list(n) == [3, 3, 0]
    assert scores[0, 0] == pytest.approx((2 * pol["settlements"] + pol["statehood"]) / 3, rel=1e-6)
    assert scores[1, 0] == pytest.approx((pol["terror"] + pol["hostages"] + pol["region"]) / 3, rel=1e-6)
    assert np.isnan(scores[2, 0])


# ---------------------------------------------------------------------------------------------- positions


RIGHTS = ["Settlements and occupation must end.", "Statehood and withdrawal for the people.",
          "The occupation and settlements.", "Statehood talks in the region."]  # fmt: skip
SECURITY = ["Terror and hostages threaten security.", "Security talks in the region.",
            "Terror against the people.", "Hostages and security."]  # fmt: skip


def _frame(pro_rights: str, pro_security: str, *, docs: int = 3, usa=None) -> pd.DataFrame:
    """``docs`` documents per side (2, 3, 4, 2 ... sentences): ``pro_rights``'s sentences near the rights
    pole, ``pro_security``'s near the security pole (``usa`` replaces the USA's sentences)."""
    rows = []
    texts = {pro_rights: RIGHTS, pro_security: SECURITY}
    if usa is not None:
        texts["USA"] = usa
    for actor, sents in texts.items():
        for k in range(docs):
            for j, text in enumerate(sents[: 2 + k % 3]):
                rows.append(
                    {
                        "doc_id": f"{actor}{k}",
                        "sent_id": j,
                        "text": text,
                        "issues": ["israel_palestine"],
                        "holder": actor,
                        "targets": [],
                        "stance": 0.0,
                        "relation": 0.0,
                        "date": pd.Timestamp(f"{2000 + 10 * (k % 2)}-06-01"),
                        "tone": 0.1 if actor == "USA" else -0.2,
                    }
                )
    return pd.DataFrame(rows)


def test_positions_per_actor_and_group_with_bootstrap_interval():
    tagged = _frame("PAK", "USA")
    table = positions(tagged, actors=("USA", "PAK"), dimensions=DIMS, space=SPACE, n_boot=400)
    table = table.set_index("actor")
    (d,) = load_dimensions(DIMS)["israel_palestine"]
    scores, _ = score_sentences(tagged["text"], [d], space=SPACE)
    for actor in ("USA", "PAK"):
        own = scores[(tagged["holder"] == actor).to_numpy(), 0]
        row = table.loc[actor]
        assert row["position"] == pytest.approx(own.mean())
        assert row["ci_low"] <= row["position"] <= row["ci_high"]
        assert (row["n"], row["n_docs"]) == (9, 3)
    assert table.loc["PAK", "position"] > 0 > table.loc["USA", "position"]
    by_decade = positions(tagged, actors="USA,PAK", by="decade", dimensions=DIMS, space=SPACE, n_boot=100)
    assert sorted(set(by_decade["group"])) == ["2000s", "2010s"]
    assert by_decade.groupby("actor")["n"].sum().to_dict() == {"PAK": 9, "USA": 9}
    again = positions(tagged, actors=("USA", "PAK"), dimensions=DIMS, space=SPACE, n_boot=400)
    assert again["ci_low"].tolist() == table.reset_index()["ci_low"].tolist()  # seeded: reproducible


def test_one_document_resamples_sentences():
    tagged = _frame("PAK", "USA", docs=1)
    table = positions(tagged, actors=["PAK"], dimensions=DIMS, space=SPACE, n_boot=300)
    assert table.loc[0, "n_docs"] == 1 and table.loc[0, "ci_low"] < table.loc[0, "ci_high"]


def test_un_speech_sentences_are_the_speaking_country_s():
    tagged = _frame("PAK", "USA").assign(country="PAK", doc_speaker="PAK")
    tagged.loc[tagged["doc_id"].str.startswith("USA"), ["country", "doc_speaker"]] = "USA"
    tagged.loc[0, "holder"] = "ISR"  # a PAK speech stating Israel's act: still Pakistan's speech
    assert position_holders(tagged)[0] == "PAK"
    news = tagged.assign(country=None)
    assert position_holders(news)[0] == "ISR"


def test_position_evidence_sorted_by_pull_with_the_words_that_pull():
    ev = position_evidence(_frame("PAK", "USA"), issue="israel_palestine", dimensions=DIMS, space=SPACE)
    pak = ev[ev["actor"] == "PAK"]
    assert pak["score"].is_monotonic_decreasing and (pak["pole"] == "rights").all()
    first = pak.iloc[0]
    assert first["pull_plus"] and first["pull_plus"][0].split()[0] in {
        "occupation",
        "statehood",
        "settlements",
    }
    with pytest.raises(MeasureError, match="has no dimension 'x'"):
        position_evidence(_frame("PAK", "USA"), issue="israel_palestine", dimension="x", dimensions=DIMS,
                          space=SPACE)  # fmt: skip


# ---------------------------------------------------------------------------------------------- convergence


def _settings(**extra):
    return {"dimensions": str(DIMS), "position_space": str(SPACE), **extra}


def test_opposite_positions_make_a_divergent_verdict_that_names_the_dimension():
    tagged = _frame("PAK", "USA", docs=4)
    row = convergence(tagged, thresholds=_settings(), n_boot=300).iloc[0]
    # no stance or relation cue at all: the cue-based measure has nothing, the positions decide
    assert row["verdict_cues"] == "insufficient" and row["index_cues"] != row["index_cues"]
    assert row["verdict"] == "divergent" and row["index"] == pytest.approx(row["position_agreement"])
    assert row["ci_high"] < 0
    (dim,) = row["positions"]
    assert dim["dimension"] == "rights-security" and dim["position_PAK"] > 0 > dim["position_USA"]
    assert "USA -" in row["reason"] and " vs PAK +" in row["reason"] and "on rights-security" in row["reason"]
    assert row["tone_a"] == pytest.approx(0.1) and row["tone_b"] == pytest.approx(-0.2)
    assert row["components"]["n_position"] == pytest.approx(11.0)


def test_positions_alone_on_few_sentences_settle_nothing():
    # 9 sentences a side, no stance or relation cue: wording, not the pair's positions
    row = convergence(_frame("PAK", "USA"), thresholds=_settings(), n_boot=300).iloc[0]
    assert row["components"]["n_position"] == pytest.approx(9.0) and row["position_agreement"] < 0
    assert row["verdict"] == "insufficient" and "positions alone (no cue of the pair)" in row["reason"]
    lower = convergence(_frame("PAK", "USA"), thresholds=_settings(position_alone_min=9), n_boot=300)
    assert lower.iloc[0]["verdict"] == "divergent"


def test_same_side_positions_converge_and_weight_zero_switches_positions_off():
    tagged = _frame("PAK", "USA", usa=RIGHTS, docs=4)
    row = convergence(tagged, thresholds=_settings(), n_boot=300).iloc[0]
    assert row["verdict"] == "convergent" and row["position_agreement"] > 0.5
    off = convergence(_frame("PAK", "USA"), thresholds=_settings(position_weight=0), n_boot=300).iloc[0]
    assert off["verdict"] == off["verdict_cues"] == "insufficient" and off["positions"] == []


def test_position_component_joins_cue_components_with_sqrt_n_weights():
    tagged = _frame("PAK", "USA")
    # one relation sentence naming both, agreeing (+0.8): a cue component with n = 1
    extra = tagged.iloc[[0]].assign(
        doc_id="R", sent_id=0, text="Both sides found common ground.", holder=None, relation=0.8,
        actors=[["USA", "PAK"]], targets=[["USA", "PAK"]],
    )  # fmt: skip
    tagged = pd.concat([tagged.assign(actors=[[]] * len(tagged)), extra], ignore_index=True)
    row = convergence(tagged, thresholds=_settings(), n_boot=200).iloc[0]
    p, n_p = row["position_agreement"], row["components"]["n_position"]
    expected = (1.0 * 0.8 + np.sqrt(n_p) * p) / (1.0 + np.sqrt(n_p))
    assert row["index_cues"] == pytest.approx(0.8)
    assert row["index"] == pytest.approx(expected)


def test_too_few_sentences_keep_positions_out_of_the_index():
    tagged = _frame("PAK", "USA", docs=1).groupby("holder").head(2)
    row = convergence(tagged, thresholds=_settings(), n_boot=100).iloc[0]
    assert row["position_agreement"] != row["position_agreement"]
    assert "positions not in the index (each side needs 3 sentence(s))" in row["reason"]
    assert row["positions"][0]["n_PAK"] == 2


def test_distance_between_positions_and_the_agreement_s_own_interval_are_reported():
    tagged = _frame("PAK", "USA")
    row = convergence(tagged, thresholds=_settings(), n_boot=300).iloc[0]
    (dim,) = row["positions"]
    dist = dim["position_PAK"] - dim["position_USA"]
    assert dim["distance"] == pytest.approx(abs(dist))
    lo, hi = dim["distance_ci"]
    assert 0 < lo <= dim["distance"] <= hi
    p_lo, p_hi = row["components"]["position_ci"]
    assert p_lo <= row["position_agreement"] <= p_hi and p_hi < 0
    assert f"{dim['distance']:.2f} apart [{lo:.2f}, {hi:.2f}]" in row["reason"]
    assert f"position agreement {row['position_agreement']:+.2f} [{p_lo:+.2f}, {p_hi:+.2f}]" in row["reason"]
    assert "0 at 0.3 apart" in row["reason"]


def test_sides_apart_by_less_than_the_scale_in_part_of_the_resamples_are_not_divergent():
    # the two positions surely differ (the distance's interval excludes 0), but agreement is 0 only at
    # position_scale apart: with the scale at the distance itself, P's interval spans 0 -> not settled
    tagged = _frame("PAK", "USA")
    first = convergence(tagged, thresholds=_settings(), n_boot=300).iloc[0]
    (dim,) = first["positions"]
    row = convergence(tagged, thresholds=_settings(position_scale=dim["distance"]), n_boot=300).iloc[0]
    (same,) = row["positions"]
    assert same["distance_ci"][0] > 0
    p_lo, p_hi = row["components"]["position_ci"]
    assert p_lo < 0 < p_hi
    assert row["verdict"] == "insufficient" and row["ci_low"] < 0 < row["ci_high"], row["reason"]


def test_the_cue_gap_gives_way_to_positions_by_gap_with_positions():
    # both sides welcome the same third actor (a cue gap of +0.6) while their positions lie apart
    tagged = _frame("PAK", "USA", docs=4)
    n = len(tagged)
    tagged = tagged.assign(stance=0.6, targets=[["EGY"]] * n, stance_cues=[["welcome"]] * n)
    kept = convergence(tagged, thresholds=_settings(), n_boot=200).iloc[0]
    assert kept["components"]["gap"] == pytest.approx(0.6) and kept["index_cues"] == pytest.approx(0.6)
    dropped = convergence(tagged, thresholds=_settings(gap_with_positions=0.0), n_boot=200).iloc[0]
    assert dropped["index_cues"] != dropped["index_cues"]  # no cue component is left
    assert dropped["index"] == pytest.approx(dropped["position_agreement"])
    assert dropped["verdict"] == "divergent"
    # too few sentences for positions: the gap stays whatever the factor
    few = tagged.groupby("holder").head(2)
    row = convergence(few, thresholds=_settings(gap_with_positions=0.0), n_boot=200).iloc[0]
    assert row["index_cues"] == pytest.approx(0.6)


def test_positions_count_as_evidence_the_other_way_only_when_their_interval_settles_it():
    # a mild directed act of Pakistan toward the US (cue-based index +0.3, "only PAK states a position")
    # against positions that lie apart: "mixed" (real agreement and real disagreement) needs the positions'
    # own interval to exclude 0; an unsettled distance is uncertainty, and the row stays insufficient
    tagged = _frame("PAK", "USA")
    empty = [[]] * len(tagged)
    base = tagged.assign(actors=empty, stance_cues=empty, target_stances=empty)
    act = tagged.iloc[[0]].assign(
        doc_id="R", sent_id=0, text="Pakistan supports the United States.", holder="PAK", stance=0.3,
        actors=[["USA", "PAK"]], targets=[["USA"]], stance_cues=[["support"]],
        target_stances=[[{"target": "USA", "stance": 0.3, "cues": ["support"]}]],
    )  # fmt: skip
    both = pd.concat([base, act], ignore_index=True)
    (dim,) = convergence(tagged, thresholds=_settings(), n_boot=300).iloc[0]["positions"]
    rows = {
        f: convergence(both, thresholds=_settings(position_scale=f * dim["distance"]), n_boot=300).iloc[0]
        for f in (0.9, 0.95)
    }
    for row in rows.values():
        assert row["verdict_cues"] == "insufficient" and row["index_cues"] == pytest.approx(0.3)
        assert row["position_agreement"] < 0 and abs(row["index"]) < 0.15
    settled, unsettled = rows[0.9], rows[0.95]
    assert settled["components"]["position_ci"][1] < 0
    assert settled["verdict"] == "mixed" and "positions and cues point opposite ways" in settled["reason"]
    p_lo, p_hi = unsettled["components"]["position_ci"]
    assert p_lo < 0 < p_hi
    assert unsettled["verdict"] == "insufficient" and "signal too weak" in unsettled["reason"]
