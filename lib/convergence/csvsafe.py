"""Spreadsheet-safe text cells: a cell that a spreadsheet would read as a formula gets a leading quote."""

from __future__ import annotations

import pandas as pd

# OWASP CSV injection: a cell starting with one of these is taken as a formula by Excel, LibreOffice, Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` where every text cell starting with ``= + - @``, a tab or a carriage return has a
    leading single quote, so a spreadsheet shows it as text instead of running it. Numbers are left alone."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(_neutralise)
    return out
