"""Units of the analysis package: terms, the stop list, the estimator, MinHash/LSH, trend gaps."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from partytext.analysis import minhash as M
from planting import repost
from partytext.analysis.terms import display, stopwords, term_of
from partytext.analysis.timeline import fill_gaps
from partytext.analysis.vectors import MIN_DOCS_FOR_DF, NewsVectorizer


@pytest.mark.parametrize("token, term", [
    ("Tổ chức", "tổ_chức"), ("cơ sở đảng", "cơ_sở_đảng"), ("Uỷ ban", "ủy_ban"), ("hoà", "hòa"),
    ("TP.HCM.", "tp.hcm"), ("“Đảng", "đảng"), ("Ủy ban", "ủy_ban"),
    ("5.000", None), (",", None), ("22/6", None), ("...", None), ("", None),
])
def test_term_of(token, term):
    assert term_of(token) == term


def test_terms_display_with_spaces():
    assert display("tổ_chức_cơ_sở_đảng") == "tổ chức cơ sở đảng"


def test_stop_list_holds_function_words_not_party_vocabulary():
    stop = stopwords()
    assert {"và", "của", "được", "những", "ảnh", "theo", "đồng_chí", "tuy_nhiên"} <= stop
    assert not {"đảng_viên", "chi_bộ", "nghị_quyết", "kỷ_luật", "tham_nhũng"} & stop
    assert all(t == term_of(display(t)) for t in stop)  # stored in term form


DOCS = [["đảng_viên", "chi_bộ", "của", "đảng_viên"], ["kinh_tế", "đảng_viên", "và"], ["lúa", "gạo", "lúa"]]


def test_estimator_contract():
    vec = NewsVectorizer(min_df=1)
    assert vec.get_params()["min_df"] == 1 and not hasattr(vec, "idf_")
    with pytest.raises(NotFittedError):
        vec.transform(DOCS)
    assert vec.fit(DOCS) is vec
    assert set(vec.vocabulary_) == {"đảng_viên", "chi_bộ", "kinh_tế", "lúa", "gạo"}  # stop words gone
    assert clone(vec).get_params() == vec.get_params() and not hasattr(clone(vec), "idf_")
    x = vec.transform(DOCS)
    assert x.shape == (3, 5)
    assert np.allclose(np.sqrt(x.multiply(x).sum(axis=1)).A.ravel(), 1.0)
    assert vec.transform([["không_có"]]).nnz == 0


def test_idf_matches_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(d) for d in DOCS]
    ref = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit(docs)
    ours = NewsVectorizer(stop_words=None).fit(DOCS)
    for term, j in ref.vocabulary_.items():
        assert ours.idf_[ours.vocabulary_[term]] == pytest.approx(ref.idf_[j])
    assert np.allclose(ours.transform(DOCS).toarray()[:, [ours.vocabulary_[t] for t in ref.get_feature_names_out()]],
                       ref.transform(docs).toarray())


def test_document_frequency_bounds_apply_on_larger_corpora():
    docs = [["đảng_viên", f"riêng_{i}", "chi_bộ" if i < 3 else "lúa"] for i in range(MIN_DOCS_FOR_DF)]
    # đảng_viên is in every document (over max_df), riêng_i in one (under min_df), lúa in most
    assert set(NewsVectorizer().fit(docs).vocabulary_) == {"chi_bộ"}
    assert len(NewsVectorizer().fit(docs[: MIN_DOCS_FOR_DF - 1]).vocabulary_) == (MIN_DOCS_FOR_DF - 1) + 3


def test_state_round_trip_without_pickle(tmp_path):
    vec = NewsVectorizer(stop_words=None).fit(DOCS)
    np.savez(tmp_path / "v.npz", **vec.state())
    with np.load(tmp_path / "v.npz", allow_pickle=False) as data:
        back = NewsVectorizer.from_state(data, stop_words=None)
    assert (back.transform(DOCS) != vec.transform(DOCS)).nnz == 0


TEXT = ("Ủy ban Kiểm tra Tỉnh ủy vừa tổ chức kỳ họp thứ 15 để xem xét kết quả kiểm tra dấu hiệu vi phạm "
        "của các đảng viên. Kỳ họp quyết định thi hành kỷ luật khiển trách ba đảng viên và cảnh cáo một đảng viên "
        "giữ chức vụ phó giám đốc sở. Việc thi hành kỷ luật được thực hiện nghiêm minh, kịp thời, đúng quy trình.")


def test_shingles_ignore_case_marks_and_punctuation():
    assert np.array_equal(M.shingles(TEXT), M.shingles(TEXT.upper().replace(",", " ;")))
    assert np.array_equal(M.shingles("Đảng viên mới"), M.shingles("dang vien moi"))
    assert len(M.shingles("")) == 0 and len(M.shingles("một hai")) == 1


def test_minhash_estimates_jaccard():
    a = M.shingles(TEXT)
    b = M.shingles(TEXT.replace("khiển trách ba đảng viên", "khiển trách bốn cán bộ"))
    exact = M.jaccard(a, b)
    estimate = (M.signature(a) == M.signature(b)).mean()
    assert 0.5 < exact < 0.95
    assert abs(estimate - exact) < 0.15
    assert M.jaccard(a, a) == 1.0 and M.jaccard(a, np.zeros(0, dtype=np.uint64)) == 0.0


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_bands_give_high_candidate_recall_at_the_threshold(threshold):
    bands, rows = M.bands_for(threshold)
    assert bands * rows <= M.NUM_PERM
    assert 1 - (1 - threshold ** rows) ** bands >= M.CANDIDATE_RECALL
    assert 1 - (1 - 0.1 ** rows) ** bands < 0.5 or threshold < 0.4  # unrelated pairs rarely candidates


def test_similar_pairs_and_groups():
    texts = [TEXT, TEXT + " Hồng Phúc", TEXT.replace("kỳ họp thứ 15", "kỳ họp thứ 16"),
             "Nông dân miền Tây trúng mùa lúa đông xuân, giá lúa tăng cao so với vụ trước.", ""]
    sets = [M.shingles(t) for t in texts]
    sigs = np.vstack([M.signature(s) for s in sets])
    pairs = M.similar_pairs(sets, sigs, 0.5)
    assert {(p.i, p.j) for p in pairs} == {(0, 1), (0, 2), (1, 2)}
    groups = M.groups(len(texts), pairs)
    assert [g[0] for g in groups] == [[0, 1, 2]]
    with pytest.raises(ValueError):
        M.similar_pairs(sets, sigs, 0)


def test_fill_gaps():
    pts = fill_gaps([("2023-11", 2), ("2024-02", 5)])
    assert [(p.period, p.count) for p in pts] == [("2023-11", 2), ("2023-12", 0), ("2024-01", 0), ("2024-02", 5)]
    assert [p.period for p in fill_gaps([("2019", 1), ("2021", 1)])] == ["2019", "2020", "2021"]
    assert fill_gaps([]) == []


def test_repost_makes_the_four_edits():
    import random

    text = "Tiêu đề: bài gốc\nĐoạn mở đầu của bài.\nCâu một của thân bài. Câu hai của thân bài. Câu ba ở đây.\nHồng Phúc\n"
    copy, notes = repost(text, random.Random(1), "Câu thay thế hoàn toàn mới.")
    lines = copy.splitlines()
    assert lines[0] == "bài gốc - Tiêu đề"
    assert notes == ["title", "byline replaced", "caption", "sentence"]
    assert "Câu thay thế hoàn toàn mới." in copy and "Hồng Phúc" not in copy
