"""``infoview plan``: a balanced question plan for one conversation."""

from .questions import add_bank_options, bank

__all__ = ["register"]


def register(subparsers):
    parser = subparsers.add_parser("plan", help="a balanced question plan for one conversation")
    add_bank_options(parser)
    parser.add_argument("--minutes", type=int, default=30, help="length of the conversation (default 30)")
    parser.add_argument("--focus", action="append", metavar="CATEGORY", help="ask more from this category")
    parser.add_argument("--seed", type=int, help="the same seed gives the same plan")
    parser.set_defaults(run=run)


def run(args):
    plan = bank(args).plan(minutes=args.minutes, focus=args.focus, seed=args.seed)
    title = {"en": "Your plan for {} minutes", "de": "Ihr Plan für {} Minuten"}[args.lang]
    print(title.format(args.minutes))
    print(plan)
    return 0
