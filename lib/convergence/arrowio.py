"""DataFrames to Arrow IPC files and back exactly (dtypes, index, attrs, list and dict cells); never a pickle.

Used for every table the project caches on disk. Columns of other dtypes than ``object`` (numbers, dates,
nullable integers, string dtypes) go through pandas' own Arrow conversion; an object column of strings is
Arrow text read back as an object column. An object column of lists of strings is stored
as an Arrow dictionary of ``list<string>`` (each distinct list once); any other object column (lists of
dicts, mixed cells) as a dictionary of JSON texts. On reading, equal cells of such a column are one shared
object, as in the tagged table. ``frame.attrs`` is kept in the file's metadata as JSON (tuples marked as
such). Reading a file never runs code: it is data only.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .errors import ConvergenceError
from .paths import atomic_write

_KEY = b"convergence.arrowio"
FORMAT_VERSION = 1


class FrameFileError(ConvergenceError, ValueError):
    """A file that is not a table written by :func:`write_frame`, or a frame it cannot store exactly."""


# --- attrs -----------------------------------------------------------------------------------------------


def _encode_attr(value):
    if isinstance(value, tuple):
        return {"__tuple__": [_encode_attr(v) for v in value]}
    if isinstance(value, list):
        return [_encode_attr(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise FrameFileError(f"attrs: only string keys can be stored, got {list(value)[:3]!r}")
        return {"__dict__": {k: _encode_attr(v) for k, v in value.items()}}
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise FrameFileError(f"attrs: cannot store a {type(value).__name__} exactly")


def _decode_attr(value):
    if isinstance(value, list):
        return [_decode_attr(v) for v in value]
    if isinstance(value, dict):
        if "__tuple__" in value:
            return tuple(_decode_attr(v) for v in value["__tuple__"])
        return {k: _decode_attr(v) for k, v in value["__dict__"].items()}
    return value


# --- object columns --------------------------------------------------------------------------------------


def _kind(distinct: list) -> str:
    """The encoding of distinct cells: ``lists`` (all lists of strings) or ``json`` (lists of dicts, numbers,
    mixed cells...)."""
    for v in distinct:
        if type(v) is not list or not all(isinstance(x, str) for x in v):
            return "json"
    return "lists"


def _dictionary(values: list) -> tuple[str, pa.DictionaryArray]:
    """The column's kind and its cells as a dictionary array: each distinct cell once. Cells are first told
    apart by identity (equal tag lists are often one shared object), so only distinct objects are examined."""
    n = len(values)
    ids = np.fromiter(map(id, values), dtype=np.int64, count=n)  # the objects stay alive in ``values``
    codes, distinct = pd.factorize(ids)
    first = np.empty(len(distinct), dtype=np.int64)
    first[codes[::-1]] = np.arange(n - 1, -1, -1)  # the first row of each distinct object
    objects = [values[i] for i in first]
    none = [j for j, v in enumerate(objects) if v is None]
    mask = codes == none[0] if none else np.zeros(n, dtype=bool)
    if none:
        objects[none[0]] = []  # a placeholder: its rows are masked
    kind = _kind(objects)
    by_value: dict = {}
    uniques: list = []
    remap = np.empty(len(objects), dtype=np.int64)
    for j, v in enumerate(objects):
        if kind == "lists":
            key = tuple(v)
        elif type(v) is list and not v:
            key = "[]"
        else:
            key = json.dumps(v, ensure_ascii=False, allow_nan=True)
        code = by_value.get(key)
        if code is None:
            code = by_value[key] = len(uniques)
            uniques.append(v if kind == "lists" else key)
        remap[j] = code
    codes = remap[codes] if len(objects) else codes.astype(np.int64)
    dictionary = pa.array(uniques, type=pa.list_(pa.string()) if kind == "lists" else pa.string())
    indices = pa.array(codes.astype(np.int32), type=pa.int32(), mask=mask)
    return kind, pa.DictionaryArray.from_arrays(indices, dictionary)


def _undictionary(column: pa.ChunkedArray, kind: str) -> np.ndarray:
    out = np.empty(len(column), dtype=object)
    pos = 0
    table, last = None, None
    for chunk in column.chunks:
        if last is None or not chunk.dictionary.equals(last):  # record batches share one dictionary
            last = chunk.dictionary
            uniques = last.to_pylist()
            table = np.empty(len(uniques) + 1, dtype=object)  # the last slot is the missing value
            for i, u in enumerate(uniques):  # one by one: numpy would turn equal-length lists into rows
                table[i] = json.loads(u) if kind == "json" else u
        codes = chunk.indices.fill_null(len(table) - 1).to_numpy(zero_copy_only=False)
        out[pos : pos + len(chunk)] = table[codes]
        pos += len(chunk)
    return out


def _text(column: pa.ChunkedArray) -> np.ndarray:
    """A text column as an object array (None where missing). A column of few distinct texts (publisher,
    country, holder...) is decoded once per distinct text: its equal cells are one string object."""
    if len(column) < 1024:
        return column.to_numpy()
    encoded = column.combine_chunks().dictionary_encode()
    if len(encoded.dictionary) > len(column) // 4:
        return column.to_numpy()
    table = np.empty(len(encoded.dictionary) + 1, dtype=object)  # the last slot is the missing value
    table[:-1] = encoded.dictionary.to_pylist()
    return table[encoded.indices.fill_null(len(table) - 1).to_numpy(zero_copy_only=False)]


# --- files -----------------------------------------------------------------------------------------------


def frame_to_table(frame: pd.DataFrame) -> pa.Table:
    """The Arrow table :func:`write_frame` writes."""
    if not all(isinstance(c, str) for c in frame.columns) or frame.columns.has_duplicates:
        raise FrameFileError("only frames with distinct string column names can be stored")
    attrs = _encode_attr(dict(frame.attrs))
    encoded: dict[str, str] = {}
    arrays: dict[str, pa.Array] = {}
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        values = frame[column].tolist()
        if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
            try:  # text and None: Arrow text, read back as an object column (not a string dtype)
                arrays[column] = pa.array(values, type=pa.large_string(), from_pandas=False)
                encoded[column] = "text"
                continue
            except (pa.ArrowException, TypeError, ValueError):
                pass  # NaN among the texts: stored as JSON below, so it comes back NaN
        try:
            encoded[column], arrays[column] = _dictionary(values)
        except (TypeError, ValueError) as exc:
            raise FrameFileError(f"column {column!r} cannot be stored exactly: {exc}") from exc
    native = frame.drop(columns=list(encoded)) if encoded else frame.copy(deep=False)
    native.attrs = {}  # attrs are stored once, below, with their tuples kept
    table = pa.Table.from_pandas(native, preserve_index=None)  # a RangeIndex as metadata, others as columns
    for column, array in arrays.items():
        table = table.append_column(pa.field(f"__encoded__{column}", array.type), pa.chunked_array([array]))
    info = {
        "version": FORMAT_VERSION,
        "columns": list(frame.columns),
        "encoded": encoded,
        "attrs": attrs,
    }
    table = table.combine_chunks()  # record batches follow the chunks: fewer, larger batches
    metadata = dict(table.schema.metadata or {})
    metadata[_KEY] = json.dumps(info).encode()
    return table.replace_schema_metadata(metadata)


def table_to_frame(table: pa.Table) -> pd.DataFrame:
    """The frame :func:`read_frame` returns for ``table``."""
    raw = (table.schema.metadata or {}).get(_KEY)
    if raw is None:
        raise FrameFileError("not a table written by convergence.arrowio (no metadata)")
    info = json.loads(raw)
    encoded = info["encoded"]
    names = [f"__encoded__{c}" for c in encoded]
    frame = table.drop_columns(names).to_pandas() if names else table.to_pandas()
    for column, kind in encoded.items():
        data = table.column(f"__encoded__{column}")
        values = _text(data) if kind == "text" else _undictionary(data, kind)
        frame[column] = pd.Series(values, index=frame.index, dtype=object)  # never inferred as a string dtype
    frame = frame[info["columns"]]
    frame.attrs = _decode_attr(info["attrs"])
    return frame


def write_frame(frame: pd.DataFrame, path) -> Path:
    """Write ``frame`` as an Arrow IPC file atomically (temp file + rename); returns the path."""
    table = frame_to_table(frame)

    def write(tmp):
        with pa.OSFile(tmp, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table, max_chunksize=1 << 20)

    return atomic_write(path, write)


def read_frame(path) -> pd.DataFrame:
    """The frame :func:`write_frame` wrote to ``path``: same columns, dtypes, index, cells and attrs."""
    with pa.memory_map(str(path), "r") as source:
        table = pa.ipc.open_file(source).read_all()
    return table_to_frame(table)


__all__ = ["FrameFileError", "frame_to_table", "read_frame", "table_to_frame", "write_frame"]
