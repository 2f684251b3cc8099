"""An email as infoview hands it to students (:class:`Email`), the fields a template asks for
(:class:`Field`), the kinds of email, and the salutation that opens every email in English or German.

>>> salutation("Katrin", "Meyer", title="Dr.", form_of_address="female", language="de")
'Sehr geehrte Frau Dr. Meyer,'
"""

from dataclasses import dataclass

from ..problems import in_both, template_error
from ..regions import check_region, salutation_title
from ..resources import LANGUAGES

__all__ = ["COMPUTED_FIELDS", "EMAIL_KINDS", "MAX_OUTPUT", "NOTE_KINDS", "OPTIONAL_NAME_FIELDS", "SALUTATION_FIELDS",
           "Email", "Field", "channel_of", "check_kind", "check_language", "salutation"]

EMAIL_KINDS = ("outreach", "agenda", "follow_up", "thank_you", "keep_in_touch", "referral_outreach", "linkedin")
#: The kinds that are notes, not emails: no subject, and counted in characters (a LinkedIn note).
NOTE_KINDS = ("linkedin",)

#: The fields :func:`salutation` reads; title and form of address may stay empty.
SALUTATION_FIELDS = ("first_name", "last_name", "title", "form_of_address")
#: The salutation's fields a template may leave empty.
OPTIONAL_NAME_FIELDS = ("title", "form_of_address")
#: Variables every template gets without being given them.
COMPUTED_FIELDS = ("salutation", "language")
#: The most characters a template may produce; more is refused as a runaway template.
MAX_OUTPUT = 50_000

_SUBJECT_LABEL = {"en": "Subject", "de": "Betreff"}
_FORMS = {
    "female": "female", "f": "female", "w": "female", "ms": "female", "mrs": "female", "frau": "female",
    "male": "male", "m": "male", "mr": "male", "herr": "male",
    "": None, "neutral": None, "none": None, "n": None, "x": None, "d": None, "divers": None,
}


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Email:
    """A rendered email: ``subject`` and ``body``, with the kind, language, variant and (German only)
    region it came from."""

    subject: str
    body: str
    kind: str | None = None
    language: str = "en"
    variant: str | None = None
    region: str | None = None

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
        if self.kind in NOTE_KINDS:
            return f"{self.body}\n"
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


def salutation(first_name="", last_name="", title=None, form_of_address=None, language="en", region=None):
    """The opening line of an email, from the reader's name, title and form of address.

    ``form_of_address`` is ``"female"``, ``"male"`` or empty for the neutral form, which
    uses first and last name. Only the highest title is said, as the region writes it
    (``region``: ``"de-DE"``, the default for German, ``"de-AT"`` or ``"de-CH"``; see
    ``infoview/content/regions.yaml``). German bodies go on in lower case after the comma;
    Swiss salutations have no comma.

    >>> salutation("Katrin", "Meyer", "Dr.", "female", "de")
    'Sehr geehrte Frau Dr. Meyer,'
    >>> salutation("Katrin", "Meyer", "Prof. Dr.", "female", "de")
    'Sehr geehrte Frau Professorin Meyer,'
    >>> salutation("Eva", "Huber", "Mag.", "female", "de", region="de-AT")
    'Sehr geehrte Frau Mag. Huber,'
    >>> salutation("Katrin", "Meyer", "Dr.", "female", "de", region="de-CH")
    'Sehr geehrte Frau Dr. Meyer'
    >>> salutation("Jan", "Schmidt", form_of_address="male", language="de")
    'Sehr geehrter Herr Schmidt,'
    >>> salutation("Kim", "Meyer", language="de")
    'Guten Tag Kim Meyer,'
    >>> salutation("Kim", "Meyer", title="Dr.")
    'Dear Dr. Meyer,'
    >>> salutation("Kim", "Meyer", title="Prof. Dr.")
    'Dear Professor Meyer,'
    >>> salutation("Kim", "Meyer")
    'Dear Kim Meyer,'
    >>> salutation("Anna", "Meyer", form_of_address="female"), salutation("Jan", "Schmidt", form_of_address="male")
    ('Dear Ms Meyer,', 'Dear Mr Schmidt,')
    """
    language = check_language(language)
    place = check_region(region, language)
    first, last, title = (" ".join(str(part or "").split()) for part in (first_name, last_name, title))
    key = " ".join(str(form_of_address or "").split()).lower().rstrip(".")
    if key not in _FORMS:
        raise template_error("unknown_form", value=repr(form_of_address))
    form = _FORMS[key]
    missing = [name for name, value in (("first_name", first), ("last_name", last))
               if not value and (name == "last_name" or (form is None and not title))]
    if missing:
        both = in_both("errors.template.and")
        raise template_error("salutation_needs", missing=missing,
                             fields={lang: f" {word} ".join(missing) for lang, word in both.items()})
    title = salutation_title(title, language, form, place)
    titled = f"{title} {last}" if title else last
    if language == "de":
        if form == "female":
            line = f"Sehr geehrte Frau {titled}"
        elif form == "male":
            line = f"Sehr geehrter Herr {titled}"
        else:
            line = f"Guten Tag {' '.join(part for part in (title, first, last) if part)}"
        return place.spell(line + ("," if place.salutation_comma else ""))
    if title:
        return f"Dear {titled},"
    if form == "female":
        return f"Dear Ms {last},"
    if form == "male":
        return f"Dear Mr {last},"
    return f"Dear {first} {last},"


def channel_of(kind):
    """The outreach log's channel a message of ``kind`` goes through.

    >>> channel_of("linkedin"), channel_of("thank_you")
    ('linkedin', 'email')
    """
    return "linkedin" if check_kind(kind) in NOTE_KINDS else "email"


def check_kind(kind):
    """``kind`` if it is one of :data:`EMAIL_KINDS`, else a :class:`TemplateError` naming them."""
    if kind not in EMAIL_KINDS:
        raise template_error("unknown_email_kind", value=repr(kind), choices=", ".join(EMAIL_KINDS))
    return kind


def check_language(language):
    """``language`` if templates exist in it, else a :class:`TemplateError` naming the choices."""
    if language not in LANGUAGES:
        raise template_error("unknown_language", value=repr(language), choices=", ".join(LANGUAGES))
    return language
