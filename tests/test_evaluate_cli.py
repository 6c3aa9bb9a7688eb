"""``partytext evaluate``: table and JSON output, details, and floors that fail the command."""

from __future__ import annotations

import argparse
import json

import pytest

from partytext.cli import evaluate_cmd
from partytext.evaluate import evaluate as real_evaluate
from partytext.records import Article, Figure, Record


def fake_extractor(text, source=None):
    """Finds "23" as a count of đảng bộ and a spurious 2024; nothing else."""
    figures = []
    for value in ("23", "2024"):
        i = text.find(value)
        if i >= 0:
            figures.append(Figure(value=int(value), kind="count", text=value, start=i, end=i + len(value),
                                  unit="đảng bộ" if value == "23" else None))
    return Record(article=Article(text=text), source=source, figures=figures)


@pytest.fixture()
def gold_dir(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Tiêu đề\n\nNăm 2024 có 23 đảng bộ và 9 chi bộ.", encoding="utf-8")
    gold = {"figures": [{"value": 23, "kind": "count", "unit": "đảng bộ", "qualifier": None},
                        {"value": 9, "kind": "count", "unit": "chi bộ", "qualifier": None}]}
    (tmp_path / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(evaluate_cmd, "evaluate",
                        lambda d: real_evaluate(d, extractor=fake_extractor))
    return tmp_path


def run(argv):
    parser = argparse.ArgumentParser(prog="partytext")
    evaluate_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_table_lists_fields_and_accuracy_rows(gold_dir, capsys):
    assert run(["evaluate", str(gold_dir)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["measure", "precision", "recall", "f1", "accuracy", "counts"]
    figures = next(line for line in lines if line.startswith("figures"))
    assert figures.split()[1:4] == ["0.5", "0.5", "0.5"]  # 1 of 2 found, 1 of 2 predictions right
    assert any(line.startswith("unit") and "1/1" in line for line in lines)


def test_json_with_details_names_misses_and_false_positives(gold_dir, capsys):
    assert run(["evaluate", str(gold_dir), "--format", "json", "--details"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fields"]["figures"]["tp"] == 1
    (f,) = data["files"]
    assert f["missed"]["figures"][0]["value"] == 9
    assert f["spurious"]["figures"][0]["value"] == 2024


def test_default_floors_file_fails_the_command_naming_the_score(gold_dir, capsys):
    (gold_dir / "floors.json").write_text(json.dumps({"figures.f1": 0.9, "unit.accuracy": 1.0}), encoding="utf-8")
    assert run(["evaluate", str(gold_dir)]) == 1
    err = capsys.readouterr().err
    assert "figures.f1 0.500 < 0.900" in err and "unit.accuracy" not in err
    assert run(["evaluate", str(gold_dir), "--no-floors"]) == 0


def test_explicit_floors_file(gold_dir, tmp_path_factory, capsys):
    floors = tmp_path_factory.mktemp("f") / "floors.json"
    floors.write_text(json.dumps({"figures.recall": 0.5}), encoding="utf-8")
    assert run(["evaluate", str(gold_dir), "--floors", str(floors)]) == 0
    missing = floors.parent / "nope.json"
    with pytest.raises(Exception, match="does not exist"):
        run(["evaluate", str(gold_dir), "--floors", str(missing)])


def test_the_command_is_registered():
    from partytext.cli import COMMAND_MODULES

    assert "evaluate_cmd" in COMMAND_MODULES


def test_every_row_is_listed_even_with_nothing_to_score(gold_dir, capsys):
    assert run(["evaluate", str(gold_dir)]) == 0
    measures = [line.split()[0] for line in capsys.readouterr().out.splitlines()[2:]]
    for row in ("figures", "unit", "unit_exact", "qualifier", "change", "part_of", "subject", "points", "heading",
                "point_end", "references", "reference_date", "dates", "periods", "events", "entities",
                "entities_ORG", "entities_PER", "entities_LOC"):
        assert row in measures, row
    assert run(["evaluate", str(gold_dir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fields"]["entities_ORG"]["f1"] is None and data["accuracy"]["unit_exact"]["accuracy"] is None
