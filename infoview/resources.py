"""Loading bundled content (inside the package), and parsing YAML safely.

>>> entries = load_bundled("categories.yaml")
>>> entries[0]["id"]
'opening'
"""

from importlib.resources import files

import yaml

__all__ = ["LANGUAGES", "bundled_path", "check_language", "load_bundled", "parse_yaml"]

LANGUAGES = ("en", "de")
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it; both load safely


def bundled_path(name):
    """The Traversable for a file under ``infoview/content/``."""
    return files("infoview").joinpath("content", *name.split("/"))


def load_bundled(name):
    """Parse a bundled YAML file from ``infoview/content/`` (files people write are read by
    :mod:`infoview.contentfile`, which says what is wrong in their language)."""
    return parse_yaml(bundled_path(name).read_text(encoding="utf-8"))


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


def check_language(language):
    """Return ``language`` if infoview has content in it, else raise a ``ValueError`` naming the choices."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return language
