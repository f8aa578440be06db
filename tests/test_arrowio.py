"""convergence.arrowio: frames to Arrow IPC files and back exactly, with no pickle involved."""

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from convergence.arrowio import FrameFileError, read_frame, write_frame


def _frame():
    shared = ["kashmir", "iran"]
    frame = pd.DataFrame(
        {
            "doc_id": pd.array(["a", "b", "c", "d"], dtype="string"),
            "text": pd.Series(["one", None, "three", "=four"], dtype=object),
            "with_nan": pd.Series(["x", np.nan, None, "y"], dtype=object),
            "n": np.array([1, 2, 3, 4], dtype=np.int64),
            "year": pd.array([2020, None, 2022, None], dtype="Int64"),
            "date": pd.to_datetime(["2020-01-01", None, "2021-06-30", "1999-12-31"]).astype("datetime64[ns]"),
            "stance": [0.1, np.nan, -1.0, 1 / 3],
            "flag": [True, False, True, False],
            "issues": [shared, shared, [], None],
            "equal_lists": [["a"], ["a"], ["a", "b"], []],
            "target_stances": [
                [{"target": "ISR", "stance": -0.25, "cues": ["condemn"]}],
                [],
                [
                    {"target": None, "stance": 1e-12, "cues": []},
                    {"target": "PSE", "stance": 0.5, "cues": ["x"]},
                ],
                [],
            ],
            "mixed": [1, "two", [3], {"four": 4.0}],
        }
    )
    frame.index = pd.Index([3, 7, 8, 20])
    frame.attrs = {"skipped": [("p", "empty", "no bytes")], "n_sentences": 40, "nested": {"k": (1, [2])}}
    return frame


def test_round_trip_is_exact(tmp_path):
    frame = _frame()
    back = read_frame(write_frame(frame, tmp_path / "t.arrow"))
    pdt.assert_frame_equal(back, frame, check_exact=True, check_index_type=True, check_column_type=True)
    assert back.dtypes.to_dict() == frame.dtypes.to_dict()
    assert back.attrs == frame.attrs and type(back.attrs["skipped"][0]) is tuple
    assert (
        back["text"].iloc[1] is None
        and np.isnan(back["with_nan"].iloc[1])
        and back["with_nan"].iloc[2] is None
    )
    assert back["issues"].iloc[3] is None and back["issues"].iloc[0] is back["issues"].iloc[1]
    assert back["equal_lists"].iloc[0] is back["equal_lists"].iloc[1], "equal cells come back as one object"
    assert back["target_stances"].tolist() == frame["target_stances"].tolist()
    assert back["mixed"].tolist() == frame["mixed"].tolist()
    assert (tmp_path / "t.arrow").read_bytes()[:6] == b"ARROW1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.arrow"], "no temporary file left"


def test_range_index_and_empty_frame(tmp_path):
    frame = _frame().reset_index(drop=True)
    back = read_frame(write_frame(frame, tmp_path / "r.arrow"))
    assert isinstance(back.index, pd.RangeIndex)
    empty = frame.iloc[:0]
    back = read_frame(write_frame(empty, tmp_path / "e.arrow"))
    assert list(back.columns) == list(frame.columns) and len(back) == 0


def test_what_cannot_be_stored_exactly_is_an_error(tmp_path):
    with pytest.raises(FrameFileError, match="cannot be stored exactly"):
        write_frame(pd.DataFrame({"x": [[object()]]}), tmp_path / "x.arrow")
    frame = pd.DataFrame({"x": [1]})
    frame.attrs = {"when": pd.Timestamp("2020-01-01")}
    with pytest.raises(FrameFileError, match="attrs"):
        write_frame(frame, tmp_path / "y.arrow")
    assert not list(tmp_path.iterdir())


def test_a_foreign_file_is_an_error(tmp_path):
    import pyarrow as pa

    path = tmp_path / "other.arrow"
    table = pa.table({"a": [1]})
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    with pytest.raises(FrameFileError, match="not a table written by"):
        read_frame(path)
