"""The source code of a teaching function, for a page to show beside the slide's version."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable


@functools.cache
def source_of(function: Callable) -> str:
    """The source of ``function`` as written in the project (read from disk once per process).

    >>> from core.losses import one_hot
    >>> source_of(one_hot).splitlines()[0].startswith("def one_hot(")
    True
    """
    return inspect.getsource(function)
