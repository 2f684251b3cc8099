"""The one privacy policy of infoview: what of the people students contact may leave a student's
computer, for the export (``infoview log export --pseudonymize``, :func:`~infoview.log.write.write_log`)
and for the class report (:func:`~infoview.classroom.handins.read_submissions`).

Both drop the notes and know each contact as a person (:class:`Names`): title, first and last
names, initials, the email local part and profile link, in every spelling of case, accents,
umlauts written out, Unicode normal form and joining character ("Kim_Meyer", "Meyer, Kim",
"K. Meyer", "kim.meyer at uni-x dot de", "linkedin.com/in/kim-meyer"). Email addresses, profile
links and phone numbers go in every form (:func:`scrub`).

* the export (:func:`pseudonymise`) keeps each contact as a pseudonym, "Contact 1a2b3c4d" (a keyed
  hash with a new random key for every export: the same person has the same pseudonym within one
  file but cannot be followed from one export to the next), replaces every form of a contact's
  name in the :data:`NAME_COLUMNS` (student, organisation, role, template; also a surname or first
  name alone) and replaces an ``outreach_id`` that holds a name or contact data by a keyed hash;
* the class report (:func:`protect` on a frame; :func:`report_cleaners` alone where the rows stay in
  DuckDB) goes further, because it combines many students' files: each
  contact becomes a number ("contact 17"), organisation, role and template lose every form and
  part of a name, students' names lose contacts' names and surnames (not their first names, which
  students share with contacts), outreach ids become row numbers, and problem lists keep cell
  values only of the columns that hold no names (dates, source, channel, response, referrals;
  :func:`safe_problems`).

>>> scrub("Write to lena.kurz@example.org or call +49 30 1234 5678.")
'Write to [email] or call [phone].'
>>> Names(["Dr. Lena Kurz"], "[contact]", parts=True)("Met lena KURZ at Kurz & Partner")
'Met [contact] at [contact] & Partner'
>>> Names(["Prof. Jürgen Müller"], "[contact]")("juergen_mueller, MÜLLER, Jürgen and J. Mueller")
'[contact], [contact] and [contact]'
"""

import hashlib
import hmac
import re
import unicodedata
from functools import lru_cache

from ..errors import Problem
from .columns import CATEGORY_COLUMNS, TIMESTAMP_COLUMNS, header_key, vocabulary

__all__ = ["NAME_COLUMNS", "Names", "fold", "is_pseudonym", "map_unique", "protect", "pseudonym", "pseudonymise",
           "report_cleaners", "safe_problems", "scrub"]

NAME_COLUMNS = ("student", "organisation", "role", "template")
"""The text columns besides the contact in which students write contacts' names."""
_LABELS = ("Contact", "Kontakt")  # the export's pseudonym labels, English and German
_DIGITS = 8
_PSEUDONYM = re.compile(rf"(?:{'|'.join(_LABELS)}) [0-9a-f]{{{_DIGITS}}}").fullmatch
_AFTER_LABEL = re.compile(rf"(?:{'|'.join(_LABELS)}) $").search
_WORD = re.compile(r"[^\W\d_]+|\d+")  # letters or digits: "_", ".", "-", "/" and "@" all separate words
_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "herr", "frau", "dipl", "ing", "mag", "med",
           "rer", "nat", "phil", "habil", "pd", "jur", "oec", "dott", "ssa", "ir", "univ", "doz"}
_DEGREES = {"phd", "mba", "msc", "bsc", "ma", "ba", "llm", "jr", "sr", "dds", "md"}
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*")
_EMAIL_SPELT = re.compile(
    r"[\w.+-]+\s*(?:\(at\)|\[at\]|\{at\}|<at>)\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\{dot\}|<dot>)\s*[\w-]+)+"
    r"|[\w.+-]+\s+at\s+[\w-]+(?:\.[\w-]+)*(?:\s+dot\s+[\w-]+(?:\.[\w-]+)*)+"
    r"|[\w.+-]+\s+at\s+[\w-]+(?:\.[\w-]+)*\.(?:de|at|ch|com|org|net|edu|eu|io|info|uk|fr|nl|it|es)\b", re.I)
_PROFILE = re.compile(r"(?:https?://)?(?:[\w-]+\.)*(?:linkedin|xing)\.[a-z]{2,3}/\S*", re.I)
_MAYBE_CONTACT = re.compile(r"@|\bat\b|\(at\)|\[at\]|linkedin|xing|(?:\d\D*){7}", re.I).search
_PHONE = re.compile(r"(?<!\d)(?:\+|00)?\(?\d[\d\s()./\-\u2010-\u2015]{4,}\d(?!\d)")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}")


def _phone(match):
    text = match.group()
    if sum(ch.isdigit() for ch in text) < 7 or _DATE.fullmatch(text.strip()) \
            or _AFTER_LABEL(match.string, 0, match.start()):  # a pseudonym whose digest is all digits
        return text
    return "[phone]"


def scrub(text):
    """Replace email addresses (also spelt "kim at uni-x dot de"), profile links and phone numbers
    (7 digits or more) in ``text``."""
    if not isinstance(text, str) or not _MAYBE_CONTACT(text):
        return text
    text = _PROFILE.sub("[profile]", text)
    text = _EMAIL.sub("[email]", text)
    text = _EMAIL_SPELT.sub("[email]", text)
    return _PHONE.sub(_phone, text)


@lru_cache(maxsize=200_000)
def fold(word):
    """One spelling of ``word`` for every way of writing it: case, accents, umlauts written out.

    >>> fold("Müller") == fold("MUELLER") == fold("Muller") == fold("mu\\u0308ller"), fold("Weiß")
    (True, 'weiss')
    """
    word = unicodedata.normalize("NFKD", word.casefold())
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _words(text):
    """The words of ``text`` (NFC), as ``(folded, start, end)``."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _name_key(name):
    name = str(name)
    if is_pseudonym(name):
        return name.casefold()
    return " ".join(word for word, _, _ in _words(name)[1])


def pseudonym(name, salt, label="Contact"):
    """A stable pseudonym for ``name`` under ``salt`` (bytes): case, spacing and accents do not matter.

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


def _person(name):
    """``(given, surname words, all words as written)`` of a contact cell, folded: "Prof. Dr. Kim Meyer",
    "Meyer, Kim", "kim.meyer@uni-x.de" and "linkedin.com/in/kim-meyer" all give kim / meyer."""
    name = str(name)
    name = _EMAIL.sub(lambda m: " " + m.group().split("@")[0] + " ", name)
    name = _PROFILE.sub(lambda m: " " + m.group().rstrip("/").rsplit("/", 1)[-1] + " ", name)
    first, comma, second = name.partition(",")
    words = [w for w, _, _ in _words(first)[1]]
    after = [w for w, _, _ in _words(second)[1]] if comma else []
    if after and not all(w in _TITLES or w in _DEGREES for w in after):
        words = after + words  # "Meyer, Kim" is Kim Meyer
    written = tuple(words)
    while words and (words[0] in _TITLES or words[0].isdigit()):
        words.pop(0)
    while len(words) > 1 and (words[-1] in _DEGREES or words[-1] in _TITLES or words[-1].isdigit()):
        words.pop()
    if not words:
        return None
    return words[0], tuple(words[1:]), written


class Names:
    """Replaces contact names in text, in any spelling: case, accents, umlauts written out (ue, oe,
    ae, ss) and both Unicode normal forms; words joined by spaces, ``_``, ``-``, ``.`` or nothing
    ("KimMeyer"); surname first ("Meyer, Kim"); with an initial ("K. Meyer", "kmeyer"); with or
    without titles ("Dr. Meyer"); and names inside email addresses, profile links and ids.

    ``parts`` matches parts of a name on their own too: ``"surname"`` each surname word (two
    letters or more), ``True`` also every other word of three letters or more (never in
    pseudonyms). ``label`` replaces a match; ``labels`` may give each name its own replacement,
    used where a match belongs to that name alone.

    Names are looked up as word sequences in a set, so thousands of names cost no more than a few.
    """

    def __init__(self, names, label, parts=False, labels=None):
        self.label, self.keys, self.titled = label, {}, {}
        common, common_titled = [], []  # keys of the common label, set all at once below
        for name in names:
            if not isinstance(name, str) or not name.strip():
                continue
            whole, titled, surnames, others = _keys(name)
            if parts:
                whole += surnames + others if parts is True else surnames
            own = labels.get(name, label) if labels else label
            if own is label:  # one label for all: no need to look at what is there
                common += whole
                common_titled += titled
                continue
            for table, keys in ((self.keys, whole), (self.titled, titled)):
                for key in keys:
                    before = table.get(key)
                    table[key] = own if before is None or before == own else label
        # the common label wins wherever it meets a name's own, whichever came first
        self.keys.update(dict.fromkeys(common, label))
        self.titled.update(dict.fromkeys(common_titled, label))
        self.longest = max(map(len, self.keys), default=0)
        self.starts = {key[0] for key in self.keys}

    def _match(self, table, found, i):
        """``(size, label)`` of the longest key of ``table`` at word ``i``, else ``(0, None)``."""
        for size in range(min(self.longest, len(found) - i), 0, -1):
            label = table.get(tuple(word for word, _, _ in found[i:i + size]))
            if label is not None:
                return size, label
        return 0, None

    def __call__(self, text):
        if not text or not self.keys or not isinstance(text, str):
            return text
        text, found = _words(text)
        parts, done, i = [], 0, 0
        while i < len(found):
            word, size, at = found[i][0], 0, i
            if word in _TITLES and self.titled:  # "Dr. Meyer", "Frau Prof. Meyer"
                while at < len(found) and found[at][0] in _TITLES:
                    at += 1
                size, label = self._match(self.titled, found, at)
            if not size and word in self.starts:
                at = i
                size, label = self._match(self.keys, found, i)
            if size:
                parts += [text[done:found[i][1]], label]
                done, i = found[at + size - 1][2], at + size
            else:
                i += 1
        return "".join(parts) + text[done:] if parts else text


@lru_cache(maxsize=300_000)
def _keys(name):
    """The word sequences that stand for one contact cell: ``(whole, after a title, surname parts,
    other parts)``, each a tuple of tuples of folded words. A pseudonym stands only for itself."""
    if is_pseudonym(name):
        label, digest = name.split(" ")
        return ((fold(label), *_WORD.findall(digest)),), (), (), ()
    person = _person(name)
    if person is None:
        return (), (), (), ()
    given, surname, written = person
    whole = [(given, *surname), (*surname, given), written]
    titled, others = [], []
    if surname:
        initial, joined = given[0], "".join(surname)
        whole += [(initial, *surname), (*surname, initial), (given + joined,), (joined + given,), (initial + joined,)]
        if len(surname) > 1:  # "Jürgen Müller" of Müller-Lüdenscheidt
            for word in surname:
                whole += [(given, word), (word, given), (initial, word), (given + word,), (initial + word,)]
            others.append(surname)
        titled = [surname, *((word,) for word in surname if len(word) >= 2)]
    elif len(given) < 2:
        whole = [written] if len(written) > 1 else []
    surnames = [(word,) for word in surname if len(word) >= 2 and not word.isdigit()]
    others += [(word,) for word in (given, *surname) if len(word) >= 3 and not word.isdigit()]
    return tuple(whole), tuple(titled), tuple(surnames), tuple(others)


def pseudonymise(frame, salt, label="Contact"):
    """The export's policy on a log frame: see the module's docstring (``infoview log export --pseudonymize``)."""
    frame = frame.drop(columns=["notes"]).copy()
    contacts = [name for name in frame["contact"].unique() if name]
    names = {name: pseudonym(name, salt, label) for name in contacts}
    frame["contact"] = frame["contact"].map(lambda name: names.get(name, name))
    matcher = Names(contacts, label, parts=True, labels=names)
    surnames = Names(contacts, label, parts="surname", labels=names)

    def clean(text):
        return matcher(scrub(text))

    frame["student"] = map_unique(frame["student"], lambda text: surnames(scrub(text)))  # first names stay
    for column in NAME_COLUMNS[1:]:
        frame[column] = map_unique(frame[column], clean)
    frame["outreach_id"] = map_unique(
        frame["outreach_id"],
        lambda i: i if clean(i) == i else "id-" + hmac.new(salt, i.encode(), hashlib.sha256).hexdigest()[:12])
    return frame


def report_cleaners(names, label):
    """The class report's two cleaners of text for the contacts ``names``, replacing with ``label``:
    ``(students, others)``. ``students`` cleans students' names and file names (contacts' names and
    surnames go, first names alone stay: students share them); ``others`` cleans organisation, role
    and template (every form and part of a name goes). Both scrub contact data (:func:`scrub`).

    >>> students, others = report_cleaners(["Kim Meyer"], "[c]")
    >>> students("Kim Schulz, K. Meyer"), others("for Kim at Meyer & Co, kim@uni-x.de")
    ('Kim Schulz, [c]', 'for [c] at [c] & Co, [email]')
    """
    whole, parts = Names(names, label, parts="surname"), Names(names, label, parts=True)

    def students(text):
        return whole(scrub(text))

    def others(text):
        return parts(scrub(text))

    return students, others


def protect(frame, names, label):
    """The class report's policy on a class log ``frame`` (in place; see the module's docstring):
    every trace of the contacts ``names`` dropped or replaced by ``label``; return the cleaner of
    students' names and file names (contacts' surnames go too, students' first names stay)."""
    import numpy as np
    import pandas as pd

    clean, clean_parts = report_cleaners(names, label)
    people, _ = pd.factorize(map_unique(frame["contact"], _name_key))
    frame["contact"] = np.char.add("contact ", people.astype(str)).astype(object)
    frame["notes"] = ""
    frame["student"] = map_unique(frame["student"], clean)  # students' own names share first names
    for column in NAME_COLUMNS[1:]:  # here a first name or surname alone goes too ("Kurz & Partner")
        frame[column] = map_unique(frame[column], clean_parts)
    frame["outreach_id"] = np.char.add("r", np.arange(1, len(frame) + 1).astype(str)).astype(object)
    return clean


def safe_problems(error, clean):
    """The problems of a LogError without unknown headers or contact data: a cell value is kept
    only in a column that holds no names (a date, a category, the referrals) and when ``clean``
    finds nothing in it; the text key is kept when ``clean`` leaves the message as it is."""
    headers = vocabulary().headers
    plain = {*TIMESTAMP_COLUMNS, *CATEGORY_COLUMNS, "referrals"}
    problems = []
    for problem in error.problems:
        column = problem.column if problem.column and header_key(problem.column) in headers else None
        value = problem.value if column and headers[header_key(column)] in plain else None
        if value is not None and clean(str(value)) != str(value):
            value = None
        message = clean(problem.message)
        kept = (problem.key, problem.values) if message == problem.message else (None, ())
        problems.append(Problem(problem.line, column, value, message, *kept))
    return problems
