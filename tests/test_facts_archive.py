"""The facts pivot over an archive: `partytext facts` and pt.facts, across the 2025 merger."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import partytext as pt
from partytext.errors import QueryError

THREE = {
    "yenbai-2017.txt": "Năm 2017, Đảng bộ tỉnh Yên Bái có 60.000 đảng viên…\n",
    "laocai-2017.txt": "Năm 2017, Đảng bộ tỉnh Lào Cai có 55.000 đảng viên.\n",
    "laocai-2025.txt": "Năm 2025, Đảng bộ tỉnh Lào Cai có 120.000 đảng viên.\n",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("three")
    for name, text in THREE.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "facts.db"
    pt.index(str(path), [str(folder)])
    return path


def _cli(*args: str) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "partytext", "facts", *args, "--format", "jsonl"],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_2025_map_sums_yen_bai_into_lao_cai(db):
    rows = _cli(str(db), "--metric", "party_members", "--by", "province", "--per", "year", "--admin", "2025")
    got = {(r["province"], r["year"]): r["value"] for r in rows}
    assert got == {("Lào Cai", "2017"): 115000, ("Lào Cai", "2025"): 120000}
    assert all(r["metric"] == "party_members" and r["sources"] for r in rows)
    assert len(next(r for r in rows if r["year"] == "2017")["sources"]) == 2


def test_legacy_map_keeps_the_old_units_apart(db):
    rows = _cli(str(db), "--metric", "party_members", "--admin", "legacy")
    got = {(r["province"], r["year"]): r["value"] for r in rows}
    assert got == {("Yên Bái", "2017"): 60000, ("Lào Cai", "2017"): 55000, ("Lào Cai", "2025"): 120000}


def test_province_filter_on_both_maps(db):
    assert {r["year"] for r in pt.facts(db, province="Lào Cai")} == {"2017", "2025"}
    assert [r["value"] for r in pt.facts(db, province="Yên Bái", admin="legacy")] == [60000]
    assert [r["value"] for r in pt.facts(db, province="Yên Bái", admin="2025") if r["year"] == "2017"] == [115000]
    with pytest.raises(QueryError, match="Unknown province"):
        pt.facts(db, province="Atlantis")


def test_by_owner_and_to_pandas(db):
    result = pt.facts(db, by="owner", admin="legacy")
    assert {r["owner"] for r in result} == {"Đảng bộ tỉnh Yên Bái", "Đảng bộ tỉnh Lào Cai"}
    pd = pytest.importorskip("pandas")
    frame = result.to_pandas()
    assert isinstance(frame, pd.DataFrame) and len(frame) == 3 and "value" in frame.columns


def test_the_same_fact_from_several_outlets_counts_once(tmp_path):
    text = "Đảng viên Yên Bái\n\nNăm 2017, Đảng bộ tỉnh Yên Bái có 60.000 đảng viên."
    records = [pt.extract(pt.Article(text=text, url=f"https://{site}/a", site=site, published="2017-03-02"))
               for site in ("baoyenbai.com.vn", "dangcongsan.vn")]
    other = pt.extract("Lào Cai\n\nNăm 2017, Đảng bộ tỉnh Lào Cai có 55.000 đảng viên.")
    path = tmp_path / "dup.db"
    from partytext.archive import open_archive

    with open_archive(str(path)) as arc:
        arc.add_many([*records, other])
    rows = pt.facts(str(path), metric="party_members").rows
    assert [(r["province"], r["value"]) for r in rows] == [("Lào Cai", 115000)]
    assert len(rows[0]["sources"]) == 3


def test_district_and_national_owners_are_not_province_totals(tmp_path):
    from partytext.archive import open_archive

    recs = [pt.extract("Gia Lai\n\nNăm 2017, Đảng bộ TP. Pleiku có 5.000 đảng viên."),
            pt.extract("Năm 2017, Ủy ban Kiểm tra Trung ương thi hành kỷ luật 120 đảng viên.")]
    with open_archive(str(tmp_path / "x.db")) as arc:
        arc.add_many(recs)
        assert pt.facts(arc).rows == []
        owners = pt.facts(arc, by="owner").rows
    assert [(r["owner"], r["province"], r["value"]) for r in owners] == [("Đảng bộ TP. Pleiku", "Gia Lai", 5000)]


def test_bad_options_name_the_fix(db):
    with pytest.raises(QueryError, match="party_members"):
        pt.facts(db, metric="members")
    proc = subprocess.run([sys.executable, "-m", "partytext", "facts", str(db), "--province", "Atlantis"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "Unknown province 'Atlantis'" in proc.stderr


def test_records_round_trip_through_the_archive(db):
    from partytext.archive import open_archive

    with open_archive(str(db)) as arc:
        for rid in arc.ids():
            rec = arc.get(rid)
            f = rec.figures[0]
            assert f.metric == "party_members" and f.owner["text"].startswith("Đảng bộ tỉnh")
            assert rec.places and rec.places[0].province == "Lào Cai"
            rec.check_offsets()


def two_articles(path: str):
    """An article that names old Yên Bái (and Hà Nội) beside one about Gia Lai, indexed in ``path``."""
    from partytext.archive import open_archive

    both = pt.extract(pt.Article(
        text="Học tập kinh nghiệm\n\nĐoàn công tác của Hà Nội đến thăm huyện Trấn Yên, tỉnh Yên Bái, "
             "nơi năm 2017 kết nạp 300 đảng viên.", published="2017-05-02", url="https://x.vn/1"))
    other = pt.extract(pt.Article(text="Gia Lai\n\nĐảng bộ tỉnh Gia Lai có 100.000 đảng viên.",
                                  published="2017-06-01", url="https://x.vn/2"))
    with open_archive(path) as arc:
        arc.add_many([both, other])
    return both, other


def test_province_filter_reads_every_place_with_old_and_new_names(tmp_path):
    path = str(tmp_path / "places.db")
    both, other = two_articles(path)
    ids = lambda **f: {h.id for h in pt.search(path, "đảng viên", **f)}  # noqa: E731
    assert ids(province="Yên Bái") == {both.article.id}          # not the article's first province
    assert ids(province="Hà Nội") == {both.article.id}
    assert ids(province="Lào Cai") == set()                       # legacy Lào Cai: not named
    assert ids(province="Lào Cai", admin="2025") == {both.article.id}  # old Yên Bái is in Lào Cai now
    assert ids(province="Gia Lai") == {other.article.id}
    assert {f["article_id"] for f in pt.figures(path, province="Lào Cai", admin="2025")} == {both.article.id}
    proc = subprocess.run([sys.executable, "-m", "partytext", "search", path, "đảng viên", "--province", "Lào Cai",
                           "--admin", "2025", "--format", "jsonl"], capture_output=True, text=True, check=True)
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == [both.article.id]
    with pytest.raises(QueryError, match="Unknown province"):
        pt.search(path, "đảng viên", province="Atlantis")


def test_relevance_search_honours_the_places_filter(tmp_path):
    path = str(tmp_path / "rel.db")
    both, other = two_articles(path)
    for sort in ("newest", "relevance"):
        ids = lambda **f: {h.id for h in pt.search(path, "đảng viên", sort=sort, **f)}  # noqa: E731
        assert ids(province="Yên Bái") == {both.article.id}, sort
        assert ids(province="Lào Cai", admin="2025") == {both.article.id}, sort
        assert ids(province="Lào Cai") == set(), sort
        assert ids(province="Gia Lai") == {other.article.id}, sort
        assert pt.search(path, "đảng viên", sort=sort, province="Lào Cai", admin="2025").total == 1


def test_only_what_a_province_has_makes_its_total(tmp_path):
    from partytext.archive import open_archive

    texts = ("Năm 2017, Tỉnh ủy Gia Lai kiểm tra 796 tổ chức đảng và 1.256 đảng viên.",
             "Năm 2017, Ban Chấp hành Đảng bộ tỉnh Gia Lai gồm 70 đồng chí.",
             "Năm 2017, Ủy ban Kiểm tra Tỉnh ủy Gia Lai thi hành kỷ luật 13 đảng viên.",
             "Năm 2017, Đảng bộ tỉnh Gia Lai có 110.000 đảng viên.")
    with open_archive(str(tmp_path / "stock.db")) as arc:
        arc.add_many([pt.extract(t) for t in texts])
        rows = {(r["metric"], r["value"]) for r in pt.facts(arc)}
    assert rows == {("party_members", 110000), ("disciplined_members", 13)}
