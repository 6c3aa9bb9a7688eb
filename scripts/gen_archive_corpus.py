"""A realistic synthetic corpus of party news records, for the archive benchmark.

Sentences are recombined from templates on party work (discipline, membership, basic
party organisations, anti-corruption, congresses) with slots for provinces, people,
units, numbers and dates; both tone placements occur ("Uỷ ban"/"Ủy ban"), and about one
article in six carries a rare topic, so queries range from very common to rare. Each
record carries real figures (offsets into its text) and dates, as the extractors would
produce. Deterministic for a given seed.

    python scripts/gen_archive_corpus.py 1000 > corpus.jsonl
    python scripts/gen_archive_corpus.py 1000 --real > corpus.jsonl   # from real sentences

``generate_real`` builds articles from the real sentences of ../shared/corpora-raw
(baomoi-news-magizbox, baomoi-2025-xahoi, binhvq-news-corpus-sample; never unseen-2025):
each article is a title and 5-15 sentences drawn at random, published at a random minute
between 2010 and 2026, without extracted items (the archive's indexing rate is measured on
"records without extraction"). The texts stay in memory and in the benchmark's temp
folder, never in the repository.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
import unicodedata
from pathlib import Path
from collections.abc import Iterator

from partytext.archive.provinces import PROVINCES_2024
from partytext.records import Article, DateMention, Figure, Record

SITES = ["nhandan.vn", "dangcongsan.vn", "baogialai.com.vn", "baokontum.com.vn", "tuoitre.vn", "thanhnien.vn",
         "vnexpress.net", "baoquangbinh.vn", "xaydungdang.org.vn", "tapchicongsan.org.vn", "baonghean.vn", "hanoimoi.com.vn"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Hữu", "Quốc", "Ngọc", "Xuân", "Thu", "Hồng", "Công"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phong", "Quang",
         "Sơn", "Tâm", "Thắng", "Thủy", "Tuấn", "Việt", "Yến", "Khoa", "Lộc", "Nhung", "Oanh", "Trí"]
POSITIONS = ["Bí thư Tỉnh ủy", "Phó Bí thư Thường trực", "Chủ tịch UBND tỉnh", "Trưởng Ban Tổ chức",
             "Chủ nhiệm Uỷ ban Kiểm tra", "Chủ nhiệm Ủy ban Kiểm tra", "Bí thư Huyện ủy", "Trưởng Ban Tuyên giáo"]
UNITS = [("đảng viên", 40, 9000), ("tổ chức cơ sở đảng", 5, 400), ("chi bộ", 5, 900), ("tổ dân phố", 3, 300),
         ("hộ", 10, 5000), ("cán bộ", 5, 800), ("đảng bộ cơ sở", 3, 120)]
TOPICS = ["kỷ luật đảng viên", "phòng chống tham nhũng", "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
          "kết nạp đảng viên mới", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
          "đấu tranh chống suy thoái tư tưởng chính trị", "tự diễn biến, tự chuyển hoá", "chuyển đổi số",
          "cải cách hành chính", "xây dựng nông thôn mới", "bảo vệ nền tảng tư tưởng của Đảng", "hòa bình, hợp tác"]
RARE = ["khai thác cát trái phép", "đường dây nóng", "quỹ vắc xin", "sạt lở bờ sông", "thủy điện nhỏ",
        "chợ đầu mối", "giải phóng mặt bằng", "đất rừng phòng hộ", "chăn nuôi bò sữa", "cầu treo dân sinh"]
OPENERS = [
    "Sáng {day}/{month}, {org} tỉnh {prov} tổ chức hội nghị sơ kết công tác {topic}.",
    "Chiều {day}/{month}, {person}, {pos}, chủ trì buổi làm việc về {topic}.",
    "Theo báo cáo, năm {year}, toàn Đảng bộ tỉnh {prov} đã tập trung lãnh đạo {topic}.",
]
BODY = [
    "Toàn tỉnh hiện có {fig} thuộc {n2} đảng bộ trực thuộc.",
    "Trong nhiệm kỳ, các cấp ủy đã kết nạp {fig}, vượt chỉ tiêu đề ra.",
    "Uỷ ban Kiểm tra các cấp đã kiểm tra {fig} khi có dấu hiệu vi phạm.",
    "Ủy ban Kiểm tra Tỉnh ủy đề nghị thi hành kỷ luật {fig} bằng các hình thức khiển trách, cảnh cáo.",
    "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ đạt {pct}%, tăng {pct2}% so với năm trước.",
    "{person}, {pos}, nhấn mạnh cần tiếp tục đẩy mạnh {topic} trong thời gian tới.",
    "Hội nghị đã quán triệt Nghị quyết số {nq}-NQ/TW ngày {day}/{month}/{year} của Bộ Chính trị.",
    "Kinh phí thực hiện là {money} tỷ đồng, chủ yếu từ ngân sách địa phương.",
    "Tại {prov2}, mô hình dân vận khéo đã giúp {fig} thoát nghèo bền vững.",
    "Các đại biểu thảo luận sôi nổi về {topic} và những hạn chế còn tồn tại.",
    "Công tác hoà giải ở cơ sở được quan tâm, góp phần giữ vững an ninh chính trị.",
    "Đến nay, {fig} đã được kiện toàn, sắp xếp lại theo hướng tinh gọn.",
    "Qua giám sát, phát hiện {fig} có thiếu sót, khuyết điểm, yêu cầu kiểm điểm rút kinh nghiệm.",
    "Dịp này, {fig} được tặng Huy hiệu 30, 40, 50 năm tuổi Đảng.",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def make_record(i: int, rng: random.Random) -> Record:
    prov, prov2 = rng.choice(PROVINCES_2024), rng.choice(PROVINCES_2024)
    year = rng.randint(2015, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    topic = rng.choice(RARE) if rng.random() < 0.17 else rng.choice(TOPICS)
    pieces: list[tuple[str, tuple[float, str, str] | None]] = []  # (sentence, figure spec)

    def fill(template: str) -> None:
        fig = None
        values = {"day": day, "month": month, "year": year, "prov": prov, "prov2": prov2, "topic": topic,
                  "person": person(rng), "pos": rng.choice(POSITIONS), "org": rng.choice(["Ban Thường vụ", "Tỉnh ủy"]),
                  "n2": rng.randint(10, 60), "pct": rng.randint(70, 99), "pct2": rng.randint(1, 9),
                  "nq": rng.randint(1, 60), "money": rng.randint(2, 900)}
        if "{fig}" in template:
            unit, lo, hi = rng.choice(UNITS)
            value = rng.randint(lo, hi)
            shown = f"{value:,}".replace(",", ".")
            values["fig"] = f"{shown} {unit}"
            fig = (value, "count", unit)
        pieces.append((template.format(**values), fig))

    title = f"{rng.choice(['Đảng bộ tỉnh', 'Tỉnh ủy', 'Huyện ủy'])} {prov}: đẩy mạnh {topic}"
    fill(rng.choice(OPENERS))
    lead = pieces[0][0]
    for _ in range(rng.randint(8, 22)):
        fill(rng.choice(BODY))
    paragraphs, para = [], []
    for sentence, fig in pieces[1:]:
        para.append((sentence, fig))
        if len(para) >= rng.randint(2, 4):
            paragraphs.append(para)
            para = []
    if para:
        paragraphs.append(para)
    text_parts = [title, lead]
    figures, dates = [], []
    offset = len(title) + 2 + len(lead) + 2
    for para in paragraphs:
        chunk = ""
        for sentence, fig in para:
            if chunk:
                chunk += " "
            if fig:
                value, kind, unit = fig
                mention = f"{value:,}".replace(",", ".") + f" {unit}"
                s = offset + len(chunk) + sentence.index(mention)
                figures.append(Figure(value=value, kind=kind, unit=unit, text=mention, start=s, end=s + len(mention)))
            chunk += sentence
        text_parts.append(chunk)
        offset += len(chunk) + 2
    text = "\n\n".join(text_parts)
    m = f"{day}/{month}"
    if m in lead:
        s = len(title) + 2 + lead.index(m)
        dates.append(DateMention(value=f"{year}-{month:02d}-{day:02d}", text=m, start=s, end=s + len(m)))
    published = f"{year}-{month:02d}-{day:02d}T{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d}:00+07:00"
    site = rng.choice(SITES)
    article = Article(text=text, title=title, lead=lead, published=published, site=site,
                      url=f"https://{site}/bai-{i}.html")
    return Record(article=article, source=article.url, figures=tuple(figures), dates=tuple(dates))


#: Folders of ../shared/corpora-raw whose article texts feed generate_real.
REAL_FOLDERS = ("baomoi-news-magizbox", "baomoi-2025-xahoi", "binhvq-news-corpus-sample")
RAW = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora-raw"

# A sentence end: ., ! or ? followed by spaces and an upper-case letter or a digit.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ0-9\"“])")


def real_sentences(root: Path = RAW) -> list[str]:
    """The distinct sentences (6-80 words) of the real article texts under ``root``."""
    seen: dict[str, None] = {}
    for folder in REAL_FOLDERS:
        for path in sorted((root / folder).rglob("*.txt")):
            text = unicodedata.normalize("NFC", path.read_text("utf-8", errors="replace"))
            for line in text.splitlines()[1:]:  # line 1 is the title
                for sentence in SENTENCE_END.split(line.strip()):
                    if 6 <= len(sentence.split()) <= 80:
                        seen.setdefault(sentence, None)
    if not seen:
        raise SystemExit(f"no sentences under {root}: generate_real needs ../shared/corpora-raw")
    return list(seen)


def generate_real(n: int, seed: int = 20261206, sentences: list[str] | None = None) -> Iterator[Record]:
    """``n`` articles of real sentences recombined, dated 2010-2026 (see the module doc)."""
    rng = random.Random(seed)
    pool = sentences or real_sentences()
    start = dt.datetime(2010, 1, 1)
    minutes = int((dt.datetime(2027, 1, 1) - start).total_seconds() // 60)
    for i in range(n):
        title = rng.choice(pool).rstrip(".")
        body = [rng.choice(pool) for _ in range(rng.randint(5, 15))]
        paragraphs = [" ".join(body[j:j + 3]) for j in range(0, len(body), 3)]
        when = start + dt.timedelta(minutes=rng.randrange(minutes))
        site = rng.choice(SITES)
        article = Article(text="\n\n".join([title, *paragraphs]), title=title, published=when.isoformat() + "+07:00",
                          site=site, url=f"https://{site}/r-{seed}-{i}.html")
        yield Record(article=article, source=article.url)


def generate(n: int, seed: int = 20261128) -> Iterator[Record]:
    rng = random.Random(seed)
    for i in range(n):
        yield make_record(i, rng)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1000
    for rec in (generate_real if "--real" in sys.argv else generate)(count):
        rec.check_offsets()
        sys.stdout.write(rec.to_json() + "\n")
