"""``infoview report``: one self-contained HTML report of an outreach log."""

import sys

from ..resources import LANGUAGES

__all__ = ["register", "run_report"]


def register(subparsers):
    report = subparsers.add_parser(
        "report", help="write an HTML report of an outreach log (rates, time to reply, funnel, plots)",
        description="Analyse an outreach log and write one HTML file with tables and plots that opens "
                    "offline. The file holds data from the log; share it with care.")
    report.add_argument("log", metavar="LOG", help="the outreach log: CSV, Excel (.xlsx), Parquet, or your own log or workspace "
                                                         "(.sqlite3)")
    report.add_argument("-o", "--output", metavar="FILE", default="report.html",
                        help="where to write the report (default report.html)")
    report.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report (default en)")
    report.add_argument("--by", metavar="COLUMN",
                        help="break the figures down by this column, such as source, channel, template or student")
    report.add_argument("--goal", type=int, metavar="N",
                        help="a goal of N outreach per week, drawn on the activity plot")
    report.add_argument("--as-of", metavar="DATE",
                        help="the date the figures are as of, such as the day you exported the log (YYYY-MM-DD; "
                             "default: the latest send or reply in the log that is not in the future)")
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
