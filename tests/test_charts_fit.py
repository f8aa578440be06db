"""Every chart fits its figure: the report shows a chart as its whole canvas (no tight bounding box that
would grow the image around a title, label, legend or note drawn past the edge), so nothing may lie outside.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from convergence import charts
from fixtures.charts.frames import evidence as _evidence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_charts import _conv, _thin_conv  # noqa: E402

LONG_POLES = {
    "nuclear/universal-restraint": (
        "universal non-proliferation and restraint",
        "discriminatory regime and deterrence",
    ),
    "refugees/protection-security": ("protection and voluntary return", "illegal presence and security"),
    "kashmir/bilateral": ("internationalise", "bilateral"),
}


def _outside(fig) -> dict[str, float]:
    """How far (inches) the figure's artists reach past each edge, once laid out as it is drawn."""
    fig.draw_without_rendering()
    box = fig.get_tightbbox()
    width, height = fig.get_size_inches()
    over = {"left": -box.x0, "bottom": -box.y0, "right": box.x1 - width, "top": box.y1 - height}
    return {edge: round(v, 2) for edge, v in over.items() if v > 0.01}


def _salience(groups, issues=("kashmir", "afghanistan", "ifis", "trade_investment")):
    return pd.DataFrame(
        [
            {
                "issue": i,
                "group": g,
                "actor": None,
                "n_sentences": 3 + k,
                "n_total": 40,
                "share": (3 + k) / 40,
            }
            for k, i in enumerate(issues)
            for g in groups
        ]
    )


def _positions(panels: dict, groups=("2021", "2022")) -> pd.DataFrame:
    rows = [
        {
            "issue": key.split("/")[0],
            "dimension": key.split("/")[1],
            "group": g,
            "actor": actor,
            "position": 0.2 * j - 0.1,
            "ci_low": -0.3,
            "ci_high": 0.4,
            "n": 5,
        }  # fmt: skip
        for key in panels
        for g in groups
        for j, actor in enumerate(("USA", "PAK"))
    ]
    frame = pd.DataFrame(rows)
    frame.attrs["poles"] = dict(panels)
    return frame


def _charts():
    note = "n = 1,234 sentences; 56 articles; 2021-01-01 to 2025-12-31; sources: Example Post, Example Times"
    months = [f"2024-{m:02d}" for m in range(1, 13)] + [f"2025-{m:02d}" for m in range(1, 13)]
    yield "convergence chart", charts.convergence_chart(_conv(), note=note)
    yield "heatmap, one group", charts.convergence_heatmap(_conv(groups=("corpus",)), note=note)
    yield "heatmap, 24 months", charts.convergence_heatmap(_conv(groups=months), note=note)
    for n in (1, 2):
        conv = _conv(groups=("2021", "2022")).head(2 * n)
        yield f"heatmap, {n} issue(s)", charts.convergence_heatmap(conv, note=note)
        sal = _salience(["2021"], issues=("kashmir", "ifis")[:n])
        yield f"salience, {n} issue(s)", charts.salience_heatmap(sal, note=note)
    yield "salience, two groups", charts.salience_heatmap(_salience(["2021-09", "unknown"]), note=note)
    yield "salience, 45 groups", charts.salience_heatmap(_salience([f"g{k:02d}" for k in range(45)]))
    yield "salience over time", charts.salience_timeline(_salience(months), note=note)
    yield "timeline", charts.timeline(_conv(groups=("2020", "2021", "2022")), issue="kashmir", note=note)
    yield "timeline panels", charts.timeline(_thin_conv(10), note=note)
    yield "stance", charts.stance_distribution(_evidence(), issue="trade_investment", note=note)
    key = pd.DataFrame(
        {"term": ["sanctions", "partnership", "counterterrorism cooperation"], "actor": ["USA", "USA", "PAK"],
         "log_odds": [1.5, 0.9, -1.2], "count_a": [4, 3, 0], "count_b": [0, 1, 5]}
    )  # fmt: skip
    yield "keyness", charts.keyness_chart(key, issue="ifis", note=note)
    sources = _conv(groups=("Dawn", "Associated Press of Pakistan", "The White House Press Office"))
    yield "sources", charts.source_comparison(sources, issue="kashmir", note=note)
    yield "sources, every issue", charts.source_comparison(sources, note=note)
    arts = pd.DataFrame(
        {"doc_id": list("abcd"), "publisher": ["Dawn", "APP", "Dawn", "Associated Press of Pakistan"],
         "date": pd.to_datetime(["2021-01-05", "2021-01-20", "2021-03-01", None])}
    )  # fmt: skip
    yield "articles", charts.articles_over_time(arts, by="month", note=note)
    tagged = pd.DataFrame(
        {"actors": [["USA", "PAK"], ["PAK", "IND", "AFG"], []], "holder": ["USA", "PAK", None]}
    )
    yield "actors", charts.actor_mentions(tagged, note=note)
    yield (
        "positions, one long panel",
        charts.position_chart(
            _positions({"nuclear/universal-restraint": LONG_POLES["nuclear/universal-restraint"]}), note=note
        ),
    )
    many = {f"issue{k}/dim{k}": LONG_POLES[list(LONG_POLES)[k % 3]] for k in range(16)}
    yield "positions, 16 panels", charts.position_chart(_positions(many, groups=("unknown",)))
    yield "message", charts.message_figure("No dated sentences: the corpus gives no dates for a timeline.")


def test_every_chart_lies_inside_its_figure():
    outside = {name: _outside(fig) for name, fig in _charts()}
    assert {name: o for name, o in outside.items() if o} == {}


def test_a_long_pole_label_is_wrapped_to_its_panel_and_keeps_both_poles():
    fig = charts.position_chart(
        _positions({"nuclear/universal-restraint": LONG_POLES["nuclear/universal-restraint"]})
    )
    label = fig.axes[0].get_ylabel()
    lines = label.split("\n")
    assert len(lines) > 1 and max(map(len, lines)) <= 34
    assert lines[0].startswith("- discriminatory") and lines[-1].endswith("restraint +")
    words = "- discriminatory regime and deterrence universal non-proliferation and restraint +"
    assert " ".join(lines) == words
    short = charts.position_chart(_positions({"kashmir/bilateral": LONG_POLES["kashmir/bilateral"]}))
    assert short.axes[0].get_ylabel() == "- bilateral  |  internationalise +"
    assert np.isfinite(fig.get_size_inches()).all()
