"""Small exact statistics for the committee pack: Fisher's exact test and Spearman's rank correlation.

Plain functions of counts and lists, no SciPy: Fisher's test sums the hypergeometric
distribution exactly with integers for tables up to EXACT_LIMIT people, and in log space
(relative error ~1e-12) above that, so that a million-engineer org stays fast.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

EXACT_LIMIT = 2_000  # tables with more people are summed in log space
_LOG_TOLERANCE = 1e-7  # relative slack when comparing a table's probability with the observed one (as R and SciPy do)


def fisher_exact_two_sided(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for the 2x2 table [[a, b], [c, d]].

    Rows are the two groups, columns outcome yes / no. With the margins fixed, the count in
    the first cell is hypergeometric; p is the total probability of every table no more
    likely than the observed one.
    """
    if min(a, b, c, d) < 0:
        raise ValueError(f"table [[{a}, {b}], [{c}, {d}]] has a negative count")
    if a + b + c + d <= EXACT_LIMIT:
        return fisher_exact_integers(a, b, c, d)
    return fisher_log_space(a, b, c, d)


def _support(a: int, b: int, c: int, d: int) -> tuple[int, int, int, int, int]:
    """The margins row1, row2, col1 and the range lo..hi the first cell can take under them."""
    row1, row2, col1 = a + b, c + d, a + c
    return row1, row2, col1, max(0, col1 - row2), min(row1, col1)


def fisher_exact_integers(a: int, b: int, c: int, d: int) -> float:
    """Fisher's two-sided p summed exactly: C(row1, x) * C(row2, col1 - x) / C(n, col1) over the tables as extreme."""
    row1, row2, col1, lo, hi = _support(a, b, c, d)
    weights = [math.comb(row1, x) * math.comb(row2, col1 - x) for x in range(lo, hi + 1)]
    observed = weights[a - lo]
    tail = sum(w for w in weights if w <= observed)  # integers: no rounding decides "as extreme"
    return float(Fraction(tail, math.comb(row1 + row2, col1)))


def fisher_log_space(a: int, b: int, c: int, d: int) -> float:
    """Fisher's two-sided p in log space (for large tables), from the ratio of successive probabilities."""
    row1, row2, col1, lo, hi = _support(a, b, c, d)
    if lo == hi:
        return 1.0
    x = np.arange(lo, hi, dtype=np.float64)
    # P(x+1)/P(x) = (row1-x)(col1-x) / ((x+1)(row2-col1+x+1)), accumulated from P(lo)
    log_ratio = np.log(row1 - x) + np.log(col1 - x) - np.log(x + 1) - np.log(row2 - col1 + x + 1)
    log_p = np.concatenate(([0.0], np.cumsum(log_ratio)))
    log_p -= log_p.max()
    weights = np.exp(log_p)
    tail = weights[log_p <= log_p[a - lo] + _LOG_TOLERANCE].sum()
    return float(min(1.0, tail / weights.sum()))


def average_ranks(values: list[float]) -> list[float]:
    """Ranks 1..n of `values`, ties given the mean of the ranks they share."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman_rho(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation (Pearson's r of the average ranks); None when fewer than 3 pairs or one side is constant."""
    if len(xs) != len(ys):
        raise ValueError("spearman_rho needs two lists of the same length")
    if len(xs) < 3:
        return None
    rx, ry = average_ranks(xs), average_ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((x - mx) * (y - my) for x, y in zip(rx, ry))
    sxx = sum((x - mx) ** 2 for x in rx)
    syy = sum((y - my) ** 2 for y in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def below_ratio(numerator_hits: int, numerator_n: int, reference_hits: int, reference_n: int, threshold: Fraction) -> bool:
    """Whether rate(numerator) / rate(reference) < threshold, decided exactly on the counts (0.48/0.60 is not below 0.8)."""
    if numerator_n == 0 or reference_n == 0 or reference_hits == 0:
        return False
    return Fraction(numerator_hits, numerator_n) < threshold * Fraction(reference_hits, reference_n)
