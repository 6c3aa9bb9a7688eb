"""The extract command: formats, exit codes, and bad inputs beside good ones."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata

import partytext as pt


def run(*args, input=None):
    return subprocess.run([sys.executable, "-m", "partytext", *args], capture_output=True, text=True, input=input)


def test_help_lists_every_command_with_an_example():
    out = run("--help")
    assert out.returncode == 0
    assert "extract" in out.stdout


def test_formats(seed_path):
    table = run("extract", str(seed_path), "--format", "table")
    assert table.returncode == 0 and "hơn 5.000 đảng viên" in table.stdout and "Một là," in table.stdout
    rows = list(csv.DictReader(io.StringIO(run("extract", str(seed_path), "--format", "csv").stdout)))
    assert len(rows) == 16 and rows[0]["unit"].startswith("đảng bộ cơ sở")
    data = json.loads(run("extract", str(seed_path), "--format", "json").stdout)
    assert data["schema"] == "partytext.record/2" and len(data["figures"]) == 16


def test_stdin(seed_path):
    out = run("extract", "-", input=seed_path.read_text(encoding="utf-8"))
    assert out.returncode == 0
    assert len(json.loads(out.stdout)["figures"]) == 16


def test_usage_error_exits_2():
    assert run("extract").returncode == 2
    assert run("extract", "x.txt", "--format", "xml").returncode == 2


def test_bad_inputs_fail_clearly_and_good_ones_still_come_out(tmp_path, seed_path):
    good = tmp_path / "good.txt"
    good.write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    nfd = tmp_path / "nfd.txt"
    nfd.write_text(unicodedata.normalize("NFD", "Tiêu đề\n\nĐảng bộ có hơn 300 đảng viên."), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "garbage.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    large = tmp_path / "large.txt"
    large.write_text("Tiêu đề\n\n" + "Có 5 chi bộ. " * 3000, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = run("extract", str(good), str(empty), str(binary), str(large), str(nfd), str(missing),
              "--max-bytes", "20000")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    for bad in (empty, binary, large, missing):
        assert str(bad) in out.stderr
    assert "--max-bytes" in out.stderr
    records = [pt.Record.from_json(line) for line in out.stdout.splitlines()]
    assert [r.source for r in records] == [str(good), str(nfd)]
    nfd_record = records[1]
    assert unicodedata.is_normalized("NFC", nfd_record.article.text)
    assert nfd_record.figures[0].value == 300 and nfd_record.figures[0].qualifier == "more_than"


def test_folders_are_recursed_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Hai\n\nCó 2 chi bộ.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("Một\n\nCó 1 chi bộ.", encoding="utf-8")
    (tmp_path / "note.bin").write_bytes(b"\x00\x01")
    out = run("extract", str(tmp_path), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    assert [json.loads(line)["figures"][0]["value"] for line in out.stdout.splitlines()] == [1, 2]


def test_html_file(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<html><head><title>T</title></head><body><article><h1>Kết nạp đảng viên mới</h1>"
                    "<p>Năm 2023, Đảng bộ xã kết nạp 25 đảng viên, vượt chỉ tiêu.</p>"
                    "<p>Toàn Đảng bộ hiện có 320 đảng viên sinh hoạt tại 14 chi bộ.</p></article></body></html>",
                    encoding="utf-8")
    out = run("extract", str(page), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["article"]["title"] == "Kết nạp đảng viên mới"
    assert [f["value"] for f in data["figures"]] == [25, 320, 14]
