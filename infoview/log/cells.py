"""A log's cells as clean text: :func:`clean_cell` for one cell, :class:`CellText` for a whole
column, vectorised in Arrow so that a million cells are cleaned without a Python loop over them.

Clean text is stripped (``""`` when empty; numbers, dates and booleans as text) and without the
formula guard (a leading ``'``) that an export puts before ``=+-@``. A column is kept either as a
plain Arrow string array or, when many of its cells need cleaning and their values repeat (a
padded spreadsheet), as codes into its distinct texts, which are then cleaned once each; both give
the same cells.

>>> import pandas as pd
>>> text = CellText.of(pd.Series(["  '=SUM(A1) ", None, "Kim", 3.0], dtype=object))
>>> text.objects().tolist(), text.blank.tolist()
(['=SUM(A1)', '', 'Kim', '3'], [False, True, False, False])
"""

import datetime as _dt
import re
from functools import lru_cache

__all__ = ["FORMULA_START", "CellText", "clean_cell"]

FORMULA_START = re.compile('[\\s\u200b-\u200d\u2060\ufeff"]*[=+\\-@]|[\t\r]')
"""Text a spreadsheet could run as a formula: a formula sign, also behind line breaks, spaces (NBSP,
U+3000), invisible characters or double quotes that an importer may trim (an apostrophe is the
guard); or a leading tab or carriage return."""
_NEUTRALISED = re.compile("^'(?=" + FORMULA_START.pattern + ")")
_SAMPLE = 2_000  # cells looked at to guess whether a column is untidy


def _cell_text(value):
    if isinstance(value, str):
        return str(value).strip()
    if hasattr(value, "item") and hasattr(value, "dtype"):  # a numpy scalar: the Python value it holds
        import pandas as pd

        value = pd.Timestamp(value) if value.dtype.kind == "M" else value.item()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat(sep=" ") if isinstance(value, _dt.datetime) else value.isoformat()
    return str(value).strip()


def clean_cell(value):
    """A cell as read_log reads it: stripped text ("" when empty; numbers, dates and booleans as
    text), without the formula guard (a leading ') that an export puts before ``=+-@``.

    >>> clean_cell("  '=SUM(A1) "), clean_cell(3.0), clean_cell(None)
    ('=SUM(A1)', '3', '')
    """
    text = "" if value is None else _cell_text(value)
    return _NEUTRALISED.sub("", text) if text[:1] == "'" else text


@lru_cache(maxsize=1)
def _unclean_ends():
    """The characters at either end of a cell that :func:`clean_cell` removes (str.isspace), and '."""
    import pyarrow as pa

    spaces = [chr(code) for code in range(0x3001) if chr(code).isspace()]  # the last is U+3000
    return pa.array(spaces), pa.array(spaces + ["'"])


@lru_cache(maxsize=1)
def _suspect_bytes():
    """Two tables over byte values: which first bytes and which last bytes of a UTF-8 cell may
    belong to a character that :func:`clean_cell` removes (every byte of those characters' first
    or last byte, so that no such cell is missed; a few clean cells are looked at again)."""
    import numpy as np

    trailing, leading = _unclean_ends()
    first, last = np.zeros(256, dtype=bool), np.zeros(256, dtype=bool)
    for char in leading.to_pylist():
        first[char.encode("utf-8")[0]] = True
    for char in trailing.to_pylist():
        last[char.encode("utf-8")[-1]] = True
    return first, last


class CellText:
    """A column's cells as clean text: ``codes`` into the clean texts ``uniques`` (a list that may
    hold a text twice), or a plain Arrow string array ``array``; ``blank`` marks the empty cells.
    Build one with :meth:`of` or :meth:`empty`."""

    def __init__(self, codes=None, uniques=None, array=None):
        import numpy as np

        self.codes, self.uniques, self.array = codes, uniques, array
        if array is None:
            self.blank = np.array([not text for text in uniques], dtype=bool)[codes]
        else:
            starts, ends, _ = _layout(array)
            self.blank = starts == ends

    @classmethod
    def of(cls, series):
        """The clean text of a pandas Series of cells as written (any dtype)."""
        import numpy as np
        import pandas as pd
        import pyarrow.compute as pc

        categories = isinstance(series.dtype, pd.CategoricalDtype)
        array = None if categories else _strings(series)
        if array is None:  # categories, numbers, dates, a mix: clean each distinct value
            codes, uniques = ((series.cat.codes.to_numpy(), series.cat.categories) if categories
                              else pd.factorize(series, use_na_sentinel=True))
            cleaned = _clean_each(list(uniques)) + [""]
            return cls(np.where(codes < 0, len(cleaned) - 1, codes), cleaned)
        if _untidy(array):  # many cells to clean one by one, but few texts: clean each text once
            encoded = pc.dictionary_encode(array)
            return cls(encoded.indices.to_numpy(zero_copy_only=False), _cleaned(encoded.dictionary).to_pylist())
        return cls(array=_cleaned(array))

    @classmethod
    def empty(cls, n):
        """``n`` empty cells (a column the file does not have)."""
        import numpy as np

        return cls(np.zeros(n, dtype=np.int64), [""])

    def __len__(self):
        return len(self.blank)

    def objects(self):
        """The cells as a numpy array of Python strings."""
        import numpy as np

        if self.array is None:
            return np.array(self.uniques, dtype=object)[self.codes]
        return self.array.to_numpy(zero_copy_only=False).astype(object, copy=False)

    def strings(self):
        """The cells as a Series of pandas' text dtype (``str``, held in Arrow: no Python string per cell)."""
        import pyarrow as pa

        if self.array is None:
            return pa.array(self.uniques, pa.large_string()).take(pa.array(self.codes)).to_pandas()
        return self.array.to_pandas()

    def factorize(self):
        """``(codes, uniques)``: each cell as a position in a list of texts."""
        import pyarrow.compute as pc

        if self.array is None:
            return self.codes, self.uniques
        encoded = pc.dictionary_encode(self.array)
        return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist()

    def distinct(self):
        """How many different texts the cells hold."""
        import numpy as np
        import pyarrow.compute as pc

        if self.array is None:
            return len(set(np.array(self.uniques, dtype=object)[np.unique(self.codes)].tolist()))
        return len(pc.unique(self.array))

    def take(self, keep):
        """The cells where the boolean array ``keep`` is true."""
        import pyarrow as pa

        if self.array is None:
            return CellText(self.codes[keep], self.uniques)
        return CellText(array=self.array.filter(pa.array(keep)))


def _strings(series):
    """The Series as an Arrow string array without nulls ("" for them), or None when it holds
    anything but text."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    dtype = series.dtype
    arrow = isinstance(dtype, pd.ArrowDtype) and (pa.types.is_string(dtype.pyarrow_dtype)
                                                 or pa.types.is_large_string(dtype.pyarrow_dtype))
    if not (dtype == object or isinstance(dtype, pd.StringDtype) or arrow):
        return None
    try:
        array = pa.array(series.array if dtype != object else series.to_numpy(), from_pandas=True)
    except (pa.ArrowException, OverflowError, TypeError, UnicodeEncodeError):  # e.g. a huge int, numpy dates
        return None
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_null(array.type):
        array = array.cast(pa.string())
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return None
    return pc.fill_null(array, "") if array.null_count else array


def _clean_each(values):
    """:func:`clean_cell` of each value; the texts among them are cleaned together in Arrow."""
    import pyarrow as pa

    texts = [value for value in values if type(value) is str]
    try:
        cleaned = iter(_cleaned(pa.array(texts, pa.string())).to_pylist() if texts else ())
    except UnicodeEncodeError:  # a lone surrogate, which no file holds: one by one
        return [clean_cell(value) for value in values]
    return [next(cleaned) if type(value) is str else clean_cell(value) for value in values]


def _untidy(array):
    """Whether the first cells of a string array both repeat and often need cleaning (as a
    spreadsheet padded with spaces has them): then cleaning each distinct text once, and building
    the cells from them, beats cleaning cell by cell."""
    import pyarrow.compute as pc

    sample = array.slice(0, _SAMPLE)
    return 20 * len(_unclean(sample)) > len(sample) and 2 * len(pc.unique(sample)) <= len(sample)


def _layout(array):
    """``(starts, ends, data)``: where each cell of a string array begins and ends in its bytes."""
    import numpy as np
    import pyarrow as pa

    if not len(array):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.uint8)
    _, offsets, data = array.buffers()
    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    offsets = np.frombuffer(offsets, dtype=width)[array.offset:array.offset + len(array) + 1]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    return offsets[:-1], offsets[1:], data


def _unclean(array):
    """The positions of the cells of a string array that :func:`clean_cell` changes: those whose
    first or last byte may need it are found in numpy, then checked exactly in Arrow."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    starts, ends, data = _layout(array)
    if not len(data):
        return np.zeros(0, dtype=np.int64)
    first, last = _suspect_bytes()  # an empty cell reads a neighbour's byte here, and is dropped below
    suspects = np.flatnonzero(first.take(data.take(starts, mode="clip")) | last.take(data.take(ends - 1, mode="clip")))
    suspects = suspects[ends[suspects] > starts[suspects]]
    if not len(suspects):
        return suspects
    trailing, leading = _unclean_ends()
    candidates = array.take(pa.array(suspects))
    unclean = pc.or_(pc.is_in(pc.utf8_slice_codeunits(candidates, 0, 1), value_set=leading),
                     pc.is_in(pc.utf8_slice_codeunits(candidates, -1, 2**31 - 1), value_set=trailing))
    return suspects[unclean.to_numpy(zero_copy_only=False)]


def _cleaned(array):
    """A string array with :func:`clean_cell` applied; only the cells that need it go through Python."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    positions = _unclean(array)
    if not len(positions):
        return array
    mask = np.zeros(len(array), dtype=bool)
    mask[positions] = True
    fixed = pa.array([clean_cell(value) for value in array.take(pa.array(positions)).to_pylist()], array.type)
    return pc.replace_with_mask(array, pa.array(mask), fixed)
