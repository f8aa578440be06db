import numpy as np
import pandas as pd
import pytest
from convergence.measure import MeasureError, load_thresholds
from convergence.measure.convergence import convergence
from fixtures.measure.frames import tagged_small
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def tagged():
    return tagged_small()


@pytest.fixture(scope="module")
def table(tagged):
    return convergence(tagged, n_boot=300).set_index("issue")


def test_attrs_record_the_call(tagged):
    out = convergence(
        tagged, actors=("USA", "PAK"), by="corpus", thresholds={"ci_margin": 0.07}, n_boot=50, seed=7
    )
    assert out.attrs["actors"] == ("USA", "PAK") and out.attrs["by"] == "corpus"
    assert out.attrs["n_boot"] == 50 and out.attrs["seed"] == 7
    thresholds = out.attrs["thresholds"]
    assert thresholds["ci_margin"] == 0.07  # the merged thresholds, the override included
    assert thresholds["threshold"] == load_thresholds()["threshold"]


def test_columns_and_one_row_per_issue(table):
    assert list(table.reset_index().columns) == [
        "issue", "group", "index", "ci_low", "ci_high", "verdict", "reason", "n_a", "n_b",
        "stance_a", "stance_b", "relation", "n_relation", "components", "evidence",
        "index_cues", "verdict_cues", "position_agreement", "positions", "tone_a", "tone_b",
    ]  # fmt: skip
    assert sorted(table.index) == [
        "afghanistan", "china_cpec", "defense", "israel_palestine", "kashmir", "trade_investment"
    ]  # fmt: skip
    assert set(table["group"]) == {"all"}


def test_verdicts_on_hand_made_frame(table):
    assert table.loc["defense", "verdict"] == "convergent"
    # one sentence per side: half the resamples lose a side, so the interval reaches 0 (see next test)
    assert table.loc["china_cpec", "verdict"] == "insufficient"
    # three sentences, one per side and one contrast: 7% of resamples hold neither the contrast nor both
    # sides, so the interval reaches 0 and the verdict waits for more evidence
    assert table.loc["israel_palestine", "verdict"] == "insufficient"
    assert table.loc["afghanistan", "verdict"] == "mixed"
    assert table.loc["kashmir", "verdict"] == "insufficient"
    assert table.loc["trade_investment", "verdict"] == "insufficient"


def test_gap_is_signed_geometric_mean_of_mean_stances(table):
    # USA -0.7 on CHN, PAK +0.8 on CHN -> -sqrt(0.56)
    comp = table.loc["china_cpec", "components"]
    assert comp["gap"] == pytest.approx(-np.sqrt(0.7 * 0.8))
    assert comp["gap_objects"] == ["CHN"]
    assert table.loc["china_cpec", "index"] == pytest.approx(-np.sqrt(0.56))


def test_index_combines_components_with_sqrt_n_weights(table):
    comp = table.loc["afghanistan", "components"]
    assert comp["directed"] == pytest.approx(0.0) and comp["n_directed"] == 2
    comp = table.loc["israel_palestine", "components"]
    # USA +0.6 on ISR (the "whereas" sentence is relation evidence only), PAK -0.6; relation -1
    assert comp["gap"] == pytest.approx(-0.6)
    assert comp["relation"] == pytest.approx(-1.0)
    assert table.loc["israel_palestine", "index"] == pytest.approx((1.0 * -0.6 + 1.0 * -1.0) / 2)
    comp = table.loc["defense", "components"]
    # directed: USA +0.6, PAK +0.5, USA +0.7 (n=3); relation +0.5 (n=1)
    d = (0.6 + 0.5 + 0.7) / 3
    expected = (np.sqrt(3) * d + 1.0 * 0.5) / (np.sqrt(3) + 1.0)
    assert table.loc["defense", "index"] == pytest.approx(expected)


def test_reasons_say_why(table):
    assert table.loc["kashmir", "reason"].startswith("only PAK states a position (1 sentence(s)); USA none")
    assert "no sentence on this issue states a position" in table.loc["trade_investment", "reason"]
    assert "agreeing" in table.loc["afghanistan", "reason"]
    assert table.loc["defense", "reason"].startswith("index >= +0.15")
    assert "thin evidence: the interval rests on 2 sentence(s) only" in table.loc["china_cpec", "reason"]
    assert table.loc["china_cpec", "components"]["n_units"] == 2
    assert "rests on 2 document(s) only" in table.loc["defense", "reason"]  # two documents: cluster units


def test_counts_and_means(table):
    row = table.loc["israel_palestine"]
    assert (row["n_a"], row["n_b"], row["n_relation"]) == (1, 1, 1)
    assert row["stance_a"] == pytest.approx(0.6)
    assert row["stance_b"] == pytest.approx(-0.6)
    assert row["relation"] == pytest.approx(-1.0)


def test_evidence_keeps_sentence_and_cues_strongest_first(table):
    usa = [e for e in table.loc["defense", "evidence"] if e["actor"] == "USA"]
    assert [(e["doc_id"], e["sent_id"]) for e in usa] == [("d2", 5), ("d1", 0)]  # |0.7| before |0.6|
    ev = table.loc["israel_palestine", "evidence"]
    rel = [e for e in ev if e["kind"] == "relation"]
    assert rel and rel[0]["cues"] == ["whereas"]
    for e in ev:
        assert {"actor", "doc_id", "sent_id", "text", "stance", "cues", "holder", "weight"} <= set(e)


def test_top_evidence_limits_per_actor(tagged):
    t = convergence(tagged, issues=["defense"], top_evidence=1, n_boot=0)
    ev = t.loc[0, "evidence"]
    assert sum(e["actor"] == "USA" for e in ev) == 1


def test_ci_contains_index_and_is_deterministic(tagged):
    a = convergence(tagged, n_boot=200, seed=3)
    b = convergence(tagged, n_boot=200, seed=3)
    pd.testing.assert_frame_equal(
        a.drop(columns=["components", "evidence"]), b.drop(columns=["components", "evidence"])
    )
    ok = a.dropna(subset=["ci_low"])
    assert len(ok) >= 4
    assert ((ok["ci_low"] <= ok["index"] + 1e-9) & (ok["index"] <= ok["ci_high"] + 1e-9)).all()


def test_cluster_bootstrap_by_document_when_several_docs(tagged):
    two_docs = tagged.copy()
    two_docs.loc[two_docs["sent_id"] == 1, "doc_id"] = "d3"
    t = convergence(two_docs, issues=["afghanistan"], n_boot=50).iloc[0]
    assert t["components"]["bootstrap_unit"] == "document"
    t = convergence(tagged, issues=["afghanistan"], n_boot=50).iloc[0]
    assert t["components"]["bootstrap_unit"] == "sentence"


def test_by_year_and_source_and_doc(tagged):
    t = convergence(tagged, by="year", n_boot=0)
    assert set(t["group"]) == {"2023", "2024"}
    assert set(t.loc[t["issue"] == "defense", "group"]) == {"2023", "2024"}
    t = convergence(tagged, by="source", n_boot=0)
    assert set(t["group"]) == {"Gazette", "Courier"}
    t = convergence(tagged, by="doc", n_boot=0)
    assert set(t["group"]) == {"d1", "d2"}
    t = convergence(tagged, by="decade", n_boot=0)
    assert set(t["group"]) == {"2020s"}
    t = convergence(tagged, by="month", n_boot=0)
    assert set(t["group"]) == {"2023-05", "2024-02"}


def test_undated_rows_group_as_unknown(tagged):
    t = tagged.assign(date=pd.NaT, year=pd.array([pd.NA] * len(tagged), dtype="Int64"))
    assert set(convergence(t, by="year", n_boot=0)["group"]) == {"unknown"}


def test_issue_requested_but_absent_is_insufficient(tagged):
    t = convergence(tagged, issues=["nuclear", "defense"], n_boot=0).set_index("issue")
    assert t.loc["nuclear", "verdict"] == "insufficient"
    assert t.loc["nuclear", "reason"] == "no sentence is tagged with this issue"
    assert t.loc["defense", "verdict"] == "convergent"


def test_thresholds_override(tagged):
    t = convergence(tagged, issues=["defense"], thresholds={"threshold": 0.9}, n_boot=0).iloc[0]
    assert t["verdict"] == "insufficient"  # all agreeing but below the threshold: too weak, not mixed
    assert "signal too weak" in t["reason"]
    t = convergence(tagged, issues=["china_cpec"], thresholds={"min_evidence": 5}, n_boot=0).iloc[0]
    assert t["verdict"] == "insufficient" and t["reason"].startswith("too little evidence")


def test_swapping_actors_keeps_index_and_swaps_counts(tagged):
    a = convergence(tagged, n_boot=0).set_index("issue")
    b = convergence(tagged, actors=("PAK", "USA"), n_boot=0).set_index("issue")
    ok = a["index"].notna()
    assert np.allclose(a.loc[ok, "index"], b.loc[ok, "index"])
    assert (a["n_a"] == b["n_b"]).all()


def test_inputs_not_mutated(tagged):
    before = tagged.copy(deep=True)
    convergence(tagged, n_boot=10)
    pd.testing.assert_frame_equal(before, tagged)


def test_inherited_issue_sentences_weigh_less(tagged):
    t = tagged.copy()
    t.loc[(t["doc_id"] == "d2") & (t["sent_id"] == 6), "issue_source"] = "inherited"
    comp = convergence(t, issues=["israel_palestine"], n_boot=0).iloc[0]["components"]
    assert comp["gap"] == pytest.approx(-0.6)
    assert comp["n_gap"] == pytest.approx(np.sqrt(0.5 * 1.0), abs=1e-3)
    t.loc[(t["doc_id"] == "d1") & (t["sent_id"] == 0), "issue_source"] = "inherited"
    comp = convergence(t, issues=["defense"], n_boot=0).iloc[0]["components"]
    assert comp["directed"] == pytest.approx((0.6 * 0.5 + 0.5 + 0.7) / 2.5)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"actors": ("USA",)}, "two different actor codes"),
        ({"actors": ("USA", "USA")}, "two different actor codes"),
        ({"by": "week"}, "by must be one of"),
        ({"thresholds": {"treshold": 0.2}}, "unknown threshold"),
        ({"thresholds": {"threshold": "high"}}, "must be a number"),
        ({"n_boot": -1}, "n_boot"),
    ],
)
def test_bad_options_raise_clear_errors(tagged, kwargs, message):
    with pytest.raises(MeasureError, match=message):
        convergence(tagged, **kwargs)


def test_bad_frame_raises():
    with pytest.raises(MeasureError, match="lacks column"):
        convergence(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(MeasureError, match="DataFrame"):
        convergence([{"text": "x"}])


def test_thresholds_yaml_file(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text("threshold: 0.3\nweights: {relation: 2}\n", encoding="utf-8")
    t = load_thresholds(p)
    assert t["threshold"] == 0.3 and t["weights"] == {"gap": 1.0, "directed": 1.0, "relation": 2.0}
    p.write_text("threshold: [\n", encoding="utf-8")
    with pytest.raises(MeasureError, match="not valid YAML"):
        load_thresholds(p)


def test_parquet_style_array_cells(tagged):
    t = tagged.copy()
    for col in ("issues", "targets", "actors", "stance_cues", "relation_cues"):
        t[col] = t[col].map(np.array)
    a = convergence(tagged, n_boot=0)
    b = convergence(t, n_boot=0)
    assert list(a["verdict"]) == list(b["verdict"])


def test_empty_frame_gives_empty_table(tagged):
    assert convergence(tagged.iloc[:0], n_boot=0).empty


def _directed_docs(n_neg: int, n_pos: int) -> pd.DataFrame:
    rows = []
    for i in range(n_neg + n_pos):
        neg = i < n_neg
        rows.append(
            {
                "doc_id": f"doc{i}",
                "sent_id": 0,
                "text": "Washington pressed Islamabad." if neg else "Washington thanked Islamabad.",
                "issues": ["ifis"],
                "holder": "USA",
                "targets": ["PAK"],
                "actors": ["USA", "PAK"],
                "stance": -0.9 if neg else 0.3,
                "stance_cues": ["pressed"] if neg else ["thanked"],
                "relation": 0.0,
                "relation_cues": [],
            }
        )
    return pd.DataFrame(rows)


def test_evidence_both_ways_is_mixed_until_the_interval_settles_it():
    few = convergence(_directed_docs(4, 2), n_boot=1000).iloc[0]
    many = convergence(_directed_docs(70, 30), n_boot=1000).iloc[0]
    assert few["index"] == pytest.approx((-0.9 * 4 + 0.3 * 2) / 6)
    assert many["index"] == pytest.approx((-0.9 * 70 + 0.3 * 30) / 100)
    # the verdict follows the invariants: divergent <=> index <= -threshold and the interval below 0
    for row in (few, many):
        assert row["verdict"] == ("divergent" if row["ci_high"] < 0 else "mixed")
    assert "despite evidence both ways" in many["reason"]
    assert many["ci_high"] < -0.15
    assert "thin evidence" not in many["reason"] and many["components"]["n_units"] == 100


def test_one_sided_request_is_not_agreement_but_one_sided_pressure_is_divergence():
    # a mild one-sided cue (a request) is no agreement; a clear act (thanking) would be, by itself
    frame = _directed_docs(0, 3).assign(holder="PAK", targets=[["USA"]] * 3, stance=0.3)
    row = convergence(frame, n_boot=100).iloc[0]
    assert row["verdict"] == "insufficient"
    assert row["reason"].startswith("only PAK states a position (3 sentence(s)")
    assert "agreement needs both sides" in row["reason"]
    row = convergence(_directed_docs(3, 0), n_boot=100).iloc[0]
    assert row["verdict"] == "divergent" and row["n_b"] == 0


def test_pooled_gap_fallback_only_when_switched_on(tagged):
    t = tagged.copy()
    # PAK's stance on Israel becomes a stance on the issue as such: no object in common with the US
    t.loc[(t["doc_id"] == "d2") & (t["sent_id"] == 4), "targets"] = pd.Series([[]], index=t.index[[11]])
    off = convergence(t, issues=["israel_palestine"], n_boot=0).iloc[0]["components"]
    assert "gap" not in off and off["gap_objects"] == []
    on = convergence(t, issues=["israel_palestine"], n_boot=0, thresholds={"pooled_gap_weight": 0.5}).iloc[0]
    assert on["components"]["gap_objects"] == ["(pooled)"]
    assert on["components"]["gap"] == pytest.approx(-0.6)
    assert on["components"]["n_gap"] == pytest.approx(0.5)


def test_thresholds_lists_and_switches_are_checked():
    t = load_thresholds({"contrast_words": ["whereas"], "relation_pair_check": False})
    assert t["contrast_words"] == ("whereas",) and t["relation_pair_check"] is False
    with pytest.raises(MeasureError, match="list of words"):
        load_thresholds({"contrast_words": "whereas"})
    with pytest.raises(MeasureError, match="true or false"):
        load_thresholds({"relation_pair_check": "yes"})


def _contrast_sentences(n: int, *, docs: bool = False) -> pd.DataFrame:
    rows = [
        {
            "doc_id": f"c{i}" if docs else "c0",
            "sent_id": i,
            "text": "Washington backs the plan, whereas Islamabad rejects it.",
            "issues": ["israel_palestine"],
            "holder": None,
            "targets": [],
            "actors": ["USA", "PAK"],
            "stance": 0.0,
            "stance_cues": [],
            "relation": -0.6,
            "relation_cues": ["whereas"],
        }
        for i in range(n)
    ]
    return pd.DataFrame(rows)


def test_one_clear_directed_act_carries_a_verdict_flagged_thin():
    frame = _directed_docs(1, 0)
    one = convergence(frame, n_boot=200).iloc[0]
    assert one["verdict"] == "divergent" and one["components"]["directed_alone"]
    assert "thin evidence" in one["reason"] and "a directed act the text does not contradict" in one["reason"]
    off = convergence(frame, n_boot=200, thresholds={"directed_alone": 0, "min_evidence": 1}).iloc[0]
    assert off["verdict"] == "insufficient"
    assert off["reason"].startswith("thin evidence: the index rests on 1 sentence(s) (minimum 2)")
    assert off["index"] == pytest.approx(frame["stance"].iloc[0])  # the index is still reported
    weak = convergence(frame.assign(stance=-0.3), n_boot=200, thresholds={"min_evidence": 1}).iloc[0]
    assert weak["verdict"] == "insufficient"  # a weak cue is not a clear act
    # acts against the other side are clear from directed_alone_against (0.35), acts for it from 0.5
    concern = convergence(frame.assign(stance=-0.4), n_boot=200).iloc[0]
    assert concern["verdict"] == "divergent" and concern["components"]["directed_alone"]
    provide = convergence(frame.assign(stance=0.4), n_boot=200).iloc[0]
    assert provide["verdict"] == "insufficient"


def test_an_explicit_relation_sentence_carries_a_verdict_flagged_thin():
    one = convergence(_contrast_sentences(1), n_boot=200).iloc[0]
    assert one["verdict"] == "divergent" and one["index"] == pytest.approx(-0.6)
    assert "thin evidence: the interval rests on 1 sentence(s) only" in one["reason"]
    strict = convergence(_contrast_sentences(1), n_boot=200, thresholds={"min_units_relation": 2}).iloc[0]
    assert strict["verdict"] == "insufficient"
    assert strict["reason"].startswith("thin evidence: the index rests on 1 sentence(s) (minimum 2)")
    two = convergence(_contrast_sentences(2), n_boot=200).iloc[0]
    assert two["verdict"] == "divergent" and two["components"]["n_units_used"] == 2


def _parallel(n_us: int, n_pk: int, *, docs: bool = False) -> pd.DataFrame:
    """One article (or a document per sentence) in which the US and Pakistan each condemn a strike."""
    rows = [
        {
            "doc_id": f"p{i}" if docs else "p0",
            "sent_id": i,
            "text": f"{who} condemned Israel's strike.",
            "issues": ["israel_palestine"],
            "holder": who,
            "targets": ["ISR"],
            "actors": [who, "ISR"],
            "stance": -0.7,
            "stance_cues": ["condemn"],
            "relation": 0.0,
            "relation_cues": [],
        }  # fmt: skip
        for i, who in enumerate(["USA"] * n_us + ["PAK"] * n_pk)
    ]
    return pd.DataFrame(rows)


def test_an_articles_sentences_are_resampled_side_by_side():
    # both sides condemn the same strike: a replicate of the article still reports both sides
    two = convergence(_parallel(2, 3), by="doc", n_boot=400).iloc[0]
    assert two["verdict"] == "convergent" and two["ci_low"] > 0
    # one sentence on a side is too fragile for a tight interval
    one = convergence(_parallel(1, 3), by="doc", n_boot=400).iloc[0]
    assert one["verdict"] == "insufficient" and one["ci_low"] == 0
    # documents are resampled together: a set of speeches may lack one side's
    apart = convergence(_parallel(2, 3, docs=True), n_boot=400).iloc[0]
    assert apart["components"]["bootstrap_unit"] == "document" and apart["ci_low"] == 0


def test_units_are_documents_when_several_documents_are_resampled():
    # many US sentences on the issue in many documents, but the index rests on one document
    frame = pd.concat(
        [
            _contrast_sentences(1, docs=True).assign(relation=0.6, relation_cues=[["common ground"]]),
            _directed_docs(0, 5).assign(issues=[["israel_palestine"]] * 5, targets=[["ISR"]] * 5),
        ],
        ignore_index=True,
    )
    row = convergence(frame, n_boot=200, thresholds={"min_units_relation": 2}).iloc[0]
    assert row["n_a"] == 5 and row["components"]["bootstrap_unit"] == "document"
    assert row["verdict"] == "insufficient"
    assert "rests on 1 document(s) (minimum 2)" in row["reason"]


def test_verdict_needs_the_interval_beyond_the_margin():
    frame = _directed_docs(4, 0).assign(stance=[-0.9, -0.4, -0.8, -0.5])
    row = convergence(frame, n_boot=500).iloc[0]
    assert row["verdict"] == "divergent" and row["ci_high"] < 0
    assert "below -0.00" in row["reason"]
    strict = convergence(frame, n_boot=500, thresholds={"ci_margin": 0.5}).iloc[0]
    assert strict["ci_high"] > -0.5
    assert strict["verdict"] == "insufficient"
    assert "does not lie wholly beyond +0.50: direction not settled" in strict["reason"]
    no_ci = convergence(frame, n_boot=0).iloc[0]
    assert no_ci["verdict"] == "divergent" and "no interval computed" in no_ci["reason"]


def test_agreement_needs_enough_sentences_on_each_side():
    rows = [
        {"doc_id": "s", "sent_id": i, "text": "x", "issues": ["china_cpec"], "holder": holder,
         "targets": ["CHN"], "actors": [holder, "CHN"], "stance": 0.6, "stance_cues": ["welcome"],
         "relation": 0.0, "relation_cues": []}
        for i, holder in enumerate(["USA", "USA", "USA", "PAK"])
    ]  # fmt: skip
    frame = pd.DataFrame(rows)
    row = convergence(frame, n_boot=0).iloc[0]
    assert row["verdict"] == "convergent"
    assert (row["components"]["n_side_a"], row["components"]["n_side_b"]) == (3, 1)
    strict = convergence(frame, n_boot=0, thresholds={"min_side": 2}).iloc[0]
    assert strict["verdict"] == "insufficient"
    assert strict["reason"].startswith(
        "agreement needs both sides: PAK has 1 sentence(s) in the index (minimum 2"
    )


@pytest.mark.parametrize(
    "bad, message",
    [({"min_units": 0}, "min_units"), ({"ci_margin": 1.5}, "ci_margin"), ({"min_side": "x"}, "number")],
)
def test_new_thresholds_are_checked(bad, message):
    with pytest.raises(MeasureError, match=message):
        load_thresholds(bad)


def test_resamples_that_lose_a_side_count_as_no_signal(table):
    row = table.loc["china_cpec"]
    assert row["index"] == pytest.approx(-np.sqrt(0.56))
    assert row["ci_high"] == 0.0 and row["components"]["boot_undefined"] > 0.3
    assert "does not lie wholly beyond +0.00: direction not settled" in row["reason"]
    # with the same stances repeated in more documents the interval settles
    many = pd.concat([tagged_small()[lambda f: f["issues"].map(lambda c: "china_cpec" in c)]] * 1)
    frames = [many.assign(doc_id=many["doc_id"] + f"-{k}") for k in range(6)]
    row = convergence(pd.concat(frames, ignore_index=True), issues=["china_cpec"], n_boot=500).iloc[0]
    assert row["verdict"] == "divergent" and row["ci_high"] < 0


@settings(max_examples=60, deadline=None)
@given(
    stances=st.lists(
        st.floats(min_value=-1, max_value=1).filter(lambda x: abs(x) > 0.01), min_size=1, max_size=10
    ),
    seed=st.integers(0, 5),
    by=st.sampled_from(["corpus", "doc"]),
)
def test_verdicts_obey_their_invariants(stances, seed, by):
    """convergent <=> index >= threshold and ci_low > ci_margin; divergent <=> index <= -threshold and
    ci_high < -ci_margin; mixed only with evidence both ways; never a verdict against its own interval."""
    frame = _directed_docs(len(stances), 0).assign(stance=stances)
    if by == "doc":
        frame = frame.assign(doc_id="one", sent_id=range(len(stances)))
    settings_ = load_thresholds()
    t, m = settings_["threshold"], settings_["ci_margin"]
    for row in convergence(frame, n_boot=200, seed=seed, by=by).itertuples():
        up = row.index >= t and row.ci_low > m
        down = row.index <= -t and row.ci_high < -m
        if row.verdict == "convergent":
            assert up
        elif row.verdict == "divergent":
            assert down
        elif row.verdict == "mixed":
            assert not up and not down
            assert any(s > 0 for s in stances) and any(s < 0 for s in stances)


def test_several_one_way_acts_of_which_one_is_clear_carry_a_verdict():
    # one side only: a clear act (0.6) beside a milder one (0.3), both toward the other side
    frame = _directed_docs(0, 2).assign(holder="PAK", targets=[["USA"]] * 2, stance=[0.6, 0.3])
    row = convergence(frame, n_boot=200).iloc[0]
    assert row["verdict"] == "convergent" and row["components"]["directed_alone"]
    # two mild acts are no agreement; acts pointing both ways are not "alone"
    mild = convergence(frame.assign(stance=[0.3, 0.3]), n_boot=200).iloc[0]
    assert mild["verdict"] == "insufficient"
    both = convergence(frame.assign(stance=[0.6, -0.3]), n_boot=200).iloc[0]
    assert not both["components"].get("directed_alone", False)
