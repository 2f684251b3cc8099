"""``infoview steps``: the fourteen steps and their checklists."""

import textwrap

from ..resources import LANGUAGES
from ..texts import texts

__all__ = ["register"]


def register(subparsers, language):
    parser = subparsers.add_parser("steps", help=texts("cli.steps", language)["help"])
    parser.add_argument("--lang", choices=LANGUAGES, default=language, help=texts("cli.options", language)["lang"])
    parser.set_defaults(run=run)


def run(args):
    from ..prepare.steps import steps

    for step in steps(args.lang):
        print(f"\n{step.number:>2}. {step.title}")
        print(textwrap.fill(step.summary, width=88, initial_indent="    ", subsequent_indent="    "))
        for item in step.checklist:
            print(textwrap.fill(item.text, width=88, initial_indent="    [ ] ", subsequent_indent="        "))
    return 0
