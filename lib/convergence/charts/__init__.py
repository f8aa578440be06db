"""Charts (matplotlib figures) and HTML tables of the measure frames, all importable from here.

- :mod:`convergence.charts.figures`: the charts; each returns a titled, labelled matplotlib ``Figure``.
- :mod:`convergence.charts.tables`: HTML tables and cards; all article text escaped, cues in ``<mark>``.
- :mod:`convergence.charts.style`: the Okabe–Ito palette, verdict colours, issue labels and order and the
  source note they share.
- :mod:`convergence.charts.render`: a figure's PNG, laid out once and drawn once.

Each name is imported from its module when first used: the figures load matplotlib, which the issue labels
and order, the source note and the HTML tables (the report's data stage, its index) do not need.
"""

from __future__ import annotations

import importlib

_FIGURES = (
    "actor_mentions",
    "articles_over_time",
    "convergence_chart",
    "convergence_heatmap",
    "figure_to_data_uri",
    "keyness_chart",
    "message_figure",
    "position_chart",
    "position_section",
    "salience_heatmap",
    "salience_timeline",
    "source_comparison",
    "stance_distribution",
    "timeline",
)
_STYLE = (
    "OKABE_ITO",
    "VERDICT_COLORS",
    "VERDICTS",
    "actor_colors",
    "corpus_note",
    "issue_label",
    "issue_order",
    "set_issue_labels",
)
_TABLES = (
    "HTML",
    "convergence_table_html",
    "evidence_html",
    "highlight",
    "kwic_html",
    "position_evidence_html",
    "table_html",
    "verdict_badge",
    "verdict_card",
)
_MODULE = {
    **dict.fromkeys(_FIGURES, "convergence.charts.figures"),
    **dict.fromkeys(_STYLE, "convergence.charts.style"),
    **dict.fromkeys(_TABLES, "convergence.charts.tables"),
    "figure_png": "convergence.charts.render",
    "Figure": "matplotlib.figure",  # the type every chart returns
}

__all__ = sorted(name for name in _MODULE if name != "Figure")


def __getattr__(name: str):
    module = _MODULE.get(name)
    if module is None:
        raise AttributeError(f"module 'convergence.charts' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*__all__, "Figure"})
