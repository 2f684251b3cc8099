"""``infoview class-report``: one HTML report (and a CSV table) of a class's hand-ins."""

import sys

from ..resources import LANGUAGES
from ..texts import texts

__all__ = ["register", "run_class_report"]


def register(subparsers, language):
    t, metavars = texts("cli.class_report", language), texts("cli.metavars", language)
    parser = subparsers.add_parser("class-report", help=t["help"], description=t["description"])
    parser.add_argument("folder", metavar=metavars["submissions_dir"], help=t["folder"])
    parser.add_argument("-o", "--output", metavar=metavars["file"], default="class.html", help=t["output"])
    parser.add_argument("--lang", choices=LANGUAGES, default=language, help=t["lang"])
    parser.add_argument("--as-of", metavar=metavars["date"], help=t["as_of"])
    parser.add_argument("--goal", type=float, metavar=metavars["number"], help=t["goal"])
    parser.add_argument("--csv", metavar=metavars["file"], help=t["csv"])
    parser.add_argument("--groups", metavar=metavars["roster"], help=t["groups"])
    parser.add_argument("--engine", choices=("pandas", "duckdb"), default="pandas", help=t["engine"])
    parser.add_argument("--no-progress", action="store_true", help=t["no_progress"])
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
