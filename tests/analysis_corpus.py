"""A small synthetic archive for the analysis tests: hand-written articles on four subjects
(party discipline, rice harvest, flood relief, party membership), dated across 2023-2024,
and one re-post of the first article on another site with small edits."""

from __future__ import annotations

from partytext.records import Article, Record
from partytext.sources.text import article_from_text

ARTICLES = [
    ("kyluat-1", "dangcongsan.vn", "2023-01-12",
     "Ủy ban Kiểm tra Tỉnh ủy thi hành kỷ luật nhiều đảng viên vi phạm\n"
     "Ủy ban Kiểm tra Tỉnh ủy Gia Lai vừa tổ chức kỳ họp thứ 15 để xem xét kết quả kiểm tra dấu hiệu vi phạm.\n"
     "Qua kiểm tra, Ủy ban Kiểm tra kết luận các đảng viên đã vi phạm quy định về quản lý đất đai và tài chính "
     "ngân sách, gây thất thoát tài sản nhà nước. Kỳ họp quyết định thi hành kỷ luật khiển trách ba đảng viên và "
     "cảnh cáo một đảng viên giữ chức vụ phó giám đốc sở. Ủy ban Kiểm tra yêu cầu các tổ chức đảng khắc phục hậu "
     "quả, thu hồi tài sản thất thoát và báo cáo kết quả trước ngày 30/3. Việc thi hành kỷ luật đảng viên vi phạm "
     "được thực hiện nghiêm minh, kịp thời, đúng quy trình.\n"
     "Hồng Phúc"),
    ("kyluat-2", "baogialai.com.vn", "2023-06-20",
     "Cảnh cáo nguyên bí thư huyện ủy vì sai phạm trong quản lý đất đai\n"
     "Ban Thường vụ Tỉnh ủy quyết định thi hành kỷ luật cảnh cáo nguyên bí thư huyện ủy.\n"
     "Theo kết luận của Ủy ban Kiểm tra, nguyên bí thư huyện ủy đã thiếu trách nhiệm trong lãnh đạo, chỉ đạo "
     "công tác quản lý đất đai, để xảy ra nhiều sai phạm trong cấp giấy chứng nhận quyền sử dụng đất. Những vi "
     "phạm đó gây hậu quả nghiêm trọng, ảnh hưởng xấu đến uy tín của tổ chức đảng. Ủy ban Kiểm tra đề nghị xem "
     "xét kỷ luật thêm các đảng viên có liên quan."),
    ("lua-1", "nongnghiep.vn", "2023-03-05",
     "Nông dân đồng bằng sông Cửu Long trúng mùa lúa đông xuân\n"
     "Vụ lúa đông xuân năm nay đạt năng suất cao, giá lúa tăng khiến nông dân phấn khởi.\n"
     "Tại các cánh đồng lớn ở An Giang và Đồng Tháp, năng suất lúa bình quân đạt hơn bảy tấn mỗi héc ta. Thương "
     "lái thu mua lúa tươi tại ruộng với giá cao hơn vụ trước. Nông dân cho biết nhờ áp dụng cơ giới hóa, giống "
     "lúa chất lượng cao và giảm lượng phân bón nên chi phí sản xuất giảm, lợi nhuận tăng. Ngành nông nghiệp "
     "khuyến cáo nông dân chuẩn bị xuống giống vụ hè thu đúng lịch thời vụ."),
    ("lua-2", "nongnghiep.vn", "2024-03-18",
     "Giá lúa gạo xuất khẩu tăng, nông dân miền Tây lãi lớn\n"
     "Gạo xuất khẩu được giá giúp nông dân trồng lúa ở miền Tây có lãi cao.\n"
     "Các doanh nghiệp xuất khẩu gạo đẩy mạnh thu mua lúa hàng hóa để thực hiện hợp đồng với thị trường "
     "Philippines và Indonesia. Nông dân thu hoạch lúa đông xuân bán ngay tại ruộng, năng suất ổn định. Ngành "
     "nông nghiệp đề nghị liên kết sản xuất lúa theo chuỗi giá trị, xây dựng vùng nguyên liệu lúa chất lượng cao."),
    ("lu-1", "baoquangbinh.vn", "2023-10-08",
     "Quảng Bình khẩn trương cứu trợ người dân vùng lũ\n"
     "Mưa lớn kéo dài khiến nước lũ dâng cao, hàng nghìn ngôi nhà bị ngập sâu.\n"
     "Lực lượng cứu hộ dùng thuyền đưa người dân vùng lũ đến nơi an toàn, cấp phát mì tôm, nước uống và áo phao. "
     "Chính quyền các huyện Lệ Thủy, Quảng Ninh huy động bộ đội, dân quân hỗ trợ di dời tài sản. Nhiều tuyến "
     "đường bị sạt lở, giao thông chia cắt. Tỉnh đề nghị Trung ương hỗ trợ gạo cứu đói cho các hộ bị thiệt hại "
     "nặng sau lũ."),
    ("lu-2", "baoquangbinh.vn", "2024-10-02",
     "Nước lũ rút chậm, người dân vùng rốn lũ cần hỗ trợ\n"
     "Sau trận lũ lịch sử, nhiều xã vẫn bị cô lập, người dân thiếu lương thực và nước sạch.\n"
     "Đoàn cứu trợ đã mang thuyền, lương thực và thuốc men đến các xã vùng rốn lũ. Người dân dọn dẹp bùn đất, "
     "vệ sinh nhà cửa sau khi nước lũ rút. Ngành y tế phun thuốc khử trùng phòng dịch bệnh sau lũ. Lực lượng bộ "
     "đội giúp sửa chữa đường giao thông bị sạt lở để đưa hàng cứu trợ vào vùng bị cô lập."),
    ("dangvien-1", "xaydungdang.org.vn", "2024-01-15",
     "Kết nạp đảng viên mới là đoàn viên thanh niên ưu tú\n"
     "Đảng bộ phường chú trọng phát triển đảng viên trong đoàn viên thanh niên.\n"
     "Năm qua, các chi bộ đã kết nạp nhiều đảng viên mới là đoàn viên ưu tú, nâng tỉ lệ đảng viên trẻ trong đảng "
     "bộ. Cấp ủy phân công đảng viên giúp đỡ quần chúng ưu tú, bồi dưỡng nhận thức về Đảng trước khi xét kết nạp. "
     "Chi bộ tổ dân phố tổ chức sinh hoạt chuyên đề, nâng cao chất lượng sinh hoạt chi bộ và công tác phát "
     "triển đảng viên."),
    ("dangvien-2", "xaydungdang.org.vn", "2024-07-22",
     "Nâng cao chất lượng sinh hoạt chi bộ ở cơ sở\n"
     "Sinh hoạt chi bộ định kỳ là dịp để đảng viên thảo luận, quyết định nhiệm vụ của chi bộ.\n"
     "Nhiều chi bộ đã đổi mới nội dung sinh hoạt, gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách "
     "Hồ Chí Minh. Bí thư chi bộ chuẩn bị kỹ nội dung, khuyến khích đảng viên phát biểu ý kiến, tự phê bình và "
     "phê bình. Cấp ủy cơ sở thường xuyên kiểm tra, đánh giá chất lượng sinh hoạt chi bộ và công tác đảng viên."),
]

#: A re-post of "kyluat-1" on another site: new title wording, byline, caption, one sentence changed.
REPOST = ("kyluat-1-repost", "baomoi.com", "2023-01-13",
          "Gia Lai: Kỷ luật nhiều đảng viên vi phạm quản lý đất đai\n"
          "Ủy ban Kiểm tra Tỉnh ủy Gia Lai vừa tổ chức kỳ họp thứ 15 để xem xét kết quả kiểm tra dấu hiệu vi phạm.\n"
          "Quang cảnh kỳ họp. Ảnh: Minh Anh\n"
          "Qua kiểm tra, Ủy ban Kiểm tra kết luận các đảng viên đã vi phạm quy định về quản lý đất đai và tài chính "
          "ngân sách, gây thất thoát tài sản nhà nước. Kỳ họp quyết định thi hành kỷ luật khiển trách ba đảng viên và "
          "cảnh cáo một đảng viên giữ chức vụ phó giám đốc sở. Các tổ chức đảng liên quan phải khắc phục ngay những "
          "hạn chế đã được chỉ ra. Việc thi hành kỷ luật đảng viên vi phạm "
          "được thực hiện nghiêm minh, kịp thời, đúng quy trình.\n"
          "Minh Anh (TTXVN)")


def record(entry) -> Record:
    key, site, published, text = entry
    art: Article = article_from_text(text, site=site, published=published, url=f"https://{site}/{key}")
    return Record(article=art, source=f"{key}.txt")


def records(with_repost: bool = True) -> list[Record]:
    entries = ARTICLES + ([REPOST] if with_repost else [])
    return [record(e) for e in entries]
