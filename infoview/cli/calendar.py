"""``infoview calendar -o due.ics``: your meetings, 3B7 dates, thank-you and keep-in-touch reminders and
actions as an iCalendar file for your own calendar (``--no-names`` leaves out your contacts' names)."""

from .people import texts, workspace_option

__all__ = ["register"]


def register(subparsers):
    parser = subparsers.add_parser(
        "calendar", help="write what is coming up as a calendar file (.ics)",
        description="Write your meetings and reminders as events with alarms to an iCalendar file. Importing "
                    "a newer file updates the same events instead of adding them twice.")
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="the .ics file to write")
    parser.add_argument("--no-names", action="store_true", help="leave your contacts' names out of the file")
    parser.add_argument("--today", metavar="DATE", help="pretend it is this date (2025-03-14 or 14.03.2025)")
    workspace_option(parser)
    parser.set_defaults(run=run)


def run(args):
    import icalendar

    from ..texts import text
    from ..workspace import Workspace

    with Workspace(args.db, language=args.lang) as ws:
        path = ws.export_calendar(args.output, today=args.today, include_names=not args.no_names,
                                  language=args.lang)
    count = len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    print(text("network.cli.written", args.lang, count=count, path=path))
    if args.no_names:
        print(text("network.cli.no_names", args.lang))
    return 0
