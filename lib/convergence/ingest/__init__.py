"""Ingestion: files, folders and archives -> clean articles, paragraphs and sentences.

``read_corpus(paths)`` returns a :class:`Corpus` of four DataFrames (``articles``, ``paragraphs``,
``sentences``, ``skipped``); see docs/architecture.md for the columns.
"""

from .corpus import Corpus, IngestError, write_table
from .reader import PARSER_VERSION, default_cache_dir, read_corpus

__all__ = ["PARSER_VERSION", "Corpus", "IngestError", "default_cache_dir", "read_corpus", "write_table"]
