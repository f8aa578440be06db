"""Charts (matplotlib figures) and HTML tables of the measure frames, all importable from here.

- :mod:`convergence.charts.figures`: the charts; each returns a titled, labelled matplotlib ``Figure``.
- :mod:`convergence.charts.tables`: HTML tables and cards; all article text escaped, cues in ``<mark>``.
- :mod:`convergence.charts.style`: the Okabe–Ito palette, verdict colours, issue labels and order they share.
"""

from __future__ import annotations

from matplotlib.figure import Figure  # noqa: F401 - the type every chart returns

from .figures import (
    actor_mentions,
    articles_over_time,
    convergence_chart,
    convergence_heatmap,
    corpus_note,
    figure_to_data_uri,
    keyness_chart,
    message_figure,
    position_chart,
    position_section,
    salience_heatmap,
    salience_timeline,
    source_comparison,
    stance_distribution,
    timeline,
)
from .style import (
    OKABE_ITO,
    VERDICT_COLORS,
    VERDICTS,
    actor_colors,
    issue_label,
    issue_order,
    set_issue_labels,
)
from .tables import (
    HTML,
    convergence_table_html,
    evidence_html,
    highlight,
    kwic_html,
    position_evidence_html,
    table_html,
    verdict_badge,
    verdict_card,
)

__all__ = [
    "OKABE_ITO",
    "VERDICT_COLORS",
    "VERDICTS",
    "HTML",
    "actor_colors",
    "corpus_note",
    "convergence_chart",
    "convergence_heatmap",
    "salience_heatmap",
    "stance_distribution",
    "timeline",
    "salience_timeline",
    "articles_over_time",
    "keyness_chart",
    "actor_mentions",
    "source_comparison",
    "message_figure",
    "highlight",
    "evidence_html",
    "table_html",
    "verdict_badge",
    "verdict_card",
    "convergence_table_html",
    "kwic_html",
    "figure_to_data_uri",
    "issue_label",
    "issue_order",
    "set_issue_labels",
    "position_chart",
    "position_evidence_html",
    "position_section",
]
