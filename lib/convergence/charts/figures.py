"""Charts of the measure frames: matplotlib figures, titled, labelled and drawn in the Okabe–Ito palette.

Every chart function takes a frame produced by ``convergence.measure`` (or one with the same columns) and
returns a matplotlib :class:`~matplotlib.figure.Figure` with the number of sentences and the sources
annotated. Verdict colours are the same in every chart and every HTML table (:data:`VERDICT_COLORS`).

The Agg backend is selected when no display is available and no backend was chosen (headless runs, CI);
inside Jupyter the kernel's inline backend is kept.
"""

from __future__ import annotations

import base64
import html
import math
import os
from collections.abc import Iterable, Sequence
from typing import Literal

import matplotlib
import matplotlib.ticker

if (
    not os.environ.get("MPLBACKEND")
    and not os.environ.get("DISPLAY")
    and not os.environ.get("WAYLAND_DISPLAY")
    and os.name != "nt"
):
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import LinearSegmentedColormap  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from convergence.verdicts import VERDICTS  # noqa: E402

from .render import figure_png  # noqa: E402
from .style import (  # noqa: E402
    OKABE_ITO,
    VERDICT_COLORS,
    _int,
    _num,
    _require,
    actor_colors,
    corpus_note,
    issue_label,
    issue_order,
)
from .tables import HTML, position_evidence_html  # noqa: E402

__all__ = [
    "actor_mentions",
    "articles_over_time",
    "convergence_chart",
    "convergence_heatmap",
    "corpus_note",
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
]

_DIVERGING = LinearSegmentedColormap.from_list(
    "convergence", [VERDICT_COLORS["divergent"], "#FFFFFF", VERDICT_COLORS["convergent"]]
)
_SEQUENTIAL = LinearSegmentedColormap.from_list(
    "salience", ["#FFFFFF", OKABE_ITO["sky_blue"], OKABE_ITO["blue"]]
)


# --------------------------------------------------------------------------------------------------- helpers


def _new_figure(width: float, height: float) -> Figure:
    fig = plt.figure(figsize=(width, height), dpi=100, layout="constrained")
    # Closed at once: returned figures are displayed once (as the cell's value), never twice.
    plt.close(fig)
    return fig


def _note(fig: Figure, note: str | None) -> None:
    # A figure-level x label is part of the constrained layout: the note never overlaps the axes labels.
    if note:
        import textwrap

        width = max(60, int(fig.get_figwidth() * 17))  # characters of 7.5 pt text across the figure
        note = "\n".join(textwrap.wrap(note, width))
        fig.supxlabel(note, x=0.005, ha="left", fontsize=7.5, color="#444444")


def message_figure(message: str, *, title: str = "", width: float = 8, height: float = 1.6) -> Figure:
    """A small figure that states why a chart cannot be drawn (e.g. an undated corpus)."""
    fig = _new_figure(width, height)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color="#444444", wrap=True)
    if title:
        ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    return fig


def figure_to_data_uri(fig: Figure, *, dpi: int = 110) -> str:
    """The figure as a ``data:image/png;base64,...`` URI (for self-contained HTML)."""
    return "data:image/png;base64," + base64.b64encode(figure_png(fig, dpi=dpi)).decode("ascii")


def _verdict_legend(ax, verdicts: Iterable[str], *, loc: str = "lower right") -> None:
    present = [v for v in VERDICTS if v in set(verdicts)]
    handles = [
        Line2D([0], [0], marker="o", linestyle="", markersize=8, color=VERDICT_COLORS[v], label=v)
        for v in present
    ]
    if handles:
        ax.legend(handles=handles, title="verdict", loc=loc, fontsize=8, title_fontsize=8, frameon=True)


def _order_groups(groups: Iterable) -> list:
    values = list(dict.fromkeys(groups))
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=str)


# ---------------------------------------------------------------------------------------- convergence charts


def convergence_chart(
    conv: pd.DataFrame,
    *,
    actors: Sequence[str] = ("USA", "PAK"),
    title: str | None = None,
    note: str | None = None,
) -> Figure:
    """Where the two actors converge and where they diverge, one row per issue area.

    Left panel: a dumbbell of each actor's mean stance (cooperation + / conflict −). Right panel: the
    convergence index with its interval, coloured by verdict, and the number of sentences per actor.
    Takes ``convergence(...)`` output; with several groups, only the ``corpus``-like first group per issue
    is drawn (use :func:`convergence_heatmap` for groups).
    """
    _require(conv, ["issue", "index", "ci_low", "ci_high", "verdict", "n_a", "n_b"], "convergence_chart")
    a, b = actors
    colors = actor_colors(actors)
    if len(conv) == 0:
        return message_figure("No issue area to show.", title=title or f"{a}–{b} convergence by issue area")
    frame = conv.drop_duplicates("issue").copy()
    frame["_index"] = frame["index"].map(_num)
    order = issue_order(frame)[::-1]  # drawn bottom-up: the first issue of the order at the top
    frame = frame.set_index(frame["issue"].astype(str)).loc[order].reset_index(drop=True)
    n = len(frame)
    fig = _new_figure(11, 1.2 + 0.42 * n)
    has_stance = {"stance_a", "stance_b"} <= set(frame.columns)
    if has_stance:
        ax_s, ax_i = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 1.25]})
    else:
        ax_i = fig.add_subplot()
        ax_s = None
    y = np.arange(n)
    labels = [issue_label(x) for x in frame["issue"]]

    if ax_s is not None:
        sa = frame["stance_a"].map(_num).to_numpy()
        sb = frame["stance_b"].map(_num).to_numpy()
        for i in range(n):
            if not (math.isnan(sa[i]) or math.isnan(sb[i])):
                ax_s.plot([sa[i], sb[i]], [i, i], color="#BBBBBB", linewidth=2, zorder=1)
        ax_s.scatter(sa, y, color=colors[a], s=42, zorder=2, label=a)
        ax_s.scatter(sb, y, color=colors[b], s=42, zorder=2, marker="D", label=b)
        ax_s.axvline(0, color="#666666", linewidth=0.8)
        ax_s.set_xlim(-1.05, 1.05)
        ax_s.set_xlabel("mean stance (− conflict … + cooperation)")
        ax_s.set_title("Each actor's stated stance", loc="left", fontsize=10)
        ax_s.grid(axis="x", color="#EEEEEE")

    idx = frame["_index"].to_numpy()
    lo = frame["ci_low"].map(_num).to_numpy()
    hi = frame["ci_high"].map(_num).to_numpy()
    verdicts = frame["verdict"].astype(str).tolist()
    ax_i.axvspan(-1.05, 0, color=VERDICT_COLORS["divergent"], alpha=0.05, zorder=0)
    ax_i.axvspan(0, 1.05, color=VERDICT_COLORS["convergent"], alpha=0.05, zorder=0)
    for i in range(n):
        color = VERDICT_COLORS.get(verdicts[i], OKABE_ITO["black"])
        if not (math.isnan(lo[i]) or math.isnan(hi[i])):
            ax_i.plot([lo[i], hi[i]], [i, i], color=color, linewidth=3, alpha=0.55, solid_capstyle="round")
        if not math.isnan(idx[i]):
            hollow = verdicts[i] == "insufficient"
            ax_i.scatter(
                [idx[i]],
                [i],
                s=60,
                zorder=3,
                facecolors="white" if hollow else color,
                edgecolors=color,
                linewidths=1.8,
            )
        else:
            ax_i.text(0, i, "no estimate", ha="center", va="center", fontsize=8, color="#666666")
        ax_i.text(
            1.08,
            i,
            f"{verdicts[i]}  n={_int(frame.at[i, 'n_a'])}/{_int(frame.at[i, 'n_b'])}",
            transform=ax_i.get_yaxis_transform(),
            va="center",
            fontsize=8,
            color=color,
        )
    ax_i.axvline(0, color="#666666", linewidth=0.8)
    ax_i.set_xlim(-1.05, 1.05)
    ax_i.set_xlabel("convergence index (− divergent … + convergent), line = interval")
    ax_i.set_title(f"Convergence index ({a} / {b} sentences)", loc="left", fontsize=10)
    ax_i.grid(axis="x", color="#EEEEEE")
    handles = [
        Line2D([0], [0], marker="o", linestyle="", markersize=8, color=VERDICT_COLORS[v], label=v)
        for v in VERDICTS
        if v in set(verdicts)
    ]
    if ax_s is not None:
        handles = [
            Line2D([0], [0], marker="o", linestyle="", markersize=7, color=colors[a], label=f"{a} stance"),
            Line2D([0], [0], marker="D", linestyle="", markersize=6, color=colors[b], label=f"{b} stance"),
            *handles,
        ]
    fig.legend(handles=handles, loc="outside upper right", ncols=len(handles), fontsize=8, frameon=False)
    (ax_s or ax_i).set_yticks(y, labels)
    ax_i.set_ylim(-0.7, n - 0.3)
    fig.suptitle(
        title or f"{a}–{b}: where they converge and where they diverge", fontweight="bold", x=0.01, ha="left"
    )
    _note(fig, note)
    return fig


def convergence_heatmap(
    conv: pd.DataFrame,
    *,
    actors: Sequence[str] = ("USA", "PAK"),
    title: str | None = None,
    note: str | None = None,
) -> Figure:
    """Issue × group heatmap of the convergence index; cells with too little evidence are hatched grey."""
    _require(conv, ["issue", "group", "index", "verdict"], "convergence_heatmap")
    a, b = actors
    title = title or f"{a}–{b} convergence index by issue area and group"
    if len(conv) == 0:
        return message_figure("No issue area to show.", title=title)
    issues = [i for i in issue_order(conv) if i in set(conv["issue"].astype(str))]
    groups = _order_groups(conv["group"])
    grid = np.full((len(issues), len(groups)), np.nan)
    verdict = np.full((len(issues), len(groups)), "", dtype=object)
    for row in conv.itertuples(index=False):
        i, j = issues.index(str(row.issue)), groups.index(row.group)
        grid[i, j] = _num(row.index)
        verdict[i, j] = str(row.verdict)
    height = max(2.6, 1.4 + 0.4 * len(issues))  # room for the colorbar's label along its side
    fig = _new_figure(max(6.0, 1.8 + 0.9 * len(groups)), height)
    ax = fig.add_subplot()
    shown = np.where(verdict == "insufficient", np.nan, grid)
    mesh = ax.imshow(np.ma.masked_invalid(shown), cmap=_DIVERGING, vmin=-1, vmax=1, aspect="auto")
    for i in range(len(issues)):
        for j in range(len(groups)):
            if verdict[i, j] in ("insufficient", "") or math.isnan(grid[i, j]):
                ax.add_patch(
                    Rectangle(
                        (j - 0.5, i - 0.5), 1, 1, facecolor="#F2F2F2", edgecolor="#BBBBBB", hatch="//", lw=0.3
                    )
                )
                label = "thin" if verdict[i, j] == "insufficient" else ""
            else:
                label = f"{grid[i, j]:+.2f}"
            ax.text(j, i, label, ha="center", va="center", fontsize=7.5, color="#222222")
    ax.set_xticks(
        range(len(groups)), [str(g) for g in groups], rotation=45 if len(groups) > 6 else 0, ha="right"
    )
    ax.set_yticks(range(len(issues)), [issue_label(i) for i in issues])
    ax.set_xlabel("group")
    cbar = fig.colorbar(mesh, ax=ax, shrink=0.8)
    # on two lines when one (3.3 in of 10 pt text) would run past the top and bottom of the figure
    cbar.set_label("convergence index" + (" " if height >= 3.6 else "\n") + "(− divergent, + convergent)")
    # the figure's title, not the axes': a narrow grid (few groups) would leave it past the edge
    fig.suptitle(title, fontweight="bold", x=0.01, ha="left")
    _note(fig, (note + "; " if note else "") + "hatched: insufficient evidence")
    return fig


def _pool_salience(sal: pd.DataFrame, actor) -> pd.DataFrame:
    """One row per (issue, group): the actors' sentences pooled (sum of counts / sum of totals)."""
    if actor is not None and "actor" in sal.columns:
        wanted = [actor] if isinstance(actor, str) else list(actor)
        sal = sal[sal["actor"].isin(wanted)]
    if {"n_sentences", "n_total"} <= set(sal.columns):
        pooled = sal.groupby(["issue", "group"], as_index=False)[["n_sentences", "n_total"]].sum()
        pooled["share"] = pooled["n_sentences"] / pooled["n_total"].where(pooled["n_total"] > 0)
        pooled["share"] = pooled["share"].fillna(0.0)
        return pooled
    return sal.groupby(["issue", "group"], as_index=False)["share"].mean()


def salience_heatmap(
    sal: pd.DataFrame,
    *,
    actor=None,
    title: str | None = None,
    note: str | None = None,
    value: str = "share",
    max_groups: int = 40,
) -> Figure:
    """Issue × group heatmap of salience (share of sentences on each issue area, or ``n_sentences``).

    Takes ``salience(...)`` output; the actors' rows are pooled (``actor`` picks one or a list).
    """
    _require(sal, ["issue", "group", value], "salience_heatmap")
    title = title or "Issue salience: share of sentences per issue area"
    if len(sal) == 0:
        return message_figure("No sentence matched an issue area.", title=title)
    sal = _pool_salience(sal, actor)
    table = sal.pivot_table(index="issue", columns="group", values=value, aggfunc="sum", fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False).index]
    if table.shape[1] > max_groups:
        keep = table.sum(axis=0).sort_values(ascending=False).index[:max_groups]
        table = table[_order_groups(keep)]
        title += f" (top {max_groups} groups)"
    fig = _new_figure(max(6.0, 2.2 + 0.55 * table.shape[1]), 1.4 + 0.38 * table.shape[0])
    ax = fig.add_subplot()
    mesh = ax.imshow(table.to_numpy(dtype=float), cmap=_SEQUENTIAL, aspect="auto", vmin=0)
    vmax = float(np.nanmax(table.to_numpy(dtype=float))) or 1.0
    if table.size <= 400:
        for i in range(table.shape[0]):
            for j in range(table.shape[1]):
                v = float(table.iat[i, j])
                text = f"{v:.0%}" if value == "share" else f"{v:.0f}"
                ax.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if v > 0.6 * vmax else "#222",
                )
    labels = [str(c)[:24] for c in table.columns]
    ax.set_xticks(range(table.shape[1]), labels, rotation=45 if table.shape[1] > 4 else 0, ha="right")
    ax.set_yticks(range(table.shape[0]), [issue_label(i) for i in table.index])
    ax.set_xlabel("group")
    cbar = fig.colorbar(mesh, ax=ax, shrink=0.8)
    cbar.set_label("share of sentences" if value == "share" else value)
    # the figure's title, not the axes': a narrow grid (few groups) would leave it past the edge
    fig.suptitle(title, fontweight="bold", x=0.01, ha="left")
    _note(fig, note)
    return fig


def stance_distribution(
    ev: pd.DataFrame,
    *,
    actors: Sequence[str] = ("USA", "PAK"),
    issue: str | None = None,
    title: str | None = None,
    note: str | None = None,
) -> Figure:
    """Each actor's stance distribution on one issue: histogram of sentence stance from −1 to +1."""
    _require(ev, ["actor", "stance"], "stance_distribution")
    title = title or f"Stance of each actor's sentences{' on ' + issue_label(issue) if issue else ''}"
    colors = actor_colors(actors)
    if "kind" in ev.columns:
        ev = ev[ev["kind"] != "relation"]
    if "sent_id" in ev.columns and "doc_id" in ev.columns:
        ev = ev.drop_duplicates(["actor", "doc_id", "sent_id"])
    fig = _new_figure(9, 3.2)
    axes = fig.subplots(1, len(actors), sharex=True, sharey=True, squeeze=False)[0]
    bins = np.linspace(-1, 1, 11)
    for ax, actor in zip(axes, actors, strict=True):
        values = pd.to_numeric(ev.loc[ev["actor"] == actor, "stance"], errors="coerce").dropna()
        label = f"{actor}   n = 0"
        if len(values):
            ax.hist(values.clip(-1, 1), bins=bins, color=colors[actor], edgecolor="white")
            ax.axvline(values.mean(), color="#222222", linestyle="--", linewidth=1)
            label = f"{actor}   n = {len(values)}, mean {values.mean():+.2f}"
        else:
            ax.text(
                0.5, 0.5, "no sentence held by\nthis actor", transform=ax.transAxes, ha="center", va="center"
            )
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.set_title(label, color=colors[actor], fontweight="bold")
        ax.set_xlabel("stance (− conflict … + cooperation)")
        ax.set_xlim(-1.05, 1.05)
    axes[0].set_ylabel("sentences")
    axes[0].yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    fig.suptitle(title, fontweight="bold", x=0.01, ha="left")
    _note(fig, note)
    return fig


_UNDATED = {"undated", "unknown", "all"}


def _time_axis(groups: pd.Series) -> tuple[pd.Series, bool]:
    """Group labels as datetimes when they look like periods (2021, 2021-05, 1990s); else the labels."""
    text = groups.astype(str).str.strip()
    decades = text.str.fullmatch(r"\d{4}s")
    cleaned = text.where(~decades, text.str[:4])
    quarters = cleaned.str.extract(r"^(\d{4})-Q([1-4])$")
    is_q = quarters[0].notna()
    if is_q.any():  # "2025-Q2" -> the quarter's first month
        months = (quarters[1].astype(float) * 3 - 2).map(lambda m: f"{int(m):02d}" if m == m else "")
        cleaned = cleaned.where(~is_q, quarters[0] + "-" + months)
    parsed = pd.to_datetime(cleaned, errors="coerce", format="mixed")
    if parsed.notna().all() and len(parsed):
        return parsed, True
    return groups, False


def _panels(n: int, *, width: float = 10, panel_height: float = 2.1, ncols: int = 3):
    """A figure of ``n`` small panels sharing both axes (small multiples), and the list of axes."""
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    fig = _new_figure(width, 0.9 + panel_height * nrows)
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel().tolist()
    for ax in axes[n:]:
        ax.set_visible(False)
    return fig, axes[:n]


def _date_ticks(ax, most: int) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(maxticks=most)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _thin_note(thin: pd.DataFrame, what: str) -> str:
    if not len(thin):
        return ""
    pairs = list(zip(thin["group"], thin["_n"], strict=True))[:6]
    shown = ", ".join(f"{g} (n={int(n)})" for g, n in pairs)
    more = f" and {len(thin) - 6} more" if len(thin) > 6 else ""
    return f"not plotted ({what}): {shown}{more}"


def timeline(
    conv: pd.DataFrame,
    *,
    actors: Sequence[str] = ("USA", "PAK"),
    issue: str | None = None,
    title: str | None = None,
    note: str | None = None,
) -> Figure:
    """Convergence index over time (groups = months, quarters, years or decades) with its interval.

    Each point is labelled with its n (evidence sentences of both actors plus relation sentences). A period
    with an *insufficient* verdict is too thin: drawn hollow and not joined to the line (a period without
    any value: a grey tick at the bottom). The x axis spans the periods with a firm estimate, so a few
    stray old articles never stretch or dominate the chart (the note lists the periods left outside).
    Several issues are drawn as small multiples, one panel per issue, in the report's issue order.
    """
    _require(conv, ["issue", "group", "index", "ci_low", "ci_high", "verdict"], "timeline")
    a, b = actors
    frame = conv if issue is None else conv[conv["issue"] == issue]
    title = title or f"{a}–{b} convergence over time" + (f": {issue_label(issue)}" if issue else "")
    frame = frame[frame["group"].notna() & ~frame["group"].astype(str).isin(_UNDATED)]
    if len(frame) == 0:
        return message_figure("No dated sentences: the corpus gives no dates for a timeline.", title=title)
    x, dated = _time_axis(frame["group"])
    if not dated:
        return message_figure(
            "Groups are not periods; group by month, quarter, year or decade for a timeline.", title=title
        )
    counts = sum(frame[c].map(_num).fillna(0) for c in ("n_a", "n_b", "n_relation") if c in frame.columns)
    frame = frame.assign(_x=x.to_numpy(), _n=counts, _i=frame["index"].map(_num)).sort_values("_x")
    frame["_thin"] = frame["_i"].isna() | frame["verdict"].astype(str).eq("insufficient")
    solid = frame[~frame["_thin"]]
    if len(solid) == 0:  # no firm estimate anywhere: span the periods that have any value
        solid = frame[frame["_i"].notna()]
    if len(solid) == 0:
        return message_figure("Every period is too thin for an estimate (no evidence).", title=title)
    lo_x, hi_x = pd.to_datetime(solid["_x"]).min(), pd.to_datetime(solid["_x"]).max()
    pad = max((hi_x - lo_x) * 0.06, pd.Timedelta(days=45))
    in_range = (pd.to_datetime(frame["_x"]) >= lo_x - pad) & (pd.to_datetime(frame["_x"]) <= hi_x + pad)
    issues = [i for i in issue_order(frame) if i in set(frame["issue"].astype(str))]
    if len(issues) == 1:
        fig = _new_figure(10, 3.8)
        axes = [fig.add_subplot()]
    else:
        fig, axes = _panels(len(issues))
    for ax, iss in zip(axes, issues, strict=True):
        sub = frame[(frame["issue"].astype(str) == iss) & in_range]
        ok = sub[~sub["_thin"]]
        ax.plot(ok["_x"], ok["_i"], color="#555555", linewidth=1.3)
        ax.fill_between(
            ok["_x"],
            ok["ci_low"].map(_num),
            ok["ci_high"].map(_num),
            color="#555555",
            alpha=0.12,
            linewidth=0,
        )
        for xv, iv, v, n in zip(ok["_x"], ok["_i"], ok["verdict"].astype(str), ok["_n"], strict=True):
            vc = VERDICT_COLORS.get(v, OKABE_ITO["black"])
            ax.scatter([xv], [iv], s=30, zorder=3, color=vc)
            ax.annotate(f"{int(n)}", (xv, iv), textcoords="offset points", xytext=(0, 6), ha="center",
                        fontsize=6.5, color="#444444")  # fmt: skip
        weak = sub[sub["_thin"] & sub["_i"].notna()]
        ax.scatter(weak["_x"], weak["_i"], s=30, zorder=3, facecolors="white", edgecolors=OKABE_ITO["grey"])
        for xv, iv, n in zip(weak["_x"], weak["_i"], weak["_n"], strict=True):
            ax.annotate(f"{int(n)}", (xv, iv), textcoords="offset points", xytext=(0, 6), ha="center",
                        fontsize=6.5, color="#888888")  # fmt: skip
        thin = sub[sub["_i"].isna()]
        if len(thin):
            ax.scatter(thin["_x"], [-0.97] * len(thin), marker="|", s=60, color=OKABE_ITO["grey"], zorder=2)
        ax.axhline(0, color="#666666", linewidth=0.8)
        ax.set_ylim(-1.05, 1.1)
        ax.set_xlim(lo_x - pad, hi_x + pad)
        ax.grid(color="#EEEEEE")
        _date_ticks(ax, 4 if len(issues) > 1 else 8)
        if len(issues) > 1:
            ax.set_title(issue_label(iss), loc="left", fontsize=9)
            ax.tick_params(labelsize=7)
    if len(issues) == 1:
        axes[0].set_ylabel("convergence index")
        axes[0].set_xlabel("period")
        axes[0].set_title(title, loc="left", fontweight="bold")
        _verdict_legend(axes[0], frame["verdict"].astype(str), loc="lower right")
    else:
        fig.suptitle(title, fontweight="bold", x=0.01, ha="left")
        fig.supylabel("convergence index", fontsize=9)
    outside = frame[~in_range].drop_duplicates("group")
    single = solid["_x"].nunique() == 1
    parts = [
        note or "",
        "only one period with an estimate: no trend to show" if single else "",
        "number = evidence sentences; band = interval; hollow = insufficient; tick = no estimate",
        _thin_note(outside, "thin, outside the span"),
    ]
    _note(fig, "; ".join(p for p in parts if p))
    return fig


def salience_timeline(
    sal: pd.DataFrame,
    *,
    actor=None,
    issues: Sequence[str] | None = None,
    title: str | None = None,
    note: str | None = None,
    top: int = 6,
    min_total: int = 20,
) -> Figure:
    """Share of sentences per issue area over time (top issues by total salience unless ``issues`` given).

    A period with fewer than ``min_total`` attributed sentences is too thin: its shares are not plotted (two
    stray articles would read as 100 %), it is listed in the note, and the x axis spans the other periods.
    The number of sentences per period is printed along the top. Up to eight issues share one chart in
    eight distinct colours; more are drawn as small multiples.
    """
    _require(sal, ["issue", "group", "share"], "salience_timeline")
    title = title or "Issue salience over time"
    sal = _pool_salience(sal, actor) if len(sal) else sal
    frame = sal[sal["group"].notna() & ~sal["group"].astype(str).isin(_UNDATED)]
    if len(frame) == 0:
        return message_figure("No dated sentences: the corpus gives no dates for a timeline.", title=title)
    x, dated = _time_axis(frame["group"])
    if not dated:
        return message_figure(
            "Groups are not periods; group by month, quarter, year or decade for a timeline.", title=title
        )
    frame = frame.assign(_x=x.to_numpy())
    totals = (
        frame.drop_duplicates("group").set_index("group")["n_total"].map(_num).fillna(0)
        if "n_total" in frame.columns
        else pd.Series(dtype=float)
    )
    frame = frame.assign(_n=frame["group"].map(totals).fillna(min_total))
    thin_groups = frame[frame["_n"] < min_total].drop_duplicates("group")
    frame = frame[frame["_n"] >= min_total]
    if len(frame) == 0:
        return message_figure(
            f"Every period has fewer than {min_total} sentences: too thin for shares.", title=title
        )
    chosen = list(issues) if issues else frame.groupby("issue")["share"].sum().nlargest(top).index.tolist()
    xs = pd.to_datetime(frame["_x"])
    pad = max((xs.max() - xs.min()) * 0.05, pd.Timedelta(days=45))
    palette = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple",
                                      "sky_blue", "black", "yellow")]  # fmt: skip
    if len(chosen) <= 8:
        fig = _new_figure(10, 3.8)
        axes = [fig.add_subplot()] * len(chosen)
    else:
        fig, axes = _panels(len(chosen))
    for k, (ax, iss) in enumerate(zip(axes, chosen, strict=True)):
        sub = frame[frame["issue"] == iss].groupby("_x")["share"].sum().sort_index()
        color = palette[k] if len(chosen) <= 8 else OKABE_ITO["blue"]
        ax.plot(sub.index, sub.to_numpy(), color=color, marker="o", ms=3, label=issue_label(iss))
        _date_ticks(ax, 4 if len(chosen) > 8 else 8)
        if len(chosen) > 8:
            ax.set_title(issue_label(iss), loc="left", fontsize=9)
            ax.tick_params(labelsize=7)
    for ax in dict.fromkeys(axes):
        ax.set_xlim(xs.min() - pad, xs.max() + pad)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.grid(color="#EEEEEE")
    first = axes[0]
    periods = frame.drop_duplicates("group")
    if len(periods) <= 24:
        for xv, n in zip(periods["_x"], periods["_n"], strict=True):
            first.annotate(
                f"n={int(n)}",
                (xv, 1),
                xycoords=("data", "axes fraction"),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=6.5,
                color="#666666",
            )
    if len(chosen) <= 8:
        first.set_ylabel("share of sentences")
        first.set_xlabel("period")
        first.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
        first.set_title(title, loc="left", fontweight="bold", pad=14)
    else:
        fig.suptitle(title, fontweight="bold", x=0.01, ha="left")
    parts = [note or "", f"n = attributed sentences per period; periods under {min_total} not plotted"]
    parts.append(_thin_note(thin_groups, f"under {min_total} sentences"))
    _note(fig, "; ".join(p for p in parts if p))
    return fig


def articles_over_time(
    articles: pd.DataFrame,
    *,
    by: Literal["day", "month", "year", "decade"] = "month",
    source: str = "publisher",
    title: str | None = None,
    note: str | None = None,
    top: int = 6,
) -> Figure:
    """Articles per period, stacked by source (publisher or country); undated articles counted in the note."""
    _require(articles, ["date"], "articles_over_time")
    title = title or f"Articles by {source} and {by}"
    frame = articles.drop_duplicates("doc_id") if "doc_id" in articles.columns else articles
    dates = pd.to_datetime(frame["date"], errors="coerce")
    undated = int(dates.isna().sum())
    extra = f"{undated} undated article(s) not shown" if undated else ""
    note = "; ".join(p for p in (note, extra) if p)
    if dates.notna().sum() == 0:
        return message_figure(f"No dated article among {len(frame)}.", title=title)
    freq = {"month": "M", "year": "Y", "decade": "Y", "day": "D"}.get(by, "M")
    period = dates.dt.to_period(freq)
    if by == "decade":
        period = (dates.dt.year // 10 * 10).astype("Int64").astype(str) + "s"
    src = (
        frame[source].fillna("unknown").astype(str)
        if source in frame.columns
        else pd.Series("all", index=frame.index)
    )
    keep = src.value_counts().index[:top]
    src = src.where(src.isin(keep), "other")
    table = pd.crosstab(period[dates.notna()], src[dates.notna()]).sort_index()
    fig = _new_figure(10, 3.4)
    ax = fig.add_subplot()
    bottom = np.zeros(len(table))
    palette = [
        OKABE_ITO[k]
        for k in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion", "grey")
    ]
    for k, col in enumerate(table.columns):
        ax.bar(range(len(table)), table[col].to_numpy(), bottom=bottom, color=palette[k % 7], label=col)
        bottom += table[col].to_numpy()
    step = max(1, len(table) // 20)
    ax.set_xticks(range(0, len(table), step), [str(p) for p in table.index[::step]], rotation=45, ha="right")
    ax.set_ylabel("articles")
    ax.set_xlabel(by)
    ax.legend(title=source, fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title(title + f" (n = {int(table.to_numpy().sum())})", loc="left", fontweight="bold")
    _note(fig, note)
    return fig


def actor_mentions(
    tagged: pd.DataFrame,
    *,
    top: int = 13,
    title: str | None = None,
    note: str | None = None,
) -> Figure:
    """Sentences mentioning each actor, and sentences whose position each actor holds (tagged frame)."""
    _require(tagged, ["actors"], "actor_mentions")
    title = title or "Actors mentioned in the corpus"
    mentions = pd.Series(
        [str(a) for cell in tagged["actors"] if isinstance(cell, (list, tuple, np.ndarray)) for a in cell],
        dtype=object,
    ).value_counts()
    if len(mentions) == 0:
        return message_figure("No actor was recognised in the corpus.", title=title)
    mentions = mentions.head(top)
    held = tagged["holder"].dropna().astype(str).value_counts() if "holder" in tagged.columns else pd.Series()
    fig = _new_figure(9, 1.3 + 0.34 * len(mentions))
    ax = fig.add_subplot()
    y = np.arange(len(mentions))[::-1]
    ax.barh(y + 0.2, mentions.to_numpy(), height=0.4, color=OKABE_ITO["sky_blue"], label="mentioned")
    ax.barh(
        y - 0.2,
        [int(held.get(a, 0)) for a in mentions.index],
        height=0.4,
        color=OKABE_ITO["blue"],
        label="holds the stated position",
    )
    ax.set_yticks(y, mentions.index.tolist())
    ax.set_xlabel("sentences")
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_title(title, loc="left", fontweight="bold")
    _note(fig, note)
    return fig


def keyness_chart(
    key: pd.DataFrame,
    *,
    actors: Sequence[str] = ("USA", "PAK"),
    issue: str | None = None,
    title: str | None = None,
    note: str | None = None,
    top: int = 12,
) -> Figure:
    """The terms most distinctive of each actor's sentences (log-odds with an informative prior)."""
    _require(key, ["term", "actor", "log_odds"], "keyness_chart")
    title = title or "Distinctive terms of each actor" + (f" on {issue_label(issue)}" if issue else "")
    colors = actor_colors(actors)
    fig = _new_figure(10, 1.2 + 0.26 * top)
    axes = fig.subplots(1, len(actors), squeeze=False)[0]
    for ax, actor in zip(axes, actors, strict=True):
        sub = key[key["actor"] == actor].copy()
        sub["_lo"] = pd.to_numeric(sub["log_odds"], errors="coerce").abs()
        sub = sub.nlargest(top, "_lo").iloc[::-1]
        if len(sub):
            ax.barh(sub["term"].astype(str), sub["_lo"], color=colors[actor])
            count_col = "count_a" if actor == actors[0] else "count_b"
            if count_col in sub.columns:
                for yv, (lo, cnt) in enumerate(zip(sub["_lo"], sub[count_col], strict=True)):
                    ax.text(lo, yv, f" {_int(cnt)}", va="center", fontsize=7, color="#444")
        else:
            ax.text(0.5, 0.5, "too few sentences", ha="center", va="center", transform=ax.transAxes)
            ax.set_yticks([])
        ax.set_ylim(-0.6, max(top, 3) - 0.4)
        ax.set_title(f"{actor}", color=colors[actor], fontweight="bold")
        ax.set_xlabel("|log-odds| (number = count)")
    fig.suptitle(title, fontweight="bold", x=0.01, ha="left")
    _note(fig, note)
    return fig


def source_comparison(
    conv: pd.DataFrame,
    *,
    actors: Sequence[str] = ("USA", "PAK"),
    issue: str | None = None,
    title: str | None = None,
    note: str | None = None,
) -> Figure:
    """How each source (publisher or outlet country) frames an issue: index with interval per source."""
    _require(conv, ["issue", "group", "index", "ci_low", "ci_high", "verdict"], "source_comparison")
    a, b = actors
    frame = conv if issue is None else conv[conv["issue"] == issue]
    title = title or f"{a}–{b} convergence by source" + (f": {issue_label(issue)}" if issue else "")
    if len(frame) == 0:
        return message_figure("No source with sentences on this issue.", title=title)
    frame = frame.assign(
        _label=frame["issue"].map(issue_label) + " · " + frame["group"].astype(str)
        if issue is None
        else frame["group"].astype(str)
    )
    frame = (
        frame.assign(_i=frame["index"].map(_num))
        .sort_values("_i", na_position="first")
        .reset_index(drop=True)
    )
    n = len(frame)
    fig = _new_figure(9, 1.3 + 0.36 * n)
    ax = fig.add_subplot()
    for i, row in frame.iterrows():
        v = str(row["verdict"])
        color = VERDICT_COLORS.get(v, OKABE_ITO["black"])
        lo, hi = _num(row["ci_low"]), _num(row["ci_high"])
        if not (math.isnan(lo) or math.isnan(hi)):
            ax.plot([lo, hi], [i, i], color=color, linewidth=3, alpha=0.55, solid_capstyle="round")
        if not math.isnan(row["_i"]):
            ax.scatter(
                [row["_i"]],
                [i],
                s=55,
                zorder=3,
                facecolors="white" if v == "insufficient" else color,
                edgecolors=color,
            )
        n_txt = f"  n={_int(row.get('n_a'))}/{_int(row.get('n_b'))}" if "n_a" in frame.columns else ""
        ax.text(1.08, i, v + n_txt, transform=ax.get_yaxis_transform(), va="center", fontsize=8, color=color)
    ax.axvline(0, color="#666666", linewidth=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_yticks(range(n), frame["_label"].tolist())
    ax.set_xlabel("convergence index (− divergent … + convergent), line = interval")
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_title(title, loc="left", fontweight="bold")
    _verdict_legend(ax, frame["verdict"].astype(str), loc="lower left")
    _note(fig, note)
    return fig


# ---------------------------------------------------------------------------------------------- HTML helpers


# ------------------------------------------------------------------------------------------------- positions


def _pole_label(minus: str, plus: str, *, width: int = 34) -> str:
    """A position panel's y label, negative pole at the bottom, positive at the top: ``- minus  |  plus +``
    when it fits the panel's height (about ``width`` characters of 7.5 pt text), else the negative pole
    and then the positive pole on lines of their own (each in as few, even lines as fit), so that no label
    runs past its panel."""
    import textwrap

    def lines(text: str) -> list[str]:
        n = -(-len(text) // width)
        for w in range(-(-len(text) // n), width + 1):
            wrapped = textwrap.wrap(text, w)
            if len(wrapped) <= n:
                return wrapped
        return textwrap.wrap(text, width)

    line = f"- {minus}  |  {plus} +"
    if len(line) <= width:
        return line
    return "\n".join([*lines(f"- {minus}"), *lines(f"{plus} +")])


def position_chart(
    pos: pd.DataFrame,
    *,
    issue: str | None = None,
    actors: Sequence[str] | None = None,
    title: str | None = None,
    note: str | None = None,
) -> Figure:
    """Each actor's position on each dimension (``positions(...)`` output), with its interval, over the
    groups (periods on a time axis, other groups side by side). One panel per issue and dimension (``issue``
    keeps one issue); the y axis runs from the negative pole (bottom) to the positive pole (top)."""
    cols = ["issue", "dimension", "group", "actor", "position", "ci_low", "ci_high", "n"]
    _require(pos, cols, "position_chart")
    poles = pos.attrs.get("poles", {})
    # pandas deep-copies ``attrs`` (every dimension's definition) into each frame derived below: drop them
    frame = pos.copy(deep=False)
    frame.attrs = {}
    frame = frame if issue is None else frame[frame["issue"] == issue]
    title = title or ("Positions on " + (issue or "each issue's dimensions"))
    if len(frame) == 0:
        return message_figure("No sentence of these actors on the issue: no position to show.", title=title)
    actors = list(actors) if actors is not None else list(dict.fromkeys(frame["actor"].astype(str)))
    colors = actor_colors(actors)
    panels = list(dict.fromkeys(zip(frame["issue"].astype(str), frame["dimension"].astype(str), strict=True)))
    groups = frame["group"].astype(str)
    dated_frame = frame[~groups.isin(_UNDATED)]
    x, dated = _time_axis(dated_frame["group"]) if len(dated_frame) else (dated_frame["group"], False)
    if dated and dated_frame["group"].nunique() > 1:
        frame = dated_frame.assign(_x=x.to_numpy())
    else:
        order = _order_groups(frame["group"])
        frame = frame.assign(_x=frame["group"].map({g: k for k, g in enumerate(order)}))
        dated = False
    fig = _new_figure(10, 1.0 + 2.3 * len(panels))
    for k, (iss, dim) in enumerate(panels):
        ax = fig.add_subplot(len(panels), 1, k + 1)
        sub = frame[(frame["issue"].astype(str) == iss) & (frame["dimension"].astype(str) == dim)]
        for j, actor in enumerate(actors):
            s = sub[sub["actor"].astype(str) == actor].sort_values("_x")
            if not len(s):
                continue
            xs = s["_x"]
            if not dated and len(actors) > 1:
                xs = xs + (j - (len(actors) - 1) / 2) * 0.12
            y = s["position"].map(_num)
            low = (y - s["ci_low"].map(_num)).clip(lower=0).fillna(0)
            high = (s["ci_high"].map(_num) - y).clip(lower=0).fillna(0)
            ax.errorbar(xs, y, yerr=np.vstack([low, high]), color=colors[actor], marker="o", markersize=5,
                        linewidth=1.4, capsize=3, label=f"{actor} (n = {int(s['n'].sum()):,})")  # fmt: skip
        ax.axhline(0, color="#666666", linewidth=0.8)
        plus, minus = poles.get(f"{iss}/{dim}", ("+", "-"))
        ax.set_ylabel(_pole_label(minus, plus), fontsize=7.5)
        ax.set_title(f"{iss}: {dim}", loc="left", fontsize=10)
        ax.grid(color="#EEEEEE")
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
        if not dated:
            order = _order_groups(frame["group"])
            ax.set_xticks(range(len(order)), [str(g) for g in order], fontsize=8)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    _note(
        fig,
        (note + "; " if note else "")
        + "point = mean sentence score (Latent Semantic Scaling); bar = interval",
    )
    return fig


def position_section(
    tagged: pd.DataFrame,
    *,
    issue: str,
    actors: Sequence[str] = ("USA", "PAK"),
    by: str | None = None,
    max_rows: int = 6,
) -> HTML:
    """Positions on an issue's dimensions for a report: the position chart (over ``by`` groups when given)
    and, per dimension, each actor's sentences sorted by their pull toward each pole."""
    from convergence.measure.positions import load_dimensions, position_evidence, positions

    dims = load_dimensions()
    if issue not in dims:
        return HTML(f'<p class="cv-muted">No position dimension for {html.escape(issue)}.</p>')
    pos = positions(tagged, actors=actors, issues=[issue], by=by or "corpus")
    fig = position_chart(pos, issue=issue, actors=actors, note=corpus_note(tagged))
    parts = [f'<img alt="positions on {html.escape(issue)}" src="{figure_to_data_uri(fig)}">']
    for dim in dims[issue]:
        parts.append(
            f"<h4>{html.escape(issue)}: {html.escape(dim.name)}</h4><p>{html.escape(dim.definition)}</p>"
        )
        ev = position_evidence(tagged, issue=issue, actors=actors, dimension=dim.name)
        parts.append(position_evidence_html(ev, max_rows=max_rows))
    return HTML("".join(parts))
