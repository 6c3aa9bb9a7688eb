"""The record contract: frozen items with valid spans, JSON round trips, the shipped schema."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

import partytext as pt
from partytext.errors import RecordError
from partytext.records import Figure, Record, json_schema

TEXT = (
    "Kết quả kiểm tra năm 2023\n\n"
    "Theo Nghị quyết số 21-NQ/TW ngày 16/6/2022, nhiệm kỳ 2020-2025, Đại hội XIII, "
    "Ủy ban Kiểm tra Tỉnh ủy Gia Lai đã kiểm tra 12 tổ chức đảng và hơn 1.256 đảng viên, đạt 95,5%; "
    "kinh phí gần 2,3 tỷ đồng. Cần làm hai việc: Một là, siết kỷ luật; Hai là, công khai kết quả."
)


@pytest.fixture(scope="module")
def record():
    return pt.extract(TEXT, source="inline")


def test_record_validates_against_the_shipped_schema(record, seed_path):
    schema = json_schema()
    jsonschema.validate(record.to_dict(), schema)
    seed = pt.extract(seed_path.read_text(encoding="utf-8"), source=str(seed_path))
    jsonschema.validate(seed.to_dict(), schema)


def test_every_field_is_filled_on_a_dense_text(record):
    for name in ("figures", "points", "references", "dates", "periods", "events", "entities"):
        assert getattr(record, name), name


def test_json_round_trip_is_lossless(record):
    again = Record.from_json(record.to_json())
    assert again == record
    assert again.to_dict() == json.loads(record.to_json())


def test_items_are_frozen(record):
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.figures[0].value = 1  # type: ignore[misc]


def test_span_must_fit_the_text():
    with pytest.raises(RecordError):
        Figure(value=5, kind="count", text="5 hộ", start=0, end=10)
    with pytest.raises(RecordError):
        Figure(value=5, kind="several", text="5 hộ", start=0, end=4)
    with pytest.raises(RecordError):
        Figure(value=5, kind="count", qualifier="roughly", text="5 hộ", start=0, end=4)


def test_check_offsets_catches_a_shifted_span(record):
    bad = dataclasses.replace(record, figures=(dataclasses.replace(record.figures[0], start=record.figures[0].start + 1,
                                                                  end=record.figures[0].end + 1),))
    with pytest.raises(RecordError):
        bad.check_offsets()


def test_unknown_schema_is_refused(record):
    data = record.to_dict()
    data["schema"] = "partytext.record/9"
    with pytest.raises(RecordError, match="partytext.record/1"):
        Record.from_dict(data)


def test_article_id_is_stable(record):
    assert pt.extract(TEXT).article.id == record.article.id
    assert pt.extract(TEXT + " Thêm.").article.id != record.article.id


def test_article_publisher_round_trips_and_old_records_still_read():
    """Article.publisher (the original paper of an aggregated article) is in the JSON and
    the schema; records written before it existed read back with publisher None."""
    from partytext.records import Article

    rec = Record(article=Article(text="Tiêu đề\n\nThân bài.", title="Tiêu đề", site="baomoi", publisher="Báo Lào Cai"))
    data = json.loads(json.dumps(rec.to_dict()))
    assert data["article"]["publisher"] == "Báo Lào Cai"
    jsonschema.validate(data, json_schema())
    assert Record.from_dict(data).article.publisher == "Báo Lào Cai"
    old = {**data, "article": {k: v for k, v in data["article"].items() if k != "publisher"}}
    assert Record.from_dict(old).article.publisher is None
