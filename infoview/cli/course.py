"""``infoview course release``: student versions of the lessons, made by nbgrader."""

import sys

from ..resources import LANGUAGES

__all__ = ["register"]


def register(subparsers):
    course = subparsers.add_parser("course", help="instructors: release lessons as nbgrader assignments")
    actions = course.add_subparsers(title="actions", metavar="ACTION", required=True)
    release = actions.add_parser("release", help="write student versions without solutions")
    release.add_argument("lessons", nargs="*", metavar="LESSON", help="lesson numbers or names (default: all)")
    release.add_argument("--out", required=True, metavar="DIR", help="the nbgrader course folder")
    release.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    release.set_defaults(run=run_release)


def run_release(args):
    from ..classroom.assignments import release

    try:
        paths = release(args.lessons, args.out, args.lang)
    except (RuntimeError, ValueError, FileNotFoundError) as exc:
        print(f"infoview: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    print(f"Released {len(paths)} lesson(s). Share the release/ folder, or use 'nbgrader release_assignment'.")
    return 0
