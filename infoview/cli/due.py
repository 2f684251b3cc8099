"""``infoview due``: what is due in your workspace: replies to chase, thank-you notes, people to keep
in touch with, actions from your conversations, and people you were recommended to."""

from ..dates import short_date
from .people import texts, workspace_option

__all__ = ["register"]


def register(subparsers):
    parser = subparsers.add_parser("due", help="what is due in your workspace",
                                   description="List what is due, most overdue first.")
    parser.add_argument("--today", metavar="DATE", help="pretend it is this date (2025-03-14 or 14.03.2025)")
    workspace_option(parser)
    parser.set_defaults(run=run)


def run(args):
    from ..workspace import Workspace

    with Workspace(args.db, language=args.lang) as ws:
        frame = ws.due(today=args.today, language=args.lang)
    if frame.empty:
        print(texts(args.lang)["nothing_due"])
        return 0
    for row in frame.itertuples():
        print(f"{short_date(row.due_since, args.lang)}  {row.what}")
    return 0
