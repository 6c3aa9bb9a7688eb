"""Day-first Vietnamese dates to ISO, Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import datetime

import pytest

from partytext.sources.dates import VIETNAM, parse_date


@pytest.mark.parametrize("text,iso", [
    ("Thứ Tư, 12/07/2023 - 17:02", "2023-07-12T17:02:00+07:00"),
    ("12/7/2023 17:02 (GMT+7)", "2023-07-12T17:02:00+07:00"),
    ("ngày 12 tháng 7 năm 2023", "2023-07-12"),
    ("08:30 ngày 12/5/2025", "2025-05-12T08:30:00+07:00"),
    ("12.05.2025", "2025-05-12"),
    ("05/03/2025 07:00 (GMT+7)", "2025-03-05T07:00:00+07:00"),  # 5 March, never 3 May
    ("Cập nhật lúc 22:38, Thứ Hai, 08/10/2018 (GMT+7)", "2018-10-08T22:38:00+07:00"),
    ("Thứ Tư, 08/04/2015, 08:11 [GMT+7]", "2015-04-08T08:11:00+07:00"),
    ("12/05/2025 | 08:30", "2025-05-12T08:30:00+07:00"),
    ("Thứ Ba, 01/08/2023 - 08:30 Chia sẻ", "2023-08-01T08:30:00+07:00"),  # "Ch" of Chia is not CH (pm)
    ("9/14/2026 6:44:00 PM", "2026-09-14T18:44:00+07:00"),  # month-first only where day-first is impossible
    ("Wed, 12 Jul 2023 10:02:00 GMT", "2023-07-12T17:02:00+07:00"),
    ("Wed, 12 Jul 2023 10:02:00 +07", "2023-07-12T10:02:00+07:00"),
    ("2023-07-12T10:02:00Z", "2023-07-12T17:02:00+07:00"),
    ("2023-07-12", "2023-07-12"),
    ("12/05/25", "2025-05-12"),
    ("Cập nhật 11/6/2020, 08:06:29", "2020-06-11T08:06:29+07:00"),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["", "Đảng bộ có 312 đảng viên", "ĐT: 0903.123.456", "32/13/2023", "nhiệm kỳ 2020-2025"])
def test_not_a_date(text):
    assert parse_date(text) is None


def test_relative_date_counts_back_from_now():
    now = datetime(2025, 5, 12, 10, 0, tzinfo=VIETNAM)
    assert parse_date("2 giờ trước", now=now) == "2025-05-12T08:00:00+07:00"
