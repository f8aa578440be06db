"""CSV files safe to open in a spreadsheet: no cell is read as a formula; written atomically.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula (or becomes
one) in Excel, LibreOffice and Google Sheets. Following OWASP's CSV injection guidance such a cell gets a
leading single quote, which spreadsheets read as "this is text". Only CSV output is changed: Parquet keeps the
exact text, and :func:`restore_csv_cells` removes the quote again when the project reads its own CSV back.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .paths import atomic_write

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return QUOTE + value
    return value


def _restore(value):
    if isinstance(value, str) and value.startswith(QUOTE) and value[1:2] and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def _is_text(dtype) -> bool:
    return pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype)


def _text_columns(frame: pd.DataFrame) -> list:
    return [c for c in frame.columns if _is_text(frame[c].dtype)]


def neutralise_csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` in which every text cell starting with ``= + - @``, tab or carriage return has a
    leading ``'``; other cells, the column names' order and the dtypes are unchanged."""
    out = frame.copy()
    for column in _text_columns(out):
        out[column] = out[column].map(_neutralise, na_action="ignore")
    return out


def restore_csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`neutralise_csv_cells` for a frame read from a CSV this project wrote."""
    out = frame.copy()
    for column in _text_columns(out):
        out[column] = out[column].map(_restore, na_action="ignore")
    return out


def _json_cell(value):
    if isinstance(value, (list, tuple, dict, np.ndarray)):
        data = value.tolist() if isinstance(value, np.ndarray) else value
        return json.dumps(data, ensure_ascii=False, default=str)
    return value


def write_csv(frame: pd.DataFrame, path) -> Path:
    """Write ``frame`` as UTF-8 CSV atomically (temp file + rename): list and dict cells as JSON, formula-like
    cells neutralised (:func:`neutralise_csv_cells`); returns the path."""
    path = Path(path)
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].dtype == object:
            flat[column] = flat[column].map(_json_cell)
    flat = neutralise_csv_cells(flat)
    return atomic_write(path, lambda tmp: flat.to_csv(tmp, index=False, encoding="utf-8"))


__all__ = ["FORMULA_STARTS", "neutralise_csv_cells", "restore_csv_cells", "write_csv"]
