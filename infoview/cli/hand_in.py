"""``infoview hand-in -o FILE``: write the file to give your instructor (pseudonymised log and milestones)."""

from ..texts import texts as lookup
from .people import texts, workspace_option

__all__ = ["register"]


def register(subparsers, language):
    t, metavars = lookup("cli.hand_in", language), lookup("cli.metavars", language)
    parser = subparsers.add_parser("hand-in", help=t["help"], description=t["description"])
    parser.add_argument("-o", "--output", metavar=metavars["file"], required=True, help=t["output"])
    parser.add_argument("--today", metavar=metavars["date"], help=t["today"])
    workspace_option(parser, language)
    parser.set_defaults(run=run)


def run(args):
    import pandas as pd

    from ..texts import text
    from ..workspace import MILESTONES, Workspace, read_milestones

    t = texts(args.lang)
    with Workspace(args.db, language=args.lang) as ws:
        path = ws.hand_in(args.output, today=args.today)
    print(t["hand_in_written"].format(path=path))
    order = [name for name, _ in MILESTONES]
    for row in read_milestones(path).sort_values("milestone", key=lambda s: s.map(order.index)).itertuples():
        count = row.count if pd.isna(row.of) else t["milestone_of"].format(count=row.count, of=row.of)
        print(t["milestone_line"].format(step=row.step, label=text(f"workspace.milestones.{row.milestone}", args.lang), count=count))
    return 0
