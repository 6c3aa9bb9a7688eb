"""A small archive for the web tests: original texts, written for these tests.

Built once per test session (extraction runs underthesea) and shared by the
``test_web_*`` modules through :func:`web_archive_path`.
"""

from __future__ import annotations

from pathlib import Path

from partytext.archive import open_archive
from partytext.pipeline import extract
from partytext.records import Article, Record
from partytext.sources.text import article_from_text

SCRIPT_TITLE = "Kết nạp 25 đảng viên mới <script>alert(1)</script>"

# (text, site, published, url)
ARTICLES = [
    (SCRIPT_TITLE + "\n\n"
     "Năm 2023, Đảng bộ xã Ia Grai kết nạp 25 đảng viên mới, đạt 125% chỉ tiêu.\n\n"
     "Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022, đảng bộ hiện có hơn 5.000 đảng viên.",
     "baogialai", "2023-05-10", "https://baogialai.com.vn/ket-nap-25-dang-vien.html"),
    ("Gia Lai nâng cao chất lượng tổ chức cơ sở đảng\n\n"
     "Tỉnh Gia Lai có 248 tổ dân phố, trong đó có 165 tổ dân phố có chi bộ riêng.\n\n"
     "Để làm tốt việc này, cần thực hiện các giải pháp sau:\n\n"
     "Một là, tiếp tục chỉ đạo đảng ủy cơ sở rà soát đội ngũ.\n\n"
     "Hai là, tăng cường kiểm tra, giám sát việc thực hiện nghị quyết.",
     "dangcongsan", "2024-02-01", "https://dangcongsan.vn/gia-lai-to-chuc-co-so.html"),
    ("Uỷ ban Kiểm tra Tỉnh uỷ Nghệ An thi hành kỷ luật\n\n"
     "Ngày 20/11/2022, Uỷ ban Kiểm tra đã xem xét và thi hành kỷ luật 3 tổ chức đảng.\n\n"
     "Số tiền thiệt hại được xác định là 2,3 tỷ đồng.",
     "nhandan", "2022-11-20", "javascript:alert(2)"),
    ("Chi bộ thôn \"><img src=x onerror=alert(3)> sinh hoạt chuyên đề\n\n"
     "Chi bộ có 12 đảng viên, trong đó 4 đảng viên là đoàn viên thanh niên.",
     "baogialai", "2024-02-15", None),
]

# Articles that only fill result pages (stored without extraction, to keep the build fast).
FILLER = 25
FILLER_WORD = "sinh hoạt chi bộ định kỳ"


def build(path: Path) -> dict[str, str]:
    """Write the archive at ``path``; returns ids by role."""
    ids: dict[str, str] = {}
    with open_archive(path) as arc:
        for i, (text, site, published, url) in enumerate(ARTICLES):
            record = extract(article_from_text(text, site=site, published=published, url=url), source=url or site)
            ids[("script", "points", "old_tone", "attr")[i]] = arc.add(record)
        for i in range(FILLER):
            title = f"Chi bộ số {i + 1} {FILLER_WORD}"
            text = f"{title}\n\nBuổi {FILLER_WORD} tháng {i % 12 + 1} bàn về công tác cán bộ."
            published = f"{2020 + i // 12}-{i % 12 + 1:02d}-05"
            arc.add(Record(article=Article(text=text, title=title, site="filler", published=published),
                           source=f"filler-{i}"))
    return ids


_BUILT: dict[str, tuple[Path, dict[str, str]]] = {}


def web_archive_path(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The session's web test archive, built on first use."""
    if "db" not in _BUILT:
        path = tmp_path_factory.mktemp("web") / "web.db"
        _BUILT["db"] = (path, build(path))
    return _BUILT["db"]
