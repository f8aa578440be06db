"""CSV output never hands a formula to a spreadsheet; Parquet keeps the exact text."""

import csv

import pandas as pd
import pytest
from convergence.cli import main
from convergence.csvsafe import neutralise_csv_cells, restore_csv_cells, write_csv
from convergence.ingest import Corpus

TITLES = ["-Minus talks", '=HYPERLINK("http://evil","Click")', "@SUM(1+1)*cmd"]
QUOTED = ["'" + t for t in TITLES]
HOSTILE_STARTS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd"]


def test_neutralise_prefixes_a_quote_to_formula_like_text_only():
    frame = pd.DataFrame(
        {
            "text": [*HOSTILE_STARTS, "plain", "a=b", None],
            "n": [-1, 2, 3, 4, 5, 6, 7, 8, 9],
            "s": pd.array(["=1", "x", None, "-", "y", "@", "z", "w", "+"], dtype="string"),
        }
    )
    out = neutralise_csv_cells(frame)
    assert out["text"].tolist()[:6] == ["'" + v for v in HOSTILE_STARTS]
    assert out["text"].tolist()[6:8] == ["plain", "a=b"] and pd.isna(out["text"].iloc[8])
    assert out["n"].tolist() == frame["n"].tolist() and out.dtypes.equals(frame.dtypes)
    assert out["s"].tolist()[:6] == ["'=1", "x", pd.NA, "'-", "y", "'@"]
    assert frame["text"].iloc[0] == HOSTILE_STARTS[0], "the input frame is not changed"
    assert restore_csv_cells(out)["text"].tolist()[:8] == frame["text"].tolist()[:8]


def test_write_csv_is_atomic_and_neutralises_list_cells_as_json(tmp_path):
    frame = pd.DataFrame({"title": ["=cmd|' /C calc'!A0", "fine"], "tags": [["=x"], []]})
    path = write_csv(frame, tmp_path / "t.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[1] == ["'=cmd|' /C calc'!A0", '["=x"]'] and rows[2] == ["fine", "[]"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


@pytest.fixture
def hostile_titles(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, title in enumerate(['=HYPERLINK("http://evil","Click")', "@SUM(1+1)*cmd", "-Minus talks"]):
        (folder / f"a{i}.md").write_text(
            f"---\ntitle: '{title}'\n---\n\n"
            f"+Plus sentence number {i} opens this text. Freedonia and Sylvania talked about water.\n",
            encoding="utf-8",
        )
    return folder


def test_parse_csv_neutralises_and_parquet_keeps_exact_text(hostile_titles, tmp_path):
    out_csv, out_pq = tmp_path / "csv", tmp_path / "pq"
    assert main(["parse", str(hostile_titles), "--out", str(out_csv), "--format", "csv", "--no-cache"]) == 0
    assert main(["parse", str(hostile_titles), "--out", str(out_pq), "--no-cache"]) == 0
    for name in ("articles", "sentences", "paragraphs", "skipped"):
        with (out_csv / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    raw = pd.read_csv(out_csv / "articles.csv", dtype=str)
    assert sorted(raw["title"]) == ["'-Minus talks", '\'=HYPERLINK("http://evil","Click")', "'@SUM(1+1)*cmd"]
    exact = pd.read_parquet(out_pq / "articles.parquet")
    assert sorted(exact["title"]) == ["-Minus talks", '=HYPERLINK("http://evil","Click")', "@SUM(1+1)*cmd"]
    assert exact["text"].str.startswith("+Plus sentence").all()
    # The project reads its own CSV back to the exact text.
    back = Corpus.load(out_csv)
    assert sorted(back.articles["title"]) == sorted(exact["title"])
    texts = back.articles.set_index("doc_id")["text"]
    assert all(texts[d][s:e] == t for d, s, e, t in back.sentences[["doc_id", "start", "end", "text"]].values)


def test_tag_csv_neutralises(hostile_titles, tmp_path):
    out = tmp_path / "tagged"
    args = ["tag", str(hostile_titles), "--out", str(out), "--format", "csv", "--no-progress"]
    assert main(args) == 0
    frame = pd.read_csv(out / "sentences_tagged.csv", dtype=str, keep_default_na=False)
    assert frame["text"].str.startswith("'+Plus sentence").sum() == 3
    assert set(frame["title"]) == {"'-Minus talks", '\'=HYPERLINK("http://evil","Click")', "'@SUM(1+1)*cmd"}
