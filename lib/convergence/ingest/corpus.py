"""The ``Corpus`` tables and atomic table writing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..csvsafe import restore_csv_cells, write_csv
from ..errors import ConvergenceError
from ..paths import atomic_write

ARTICLE_COLUMNS = [
    "doc_id", "paths", "format", "title", "authors", "affiliation", "publisher", "date", "place", "doc_type",
    "keywords", "words_declared", "words_measured", "summary_author", "url", "country", "session", "year",
    "warnings", "text",
]  # fmt: skip
LIST_COLUMNS = ("paths", "authors", "keywords", "warnings")
INT_COLUMNS = ("words_declared", "session", "year")
PARAGRAPH_COLUMNS = ["doc_id", "para_id", "start", "end", "text"]
SENTENCE_COLUMNS = ["doc_id", "para_id", "sent_id", "start", "end", "text"]
SKIPPED_COLUMNS = ["path", "reason", "detail"]
TABLES = ("articles", "paragraphs", "sentences", "skipped")


class IngestError(ConvergenceError, RuntimeError):
    """No input at all, or nothing that could be parsed."""


#: Write a file atomically: ``atomic(path, write)`` calls ``write(tmp)`` then renames tmp over ``path``.
atomic = atomic_write


def _is_listlike(v) -> bool:
    return isinstance(v, (list, tuple, dict, np.ndarray))


def _json_cell(v):
    if _is_listlike(v):
        return json.dumps(v.tolist() if isinstance(v, np.ndarray) else v, ensure_ascii=False, default=str)
    return v


def _parquet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns that mix lists and scalars (or odd types) become JSON/str so pyarrow can store them."""
    import pyarrow as pa

    out = df
    for col in df.columns:
        if df[col].dtype != object:
            continue
        try:
            pa.array(df[col], from_pandas=True)
        except (pa.ArrowException, TypeError, ValueError):
            if out is df:
                out = df.copy()
            out[col] = df[col].map(
                lambda v: None if v is None else (_json_cell(v) if _is_listlike(v) else str(v))
            )
    return out


def write_table(df: pd.DataFrame, path, *, format: str = "parquet") -> Path:
    """Write ``df`` atomically as parquet (list columns kept, text exact) or CSV (lists as JSON, a text cell
    starting with ``= + - @``, tab or CR gets a leading ``'``: spreadsheets never run it); return the path."""
    path = Path(path)
    if format == "parquet":
        safe = _parquet_safe(df)
        return atomic_write(path, lambda tmp: safe.to_parquet(tmp, index=False, engine="pyarrow"))
    if format == "csv":
        return write_csv(df, path)
    raise ValueError(f"format must be 'parquet' or 'csv', not {format!r}")


def _read_csv(path: Path, list_columns) -> pd.DataFrame:
    df = restore_csv_cells(pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""]))
    for col in list_columns:
        if col in df.columns:
            df[col] = df[col].map(lambda v: json.loads(v) if isinstance(v, str) and v.startswith("[") else [])
    return df


@dataclass
class Corpus:
    """Parsed articles with their paragraphs, sentences and the inputs that were skipped."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame

    def __repr__(self) -> str:
        return (
            f"Corpus({len(self.articles)} articles, {len(self.paragraphs)} paragraphs, "
            f"{len(self.sentences)} sentences, {len(self.skipped)} skipped)"
        )

    def save(self, directory, *, format: str = "parquet", span_text: bool = True) -> Path:
        """Write the four tables into ``directory`` (``skipped.csv`` always as CSV too); return the folder.

        ``span_text=False`` leaves the ``text`` column out of paragraphs and sentences (it is cut again from
        the article text by :meth:`load`): a smaller, faster folder, used for the cache.
        """
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            df = getattr(self, name)
            if not span_text and name in ("paragraphs", "sentences"):
                df = df.drop(columns=["text"])
            write_table(df, directory / f"{name}.{format}", format=format)
        if format != "csv":
            write_table(self.skipped, directory / "skipped.csv", format="csv")
        manifest = {"format": format, "list_columns": list(LIST_COLUMNS), **self.summary()}
        atomic_write(
            directory / "corpus.json",
            lambda tmp: Path(tmp).write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8"),
        )
        return directory

    @classmethod
    def load(cls, directory) -> Corpus:
        """Read a folder written by :meth:`save` (parquet preferred, CSV otherwise)."""
        directory = Path(directory)
        tables = {}
        for name in TABLES:
            pq, cs = directory / f"{name}.parquet", directory / f"{name}.csv"
            if pq.exists():
                df = pd.read_parquet(pq)
                for col in LIST_COLUMNS:
                    if col in df.columns and name == "articles":
                        df[col] = df[col].map(lambda v: list(v) if v is not None else [])
            elif cs.exists():
                df = _read_csv(cs, LIST_COLUMNS if name == "articles" else ())
                df = _restore_types(df, name)
            else:
                raise IngestError(f"{directory} holds no {name} table (expected {pq.name} or {cs.name})")
            tables[name] = df
        texts = None
        for name in ("paragraphs", "sentences"):
            df = tables[name]
            if "text" not in df.columns:
                if texts is None:
                    texts = dict(zip(tables["articles"]["doc_id"], tables["articles"]["text"], strict=True))
                df["text"] = [
                    texts[d][s:e]
                    for d, s, e in zip(
                        df["doc_id"].tolist(), df["start"].tolist(), df["end"].tolist(), strict=True
                    )
                ]
        return cls(**tables)

    def summary(self) -> dict:
        reasons = self.skipped["reason"].value_counts().to_dict() if len(self.skipped) else {}
        return {
            "articles": int(len(self.articles)),
            "paragraphs": int(len(self.paragraphs)),
            "sentences": int(len(self.sentences)),
            "skipped": int(len(self.skipped)),
            "skipped_reasons": {str(k): int(v) for k, v in reasons.items()},
            "formats": {str(k): int(v) for k, v in self.articles["format"].value_counts().items()}
            if len(self.articles)
            else {},
            "with_warnings": int(self.articles["warnings"].map(len).gt(0).sum()) if len(self.articles) else 0,
        }

    def summary_text(self) -> str:
        s = self.summary()
        lines = [
            f"{s['articles']} articles, {s['paragraphs']} paragraphs, {s['sentences']} sentences",
            f"{s['with_warnings']} articles with warnings",
        ]
        if s["skipped"]:
            reasons = ", ".join(f"{k}: {v}" for k, v in sorted(s["skipped_reasons"].items()))
            lines.append(f"{s['skipped']} skipped ({reasons})")
            for row in self.skipped.head(10).itertuples(index=False):
                lines.append(f"  {row.reason:<14} {row.path}  {row.detail}")
            if len(self.skipped) > 10:
                lines.append(f"  ... and {len(self.skipped) - 10} more (see skipped.csv)")
        else:
            lines.append("nothing skipped")
        return "\n".join(lines)


def _restore_types(df: pd.DataFrame, name: str) -> pd.DataFrame:
    if name == "articles":
        if "date" in df.columns:
            df["date"] = pd.to_datetime(df["date"], errors="coerce")
        for col in (*INT_COLUMNS, "words_measured"):
            if col in df.columns:
                df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    else:
        for col in ("para_id", "sent_id", "start", "end"):
            if col in df.columns:
                df[col] = pd.to_numeric(df[col]).astype("int64")
    for col in ("text", "doc_id", "path", "reason", "detail"):
        if col in df.columns:
            df[col] = df[col].fillna("")
    return df


def empty_tables() -> dict:
    return {
        "paragraphs": pd.DataFrame(columns=PARAGRAPH_COLUMNS),
        "sentences": pd.DataFrame(columns=SENTENCE_COLUMNS),
    }
