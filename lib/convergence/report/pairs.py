"""Pairs side by side: the same issues for several pairs of actors, one row per issue (``pairs.html``)."""

from __future__ import annotations

import html

import pandas as pd

import convergence as cv


def _charts():
    """convergence.charts, imported when first needed (each of its names loads its own module)."""
    from convergence import charts

    return charts


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:80em;
  color:#222;padding:0 1em}
table{border-collapse:collapse;margin:1em 0;font-size:.95em}
th,td{border-bottom:1px solid #ddd;padding:5px 10px;text-align:left;vertical-align:top} th{background:#f4f4f4}
td.num{font-variant-numeric:tabular-nums;white-space:nowrap} .muted{color:#666;font-size:.9em}
"""


def compare_pairs(tagged: pd.DataFrame, pairs, *, issues=None, thresholds=None) -> pd.DataFrame:
    """One row per (issue, pair): ``cv.convergence`` for each pair on the same sentences, with a ``pair``
    column ("USA–PAK"); issues in the report's one order (that of the first pair)."""
    frames = []
    for a, b in pairs:
        conv = cv.convergence(tagged, actors=(a, b), issues=issues, thresholds=thresholds)
        frames.append(conv.assign(pair=f"{a}–{b}", actor_a=a, actor_b=b))
    both = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if not len(both):
        return both
    order = _charts().issue_order(frames[0])
    order += [i for i in dict.fromkeys(both["issue"].astype(str)) if i not in order]
    rank = {k: i for i, k in enumerate(order)}
    return both.sort_values("issue", key=lambda c: c.astype(str).map(rank), kind="stable").reset_index(
        drop=True
    )


def _cell(row) -> str:
    if row is None:
        return '<td class="muted">no sentence</td>'
    idx = pd.to_numeric(row.get("index"), errors="coerce")
    lo = pd.to_numeric(row.get("ci_low"), errors="coerce")
    hi = pd.to_numeric(row.get("ci_high"), errors="coerce")
    value = "" if pd.isna(idx) else f" {idx:+.2f}"
    interval = "" if pd.isna(lo) or pd.isna(hi) else f' <span class="muted">[{lo:+.2f}, {hi:+.2f}]</span>'
    counts = f'<div class="muted">n = {int(row.get("n_a") or 0)} / {int(row.get("n_b") or 0)}</div>'
    return f'<td class="num">{_charts().verdict_badge(str(row.get("verdict")))}{value}{interval}{counts}</td>'


def pairs_page(table: pd.DataFrame, *, pairs, title: str, info: str = "") -> str:
    """The comparison page: one row per issue, one column per pair (verdict, index, interval, counts)."""
    from convergence.report.html import neutralize_active_content

    names = [f"{a}–{b}" for a, b in pairs]
    by = {(str(r["issue"]), r["pair"]): r for r in table.to_dict(orient="records")} if len(table) else {}
    issues = list(dict.fromkeys(table["issue"].astype(str))) if len(table) else []
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    rows = "".join(
        f"<tr><td>{html.escape(_charts().issue_label(i))}</td>"
        + "".join(_cell(by.get((i, n))) for n in names)
        + "</tr>"
        for i in issues
    )
    legend = " ".join(str(_charts().verdict_badge(v)) for v in _charts().VERDICTS)
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class='muted'>{html.escape(info)}</p>"
        f"<p class='muted'>Verdicts: {legend}. Each cell: verdict, index from −1 (divergent) to +1 "
        "(convergent) with its bootstrap interval, and the evidence sentences of each side (n first / n "
        "second actor of the pair). The same sentences are measured for every pair.</p>"
        f"<table><thead><tr><th>issue area</th>{head}</tr></thead><tbody>{rows}</tbody></table>"
        '<p class="muted">The table as CSV: <a href="pairs.csv">pairs.csv</a>. '
        '<a href="index.html">Back to the index</a>.</p></body></html>\n'
    )
    return neutralize_active_content(page)
