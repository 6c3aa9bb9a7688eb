"""The matcher behind ``partytext evaluate``: hand-made predictions against hand-made gold,
with the exact precision, recall, F1 and accuracies the DESIGN.md rules give."""

from __future__ import annotations

import json

import pytest

from partytext.errors import InputError
from partytext.evaluate import Report, evaluate, score_record
from partytext.records import Article, DateMention, Event, Figure, Period, Point, Record, Reference

TEXT = "Tiêu đề\n\nĐảng bộ có 23 đảng bộ cơ sở, hơn 5.000 đảng viên, đạt 71,29%."


def fig(value, kind="count", *, unit=None, qualifier=None, change=None, part_of=None, high=None,
        subject=None, start=0):
    return Figure(value=value, kind=kind, text="x", start=start, end=start + 1, high=high, unit=unit,
                  qualifier=qualifier, change=change, part_of=part_of, subject=subject)


def record(**items) -> Record:
    return Record(article=Article(text=TEXT), source="t.txt", **items)


def gfig(value, kind="count", unit=None, qualifier=None, **extra):
    return {"value": value, "kind": kind, "unit": unit, "qualifier": qualifier, **extra}


def test_perfect_match_scores_one():
    gold = {"figures": [gfig(23, unit="đảng bộ cơ sở"), gfig(5000, unit="đảng viên", qualifier="more_than"),
                        gfig(71.29, "percent")]}
    rec = record(figures=[fig(23, unit="đảng bộ cơ sở xã, phường", start=0),
                          fig(5000, unit="Đảng viên", qualifier="more_than", start=2),
                          fig(71.29, "percent", start=4)])
    report = Report.from_files([score_record(gold, rec)])
    s = report.scores()
    assert (s["figures.precision"], s["figures.recall"], s["figures.f1"]) == (1.0, 1.0, 1.0)
    assert s["unit.accuracy"] == 1.0  # containment, case-insensitive
    assert report.accuracy["unit"].total == 2  # the percent has no gold unit
    assert report.accuracy["qualifier"].total == 3


def test_wrong_unit_matches_but_lowers_unit_accuracy():
    gold = {"figures": [gfig(796, unit="tổ chức đảng"), gfig(1256, unit="đảng viên")]}
    rec = record(figures=[fig(796, unit="tổ chức", start=0), fig(1256, unit="đảng viên", start=2)])
    result = score_record(gold, rec)
    assert result.scores["figures"].tp == 2
    assert result.accuracy["unit"].correct == 1 and result.accuracy["unit"].total == 2
    assert result.wrong == [{"attribute": "unit", "gold": "tổ chức đảng", "predicted": "tổ chức", "text": "x"}]


def test_unit_comparison_ignores_tone_placement_and_spaces():
    gold = {"figures": [gfig(3, unit="ủy viên  ban chấp hành")]}
    rec = record(figures=[fig(3, unit="Uỷ viên Ban Chấp hành")])
    assert score_record(gold, rec).accuracy["unit"].correct == 1


def test_wrong_qualifier_and_wildcard():
    gold = {"figures": [gfig(50, "percent", qualifier="nearly"), gfig(87, "percent", qualifier="*"),
                        gfig(12, qualifier=None)]}
    rec = record(figures=[fig(50, "percent", qualifier="about", start=0),
                          fig(87, "percent", qualifier="more_than", start=2),
                          fig(12, qualifier="more_than", start=4)])
    result = score_record(gold, rec)
    assert result.scores["figures"].tp == 3
    acc = result.accuracy["qualifier"]
    assert (acc.correct, acc.total) == (1, 3)  # only the wildcard is right; null must be null


def test_kind_value_and_high_decide_the_match():
    gold = {"figures": [gfig(3, high=5, unit="hộ"), gfig(195, "ratio", high=160, unit="đảng viên"),
                        gfig(2300000000, "money", unit="đồng", qualifier="nearly")]}
    rec = record(figures=[fig(3, unit="hộ", start=0),                      # high missing: no match
                          fig(195, "count", high=160, start=2),            # wrong kind: no match
                          fig(2300000000.0000002, "money", unit="đồng", qualifier="nearly", start=4)])
    s = score_record(gold, rec).scores["figures"]
    assert (s.tp, s.fp, s.fn) == (1, 2, 2)
    report = Report.from_files([score_record(gold, rec)])
    assert report.scores()["figures.precision"] == pytest.approx(1 / 3)
    assert report.scores()["figures.recall"] == pytest.approx(1 / 3)
    assert report.scores()["figures.f1"] == pytest.approx(1 / 3)


def test_false_positive_and_missing_figure_give_exact_prf():
    gold = {"figures": [gfig(9, unit="đảng viên"), gfig(1, unit="tổ chức đảng"), gfig(14, unit="đảng viên")]}
    # "một số" taken as 1 (false positive), 14 missed, 9 and the real 1 found.
    rec = record(figures=[fig(1, unit="cấp ủy", start=0), fig(1, unit="tổ chức đảng", start=3),
                          fig(9, unit="đảng viên", start=5), fig(2024, start=7)])
    result = score_record(gold, rec)
    s = result.scores["figures"]
    assert (s.tp, s.fp, s.fn) == (2, 2, 1)
    # the gold "1 tổ chức đảng" took the prediction whose unit agrees, leaving "cấp ủy" spurious
    assert sorted(f["unit"] or "" for f in result.spurious["figures"]) == ["", "cấp ủy"]
    assert result.missed["figures"] == [gfig(14, unit="đảng viên")]
    report = Report.from_files([result])
    assert report.scores()["figures.precision"] == pytest.approx(0.5)
    assert report.scores()["figures.recall"] == pytest.approx(2 / 3)
    assert report.scores()["figures.f1"] == pytest.approx(4 / 7)


def test_repeated_mentions_count_one_to_one():
    gold = {"figures": [gfig(14, unit="đảng viên"), gfig(14, unit="đảng viên")]}
    rec = record(figures=[fig(14, unit="đảng viên", start=0)])
    s = score_record(gold, rec).scores["figures"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 1)


def test_change_and_part_of_checked_where_gold_gives_them():
    gold = {"figures": [gfig(248, unit="thôn"), gfig(165, unit="tổ dân phố", part_of=248),
                        gfig(41, unit="thôn", part_of=248), gfig(12.5, "percent", change="increase"),
                        gfig(842, unit="đảng viên", change="decrease"), gfig(603, unit="đảng viên")]}
    rec = record(figures=[fig(248, unit="thôn", start=0), fig(165, unit="tổ dân phố", part_of=0, start=2),
                          fig(41, unit="thôn", part_of=None, start=4),
                          fig(12.5, "percent", change="increase", start=6),
                          fig(842, unit="đảng viên", start=8),
                          fig(603, unit="đảng viên", change="decrease", start=10)])
    report = Report.from_files([score_record(gold, rec)])
    assert report.fields["figures"].tp == 6
    assert (report.accuracy["part_of"].correct, report.accuracy["part_of"].total) == (1, 2)
    assert (report.accuracy["change"].correct, report.accuracy["change"].total) == (1, 2)  # 603 unchecked


def test_percent_subject_is_contained():
    gold = {"figures": [gfig(71.29, "percent", subject="tổ chức cơ sở đảng trong sạch, vững mạnh")]}
    rec = record(figures=[fig(71.29, "percent", subject="tỉ lệ tổ chức cơ sở Đảng trong sạch, vững mạnh")])
    assert score_record(gold, rec).accuracy["subject"].correct == 1


def pt(ordinal, text, marker="Một là", start=0, heading=None):
    return Point(ordinal=ordinal, marker=marker, text=text, start=start, end=start + len(text), heading=heading)


def test_points_match_on_ordinal_and_start_and_a_missing_point():
    gold = {"points": [{"ordinal": 1, "starts": "tiếp tục chỉ đạo", "heading": "giải pháp"},
                       {"ordinal": 2, "starts": "tăng cường  sự lãnh đạo"},
                       {"ordinal": 3, "starts": "đẩy mạnh công tác", "ends": "cán bộ kế cận"}]}
    rec = Record(article=Article(text="x" * 400), points=[
        pt(1, "Tiếp tục chỉ đạo đảng ủy các xã", start=0, heading="các giải pháp sau:"),
        pt(2, "Hai là, tăng cường sự lãnh đạo tổ chức", marker="Hai là", start=50),   # marker kept: tolerated
        pt(3, "xây dựng đội ngũ", marker="Ba là", start=100),                          # wrong start
        pt(1, "một mục thừa", marker="1.", start=200),                                 # false positive
    ])
    result = score_record(gold, rec)
    s = result.scores["points"]
    assert (s.tp, s.fp, s.fn) == (2, 2, 1)
    assert result.accuracy["heading"].correct == 1
    assert "point_end" not in result.accuracy  # the point that had "ends" was not matched
    report = Report.from_files([result])
    assert report.scores()["points.f1"] == pytest.approx(4 / 7)  # P 2/4, R 2/3


def test_point_end_catches_a_caption_left_in_the_item():
    gold = {"points": [{"ordinal": 1, "starts": "siết chặt", "ends": "kỷ cương."}]}
    rec = Record(article=Article(text="x" * 200), points=[
        pt(1, "siết chặt kỷ luật, kỷ cương. Ảnh: Minh Hòa", start=0)])
    result = score_record(gold, rec)
    assert result.scores["points"].tp == 1
    assert result.accuracy["point_end"].correct == 0


def ref(type_, symbol, date=None, start=0):
    return Reference(type=type_, symbol=symbol, text="r", start=start, end=start + 1, date=date)


def test_references_match_on_type_and_symbol_date_is_accuracy():
    gold = {"references": [{"type": "nghị quyết", "symbol": "21-NQ/TW", "date": "2022-06-16"},
                           {"type": "quy định", "symbol": "29-QĐ/TW", "date": "2016-07-25"},
                           {"type": "nghị định", "symbol": "178/2024/NĐ-CP"}]}
    rec = Record(article=Article(text="x" * 100), references=[
        ref("Nghị quyết", "21-NQ/ TW", "2022-06-16", 0),
        ref("quyết định", "29-QĐ/TW", "2016-07-25", 10),   # wrong type: QĐ after "Quy định"
        ref("nghị định", "178/2024/NĐ-CP", None, 20)])
    result = score_record(gold, rec)
    s = result.scores["references"]
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert (result.accuracy["reference_date"].correct, result.accuracy["reference_date"].total) == (1, 1)


def test_dates_periods_events_are_multisets():
    gold = {"dates": ["2016-07-25", "2006", "2006", "--07-13"], "periods": ["2010-2015"],
            "events": [{"kind": "congress", "ordinal": 13}, {"kind": "term", "ordinal": 13}]}
    rec = Record(article=Article(text="x" * 100),
                 dates=[DateMention("2016-07-25", "d", 0, 1), DateMention("2006", "d", 2, 3),
                        DateMention("2024", "d", 4, 5)],
                 periods=[Period(2010, 2015, "term", "p", 0, 1), Period(2020, 2025, "term", "p", 2, 3)],
                 events=[Event("congress", "e", 0, 1, 13), Event("plenum", "e", 2, 3, 4)])
    result = score_record(gold, rec)
    assert (result.scores["dates"].tp, result.scores["dates"].fp, result.scores["dates"].fn) == (2, 1, 2)
    assert (result.scores["periods"].tp, result.scores["periods"].fp) == (1, 1)
    assert (result.scores["events"].tp, result.scores["events"].fp, result.scores["events"].fn) == (1, 1, 1)
    assert result.missed["dates"] == ["--07-13", "2006"]


def test_fields_absent_from_gold_are_not_scored():
    rec = record(figures=[fig(5)], dates=[DateMention("2020", "d", 0, 1)])
    report = Report.from_files([score_record({"dates": ["2020"]}, rec)])
    assert report.fields["figures"].fp == 0
    assert report.scores()["figures.f1"] is None
    assert report.scores()["dates.f1"] == 1.0


def test_micro_average_over_files_and_floors():
    a = score_record({"dates": ["2020", "2021"]}, Record(article=Article(text="a"), dates=[DateMention("2020", "a", 0, 1)]))
    b = score_record({"dates": ["2022"]}, Record(article=Article(text="b"), dates=[DateMention("2022", "b", 0, 1)]))
    report = Report.from_files([a, b])
    assert report.scores()["dates.recall"] == pytest.approx(2 / 3)
    assert report.below({"dates.precision": 1.0, "dates.recall": 0.6}) == []
    assert report.below({"dates.recall": 0.7}) == ["dates.recall 0.667 < 0.700"]
    assert report.below({"unit.accuracy": 0.5}) == ["unit.accuracy has nothing to score (floor 0.500)"]
    with pytest.raises(InputError, match="Unknown floor"):
        report.below({"figure.f1": 0.5})


def test_evaluate_runs_an_extractor_over_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text("Tiêu đề\n\nCó 23 đảng bộ.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"figures": [gfig(23, unit="đảng bộ")]}), encoding="utf-8")
    (tmp_path / "floors.json").write_text(json.dumps({"figures.f1": 0.0}), encoding="utf-8")
    seen = []

    def fake(text, source=None):
        seen.append(source)
        i = text.index("23")
        return Record(article=Article(text=text), source=source,
                      figures=[Figure(value=23, kind="count", text="23 đảng bộ", start=i, end=i + 10, unit="đảng bộ")])

    report = evaluate(tmp_path, extractor=fake)
    assert seen == [str(tmp_path / "a.txt")]  # floors.json has no text beside it: not gold
    assert report.scores()["figures.f1"] == 1.0 and len(report.files) == 1


def test_malformed_gold_is_refused_with_the_problem_named(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"figures": [{"value": "5", "kind": "amount"}]}), encoding="utf-8")
    with pytest.raises(InputError, match=r"numeric 'value'.*'kind' must be one of.*needs a 'qualifier'"):
        evaluate(tmp_path, extractor=lambda text, source=None: None)


def test_html_gold_pairs_are_read_as_articles(tmp_path):
    html = "<html><body><h1>Tiêu đề</h1><p>Đảng bộ có 23 đảng bộ cơ sở và nhiều chi bộ.</p><p>Đoạn hai.</p></body></html>"
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (tmp_path / "page.json").write_text(json.dumps({"figures": [gfig(23, unit="đảng bộ cơ sở")]}), encoding="utf-8")
    seen = []

    def fake(article, source=None):
        seen.append(type(article).__name__)
        i = article.text.index("23")
        return Record(article=article, source=source, figures=[
            Figure(value=23, kind="count", text="23", start=i, end=i + 2, unit="đảng bộ cơ sở")])

    report = evaluate(tmp_path, extractor=fake)
    assert seen == ["Article"]
    assert report.scores()["figures.f1"] == 1.0


def test_unit_exactness_is_equality_with_unit_full():
    gold = {"figures": [gfig(375, unit="chi bộ", unit_full="chi bộ trực thuộc"),
                        gfig(2016, unit="bản kê khai", unit_full="bản kê khai"),
                        gfig(5000, unit="đảng viên")]}                       # no unit_full: not checked
    rec = record(figures=[fig(375, unit="Chi bộ  trực thuộc", start=0),      # case and spaces do not count
                          fig(2016, unit="bản kê khai 2016 nêu", start=2),   # runs into a verb: wrong
                          fig(5000, unit="đảng viên", start=4)])
    result = score_record(gold, rec)
    assert (result.accuracy["unit_exact"].correct, result.accuracy["unit_exact"].total) == (1, 2)
    assert result.accuracy["unit"].correct == 3  # containment still holds for all three


def test_entities_are_scored_per_type():
    from partytext.records import Entity

    gold = {"entities": [{"type": "ORG", "text": "Chính phủ"}, {"type": "PER", "text": "Phạm Minh Chính"},
                         {"type": "LOC", "text": "Bà Rịa Vũng Tàu"}]}
    rec = Record(article=Article(text="x" * 60), entities=[
        Entity("ORG", "Chính phủ Phạm Minh Chính", 0, 25), Entity("PER", "Bà Rịa Vũng Tàu", 30, 45)])
    result = score_record(gold, rec)
    assert (result.scores["entities"].tp, result.scores["entities"].fp, result.scores["entities"].fn) == (0, 2, 3)
    assert (result.scores["entities_ORG"].fp, result.scores["entities_ORG"].fn) == (1, 1)
    assert (result.scores["entities_LOC"].tp, result.scores["entities_LOC"].fn) == (0, 1)
    assert result.scores["entities_PER"].fp == 1


def test_a_registered_figure_check_becomes_a_row(monkeypatch):
    from partytext import scoring

    monkeypatch.setattr(scoring, "FIGURE_CHECKS", dict(scoring.FIGURE_CHECKS))

    @scoring.figure_check("kind_again", "kind")
    def _same_kind(gold, figure, rec):
        return gold == figure.kind, figure.kind

    result = score_record({"figures": [gfig(23)]}, record(figures=[fig(23)]))
    assert (result.accuracy["kind_again"].correct, result.accuracy["kind_again"].total) == (1, 1)
    assert "kind_again" in scoring.accuracy_rows()
