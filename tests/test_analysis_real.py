"""Done-when of issue 7 on the 1,654 real articles plus a planted re-post of one of them:
`duplicates` lists the pair, `related` ranks the original first, topics read as subjects.

Skips when ../shared/corpora-raw is absent. Tokenizes every article once for the module
(about 1-2 minutes with two workers)."""

from __future__ import annotations

import random

import pytest

import partytext as pt
from planting import repost
from partytext.archive import open_archive
from partytext.records import Record
from partytext.sources.text import article_from_text

pytestmark = pytest.mark.slow

ORIGINAL = "party_strong/21491189.txt"  # Đà Nẵng discipline report
DONOR = "Hội nghị cũng đã thông qua chương trình kiểm tra, giám sát của năm tới và phân công nhiệm vụ cụ thể."


@pytest.fixture(scope="module")
def archive(raw_corpus, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("real") / "real.db")
    files = sorted(raw_corpus.rglob("*.txt"))
    with open_archive(db) as arc:
        ids = arc.add_many(Record(article=article_from_text(p.read_text(encoding="utf-8"), site="baomoi.com"),
                                  source=str(p.relative_to(raw_corpus))) for p in files)
        original = ids[[str(p.relative_to(raw_corpus)) for p in files].index(ORIGINAL)]
        text, notes = repost((raw_corpus / ORIGINAL).read_text(encoding="utf-8"), random.Random(3), DONOR)
        assert notes[0] == "title" and "caption" in notes and "sentence" in notes
        copy = arc.add(Record(article=article_from_text(text, site="copy.example"), source="planted.txt"))
        assert arc.count() == len(files) + 1 == 1655
    pt.analysis.fit(db, workers=2)
    return db, original, copy


def test_duplicates_lists_the_planted_pair(archive):
    db, original, copy = archive
    groups = pt.duplicates(db)
    mine = [g for g in groups if copy in g.ids]
    assert len(mine) == 1 and original in mine[0].ids


def test_related_ranks_the_original_first(archive):
    db, original, copy = archive
    hits = pt.related(db, copy, limit=5)
    assert hits[0].id == original and hits[0].score > 0.8
    assert hits[1].score < hits[0].score - 0.2


def test_topics_are_recognisable(archive):
    db, _, _ = archive
    found = pt.topics(db, k=10)
    words = [set(t.words) for t in found]
    # party discipline is a subject of its own in this corpus
    assert any({"kỷ luật", "vi phạm"} <= w for w in words), words
    assert all(len(t.words) == 10 for t in found)
