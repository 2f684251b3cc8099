"""``infoview course release`` and ``infoview course copy``: student versions of the lessons, made by nbgrader."""

from ..resources import LANGUAGES

__all__ = ["register"]


def register(subparsers):
    course = subparsers.add_parser("course", help="release lessons as nbgrader assignments (instructors), "
                                   "or make your own copy of the course (students)")
    actions = course.add_subparsers(title="actions", metavar="ACTION", required=True)
    release = actions.add_parser("release", help="write student versions without solutions")
    release.add_argument("lessons", nargs="*", metavar="LESSON", help="lesson numbers or names (default: all)")
    release.add_argument("--out", required=True, metavar="DIR", help="the nbgrader course folder")
    release.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    release.set_defaults(run=run_release)
    copy = actions.add_parser(
        "copy", help="students: make your own copy of the course, or add the lessons that are new",
        description="Make your own copy of the lessons (without model answers) in a folder, or add the "
                    "lessons a newer version brings. Lessons already in the folder are never changed.")
    copy.add_argument("--dir", default="my-course", metavar="DIR", help="your course folder (default my-course)")
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

    result = student_copy(args.dir)
    print(f"Your course is in {result.folder}: {len(result.added)} lesson(s) added, "
          f"{len(result.kept)} of yours left as they were.")
    return 0
