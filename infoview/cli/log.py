"""``infoview log``: import, export, check an outreach log and list what is due.

    infoview log check FILE                   validate a CSV/Excel/Parquet log, print every problem
    infoview log import FILE                  add a file's rows to the log database
    infoview log export FILE [--pseudonymize] [--excel-de | --format FORMAT]
    infoview log due [--today DATE]

``--db PATH`` and ``--lang de`` (before or after the subcommand) choose the database (the default
is ``outreach_log.sqlite3`` in the user data directory) and German messages and dates.
"""

import argparse
import sys

from ..errors import LogError
from ..resources import LANGUAGES
from ..texts import text, texts

__all__ = ["register"]


def register(subparsers, language):
    t, metavars = texts("cli.log", language), texts("cli.metavars", language)
    log = subparsers.add_parser("log", help=t["help"], description=t["description"])
    log.add_argument("--db", metavar=metavars["path"], help=t["db"])
    log.add_argument("--lang", choices=LANGUAGES, default=language, help=t["lang"])
    log.set_defaults(run=lambda args: log.print_help() or 2)
    commands = log.add_subparsers(title=t["commands"], metavar=metavars["command"])

    def command(name):
        parser = commands.add_parser(name, help=t[name], description=t[name])
        parser.add_argument("--db", metavar=metavars["path"], default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return parser

    check = command("check")
    check.add_argument("file", metavar=metavars["file"], help=t["check_file"])
    check.set_defaults(run=run_check)

    add = command("import")
    add.add_argument("file", metavar=metavars["file"], help=t["import_file"])
    add.add_argument("--on-conflict", choices=("error", "keep", "replace"), default="error", help=t["on_conflict"])
    add.set_defaults(run=run_import)

    export = command("export")
    export.add_argument("file", metavar=metavars["file"], help=t["export_file"])
    export.add_argument("--pseudonymize", "--pseudonymise", action="store_true", help=t["pseudonymize"])
    kind = export.add_mutually_exclusive_group()
    kind.add_argument("--excel-de", action="store_const", const="excel-de", dest="format", help=t["excel_de"])
    kind.add_argument("--format", choices=("csv", "excel-de", "xlsx"), help=t["format"])
    export.set_defaults(run=run_export)

    due = command("due")
    due.add_argument("--today", metavar=metavars["date"], help=texts("cli.options", language)["today"])
    due.add_argument("--weeks", type=int, default=8, metavar=metavars["weeks"], help=t["weeks"])
    due.set_defaults(run=run_due)


def _open(args):
    from ..log.store import OutreachLog

    return OutreachLog(getattr(args, "db", None), language=args.lang)


def run_check(args):
    from ..log.read import check_log, read_log
    from ..problems import describe

    problems = check_log(args.file)
    if not problems:
        print(text("log.cli.checked", args.lang, file=args.file, count=len(read_log(args.file))))
        return 0
    for problem in problems:
        print(f"{args.file}: {describe(problem, args.lang)}")
    print(text("log.cli.problems_found", args.lang, count=len(problems)), file=sys.stderr)
    return 1


def run_import(args):
    from ..problems import in_language

    with _open(args) as log:
        try:
            result = log.import_file(args.file, on_conflict=args.on_conflict)
        except LogError as error:
            raise in_language(error, args.lang) from None
        parts = [text("log.cli.import_counts", args.lang, added=result.added, unchanged=result.unchanged)]
        parts += [text(f"log.cli.import_{kind}", args.lang, count=count)
                  for kind, count in (("replaced", result.replaced), ("kept", result.kept)) if count]
        print(text("log.cli.imported", args.lang, file=args.file, result=", ".join(parts), rows=len(log), db=log.path))
    return 0


def run_export(args):
    with _open(args) as log:
        path = log.export(args.file, pseudonymize=args.pseudonymize, format=args.format)
        key = "log.cli.exported_pseudonymised" if args.pseudonymize else "log.cli.exported"
        print(text(key, args.lang, count=len(log), path=path))
    return 0


def run_due(args):
    from ..dates import short_date
    from ..log.reminders import due

    with _open(args) as log:
        frame = due(log.to_frame(), today=args.today, keep_in_touch_weeks=args.weeks, language=args.lang)
    if frame.empty:
        print(text("log.widget.nothing_due", args.lang))
        return 0
    for row in frame.itertuples():
        print(f"{short_date(row.due_since, args.lang)}  {row.outreach_id}  {row.what}")
    return 0
