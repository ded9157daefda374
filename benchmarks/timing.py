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
