"""``infoview log``: import, export, check an outreach log and list what is due.

    infoview log check FILE                   validate a CSV/Excel/Parquet log, print every problem
    infoview log import FILE                  add a file's rows to the log database
    infoview log export FILE [--pseudonymize] [--excel-de | --format FORMAT]
    infoview log due [--today DATE] [--lang de]

``--db PATH`` (before or after the subcommand) chooses the database; the default is
``outreach_log.sqlite3`` in the user data directory.
"""

import argparse
import sys

__all__ = ["register"]


def register(subparsers):
    log = subparsers.add_parser("log", help="import, export, check the outreach log and list what is due",
                                description="Work with the outreach log database.")
    log.add_argument("--db", metavar="PATH", help="the log database (default: in your user data directory)")
    log.set_defaults(run=lambda args: log.print_help() or 2)
    commands = log.add_subparsers(title="log commands", metavar="COMMAND")

    def command(name, help_text):
        parser = commands.add_parser(name, help=help_text, description=help_text)
        parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return parser

    check = command("check", "validate a log file (CSV, Excel, Parquet) and print every problem")
    check.add_argument("file")
    check.set_defaults(run=run_check)

    add = command("import", "add the rows of a log file to the database (all or nothing)")
    add.add_argument("file")
    add.add_argument("--on-conflict", choices=("error", "keep", "replace"), default="error",
                     help="when a stored outreach_id has other values: refuse (default), keep the stored "
                          "row, or replace it with the file's")
    add.set_defaults(run=run_import)

    export = command("export", "write the log to CSV or Excel")
    export.add_argument("file")
    export.add_argument("--pseudonymize", "--pseudonymise", action="store_true",
                        help="for an instructor: pseudonyms for contacts, no notes, no emails or phone numbers")
    kind = export.add_mutually_exclusive_group()
    kind.add_argument("--excel-de", action="store_const", const="excel-de", dest="format",
                      help="German Excel CSV: ';', UTF-8 with BOM, DD.MM.YYYY, German headers")
    kind.add_argument("--format", choices=("csv", "excel-de", "xlsx"),
                      help="the file format (default: from the file name, .xlsx or CSV)")
    export.set_defaults(run=run_export)

    due = command("due", "list what is due: second contacts, follow-ups, thank-you notes, keeping in touch")
    due.add_argument("--today", metavar="DATE", help="pretend it is this date (2025-03-14 or 14.03.2025)")
    due.add_argument("--weeks", type=int, default=8, help="keep in touch every this many weeks (default 8)")
    due.add_argument("--lang", choices=("en", "de"), default="en", help="language (default en)")
    due.set_defaults(run=run_due)


def _open(args):
    from ..log.store import OutreachLog

    return OutreachLog(getattr(args, "db", None))


def run_check(args):
    from ..log.read import check_log, read_log

    problems = check_log(args.file)
    if not problems:
        print(f"{args.file}: {len(read_log(args.file))} rows, no problems")
        return 0
    for problem in problems:
        print(f"{args.file}: {problem}")
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; fix them and run the check again",
          file=sys.stderr)
    return 1


def run_import(args):
    with _open(args) as log:
        result = log.import_file(args.file, on_conflict=args.on_conflict)
        print(f"{args.file}: {result} ({len(log)} rows in {log.path})")
    return 0


def run_export(args):
    with _open(args) as log:
        path = log.export(args.file, pseudonymize=args.pseudonymize, format=args.format)
        print(f"wrote {len(log)} rows to {path}" + (" (pseudonymised)" if args.pseudonymize else ""))
    return 0


def run_due(args):
    from ..log.reminders import due
    from ..texts import text

    with _open(args) as log:
        frame = due(log.to_frame(), today=args.today, keep_in_touch_weeks=args.weeks, language=args.lang)
    if frame.empty:
        print(text("log.widget.nothing_due", args.lang))
        return 0
    for row in frame.itertuples():
        print(f"{row.due_since:%Y-%m-%d}  {row.outreach_id}  {row.what}")
    return 0
