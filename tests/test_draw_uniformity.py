"""The draw is fair: 20,000 seeded draws of 3 from 17 eligible reviewers are consistent with uniform selection, per
reviewer, per pair and per panel (chi-square, p > 0.001); two classic broken samplers fed by the same random stream fail
the same check, so the check has teeth.

Per-reviewer and per-pair counts from draws *without replacement* are not multinomial; the statistics are referred to
their exact asymptotic laws (a scaled chi-square for reviewers, a weighted sum of two chi-squares for pairs, from the
eigenvalues of the pair covariance in the Johnson scheme J(k, 2)); the per-panel test is an ordinary multinomial test
over all C(17, 3) = 680 possible panels.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence

import pytest

from handover.draw import algorithm as draw
from tests.chisquare import chi2_sf, weighted_sf

K, M, DRAWS, ALPHA = 17, 3, 20_000, 0.001
# no composition constraints: everyone may lead and everyone works somewhere else
POOL = tuple(draw.Candidate(f"U-{i:02d}", f"评审{i}", f"单位{i:02d}", True) for i in range(K))
SNAPSHOT = draw.Snapshot(case={"id": 1}, draw_date="2026-01-01", panel_size=M, alternates=0, pool=POOL, excluded=())
INDEX = {c.certificate_no: i for i, c in enumerate(POOL)}
POOL_HASH = bytes.fromhex(SNAPSHOT.sha256())

Sampler = Callable[[bytes], Sequence[int]]


def seeds() -> list[bytes]:
    return [hashlib.sha256(b"uniformity-%d" % i).digest() for i in range(DRAWS)]


def production(seed: bytes) -> list[int]:
    selection = draw.select(SNAPSHOT, seed)
    return [INDEX[c.certificate_no] for c in selection.panel]


def naive_shuffle(seed: bytes) -> list[int]:
    """The well-known wrong shuffle (swap each position with any position), then take the first three."""
    stream = draw.Stream(seed, POOL_HASH)
    order = list(range(K))
    for i in range(K):
        j = stream.below(K)
        order[i], order[j] = order[j], order[i]
    return order[:M]


def modulo_bias(seed: bytes) -> list[int]:
    """Pick with `small random number % n` (5 random bits): low indices come up more often."""
    stream = draw.Stream(seed, POOL_HASH)
    rest = list(range(K))
    return [rest.pop((stream.u64() >> 59) % len(rest)) for _ in range(M)]


def p_values(panels: Sequence[Sequence[int]], k: int = K, m: int = M) -> dict[str, float]:
    d = len(panels)
    per = Counter(i for panel in panels for i in panel)
    expected = d * m / k
    stat = sum((per[i] - expected) ** 2 / expected for i in range(k))
    reviewer = weighted_sf(stat, [((k - m) / (k - 1), k - 1)])

    q = m * (m - 1) / (k * (k - 1))  # P(a given pair is drawn together)
    r1 = q * (m - 2) / (k - 2)  # P(three given reviewers all drawn)
    r0 = r1 * (m - 3) / (k - 3)  # P(four given reviewers all drawn)
    c_same, c_share, c_disjoint = q * (1 - q), r1 - q * q, r0 - q * q
    weights = [
        ((c_same + c_share * (k - 4) + c_disjoint * (3 - k)) / q, k - 1),
        ((c_same - 2 * c_share + c_disjoint) / q, k * (k - 3) // 2),
    ]
    pairs = Counter(pair for panel in panels for pair in itertools.combinations(sorted(panel), 2))
    expected = d * q
    stat = sum((pairs[p] - expected) ** 2 / expected for p in itertools.combinations(range(k), 2))
    pair = weighted_sf(stat, weights)

    cells = math.comb(k, m)
    whole = Counter(tuple(sorted(panel)) for panel in panels)
    expected = d / cells
    stat = sum((whole[t] - expected) ** 2 / expected for t in itertools.combinations(range(k), m))
    panel = chi2_sf(stat, cells - 1)
    return {"reviewer": reviewer, "pair": pair, "panel": panel}


@pytest.fixture(scope="module")
def all_seeds() -> list[bytes]:
    return seeds()


def test_production_draw_is_uniform_per_reviewer_pair_and_panel(all_seeds: list[bytes]) -> None:
    panels = [production(seed) for seed in all_seeds]
    assert all(len(set(p)) == M for p in panels)
    p = p_values(panels)
    assert min(p.values()) > ALPHA, p


@pytest.mark.parametrize("sampler", [naive_shuffle, modulo_bias], ids=["naive-shuffle", "modulo-bias"])
def test_biased_samplers_fail_the_same_check(sampler: Sampler, all_seeds: list[bytes]) -> None:
    panels = [sampler(seed) for seed in all_seeds]
    assert all(len(set(p)) == M for p in panels)
    p = p_values(panels)
    assert min(p.values()) < ALPHA, p


@pytest.mark.parametrize(
    ("x", "df", "expected"),
    [
        (3.841458820694124, 1, 0.05),
        (10, 10, 0.44049328506521257),
        (135, 135, 0.4838128093053539),
        (200, 135, 0.00023748960255799855),
        (30, 16, 0.018002193147830754),
        (800, 679, 0.0008910104539213184),
        (0.5, 3, 0.9188914116546758),
        (60, 16, 5.233734167070702e-07),
    ],
)
def test_chisquare_matches_reference_values(x: float, df: int, expected: float) -> None:
    # reference values from scipy.stats.chi2.sf
    assert chi2_sf(x, df) == pytest.approx(expected, rel=1e-9)


def test_pair_weights_give_the_exact_mean_of_the_pair_statistic() -> None:
    # under uniformity E[Σ(O−E)²/E] = C(k,2)·(1−q): the eigenvalue weights must add up to it
    q = M * (M - 1) / (K * (K - 1))
    r1 = q * (M - 2) / (K - 2)
    c_same, c_share, c_disjoint = q * (1 - q), r1 - q * q, -q * q
    mean = (c_same + c_share * (K - 4) + c_disjoint * (3 - K)) / q * (K - 1) + (
        c_same - 2 * c_share + c_disjoint
    ) / q * (K * (K - 3) // 2)
    assert mean == pytest.approx(math.comb(K, 2) * (1 - q))
