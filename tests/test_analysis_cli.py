"""The analysis commands: related, duplicates, topics, trend, in every output format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from analysis_corpus import records

from partytext.analysis import model as model_mod
from partytext.archive import open_archive
from partytext.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "party.db")
    with open_archive(path) as arc:
        arc.add_many(records())
    return path


@pytest.fixture(scope="module")
def ids(db):
    with open_archive(db) as arc:
        return {a["source"].removesuffix(".txt"): a["id"] for a in arc.iter_articles()}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_related_formats(db, ids, capsys):
    code, out, _ = run(capsys, "related", db, ids["kyluat-1-repost"], "--limit", "2", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 2
    assert rows[0]["id"] == ids["kyluat-1"] and rows[0]["source"] == "kyluat-1.txt" and rows[0]["score"] > 0.7
    code, out, _ = run(capsys, "related", db, ids["kyluat-1-repost"], "--limit", "2", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert table[0]["id"] == ids["kyluat-1"] and "score" in table[0]
    code, out, _ = run(capsys, "related", db, ids["kyluat-1-repost"], "--limit", "2")
    assert out.splitlines()[0].split()[:2] == ["score", "id"] and ids["kyluat-1"] in out.splitlines()[2]


def test_related_unknown_id_exits_1(db, capsys):
    code, _, err = run(capsys, "related", db, "does-not-exist")
    assert code == 1 and "No article with id" in err


def test_duplicates_one_group_per_line(db, ids, capsys):
    code, out, err = run(capsys, "duplicates", db, "--format", "jsonl")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 1 and "1 group" in err
    group = json.loads(lines[0])
    assert group["ids"] == [ids["kyluat-1"], ids["kyluat-1-repost"]] and group["size"] == 2
    code, out, _ = run(capsys, "duplicates", db)
    body = out.splitlines()[2:]
    assert len(body) == 1 and ids["kyluat-1"] in body[0] and ids["kyluat-1-repost"] in body[0]
    code, out, _ = run(capsys, "duplicates", db, "--format", "csv", "--threshold", "0.95")
    assert code == 0 and out.strip() == "group,size,similarity,highest,ids,titles,sources,sites"


def test_duplicates_bad_threshold_exits_1(db, capsys):
    code, _, err = run(capsys, "duplicates", db, "--threshold", "2")
    assert code == 1 and "threshold" in err


def test_topics_formats(db, capsys):
    code, out, _ = run(capsys, "topics", db, "--k", "4", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 4 and all(r["words"] and r["months"] for r in rows)
    code, out, _ = run(capsys, "topics", db, "--k", "4")
    assert "2023-01:" in out and len(out.splitlines()) == 6


def test_trend_writes_a_png(db, tmp_path, capsys):
    png = tmp_path / "chart.png"
    code, out, err = run(capsys, "trend", db, "lúa", "--by", "year", "--plot", str(png), "--format", "csv")
    assert code == 0 and out.splitlines() == ["period,count", "2023,1", "2024,1"]
    assert png.read_bytes()[:4] == b"\x89PNG" and "chart written" in err


def test_trend_plot_into_missing_folder_exits_1(db, tmp_path, capsys):
    code, _, err = run(capsys, "trend", db, "lúa", "--plot", str(tmp_path / "no" / "such" / "x.png"))
    assert code == 1 and "does not exist" in err


def test_every_analysis_command_has_help_with_an_example(capsys):
    for cmd in ("related", "duplicates", "topics", "trend"):
        with pytest.raises(SystemExit):
            main([cmd, "--help"])
        out = capsys.readouterr().out
        assert "Example: partytext " + cmd in out and "--format" in out


def test_model_folder_sits_beside_the_archive(db, ids, capsys):
    run(capsys, "related", db, ids["lu-1"])
    assert (model_mod.Path(db + ".model") / "vectors.npz").exists()
