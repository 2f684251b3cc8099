"""``infoview hand-in -o FILE``: write the file to give your instructor (pseudonymised log and milestones)."""

from .people import texts, workspace_option

__all__ = ["register"]


def register(subparsers):
    parser = subparsers.add_parser(
        "hand-in", help="write the file to give your instructor",
        description="Write your hand-in: the pseudonymised outreach log and your progress through the "
                    "fourteen steps, as an Excel workbook without any contact's name, email or phone number.")
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="the .xlsx file to write")
    parser.add_argument("--today", metavar="DATE", help="count milestones up to this date (default today)")
    workspace_option(parser)
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
