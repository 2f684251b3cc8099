"""``infoview questions``: browse the question bank on the terminal."""

import sys
import textwrap

from ..resources import LANGUAGES
from ..texts import text, texts

__all__ = ["register", "add_bank_options", "bank"]


def register(subparsers, language):
    t, metavars = texts("cli.questions", language), texts("cli.metavars", language)
    parser = subparsers.add_parser("questions", help=t["help"])
    add_bank_options(parser, language)
    parser.add_argument("--category", action="append", metavar=metavars["category"], help=t["category"])
    parser.add_argument("--stage", choices=("opening", "core", "closing"), help=t["stage"])
    parser.add_argument("--tag", action="append", metavar=metavars["tag"], help=t["tag"])
    parser.add_argument("-n", type=int, metavar=metavars["number"], help=t["n"])
    parser.set_defaults(run=run)


def add_bank_options(parser, language):
    """The options shared by the commands that read the question bank, with their help in ``language``."""
    t = texts("cli.options", language)
    parser.add_argument("--lang", choices=LANGUAGES, default=language, help=t["lang"])
    parser.add_argument("--bank", metavar=texts("cli.metavars", language)["file"], help=t["bank"])
    parser.add_argument("--replace", action="store_true", help=t["replace"])


def bank(args):
    """The built-in bank, extended or replaced by ``--bank``."""
    from ..prepare.questions import QuestionBank

    if not args.bank:
        return QuestionBank.builtin(args.lang)
    own = QuestionBank.from_file(args.bank, args.lang)
    return own if args.replace else QuestionBank.builtin(args.lang).extend(own)


def run(args):
    from ..prepare.questions import categories

    labels = {c.id: c.label for c in categories(args.lang)}
    unknown = sorted(set(args.category or ()) - set(labels))
    if unknown:
        print("infoview: " + text("widgets.unknown_category", args.lang, unknown=", ".join(unknown),
                                  choices=", ".join(labels)), file=sys.stderr)
        return 2
    shown = list(bank(args).filter(category=args.category, stage=args.stage, tags=args.tag))
    if args.n is not None:
        shown = shown[: args.n]
    current = None
    for q in shown:
        if q.category != current:
            current = q.category
            print(f"\n{labels.get(current, current)}")
        print(textwrap.fill(q.text, width=88, initial_indent="  - ", subsequent_indent="    "))
    return 0
