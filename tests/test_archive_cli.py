"""The archive commands: index, search, figures, export (through ``partytext.cli.main``)."""

from __future__ import annotations

import csv
import io
import json

import pytest

import partytext as pt
from partytext.archive import open_archive
from partytext.cli import main
from partytext.records import Article, Figure, Record

TEXTS = {
    "a.txt": "Đảng bộ tỉnh Gia Lai kết nạp đảng viên\n\nUỷ ban kiểm tra Tỉnh uỷ họp.\n\nNăm qua kết nạp 120 đảng viên mới.",
    "b.txt": "Tổ dân phố số 3\n\nChi bộ tổ dân phố có 25 đảng viên.\n\nHoà bình là mục tiêu.",
}


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(TEXTS["b.txt"], encoding="utf-8")
    return folder


def fig_record() -> Record:
    text = "Đảng bộ huyện\n\nĐảng bộ có 4.690 đảng viên, tăng 12,5%."
    s, p = text.index("4.690 đảng viên"), text.index("12,5%")
    return Record(
        article=Article(text=text, title="Đảng bộ huyện", published="2018-04-02", site="baogialai.com.vn",
                        url="http://baogialai.com.vn/x"),
        source="http://baogialai.com.vn/x",
        figures=(Figure(value=4690, kind="count", unit="đảng viên", text="4.690 đảng viên", start=s, end=s + 15),
                 Figure(value=12.5, kind="percent", text="12,5%", start=p, end=p + 5, change="increase")),
    )


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_search_reindex(tmp_path, files, capsys):
    db = str(tmp_path / "p.db")
    code, out, err = run(capsys, "index", db, str(files), "--no-extract", "--format", "jsonl")
    assert code == 0, err
    assert json.loads(out) == {"indexed": 2, "added": 2, "updated": 0, "unchanged": 0, "errors": 0}
    code, out, _ = run(capsys, "index", db, str(files), "--no-extract", "--format", "jsonl")
    assert json.loads(out)["unchanged"] == 2
    code, out, err = run(capsys, "search", db, '"uy ban kiem tra"', "--format", "jsonl")
    assert code == 0 and "1 matching" in err
    hit = json.loads(out)
    assert hit["source"] == str(files / "a.txt") and "«Uỷ ban kiểm tra»" in hit["snippet"]
    assert {"id", "source", "url", "site", "title", "published", "snippet", "score"} <= set(hit)
    code, out, _ = run(capsys, "search", db, "hòa bình", "--province", "Gia Lai")
    assert code == 0 and out.startswith("0 matching")
    code, out, _ = run(capsys, "search", db, "đảng viên", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 and rows[0]["snippet"]


def test_index_reports_bad_files_and_goes_on(tmp_path, files, capsys):
    (files / "bad.jsonl").write_text('{"article": {"text": "x"}}\nnot json\n', encoding="utf-8")
    (files / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "p.db")
    code, out, err = run(capsys, "index", db, str(files), "--no-extract", "--format", "jsonl")
    assert code == 1
    assert json.loads(out) == {"indexed": 3, "added": 3, "updated": 0, "unchanged": 0, "errors": 2}
    assert "bad.jsonl:2" in err and "empty.txt" in err
    report = pt.index(db, [str(tmp_path / "nope.txt")], extract=False)
    assert report.errors and "nope.txt" in report.errors[0][0]


def test_index_runs_the_extraction_pipeline(tmp_path, files):
    db = str(tmp_path / "p.db")
    path = str(files / "a.txt")
    report = pt.index(db, [path])
    assert report.errors == [] and report.added == 1
    with open_archive(db) as arc:
        stored = arc.get(report.ids[0])
    from partytext.inputs import extract_file

    assert stored.to_dict() == extract_file(path).to_dict()


def test_bad_query_exit_code_and_message(tmp_path, capsys):
    db = str(tmp_path / "p.db")
    for bad in ['"tổ chức', "", "đảng*"]:
        code, out, err = run(capsys, "search", db, bad)
        assert code == 1 and "partytext: error:" in err and "sqlite" not in err.lower()
    code, _, err = run(capsys, "search", db, "x", "--from", "hôm qua")
    assert code == 1 and "YYYY" in err


def test_figures_and_export(tmp_path, capsys):
    db = str(tmp_path / "p.db")
    with open_archive(db) as arc:
        rid = arc.add(fig_record())
    code, out, err = run(capsys, "figures", db, "--unit", "dang vien", "--kind", "count", "--from", "2016",
                         "--to", "2020", "--format", "jsonl")
    assert code == 0 and "1 figure" in err
    row = json.loads(out)
    assert row["value"] == 4690 and row["article_id"] == rid and row["site"] == "baogialai.com.vn"
    assert row["sentence"] == "Đảng bộ có 4.690 đảng viên, tăng 12,5%." and row["published"] == "2018-04-02"
    code, out, _ = run(capsys, "figures", db, "--unit", "đảng viên", "--to", "2017")
    assert code == 0 and "4690" not in out

    out_path = tmp_path / "all.jsonl"
    code, _, err = run(capsys, "export", db, "--format", "jsonl", "--out", str(out_path))
    assert code == 0 and "exported 1" in err
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert data["id"] == rid and data["schema"] == "partytext.record/2"
    assert Record.from_dict(data) == fig_record()
    # an export is a valid index input: round trip
    db2 = str(tmp_path / "q.db")
    assert pt.index(db2, [str(out_path)]).added == 1
    with open_archive(db2) as arc:
        assert arc.get(rid) == fig_record()

    code, out, _ = run(capsys, "export", db, "--format", "csv", "--table", "figures")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["value"] for r in rows] == ["4690", "12.5"] and rows[1]["change"] == "increase"
    code, out, _ = run(capsys, "export", db, "--format", "csv")
    assert list(csv.DictReader(io.StringIO(out)))[0]["text"] == fig_record().article.text


def test_parquet_export(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    db = str(tmp_path / "p.db")
    with open_archive(db) as arc:
        arc.add_many(Record(article=Article(text=f"Bài {i}\n\nđảng viên {i}")) for i in range(2500))
        arc.add(fig_record())
    code, _, _ = run(capsys, "export", db, "--format", "parquet", "--out", str(tmp_path / "a.parquet"))
    assert code == 0
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == 2501 and "text" in table.column_names  # streamed in row groups, not capped
    assert pt.export(db, "parquet", str(tmp_path / "f.parquet"), table="figures") == 2
    assert pq.read_table(tmp_path / "f.parquet").column("value").to_pylist() == [4690.0, 12.5]
    code, _, err = run(capsys, "export", db, "--format", "parquet")
    assert code == 2 and "--out" in err


def test_commands_have_help_with_example(capsys):
    for cmd in ("index", "search", "figures", "export"):
        with pytest.raises(SystemExit) as exc:
            main([cmd, "--help"])
        assert exc.value.code == 0
        assert "Example: partytext " + cmd in capsys.readouterr().out
