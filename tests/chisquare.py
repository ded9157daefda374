"""Chi-square tail probabilities for the draw's uniformity test, written out so the tests need no SciPy.

`chi2_sf(x, df)` is the regularised upper incomplete gamma function Q(df/2, x/2): a power series below a+1, Lentz's
continued fraction above (as in Numerical Recipes §6.2). `test_chisquare_matches_reference_values` pins it against SciPy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def _lower_series(a: float, x: float) -> float:
    term = total = 1.0 / a
    n = a
    for _ in range(10_000):
        n += 1.0
        term *= x / n
        total += term
        if abs(term) < abs(total) * 1e-15:
            break
    return total * math.exp(-x + a * math.log(x) - math.lgamma(a))


def _upper_fraction(a: float, x: float) -> float:
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h


def chi2_sf(x: float, df: float) -> float:
    """P(X ≥ x) for X ~ chi-square with df degrees of freedom."""
    if x <= 0:
        return 1.0
    a, half = df / 2.0, x / 2.0
    if half < a + 1.0:
        return 1.0 - _lower_series(a, half)
    return _upper_fraction(a, half)


def weighted_sf(statistic: float, weights: Sequence[tuple[float, int]]) -> float:
    """P(Σ w_j χ²(d_j) ≥ statistic), by Satterthwaite's scaled chi-square with the same mean and variance."""
    mean = sum(w * d for w, d in weights)
    variance = 2 * sum(w * w * d for w, d in weights)
    scale = variance / (2 * mean)
    dof = 2 * mean * mean / variance
    return chi2_sf(statistic / scale, dof)
