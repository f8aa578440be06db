"""The position chart and the position evidence table (convergence.charts: figures and tables)."""

import sys
from pathlib import Path

from convergence import charts
from convergence.measure.positions import position_evidence, positions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_measure_positions import DIMS, SPACE, _frame  # noqa: E402


def test_position_chart_has_one_panel_per_dimension_with_both_actors_over_time():
    tagged = _frame("PAK", "USA")
    pos = positions(tagged, actors=("USA", "PAK"), by="decade", dimensions=DIMS, space=SPACE, n_boot=100)
    fig = charts.position_chart(pos, issue="israel_palestine", actors=("USA", "PAK"))
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["USA (n = 9)", "PAK (n = 9)"]
    assert "rights" in ax.get_ylabel() and "security" in ax.get_ylabel()
    empty = charts.position_chart(pos.iloc[:0], issue="kashmir")
    assert "no position to show" in empty.axes[0].texts[0].get_text()


def test_position_evidence_html_escapes_text_and_orders_by_pull():
    tagged = _frame("PAK", "USA")
    tagged.loc[0, "text"] = "<b>Settlements</b> and occupation."
    ev = position_evidence(tagged, issue="israel_palestine", dimensions=DIMS, space=SPACE)
    page = charts.position_evidence_html(ev)
    assert "<b>Settlements</b>" not in page and "&lt;b&gt;Settlements&lt;/b&gt;" in page
    assert page.index("toward rights") < page.index("toward security")
