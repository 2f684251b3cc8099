"""Values as integer codes, the distinct values sorted: what grouping by a column needs.

Text is encoded by Arrow, without a Python string per row: ten million texts (the funnel per
student) are hashed in C, a long column in two halves on two threads.

>>> codes, uniques = factorize(pd.Series(["Kim", "Ada", "Kim"]))
>>> codes.tolist(), uniques.tolist()
([1, 0, 1], ['Ada', 'Kim'])
"""

import numpy as np
import pandas as pd

from ..threads import each

__all__ = ["factorize"]


def factorize(values):
    """Integer codes and the sorted distinct values, with missing values coded last.

    Like ``pd.factorize(values, sort=True, use_na_sentinel=False)``, but only the distinct
    values are sorted, not the rows. Text (an object array, or a Series of pandas' text dtype) is
    encoded by Arrow, without making a Python string per row.

    >>> codes, uniques = factorize(np.array(["b", None, "a", "b"], dtype=object))
    >>> codes.tolist(), uniques.tolist()
    ([1, 2, 0, 1], ['a', 'b', nan])
    """
    if isinstance(values, pd.Series):
        values = values.array if isinstance(values.dtype, pd.StringDtype) else values.to_numpy()
    elif not isinstance(values, pd.api.extensions.ExtensionArray):
        values = np.asarray(values)
    text = isinstance(values, np.ndarray) and values.dtype == object or isinstance(values, pd.arrays.ArrowStringArray)
    found = _text_codes(values) if text else None
    if found is not None:
        codes, uniques = found
    else:
        codes, uniques = pd.factorize(values)
        try:
            order = np.argsort(np.asarray(uniques), kind="stable")
        except TypeError:  # values of several types that do not sort together: keep their first appearance
            order = np.arange(len(uniques))
        rank = np.empty(len(uniques) + 1, dtype=np.int64)
        rank[order] = np.arange(len(uniques))
        rank[-1] = len(uniques)
        uniques = pd.Index(np.asarray(uniques)).take(order)  # a new Index infers its dtype (text: str)
        codes = rank[codes]
    if (codes == len(uniques)).any():
        uniques = uniques.append(pd.Index([np.nan], dtype=object))
    return codes, uniques


def _text_codes(values):
    """``(codes, sorted distinct texts)`` of texts, encoded and sorted by Arrow (in C: several times
    faster than hashing ten million Python strings; a long column in two halves on two threads),
    missing values coded last; ``None`` when the values are not all text. The codes are 32-bit
    (below 2**31 distinct texts), read-only, and the only array as long as the rows that it keeps."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        array = pa.array(values, type=None if isinstance(values, pd.api.extensions.ExtensionArray) else pa.large_string(),
                         from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    if isinstance(array, pa.Array):
        array = pa.chunked_array([array])  # a frame read from Parquet has a chunk per row group: never joined here
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return None
    half = len(array) // 2
    parts = each(_encoded, [array.slice(0, half), array.slice(half)] if len(array) >= _TWO_THREADS_FROM else [array])
    distinct, maps = parts[0][1], []
    for _, dictionary in parts:  # where each part's texts stand among all distinct texts
        where = pc.fill_null(pc.index_in(dictionary, value_set=distinct), -1).to_numpy().astype(np.int64)
        new = np.flatnonzero(where < 0)
        where[new] = np.arange(len(distinct), len(distinct) + len(new))
        distinct = pa.concat_arrays([distinct, dictionary.take(pa.array(new, pa.int64())).cast(distinct.type)])
        maps.append(where)
    order = pc.array_sort_indices(distinct).to_numpy()  # UTF-8 sorts by its bytes as Python by code points
    width = np.int32 if len(distinct) < 2**31 - 1 else np.int64
    rank = np.empty(len(distinct) + 1, dtype=width)
    rank[order] = np.arange(len(distinct))
    rank[-1] = len(distinct)  # a missing value reads the last entry: coded last

    def codes_of(part, where):  # gathered by Arrow, into its memory pool: no fresh pages, no 64-bit copy of the indices
        indices = part[0] if not part[0].null_count else pc.fill_null(part[0], len(where))
        return pc.take(pa.array(rank[np.append(where, -1)]), indices).chunks

    chunks = sum(each(codes_of, parts, maps), [])
    codes = chunks[0] if len(chunks) == 1 else pa.chunked_array(chunks, pa.from_numpy_dtype(width)).combine_chunks()
    return codes.to_numpy(), pd.Index(distinct.take(pa.array(order)).to_numpy(zero_copy_only=False))


def _encoded(part):
    """``(indices, dictionary)`` of a chunked text array, whose chunks Arrow encodes with one dictionary."""
    import pyarrow as pa
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(part)
    dictionary = encoded.chunk(0).dictionary if encoded.num_chunks else pa.array([], part.type)
    return pa.chunked_array([chunk.indices for chunk in encoded.chunks], pa.int32()), dictionary


_TWO_THREADS_FROM = 1_000_000  # rows of text from which they are encoded on two threads
