"""Email templates for informational interviews, rendered in a Jinja2 sandbox, in English and German.

Each kind of email (:data:`EMAIL_KINDS`) comes in several variants; each variant is one
template file per language under ``infoview/content/emails/<kind>/<variant>.<language>.j2``.
Instructors write their own in the same format and add them with :func:`register_templates`.

>>> email = render_email("outreach", "en", "alumni", **example_fields("outreach", "en", "alumni"))
>>> email.subject
'A current UZH student'
>>> email.body.splitlines()[0]
'Dear Dr. Shah,'
>>> salutation("Katrin", "Meyer", title="Dr.", form_of_address="female", language="de")
'Sehr geehrte Frau Dr. Meyer,'
>>> render_template("Hello {{ name }}!", name="Kim")
'Hello Kim!'
>>> try:
...     render_email("thank_you", "en", first_name="Kim")
... except TemplateError as exc:
...     exc.missing
['last_name', 'met_when', 'learned', 'next_step', 'sender_name']

Template files start with optional YAML front matter between two ``---`` lines
(``label``, ``description``, ``fields`` and an ``example`` mapping of field values; instructor files
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
from jinja2 import StrictUndefined, meta, nodes
from jinja2 import exceptions as jinja_errors
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import TemplateError
from ..resources import LANGUAGES, bundled_path, load_bundled

__all__ = [
    "EMAIL_KINDS", "Email", "EmailTemplate", "Field", "render_email", "render_template",
    "salutation", "get_template", "templates", "variants", "example_fields", "kind_label",
    "kind_description", "load_templates", "register_templates", "clear_registered_templates",
    "parse_template",
]

EMAIL_KINDS = ("outreach", "agenda", "follow_up", "thank_you", "keep_in_touch", "referral_outreach")

#: The fields :func:`salutation` reads; title and form of address may stay empty.
SALUTATION_FIELDS = ("first_name", "last_name", "title", "form_of_address")
_OPTIONAL_NAME_FIELDS = ("title", "form_of_address")
#: Variables every template gets without being given them.
COMPUTED_FIELDS = ("salutation", "language")
#: The most characters a template may produce; more is refused as a runaway template.
MAX_OUTPUT = 50_000

_SUBJECT = re.compile(r"^[ \t]*(?:Subject|Betreff)[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
_SUBJECT_LABEL = {"en": "Subject", "de": "Betreff"}
_FIELD_TYPES = ("text", "long", "list", "choice")
_FRONT_MATTER_KEYS = ("kind", "variant", "language", "label", "description", "fields", "example")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LANGUAGE_NAMES = {"en": "English", "de": "German"}
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it

_FORMS = {
    "female": "female", "f": "female", "w": "female", "ms": "female", "mrs": "female", "frau": "female",
    "male": "male", "m": "male", "mr": "male", "herr": "male",
    "": None, "neutral": None, "none": None, "n": None, "x": None, "d": None, "divers": None,
}


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Email:
    """A rendered email: ``subject`` and ``body``, with the kind, language and variant it came from."""

    subject: str
    body: str
    kind: str | None = None
    language: str = "en"
    variant: str | None = None

    def as_text(self):
        """The email as plain text: a subject line, a blank line and the body.

        >>> print(Email("Hello", "Dear Kim,\\n\\nthanks.", language="de").as_text())
        Betreff: Hello
        <BLANKLINE>
        Dear Kim,
        <BLANKLINE>
        thanks.
        <BLANKLINE>
        """
        return f"{_SUBJECT_LABEL.get(self.language, 'Subject')}: {self.subject}\n\n{self.body}\n"

    def __str__(self):
        return self.as_text()


@dataclass(frozen=True)
class Field:
    """One field a template needs: its name, label and help in the template's language, and its type.

    ``type`` is ``text`` (one line), ``long`` (several lines), ``list`` (one item per line)
    or ``choice`` (one of ``choices``, a tuple of ``(value, label)`` pairs).
    """

    name: str
    label: str
    help: str = ""
    type: str = "text"
    optional: bool = False
    choices: tuple = ()
    example: object = None

    @property
    def default(self):
        """The value an optional field has when left empty."""
        return [] if self.type == "list" else ""

    def clean(self, value):
        """Normalise a value: lists from text (one item per line), text stripped.

        >>> Field("questions", "Questions", type="list").clean("Why?\\n\\n  How? ")
        ['Why?', 'How?']
        """
        if self.type == "list":
            if value is None:
                return []
            if isinstance(value, str):
                value = value.splitlines()
            elif not isinstance(value, (list, tuple)):
                value = [value]
            return [str(item).strip() for item in value if str(item).strip()]
        if value is None:
            return ""
        if isinstance(value, (list, tuple)):
            value = " ".join(str(item) for item in value)
        return str(value).strip()

    def is_empty(self, value):
        return value is None or (isinstance(value, (str, list, tuple)) and not self.clean(value))


# --------------------------------------------------------------------------- salutation


def salutation(first_name="", last_name="", title=None, form_of_address=None, language="en"):
    """The opening line of an email, from the reader's name, title and form of address.

    ``form_of_address`` is ``"female"``, ``"male"`` or empty for the neutral form, which
    uses first and last name. German bodies continue in lower case after it.

    >>> salutation("Katrin", "Meyer", "Dr.", "female", "de")
    'Sehr geehrte Frau Dr. Meyer,'
    >>> salutation("Jan", "Schmidt", form_of_address="male", language="de")
    'Sehr geehrter Herr Schmidt,'
    >>> salutation("Kim", "Meyer", language="de")
    'Guten Tag Kim Meyer,'
    >>> salutation("Kim", "Meyer", title="Dr.")
    'Dear Dr. Meyer,'
    >>> salutation("Kim", "Meyer")
    'Dear Kim Meyer,'
    >>> salutation("Anna", "Meyer", form_of_address="female"), salutation("Jan", "Schmidt", form_of_address="male")
    ('Dear Ms Meyer,', 'Dear Mr Schmidt,')
    """
    language = _check_language(language)
    first, last, title = (" ".join(str(part or "").split()) for part in (first_name, last_name, title))
    key = " ".join(str(form_of_address or "").split()).lower().rstrip(".")
    if key not in _FORMS:
        raise TemplateError(
            f"unknown form of address {form_of_address!r}. Fix: use 'female', 'male', "
            "or leave it empty for the neutral form with first and last name")
    form = _FORMS[key]
    missing = [name for name, value in (("first_name", first), ("last_name", last))
               if not value and (name == "last_name" or (form is None and not title))]
    if missing:
        raise TemplateError(f"the salutation needs {' and '.join(missing)}", missing=missing)
    titled = f"{title} {last}" if title else last
    if language == "de":
        if form == "female":
            return f"Sehr geehrte Frau {titled},"
        if form == "male":
            return f"Sehr geehrter Herr {titled},"
        return f"Guten Tag {' '.join(part for part in (title, first, last) if part)},"
    if title:
        return f"Dear {titled},"
    if form == "female":
        return f"Dear Ms {last},"
    if form == "male":
        return f"Dear Mr {last},"
    return f"Dear {first} {last},"


# --------------------------------------------------------------------------- the sandbox


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also refusing multiplications and powers that would exhaust memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if (operator == "**" and isinstance(left, int) and isinstance(right, int)
                and abs(left) > 1 and right > 0 and left.bit_length() * right > 100_000):
            raise jinja_errors.SecurityError("the power is too large")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (isinstance(sequence, (str, list, tuple)) and isinstance(times, int)
                        and len(sequence) * times > MAX_OUTPUT):
                    raise jinja_errors.SecurityError("the repeated text would be far too long")
        return super().call_binop(context, operator, left, right)


def _join_with(items, word="and"):
    """``["a", "b", "c"] | join_with("and")`` gives ``"a, b and c"``."""
    if isinstance(items, str):
        return items
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


_ENV = _Sandbox(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)
_ENV.filters["join_with"] = _join_with
del _ENV.globals["lipsum"]  # it can produce megabytes of filler text in one call
_FILE_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_REFUSED = "templates may only use the fields they are given, not Python internals"


class _Compiled:
    """A parsed, checked and compiled template, with the fields it refers to in order of appearance."""

    def __init__(self, source, origin, line_offset=0, subject_line=None):
        self.source = source
        self.origin = origin
        self.line_offset = line_offset
        try:
            ast = _ENV.parse(source)
        except jinja_errors.TemplateSyntaxError as exc:
            raise TemplateError(
                f"{self._where(exc.lineno)}: {exc.message}. Fix: check that every '{{{{' has its '}}}}' "
                "and every {% if %} or {% for %} its {% endif %} or {% endfor %}") from None
        self._check_safe(ast)
        undeclared = meta.find_undeclared_variables(ast) - set(_ENV.globals)
        found = [node for node in ast.find_all(nodes.Name) if node.name in undeclared]
        # fields in the order the body uses them; those only in the subject line come last
        found.sort(key=lambda node: node.lineno == subject_line)
        self.names = tuple(dict.fromkeys(node.name for node in found))
        # a name the template tests with "is defined" is one it can do without
        self.guarded = frozenset(test.node.name for test in ast.find_all(nodes.Test)
                                 if test.name in ("defined", "undefined") and isinstance(test.node, nodes.Name))

    @functools.cached_property
    def template(self):
        """The compiled template, made on first use (compiling costs more than parsing)."""
        return _ENV.from_string(self.source)

    def _where(self, line):
        return f"{self.origin}, line {(line or 1) + self.line_offset}"

    def _check_safe(self, ast):
        for node in ast.find_all(_FILE_NODES):
            raise TemplateError(
                f"{self._where(node.lineno)}: templates cannot include, import or extend other files. "
                "Fix: write the text into this template")
        for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
            name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
            if isinstance(name, str) and name.startswith("_"):
                raise TemplateError(f"{self._where(node.lineno)}: refused to read {name!r}; {_REFUSED}")

    def fields(self, given=()):
        """The field names to fill, expanding ``salutation`` into the name fields unless it is given."""
        result = []
        for name in self.names:
            if name == "salutation" and "salutation" not in given:
                result.extend(n for n in SALUTATION_FIELDS if n not in result and n not in self.names)
            elif name not in COMPUTED_FIELDS and name not in result:
                result.append(name)
        return result

    def render(self, values, language, *, optional=(), empty_is_missing=False):
        """Render with ``values``; raise :class:`TemplateError` listing every missing field first.

        A field is missing when it is not given; with ``empty_is_missing`` (and always for the
        name fields behind the salutation) also when it is empty.
        """
        def absent(name):
            value = values.get(name)
            if value is None:
                return True
            if empty_is_missing or name in SALUTATION_FIELDS:
                return isinstance(value, (str, list, tuple)) and not (
                    value.strip() if isinstance(value, str) else value)
            return False
        missing = [name for name in self.fields(values) if name not in optional
                   and name not in _OPTIONAL_NAME_FIELDS and name not in self.guarded and absent(name)]
        if missing:
            raise TemplateError(
                f"{self.origin} needs {len(missing)} more field{'s' if len(missing) != 1 else ''}: "
                f"{', '.join(missing)}. Fix: give a value for each", missing=missing)
        context = {name: value for name, value in values.items() if value is not None}
        context["language"] = language
        for name in _OPTIONAL_NAME_FIELDS:
            context.setdefault(name, "")
        if "salutation" in self.names and "salutation" not in values:
            try:
                context["salutation"] = salutation(*(values.get(n) for n in SALUTATION_FIELDS),
                                                   language=language)
            except TemplateError as exc:
                raise TemplateError(f"{self.origin}: {exc}", missing=exc.missing) from None
        return self._generate(context)

    def _generate(self, context):
        chunks, size = [], 0
        try:
            for chunk in self.template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateError(f"{self.origin}: the template produces more than {MAX_OUTPUT:,} "
                                        "characters. Fix: check its loops")
                chunks.append(chunk)
        except TemplateError:
            raise
        except jinja_errors.SecurityError as exc:
            raise TemplateError(f"{self._where(_template_line(exc))}: refused: {exc} ({_REFUSED})") from None
        except jinja_errors.UndefinedError as exc:
            raise TemplateError(f"{self._where(_template_line(exc))}: {exc}. Fix: check the field's "
                                "name and the value you gave it") from None
        except RecursionError:
            raise TemplateError(f"{self.origin}: the template calls itself without end") from None
        except Exception as exc:  # a user template can fail in many ways; all become one clear error
            raise TemplateError(f"{self._where(_template_line(exc))}: the template failed: {exc}") from None
        return "".join(chunks)


def _template_line(exc):
    """The template line of the innermost template frame in ``exc``'s traceback (Jinja rewrites them)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_template(source, *, language="en", **fields):
    """Render a user-supplied template in the sandbox and return the text.

    Every missing field is reported at once in :attr:`TemplateError.missing`. Reaching for
    Python internals, files or imports raises :class:`TemplateError` instead.

    >>> render_template("{{ salutation }} Thanks!", first_name="Kim", last_name="Meyer", title="Dr.")
    'Dear Dr. Meyer, Thanks!'
    >>> try:
    ...     render_template("{{ ''.__class__ }}")
    ... except TemplateError as exc:
    ...     print(exc)
    your template, line 1: refused to read '__class__'; templates may only use the fields they are given, not Python internals
    """
    if not isinstance(source, str):
        raise TemplateError(f"a template must be text, not {type(source).__name__}")
    return _Compiled(source, "your template").render(fields, _check_language(language))


# --------------------------------------------------------------------------- template files


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
    _compiled: _Compiled = dataclass_field(repr=False, compare=False, default=None)

    @property
    def required_fields(self):
        """The names of the fields that must be filled."""
        return tuple(f.name for f in self.fields if not f.optional)

    def field(self, name):
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    def render(self, fields=None, /, *, placeholders=False, **more):
        """Render to an :class:`Email`.

        With ``placeholders=True``, missing fields are shown as ``[Label]`` instead of raising,
        so that a half-filled draft can be previewed.
        """
        given = {**(fields or {}), **more}
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
        text = self._compiled.render(values, self.language, optional=optional, empty_is_missing=True)
        subject, body = _split_subject(text, self.origin)
        return Email(subject, body, self.kind, self.language, self.variant)


def _split_subject(text, origin):
    lines = text.lstrip("\n").split("\n")
    match = _SUBJECT.match(lines[0])
    if not match:
        raise TemplateError(f"{origin}: the first line of the email must be its subject, "
                            "as in 'Subject: Thank you for your time'")
    body = "\n".join(line.rstrip() for line in lines[1:])
    body = re.sub(r"\n{3,}", "\n\n", body).strip("\n")
    return " ".join(match.group(1).split()), body


def parse_template(text, origin="your template", *, kind=None, variant=None, language=None):
    """Parse the text of a template file (front matter, subject line, body) into an :class:`EmailTemplate`.

    ``kind``, ``variant`` and ``language`` come from the front matter or, failing that, from
    the arguments (which the file loader takes from the file name).
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    front, source, offset = _front_matter(text, origin)
    kind = front.get("kind", kind)
    variant = front.get("variant", variant)
    language = front.get("language", language)
    if kind not in EMAIL_KINDS:
        raise TemplateError(f"{origin}: unknown kind {kind!r}. Fix: name the file '<kind>.<variant>.<language>.j2' "
                            f"or add 'kind:' to the front matter, with one of {', '.join(EMAIL_KINDS)}")
    if not isinstance(variant, str) or not _NAME.match(variant):
        raise TemplateError(f"{origin}: the variant {variant!r} must be a short name in lower case, "
                            "such as 'conference'. Fix: rename the file or add 'variant:' to the front matter")
    if language not in LANGUAGES:
        raise TemplateError(f"{origin}: unknown language {language!r}. Fix: use one of {', '.join(LANGUAGES)}")
    lines = source.split("\n")
    subject_line = next((number for number, line in enumerate(lines, 1) if line.strip()), 1)
    if not _SUBJECT.match(lines[subject_line - 1]):
        raise TemplateError(f"{origin}: after the front matter, the template must start with a subject line, "
                            "as in 'Subject: Thank you for your time', then a blank line and the body")
    compiled = _Compiled(source, origin, offset, subject_line)
    specs = _field_specs(compiled.fields(), front.get("fields") or {}, language, origin)
    example = {f.name: f.example for f in specs if f.example is not None}
    extra = front.get("example") or {}
    if not isinstance(extra, dict):
        raise TemplateError(f"{origin}: 'example' must be a mapping of field names to values")
    example.update(extra)
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
        raise TemplateError(f"{origin}: the front matter that starts with '---' on line 1 is never closed. "
                            "Fix: add a line with '---' after it")
    try:
        front = yaml.load("\n".join(lines[1:end]), Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 2}" if mark else ""
        raise TemplateError(f"{origin}{line}: the front matter is not valid YAML "
                            f"({getattr(exc, 'problem', None) or exc}). Fix: check the indentation "
                            "and quote any text that contains a colon") from None
    if not isinstance(front, dict):
        raise TemplateError(f"{origin}: the front matter must be a mapping such as 'description: ...'")
    unknown = sorted(set(front) - set(_FRONT_MATTER_KEYS))
    if unknown:
        raise TemplateError(f"{origin}: unknown front matter key {', '.join(map(repr, unknown))}. "
                            f"Fix: use only {', '.join(_FRONT_MATTER_KEYS)}")
    return front, "\n".join(lines[end + 1:]), end + 1


def _pick(value, language):
    """A per-language mapping's text in ``language``, or a plain value as it is."""
    if isinstance(value, dict) and set(value) <= set(LANGUAGES) and value:
        return value.get(language, value.get("en"))
    return value


def _field_specs(names, declared, language, origin):
    if not isinstance(declared, dict):
        raise TemplateError(f"{origin}: 'fields' must be a mapping of field names to their label and help")
    catalogue = _catalogue()
    specs = []
    for name in names:
        own = declared.get(name) or {}
        if isinstance(own, str):
            own = {"label": own}
        if not isinstance(own, dict):
            raise TemplateError(f"{origin}: field {name!r} must be a mapping with 'label', 'help', 'type' "
                                "or 'example', or just its label")
        entry = {**catalogue.get(name, {}), **own}
        kind = entry.get("type", "text")
        if kind not in _FIELD_TYPES:
            raise TemplateError(f"{origin}: field {name!r} has unknown type {kind!r}. "
                                f"Fix: use one of {', '.join(_FIELD_TYPES)}")
        raw_choices = entry.get("choices") or ()
        if not isinstance(raw_choices, (list, tuple)) or not all(isinstance(c, dict) for c in raw_choices):
            raise TemplateError(f"{origin}: the choices of field {name!r} must be a list of "
                                "'- value: ...' entries, each with a 'label'")
        choices = tuple((str(c.get("value") or ""), str(_pick(c.get("label"), language) or c.get("value") or ""))
                        for c in raw_choices)
        specs.append(Field(
            name=name,
            label=str(_pick(entry.get("label"), language) or name.replace("_", " ").capitalize()),
            help=str(_pick(entry.get("help"), language) or ""),
            type=kind,
            optional=bool(entry.get("optional", name in _OPTIONAL_NAME_FIELDS)),
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
    return _pick(_kinds()[_check_kind(kind)]["label"], _check_language(language))


def kind_description(kind, language="en"):
    """One sentence on when to send this kind of email."""
    return _pick(_kinds()[_check_kind(kind)]["description"], _check_language(language))


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
        raise TemplateError(f"{path}: no such file or folder. Fix: check the path")
    files = sorted(path.rglob("*.j2")) if path.is_dir() else [path]
    if not files:
        raise TemplateError(f"{path}: the folder has no template files. Fix: name them "
                            "'<kind>.<variant>.<language>.j2', e.g. 'outreach.conference.en.j2'")
    result = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise TemplateError(f"{file}: the file is not UTF-8 text. Fix: save it as UTF-8") from None
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
    return tuple(t.variant for t in templates(_check_kind(kind), _check_language(language)))


def get_template(kind, language="en", variant=None):
    """The :class:`EmailTemplate` for a kind, language and variant (``None``: the default variant)."""
    found = templates(_check_kind(kind), _check_language(language))
    if variant is None:
        return found[0]
    for template in found:
        if template.variant == variant:
            return template
    raise TemplateError(f"there is no {kind} variant {variant!r} in {_LANGUAGE_NAMES.get(language, language)}. "
                        f"Fix: choose one of {', '.join(t.variant for t in found)}")


def example_fields(kind, language="en", variant=None):
    """Realistic field values for a template, from its example (a fresh copy you may change)."""
    return {name: (list(value) if isinstance(value, list) else value)
            for name, value in get_template(kind, language, variant).example.items()}


def render_email(kind, language="en", variant=None, **fields):
    """Render an email of ``kind`` in ``language``; returns an :class:`Email` (``.subject``, ``.body``).

    Raises :class:`TemplateError` listing every missing field in ``.missing``.
    """
    return get_template(kind, language, variant).render(fields)


def _check_kind(kind):
    if kind not in EMAIL_KINDS:
        raise TemplateError(f"unknown kind of email {kind!r}. Fix: choose one of {', '.join(EMAIL_KINDS)}")
    return kind


def _check_language(language):
    if language not in LANGUAGES:
        raise TemplateError(f"unknown language {language!r}. Fix: choose one of {', '.join(LANGUAGES)}")
    return language
