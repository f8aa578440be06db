"""Charts take measure-shaped frames and return titled Figures that draw what the frame holds."""

import numpy as np
import pandas as pd
import pytest
from convergence import charts
from fixtures.charts.frames import evidence as _evidence
from matplotlib.figure import Figure


def _conv(groups=("corpus",)):
    rows = []
    specs = [
        ("kashmir", 0.55, 0.30, 0.80, "convergent", 9, 7),
        ("afghanistan", -0.40, -0.70, -0.10, "divergent", 12, 10),
        ("trade_investment", 0.05, -0.35, 0.45, "mixed", 5, 6),
        ("nuclear", np.nan, np.nan, np.nan, "insufficient", 2, 0),
    ]
    for g in groups:
        for issue, idx, lo, hi, verdict, na, nb in specs:
            rows.append(
                dict(
                    issue=issue,
                    group=g,
                    index=idx,
                    ci_low=lo,
                    ci_high=hi,
                    verdict=verdict,
                    reason=f"{verdict} because of test rows",
                    n_a=na,
                    n_b=nb,
                    stance_a=0.3 if na else np.nan,
                    stance_b=-0.2 if nb else np.nan,
                    relation=0.0,
                    n_relation=1,
                    evidence=[],
                )
            )
    return pd.DataFrame(rows)


def _titles(fig: Figure) -> str:
    texts = [fig._suptitle.get_text() if fig._suptitle else ""]
    texts += [ax.get_title(loc="left") + ax.get_title() for ax in fig.axes]
    return " ".join(texts)


def test_convergence_chart_has_title_labels_and_counts():
    fig = charts.convergence_chart(_conv(), note="n = 40 sentences; sources: Example Post")
    assert "converge" in _titles(fig)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [
        charts.issue_label(i) for i in ("nuclear", "afghanistan", "trade_investment", "kashmir")
    ]
    texts = [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]
    assert any("n=9/7" in t for t in texts)
    assert any("Example Post" in t for t in texts)
    assert all(ax.get_xlabel() for ax in fig.axes)
    fig.savefig(__import__("io").BytesIO(), format="png")


def test_verdict_colours_come_from_the_okabe_ito_palette():
    assert set(charts.VERDICT_COLORS) == set(charts.VERDICTS)
    assert set(charts.VERDICT_COLORS.values()) <= set(charts.OKABE_ITO.values())
    assert len(set(charts.VERDICT_COLORS.values())) == 4


def test_heatmaps_and_timeline_draw_groups():
    conv = _conv(groups=("2020", "2021", "2022"))
    fig = charts.convergence_heatmap(conv)
    ax = fig.axes[0]
    assert "group" in _titles(fig)
    assert ax.images[0].get_array().shape == (4, 3)  # issues x groups
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "2021", "2022"]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == charts.issue_label("kashmir")  # most convergent
    assert [t.get_text() for t in ax.texts].count("+0.55") == 3  # kashmir's index in each group's cell
    tl = charts.timeline(conv, issue="kashmir")
    assert "Kashmir" in _titles(tl)
    assert tl.axes[0].get_ylabel() == "convergence index"
    assert list(tl.axes[0].lines[0].get_ydata()) == [0.55, 0.55, 0.55]  # one point per year
    sal = pd.DataFrame(
        {
            "issue": ["kashmir", "kashmir", "afghanistan"],
            "group": ["2020", "2021", "2021"],
            "actor": [None, None, None],
            "n_sentences": [3, 5, 2],
            "n_total": [30, 25, 25],
            "share": [0.1, 0.2, 0.08],
        }
    )
    fig = charts.salience_heatmap(sal)
    ax = fig.axes[0]
    assert "salience" in _titles(fig)
    assert ax.images[0].get_array().tolist() == [[0.1, 0.2], [0.0, 0.08]]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        charts.issue_label(i) for i in ("kashmir", "afghanistan")
    ]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "2021"]
    fig = charts.salience_timeline(sal)
    ax = fig.axes[0]
    assert not ax.texts or "too thin" not in ax.texts[0].get_text()
    assert sorted(line.get_label() for line in ax.lines) == sorted(
        charts.issue_label(i) for i in ("kashmir", "afghanistan")
    )
    assert sorted(len(line.get_ydata()) for line in ax.lines) == [1, 2]


def test_a_timeline_of_thin_periods_says_so_instead_of_drawing_shares():
    sal = pd.DataFrame(
        {"issue": ["kashmir"] * 2, "group": ["2020", "2021"], "actor": [None] * 2,
         "n_sentences": [3, 5], "n_total": [10, 10], "share": [0.3, 0.5]}
    )  # fmt: skip
    ax = charts.salience_timeline(sal).axes[0]
    assert ax.lines == [] or len(ax.lines) == 0
    assert "too thin" in ax.texts[0].get_text()


def test_timeline_on_undated_groups_says_so():
    fig = charts.timeline(_conv(groups=("undated",)), issue="kashmir")
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "no dates" in texts


def test_decade_groups_are_a_time_axis():
    fig = charts.timeline(_conv(groups=("1990s", "2000s")), issue="afghanistan")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert not any("not periods" in t for t in texts)
    assert all(t.isdigit() for t in texts)  # each point is labelled with its n
    xs = fig.axes[0].lines[0].get_xdata()
    assert len(xs) == 2


def _thin_conv(n_issues: int):
    rows = []
    for k in range(n_issues):
        for g in ("2016-03", *(f"2025-{m:02d}" for m in range(1, 7))):
            thin = g < "2025"
            rows.append(
                {
                    "issue": f"issue_{k}",
                    "group": g,
                    "index": 1.0 if thin else 0.1 * (k % 5),
                    "ci_low": -0.5,
                    "ci_high": 0.5,
                    "verdict": "insufficient" if thin else "mixed",
                    "n_a": 1 if thin else 12,
                    "n_b": 1 if thin else 9,
                    "n_relation": 0,
                }
            )
    return pd.DataFrame(rows)


def test_timeline_keeps_thin_old_periods_out_of_the_span_and_labels_n():
    fig = charts.timeline(_thin_conv(1))
    ax = fig.axes[0]
    lo, _hi = ax.get_xlim()
    import matplotlib.dates as mdates

    assert mdates.num2date(lo).year >= 2024  # the 2016 stray period does not stretch the axis
    assert "2016-03 (n=2)" in fig._supxlabel.get_text().replace("\n", " ")  # listed in the note
    assert [t.get_text() for t in ax.texts] == ["21"] * 6


def test_many_issues_are_small_multiples_not_repeated_colours():
    fig = charts.timeline(_thin_conv(10))
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.get_title(loc="left")]
    assert len(panels) == 10
    assert len({ax.get_title(loc="left") for ax in panels}) == 10
    sal = pd.DataFrame(
        [
            {"issue": f"i{k}", "group": g, "actor": "USA", "n_sentences": 3, "n_total": n, "share": 3 / n}
            for k in range(10)
            for g, n in (("2016", 2), ("2024", 40), ("2025", 50))
        ]
    )
    fig = charts.salience_timeline(sal, issues=[f"i{k}" for k in range(10)])
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 10  # more than eight issues: one panel each
    assert all(len(ax.lines) == 1 for ax in panels)
    assert "2016 (n=2)" in fig._supxlabel.get_text().replace("\n", " ")
    fig = charts.salience_timeline(sal, issues=["i0", "i1"])
    colours = [line.get_color() for line in fig.axes[0].lines]
    assert len(set(colours)) == 2


def test_stance_keyness_sources_and_articles():
    ev = _evidence()
    fig = charts.stance_distribution(ev, issue="kashmir")
    assert [ax.get_title() for ax in fig.axes] == ["USA   n = 2, mean +0.05", "PAK   n = 1, mean -0.40"]
    key = pd.DataFrame(
        {
            "term": ["sanctions", "partnership", "sovereignty"],
            "actor": ["USA", "USA", "PAK"],
            "log_odds": [1.5, 0.9, -1.2],
            "z": [2.0, 1.1, -1.9],
            "count_a": [4, 3, 0],
            "count_b": [0, 1, 5],
        }
    )
    fig = charts.keyness_chart(key)
    assert [ax.get_title() for ax in fig.axes] == ["USA", "PAK"]
    src = _conv(groups=("Example Post", "Example Times"))
    fig = charts.source_comparison(src, issue="kashmir")
    assert len(fig.axes[0].get_yticklabels()) == 2
    arts = pd.DataFrame(
        {
            "doc_id": list("abcd"),
            "date": pd.to_datetime(["2021-01-05", "2021-01-20", "2021-03-01", None]),
            "publisher": ["P1", "P2", "P1", "P1"],
        }
    )
    fig = charts.articles_over_time(arts)
    assert "n = 3" in fig.axes[0].get_title(loc="left")
    assert any("1 undated" in t.get_text() for t in fig.texts)


def test_charts_reject_frames_without_the_columns():
    with pytest.raises(ValueError, match="lacks column"):
        charts.convergence_chart(pd.DataFrame({"issue": ["x"]}))
    with pytest.raises(TypeError):
        charts.timeline([1, 2, 3])


def test_empty_frames_give_a_message_not_an_error():
    empty = _conv().iloc[0:0]
    for fn, message in (
        (charts.convergence_chart, "No issue area to show."),
        (charts.convergence_heatmap, "No issue area to show."),
        (charts.timeline, "No dated sentences"),
    ):
        fig = fn(empty)
        assert len(fig.axes) == 1 and not fig.axes[0].axison  # a message, no axes drawn
        assert [t.get_text() for t in fig.axes[0].texts][0].startswith(message)
        assert "USA–PAK" in _titles(fig)


def test_figure_to_data_uri():
    uri = charts.figure_to_data_uri(charts.message_figure("hello"))
    assert uri.startswith("data:image/png;base64,") and len(uri) > 200
