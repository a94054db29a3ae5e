"""core.memo: hits for equal arguments, misses otherwise, the LRU bound, frozen results, threads."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np
import pytest

from core.memo import memoize


def counted(maxsize: int = 8):
    """A memoized function that records every argument it was really called with."""
    calls = []

    @memoize(maxsize)
    def double(x, *rest, **kwargs):
        calls.append(x)
        return np.asarray(x, dtype=float) * 2

    return double, calls


def test_equal_arrays_hit_and_return_the_same_object() -> None:
    double, calls = counted()
    first = double(np.array([1.0, 2.0]))
    again = double(np.array([1.0, 2.0]))  # a different array with the same contents
    assert again is first and len(calls) == 1
    assert double(np.asfortranarray(np.eye(2))) is double(np.eye(2))  # same values, any layout
    assert double.cache_len() == 2


@pytest.mark.parametrize(
    "other",
    [
        np.array([1.0, 2.0], dtype=np.float32),  # same values, another dtype
        np.array([[1.0, 2.0]]),  # same values, another shape
        np.array([1.0, 2.5]),  # another value
        np.array([1, 2]),  # integers
        [1.0, 2.0],  # a list is not the array
    ],
    ids=["dtype", "shape", "values", "int-dtype", "list"],
)
def test_a_different_argument_misses(other) -> None:
    double, calls = counted()
    double(np.array([1.0, 2.0]))
    double(other)
    assert len(calls) == 2
    assert double.cache_len() == 2


def test_keyword_and_nested_arguments_are_part_of_the_key() -> None:
    double, calls = counted()
    double(1.0, (np.zeros(2), "a"), scale={"b": 1, "a": 2})
    double(1.0, (np.zeros(2), "a"), scale={"a": 2, "b": 1})  # dict order does not matter
    assert len(calls) == 1
    double(1.0, (np.ones(2), "a"), scale={"a": 2, "b": 1})  # an array inside a tuple changed
    double(1.0, (np.zeros(2), "a"), scale={"a": 3, "b": 1})  # a keyword's value changed
    assert len(calls) == 3


@dataclass(frozen=True)
class Point:
    xy: np.ndarray


def test_dataclass_arguments_are_keyed_by_their_fields() -> None:
    double, calls = counted()
    double(1.0, Point(np.array([1.0, 2.0])))
    double(1.0, Point(np.array([1.0, 2.0])))
    double(1.0, Point(np.array([1.0, 3.0])))
    assert len(calls) == 2


def test_least_recently_used_entry_is_evicted_first() -> None:
    double, calls = counted(maxsize=2)
    a = double(np.array([1.0]))
    double(np.array([2.0]))
    assert double(np.array([1.0])) is a  # a is now the most recent, 2.0 the oldest
    double(np.array([3.0]))  # evicts 2.0
    assert double.cache_len() == 2
    assert double(np.array([1.0])) is a
    assert len(calls) == 3
    double(np.array([2.0]))  # computed again
    assert len(calls) == 4 and double.cache_len() == 2


def test_cache_clear_empties_the_cache() -> None:
    double, calls = counted()
    first = double(np.array([1.0]))
    double.cache_clear()
    assert double.cache_len() == 0
    assert double(np.array([1.0])) is not first and len(calls) == 2


def test_maxsize_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        memoize(0)


@dataclass(frozen=True)
class Inner:
    values: np.ndarray


@dataclass(frozen=True)
class Outer:
    top: np.ndarray
    inner: Inner
    pair: tuple


def test_cached_arrays_are_read_only_at_every_level() -> None:
    @memoize(4)
    def build(n: int):
        return np.zeros(n), Outer(np.ones(n), Inner(np.arange(n)), (np.zeros(n), 1))

    plain, nested = build(3)
    for array in (plain, nested.top, nested.inner.values, nested.pair[0]):
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 5
    assert build(3)[1].inner.values.tolist() == [0, 1, 2]  # the cache still holds the original


def test_unhashable_argument_raises_type_error() -> None:
    double, calls = counted()
    with pytest.raises(TypeError, match="unhashable"):
        double({1.0, 2.0})
    with pytest.raises(TypeError, match="unhashable"):
        double(1.0, [np.zeros(1), {"a": {1}}])  # deep inside a list and a dict
    assert calls == [] and double.cache_len() == 0


@pytest.mark.parametrize("nan", [math.nan, float("nan"), np.float64("nan")], ids=str)
def test_nan_float_arguments_hit(nan: float) -> None:
    double, calls = counted()
    first = double(nan)
    assert double(float("nan")) is first
    assert len(calls) == 1
    assert np.isnan(first)


def test_nan_inside_an_array_hits() -> None:
    double, calls = counted()
    assert double(np.array([np.nan, 1.0])) is double(np.array([np.nan, 1.0]))
    assert len(calls) == 1


def test_threads_share_one_bounded_cache_and_get_correct_results() -> None:
    """Smoke test: many threads, overlapping keys, evictions: no error, right values, bound kept."""
    double, _ = counted(maxsize=8)
    threads_count, rounds = 8, 300
    barrier = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        rng = np.random.default_rng(seed)
        barrier.wait()
        try:
            for _ in range(rounds):
                k = int(rng.integers(0, 20))
                result = double(np.array([float(k)]))
                assert result.tolist() == [2.0 * k]
                assert double.cache_len() <= 8
        except BaseException as error:  # reported on the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert double.cache_len() == 8


def test_a_result_that_is_an_argument_is_copied_so_the_callers_array_stays_writeable() -> None:
    @memoize(maxsize=2)
    def first_row(x):
        return x[0]  # a view of the caller's array

    data = np.arange(6.0).reshape(2, 3)
    row = first_row(data)
    assert not row.flags.writeable
    data[0, 0] = 10.0  # the caller's array is still theirs to change
    np.testing.assert_array_equal(row, [0.0, 1.0, 2.0])
