"""``infoview class-report``: one HTML report (and a CSV table) of a class's hand-ins."""

import sys

from ..resources import LANGUAGES

__all__ = ["register", "run_class_report"]


def register(subparsers):
    parser = subparsers.add_parser(
        "class-report", help="instructors: one HTML report of a folder of students' outreach logs",
        description="Read every hand-in in a folder (CSV, Excel or SQLite, one outreach log per student), "
                    "list the files that cannot be read, and write one HTML report that opens offline, plus "
                    "a CSV of the per-student table. Names, email addresses and phone numbers of the people "
                    "the students contacted are removed while reading and never appear in either file.")
    parser.add_argument("folder", metavar="SUBMISSIONS_DIR", help="the folder with one log file per student")
    parser.add_argument("-o", "--output", metavar="FILE", default="class.html",
                        help="where to write the report (default class.html)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report (default en)")
    parser.add_argument("--as-of", metavar="DATE",
                        help="the date of the figures, such as 2025-12-01 or 01.12.2025 (default: the latest "
                             "send, follow-up, reply or thank-you in the hand-ins)")
    parser.add_argument("--goal", type=float, metavar="N",
                        help="outreach messages each student should send per week (default 2)")
    parser.add_argument("--csv", metavar="FILE",
                        help="where to write the per-student table as CSV (default: the report's name with .csv)")
    parser.add_argument("--groups", metavar="ROSTER",
                        help="a CSV roster: student in the first column, group in the second (with a header "
                             "line); students on it without a hand-in are listed too")
    parser.add_argument("--engine", choices=("pandas", "duckdb"), default="pandas",
                        help="duckdb: compute the report in DuckDB from a folder of Parquet logs, without loading "
                             "their rows into memory (for pooled logs of many classes; needs infoview[scale])")
    parser.add_argument("--no-progress", action="store_true", help="do not show a progress bar")
    parser.set_defaults(run=run_class_report)


def run_class_report(args):
    from pathlib import Path

    from ..classroom.handins import read_submissions
    from ..classroom.report import class_report
    from ..classroom.view import DEFAULT_GOAL
    from ..dates import parse_as_of
    from ..errors import LogError
    from ..problems import describe
    from ..texts import text

    goal = DEFAULT_GOAL if args.goal is None else args.goal
    if goal < 0:
        print("infoview: " + text("classroom.cli.goal", args.lang), file=sys.stderr)
        return 2
    goal = int(goal) if float(goal).is_integer() else goal
    try:
        as_of = parse_as_of(args.as_of) if args.as_of is not None else None
    except LogError:
        print("infoview: " + text("classroom.cli.as_of", args.lang, value=args.as_of), file=sys.stderr)
        return 2
    try:
        if args.engine == "duckdb":
            from ..classroom.parquet_view import ParquetClassView

            source = ParquetClassView(args.folder, as_of, goal, groups=args.groups, language=args.lang)
            submissions = source.submissions
        else:
            source = submissions = read_submissions(args.folder, groups=args.groups, language=args.lang,
                                                    progress=False if args.no_progress else None)
    except (FileNotFoundError, NotADirectoryError) as error:  # an InfoviewError goes to cli.main, said in --lang
        print(f"infoview: {error}", file=sys.stderr)
        return 2
    csv_path = Path(args.csv) if args.csv else Path(args.output).with_suffix(".csv")
    try:
        path = class_report(source, args.output, language=args.lang, as_of=as_of, goal=goal, csv=csv_path)
    except OSError as error:
        print("infoview: " + text("classroom.cli.cannot_write", args.lang, reason=error.strerror or error),
              file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"infoview: {error}", file=sys.stderr)
        return 2
    print(text("classroom.class_report.written", args.lang, files=len(submissions.files),
               broken=len(submissions.broken), students=len(submissions.students), path=path, csv=csv_path))
    for broken in submissions.broken:
        print(f"  {broken.name}:", file=sys.stderr)
        for problem in broken.problems:
            print(f"    - {describe(problem, args.lang)}", file=sys.stderr)
        if broken.truncated:
            print(f"    - {text('log.problems.where.cut', args.lang)}", file=sys.stderr)
    return 0
