"""The ``partytext`` command line: the only part of partytext that prints.

Each command wraps one public library function. Commands live in one module per area
(``extract_cmd``, ``archive_cmd``, ...), each with a ``register(subparsers)`` function;
shared output and progress helpers are in :mod:`partytext.cli.output`.

Exit codes: 0 ok, 1 a :class:`~partytext.errors.PartytextError` (the message says what to
do), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from ..errors import PartytextError, UsageError

# Command modules, in the order their commands appear in --help.
COMMAND_MODULES = (
    "extract_cmd",
    "evaluate_cmd",
    "archive_cmd",
    "facts_cmd",
    "crawl_cmd",
    "web_cmd",
    "analysis_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partytext",
        description="Turn Vietnamese party and political news into data.",
        epilog="Example: partytext extract corpora/seed/pleiku.txt --format table",
    )
    from ..version import __version__

    parser.add_argument("--version", action="version", version=f"partytext {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return int(args.handler(args) or 0)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"partytext: error: {exc}", file=sys.stderr)
        return 2
    except PartytextError as exc:
        print(f"partytext: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("partytext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error.
        sys.stderr.close()
        return 0
