"""Bad input to every command: each failure names the file or value, exits 1 with no
traceback, and the good inputs of the same call are still processed.

The two mixed calls (extract, index) run the real command in a subprocess; the rest call
``partytext.cli.main`` in this process (an exception escaping it fails the test just as a
traceback would).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import partytext as pt
from partytext.archive import open_archive
from partytext.cli import main

from test_crawl_site import to_cp1258

GOOD = "Đảng bộ xã kết nạp đảng viên mới\n\nNăm 2023, Đảng bộ xã kết nạp 25 đảng viên, vượt chỉ tiêu. Toàn Đảng bộ có 320 đảng viên."
NFD = unicodedata.normalize("NFD", "Tiêu đề\n\nĐảng bộ có hơn 300 đảng viên.")
CP1258 = "Huyện ủy sơ kết\n\nHuyện ủy đã kiểm tra 12 tổ chức đảng và 35 đảng viên trong sáu tháng."
UTF16 = "Chi bộ khu dân cư\n\nChi bộ có 37 đảng viên, trong đó 1 đảng viên dự bị."
# "Đảng bộ Việt Nam đã kết nạp nhiều đảng viên mới..." in TCVN3 (ABC) and in VNI, as their bytes read in Latin-1
TCVN3 = "§¶ng bé ViÖt Nam ®· kÕt n¹p nhiÒu ®¶ng viªn míi trong n¨m qua vµ hoµn thµnh chØ tiªu"
VNI = "Ñaûng boä Vieät Nam ñaõ keát naïp nhieàu ñaûng vieân môùi trong naêm qua vaø hoaøn thaønh chæ tieâu"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "partytext", *args], capture_output=True, text=True, timeout=300)


def call(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def mixed(tmp_path):
    """Good and bad inputs side by side; returns (inputs in order, good ones, bad ones)."""
    d = tmp_path / "in"
    d.mkdir()
    good = d / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    empty = d / "empty.txt"
    empty.write_bytes(b"")
    blank = d / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    garbage = d / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 40)
    large = d / "large.txt"
    large.write_text("Tiêu đề\n\n" + "Có 5 chi bộ. " * 3000, encoding="utf-8")
    nfd = d / "nfd.txt"
    nfd.write_text(NFD, encoding="utf-8")
    cp1258 = d / "cp1258.txt"
    cp1258.write_bytes(to_cp1258(CP1258))
    utf16 = d / "utf16.txt"
    utf16.write_bytes(UTF16.encode("utf-16"))
    tcvn3 = d / "tcvn3.txt"
    tcvn3.write_bytes(f"{TCVN3}\n\n{TCVN3}. {TCVN3}.".encode("latin-1"))
    vni = d / "vni.txt"
    vni.write_bytes(f"{VNI}\n\n{VNI}. {VNI}.".encode("latin-1"))
    unreadable = d / "socket.txt"  # exists, but open() fails (ENXIO) even for root
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(unreadable))
    missing = d / "missing.txt"
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    inner = folder / "sub" / "inner.txt"
    inner.write_text("Chi bộ\n\nChi bộ có 9 đảng viên.", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    inputs = [good, empty, blank, garbage, large, nfd, cp1258, utf16, tcvn3, vni, unreadable, missing, folder]
    bad = {empty: "empty", blank: "empty", garbage: "binary", large: "--max-bytes", tcvn3: "TCVN3", vni: "VNI",
           unreadable: "cannot be read", missing: "no such file"}
    yield [str(p) for p in inputs], [good, nfd, cp1258, utf16, inner], bad
    sock.close()


def test_extract_mixed_call(mixed):
    inputs, good, bad = mixed
    out = run_cli("extract", *inputs, "--max-bytes", "20000")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    for path, why in bad.items():
        named = [line for line in lines if str(path) in line]
        assert named, f"{path} not named in:\n{out.stderr}"
        assert any(why in line for line in named), (path, why, named)
    records = [pt.Record.from_json(line) for line in out.stdout.splitlines()]
    assert [r.source for r in records] == [str(p) for p in good]
    for r in records:
        assert unicodedata.is_normalized("NFC", r.article.text)
        r.check_offsets()
    by_name = {Path(r.source).name: r for r in records}
    assert by_name["nfd.txt"].article.text == unicodedata.normalize("NFC", NFD)
    assert by_name["nfd.txt"].figures[0].value == 300
    assert by_name["cp1258.txt"].article.text == CP1258  # Windows-1258 decoded, tone marks composed
    assert {12, 35} <= {f.value for f in by_name["cp1258.txt"].figures}
    assert by_name["utf16.txt"].article.text == UTF16


def test_index_mixed_call_and_record_files(mixed, tmp_path):
    inputs, good, bad = mixed
    records = tmp_path / "records.jsonl"
    rec = pt.extract(GOOD.replace("25", "26"), source="from-jsonl")
    records.write_text(rec.to_json() + "\n{not json\n" + json.dumps({"schema": "x"}) + "\n", encoding="utf-8")
    db = tmp_path / "party.db"
    out = run_cli("index", str(db), *inputs, str(records), "--max-bytes", "20000", "--format", "jsonl")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    for path in bad:
        assert str(path) in out.stderr, path
    assert f"{records}:2" in out.stderr and f"{records}:3" in out.stderr
    assert json.loads(out.stdout)["added"] == len(good) + 1
    with open_archive(str(db)) as arc:
        sources = sorted(r.source for r in arc.iter_records())
        texts = {r.source: r.article.text for r in arc.iter_records()}
    assert sources == sorted([str(p) for p in good] + ["from-jsonl"])
    assert texts[str(good[2])] == CP1258


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; the socket file covers root")
def test_permission_denied_is_named(tmp_path, capsys):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    code, _, err = call(capsys, "extract", str(locked))
    assert code == 1 and str(locked) in err and "permission" in err


def test_stdin_garbage_and_empty(capsys, monkeypatch):
    import io

    for data in (b"", b"\x00\x01\x02\x03" * 100):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        code, out, err = call(capsys, "extract", "-")
        assert code == 1 and out == "" and "-:" in err


# -- reading commands: a missing, foreign or damaged archive ---------------------------------

READERS = [
    ("search", "{db}", "đảng"), ("figures", "{db}"), ("export", "{db}"), ("related", "{db}", "abcdef12"),
    ("duplicates", "{db}"), ("topics", "{db}"), ("trend", "{db}", "đảng"), ("serve", "{db}", "--port", "0"),
]


@pytest.mark.parametrize("argv", READERS, ids=[a[0] for a in READERS])
def test_reading_a_missing_archive_names_it_and_creates_nothing(tmp_path, capsys, argv):
    db = tmp_path / "typo.db"
    code, _, err = call(capsys, *(a.format(db=db) for a in argv))
    assert code == 1 and str(db) in err and "No archive" in err
    assert list(tmp_path.iterdir()) == []


FOREIGN = {"text": b"Bien ban hop chi bo\n" * 50, "garbage": bytes(range(256)) * 64,
           "truncated_db": None}


@pytest.mark.parametrize("kind", sorted(FOREIGN))
@pytest.mark.parametrize("argv", READERS + [("index", "{db}", "{good}")], ids=[a[0] for a in READERS] + ["index"])
def test_a_file_that_is_not_an_archive_is_named_and_left_untouched(tmp_path, capsys, argv, kind):
    db = tmp_path / "notes.db"
    data = FOREIGN[kind]
    if data is None:  # a real archive cut in half (a copy interrupted)
        full = tmp_path / "full.db"
        with open_archive(str(full)) as arc:
            arc.add(pt.extract(GOOD, source="good"))
        data = full.read_bytes()[:8192 + 100]
        full.unlink()
    db.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    before = digest(db)
    code, _, err = call(capsys, *(a.format(db=db, good=good) for a in argv))
    assert code == 1, err
    assert str(db) in err and "Traceback" not in err
    assert digest(db) == before  # nothing a user collected is ever lost


def test_a_folder_as_archive(tmp_path, capsys):
    for argv in (("search", str(tmp_path), "x"), ("index", str(tmp_path), str(tmp_path)), ("figures", str(tmp_path))):
        code, _, err = call(capsys, *argv)
        assert code == 1 and str(tmp_path) in err and "directory" in err


# -- bad values --------------------------------------------------------------------------

@pytest.fixture()
def archive(tmp_path):
    db = tmp_path / "party.db"
    with open_archive(str(db)) as arc:
        arc.add(pt.extract(GOOD, source="good"))
    return db


@pytest.mark.parametrize("argv,code,needle", [
    (("search", "{db}", '"tổ chức'), 1, "Unbalanced quotes"),
    (("search", "{db}", "đảng*"), 1, "*"),
    (("search", "{db}", "đảng", "--from", "hôm qua"), 1, "hôm qua"),
    (("search", "{db}", "đảng", "--limit", "-3"), 1, "limit"),
    (("search", "{db}", "đảng", "--limit", "many"), 2, "many"),
    (("figures", "{db}", "--to", "2020-13-45"), 1, "2020-13-45"),
    (("figures", "{db}", "--kind", "weight"), 2, "weight"),
    (("trend", "{db}", "đảng", "--plot", "{tmp}/no/such/folder/chart.png"), 1, "no/such/folder"),
    (("trend", "{db}", "()"), 1, "("),
    (("related", "{db}", "nosuchid"), 1, "nosuchid"),
    (("export", "{db}", "--out", "{tmp}/no/such/folder/out.jsonl"), 1, "no/such/folder"),
    (("export", "{db}", "--out", "{tmp}"), 1, "is a folder"),
    (("export", "{db}", "--out", "{db}"), 1, "the archive itself"),
    (("export", "{db}", "--format", "parquet"), 2, "--out"),
    (("crawl", "ftp://example.org/", "--archive", "{db}"), 1, "ftp://example.org/"),
    (("crawl", "nosuchsite", "--archive", "{db}"), 1, "nosuchsite"),
    (("crawl", "http://127.0.0.1:9/", "--archive", "{db}", "--since", "2020"), 2, "2020"),
    (("crawl", "http://127.0.0.1:9/", "--archive", "{db}", "--max", "0"), 2, "--max"),
    (("crawl", "http://127.0.0.1:9/", "--archive", "{db}", "--delay", "-1"), 2, "--delay"),
    (("evaluate", "{tmp}/no-gold"), 1, "no-gold"),
    (("evaluate", "{tmp}", "--floors", "{tmp}/floors.json"), 1, "floors.json"),
    (("extract", "{tmp}/nothing.txt", "--max-bytes", "x"), 2, "max-bytes"),
])
def test_bad_values_are_named(archive, tmp_path, capsys, argv, code, needle):
    got, out, err = call(capsys, *(a.format(db=archive, tmp=tmp_path) for a in argv))
    assert got == code, err
    assert needle in err, err
    assert "Traceback" not in err
    with open_archive(str(archive)) as arc:  # the archive is intact
        assert [r.source for r in arc.iter_records()] == ["good"]


def test_serve_on_a_busy_port_is_named(archive, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = call(capsys, "serve", str(archive), "--port", str(port))
    assert code == 1 and str(port) in err and "--port" in err


def test_bad_gold_files_are_named(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.json").write_text("{broken", encoding="utf-8")
    code, _, err = call(capsys, "evaluate", str(tmp_path), "--no-floors")
    assert code == 1 and str(tmp_path / "a.json") in err
