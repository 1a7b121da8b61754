"""Thai 13-digit citizen IDs: checksum, masking, and a synthetic range that no real person has."""

from __future__ import annotations

import numpy as np
import pandas as pd

WEIGHTS = np.arange(13, 1, -1)  # digit i (1..12) is weighted 14 - i

# Synthetic IDs start with "999": digits 2-3 of a real ID are the registering province's code and
# no Thai province has code 99, so these numbers can never belong to a real person.
SYNTHETIC_PREFIX = "999"


_WEIGHTS = tuple(int(w) for w in WEIGHTS)  # Python ints: numpy scalars are slow one at a time


def check_digit(first12: str) -> int:
    total = sum(int(d) * w for d, w in zip(first12, _WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def is_valid(citizen_id: str) -> bool:
    """True for a 13-digit string whose last digit is the checksum of the first twelve."""
    text = str(citizen_id)
    if len(text) != 13 or not (text.isascii() and text.isdigit()):  # "²".isdigit() is True
        return False
    return check_digit(text[:12]) == int(text[12])


def valid_mask(ids: pd.Series) -> np.ndarray:
    """Vectorised ``is_valid`` over a Series of strings."""
    text = ids.astype("string").fillna("")
    ok = text.str.fullmatch(r"[0-9]{13}").fillna(False).to_numpy(dtype=bool)
    if not ok.any():
        return ok
    digits = np.frombuffer("".join(text[ok]).encode("ascii"), dtype=np.uint8).reshape(-1, 13) - 48
    expected = (11 - (digits[:, :12].astype(np.int64) @ WEIGHTS) % 11) % 10
    ok[np.flatnonzero(ok)] = expected == digits[:, 12]
    return ok


def synthetic_ids(serials: np.ndarray) -> np.ndarray:
    """Checksum-valid IDs ``999`` + 9-digit serial + check digit, for serials below 10**9."""
    serials = np.asarray(serials, dtype=np.int64)
    if serials.size and (serials.min() < 0 or serials.max() >= 10**9):
        raise ValueError("synthetic serials must be in [0, 10**9)")
    first12 = 999 * 10**9 + serials
    digits = (first12[:, None] // 10 ** np.arange(11, -1, -1)) % 10
    check = (11 - (digits @ WEIGHTS) % 11) % 10
    return (first12 * 10 + check).astype(str)


def mask(citizen_id: str) -> str:
    """Show only the first and last digit groups, e.g. ``1-xxxx-xxxxx-xx-3``."""
    text = str(citizen_id)
    if len(text) != 13:
        return "x" * len(text)
    return f"{text[0]}-xxxx-xxxxx-{text[10:12]}-{text[12]}"


def mask_series(ids: pd.Series) -> pd.Series:
    text = ids.astype(str)
    return text.str[0] + "-xxxx-xxxxx-" + text.str[10:12] + "-" + text.str[12]
