"""The email linter: findings that coach a student's outreach, agenda, follow-up and thank-you emails.

:func:`lint_email` checks a body (and optionally a subject) against the rules in
``infoview/content/lint_rules.yaml``, using the phrase lists in ``lint_patterns.yaml``.
Each :class:`Finding` names its rule, a severity (``"error"``, ``"warning"`` or ``"tip"``),
a message in the email's language saying what to change, and the span it refers to.

>>> body = '''Dear Ms. Weber,
...
... I'd love to hear about any openings on your team.
...
... Best regards,
... Tom'''
>>> [(f.rule, f.severity) for f in lint_email(body, "outreach", "en")]
[('no-connection', 'warning'), ('no-question', 'warning'), ('no-time-limit', 'tip'), ('asks-for-job', 'error')]
>>> f = lint_email(body)[-1]
>>> body[f.start:f.end]
'any openings'
>>> LINT_RULES["closing-comma"]
'A comma after a German closing such as “Mit freundlichen Grüßen”.'
>>> WORD_LIMITS["outreach"], SOFT_WORD_LIMITS["outreach"], HARD_WORD_LIMITS["outreach"]
(100, 75, 150)

``too-long`` is a tip above the soft limit, a warning above the limit and an error only
above the hard limit, where the email would clearly go unread.

Spans: ``start`` and ``end`` are character offsets, ``0 <= start <= end``. A finding's
``field`` says which text they index: ``"body"`` (the default) or ``"subject"``.
Rules about the whole email point at a sensible part of it: ``too-long`` at the words past
the limit, ``no-connection`` at the first sentence, ``no-question`` at the request.

This module is long because every check reads the same parsed email and the same pattern tables;
split apart, those would have to become public names of another module for a dozen short checks
(one function per rule) to reach them.
"""

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from ..errors import ContentError
from ..regions import check_region, spoken_greetings
from ..resources import LANGUAGES, check_language, load_bundled

__all__ = ["Finding", "Rule", "LINT_RULES", "WORD_LIMITS", "SOFT_WORD_LIMITS", "HARD_WORD_LIMITS", "CHAR_LIMITS",
           "FREE_ACCOUNT_CHAR_LIMITS", "SEVERITIES", "lint_email", "rule_info", "word_count", "char_count",
           "guess_language", "language_evidence"]

SEVERITIES = ("error", "warning", "tip")

_RULES_FILE = "infoview/content/lint_rules.yaml"
_PATTERNS_FILE = "infoview/content/lint_patterns.yaml"

# A word is a run of letters or digits; an apostrophe or hyphen between two such runs joins
# them ("I'm", "20-minute", "E-Mail" are one word each). Punctuation and symbols are not words.
_WORD = re.compile(r"[^\W_]+(?:['’\-‐][^\W_]+)*")
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"'”’»«“)\]]*(?=\s|$)"          # a full stop, question or exclamation mark
    r"|\n[ \t]*\n"                              # a blank line
    r"|\n(?=[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t])"  # the start of a list item
)
_TOKEN_BEFORE_DOT = re.compile(r"(?:[^\W\d_]\.)*[^\W_]+$")
_QUESTION_MARK = re.compile(r"\?(?=[\s\"'”’»)\]]|$)")
_QUOTED = re.compile(r"„[^“”\n]{0,200}[“”]|\"[^\"\n]{0,200}\"|»[^«\n]{0,200}«|“[^”\n]{0,200}”")
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n—–]")
_FIRST_NAME = re.compile(r"\s+([^\W\d_][\w\-’']*)\s*[,!:]?\s*")     # the one name after "Hallo" in "Hallo Claudia,"


@dataclass(frozen=True)
class Finding:
    """One problem the linter found.

    ``rule`` is a key of :data:`LINT_RULES`; ``severity`` one of :data:`SEVERITIES`;
    ``message`` says what to change, in the email's language; ``start``/``end`` are
    character offsets into the body, or into the subject when ``field == "subject"``.
    """

    rule: str
    severity: str
    message: str
    start: int
    end: int
    field: str = "body"


@dataclass(frozen=True)
class Rule:
    """A lint rule as defined in ``lint_rules.yaml``.

    >>> rule = rule_info("no-question")
    >>> rule.severity, rule.kinds
    ('warning', ('outreach', 'follow_up', 'referral_outreach'))
    >>> "2-Hour Job Search" in rule.source
    True
    """

    id: str
    severity: str
    kinds: tuple
    languages: tuple
    source: str | None
    descriptions: MappingProxyType
    rationales: MappingProxyType
    messages: MappingProxyType      # variant -> {"severity": ..., "en": ..., "de": ...}

    @property
    def description(self):
        """What the rule finds, in English."""
        return self.descriptions["en"]

    @property
    def rationale(self):
        """Why it matters, in English."""
        return self.rationales["en"]

    def describe(self, language="en"):
        """What the rule finds, in ``language``."""
        return self.descriptions[check_language(language)]

    def explain(self, language="en"):
        """Why the rule matters, in ``language``."""
        return self.rationales[check_language(language)]

    def severity_of(self, variant="default"):
        """The severity of one of the rule's message variants."""
        return self.messages[variant]["severity"]

    def message(self, language, variant="default", **values):
        """The message of ``variant`` in ``language``, filled with ``values``."""
        return self.messages[variant][language].format(**values)


def _load_rules(data, source=_RULES_FILE):
    """Check and convert the parsed rules file; every problem raises :class:`ContentError`."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ContentError("expected a mapping with a 'rules' list", file=source,
                           fix="start the file with 'word_limits:', 'soft_word_limits:', 'hard_word_limits:' "
                               "and 'rules:'")
    limits = data.get("word_limits")
    if not isinstance(limits, dict) or not limits or not all(
            isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in limits.values()):
        raise ContentError("'word_limits' must map every email kind to a positive whole number", file=source,
                           field="word_limits", fix="write one 'kind: number' line per kind")
    soft = data.get("soft_word_limits") or {}
    for kind, value in soft.items():
        if kind not in limits or not isinstance(value, int) or not 0 < value < limits[kind]:
            raise ContentError(f"soft limit {value!r} for {kind!r} must be a whole number below its word limit",
                               file=source, field="soft_word_limits", fix="lower it, or add the kind to word_limits")
    hard = data.get("hard_word_limits") or {}
    for kind in limits:
        value = hard.get(kind)
        if not isinstance(value, int) or isinstance(value, bool) or value <= limits[kind]:
            raise ContentError(f"the hard limit for {kind!r} must be a whole number above its word limit "
                               f"({limits[kind]})", file=source, field=f"hard_word_limits.{kind}",
                               fix="give every kind a hard limit, about one and a half times its word limit")
    chars = data.get("char_limits") or {}
    free = data.get("free_account_char_limits") or {}
    for kind, value in chars.items():
        if kind in limits or not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ContentError(f"the character limit of {kind!r} must be a whole number, for a kind without a word "
                               "limit", file=source, field=f"char_limits.{kind}",
                               fix="give each kind either a word limit or a character limit")
        if not isinstance(free.get(kind), int) or not 0 < free[kind] <= value:
            raise ContentError(f"the free account's limit of {kind!r} must be a whole number up to {value}",
                               file=source, field=f"free_account_char_limits.{kind}",
                               fix="write the limit LinkedIn gives a free account")
    kinds = tuple(limits) + tuple(chars)
    rules = {}
    for entry in data["rules"]:
        rule_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(rule_id, str) or not rule_id:
            raise ContentError("a rule has no id", file=source, fix="give every rule an 'id:' line")
        if rule_id in rules:
            raise ContentError("the id is used twice", file=source, entry=rule_id, fix="rename one of the rules")

        def fail(message, field, fix):
            raise ContentError(message, file=source, entry=rule_id, field=field, fix=fix)

        rule_kinds = kinds if entry.get("kinds") == "all" else tuple(entry.get("kinds") or ())
        if not rule_kinds or set(rule_kinds) - set(kinds):
            fail(f"kinds must be 'all' or a list of {', '.join(kinds)}", "kinds", "fix the list of kinds")
        languages = tuple(entry.get("languages") or ())
        if not languages or set(languages) - set(LANGUAGES):
            fail(f"languages must be a list of {', '.join(LANGUAGES)}", "languages", "fix the list of languages")
        texts = {}
        for field in ("description", "rationale"):
            value = entry.get(field)
            if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip()
                                                  for lang in LANGUAGES):
                fail("expected a non-empty text in every language", field,
                     f"write '{field}:' followed by indented 'en:' and 'de:' lines")
            texts[field] = MappingProxyType({lang: " ".join(value[lang].split()) for lang in LANGUAGES})
        messages = entry.get("messages")
        if not isinstance(messages, dict) or "default" not in messages:
            fail("no 'default' message", "messages", "add 'messages:' with a 'default:' variant")
        variants = {}
        for name, variant in messages.items():
            if not isinstance(variant, dict) or variant.get("severity") not in SEVERITIES:
                fail(f"the severity must be one of {', '.join(SEVERITIES)}", f"messages.{name}.severity",
                     "add a 'severity:' line")
            for lang in LANGUAGES:
                text = variant.get(lang)
                if not isinstance(text, str) or not text.strip():
                    fail("the message is missing or empty", f"messages.{name}.{lang}",
                         f"write the message in {lang!r}")
                try:
                    text.format(words=0, limit=0, text="", mine=0, total=0, lower="", upper="", chars=0, over=0)
                except (KeyError, IndexError, ValueError) as exc:
                    fail(f"the message uses an unknown value {exc}", f"messages.{name}.{lang}",
                         "use only {words} {limit} {text} {mine} {total} {lower} {upper} {chars} {over}, and double "
                         "other braces")
            variants[name] = MappingProxyType(dict(variant))
        source_text = entry.get("source")
        rules[rule_id] = Rule(rule_id, variants["default"]["severity"], rule_kinds, languages,
                              " ".join(source_text.split()) if source_text else None,
                              texts["description"], texts["rationale"], MappingProxyType(variants))
    missing = [rule_id for rule_id in _CHECKS if rule_id not in rules]
    unknown = [rule_id for rule_id in rules if rule_id not in _CHECKS]
    if missing or unknown:
        raise ContentError(f"missing rules {missing}, rules without a check {unknown}", file=source,
                           fix="define exactly the rules infoview.emails.lint implements")
    return rules, MappingProxyType(dict(limits)), MappingProxyType(dict(soft)), \
        MappingProxyType({kind: hard[kind] for kind in limits}), MappingProxyType(dict(chars)), \
        MappingProxyType({kind: free[kind] for kind in chars})


def rule_info(rule_id):
    """The :class:`Rule` with id ``rule_id``: severity, kinds, languages, source, texts and messages."""
    try:
        return _RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown lint rule {rule_id!r}; the rules are {', '.join(_RULES)}") from None


# --- patterns ---------------------------------------------------------------------------------------

class _Patterns:
    """The compiled phrase lists of one language (plus the language-independent ones)."""

    def __init__(self, language, data):
        section = data[language]
        macros = section.get("macros", {})

        def expand(pattern, key):
            for _ in range(3):
                pattern = re.sub(r"%(\w+)%", lambda m: macros.get(m.group(1), m.group(0)), pattern)
            if re.search(r"%\w+%", pattern):
                raise ContentError(f"unknown macro in {pattern!r}", file=_PATTERNS_FILE, field=f"{language}.{key}",
                                   fix=f"define it under '{language}: macros:'")
            return pattern

        def compile_(patterns, key, flags=re.IGNORECASE):
            if isinstance(patterns, str):
                patterns = [patterns]
            expanded = [expand(p, key) for p in patterns]
            # Most patterns start at a word boundary: test it once for all of them, not once per
            # pattern at every position (this makes a long list several times faster).
            bounded = [p[2:] for p in expanded if p.startswith(r"\b")]
            parts = [r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []
            parts += [f"(?:{p})" for p in expanded if not p.startswith(r"\b")]
            # "%>" marks where the highlighted span starts (after context such as "I ... ").
            marks = itertools.count()
            joined = re.sub("%>", lambda m: f"(?P<at{next(marks)}>)", "|".join(parts))
            try:
                return re.compile(joined, flags)
            except re.error as exc:
                raise ContentError(f"invalid regular expression ({exc})", file=_PATTERNS_FILE,
                                   field=f"{language}.{key}", fix="check the brackets and escapes") from None

        def get(key, default=None):
            if key in section:
                return section[key]
            if default is not None:
                return default
            raise ContentError("the entry is missing", file=_PATTERNS_FILE, field=f"{language}.{key}",
                               fix="add it (see the other language for an example)")

        both = [data[lang] for lang in LANGUAGES]
        self.placeholders = compile_(data["any"]["placeholders"], "any.placeholders")
        self.placeholder_triggers = tuple(data["any"].get("placeholder_triggers") or ())
        self.salutation = compile_([p for s in both for p in s["salutation"]], "salutation")
        closings = "|".join(f"(?:{p})" for s in both for p in s["closing"])
        self.closing_line = compile_(rf"[ \t]*(?:{closings})[ \t]*[,.!]?[ \t]*\r?", "closing")
        self.abbreviations = frozenset(a.lower().rstrip(".") for a in get("abbreviations"))
        self.asks = compile_(get("asks_for_job"), "asks_for_job")
        self.asks_noun = compile_(get("asks_for_job_noun"), "asks_for_job_noun")
        self.job_search = compile_(get("job_search"), "job_search")
        self.advice = compile_(get("advice"), "advice")
        # Matched on lower-cased text without the ignore-case flag: a fast first pass.
        self.asks_triggers = compile_(get("asks_for_job_triggers"), "asks_for_job_triggers", 0)
        self.possessive_before = compile_(get("possessive_before"), "possessive_before")
        self.negation = compile_(get("negation"), "negation")
        self.connection = compile_(get("connection"), "connection")
        self.request = compile_(get("request"), "request")
        self.time_limit = compile_(get("time_limit"), "time_limit")
        self.thanks = compile_(get("thanks"), "thanks")
        self.specific = compile_(get("specific"), "specific")
        self.self_words = frozenset(w.lower() for w in get("self_words"))
        self.other_words = frozenset(get("other_words"))
        # English "you" is case-free; German "Sie" counts only when capitalised.
        self.other_case_sensitive = language == "de"
        if not self.other_case_sensitive:
            self.other_words = frozenset(w.lower() for w in self.other_words)
        self.informal = frozenset(w.lower() for w in get("informal_pronouns", []))
        self.informal_salutation = frozenset(w.lower() for w in get("informal_salutation", []))
        self.not_first_names = frozenset(get("not_first_names", []))
        self.polite_lowercase = frozenset(get("polite_lowercase", []))
        self.third_person = compile_(get("third_person"), "third_person", 0) if self.polite_lowercase else None
        commas = get("closing_comma", [])
        self.closing_comma = compile_(r"^[ \t]*(?:" + "|".join(f"(?:{p})" for p in commas) + r")[ \t]*(,)[ \t]*\r?$",
                                      "closing_comma", re.IGNORECASE | re.MULTILINE) if commas else None
        self.lowercase_after_salutation = frozenset(get("lowercase_after_salutation", []))


@lru_cache(maxsize=None)
def _raw_patterns():
    data = load_bundled("lint_patterns.yaml")
    if not isinstance(data, dict) or any(key not in data for key in ("any", *LANGUAGES)):
        raise ContentError("expected the sections 'any', 'en' and 'de'", file=_PATTERNS_FILE,
                           fix="restore the file from the package")
    return data


@lru_cache(maxsize=None)
def _patterns(language):
    return _Patterns(language, _raw_patterns())


@lru_cache(maxsize=None)
def _stopwords():
    data = _raw_patterns()
    return {lang: frozenset(w.lower() for w in data[lang].get("stopwords", ())) for lang in LANGUAGES}


# --- the structure of an email ------------------------------------------------------------------------

class _Email:
    """A body split into salutation, message and closing (with the signature).

    ``start``/``end`` bound the message between them; ``sentences`` are spans within it.
    """

    def __init__(self, body, pats, place=None):
        self.body = body
        self.pats = pats
        self.place = place          # the Region of a German email (None for English)
        self.salutation = None      # (start, end) of "Dear Ms. Weber,"
        lines = []
        pos = 0
        for line in body.split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        content = [(s, e) for s, e in lines if body[s:e].strip()]
        start, end = 0, len(body)
        if content:
            first_start, first_end = content[0]
            first_start += len(body[first_start:first_end]) - len(body[first_start:first_end].lstrip())
            greeting = pats.salutation.match(body, first_start, first_end)
            if greeting and (greeting.end() == first_end or not body[greeting.end()].isalnum()):
                self.salutation = (first_start, self._salutation_end(first_start, first_end, greeting.end()))
                start = self.salutation[1]
            for index in range(len(content) - 1, 0, -1):
                line_start, line_end = content[index]
                if len(content) - 1 - index > 6:
                    break
                if pats.closing_line.fullmatch(body, line_start, line_end):
                    if not self.salutation or line_start >= self.salutation[1]:
                        end = line_start    # the closing and the signature after it are not counted
                    break
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        self.start, self.end = start, end
        self.sentences = self._split_sentences()
        self._tokens = None
        self._lowered = None
        self.char_limit = None      # set by lint_email for the kinds counted in characters

    @property
    def tokens(self):
        """Every word of the body as a match, in order (computed once)."""
        if self._tokens is None:
            self._tokens = list(_WORD.finditer(self.body))
            self._token_starts = [m.start() for m in self._tokens]
        return self._tokens

    @property
    def lowered(self):
        """The body in lower case, with the same length (so offsets stay valid)."""
        if self._lowered is None:
            self._lowered = _lower(self.body)
        return self._lowered

    def words_in(self, start, end):
        """The words that lie between ``start`` and ``end``."""
        tokens = self.tokens
        first = bisect.bisect_left(self._token_starts, start)
        last = bisect.bisect_left(self._token_starts, end)
        return [m for m in tokens[first:last] if m.end() <= end]

    def _salutation_end(self, start, line_end, greeting_end):
        line = self.body[greeting_end:line_end]
        stop = re.search(r"[,!:;]", line[:60])
        if stop:
            # "Guten Tag, Frau Lange," and "Hello, Dr. Okafor,": the name after the first comma
            # still belongs to the salutation.
            rest = line[stop.end():].rstrip()
            name = re.fullmatch(r"\s*((?:(?:[A-ZÄÖÜ][\w\-’']*\.?|von|van|de|der|zu|di|da|la|le)\s+){0,4}"
                                r"[A-ZÄÖÜ][\w\-’']*)\s*[,!:]", rest)
            if name:
                return greeting_end + stop.end() + name.end()
            return greeting_end + stop.end()
        if len(_WORD.findall(self.body, start, line_end)) <= 8:
            return line_end
        return greeting_end

    def _split_sentences(self):
        body, pats = self.body, self.pats
        spans, begin = [], self.start
        for m in _SENTENCE_END.finditer(body, self.start, self.end):
            if m.group(0) == "." or (m.group(0)[0] == "." and not m.group(0).startswith("..")):
                token = _TOKEN_BEFORE_DOT.search(body, max(self.start, m.start() - 12), m.start())
                if token:
                    word = token.group(0).lower()
                    if len(word) == 1 or word.isdigit() or word in pats.abbreviations:
                        continue
            spans.append((begin, m.end()))
            begin = m.end()
        spans.append((begin, self.end))
        sentences = []
        for s, e in spans:
            while s < e and body[s].isspace():
                s += 1
            while e > s and body[e - 1].isspace():
                e -= 1
            if _WORD.search(body, s, e):
                sentences.append((s, e))
        return sentences

    def words(self):
        return self.words_in(self.start, self.end)

    def first_sentence(self):
        return self.sentences[0] if self.sentences else (self.start, self.end)

    def request_sentence(self, last=False):
        """The sentence that makes the request: one with a request phrase, else one ending in '?'."""
        sentences = self.sentences[::-1] if last else self.sentences
        for s, e in sentences:
            if self.pats.request.search(self.body, s, e):
                return s, e
        for s, e in sentences:
            if self.body[s:e].rstrip("\"'”’») ").endswith("?"):
                return s, e
        return None


def _lower(text):
    """``text.lower()``, keeping characters whose lower case is longer (so offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _excerpt(text, limit=60):
    """``text`` on one line, cut at the last whole word before ``limit`` characters.

    >>> _excerpt("den ich angehängt habe, an Ihre Personalabteilung weiterleiten", 40)
    'den ich angehängt habe, an Ihre …'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + " …"


# --- the checks: each yields (variant, start, end, values) --------------------------------------------

def _check_too_long(mail, kind):
    words = mail.words()
    limit, soft = WORD_LIMITS[kind], SOFT_WORD_LIMITS.get(kind)
    if len(words) > HARD_WORD_LIMITS[kind]:
        yield "far", words[limit].start(), words[-1].end(), {"words": len(words), "limit": limit}
    elif len(words) > limit:
        yield "default", words[limit].start(), words[-1].end(), {"words": len(words), "limit": limit}
    elif soft and len(words) > soft:
        yield "soft", words[soft].start(), words[-1].end(), {"words": len(words), "limit": soft}


def _job_requests(text, pats, spans, lowered=None, gate=True):
    """Spans in ``text`` that ask for a job, searched within ``spans`` (the sentences).

    Negated uses ("I am not looking for a job"), for the noun patterns uses after a possessive
    ("your role at ..."), and, in a sentence that asks for advice, saying one is looking for a job
    or naming a job at their organisation ("Could you give me some advice on my job search?",
    "Any tips for getting an internship in your team?") are left out. With ``gate``, only spans
    that contain one of the ``asks_for_job_triggers`` are searched (the result is the same, only
    faster).
    """
    if lowered is None:
        lowered = _lower(text)
    found = []
    for start, end in spans:
        if gate and not pats.asks_triggers.search(lowered, start, end):
            continue
        advice = pats.advice.search(text, start, end)
        for regex, guarded in ((pats.asks, False), (pats.job_search, False), (pats.asks_noun, True)):
            for m in regex.finditer(text, start, end):
                # "I'm looking for a job ... and would value your advice": about the writer's path.
                # A job at their organisation only counts as advice when the advice comes first
                # ("Any tips for getting an internship in your team?").
                if advice and (regex is pats.job_search or (regex is pats.asks_noun and advice.start() < m.start())):
                    continue
                # A negation counts in the clause the match ends in, which may begin up to 25
                # characters before it: "I am not looking for a job" is fine, "..., but I'm
                # looking for a job" is not.
                clause = max(start, m.start() - 25)
                for brk in _CLAUSE_BREAK.finditer(text, clause, m.end()):
                    clause = brk.end()
                if pats.negation.search(text, clause, m.end()):
                    continue
                if guarded and pats.possessive_before.search(text, max(start, m.start() - 40), m.start()):
                    continue
                begin = next((m.start(g) for g in regex.groupindex if m.start(g) != -1), m.start())
                if not any(s < m.end() and begin < e for s, e in found):
                    found.append((begin, m.end()))
    return sorted(found)


def _check_asks_for_job(mail, kind):
    for s, e in _job_requests(mail.body, mail.pats, mail.sentences, mail.lowered):
        yield "default", s, e, {"text": _excerpt(mail.body[s:e])}


def _check_no_connection(mail, kind):
    if not mail.sentences:
        return
    request = mail.request_sentence()
    connection = mail.pats.connection.search(mail.body, mail.start, mail.end)
    if connection is None:
        yield ("default", *mail.first_sentence(), {})
    elif request and connection.start() >= request[1]:
        yield "late", connection.start(), connection.end(), {}


def _check_no_question(mail, kind):
    if not mail.sentences or _QUESTION_MARK.search(mail.body, mail.start, mail.end):
        return
    request = mail.request_sentence(last=True) or mail.sentences[-1]
    yield ("default", *request, {})


def _placeholders(text, pats):
    if any(trigger in text for trigger in pats.placeholder_triggers):
        yield from pats.placeholders.finditer(text)


def _check_unfilled_placeholder(mail, kind):
    for m in _placeholders(mail.body, mail.pats):
        yield "default", m.start(), m.end(), {"text": _excerpt(m.group(0))}


def _check_self_focused(mail, kind):
    pats = mail.pats
    if len(mail.sentences) < 3:
        return
    mine = []
    for s, e in mail.sentences:
        own = other = 0
        for token in mail.words_in(s, e):
            word = token.group(0).replace("’", "'")
            if word.lower() in pats.self_words:
                own += 1
            elif (word if pats.other_case_sensitive else word.lower()) in pats.other_words:
                other += 1
        if own > other:
            mine.append((s, e))
    if 2 * len(mine) > len(mail.sentences):
        yield "default", mine[0][0], mine[-1][1], {"mine": len(mine), "total": len(mail.sentences)}


def _check_no_thanks(mail, kind):
    if mail.sentences and not mail.pats.thanks.search(mail.body):
        yield ("default", *mail.first_sentence(), {})


def _check_thank_you_generic(mail, kind):
    if mail.sentences and not mail.pats.specific.search(mail.body, mail.start, mail.end):
        yield "default", mail.start, mail.end, {}


def _check_no_time_limit(mail, kind):
    if mail.sentences and not mail.pats.time_limit.search(mail.body, mail.start, mail.end):
        yield ("default", *(mail.request_sentence(last=True) or mail.sentences[-1]), {})


def _check_informal_address(mail, kind):
    pats, body = mail.pats, mail.body
    if mail.salutation:
        start, end = mail.salutation
        greeting = _WORD.match(body, start)
        name = _FIRST_NAME.fullmatch(body, pats.salutation.match(body, start).end(), end)
        if name and name.group(1)[0].isupper() and name.group(1) not in pats.not_first_names:
            # "Hallo Claudia,", "Liebe Claudia,": the first name is the problem, whatever the greeting
            yield "first_name", start, name.end(1), {"text": body[start:name.end(1)]}
        elif greeting and greeting.group(0).lower() in pats.informal_salutation:
            yield "salutation", greeting.start(), greeting.end(), {"text": greeting.group(0)}
    quoted = [m.span() for m in _QUOTED.finditer(body, mail.start, mail.end)]
    for m in mail.words_in(mail.start, mail.end):
        word = m.group(0)
        if any(s <= m.start() and m.end() <= e for s, e in quoted):
            continue
        if word.lower() in pats.informal:
            yield "default", m.start(), m.end(), {"text": word}
        elif word in pats.polite_lowercase and not _refers_to_someone_else(mail, m.start()):
            yield "lowercase", m.start(), m.end(), {"text": word, "upper": word.capitalize()}


def _refers_to_someone_else(mail, position):
    """True if the text before ``position``, in its sentence or the one before, names someone a
    lower-case "ihr"/"ihnen" can mean ("Frau Berger hat viel erzählt. Ich fand ihre Arbeit ...")."""
    index = next((i for i, (s, e) in enumerate(mail.sentences) if s <= position < e), 0)
    start = mail.sentences[max(index - 1, 0)][0] if mail.sentences else mail.start
    return bool(mail.pats.third_person.search(mail.body, start, position))


def _check_closing_comma(mail, kind):
    if mail.pats.closing_comma is not None:
        for m in mail.pats.closing_comma.finditer(mail.body):
            yield "default", m.start(1), m.end(1), {}


def _past_limit(text, limit):
    """The index in ``text`` of the first character past ``limit`` as :func:`char_count` counts."""
    used = 0
    for index, character in enumerate(text):
        used += 2 if ord(character) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _check_char_limit(mail, kind):
    chars = char_count(mail.body)
    if chars > mail.char_limit:
        start = len(mail.body) - len(mail.body.lstrip())
        begin = start + _past_limit(mail.body[start:], mail.char_limit)
        end = len(mail.body.rstrip())
        yield "default", begin, end, {"chars": chars, "limit": mail.char_limit, "over": chars - mail.char_limit}


def _check_capital_after_salutation(mail, kind):
    if not mail.salutation or not mail.body[mail.salutation[0]:mail.salutation[1]].endswith(",") \
            or (mail.place and not mail.place.salutation_comma):
        return
    nxt = _WORD.search(mail.body, mail.salutation[1])
    if nxt and mail.body[mail.salutation[1]:nxt.start()].strip() == "" \
            and nxt.group(0) in mail.pats.lowercase_after_salutation:
        yield "default", nxt.start(), nxt.end(), {"lower": nxt.group(0).lower()}


def _check_salutation_punctuation(mail, kind):
    """The region's punctuation after a salutation that fills its own line."""
    if not mail.salutation or mail.place is None:
        return
    start, end = mail.salutation
    line_end = mail.body.find("\n", start)
    line_end = len(mail.body) if line_end < 0 else line_end
    if mail.body[end:line_end].strip():
        return
    mark = mail.body[start:end].rstrip()[-1:]
    if mail.place.salutation_comma:
        if mark not in (",", "!"):
            yield "default", start, end, {}
    elif mark == ",":
        at = mail.body.rindex(",", start, end)
        yield "swiss_comma", at, at + 1, {}
    else:
        nxt = _WORD.search(mail.body, end)
        if nxt and nxt.group(0)[0].islower():
            yield "swiss_lowercase", nxt.start(), nxt.end(), {"upper": nxt.group(0)[0].upper() + nxt.group(0)[1:]}


def _sharp_s(text):
    """The words with "ß" in ``text``, as (start, end, Swiss spelling)."""
    for m in _WORD.finditer(text):
        if "ß" in m.group(0):
            yield m.start(), m.end(), m.group(0).replace("ß", "ss")


def _check_sharp_s(mail, kind):
    if mail.place is not None and not mail.place.sharp_s:
        for start, end, swiss in _sharp_s(mail.body):
            yield "default", start, end, {"upper": swiss}


def _check_spoken_greeting(mail, kind):
    if mail.salutation:
        line = mail.body[mail.salutation[0]:mail.salutation[1]].casefold()
        for greeting in spoken_greetings():
            if line.startswith(greeting.casefold()):
                start = mail.salutation[0]
                yield "default", start, start + len(greeting), {"text": mail.body[start:start + len(greeting)]}
                return


# Rule id -> check, in the order findings at one position are reported. The subject rules are
# handled in lint_email: missing-subject always, asks-for-job and unfilled-placeholder also there.
_CHECKS = {
    "empty": None,
    "missing-subject": None,
    "unfilled-placeholder": _check_unfilled_placeholder,
    "asks-for-job": _check_asks_for_job,
    "informal-address": _check_informal_address,
    "too-long": _check_too_long,
    "no-connection": _check_no_connection,
    "no-question": _check_no_question,
    "self-focused": _check_self_focused,
    "no-thanks": _check_no_thanks,
    "thank-you-generic": _check_thank_you_generic,
    "no-time-limit": _check_no_time_limit,
    "closing-comma": _check_closing_comma,
    "capital-after-salutation": _check_capital_after_salutation,
    "char-limit": _check_char_limit,
    "salutation-punctuation": _check_salutation_punctuation,
    "sharp-s": _check_sharp_s,
    "spoken-greeting": _check_spoken_greeting,
}
_ORDER = {rule_id: index for index, rule_id in enumerate(_CHECKS)}

_RULES, WORD_LIMITS, SOFT_WORD_LIMITS, HARD_WORD_LIMITS, CHAR_LIMITS, FREE_ACCOUNT_CHAR_LIMITS = _load_rules(
    load_bundled("lint_rules.yaml"))
#: Rule id -> one-line description in English.
LINT_RULES = MappingProxyType({rule_id: rule.description for rule_id, rule in _RULES.items()})


# --- the public functions -----------------------------------------------------------------------------

def word_count(text, language="en"):
    """The number of words in an email body, as the ``too-long`` rule counts them.

    A word is a run of letters or digits; an apostrophe or hyphen inside it keeps it one
    word ("I'm", "20-minute"). The greeting line ("Dear Ms. Weber,") and everything from
    the closing ("Best regards,") on, the signature included, are not counted.

    >>> word_count("Dear Ms. Weber,\\n\\nWould you have 20 minutes next week?\\n\\nBest regards,\\nAnna Schmidt")
    7
    >>> word_count("I'm a third-year student.")
    4

    ``language`` only chooses which phrase lists are loaded; greetings and closings of both
    languages are recognised either way.
    """
    if not isinstance(text, str):
        raise TypeError(f"the text must be a string, not {type(text).__name__}")
    return len(_Email(text, _patterns(check_language(language))).words())


def char_count(text):
    """The number of characters in a LinkedIn note, as LinkedIn's box counts them.

    Every character counts, spaces, punctuation and line breaks included (a Windows line break
    as one); a character outside the Basic Multilingual Plane, such as most emoji, counts two,
    because the box counts UTF-16 code units. Blank space before and after the note is not
    counted (LinkedIn trims it).

    >>> char_count("Hallo Frau Weiß,\\r\\nschön!"), char_count("  Thank you 🙂 ")
    (23, 12)
    """
    if not isinstance(text, str):
        raise TypeError(f"the text must be a string, not {type(text).__name__}")
    text = text.replace("\r\n", "\n").strip()
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def guess_language(text):
    """``"de"`` when ``text`` looks German, else ``"en"`` (a guess from frequent words).

    >>> guess_language("Sehr geehrte Frau Meyer, hätten Sie Zeit für ein kurzes Gespräch?")
    'de'
    >>> guess_language("Would you have time for a short call?")
    'en'
    """
    counts = language_evidence(text)
    return "de" if counts["de"] > counts["en"] else "en"


def language_evidence(text):
    """How many frequent words of each language ``text`` holds (umlauts and ß count two for German).

    >>> language_evidence("the art of the deal")
    {'en': 3, 'de': 0}
    """
    stop = _stopwords()
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in _WORD.findall(text):
        word = word.lower()
        for lang in LANGUAGES:
            counts[lang] += word in stop[lang]
    if re.search(r"[äöüß]", text, re.IGNORECASE):
        counts["de"] += 2
    return counts


def lint_email(body, kind="outreach", language="en", subject=None, region=None, *, char_limit=None):
    """Check an email and return its findings, sorted by field (subject first) and position.

    ``kind`` is one of the keys of :data:`WORD_LIMITS` or :data:`CHAR_LIMITS`; ``language`` ``"en"``
    or ``"de"``. ``subject=None`` means the subject is unknown (no subject rules); ``""`` means empty.
    With ``region`` (``"de-DE"``, ``"de-AT"`` or ``"de-CH"``), a German email is also checked
    against that region's conventions (punctuation after the salutation, "ß"); without one, only
    what holds in all three. English emails take no region. ``char_limit`` replaces the character
    limit of a LinkedIn note (e.g. ``FREE_ACCOUNT_CHAR_LIMITS["linkedin"]``, 200, for a free account).

    >>> swiss = "Sehr geehrte Frau Meyer,\\n\\nüber Ihren Vortrag habe ich mich gefreut.\\n\\nFreundliche Grüße\\nKim"
    >>> [(f.rule, swiss[f.start:f.end]) for f in lint_email(swiss, "thank_you", "de", region="de-CH")
    ...  if f.rule in ("salutation-punctuation", "sharp-s")]
    [('salutation-punctuation', ','), ('sharp-s', 'Grüße')]
    >>> note = "Dear Dr. Shah,\\n" + "Thank you for your talk on flood risk today. " * 5
    >>> [f.message for f in lint_email(note, "linkedin", char_limit=200)]
    ["239 characters: 39 over LinkedIn's limit of 200. Cut 39 characters; the highlighted text is past the limit."]
    >>> (finding,) = lint_email("Sehr geehrte Frau Meyer,\\n\\nhast du Zeit?", "follow_up", "de")
    >>> finding.rule, finding.severity, finding.start, finding.end
    ('informal-address', 'error', 31, 33)
    >>> finding.message
    '„du“ ist die Du-Form. Sprechen Sie Menschen, die Sie nicht kennen, mit „Sie“ an (Sie, Ihnen, Ihr).'
    """
    if not isinstance(body, str):
        raise TypeError(f"the body must be a string, not {type(body).__name__}")
    if subject is not None and not isinstance(subject, str):
        raise TypeError(f"the subject must be a string or None, not {type(subject).__name__}")
    if kind not in WORD_LIMITS and kind not in CHAR_LIMITS:
        raise ValueError(f"kind must be one of {', '.join([*WORD_LIMITS, *CHAR_LIMITS])}, not {kind!r}")
    if char_limit is not None and (kind not in CHAR_LIMITS or not isinstance(char_limit, int)
                                   or isinstance(char_limit, bool) or char_limit <= 0):
        raise ValueError(f"char_limit must be a positive whole number, for one of {', '.join(CHAR_LIMITS)}; "
                         f"not {char_limit!r} for {kind!r}")
    check_language(language)
    place = check_region(region, language) if region is not None else None
    pats = _patterns(language)
    findings = []

    def add(rule_id, variant, start, end, values, field="body"):
        rule = _RULES[rule_id]
        findings.append(Finding(rule_id, rule.severity_of(variant), rule.message(language, variant, **values),
                                start, end, field))

    def applies(rule_id):
        rule = _RULES[rule_id]
        return kind in rule.kinds and language in rule.languages

    if subject is not None:
        if applies("missing-subject"):
            if not subject.strip():
                add("missing-subject", "default", 0, len(subject), {}, "subject")
            elif len(_WORD.findall(subject)) > 8:
                add("missing-subject", "long", 0, len(subject), {"words": len(_WORD.findall(subject))}, "subject")
        if applies("unfilled-placeholder"):
            for m in _placeholders(subject, pats):
                add("unfilled-placeholder", "default", m.start(), m.end(), {"text": _excerpt(m.group(0))}, "subject")
        if applies("asks-for-job"):
            for s, e in _job_requests(subject, pats, [(0, len(subject))]):
                add("asks-for-job", "default", s, e, {"text": _excerpt(subject[s:e])}, "subject")
        if applies("sharp-s") and place is not None and not place.sharp_s:
            for s, e, swiss in _sharp_s(subject):
                add("sharp-s", "default", s, e, {"upper": swiss}, "subject")

    if not body.strip():
        if applies("empty"):
            add("empty", "default", 0, len(body), {})
    else:
        mail = _Email(body, pats, place)
        mail.char_limit = char_limit or CHAR_LIMITS.get(kind)
        for rule_id, check in _CHECKS.items():
            if check is not None and applies(rule_id):
                for variant, start, end, values in check(mail, kind):
                    add(rule_id, variant, start, end, values)
    findings.sort(key=lambda f: (f.field != "subject", f.start, _ORDER[f.rule], f.end))
    return findings
