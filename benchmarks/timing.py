"""Timing helpers shared by the benchmark scripts: run a callable a few times, print median and min in one format."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def show(name: str, times: list[float]) -> None:
    print(
        f"{name:<44} median {statistics.median(times):8.1f} ms   min {min(times):8.1f} ms   "
        f"max {max(times):8.1f} ms   (n={len(times)})"
    )


def compare(name: str, times: list[float], reference: str, reference_times: list[float]) -> None:
    """A figure beside its reference measured in the same run, as the ratio of the medians."""
    ratio = statistics.median(times) / statistics.median(reference_times)
    print(f"{name:<44} median {statistics.median(times):8.1f} ms   = {ratio:6.1f} × {reference} "
          f"({statistics.median(reference_times):.1f} ms)")
