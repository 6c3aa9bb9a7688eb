"""Issue 17, the archive's paths: each test reproduced its bug before the fix.

* an edited local file re-indexed replaced nothing (its id was the hash of its text);
* two ``partytext index`` processes into one PostgreSQL database raced on new keys and
  on the ranking statistics;
* ``index`` refused a ``.jsonl`` record file over the size limit of a single article;
* a query mixing marked and unmarked words ran in diacritic mode as a whole.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pg_server import postgres_server, postgres_url  # noqa: F401

import partytext as pt
from partytext.archive import open_archive
from partytext.archive import schema as S
from partytext.records import Article, Record, article_id

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from gen_archive_corpus import generate  # noqa: E402
from test_archive_relevance import db, index_home  # noqa: E402,F401 (fixtures: both backends, a private index folder)

PARTYTEXT = [sys.executable, "-m", "partytext"]


ARTICLE = "Đảng bộ phường Tây Sơn\n\nĐến nay, Đảng bộ phường có {n} đảng viên, sinh hoạt tại 12 chi bộ {word}.\n"


def test_edited_local_file_replaces_its_record(db, tmp_path):
    path = tmp_path / "tay-son.txt"
    path.write_text(ARTICLE.format(n=120, word="khóm"), encoding="utf-8")
    first = pt.index(db, [str(path)])
    path.write_text(ARTICLE.format(n=125, word="tổ"), encoding="utf-8")
    # the same file through another spelling of its path: still the same article
    second = pt.index(db, [str(tmp_path / "." / "tay-son.txt")])
    assert first.ids == second.ids and (second.updated, second.added) == (1, 0)
    with open_archive(db) as arc:
        assert arc.count() == 1
        values = [f["value"] for f in arc.figures(unit="đảng viên")]
        assert values == [125]
        assert arc.search("khóm").total == 0 and arc.search("khóm", sort="relevance").total == 0
        assert arc.search("chi bộ tổ", sort="relevance").total == 1
    # the id is that of the resolved path; a text without a file keeps the id of its text
    assert first.ids[0] == article_id(None, "", path=str(path))
    assert Article(text="x").id == article_id(None, "x")


def test_jsonl_record_files_are_streamed_without_the_size_limit(tmp_path):
    records = list(generate(400, seed=5))
    big = tmp_path / "records.jsonl"
    with big.open("w", encoding="utf-8") as f:
        for r in records[:200]:
            f.write(r.to_json() + "\n")
        f.write("{not json\n")  # a bad line is reported with its number, the others go on
        for r in records[200:]:
            f.write(r.to_json() + "\n")
    limit = 100_000
    assert big.stat().st_size > 10 * limit
    text = tmp_path / "long.txt"
    text.write_text("Tiêu đề\n\n" + "đảng viên " * 20_000, encoding="utf-8")
    report = pt.index(str(tmp_path / "s.db"), [str(big), str(text)], max_bytes=limit)
    assert report.added == 400
    assert [s for s, _ in report.errors] == [f"{big}:201", str(text)]  # the cap stays for one article
    assert "pass --max-bytes" in report.errors[1][1]
    with open_archive(str(tmp_path / "s.db")) as arc:
        assert arc.count() == 400


def test_query_words_are_exact_or_folded_one_by_one(db):
    texts = {"a": "Thi hành kỷ luật đảng viên vi phạm.", "b": "ky luat dang vien", "c": "Kỷ luật đang viên.",
             "d": "Kỷ luật, khen thưởng đảng viên."}
    with open_archive(db) as arc:
        ids = {k: arc.add(Record(article=Article(text=t, title=k), source=k)) for k, t in texts.items()}
        for sort in ("newest", "relevance"):
            found = {h.title for h in arc.search("kỷ luật dang vien", sort=sort).hits}
            assert found == {"a", "c", "d"}, sort
            assert {h.title for h in arc.search('"kỷ luật dang vien"', sort=sort).hits} == {"a", "c"}, sort
        assert ids
        snippet = arc.search("kỷ luật dang vien").hits[0].snippet  # the newest: "d"
        assert "«Kỷ» «luật»" in snippet and "«đảng» «viên»" in snippet


def test_two_index_processes_on_postgres_store_every_article_once(postgres_url, tmp_path):
    base = list(generate(3000, seed=17))
    # the second file: other articles (other URLs) of the very same minutes, so that both
    # processes need new keys in the same slots at the same time
    other = [dataclasses.replace(r, article=dataclasses.replace(r.article, id=None, url=r.article.url + "?b"))
             for r in base]
    files = []
    for name, recs in (("a", base), ("b", other)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(r.to_json() + "\n" for r in recs), encoding="utf-8")
        files.append(path)
    with open_archive(postgres_url):
        pass  # the schema exists before the race (creating it is serialised separately)
    env = {**os.environ, "PARTYTEXT_INDEX_DIR": str(tmp_path / "tantivy")}
    procs = [subprocess.Popen([*PARTYTEXT, "index", postgres_url, str(f), "--no-extract"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e[-2000:] for _, e in outs]
    with open_archive(postgres_url) as arc:
        ids = arc.ids()
        assert len(ids) == len(set(ids)) == 6000
        assert set(ids) == {r.article.id for r in base} | {r.article.id for r in other}
        # the statistics kept incrementally equal a fresh count, and so does the set hash
        assert arc._stats() == arc._compute_stats()
        expected = "0"
        for (h,) in arc._all("SELECT content_hash FROM articles"):
            expected = S.xor_hex(expected, h)
        assert arc.get_meta("set_hash") == expected
        # and the relevance index holds every article once
        assert arc.search("đảng", sort="relevance").total == arc.count_matches("đảng")
