"""Every word infoview shows, in English and German: one lookup over ``infoview/content/texts/``.

A key is dotted: its first part names the file (``widgets``, ``log``, ``analysis``, ``classroom``,
``drafter``, ``studio``, ``workspace``, ``network``, ``regions``, ``exercises``, ``errors``, ``cli``), the rest the entry in it. An entry is a mapping of language to text
(or to a list, such as the months); a plain text is the same in every language (the labels
that stand in for people in the class report).

The language is checked once, where it enters (the public function or widget, with
:func:`check_language`), and passed down as a plain value; a language without a text here
raises :class:`~infoview.errors.ContentError` naming the file and the entry.

>>> text("widgets.progress", "de", done=2, total=5)
'2 von 5 erledigt'
>>> texts("log.widget.events", "en")["accepted"]
'They replied and said yes'
"""

from functools import cache

from .errors import ContentError
from .resources import LANGUAGES, check_language, load_bundled

__all__ = ["AREAS", "LANGUAGES", "check_language", "text", "texts"]

AREAS = ("widgets", "log", "analysis", "classroom", "drafter", "studio", "workspace", "network", "regions", "exercises",
         "errors", "cli")
"""The files under ``content/texts/``, one per part of infoview."""


@cache
def _area(name):
    if name not in AREAS:
        raise ContentError("no such text file", file=f"infoview/content/texts/{name}.yaml",
                           fix=f"start the key with one of {', '.join(AREAS)}")
    return load_bundled(f"texts/{name}.yaml")


def _is_translation(entry):
    return isinstance(entry, dict) and bool(entry) and set(entry) <= set(LANGUAGES)


def _entry(key):
    area, _, path = key.partition(".")
    entry = _area(area)
    for part in path.split(".") if path else ():
        if not isinstance(entry, dict) or part not in entry:
            raise ContentError("no such text", file=f"infoview/content/texts/{area}.yaml", field=path,
                               fix="add the text in English and German")
        entry = entry[part]
    return entry


def _pick(entry, key, language):
    if not isinstance(entry, dict):
        return entry
    if language not in entry:
        area, _, path = key.partition(".")
        raise ContentError(f"missing {language!r} text", file=f"infoview/content/texts/{area}.yaml", field=path,
                           fix=f"add a '{language}:' line")
    return entry[language]


def text(key, language, **values):
    """The text at ``key`` in ``language``, with ``{placeholders}`` filled from ``values``.

    A text with the forms ``one`` and ``other`` is chosen by the value ``count``.

    >>> text("analysis.format.decimal", "de"), text("classroom.handins.contact_label", "de")
    (',', '[contact]')
    >>> text("log.widget.overdue", "de", count=1), text("log.widget.overdue", "en", count=3)
    ('seit einem Tag fällig', '3 days overdue')
    """
    value = _pick(_entry(key), key, language)
    if isinstance(value, dict) and {"one", "other"} <= set(value):
        value = value["one" if str(values.get("count")) == "1" else "other"]  # also a count already written out
    return value.format(**values) if values and isinstance(value, str) else value


def texts(key, language):
    """The texts under ``key`` in ``language``, as a nested dict (for a view that shows a whole set)."""
    entry = _entry(key)
    if _is_translation(entry) or not isinstance(entry, dict):
        raise ContentError("this is one text, not a set of texts", field=key, fix="use text() for it")
    return {name: texts(f"{key}.{name}", language) if isinstance(value, dict) and not _is_translation(value)
            else _pick(value, f"{key}.{name}", language) for name, value in entry.items()}
