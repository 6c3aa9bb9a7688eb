"""Relevance is BM25 over every match (issue 16), on SQLite and PostgreSQL.

* the planted article: thousands of newer articles mention a phrase once; one short 2012
  article is about nothing else. It must rank first (it did not when only the newest
  1,000 matches were ranked).
* the top 10 equal an exhaustive BM25 computed here by brute force over every article.
* the relevance index is a view of the store: a crash before it caught up, a deleted or a
  foreign index folder, are repaired from the stored articles.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from pg_server import postgres_server, postgres_url  # noqa: F401

from partytext.archive import open_archive
from partytext.archive.query import CANONICAL, parse, syllables, canonical_form, folded_form
from partytext.records import Article, Record

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from gen_archive_corpus import generate  # noqa: E402

PHRASE = "kết nạp đảng viên"


@pytest.fixture(autouse=True)
def index_home(tmp_path, monkeypatch):
    # relevance indexes of PostgreSQL archives go to a temporary folder, not ~/.cache
    monkeypatch.setenv("PARTYTEXT_INDEX_DIR", str(tmp_path / "tantivy"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """A fresh archive location on each backend (test_archive_reliability.py uses it too)."""
    return str(tmp_path / "r.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")


def fresh_database(server, name: str) -> str:
    """The URL of an empty database ``name`` on the test server, for module-scoped archives
    (the ``postgres_url`` database is reset around every test)."""
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return server.url(name)


def with_sentence(record: Record, sentence: str) -> Record:
    """``record`` with one more paragraph at the end (its offsets stay valid)."""
    art = record.article
    article = Article(text=art.text + "\n\n" + sentence, title=art.title, lead=art.lead, published=art.published,
                      site=art.site, url=art.url)
    return Record(article=article, source=record.source, figures=record.figures, dates=record.dates)


def test_planted_older_article_ranks_first(db):
    # newer articles that mention the phrase exactly once (the generator's topic of it is left out)
    newer = [with_sentence(r, f"Năm qua, chi bộ đã {PHRASE} mới theo đúng quy trình.")
             for r in generate(8000) if "kết nạp" not in r.article.text.lower()][:2500]
    assert len(newer) == 2500
    planted = Record(article=Article(
        text=f"Kết nạp đảng viên\n\nBàn về kết nạp đảng viên.\n\nKết nạp đảng viên là việc của chi bộ.",
        title="Kết nạp đảng viên", published="2012-05-04T08:00:00+07:00", site="dangcongsan.vn",
        url="https://dangcongsan.vn/ket-nap-2012.html"), source="planted")
    with open_archive(db) as arc:
        arc.add_many([planted, *newer], batch=500)
        assert min(r.article.published for r in newer) > "2012-05-04"
        for query in (f'"{PHRASE}"', '"ket nap dang vien"', "kết nạp", f'"{PHRASE}" -"tham nhũng"'):
            res = arc.search(query, sort="relevance", limit=10)
            assert res.hits[0].id == planted.article.id, query
            assert res.total == arc.count_matches(query) and res.total_exact, query
            assert res.total == 2501 or "tham" in query
        # a date filter that leaves it in, and one that leaves it out
        assert arc.search(f'"{PHRASE}"', sort="relevance", date_to="2013", limit=1).hits[0].id == planted.article.id
        assert planted.article.id not in {h.id for h in arc.search(
            f'"{PHRASE}"', sort="relevance", date_from="2013", limit=10).hits}
        # newest first is unchanged: the planted article is the oldest
        assert arc.search(f'"{PHRASE}"', limit=10).hits[0].id != planted.article.id


# -- an exhaustive BM25, computed here ------------------------------------------------------

def fieldnorm_table() -> list[int]:
    """Lengths as the one-byte code of the index stores them: exact below 24, then four
    significant bits (tantivy's fieldnorm code, computed rather than copied)."""
    def decode(b: int) -> int:
        if b < 24:
            return b
        b -= 24
        bits, shift = b & 7, b >> 3
        return 24 + (bits if shift == 0 else (bits | 8) << (shift - 1))
    return [decode(b) for b in range(256)]


TABLE = fieldnorm_table()


def quantised(length: int) -> int:
    lo = max(i for i, v in enumerate(TABLE) if v <= length)
    return TABLE[lo]


class BruteForce:
    """BM25 of every article for a query, from the articles' syllables (k1 1.2, b 0.75,
    idf of a phrase = sum of its syllables' idfs, lengths quantised as the index does)."""

    def __init__(self, records: list[Record]) -> None:
        self.docs = []
        for r in records:
            a = r.article
            self.docs.append({"id": a.id, "site": a.site, "published": a.published,
                              CANONICAL: syllables(canonical_form(a.text)), "folded": syllables(folded_form(a.text))})
        self.n = len(self.docs)
        self.avg = sum(len(d[CANONICAL]) for d in self.docs) / self.n
        self.df: dict = {}
        for d in self.docs:
            for mode in (CANONICAL, "folded"):
                for w in set(d[mode]):
                    self.df[(mode, w)] = self.df.get((mode, w), 0) + 1

    @staticmethod
    def tf(words: list[str], phrase: tuple[str, ...]) -> int:
        m = len(phrase)
        return sum(1 for i in range(len(words) - m + 1) if tuple(words[i:i + m]) == phrase)

    def idf(self, mode: str, word: str) -> float:
        df = self.df.get((mode, word), 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def score(self, d: dict, phrase) -> float:
        tf = self.tf(d[phrase.mode], phrase.words)
        if not tf:
            return 0.0
        idf = sum(self.idf(phrase.mode, w) for w in phrase.words)
        norm = 1.2 * (1 - 0.75 + 0.75 * quantised(len(d[CANONICAL])) / self.avg)
        return idf * 2.2 * tf / (tf + norm)

    def rank(self, query: str, date_from=None, date_to=None, site=None) -> list[tuple[str, float]]:
        """(id, score) of every match, best first; dates are years here."""
        q = parse(query)
        out = []
        for d in self.docs:
            year = (d["published"] or "")[:4]
            if site and d["site"] != site or date_from and year < date_from or date_to and year > date_to:
                continue
            if any(self.tf(d[p.mode], p.words) for p in q.excluded):
                continue
            total, ok = 0.0, True
            for g in q.groups:
                scores = [self.score(d, p) for p in g]
                if not any(self.tf(d[p.mode], p.words) for p in g):
                    ok = False
                    break
                total += sum(scores)
            if ok:
                out.append((d["id"], total))
        return sorted(out, key=lambda x: -x[1])


QUERIES = [
    ("đảng", {}), ("kỷ", {}), ('"tổ chức cơ sở đảng"', {}), ('"kết nạp đảng viên mới"', {}),
    ('"Uỷ ban Kiểm tra"', {}), ("dang vien", {}), ('"sat lo bo song"', {}), ("ky luat", {}),
    ('"cát trái phép" OR "đường dây nóng"', {}), ('"chi bộ" -"tham nhũng"', {}), ("kỷ luật dang vien", {}),
    ('"đảng viên"', {"date_from": "2016", "date_to": "2018"}), ("hội nghị", {"site": "nhandan.vn"}),
]


@pytest.fixture(scope="module")
def corpus() -> list[Record]:
    return list(generate(3000, seed=16))


@pytest.fixture(scope="module")
def brute(corpus) -> BruteForce:
    return BruteForce(corpus)


@pytest.mark.parametrize("query, filters", QUERIES)
def test_top10_equals_exhaustive_bm25(db_filled, brute, query, filters):
    arc = db_filled
    expected = brute.rank(query, **filters)
    res = arc.search(query, sort="relevance", limit=10, **filters)
    assert res.total == len(expected) and res.total_exact
    assert expected, "the query should match something"
    exact = dict(expected)
    for h in res.hits:  # each hit carries its exhaustive score ...
        assert h.score == pytest.approx(exact[h.id], rel=1e-4, abs=1e-6), h.title  # scores are rounded to 6 places
    # ... and no article outside the top 10 scores higher than the 10th (ties aside)
    tenth = res.hits[-1].score
    shown = {h.id for h in res.hits}
    assert all(s <= tenth * (1 + 1e-4) + 1e-6 for i, s in expected if i not in shown)
    assert len(res.hits) == min(10, len(expected))


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def db_filled(request, corpus, tmp_path_factory):
    home = tmp_path_factory.mktemp("tantivy")
    mp = pytest.MonkeyPatch()
    mp.setenv("PARTYTEXT_INDEX_DIR", str(home))
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("bf") / "bf.db")
    else:
        db = fresh_database(request.getfixturevalue("postgres_server"), "relevance_bf")
    arc = open_archive(db)
    arc.add_many(corpus, batch=500)
    yield arc
    arc.close()
    mp.undo()


# -- kept in step with the store ------------------------------------------------------------

def test_index_is_rebuilt_when_missing_foreign_or_behind(tmp_path):
    import shutil

    db = str(tmp_path / "s.db")
    recs = list(generate(300, seed=3))
    with open_archive(db) as arc:
        arc.add_many(recs[:200])
        before = [(h.id, h.score) for h in arc.search("đảng", sort="relevance", limit=10).hits]
    folder = Path(db + "-tantivy")
    assert (folder / "state.json").exists()
    shutil.rmtree(folder)  # deleted: rebuilt from the store on the next search
    with open_archive(db) as arc:
        assert [(h.id, h.score) for h in arc.search("đảng", sort="relevance", limit=10).hits] == before
    # behind: a write whose replay never ran (as after a crash between the two commits)
    with open_archive(db) as arc:
        arc.text_index = lambda: None  # the writer's catch-up does not happen
        arc.add_many(recs[200:])
        arc.remove(recs[0].article.id)
    with open_archive(db) as arc:
        res = arc.search("đảng", sort="relevance", limit=300)
        assert res.total == arc.count_matches("đảng")
        assert recs[0].article.id not in {h.id for h in res.hits}
        assert {r.article.id for r in recs[200:]} & {h.id for h in res.hits}
