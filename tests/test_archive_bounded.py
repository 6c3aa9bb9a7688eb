"""Bounded counts and ranking (partytext.archive.ranking), sort keys, and the schema-1 upgrade."""

from __future__ import annotations

import sqlite3

import pytest
from pg_server import postgres_server, postgres_url  # noqa: F401
from test_archive_relevance import index_home  # noqa: F401 (relevance indexes in a temporary folder)

from partytext.archive import open_archive
from partytext.archive import ranking as R
from partytext.archive import schema as S
from partytext.archive.sqlite import _schema_v1
from partytext.records import Article, Record


def rec(text: str, published: str | None = None, site: str | None = None) -> Record:
    return Record(article=Article(text=text, title=text.split("\n")[0], published=published, site=site),
                  source="mem")


@pytest.fixture(params=["sqlite", "postgresql"])
def arc(request, tmp_path):
    db = str(tmp_path / "b.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    a = open_archive(db)
    yield a
    a.close()


def fill(arc, n: int = 40) -> list[str]:
    # article i mentions "kỷ luật" i % 4 + 1 times; every third one is on nhandan.vn
    ids = []
    for i in range(n):
        body = " ".join(["kỷ luật"] * (i % 4 + 1)) + " và đảng viên"
        ids.append(arc.add(rec(f"Bài {i}\n\n{body}.", published=f"2020-01-{i % 28 + 1:02d}T{i % 24:02d}:00",
                               site="nhandan.vn" if i % 3 == 0 else "tuoitre.vn")))
    return ids


def test_totals_are_exact_up_to_the_limit_then_estimated(arc):
    fill(arc)
    arc.count_limit = 10
    small = arc.search('"bài 7"')
    assert small.total == 1 and small.total_exact
    res = arc.search("kỷ luật", limit=3)
    assert not res.total_exact and 10 < res.total and len(res.hits) == 3
    assert arc.search("kỷ luật", exact_total=True).total == 40 == arc.count_matches("ky luat")
    assert arc.search("kỷ luật", exact_total=True).total_exact
    # filters: exact count through the same path
    assert arc.count_matches("kỷ luật", site="nhandan.vn") == 14
    assert arc.search("kỷ luật", site="nhandan.vn", exact_total=True).total == 14


def test_paging_beyond_the_count_window_still_walks_far_enough(arc):
    ids = fill(arc)
    arc.count_limit = 5
    seen = []
    for offset in range(0, 40, 7):
        seen += [h.id for h in arc.search("đảng viên", limit=7, offset=offset).hits]
    assert sorted(seen) == sorted(ids) and len(seen) == 40


def test_relevance_ranks_every_match_not_the_newest_window(arc):
    fill(arc)
    full = arc.search("kỷ luật", sort="relevance", limit=40)
    # the densest articles (4 mentions: i % 4 == 3) come first, newer first among equals
    assert {h.title for h in full.hits[:10]} == {f"Bài {i}" for i in range(40) if i % 4 == 3}
    assert full.hits[0].score > full.hits[-1].score > 0
    assert full.total == 40 and full.total_exact
    arc.count_limit = 5  # bounds the newest-first walk only
    top = arc.search("kỷ luật", sort="relevance", limit=8)
    assert [h.id for h in top.hits] == [h.id for h in full.hits[:8]]
    assert top.total == 40 and top.total_exact  # the relevance index counts every match exactly
    assert [h.score for h in top.hits] == sorted((h.score for h in top.hits), reverse=True)


def test_scores_are_the_same_on_both_backends(tmp_path, postgres_url):  # noqa: F811
    scores = []
    for db in (str(tmp_path / "s.db"), postgres_url):
        with open_archive(db) as a:
            fill(a)
            scores.append([(h.id, h.score) for h in a.search('"kỷ luật" đảng', sort="relevance", limit=40).hits])
    assert scores[0] == scores[1]


def test_estimate_and_rounding():
    assert R.round_estimate(98_712, 2000) == 99_000
    assert R.round_estimate(1_234, 2000) == 2000
    assert R.round_estimate(20_499, 10) == 20_000
    assert R.estimate(100, 1000, 200) == 500
    assert R.bm25([0, 0], 10, [1.0, 1.0], 10.0) == 0.0
    assert R.bm25([2], 10, [1.0], 10.0) > R.bm25([1], 10, [1.0], 10.0) > R.bm25([1], 40, [1.0], 10.0)
    assert R.idf(100, 99) > 0  # a word in nearly every article still counts


def test_keys_keep_order_and_slots_spill(monkeypatch, tmp_path):
    assert S.key_base(None) == S.UNDATED_BASE < S.DATED_BASE <= S.key_base("1900-01-01")
    assert S.key_base("2020-01-01T10:00") < S.key_base("2020-01-01T10:01") < S.key_base("2021-01-01")
    assert S.day_of(S.key_base("2020-03-04T23:59:00+07:00")) == "2020-03-04"
    monkeypatch.setattr(S, "KEY_SHIFT", 1)  # two articles per minute
    with open_archive(str(tmp_path / "k.db")) as arc:
        for i in range(5):
            arc.add(rec(f"Bài {i}\n\nđảng viên", published="2020-01-01T10:00"))
        arc.add(rec("Sau\n\nđảng viên", published="2020-01-01T10:01"))
        keys = [r[0] for r in arc._all("SELECT key FROM articles ORDER BY key")]
        assert len(set(keys)) == 6
        assert [h.title for h in arc.search("dang vien", limit=10).hits][-1] == "Bài 0"


def test_schema_1_archive_is_upgraded(tmp_path):
    path = tmp_path / "v1.db"
    con = sqlite3.connect(path, isolation_level=None)

    class Shim:
        _conn = con

    _schema_v1(Shim)  # type: ignore[arg-type]
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO meta VALUES ('set_hash', '0')")
    old = {"new": ((60 << 32) | 1, "2020-05-01"), "old": (60 << 32, "2019-01-01"), "undated": (0, None)}
    for name, (key, published) in old.items():
        con.execute("INSERT INTO articles (key, id, title, published, text, content_hash) VALUES (?,?,?,?,?,?)",
                    (key, name, name, published, f"{name}\n\nTổ chức cơ sở đảng {name}", "0" * 40))
    con.close()
    with open_archive(str(path)) as arc:
        assert arc.schema_version() == S.SCHEMA_VERSION
        res = arc.search('"to chuc co so dang"', limit=10)
        assert [h.id for h in res.hits] == ["new", "old", "undated"] and res.total == 3
        assert arc.search('"tổ chức"', sort="relevance").total == 3


def test_newest_first_phrases_from_the_relevance_index_in_slices(arc):
    # 300 dated articles 20 days apart (2010-2026) and 10 undated ones; the phrase is in every
    # third, in each of the newest 20, and in every undated one. Newest-first phrase searches
    # ask the relevance index for the newest slices of the key span first (search._newest_sliced):
    # whatever the window, the hits are the newest matches, in order, as a scan finds them
    import datetime as dt

    start = dt.datetime(2010, 1, 1, 8, 0)
    recs, dated = [], []
    for i in range(300):
        has = i % 3 == 0 or i >= 280
        when = (start + dt.timedelta(days=20 * i, minutes=i)).isoformat(timespec="minutes")
        recs.append(rec(f"Bài {i}\n\n{'Tổ dân phố họp' if has else 'Tổ họp dân phố'} ngày {i}.", published=when))
        if has:
            dated.append((when, f"Bài {i}"))
    recs += [rec(f"Tin {j}\n\nTổ dân phố số {j}.") for j in range(10)]
    arc.add_many(recs)
    expected = [title for _, title in sorted(dated, reverse=True)]
    for limit in (1, 3, 10, 40):
        arc.count_limit = limit
        for query in ('"tổ dân phố"', '"to dan pho"'):
            res = arc.search(query, limit=limit)
            assert [h.title for h in res.hits] == expected[:limit], (query, limit)
    arc.count_limit = 1000
    res = arc.search('"to dan pho"', limit=200)
    assert [h.title for h in res.hits][:len(expected)] == expected and res.total == len(expected) + 10
    assert {h.title for h in res.hits[len(expected):]} == {f"Tin {j}" for j in range(10)}
    # a date range: the slices start from its newest end
    arc.count_limit = 2
    res = arc.search('"tổ dân phố"', date_from="2013-01-01", date_to="2016-12-31", limit=5)
    inside = [t for w, t in sorted(dated, reverse=True) if "2013" <= w[:4] <= "2016"]
    assert [h.title for h in res.hits] == inside[:5]
    assert arc.search('"tổ dân phố"', date_from="2013-01-01", date_to="2016-12-31", exact_total=True).total == len(inside)
