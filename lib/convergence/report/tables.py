"""Tables on disk for a report folder: Arrow IPC files (no pickles), list and dict cells kept as they were.

A report folder is shared; whoever opens it again must only ever read data, never run what a file holds,
so every table is written as Arrow IPC (``.arrow``), which stores values and types only. Cells that Arrow
cannot type (a column mixing lists and strings) are stored as JSON text and read back as Python values.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

_JSON_COLUMNS = "convergence.json_columns"


def _jsonable(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def _to_arrow(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table with its index; object columns Arrow cannot type become JSON text."""
    json_cols = []
    safe = frame
    for col in frame.columns:
        if frame[col].dtype != object:
            continue
        try:
            pa.array(frame[col], from_pandas=True)
        except (pa.ArrowException, TypeError, ValueError):
            if safe is frame:
                safe = frame.copy()
            safe[col] = frame[col].map(
                lambda v: (
                    None
                    if v is None
                    else json.dumps(v, ensure_ascii=False, default=_jsonable)
                    if not isinstance(v, str)
                    else json.dumps(v, ensure_ascii=False)
                )
            )
            json_cols.append(str(col))
    table = pa.Table.from_pandas(safe, preserve_index=True)
    meta = dict(table.schema.metadata or {})
    meta[_JSON_COLUMNS.encode()] = json.dumps(json_cols).encode()
    return table.replace_schema_metadata(meta)


def write_frame(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``frame`` (index included) to ``path`` as an Arrow IPC file, atomically; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = _to_arrow(frame)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        feather.write_feather(table, tmp, compression="lz4")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _is_nested(kind: pa.DataType) -> bool:
    return pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_struct(kind)


def read_frame(path: str | os.PathLike, *, columns=None) -> pd.DataFrame:
    """A frame written by :func:`write_frame`: same columns, dtypes, index; list cells as lists, dict cells
    as dicts. ``columns`` (names, or a predicate on a name) reads only those (the index always comes
    along)."""
    path = Path(path)
    table = feather.read_table(path, columns=None, memory_map=True)
    meta = table.schema.metadata or {}
    json_cols = set(json.loads(meta.get(_JSON_COLUMNS.encode(), b"[]")))
    if columns is not None:
        wanted = columns if callable(columns) else set(columns).__contains__
        pandas_meta = json.loads(meta.get(b"pandas", b"{}"))
        index_cols = {c for c in pandas_meta.get("index_columns", []) if isinstance(c, str)}
        keep = [n for n in table.column_names if wanted(n) or n in index_cols]
        table = table.select(keep)
    order = _column_order(table)
    types = {c["name"]: c.get("numpy_type") for c in (table.schema.pandas_metadata or {}).get("columns", [])}
    nested = [f.name for f in table.schema if _is_nested(f.type)]
    frame = table.drop_columns(nested).to_pandas() if nested else table.to_pandas()
    for name in nested:
        column = table.column(name)
        table = table.drop_columns([name])
        frame[name] = pd.Series(_shared(column.to_pylist()), index=frame.index, dtype=object)
        del column
    frame = frame[[c for c in order if c in frame.columns]]
    for col in frame.columns:
        frame[col] = _as_written(frame[col], types.get(col))
    for col in json_cols & set(frame.columns):
        frame[col] = frame[col].map(lambda v: json.loads(v) if isinstance(v, str) else v)
    return frame


def _shared(values: list) -> list:
    """``values`` with equal lists of plain values as one shared list object (a tagged table repeats the
    same few tag lists hundreds of thousands of times); lists holding dicts are shared only when empty.
    As in the tagging output, a cell must be copied before it is changed in place."""
    seen: dict = {}
    out = []
    for value in values:
        if isinstance(value, list):
            try:
                key = tuple(value)
                hash(key)
            except TypeError:
                key = None if value else ()
            if key is not None:
                value = seen.setdefault(key, value)
        out.append(value)
    return out


def _as_written(column: pd.Series, numpy_type: str | None) -> pd.Series:
    """``column`` back in the dtype it was written with (text stays an object column with None; datetimes
    keep their unit)."""
    if not numpy_type or str(column.dtype) == numpy_type:
        return column
    if numpy_type == "object":
        values = column.astype(object)
        return values.where(column.notna(), None)
    if numpy_type.startswith("datetime64"):
        return column.astype(numpy_type)
    return column


def _column_order(table: pa.Table) -> list[str]:
    pandas_meta = table.schema.pandas_metadata or {}
    names = [c["name"] for c in pandas_meta.get("columns", []) if c.get("name") is not None]
    index = {c for c in pandas_meta.get("index_columns", []) if isinstance(c, str)}
    return [n for n in names if n not in index and n in table.column_names]
