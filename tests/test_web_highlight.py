"""Safe markup: snippets and article highlights escape every piece of text; the trend chart."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from partytext.web.chart import fill_months, trend_svg
from partytext.web.highlight import MARK_CLOSE, MARK_OPEN, Span, annotate, nest, snippet_html
from partytext.web.render import figure_number, vn_date, vn_number

TAG = re.compile(r"<[^>]*>")
NASTY = st.text(alphabet=st.sampled_from(list("ađẢ <>&\"'/=\n") + [MARK_OPEN, MARK_CLOSE]), max_size=40)


def visible(markup: str) -> str:
    return html.unescape(TAG.sub("", str(markup)))


def test_snippet_marks_matches_and_escapes_the_rest():
    out = snippet_html(f"{MARK_OPEN}Đảng{MARK_CLOSE} viên <script>alert(1)</script> & {MARK_OPEN}đảng{MARK_CLOSE}")
    assert str(out) == "<mark>Đảng</mark> viên &lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>đảng</mark>"


@given(NASTY)
def test_snippet_only_ever_has_balanced_marks(text):
    out = str(snippet_html(text))
    tags = TAG.findall(out)
    assert set(tags) <= {"<mark>", "</mark>"}
    assert tags == ["<mark>", "</mark>"] * (len(tags) // 2)
    assert visible(out) == text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def test_annotate_nests_and_skips_crossing_spans():
    text = "Một là, kết nạp 25 đảng viên mới."
    spans = [Span(0, len(text), "point", {"id": "point-0"}), Span(16, 33, "figure", {"id": "fig-0", "title": 'a"<b>'}),
             Span(10, 20, "date")]  # crosses the figure: left out
    out = str(annotate(text, spans))
    assert out == ('<span class="ann ann-point" id="point-0">Một là, kết nạp '
                   '<span class="ann ann-figure" id="fig-0" title="a&#34;&lt;b&gt;">25 đảng viên mới.</span></span>')
    assert [s.kind for s in nest(spans)] == ["point", "figure"]


def test_annotate_window_and_escaping():
    text = "Tiêu đề <script>\n\nThân bài có 5 <b>đảng viên</b>."
    spans = [Span(0, 5, "figure"), Span(len(text) - 17, len(text) - 1, "figure")]
    head = str(annotate(text, spans, 0, 16))
    body = str(annotate(text, spans, 18))
    assert "<script>" not in head and "&lt;script&gt;" in head
    assert visible(head) + "\n\n" + visible(body) == text
    assert body.count('<span class="ann ann-figure">') == 1


@given(NASTY, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40),
                                 st.sampled_from(["figure", "point", "date"])), max_size=8))
def test_annotate_never_changes_the_text_or_breaks_nesting(text, raw):
    spans = [Span(min(a, b, len(text)), min(max(a, b), len(text)), kind, {"title": text[:5]}) for a, b, kind in raw]
    out = str(annotate(text, spans))
    assert visible(out) == text
    depth = 0
    for tag in TAG.findall(out):
        assert tag.startswith(("<span class=\"ann ann-", "</span>")), tag
        depth += -1 if tag == "</span>" else 1
        assert depth >= 0
    assert depth == 0


def test_fill_months_puts_back_empty_months():
    assert fill_months([("2023-11", 2), ("2024-02", 1)]) == [("2023-11", 2), ("2023-12", 0), ("2024-01", 0), ("2024-02", 1)]
    assert fill_months([("2023", 2), ("2025", 1)]) == [("2023", 2), ("2025", 1)]
    assert fill_months([]) == []


def test_trend_svg_draws_one_bar_per_period_and_escapes_labels():
    svg = str(trend_svg([("2024-01", 3), ("2024-02", 0), ("2024-03", 6)], label='"<q>'))
    assert svg.count("<rect") == 3
    assert 'aria-label="&#34;&lt;q&gt;"' in svg
    heights = [float(h) for h in re.findall(r'height="([\d.]+)"', svg)]
    assert heights[0] * 2 == heights[2] and heights[1] == 0
    assert str(trend_svg([])) == ""


def test_vietnamese_display_formats():
    assert vn_number(5000) == "5.000"
    assert vn_number(71.29) == "71,29"
    assert vn_number(2300000000) == "2.300.000.000"
    assert figure_number(3, 5, "count") == "3–5"
    assert figure_number(12.5, None, "percent") == "12,5%"
    assert vn_date("2024-03-05T08:00:00+07:00") == "05/03/2024"
    assert vn_date("2024-03") == "03/2024"
    assert vn_date(None) == ""
