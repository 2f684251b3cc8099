"""``infoview plan``: a balanced question plan for one conversation, optionally as a printable sheet."""

from ..outfiles import write_file
from ..texts import texts
from .questions import add_bank_options, bank

__all__ = ["register"]

AUDIENCE = {"student": "student", "career-changer": "career_changer", "both": None}


def register(subparsers, language):
    t, metavars = texts("cli.plan", language), texts("cli.metavars", language)
    parser = subparsers.add_parser("plan", help=t["help"])
    add_bank_options(parser, language)
    parser.add_argument("--minutes", type=int, default=30, metavar=metavars["minutes"], help=t["minutes"])
    parser.add_argument("--focus", action="append", metavar=metavars["category"], help=t["focus"])
    parser.add_argument("--audience", choices=AUDIENCE, default="student", help=t["audience"])
    parser.add_argument("--context", action="append", choices=("in_person", "video_call", "alumni", "mutual_contact"),
                        help=t["context"])
    parser.add_argument("--seed", type=int, metavar=metavars["seed"], help=t["seed"])
    parser.add_argument("--sheet", metavar=metavars["html_file"], help=t["sheet"])
    parser.set_defaults(run=run)


def run(args):
    plan = bank(args).plan(minutes=args.minutes, focus=args.focus, seed=args.seed,
                           audience=AUDIENCE[args.audience], context=args.context)
    title = {"en": "Your plan for {} minutes", "de": "Ihr Plan für {} Minuten"}[args.lang]
    print(title.format(args.minutes))
    print(plan)
    if args.sheet:
        write_file(args.sheet, plan.to_html())
    return 0
