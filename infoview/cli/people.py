"""``infoview people``: list, add and forget the people in your workspace.

    infoview people [list]                            everyone stored
    infoview people add "Lena Kurz" [--organisation ORG] [--email ADDRESS] [--title Dr.] ...
    infoview people forget PERSON [--keep-statistics] [--yes]

``--db PATH`` chooses the workspace (default: in the user data directory); ``--lang de`` answers in German.
"""

import argparse

from ..resources import LANGUAGES

__all__ = ["register", "texts", "workspace_option"]


def texts(language):
    """The workspace's command-line texts in ``language``."""
    from ..texts import texts as lookup

    return lookup("workspace.cli", language)


def workspace_option(parser, suppress=False):
    """Add ``--db`` and ``--lang`` to ``parser`` (``suppress`` on subcommands, so either place works)."""
    hidden = {"default": argparse.SUPPRESS, "help": argparse.SUPPRESS} if suppress else {}
    parser.add_argument("--db", metavar="PATH", **({"help": "the workspace file (default: in your user data "
                                                             "directory)"} | hidden))
    parser.add_argument("--lang", choices=LANGUAGES, **({"default": "en", "help": "language (default en)"} | hidden))


def register(subparsers):
    people = subparsers.add_parser("people", help="list, add and forget the people in your workspace",
                                   description="The people in your workspace: one record per person.")
    workspace_option(people)
    people.set_defaults(run=run_list)
    commands = people.add_subparsers(title="people commands", metavar="COMMAND")

    listing = commands.add_parser("list", help="everyone stored", description="List everyone stored.")
    workspace_option(listing, suppress=True)
    listing.set_defaults(run=run_list)

    add = commands.add_parser("add", help="store a person (the same person is completed, never repeated)",
                              description="Store a person; matched on email, profile URL, or name and organisation.")
    workspace_option(add, suppress=True)
    add.add_argument("name")
    for option in ("title", "organisation", "role", "email", "profile-url", "source", "notes"):
        add.add_argument(f"--{option}", default=argparse.SUPPRESS)
    add.add_argument("--form-of-address", choices=("female", "male", "neutral"), default=argparse.SUPPRESS)
    add.add_argument("--referred-by", metavar="PERSON", default=argparse.SUPPRESS,
                     help="the id or exact name of who named them")
    add.add_argument("--weeks", type=int, dest="keep_in_touch_weeks", default=argparse.SUPPRESS,
                     help="get back in touch every this many weeks (default 8)")
    add.set_defaults(run=run_add)

    forget = commands.add_parser("forget", help="remove a person and every trace of them",
                                 description="Remove a person and every trace of them from the workspace file.")
    workspace_option(forget, suppress=True)
    forget.add_argument("person", help="the person's id or exact name")
    forget.add_argument("--keep-statistics", action="store_true",
                        help="keep their log rows with an anonymous placeholder instead of deleting them")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
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
