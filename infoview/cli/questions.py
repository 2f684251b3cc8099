"""``infoview questions``: browse the question bank on the terminal."""

import sys
import textwrap

from ..resources import LANGUAGES

__all__ = ["register", "add_bank_options", "bank"]


def register(subparsers):
    parser = subparsers.add_parser("questions", help="list questions from the question bank")
    add_bank_options(parser)
    parser.add_argument("--category", action="append", help="only this category (repeatable)")
    parser.add_argument("--stage", choices=("opening", "core", "closing"), help="only this stage")
    parser.add_argument("--tag", action="append", help="only questions with this tag (repeatable)")
    parser.add_argument("-n", type=int, metavar="N", help="show at most N questions")
    parser.set_defaults(run=run)


def add_bank_options(parser):
    """The options shared by the commands that read the question bank."""
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    parser.add_argument("--bank", metavar="FILE", help="add the questions of an instructor's YAML or CSV file")
    parser.add_argument("--replace", action="store_true", help="with --bank: use only the file's questions")


def bank(args):
    """The built-in bank, extended or replaced by ``--bank``."""
    from ..prepare.questions import QuestionBank

    if not args.bank:
        return QuestionBank.builtin(args.lang)
    own = QuestionBank.from_file(args.bank, args.lang)
    return own if args.replace else QuestionBank.builtin(args.lang).extend(own)


def run(args):
    from ..prepare.questions import categories
    from ..texts import text

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
