"""The one privacy policy of infoview: what of the people students contact may leave a student's
computer, for the export (``infoview log export --pseudonymize``, :func:`~infoview.log.write.write_log`)
and for the class report (:func:`~infoview.classroom.handins.read_submissions`).

Both drop the notes, replace contact names written in the :data:`NAME_COLUMNS` (student,
organisation, role, template) and remove email addresses and phone numbers (:func:`scrub`):

* the export (:func:`pseudonymise`) keeps each contact as a pseudonym, "Contact 1a2b3c4d" (a keyed
  hash with a new random key for every export: the same person has the same pseudonym within one
  file but cannot be followed from one export to the next), and replaces an ``outreach_id`` that
  holds contact data by a keyed hash;
* the class report (:func:`protect`) goes further, because it combines many students' files: each
  contact becomes a number ("contact 17", the same for the same name written with other case or
  spacing), names are found in any spelling and also without an academic title (:class:`Names`),
  and in the organisation, role and template each part of a name on its own too ("Kurz & Partner");
  outreach ids become row numbers, and problem lists keep no cell values (:func:`safe_problems`).

>>> scrub("Write to lena.kurz@example.org or call +49 30 1234 5678.")
'Write to [email] or call [phone].'
>>> Names(["Dr. Lena Kurz"], "[contact]", parts=True)("Met lena KURZ at Kurz & Partner")
'Met [contact] at [contact] & Partner'
"""

import hashlib
import hmac
import re

from ..errors import Problem
from .columns import header_key, vocabulary

__all__ = ["NAME_COLUMNS", "Names", "is_pseudonym", "map_unique", "protect", "pseudonym", "pseudonymise",
           "safe_problems", "scrub"]

NAME_COLUMNS = ("student", "organisation", "role", "template")
"""The text columns besides the contact in which students write contacts' names."""
_LABELS = ("Contact", "Kontakt")  # the export's pseudonym labels, English and German
_DIGITS = 8
_PSEUDONYM = re.compile(rf"(?:{'|'.join(_LABELS)}) [0-9a-f]{{{_DIGITS}}}").fullmatch
_WORD = re.compile(r"\w+")
_TITLE_WORDS = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "herr", "frau", "dipl", "ing", "mag", "med",
                "rer", "nat", "phil", "habil", "pd"}
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_EMAIL_AT = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+", re.I)
_MAYBE_CONTACT = re.compile(r"@|\(at\)|\[at\]|(?:\d\D*){7}", re.I).search
_PHONE = re.compile(r"(?<![\w.])(?:\+|00)?\(?\d[\d\s()./-]{4,}\d(?![\w])")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}")


def _phone(match):
    text = match.group()
    if sum(ch.isdigit() for ch in text) < 7 or _DATE.fullmatch(text.strip()):
        return text
    return "[phone]"


def scrub(text):
    """Replace email addresses and phone numbers (7 digits or more) in ``text``."""
    if not isinstance(text, str) or not _MAYBE_CONTACT(text):
        return text
    text = _EMAIL.sub("[email]", text)
    text = _EMAIL_AT.sub("[email]", text)
    return _PHONE.sub(_phone, text)


def _name_key(name):
    return " ".join(name.split()).casefold()


def pseudonym(name, salt, label="Contact"):
    """A stable pseudonym for ``name`` under ``salt`` (bytes): case and spacing do not matter.

    >>> pseudonym("Lena Kurz", b"k") == pseudonym(" lena  KURZ", b"k") != pseudonym("Lena Kurz", b"j")
    True
    """
    digest = hmac.new(salt, _name_key(name).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{label} {digest[:_DIGITS]}"


def is_pseudonym(text):
    """Whether ``text`` is a pseudonym that :func:`pseudonym` makes (in English or German).

    >>> is_pseudonym(pseudonym("Lena Kurz", b"k", "Kontakt")), is_pseudonym("Lena Kurz")
    (True, False)
    """
    return _PSEUDONYM(text) is not None


def map_unique(series, function):
    """``function`` applied to each distinct value of ``series`` once (a Series of objects)."""
    import pandas as pd

    codes, uniques = pd.factorize(series)
    if not len(uniques):
        return series
    table = pd.Series([function(u) for u in uniques], dtype=object).to_numpy()
    return pd.Series(table[codes], index=series.index, dtype=object)


def pseudonymise(frame, salt, label="Contact"):
    """The export's policy on a log frame: see the module's docstring (``infoview log export --pseudonymize``)."""
    frame = frame.drop(columns=["notes"]).copy()
    names = {name: pseudonym(name, salt, label) for name in frame["contact"].unique() if name}
    frame["contact"] = frame["contact"].map(lambda name: names.get(name, name))
    pattern = None
    if names:
        alternatives = sorted({re.escape(" ".join(n.split())).replace(r"\ ", r"\s+") for n in names},
                              key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)
        by_key = {_name_key(n): p for n, p in names.items()}

    def clean(text):
        if pattern is not None:
            text = pattern.sub(lambda m: by_key.get(_name_key(m.group()), label), text)
        return scrub(text)

    for column in NAME_COLUMNS:
        frame[column] = map_unique(frame[column], clean)
    frame["outreach_id"] = map_unique(
        frame["outreach_id"],
        lambda i: i if scrub(i) == i else "id-" + hmac.new(salt, i.encode(), hashlib.sha256).hexdigest()[:12])
    return frame


class Names:
    """Replaces contact names in text: any spelling of case, spacing and punctuation between the
    words, also without a leading academic title or form of address ("Dr. Lena Kurz", "lena kurz").
    With ``parts``, each part of a name on its own too ("Kurz", "Lena"), except in pseudonyms.

    Names are looked up as word sequences in a set, so thousands of names cost no more than a few.
    """

    def __init__(self, names, label, parts=False):
        self.label, self.keys, self.longest = label, set(), 0
        for name in names:
            words = tuple(word.casefold() for word in _WORD.findall(str(name)))
            start = 0
            while start < len(words) - 1 and words[start] in _TITLE_WORDS:
                start += 1
            keys = {words, words[start:]}
            if parts and not is_pseudonym(str(name)):
                keys.update((word,) for word in words[start:] if len(word) >= 3)
            for key in keys:
                if key and len(" ".join(key)) >= 3:
                    self.keys.add(key)
                    self.longest = max(self.longest, len(key))

    def __call__(self, text):
        if not text or not self.keys:
            return text
        found = list(_WORD.finditer(text))
        words = [match.group().casefold() for match in found]
        parts, done, i = [], 0, 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                if tuple(words[i:i + size]) in self.keys:
                    parts += [text[done:found[i].start()], self.label]
                    done, i = found[i + size - 1].end(), i + size
                    break
            else:
                i += 1
        return "".join(parts) + text[done:] if parts else text


def protect(frame, names, label):
    """The class report's policy on a class log ``frame`` (in place; see the module's docstring):
    every trace of the contacts ``names`` dropped or replaced by ``label``; return the cleaner used."""
    import numpy as np
    import pandas as pd

    whole, parts = Names(names, label), Names(names, label, parts=True)

    def clean(text):
        return whole(scrub(text))

    def clean_parts(text):
        return parts(scrub(text))

    people, _ = pd.factorize(map_unique(frame["contact"], lambda name: " ".join(name.split()).casefold()))
    frame["contact"] = np.char.add("contact ", people.astype(str)).astype(object)
    frame["notes"] = ""
    frame["student"] = map_unique(frame["student"], clean)  # students' own names share first names
    for column in NAME_COLUMNS[1:]:  # here a surname alone goes too ("Kurz & Partner")
        frame[column] = map_unique(frame[column], clean_parts)
    frame["outreach_id"] = np.char.add("r", np.arange(1, len(frame) + 1).astype(str)).astype(object)
    return clean


def safe_problems(error, clean):
    """The problems of a LogError without cell values, unknown headers or contact data."""
    headers = vocabulary().headers
    problems = []
    for problem in error.problems:
        column = problem.column if problem.column and header_key(problem.column) in headers else None
        problems.append(Problem(problem.line, column, None, clean(problem.message)))
    return problems
