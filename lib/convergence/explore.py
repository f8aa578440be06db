"""Interactive exploration in JupyterLab: pick an issue area, two actors and a term; charts and KWIC update.

:func:`explorer` returns an ipywidgets box. Its first view is drawn at once, so a headless run (papermill)
shows the starting selection and raises no error; in JupyterLab the controls redraw it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure

import convergence as cv
from convergence import charts


def _as_list(cell) -> list:
    if cell is None or isinstance(cell, (str, bytes, float)):
        return [cell] if isinstance(cell, str) and cell else []
    try:
        return list(cell)
    except TypeError:
        return []


def _issues(tagged: pd.DataFrame) -> list[str]:
    counts: dict[str, int] = {}
    for cell in tagged["issues"]:
        for slug in _as_list(cell):
            counts[str(slug)] = counts.get(str(slug), 0) + 1
    return sorted(counts, key=lambda s: (-counts[s], s))


def _actors(tagged: pd.DataFrame, pair: Sequence[str]) -> list[str]:
    column = tagged["actors"] if "actors" in tagged.columns else []
    found = {str(a) for cell in column for a in _as_list(cell)}
    return sorted(found | set(pair))


def view(tagged: pd.DataFrame, *, issue: str, actors: Sequence[str] = ("USA", "PAK"), term: str = "") -> list:
    """The items the explorer shows for one selection: verdict card, stance chart, evidence, KWIC table."""
    actors = tuple(actors)
    if actors[0] == actors[1]:
        return [charts.HTML("<p>Pick two different actors.</p>")]
    result = cv.convergence(tagged, actors=actors, issues=[issue])
    ev = cv.evidence(tagged, issue=issue, actors=actors)
    lines = cv.kwic(tagged, term=term or None, issue=issue)
    return [
        charts.verdict_card(result, issue=issue, actors=actors),
        charts.stance_distribution(ev, actors=actors, issue=issue, note=charts.corpus_note(tagged)),
        charts.HTML(f"<h4>Keyword in context ({len(lines)} lines)</h4>"),
        charts.kwic_html(lines),
        charts.evidence_html(ev, actors=actors, tagged=tagged, max_rows=10),
    ]


def snapshot(
    tagged: pd.DataFrame, *, issue: str | None = None, actors: Sequence[str] = ("USA", "PAK"), term: str = ""
) -> charts.HTML:
    """The explorer's view for one selection as static HTML (charts embedded as images)."""
    issues = _issues(tagged)
    if not issues:
        return charts.HTML("<p>No sentence in this corpus matched an issue area.</p>")
    issue = issue if issue in issues else issues[0]
    parts = []
    for item in view(tagged, issue=issue, actors=actors, term=term):
        if isinstance(item, Figure):
            parts.append(f'<img alt="chart" style="max-width:100%" src="{charts.figure_to_data_uri(item)}">')
        else:
            parts.append(str(item))
    return charts.HTML("".join(parts))


def explorer(
    tagged: pd.DataFrame, *, actors: Sequence[str] = ("USA", "PAK"), issue: str | None = None, term: str = ""
):
    """A widget box: dropdowns for issue and the two actors, a text box for the term, and the view."""
    import ipywidgets as w
    from IPython.display import display

    issues = _issues(tagged)
    if not issues:
        return charts.HTML("<p>No sentence in this corpus matched an issue area.</p>")
    if issue not in issues:
        issue = issues[0]
    codes = _actors(tagged, actors)
    pick_issue = w.Dropdown(options=issues, value=issue, description="issue")
    pick_a = w.Dropdown(options=codes, value=actors[0], description="actor A")
    pick_b = w.Dropdown(options=codes, value=actors[1], description="actor B")
    pick_term = w.Text(
        value=term,
        description="term",
        placeholder="word or phrase (empty: issue terms)",
        continuous_update=False,
    )
    output = w.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            try:
                for item in view(
                    tagged, issue=pick_issue.value, actors=(pick_a.value, pick_b.value), term=pick_term.value
                ):
                    display(item)
            except Exception as exc:  # show the problem in place; the controls stay usable
                display(
                    charts.HTML(f"<p><b>Cannot show this selection:</b> {charts.highlight(str(exc))}</p>")
                )

    for control in (pick_issue, pick_a, pick_b):
        control.observe(redraw, names="value")
    pick_term.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([pick_issue, pick_a, pick_b]), pick_term, output])
