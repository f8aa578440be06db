"""Dates a datetime64[ns] column cannot hold are unknown, never fatal to the corpus."""

import convergence as cv
import pandas as pd
import pytest
from convergence.ingest.metadata import parse_date


@pytest.mark.parametrize("value", ["1200-01-05", "2900-01-05", "0999-12-31"])
def test_out_of_range_dates_are_unknown(value):
    assert parse_date(value) is pd.NaT


def test_in_range_dates_are_kept():
    assert parse_date("2023-12-15") == pd.Timestamp("2023-12-15")
    assert parse_date(pd.Timestamp("1946-10-24")) == pd.Timestamp("1946-10-24")


def test_one_absurd_date_never_stops_the_corpus(tmp_path):
    (tmp_path / "old.txt").write_text(
        "Title: Old\nDate: 1200-01-05\n\nPakistan and the United States agreed on trade.\n", encoding="utf-8"
    )
    (tmp_path / "good.txt").write_text(
        "Title: Good\nDate: 2024-03-01\n\nPakistan said Kashmir matters to its people.\n", encoding="utf-8"
    )
    corpus = cv.read_corpus(tmp_path, use_cache=False)
    dates = dict(zip(corpus.articles["title"], corpus.articles["date"], strict=True))
    assert pd.isna(dates["Old"]) and dates["Good"] == pd.Timestamp("2024-03-01")
    tagged = cv.tag_files(tmp_path, use_cache=False)
    assert set(tagged["title"]) == {"Old", "Good"}
