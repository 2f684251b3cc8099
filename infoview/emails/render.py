"""Email templates for informational interviews, in English and German: the bundled catalogue, the
instructors' own template files, and :func:`render_email`. Rendering happens in the sandbox of
:mod:`.sandbox`; the email and its fields are in :mod:`.message`.

Each kind of email (:data:`EMAIL_KINDS`) comes in several variants; each variant is one
template file per language under ``infoview/content/emails/<kind>/<variant>.<language>.j2``.
Instructors write their own in the same format and add them with :func:`register_templates`.

>>> email = render_email("outreach", "en", "alumni", **example_fields("outreach", "en", "alumni"))
>>> email.subject
'A current UZH student'
>>> email.body.splitlines()[0]
'Dear Dr. Shah,'
>>> from infoview.errors import TemplateError
>>> try:
...     render_email("thank_you", "en", first_name="Kim")
... except TemplateError as exc:
...     exc.missing
['last_name', 'met_when', 'learned', 'next_step', 'sender_name']

Template files start with optional YAML front matter between two ``---`` lines
(``label``, ``description``, ``fields``, an ``example`` mapping of field values and, for a German
example, the ``region`` it is written for; instructor files
may also give ``kind``, ``variant`` and ``language``), then a ``Subject:`` (or ``Betreff:``)
line, a blank line and the body. Templates see the fields they are given plus two computed
ones: ``salutation`` (from ``first_name``, ``last_name``, ``title`` and ``form_of_address``)
and ``language``; the filter ``join_with`` turns a list into "a, b and c".
"""

import functools
import re
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path

import yaml

from ..contentfile import yaml_problem
from ..errors import brief
from ..problems import in_both, template_error
from ..regions import REGIONS, check_region
from ..resources import LANGUAGES, bundled_path, load_bundled, parse_yaml
from .message import EMAIL_KINDS, NOTE_KINDS, OPTIONAL_NAME_FIELDS, Email, Field, check_kind, check_language
from .sandbox import YOUR_TEMPLATE, Compiled, named

__all__ = [
    "EmailTemplate", "render_email", "get_template", "templates", "variants", "example_fields", "kind_label",
    "kind_description", "load_templates", "register_templates", "clear_registered_templates", "parse_template",
]

_SUBJECT = re.compile(r"^[ \t]*(?:Subject|Betreff)[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
_FIELD_TYPES = ("text", "long", "list", "choice")
_FRONT_MATTER_KEYS = ("kind", "variant", "language", "label", "description", "fields", "example", "region")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LANGUAGE_NAMES = {"en": "english", "de": "german"}


@dataclass(frozen=True)
class EmailTemplate:
    """One template: a kind, variant and language, its fields, an example, and the Jinja source."""

    kind: str
    variant: str
    language: str
    label: str
    description: str
    source: str
    origin: str
    fields: tuple
    example: dict
    _compiled: Compiled = dataclass_field(repr=False, compare=False, default=None)

    @property
    def required_fields(self):
        """The names of the fields that must be filled."""
        return tuple(f.name for f in self.fields if not f.optional)

    def field(self, name):
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    def render(self, fields=None, /, *, placeholders=False, region=None, **more):
        """Render to an :class:`Email`.

        With ``placeholders=True``, missing fields are shown as ``[Label]`` instead of raising,
        so that a half-filled draft can be previewed. A German email is written in the form of
        ``region`` (``"de-DE"``, the default, ``"de-AT"`` or ``"de-CH"``); a ``"region"`` among
        the fields (as in an example) counts when ``region`` is not given.
        """
        given = {**(fields or {}), **more}
        region = given.pop("region", None) if region is None else region
        given.pop("region", None)
        specs = {f.name: f for f in self.fields}
        values = {}
        for name, value in given.items():
            values[name] = specs[name].clean(value) if name in specs else value
        optional = {f.name for f in self.fields if f.optional}
        for name in optional:
            if specs[name].is_empty(values.get(name)):
                values[name] = specs[name].default
        if placeholders:
            for spec in self.fields:
                if not spec.optional and spec.is_empty(values.get(spec.name)):
                    label = f"[{spec.label}]"
                    values[spec.name] = [label] if spec.type == "list" else label
        text = self._compiled.render(values, self.language, optional=optional, empty_is_missing=True,
                                     region=region)
        subject, body = ("", _tidy(text)) if self.kind in NOTE_KINDS else _split_subject(text, self.origin)
        place = check_region(region, self.language)
        return Email(subject, body, self.kind, self.language, self.variant, place.code if place else None)


def _split_subject(text, origin):
    lines = text.lstrip("\n").split("\n")
    match = _SUBJECT.match(lines[0])
    if not match:
        raise template_error("subject_first", origin=named(origin))
    return " ".join(match.group(1).split()), _tidy("\n".join(lines[1:]))


def _tidy(body):
    body = "\n".join(line.rstrip() for line in body.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", body).strip("\n")


def parse_template(text, origin=YOUR_TEMPLATE, *, kind=None, variant=None, language=None):
    """Parse the text of a template file (front matter, subject line, body) into an :class:`EmailTemplate`.

    ``kind``, ``variant`` and ``language`` come from the front matter or, failing that, from
    the arguments (which the file loader takes from the file name).
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    front, source, offset = _front_matter(text, origin)
    kind = front.get("kind", kind)
    variant = front.get("variant", variant)
    language = front.get("language", language)
    where = named(origin)
    if kind not in EMAIL_KINDS:
        raise template_error("unknown_kind", origin=where, value=brief(kind), choices=", ".join(EMAIL_KINDS))
    if not isinstance(variant, str) or not _NAME.match(variant):
        raise template_error("bad_variant", origin=where, value=brief(variant))
    if language not in LANGUAGES:
        raise template_error("unknown_language", origin=where, value=brief(language), choices=", ".join(LANGUAGES))
    lines = source.split("\n")
    subject_line = next((number for number, line in enumerate(lines, 1) if line.strip()), 1)
    if kind in NOTE_KINDS:
        if _SUBJECT.match(lines[subject_line - 1]):
            raise template_error("note_subject", origin=where, kind=kind, subject=lines[subject_line - 1].strip())
    elif not _SUBJECT.match(lines[subject_line - 1]):
        raise template_error("needs_subject", origin=where)
    compiled = Compiled(source, origin, offset, None if kind in NOTE_KINDS else subject_line)
    specs = _field_specs(compiled.fields(), front.get("fields") or {}, language, origin)
    example = {f.name: f.example for f in specs if f.example is not None}
    extra = front.get("example") or {}
    if not isinstance(extra, dict):
        raise template_error("bad_example", origin=where)
    example.update(extra)
    region = front.get("region")
    if region is not None:
        if language != "de" or region not in REGIONS:
            raise template_error("bad_region", origin=where, choices=", ".join(REGIONS))
        example["region"] = region
    label = str(front.get("label") or variant.replace("_", " ").capitalize()).strip()
    description = str(front.get("description") or "").strip()
    return EmailTemplate(kind, variant, language, label, description, source, origin, tuple(specs),
                         example, compiled)


def _front_matter(text, origin):
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, 0
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        raise template_error("unclosed_front", origin=named(origin))
    try:
        front = parse_yaml("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise template_error("front_yaml", origin=named(origin), line=mark.line + 2 if mark else None,
                             problem=yaml_problem(exc)) from None
    if not isinstance(front, dict):
        raise template_error("front_not_mapping", origin=named(origin))
    unknown = sorted(set(front) - set(_FRONT_MATTER_KEYS))
    if unknown:
        raise template_error("front_unknown_key", origin=named(origin), keys=", ".join(map(brief, unknown[:5])),
                             choices=", ".join(_FRONT_MATTER_KEYS))
    return front, "\n".join(lines[end + 1:]), end + 1


def _pick(value, language):
    """A per-language mapping's text in ``language``, or a plain value as it is."""
    if isinstance(value, dict) and set(value) <= set(LANGUAGES) and value:
        return value.get(language, value.get("en"))
    return value


def _field_specs(names, declared, language, origin):
    if not isinstance(declared, dict):
        raise template_error("fields_not_mapping", origin=named(origin))
    catalogue = _catalogue()
    specs = []
    for name in names:
        own = declared.get(name) or {}
        if isinstance(own, str):
            own = {"label": own}
        if not isinstance(own, dict):
            raise template_error("field_not_mapping", origin=named(origin), name=brief(name))
        entry = {**catalogue.get(name, {}), **own}
        kind = entry.get("type", "text")
        if kind not in _FIELD_TYPES:
            raise template_error("field_type", origin=named(origin), name=brief(name), value=brief(kind),
                                 choices=", ".join(_FIELD_TYPES))
        raw_choices = entry.get("choices") or ()
        if not isinstance(raw_choices, (list, tuple)) or not all(isinstance(c, dict) for c in raw_choices):
            raise template_error("field_choices", origin=named(origin), name=brief(name))
        choices = tuple((str(c.get("value") or ""), str(_pick(c.get("label"), language) or c.get("value") or ""))
                        for c in raw_choices)
        specs.append(Field(
            name=name,
            label=str(_pick(entry.get("label"), language) or name.replace("_", " ").capitalize()),
            help=str(_pick(entry.get("help"), language) or ""),
            type=kind,
            optional=bool(entry.get("optional", name in OPTIONAL_NAME_FIELDS)),
            choices=choices,
            example=_pick(entry.get("example"), language),
        ))
    return specs


@functools.cache
def _catalogue():
    return load_bundled("emails/fields.yaml")


@functools.cache
def _kinds():
    return load_bundled("emails/kinds.yaml")


def kind_label(kind, language="en"):
    """The name of a kind of email for people, e.g. ``'Thank-you note'``."""
    return _pick(_kinds()[check_kind(kind)]["label"], check_language(language))


def kind_description(kind, language="en"):
    """One sentence on when to send this kind of email."""
    return _pick(_kinds()[check_kind(kind)]["description"], check_language(language))


@functools.cache
def _bundled():
    found = {}
    root = bundled_path("emails")
    for kind in EMAIL_KINDS:
        for resource in root.joinpath(kind).iterdir():
            if resource.name.endswith(".j2"):
                variant, language = resource.name[:-3].split(".")
                template = parse_template(resource.read_text(encoding="utf-8"),
                                          f"infoview/content/emails/{kind}/{resource.name}",
                                          kind=kind, variant=variant, language=language)
                found[kind, variant, language] = template
    return found


_registered = {}


def load_templates(path):
    """Read instructor templates from a file or a folder (every ``*.j2`` file in it, recursively).

    A file is named ``<kind>.<variant>.<language>.j2`` or ``<kind>/<variant>.<language>.j2``,
    unless its front matter gives ``kind``, ``variant`` and ``language``.
    """
    path = Path(path)
    if not path.exists():
        raise template_error("no_path", origin=path)
    files = sorted(path.rglob("*.j2")) if path.is_dir() else [path]
    if not files:
        raise template_error("no_templates", origin=path)
    result = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise template_error("not_utf8", origin=file) from None
        parts = file.name.split(".")
        guess = {}
        if len(parts) >= 4:
            guess = dict(kind=parts[0], variant=parts[1], language=parts[2])
        elif len(parts) == 3:
            guess = dict(kind=file.parent.name, variant=parts[0], language=parts[1])
        result.append(parse_template(text, str(file), **guess))
    return result


def register_templates(path):
    """Load instructor templates (see :func:`load_templates`) and make them available everywhere.

    A registered template replaces a bundled one with the same kind, variant and language.
    Returns the templates loaded.
    """
    loaded = load_templates(path)
    for template in loaded:
        _registered[template.kind, template.variant, template.language] = template
    return loaded


def clear_registered_templates():
    """Forget every template added with :func:`register_templates`."""
    _registered.clear()


def templates(kind=None, language=None):
    """All templates (bundled and registered), optionally of one kind and language, in display order."""
    merged = {**_bundled(), **_registered}
    order = {k: i for i, k in enumerate(EMAIL_KINDS)}
    def position(key):
        known = _kinds()[key[0]]["variants"]
        return (order[key[0]], known.index(key[1]) if key[1] in known else len(known), key[1], key[2])
    return [merged[key] for key in sorted(merged, key=position)
            if (kind is None or key[0] == kind) and (language is None or key[2] == language)]


def variants(kind, language="en"):
    """The variant names of a kind in a language, the default first.

    >>> variants("thank_you")
    ('standard', 'referral')
    """
    return tuple(t.variant for t in templates(check_kind(kind), check_language(language)))


def get_template(kind, language="en", variant=None):
    """The :class:`EmailTemplate` for a kind, language and variant (``None``: the default variant)."""
    found = templates(check_kind(kind), check_language(language))
    if variant is None:
        return found[0]
    for template in found:
        if template.variant == variant:
            return template
    raise template_error("no_variant", kind=kind, value=brief(variant), choices=", ".join(t.variant for t in found),
                         language_name=in_both(f"errors.template.language_names.{_LANGUAGE_NAMES[language]}"))


def example_fields(kind, language="en", variant=None):
    """Realistic field values for a template, from its example (a fresh copy you may change)."""
    return {name: (list(value) if isinstance(value, list) else value)
            for name, value in get_template(kind, language, variant).example.items()}


def render_email(kind, language="en", variant=None, *, region=None, **fields):
    """Render an email of ``kind`` in ``language``; returns an :class:`Email` (``.subject``, ``.body``).

    A German email follows the conventions of ``region``: ``"de-DE"`` (the default), ``"de-AT"``
    or ``"de-CH"`` (no comma after the salutation, a capital letter after it, "ss" for "ß").
    The examples of the bundled German templates go to Zürich and carry ``region="de-CH"``.
    Raises :class:`TemplateError` listing every missing field in ``.missing``.

    >>> fields = example_fields("outreach", "de", "alumni")
    >>> fields["region"]
    'de-CH'
    >>> print(render_email("outreach", "de", "alumni", **fields).body.splitlines()[2][:45])
    Über das Alumni-Netzwerk bin ich auf Ihr Prof
    >>> fields["region"] = "de-DE"
    >>> print(render_email("outreach", "de", "alumni", **fields).body.splitlines()[0])
    Sehr geehrte Frau Dr. Meyer,
    """
    return get_template(kind, language, variant).render(fields, region=region)
