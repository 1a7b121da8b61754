"""Line-break hints for Thai, which writes no spaces between words."""

from __future__ import annotations

from collections.abc import Callable

ZWSP = "\u200b"
_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46")  # never start a line
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # start a syllable
_SYLLABLE_ENDS = frozenset("\u0e30\u0e33\u0e46\u0e2f\u0e4c")  # end a syllable


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _cluster_safe(word: str, i: int) -> bool:
    """A break between word[i-1] and word[i] keeps every vowel and tone mark on its consonant."""
    return word[i] not in _MARKS | _FOLLOWING_VOWELS and word[i - 1] not in _LEADING_VOWELS


def _syllable_break(word: str, i: int) -> bool:
    if not _cluster_safe(word, i):
        return False
    before, after = word[i - 1], word[i]
    return (
        after in _LEADING_VOWELS
        or before in _SYLLABLE_ENDS
        or (_is_thai(before) != _is_thai(after) and after not in ".,;:)")
    )


def _split_at(word: str, allowed: Callable[[str, int], bool]) -> list[str]:
    cuts = [0, *(i for i in range(1, len(word)) if allowed(word, i)), len(word)]
    return [word[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def _hint_word(word: str, fits: Callable[[str], bool]) -> str:
    if fits(word):
        return word
    pieces: list[str] = []
    for piece in _split_at(word, _syllable_break):
        pieces.extend([piece] if fits(piece) else _split_at(piece, _cluster_safe))
    return ZWSP.join(pieces)


def thai_break_hints(text: str, fits: Callable[[str], bool]) -> str:
    """Add zero-width spaces where a too-long Thai run may wrap.

    Thai writes no spaces between words, and fpdf2 otherwise cuts an over-long run at any
    character, which can strand a vowel or tone mark at the start of a line. Words that fit
    are left alone; the others get break chances before leading vowels and after syllable
    ends, and only a piece that still does not fit is opened at every cluster boundary.
    """
    return "\n".join(
        " ".join(_hint_word(word, fits) if word else word for word in line.split(" "))
        for line in text.split("\n")
    )
