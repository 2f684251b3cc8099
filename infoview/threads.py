"""Work on two threads, for the long loops that run in Arrow and numpy (which release the GIL while
they work): reading a million-row log, and encoding ten million texts.

>>> each(len, ["ab", "c"]), in_background(lambda: 6 * 7)()
([2, 1], 42)
"""

__all__ = ["each", "in_background"]


def each(function, *items, threaded=True):
    """``list(map(function, *items))``, on two threads when ``threaded`` and there are two items or more."""
    if not threaded or len(items[0]) < 2:
        return list(map(function, *items))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(function, *items))


def in_background(function):
    """Start ``function`` on another thread; return a function that waits for its result."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(1)
    started = pool.submit(function)
    pool.shutdown(wait=False)  # the thread ends when the work is done
    return started.result
