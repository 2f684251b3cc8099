"""``infoview questions``, ``infoview plan`` and ``infoview steps``: the content library on the terminal."""

import sys
import textwrap

from ..resources import LANGUAGES

__all__ = ["register"]


def register(subparsers):
    questions = subparsers.add_parser("questions", help="list questions from the question bank")
    _common(questions)
    questions.add_argument("--category", action="append", help="only this category (repeatable)")
    questions.add_argument("--stage", choices=("opening", "core", "closing"), help="only this stage")
    questions.add_argument("--tag", action="append", help="only questions with this tag (repeatable)")
    questions.add_argument("-n", type=int, metavar="N", help="show at most N questions")
    questions.set_defaults(run=run_questions)

    plan = subparsers.add_parser("plan", help="a balanced question plan for one conversation")
    _common(plan)
    plan.add_argument("--minutes", type=int, default=30, help="length of the conversation (default 30)")
    plan.add_argument("--focus", action="append", metavar="CATEGORY", help="ask more from this category")
    plan.add_argument("--seed", type=int, help="the same seed gives the same plan")
    plan.set_defaults(run=run_plan)

    steps = subparsers.add_parser("steps", help="the fourteen steps and their checklists")
    steps.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    steps.set_defaults(run=run_steps)


def _common(parser):
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    parser.add_argument("--bank", metavar="FILE", help="add the questions of an instructor's YAML or CSV file")
    parser.add_argument("--replace", action="store_true", help="with --bank: use only the file's questions")


def _bank(args):
    from ..questions import QuestionBank

    if not args.bank:
        return QuestionBank.builtin(args.lang)
    own = QuestionBank.from_file(args.bank, args.lang)
    return own if args.replace else QuestionBank.builtin(args.lang).extend(own)


def run_questions(args):
    from ..questions import categories

    labels = {c.id: c.label for c in categories(args.lang)}
    unknown = sorted(set(args.category or ()) - set(labels))
    if unknown:
        print(f"infoview: unknown category {', '.join(unknown)}; choose from {', '.join(labels)}", file=sys.stderr)
        return 2
    bank = _bank(args).filter(category=args.category, stage=args.stage, tags=args.tag)
    shown = list(bank)[: args.n] if args.n is not None else list(bank)
    current = None
    for q in shown:
        if q.category != current:
            current = q.category
            print(f"\n{labels.get(current, current)}")
        print(textwrap.fill(q.text, width=88, initial_indent="  - ", subsequent_indent="    "))
    return 0


def run_plan(args):
    plan = _bank(args).plan(minutes=args.minutes, focus=args.focus, seed=args.seed)
    title = {"en": "Your plan for {} minutes", "de": "Ihr Plan für {} Minuten"}[args.lang]
    print(title.format(args.minutes))
    print(plan)
    return 0


def run_steps(args):
    from ..guide import steps

    for step in steps(args.lang):
        print(f"\n{step.number:>2}. {step.title}")
        print(textwrap.fill(step.summary, width=88, initial_indent="    ", subsequent_indent="    "))
        for item in step.checklist:
            print(textwrap.fill(item.text, width=88, initial_indent="    [ ] ", subsequent_indent="        "))
    return 0
