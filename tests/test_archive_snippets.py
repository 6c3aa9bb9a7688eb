"""Snippet matches are found in the stored text with one pattern per form (archive.snippets);
they must be exactly the places where the text's normal form holds the phrase, which is how
the search engines match (the reference below normalises the whole text, as snippets did
before)."""

import glob
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partytext.archive import snippets
from partytext.archive.query import CANONICAL, FOLDED, canonical_form, folded_form, parse

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora-raw"

QUERIES = ["đảng", "dang", '"Uỷ ban kiểm tra"', '"uy ban"', "ủy", "uy", "hòa", "hoa", "thủy", "quý", "quy",
           "khỏe", "Hòa Bình", '"to chuc co so dang"', "d", "a", "2017", "kỷ luật dang vien", "qủy", "òa"]


def reference_spans(query, text):
    """Normalise the whole text, find each form's phrases in it, keep the earliest of overlaps."""
    spans = set()
    for mode, form in ((CANONICAL, canonical_form), (FOLDED, folded_form)):
        phrases = sorted({p.words for p in query.positive if p.mode == mode}, key=len, reverse=True)
        if not phrases:
            continue
        normal = form(text)
        assert len(normal) == len(text)
        pattern = "|".join(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, w)) + r"(?![^\W_])" for w in phrases)
        spans.update(m.span() for m in re.finditer(pattern, normal))
    out = []
    for s, e in sorted(spans, key=lambda se: (se[0], -se[1])):
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def real_texts(limit=300):
    files = sorted(glob.glob(str(SHARED / "baomoi-news-magizbox" / "party_strong" / "*.txt")))[:limit]
    if not files:
        pytest.skip("../shared/corpora-raw is not here")
    return [unicodedata.normalize("NFC", Path(f).read_text("utf-8")) for f in files]


@pytest.mark.parametrize("query", QUERIES)
def test_matches_in_real_articles_equal_the_normal_form_matches(query):
    q = parse(query)
    found = 0
    for text in real_texts():
        expected = reference_spans(q, text)
        assert snippets.match_spans(q, text) == expected, (query, text[:80])
        found += len(expected)
    if query not in ("qủy", "òa"):
        assert found, query  # the real texts exercise the query


# letters where the two forms differ: old and new tone placement, q + u, đ, case, closed syllables
ALPHABET = list("hoaàòÀÒuyỷủỶỦqQdđĐeẻỏtn _-.1") + ["oà", "uỷ", "Oà", "UỶ", "quỷ", "thuỷ", "hoà_", "Đảng"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=40), st.sampled_from(QUERIES))
def test_matches_equal_the_normal_form_matches(pieces, query):
    text = unicodedata.normalize("NFC", "".join(pieces))
    q = parse(query)
    assert snippets.match_spans(q, text) == reference_spans(q, text)


@pytest.mark.parametrize("query, text, expected", [
    ("hòa", "hoà giải", [(0, 3)]),  # old tone placement
    ("hòa", "HOÀ", [(0, 3)]),
    ("hòa", "hoà_bình", []),  # canonical() leaves a pair before "_" (a word character) alone
    ("hòa", "hoàn thành", []),  # a closed syllable
    ("thủy", "thuỷ lợi", [(0, 4)]),
    ("qủy", "quỷ", []),  # after q the mark stays on y
    ("quỷ", "quỷ", [(0, 3)]),
    ("ủy", "Uỷ ban", [(0, 2)]),
    ("dang", "Đảng, đang, dáng", [(0, 4), (6, 10), (12, 16)]),
    ('"uy ban"', "Ủy_ban", [(0, 6)]),
])
def test_edge_spellings(query, text, expected):
    q = parse(query)
    assert reference_spans(q, text) == expected
    assert snippets.match_spans(q, text) == expected


def test_a_snippet_shows_the_article_as_written():
    q = parse('"ủy ban" hòa')
    text = "Tin mới. UỶ BAN nhân dân xã bàn chuyện hoà giải, Uỷ ban họp; thuỷ lợi."
    assert snippets.make_snippet(q, text) == "Tin mới. «UỶ BAN» nhân dân xã bàn chuyện «hoà» giải, «Uỷ ban» họp; thuỷ lợi."
