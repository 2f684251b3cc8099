"""The ``infoview`` command line.

Each module in :data:`COMMANDS` adds its subcommands through ``register(subparsers)``
and sets a ``run(args)`` function as the parser's default; heavy libraries are imported
inside ``run`` so that every command starts fast.
"""

import argparse
import sys
from importlib import import_module

from .. import __version__
from ..errors import InfoviewError
from ..problems import in_language

__all__ = ["main", "build_parser", "run_console"]

COMMANDS = ("questions", "plan", "steps", "course", "draft", "lint", "app", "log", "people", "due", "calendar", "hand_in", "report",
            "class_report")


def build_parser():
    parser = argparse.ArgumentParser(
        prog="infoview",
        description="Prepare, write, track and analyse informational interviews.",
    )
    parser.add_argument("--version", action="version", version=f"infoview {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv=None):
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args) or 0
    except InfoviewError as exc:
        print(f"infoview: {in_language(exc, getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def run_console():
    """Entry point of the ``infoview`` script."""
    sys.exit(main())
