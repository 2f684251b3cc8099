"""Reading the content files people write (an instructor's question bank in YAML), with every
problem a keyed :class:`~infoview.errors.ContentError` naming the file, the line and the fix, so
that it can be said in the reader's language (:func:`infoview.problems.in_language`); and picking
one language's text of an entry.

>>> translated({"text": {"en": "Why?", "de": "Warum?"}}, "text", "de", file="bank.yaml", entry_id="q1")
'Warum?'
>>> from infoview.problems import in_language
>>> try:
...     translated({"text": {"en": "Why?"}}, "text", "de", file="bank.yaml", entry_id="q1")
... except Exception as error:
...     print(in_language(error, "de"))
bank.yaml, Eintrag 'q1', Feld 'text.de': die deutsche Übersetzung fehlt. Abhilfe: Ergänzen Sie unter „text:“ eine Zeile „de:“.
"""

from pathlib import Path

import yaml

from . import textfile
from .errors import FileError
from .problems import content_error, content_from_file, in_both
from .resources import parse_yaml

__all__ = ["MAX_YAML_BYTES", "read_yaml", "translated", "yaml_problem"]

MAX_YAML_BYTES = 2_000_000
"""The largest YAML file read (2 MB): a question bank of thousands of questions is far smaller."""

_YAML_PROBLEMS = (("mapping values are not allowed", "mapping_here"), ("could not find expected ':'", "expected_colon"),
                  ("'\\t'", "tab"), ("expected <block end>", "block_end"), ("expected ',' or", "flow_end"),
                  ("unexpected end of stream", "quote_end"), ("aliases (", "alias"),
                  ("could not determine a constructor", "python_tag"))
"""The YAML parser's problems said in other words (the start of the parser's words, the text's key)."""


def read_yaml(path):
    """Parse a YAML file someone wrote, safely (no Python objects, no aliases, at most 2 MB)."""
    path = Path(path)
    if not path.exists():
        raise content_error("no_file", file=path)
    try:
        data = textfile.read_bytes(path, "bank")
    except FileError as error:
        raise content_from_file(error, file=path) from None
    if len(data) > MAX_YAML_BYTES:
        raise content_error("too_large", file=path, limit=MAX_YAML_BYTES // 1_000_000,
                            size={"en": f"{len(data) / 1e6:.1f}", "de": f"{len(data) / 1e6:.1f}".replace(".", ",")})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise content_error("not_utf8", file=path, start=exc.start,
                            reason={**in_both("errors.content.bad_byte"), "en": exc.reason}) from None
    try:
        return parse_yaml(text)
    except RecursionError:
        raise content_error("yaml_nested", file=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is None:
            raise content_error("yaml_unparsed", file=path, problem=yaml_problem(exc)) from None
        raise content_error("yaml_invalid", file=path, line=mark.line + 1, column=mark.column + 1,
                            problem=yaml_problem(exc)) from None


def yaml_problem(error):
    """What the YAML parser found (a ``yaml.YAMLError``), as a value of an error: the parser's own
    words in English, the same in other words in the other languages."""
    said = getattr(error, "problem", None) or ""
    known = next((key for start, key in _YAML_PROBLEMS if start in said), "other")
    return {**in_both(f"errors.content.yaml_problems.{known}"), **({"en": said} if said else {})}


def translated(entry, field, language, *, file, entry_id):
    """The ``language`` text of ``entry[field]`` (a mapping of language to text), checked.

    Raises :class:`~infoview.errors.ContentError` naming the file, entry and field when the
    translation is missing or empty, or when the field is not a mapping of languages.
    """
    value = entry.get(field)
    if not isinstance(value, dict):
        raise content_error("not_per_language", file=file, entry=entry_id, field=field, part=field)
    text = value.get(language)
    if text is None:
        name = in_both(f"errors.content.language_names.{'german' if language == 'de' else 'english'}")
        raise content_error("no_translation", file=file, entry=entry_id, field=f"{field}.{language}", name=name,
                            code=language, part=field)
    if not isinstance(text, str) or not text.strip():
        raise content_error("empty_text", file=file, entry=entry_id, field=f"{field}.{language}")
    return text.strip()
