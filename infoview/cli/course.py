"""``infoview course release`` and ``infoview course copy``: student versions of the lessons, made by nbgrader."""

from ..resources import LANGUAGES
from ..texts import texts

__all__ = ["register"]


def register(subparsers, language):
    t, metavars = texts("cli.course", language), texts("cli.metavars", language)
    course = subparsers.add_parser("course", help=t["help"])
    actions = course.add_subparsers(title=t["actions"], metavar=metavars["action"], required=True)
    release = actions.add_parser("release", help=t["release"])
    release.add_argument("lessons", nargs="*", metavar=metavars["lesson"], help=t["lessons"])
    release.add_argument("--out", required=True, metavar=metavars["dir"], help=t["out"])
    release.add_argument("--lang", choices=LANGUAGES, default=language, help=texts("cli.options", language)["lang"])
    release.set_defaults(run=run_release)
    copy = actions.add_parser("copy", help=t["copy"], description=t["copy_description"])
    copy.add_argument("--dir", default="my-course", metavar=metavars["dir"], help=t["dir"])
    copy.add_argument("--lang", choices=LANGUAGES, default=language, help=texts("cli.options", language)["lang"])
    copy.set_defaults(run=run_copy)


def run_release(args):
    from ..classroom.assignments import release
    from ..texts import text

    paths = release(args.lessons, args.out, args.lang)
    for path in paths:
        print(path)
    print(text("classroom.cli.released", args.lang, count=len(paths)))
    return 0


def run_copy(args):
    from ..classroom.assignments import student_copy
    from ..texts import text

    result = student_copy(args.dir)
    print(text("classroom.cli.copied", args.lang, folder=result.folder, added=len(result.added),
               kept=len(result.kept)))
    return 0
