"""``partytext facts``: party figures as a province (or owner) × year × metric table.

Wraps :func:`partytext.facts`.
"""

from __future__ import annotations

import sys

from ..records import METRICS
from .output import add_format_option, write_rows

DB_HELP = "archive: a SQLite file or a postgresql:// URL"


def register(sub) -> None:
    p = sub.add_parser(
        "facts", help="party statistics by province or owner and year, across the 2025 merger",
        description="A table of the archive's party figures (members, new members, cells, grassroots "
        "organisations, discipline, badges...). By province: the figures whose owner is the province "
        "itself, one value per province, period and metric (an article repeated by several outlets counts "
        "once); on the 2025 map the legacy provinces of each new province are summed, --admin legacy keeps "
        "the 63 old units apart. Rows carry the article ids they come from (sources).",
        epilog="Example: partytext facts party.db --metric party_members --by province --per year "
        "--admin 2025 --format jsonl")
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("--metric", choices=list(METRICS), help="only this metric (default: all)")
    p.add_argument("--province", help="only this province: a 2025 name with --admin 2025 (its legacy provinces "
                   "included), a legacy name with --admin legacy; e.g. 'Lào Cai', 'Yên Bái'")
    p.add_argument("--by", choices=["province", "owner"], default="province", help="rows per province (default) "
                   "or per owner")
    p.add_argument("--per", choices=["year", "month"], default="year", help="period of a row (default year)")
    p.add_argument("--admin", choices=["2025", "legacy"], default="2025",
                   help="provinces on the map since 1 July 2025 (34, default) or before it (63)")
    add_format_option(p, default="table")
    p.set_defaults(handler=run_facts)


def run_facts(args) -> int:
    from .. import facts

    result = facts(args.db, metric=args.metric, province=args.province, by=args.by, per=args.per, admin=args.admin)
    rows = result.rows
    if args.format == "table":
        rows = [{**r, "sources": len(r["sources"]),
                 **({"parts": ", ".join(f"{p['province_legacy']} {p['value']:g}" for p in r["parts"])}
                    if "parts" in r else {})} for r in rows]
    n = write_rows(rows, args.format, columns=[c for c in result.columns if c != "other_values" or args.format != "table"])
    print(f"partytext: {n} row(s)" + ("" if n else "; no party figure with a place and a time matches (articles "
                                        "indexed before record version 2 have no facts: index them again)"),
          file=sys.stderr)
    return 0
