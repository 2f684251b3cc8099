"""Germany, Austria and Switzerland: how a German email is written there, and the public holidays of
each place. Every convention is data in ``infoview/content/regions.yaml``; this module only loads it.

>>> swiss = region("de-CH")
>>> swiss.salutation_comma, swiss.spell("Mit freundlichen Grüßen")
(False, 'Mit freundlichen Grüssen')
>>> region().code
'de-DE'
>>> salutation_title("Prof. Dr.", "de", "female", region("de-DE"))
'Professorin'
>>> salutation_title("Mag. Dr.", "de", "male", region("de-AT")), salutation_title("Mag.", "de", "male", region())
('Dr.', '')
>>> [str(day) for day in public_holidays(2025, "de-AT") if day.month == 12]
['2025-12-08', '2025-12-25', '2025-12-26']
"""

import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from .errors import ContentError, RegionError
from .resources import LANGUAGES, load_bundled
from .texts import text

__all__ = ["REGIONS", "Region", "check_region", "public_holidays", "region", "salutation_title",
           "spoken_greetings"]

_FILE = "infoview/content/regions.yaml"
_FORMS = ("female", "male", "neutral")
_FIRST_LETTER = re.compile(r"\s*([^\W\d_])")


@dataclass(frozen=True)
class Region:
    """The conventions of German emails in one country, and where its holidays come from."""

    code: str
    labels: MappingProxyType
    country: str
    subdivision_labels: MappingProxyType
    salutation_comma: bool
    sharp_s: bool
    titles: tuple

    def label(self, language="en"):
        """The region's name in ``language``."""
        return self.labels[language]

    def write(self, text, salutation=None):
        """An email ``text`` in the region's form: after a ``salutation`` without a comma the text
        starts with a capital letter, and "ß" is spelled as the region spells it.

        >>> print(region("de-CH").write("Sehr geehrter Herr Roth\\n\\nüber Ihren Gruß ...", "Sehr geehrter Herr Roth"))
        Sehr geehrter Herr Roth
        <BLANKLINE>
        Über Ihren Gruss ...
        """
        if salutation and not self.salutation_comma:
            at = text.find(salutation)
            first = _FIRST_LETTER.match(text, at + len(salutation)) if at >= 0 else None
            if first:
                text = text[:first.start(1)] + first.group(1).upper() + text[first.end(1):]
        return self.spell(text)

    def spell(self, text):
        """``text`` in the region's spelling: without "ß" where it is not written.

        >>> region("de-CH").spell("Grüße aus der Straße"), region("de-AT").spell("Grüße")
        ('Grüsse aus der Strasse', 'Grüße')
        """
        return text if self.sharp_s else text.replace("ß", "ss").replace("ẞ", "SS")


def _fail(message, field, fix):
    raise ContentError(message, file=_FILE, field=field, fix=fix)


@cache
def _data():
    data = load_bundled("regions.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("regions"), dict) or not isinstance(
            data.get("titles"), dict):
        _fail("expected the mappings 'regions' and 'titles'", None, "restore the file from the package")
    titles = {}
    for name, entry in data["titles"].items():
        try:
            pattern = re.compile(entry["pattern"], re.IGNORECASE)
        except (TypeError, KeyError, re.error) as exc:
            _fail(f"the pattern is missing or invalid ({exc})", f"titles.{name}.pattern", "write a regular expression")
        german = entry.get("de")
        german = german if isinstance(german, dict) else dict.fromkeys(_FORMS, german)
        if any(not isinstance(german.get(form), str) for form in _FORMS):
            _fail("expected the German form of the title", f"titles.{name}.de",
                  "write one text, or one per form of address: female, male, neutral")
        titles[name] = (pattern, entry.get("en"), MappingProxyType(german))
    regions = {}
    for code, entry in data["regions"].items():
        unknown = [t for t in entry.get("titles", ()) if t not in titles]
        if unknown:
            _fail(f"unknown titles {unknown}", f"regions.{code}.titles", "define them under 'titles'")
        try:
            regions[code] = Region(code, MappingProxyType({lang: entry["label"][lang] for lang in LANGUAGES}),
                                   str(entry["country"]),
                                   MappingProxyType({lang: entry["subdivision"][lang] for lang in LANGUAGES}),
                                   bool(entry["salutation_comma"]), bool(entry["sharp_s"]), tuple(entry["titles"]))
        except (KeyError, TypeError) as exc:
            _fail(f"the entry is incomplete ({exc})", f"regions.{code}",
                  "give label, country, subdivision, salutation_comma, sharp_s and titles")
    if data.get("default") not in regions:
        _fail("the default is not one of the regions", "default", f"use one of {', '.join(regions)}")
    english = tuple(data.get("english_titles") or ())
    if any(name not in titles or titles[name][1] is None for name in english):
        _fail("every English title needs an 'en' form", "english_titles", "add 'en:' to the title")
    return MappingProxyType(regions), data["default"], MappingProxyType(titles), english, \
        tuple(data.get("spoken_greetings") or ())


REGIONS = tuple(_data()[0])
"""The region codes, such as ``"de-CH"``."""


def region(code=None, language="en"):
    """The :class:`Region` with ``code`` (``None``: the default, Germany).

    An unknown code raises :class:`RegionError` in ``language``.
    """
    regions, default, *_ = _data()
    if code is None:
        return regions[default]
    if code not in regions:
        raise RegionError(text("regions.unknown_region", language, region=code, choices=", ".join(regions)))
    return regions[code]


def check_region(code, language):
    """The :class:`Region` for a German email, or ``None`` for an English one (which has no region)."""
    if language != "de":
        if code is not None:
            raise RegionError(text("regions.english_region", language))
        return None
    return region(code, language)


def spoken_greetings():
    """Greetings of speech that do not open an email, such as "Grüß Gott"."""
    return _data()[4]


def salutation_title(title, language, form=None, place=None):
    """How the salutation says ``title``: only the highest title the region uses, or ``""``.

    ``form`` is ``"female"``, ``"male"`` or ``None`` (neutral); ``place`` a :class:`Region`
    (German only). A title infoview does not know is kept as given.

    >>> salutation_title("Prof. Dr.", "en"), salutation_title("Dr. med.", "de", "male", region("de-CH"))
    ('Professor', 'Dr.')
    >>> salutation_title("Pfarrerin", "de", "female", region())
    'Pfarrerin'
    """
    _, _, titles, english, _ = _data()
    if not title:
        return ""
    held = [name for name, (pattern, _, _) in titles.items() if pattern.search(title)]
    if not held:
        return title
    order = english if language == "en" else (place or region()).titles
    for name in order:
        if name in held:
            return titles[name][1] if language == "en" else titles[name][2][form or "neutral"]
    return ""


def public_holidays(years, code=None, subdivision=None, language="en"):
    """The public holidays of a region (and, if given, of one state or canton) in ``years``.

    ``years`` is one year or several; ``subdivision`` a code of the ``holidays`` library
    (``"BY"``, ``"ZH"``, ``"9"`` for Vienna) or a name it knows (``"Bayern"``, ``"Wien"``,
    ``"Stadt Zürich"``). Returns sorted :class:`datetime.date` values.

    >>> import datetime
    >>> datetime.date(2025, 6, 19) in public_holidays(2025, "de-DE", "BY"), \\
    ...     datetime.date(2025, 6, 19) in public_holidays(2025, "de-DE", "BE")
    (True, False)
    """
    import holidays as calendars

    place = region(code, language)
    try:
        found = calendars.country_holidays(place.country, subdiv=subdivision, years=years, categories=("public",))
    except NotImplementedError:
        known = calendars.country_holidays(place.country)
        choices = ", ".join(known.subdivisions)
        raise RegionError(text("regions.unknown_subdivision", language, subdivision=subdivision,
                               kind=place.subdivision_labels[language], country=place.label(language),
                               choices=choices)) from None
    return sorted(found)
