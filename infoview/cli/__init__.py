"""The ``infoview`` command line.

Each module in :data:`COMMANDS` adds its subcommands through ``register(subparsers, language)``
and sets a ``run(args)`` function as the parser's default; heavy libraries are imported
inside ``run`` so that every command starts fast. The help is in the language that
:func:`help_language` chooses before the parsers are built: every help text comes from
``infoview/content/texts/cli.yaml``, and argparse's own words ("usage:", its errors) are
translated by :class:`Parser`.
"""

import argparse
import os
import sys
from contextlib import contextmanager
from functools import partial, wraps
from importlib import import_module

from .. import __version__
from ..errors import InfoviewError
from ..problems import in_language
from ..resources import LANGUAGES
from ..texts import texts

__all__ = ["main", "build_parser", "help_language", "run_console", "Parser"]

COMMANDS = ("questions", "plan", "steps", "course", "draft", "lint", "app", "log", "people", "due", "calendar", "hand_in", "report",
            "class_report")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The environment variables that name the user's language, in the order POSIX consults them."""


def help_language(argv, environ=os.environ):
    """The language of the help: ``--lang de`` (or ``--lang=de``) anywhere in ``argv`` (the last one
    counts, as for argparse), else the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set
    (German when it starts with ``de``), else English.

    >>> help_language(["plan", "--lang=de"], {}), help_language(["due"], {"LANG": "de_AT.UTF-8"})
    ('de', 'de')
    >>> help_language(["due"], {"LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"})
    'en'
    """
    chosen = None
    for before, arg in zip([None, *argv], argv):
        if arg == "--":
            break
        value = arg if before == "--lang" else arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        chosen = value if value in LANGUAGES else chosen
    if chosen:
        return chosen
    setting = next((environ[name] for name in LOCALE_VARIABLES if environ.get(name)), "")
    return "de" if setting.startswith("de") else "en"


@contextmanager
def _argparse_words(language):
    """Within the block, argparse says its own words (usage, option titles, errors) in ``language``.

    argparse looks its words up through the gettext functions in its module, so they are swapped
    for the block (and put back after it); the command line runs in one thread."""
    if language == "en":
        yield
        return
    english, own = texts("cli.argparse", "en"), texts("cli.argparse", language)
    words = {english[key]: own[key] for key in english if isinstance(english[key], str)}
    plurals = {(english[key]["one"], english[key]["other"]): own[key] for key in english
               if isinstance(english[key], dict)}
    saved = argparse._, argparse.ngettext

    def ngettext(one, other, count):
        forms = plurals.get((one, other), {"one": one, "other": other})
        return forms["one" if count == 1 else "other"]

    argparse._, argparse.ngettext = (lambda message: words.get(message, message)), ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _in_own_words(method):
    @wraps(method)
    def wrapper(self, *args, **kwargs):
        with _argparse_words(self.language):
            return method(self, *args, **kwargs)
    return wrapper


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that says argparse's own words in ``language``, as do its subparsers.

    >>> print(Parser(prog="infoview", language="de").format_usage(), end="")
    Aufruf: infoview [-h]
    """

    def __init__(self, *args, language="en", **kwargs):
        self.language = language
        with _argparse_words(language):
            super().__init__(*args, **kwargs)

    @_in_own_words
    def add_subparsers(self, **kwargs):
        return super().add_subparsers(**{"parser_class": partial(Parser, language=self.language), **kwargs})

    parse_args = _in_own_words(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_own_words(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_own_words(argparse.ArgumentParser.format_usage)
    format_help = _in_own_words(argparse.ArgumentParser.format_help)
    error = _in_own_words(argparse.ArgumentParser.error)


def build_parser(language="en"):
    """The ``infoview`` parser with its help in ``language``."""
    t, metavars = texts("cli.main", language), texts("cli.metavars", language)
    parser = Parser(prog="infoview", description=t["description"], language=language)
    parser.add_argument("--version", action="version", version=f"infoview {__version__}", help=t["version"])
    subparsers = parser.add_subparsers(title=t["commands"], metavar=metavars["command"])
    for name in COMMANDS:
        import_module(f"{__name__}.{name}").register(subparsers, language)
    return parser


def main(argv=None):
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(help_language(argv))
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
