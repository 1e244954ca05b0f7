"""Sinh dữ liệu giả lập (synthetic data) for benchmarks and scale tests.

    python scripts/generate_synthetic.py 10000 /tmp/bench/project

Writes a complete project (mkdocs.yml, hooks, theme, docs and data/) whose data has N
documents with Vietnamese titles, real-looking numbers (per issuer and year, restarting
each January), signers and relations (căn cứ, thực hiện, thay thế...). Deterministic for a
given N and seed.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ISSUERS = [
    ("ubnd-tinh", "Ủy ban nhân dân tỉnh", "UBND tỉnh", "nha-nuoc", "UBND"),
    ("vpub", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", "nha-nuoc", "VPUB"),
    ("so-noi-vu", "Sở Nội vụ", "Sở Nội vụ", "nha-nuoc", "SNV"),
    ("so-tai-chinh", "Sở Tài chính", "Sở Tài chính", "nha-nuoc", "STC"),
    ("so-xay-dung", "Sở Xây dựng", "Sở Xây dựng", "nha-nuoc", "SXD"),
    ("so-giao-duc", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "nha-nuoc", "SGDĐT"),
    ("so-y-te", "Sở Y tế", "Sở Y tế", "nha-nuoc", "SYT"),
    ("so-nong-nghiep", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "nha-nuoc", "SNNMT"),
    ("thanh-tra-tinh", "Thanh tra tỉnh", "Thanh tra tỉnh", "nha-nuoc", "TTr"),
    ("btv-tinh-uy", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "dang", "TU"),
    ("ban-dan-van-tu", "Ban Dân vận Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "dang", "BDVTU"),
    ("dang-uy-vpub", "Đảng ủy Văn phòng UBND tỉnh", "Đảng ủy Văn phòng", "dang", "ĐUVP"),
]
TYPES = [  # slug, state code, party code, weight
    ("ke-hoach", "KH", "KH", 30),
    ("quyet-dinh", "QĐ", "QĐ", 30),
    ("thong-bao", "TB", "TB", 15),
    ("bao-cao", "BC", "BC", 10),
    ("huong-dan", "HD", "HD", 5),
    ("chi-thi", "CT", "CT", 3),
    ("nghi-quyet", "NQ", "NQ", 3),
    ("cong-van", None, "CV", 4),
]
SUBJECTS = [
    "thực hiện dân chủ ở cơ sở",
    "tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân tỉnh",
    "đối thoại trực tiếp giữa người đứng đầu với nhân dân",
    "cải cách hành chính và chuyển đổi số",
    "quản lý, sử dụng đất đai trên địa bàn tỉnh",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "giải quyết khiếu nại, tố cáo của công dân",
    "quy chế chi tiêu nội bộ và quản lý tài sản công",
    "đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "công tác dân vận của chính quyền các cấp",
    "tiếp cận thông tin của công dân",
    "xây dựng nông thôn mới tại các xã vùng cao",
    "bảo vệ và phát triển rừng",
    "an toàn thực phẩm trong các cơ sở giáo dục",
    "thực hiện quy chế dân chủ trong hoạt động của cơ quan",
    "hội nghị đối thoại giữa người đứng đầu với nhân dân",
]
#: Sentences for full texts (toàn văn): the syllables every government text repeats.
SENTENCES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương và các văn bản hướng dẫn thi hành.",
    "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố có trách nhiệm triển khai thực hiện.",
    "Tăng cường công tác tiếp công dân, giải quyết khiếu nại, tố cáo ngay từ cơ sở.",
    "Thực hiện nghiêm quy chế dân chủ ở cơ sở, công khai, minh bạch trong hoạt động công vụ.",
    "Tổ chức hội nghị đối thoại với nhân dân về những vấn đề bức xúc, tồn đọng kéo dài.",
    "Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc, tổng hợp kết quả báo cáo định kỳ.",
    "Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin trong quản lý nhà nước.",
    "Quản lý chặt chẽ việc sử dụng đất đai, tài nguyên và bảo vệ môi trường.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước theo phân cấp hiện hành.",
    "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị phản ánh kịp thời.",
]
VERBS = {
    "ke-hoach": "Kế hoạch triển khai",
    "quyet-dinh": "Ban hành quy chế về",
    "thong-bao": "Thông báo kết luận về",
    "bao-cao": "Kết quả thực hiện",
    "huong-dan": "Hướng dẫn thực hiện",
    "chi-thi": "Tăng cường",
    "nghi-quyet": "Về",
    "cong-van": "Về việc đôn đốc",
}
DOC_HEADER = [
    "id",
    "number",
    "type",
    "issuer",
    "issued",
    "title",
    "signer",
    "signer_title",
    "signing_form",
    "effective",
    "expires",
    "status",
    "topics",
    "access",
    "published",
    "files",
    "body",
]


def copy_skeleton(project: Path) -> None:
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    (project / "data").mkdir()
    shutil.rmtree(project / "docs" / "toan-van", ignore_errors=True)
    (project / "docs" / "toan-van").mkdir()
    shutil.copy(ROOT / "data" / "site.yaml", project / "data" / "site.yaml")


def generate(n: int, project: Path, seed: int = 2021) -> None:
    rng = random.Random(seed)
    copy_skeleton(project)
    data = project / "data"
    with (data / "organizations.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "short_name", "system", "symbol", "parent"])
        w.writerows([*issuer, ""] for issuer in ISSUERS)
    with (data / "people.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "title", "organization"])
        for org in ISSUERS:
            w.writerow([f"lanh-dao-{org[0]}", f"Lãnh đạo {org[2]}", "Phó Trưởng", org[0]])
    counters: dict[tuple[str, int], int] = {}
    ids: list[str] = []
    issued_on: list[tuple[int, int, int]] = []
    years = list(range(2016, 2027))
    type_weights = [t[3] for t in TYPES]
    with (data / "documents.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(DOC_HEADER)
        for i in range(n):
            org = ISSUERS[rng.randrange(len(ISSUERS))]
            slug, state_code, party_code, _ = rng.choices(TYPES, type_weights)[0]
            year = years[min(len(years) - 1, int(i * len(years) / n))]
            counters[(org[0], year)] = serial = counters.get((org[0], year), 0) + 1
            if org[3] == "dang":
                number = f"{serial:02d}-{party_code}/{org[4]}"
            elif state_code is None:
                number = f"{serial}/{org[4]}-VP"
            else:
                number = f"{serial:02d}/{state_code}-{org[4]}"
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            subject = rng.choice(SUBJECTS)
            title = f"{VERBS[slug]} {subject} năm {year}"
            effective = (
                f"{min(28, day + 5):02d}/{month}/{year}"
                if slug in {"quyet-dinh", "chi-thi", "nghi-quyet"}
                else ""
            )
            doc_id = f"{number}-{year}".lower()
            doc_id = doc_id.replace("/", "-").replace("đ", "d").replace("&", "")
            ids.append(doc_id)
            issued_on.append((year, month, day))
            access = "noi-bo" if i % 97 == 0 else "cong-khai"
            body = ""
            if i % 3 == 0:  # a third of the register has its full text
                body = f"toan-van/{doc_id}.md"
                paragraphs = [" ".join(rng.choice(SENTENCES) for _ in range(6)) for _ in range(4)]
                (project / "docs" / body).write_text(
                    f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
                )
            w.writerow(
                [
                    doc_id,
                    number,
                    slug,
                    org[0],
                    f"{day:02d}/{month}/{year}",
                    title,
                    f"lanh-dao-{org[0]}",
                    "Phó Trưởng",
                    "KT. Trưởng" if org[3] == "nha-nuoc" else "",
                    effective,
                    "",
                    "",
                    subject.split(" ")[0].capitalize(),
                    access,
                    "",
                    "",
                    body,
                ]
            )
    with (data / "relations.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "relation", "target", "date", "note"])
        for i in range(1, n, 5):
            target = rng.randrange(0, i)
            kind = rng.choice(["can-cu", "thuc-hien", "thuc-hien", "lien-quan", "thay-the"])
            if kind == "thay-the" and issued_on[i] <= issued_on[target]:
                kind = "lien-quan"  # only a later document can replace an earlier one
            w.writerow([ids[i], kind, ids[target], "", ""])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", type=int)
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    generate(args.count, args.project)
    print(f"{args.count} văn bản -> {args.project}")


if __name__ == "__main__":
    main()
