"""Hostile inputs: every good document survives, every bad file is listed with its reason, nothing crashes.

The folder is written by ``fixtures/hostile.py`` at test time (nothing large is committed).
"""

import gzip
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from convergence.ingest import read_corpus
from convergence.ingest.decode import Undecodable, decode_bytes
from convergence.ingest.office import MAX_PDF_PAGES
from fixtures.hostile import NON_UTF8_NAME, ODD_NAMES, body, make_hostile_corpus, relative_key

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    return make_hostile_corpus(root)


@pytest.fixture(scope="module")
def corpus(hostile):
    return read_corpus(hostile["root"], use_cache=False)


def _skipped(corpus, root):
    out: dict[str, list[tuple[str, str]]] = {}
    for path, reason, detail in corpus.skipped.itertuples(index=False):
        out.setdefault(relative_key(path, root), []).append((reason, detail))
    return out


def _article_with(corpus, marker):
    rows = corpus.articles[corpus.articles["text"].str.contains(marker, regex=False)]
    assert len(rows) == 1, f"{marker}: {len(rows)} articles"
    return rows.iloc[0]


def test_every_good_document_is_kept_under_its_own_path(hostile, corpus):
    root = hostile["root"]
    assert hostile["good"], "the fixture wrote good documents"
    for key, marker in hostile["good"].items():
        a = _article_with(corpus, marker)
        assert key in [relative_key(p, root) for p in a["paths"]], key


def test_every_bad_input_is_listed_with_an_accepted_reason(hostile, corpus):
    skipped = _skipped(corpus, hostile["root"])
    for key, reasons in hostile["bad"].items():
        got = [r for r, _ in skipped.get(key, [])]
        assert got and set(got) <= reasons, f"{key}: {got}, expected one of {reasons}"
    for key, rows in skipped.items():
        detail = rows[0][1]
        assert detail, f"{key}: a skipped row says why"
    unexpected = set(skipped) - set(hostile["bad"]) - set(hostile["unreadable"])
    assert not unexpected, unexpected


def test_unreadable_file(hostile, corpus):
    if IS_ROOT:
        pytest.skip("root can read a chmod 000 file; the case stays in the corpus")
    skipped = _skipped(corpus, hostile["root"])
    for key, marker in hostile["unreadable"].items():
        assert [r for r, _ in skipped[key]] == ["unreadable"]
        assert not corpus.articles["text"].str.contains(marker, regex=False).any()


def test_recovered_text_carries_a_warning(hostile, corpus):
    for key, fragment in hostile["warned"].items():
        a = _article_with(corpus, hostile["good"][key])
        assert any(fragment in w for w in a["warnings"]), (key, a["warnings"])
    nul = _article_with(corpus, hostile["good"]["nul/nul_inside.txt"])
    assert "\x00" not in nul["text"] and nul["text"] == body(hostile["good"]["nul/nul_inside.txt"])
    for key in ("encoding/utf16_bom.txt", "encoding/utf16le_nobom.txt"):
        a = _article_with(corpus, hostile["good"][key])
        assert a["text"] == body(hostile["good"][key])


def test_script_elements_never_reach_the_text(hostile, corpus):
    for text in corpus.articles["text"]:
        for s in hostile["absent"]:
            assert s not in text
    a = _article_with(corpus, hostile["good"]["html/payloads.html"])
    # The payloads written as paragraph text stay there as plain characters: data, never markup to run.
    assert "<script>alert(1)</script>" in a["text"] and "javascript:alert(1)" in a["text"]


def test_odd_file_names_are_data_only(hostile, corpus):
    root = hostile["root"]
    for name, marker in ODD_NAMES.items():
        a = _article_with(corpus, marker)
        assert a["paths"] == [str(root / "good" / name)]
    for where in (root, root / "good", Path.cwd()):
        assert not (where / "PWNED").exists() and not (where / "PWNED2").exists()
    a = _article_with(corpus, hostile["good"]["good/latin1-caf\\xe9.txt"])
    assert a["paths"] == [str(root / "good") + "/latin1-caf\\xe9.txt"]
    a["paths"][0].encode("utf-8")  # printable and storable: no lone surrogates


def test_duplicates_are_one_article_with_both_paths(hostile, corpus):
    root = hostile["root"]
    for first, second in hostile["duplicates"]:
        a = _article_with(corpus, hostile["good"][first])
        assert [relative_key(p, root) for p in a["paths"]] == [first, second]


def test_archive_limit_stops_reading_and_keeps_earlier_members(hostile):
    root = hostile["root"]
    limited = read_corpus(root / "archives", use_cache=False, max_archive_bytes=hostile["archive_limit"])
    skipped = _skipped(limited, root)
    for key, reasons in hostile["limited_bad"].items():
        rows = [(r, d) for r, d in skipped[key] if r in reasons]
        assert len(rows) == 1, skipped[key]
        assert "1 members read before the limit were kept" in rows[0][1]
        assert f"{hostile['archive_limit']:,}" in rows[0][1]
    texts = "\n".join(limited.articles["text"])
    for marker in hostile["limited_lost"].values():
        assert marker not in texts
    for key in ("archives/bomb.zip::a_first.txt", "archives/bomb.tgz::a_first.txt", "archives/neighbour.txt"):
        assert hostile["good"][key] in texts


def test_truncated_zip_members_before_the_cut_are_recovered(hostile, corpus):
    skipped = _skipped(corpus, hostile["root"])
    (reason, detail) = skipped["archives/cut.zip"][0]
    assert reason == "bad_archive" and "2 members read from their local headers were kept" in detail


def test_fifty_megabyte_line_is_skipped(hostile):
    c = read_corpus(hostile["root"] / "bigline", use_cache=False, jobs=1)
    assert [r for r in c.skipped["reason"]] == ["too_large"]
    assert f"a line of {hostile['big_line_chars']:,} characters" in c.skipped["detail"].iloc[0]
    assert len(c.articles) == 1


def test_jobs_do_not_change_the_corpus(hostile, corpus):
    one = read_corpus(hostile["root"], use_cache=False, jobs=1)
    for name in ("articles", "paragraphs", "sentences", "skipped"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(corpus, name))


def test_cache_round_trip_with_odd_names(hostile, corpus, tmp_path):
    first = read_corpus(hostile["root"], cache_dir=tmp_path)
    entries = [p for p in tmp_path.iterdir() if (p / "corpus.json").exists()]
    assert len(entries) == 1, "the parse was cached despite the odd file names"
    second = read_corpus(hostile["root"], cache_dir=tmp_path)
    for c in (first, second):
        assert c.articles["doc_id"].tolist() == corpus.articles["doc_id"].tolist()
        assert c.articles["paths"].map(list).tolist() == corpus.articles["paths"].tolist()
        assert c.sentences[["doc_id", "sent_id", "start", "end"]].equals(
            corpus.sentences[["doc_id", "sent_id", "start", "end"]]
        )
        assert c.sentences["text"].tolist() == corpus.sentences["text"].tolist()
        assert c.skipped.astype(str).equals(corpus.skipped.astype(str))


def test_cache_key_sees_a_change_in_an_oddly_named_file(hostile, tmp_path):
    folder = tmp_path / "good"
    shutil.copytree(hostile["root"] / "good", folder)
    cache = tmp_path / "cache"
    first = read_corpus(folder, cache_dir=cache)
    odd = os.path.join(os.fsencode(folder), NON_UTF8_NAME)
    with open(odd, "ab") as fh:
        fh.write(b" A sentence added later mentions hostmarkaddedlaterend too.")
    second = read_corpus(folder, cache_dir=cache)
    assert len(list(cache.iterdir())) == 2, "a changed file gives a new cache key"
    assert not first.articles["text"].str.contains("hostmarkaddedlaterend").any()
    assert second.articles["text"].str.contains("hostmarkaddedlaterend").sum() == 1


def test_a_good_neighbour_survives_each_bad_file(hostile, corpus):
    folders = {k.split("/")[0] for k in hostile["bad"]} | {k.split("/")[0] for k in hostile["unreadable"]}
    assert len(folders) >= 10
    texts = set(corpus.articles["text"])
    for folder in folders:
        assert body(hostile["good"][f"{folder}/neighbour.txt"]) in texts, folder


def test_jsonl_gz_bomb_keeps_whole_rows_before_the_limit(tmp_path):
    rows = [json.dumps({"content": body(f"gzrow{'abc'[i]}")}) for i in range(3)]
    payload = ("\n".join(rows) + "\n").encode() + b"0" * 5_000_000
    (tmp_path / "rows.jsonl.gz").write_bytes(gzip.compress(payload))
    c = read_corpus(tmp_path, use_cache=False, jobs=1, max_archive_bytes=1_000_000)
    assert len(c.articles) == 3
    row = c.skipped[c.skipped["reason"] == "too_large_archive"].iloc[0]
    assert "the 3 whole lines before it were kept" in row["detail"]


def test_decode_nul_bytes_and_utf16_without_bom():
    text = body("nulcheck")
    out, warnings = decode_bytes(text[:30].encode() + b"\x00" + text[30:].encode())
    assert out == text and warnings == ["encoding: 1 NUL bytes removed"]
    out, warnings = decode_bytes(text.encode("utf-16-be"))
    assert out == text and "utf-16-be" in warnings[0]
    with pytest.raises(Undecodable) as err:
        decode_bytes(text.encode() + bytes(len(text)))  # half zeros: binary, not text
    assert err.value.reason == "binary"
    with pytest.raises(Undecodable) as err:
        decode_bytes(bytes(range(0x80, 0x100)) * 40)  # high bytes only: no plausible text
    assert err.value.reason == "undecodable"


def test_pdf_and_docx_cases_are_skipped_with_their_reason_and_nothing_else_is_lost(hostile, corpus):
    skipped = _skipped(corpus, hostile["root"])
    expected = {
        "documents/broken.pdf": ("bad_document", "damaged PDF"),
        "documents/notapdf.pdf": ("bad_document", "damaged PDF"),
        "documents/encrypted.pdf": ("encrypted", "password-protected PDF"),
        "documents/scanned.pdf": ("no_text_layer", "without a text layer"),
        "documents/pages_bomb.pdf": ("too_large", f"{MAX_PDF_PAGES + 1:,} pages"),
        "documents/stream_bomb.pdf": ("too_large", "unpacks to more than"),
        "documents/zip_bomb.docx": ("too_large", "unpacks to"),
        "documents/broken.docx": ("bad_document", ".docx"),
    }
    for key, (reason, words) in expected.items():
        assert len(skipped[key]) == 1, skipped[key]
        got_reason, detail = skipped[key][0]
        assert got_reason == reason and words in detail, (key, got_reason, detail)
    for key in ("documents/statement.pdf", "documents/paper.docx", "documents/neighbour.txt"):
        a = _article_with(corpus, hostile["good"][key])
        assert a["format"] == key.rsplit(".", 1)[1] or key.endswith(".txt")
    pdf = _article_with(corpus, hostile["good"]["documents/statement.pdf"])
    assert pdf["title"] == "Talks on river access" and pdf["authors"] == ["Jane Roe"]
    assert pdf["text"].count("\n\n") == 1, "two paragraphs, each rejoined from its wrapped lines"
    texts = "\n".join(corpus.articles["text"])
    for leaked in ("hostmarkbrokenpdfend", "hostmarksecretpdfend", "hostmarkdocxbombend"):
        assert leaked not in texts
