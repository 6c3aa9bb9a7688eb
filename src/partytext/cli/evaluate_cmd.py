"""``partytext evaluate``: scores against a gold directory, checked against floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import InputError
from ..evaluate import evaluate
from .output import write_rows

COLUMNS = ("measure", "precision", "recall", "f1", "accuracy", "counts")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate",
        help="score extraction against gold files",
        description="Run extraction on every gold file of GOLD_DIR (NAME.json beside NAME.txt/NAME.html, or "
                    "naming its text by \"source\", as corpora/gold-real does for ../shared/corpora-raw) and "
                    "print every row: precision, recall and F1 per field (figures, points, references, dates, "
                    "periods, events, entities and entities per type) and the accuracy rows (unit, unit_exact, "
                    "qualifier, change, part_of, subject, facts, heading, point_end, reference_date). "
                    "With floors (GOLD_DIR/floors.json by default), exit 1 when a score is below its floor.",
        epilog="Example: partytext evaluate corpora/gold --details; "
               "partytext evaluate corpora/gold-real --format json",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold files (NAME.json with NAME.txt beside it "
                                                           "or a \"source\" path)")
    p.add_argument("--format", choices=["table", "json", "jsonl", "csv"], default="table",
                   help="output format (default: table)")
    p.add_argument("--details", action="store_true",
                   help="also list, per file, missed gold items, false positives and wrong attributes")
    p.add_argument("--floors", metavar="FILE", default=None,
                   help="JSON {score name: floor}; default GOLD_DIR/floors.json when it exists")
    p.add_argument("--no-floors", action="store_true", help="do not check any floors")
    p.set_defaults(handler=run)


def _load_floors(args) -> tuple[dict[str, float], str | None]:
    if args.no_floors:
        return {}, None
    path = Path(args.floors) if args.floors else Path(args.gold_dir) / "floors.json"
    if not path.is_file():
        if args.floors:
            raise InputError(f"Floors file {path} does not exist; pass an existing JSON file or --no-floors",
                             path=str(path))
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"Floors file {path} is not valid JSON ({exc}); fix it", path=str(path)) from exc
    floors = {k: v for k, v in data.items() if not k.startswith("_")} if isinstance(data, dict) else None
    if floors is None or not all(isinstance(v, (int, float)) for v in floors.values()):
        raise InputError(f"Floors file {path} must map score names to numbers, e.g. {{\"figures.f1\": 0.9}}",
                         path=str(path))
    return floors, str(path)


def _print_details(report, out) -> None:
    for f in report.files:
        if not (f.missed or f.spurious or f.wrong):
            continue
        out.write(f"\n== {f.path}\n")
        for name, items in f.missed.items():
            for item in items:
                out.write(f"  missed   {name}: {json.dumps(item, ensure_ascii=False)}\n")
        for name, items in f.spurious.items():
            for item in items:
                out.write(f"  spurious {name}: {json.dumps(item, ensure_ascii=False)}\n")
        for w in f.wrong:
            out.write(f"  wrong    {w['attribute']}: gold {w['gold']!r}, got {w['predicted']!r} in {w['text']!r}\n")


def run(args) -> int:
    floors, floors_path = _load_floors(args)
    report = evaluate(args.gold_dir)
    out = sys.stdout
    if args.format == "json":
        json.dump(report.to_dict(details=args.details), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        write_rows(report.rows(), args.format, out, columns=COLUMNS)
        if args.details and args.format == "table":
            _print_details(report, out)
    failures = report.below(floors) if floors else []
    for failure in failures:
        print(f"partytext: below floor ({floors_path}): {failure}", file=sys.stderr)
    return 1 if failures else 0
