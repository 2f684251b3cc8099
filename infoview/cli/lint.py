"""``infoview lint``: check email drafts from the terminal, one file, many, or whole folders.

Each FILE is a plain-text draft (``.txt``, ``.md``) or a saved email (``.eml``). A text file whose
first line is ``Subject: ...`` or ``Betreff: ...`` gives its subject; ``--subject`` overrides it.
Findings are shown with their line and column in the file (in an ``.eml``, in its message text).
Exit code 0 when no file has an error finding, 1 when one does, 2 when a file cannot be read.
"""

import json
import sys
import textwrap
from dataclasses import asdict, dataclass
from pathlib import Path

from ..resources import LANGUAGES
from ..texts import texts

__all__ = ["register", "run", "read_draft"]

DRAFT_SUFFIXES = (".txt", ".md", ".eml")
_SUBJECT_HEADERS = ("subject", "betreff")


def register(subparsers, language):
    t, metavars = texts("cli.lint", language), texts("cli.metavars", language)
    parser = subparsers.add_parser("lint", help=t["help"], description=t["description"])
    parser.add_argument("files", nargs="*", metavar=metavars["file"], help=t["files"])
    parser.add_argument("--kind", default="outreach", metavar=metavars["kind"], help=t["kind"])
    parser.add_argument("--lang", choices=("auto",) + LANGUAGES, default="auto", help=t["lang"])
    parser.add_argument("--subject", metavar=metavars["subject"], help=t["subject"])
    parser.add_argument("--free-account", action="store_true", help=t["free_account"])
    parser.add_argument("--format", choices=("text", "json"), default="text", help=t["format"])
    parser.add_argument("--rules", action="store_true", help=t["rules"])
    parser.set_defaults(run=run)


@dataclass(frozen=True)
class Draft:
    """A draft read from a file: its body, subject (None when unknown) and the line the body starts on."""

    body: str
    subject: str | None = None
    body_line: int = 1


class Unreadable(Exception):
    """A file that cannot be linted: the text ``drafter.cli.<key>`` says why and how to fix it."""

    def __init__(self, key, **values):
        self.key, self.values = key, values
        super().__init__(self.say("en"))

    def say(self, language):
        """Why, in ``language``."""
        from ..texts import text

        return text(f"drafter.cli.{self.key}", language, **self.values)


def read_draft(path):
    """Read a draft; raise :class:`Unreadable` with a clear message when that is impossible."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Unreadable("missing") from None
    except IsADirectoryError:
        raise Unreadable("folder") from None
    except OSError as exc:
        raise Unreadable("cannot_read", reason=exc.strerror or exc) from None
    if path.suffix.lower() == ".eml":
        return _read_eml(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable("not_utf8", byte=exc.start) from None
    if "\x00" in text:
        raise Unreadable("not_text")
    text = text.replace("\r\n", "\n")
    first, _, rest = text.partition("\n")
    name, colon, value = first.partition(":")
    if colon and name.strip().lower() in _SUBJECT_HEADERS:
        skipped = 1
        while rest.startswith("\n"):
            rest, skipped = rest[1:], skipped + 1
        return Draft(rest, value.strip(), body_line=skipped + 1)
    return Draft(text)


def _read_eml(data):
    from email import policy
    from email.parser import BytesParser

    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        part = message.get_body(preferencelist=("plain",))
        if part is None:
            raise Unreadable("no_plain_text")
        body = part.get_content()
    except (LookupError, ValueError) as exc:
        raise Unreadable("not_email", reason=exc) from None
    subject = message["subject"]
    return Draft(body.replace("\r\n", "\n"), str(subject) if subject is not None else "")


def _collect(names):
    """The draft files named on the command line (folders are searched), and the names not found."""
    paths, missing = [], []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DRAFT_SUFFIXES)
            if found:
                paths.extend(found)
            else:
                missing.append((path, Unreadable("no_drafts", suffixes=", ".join(DRAFT_SUFFIXES))))
        else:
            paths.append(path)
    return paths, missing


def _position(draft, offset):
    """1-based line and column in the file of a body offset."""
    before = draft.body[:offset]
    line = before.count("\n")
    column = offset - (before.rfind("\n") + 1) + 1
    return draft.body_line + line, column


def run(args):
    from ..emails import lint
    from ..texts import text

    said = "en" if args.lang == "auto" else args.lang
    if args.rules:
        return _print_rules(lint, said, args.format)
    if not args.files:
        print("infoview: " + text("drafter.cli.no_files", said), file=sys.stderr)
        return 2
    kinds = [*lint.WORD_LIMITS, *lint.CHAR_LIMITS]
    if args.kind not in kinds:
        print("infoview: " + text("drafter.cli.unknown_kind", said, kind=repr(args.kind), kinds=", ".join(kinds)),
              file=sys.stderr)
        return 2
    paths, unreadable = _collect(args.files)
    reports = []
    for path in paths:
        try:
            draft = read_draft(path)
        except Unreadable as exc:
            unreadable.append((path, exc))
            continue
        subject = args.subject if args.subject is not None else draft.subject
        language = args.lang if args.lang != "auto" else lint.guess_language(f"{subject or ''}\n{draft.body}")
        limit = lint.FREE_ACCOUNT_CHAR_LIMITS.get(args.kind) if args.free_account else None
        findings = lint.lint_email(draft.body, args.kind, language, subject, char_limit=limit)
        size = lint.char_count(draft.body) if args.kind in lint.CHAR_LIMITS else lint.word_count(draft.body, language)
        reports.append((path, draft, subject, language, findings, size))

    counts = dict.fromkeys(lint.SEVERITIES, 0)
    for *_, findings, _words in reports:
        for finding in findings:
            counts[finding.severity] += 1
    languages = {language for _, _, _, language, _, _ in reports}
    said = args.lang if args.lang != "auto" else (languages.pop() if len(languages) == 1 else "en")
    if args.format == "json":
        _print_json(reports, unreadable, counts, args.kind, lint, said)
    else:
        _print_text(reports, counts, args.kind, lint, said)
    for path, reason in unreadable:
        print(f"infoview: {path}: {reason.say(said)}", file=sys.stderr)
    if unreadable:
        return 2
    return 1 if counts["error"] else 0


def _print_text(reports, counts, kind, lint, said):
    """Each file's findings in the draft's language; the summary in ``said``."""
    from ..texts import text

    limit, unit = (lint.CHAR_LIMITS[kind], "characters") if kind in lint.CHAR_LIMITS else \
        (lint.WORD_LIMITS[kind], "words")
    for path, draft, subject, language, findings, words in reports:
        t = texts("drafter.cli", language)
        head = t["head"].format(path=path, kind=kind, language=language, size=words, limit=limit, unit=t[unit])
        if not findings:
            print(t["no_findings"].format(head=head))
            continue
        print(head)
        names, severity = texts("drafter.rule_names", language), texts("drafter.rule_table.severity", language)
        for f in findings:
            where = t["subject"] if f.field == "subject" else "{}:{}".format(*_position(draft, f.start))
            rule = t["rule"].format(id=f.rule, name=names.get(f.rule, f.rule))
            print(f"  {where:<8} {severity[f.severity]:<8} {f.message}  {rule}")
    summary = ", ".join(text(f"drafter.cli.counts.{name}", said, count=n) for name, n in counts.items())
    print(text("drafter.cli.checked", said, count=len(reports), summary=summary))


def _print_json(reports, unreadable, counts, kind, lint, said):
    files = []
    for path, draft, subject, language, findings, words in reports:
        items = []
        for f in findings:
            item = asdict(f)
            text = subject if f.field == "subject" else draft.body
            item["text"] = text[f.start:f.end]
            if f.field == "body":
                item["line"], item["column"] = _position(draft, f.start)
            items.append(item)
        files.append({"file": str(path), "kind": kind, "language": language, "subject": subject,
                      **({"characters": words, "char_limit": lint.CHAR_LIMITS[kind]} if kind in lint.CHAR_LIMITS
                         else {"words": words, "word_limit": lint.WORD_LIMITS[kind]}), "findings": items})
    out = {"files": files, "unreadable": [{"file": str(p), "error": reason.say(said)} for p, reason in unreadable],
           "summary": {"files": len(files), **counts}}
    print(json.dumps(out, ensure_ascii=False, indent=2))


def _print_rules(lint, language, fmt):
    rules = [lint.rule_info(rule_id) for rule_id in lint.LINT_RULES]
    if fmt == "json":
        print(json.dumps([{"id": r.id, "severity": r.severity,
                           "severities": sorted({r.severity_of(v) for v in r.messages}, key=lint.SEVERITIES.index),
                           "kinds": list(r.kinds), "languages": list(r.languages), "source": r.source,
                           "description": r.describe(language), "rationale": r.explain(language)}
                          for r in rules], ensure_ascii=False, indent=2))
        return 0
    names, t = texts("drafter.rule_names", language), texts("drafter.rule_table", language)
    for r in rules:
        severities = sorted({r.severity_of(v) for v in r.messages}, key=lint.SEVERITIES.index)
        kinds = t["all_kinds"] if set(r.kinds) == set(lint.WORD_LIMITS) else ", ".join(t["kinds"][k] for k in r.kinds)
        shown = " / ".join(t["severity"][s] for s in severities)
        print(f"{names[r.id]} ({r.id})  [{shown}]  {kinds}; {', '.join(r.languages)}")
        wrap = dict(width=88, initial_indent="    ", subsequent_indent="      ")
        print(textwrap.fill(r.describe(language), width=88, initial_indent="    ", subsequent_indent="    "))
        print(textwrap.fill(f"{t['why']}: {r.explain(language)}", **wrap))
        if r.source:
            print(textwrap.fill(f"{t['source']}: {r.source}", **wrap))
        print()
    return 0
