"""The evidence to take away: full evidence and verdict tables as CSV and XLSX beside the report pages.

For each issue report ``reports/<name>.html`` the runner writes ``reports/<name>.evidence.csv`` and
``reports/<name>.xlsx`` (sheets *verdict* and *evidence*); for the index, ``verdicts.csv``,
``evidence.csv`` and ``convergence.xlsx`` (sheets *verdicts* and *evidence*, every issue). Each evidence row
is one sentence in one role, with the article's title, date, publisher and link and the sentence key
(``sent_key``, see ``convergence.keys.sentence_key``) that corrections refer to. Text
cells that a spreadsheet would run as a formula get a leading quote
(:func:`convergence.csvsafe.neutralise_csv_cells`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

import convergence as cv
from convergence.csvsafe import neutralise_csv_cells
from convergence.keys import sentence_key
from convergence.paths import atomic_write

EVIDENCE_COLUMNS = [
    "issue",
    "issue_label",
    "actor",
    "kind",
    "object",
    "stance",
    "relation",
    "weight",
    "cues",
    "holder",
    "targets",
    "text",
    "title",
    "date",
    "publisher",
    "doc_type",
    "url",
    "doc_id",
    "sent_id",
    "sent_key",
    "group",
]
VERDICT_COLUMNS = [
    "issue",
    "issue_label",
    "group",
    "verdict",
    "index",
    "ci_low",
    "ci_high",
    "n_a",
    "n_b",
    "n_relation",
    "stance_a",
    "stance_b",
    "relation",
    "reason",
    "actor_a",
    "actor_b",
]
_DOC_COLUMNS = ("title", "date", "publisher", "doc_type", "url")


def _documents(tagged: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in _DOC_COLUMNS if c in tagged.columns]
    if "doc_id" not in tagged.columns:
        return pd.DataFrame(columns=["doc_id", *cols])
    return tagged.drop_duplicates("doc_id")[["doc_id", *cols]]


def evidence_table(
    tagged: pd.DataFrame,
    *,
    issue: str,
    actors=("USA", "PAK"),
    labels: Mapping[str, str] | None = None,
    documents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every evidence sentence of ``issue`` for the pair (``cv.evidence``), with the article's title, date,
    publisher, document type and link, the issue's label and each sentence's ``sent_key``."""
    ev = cv.evidence(tagged, issue=issue, actors=tuple(actors))
    docs = _documents(tagged) if documents is None else documents
    if len(ev):
        ev = ev.merge(docs, on="doc_id", how="left")
        ev["sent_key"] = ev["text"].map(lambda t: sentence_key(t) if isinstance(t, str) else "")
    ev["issue"] = issue
    ev["issue_label"] = (labels or {}).get(issue, issue)
    for col in EVIDENCE_COLUMNS:
        if col not in ev.columns:
            ev[col] = None
    return ev[EVIDENCE_COLUMNS].reset_index(drop=True)


def verdict_table(conv: pd.DataFrame, *, actors, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The convergence rows as a flat table: issue and its label, verdict, index, interval, counts, reason."""
    out = conv.copy()
    out.attrs = {}  # the measure's settings: pandas would deep-copy them into every slice taken below
    out["issue_label"] = out["issue"].map(lambda s: (labels or {}).get(s, s))
    out["actor_a"], out["actor_b"] = actors[0], actors[1]
    for col in VERDICT_COLUMNS:
        if col not in out.columns:
            out[col] = None
    return out[VERDICT_COLUMNS].reset_index(drop=True)


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined by "; ", dates as YYYY-MM-DD, floats rounded: one plain value per cell."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[col] = series.dt.strftime("%Y-%m-%d").where(series.notna(), None)
        elif series.dtype == object:
            out[col] = series.map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v
            )
        elif pd.api.types.is_float_dtype(series):
            out[col] = series.round(4)
    return neutralise_csv_cells(out)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike, *, flat: bool = False) -> Path:
    """``frame`` as UTF-8 CSV (with a byte-order mark, so spreadsheets read accents), formula-safe.
    ``flat``: ``frame`` is already :func:`_flat`'s output (the runner flattens each table once for its CSV
    and its XLSX sheet)."""
    table = frame if flat else _flat(frame)
    return atomic_write(Path(path), lambda tmp: table.to_csv(tmp, index=False, encoding="utf-8-sig"))


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path: str | os.PathLike, *, flat: bool = False) -> Path:
    """One XLSX workbook, a sheet per frame, values only (text never taken as a formula). ``flat``: the
    frames are already :func:`_flat`'s output."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    def write(tmp):
        book = Workbook(write_only=True)
        for name, frame in sheets.items():
            sheet = book.create_sheet(title=name[:31])
            flat_frame = frame if flat else _flat(frame)
            bold = []
            for col in flat_frame.columns:
                cell = WriteOnlyCell(sheet, value=str(col))
                cell.font = Font(bold=True)
                bold.append(cell)
            sheet.append(bold)
            for row in flat_frame.itertuples(index=False, name=None):
                sheet.append([_xlsx_value(v) for v in row])
        book.save(tmp)

    return atomic_write(Path(path), write)


def _xlsx_value(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (pd.Timestamp,)):
        return value.to_pydatetime()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def read_back(path: str | os.PathLike) -> pd.DataFrame:
    """A CSV or the first sheet of an XLSX written here, as a frame of text (for checks and tests)."""
    path = Path(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    return pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")


def issue_files(name: str) -> dict[str, str]:
    """The export files of the issue report ``name``, relative to the ``reports/`` folder."""
    return {"csv": f"{name}.evidence.csv", "xlsx": f"{name}.xlsx"}


def planned_files(names) -> list[str]:
    """Every export file a run writes for the issue reports ``names`` (relative to the output folder)."""
    files = [f"reports/{f}" for name in names for f in issue_files(name).values()]
    return [*files, *INDEX_FILES.values()]


INDEX_FILES = {"verdicts_csv": "verdicts.csv", "evidence_csv": "evidence.csv", "xlsx": "convergence.xlsx"}


def write_all(
    tagged: pd.DataFrame,
    conv: pd.DataFrame,
    *,
    out: str | os.PathLike,
    actors,
    labels: Mapping[str, str] | None = None,
    issue_names: Mapping[str, str],
    check=lambda p: p,
) -> dict:
    """Write every export of a report run: per issue report, its evidence (CSV) and its verdict and evidence
    (XLSX) in ``out/reports/``; for the index, ``verdicts.csv``, ``evidence.csv`` (every issue) and
    ``convergence.xlsx`` in ``out``. ``check(path)`` vets each path (the runner keeps them inside ``out``).

    Returns ``{"files": [paths relative to out], "index_links": [(label, href)]}``.
    """
    out = Path(out)
    docs = _documents(tagged)
    exploded = tagged["issues"].explode() if len(tagged) else pd.Series(dtype=object)
    exploded = exploded[exploded.notna()]
    rows_of = exploded.groupby(exploded.astype(str)).groups if len(exploded) else {}
    verdicts = verdict_table(conv, actors=actors, labels=labels)
    frames, files = [], []
    for issue, name in issue_names.items():
        idx = rows_of.get(issue)
        sub = tagged.loc[sorted(set(idx))] if idx is not None else tagged.iloc[:0]
        ev = evidence_table(sub, issue=issue, actors=actors, labels=labels, documents=docs)
        frames.append(ev)
        names = issue_files(name)
        flat_ev = _flat(ev)  # once, for the CSV and the XLSX sheet
        write_csv(flat_ev, check(out / "reports" / names["csv"]), flat=True)
        write_xlsx(
            {"verdict": _flat(verdicts[verdicts["issue"] == issue]), "evidence": flat_ev},
            check(out / "reports" / names["xlsx"]),
            flat=True,
        )
        files += [f"reports/{names['csv']}", f"reports/{names['xlsx']}"]
    everything = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=EVIDENCE_COLUMNS)
    del frames
    flat_verdicts, flat_everything = _flat(verdicts), _flat(everything)
    del everything
    write_csv(flat_verdicts, check(out / INDEX_FILES["verdicts_csv"]), flat=True)
    write_csv(flat_everything, check(out / INDEX_FILES["evidence_csv"]), flat=True)
    write_xlsx(
        {"verdicts": flat_verdicts, "evidence": flat_everything}, check(out / INDEX_FILES["xlsx"]), flat=True
    )
    files += list(INDEX_FILES.values())
    links = [
        ("verdicts (CSV)", INDEX_FILES["verdicts_csv"]),
        (f"every evidence sentence, {len(flat_everything)} rows (CSV)", INDEX_FILES["evidence_csv"]),
        ("both tables (XLSX)", INDEX_FILES["xlsx"]),
    ]
    return {"files": files, "index_links": links}
