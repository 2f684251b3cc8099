"""``infoview draft``: render an email template on the terminal, or list the templates and their fields."""

import sys

from ..errors import TemplateError
from ..regions import REGIONS
from ..resources import LANGUAGES
from ..texts import text, texts

__all__ = ["register"]

_KINDS = ("outreach", "agenda", "follow_up", "thank_you", "keep_in_touch", "referral_outreach", "linkedin")


def register(subparsers, language):
    t, metavars = texts("cli.draft", language), texts("cli.metavars", language)
    draft = subparsers.add_parser("draft", help=t["help"], description=t["description"], epilog=t["epilog"])
    draft.add_argument("kind", nargs="?", choices=_KINDS, metavar=metavars["kind"], help=t["kind"])
    draft.add_argument("--lang", choices=LANGUAGES, default=language, help=texts("cli.options", language)["lang"])
    draft.add_argument("--region", choices=REGIONS, help=t["region"])
    draft.add_argument("--variant", metavar=metavars["variant"], help=t["variant"])
    draft.add_argument("--field", action="append", default=[], metavar=metavars["name_value"], help=t["field"])
    draft.add_argument("--example", action="store_true", help=t["example"])
    draft.add_argument("--list", action="store_true", help=t["list"])
    draft.add_argument("--templates", metavar=metavars["path"], help=t["templates"])
    draft.add_argument("--save", metavar=metavars["file"], help=t["save"])
    draft.add_argument("--check", action="store_true", help=t["check"])
    draft.add_argument("--free-account", action="store_true", help=t["free_account"])
    draft.set_defaults(run=run_draft)


def run_draft(args):
    from ..emails import render as emails

    if args.templates:
        emails.register_templates(args.templates)
    if args.list:
        _print_list(emails, args.kind, args.lang)
        return 0
    if args.kind is None:
        print("infoview: " + text("drafter.cli.name_the_kind", args.lang), file=sys.stderr)
        return 2
    template = emails.get_template(args.kind, args.lang, args.variant)
    values = dict(template.example) if args.example else {}
    values.update(_parse_fields(args.field, template, args.lang))
    try:
        email = template.render(values, region=args.region)
    except TemplateError as exc:
        if not exc.missing:
            raise
        raise TemplateError(text("drafter.cli.still_needs", args.lang, kind=args.kind, variant=template.variant,
                                 lang=args.lang, fields=", ".join(exc.missing)), missing=exc.missing) from None
    print(email.as_text(), end="")
    if not (args.save or args.check):
        return 0
    from ..emails.draft import Draft

    from ..emails.lint import FREE_ACCOUNT_CHAR_LIMITS

    limit = FREE_ACCOUNT_CHAR_LIMITS.get(args.kind) if args.free_account else None
    draft = Draft(args.kind, args.lang, template.variant, values, char_limit=limit, region=args.region)
    status = 0
    if args.save:
        result = draft.save(args.save)
        print(result.message, file=sys.stderr)
        status = 0 if result.ok else 2
    if args.check:
        state = draft.state
        for note in state.messages:
            print(note, file=sys.stderr)
        names, severity = texts("drafter.rule_names", args.lang), texts("drafter.rule_table.severity", args.lang)
        for finding in state.findings:
            rule = text("drafter.cli.rule", args.lang, id=finding.rule, name=names.get(finding.rule, finding.rule))
            print(f"{severity[finding.severity]}: {finding.message} {rule}", file=sys.stderr)
        if any(f.severity == "error" for f in state.findings):
            status = status or 1
    return status


def _parse_fields(items, template, language):
    specs = {spec.name: spec for spec in template.fields}
    values = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise TemplateError(text("drafter.cli.field_form", language, item=repr(item)))
        if name not in specs:
            raise TemplateError(text("drafter.cli.no_such_field", language, name=name, kind=template.kind,
                                     variant=template.variant, fields=", ".join(specs)))
        if specs[name].type == "list":
            values.setdefault(name, []).append(value)
        elif name in values:
            raise TemplateError(text("drafter.cli.field_twice", language, name=name))
        else:
            values[name] = value
    return values


def _print_list(emails, kind, language):
    for each in (kind,) if kind else emails.EMAIL_KINDS:
        print(f"{each}: {emails.kind_label(each, language)}")
        for template in emails.templates(each, language):
            print(f"  {template.variant}: {template.label}")
            if kind:
                print(f"    {template.description}")
                for spec in template.fields:
                    flags = ", ".join(text(f"drafter.cli.{flag}", language) for flag, on in
                                      (("optional", spec.optional), ("list_field", spec.type == "list")) if on)
                    print(f"      {spec.name}: {spec.label}" + (f" ({flags})" if flags else ""))
