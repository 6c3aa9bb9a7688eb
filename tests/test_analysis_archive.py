"""Analysis over a small synthetic archive, on SQLite and PostgreSQL: related articles,
near-duplicates, topics, keywords, trend charts, and the model kept beside the archive."""

from __future__ import annotations

import json

import pytest
from analysis_corpus import ARTICLES, REPOST, record, records
from pg_server import postgres_server, postgres_url  # noqa: F401

import partytext as pt
from partytext.analysis import keywords, model as model_mod
from partytext.archive import open_archive
from partytext.errors import ArchiveError, InputError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path, monkeypatch):
    """An archive holding the synthetic articles and the re-post; models go under tmp_path."""
    monkeypatch.setenv(model_mod.CACHE_ENV, str(tmp_path / "cache"))
    if request.param == "sqlite":
        url = str(tmp_path / "party.db")
    else:
        url = request.getfixturevalue("postgres_url")
    with open_archive(url) as arc:
        arc.add_many(records())
    return url


def ids_by_key(db) -> dict[str, str]:
    with open_archive(db) as arc:
        return {a["source"].removesuffix(".txt"): a["id"] for a in arc.iter_articles()}


def test_related_ranks_the_original_first_for_its_repost(db):
    ids = ids_by_key(db)
    hits = pt.related(db, ids["kyluat-1-repost"], limit=3)
    assert hits[0].id == ids["kyluat-1"]
    assert hits[0].score > 0.7 and hits[0].source == "kyluat-1.txt" and hits[0].site == "dangcongsan.vn"
    assert hits[1].id == ids["kyluat-2"]  # the other discipline article comes next
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert ids["kyluat-1-repost"] not in {h.id for h in hits}


def test_related_by_subject(db):
    ids = ids_by_key(db)
    for a, b in [("lua-1", "lua-2"), ("lu-1", "lu-2"), ("dangvien-1", "dangvien-2")]:
        assert pt.related(db, ids[a], limit=1)[0].id == ids[b]


def test_related_accepts_a_unique_prefix_and_rejects_unknown_ids(db):
    ids = ids_by_key(db)
    assert pt.related(db, ids["lu-1"][:8], limit=1)[0].id == ids["lu-2"]
    with pytest.raises(ArchiveError, match="No article with id"):
        pt.related(db, "nope-not-an-id")
    with pytest.raises(InputError):
        pt.related(db, ids["lu-1"], limit=0)


def test_duplicates_lists_the_repost_pair_only(db):
    ids = ids_by_key(db)
    groups = pt.duplicates(db)
    assert len(groups) == 1
    g = groups[0]
    assert set(g.ids) == {ids["kyluat-1"], ids["kyluat-1-repost"]}
    assert g.ids[0] == ids["kyluat-1"]  # oldest first
    assert g.sites == ("dangcongsan.vn", "baomoi.com")
    assert 0.5 <= g.similarity <= 1
    assert pt.duplicates(db, threshold=0.9) == []
    with pytest.raises(InputError):
        pt.duplicates(db, threshold=1.5)


def test_topics_have_words_weights_and_months(db):
    found = pt.topics(db, k=4)
    assert len(found) == 4
    assert [t.topic for t in found] == [1, 2, 3, 4]
    assert abs(sum(t.weight for t in found) - 1) < 0.01
    words = [set(t.words) for t in found]
    # each subject of the synthetic archive is one topic
    for marker in ("lúa", "lũ", "kỷ luật", "chi bộ"):
        assert sum(marker in w for w in words) == 1, (marker, words)
    assert all(" " in w or w.isalpha() for t in found for w in t.words)  # words read with spaces
    months = {m for t in found for m in t.months}
    assert {"2023-01", "2024-10"} <= months
    for m in months:
        assert abs(sum(t.months[m] for t in found) - 1) < 0.01
    assert pt.topics(db, k=4, method="lda")[0].words
    with pytest.raises(InputError):
        pt.topics(db, k=100)


def test_keywords_are_stored_in_the_archive(db):
    ids = ids_by_key(db)
    pt.related(db, ids["lua-1"], limit=1)  # fits the model
    with open_archive(db) as arc:
        kw = arc.keywords(ids["lua-1"])
    assert kw and kw == keywords(db, ids["lua-1"])
    assert "lúa" in [w for w, _ in kw[:3]]
    assert [w for w, _ in kw] == [w for w, _ in sorted(kw, key=lambda x: -x[1])]


def test_trend_table_and_png(db, tmp_path):
    png = tmp_path / "trend.png"
    points = pt.trend(db, "lũ", by="month", plot=png)
    assert [(p.period, p.count) for p in points][:2] == [("2023-10", 1), ("2023-11", 0)]
    assert points[-1].period == "2024-10" and len(points) == 13
    assert png.read_bytes()[:8] == PNG_MAGIC and png.stat().st_size > 2000
    assert [(p.period, p.count) for p in pt.trend(db, '"đảng viên"', by="year")] == [("2023", 3), ("2024", 2)]
    with pytest.raises(InputError):
        pt.trend(db, "lũ", by="week")


def test_model_is_fitted_once_and_refitted_when_the_archive_changes(db, monkeypatch):
    ids = ids_by_key(db)
    tokenized: list[int] = []
    real = model_mod.article_terms

    def counting(items, **kw):
        items = list(items)
        tokenized.append(len(items))
        return real(items, **kw)

    monkeypatch.setattr(model_mod, "article_terms", counting)
    pt.related(db, ids["lu-1"])
    assert tokenized == [len(ARTICLES) + 1]
    pt.related(db, ids["lu-1"])
    pt.topics(db, k=2)
    assert tokenized == [len(ARTICLES) + 1]  # reused, not refitted
    with open_archive(db) as arc:
        arc.add(record(("lu-3", "baoquangbinh.vn", "2024-11-01",
                        "Người dân vùng lũ nhận gạo cứu trợ\nHàng cứu trợ đến với người dân vùng lũ sau nhiều ngày "
                        "nước lũ dâng cao.\nĐoàn cứu trợ trao gạo, mì tôm và nước uống cho các hộ dân bị lũ cô lập.")))
    hits = pt.related(db, ids["lu-1"], limit=2)
    assert tokenized == [len(ARTICLES) + 1, 1]  # refitted: only the new article tokenized
    assert {h.source for h in hits} == {"lu-2.txt", "lu-3.txt"}


def test_model_files_hold_no_pickle(db, tmp_path):
    import numpy as np

    ids = ids_by_key(db)
    pt.related(db, ids["lu-1"])
    pt.duplicates(db)
    with open_archive(db) as arc:
        folder = model_mod.model_dir(arc)
    if db.startswith("postgresql://"):
        assert folder.parent == tmp_path / "cache" and "@" not in folder.name
    else:
        assert folder == tmp_path / "party.db.model"
    for name in ("vectors.npz", "shingles.npz"):
        with np.load(folder / name, allow_pickle=False) as data:  # raises if any array needs pickle
            assert json.loads(str(data["meta"]))["fingerprint"]


def test_empty_archive_says_what_to_do(tmp_path):
    db = str(tmp_path / "empty.db")
    open_archive(db).close()
    with pytest.raises(ArchiveError, match="partytext index"):
        pt.duplicates(db)


def test_memory_archive_works_without_a_model_folder():
    with open_archive(":memory:") as arc:
        arc.add_many(records())
        ids = {a["source"]: a["id"] for a in arc.iter_articles()}
        assert pt.related(arc, ids[REPOST[0] + ".txt"], limit=1)[0].id == ids["kyluat-1.txt"]
        assert len(pt.duplicates(arc)) == 1
