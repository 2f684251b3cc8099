"""``infoview calendar -o due.ics``: your meetings, 3B7 dates, thank-you and keep-in-touch reminders and
actions as an iCalendar file for your own calendar (``--no-names`` leaves out your contacts' names)."""

from ..texts import texts as lookup
from .people import texts, workspace_option

__all__ = ["register"]


def register(subparsers, language):
    t, metavars = lookup("cli.calendar", language), lookup("cli.metavars", language)
    parser = subparsers.add_parser("calendar", help=t["help"], description=t["description"])
    parser.add_argument("-o", "--output", metavar=metavars["file"], required=True, help=t["output"])
    parser.add_argument("--no-names", action="store_true", help=t["no_names"])
    parser.add_argument("--today", metavar=metavars["date"], help=lookup("cli.options", language)["today"])
    workspace_option(parser, language)
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
