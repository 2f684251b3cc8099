"""``infoview due``: what is due in your workspace: replies to chase, thank-you notes, people to keep
in touch with, actions from your conversations, and people you were recommended to."""

from ..dates import short_date
from ..texts import texts as lookup
from .people import texts, workspace_option

__all__ = ["register"]


def register(subparsers, language):
    t = lookup("cli.due", language)
    parser = subparsers.add_parser("due", help=t["help"], description=t["description"])
    parser.add_argument("--today", metavar=lookup("cli.metavars", language)["date"],
                        help=lookup("cli.options", language)["today"])
    workspace_option(parser, language)
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
