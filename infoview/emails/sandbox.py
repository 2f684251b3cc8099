"""Rendering email templates in a Jinja2 sandbox: templates see only the fields they are given
(plus ``salutation`` and ``language``), may not reach Python internals, files or imports, and may
not produce runaway text. Every missing field is reported at once.

Limits, so that no template can hang or exhaust memory: a render takes at most
:data:`MAX_SECONDS` and :data:`MAX_STEPS` steps (loop iterations, calls, attribute reads and
operations); no single text it builds (with ``~``, ``+``, ``*``, ``%``, a filter such as
``center``, ``indent``, ``format``, ``replace`` or ``join``, or a string method such as
``ljust``) may exceed :data:`~infoview.emails.message.MAX_OUTPUT` characters; numbers may not
grow beyond :data:`MAX_BITS` bits.

>>> render_template("Hello {{ name }}!", name="Kim")
'Hello Kim!'
"""

import contextvars
import functools
import re
import time

from jinja2 import StrictUndefined, meta, nodes
from jinja2 import exceptions as jinja_errors
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import TemplateError
from ..problems import in_both, template_error
from ..regions import check_region
from .message import COMPUTED_FIELDS, MAX_OUTPUT, OPTIONAL_NAME_FIELDS, SALUTATION_FIELDS, check_language, salutation

__all__ = ["MAX_BITS", "MAX_SECONDS", "MAX_STEPS", "YOUR_TEMPLATE", "Compiled", "render_template"]

YOUR_TEMPLATE = "your template"
"""The name of a template that is not in a file, as its errors say it (in the reader's language)."""

MAX_SECONDS = 2.0
"""The longest one render may take."""
MAX_STEPS = 2_000_000
"""The most loop iterations, calls, attribute reads and operations in one render."""
MAX_BITS = 100_000
"""The largest number (in bits) a template may compute."""

_BUDGET = contextvars.ContextVar("template_budget", default=None)
_NUMBER = re.compile(r"\d{7,}")  # a width or precision of a million or more in a format string
_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


class _Refused(jinja_errors.SecurityError):
    """A render refused for passing a limit: ``key`` names the text ``errors.template.limits.<key>``."""

    def __init__(self, key, **values):
        self.key, self.values = key, values
        super().__init__(key)


class _Budget:
    """The steps and the time one render may still use."""

    def __init__(self):
        self.steps, self.deadline = 0, time.monotonic() + MAX_SECONDS

    def tick(self):
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _Refused("steps", limit=MAX_STEPS)
        if not self.steps & 0x3FF and time.monotonic() > self.deadline:
            raise _Refused("seconds", limit={"en": f"{MAX_SECONDS:g}", "de": f"{MAX_SECONDS:g}".replace(".", ",")})


def _tick():
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def _too_long(length):
    if length > MAX_OUTPUT:
        raise _Refused("text", limit=MAX_OUTPUT)


def _check_format(spec):
    """Refuse a format string with a width or precision that would build a huge text."""
    if isinstance(spec, str) and any(int(n) > MAX_OUTPUT for n in _NUMBER.findall(spec)):
        raise _Refused("format_width", limit=MAX_OUTPUT)


def _length(value):
    return len(value) if isinstance(value, (str, list, tuple)) else len(str(value))


def _check_call(function, args, kwargs, name=None):
    """Refuse a string method or filter call whose result would be far too long, before it is built."""
    function = getattr(function, "__wrapped__", function)  # the sandbox wraps str.format
    name = name or getattr(function, "__name__", "")
    owner = getattr(function, "__self__", None)
    numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)]
    if name in _WIDTH_METHODS | {"indent", "wordwrap"} and any(n > MAX_OUTPUT for n in numbers):
        raise _Refused("width", limit=MAX_OUTPUT)
    if name in ("format", "format_map"):
        _check_format(owner if isinstance(owner, str) else args[0] if args else None)
        if any(n > MAX_OUTPUT for n in numbers):  # a width given as an argument: "{0:>{1}}"
            raise _Refused("width", limit=MAX_OUTPUT)
    if name == "replace":
        text, old, new = (owner, *args[:2]) if isinstance(owner, str) else (args + (None, None, None))[:3]
        if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
            count = len(text) + 1 if not old else text.count(old)
            _too_long(len(text) + count * max(0, len(new) - len(old)))
    if name in ("join", "join_with"):
        items = args[0] if args else None
        if isinstance(items, (list, tuple)):
            _too_long(sum(_length(item) for item in items))


def _guarded(name, filter_function):
    """The filter ``name``, refusing to build a text over the limit."""
    @functools.wraps(filter_function)
    def guarded(*args, **kwargs):
        _tick()
        given = args[1:] if getattr(filter_function, "jinja_pass_arg", None) else args  # after Jinja's own
        _check_call(filter_function, given, kwargs, name)
        return filter_function(*args, **kwargs)
    return guarded


class _Counted:
    """A loop's items, each iteration counted against the render's budget."""

    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        for item in self.items:
            _tick()
            yield item


class _Generator(CodeGenerator):
    """Jinja's code generator, with ``~`` joined by the sandbox (so that its length is checked)."""

    def visit_Concat(self, node, frame):
        self.write("environment.concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also refusing work and values that would exhaust time or memory."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Generator

    def _parse(self, source, name, filename):
        ast = super()._parse(source, name, filename)
        for loop in ast.find_all(nodes.For):  # every loop's items are counted
            loop.iter = nodes.Call(nodes.Name("counted_items", "load"), [loop.iter], [], None, None,
                                   lineno=loop.lineno)
        return ast

    def concat(self, parts):
        _tick()
        texts = [str(part) for part in parts]
        _too_long(sum(map(len, texts)))
        return "".join(texts)

    def getattr(self, obj, attribute):
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        _tick()
        return super().getitem(obj, argument)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        _tick()
        _check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        _tick()
        numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
        if operator == "**" and numbers and abs(left) > 1 and right > 0 and left.bit_length() * right > MAX_BITS:
            raise _Refused("power")
        if operator == "*" and numbers and left.bit_length() + right.bit_length() > MAX_BITS:
            raise _Refused("product")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (isinstance(sequence, (str, list, tuple)) and isinstance(times, int)
                        and len(sequence) * times > MAX_OUTPUT):
                    raise _Refused("repeated")
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _too_long(len(left) + len(right))
        if operator == "%" and isinstance(left, str):
            _check_format(left)
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
for _name in ("center", "indent", "format", "replace", "join", "wordwrap", "join_with"):
    _ENV.filters[_name] = _guarded(_name, _ENV.filters[_name])
_ENV.globals["counted_items"] = _Counted
del _ENV.globals["lipsum"]  # it can produce megabytes of filler text in one call
_FILE_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_SYNTAX = ((r"unknown tag ('\w+')", "unknown_tag"), (r"^Unexpected end of template", "open_block"),
           (r"^unexpected end of template", "open_expression"), (r"^unexpected (?:char )?('.+?')", "unexpected"),
           (r"^expected token ('.+?')", "expected"))
"""Jinja's syntax errors said in other words: what Jinja says, and the key of the text."""
_FILTERS = ((r"No filter named ('.+?')", "filter"), (r"No test named ('.+?')", "test"))
_UNDEFINED = ((r"^('.+') is undefined$", "undefined"), (r"has no attribute ('.+')$", "no_attribute"))


class Compiled:
    """A parsed, checked and compiled template, with the fields it refers to in order of appearance."""

    def __init__(self, source, origin, line_offset=0, subject_line=None):
        self.source = source
        self.origin = origin
        self.line_offset = line_offset
        try:
            ast = _ENV.parse(source)
        except jinja_errors.TemplateSyntaxError as exc:
            raise self._error("syntax", exc.lineno or 1, detail=_said(exc.message, _SYNTAX, "errors.template.jinja")) \
                from None
        self._check_safe(ast)
        try:
            undeclared = meta.find_undeclared_variables(ast) - set(_ENV.globals)
        except jinja_errors.TemplateSyntaxError as exc:  # an unknown filter or test
            detail = _said(exc.message, _FILTERS, "errors.template.filter_names")
            raise self._error("unknown_filter", exc.lineno or 1, detail=detail) from None
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

    def _error(self, key, line=None, missing=(), **values):
        """The :class:`TemplateError` ``errors.template.<key>`` at template ``line`` (None: the whole template)."""
        return template_error(key, origin=named(self.origin), line=None if line is None else line + self.line_offset,
                              missing=missing, **values)

    def _check_safe(self, ast):
        for node in ast.find_all(_FILE_NODES):
            raise self._error("include", node.lineno or 1)
        for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
            name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
            if isinstance(name, str) and name.startswith("_"):
                raise self._error("private", node.lineno or 1, name=repr(name))

    def fields(self, given=()):
        """The field names to fill, expanding ``salutation`` into the name fields unless it is given."""
        result = []
        for name in self.names:
            if name == "salutation" and "salutation" not in given:
                result.extend(n for n in SALUTATION_FIELDS if n not in result and n not in self.names)
            elif name not in COMPUTED_FIELDS and name not in result:
                result.append(name)
        return result

    def render(self, values, language, *, optional=(), empty_is_missing=False, region=None):
        """Render with ``values``; raise :class:`TemplateError` listing every missing field first.

        A field is missing when it is not given; with ``empty_is_missing`` (and always for the
        name fields behind the salutation) also when it is empty. A German email is written in the
        form of ``region`` (``None``: Germany), see :meth:`~infoview.regions.Region.write`.
        """
        place = check_region(region, language)
        def absent(name):
            value = values.get(name)
            if value is None:
                return True
            if empty_is_missing or name in SALUTATION_FIELDS:
                return isinstance(value, (str, list, tuple)) and not (
                    value.strip() if isinstance(value, str) else value)
            return False
        missing = [name for name in self.fields(values) if name not in optional
                   and name not in OPTIONAL_NAME_FIELDS and name not in self.guarded and absent(name)]
        if missing:
            raise template_error("missing_fields", missing=missing, name=named(self.origin), count=len(missing),
                                 fields=", ".join(missing))
        context = {name: value for name, value in values.items() if value is not None}
        context["language"] = language
        for name in OPTIONAL_NAME_FIELDS:
            context.setdefault(name, "")
        if "salutation" in self.names and "salutation" not in values:
            try:
                context["salutation"] = salutation(*(values.get(n) for n in SALUTATION_FIELDS),
                                                   language=language, region=region)
            except TemplateError as exc:
                raise self._error(exc.key, missing=exc.missing, **{k: v for k, v in exc.values if k != "origin"}) \
                    from None
        written = self._generate(context)
        return place.write(written, context.get("salutation")) if place else written

    def _generate(self, context):
        chunks, size = [], 0
        token = _BUDGET.set(_Budget())
        try:
            for chunk in self.template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise self._error("too_much_output", limit=MAX_OUTPUT)
                chunks.append(chunk)
        except TemplateError:
            raise
        except _Refused as exc:
            detail = in_both(f"errors.template.limits.{exc.key}", **exc.values)
            raise self._error("limit", _template_line(exc) or 1, detail=detail) from None
        except jinja_errors.SecurityError as exc:  # Jinja's own sandbox refusing an attribute or a call
            detail = {**in_both("errors.template.limits.unsafe"), "en": str(exc)}
            raise self._error("refused", _template_line(exc) or 1, detail=detail) from None
        except jinja_errors.UndefinedError as exc:
            detail = _said(str(exc), _UNDEFINED, "errors.template.undefined_names")
            raise self._error("undefined", _template_line(exc) or 1, detail=detail) from None
        except RecursionError:
            raise self._error("recursion") from None
        except MemoryError:
            raise self._error("memory") from None
        except Exception as exc:  # a user template can fail in many ways; all become one clear error
            detail = {"en": _short(str(exc)), "de": type(exc).__name__}  # Python's words are English
            raise self._error("failed", _template_line(exc) or 1, detail=detail) from None
        finally:
            _BUDGET.reset(token)
        return "".join(chunks)


def named(origin):
    """``origin`` as an error names it: :data:`YOUR_TEMPLATE` in the reader's language, a file as it is."""
    return in_both("errors.template.yours") if origin == YOUR_TEMPLATE else origin


def _said(message, patterns, texts):
    """Jinja's ``message`` (English) with the same said in other words in every other language: the
    first of ``patterns`` that matches gives the key under ``texts`` and the value it shows."""
    for pattern, key in patterns:
        found = re.search(pattern, message)
        if found:
            return {**in_both(f"{texts}.{key}", **({"what": found[1]} if found.groups() else {})),
                    "en": message.rstrip(".")}
    return {**in_both(f"{texts}.other"), "en": message.rstrip(".")}


def _short(message, limit=200):
    """``message`` cut to ``limit`` characters, so that no huge value is printed."""
    return message if len(message) <= limit else message[:limit] + "…"


def _template_line(exc):
    """The template line of the innermost template frame in ``exc``'s traceback (Jinja rewrites them)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_template(source, *, language="en", region=None, **fields):
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
    >>> print(render_template("{{ salutation }}\\n\\nüber Ihren Gruß habe ich mich gefreut.", language="de",
    ...                       region="de-CH", first_name="Kim", last_name="Meyer", form_of_address="female"))
    Sehr geehrte Frau Meyer
    <BLANKLINE>
    Über Ihren Gruss habe ich mich gefreut.
    """
    if not isinstance(source, str):
        raise template_error("not_text", kind=type(source).__name__)
    return Compiled(source, YOUR_TEMPLATE).render(fields, check_language(language), region=region)
