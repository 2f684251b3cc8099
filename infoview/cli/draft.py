"""``infoview draft``: render an email template on the terminal, or list the templates and their fields."""

import sys

from ..errors import TemplateError
from ..regions import REGIONS
from ..resources import LANGUAGES
from ..texts import text, texts

__all__ = ["register"]

_KINDS = ("outreach", "agenda", "follow_up", "thank_you", "keep_in_touch", "referral_outreach", "linkedin")


def register(subparsers):
    draft = subparsers.add_parser(
        "draft", help="write an email from a template",
        description="Render an email template with your field values and print its subject and body. "
                    "Nothing is sent.",
        epilog="example: infoview draft thank_you --lang de --example --field first_name=Jan "
               "--field last_name=Schmidt --field form_of_address=male")
    draft.add_argument("kind", nargs="?", choices=_KINDS, metavar="KIND",
                       help=f"the kind of email: {', '.join(_KINDS)}")
    draft.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default en)")
    draft.add_argument("--region", choices=REGIONS,
                       help="write a German email for Germany (de-DE, the default), Austria (de-AT) or "
                            "Switzerland (de-CH); the German examples go to Zürich and are Swiss")
    draft.add_argument("--variant", help="the template variant (default: the first; see --list)")
    draft.add_argument("--field", action="append", default=[], metavar="NAME=VALUE",
                       help="a field value; repeat for each field, and repeat a list field "
                            "such as questions once per item")
    draft.add_argument("--example", action="store_true",
                       help="start from the template's example values (--field overrides them)")
    draft.add_argument("--list", action="store_true",
                       help="list the kinds and variants (with KIND: the variants' fields) and exit")
    draft.add_argument("--templates", metavar="PATH",
                       help="also use the instructor templates in this file or folder")
    draft.add_argument("--save", metavar="FILE", help="also save the draft as .txt or .eml (by suffix)")
    draft.add_argument("--check", action="store_true",
                       help="also check the draft with the email linter; exit 1 on an error finding")
    draft.add_argument("--free-account", action="store_true",
                       help="check a linkedin note against a free account's 200 characters (default 300)")
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
