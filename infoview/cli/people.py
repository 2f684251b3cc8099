"""``infoview people``: list, add and forget the people in your workspace.

    infoview people [list]                            everyone stored
    infoview people add "Lena Kurz" [--organisation ORG] [--email ADDRESS] [--title Dr.] ...
    infoview people forget PERSON [--keep-statistics] [--yes]

``--db PATH`` chooses the workspace (default: in the user data directory); ``--lang de`` answers in German.
"""

import argparse

from ..resources import LANGUAGES
from ..texts import texts as lookup

__all__ = ["register", "texts", "workspace_option"]


def texts(language):
    """The workspace's command-line texts in ``language``."""
    return lookup("workspace.cli", language)


def workspace_option(parser, language, suppress=False):
    """Add ``--db`` and ``--lang`` to ``parser`` with their help in ``language`` (``suppress`` on
    subcommands, so either place works)."""
    t = lookup("cli.options", language)
    hidden = {"default": argparse.SUPPRESS, "help": argparse.SUPPRESS} if suppress else {}
    parser.add_argument("--db", metavar=lookup("cli.metavars", language)["path"], **({"help": t["db"]} | hidden))
    parser.add_argument("--lang", choices=LANGUAGES, **({"default": language, "help": t["lang"]} | hidden))


def register(subparsers, language):
    t, metavars = lookup("cli.people", language), lookup("cli.metavars", language)
    people = subparsers.add_parser("people", help=t["help"], description=t["description"])
    workspace_option(people, language)
    people.set_defaults(run=run_list)
    commands = people.add_subparsers(title=t["commands"], metavar=metavars["command"])

    listing = commands.add_parser("list", help=t["list"], description=t["list_description"])
    workspace_option(listing, language, suppress=True)
    listing.set_defaults(run=run_list)

    add = commands.add_parser("add", help=t["add"], description=t["add_description"])
    workspace_option(add, language, suppress=True)
    add.add_argument("name", metavar=metavars["name"], help=t["name"])
    for option, metavar in (("title", "title"), ("organisation", "organisation"), ("role", "role"),
                            ("email", "email"), ("profile-url", "url"), ("source", "source"), ("notes", "notes")):
        add.add_argument(f"--{option}", default=argparse.SUPPRESS, metavar=metavars[metavar],
                         help=t[option.replace("-", "_")])
    add.add_argument("--form-of-address", choices=("female", "male", "neutral"), default=argparse.SUPPRESS,
                     help=t["form_of_address"])
    add.add_argument("--referred-by", metavar=metavars["person"], default=argparse.SUPPRESS, help=t["referred_by"])
    add.add_argument("--weeks", type=int, dest="keep_in_touch_weeks", default=argparse.SUPPRESS,
                     metavar=metavars["weeks"], help=t["weeks"])
    add.set_defaults(run=run_add)

    forget = commands.add_parser("forget", help=t["forget"], description=t["forget_description"])
    workspace_option(forget, language, suppress=True)
    forget.add_argument("person", metavar=metavars["person"], help=t["person"])
    forget.add_argument("--keep-statistics", action="store_true", help=t["keep_statistics"])
    forget.add_argument("--yes", action="store_true", help=t["no_asking"])
    forget.set_defaults(run=run_forget)


def _open(args):
    from ..workspace import Workspace

    return Workspace(args.db, language=args.lang)


def _person(value):
    return int(value) if str(value).isdigit() else value


def run_list(args):
    t = texts(args.lang)
    with _open(args) as ws:
        everyone = ws.people()
    if not everyone:
        print(t["no_people"])
        return 0
    names = {p.person_id: p.full_name for p in everyone}
    rows = [(t["id"], t["name"], t["organisation"], t["email"], t["referred_by"])]
    rows += [(str(p.person_id), p.full_name, p.organisation, p.email, names.get(p.referred_by, ""))
             for p in everyone]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0


def run_add(args):
    fields = {name: getattr(args, name) for name in ("title", "organisation", "role", "email", "profile_url",
                                                     "source", "notes", "form_of_address", "keep_in_touch_weeks")
              if hasattr(args, name)}
    if hasattr(args, "referred_by"):
        fields["referred_by"] = _person(args.referred_by)
    with _open(args) as ws:
        person_id = ws.add_person(args.name, **fields)
        print(texts(args.lang)["added"].format(name=ws.person(person_id).full_name, id=person_id))
    return 0


def run_forget(args):
    t = texts(args.lang)
    with _open(args) as ws:
        person = ws.person(_person(args.person))
        if not args.yes:
            try:
                answer = input(t["forget_ask"].format(name=person.full_name, path=ws.path))
            except EOFError:
                answer = ""
            if answer.strip().casefold() not in ("yes", "ja", "y", "j"):
                print(t["forget_cancelled"])
                return 1
        result = ws.forget(person.person_id, keep_statistics=args.keep_statistics)
    print(t["forgotten"].format(name=result.name, deleted=result.log_rows_deleted,
                                anonymised=result.log_rows_anonymised, drafts=result.drafts_deleted,
                                debriefs=result.debriefs_deleted, cleaned=result.texts_cleaned))
    return 0
