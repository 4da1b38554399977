"""Analytic Hierarchy Process: criterion weights from a pairwise comparison matrix.

A rubric may derive its criterion weights from the judges' pairwise comparisons instead of
fixed group weights (docs/aturan.md §7.6). Saaty's eigenvector method: the weights are the
principal right eigenvector of the reciprocal matrix, normalised to sum 1; the principal
eigenvalue ``lambda_max`` measures the inconsistency of the judgements through the
consistency index ``CI = (lambda_max - n) / (n - 1)`` and the consistency ratio
``CR = CI / RI``, with Saaty's random index ``RI``. ``CR <= 0.10`` is acceptable.

:func:`ahp_weights` validates the matrix (raising :class:`ValueError`, which the caller
translates into a rubric error) and then runs the numeric kernel. Parsing a matrix from a
file is not done here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "CONSISTENCY_THRESHOLD",
    "RANDOM_INDEX",
    "AhpResult",
    "ahp_weights",
    "check_pairwise_matrix",
]

FloatArray = NDArray[np.float64]

#: Saaty's random consistency index for matrices of order 1..15 (``RANDOM_INDEX[n - 1]``).
RANDOM_INDEX: Final[tuple[float, ...]] = (
    0.0,
    0.0,
    0.58,
    0.90,
    1.12,
    1.24,
    1.32,
    1.41,
    1.45,
    1.49,
    1.51,
    1.48,
    1.56,
    1.57,
    1.59,
)

#: Largest consistency ratio Saaty accepts.
CONSISTENCY_THRESHOLD: Final = 0.10

#: Default tolerance on ``a[i, j] * a[j, i] == 1`` and on the unit diagonal. Judges often
#: type 1/k with two decimals (0.33, 0.14, 0.11, 0.13 for 1/8), which is off by up to 4 %.
DEFAULT_TOLERANCE: Final = 0.05


@dataclass(frozen=True, eq=False)
class AhpResult:
    """Outcome of :func:`ahp_weights`.

    ``weights`` (read-only, sums to 1) follows the row order of the matrix.
    ``consistency_ratio`` is 0 for ``n <= 2``: every reciprocal matrix that small is
    consistent, and Saaty's random index is 0 there.
    """

    weights: FloatArray
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float

    @property
    def is_consistent(self) -> bool:
        """``True`` when ``consistency_ratio <= 0.10`` (Saaty's threshold)."""
        return self.consistency_ratio <= CONSISTENCY_THRESHOLD


def check_pairwise_matrix(matrix: ArrayLike, *, tolerance: float = DEFAULT_TOLERANCE) -> FloatArray:
    """Return ``matrix`` as floats if it is a valid pairwise comparison matrix.

    Valid means: square with at least one row, at most 15 rows (the extent of the random
    index table), every entry finite and positive, ``|a[i, i] - 1| <= tolerance`` and
    ``|a[i, j] * a[j, i] - 1| <= tolerance``. Otherwise :class:`ValueError` names the
    first problem and the offending cell (0-based row, column).

    >>> check_pairwise_matrix([[1, 3], [1 / 3, 1]]).shape
    (2, 2)
    >>> check_pairwise_matrix([[1, 3], [3, 1]])
    Traceback (most recent call last):
    ...
    ValueError: not reciprocal: a[0, 1] * a[1, 0] = 9 (should be 1)
    """
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise ValueError(f"a pairwise comparison matrix must be square, got shape {values.shape}")
    n = values.shape[0]
    if n == 0:
        raise ValueError("a pairwise comparison matrix needs at least one row")
    if n > len(RANDOM_INDEX):
        raise ValueError(
            f"the random index is tabulated for at most {len(RANDOM_INDEX)} criteria, got {n}"
        )
    bad = np.argwhere(~np.isfinite(values) | (values <= 0))
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise ValueError(f"entries must be positive numbers: a[{i}, {j}] = {values[i, j]:g}")
    diagonal_error = np.abs(np.diagonal(values) - 1.0)
    if np.any(diagonal_error > tolerance):
        i = int(np.argmax(diagonal_error))
        raise ValueError(f"the diagonal must be 1: a[{i}, {i}] = {values[i, i]:g}")
    product_error = np.abs(values * values.T - 1.0)
    bad = np.argwhere(np.triu(product_error > tolerance, k=1))
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise ValueError(
            f"not reciprocal: a[{i}, {j}] * a[{j}, {i}] = {values[i, j] * values[j, i]:g} "
            "(should be 1)"
        )
    return values


def _principal_eigenpair(values: FloatArray) -> tuple[FloatArray, float]:
    """Perron eigenvector (normalised to sum 1) and eigenvalue of a positive matrix."""
    eigenvalues, eigenvectors = np.linalg.eig(values)
    # For a positive matrix the Perron root is real, simple and the largest in modulus;
    # eig returns it with a tiny imaginary part at most, so the largest real part finds it.
    index = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, index].real)
    weights: FloatArray = vector / vector.sum()
    return weights, float(eigenvalues[index].real)


def ahp_weights(matrix: ArrayLike, *, tolerance: float = DEFAULT_TOLERANCE) -> AhpResult:
    """Criterion weights and consistency of a pairwise comparison matrix (Saaty's AHP).

    ``matrix[i, j]`` says how much more important criterion ``i`` is than ``j`` on Saaty's
    1-9 scale. The matrix is checked by :func:`check_pairwise_matrix` (``ValueError``
    otherwise); it is used as given, not symmetrised. ``CI`` is clamped at 0, since
    ``lambda_max >= n`` for a reciprocal matrix and a tiny negative value is rounding.

    >>> result = ahp_weights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    >>> result.weights.round(3).tolist()
    [0.637, 0.258, 0.105]
    >>> round(result.lambda_max, 3), round(result.consistency_ratio, 3), result.is_consistent
    (3.039, 0.033, True)
    """
    values = check_pairwise_matrix(matrix, tolerance=tolerance)
    n = values.shape[0]
    weights, lambda_max = _principal_eigenpair(values)
    weights.setflags(write=False)
    consistency_index = max((lambda_max - n) / (n - 1), 0.0) if n > 1 else 0.0
    random_index = RANDOM_INDEX[n - 1]
    consistency_ratio = consistency_index / random_index if n > 2 else 0.0
    return AhpResult(
        weights=weights,
        lambda_max=lambda_max,
        consistency_index=consistency_index,
        random_index=random_index,
        consistency_ratio=consistency_ratio,
    )
