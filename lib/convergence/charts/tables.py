"""HTML tables of the measure frames, every piece of article text escaped: text is data, never markup.

:func:`highlight`, :func:`evidence_html`, :func:`table_html`, :func:`verdict_card` and the others return
:class:`HTML`, a ``str`` that Jupyter displays as HTML. Cue words are wrapped in ``<mark>``; links are kept
only when they are ``http(s)``; verdict colours are the charts' (:data:`VERDICT_COLORS`).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .style import OKABE_ITO, VERDICT_COLORS, _int, _num, _require, actor_colors, issue_label, issue_order

__all__ = [
    "HTML",
    "convergence_table_html",
    "evidence_html",
    "highlight",
    "kwic_html",
    "position_evidence_html",
    "table_html",
    "verdict_badge",
    "verdict_card",
]


class HTML(str):
    """A string of HTML that Jupyter renders as HTML (and prints as its source elsewhere)."""

    def _repr_html_(self) -> str:
        return str(self)


_HEDGE = re.compile(r"^(?:not|no|never|n't|may|might|could|would|should|can)\s+", re.IGNORECASE)


def _cue_patterns(cues: Iterable[str]) -> list[re.Pattern]:
    patterns = []
    for cue in cues or ():
        cue = str(cue).strip()
        if not cue:
            continue
        forms = [cue]
        bare = _HEDGE.sub("", cue)
        while bare != forms[-1]:
            forms.append(bare)
            bare = _HEDGE.sub("", bare)
        for form in forms:
            words = [re.escape(w) for w in form.split()]
            if words:
                # Allow any whitespace between words, inflections at the end of the last word.
                patterns.append(re.compile(r"(?<!\w)" + r"\s+".join(words) + r"\w*", re.IGNORECASE))
    return patterns


def _spans(text: str, cues: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for pat in _cue_patterns(cues):
        spans.extend(m.span() for m in pat.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def highlight(text: str, cues: Iterable[str] = ()) -> HTML:
    """``text`` HTML-escaped, with every occurrence of a cue word wrapped in ``<mark>``.

    Negation and hedge marks of a cue ("not support", "may oppose") are also tried without the mark, so
    the cue word itself is found in the sentence.
    """
    text = "" if text is None else str(text)
    out, pos = [], 0
    for s, e in _spans(text, cues):
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return HTML("".join(out))


def verdict_badge(verdict: str) -> HTML:
    """A coloured label for a verdict (same colours as the charts)."""
    v = str(verdict)
    color = VERDICT_COLORS.get(v, OKABE_ITO["black"])
    text_color = "#000" if v == "mixed" else "#fff"
    return HTML(
        f'<span class="cv-verdict" style="background:{color};color:{text_color};padding:1px 7px;'
        f'border-radius:9px;font-weight:600">{html.escape(v)}</span>'
    )


_CSS = (
    "<style>.cv-table{border-collapse:collapse;font-size:13px;margin:6px 0}"
    ".cv-table th,.cv-table td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left!important;"
    "vertical-align:top}"
    ".cv-table th{background:#f4f4f4}.cv-table mark{background:#F0E442;padding:0 1px}"
    ".cv-card{border:1px solid #ddd;border-radius:8px;padding:10px 14px;margin:6px 0;max-width:60em}"
    ".cv-muted{color:#666;font-size:12px}</style>"
)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:+.2f}" if -1.0 <= value <= 1.0 else f"{value:,.2f}"
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else f"{value:%Y-%m-%d}"
    if isinstance(value, (list, tuple, np.ndarray)):
        return html.escape(", ".join(str(v) for v in value))
    return html.escape(str(value))


def table_html(frame: pd.DataFrame, *, columns: Sequence[str] | None = None, max_rows: int = 200) -> HTML:
    """A frame as an HTML table with every cell escaped (lists joined by commas, floats rounded)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"table_html: expected a pandas DataFrame, got {type(frame).__name__}")
    cols = [c for c in (columns or list(frame.columns)) if c in frame.columns]
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
    rows = []
    for _, row in frame.head(max_rows).iterrows():
        cells = []
        for c in cols:
            if c == "verdict":
                cells.append(f"<td>{verdict_badge(row[c])}</td>")
            else:
                cells.append(f"<td>{_cell(row[c])}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f'<p class="cv-muted">{len(frame) - max_rows:,} more rows not shown.</p>'
        if len(frame) > max_rows
        else ""
    )
    return HTML(
        f'{_CSS}<table class="cv-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}"
    )


def kwic_html(lines: pd.DataFrame, *, max_rows: int = 50) -> HTML:
    """Keyword-in-context lines (``kwic(...)`` output) aligned on the match, escaped, match in ``<mark>``."""
    _require(lines, ["left", "match", "right"], "kwic_html")
    rows = []
    for _, r in lines.head(max_rows).iterrows():
        ref = f"{_cell(r.get('doc_id', ''))[:8]}#{_cell(r.get('sent_id', ''))}"
        rows.append(
            f'<tr><td style="text-align:right!important;white-space:nowrap">{_cell(r["left"])}</td>'
            f'<td style="white-space:nowrap"><mark>{_cell(r["match"])}</mark></td>'
            f'<td style="white-space:nowrap">{_cell(r["right"])}</td><td class="cv-muted">{ref}</td></tr>'
        )
    more = (
        f'<p class="cv-muted">{len(lines) - max_rows} more lines not shown.</p>'
        if len(lines) > max_rows
        else ""
    )
    return HTML(f'{_CSS}<table class="cv-table"><tbody>{"".join(rows)}</tbody></table>{more}')


def convergence_table_html(conv: pd.DataFrame) -> HTML:
    """The convergence frame as an escaped table: issue, group, verdict, index, interval, evidence counts."""
    _require(conv, ["issue", "index", "ci_low", "ci_high", "verdict"], "convergence_table_html")
    frame = conv.copy()
    if len(frame):
        order = {k: i for i, k in enumerate(issue_order(frame))}
        frame = frame.sort_values("issue", key=lambda c: c.astype(str).map(order), kind="stable")
    frame["issue area"] = frame["issue"].map(issue_label)
    frame["interval"] = [
        "" if math.isnan(_num(lo)) or math.isnan(_num(hi)) else f"[{_num(lo):+.2f}, {_num(hi):+.2f}]"
        for lo, hi in zip(frame["ci_low"], frame["ci_high"], strict=True)
    ]
    cols = [
        c
        for c in ("issue area", "group", "verdict", "index", "interval", "n_a", "n_b", "n_relation", "reason")
        if c in frame
    ]
    return table_html(frame, columns=cols)


def verdict_card(
    conv: pd.DataFrame, *, issue: str | None = None, actors: Sequence[str] = ("USA", "PAK")
) -> HTML:
    """A short summary of one issue's convergence row: verdict, index, interval, evidence counts, reason."""
    _require(conv, ["issue", "index", "ci_low", "ci_high", "verdict"], "verdict_card")
    a, b = actors
    rows = conv if issue is None else conv[conv["issue"] == issue]
    if len(rows) == 0:
        return HTML(
            f'{_CSS}<div class="cv-card"><b>{html.escape(issue_label(issue))}</b>: '
            f"no sentence on this issue area; {verdict_badge('insufficient')}</div>"
        )
    parts = []
    for _, r in rows.iterrows():
        idx, lo, hi = _num(r["index"]), _num(r["ci_low"]), _num(r["ci_high"])
        idx_txt = "no estimate" if math.isnan(idx) else f"{idx:+.2f}"
        ci_txt = "" if math.isnan(lo) or math.isnan(hi) else f" (interval {lo:+.2f} to {hi:+.2f})"
        counts = f"{_int(r.get('n_a'))} {html.escape(a)} / {_int(r.get('n_b'))} {html.escape(b)} sentences"
        if "n_relation" in rows.columns:
            counts += f", {_int(r.get('n_relation'))} explicit (dis)agreement"
        group = str(r.get("group", ""))
        group_txt = (
            f' <span class="cv-muted">({html.escape(group)})</span>'
            if group and group not in ("corpus", "all")
            else ""
        )
        reason = html.escape(str(r.get("reason", "") or ""))
        parts.append(
            f'<div class="cv-card"><div style="font-size:16px">'
            f"<b>{html.escape(issue_label(r['issue']))}</b>{group_txt} "
            f"{verdict_badge(r['verdict'])} index <b>{idx_txt}</b>{ci_txt}</div>"
            f'<div class="cv-muted">{counts}</div>' + (f"<div>{reason}</div>" if reason else "") + "</div>"
        )
    return HTML(_CSS + "".join(parts))


def _source_info(tagged: pd.DataFrame | None) -> dict[str, dict]:
    if tagged is None or "doc_id" not in getattr(tagged, "columns", ()):
        return {}
    cols = [c for c in ("publisher", "date", "url", "title") if c in tagged.columns]
    docs = tagged.drop_duplicates("doc_id").set_index("doc_id")[cols]
    return {str(k): v for k, v in docs.to_dict(orient="index").items()}


def _roles(sub: pd.DataFrame) -> dict[tuple, str]:
    """Each sentence's roles joined ("position about AFG; directed at PAK"): one table row per sentence."""
    out: dict[tuple, list[str]] = {}
    for _, r in sub.iterrows():
        kind = str(r.get("kind") or "")
        obj = r.get("object")
        if kind == "directed" and isinstance(obj, str) and obj:
            text = f"directed at {obj}"
        elif kind == "position" and isinstance(obj, str) and obj:
            text = f"position on {'the issue' if obj == '(issue)' else obj}"
        else:
            text = kind
        key = (str(r.get("doc_id", "")), str(r.get("sent_id", "")))
        if text and text not in out.setdefault(key, []):
            out[key].append(text)
    return {k: "; ".join(v) for k, v in out.items()}


def _evidence_rows(sub: pd.DataFrame, info: dict[str, dict], max_rows: int) -> str:
    roles = _roles(sub)
    if "doc_id" in sub.columns and "sent_id" in sub.columns:
        sub = sub.drop_duplicates(["doc_id", "sent_id"])
    rows = []
    for _, r in sub.head(max_rows).iterrows():
        cues = r.get("cues", None)
        if cues is None or (isinstance(cues, float) and math.isnan(cues)):
            cues = []
        if isinstance(cues, str):
            cues = [cues]
        cues = list(cues)
        value = _num(r.get("relation")) if r.get("kind") == "relation" else _num(r.get("stance"))
        st = "" if math.isnan(value) else f"{value:+.2f}"
        meta = dict(info.get(str(r.get("doc_id", "")), {}))
        for col in ("publisher", "date", "url", "title"):
            if col in sub.columns and r.get(col) is not None:
                meta[col] = r.get(col)
        bits = [
            _cell(meta.get(c))
            for c in ("publisher", "date")
            if meta.get(c) is not None and not pd.isna(meta[c])
        ]
        source = " · ".join(b for b in bits if b)
        url = meta.get("url")
        title = meta.get("title")
        title = title.strip() if isinstance(title, str) and title.strip() else None
        linked = isinstance(url, str) and re.match(r"^https?://", url)
        if title:
            name = html.escape(title)
            name = f'<a href="{html.escape(url, quote=True)}" rel="noopener">{name}</a>' if linked else name
            source = f"<div>{name}</div>{source}"
        elif linked:
            source += f' <a href="{html.escape(url, quote=True)}" rel="noopener">link</a>'
        role = html.escape(roles.get((str(r.get("doc_id", "")), str(r.get("sent_id", ""))), ""))
        ref = f"{_cell(r.get('doc_id', ''))[:8]}#{_cell(r.get('sent_id', ''))}"
        rows.append(
            f"<tr><td>{highlight(r['text'], cues)}</td><td>{st}</td><td>{_cell(cues)}</td>"
            f"<td>{role}</td>"
            f'<td>{source}<div class="cv-muted">{ref}</div></td></tr>'
        )
    more = f'<p class="cv-muted">{len(sub) - max_rows} more not shown.</p>' if len(sub) > max_rows else ""
    return (
        '<table class="cv-table"><thead><tr><th>sentence (cue words marked)</th><th>value</th>'
        "<th>cues</th><th>role</th>"
        f"<th>source</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"
    )


def evidence_html(
    ev: pd.DataFrame,
    *,
    actors: Sequence[str] = ("USA", "PAK"),
    tagged: pd.DataFrame | None = None,
    max_rows: int = 25,
    sort: str = "strength",
) -> HTML:
    """The evidence sentences (``evidence(...)`` output), one table per actor, escaped, cues in ``<mark>``.

    A third table holds the sentences with an explicit agreement/disagreement cue between the two actors
    (``kind == "relation"``). Rows are ordered by strength (|value|) unless ``sort="order"``. Pass the
    tagged frame as ``tagged`` to show each sentence's publisher, date and link.
    """
    _require(ev, ["actor", "text"], "evidence_html")
    info = _source_info(tagged)
    colors = actor_colors(actors)
    a, b = actors
    is_rel = ev["kind"].eq("relation") if "kind" in ev.columns else pd.Series(False, index=ev.index)
    blocks = [_CSS]
    sections = [(actor, ev[(ev["actor"] == actor) & ~is_rel], colors[actor]) for actor in actors]
    sections.append((f"{a} and {b}: explicit agreement or disagreement", ev[is_rel], OKABE_ITO["black"]))
    for label, sub, color in sections:
        if sort == "strength":
            value = pd.to_numeric(sub["stance"], errors="coerce") if "stance" in sub.columns else None
            if "kind" in sub.columns and "relation" in sub.columns:
                rel = pd.to_numeric(sub["relation"], errors="coerce")
                value = rel.where(sub["kind"] == "relation", value)
            if value is not None:
                sub = sub.assign(_s=value.abs()).sort_values("_s", ascending=False, kind="stable")
        n = (
            len(sub.drop_duplicates(["doc_id", "sent_id"]))
            if {"doc_id", "sent_id"} <= set(sub.columns)
            else len(sub)
        )
        blocks.append(
            f'<h4 style="color:{color};margin:12px 0 4px">{html.escape(label)}: '
            f"{n} evidence sentence{'s' if n != 1 else ''}</h4>"
        )
        if len(sub) == 0:
            blocks.append('<p class="cv-muted">No sentence of this kind on the issue.</p>')
            continue
        blocks.append(_evidence_rows(sub, info, max_rows))
    return HTML("".join(blocks))


def position_evidence_html(ev: pd.DataFrame, *, max_rows: int = 8) -> HTML:
    """The sentences of each actor sorted by their pull toward each pole (``position_evidence(...)`` output):
    the ``max_rows`` strongest toward the positive pole, then toward the negative pole, with the words that
    pull them, escaped."""
    _require(ev, ["actor", "text", "score", "pull_plus", "pull_minus"], "position_evidence_html")
    plus = ev.attrs.get("positive", "positive pole")
    minus = ev.attrs.get("negative", "negative pole")
    blocks = [_CSS]
    for actor in dict.fromkeys(ev["actor"].astype(str)):
        sub = ev[ev["actor"].astype(str) == actor].sort_values("score", ascending=False, kind="stable")
        blocks.append(f"<h4>{html.escape(actor)}: {len(sub)} sentence{'s' if len(sub) != 1 else ''}</h4>")
        for label, part, words in (
            (plus, sub[sub["score"] > 0].head(max_rows), "pull_plus"),
            (minus, sub[sub["score"] < 0].iloc[::-1].head(max_rows), "pull_minus"),
        ):
            count = int((sub["score"] > 0).sum()) if words == "pull_plus" else int((sub["score"] < 0).sum())
            blocks.append(f"<p><b>toward {html.escape(str(label))}</b> ({count})</p>")
            if not len(part):
                blocks.append('<p class="cv-muted">none</p>')
                continue
            rows = "".join(
                f"<tr><td>{r.score:+.2f}</td><td>{html.escape(str(r.text))}</td>"
                f"<td>{html.escape(', '.join(getattr(r, words)))}</td></tr>"
                for r in part.itertuples(index=False)
            )
            blocks.append(
                f"<table><tr><th>score</th><th>sentence</th><th>words pulling</th></tr>{rows}</table>"
            )
    return HTML("".join(blocks))
