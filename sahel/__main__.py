"""Command line: `python -m sahel validate [DIR]`."""

from __future__ import annotations

import argparse
import sys

from .checks import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sahel")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser(
        "validate", help="check a data folder: schema, grading, and key events on two origins"
    )
    command.add_argument(
        "data_dir", nargs="?", default="data", help="the data folder (default: data)"
    )
    args = parser.parse_args(argv)

    data_dir = args.data_dir
    problems = run(data_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{data_dir}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{data_dir}: valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
