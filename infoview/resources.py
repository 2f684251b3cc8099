"""Loading bundled content (inside the package) and instructor files (anywhere), safely.

>>> entries = load_bundled("categories.yaml")
>>> entries[0]["id"]
'opening'
"""

from importlib.resources import files

import yaml

from .errors import ContentError

__all__ = ["LANGUAGES", "bundled_path", "check_language", "load_bundled", "parse_yaml", "parse_yaml_file",
           "translated"]

LANGUAGES = ("en", "de")
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it; both load safely


def bundled_path(name):
    """The Traversable for a file under ``infoview/content/``."""
    return files("infoview").joinpath("content", *name.split("/"))


def load_bundled(name):
    """Parse a bundled YAML file from ``infoview/content/``."""
    resource = bundled_path(name)
    return parse_yaml_file(resource.read_text(encoding="utf-8"), f"infoview/content/{name}")


def parse_yaml(text):
    """Parse YAML ``text`` safely: no Python objects, and no aliases (``*name``), with which a file of
    a few hundred bytes can stand for billions of values; raises ``yaml.YAMLError``.

    >>> parse_yaml("a: &x [1, 2]\\nb: *x")
    Traceback (most recent call last):
    ...
    yaml.error.YAMLError: aliases (*x) are not allowed; write the value out in full
    """
    if "*" in text:
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                error = yaml.YAMLError(f"aliases (*{str(event.anchor)[:40]}) are not allowed; write the value out "
                                       "in full")
                error.problem, error.problem_mark = str(error), event.start_mark
                raise error
    return yaml.load(text, Loader=_SAFE_LOADER)


def parse_yaml_file(text, source):
    """Parse YAML ``text`` read from ``source`` (a file name); a broken file is a :class:`ContentError`
    naming the file, the line and the column."""
    try:
        return parse_yaml(text)
    except RecursionError:
        raise ContentError("the YAML is nested too deeply", file=source, fix="flatten its structure") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "it could not be parsed"
        raise ContentError(f"invalid YAML{where}: {problem}", file=source,
                           fix="check the indentation and quote any text that contains a colon") from None


def check_language(language):
    """Return ``language`` if infoview has content in it, else raise a ``ValueError`` naming the choices."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return language


def translated(entry, field, language, *, file, entry_id, required=True):
    """The ``language`` text of ``entry[field]`` (a mapping of language to text), checked.

    Raises :class:`ContentError` naming the file, entry and field when the translation is
    missing or empty, or when the field is not a mapping of languages.
    """
    value = entry.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise ContentError("expected one text per language", file=file, entry=entry_id, field=field,
                           fix=f"write it as '{field}:' followed by indented 'en:' and 'de:' lines")
    text = value.get(language)
    if text is None:
        name = {"en": "English", "de": "German"}.get(language, language)
        raise ContentError(f"missing {name} translation", file=file, entry=entry_id,
                           field=f"{field}.{language}", fix=f"add a '{language}:' line under '{field}:'")
    if not isinstance(text, str) or not text.strip():
        raise ContentError("the text is empty", file=file, entry=entry_id, field=f"{field}.{language}",
                           fix="write the text, or remove the entry")
    return text.strip()
