"""Bad input is skipped or partly parsed with a reason, and never stops or damages the rest."""

import io
import os
import tarfile
import zipfile
from pathlib import Path

import convergence.ingest.sources as sources
import pytest
from convergence.ingest import IngestError, read_corpus

GOOD = "Freedonia and Sylvania agreed to share the river. Officials of both sides met on Monday."


def _read(*paths, **kw):
    return read_corpus(list(paths), use_cache=False, jobs=1, **kw)


def _reasons(corpus):
    return {
        Path(p.split("::")[-1].split("#")[0]).name: r
        for p, r in zip(corpus.skipped["path"], corpus.skipped["reason"], strict=True)
    }


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_binary_empty_undecodable_and_long_line(folder):
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n  ", encoding="utf-8")
    (folder / "noise.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 500)
    (folder / "oneline.txt").write_text("word " * 300_000, encoding="utf-8")  # 1.5 MB on one line
    corpus = _read(folder)
    assert len(corpus.articles) == 1 and corpus.articles.iloc[0]["text"] == GOOD
    r = _reasons(corpus)
    assert r["binary.txt"] == "binary"
    assert r["empty.txt"] == "empty" and r["blank.md"] == "empty"
    assert r["noise.txt"] == "undecodable"
    assert r["oneline.txt"] == "too_large"
    detail = corpus.skipped.set_index("reason").loc["too_large", "detail"]
    assert "1,500,000" in detail


def test_file_size_cap(folder):
    (folder / "big.txt").write_text("A sentence here. " * 2000, encoding="utf-8")
    corpus = _read(folder, max_file_bytes=10_000)
    assert _reasons(corpus)["big.txt"] == "too_large"
    assert len(corpus.articles) == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_by_permission(folder):
    bad = folder / "secret.txt"
    bad.write_text(GOOD + " Secret.", encoding="utf-8")
    bad.chmod(0)
    try:
        corpus = _read(folder)
    finally:
        bad.chmod(0o644)
    assert _reasons(corpus)["secret.txt"] == "unreadable"


def test_unreadable_file_reported(folder, monkeypatch):
    (folder / "secret.txt").write_text(GOOD + " Secret.", encoding="utf-8")
    real = open

    def fake_open(path, *args, **kw):
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kw)

    monkeypatch.setattr(sources, "open", fake_open, raising=False)
    corpus = _read(folder)
    assert _reasons(corpus)["secret.txt"] == "unreadable"
    assert len(corpus.articles) == 1


def test_broken_archives_keep_what_was_read(folder):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for i in range(30):
            data = f"Document number {i} talks about water. It has a second sentence.".encode() + os.urandom(
                4000
            )
            info = tarfile.TarInfo(f"d/doc{i}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    raw = buf.getvalue()
    (folder / "cut.tgz").write_bytes(raw[: len(raw) // 2])
    (folder / "bad.zip").write_bytes(b"PK\x03\x04 this is not really a zip file")
    (folder / "fake.tar.gz").write_bytes(b"not gzip at all")
    corpus = _read(folder)
    r = _reasons(corpus)
    assert (
        r["cut.tgz"] == "bad_archive" and r["bad.zip"] == "bad_archive" and r["fake.tar.gz"] == "bad_archive"
    )
    assert GOOD in corpus.articles["text"].tolist()


def test_truncated_tgz_members_before_the_break_are_kept(tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for i in range(20):
            data = (
                (f"Document {i} is about trade talks. " * 5).encode()
                + b"\n"
                + os.urandom(3000).hex().encode()
            )
            info = tarfile.TarInfo(f"d/doc{i:02d}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    raw = buf.getvalue()
    (tmp_path / "cut.tgz").write_bytes(raw[: int(len(raw) * 0.6)])
    corpus = _read(tmp_path / "cut.tgz")
    assert 0 < len(corpus.articles) < 20
    row = corpus.skipped[corpus.skipped["reason"] == "bad_archive"].iloc[0]
    assert f"{len(corpus.articles)} members read before the error were kept" in row["detail"]


def test_bad_zip_member_does_not_stop_others(tmp_path):
    zpath = tmp_path / "z.zip"
    with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", GOOD)
        zf.writestr("b.txt", "Another article about ports and rail. " * 50)
    raw = bytearray(zpath.read_bytes())
    pos = raw.find(b"b.txt") + 40  # inside b.txt's compressed data
    raw[pos : pos + 20] = b"\xff" * 20
    zpath.write_bytes(bytes(raw))
    corpus = _read(zpath)
    assert corpus.articles["text"].tolist() == [GOOD]
    assert _reasons(corpus)["b.txt"] == "bad_archive"


def test_symlink_loops(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    corpus = _read(folder)
    r = _reasons(corpus)
    assert r["loop"] == "symlink_loop" and r["self.txt"] == "symlink_loop"
    assert len(corpus.articles) == 1


def test_malformed_front_matter_partly_parsed(folder):
    (folder / "fm.md").write_text(
        "---\ntitle: A title: with a colon: inside\ndate: 2022-02-02\ntags: [unclosed\n---\n\n"
        + GOOD
        + " Plus.",
        encoding="utf-8",
    )
    (folder / "open.md").write_text("---\ntitle: never closed\n\n" + GOOD + " Again.", encoding="utf-8")
    corpus = _read(folder)
    a = corpus.articles[corpus.articles["paths"].map(lambda p: p[0].endswith("fm.md"))].iloc[0]
    assert str(a["date"].date()) == "2022-02-02" and a["title"] == "A title: with a colon: inside"
    assert any(w.startswith("front matter: malformed YAML") for w in a["warnings"])
    b = corpus.articles[corpus.articles["paths"].map(lambda p: p[0].endswith("open.md"))].iloc[0]
    assert any("no closing" in w for w in b["warnings"])
    assert len(corpus.articles) == 3


def test_nothing_parseable_and_no_input_raise(tmp_path):
    with pytest.raises(IngestError, match="no input"):
        read_corpus([], use_cache=False)
    with pytest.raises(IngestError, match="no input"):
        read_corpus(tmp_path, use_cache=False)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "x.bin").write_bytes(b"\x00\x01")
    with pytest.raises(IngestError, match="nothing parseable"):
        read_corpus(tmp_path, use_cache=False)
    with pytest.raises(IngestError, match="nothing parseable"):
        read_corpus(tmp_path / "missing-folder", use_cache=False)


def test_worker_pool_gives_same_result(folder):
    for i in range(40):
        (folder / f"doc{i}.txt").write_text(
            f"Article {i} is about rail links. It has two sentences.", encoding="utf-8"
        )
    (folder / "empty.txt").write_bytes(b"")
    one = _read(folder)
    two = read_corpus([folder], use_cache=False, jobs=2)
    assert one.articles["doc_id"].tolist() == two.articles["doc_id"].tolist()
    assert one.sentences.equals(two.sentences)
    assert one.skipped.equals(two.skipped)
