"""One bounded cache for the whole app: ``@memoize(maxsize)`` on a pure function.

Pages rerun their script on every key press, and most of a rerun's inputs did not
change; so expensive results (training runs, sweeps, surfaces) and the Plotly
figures built from them are kept, keyed by their arguments, and reused. The
cache is per process, shared by every session (the results are the same for
everyone), bounded (least recently used out first) and thread-safe (Streamlit
runs each session's script in its own thread).

A cached result is shared: callers must not mutate it. NumPy arrays in it are
made read-only so an accidental write raises instead of corrupting the cache
(an array result that is a view of an argument is copied first, so the caller's
array stays writeable). Results inside lists or dicts are not frozen: return
tuples, arrays or dataclasses.
Standard library and NumPy only, so ``core`` and ``figures`` can both use it.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])


def _key(value: Any) -> Any:
    """A hashable stand-in for an argument: arrays by dtype, shape and bytes."""
    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_key(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((k, _key(v)) for k, v in sorted(value.items())))
    if isinstance(value, float) and value != value:  # NaN != NaN would never hit
        return ("nan",)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            _key(getattr(value, f.name)) for f in dataclasses.fields(value)
        )
    hash(value)  # an unhashable argument fails here, loudly, not deep in the cache
    return value


def _freeze(value: Any) -> Any:
    """Make the arrays of a result read-only (top level, in tuples and dataclasses, nested)."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, tuple):
        for item in value:
            _freeze(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _freeze(getattr(value, f.name))
    return value


def _shares_memory(result: np.ndarray, args: tuple, kwargs: dict) -> bool:
    """Whether ``result`` is (a view of) one of the array arguments."""
    inputs = [a for a in (*args, *kwargs.values()) if isinstance(a, np.ndarray)]
    return any(np.shares_memory(result, a) for a in inputs)


def memoize(maxsize: int = 32) -> Callable[[F], F]:
    """Cache a pure function's results by its arguments, keeping the ``maxsize`` latest.

    The wrapped function gains ``cache_clear()`` and ``cache_len()``.

    >>> @memoize(maxsize=2)
    ... def double(x):
    ...     return 2 * x
    >>> double(np.array([1.0])) is double(np.array([1.0]))
    True
    >>> double.cache_len()
    1
    """
    if maxsize < 1:
        raise ValueError(f"maxsize must be at least 1, got {maxsize}.")

    def decorate(function: F) -> F:
        entries: OrderedDict[Any, Any] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(function)
        def cached(*args: Any, **kwargs: Any) -> Any:
            key = (_key(args), _key(kwargs))
            with lock:
                if key in entries:
                    entries.move_to_end(key)
                    return entries[key]
            result = function(*args, **kwargs)  # computed outside the lock
            if isinstance(result, np.ndarray) and _shares_memory(result, args, kwargs):
                result = result.copy()  # freezing it would freeze the caller's own array
            _freeze(result)
            with lock:
                entries[key] = result
                entries.move_to_end(key)
                while len(entries) > maxsize:
                    entries.popitem(last=False)
            return result

        def cache_clear() -> None:
            with lock:
                entries.clear()

        cached.cache_clear = cache_clear  # type: ignore[attr-defined]
        cached.cache_len = lambda: len(entries)  # type: ignore[attr-defined]
        return cached  # type: ignore[return-value]

    return decorate
