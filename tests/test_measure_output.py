import json

import numpy as np
import pandas as pd
from convergence.measure import format_convergence, to_records
from convergence.measure.convergence import convergence
from convergence.measure.salience import salience
from fixtures.measure.frames import tagged_small


def test_records_are_json_serialisable():
    table = convergence(tagged_small(), n_boot=20)
    recs = to_records(table)
    text = json.dumps(recs)  # no default=: must work as is
    back = json.loads(text)
    assert len(back) == len(table)
    kashmir = next(r for r in back if r["issue"] == "kashmir")
    assert kashmir["index"] is None and kashmir["verdict"] == "insufficient"
    assert isinstance(back[0]["evidence"], list)
    assert to_records(salience(tagged_small()))[0]["share"] >= 0


def test_records_convert_numpy_and_timestamps():
    f = pd.DataFrame({"a": [np.int64(1)], "b": [pd.Timestamp("2024-01-02")], "c": [np.array([1.5, np.nan])]})
    assert to_records(f) == [{"a": 1, "b": "2024-01-02T00:00:00", "c": [1.5, None]}]


def test_text_table_lists_issue_verdict_and_top_sentence():
    # the verdict from the point estimate (no interval): one sentence per side gives "divergent" here
    out = format_convergence(convergence(tagged_small(), n_boot=0))
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["issue", "verdict", "index"]
    china = next(i for i, ln in enumerate(lines) if ln.startswith("china_cpec"))
    assert "divergent" in lines[china]
    block = "\n".join(lines[china : china + 10])
    assert "USA [position -0.70; warned]" in block and "PAK [position +0.80; praised]" in block
    assert max(len(ln) for ln in lines) <= 100


def test_text_table_with_groups_and_empty():
    out = format_convergence(convergence(tagged_small(), by="year", n_boot=0))
    assert out.splitlines()[0].split()[:2] == ["issue", "group"]
    assert format_convergence(convergence(tagged_small().iloc[:0])) == "(no issue has evidence)"
