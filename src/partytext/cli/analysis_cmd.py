"""``partytext related | duplicates | topics | trend``: analysis over an archive.

Each wraps one library function: :func:`partytext.related`, :func:`partytext.duplicates`,
:func:`partytext.topics`, :func:`partytext.trend`. The first call on an archive fits the
model (tokenizing every article, about 85 ms each on one core) and saves it beside the
archive; later calls reuse it until the archive changes.
"""

from __future__ import annotations

import sys

from .output import add_format_option, progress, write_rows

DB_HELP = "archive: a SQLite file or a postgresql:// URL"

RELATED_COLUMNS = ("id", "score", "published", "site", "title", "source", "url")
RELATED_TABLE = ("score", "id", "published", "site", "title", "source")
GROUP_COLUMNS = ("group", "size", "similarity", "highest", "ids", "titles", "sources", "sites")
GROUP_TABLE = ("group", "size", "similarity", "ids", "titles")
TOPIC_COLUMNS = ("topic", "weight", "articles", "words", "months")
TREND_COLUMNS = ("period", "count")


def _workers(p) -> None:
    p.add_argument("--workers", type=int, default=1,
                   help="tokenize in N processes when the model is (re)fitted (default 1)")


def register(sub) -> None:
    p = sub.add_parser(
        "related", help="the articles most similar to one article",
        description="Articles ranked by TF-IDF cosine similarity (underthesea words, Vietnamese news stop "
        "list) to the article ARTICLE_ID (an id or a unique prefix of 6+ characters).",
        epilog="Example: partytext related party.db 5aac934910957be0 --limit 5")
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("id", metavar="ARTICLE_ID")
    p.add_argument("--limit", type=int, default=10, help="articles to show (default 10)")
    _workers(p)
    add_format_option(p, default="table")
    p.set_defaults(handler=run_related)

    p = sub.add_parser(
        "duplicates", help="groups of near-duplicate articles (syndicated copies)",
        description="Groups of articles that are copies of one another with small edits (a reworded title, "
        "another byline, caption or sentence): Jaccard index of 4-syllable shingles at least --threshold, "
        "found with MinHash/LSH. One group per line, oldest article first.",
        epilog="Example: partytext duplicates party.db --threshold 0.6 --format jsonl")
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("--threshold", type=float, default=None,
                   help="lowest Jaccard similarity, 0-1 (default 0.5)")
    add_format_option(p, default="table")
    p.set_defaults(handler=run_duplicates)

    p = sub.add_parser(
        "topics", help="topics of an archive, with their top words and weight per month",
        description="Topics from NMF over TF-IDF (or LDA over word counts), largest first: top words, share "
        "of the archive, number of articles where the topic leads, and share per month of publication.",
        epilog="Example: partytext topics party.db --k 8 --format jsonl")
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("--k", type=int, default=10, help="number of topics (default 10)")
    p.add_argument("--method", choices=["nmf", "lda"], default="nmf", help="topic model (default nmf)")
    p.add_argument("--words", type=int, default=10, help="top words per topic (default 10)")
    _workers(p)
    add_format_option(p, default="table")
    p.set_defaults(handler=run_topics)

    p = sub.add_parser(
        "trend", help="matching articles per month or year, as a table and a PNG chart",
        description="Count the articles matching QUERY (the search syntax) per month or year of publication; "
        "periods without matches show 0; undated articles are not counted. --plot writes a bar chart.",
        epilog='Example: partytext trend party.db \'"đảng viên"\' --by year --plot trend.png')
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--by", choices=["month", "year"], default="month", help="period (default month)")
    p.add_argument("--plot", metavar="FILE", help="also write a PNG bar chart to FILE")
    p.add_argument("--site", help="only articles from this site")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before")
    add_format_option(p, default="table")
    p.set_defaults(handler=run_trend)


def _bar(items):
    return progress(items, desc="tokenize")


def run_related(args) -> int:
    from ..analysis import related

    rows = [r.to_dict() for r in related(args.db, args.id, limit=args.limit, workers=args.workers, progress=_bar)]
    write_rows(rows, args.format, columns=RELATED_TABLE if args.format == "table" else RELATED_COLUMNS)
    return 0


def run_duplicates(args) -> int:
    from ..analysis import DEFAULT_THRESHOLD, duplicates

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    groups = duplicates(args.db, threshold=threshold)
    rows = [g.to_dict() for g in groups]
    if args.format == "table":
        for row in rows:
            row["ids"] = " ".join(row["ids"])
            row["titles"] = " | ".join(t or "" for t in row["titles"])
        write_rows(rows, "table", columns=GROUP_TABLE, max_width=90)
    else:
        write_rows(rows, args.format, columns=GROUP_COLUMNS)
    print(f"partytext: {len(rows)} group(s) of near-duplicates at similarity ≥ {threshold}", file=sys.stderr)
    return 0


def run_topics(args) -> int:
    from ..analysis import topics

    found = topics(args.db, k=args.k, method=args.method, words=args.words, workers=args.workers, progress=_bar)
    rows = [t.to_dict() for t in found]
    if args.format == "table":
        for row in rows:
            row["words"] = ", ".join(row["words"])
            row["months"] = " ".join(f"{m}:{w:.2f}" for m, w in row["months"].items()) or "(undated)"
        write_rows(rows, "table", columns=TOPIC_COLUMNS, max_width=100)
    else:
        write_rows(rows, args.format, columns=TOPIC_COLUMNS)
    return 0


def run_trend(args) -> int:
    from ..analysis import trend

    points = trend(args.db, args.query, by=args.by, plot=args.plot, site=args.site, date_from=args.date_from,
                   date_to=args.date_to)
    write_rows([p.to_dict() for p in points], args.format, columns=TREND_COLUMNS)
    if args.plot:
        print(f"partytext: chart written to {args.plot}", file=sys.stderr)
    return 0
