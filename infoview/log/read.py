"""Reading an outreach log: :func:`read_log` takes a file or a DataFrame and returns the validated
frame with the columns :data:`LOG_COLUMNS` and fixed dtypes; :func:`check_log` lists the problems.

The dtypes: text columns (:data:`TEXT_COLUMNS`) are pandas' own text dtype ``str``, held in Arrow,
with ``""`` for an empty cell (never missing); sources, channels and responses are categoricals in
the order of :data:`SOURCES`, :data:`CHANNELS` and :data:`RESPONSES`; dates are ``datetime64[ns]``
to the second (``NaT`` when empty); ``referrals`` is ``Int64``.

Files are read by :mod:`.files` (CSV in its dialects and encodings, Excel, Parquet) and checked by
:func:`~infoview.log.columns.normalise`, with English or German headers and values (see
:mod:`.columns` for the columns and the rules; its names are offered here too).

>>> import pandas as pd
>>> frame = read_log(pd.DataFrame({"Kontakt": ["Dr. Lena Kurz"], "Gesendet am": ["03.03.2025 09:15"],
...                                "Kanal": ["E-Mail"], "Quelle": ["Alumni"]}))
>>> frame.loc[0, ["contact", "channel", "source"]].tolist()
['Dr. Lena Kurz', 'email', 'alumni']
>>> frame.loc[0, "sent_at"]
Timestamp('2025-03-03 09:15:00')
>>> try:
...     read_log(pd.DataFrame({"contact": ["Ada"], "sent_at": ["2025-03-03"], "response": ["maybe"]}))
... except LogError as error:
...     problem = error.problems[0]
>>> problem.line, problem.column, problem.value
(2, 'response', 'maybe')
"""

from ..errors import LogError
from ..problems import in_language
from ..texts import check_language
from .columns import (CATEGORY_COLUMNS, CHANNELS, LOG_COLUMNS, MAX_PROBLEMS, REQUIRED_COLUMNS, RESPONSES, SOURCES,
                      TEXT_COLUMNS, TIMESTAMP_COLUMNS, normalise, vocabulary)
from .files import MAX_ROWS, load_table

__all__ = [
    "LOG_COLUMNS", "TEXT_COLUMNS", "TIMESTAMP_COLUMNS", "CATEGORY_COLUMNS", "REQUIRED_COLUMNS",
    "SOURCES", "CHANNELS", "RESPONSES", "MAX_PROBLEMS", "read_log", "read_with_lines", "check_log", "normalise",
    "vocabulary", "MAX_ROWS",
]


def read_log(path_or_dataframe, language="en", *, max_rows=None):
    """Read and validate an outreach log; return a DataFrame with the columns :data:`LOG_COLUMNS`.

    Raises :class:`~infoview.errors.LogError` listing every problem (up to :data:`MAX_PROBLEMS`),
    each with the file line (the header is line 1; for a DataFrame, row position + 2), in
    ``language`` ("en" or "de").

    A file may hold at most ``max_rows`` rows (by default :data:`MAX_ROWS`, far above one person's outreach),
    checked before it is parsed; a career service pooling many classes raises it, e.g.
    ``read_log("all_years.csv", max_rows=2_000_000)``, and the cell and byte limits grow in proportion.
    """
    check_language(language)
    try:
        return read_with_lines(path_or_dataframe, max_rows=max_rows)[0]
    except LogError as error:
        raise in_language(error, language) from None


def check_log(path_or_dataframe, max_problems=None, *, max_rows=None):
    """Validate only; return the list of problems (every one, unless ``max_problems`` is given)."""
    try:
        read_with_lines(path_or_dataframe, max_problems=max_problems, max_rows=max_rows)
    except LogError as error:
        return error.problems
    return []


def read_with_lines(source, max_problems=MAX_PROBLEMS, *, max_rows=None):
    """Return ``(frame, lines)``: the validated frame and each row's line in the file."""
    raw, lines, header_line, name = load_table(source, max_problems, max_rows)
    return normalise(raw, lines, header_line=header_line, source=name, max_problems=max_problems), lines
