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
    with pa.memory_map(str(path)) as source:  # the schema alone (the file's footer)
        schema = pa.ipc.open_file(source).schema
    meta = schema.metadata or {}
    json_cols = set(json.loads(meta.get(_JSON_COLUMNS.encode(), b"[]")))
    keep = None
    if columns is not None:
        wanted = columns if callable(columns) else set(columns).__contains__
        pandas_meta = json.loads(meta.get(b"pandas", b"{}"))
        index_cols = {c for c in pandas_meta.get("index_columns", []) if isinstance(c, str)}
        keep = [n for n in schema.names if wanted(n) or n in index_cols]
    # Only the columns asked for are read (and decompressed): the others never take memory. Columns of
    # lists and of text are read one at a time, each let go once it is a column of the frame.
    names = list(schema.names) if keep is None else keep
    fields = {f.name: f for f in schema}
    order = _column_order(schema, names)
    types = {c["name"]: c.get("numpy_type") for c in (schema.pandas_metadata or {}).get("columns", [])}
    nested = {n for n in names if _is_nested(fields[n].type)}
    text = {n for n in order if types.get(n) == "object" and pa.types.is_string(fields[n].type)} - nested
    flat = [n for n in names if n not in nested and n not in text]
    if flat:
        frame = feather.read_table(path, columns=flat, memory_map=True).to_pandas()
    else:  # no index column stored: the rows are numbered
        rows = feather.read_table(path, columns=names[:1], memory_map=True).num_rows if names else 0
        frame = pd.DataFrame(index=pd.RangeIndex(rows))
    for name in names:
        if name in nested or name in text:
            column = feather.read_table(path, columns=[name], memory_map=True).column(0)
            values = _shared(column.to_pylist()) if name in nested else _strings(column)
            del column
            frame[name] = pd.Series(values, index=frame.index, dtype=object)
    frame = frame[[c for c in order if c in frame.columns]]
    for col in frame.columns:
        frame[col] = _as_written(frame[col], types.get(col))
    for col in json_cols & set(frame.columns):
        frame[col] = frame[col].map(lambda v: json.loads(v) if isinstance(v, str) else v)
    return frame


def _strings(column: pa.ChunkedArray) -> np.ndarray:
    """A text column's cells as Python strings, equal values as one shared object (a tagged table repeats
    a few publishers, countries and holders hundreds of thousands of times: one string object per row would
    take some 50 bytes each), missing values as None."""
    encoded = column.combine_chunks().dictionary_encode()
    values = np.empty(len(encoded.dictionary) + 1, dtype=object)
    values[: len(encoded.dictionary)] = encoded.dictionary.to_pylist()
    values[-1] = None
    return values[encoded.indices.fill_null(len(encoded.dictionary)).to_numpy()]


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


def _column_order(schema: pa.Schema, present) -> list[str]:
    """The frame's columns in their written order, among the ``present`` file columns."""
    pandas_meta = schema.pandas_metadata or {}
    names = [c["name"] for c in pandas_meta.get("columns", []) if c.get("name") is not None]
    index = {c for c in pandas_meta.get("index_columns", []) if isinstance(c, str)}
    present = set(present)
    return [n for n in names if n not in index and n in present]
