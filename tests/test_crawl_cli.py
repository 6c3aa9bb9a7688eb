"""The crawl command's errors and output."""

from __future__ import annotations

import json

from partytext.cli import main

from test_crawl_site import Site


def test_unknown_site_names_the_supported_ones(tmp_path, capsys):
    assert main(["crawl", "nosuchsite", "--archive", str(tmp_path / "a.db")]) == 1
    err = capsys.readouterr().err
    assert "nhandan" in err and "pass a URL" in err


def test_bad_since_is_a_usage_error(tmp_path, capsys):
    assert main(["crawl", "http://127.0.0.1:9/", "--archive", str(tmp_path / "a.db"), "--since", "12/07/2023"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_crawl_prints_its_report(tmp_path, capsys):
    site = Site()
    try:
        code = main(["crawl", site.base + "/", "--archive", str(tmp_path / "a.db"), "--delay", "0.01",
                     "--no-extract", "--max", "1", "--cache", str(tmp_path / "c"), "--format", "jsonl"])
    finally:
        site.close()
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["stored"] == 1 and report["state_path"].endswith(".crawl.sqlite")


def test_reextract_rebuilds_the_archive_from_raw_pages(tmp_path, capsys):
    site = Site()
    try:
        assert main(["crawl", site.base + "/", "--archive", str(tmp_path / "a.db"), "--delay", "0",
                     "--no-extract", "--raw", str(tmp_path / "raw"), "--cache", str(tmp_path / "c"),
                     "--format", "jsonl"]) == 0
    finally:
        site.close()  # no network from here on
    capsys.readouterr()
    args = ["reextract", str(tmp_path / "raw"), "--archive", str(tmp_path / "b.db"), "--format", "jsonl"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == {"raw_dir": str(tmp_path / "raw"), "stored": 6}
    assert main(args) == 0  # again: the same articles, stored once
    from partytext.archive import open_archive

    with open_archive(str(tmp_path / "b.db")) as arc:
        assert arc.count() == 6


def test_reextract_without_raw_folder_says_which_flag(tmp_path, capsys):
    assert main(["reextract", str(tmp_path / "nope"), "--archive", str(tmp_path / "b.db")]) == 1
    assert "--raw" in capsys.readouterr().err
