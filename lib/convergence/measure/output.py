"""Plain outputs of a convergence table: JSON-ready records and a terminal table."""

from __future__ import annotations

import textwrap

import pandas as pd

from ._common import MeasureError, json_safe


def to_records(table: pd.DataFrame) -> list[dict]:
    """The rows of any measure table as JSON-serialisable dicts (NaN -> None, numpy -> Python)."""
    if not isinstance(table, pd.DataFrame):
        raise MeasureError(f"to_records takes a DataFrame, got {type(table).__name__}")
    return [json_safe(rec) for rec in table.to_dict(orient="records")]


def _num(x) -> str:
    return "   n/a" if x is None or x != x else f"{x:+.2f}"


def format_convergence(table: pd.DataFrame, *, width: int = 100, evidence_per_actor: int = 1) -> str:
    """A plain-text table: issue, verdict, index [ci], n_a, n_b, the reason, and the top evidence
    sentence per actor (and the strongest relation-cue sentence), wrapped to ``width`` characters."""
    if not isinstance(table, pd.DataFrame):
        raise MeasureError(f"format_convergence takes a DataFrame, got {type(table).__name__}")
    if table.empty:
        return "(no issue has evidence)"
    a, b = table.attrs.get("actors", ("A", "B"))
    multi = table["group"].nunique(dropna=False) > 1
    head = f"{'issue':<18} {'group':<12} " if multi else f"{'issue':<18} "
    head += f"{'verdict':<13} {'index':>6} {'95% interval':<16} {'n_' + a:>6} {'n_' + b:>6}"
    lines = [head, "-" * min(width, len(head) + 4)]
    indent = " " * 4
    for r in table.itertuples(index=False):
        ci = f"[{_num(r.ci_low)}, {_num(r.ci_high)}]" if r.ci_low == r.ci_low else ""
        line = f"{str(r.issue):<18} "
        if multi:
            line += f"{str(r.group):<12} "
        line += f"{r.verdict:<13} {_num(r.index):>6} {ci:<16} {r.n_a:>6} {r.n_b:>6}"
        lines.append(line)
        lines.extend(
            textwrap.wrap(str(r.reason), width=width, initial_indent=indent, subsequent_indent=indent)
        )
        shown: dict[str, int] = {}
        for ev in r.evidence or []:
            who = ev.get("actor")
            if shown.get(who, 0) >= evidence_per_actor:
                continue
            shown[who] = shown.get(who, 0) + 1
            score = ev["relation"] if ev.get("kind") == "relation" else ev["stance"]
            cues = ", ".join(ev.get("cues") or [])
            text = f"{who} [{ev.get('kind')} {score:+.2f}; {cues}] {ev.get('text')}"
            lines.extend(
                textwrap.wrap(
                    text, width=width, initial_indent=indent + "> ", subsequent_indent=indent + "  "
                )
            )
    return "\n".join(lines)
