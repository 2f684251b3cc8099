"""``infoview plan``: a balanced question plan for one conversation, optionally as a printable sheet."""

from ..outfiles import write_file
from .questions import add_bank_options, bank

__all__ = ["register"]

AUDIENCE = {"student": "student", "career-changer": "career_changer", "both": None}


def register(subparsers):
    parser = subparsers.add_parser("plan", help="a balanced question plan for one conversation")
    add_bank_options(parser)
    parser.add_argument("--minutes", type=int, default=30, help="length of the conversation (default 30)")
    parser.add_argument("--focus", action="append", metavar="CATEGORY", help="ask more from this category")
    parser.add_argument("--audience", choices=AUDIENCE, default="student", help="whom the plan is for (default student)")
    parser.add_argument("--context", action="append", choices=("in_person", "video_call", "alumni", "mutual_contact"),
                        help="the kind of conversation (repeatable); allows questions that fit only there")
    parser.add_argument("--seed", type=int, help="the same seed gives the same plan")
    parser.add_argument("--sheet", metavar="FILE.html", help="also write the printable question sheet to this file")
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
