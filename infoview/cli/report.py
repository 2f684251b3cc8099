"""``infoview report``: one self-contained HTML report of an outreach log."""

import sys

from ..resources import LANGUAGES
from ..texts import texts

__all__ = ["register", "run_report"]


def register(subparsers, language):
    t, metavars = texts("cli.report", language), texts("cli.metavars", language)
    report = subparsers.add_parser("report", help=t["help"], description=t["description"])
    report.add_argument("log", metavar=metavars["log"], help=t["log"])
    report.add_argument("-o", "--output", metavar=metavars["file"], default="report.html", help=t["output"])
    report.add_argument("--lang", choices=LANGUAGES, default=language, help=t["lang"])
    report.add_argument("--by", metavar=metavars["column"], help=t["by"])
    report.add_argument("--goal", type=int, metavar=metavars["number"], help=t["goal"])
    report.add_argument("--as-of", metavar=metavars["date"], help=t["as_of"])
    report.set_defaults(run=run_report)


def run_report(args):
    from ..analysis import report
    from ..texts import text
    from ..log.read import read_log

    frame = read_log(args.log, language=args.lang)
    if args.by is not None and args.by not in frame.columns:
        print("infoview: " + text("analysis.report.cli_by", args.lang, by=args.by), file=sys.stderr)
        return 2
    if args.goal is not None and args.goal < 0:
        print("infoview: " + text("analysis.report.cli_goal", args.lang), file=sys.stderr)
        return 2
    as_of = None
    if args.as_of is not None:
        import pandas as pd

        try:
            as_of = pd.Timestamp(args.as_of)
        except ValueError:
            as_of = pd.NaT
        if as_of is pd.NaT:
            print("infoview: " + text("analysis.report.cli_as_of", args.lang, value=args.as_of), file=sys.stderr)
            return 2
    try:
        path = report(frame, args.output, language=args.lang, by=args.by, goal=args.goal, as_of=as_of)
    except OSError as error:
        print("infoview: " + text("analysis.report.cli_cannot_write", args.lang, path=args.output,
                                  reason=error.strerror or error), file=sys.stderr)
        return 2
    print(text("analysis.report.written", args.lang, path=path, sent=len(frame)))
    return 0
